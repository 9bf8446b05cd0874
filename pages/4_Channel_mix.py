"""Channel mix and ROI: which traffic pays back, and where the next yuan should go."""

import streamlit as st

import ecom_core as ec
from ecom_core import ui
from ecom_core.channels import present
from ecom_core.i18n import t
from ecom_core.ui.views import channels as views

lang = ui.start_page("ui_channel_title")
st.title(t("ui_channel_title", lang))
found = {k: ui.get_dataset(k) for k in ("spend", "traffic", "events")}

if ui.get_dataset("orders") is None and found["spend"] is not None:
    # an ad platform's export alone: its campaigns now, and what orders would add
    ui.uses_caption(found["spend"], lang)
    st.info(t("ch_campaign_spend_only", lang), icon=":material/info:")
    st.page_link(ui.UPLOAD_PAGE, label=t("ui_go_upload", lang), icon=":material/upload_file:")
    views.campaigns(found["spend"], lang)
    st.stop()
orders = ui.require("orders", lang)
for ds in (orders, *[d for d in found.values() if d is not None]):
    ui.uses_caption(ds, lang)

with st.container(horizontal=True, vertical_alignment="bottom"):
    margin = ui.margin_input(lang)
    level = st.radio(
        t("ch_level", lang),
        ("group", "class", "value"),
        format_func=lambda v: t(f"ch_level_{v}", lang),
        key="ch_level",
        horizontal=True,
    )
if "channel" not in orders.frame.columns:
    st.info(t("ch_no_channel", lang), icon=":material/info:")

loaded = {"orders": orders, **found}
mapping = ui.computed(ec.channels.channel_mapping, loaded, overrides=st.session_state.get(views.MAPPING))
audit_area = st.container()  # filled once the mapping tab has applied this run's edits

names = ["table", "quality", "budget", "attribution", "mapping"]
if found["spend"] is not None and "campaign" in ui.computed(ec.channels.campaign_levels, found["spend"]):
    names.insert(1, "campaigns")  # the ad platform's campaigns, beside the channel table
tabs = dict(
    zip(names, st.tabs([t(f"ch_tab_{k}", lang) for k in names], key="ch_tab", on_change="rerun"), strict=True)
)

if tabs["mapping"].open:
    with tabs["mapping"]:
        mapping = views.mapping_editor(mapping, lang)
audit = present.audit_text(ec.channels.unassigned_audit(mapping), lang)
if audit:
    with audit_area:
        ui.note(audit, "warning")

choice = views.Choice(lang, orders, found["spend"], found["traffic"], found["events"], margin, level, mapping)
if "campaigns" in tabs and tabs["campaigns"].open:
    with tabs["campaigns"]:
        views.campaigns(found["spend"], lang)
for name, view in (
    ("table", views.channel_table),
    ("quality", views.quality),
    ("budget", views.budget),
    ("attribution", views.attribution),
):
    if tabs[name].open:
        with tabs[name]:
            view(choice)
