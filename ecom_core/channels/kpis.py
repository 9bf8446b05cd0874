"""Channel KPIs: the channel table, customer quality by first channel, trends and patterns.

Revenue basis (what "revenue" and ROAS mean here)
-------------------------------------------------
Revenue of a channel is the **paid revenue of its orders**: the order lines of orders that
were paid (status paid, refunded or partially refunded; without a status column, lines with
a paid time; without either, every line), summed per channel and dated by the day they were
paid (the order time when there is no paid time). Refunds are not subtracted, which is how
the platforms report 支付金额 and 投产比 (ROAS = 支付金额 ÷ 花费); the refund amount is shown
beside it. ROAS compares this revenue with the spend of the same channel over the days that
both the orders and the spend cover, and break-even ROAS is ``1 / gross margin``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ecom_core import metrics
from ecom_core.channels.grouping import UNASSIGNED, apply_mapping, group_classes
from ecom_core.load.dataset import AnalysisError, Note

KEY = "channel_key"

#: the channel table's columns, in display order
TABLE_COLUMNS: tuple[str, ...] = (
    "channel",
    "class",
    "visitors",
    "conversion_rate",
    "orders",
    "revenue",
    "aov",
    "refunds",
    "customers",
    "new_customers",
    "spend",
    "roas",
    "cpa",
    "cac",
    "profit",
    "profit_roi",
    "visitor_share",
    "revenue_share",
    "spend_share",
    "below_break_even",
)


@dataclass(frozen=True)
class ChannelReport:
    """Result of :func:`channel_table`.

    Attributes
    ----------
    table
        One row per channel, columns :data:`TABLE_COLUMNS` (NaN where the data does not
        say: no traffic -> no visitors, no spend -> no ROAS), sorted by revenue.
    total
        The same columns for the whole shop (``channel`` = ``"Total"``); its ROAS is the
        blended ROAS of the channels that have spend.
    start, end
        First and last day counted (inclusive).
    margin
        Gross margin used for profit and break-even.
    break_even_roas
        ``1 / margin``.
    flagged
        Channels with spend whose ROAS is below break-even, worst first.
    has_spend, has_traffic
        Whether spend and traffic were usable.
    notes
        What the user should know about the inputs (partial overlap, negative spend left
        out, spend on a channel that no order carries...).
    """

    table: pd.DataFrame
    total: pd.Series
    start: pd.Timestamp
    end: pd.Timestamp
    margin: float
    break_even_roas: float
    flagged: tuple[str, ...]
    has_spend: bool
    has_traffic: bool
    notes: tuple[Note, ...] = field(default_factory=tuple)


# ---- preparation -----------------------------------------------------------------------
def paid_lines(
    orders: pd.DataFrame,
    mapping: pd.DataFrame | None = None,
    level: str = "group",
    channel: str = "channel",
) -> pd.DataFrame:
    """Order lines of paid orders (:func:`metrics.order_mask`) with their channel key and day.

    Parameters
    ----------
    orders
        Canonical orders: ``order_id``, ``order_time``, ``revenue``; optional
        ``customer_id``, ``paid_time``, ``status``, ``channel``, ``region``,
        ``refund_amount``.
    mapping, level
        Channel mapping (see :func:`~ecom_core.channels.channel_mapping`) and the level
        (``group``, ``class`` or ``value``) the key is taken at. Without a channel column
        every line's key is ``Unassigned``.

    Returns
    -------
    DataFrame
        One row per paid line: ``order_id`` and ``customer_id`` as integer codes (the same
        code for the same id; customer NaN when missing), ``revenue`` (paid revenue) and
        ``refund_amount`` (refunds) as :func:`metrics.line_amounts` counts them, ``order_time``,
        ``when`` (the order time: every page dates an order by when it was placed),
        ``day`` (``when`` at midnight), ``region`` (when present) and ``channel_key``
        (categorical).
    """
    for col in ("order_id", "order_time", "revenue"):
        if col not in orders.columns:
            raise AnalysisError("ch_err_missing_column", missing=[col])
    # ids become integer codes once here, so every later count of distinct orders or
    # customers works on integers instead of hashing strings again
    # one order filter and one money definition for every page: metrics'
    money = metrics.line_amounts(orders)
    when = pd.to_datetime(orders["order_time"], errors="coerce")
    keep = money["paid"].to_numpy(dtype=bool) & when.notna().to_numpy()
    if not keep.any():
        raise AnalysisError("ch_err_no_paid_orders")
    idx = np.flatnonzero(keep)
    cols: dict[str, object] = {"order_id": pd.factorize(orders["order_id"])[0][idx]}
    if "customer_id" in orders.columns:
        cust = pd.factorize(orders["customer_id"])[0][idx].astype(float)
        cols["customer_id"] = np.where(cust < 0, np.nan, cust)
    cols["revenue"] = money["paid_revenue"].to_numpy()[idx]
    if "refund_amount" in orders.columns or "status" in orders.columns:
        cols["refund_amount"] = money["refunds"].to_numpy()[idx]
    cols["order_time"] = pd.to_datetime(orders["order_time"], errors="coerce").to_numpy()[idx]
    w = when.to_numpy()[idx]
    cols["when"] = w
    cols["day"] = w.astype("datetime64[D]").astype(w.dtype)
    if "region" in orders.columns:
        cols["region"] = orders["region"].array.take(idx)
    lines = pd.DataFrame(cols)
    if channel in orders.columns:
        key = apply_mapping(orders[[channel]], mapping, level=level, column=channel, out=KEY)[KEY]
        lines[KEY] = key.array.take(idx)
    else:
        lines[KEY] = pd.Categorical.from_codes(np.zeros(len(lines), dtype=np.int8), [UNASSIGNED])
    return lines


def _keyed(frame: pd.DataFrame, mapping: pd.DataFrame | None, level: str, channel: str) -> pd.DataFrame:
    return apply_mapping(frame, mapping, level=level, column=channel, out=KEY)


def _day_range(days: pd.Series) -> tuple[pd.Timestamp, pd.Timestamp]:
    return pd.Timestamp(days.min()).normalize(), pd.Timestamp(days.max()).normalize()


def _fmt_day(ts: pd.Timestamp) -> str:
    return pd.Timestamp(ts).strftime("%Y-%m-%d")


def clean_spend(
    spend: pd.DataFrame, notes: list[Note] | None = None, spend_col: str = "spend"
) -> pd.DataFrame:
    """Spend rows usable for ROAS: negative and missing amounts left out (with a note).

    Raises
    ------
    AnalysisError
        ``ch_err_spend_all_negative`` when no row is left.
    """
    notes = notes if notes is not None else []
    amount = pd.to_numeric(spend[spend_col], errors="coerce")
    negative = (amount < 0).to_numpy()
    if negative.any():
        notes.append(
            Note(
                "ch_note_negative_spend",
                {"n": int(negative.sum()), "amount": float(-amount[negative].sum())},
                "warning",
            )
        )
    keep = (amount >= 0).to_numpy()
    if not keep.any():
        raise AnalysisError("ch_err_spend_all_negative" if negative.any() else "ch_err_spend_empty")
    return spend.loc[keep].assign(**{spend_col: amount[keep].astype(float)})


# ---- the channel table -----------------------------------------------------------------
def channel_table(
    orders: pd.DataFrame,
    spend: pd.DataFrame | None = None,
    traffic: pd.DataFrame | None = None,
    *,
    margin: float = metrics.DEFAULT_MARGIN,
    mapping: pd.DataFrame | None = None,
    level: str = "group",
    start: pd.Timestamp | str | None = None,
    end: pd.Timestamp | str | None = None,
    channel: str = "channel",
) -> ChannelReport:
    """KPIs per channel: traffic, orders, revenue, customers, spend, ROAS, CPA, CAC, profit.

    Parameters
    ----------
    orders
        Canonical orders (see :func:`paid_lines`). Without a channel column the table has
        one row, ``Unassigned`` (the page then says what would unlock the rest).
    spend
        Canonical spend (``channel``, ``spend``, optional ``date``) or None.
    traffic
        Canonical traffic (``date``, ``visitors``, optional ``channel``, ``payers``) or None.
    margin
        Gross margin, 0 < margin <= 1; break-even ROAS = 1 / margin.
    mapping, level
        Channel mapping and level (``group``, ``class``, ``value``).
    start, end
        Optional first and last day to count (inclusive), within the data.

    Returns
    -------
    ChannelReport
        Per-channel ``table`` with columns :data:`TABLE_COLUMNS`; definitions:
        conversion_rate = payers ÷ visitors (paid orders ÷ visitors without payers);
        aov = revenue ÷ orders; new_customers = customers whose first paid order falls in
        the period on that channel; roas = revenue ÷ spend; cpa = spend ÷ orders;
        cac = spend ÷ new customers; profit = revenue × margin − spend;
        profit_roi = profit ÷ spend; shares are of the shop's totals.

    Raises
    ------
    AnalysisError
        Margin outside (0, 1]; no paid orders; no order in the chosen period.
    """
    if not (0 < margin <= 1):
        raise AnalysisError("ch_err_margin", margin=margin)
    notes: list[Note] = []
    lines = paid_lines(orders, mapping, level, channel)
    first_day, last_day = _day_range(lines["day"])
    start_ = pd.Timestamp(start).normalize() if start is not None else first_day
    end_ = pd.Timestamp(end).normalize() if end is not None else last_day

    sp = None
    if spend is not None and len(spend):
        sp = clean_spend(spend, notes)
        if channel not in sp.columns:
            sp = sp.assign(**{channel: UNASSIGNED})
        if "date" in sp.columns and sp["date"].notna().any():
            sp = sp.loc[sp["date"].notna().to_numpy()]
            s0, s1 = _day_range(sp["date"])
            lo, hi = max(start_, s0), min(end_, s1)
            if lo > hi:
                notes.append(
                    Note(
                        "ch_note_spend_no_overlap",
                        {
                            "spend_from": _fmt_day(s0),
                            "spend_to": _fmt_day(s1),
                            "orders_from": _fmt_day(start_),
                            "orders_to": _fmt_day(end_),
                        },
                        "error",
                    )
                )
                sp = None
            else:
                if (lo, hi) != (start_, end_):
                    notes.append(
                        Note(
                            "ch_note_period_overlap",
                            {"start": _fmt_day(lo), "end": _fmt_day(hi)},
                            "info",
                        )
                    )
                start_, end_ = lo, hi
        else:
            notes.append(Note("ch_note_spend_no_dates", {}, "info"))
    if sp is not None:
        sp = _keyed(sp, mapping, level, channel)
        if "date" in sp.columns:
            d = sp["date"].dt.normalize()
            sp = sp.loc[((d >= start_) & (d <= end_)).to_numpy()]
        if float(sp["spend"].sum()) <= 0:
            notes.append(Note("ch_note_zero_spend", {}, "warning"))

    in_period = ((lines["day"] >= start_) & (lines["day"] <= end_)).to_numpy()
    period = lines.loc[in_period]
    if not len(period):
        raise AnalysisError("ch_err_empty_period", start=_fmt_day(start_), end=_fmt_day(end_))

    g = period.groupby(KEY, sort=False, observed=True)
    table = pd.DataFrame(
        {
            "orders": _nunique_by(period[KEY], period["order_id"]),
            "revenue": g["revenue"].sum(),
        }
    )
    table["refunds"] = g["refund_amount"].sum() if "refund_amount" in period.columns else np.nan
    has_customers = "customer_id" in lines.columns
    if has_customers:
        table["customers"] = _nunique_by(period[KEY], period["customer_id"])
        firsts = _first_orders(lines)
        new = firsts.loc[(firsts["day"] >= start_) & (firsts["day"] <= end_)]
        table["new_customers"] = new.groupby(KEY, sort=False, observed=True).size()
        table["new_customers"] = table["new_customers"].fillna(0)
    else:
        table["customers"] = np.nan
        table["new_customers"] = np.nan

    has_traffic = False
    if traffic is not None and "visitors" in traffic.columns and "date" in traffic.columns:
        has_ch = channel in traffic.columns
        tr = _keyed(traffic, mapping, level, channel) if has_ch else traffic.assign(**{KEY: UNASSIGNED})
        d = pd.to_datetime(tr["date"], errors="coerce").dt.normalize()
        tr = tr.loc[((d >= start_) & (d <= end_)).to_numpy()]
        if len(tr) and channel in traffic.columns:
            has_traffic = True
            tg = tr.groupby(KEY, sort=False, observed=True)
            table = table.join(tg["visitors"].sum().rename("visitors"), how="outer")
            if "payers" in tr.columns:
                table = table.join(tg["payers"].sum().rename("_payers"), how="left")
        elif not len(tr):
            notes.append(Note("ch_note_traffic_no_overlap", {}, "warning"))
        else:
            notes.append(Note("ch_note_traffic_no_channel", {}, "info"))

    has_spend = sp is not None and float(sp["spend"].sum()) > 0
    if sp is not None:
        by = sp.groupby(KEY, sort=False, observed=True)["spend"].sum()
        orphan = by[(by > 0) & ~by.index.isin(table.index)]
        if len(orphan):
            notes.append(
                Note(
                    "ch_note_spend_without_orders",
                    {"channels": ", ".join(map(str, orphan.index)), "amount": float(orphan.sum())},
                    "warning",
                )
            )
        zero = by[by <= 0]
        if len(zero) and has_spend:
            notes.append(
                Note("ch_note_channel_zero_spend", {"channels": ", ".join(map(str, zero.index))}, "info")
            )
        table = table.join(by.rename("spend"), how="outer")

    table = _finish(table, margin, has_spend, has_traffic)
    classes = _classes_for(table.index, mapping, level)
    table.insert(0, "class", classes)
    table.insert(0, "channel", table.index.astype(str))
    table = table.sort_values(["revenue", "spend"], ascending=False, na_position="last", kind="stable")
    table = table.reset_index(drop=True)

    total_raw = pd.DataFrame(
        {
            "orders": [pd.unique(period["order_id"].to_numpy()).size],
            "revenue": [period["revenue"].sum()],
            "refunds": [period["refund_amount"].sum() if "refund_amount" in period.columns else np.nan],
            "customers": [period["customer_id"].dropna().unique().size if has_customers else np.nan],
            "new_customers": [table["new_customers"].sum() if has_customers else np.nan],
            "visitors": [table["visitors"].sum() if has_traffic else np.nan],
            "_payers": [table["_payers"].sum(min_count=1)],
            "spend": [table["spend"].sum() if sp is not None else np.nan],
        },
        index=["Total"],
    )
    total = _finish(total_raw, margin, has_spend, has_traffic)
    if has_spend:
        # blended ROAS over the channels that have spend, not the whole shop's revenue
        paid = table["spend"].fillna(0) > 0
        total["roas"] = table.loc[paid, "revenue"].sum() / table.loc[paid, "spend"].sum()
    total.insert(0, "class", "")
    total.insert(0, "channel", "Total")
    table = table.drop(columns=[c for c in table.columns if c.startswith("_")])
    total = total.drop(columns=[c for c in total.columns if c.startswith("_")]).iloc[0]

    flagged = table.loc[table["below_break_even"].fillna(False).astype(bool)].sort_values("roas")
    return ChannelReport(
        table=table[list(TABLE_COLUMNS)],
        total=total[list(TABLE_COLUMNS)],
        start=start_,
        end=end_,
        margin=float(margin),
        break_even_roas=metrics.break_even_roas(margin),
        flagged=tuple(flagged["channel"].astype(str)),
        has_spend=has_spend,
        has_traffic=has_traffic,
        notes=tuple(notes),
    )


def _finish(table: pd.DataFrame, margin: float, has_spend: bool, has_traffic: bool) -> pd.DataFrame:
    """Ratios and shares from the summed columns (NaN where the denominator is 0 or unknown)."""
    t = table.copy()
    for col in ("orders", "revenue", "customers", "new_customers", "visitors", "spend", "refunds", "_payers"):
        if col not in t:
            t[col] = np.nan
    for col in ("orders", "revenue"):
        t[col] = t[col].fillna(0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        payers = t["_payers"].where(t["_payers"].notna(), t["orders"])
        t["conversion_rate"] = _ratio(payers, t["visitors"]) if has_traffic else np.nan
        t["aov"] = _ratio(t["revenue"], t["orders"])
        spend = t["spend"] if has_spend else pd.Series(np.nan, index=t.index)
        if has_spend:
            spend = spend.fillna(0.0)
            t["spend"] = spend
        t["roas"] = _ratio(t["revenue"], spend)
        paid = spend.where(spend > 0)  # a channel without spend has no cost per order
        t["cpa"] = _ratio(paid, t["orders"])
        t["cac"] = _ratio(paid, t["new_customers"])
        t["profit"] = t["revenue"] * margin - spend if has_spend else np.nan
        t["profit_roi"] = _ratio(t["profit"], spend)
        t["visitor_share"] = _share(t["visitors"]) if has_traffic else np.nan
        t["revenue_share"] = _share(t["revenue"])
        t["spend_share"] = _share(spend) if has_spend else np.nan
    t["below_break_even"] = (
        (spend > 0) & (t["roas"] < metrics.break_even_roas(margin)) if has_spend else False
    )
    t["below_break_even"] = t["below_break_even"].astype(bool)
    return t


def _ratio(num: pd.Series, den: pd.Series) -> pd.Series:
    num = pd.to_numeric(num, errors="coerce").astype(float)
    den = pd.to_numeric(den, errors="coerce").astype(float)
    return (num / den).where(den > 0)


def _share(x: pd.Series) -> pd.Series:
    x = pd.to_numeric(x, errors="coerce").astype(float)
    total = x.sum()
    return x / total if total > 0 else x * np.nan


def _classes_for(keys: pd.Index, mapping: pd.DataFrame | None, level: str) -> list[str]:
    if level == "class":
        return [str(k) for k in keys]
    if level == "group":
        classes = group_classes(mapping)
        return [classes.get(str(k), "unassigned") for k in keys]
    if mapping is not None and len(mapping):
        by_value = dict(zip(mapping["value"].astype(str), mapping["class"].astype(str), strict=True))
    else:
        by_value = {}
    return [by_value.get(str(k), "unassigned") for k in keys]


def _nunique_by(key: pd.Series, ids: pd.Series) -> pd.Series:
    """Distinct ids (integer codes, NaN ignored) per category of ``key``: the pairs are
    packed into one int64 and hashed once, far cheaper than a grouped nunique."""
    cat = key.array
    v = ids.to_numpy(dtype=float)
    ok = ~np.isnan(v)
    k = np.asarray(cat.codes)[ok].astype(np.int64)
    vi = v[ok].astype(np.int64)
    base = int(vi.max()) + 1 if len(vi) else 1
    pairs = pd.unique(k * base + vi)
    counts = np.bincount(pairs // base, minlength=len(cat.categories))
    return pd.Series(counts, index=pd.Index(cat.categories, name=KEY)).loc[lambda c: c > 0]


def _first_orders(lines: pd.DataFrame) -> pd.DataFrame:
    """Each customer's first paid line (day and channel key)."""
    has = lines["customer_id"].notna().to_numpy()
    c = lines.loc[has, ["customer_id", "when", "day", KEY]]
    order = np.argsort(c["when"].to_numpy(), kind="stable")
    c = c.iloc[order]
    first = ~pd.Series(c["customer_id"].to_numpy()).duplicated().to_numpy()
    return c.iloc[np.flatnonzero(first)]


