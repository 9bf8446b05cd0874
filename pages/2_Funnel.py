"""Conversion funnel (placeholder until the analysis lands): needs traffic, events or orders."""

import streamlit as st

from ecom_core import ui
from ecom_core.i18n import t

lang = ui.start_page("ui_funnel_title")
st.title(t("ui_funnel_title", lang))
dataset = ui.require(("traffic", "events", "orders"), lang)
st.info(t("ui_funnel_coming", lang), icon=":material/construction:")
ui.uses_caption(dataset, lang)
