"""Conversion funnel: where the shop leaks, why, and what fixing it is worth."""

import pandas as pd
import streamlit as st

from ecom_core import fmt, ui
from ecom_core import funnel as fn
from ecom_core.funnel import charts, present
from ecom_core.i18n import t

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

labels = charts.step_labels(data, lang)
view = ui.computed(fn.overview, data)
table, leak = view.table, view.leak
tabs = st.tabs(
    [
        t(k, lang)
        for k in ("fn_tab_funnel", "fn_tab_breakdown", "fn_tab_trend", "fn_tab_sales", "fn_tab_when")
    ],
    key="fn_tabs",
    on_change="rerun",
)

if tabs[0].open:
    with tabs[0]:
        if mode == "traffic":
            cards = present.metric_cards(view.metrics, lang)
            for row in (cards[:4], cards[4:]):  # two rows: eight figures do not fit on one line
                for col, (label, value, help_text) in zip(st.columns(4), row, strict=False):
                    col.metric(label, value, help=help_text, border=True)
        funnel = ui.spec(charts.funnel_chart, table, labels, lang, leak.index if leak else None)
        st.vega_lite_chart(spec=funnel, width="stretch")
        steps = present.steps_table(table, labels, charts.count_label(data, lang), lang)
        ui.table(steps, lang, key="fn_steps_table", download=t("fn_download_name", lang))
        if leak is not None:
            title, body, why = present.leak_text(leak, labels, lang)
            segment = present.segment_text(view.weakest, lang)
            ui.note(f"{body} {segment}\n\n{why}", "warning", ":material/water_drop:", title=title)
        else:
            ui.note(present.no_leak_text(table, view.verdict, labels, lang), "info", ":material/check:")
        start = leak.index if leak is not None else fn.lowest_step(table)
        if start is not None:
            st.subheader(t("fn_whatif_header" if leak is not None else "fn_whatif_header_any", lang))
            left, right = st.columns(2)
            index = left.selectbox(
                t("fn_whatif_step", lang),
                range(1, len(data.steps)),
                index=start - 1,
                key=f"fn_whatif_step_{mode}_{'-'.join(data.steps)}",  # the steps differ per funnel
                format_func=lambda i: f"{labels[data.steps[i - 1]]} → {labels[data.steps[i]]}",
            )
            points = right.slider(t("fn_whatif_points", lang), 0.5, 10.0, 1.0, 0.5, key="fn_whatif_points")
            value = ui.computed(fn.valuation, data, ui.get_dataset("orders"))
            result = fn.what_if(data, index, points / 100, value.value)
            st.success(ui.md(present.what_if_text(result, labels, data.steps, lang, value)))
            if not value.known:
                st.caption(t("fn_whatif_no_value", lang))
            st.markdown(f"**{t('fn_worth_header', lang)}**")
            worth = fn.step_worth(data, value=value.value)
            ui.table(present.worth_table(worth, labels, lang), lang)
        if not view.times.empty:
            st.subheader(t("fn_ttc_header", lang))
            st.caption(t("fn_ttc_caption", lang))
            ui.table(present.time_table(view.times, labels, lang), lang)
            st.vega_lite_chart(spec=ui.spec(charts.time_chart, view.buckets, labels, lang), width="stretch")

if tabs[1].open:
    with tabs[1]:
        if not data.dimensions:
            st.info(t("fn_breakdown_none", lang))
        else:
            by = st.selectbox(
                t("fn_breakdown_by", lang),
                data.dimensions,
                key="fn_breakdown_by",
                format_func=lambda c: ui.column_label(c, lang),
            )
            rows = ui.attempt(ui.computed, fn.breakdown, data, by, lang_=lang)
            if rows is not None:
                st.caption(t("fn_breakdown_caption", lang, n=fmt.count(fn.MIN_SEGMENT)))
                st.vega_lite_chart(
                    spec=ui.spec(charts.breakdown_chart, rows, labels, ui.column_label(by, lang), lang, by)
                )
                shown_rows = present.breakdown_table(rows, labels, lang, by)
                ui.table(shown_rows, lang, key="fn_breakdown", download=f"{t('fn_download_name', lang)}_{by}")

if tabs[2].open:
    with tabs[2]:
        freq = (
            st.segmented_control(
                t("fn_trend_freq", lang),
                ["D", "W", "M"],
                default="W",
                key="fn_trend_freq",
                format_func=lambda f: t(f"fn_freq_{f}", lang),
            )
            or "W"
        )
        st.vega_lite_chart(
            spec=ui.spec(charts.trend_chart, ui.computed(fn.trend, data, freq), labels, lang), width="stretch"
        )

if tabs[3].open:
    with tabs[3]:
        orders = ui.get_dataset("orders")
        # with orders loaded, sales are the whole shop's paid revenue over the home page's periods
        whole = full if orders is not None else data
        before, after = fn.default_periods(whole, orders=orders.frame if orders is not None else None)
        left, right = st.columns(2)
        before = left.date_input(t("fn_period_before", lang), value=before, key="fn_period_before")
        after = right.date_input(t("fn_period_after", lang), value=after, key="fn_period_after")
        change = ui.attempt(
            ui.computed, fn.sales_change, whole, tuple(before), tuple(after), orders, lang_=lang
        )
        if change is not None:
            formula = "fn_sales_formula" if "visitors" in change.factors else "fn_sales_formula_orders"
            st.markdown(t(formula, lang))
            st.caption(ui.md(present.sales_basis_text(change, labels[whole.steps[0]], lang)))
            if change.note:
                st.info(t(change.note, lang))
            elif orders is not None and mode == "traffic" and chosen:
                st.caption(t("fn_sales_whole_shop", lang))
            st.markdown(ui.md(present.sales_text(change, lang)))
            st.vega_lite_chart(spec=ui.spec(charts.waterfall_chart, change, lang), width="stretch")
            ui.table(present.sales_table(change, lang), lang)

if tabs[4].open:
    with tabs[4]:
        st.caption(t("fn_when_caption", lang))
        orders = ui.get_dataset("orders")
        heatmaps = [(ui.computed(fn.visit_hours, data), "fn_chart_visits")] if mode == "events" else []
        if orders is not None:
            heatmaps.append((ui.computed(fn.order_hours, orders), "fn_chart_orders"))
        for cells, title in heatmaps:
            st.vega_lite_chart(spec=ui.spec(charts.heatmap, cells, title, lang), width="stretch")
        if not heatmaps:
            st.info(t("fn_when_none", lang))
        if orders is not None and "region" in orders.frame:
            st.subheader(t("fn_region_header", lang))
            st.caption(t("fn_region_caption", lang))
            regions = ui.computed(fn.regions, orders)
            st.vega_lite_chart(spec=ui.spec(charts.region_chart, regions, lang), width="stretch")
            shown_regions = present.regions_table(regions, lang)
            ui.table(shown_regions, lang, key="fn_regions", download=f"{t('fn_download_name', lang)}_regions")
