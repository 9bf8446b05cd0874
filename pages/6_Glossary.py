"""Glossary: every metric the app shows, in Chinese and English, with its definition."""

import streamlit as st

from ecom_core import glossary, ui
from ecom_core.i18n import t

lang = ui.start_page("gl_title")
st.title(t("gl_title", lang))
st.caption(t("gl_intro", lang))

left, right = st.columns([2, 3])
search = left.text_input(t("gl_search", lang), key="gl_search")
area = right.segmented_control(
    t("gl_area", lang),
    [None, *glossary.AREAS],
    default=None,
    key="gl_area",
    format_func=lambda a: t("gl_area_all", lang) if a is None else t(f"gl_area_{a}", lang),
)
terms = glossary.table(lang, area, search).rename(columns=glossary.headers(lang))
st.dataframe(terms, hide_index=True, width="stretch")
ui.download_button(terms, t("gl_download_name", lang), lang, key="gl_download")
