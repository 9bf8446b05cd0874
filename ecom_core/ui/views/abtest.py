"""The A/B test page's views: the planner's form and result, typed-in numbers, the analysis
settings and the result of a test."""

from __future__ import annotations

import streamlit as st

import ecom_core as ec
from ecom_core import fmt
from ecom_core.abtest import charts, present
from ecom_core.abtest.verdict import conf_text, plan_note, reach_note
from ecom_core.i18n import t
from ecom_core.ui.cache import spec
from ecom_core.ui.render import attempt, caption, download_button, md, notes, table


def plan_inputs(lang: str) -> ec.abtest.PlanInputs:
    """The planner's form, in the units people type (percent)."""
    st.subheader(t("ab_plan_inputs", lang))
    baseline = st.number_input(
        t("ab_baseline", lang), min_value=0.0, max_value=100.0, value=4.0, step=0.1, format="%.2f",
        key="ab_baseline", help=t("ab_baseline_help", lang),
    )  # fmt: skip
    mde_kind = st.segmented_control(
        t("ab_mde_kind", lang), ["rel", "abs"], default="rel", required=True, key="ab_mde_kind",
        format_func=lambda k: t("ab_mde_relative" if k == "rel" else "ab_mde_absolute", lang),
    )  # fmt: skip
    mde = st.number_input(
        t(f"ab_mde_{mde_kind}", lang), min_value=0.0, max_value=1000.0, step=0.1, format="%.2f",
        value=15.0 if mde_kind == "rel" else 0.6, key=f"ab_mde_{mde_kind}", help=t("ab_mde_help", lang),
    )  # fmt: skip
    direction = st.segmented_control(
        t("ab_direction", lang), ["increase", "decrease"], default="increase", required=True,
        format_func=lambda k: t(f"ab_{k}", lang), key="ab_direction",
    )  # fmt: skip
    alpha = st.selectbox(t("ab_alpha", lang), [0.05, 0.01, 0.10], key="ab_alpha")
    power = st.number_input(
        t("ab_power", lang), min_value=1.0, max_value=99.9, value=80.0, step=5.0, key="ab_power",
        help=t("ab_power_help", lang),
    )  # fmt: skip
    variants = st.number_input(t("ab_variants", lang), min_value=2, max_value=10, value=2, key="ab_variants")
    daily = st.number_input(t("ab_daily", lang), min_value=1, value=1000, step=100, key="ab_daily")
    share = st.number_input(
        t("ab_share", lang), min_value=1.0, max_value=100.0, value=100.0, step=5.0, key="ab_share"
    )
    return ec.abtest.PlanInputs(
        baseline, mde, mde_kind == "rel", direction == "decrease", alpha, power, int(variants), daily, share
    )


def plan_result(form: ec.abtest.PlanInputs, lang: str) -> None:
    """Users and days the test needs, its power curve, and what the traffic can detect."""
    daily = form.daily_visitors
    st.subheader(t("ab_plan_result", lang))
    p = attempt(form.plan, lang_=lang)
    if p is not None:
        c1, c2, c3 = st.columns(3)
        c1.metric(t("ab_m_per_variant", lang), fmt.count(p.n_per_variant), border=True)
        c2.metric(t("ab_m_total", lang), fmt.count(p.n_total), border=True)
        c3.metric(
            t("ab_m_days", lang), t("ab_days_value", lang, days=p.days), border=True,
            delta=t("ab_weeks_value", lang, weeks=p.weeks), delta_color="off", delta_arrow="off",
        )  # fmt: skip
        st.markdown(md(plan_note(p, daily, form.share).text(lang)))
        curve = ec.abtest.power_curve(
            p.baseline, p.absolute_effect, alpha=p.alpha, daily_visitors=daily, share=form.share,
            variants=p.variants,
        )  # fmt: skip
        st.vega_lite_chart(spec=spec(charts.power_chart, curve, lang, p.power), width="stretch")
        download_button(present.power_table(curve, lang), "ab_power_curve", lang, key="dl_ab_curve")
    st.subheader(t("ab_reverse_header", lang))
    days = st.number_input(
        t("ab_days_available", lang), min_value=1, max_value=3650, value=14, step=7, key="ab_days"
    )
    r = attempt(form.reach, days, lang_=lang)
    if r is not None:
        notes([reach_note(r, form.power)], lang)


