"""Home: what the app does, language switch, one-click sample data, what is loaded."""

import streamlit as st

from ecom_core import ui
from ecom_core.i18n import t

lang = ui.start_page("ui_app_title")

st.title(t("ui_app_title", lang))
st.markdown(f"**{t('ui_app_tagline', lang)}**")
st.markdown(t("ui_app_intro", lang))
st.markdown(t("ui_app_pages", lang))

st.subheader(t("ui_start_header", lang))
st.write(t("ui_start_upload", lang))
with st.container(horizontal=True, vertical_alignment="center"):
    ui.sample_button(lang, key="home_sample", primary=True)
    st.page_link(ui.UPLOAD_PAGE, label=t("ui_go_upload", lang), icon=":material/upload_file:")

st.subheader(t("ui_pages_header", lang))
for path, label, icon in ui.PAGES[1:]:
    st.page_link(path, label=t(label, lang), icon=icon)

ui.loaded_summary(lang)