# ---- customer quality by acquisition channel -------------------------------------------
def customer_quality(
    orders: pd.DataFrame,
    spend: pd.DataFrame | None = None,
    *,
    margin: float = metrics.DEFAULT_MARGIN,
    mapping: pd.DataFrame | None = None,
    level: str = "group",
    channel: str = "channel",
) -> pd.DataFrame:
    """Value and repeat rate of customers by the channel of their first paid order.

    Parameters
    ----------
    orders, spend, margin, mapping, level
        As for :func:`channel_table`. Spend is summed over the whole spend file.

    Returns
    -------
    DataFrame
        One row per acquisition channel: ``channel``, ``customers``, ``repeat_rate``
        (share with 2+ paid orders), ``orders_per_customer``, ``revenue_per_customer``
        (paid revenue to date, all channels of later orders included), ``cac`` (spend ÷
        customers acquired, NaN without spend), ``ltv_cac`` (revenue per customer ×
        margin ÷ CAC), sorted by customers.

    Raises
    ------
    AnalysisError
        ``ch_err_no_customers`` without a customer_id column or with no customer ids.
    """
    if "customer_id" not in orders.columns:
        raise AnalysisError("ch_err_no_customers")
    lines = paid_lines(orders, mapping, level, channel)
    lines = lines.loc[lines["customer_id"].notna().to_numpy()]
    if not len(lines):
        raise AnalysisError("ch_err_no_customers")
    # per customer (integer codes): distinct orders, revenue, channel of the first order
    cust = lines["customer_id"].to_numpy().astype(np.int64)
    order = lines["order_id"].to_numpy().astype(np.int64)
    n = int(cust.max()) + 1
    base = int(order.max()) + 1
    pairs = pd.unique(cust * base + order)
    n_orders = np.bincount(pairs // base, minlength=n)
    revenue = np.bincount(cust, weights=lines["revenue"].to_numpy(dtype=float), minlength=n)
    firsts = _first_orders(lines)
    who = firsts["customer_id"].to_numpy().astype(np.int64)
    per = pd.DataFrame(
        {
            "orders": n_orders[who],
            "revenue": revenue[who],
            "first": firsts[KEY].to_numpy(),
        }
    )
    per["repeat"] = (per["orders"] >= 2).astype(float)
    g = per.groupby("first", sort=False, observed=True)
    out = pd.DataFrame(
        {
            "customers": g.size(),
            "repeat_rate": g["repeat"].mean(),
            "orders_per_customer": g["orders"].mean(),
            "revenue_per_customer": g["revenue"].mean(),
        }
    )
    out["cac"] = np.nan
    if spend is not None and len(spend) and "spend" in spend.columns:
        sp = clean_spend(spend)
        if channel in sp.columns:
            by = _keyed(sp, mapping, level, channel).groupby(KEY, observed=True)["spend"].sum()
            by = by.where(by > 0)  # no spend: no acquisition cost to speak of
            out["cac"] = _ratio(by.reindex(out.index), out["customers"])
    out["ltv_cac"] = _ratio(out["revenue_per_customer"] * margin, out["cac"])
    out.insert(0, "channel", out.index.astype(str))
    return out.sort_values("customers", ascending=False, kind="stable").reset_index(drop=True)


# ---- over time, by day/hour, by region -------------------------------------------------
def channel_trend(
    orders: pd.DataFrame,
    spend: pd.DataFrame | None = None,
    *,
    freq: str = "W",
    mapping: pd.DataFrame | None = None,
    level: str = "group",
    channel: str = "channel",
) -> pd.DataFrame:
    """Revenue, orders, spend and ROAS per channel per period.

    Parameters
    ----------
    freq
        ``"D"``, ``"W"`` (weeks starting Monday) or ``"M"`` (calendar months).

    Returns
    -------
    DataFrame
        Long form: ``period`` (first day), ``channel``, ``revenue``, ``orders``, ``spend``
        (NaN without dated spend), ``roas``, and the orders' coverage of the period:
        ``days``, ``partial`` (:func:`ecom_core.metrics.coverage`).
    """
    lines = paid_lines(orders, mapping, level, channel)
    per = _period_start(lines["day"], freq)
    rev = (
        lines.assign(period=per)
        .groupby(["period", KEY], sort=True, observed=True)
        .agg(revenue=("revenue", "sum"), orders=("order_id", "nunique"))
    )
    if spend is not None and len(spend) and "date" in spend.columns and channel in spend.columns:
        sp = _keyed(clean_spend(spend), mapping, level, channel)
        sp = sp.loc[sp["date"].notna().to_numpy()]
        s = (
            sp.assign(period=_period_start(sp["date"].dt.normalize(), freq))
            .groupby(["period", KEY], observed=True)["spend"]
            .sum()
        )
        rev = rev.join(s.rename("spend"), how="outer")
        rev[["revenue", "orders"]] = rev[["revenue", "orders"]].fillna(0)
    else:
        rev["spend"] = np.nan
    rev["roas"] = _ratio(rev["revenue"], rev["spend"])
    rev.index = rev.index.set_names(["period", "channel"])
    out = rev.reset_index()
    # how much of each period the orders cover, so a chart can tell a partial first or last one
    periods = pd.Series(out["period"].unique())
    cover = metrics.coverage(periods, lines["day"].min(), lines["day"].max(), freq).set_axis(periods)
    return out.join(cover, on="period")


#: The series that gathers the channels beyond the largest few in a chart over time.
OTHER = "Other"


def trend_top(trend: pd.DataFrame, metric: str = "revenue", n: int = 7) -> pd.DataFrame:
    """:func:`channel_trend` with the ``n`` channels of largest total ``metric`` kept and the
    rest summed into one :data:`OTHER` series (its ROAS from its summed revenue and spend),
    so a chart over time stays readable; ``partial`` and ``days`` mark the periods the data
    starts or ends inside (:func:`ecom_core.metrics.coverage`).
    """
    if trend.empty:
        return trend
    by = "revenue" if metric == "roas" else metric
    totals = trend.groupby("channel", observed=True)[by].sum().sort_values(ascending=False, kind="stable")
    keep = set(totals.index[:n]) if len(totals) > n + 1 else set(totals.index)
    channels = trend["channel"].astype("object")  # a categorical has no room for Other
    named = channels.where(channels.isin(keep), OTHER)
    out = (
        trend.assign(channel=named)
        .groupby(["period", "channel"], sort=True, observed=True)[["revenue", "orders", "spend"]]
        .sum(min_count=1)
        .reset_index()
    )
    out["roas"] = _ratio(out["revenue"], out["spend"])
    cover = trend.groupby("period")[["days", "partial"]].first()
    return out.join(cover, on="period")


def _period_start(days: pd.Series, freq: str) -> pd.Series:
    return metrics.period_start(days, freq).set_axis(days.index)


def time_patterns(
    orders: pd.DataFrame,
    *,
    mapping: pd.DataFrame | None = None,
    level: str = "group",
    channel: str = "channel",
) -> pd.DataFrame:
    """Paid orders and revenue by channel, weekday (0 = Monday) and hour of the order.

    Returns
    -------
    DataFrame
        ``channel``, ``weekday``, ``hour``, ``orders``, ``revenue``, ``share`` (of the
        channel's orders).
    """
    lines = paid_lines(orders, mapping, level, channel)
    t = pd.to_datetime(lines["order_time"])
    out = (
        lines.assign(weekday=t.dt.day_of_week.to_numpy(), hour=t.dt.hour.to_numpy())
        .groupby([KEY, "weekday", "hour"], sort=True, observed=True)
        .agg(orders=("order_id", "nunique"), revenue=("revenue", "sum"))
        .reset_index()
        .rename(columns={KEY: "channel"})
    )
    out["share"] = out["orders"] / out.groupby("channel")["orders"].transform("sum")
    return out


def region_mix(
    orders: pd.DataFrame,
    *,
    top: int = 10,
    mapping: pd.DataFrame | None = None,
    level: str = "group",
    channel: str = "channel",
    region: str = "region",
) -> pd.DataFrame:
    """Revenue by channel and region (the ``top`` regions by revenue, the rest as "Other").

    Returns
    -------
    DataFrame
        ``channel``, ``region``, ``revenue``, ``share`` (of the channel's revenue).

    Raises
    ------
    AnalysisError
        ``ch_err_no_region`` without a region column.
    """
    if region not in orders.columns:
        raise AnalysisError("ch_err_no_region")
    lines = paid_lines(orders, mapping, level, channel)
    reg = lines[region].astype("str").fillna("")
    best = lines.groupby(reg)["revenue"].sum().nlargest(top).index
    reg = reg.where(reg.isin(best), "Other")
    out = (
        lines.assign(_r=reg.to_numpy())
        .groupby([KEY, "_r"], sort=False, observed=True)["revenue"]
        .sum()
        .reset_index()
    )
    out.columns = ["channel", "region", "revenue"]
    out["share"] = out["revenue"] / out.groupby("channel")["revenue"].transform("sum")
    return out
