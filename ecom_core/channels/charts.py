"""Altair charts of the channel analysis; every function takes ``lang`` for titles,
axis labels, tooltips and channel names."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ecom_core import fmt, palette
from ecom_core.channels.curves import Allocation, ResponseCurves
from ecom_core.channels.kpis import OTHER, ChannelReport, trend_top
from ecom_core.channels.present import channel_name, column_label
from ecom_core.i18n import t

RED = "#d62728"
GREY = "#9e9e9e"
BLUE = "#1f77b4"
ORANGE = "#ff7f0e"


def _names(frame: pd.DataFrame, level: str, lang: str, col: str = "channel") -> pd.DataFrame:
    return frame.assign(**{col: [channel_name(v, level, lang) for v in frame[col]]})


def roas_chart(report: ChannelReport, lang: str, level: str = "group") -> alt.LayerChart | None:
    """Bars of ROAS per channel with spend (below break-even in red) and the break-even rule."""
    tab = report.table.loc[report.table["spend"].fillna(0) > 0, ["channel", "roas", "spend", "revenue"]]
    if tab.empty:
        return None
    tab = _names(tab, level, lang)
    tab["below"] = tab["roas"] < report.break_even_roas
    ch, roas = column_label("channel", lang), column_label("roas", lang)
    data = tab.rename(
        columns={
            "channel": ch,
            "roas": roas,
            "spend": column_label("spend", lang),
            "revenue": column_label("revenue", lang),
        }
    )
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(f"{roas}:Q", title=roas),
            y=alt.Y(f"{ch}:N", sort="-x", title=None),
            color=alt.condition(alt.datum.below, alt.value(RED), alt.value(BLUE)),
            tooltip=[
                alt.Tooltip(f"{ch}:N"),
                alt.Tooltip(f"{roas}:Q", format=".2f"),
                alt.Tooltip(f"{column_label('revenue', lang)}:Q", format=",.0f"),
                alt.Tooltip(f"{column_label('spend', lang)}:Q", format=",.0f"),
            ],
        )
    )
    label = t("ch_break_even_label", lang, value=f"{report.break_even_roas:.2f}")
    rule_data = pd.DataFrame({"x": [report.break_even_roas], "label": [label]})
    rule = (
        alt.Chart(rule_data)
        .mark_rule(color="black", strokeDash=[6, 4], size=2)
        .encode(x="x:Q", tooltip=[alt.Tooltip("label:N", title=" ")])
    )
    text = (
        alt.Chart(rule_data)
        .mark_text(align="left", dx=4, dy=-6, baseline="bottom")
        .encode(x="x:Q", y=alt.value(0), text="label:N")
    )
    return (bars + rule + text).properties(title=t("ch_roas_chart_title", lang))


def share_chart(report: ChannelReport, lang: str, level: str = "group") -> alt.Chart:
    """Grouped bars: each channel's share of visitors, revenue and spend."""
    cols = [c for c in ("visitor_share", "revenue_share", "spend_share") if report.table[c].notna().any()]
    long = _names(report.table, level, lang).melt(
        id_vars="channel", value_vars=cols, var_name="m", value_name="v"
    )
    long["m"] = [column_label(m, lang) for m in long["m"]]
    ch, metric, share = column_label("channel", lang), t("ch_col_metric", lang), t("ch_col_share", lang)
    long = long.rename(columns={"channel": ch, "m": metric, "v": share})
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y(f"{ch}:N", title=None, sort=list(long[ch].unique())),
            yOffset=alt.YOffset(f"{metric}:N"),
            x=alt.X(f"{share}:Q", axis=alt.Axis(format="%"), title=share),
            color=alt.Color(f"{metric}:N", title=None, legend=alt.Legend(orient="top")),
            tooltip=[f"{ch}:N", f"{metric}:N", alt.Tooltip(f"{share}:Q", format=".1%")],
        )
        .properties(title=t("ch_share_chart_title", lang))
    )


