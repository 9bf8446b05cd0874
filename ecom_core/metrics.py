"""One definition per headline figure, the Glossary's, computed here and used everywhere.

Every page, the home page and the reports take their money and order figures from these
functions, so the same metric over the same dates is the same number wherever it is shown.

Definitions (orders placed in the period, by order time; DESIGN.md, Metrics):

- **GMV** 下单金额: ``revenue`` of every order placed (pending, cancelled and refunded ones too),
  before refunds; credit notes are not orders placed.
- **Paid revenue** 支付金额: ``revenue`` of the orders that were paid (paid, refunded, partially
  refunded), before refunds.
- **Refunds** 成功退款金额: ``refund_amount`` of paid orders, and what credit notes give back
  (their ``refund_amount`` minus their ``revenue``, which the file carries as negative); a
  fully refunded order without a refund amount counts its whole revenue.
- **Net revenue**: paid revenue − refunds.
- **Orders**: paid orders. **Buyers**: distinct customers with a paid order.
- **客单价** ``aov_buyer`` = paid revenue ÷ buyers (÷ paid orders without customer IDs);
  **笔单价** ``aov_order`` = paid revenue ÷ paid orders.
- **Repeat rate**: buyers with two or more paid orders in the period ÷ buyers.
- **Conversion** 支付转化率 = payers ÷ visitors of the traffic data over the same days.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ecom_core.load import schema
from ecom_core.load.dataset import AnalysisError

#: Gross margin (a fraction) assumed until the user sets the shop's own: break-even ROAS is
#: ``1 / margin``. Every analysis, the home page and the reports default to this one value.
DEFAULT_MARGIN = 0.4


def break_even_roas(margin: float) -> float:
    """ROAS at which ad spend pays for itself at gross ``margin``: revenue × margin = spend."""
    return 1.0 / margin


#: Which orders a figure counts: every order placed, the paid ones, or the paid ones that
#: still stand (not cancelled nor fully refunded).
BASES: tuple[str, ...] = ("placed", "paid", "net")
#: Figures of :func:`summary`, in the order they are shown.
FIGURES: tuple[str, ...] = (
    "gmv",
    "paid_revenue",
    "refunds",
    "net_revenue",
    "orders",
    "buyers",
    "aov_buyer",
    "aov_order",
    "repeat_rate",
    "refund_rate",
    "visitors",
    "payers",
    "conversion",
)
#: Figures that add up over segments (channels, regions, products of whole orders).
ADDITIVE: tuple[str, ...] = ("gmv", "paid_revenue", "refunds", "net_revenue")


def order_mask(orders: pd.DataFrame, basis: str = "paid") -> np.ndarray:
    """Which order lines a figure on ``basis`` counts (a boolean array aligned to the rows).

    Parameters
    ----------
    orders
        Canonical orders. Without a ``status`` column a line is paid when it has a
        ``paid_time`` (or always, without one); a line with a blank status counts as paid
        (what the loader assumes of an export without statuses).
    basis
        ``placed`` (every order but credit notes), ``paid`` (:data:`schema.PAID_STATUSES`)
        or ``net`` (:data:`schema.KEPT_STATUSES`).
    """
    if basis not in BASES:
        raise ValueError(f"basis must be one of {BASES}, not {basis!r}")
    if "status" not in orders.columns:
        if basis != "placed" and "paid_time" in orders.columns:
            return orders["paid_time"].notna().to_numpy()  # no status: paid when it has a paid time
        return np.ones(len(orders), dtype=bool)
    status = orders["status"]
    blank = status.isna().to_numpy()
    if basis == "placed":
        return blank | ~status.isin((schema.CREDIT_STATUS,)).to_numpy()
    allowed = schema.PAID_STATUSES if basis == "paid" else schema.KEPT_STATUSES
    return blank | status.isin(allowed).to_numpy()


def line_amounts(orders: pd.DataFrame) -> pd.DataFrame:
    """Each order line's share of the money figures, so that any sum over lines (a period, a
    channel, a product) gives that figure for those lines.

    Returns
    -------
    DataFrame
        Aligned to ``orders``: ``gmv``, ``paid_revenue``, ``refunds``, ``net_revenue`` (floats;
        0 where the line does not count), ``paid`` (bool: the line belongs to a paid order).
    """
    if "revenue" not in orders.columns:
        raise AnalysisError("mt_err_no_revenue")
    revenue = pd.to_numeric(orders["revenue"], errors="coerce").to_numpy(dtype=float, na_value=0.0)
    revenue = np.nan_to_num(revenue, nan=0.0, posinf=0.0, neginf=0.0)
    placed, paid = order_mask(orders, "placed"), order_mask(orders, "paid")
    refund = np.zeros(len(orders))
    if "refund_amount" in orders.columns:
        refund = pd.to_numeric(orders["refund_amount"], errors="coerce").to_numpy(dtype=float, na_value=0.0)
        refund = np.abs(np.nan_to_num(refund, nan=0.0, posinf=0.0, neginf=0.0))
    credit = ~placed
    # paid orders give back their refund amount; a credit note its amount, negative in the file
    refunds = np.where(paid & placed, refund, 0.0) + np.where(credit, refund - revenue, 0.0)
    if "status" in orders.columns:
        full = (orders["status"] == "refunded").to_numpy(dtype=bool)
        if full.any():
            # a fully refunded order whose export gives no refund amount: all of it went back
            ids = orders["order_id"].to_numpy()[full] if "order_id" in orders else np.arange(full.sum())
            given = pd.Series(refund[full]).groupby(ids, sort=False).transform("sum").to_numpy()
            refunds[full] = np.where(given > 0, refund[full], revenue[full])
    paid_revenue = np.where(paid, revenue, 0.0)
    return pd.DataFrame(
        {
            "gmv": np.where(placed, revenue, 0.0),
            "paid_revenue": paid_revenue,
            "refunds": refunds,
            "net_revenue": paid_revenue - refunds,
            "paid": paid,
        },
        index=orders.index,
    )


def in_period(times, start=None, end=None) -> np.ndarray:
    """Rows whose time falls on the days ``start`` to ``end``, both included (None: open)."""
    t = pd.to_datetime(pd.Series(times), errors="coerce")
    keep = t.notna().to_numpy()
    if start is not None:
        keep = keep & (t >= pd.Timestamp(start).normalize()).to_numpy()
    if end is not None:
        keep = keep & (t < pd.Timestamp(end).normalize() + pd.Timedelta(days=1)).to_numpy()
    return keep


@dataclass(frozen=True)
class Periods:
    """The current period (the last ``days`` days of the data) and the one before it."""

    start: pd.Timestamp
    end: pd.Timestamp
    previous_start: pd.Timestamp
    previous_end: pd.Timestamp
    days: int


def periods(times, days: int = 30) -> Periods:
    """The last ``days`` days up to the last day in ``times``, and the equally long period
    before; half the data each when it covers fewer than ``2 × days`` days.

    ``times`` is a Series of timestamps (an orders frame's ``order_time``) or an orders frame.
    """
    if isinstance(times, pd.DataFrame):
        times = times["order_time"]
    times = pd.to_datetime(pd.Series(times), errors="coerce").dropna()
    if times.empty:
        raise AnalysisError("ov_err_no_dates")
    last, first = times.max().normalize(), times.min().normalize()
    span = min(days, max(1, ((last - first).days + 1) // 2))
    start = last - pd.Timedelta(days=span - 1)
    return Periods(start, last, start - pd.Timedelta(days=span), start - pd.Timedelta(days=1), span)


def _ratio(a: float, b: float) -> float:
    return float(a / b) if b and np.isfinite(b) and np.isfinite(a) else float("nan")


def _figures(lines: pd.DataFrame, money: pd.DataFrame) -> dict[str, float]:
    paid = money["paid"].to_numpy(dtype=bool)
    sums = money[list(ADDITIVE)].sum()
    out = {k: float(sums[k]) for k in ADDITIVE}
    # distinct counts on integer codes: hashing the ids once is what a million lines cost
    if "order_id" in lines.columns:
        order_codes, uniques = pd.factorize(lines["order_id"][paid])
        orders = float(len(uniques))
    else:
        order_codes, orders = np.arange(int(paid.sum())), float(paid.sum())
    out["orders"] = orders
    out["aov_order"] = _ratio(out["paid_revenue"], orders)
    out["refund_rate"] = _ratio(out["refunds"], out["paid_revenue"])
    if "customer_id" in lines.columns:
        cust = pd.factorize(lines["customer_id"][paid])[0]
        known = cust >= 0
        width = np.int64(max(len(order_codes), 1))
        pairs = pd.unique(cust[known].astype(np.int64) * width + order_codes[known])
        per_buyer = np.bincount(pairs // width) if len(pairs) else np.zeros(0, dtype=int)
        per_buyer = per_buyer[per_buyer > 0]
        out["buyers"] = float(len(per_buyer))
        out["aov_buyer"] = _ratio(out["paid_revenue"], out["buyers"])
        out["repeat_rate"] = float((per_buyer >= 2).mean()) if len(per_buyer) else float("nan")
    else:
        out["buyers"] = float("nan")
        out["aov_buyer"] = out["aov_order"]
        out["repeat_rate"] = float("nan")
    return out


def summary(
    orders: pd.DataFrame,
    traffic: pd.DataFrame | None = None,
    start=None,
    end=None,
) -> pd.Series:
    """Every headline figure over the orders placed on the days ``start`` to ``end``.

    Parameters
    ----------
    orders
        Canonical orders (one row per order line): ``order_id``, ``order_time``, ``revenue``;
        ``status``, ``refund_amount``, ``customer_id`` used when present.
    traffic
        Canonical traffic, for visitors, payers and conversion (支付转化率) over the same days.
    start, end
        First and last day, both included; None for the whole data.

    Returns
    -------
    Series
        Indexed by :data:`FIGURES` (see the module docstring); NaN where the data cannot say.
    """
    keep = in_period(orders["order_time"], start, end)
    lines = orders.loc[keep] if not keep.all() else orders
    out = _figures(lines, line_amounts(lines))
    out.update(dict.fromkeys(("visitors", "payers", "conversion"), float("nan")))
    if traffic is not None and "visitors" in traffic.columns and "date" in traffic.columns:
        days = traffic.loc[in_period(traffic["date"], start, end)]
        visitors = float(pd.to_numeric(days["visitors"], errors="coerce").sum())
        out["visitors"] = visitors
        if "payers" in days.columns:
            out["payers"] = float(pd.to_numeric(days["payers"], errors="coerce").sum())
            out["conversion"] = _ratio(out["payers"], visitors)
    return pd.Series(out, dtype=float).reindex(list(FIGURES))


def breakdown(orders: pd.DataFrame, by, start=None, end=None) -> pd.DataFrame:
    """:func:`summary`'s order figures per segment, over the same orders.

    Parameters
    ----------
    by
        A column of ``orders`` (``channel``, ``region``, ``product``...) or values aligned
        to its rows. Lines without a value form their own segment (key NaN), so the money
        figures of all segments add up to the total.

    Returns
    -------
    DataFrame
        Indexed by segment, largest paid revenue first: the figures of :data:`FIGURES` up to
        ``refund_rate``, and ``revenue_share`` (of paid revenue). Orders and buyers are
        distinct per segment, so they add up only when each order has one segment.
    """
    keys = orders[by] if isinstance(by, str) else pd.Series(np.asarray(by), index=orders.index)
    keep = in_period(orders["order_time"], start, end)
    lines, keys = orders.loc[keep], keys.loc[keep]
    money = line_amounts(lines)
    codes, uniques = pd.factorize(keys, use_na_sentinel=False)
    n = len(uniques)
    out = pd.DataFrame(
        {k: np.bincount(codes, weights=money[k].to_numpy(), minlength=n) for k in ADDITIVE},
        index=pd.Index(uniques, name=by if isinstance(by, str) else "segment"),
    )
    paid = money["paid"].to_numpy(dtype=bool)
    seg = codes[paid].astype(np.int64)
    orders_ = pd.factorize(lines["order_id"][paid])[0] if "order_id" in lines else np.arange(len(seg))
    width = np.int64(max(len(orders_), 1))
    seg_order = pd.unique(seg * width + orders_)  # distinct (segment, order) pairs
    out["orders"] = np.bincount(seg_order // width, minlength=n).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["aov_order"] = (out["paid_revenue"] / out["orders"]).where(out["orders"] > 0)
        out["refund_rate"] = (out["refunds"] / out["paid_revenue"]).where(out["paid_revenue"] != 0)
        if "customer_id" in lines.columns:
            cust = pd.factorize(lines["customer_id"][paid])[0].astype(np.int64)
            known = cust >= 0
            n_cust = np.int64(max(cust.max() + 1 if len(cust) else 1, 1))
            buyer = seg[known] * n_cust + cust[known]  # a (segment, customer) pair
            triples = pd.unique(buyer * width + orders_[known])
            per_buyer = pd.Series(triples // width).value_counts()  # orders per (segment, customer)
            buyer_seg = (per_buyer.index.to_numpy() // n_cust).astype(np.int64)
            out["buyers"] = np.bincount(buyer_seg, minlength=n).astype(float)
            repeat = np.bincount(buyer_seg, weights=(per_buyer.to_numpy() >= 2).astype(float), minlength=n)
            out["aov_buyer"] = (out["paid_revenue"] / out["buyers"]).where(out["buyers"] > 0)
            out["repeat_rate"] = (repeat / out["buyers"]).where(out["buyers"] > 0)
        else:
            out["buyers"] = np.nan
            out["aov_buyer"] = out["aov_order"]
            out["repeat_rate"] = np.nan
    cols = [f for f in FIGURES if f not in ("visitors", "payers", "conversion")]
    out = out[cols]
    total = out["paid_revenue"].sum()
    out["revenue_share"] = out["paid_revenue"] / total if total else np.nan
    return out.sort_values("paid_revenue", ascending=False, kind="stable")


# ---- time buckets ------------------------------------------------------------------------
#: Bucket sizes of every series over time: day, week starting Monday, calendar month.
FREQUENCIES: tuple[str, ...] = ("D", "W", "M")


def period_start(times, freq: str = "W") -> pd.Series:
    """The first day of each time's day, week (starting Monday) or month: the one way
    every series over time buckets its rows."""
    if freq not in FREQUENCIES:
        raise ValueError(f"freq must be one of {FREQUENCIES}, not {freq!r}")
    days = pd.to_datetime(pd.Series(times), errors="coerce").dt.normalize()
    if freq == "W":
        return days - pd.to_timedelta(days.dt.day_of_week, unit="D")
    if freq == "M":
        return days - pd.to_timedelta(days.dt.day - 1, unit="D")
    return days


def coverage(starts, first, last, freq: str = "W") -> pd.DataFrame:
    """How much of each period the data covers: ``days`` (of the period between the data's
    ``first`` and ``last`` day) and ``partial`` (fewer than the period's days: a week or
    month the export starts or ends inside, drawn as such instead of as a drop).

    Parameters
    ----------
    starts
        Period starts (from :func:`period_start`).
    first, last
        The first and last day the data covers.
    """
    begin = pd.to_datetime(pd.Series(starts)).reset_index(drop=True)
    if freq == "W":
        end = begin + pd.Timedelta(days=6)
    elif freq == "M":
        end = begin + pd.offsets.MonthEnd(0)
    else:
        end = begin
    lo = begin.clip(lower=pd.Timestamp(first).normalize())
    hi = end.clip(upper=pd.Timestamp(last).normalize())
    days = ((hi - lo).dt.days + 1).clip(lower=0)
    full = (end - begin).dt.days + 1
    return pd.DataFrame({"days": days.to_numpy(dtype="int64"), "partial": (days < full).to_numpy()})
