"""A/B test: plan a test (no data needed) and read a result (typed-in numbers or an
uploaded experiment file)."""

import streamlit as st

import ecom_core as ec
from ecom_core import ui
from ecom_core.i18n import t
from ecom_core.ui.views import abtest as views

lang = ui.start_page("ui_abtest_title")
st.title(t("ui_abtest_title", lang))
experiment = ui.get_dataset("experiment")
if experiment is None:
    st.caption(t("ui_abtest_no_data", lang))
else:
    ui.uses_caption(experiment, lang)
st.write(t("ab_intro", lang))
plan_tab, read_tab = st.tabs([t("ab_tab_plan", lang), t("ab_tab_analyze", lang)])

with plan_tab:
    left, right = st.columns([1, 2], gap="large")
    with left:
        form = views.plan_inputs(lang)
    with right:
        views.plan_result(form, lang)
    st.caption(t("ab_method", lang))

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
        prepared = ui.attempt(ec.abtest.prepare_typed, views.typed_variants(lang), lang_=lang)
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
    analysis = views.analysis_of(prepared, source, lang) if prepared is not None else None
    if analysis is not None:
        views.result(analysis, prepared, form, cap_pct, source, lang)
