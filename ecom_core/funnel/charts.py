"""Altair charts of the funnel analysis, labelled in the reader's language."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ecom_core import fmt
from ecom_core.funnel.analysis import TIME_BUCKETS, SalesChange
from ecom_core.funnel.build import FunnelData
from ecom_core.funnel.present import segment_names
from ecom_core.i18n import t

LEAK_COLOR = "#d62728"
MAIN_COLOR = "#1f77b4"
LOST_COLOR = "#c7c7c7"
FLAG_COLORS = {"higher": "#2ca02c", "lower": "#d62728", "small": "#bbbbbb", "": "#1f77b4"}


def step_labels(data: FunnelData, lang: str) -> dict[str, str]:
    """Display name of each step: canonical traffic and order steps in the reader's language,
    event names as they are in the file."""
    out = {}
    for step in data.steps:
        if data.mode == "traffic":
            out[step] = t(f"col_{step}", lang)
        elif data.mode == "orders":
            out[step] = t(f"fn_step_{step}", lang)
        else:
            out[step] = step
    return out


def count_label(data: FunnelData, lang: str) -> str:
    return t({"events": "fn_col_users", "orders": "fn_col_orders"}.get(data.mode, "fn_col_count"), lang)


def funnel_chart(
    steps: pd.DataFrame, labels: dict[str, str], lang: str, leak_index: int | None = None
) -> alt.Chart:
    """Horizontal bars of each step's count, with what was lost since the previous step
    stacked in grey and the biggest leak's bar in red.

    ``steps`` is a frame from :func:`ecom_core.funnel.table`."""
    reached, lost = t("fn_chart_reached", lang), t("fn_chart_lost", lang)
    frame = steps.assign(
        label=[labels.get(s, s) for s in steps["step"]],
        order=range(len(steps)),
        lost=(steps["count"].shift(1) - steps["count"]).clip(lower=0).fillna(0),
        leak=[i == leak_index for i in range(len(steps))],
    )
    long = pd.concat(
        [
            frame.assign(part=reached, stack=0, value=frame["count"]),
            frame.assign(part=lost, stack=1, value=frame["lost"]),
        ],
        ignore_index=True,
    )
    long["shade"] = long["part"]
    long.loc[(long["part"] == reached) & long["leak"], "shade"] = t("fn_chart_leak", lang)
    tooltip = [
        alt.Tooltip("label:N", title=t("fn_col_step", lang)),
        alt.Tooltip("count:Q", title=t("fn_col_count", lang), format=","),
        alt.Tooltip("lost:Q", title=t("fn_col_dropped", lang), format=","),
        alt.Tooltip("rate_from_previous:Q", title=t("fn_col_rate_from_previous", lang), format=".1%"),
        alt.Tooltip("rate_from_start:Q", title=t("fn_col_rate_from_start", lang), format=".1%"),
    ]
    order = list(frame["label"])
    y = alt.Y("label:N", sort=order, title=None)
    base = alt.Chart(long)
    bars = base.mark_bar().encode(
        y=y,
        x=alt.X("value:Q", stack="zero", title=t("fn_col_count", lang)),
        color=alt.Color(
            "shade:N",
            scale=alt.Scale(
                domain=[reached, t("fn_chart_leak", lang), lost], range=[MAIN_COLOR, LEAK_COLOR, LOST_COLOR]
            ),
            legend=alt.Legend(title=None, orient="bottom"),
        ),
        order=alt.Order("stack:Q"),  # reached first, then what was lost, in every language
        tooltip=tooltip,
    )
    text = (
        base.transform_filter(alt.datum.part == reached)
        .mark_text(align="left", dx=4)
        .encode(y=y, x=alt.X("count:Q"), text=alt.Text("rate_from_previous:Q", format=".1%"))
    )
    return (bars + text).properties(title=t("fn_chart_funnel", lang), height=alt.Step(40))


def breakdown_chart(
    rows: pd.DataFrame, labels: dict[str, str], dimension: str, lang: str, by: str | None = None
) -> alt.Chart:
    """Each segment's step conversion with its interval, one panel per transition, coloured by
    verdict; every segment named (channels as everywhere else), each panel's axis zoomed to
    its intervals. ``rows`` is a frame from :func:`ecom_core.funnel.breakdown`, broken down by
    the column ``by``."""
    frame = rows.assign(
        segment=segment_names(rows, by, lang),
        transition=[
            f"{labels.get(a, a)} → {labels.get(b, b)}"
            for a, b in zip(rows["from_step"], rows["to_step"], strict=True)
        ],
        verdict=[t(f"fn_flag_{f}", lang) if f else t("fn_flag_none", lang) for f in rows["flag"]],
    )
    order = list(dict.fromkeys(frame["transition"]))
    color = alt.Color(
        "verdict:N",
        scale=alt.Scale(
            domain=[t(f"fn_flag_{f}", lang) if f else t("fn_flag_none", lang) for f in FLAG_COLORS],
            range=list(FLAG_COLORS.values()),
        ),
        legend=alt.Legend(title=t("fn_col_flag", lang), orient="bottom"),
    )
    y = alt.Y("segment:N", sort=None, title=None, axis=alt.Axis(labelOverlap=False, labelLimit=180))
    tooltip = [
        alt.Tooltip("segment:N", title=t("fn_col_segment", lang)),
        alt.Tooltip("transition:N", title=t("fn_col_transition", lang)),
        alt.Tooltip("rate:Q", title=t("fn_col_rate", lang), format=".1%"),
        alt.Tooltip("ci_low:Q", title=t("fn_col_ci_low", lang), format=".1%"),
        alt.Tooltip("ci_high:Q", title=t("fn_col_ci_high", lang), format=".1%"),
        alt.Tooltip("rest_rate:Q", title=t("fn_col_rest_rate", lang), format=".1%"),
        alt.Tooltip("entering:Q", title=t("fn_col_entering", lang), format=","),
        alt.Tooltip("verdict:N", title=t("fn_col_flag", lang)),
    ]
    base = alt.Chart(frame)
    rules = base.mark_rule().encode(
        y=y,
        x=alt.X(
            "ci_low:Q", title=t("fn_col_rate", lang), axis=alt.Axis(format="%"), scale=alt.Scale(zero=False)
        ),
        x2="ci_high:Q",
        color=color,
    )
    points = base.mark_point(filled=True, size=60).encode(y=y, x="rate:Q", color=color, tooltip=tooltip)
    rest = base.mark_tick(color="#555", thickness=1).encode(y=y, x="rest_rate:Q")
    return (
        (rules + points + rest)
        .properties(width=220, height=max(80, 22 * frame["segment"].nunique()))
        .facet(column=alt.Column("transition:N", sort=order, title=None))
        .resolve_scale(x="independent")
        .properties(title=t("fn_chart_breakdown", lang, dimension=dimension))
    )


def trend_chart(rows: pd.DataFrame, labels: dict[str, str], lang: str) -> alt.Chart:
    """Step conversion per period, one line per transition (from :func:`ecom_core.funnel.trend`)."""
    frame = rows.assign(
        transition=[
            f"{labels.get(a, a)} → {labels.get(b, b)}"
            for a, b in zip(rows["from_step"], rows["to_step"], strict=True)
        ]
    )
    return (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=alt.X("period:T", title=t("fn_col_period", lang), axis=alt.Axis(**fmt.time_axis(lang))),
            y=alt.Y("rate:Q", title=t("fn_col_rate_from_previous", lang), axis=alt.Axis(format="%")),
            color=alt.Color(
                "transition:N",
                sort=list(dict.fromkeys(frame["transition"])),
                title=t("fn_col_transition", lang),
            ),
            tooltip=[
                alt.Tooltip("period:T", title=t("fn_col_period", lang)),
                alt.Tooltip("transition:N", title=t("fn_col_transition", lang)),
                alt.Tooltip("rate:Q", title=t("fn_col_rate", lang), format=".1%"),
                alt.Tooltip("entering:Q", title=t("fn_col_entering", lang), format=","),
            ],
        )
        .properties(title=t("fn_chart_trend", lang), height=320)
    )


def waterfall_chart(change: SalesChange, lang: str) -> alt.Chart:
    """Sales in the earlier period, each factor's effect, sales in the later period."""
    steps = [
        (t("fn_col_before", lang), change.before["sales"], "total"),
        *(
            (t(f"fn_effect_{f}", lang), e, "effect")
            for f, e in zip(change.factors, change.effects, strict=True)
        ),
        (t("fn_col_after", lang), change.after["sales"], "total"),
    ]
    rows, level = [], 0.0
    for i, (name, value, kind) in enumerate(steps):
        if kind == "total":
            low, high = 0.0, value
            level = value
        else:
            low, high = level, level + value
            level = high
        sign = "total" if kind == "total" else ("up" if value >= 0 else "down")
        rows.append(
            {
                "name": name,
                "order": i,
                "low": min(low, high),
                "high": max(low, high),
                "value": value,
                "sign": sign,
            }
        )
    frame = pd.DataFrame(rows)
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X(
                "name:N", sort=alt.SortField("order"), title=None, axis=alt.Axis(labelAngle=0, labelLimit=240)
            ),
            y=alt.Y("low:Q", title=t("fn_sales_sales", lang)),
            y2="high:Q",
            color=alt.Color(
                "sign:N",
                scale=alt.Scale(domain=["total", "up", "down"], range=[MAIN_COLOR, "#2ca02c", LEAK_COLOR]),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("name:N", title=t("fn_col_metric", lang)),
                alt.Tooltip("value:Q", title=t("fn_col_effect", lang), format=",.0f"),
            ],
        )
        .properties(title=t("fn_chart_waterfall", lang), height=320)
    )


