"""Channel mix and ROI (placeholder until the analysis lands): needs orders, uses spend."""

import streamlit as st

from ecom_core import ui
from ecom_core.i18n import t

lang = ui.start_page("ui_channel_title")
st.title(t("ui_channel_title", lang))
orders = ui.require("orders", lang)
st.info(t("ui_channel_coming", lang), icon=":material/construction:")
ui.uses_caption(orders, lang)
spend = ui.get_dataset("spend")
if spend is not None:
    ui.uses_caption(spend, lang)
