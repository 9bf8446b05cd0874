"""Altair charts of the A/B test page; every function takes ``lang`` for its titles."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd
from scipy import stats

from ecom_core import fmt
from ecom_core.abtest.experiment import Analysis
from ecom_core.abtest.inference import ProportionComparison
from ecom_core.abtest.verdict import conf_text
from ecom_core.i18n import t

_PCT = ".2%"
_BETTER = "#2e7d32"
_WORSE = "#c62828"


def lift_density(c: ProportionComparison, points: int = 240, grid: int = 800) -> pd.DataFrame:
    """Posterior density of the relative lift ``rate_b / rate_a − 1`` (Beta(1, 1) priors).

    f(l) = ∫ f_A(x) · f_B((1 + l)·x) · x dx, integrated numerically (trapezoid) over the
    central 1 − 2·10⁻⁶ of A's posterior; the lift grid spans the 0.1 %-99.9 % quantiles
    of the ratio's bounds, capped at +1000 %.

    Returns
    -------
    DataFrame
        ``lift`` (float), ``density`` (float, integrates to 1 over the grid), ``better``
        (bool, lift > 0).
    """
    a = stats.beta(c.conv_a + 1, c.n_a - c.conv_a + 1)
    b = stats.beta(c.conv_b + 1, c.n_b - c.conv_b + 1)
    lo = max(-1.0, b.ppf(0.001) / a.ppf(0.999) - 1.0)
    hi = min(10.0, b.ppf(0.999) / a.ppf(0.001) - 1.0)
    lift = np.linspace(lo, hi, points)
    x = np.linspace(a.ppf(1e-6), a.ppf(1 - 1e-6), grid)
    inner = a.pdf(x)[None, :] * b.pdf((1.0 + lift)[:, None] * x[None, :]) * x[None, :]
    density = np.trapezoid(inner, x, axis=1)
    area = np.trapezoid(density, lift)
    if area > 0:
        density = density / area
    return pd.DataFrame({"lift": lift, "density": density, "better": lift > 0})


def rates_chart(analysis: Analysis, lang: str) -> alt.LayerChart:
    """Conversion rate per variant with its Wilson interval (points and bars)."""
    data = analysis.summary[["variant", "visitors", "conversions", "rate", "rate_low", "rate_high"]]
    v = t("ab_col_variant", lang)
    order = data["variant"].tolist()
    tooltip = [
        alt.Tooltip("variant:N", title=v),
        alt.Tooltip("visitors:Q", title=t("ab_col_visitors", lang), format=","),
        alt.Tooltip("conversions:Q", title=t("ab_col_conversions", lang), format=","),
        alt.Tooltip("rate:Q", title=t("ab_col_rate", lang), format=_PCT),
        alt.Tooltip("rate_low:Q", title=t("ab_col_rate_low", lang), format=_PCT),
        alt.Tooltip("rate_high:Q", title=t("ab_col_rate_high", lang), format=_PCT),
    ]
    y = alt.Y("variant:N", title=v, sort=order)
    base = alt.Chart(data)
    bars = base.mark_rule(strokeWidth=3).encode(
        x=alt.X(
            "rate_low:Q", title=t("ab_col_rate", lang), axis=alt.Axis(format="%"), scale=alt.Scale(zero=False)
        ),
        x2="rate_high:Q",
        y=y,
        color=alt.Color("variant:N", title=v, sort=order, legend=None),
        tooltip=tooltip,
    )
    dots = base.mark_point(filled=True, size=120).encode(
        x="rate:Q", y=y, color=alt.Color("variant:N", sort=order, legend=None), tooltip=tooltip
    )
    # a step per variant: a fixed height squeezes the bands under Streamlit's theme
    return (bars + dots).properties(
        title=t("ab_chart_rates", lang, conf=conf_text(analysis.confidence)), height=alt.Step(40)
    )


def posterior_chart(analysis: Analysis, lang: str) -> alt.Chart:
    """Posterior of each challenger's lift over the control, shaded by side of zero."""
    frames = []
    for name, c in analysis.comparisons.items():
        d = lift_density(c)
        d["variant"] = name
        d["side"] = np.where(d["better"], t("ab_better_yes", lang), t("ab_better_no", lang))
        frames.append(d.drop(columns="better"))
    data = pd.concat(frames, ignore_index=True)
    sides = [t("ab_better_yes", lang), t("ab_better_no", lang)]
    chart = (
        alt.Chart(data)
        .mark_area(opacity=0.7, interpolate="monotone")
        .encode(
            x=alt.X("lift:Q", title=t("ab_col_lift", lang), axis=alt.Axis(format="+%")),
            y=alt.Y("density:Q", title=t("ab_col_density", lang), stack=None),
            color=alt.Color(
                "side:N",
                title=t("ab_col_better", lang),
                scale=alt.Scale(domain=sides, range=[_BETTER, _WORSE]),
            ),
            detail="variant:N",
            tooltip=[
                alt.Tooltip("variant:N", title=t("ab_col_variant", lang)),
                alt.Tooltip("lift:Q", title=t("ab_col_lift", lang), format="+.1%"),
                alt.Tooltip("density:Q", title=t("ab_col_density", lang), format=".3g"),
            ],
        )
    )
    if len(analysis.comparisons) > 1:
        return chart.properties(height=140).facet(
            row=alt.Row("variant:N", title=t("ab_col_variant", lang)), title=t("ab_chart_posterior", lang)
        )
    return chart.properties(title=t("ab_chart_posterior", lang), height=260)


