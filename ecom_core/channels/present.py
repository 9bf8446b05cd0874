"""What the channel page shows in words and tables: translated, formatted, ready to render.

Nothing here computes an analysis; it turns results of :mod:`kpis`, :mod:`curves` and
:mod:`attribution` into labelled frames (column headers and channel names in the user's
language), pandas Stylers with number formats, and finding sentences.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas.io.formats.style import Styler

from ecom_core import fmt
from ecom_core.channels.curves import TARGET_MET, TARGET_UNREACHABLE, Allocation
from ecom_core.channels.grouping import UNASSIGNED, class_label, group_label
from ecom_core.channels.kpis import ChannelReport
from ecom_core.i18n import label, t

MONEY = {
    "revenue",
    "aov",
    "refunds",
    "spend",
    "cpa",
    "cac",
    "profit",
    "current_spend",
    "current_revenue",
    "new_spend",
    "spend_change",
    "new_revenue",
    "revenue_change",
    "lower",
    "upper",
    "revenue_per_customer",
    "saturation_spend",
}
RATIO = {"roas", "ltv_cac", "current_roas", "marginal_roas", "roas0", "r2", "orders_per_customer"}
RATIO |= {"marginal_roas_before", "marginal_roas_after"}
PERCENT = {"conversion_rate", "visitor_share", "revenue_share", "spend_share", "repeat_rate", "profit_roi"}
COUNT = {"visitors", "orders", "customers", "new_customers", "rows", "n_periods"}
_MODELS = ("last_click", "first_click", "linear", "position_based", "time_decay")


def channel_name(key: object, level: str, lang: str) -> str:
    """A channel key (group, class or raw value) as the user reads it."""
    key = str(key)
    if level == "class":
        return class_label(key, lang)
    if level == "group" or key == UNASSIGNED:
        return group_label(key, lang)
    return key


def column_label(name: str, lang: str) -> str:
    if name.endswith("_revenue") and name[: -len("_revenue")] in _MODELS:
        return f"{t('ch_model_' + name[: -len('_revenue')], lang)} · {t('ch_col_revenue', lang)}"
    if name in _MODELS:
        return t("ch_model_" + name, lang)
    return label("ch_col_" + name, lang, name)


def labelled(frame: pd.DataFrame, lang: str, level: str = "group") -> pd.DataFrame:
    """``frame`` with translated headers and channel, class, curve and flag values."""
    out = frame.copy()
    if "channel" in out:
        out["channel"] = [channel_name(v, level, lang) for v in out["channel"]]
    if "group" in out:
        out["group"] = [group_label(v, lang) for v in out["group"]]
    if "class" in out:
        out["class"] = [class_label(v, lang) if v else "" for v in out["class"]]
    if "kind" in out:
        out["kind"] = [t(f"ch_kind_{v}", lang) for v in out["kind"]]
    if "below_break_even" in out:
        out["below_break_even"] = np.where(out["below_break_even"].astype(bool), "⚠", "")
    if "weekday" in out:
        out["weekday"] = [t(f"ch_weekday_{int(v)}", lang) for v in out["weekday"]]
    return out.rename(columns={c: column_label(str(c), lang) for c in out.columns})


def styled(frame: pd.DataFrame, lang: str, level: str = "group", highlight: bool = True) -> Styler:
    """The labelled frame as a Styler: money without decimals, ratios with two, shares as
    percentages, and rows below break-even tinted."""
    frame = frame.reset_index(drop=True)
    lab = labelled(frame, lang, level)
    formats: dict[str, str] = {}
    for col in frame.columns:
        name = column_label(str(col), lang)
        if col in MONEY or str(col).endswith("_revenue"):
            formats[name] = "{:,.0f}"
        elif col in RATIO:
            formats[name] = "{:,.2f}"
        elif col in PERCENT:
            formats[name] = "{:.1%}"
        elif col in COUNT:
            formats[name] = "{:,.0f}"
        elif col in _MODELS:
            formats[name] = "{:,.1f}"
    styler = lab.style.format(formats, na_rep="–")
    if highlight and "below_break_even" in frame:
        flag = frame["below_break_even"].astype(bool).to_numpy()

        def tint(row: pd.Series) -> list[str]:
            return ["background-color: #fde2e1" if flag[row.name] else "" for _ in row]

        styler = styler.apply(tint, axis=1)
    return styler.hide(axis="index")


# ---- sentences -------------------------------------------------------------------------
def findings(report: ChannelReport, lang: str, level: str = "group") -> list[tuple[str, str]]:
    """Sentences about break-even: ``[(level, text)]`` with level ``error`` for a channel
    below break-even and ``success`` / ``info`` for the rest."""
    if not report.has_spend:
        return []
    tab = report.table
    paid = tab.loc[tab["spend"].fillna(0) > 0]
    be = f"{report.break_even_roas:.2f}"
    out: list[tuple[str, str]] = []
    for _, row in paid.loc[paid["below_break_even"]].sort_values("roas").iterrows():
        out.append(
            (
                "error",
                t(
                    "ch_flagged",
                    lang,
                    channel=channel_name(row["channel"], level, lang),
                    roas=f"{row['roas']:.2f}",
                    break_even=be,
                    margin=fmt.pct(report.margin, 0),
                    revenue=fmt.money(row["revenue"], lang),
                    spend=fmt.money(row["spend"], lang),
                    loss=fmt.money(-row["profit"], lang),
                ),
            )
        )
    above = paid.loc[~paid["below_break_even"]].sort_values("roas", ascending=False)
    if len(above):
        items = t("list_sep", lang).join(
            f"{channel_name(r.channel, level, lang)} {r.roas:.2f}" for r in above.itertuples()
        )
        key = "ch_others_above" if out else "ch_none_below"
        out.append(("success" if not out else "info", t(key, lang, items=items, break_even=be)))
    return out


def audit_text(audit: pd.DataFrame, lang: str) -> str | None:
    """The warning about channel values nobody has grouped (:func:`unassigned_audit`): how
    many, their share of revenue, the first twelve; None when there are none."""
    if not len(audit):
        return None
    values = t("list_sep", lang).join(audit["value"].replace("", t("ch_blank", lang)).head(12))
    share = fmt.pct(audit["revenue_share"].sum()) if audit["revenue_share"].notna().any() else fmt.DASH
    return t("ch_audit", lang, n=len(audit), share=share, values=values)


#: a spend or revenue change smaller than this (half a unit of money, the sentences' rounding)
#: reads as no change
_NO_CHANGE = 0.5


def _ratio(x: float | None) -> str:
    return "–" if x is None or not np.isfinite(x) else f"{x:.2f}"


def allocation_level(alloc: Allocation) -> str:
    """How to show an allocation's sentences: ``"warning"`` when a target ROAS cannot be
    reached, ``"success"`` only when revenue is predicted to rise even at the low end of its
    interval, ``"info"`` otherwise (a loss, no change, or a gain the interval does not
    exclude from being a loss)."""
    if alloc.status == TARGET_UNREACHABLE:
        return "warning"
    if alloc.revenue_change >= _NO_CHANGE and alloc.change_low > 0:
        return "success"
    return "info"


def allocation_summary(alloc: Allocation, lang: str, level: str = "group") -> list[str]:
    """Sentences about a reallocation: for a target ROAS whether and at what budget it is
    met, then the predicted change with its interval, the spend before and after, and the
    biggest cut and increase (each only when there is one)."""

    def signed(x: float) -> str:
        text = fmt.money(abs(x), lang)
        return ("+" if x >= 0 else "−") + text

    spend = {"budget": fmt.money(alloc.budget, lang), "current": fmt.money(alloc.current_budget, lang)}
    lines = []
    if alloc.status == TARGET_UNREACHABLE:
        lines.append(
            t(
                "ch_target_unreachable",
                lang,
                target=_ratio(alloc.target_roas),
                best=_ratio(alloc.best_roas),
                **spend,
            )
        )
    elif alloc.status == TARGET_MET:
        # above the target by more than the rounding: the limits stopped the budget, not the target
        above = round(alloc.roas_after, 2) > round(alloc.target_roas or 0.0, 2)
        lines.append(
            t(
                "ch_target_above" if above else "ch_target_met",
                lang,
                target=_ratio(alloc.target_roas),
                after=_ratio(alloc.roas_after),
                **spend,
            )
        )
    lines += [
        t(
            "ch_alloc_result",
            lang,
            change=signed(alloc.revenue_change),
            low=signed(alloc.change_low),
            high=signed(alloc.change_high),
            before=_ratio(alloc.roas_before),
            after=_ratio(alloc.roas_after),
        ),
        t(
            "ch_alloc_spend",
            lang,
            before=fmt.money(alloc.current_budget, lang),
            after=fmt.money(alloc.budget, lang),
        ),
    ]
    tab = alloc.table
    if len(tab) > 1:
        cut = tab.loc[tab["spend_change"].idxmin()]
        add = tab.loc[tab["spend_change"].idxmax()]
        has_cut = cut["spend_change"] <= -_NO_CHANGE
        has_add = add["spend_change"] >= _NO_CHANGE
        moves = {
            "cut": channel_name(cut["channel"], level, lang),
            "cut_change": signed(cut["spend_change"]),
            "add": channel_name(add["channel"], level, lang),
            "add_change": signed(add["spend_change"]),
        }
        if has_cut and has_add:
            lines.append(t("ch_alloc_moves", lang, **moves))
        elif has_cut:
            lines.append(t("ch_alloc_move_cut", lang, **moves))
        elif has_add:
            lines.append(t("ch_alloc_move_add", lang, **moves))
    return lines


# ---- campaigns (an ad platform's figures, with or without orders) ----------------------
#: campaign-table columns by how they read: money (spend, unit costs), shares, counts
CAMPAIGN_MONEY = ("spend", "revenue", "cpc", "cpm", "cost_per_conversion")
CAMPAIGN_PERCENT = {"spend_share": 1, "ctr": 2, "cvr": 1}  # column -> decimals (CTRs are small)
CAMPAIGN_COUNT = ("impressions", "clicks", "conversions")
#: measures a spend trend can show, in menu order
CAMPAIGN_METRICS = ("spend", "impressions", "clicks", "conversions", "revenue")
CAMPAIGN_METRICS += ("cpc", "cost_per_conversion", "ctr", "cpm", "cvr", "roas")


def campaign_column_label(name: str, lang: str) -> str:
    """A campaign-table column's header: revenue there is what the ad platform reports."""
    if name == "revenue":
        return t("ch_col_ad_revenue", lang)
    return column_label(name, lang)


