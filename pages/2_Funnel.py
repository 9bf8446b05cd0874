"""Conversion funnel: where the shop leaks, why, and what fixing it is worth."""

import pandas as pd
import streamlit as st

from ecom_core import funnel as fn
from ecom_core import ui
from ecom_core.funnel import charts
from ecom_core.i18n import t
from ecom_core.ui.views import funnel as views

WINDOWS = {
    "none": None,
    "1h": pd.Timedelta(hours=1),
    "1d": pd.Timedelta(days=1),
    "7d": pd.Timedelta(days=7),
    "30d": pd.Timedelta(days=30),
}

lang = ui.start_page("ui_funnel_title")
st.title(t("ui_funnel_title", lang))
ui.require(fn.MODES, lang)

modes = [m for m in fn.MODES if ui.get_dataset(m) is not None]
mode = st.radio(
    t("fn_mode", lang),
    modes,
    key="fn_mode",
    horizontal=True,
    help=t("fn_mode_help", lang),
    format_func=lambda m: t(f"fn_mode_{m}", lang),
)
ds = ui.get_dataset(mode)
ui.uses_caption(ds, lang)
if modes == ["orders"]:
    st.info(t("fn_unlock_more", lang), icon=":material/lock_open:")

steps, window = None, None
if mode == "events":
    names = ui.computed(fn.event_names, ds)
    left, right = st.columns([3, 1])
    steps = left.multiselect(
        t("fn_steps", lang),
        names,
        default=fn.default_steps(names),
        key=f"fn_steps_{ds.fingerprint[:12]}",
        help=t("fn_steps_help", lang),
    )
    window_key = right.selectbox(
        t("fn_window", lang),
        list(WINDOWS),
        key="fn_window",
        help=t("fn_window_help", lang),
        format_func=lambda w: t(f"fn_window_{w}", lang),
    )
    window = WINDOWS[window_key]
full = ui.attempt(ui.computed, fn.funnel_data, ds, mode, tuple(steps or ()), window, lang_=lang)
if full is None:
    st.stop()
ui.notes(full.notes, lang)

left, right = st.columns(2)
period = left.date_input(
    t("fn_dates", lang),
    value=(full.first_day, full.last_day),
    min_value=full.first_day,
    max_value=full.last_day,
    key=f"fn_dates_{mode}_{ds.fingerprint[:12]}",
)
chosen = ()
if "channel" in full.units and mode == "traffic":
    chosen = right.multiselect(
        t("fn_channels", lang),
        sorted(full.units["channel"].unique()),
        key="fn_channels",
        placeholder=t("fn_channels_all", lang),
    )
data = ui.attempt(ui.computed, fn.select, full, tuple(period), tuple(chosen), lang_=lang)
if data is None:
    st.stop()

choice = views.Choice(
    lang, mode, full, data, charts.step_labels(data, lang), tuple(chosen), ui.get_dataset("orders")
)
tabs = st.tabs([t(f"fn_tab_{k}", lang) for k in views.TABS], key="fn_tabs", on_change="rerun")
for tab, name in zip(tabs, views.TABS, strict=True):
    if tab.open:
        with tab:
            views.VIEWS[name](choice)
