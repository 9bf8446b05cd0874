"""The Personas page's views: one function per tab, each given what the page chose."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

import ecom_core as ec
from ecom_core import fmt
from ecom_core.i18n import t
from ecom_core.personas import charts, present
from ecom_core.ui.cache import computed, spec
from ecom_core.ui.render import attempt, caption, download_button, note, table

#: The tabs of the page, in order; those after the first are computed only when opened (on a
#: million order lines each costs a few seconds once, not the whole page at first sight).
TABS: tuple[str, ...] = ("segments", "personas", "value", "movement", "export")


def cached(fn, *args, lang: str, quiet: bool = False, **kwargs):
    """``fn(*args, **kwargs)`` through the shared analysis cache; a failure is shown as a
    sentence (unless ``quiet``: another tab explains it) and gives None."""
    return attempt(computed, fn, *args, lang_=lang, quiet=quiet, **kwargs)


@dataclass(frozen=True)
class Choice:
    """What the page chose: the orders, their paid lines, the RFM result and its settings."""

    lang: str
    orders: ec.Dataset
    paid: object  # ec.personas.PaidOrders
    result: object  # ec.personas.RFMResult
    as_of: pd.Timestamp
    scoring: str
    segments: tuple
    k: object  # "auto" or a number of personas

    def personas(self, quiet: bool = False):
        k = None if self.k == "auto" else self.k
        return cached(ec.personas.personas, self.result, k, lang=self.lang, quiet=quiet)

    def value(self, quiet: bool = False):
        return cached(ec.personas.customer_value, self.paid, as_of=self.as_of, lang=self.lang, quiet=quiet)


def segment_editor(lang: str) -> tuple:
    """The editable segment definitions on the R × F grid; returns the segments to use."""
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
        t("ps_edit_reset", lang),
        key="ps_reset",
        icon=":material/restart_alt:",
        on_click=lambda: st.session_state.pop("ps_definitions", None),
    )
    return attempt(ec.personas.segments_from_table, edited, lang_=lang) or ec.personas.SEGMENTS


def segments(c: Choice) -> None:
    """RFM segments: who they are, what they are worth, the R × F grid."""
    lang, result = c.lang, c.result
    caption(present.scope_line(result, lang))
    history = present.history_note(result, lang)
    if history:
        note(history, "warning", ":material/history:")
    scoring = present.scoring_note(result, lang)
    if scoring:
        note(scoring, "info", ":material/info:")
    summary = cached(ec.personas.segment_summary, result, lang=lang)
    finding = present.segment_finding(summary, lang)
    if finding:
        note(finding, "warning", ":material/person_alert:")
    st.subheader(t("ps_segments_header", lang))
    table(present.segment_table(summary, lang), lang, key="ps_segment_table", download="rfm_segments")
    left, right = st.columns(2)
    grid = cached(ec.personas.grid_counts, result, lang=lang)
    left.vega_lite_chart(spec=spec(charts.rf_grid, grid, lang), width="stretch")
    left.caption(t("ps_grid_caption", lang))
    right.vega_lite_chart(spec=spec(charts.segment_shares, summary, lang), width="stretch")


def personas(c: Choice) -> None:
    """Data-driven personas (k-means on RFM and what else the orders carry)."""
    lang = c.lang
    st.subheader(t("ps_personas_header", lang))
    found = c.personas()
    if found is None:
        return
    traits = cached(ec.personas.persona_traits, c.orders, found.labels, lang=lang)
    caption(present.persona_quality(found, lang))
    table(present.persona_table(found, lang, traits), lang, key="ps_persona_table", download="personas")
    st.vega_lite_chart(spec=spec(charts.persona_profile, found, lang), width="content")
    if found.model.silhouette_:
        with st.expander(t("ps_silhouette_header", lang)):
            table(present.silhouette_table(found, lang), lang, key="ps_silhouette_table")


def value(c: Choice) -> None:
    """Repurchase, cohort retention and each customer's expected value (BG/NBD + Gamma-Gamma)."""
    lang = c.lang
    st.subheader(t("ps_repurchase_header", lang))
    st.caption(t("ps_repurchase_caption", lang))
    rates = cached(ec.personas.repurchase_rates, c.paid, as_of=c.as_of, lang=lang)
    if rates is not None:
        table(present.repurchase_table(rates, lang), lang, key="ps_repurchase_table")
    st.subheader(t("ps_cohort_header", lang))
    cohorts = cached(ec.personas.cohort_retention, c.paid, as_of=c.as_of, lang=lang)
    if cohorts is not None:
        st.vega_lite_chart(spec=spec(charts.cohort_heatmap, cohorts, lang), width="stretch")
        download_button(present.cohort_table(cohorts, lang), "cohort_retention", lang, key="ps_dl_cohorts")
    st.subheader(t("ps_clv_header", lang))
    st.caption(t("ps_clv_caption", lang))
    fitted = c.value()
    if fitted is None:
        return
    note(present.value_summary(fitted, lang), "info", ":material/savings:")
    by_segment = cached(present.value_by_segment, fitted, c.result.segment_code, lang, lang=lang)
    table(by_segment, lang, key="ps_value_table", download="expected_value_by_segment")
    st.vega_lite_chart(spec=spec(charts.value_bars, by_segment, lang), width="stretch")
    with st.expander(t("ps_clv_params", lang)):
        caption(t("ps_clv_corr", lang, corr=f"{fitted.spend_frequency_corr:.2f}"))
        table(present.value_params(fitted, lang), lang)