def cumulative_chart(daily: pd.DataFrame, lang: str) -> alt.Chart:
    """Cumulative conversion rate per variant, day by day (:func:`~ecom_core.abtest.daily`)."""
    v = t("ab_col_variant", lang)
    return (
        alt.Chart(daily)
        .mark_line(point=True)
        .encode(
            x=alt.X("date:T", title=t("ab_col_date", lang), axis=alt.Axis(**fmt.time_axis(lang))),
            y=alt.Y("rate:Q", title=t("ab_col_cum_rate", lang), axis=alt.Axis(format="%")),
            color=alt.Color("variant:N", title=v),
            tooltip=[
                alt.Tooltip("date:T", title=t("ab_col_date", lang), format="%Y-%m-%d"),
                alt.Tooltip("variant:N", title=v),
                alt.Tooltip("visitors:Q", title=t("ab_col_visitors", lang), format=","),
                alt.Tooltip("conversions:Q", title=t("ab_col_conversions", lang), format=","),
                alt.Tooltip("rate:Q", title=t("ab_col_cum_rate", lang), format=_PCT),
            ],
        )
        .properties(title=t("ab_chart_cumulative", lang), height=280)
    )


def power_chart(curve: pd.DataFrame, lang: str, target_power: float = 0.8) -> alt.LayerChart:
    """Power against visitors per variant (:func:`~ecom_core.abtest.power_curve`), with the
    target power as a dashed line."""
    tooltip = [
        alt.Tooltip("n_per_variant:Q", title=t("ab_col_n", lang), format=","),
        alt.Tooltip("power:Q", title=t("ab_col_power", lang), format=".1%"),
    ]
    if curve["days"].notna().any():
        tooltip.append(alt.Tooltip("days:Q", title=t("ab_col_days", lang), format=".1f"))
    line = (
        alt.Chart(curve)
        .mark_line()
        .encode(
            x=alt.X("n_per_variant:Q", title=t("ab_col_n", lang), axis=alt.Axis(format="~s")),
            y=alt.Y(
                "power:Q",
                title=t("ab_col_power", lang),
                axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1]),
            ),
            tooltip=tooltip,
        )
    )
    target = pd.DataFrame({"power": [target_power], "label": [t("ab_target_power", lang)]})
    rule = (
        alt.Chart(target)
        .mark_rule(strokeDash=[6, 4], color="gray")
        .encode(
            y="power:Q",
            tooltip=[
                alt.Tooltip("label:N", title=" "),
                alt.Tooltip("power:Q", title=t("ab_col_power", lang), format=".0%"),
            ],
        )
    )
    return (line + rule).properties(title=t("ab_chart_power", lang), height=260)