def typed_variants(lang: str) -> list[dict]:
    """Visitors, conversions and (optionally) revenue per visitor typed in per variant."""
    st.subheader(t("ab_typed_header", lang))
    k = st.columns(4)[0].number_input(
        t("ab_n_variants", lang), min_value=2, max_value=6, value=2, key="ab_typed_k"
    )
    defaults = [("A", 10000, 400), ("B", 10000, 460)]
    rows = []
    for i in range(int(k)):
        name0, n0, x0 = defaults[i] if i < len(defaults) else (chr(ord("A") + i), 10000, 400)
        cols = st.columns(5)
        name = cols[0].text_input(t("ab_name", lang), name0, key=f"ab_name_{i}")
        n = cols[1].number_input(t("ab_visitors", lang), value=n0, step=100, key=f"ab_n_{i}")
        x = cols[2].number_input(t("ab_conversions", lang), value=x0, step=10, key=f"ab_x_{i}")
        m = cols[3].number_input(
            t("ab_rev_mean", lang),
            value=None,
            format="%.2f",
            key=f"ab_m_{i}",
            help=t("ab_rev_help", lang),
        )
        sd = cols[4].number_input(
            t("ab_rev_sd", lang), value=None, format="%.2f", key=f"ab_sd_{i}", help=t("ab_rev_help", lang)
        )
        rows.append({"variant": name, "visitors": n, "conversions": x, "revenue_mean": m, "revenue_sd": sd})
    return rows


def analysis_of(prepared, source: str, lang: str):
    """The control, confidence and intended split; the analysis of the test (None when a
    setting cannot be read)."""
    analysis = None
    st.subheader(t("ab_settings", lang))
    names = prepared.summary["variant"].tolist()
    s1, s2, s3 = st.columns(3)
    control = s1.selectbox(
        t("ab_baseline_pick", lang),
        names,
        index=names.index(ec.abtest.pick_baseline(names)),
        key=f"ab_control_{source}",
    )
    confidence = s2.segmented_control(
        t("ab_confidence", lang),
        [0.90, 0.95, 0.99],
        default=0.95,
        required=True,
        format_func=conf_text,
        key="ab_conf",
    )
    weights_text = s3.text_input(
        t("ab_weights", lang),
        "",
        key=f"ab_weights_{source}",
        help=t("ab_weights_help", lang),
        placeholder=":".join(["1"] * len(names)),
    )
    weights = attempt(ec.abtest.parse_weights, weights_text, len(names), lang_=lang)
    if weights is not None or not weights_text.strip():
        analysis = attempt(ec.abtest.analyze, prepared.summary, control, weights, confidence, lang_=lang)

    return analysis


def result(analysis, prepared, form: ec.abtest.PlanInputs, cap_pct, source: str, lang: str) -> None:
    """The verdict, the result tables and the charts of a test."""
    st.subheader(t("ab_verdict_header", lang))
    notes(ec.abtest.verdict(analysis, prepared, form.effect, form.relative, form.power), lang)
    if prepared.cap is not None:
        caption(t("ab_cap_applied", lang, cap=fmt.money(prepared.cap, lang), pct=f"P{cap_pct * 100:g}"))

    st.subheader(t("ab_results_header", lang))
    table(present.conversion_view(analysis, lang), lang)
    download_button(present.conversion_table(analysis, lang), "ab_conversion", lang, key="dl_ab_conversion")
    revenue = present.revenue_table(analysis, lang)
    if not revenue.empty:
        st.subheader(t("ab_revenue_header", lang))
        table(revenue, lang, key="ab_revenue", download="ab_revenue")
    st.subheader(t("ab_srm_header", lang))
    table(present.srm_table(analysis, lang), lang)

    st.subheader(t("ab_charts_header", lang))
    c1, c2 = st.columns(2)
    c1.vega_lite_chart(spec=spec(charts.rates_chart, analysis, lang), width="stretch")
    c2.vega_lite_chart(spec=spec(charts.posterior_chart, analysis, lang), width="stretch")
    if prepared.daily is not None:
        st.vega_lite_chart(spec=spec(charts.cumulative_chart, prepared.daily, lang), width="stretch")
    elif source == "file":
        st.caption(t("ab_no_timestamps", lang))
    st.caption(t("ab_analysis_method", lang))