def movement(c: Choice) -> None:
    """How customers moved between segments since an earlier date."""
    lang = c.lang
    st.subheader(t("ps_movement_header", lang))
    start = st.date_input(
        t("ps_movement_from", lang),
        value=(c.as_of - pd.Timedelta(days=91)).date(),
        max_value=c.as_of.date(),
        key="ps_move_from",
    )
    st.caption(t("ps_movement_caption", lang))
    moves = cached(
        ec.personas.movement, c.paid, pd.Timestamp(start), c.as_of, c.scoring, c.segments, lang=lang
    )
    if moves is None:
        return
    finding = present.movement_finding(moves, pd.Timestamp(start), lang)
    if finding:
        note(finding)
    st.vega_lite_chart(spec=spec(charts.movement_heatmap, moves, c.segments, lang), width="stretch")
    download_button(
        present.movement_table(moves, c.segments, lang), "segment_movement", lang, key="ps_dl_movement"
    )


def export(c: Choice) -> None:
    """Lists of customers by segment or persona, for a campaign."""
    lang = c.lang
    st.subheader(t("ps_export_header", lang))
    found, fitted = c.personas(quiet=True), c.value(quiet=True)  # their tabs explain failures
    by = st.radio(
        t("ps_export_by", lang),
        ["segment", "persona"],
        key="ps_export_by",
        horizontal=True,
        format_func=lambda v: t(f"ps_col_{v}", lang),
    )
    everyone = {None: t("ps_export_all", lang)}
    if by == "persona" and found is not None:
        label = {**everyone, **dict(enumerate(present.persona_names(found.profile, lang)))}
    else:
        label = {**everyone, **{s.code: present.segment_name(s.code, lang) for s in c.segments}}
    group = st.selectbox(
        t("ps_export_choose", lang), list(label), key=f"ps_export_{by}", format_func=label.get
    )
    listing = cached(
        present.customer_list, c.result, lang, personas=found, value=fitted,
        segment=group if by == "segment" else None, persona=group if by == "persona" else None, lang=lang,
    )  # fmt: skip
    st.caption(t("ps_export_caption", lang, n=fmt.count(len(listing))))
    table(listing.head(1000), lang, key="ps_customers_table")
    download_button(listing, "customers", lang, key="ps_dl_customers")


VIEWS = {"segments": segments, "personas": personas, "value": value, "movement": movement, "export": export}
