"""Customer personas / RFM (placeholder until the analysis lands): needs orders."""

import streamlit as st

from ecom_core import ui
from ecom_core.i18n import t

lang = ui.start_page("ui_personas_title")
st.title(t("ui_personas_title", lang))
orders = ui.require("orders", lang)
st.info(t("ui_personas_coming", lang), icon=":material/construction:")
ui.uses_caption(orders, lang)
