"""A/B test: plan a test (no data needed) and read a result (typed-in numbers or an
uploaded experiment file)."""

import streamlit as st

import ecom_core as ec
from ecom_core import fmt, ui
from ecom_core.abtest import charts, present
from ecom_core.abtest.verdict import conf_text, plan_note, reach_note
from ecom_core.i18n import t

lang = ui.start_page("ui_abtest_title")
st.title(t("ui_abtest_title", lang))
experiment = ui.get_dataset("experiment")
if experiment is None:
    st.caption(t("ui_abtest_no_data", lang))
else:
    ui.uses_caption(experiment, lang)
st.write(t("ab_intro", lang))
plan_tab, read_tab = st.tabs([t("ab_tab_plan", lang), t("ab_tab_analyze", lang)])

# ---- plan ----------------------------------------------------------------------------------
with plan_tab:
    left, right = st.columns([1, 2], gap="large")
    with left:
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
        variants = st.number_input(
            t("ab_variants", lang), min_value=2, max_value=10, value=2, key="ab_variants"
        )
        daily = st.number_input(t("ab_daily", lang), min_value=1, value=1000, step=100, key="ab_daily")
        share = st.number_input(
            t("ab_share", lang), min_value=1.0, max_value=100.0, value=100.0, step=5.0, key="ab_share"
        )
    form = ec.abtest.PlanInputs(
        baseline, mde, mde_kind == "rel", direction == "decrease", alpha, power, int(variants), daily, share
    )
    with right:
        st.subheader(t("ab_plan_result", lang))
        p = ui.attempt(form.plan, lang_=lang)
        if p is not None:
            c1, c2, c3 = st.columns(3)
            c1.metric(t("ab_m_per_variant", lang), fmt.count(p.n_per_variant), border=True)
            c2.metric(t("ab_m_total", lang), fmt.count(p.n_total), border=True)
            c3.metric(
                t("ab_m_days", lang), t("ab_days_value", lang, days=p.days), border=True,
                delta=t("ab_weeks_value", lang, weeks=p.weeks), delta_color="off", delta_arrow="off",
            )  # fmt: skip
            st.markdown(ui.md(plan_note(p, daily, form.share).text(lang)))
            curve = ec.abtest.power_curve(
                p.baseline, p.absolute_effect, alpha=p.alpha, daily_visitors=daily, share=form.share,
                variants=p.variants,
            )  # fmt: skip
            st.vega_lite_chart(spec=ui.spec(charts.power_chart, curve, lang, p.power), width="stretch")
            ui.download_button(present.power_table(curve, lang), "ab_power_curve", lang, key="dl_ab_curve")
        st.subheader(t("ab_reverse_header", lang))
        days = st.number_input(
            t("ab_days_available", lang), min_value=1, max_value=3650, value=14, step=7, key="ab_days"
        )
        r = ui.attempt(form.reach, days, lang_=lang)
        if r is not None:
            ui.notes([reach_note(r, form.power)], lang)
    st.caption(t("ab_method", lang))

# ---- read a result -------------------------------------------------------------------------
with read_tab:
    sources = ["file", "typed"] if experiment is not None else ["typed"]
    source = st.segmented_control(
        t("ab_source", lang),
        sources,
        default=sources[0],
        required=True,
        format_func=lambda k: t(f"ab_source_{k}", lang),
        key="ab_source",
    )
    if experiment is None:
        st.info(t("ab_no_experiment", lang), icon=":material/info:")
    cap_pct = None
    if source == "typed":
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
            rows.append(
                {"variant": name, "visitors": n, "conversions": x, "revenue_mean": m, "revenue_sd": sd}
            )
        prepared = ui.attempt(ec.abtest.prepare_typed, rows, lang_=lang)
    else:
        if {"revenue", "converted"} <= set(experiment.frame.columns):
            cap_pct = st.selectbox(
                t("ab_cap", lang),
                [None, 0.99, 0.995, 0.999, 0.95],
                key="ab_cap",
                help=t("ab_cap_help", lang),
                format_func=lambda x: t("ab_cap_none", lang) if x is None else f"P{x * 100:g}",
            )
        # The clean-up of a large file runs once per file and cap, not on every widget change.
        prepared = ui.attempt(ui.computed, ec.abtest.prepare, experiment, cap_pct, lang_=lang)

    analysis = None
    if prepared is not None:
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
        weights = ui.attempt(ec.abtest.parse_weights, weights_text, len(names), lang_=lang)
        if weights is not None or not weights_text.strip():
            analysis = ui.attempt(
                ec.abtest.analyze, prepared.summary, control, weights, confidence, lang_=lang
            )

    if analysis is not None:
        st.subheader(t("ab_verdict_header", lang))
        ui.notes(ec.abtest.verdict(analysis, prepared, form.effect, form.relative, form.power), lang)
        if prepared.cap is not None:
            ui.caption(
                t("ab_cap_applied", lang, cap=fmt.money(prepared.cap, lang), pct=f"P{cap_pct * 100:g}")
            )

        st.subheader(t("ab_results_header", lang))
        ui.table(present.conversion_view(analysis, lang), lang)
        ui.download_button(
            present.conversion_table(analysis, lang), "ab_conversion", lang, key="dl_ab_conversion"
        )
        revenue = present.revenue_table(analysis, lang)
        if not revenue.empty:
            st.subheader(t("ab_revenue_header", lang))
            ui.table(revenue, lang, key="ab_revenue", download="ab_revenue")
        st.subheader(t("ab_srm_header", lang))
        ui.table(present.srm_table(analysis, lang), lang)

        st.subheader(t("ab_charts_header", lang))
        c1, c2 = st.columns(2)
        c1.vega_lite_chart(spec=ui.spec(charts.rates_chart, analysis, lang), width="stretch")
        c2.vega_lite_chart(spec=ui.spec(charts.posterior_chart, analysis, lang), width="stretch")
        if prepared.daily is not None:
            st.vega_lite_chart(spec=ui.spec(charts.cumulative_chart, prepared.daily, lang), width="stretch")
        elif source == "file":
            st.caption(t("ab_no_timestamps", lang))
        st.caption(t("ab_analysis_method", lang))
