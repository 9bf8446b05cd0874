"""The overview's chart: net revenue per week."""

import logging

import altair as alt
import pandas as pd

from ecom_core import fmt
from ecom_core.i18n import t

log = logging.getLogger("ecom_core")


def trend_chart(trend: pd.DataFrame, lang: str) -> alt.Chart:
    """Weekly net revenue as an area with points (from :func:`revenue_trend`); a week the data
    starts or ends inside is a hollow point off the area, with its days in the tooltip, not a
    drop of the line."""
    frame = trend.assign(
        covered=[
            t("ov_partial" if p else "ov_complete", lang, days=d)
            for p, d in zip(trend["partial"], trend["days"], strict=True)
        ]
    )
    x = alt.X("period:T", title=t("ov_col_period", lang), axis=alt.Axis(**fmt.time_axis(lang)))
    y = alt.Y("revenue:Q", title=t("ov_col_revenue", lang))
    tooltip = [
        alt.Tooltip("period:T", title=t("ov_col_period", lang)),
        alt.Tooltip("revenue:Q", title=t("ov_col_revenue", lang), format=",.0f"),
        alt.Tooltip("covered:N", title=t("ov_col_days", lang)),
    ]
    base = alt.Chart(frame).encode(x=x, y=y, tooltip=tooltip)
    whole = base.transform_filter(~alt.datum.partial).mark_area(line=True, point=True, opacity=0.25)
    partial = base.transform_filter(alt.datum.partial).mark_point(filled=False, size=70, color="#888888")
    return (whole + partial).properties(title=t("ov_trend", lang), height=260)