def campaign_key(value: object, by: str, lang: str) -> str:
    """A campaign, channel or day as the user reads it (blank -> "(blank)")."""
    if by == "date" and isinstance(value, pd.Timestamp):
        return f"{value:%Y-%m-%d}"
    text = "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)
    return text if text.strip() else t("ch_blank", lang)


def campaign_rows(table: pd.DataFrame) -> pd.DataFrame:
    """A campaign table without its Total row (the last row)."""
    return table.iloc[:-1]


def campaign_metrics(frame: pd.DataFrame) -> list[str]:
    """The measures of a campaign table or spend trend that the data has values for."""
    return [c for c in CAMPAIGN_METRICS if c in frame.columns and frame[c].notna().any()]


def campaign_labelled(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A campaign table (from :func:`~ecom_core.channels.campaign_table`) for reading and
    downloading: the key named in ``lang``, its last row called Total, columns the data
    has no value for left out, headers translated."""
    by = str(table.columns[0])
    keys = [campaign_key(v, by, lang) for v in table[by]]
    if keys:
        keys[-1] = t("ch_group_total", lang)
    out = table.assign(**{by: keys})
    empty = [c for c in out.columns[1:] if out[c].isna().all()]
    out = out.drop(columns=empty)
    return out.rename(columns={c: campaign_column_label(str(c), lang) for c in out.columns})


def campaign_styled(table: pd.DataFrame, lang: str) -> Styler:
    """:func:`campaign_labelled` as a Styler: money and unit costs as money, CTR, conversion
    rate and share of spend as percentages, impressions, clicks and conversions as counts,
    ROAS with two decimals; the Total row in bold. The values stay numbers, so sorting a
    column sorts by value."""
    lab = campaign_labelled(table, lang).reset_index(drop=True)
    shown = set(lab.columns)
    formats: dict[str, object] = {}
    for col in table.columns[1:]:
        name = campaign_column_label(str(col), lang)
        if name not in shown:
            continue
        if col in CAMPAIGN_MONEY:
            formats[name] = lambda x: fmt.money(x, lang)
        elif col in CAMPAIGN_PERCENT:
            formats[name] = lambda x, d=CAMPAIGN_PERCENT[col]: fmt.pct(x, d)
        elif col in CAMPAIGN_COUNT:
            formats[name] = fmt.count
        elif col == "roas":
            formats[name] = lambda x: fmt.DASH if pd.isna(x) else f"{x:.2f}"
    last = len(lab) - 1

    def bold_total(row: pd.Series) -> list[str]:
        return ["font-weight: bold" if row.name == last else "" for _ in row]

    return lab.style.format(formats).apply(bold_total, axis=1).hide(axis="index")
