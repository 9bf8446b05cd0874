"""Altair charts of the personas analysis; every function takes ``lang`` for its titles."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from ecom_core import fmt
from ecom_core.i18n import t
from ecom_core.personas.clusters import Personas
from ecom_core.personas.present import persona_names, segment_name
from ecom_core.personas.rfm import Segment

#: Background of an R x F cell without customers.
EMPTY_CELL = "#f1f3f5"


def rf_grid(cells: pd.DataFrame, lang: str) -> alt.LayerChart:
    """Heatmap of customers on the R x F grid (:func:`grid_counts`), counts written in the cells,
    segment names in the tooltip.

    Every figure is a label made by :mod:`ecom_core.fmt`; a cell without customers shows
    "–" (and its segment's name) on a neutral background, never 0 or a missing value.
    """
    filled = cells["customers"].to_numpy() > 0
    data = cells.assign(
        segment_name=[segment_name(str(c), lang) for c in cells["segment"]],
        r=cells["r_score"].astype(str),
        f=cells["f_score"].astype(str),
        customers_label=[
            fmt.count(n) if ok else fmt.DASH for n, ok in zip(cells["customers"], filled, strict=True)
        ],
        revenue_label=[
            fmt.money(float(v), lang) if ok else fmt.DASH
            for v, ok in zip(cells["revenue"], filled, strict=True)
        ],
    )
    order = ["5", "4", "3", "2", "1"]
    base = alt.Chart(data, title=t("ps_chart_grid", lang)).encode(
        x=alt.X("f:O", title=t("ps_col_f_score", lang), sort=order[::-1], axis=alt.Axis(labelAngle=0)),
        y=alt.Y("r:O", title=t("ps_col_r_score", lang), sort=order),
    )
    tooltip = [
        alt.Tooltip("segment_name:N", title=t("ps_col_segment", lang)),
        alt.Tooltip("r_score:O", title=t("ps_col_r_score", lang)),
        alt.Tooltip("f_score:O", title=t("ps_col_f_score", lang)),
        alt.Tooltip("customers_label:N", title=t("ps_col_customers", lang)),
        alt.Tooltip("revenue_label:N", title=t("ps_col_revenue", lang)),
    ]
    colour = alt.Color("customers:Q", title=t("ps_col_customers", lang), scale=alt.Scale(scheme="blues"))
    rect = base.mark_rect(stroke="white").encode(
        color=alt.condition(alt.datum.customers > 0, colour, alt.value(EMPTY_CELL)),
        tooltip=tooltip,
    )
    # white text on the darker half of the colour scale, so every count stays readable
    dark = float(data["customers"].max()) / 2
    ink = alt.condition(alt.datum.customers > dark, alt.value("white"), alt.value("black"))
    count = base.mark_text(baseline="bottom", dy=-2, fontWeight="bold").encode(
        text="customers_label:N", color=ink, tooltip=tooltip
    )
    name = base.mark_text(baseline="top", dy=3, fontSize=9).encode(
        text="segment_name:N", color=ink, tooltip=tooltip
    )
    return (rect + count + name).properties(height=340, width="container")


def segment_shares(summary: pd.DataFrame, lang: str) -> alt.Chart:
    """Share of customers next to share of revenue for each segment."""
    names = [segment_name(c, lang) for c in summary["segment"]]
    long = pd.concat(
        [
            pd.DataFrame(
                {
                    "segment": names,
                    "measure": t("ps_measure_customers", lang),
                    "share": summary["customer_share"] * 100,
                }
            ),
            pd.DataFrame(
                {
                    "segment": names,
                    "measure": t("ps_measure_revenue", lang),
                    "share": summary["revenue_share"] * 100,
                }
            ),
        ],
        ignore_index=True,
    )
    return (
        alt.Chart(long, title=t("ps_chart_revenue", lang))
        .mark_bar()
        .encode(
            y=alt.Y("segment:N", sort=names, title=None),
            x=alt.X("share:Q", title=t("ps_axis_share", lang)),
            yOffset="measure:N",
            color=alt.Color("measure:N", title=None),
            tooltip=[
                alt.Tooltip("segment:N", title=t("ps_col_segment", lang)),
                alt.Tooltip("measure:N", title=t("ps_axis_measure", lang)),
                alt.Tooltip("share:Q", title=t("ps_axis_share", lang), format=".1f"),
            ],
        )
    )


def persona_profile(result: Personas, lang: str) -> alt.Chart:
    """Each persona's centroid in standard deviations from the average customer."""
    p = result.profile
    names = persona_names(p, lang)
    measures = {
        "z_recency": t("ps_measure_recency", lang),
        "z_frequency": t("ps_measure_frequency", lang),
        "z_monetary": t("ps_measure_monetary", lang),
        "z_overdue": t("ps_measure_overdue", lang),
    }
    long = pd.concat(
        [
            pd.DataFrame({"persona": names, "measure": label, "z": p[col].round(2)})
            for col, label in measures.items()
        ],
        ignore_index=True,
    )
    return (
        alt.Chart(long, title=t("ps_chart_profile", lang))
        .mark_bar()
        .encode(
            x=alt.X(
                "measure:N", title=None, sort=list(measures.values()), axis=None
            ),  # the legend names them
            y=alt.Y("z:Q", title=t("ps_axis_z", lang)),
            color=alt.Color(
                "measure:N", title=None, sort=list(measures.values()), legend=alt.Legend(labelLimit=320)
            ),
            column=alt.Column("persona:N", title=None, sort=names),
            tooltip=[
                alt.Tooltip("persona:N", title=t("ps_col_persona", lang)),
                alt.Tooltip("measure:N", title=t("ps_axis_measure", lang)),
                alt.Tooltip("z:Q", title=t("ps_axis_z", lang), format=".2f"),
            ],
        )
        .properties(width=110, height=220)
    )


def cohort_heatmap(cohorts: pd.DataFrame, lang: str) -> alt.LayerChart:
    """Retention by first-order month (rows) and months since (columns)."""
    data = cohorts[cohorts["month"] > 0]  # month 0 is 100% by definition
    base = alt.Chart(data, title=t("ps_chart_cohort", lang)).encode(
        x=alt.X("month:O", title=t("ps_col_month", lang), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("cohort:O", title=t("ps_col_cohort", lang)),
    )
    tooltip = [
        alt.Tooltip("cohort:O", title=t("ps_col_cohort", lang)),
        alt.Tooltip("month:O", title=t("ps_col_month", lang)),
        alt.Tooltip("cohort_size:Q", title=t("ps_col_cohort_size", lang), format=","),
        alt.Tooltip("customers:Q", title=t("ps_col_customers", lang), format=","),
        alt.Tooltip("retention:Q", title=t("ps_col_retention", lang), format=".1%"),
    ]
    rect = base.mark_rect().encode(
        color=alt.Color(
            "retention:Q",
            title=t("ps_col_retention", lang),
            scale=alt.Scale(scheme="greens"),
            legend=alt.Legend(format=".0%"),
        ),
        tooltip=tooltip,
    )
    text = base.mark_text(fontSize=10).encode(text=alt.Text("retention:Q", format=".0%"), tooltip=tooltip)
    return (rect + text).properties(height=alt.Step(22))


def movement_heatmap(moves: pd.DataFrame, segments: Sequence[Segment], lang: str) -> alt.LayerChart:
    """Customers by segment before (rows) and after (columns)."""
    codes = [s.code for s in segments]
    data = moves.assign(
        before=[segment_name(c, lang) for c in moves["from"]],
        after=[segment_name(c, lang) for c in moves["to"]],
    )
    rows = [segment_name(c, lang) for c in [*codes, "new"]]
    cols = [segment_name(c, lang) for c in codes]
    base = alt.Chart(data, title=t("ps_chart_movement", lang)).encode(
        x=alt.X(
            "after:N",
            title=t("ps_col_to", lang),
            sort=cols,
            axis=alt.Axis(labelAngle=-35, labelOverlap=False),
        ),
        y=alt.Y("before:N", title=t("ps_col_from", lang), sort=rows),
    )
    tooltip = [
        alt.Tooltip("before:N", title=t("ps_col_from", lang)),
        alt.Tooltip("after:N", title=t("ps_col_to", lang)),
        alt.Tooltip("customers:Q", title=t("ps_col_customers", lang), format=","),
    ]
    rect = base.mark_rect().encode(
        color=alt.Color("customers:Q", title=t("ps_col_customers", lang), scale=alt.Scale(scheme="purples")),
        tooltip=tooltip,
    )
    text = base.mark_text(fontSize=10).encode(text=alt.Text("customers:Q", format=","), tooltip=tooltip)
    return (rect + text).properties(height=alt.Step(28), width=alt.Step(64))


def value_bars(by_segment: pd.DataFrame, lang: str) -> alt.Chart:
    """Expected 12-month value per segment, from :func:`present.value_by_segment` (display headers)."""
    seg, val = t("ps_col_segment", lang), t("ps_col_expected_value", lang)
    cust = t("ps_col_customers", lang)
    data = by_segment.rename(columns={seg: "segment", val: "value", cust: "customers"})
    return (
        alt.Chart(data, title=t("ps_chart_value", lang))
        .mark_bar()
        .encode(
            y=alt.Y("segment:N", sort=list(data["segment"]), title=None),
            x=alt.X("value:Q", title=val),
            tooltip=[
                alt.Tooltip("segment:N", title=seg),
                alt.Tooltip("customers:Q", title=cust, format=","),
                alt.Tooltip("value:Q", title=val, format=",.0f"),
            ],
        )
    )
