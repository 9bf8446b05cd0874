"""Customer personas: RFM segments, data-driven personas, customer value, movement, lists."""

import pandas as pd
import streamlit as st

import ecom_core as ec
from ecom_core import fmt, ui
from ecom_core.i18n import t
from ecom_core.personas import charts, present

lang = ui.start_page("ui_personas_title")
st.title(t("ui_personas_title", lang))
orders = ui.require("orders", lang)
ui.uses_caption(orders, lang)
st.caption(t("ps_intro", lang))
frame = orders.frame


def cached(fn, *args, quiet: bool = False, **kwargs):
    """``fn(*args, **kwargs)`` through the shared analysis cache; a failure is shown as a
    sentence (unless ``quiet``) and gives None."""
    return ui.attempt(ui.computed, fn, *args, lang_=lang, quiet=quiet, **kwargs)


# ---- settings ----------------------------------------------------------------------------
paid = cached(ec.personas.paid_orders, orders)  # the order lines are read once
if paid is None:
    hints = []
    if "customer_id" not in frame.columns:
        hints = present.customer_hints(orders.source_columns, orders.mapping)
    if hints:
        st.info(ui.md(t("ps_hint_columns", lang, columns=t("list_sep", lang).join(hints))))
    if "customer_id" not in frame.columns:
        st.page_link(ui.UPLOAD_PAGE, label=t("ui_go_upload", lang), icon=":material/upload_file:")
    st.stop()
# choices that only make sense for the data they were made on start afresh on new data
ui.reset_on_new_data(
    "ps_data", "orders", ("ps_as_of", "ps_move_from", "ps_export_segment", "ps_export_persona")
)
default_as_of = paid.default_as_of()
with st.container(horizontal=True):
    as_of = st.date_input(
        t("ps_as_of", lang), value=default_as_of.date(), max_value=default_as_of.date(), key="ps_as_of",
        help=t("ps_as_of_help", lang),
    )  # fmt: skip
    scoring = st.selectbox(
        t("ps_scoring", lang), ["auto", "quintile", "fixed"], key="ps_scoring",
        format_func=lambda s: t(f"ps_scoring_{s}", lang), help=t("ps_scoring_help", lang),
    )  # fmt: skip
    k = st.selectbox(
        t("ps_k_label", lang), ["auto", 3, 4, 5, 6, 7, 8], key="ps_k",
        format_func=lambda v: t("ps_k_auto", lang) if v == "auto" else str(v), help=t("ps_k_help", lang),
    )  # fmt: skip

# Tabs other than the first are computed only when opened: on a million order lines each
# view then costs a few seconds once, instead of the whole page at first sight.
TAB_KEYS = ("ps_tab_segments", "ps_tab_personas", "ps_tab_value", "ps_tab_movement", "ps_tab_export")
tabs = st.tabs([t(key, lang) for key in TAB_KEYS], key="ps_tab", on_change="rerun")
tab_seg, tab_per, tab_val, tab_mov, tab_exp = tabs

with tab_seg:
    segments_area = st.container()
    with st.expander(t("ps_edit_header", lang)):
        st.caption(t("ps_edit_caption", lang))
        number = {"min_value": 1, "max_value": 5, "step": 1, "format": "%d", "required": True}
        edited = st.data_editor(
            present.definitions_table(ec.personas.segments_table(), lang),
            key="ps_definitions",
            hide_index=True,
            num_rows="fixed",
            disabled=["code", "name"],
            column_order=["name", "r_from", "r_to", "f_from", "f_to"],
            column_config={
                "name": st.column_config.TextColumn(t("ps_col_segment", lang)),
                **{
                    c: st.column_config.NumberColumn(t(f"ps_col_{c}", lang), **number)
                    for c in ("r_from", "r_to", "f_from", "f_to")
                },
            },
        )
        st.button(
            t("ps_edit_reset", lang), key="ps_reset", icon=":material/restart_alt:",
            on_click=lambda: st.session_state.pop("ps_definitions", None),
        )  # fmt: skip
        segments = ui.attempt(ec.personas.segments_from_table, edited, lang_=lang) or ec.personas.SEGMENTS

as_of_ts = pd.Timestamp(as_of)
result = cached(ec.personas.score, paid, as_of_ts, scoring, segments)
if result is None:
    st.stop()

# ---- RFM segments ------------------------------------------------------------------------
with segments_area:
    ui.caption(present.scope_line(result, lang))
    history = present.history_note(result, lang)
    if history:
        ui.note(history, "warning", ":material/history:")
    note = present.scoring_note(result, lang)
    if note:
        ui.note(note, "info", ":material/info:")
    summary = cached(ec.personas.segment_summary, result)
    finding = present.segment_finding(summary, lang)
    if finding:
        ui.note(finding, "warning", ":material/person_alert:")
    st.subheader(t("ps_segments_header", lang))
    table = present.segment_table(summary, lang)
    ui.table(table, lang, key="ps_segment_table")
    ui.download_button(table, "rfm_segments", lang, key="ps_dl_segments")
    left, right = st.columns(2)
    left.vega_lite_chart(
        spec=ui.spec(charts.rf_grid, cached(ec.personas.grid_counts, result), lang), width="stretch"
    )
    left.caption(t("ps_grid_caption", lang))
    right.vega_lite_chart(spec=ui.spec(charts.segment_shares, summary, lang), width="stretch")


