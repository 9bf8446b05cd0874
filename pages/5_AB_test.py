"""A/B test (placeholder until the calculators land): works without any data."""

import streamlit as st

from ecom_core import ui
from ecom_core.i18n import t

lang = ui.start_page("ui_abtest_title")
st.title(t("ui_abtest_title", lang))
st.info(t("ui_abtest_coming", lang), icon=":material/construction:")
st.caption(t("ui_abtest_no_data", lang))
experiment = ui.get_dataset("experiment")
if experiment is not None:
    ui.uses_caption(experiment, lang)
