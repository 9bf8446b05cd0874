"""Ad-platform campaigns: spend, reach, clicks and cost per result, from spend data alone.

An ad platform's export (Facebook / Meta, 巨量引擎, 直通车 reports...) carries spend with
impressions, clicks and conversions, often without revenue and sometimes without dates. This
module answers what such a file can answer on its own, per campaign (or channel, or date):

* CTR = clicks ÷ impressions (点击率)
* CPC = spend ÷ clicks (平均点击花费)
* CPM = spend ÷ impressions × 1000 (千次展现成本)
* conversion rate = conversions ÷ clicks (点击转化率)
* cost per conversion = spend ÷ conversions (转化成本)
* ROAS = revenue ÷ spend, when the export reports revenue (platform-attributed 成交金额)

A ratio is NaN where its denominator is 0 or the column it needs is missing. The Total row
divides the sums (total spend ÷ total clicks), never averages the rows' ratios, so a campaign
with ten clicks weighs as much as its ten clicks.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ecom_core.load.dataset import AnalysisError, Dataset

#: what a campaign table can be keyed by
BY: tuple[str, ...] = ("campaign", "channel", "date")
#: key of the Total row (the table's last row)
TOTAL = "Total"
#: columns summed per key (those missing from the data stay NaN)
SUMS: tuple[str, ...] = ("spend", "impressions", "clicks", "conversions")
#: ratios: name -> (numerator, denominator, multiplier)
RATIOS: dict[str, tuple[str, str, float]] = {
    "ctr": ("clicks", "impressions", 1.0),
    "cpc": ("spend", "clicks", 1.0),
    "cpm": ("spend", "impressions", 1000.0),
    "cvr": ("conversions", "clicks", 1.0),
    "cost_per_conversion": ("spend", "conversions", 1.0),
}
#: a campaign table's columns after the key, in display order (revenue and ROAS only when
#: the spend data has revenue)
TABLE_COLUMNS: tuple[str, ...] = ("spend", "spend_share", *SUMS[1:], *RATIOS, "revenue", "roas")
#: periods of :func:`spend_trend`
FREQS: tuple[str, ...] = ("D", "W", "M")


def _frame(spend: pd.DataFrame | Dataset) -> pd.DataFrame:
    frame = spend.frame if isinstance(spend, Dataset) else spend
    if frame is None or "spend" not in frame.columns:
        raise AnalysisError("ch_err_missing_column", missing=["spend"])
    return frame


def _has_dates(frame: pd.DataFrame) -> bool:
    return "date" in frame.columns and bool(pd.to_datetime(frame["date"], errors="coerce").notna().any())


def _has_values(frame: pd.DataFrame, column: str) -> bool:
    if column not in frame.columns:
        return False
    text = frame[column].astype("str").str.strip()
    return bool((frame[column].notna() & (text != "")).any())


def campaign_levels(spend: pd.DataFrame | Dataset) -> tuple[str, ...]:
    """What :func:`campaign_table` can usefully be keyed by for this spend data, in
    :data:`BY` order: ``campaign`` when a campaign column has values, ``channel`` when the
    channels say something the campaigns do not (a real channel column, not one copied from
    the campaign or the loader's ``"(all)"``), ``date`` when some row has a date."""
    frame = _frame(spend)
    out = []
    has_campaign = _has_values(frame, "campaign")
    if has_campaign:
        out.append("campaign")
    if _has_values(frame, "channel"):
        channel = frame["channel"].astype("str")
        copied = has_campaign and channel.equals(frame["campaign"].astype("str"))
        placeholder = set(channel.unique()) <= {"(all)"}
        if not copied and not (placeholder and has_campaign):
            out.append("channel")
    if _has_dates(frame):
        out.append("date")
    return tuple(out) or ("channel",)


def _sums(frame: pd.DataFrame, keys: pd.Series | None) -> pd.DataFrame:
    """Sums of :data:`SUMS` (and revenue) per key, NaN for a column the data lacks."""
    cols = [c for c in (*SUMS, "revenue") if c in frame.columns]
    values = pd.DataFrame({c: pd.to_numeric(frame[c], errors="coerce").astype(float) for c in cols})
    if keys is None:
        out = values.sum(min_count=1).to_frame().T
    else:
        out = values.groupby(keys.to_numpy(), sort=False, dropna=True).sum(min_count=1)
    for c in SUMS:
        if c not in out.columns:
            out[c] = np.nan
    return out


def _ratio(num: pd.Series, den: pd.Series, times: float = 1.0) -> pd.Series:
    num = pd.to_numeric(num, errors="coerce").astype(float)
    den = pd.to_numeric(den, errors="coerce").astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = num / den * times
    return out.where(den > 0)


def _with_ratios(sums: pd.DataFrame, total_spend: float) -> pd.DataFrame:
    out = sums.copy()
    share = out["spend"] / total_spend if total_spend > 0 else np.nan
    out.insert(list(out.columns).index("spend") + 1, "spend_share", share)
    for name, (num, den, times) in RATIOS.items():
        out[name] = _ratio(out[num], out[den], times)
    if "revenue" in out.columns:
        out["roas"] = _ratio(out["revenue"], out["spend"])
    return out


def campaign_table(spend: pd.DataFrame | Dataset, by: str = "campaign") -> pd.DataFrame:
    """Spend, reach and cost per result per campaign, with a Total row.

    Parameters
    ----------
    spend
        Canonical spend (``spend``; optional ``campaign``, ``channel``, ``date``,
        ``impressions``, ``clicks``, ``conversions``, ``revenue``) or its Dataset.
    by
        ``"campaign"`` (falls back to ``"channel"`` when the data has no campaign column),
        ``"channel"`` or ``"date"`` (one row per day; rows without a date are left out).

    Returns
    -------
    DataFrame
        The key column (named ``by``, or ``channel`` after the fallback; a blank campaign or
        channel is ``""``), then ``spend``, ``spend_share``, ``impressions``, ``clicks``,
        ``conversions``, ``ctr``, ``cpc``, ``cpm``, ``cvr`` (conversions ÷ clicks),
        ``cost_per_conversion``, and ``revenue`` and ``roas`` when the data has revenue.
        Rows sorted by spend, largest first (by date: in date order); the last row is the
        Total (key :data:`TOTAL`), whose ratios divide the column sums. Sums of a column the
        data lacks, and ratios whose denominator is 0 or missing, are NaN.

    Raises
    ------
    AnalysisError
        ``ch_err_missing_column`` without a spend column; ``ch_err_spend_no_dates`` for
        ``by="date"`` when no row has a date.
    """
    if by not in BY:
        raise ValueError(f"by must be one of {BY}, not {by!r}")
    frame = _frame(spend)
    if by == "campaign" and "campaign" not in frame.columns:
        by = "channel"
    if by == "date":
        if not _has_dates(frame):
            raise AnalysisError("ch_err_spend_no_dates")
        keys = pd.to_datetime(frame["date"], errors="coerce").dt.normalize()
        frame = frame.loc[keys.notna().to_numpy()]
        keys = keys[keys.notna()]
    else:
        if by not in frame.columns:
            raise AnalysisError("ch_err_missing_column", missing=[by])
        keys = frame[by].astype("str").str.strip().fillna("")
        keys = keys.where(frame[by].notna(), "")
    rows = _sums(frame, keys)
    total = _sums(frame, None)
    total_spend = float(total["spend"].iloc[0]) if pd.notna(total["spend"].iloc[0]) else 0.0
    rows = _with_ratios(rows, total_spend)
    total = _with_ratios(total, total_spend)
    if by == "date":
        rows = rows.sort_index(kind="stable")
    else:
        rows = rows.assign(_key=rows.index.astype(str))
        rows = rows.sort_values(["spend", "_key"], ascending=[False, True], kind="stable")
        rows = rows.drop(columns="_key")
    columns = [c for c in TABLE_COLUMNS if c in rows.columns]
    rows = rows[columns].rename_axis(by).reset_index()
    total = total[columns].assign(**{by: TOTAL})[[by, *columns]]
    out = pd.concat([rows.astype({by: object}), total.astype({by: object})], ignore_index=True)
    return out if by == "date" else out.astype({by: "str"})


def spend_trend(spend: pd.DataFrame | Dataset, freq: str = "W") -> pd.DataFrame:
    """Spend, impressions, clicks and conversions per day, week (from Monday) or month.

    Parameters
    ----------
    spend
        Canonical spend with ``date`` (or its Dataset).
    freq
        ``"D"``, ``"W"`` or ``"M"``.

    Returns
    -------
    DataFrame
        One row per period from the first to the last dated row, periods without spend
        included with 0: ``period`` (its first day), ``spend``, ``impressions``, ``clicks``,
        ``conversions`` (NaN throughout when the data lacks the column), ``revenue`` when
        present, and the period's ``ctr``, ``cpc``, ``cpm``, ``cvr``,
        ``cost_per_conversion`` (and ``roas``) from its sums.

    Raises
    ------
    AnalysisError
        ``ch_err_spend_no_dates`` when no row has a date.
    """
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {FREQS}, not {freq!r}")
    frame = _frame(spend)
    if not _has_dates(frame):
        raise AnalysisError("ch_err_spend_no_dates")
    dates = pd.to_datetime(frame["date"], errors="coerce")
    dated = dates.notna().to_numpy()
    frame, dates = frame.loc[dated], dates[dated]
    if freq == "D":
        start = dates.dt.normalize()
        grid = pd.date_range(start.min(), start.max(), freq="D")
    elif freq == "W":
        start = dates.dt.to_period("W-SUN").dt.start_time
        grid = pd.date_range(start.min(), start.max(), freq="W-MON")
    else:
        start = dates.dt.to_period("M").dt.start_time
        grid = pd.date_range(start.min(), start.max(), freq="MS")
    sums = _sums(frame, start)
    present = [c for c in sums.columns if not sums[c].isna().all()]
    sums = sums.reindex(grid)
    sums[present] = sums[present].fillna(0.0)
    total_spend = float(sums["spend"].sum())
    out = _with_ratios(sums, total_spend).drop(columns="spend_share")
    columns = [c for c in TABLE_COLUMNS if c in out.columns]
    return out[columns].rename_axis("period").reset_index()
