"""What a funnel says: step table, biggest leak and its worth, breakdowns, trend, the sales
identity, time to convert and when people come. All functions take a :class:`FunnelData`
(or canonical frames) and return frames or frozen dataclasses; nothing here draws."""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd

from ecom_core import metrics, stats
from ecom_core.funnel.build import FunnelData, step_type
from ecom_core.load.dataset import AnalysisError

DAYS_PER_MONTH = 365.25 / 12
MIN_SEGMENT = 30  # fewer units entering a step than this: too small to judge
ALPHA = 0.05
#: A step converting at least this share of those entering it is not a leak: what is left to
#: win there (under 5 points) is small next to the noise of a month's data, and such steps
#: (paid -> not refunded, order -> paid on platforms that take payment at checkout) are
#: where shops lose least. Below it, and with at least :data:`MIN_SEGMENT` entering, a step
#: can be the biggest leak.
LEAK_RATE = 0.95


def table(data: FunnelData) -> pd.DataFrame:
    """Counts and rates per step.

    Returns
    -------
    DataFrame
        Columns ``step``, ``count`` (units reaching the step: users, orders, or summed daily
        counts), ``rate_from_start`` (count ÷ first step's count) and ``rate_from_previous``
        (count ÷ previous step's count; 1.0 for the first step). Rates are NaN where the
        denominator is 0.
    """
    counts = data.units[list(data.steps)].sum().to_numpy(dtype="int64")
    return _rates(pd.DataFrame({"step": list(data.steps), "count": counts}))