def time_chart(buckets: pd.DataFrame, labels: dict[str, str], lang: str) -> alt.Chart:
    """Share of converters per time bucket, one row of bars per transition."""
    order = [t(k, lang) for _, k in TIME_BUCKETS]
    frame = buckets.assign(
        transition=[
            f"{labels.get(a, a)} → {labels.get(b, b)}"
            for a, b in zip(buckets["from_step"], buckets["to_step"], strict=True)
        ],
        bucket_label=[t(k, lang) for k in buckets["bucket"]],
    )
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X(
                "bucket_label:N", sort=order, title=t("fn_col_bucket", lang), axis=alt.Axis(labelAngle=-30)
            ),
            y=alt.Y("share:Q", title=t("fn_col_share", lang), axis=alt.Axis(format="%")),
            color=alt.Color(
                "transition:N",
                title=t("fn_col_transition", lang),
                sort=list(dict.fromkeys(frame["transition"])),
            ),
            xOffset=alt.XOffset("transition:N", sort=list(dict.fromkeys(frame["transition"]))),
            tooltip=[
                alt.Tooltip("transition:N", title=t("fn_col_transition", lang)),
                alt.Tooltip("bucket_label:N", title=t("fn_col_bucket", lang)),
                alt.Tooltip("count:Q", title=t("fn_col_converted", lang), format=","),
                alt.Tooltip("share:Q", title=t("fn_col_share", lang), format=".1%"),
            ],
        )
        .properties(title=t("fn_ttc_header", lang), height=280)
    )