def trend_chart(trend: pd.DataFrame, lang: str, metric: str = "revenue", level: str = "group") -> alt.Chart:
    """Lines of ``metric`` (revenue, orders, spend or roas) per channel over time: the seven
    largest channels and "Other" (:func:`~ecom_core.channels.trend_top`), each in the colour
    of its channel whatever the language; a period the orders only partly cover is a hollow
    point, not part of the line."""
    top = trend_top(trend, metric).dropna(subset=[metric])
    labels = {
        c: channel_name(c, level, lang) if c != OTHER else t("ch_other", lang)
        for c in top["channel"].unique()
    }
    ch, per, val = column_label("channel", lang), t("ch_col_period", lang), column_label(metric, lang)
    days = t("ov_col_days", lang)
    data = top.assign(channel=top["channel"].map(labels))[["period", "channel", metric, "days", "partial"]]
    data = data.rename(columns={"period": per, "channel": ch, metric: val, "days": days})
    fmt_ = ".2f" if metric == "roas" else ",.0f"
    base = alt.Chart(data).encode(
        x=alt.X(f"{per}:T", title=None, axis=alt.Axis(**fmt.time_axis(lang))),
        y=alt.Y(f"{val}:Q", title=val),
        color=alt.Color(
            f"{ch}:N", title=ch, scale=palette.scale(labels, other=[OTHER]), legend=alt.Legend(columns=1)
        ),
        tooltip=[alt.Tooltip(f"{per}:T"), f"{ch}:N", alt.Tooltip(f"{val}:Q", format=fmt_), f"{days}:Q"],
    )
    lines = base.transform_filter(~alt.datum.partial).mark_line()
    partial = base.transform_filter(alt.datum.partial).mark_point(filled=False, size=50)
    return (lines + partial).properties(title=t("ch_trend_title", lang)).interactive(bind_y=False)


def heatmap_chart(patterns: pd.DataFrame, channel: str, lang: str, level: str = "group") -> alt.Chart:
    """Weekday × hour heatmap of one channel's share of orders."""
    data = patterns.loc[patterns["channel"] == channel].copy()
    wd, hr, share = t("ch_col_weekday", lang), t("ch_col_hour", lang), t("ch_col_share", lang)
    order = [t(f"ch_weekday_{i}", lang) for i in range(7)]
    data[wd] = [t(f"ch_weekday_{int(i)}", lang) for i in data["weekday"]]
    data = data.rename(columns={"hour": hr, "share": share, "orders": column_label("orders", lang)})
    return (
        alt.Chart(data)
        .mark_rect()
        .encode(
            x=alt.X(f"{hr}:O", title=hr),
            y=alt.Y(f"{wd}:N", sort=order, title=None),
            color=alt.Color(f"{share}:Q", scale=alt.Scale(scheme="blues"), legend=alt.Legend(format="%")),
            tooltip=[
                f"{wd}:N",
                f"{hr}:O",
                f"{column_label('orders', lang)}:Q",
                alt.Tooltip(f"{share}:Q", format=".1%"),
            ],
        )
        .properties(title=t("ch_heatmap_title", lang, channel=channel_name(channel, level, lang)))
    )


def region_chart(mix: pd.DataFrame, lang: str, level: str = "group") -> alt.Chart:
    """Channel × region heatmap of each channel's revenue share."""
    data = _names(mix, level, lang)
    data["region"] = data["region"].replace({"Other": t("ch_other_region", lang)})
    ch, reg, share = column_label("channel", lang), t("ch_col_region", lang), t("ch_col_share", lang)
    rev = column_label("revenue", lang)
    data = data.rename(columns={"channel": ch, "region": reg, "share": share, "revenue": rev})
    return (
        alt.Chart(data)
        .mark_rect()
        .encode(
            x=alt.X(f"{reg}:N", title=None, sort="-color"),
            y=alt.Y(f"{ch}:N", title=None),
            color=alt.Color(f"{share}:Q", scale=alt.Scale(scheme="greens"), legend=alt.Legend(format="%")),
            tooltip=[
                f"{ch}:N",
                f"{reg}:N",
                alt.Tooltip(f"{rev}:Q", format=",.0f"),
                alt.Tooltip(f"{share}:Q", format=".1%"),
            ],
        )
        .properties(title=t("ch_region_title", lang))
    )


