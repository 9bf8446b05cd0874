"""Home: what the app does, language switch, one-click sample data, the overview of what is loaded."""

import streamlit as st

import ecom_core as ec
from ecom_core import fmt, ui
from ecom_core.i18n import t

FINDING_PAGES = {
    "funnel": ui.FUNNEL_PAGE,
    "personas": ui.PERSONAS_PAGE,
    "channels": ui.CHANNEL_PAGE,
    "abtest": ui.ABTEST_PAGE,
}
FINDING_ICONS = {
    "error": ":material/error:",
    "warning": ":material/warning:",
    "success": ":material/check_circle:",
}

lang = ui.start_page("ui_app_title")
st.title(t("ui_app_title", lang))
loaded = {kind: ui.get_dataset(kind) for kind in ("orders", "traffic", "events", "spend", "experiment")}

if any(loaded.values()):
    st.header(t("ov_header", lang))
    orders = loaded["orders"]
    if orders is not None:
        kpis = ui.attempt(ui.computed, ec.overview.kpis, orders, loaded["traffic"], lang_=lang)
        if kpis is not None:
            p = ui.computed(ec.overview.periods, orders)
            st.caption(
                t("ov_period", lang, start=fmt.day(p.start), end=fmt.day(p.end), days=fmt.count(p.days))
            )
            cards = ec.overview.kpi_cards(kpis, lang)
            for row in (cards[:5], cards[5:]):
                for col, (label, value, delta, help_text, color) in zip(st.columns(5), row, strict=False):
                    col.metric(label, value, delta, delta_color=color, help=help_text, border=True)
            trend = ui.computed(ec.overview.revenue_trend, orders)
            st.vega_lite_chart(spec=ui.spec(ec.overview.trend_chart, trend, lang), width="stretch")
    st.subheader(t("ov_findings", lang))
    found = ec.overview.findings(**loaded, lang=lang, margin=ui.margin(), compute=ui.computed)
    for finding in found:
        st.page_link(
            FINDING_PAGES[finding.page],
            label=ui.md(finding.text),
            icon=FINDING_ICONS.get(finding.level, ":material/info:"),
        )
    if not found:
        ui.caption(ec.overview.no_findings_text(**loaded, lang=lang))
        if loaded["spend"] is not None and loaded["orders"] is None:
            st.page_link(ui.CHANNEL_PAGE, label=t("ov_spend_alone", lang), icon=":material/campaign:")
    ui.report_downloads(lang)

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
ui.save_restore(lang)