def heatmap(cells: pd.DataFrame, title_key: str, lang: str) -> alt.Chart:
    """Weekday × hour heatmap of counts (from :func:`ecom_core.funnel.hour_weekday`)."""
    frame = cells.assign(day=[t(f"fn_weekday_{d}", lang) for d in cells["weekday"]])
    days = [t(f"fn_weekday_{d}", lang) for d in range(7)]
    return (
        alt.Chart(frame)
        .mark_rect()
        .encode(
            x=alt.X("hour:O", title=t("fn_col_hour", lang), axis=alt.Axis(labelAngle=0)),
            y=alt.Y("day:N", sort=days, title=None),
            color=alt.Color("count:Q", title=t("fn_col_count", lang), scale=alt.Scale(scheme="blues")),
            tooltip=[
                alt.Tooltip("day:N", title=t("fn_col_weekday", lang)),
                alt.Tooltip("hour:O", title=t("fn_col_hour", lang)),
                alt.Tooltip("count:Q", title=t("fn_col_count", lang), format=","),
                alt.Tooltip("share:Q", title=t("fn_col_share", lang), format=".1%"),
            ],
        )
        .properties(title=t(title_key, lang), height=alt.Step(26))
    )


def region_chart(rows: pd.DataFrame, lang: str, top: int = 20) -> alt.Chart:
    """Net revenue of the ``top`` regions (from :func:`ecom_core.funnel.regions`)."""
    frame = rows.head(top)
    return (
        alt.Chart(frame)
        .mark_bar(color=MAIN_COLOR)
        .encode(
            y=alt.Y("region:N", sort="-x", title=None),
            x=alt.X("revenue:Q", title=t("fn_col_revenue", lang)),
            tooltip=[
                alt.Tooltip("region:N", title=t("fn_col_region", lang)),
                alt.Tooltip("revenue:Q", title=t("fn_col_revenue", lang), format=",.0f"),
                alt.Tooltip("revenue_share:Q", title=t("fn_col_revenue_share", lang), format=".1%"),
                alt.Tooltip("orders:Q", title=t("fn_col_orders", lang), format=","),
                alt.Tooltip("buyers:Q", title=t("fn_col_buyers", lang), format=","),
                alt.Tooltip("aov:Q", title=t("fn_col_aov", lang), format=",.2f"),
            ],
        )
        .properties(title=t("fn_chart_regions", lang), height=alt.Step(22))
    )