# ---- personas ----------------------------------------------------------------------------
def find_personas(quiet: bool = False):
    return cached(ec.personas.personas, result, None if k == "auto" else k, quiet=quiet)


def fit_value(quiet: bool = False):
    return cached(ec.personas.customer_value, paid, as_of=as_of_ts, quiet=quiet)


if tab_per.open:
    with tab_per:
        st.subheader(t("ps_personas_header", lang))
        found = find_personas()
        if found is not None:
            traits = cached(ec.personas.persona_traits, orders, found.labels)
            st.caption(ui.md(present.persona_quality(found, lang)))
            ptable = present.persona_table(found, lang, traits)
            ui.table(ptable, lang, key="ps_persona_table")
            ui.download_button(ptable, "personas", lang, key="ps_dl_personas")
            st.vega_lite_chart(spec=ui.spec(charts.persona_profile, found, lang), width="content")
            if found.model.silhouette_:
                with st.expander(t("ps_silhouette_header", lang)):
                    ui.table(present.silhouette_table(found, lang), lang, key="ps_silhouette_table")

# ---- customer value ----------------------------------------------------------------------
if tab_val.open:
    with tab_val:
        st.subheader(t("ps_repurchase_header", lang))
        st.caption(t("ps_repurchase_caption", lang))
        rates = cached(ec.personas.repurchase_rates, paid, as_of=as_of_ts)
        if rates is not None:
            ui.table(present.repurchase_table(rates, lang), lang, key="ps_repurchase_table")
        st.subheader(t("ps_cohort_header", lang))
        cohorts = cached(ec.personas.cohort_retention, paid, as_of=as_of_ts)
        if cohorts is not None:
            st.vega_lite_chart(spec=ui.spec(charts.cohort_heatmap, cohorts, lang), width="stretch")
            ctable = present.cohort_table(cohorts, lang)
            ui.download_button(ctable, "cohort_retention", lang, key="ps_dl_cohorts")
        st.subheader(t("ps_clv_header", lang))
        st.caption(t("ps_clv_caption", lang))
        value = fit_value()
        if value is not None:
            ui.note(present.value_summary(value, lang), "info", ":material/savings:")
            by_segment = cached(present.value_by_segment, value, result.segment_code, lang)
            ui.table(by_segment, lang, key="ps_value_table")
            ui.download_button(by_segment, "expected_value_by_segment", lang, key="ps_dl_value")
            st.vega_lite_chart(spec=ui.spec(charts.value_bars, by_segment, lang), width="stretch")
            with st.expander(t("ps_clv_params", lang)):
                ui.caption(t("ps_clv_corr", lang, corr=f"{value.spend_frequency_corr:.2f}"))
                ui.table(present.value_params(value, lang), lang)

# ---- movement ----------------------------------------------------------------------------
if tab_mov.open:
    with tab_mov:
        st.subheader(t("ps_movement_header", lang))
        start = st.date_input(
            t("ps_movement_from", lang), value=(as_of_ts - pd.Timedelta(days=91)).date(),
            max_value=as_of, key="ps_move_from",
        )  # fmt: skip
        st.caption(t("ps_movement_caption", lang))
        moves = cached(
            ec.personas.movement,
            paid,
            pd.Timestamp(start),
            as_of_ts,
            scoring,
            segments,
        )
        if moves is not None:
            finding = present.movement_finding(moves, pd.Timestamp(start), lang)
            if finding:
                st.info(ui.md(finding))
            st.vega_lite_chart(spec=ui.spec(charts.movement_heatmap, moves, segments, lang), width="stretch")
            mtable = present.movement_table(moves, segments, lang)
            ui.download_button(mtable, "segment_movement", lang, key="ps_dl_movement")

# ---- customer lists ----------------------------------------------------------------------
if tab_exp.open:
    with tab_exp:
        st.subheader(t("ps_export_header", lang))
        found, value = find_personas(quiet=True), fit_value(quiet=True)  # their tabs explain failures
        by = st.radio(
            t("ps_export_by", lang), ["segment", "persona"], key="ps_export_by", horizontal=True,
            format_func=lambda v: t(f"ps_col_{v}", lang),
        )  # fmt: skip
        if by == "persona" and found is not None:
            options = [None, *range(found.model.n_clusters_)]
            names = present.persona_names(found.profile, lang)
            label = {None: t("ps_export_all", lang), **dict(enumerate(names))}
        else:
            options = [None, *(s.code for s in segments)]
            label = {
                None: t("ps_export_all", lang),
                **{s.code: present.segment_name(s.code, lang) for s in segments},
            }
        group = st.selectbox(
            t("ps_export_choose", lang), options, key=f"ps_export_{by}", format_func=label.get
        )
        listing = cached(
            present.customer_list, result, lang, personas=found, value=value,
            segment=group if by == "segment" else None, persona=group if by == "persona" else None,
        )  # fmt: skip
        st.caption(t("ps_export_caption", lang, n=fmt.count(len(listing))))
        ui.table(listing.head(1000), lang, key="ps_export_table")
        ui.download_button(listing, "customers", lang, key="ps_dl_customers")