def _rates(frame: pd.DataFrame) -> pd.DataFrame:
    counts = frame["count"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        start = counts / counts[0] if len(counts) and counts[0] > 0 else np.full(len(counts), np.nan)
        previous = np.r_[1.0, counts[1:] / counts[:-1]] if len(counts) else counts
    previous = np.where(np.isfinite(previous), previous, np.nan)
    return frame.assign(rate_from_start=start, rate_from_previous=previous)


def shop_metrics(data: FunnelData) -> dict[str, float]:
    """The platforms' headline metrics for traffic data (DESIGN.md's definitions).

    Returns
    -------
    dict
        ``visitors``, ``cart_rate`` (加购率), ``order_rate`` (下单转化率), ``order_to_pay``
        (下单-支付转化率), ``pay_rate`` (支付转化率), ``aov`` (客单价), ``uv_value`` (UV价值),
        ``paid_amount``: whichever the data's columns allow; rates NaN when a denominator is 0.
    """
    sums = data.units[[*data.steps, "revenue"]].sum()
    get = sums.get

    def ratio(a, b):
        return float(a / b) if a is not None and b else float("nan")

    out = {"visitors": float(sums["visitors"])} if "visitors" in sums else {}
    if "cart_adds" in sums:
        out["cart_rate"] = ratio(get("cart_adds"), get("visitors"))
    if "orderers" in sums:
        out["order_rate"] = ratio(get("orderers"), get("visitors"))
    if "orderers" in sums and "payers" in sums:
        out["order_to_pay"] = ratio(get("payers"), get("orderers"))
    if "payers" in sums:
        out["pay_rate"] = ratio(get("payers"), get("visitors"))
        out["paid_amount"] = float(sums["revenue"])
        out["aov"] = ratio(sums["revenue"], get("payers"))
        out["uv_value"] = ratio(sums["revenue"], get("visitors"))
    return out


def aov(data: FunnelData) -> float:
    """Average value of a last-step unit (客单价): revenue ÷ last step's count; NaN when the
    data carries no revenue or nobody reached the last step."""
    last = data.units[data.steps[-1]].sum()
    revenue = data.units["revenue"].sum()
    return float(revenue / last) if last and revenue > 0 else float("nan")


def select(data: FunnelData, period=(), channels=()) -> FunnelData:
    """The units of ``data`` within ``period`` (``(first_day, last_day)`` inclusive, or one
    day, or empty for all) and, when given, of the ``channels``; an error when that leaves
    nothing to analyse (see :func:`check_selection`)."""
    chosen = data.between(*_span(period))
    if channels:
        chosen = chosen.where("channel", channels)
    return check_selection(chosen, data)


def check_selection(data: FunnelData, full: FunnelData) -> FunnelData:
    """``data`` (a date or channel selection of ``full``) unchanged, or an error when it leaves
    nothing to analyse.

    Raises
    ------
    AnalysisError
        ``fn_err_empty_range`` (naming the dates the data covers) when no unit is left,
        ``fn_err_nobody`` when nobody reached the first step.
    """
    if data.units.empty:
        first, last = (f"{d:%Y-%m-%d}" if d is not None else "–" for d in (full.first_day, full.last_day))
        raise AnalysisError("fn_err_empty_range", first=first, last=last)
    if data.units[data.steps[0]].sum() == 0:
        raise AnalysisError("fn_err_nobody")
    return data


@dataclass(frozen=True)
class UnitValue:
    """What one more unit reaching the last step is worth, and where that figure comes from.

    ``figure`` is ``aov_buyer`` (客单价: paid revenue ÷ buyers, or paid amount ÷ payers,
    purchase revenue ÷ purchasers) or ``aov_order`` (笔单价: paid revenue ÷ paid orders);
    ``source`` is ``orders`` (the metric layer over ``start`` – ``end``: the home page's
    current period when orders are loaded), ``traffic`` or ``events`` (the funnel's own
    revenue, whole selection). ``value`` is NaN when no revenue is known anywhere."""

    value: float
    figure: str
    source: str
    start: pd.Timestamp | None = None
    end: pd.Timestamp | None = None

    @property
    def known(self) -> bool:
        return bool(np.isfinite(self.value))


def valuation(data: FunnelData, orders: pd.DataFrame | None = None) -> UnitValue:
    """The value of one more last-step unit, from the metric layer when orders are loaded.

    With orders (any mode), it is :func:`ecom_core.metrics.summary` over the home page's
    current period (:func:`ecom_core.metrics.periods` of the order times), so it equals the
    home page's card: 笔单价 ``aov_order`` for the orders funnel (its units are orders),
    客单价 ``aov_buyer`` for the traffic and clickstream funnels (their last step counts
    payers or purchasers). Without orders, or when the orders have no paid revenue in that
    period, the funnel's own value: paid amount ÷ payers (traffic, the platforms' 客单价),
    purchase revenue ÷ purchasers (events), paid revenue ÷ paid orders (orders).
    """
    figure = "aov_order" if data.mode == "orders" else "aov_buyer"
    if orders is not None and not orders.empty:
        p = metrics.periods(orders["order_time"])
        value = float(metrics.summary(orders, None, p.start, p.end)[figure])
        if np.isfinite(value) and value > 0:
            return UnitValue(value, figure, "orders", p.start, p.end)
    if data.mode == "orders":
        paid = float(data.units["paid"].sum())
        revenue = float(data.units["paid_revenue"].sum()) if "paid_revenue" in data.units else 0.0
        value = revenue / paid if paid and revenue > 0 else float("nan")
        return UnitValue(value, figure, "orders", data.first_day, data.last_day)
    return UnitValue(aov(data), figure, data.mode, data.first_day, data.last_day)


def unit_value(data: FunnelData, orders: pd.DataFrame | None = None) -> float:
    """:func:`valuation`'s value: what one more last-step unit is worth (NaN when unknown)."""
    return valuation(data, orders).value


def days_covered(data: FunnelData) -> int:
    """Calendar days from the first to the last unit, at least 1."""
    if data.units.empty:
        return 1
    return max(1, int((data.last_day - data.first_day).days) + 1)


@dataclass(frozen=True)
class Overview:
    """What the funnel view shows first: the step table, the biggest leak, the segment worst
    at it, shop metrics (traffic) and the time to convert."""

    table: pd.DataFrame
    leak: Leak | None
    weakest: pd.Series | None
    metrics: dict[str, float]
    times: pd.DataFrame
    buckets: pd.DataFrame
    verdict: str = "leak"  # see :func:`leak_verdict`


def overview(data: FunnelData) -> Overview:
    """Everything :class:`Overview` holds, computed once for a funnel."""
    steps = table(data)
    leak = biggest_leak(steps)
    return Overview(
        verdict=leak_verdict(steps),
        table=steps,
        leak=leak,
        weakest=weakest_segment(data, leak, data.dimensions) if leak is not None else None,
        metrics=shop_metrics(data) if data.mode == "traffic" else {},
        times=time_to_convert(data),
        buckets=time_buckets(data),
    )


# ---- the biggest leak and what fixing it is worth ----------------------------------------
@dataclass(frozen=True)
class Leak:
    """The weakest transition of a funnel.

    ``index`` is the position of the step being entered (1 = from step 0 to step 1);
    ``kind`` names the transition for its diagnosis (``view_to_cart``, ``cart_to_checkout``,
    ... or ``generic``)."""

    index: int
    from_step: str
    to_step: str
    rate: float
    lost: int
    kind: str


_TRANSITIONS = {
    ("visit", "view"): "visit_to_view",
    ("visit", "cart"): "view_to_cart",
    ("view", "cart"): "view_to_cart",
    ("cart", "checkout"): "cart_to_checkout",
    ("cart", "purchase"): "cart_to_checkout",
    ("checkout", "purchase"): "checkout_to_purchase",
    ("purchase", "completed"): "purchase_to_completed",
}


def transition_kind(from_step: str, to_step: str) -> str:
    """Which diagnosis applies between two steps, from the kinds of their names."""
    return _TRANSITIONS.get((step_type(from_step), step_type(to_step)), "generic")


def _leak_candidates(steps: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per transition (index 1..): its rate, whether anyone entered, whether it may be a leak
    (rate below :data:`LEAK_RATE` with at least :data:`MIN_SEGMENT` entering)."""
    rates = steps["rate_from_previous"].to_numpy(dtype=float)[1:]
    entering = steps["count"].to_numpy(dtype=float)[:-1]
    entered = (entering > 0) & np.isfinite(rates)
    leaky = entered & (rates < LEAK_RATE) & (entering >= MIN_SEGMENT)
    return rates, entered, leaky


def leak_verdict(steps: pd.DataFrame) -> str:
    """Whether a funnel (a frame from :func:`table`) has a leak worth naming.

    Returns
    -------
    str
        ``"leak"`` (:func:`biggest_leak` names one), ``"sound"`` (every step that anyone
        entered converts at :data:`LEAK_RATE` or more: no leak worth fixing), ``"small"``
        (the steps converting below it have fewer than :data:`MIN_SEGMENT` entering: too
        few to call a leak) or ``"empty"`` (nobody entered any step after the first).
    """
    rates, entered, leaky = _leak_candidates(steps)
    if leaky.any():
        return "leak"
    if not entered.any():
        return "empty"
    return "small" if (entered & (rates < LEAK_RATE)).any() else "sound"


def lowest_step(steps: pd.DataFrame) -> int | None:
    """Index of the transition with the lowest step conversion among those anyone entered
    (1 = from step 0 to step 1), or None."""
    rates, entered, _ = _leak_candidates(steps)
    if not entered.any():
        return None
    return int(np.where(entered, rates, np.inf).argmin()) + 1


def biggest_leak(steps: pd.DataFrame) -> Leak | None:
    """The transition with the lowest step conversion (``rate_from_previous``), when it is a
    leak: converting below :data:`LEAK_RATE` with at least :data:`MIN_SEGMENT` entering.

    Parameters
    ----------
    steps
        A frame from :func:`table`.

    Returns
    -------
    Leak or None
        None when no transition is a leak (see :func:`leak_verdict` for why).
    """
    rates, _, leaky = _leak_candidates(steps)
    if not leaky.any():
        return None
    i = int(np.where(leaky, rates, np.inf).argmin()) + 1
    counts = steps["count"].to_numpy()
    a, b = str(steps["step"].iloc[i - 1]), str(steps["step"].iloc[i])
    return Leak(i, a, b, float(rates[i - 1]), int(counts[i - 1] - counts[i]), transition_kind(a, b))


@dataclass(frozen=True)
class WhatIf:
    """Raising one step's conversion by ``points`` (0.01 = one percentage point)."""

    index: int
    rate: float
    new_rate: float
    extra_per_month: float  # more units reaching the last step, per month
    revenue_per_month: float  # at the current AOV; NaN when it is unknown
    aov: float


def what_if(data: FunnelData, index: int, points: float, value: float | None = None) -> WhatIf:
    """What raising the conversion into step ``index`` by ``points`` would add per month.

    More units entering step ``index`` flow on at the current downstream rates, so the gain
    at the end is ``entering × points × (last ÷ reached)``; it is scaled to a month of
    :data:`DAYS_PER_MONTH` days from the days the data covers and valued at ``value`` per
    last-step unit (default: :func:`aov`). The new rate is capped at 100%.

    Raises
    ------
    AnalysisError
        ``fn_err_step_index`` when ``index`` is not a transition of the funnel.
    """
    steps = table(data)
    if not 1 <= index < len(steps):
        raise AnalysisError("fn_err_step_index")
    counts = steps["count"].to_numpy(dtype=float)
    entering, reached, last = counts[index - 1], counts[index], counts[-1]
    rate = reached / entering if entering else float("nan")
    new_rate = min(1.0, rate + points) if entering else float("nan")
    downstream = last / reached if reached else _typical_downstream(steps, index)
    extra = entering * (new_rate - rate) * downstream if entering else 0.0
    per_month = extra * DAYS_PER_MONTH / days_covered(data)
    unit_value = aov(data) if value is None else float(value)
    return WhatIf(index, rate, new_rate, per_month, per_month * unit_value, unit_value)


def _typical_downstream(steps: pd.DataFrame, index: int) -> float:
    """Nobody reached the step: assume the later steps convert as they do now, 0 if unknown."""
    later = steps["rate_from_previous"].iloc[index + 1 :].fillna(0.0)
    return float(later.prod()) if len(later) else 1.0


def step_worth(data: FunnelData, points: float = 0.01, value: float | None = None) -> pd.DataFrame:
    """For every transition, what ``points`` more conversion would add per month.

    Returns
    -------
    DataFrame
        ``from_step``, ``to_step``, ``rate``, ``extra_per_month``, ``revenue_per_month``.
    """
    rows = []
    for i in range(1, len(data.steps)):
        w = what_if(data, i, points, value)
        rows.append((data.steps[i - 1], data.steps[i], w.rate, w.extra_per_month, w.revenue_per_month))
    return pd.DataFrame(
        rows, columns=["from_step", "to_step", "rate", "extra_per_month", "revenue_per_month"]
    )


# ---- breakdowns --------------------------------------------------------------------------
def breakdown(data: FunnelData, by: str, confidence: float = 0.95) -> pd.DataFrame:
    """Each segment's step conversion with a Wilson interval and a test against the rest.

    Parameters
    ----------
    data
        Funnel data; ``by`` must be one of its columns (e.g. ``channel``, ``device``).

    Returns
    -------
    DataFrame
        One row per segment × transition: ``segment``, ``from_step``, ``to_step``,
        ``entering``, ``converted``, ``rate``, ``ci_low``, ``ci_high``, ``rest_rate``,
        ``p_value`` (pooled two-proportion z-test against all other segments, Holm-adjusted
        across the segments of each transition), ``flag``: ``"higher"`` / ``"lower"`` when
        significant at 5%, ``"small"`` when fewer than :data:`MIN_SEGMENT` units entered,
        else ``""``. Segments are ordered by units at the first step.

    Raises
    ------
    AnalysisError
        ``fn_err_breakdown_column`` when ``by`` is absent, ``fn_err_breakdown_one`` when it
        has a single value.
    """
    if by not in data.units:
        raise AnalysisError("fn_err_breakdown_column", column=by)
    sums = data.units.groupby(by, observed=True, sort=False)[list(data.steps)].sum()
    if len(sums) < 2:
        raise AnalysisError("fn_err_breakdown_one", column=by)
    sums = sums.sort_values(data.steps[0], ascending=False, kind="stable")
    totals = sums.sum()
    parts = []
    for i in range(1, len(data.steps)):
        a, b = data.steps[i - 1], data.steps[i]
        entering = sums[a].to_numpy(dtype=float)
        converted = np.minimum(sums[b].to_numpy(dtype=float), entering)
        rest_n = totals[a] - entering
        rest_x = np.minimum(totals[b] - sums[b].to_numpy(dtype=float), rest_n)
        low, high = stats.wilson_interval(converted, entering, confidence)
        p = stats.two_proportion_p_value(rest_x, rest_n, converted, entering)
        with np.errstate(divide="ignore", invalid="ignore"):
            rate = np.where(entering > 0, converted / entering, np.nan)
            rest_rate = np.where(rest_n > 0, rest_x / rest_n, np.nan)
        adjusted = stats.holm(p)
        small = entering < MIN_SEGMENT
        flag = np.where(
            small,
            "small",
            np.where(adjusted < ALPHA, np.where(rate > rest_rate, "higher", "lower"), ""),
        )
        parts.append(
            pd.DataFrame(
                {
                    "segment": sums.index.astype(str),
                    "from_step": a,
                    "to_step": b,
                    "entering": entering.astype("int64"),
                    "converted": converted.astype("int64"),
                    "rate": rate,
                    "ci_low": low,
                    "ci_high": high,
                    "rest_rate": rest_rate,
                    "p_value": adjusted,
                    "flag": flag,
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


def weakest_segment(data: FunnelData, leak: Leak, dimensions) -> pd.Series | None:
    """The segment, over ``dimensions``, significantly worst at the leak's transition.

    Returns the breakdown row (with a ``dimension`` entry) of the lowest-rate segment
    flagged ``lower``, or None."""
    found = []
    for dim in dimensions:
        rows = breakdown(data, dim)
        rows = rows[(rows["to_step"] == leak.to_step) & (rows["flag"] == "lower")]
        found.append(rows.assign(dimension=dim))
    found = [f for f in found if not f.empty]
    if not found:
        return None
    rows = pd.concat(found, ignore_index=True)
    return rows.loc[rows["rate"].idxmin()]


# ---- trend -------------------------------------------------------------------------------
FREQUENCIES = {"D": "D", "W": "W-MON", "M": "MS"}


def trend(data: FunnelData, freq: str = "W") -> pd.DataFrame:
    """Step conversion per day (``D``), week starting Monday (``W``) or month (``M``).

    Returns
    -------
    DataFrame
        ``period`` (start of the day/week/month), ``from_step``, ``to_step``, ``entering``,
        ``rate`` (NaN when nobody entered), in time order.
    """
    if freq not in FREQUENCIES:
        raise AnalysisError("fn_err_freq")
    if data.units.empty:
        return pd.DataFrame(columns=["period", "from_step", "to_step", "entering", "rate"])
    start = data.units["period"].dt.to_period(freq if freq != "W" else "W-SUN").dt.start_time
    sums = data.units.groupby(start, sort=True)[list(data.steps)].sum()
    parts = []
    for i in range(1, len(data.steps)):
        a, b = data.steps[i - 1], data.steps[i]
        entering = sums[a].to_numpy(dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            rate = np.where(entering > 0, sums[b].to_numpy(dtype=float) / entering, np.nan)
        parts.append(
            pd.DataFrame(
                {
                    "period": sums.index,
                    "from_step": a,
                    "to_step": b,
                    "entering": entering.astype("int64"),
                    "rate": rate,
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


# ---- sales identity ----------------------------------------------------------------------
#: The identities the sales change is split by: 销售额 = 访客数 × 转化率 × 客单价 where the
#: funnel counts visitors, 销售额 = 支付订单数 × 笔单价 where it counts orders.
FACTORS: dict[str, tuple[str, ...]] = {
    "visitors": ("visitors", "conversion", "aov"),
    "orders": ("orders", "aov_order"),
}
#: With orders loaded, a clickstream whose last step (a purchase) counts fewer than this
#: share of the orders' buyers covers only part of the shop: its users are not the shop's
#: visitors, and buyers ÷ those users would overstate conversion.
MIN_COVERAGE = 0.5


@dataclass(frozen=True)
class SalesChange:
    """Sales in two periods, split by an identity, and what each factor contributed.

    Attributes
    ----------
    before, after
        The identity's figures in each period: ``sales`` and the factors (``visitors``,
        ``conversion``, ``aov`` (客单价); or ``orders``, ``aov_order`` (笔单价)), plus
        ``buyers`` where orders give them.
    factors
        The factors of the identity, in order (:data:`FACTORS`).
    effects
        Each factor's Shapley value (the average of its contribution over every order of
        changing the factors): they add up to the change in sales exactly, and zeros in
        either period need no special case.
    basis
        What "sales" is: ``orders`` (the orders' paid revenue, :func:`ecom_core.metrics.summary`:
        the home page's 支付金额 for the same dates), ``events`` (the clickstream's purchase
        revenue) or ``traffic`` (the traffic data's paid amount).
    note
        Catalog key of why the orders' identity was used although the funnel counts visitors
        (the clickstream covers too little of the shop, or not these dates), else None.
    """

    before: dict[str, float]
    after: dict[str, float]
    factors: tuple[str, ...]
    effects: tuple[float, ...]
    basis: str
    note: str | None = None

    @property
    def change(self) -> float:
        return self.after["sales"] - self.before["sales"]

    def effect(self, factor: str) -> float:
        """The effect of ``factor`` on sales (NaN when it is not a factor of the identity)."""
        return self.effects[self.factors.index(factor)] if factor in self.factors else float("nan")

    @property
    def visitor_effect(self) -> float:
        return self.effect("visitors")

    @property
    def conversion_effect(self) -> float:
        return self.effect("conversion")

    @property
    def aov_effect(self) -> float:
        return self.effect("aov")


def sales_identity(data: FunnelData) -> dict[str, float]:
    """The funnel's own identity figures. Traffic and events: ``visitors`` (first step),
    ``conversion`` (last ÷ first), ``aov`` (revenue ÷ last) and ``sales`` (revenue: the
    traffic's paid amount, the clickstream's purchase revenue). Orders: ``orders`` (paid
    orders), ``aov_order`` (paid revenue ÷ paid orders) and ``sales`` (paid revenue). The
    identity holds whenever the last step (the paid orders) has anyone."""
    if data.mode == "orders":
        paid = float(data.units["paid"].sum())
        sales = float(data.units["paid_revenue"].sum())
        return {"orders": paid, "aov_order": sales / paid if paid else 0.0, "sales": sales}
    first = float(data.units[data.steps[0]].sum())
    last = float(data.units[data.steps[-1]].sum())
    sales = float(data.units["revenue"].sum())
    return {
        "visitors": first,
        "conversion": last / first if first else 0.0,
        "aov": sales / last if last else 0.0,
        "sales": sales,
    }


def default_periods(
    data: FunnelData, days: int = 30, orders: pd.DataFrame | None = None
) -> tuple[tuple, tuple]:
    """The last ``days`` days and the equally long period before them (half the data each
    when it covers less than twice ``days``), as ``((first, last), (first, last))`` dates:
    of the orders when they are given (the home page's periods, :func:`ecom_core.metrics.periods`,
    so the sales match its cards), else of the funnel."""
    if orders is not None and not orders.empty:
        p = metrics.periods(orders["order_time"], days)
        return (p.previous_start.date(), p.previous_end.date()), (p.start.date(), p.end.date())
    if data.units.empty:
        raise AnalysisError("fn_err_nobody")
    span = min(days, max(1, days_covered(data) // 2))
    end = data.last_day
    after = (end - pd.Timedelta(days=span - 1), end)
    before = (after[0] - pd.Timedelta(days=span), after[0] - pd.Timedelta(days=1))
    return tuple(d.date() for d in before), tuple(d.date() for d in after)


def _orders_identity(orders: pd.DataFrame, period: tuple) -> dict[str, float]:
    """Paid revenue, paid orders, buyers, 客单价 and 笔单价 of the orders placed in ``period``
    (:func:`ecom_core.metrics.summary`); buyers are the paid orders without customer IDs."""
    s = metrics.summary(orders, None, *period)
    sales, paid = float(s["paid_revenue"]), float(s["orders"])
    buyers = float(s["buyers"]) if np.isfinite(s["buyers"]) else paid
    return {
        "orders": paid,
        "aov_order": sales / paid if paid else 0.0,
        "buyers": buyers,
        "aov": sales / buyers if buyers else 0.0,
        "sales": sales,
    }


def _range_error(first, last) -> AnalysisError:
    first, last = (pd.Timestamp(d).strftime("%Y-%m-%d") if d is not None else "–" for d in (first, last))
    return AnalysisError("fn_err_period_empty", first=first, last=last)


def sales_change(
    data: FunnelData, before: tuple, after: tuple, orders: pd.DataFrame | None = None
) -> SalesChange:
    """Split the change in sales between two periods by the identity the data supports.

    With ``orders``, sales are the orders' paid revenue (:func:`ecom_core.metrics.summary`
    over each period: the home page's "Paid revenue" for those dates). The traffic and
    clickstream funnels then give the visitors (their first step), buyers and 客单价 come
    from the orders, and conversion = buyers ÷ visitors; the orders funnel has no visitors,
    so sales = paid orders × 笔单价. A clickstream that does not cover the orders (no users
    in a period, buyers more than its users, or its purchasers fewer than
    :data:`MIN_COVERAGE` of the buyers) gives no visitors either: the orders' identity is
    used, with ``note`` saying why. Without orders, the funnel's own revenue is the sales
    (:func:`sales_identity`).

    Parameters
    ----------
    before, after
        ``(first_day, last_day)`` of each period, inclusive.

    Raises
    ------
    AnalysisError
        ``fn_err_period_empty`` when a period holds no data (no order placed, or no funnel
        unit without orders).
    """
    spans = (_span(before), _span(after))
    parts = [data.between(*span) for span in spans]
    note = None
    if orders is not None and not orders.empty:
        times = pd.to_datetime(orders["order_time"], errors="coerce")
        if any(not metrics.in_period(times, *span).any() for span in spans):
            raise _range_error(times.min(), times.max())
        x0, x1 = (_orders_identity(orders, span) for span in spans)
        kind, basis = "orders", "orders"
        if data.mode != "orders":
            note = _coverage_problem(data, parts, (x0, x1))
            if note is None:
                kind = "visitors"
                for x, part in zip((x0, x1), parts, strict=True):
                    x["visitors"] = float(part.units[part.steps[0]].sum())
                    x["conversion"] = x["buyers"] / x["visitors"]
    else:
        if any(part.units.empty for part in parts):
            raise _range_error(data.first_day, data.last_day)
        x0, x1 = (sales_identity(part) for part in parts)
        kind = "orders" if data.mode == "orders" else "visitors"
        basis = "orders" if data.mode == "orders" else data.mode
    factors = FACTORS[kind]
    f0 = np.array([x0[f] for f in factors], dtype=float)
    f1 = np.array([x1[f] for f in factors], dtype=float)
    effects = shapley(f0, f1)
    # Sales with nobody at the last step break the identity; the remainder goes to the value.
    effects[-1] += (x1["sales"] - x0["sales"]) - effects.sum()
    return SalesChange(x0, x1, factors, tuple(float(e) for e in effects), basis, note)


def _coverage_problem(data: FunnelData, parts: list[FunnelData], orders: tuple[dict, dict]) -> str | None:
    """Why the funnel's first step cannot stand for the shop's visitors next to the orders'
    buyers (a catalog key), or None when it can."""
    for part, x in zip(parts, orders, strict=True):
        if part.units.empty:
            return "fn_sales_note_no_funnel"
        visitors = float(part.units[part.steps[0]].sum())
        if visitors <= 0 or x["buyers"] > visitors:
            return "fn_sales_note_coverage"
        last = float(part.units[part.steps[-1]].sum())
        if step_type(part.steps[-1]) == "purchase" and x["buyers"] > 0 and last < MIN_COVERAGE * x["buyers"]:
            return "fn_sales_note_coverage"
    return None


def _span(period) -> tuple:
    """``(first, last)`` from a date-range widget's value, which has one date while the
    reader is still picking the second."""
    period = tuple(period) if isinstance(period, (tuple, list)) else (period,)
    if not period:
        return (None, None)
    return period[0], period[-1]


def shapley(f0, f1) -> np.ndarray:
    """Shapley split of ``prod(f1) - prod(f0)`` among the factors (two, three or more).

    Factor ``i``'s share is the average, over every order of switching the factors from
    their ``f0`` to their ``f1`` values, of the change in the product when ``i`` switches;
    the shares add up to the change exactly. Two factors: ``Δa × (b0 + b1) / 2`` and
    ``Δb × (a0 + a1) / 2``."""
    f0, f1 = np.asarray(f0, dtype=float), np.asarray(f1, dtype=float)
    n = len(f0)
    out = np.zeros(n)
    for i in range(n):
        others = [j for j in range(n) if j != i]
        for size in range(n):
            weight = math.factorial(size) * math.factorial(n - size - 1) / math.factorial(n)
            for switched in combinations(others, size):
                rest = np.prod([f1[j] if j in switched else f0[j] for j in others])
                out[i] += weight * (f1[i] - f0[i]) * rest
    return out


# ---- time to convert ---------------------------------------------------------------------
def time_to_convert(data: FunnelData) -> pd.DataFrame:
    """How long units took from each step to the next (events and orders with paid times).

    Returns
    -------
    DataFrame
        One row per transition: ``from_step``, ``to_step``, ``converted`` (units with both
        times), ``median_hours``, ``p25_hours``, ``p75_hours``, ``p90_hours``. Empty when
        the mode has no step times.
    """
    cols = ["from_step", "to_step", "converted", "median_hours", "p25_hours", "p75_hours", "p90_hours"]
    times = data.step_times
    rows = []
    for i in range(1, times.shape[1]):
        a, b = times.columns[i - 1], times.columns[i]
        hours = ((times[b] - times[a]).dt.total_seconds() / 3600).dropna()
        hours = hours[hours >= 0]
        if hours.empty:
            continue
        q = hours.quantile([0.5, 0.25, 0.75, 0.9]).to_numpy()
        rows.append((a, b, len(hours), *q))
    return pd.DataFrame(rows, columns=cols)


#: Upper bounds (hours) of the time-to-convert buckets, and their catalog keys.
TIME_BUCKETS: tuple[tuple[float, str], ...] = (
    (1 / 60, "fn_bucket_1m"),
    (10 / 60, "fn_bucket_10m"),
    (1.0, "fn_bucket_1h"),
    (6.0, "fn_bucket_6h"),
    (24.0, "fn_bucket_1d"),
    (72.0, "fn_bucket_3d"),
    (168.0, "fn_bucket_7d"),
    (720.0, "fn_bucket_30d"),
    (np.inf, "fn_bucket_more"),
)


def time_buckets(data: FunnelData) -> pd.DataFrame:
    """Distribution of the time between consecutive steps, in fixed buckets.

    Returns
    -------
    DataFrame
        ``from_step``, ``to_step``, ``bucket`` (catalog key of a :data:`TIME_BUCKETS` entry),
        ``count``, ``share`` (of that transition's converters); every bucket present.
    """
    times = data.step_times
    edges = np.r_[-np.inf, [b for b, _ in TIME_BUCKETS]]
    keys = [k for _, k in TIME_BUCKETS]
    parts = []
    for i in range(1, times.shape[1]):
        a, b = times.columns[i - 1], times.columns[i]
        hours = ((times[b] - times[a]).dt.total_seconds() / 3600).dropna()
        hours = hours[hours >= 0].to_numpy()
        counts = np.histogram(hours, bins=edges)[0] if len(hours) else np.zeros(len(keys), dtype=int)
        share = counts / counts.sum() if counts.sum() else np.zeros(len(keys))
        parts.append(
            pd.DataFrame({"from_step": a, "to_step": b, "bucket": keys, "count": counts, "share": share})
        )
    if not parts:
        return pd.DataFrame(columns=["from_step", "to_step", "bucket", "count", "share"])
    return pd.concat(parts, ignore_index=True)


# ---- when and where ----------------------------------------------------------------------
def hour_weekday(times: pd.Series) -> pd.DataFrame:
    """Counts of timestamps by weekday (0 = Monday) and hour of day, all 7 × 24 cells.

    Returns
    -------
    DataFrame
        ``weekday``, ``hour``, ``count``, ``share`` (of all counted times).
    """
    t = pd.to_datetime(times, errors="coerce").dropna()
    cells = (t.dt.day_of_week * 24 + t.dt.hour).to_numpy(dtype="int64")
    counts = np.bincount(cells, minlength=7 * 24)
    total = counts.sum()
    return pd.DataFrame(
        {
            "weekday": np.repeat(np.arange(7), 24),
            "hour": np.tile(np.arange(24), 7),
            "count": counts,
            "share": counts / total if total else np.zeros(7 * 24),
        }
    )


def visit_hours(data: FunnelData) -> pd.DataFrame:
    """:func:`hour_weekday` of the funnel's first-step times (a clickstream's visits)."""
    return hour_weekday(data.units["period"])


def order_hours(orders: pd.DataFrame) -> pd.DataFrame:
    """:func:`hour_weekday` of the orders' times."""
    return hour_weekday(orders["order_time"])


def regions(orders: pd.DataFrame) -> pd.DataFrame:
    """Paid orders, buyers, paid revenue and 笔单价 per region, largest revenue first:
    :func:`ecom_core.metrics.breakdown` by ``region`` over the whole data, so the regions'
    revenue adds up to the shop's paid revenue (orders without a region form their own row,
    ``region`` None) and counts orders as every other analysis does.

    Returns
    -------
    DataFrame
        ``region``, ``orders`` (paid orders), ``buyers`` (NaN without customer IDs),
        ``revenue`` (paid revenue, before refunds), ``aov`` (笔单价: paid revenue ÷ paid
        orders), ``revenue_share`` (of paid revenue). Regions without a paid order are left
        out.
    """
    if "region" not in orders:
        raise AnalysisError("fn_err_no_region")
    rows = metrics.breakdown(orders, "region")
    rows = rows[rows["orders"] > 0]
    out = pd.DataFrame(
        {
            "region": [None if pd.isna(r) else str(r) for r in rows.index],
            "orders": rows["orders"].to_numpy(dtype="int64"),
            "buyers": rows["buyers"].to_numpy(dtype=float),
            "revenue": rows["paid_revenue"].to_numpy(dtype=float),
            "aov": rows["aov_order"].to_numpy(dtype=float),
            "revenue_share": rows["revenue_share"].to_numpy(dtype=float),
        }
    )
    return out.reset_index(drop=True)
