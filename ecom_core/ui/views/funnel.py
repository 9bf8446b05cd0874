"""The Funnel page's views: one function per tab, each given what the page chose."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

import ecom_core as ec
from ecom_core import fmt
from ecom_core import funnel as fn
from ecom_core.funnel import charts, present
from ecom_core.i18n import t
from ecom_core.ui.cache import computed, spec
from ecom_core.ui.render import attempt, column_label, md, note, table

#: The tabs of the page, in order.
TABS: tuple[str, ...] = ("funnel", "breakdown", "trend", "sales", "when")


@dataclass(frozen=True)
class Choice:
    """What the page chose: the funnel (all of it and the selected dates and channels), its
    step labels, and the orders when loaded (the home page's figures come from them)."""

    lang: str
    mode: str
    full: fn.FunnelData
    data: fn.FunnelData
    labels: dict[str, str]
    channels: tuple[str, ...]
    orders: ec.Dataset | None

    @property
    def download(self) -> str:
        return t("fn_download_name", self.lang)


def funnel(c: Choice) -> None:
    """The steps, the biggest leak (or why there is none), what fixing a step is worth, and
    the time to convert."""
    lang, data, labels = c.lang, c.data, c.labels
    view = computed(fn.overview, data)
    leak = view.leak
    if c.mode == "traffic":
        cards = present.metric_cards(view.metrics, lang)
        for row in (cards[:4], cards[4:]):  # two rows: eight figures do not fit on one line
            for col, (label, value, help_text) in zip(st.columns(4), row, strict=False):
                col.metric(label, value, help=help_text, border=True)
    chart = spec(charts.funnel_chart, view.table, labels, lang, leak.index if leak else None)
    st.vega_lite_chart(spec=chart, width="stretch")
    steps = present.steps_table(view.table, labels, charts.count_label(data, lang), lang)
    table(steps, lang, key="fn_table", download=c.download)
    if leak is not None:
        title, body, why = present.leak_text(leak, labels, lang)
        segment = present.segment_text(view.weakest, lang)
        note(f"{body} {segment}\n\n{why}", "warning", ":material/water_drop:", title=title)
    else:
        note(present.no_leak_text(view.table, view.verdict, labels, lang), "info", ":material/check:")
    start = leak.index if leak is not None else fn.lowest_step(view.table)
    if start is not None:
        _what_if(c, start, leak is not None)
    if not view.times.empty:
        st.subheader(t("fn_ttc_header", lang))
        st.caption(t("fn_ttc_caption", lang))
        table(present.time_table(view.times, labels, lang), lang)
        st.vega_lite_chart(spec=spec(charts.time_chart, view.buckets, labels, lang), width="stretch")


def _what_if(c: Choice, start: int, leaking: bool) -> None:
    lang, data, labels = c.lang, c.data, c.labels
    st.subheader(t("fn_whatif_header" if leaking else "fn_whatif_header_any", lang))
    left, right = st.columns(2)
    index = left.selectbox(
        t("fn_whatif_step", lang),
        range(1, len(data.steps)),
        index=start - 1,
        key=f"fn_whatif_step_{c.mode}_{'-'.join(data.steps)}",  # the steps differ per funnel
        format_func=lambda i: f"{labels[data.steps[i - 1]]} → {labels[data.steps[i]]}",
    )
    points = right.slider(t("fn_whatif_points", lang), 0.5, 10.0, 1.0, 0.5, key="fn_whatif_points")
    value = computed(fn.valuation, data, c.orders)
    result = fn.what_if(data, index, points / 100, value.value)
    note(present.what_if_text(result, labels, data.steps, lang, value), "success")
    if not value.known:
        st.caption(t("fn_whatif_no_value", lang))
    st.markdown(f"**{t('fn_worth_header', lang)}**")
    table(present.worth_table(fn.step_worth(data, value=value.value), labels, lang), lang)


def breakdown(c: Choice) -> None:
    """Each segment's step conversion against the rest of the shop."""
    lang = c.lang
    if not c.data.dimensions:
        st.info(t("fn_breakdown_none", lang))
        return
    by = st.selectbox(
        t("fn_breakdown_by", lang),
        c.data.dimensions,
        key="fn_breakdown_by",
        format_func=lambda col: column_label(col, lang),
    )
    rows = attempt(computed, fn.breakdown, c.data, by, lang_=lang)
    if rows is None:
        return
    st.caption(t("fn_breakdown_caption", lang, n=fmt.count(fn.MIN_SEGMENT)))
    st.vega_lite_chart(spec=spec(charts.breakdown_chart, rows, c.labels, column_label(by, lang), lang, by))
    shown = present.breakdown_table(rows, c.labels, lang, by)
    table(shown, lang, key="fn_breakdown", download=f"{c.download}_{by}")


def trend(c: Choice) -> None:
    """Each step's conversion per day, week or month."""
    lang = c.lang
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
    rows = computed(fn.trend, c.data, freq)
    st.vega_lite_chart(spec=spec(charts.trend_chart, rows, c.labels, lang), width="stretch")


def sales(c: Choice) -> None:
    """The change in sales between two periods, split by the identity the data supports."""
    lang = c.lang
    # with orders loaded, sales are the whole shop's paid revenue over the home page's periods
    whole = c.full if c.orders is not None else c.data
    before, after = fn.default_periods(whole, orders=c.orders.frame if c.orders is not None else None)
    left, right = st.columns(2)
    before = left.date_input(t("fn_period_before", lang), value=before, key="fn_period_before")
    after = right.date_input(t("fn_period_after", lang), value=after, key="fn_period_after")
    change = attempt(computed, fn.sales_change, whole, tuple(before), tuple(after), c.orders, lang_=lang)
    if change is None:
        return
    st.markdown(t("fn_sales_formula" if "visitors" in change.factors else "fn_sales_formula_orders", lang))
    st.caption(md(present.sales_basis_text(change, c.labels[whole.steps[0]], lang)))
    if change.note:
        st.info(t(change.note, lang))
    elif c.orders is not None and c.mode == "traffic" and c.channels:
        st.caption(t("fn_sales_whole_shop", lang))
    st.markdown(md(present.sales_text(change, lang)))
    st.vega_lite_chart(spec=spec(charts.waterfall_chart, change, lang), width="stretch")
    table(present.sales_table(change, lang), lang)


def when(c: Choice) -> None:
    """When people visit and order (weekday × hour), and where orders come from."""
    lang = c.lang
    st.caption(t("fn_when_caption", lang))
    heatmaps = [(computed(fn.visit_hours, c.data), "fn_chart_visits")] if c.mode == "events" else []
    if c.orders is not None:
        heatmaps.append((computed(fn.order_hours, c.orders), "fn_chart_orders"))
    for cells, title in heatmaps:
        st.vega_lite_chart(spec=spec(charts.heatmap, cells, title, lang), width="stretch")
    if not heatmaps:
        st.info(t("fn_when_none", lang))
    if c.orders is not None and "region" in c.orders.frame:
        st.subheader(t("fn_region_header", lang))
        st.caption(t("fn_region_caption", lang))
        regions = computed(fn.regions, c.orders)
        st.vega_lite_chart(spec=spec(charts.region_chart, regions, lang), width="stretch")
        table(present.regions_table(regions, lang), lang, key="fn_regions", download=f"{c.download}_regions")


VIEWS = {"funnel": funnel, "breakdown": breakdown, "trend": trend, "sales": sales, "when": when}