def quality_chart(quality: pd.DataFrame, lang: str, level: str = "group") -> alt.LayerChart | alt.Chart:
    """LTV:CAC per first channel with the pay-back line at 1 (revenue per customer when no
    channel has a CAC)."""
    data = _names(quality, level, lang)
    ch = column_label("channel", lang)
    has_cac = data["ltv_cac"].notna().any()
    metric = "ltv_cac" if has_cac else "revenue_per_customer"
    val = column_label(metric, lang)
    data = data.dropna(subset=[metric]).rename(
        columns={
            "channel": ch,
            metric: val,
            "repeat_rate": column_label("repeat_rate", lang),
            "customers": column_label("customers", lang),
        }
    )
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(f"{val}:Q", title=val),
            y=alt.Y(f"{ch}:N", sort="-x", title=None),
            color=(
                alt.condition(f"datum['{val}'] < 1", alt.value(RED), alt.value(BLUE))
                if has_cac
                else alt.value(BLUE)
            ),
            tooltip=[
                f"{ch}:N",
                alt.Tooltip(f"{val}:Q", format=",.2f"),
                alt.Tooltip(f"{column_label('repeat_rate', lang)}:Q", format=".1%"),
                alt.Tooltip(f"{column_label('customers', lang)}:Q", format=",.0f"),
            ],
        )
    )
    title = t("ch_quality_chart_title" if has_cac else "ch_quality_value_title", lang)
    if not has_cac:
        return bars.properties(title=title)
    rule = alt.Chart(pd.DataFrame({"x": [1.0]})).mark_rule(color="black", strokeDash=[6, 4]).encode(x="x:Q")
    return (bars + rule).properties(title=title)


def curves_chart(
    curves: ResponseCurves, lang: str, level: str = "group", upto: float = 2.0
) -> alt.LayerChart:
    """Response curves (dashed where assumed) with each channel's current week marked."""
    pts = _names(curves.curve_points(upto=upto), level, lang)
    pts["kind"] = [t(f"ch_kind_{k}", lang) for k in pts["kind"]]
    tab = _names(curves.table_, level, lang)
    ch, kind = column_label("channel", lang), column_label("kind", lang)
    sp, rev = t("ch_col_current_spend", lang), t("ch_col_current_revenue", lang)
    pts = pts.rename(columns={"channel": ch, "kind": kind, "spend": sp, "revenue": rev})
    pts = pts.rename(columns={"marginal_roas": column_label("marginal_roas", lang)})
    now = tab.rename(columns={"channel": ch, "current_spend": sp, "current_revenue": rev})
    now = now.rename(columns={"current_roas": column_label("current_roas", lang)})
    lines = (
        alt.Chart(pts)
        .mark_line()
        .encode(
            x=alt.X(f"{sp}:Q", title=column_label("spend", lang)),
            y=alt.Y(f"{rev}:Q", title=column_label("revenue", lang)),
            color=alt.Color(f"{ch}:N", title=ch),
            strokeDash=alt.StrokeDash(f"{kind}:N", title=kind, legend=alt.Legend(orient="bottom")),
            tooltip=[
                f"{ch}:N",
                f"{kind}:N",
                alt.Tooltip(f"{sp}:Q", format=",.0f"),
                alt.Tooltip(f"{rev}:Q", format=",.0f"),
                alt.Tooltip(f"{column_label('marginal_roas', lang)}:Q", format=".2f"),
            ],
        )
    )
    points = (
        alt.Chart(now)
        .mark_point(filled=True, size=80)
        .encode(
            x=f"{sp}:Q",
            y=f"{rev}:Q",
            color=alt.Color(f"{ch}:N"),
            tooltip=[
                f"{ch}:N",
                alt.Tooltip(f"{sp}:Q", format=",.0f"),
                alt.Tooltip(f"{rev}:Q", format=",.0f"),
                alt.Tooltip(f"{column_label('current_roas', lang)}:Q", format=".2f"),
            ],
        )
    )
    return (lines + points).properties(title=t("ch_curves_title", lang))


def allocation_chart(alloc: Allocation, lang: str, level: str = "group") -> alt.Chart:
    """Grouped bars of weekly spend per channel, now and after."""
    tab = _names(alloc.table, level, lang)
    now, after = t("ch_now", lang), t("ch_after", lang)
    long = pd.concat(
        [
            tab[["channel"]].assign(when=now, spend=tab["current_spend"]),
            tab[["channel"]].assign(when=after, spend=tab["new_spend"]),
        ]
    )
    ch, sp = column_label("channel", lang), column_label("spend", lang)
    when = " "
    long = long.rename(columns={"channel": ch, "spend": sp, "when": when})
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y(f"{ch}:N", title=None),
            yOffset=alt.YOffset(f"{when}:N", sort=[now, after]),
            x=alt.X(f"{sp}:Q", title=sp),
            color=alt.Color(
                f"{when}:N",
                sort=[now, after],
                scale=alt.Scale(range=[GREY, ORANGE]),
                legend=alt.Legend(orient="top", title=None),
            ),
            tooltip=[f"{ch}:N", f"{when}:N", alt.Tooltip(f"{sp}:Q", format=",.0f")],
        )
        .properties(title=t("ch_alloc_chart_title", lang))
    )


