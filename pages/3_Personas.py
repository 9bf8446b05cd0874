"""Customer personas: RFM segments, data-driven personas, customer value, movement, lists."""

import pandas as pd
import streamlit as st

import ecom_core as ec
from ecom_core import ui
from ecom_core.i18n import t
from ecom_core.personas import present
from ecom_core.ui.views import personas as views

lang = ui.start_page("ui_personas_title")
st.title(t("ui_personas_title", lang))
orders = ui.require("orders", lang)
ui.uses_caption(orders, lang)
st.caption(t("ps_intro", lang))
frame = orders.frame


# ---- settings ----------------------------------------------------------------------------
paid = views.cached(ec.personas.paid_orders, orders, lang=lang)  # the order lines are read once
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

tabs = st.tabs([t(f"ps_tab_{k}", lang) for k in views.TABS], key="ps_tab", on_change="rerun")
tabs = dict(zip(views.TABS, tabs, strict=True))
with tabs["segments"]:
    segments_area = st.container()  # above the definitions, filled once they are read
    with st.expander(t("ps_edit_header", lang)):
        segments = views.segment_editor(lang)

as_of = pd.Timestamp(as_of)
result = views.cached(ec.personas.score, paid, as_of, scoring, segments, lang=lang)
if result is None:
    st.stop()
choice = views.Choice(lang, orders, paid, result, as_of, scoring, segments, k)
with segments_area:
    views.segments(choice)
for name in views.TABS[1:]:
    if tabs[name].open:
        with tabs[name]:
            views.VIEWS[name](choice)