def attribution_chart(attr: pd.DataFrame, lang: str, level: str = "group") -> alt.Chart:
    """Grouped bars of conversions credited to each channel under each model."""
    from ecom_core.channels.attribution import MODELS

    long = _names(attr, level, lang).melt(
        id_vars="channel", value_vars=list(MODELS), var_name="m", value_name="v"
    )
    model_names = [t(f"ch_model_{m}", lang) for m in MODELS]
    long["m"] = [t(f"ch_model_{m}", lang) for m in long["m"]]
    ch, model, conv = column_label("channel", lang), t("ch_col_model", lang), t("ch_col_conversions", lang)
    long = long.rename(columns={"channel": ch, "m": model, "v": conv})
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y(f"{ch}:N", title=None, sort=list(long[ch].unique())),
            yOffset=alt.YOffset(f"{model}:N", sort=model_names),
            x=alt.X(f"{conv}:Q", title=conv),
            color=alt.Color(f"{model}:N", sort=model_names, legend=alt.Legend(orient="top", title=None)),
            tooltip=[f"{ch}:N", f"{model}:N", alt.Tooltip(f"{conv}:Q", format=",.1f")],
        )
        .properties(title=t("ch_attr_chart_title", lang))
    )


# ---- campaigns (an ad platform's figures) ------------------------------------------------
def _campaign_tooltips(frame: pd.DataFrame, lang: str) -> list[alt.Tooltip]:
    from ecom_core.channels import present

    tips = []
    for col in present.campaign_metrics(frame):
        if col in present.CAMPAIGN_PERCENT:
            form = f".{present.CAMPAIGN_PERCENT[col]}%"
        elif col in present.CAMPAIGN_COUNT:
            form = ",.0f"
        else:
            form = ",.2f"
        tips.append(alt.Tooltip(f"{col}:Q", title=present.campaign_column_label(col, lang), format=form))
    return tips


def campaign_chart(table: pd.DataFrame, lang: str, top: int = 20) -> alt.Chart | None:
    """Bars of spend per campaign (or channel), the largest ``top``, coloured by cost per
    conversion (by CPC when there are no conversions), every measure in the tooltip; None
    when nothing was spent. ``table`` is a :func:`~ecom_core.channels.campaign_table`."""
    from ecom_core.channels import present

    by = str(table.columns[0])
    rows = present.campaign_rows(table)
    if rows.empty or not (rows["spend"].fillna(0) > 0).any():
        return None
    rows = rows.head(top)
    data = rows.assign(key=[present.campaign_key(v, by, lang) for v in rows[by]]).drop(columns=by)
    key_title = column_label(by, lang)
    color_by = next((c for c in ("cost_per_conversion", "cpc") if data[c].notna().any()), None)
    encoding = {
        "x": alt.X("spend:Q", title=present.campaign_column_label("spend", lang)),
        "y": alt.Y("key:N", sort="-x", title=None),
        "tooltip": [alt.Tooltip("key:N", title=key_title), *_campaign_tooltips(data, lang)],
    }
    title = t("ch_campaign_chart_title", lang, what=key_title.lower())
    if color_by is not None:
        metric = present.campaign_column_label(color_by, lang)
        encoding["color"] = alt.Color(
            f"{color_by}:Q",
            title=metric,
            scale=alt.Scale(scheme="orangered"),
            legend=alt.Legend(orient="top"),
        )
        title = f"{title} · {t('ch_campaign_chart_color', lang, metric=metric)}"
    else:
        encoding["color"] = alt.value(BLUE)
    return alt.Chart(data).mark_bar().encode(**encoding).properties(title=title)


def spend_trend_chart(trend: pd.DataFrame, lang: str, metric: str = "spend") -> alt.Chart:
    """One measure of :func:`~ecom_core.channels.spend_trend` over time: bars for amounts
    and counts, a line for ratios (CPC, CTR...), every measure in the tooltip."""
    from ecom_core.channels import present

    label = present.campaign_column_label(metric, lang)
    x = alt.X("period:T", title=column_label("period", lang), axis=alt.Axis(**fmt.time_axis(lang)))
    tooltip = [alt.Tooltip("period:T", title=column_label("period", lang)), *_campaign_tooltips(trend, lang)]
    base = alt.Chart(trend).encode(x=x, y=alt.Y(f"{metric}:Q", title=label), tooltip=tooltip)
    summed = metric in (*present.CAMPAIGN_COUNT, "spend", "revenue")
    mark = base.mark_bar(color=BLUE) if summed else base.mark_line(point=True, color=ORANGE)
    return mark.properties(title=t("ch_spend_trend_title", lang, metric=label), height=260)
