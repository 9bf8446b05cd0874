"""The Channel mix page's views: one function per tab, each given what the page chose."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

import ecom_core as ec
from ecom_core import fmt
from ecom_core.channels import charts, present
from ecom_core.i18n import t
from ecom_core.ui.cache import computed, spec
from ecom_core.ui.render import attempt, download_button, md, note, notes, table

#: The user's edits of the channel mapping live in the session, so every tab uses them while
#: only the open tab is computed.
MAPPING = "ch_mapping"
#: Complete weeks of spend a channel needs for a fitted response curve.
MIN_PERIODS = 12


@dataclass(frozen=True)
class Choice:
    """What the page chose: the data, the margin, how channels are named and grouped."""

    lang: str
    orders: ec.Dataset
    spend: ec.Dataset | None
    traffic: ec.Dataset | None
    events: ec.Dataset | None
    margin: float
    level: str
    mapping: pd.DataFrame

    def name(self, channel: str) -> str:
        return present.channel_name(channel, self.level, self.lang)


def campaigns(spend: ec.Dataset, lang: str) -> None:
    """The ad platform's own figures per campaign (or channel, or day), and over time."""
    st.caption(t("ch_campaign_intro", lang))
    levels = computed(ec.channels.campaign_levels, spend)
    by = levels[0]
    if len(levels) > 1:
        by = st.radio(
            t("ch_campaign_by", lang),
            levels,
            format_func=lambda b: t(f"ch_campaign_by_{b}", lang),
            key="ch_campaign_by",
            horizontal=True,
        )
    rows = attempt(computed, ec.channels.campaign_table, spend, by=by, lang_=lang)
    if rows is not None:
        if "conversions" in spend.mapping:
            st.caption(md(t("ch_campaign_conversions_from", lang, column=spend.mapping["conversions"])))
        table(present.campaign_styled(rows, lang), lang, key="ch_campaigns")
        download_button(present.campaign_labelled(rows, lang), "campaigns", lang, key="dl_ch_campaigns")
        chart = spec(charts.campaign_chart, rows, lang) if by != "date" else None
        if chart is not None:
            st.vega_lite_chart(spec=chart, width="stretch")
    if "date" not in levels:
        st.caption(t("ch_campaign_no_dates", lang))
        return
    with st.container(horizontal=True):
        freq = st.selectbox(
            t("ch_freq", lang),
            ("W", "M", "D"),
            format_func=lambda f: t(f"ch_freq_{f}", lang),
            key="ch_campaign_freq",
        )
        trend = attempt(computed, ec.channels.spend_trend, spend, freq, lang_=lang)
        if trend is not None:
            metric = st.selectbox(
                t("ch_trend_metric", lang),
                present.campaign_metrics(trend),
                format_func=lambda m: present.campaign_column_label(m, lang),
                key="ch_campaign_metric",
            )
    if trend is not None:
        st.vega_lite_chart(spec=spec(charts.spend_trend_chart, trend, lang, metric), width="stretch")


def mapping_editor(mapping: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The editable value -> group table; returns the mapping with the user's edits (also kept
    in the session for every tab)."""
    st.caption(t("ch_mapping_intro", lang))
    edited = st.data_editor(
        ec.channels.localise_groups(mapping, lang),
        key="ch_mapping_editor",
        hide_index=True,
        disabled=["value", "matched", "rows", "revenue", "kinds"],
        column_config={
            "value": st.column_config.TextColumn(t("ch_col_value", lang)),
            "group": st.column_config.TextColumn(t("ch_col_group", lang)),
            "class": st.column_config.SelectboxColumn(
                t("ch_col_class", lang),
                options=list(ec.channels.CLASSES),
                format_func=lambda c: ec.channels.class_label(c, lang),
                required=True,
            ),
            "matched": st.column_config.CheckboxColumn(t("ch_col_matched", lang)),
            "rows": st.column_config.NumberColumn(t("ch_col_rows", lang), format="%d"),
            "revenue": st.column_config.NumberColumn(t("ch_col_revenue", lang), format="%.0f"),
            "kinds": st.column_config.TextColumn(t("ch_col_kinds", lang)),
        },
    )
    mapping = ec.channels.canonical_groups(edited)
    st.session_state[MAPPING] = mapping[["value", "group", "class"]]
    if len(mapping) and not len(ec.channels.unassigned_audit(mapping)):
        st.success(t("ch_audit_ok", lang))
    download_button(present.labelled(mapping, lang), "channel_mapping", lang, key="dl_ch_mapping")
    with st.expander(t("ch_rules_title", lang)):
        table(present.labelled(ec.channels.DEFAULT_RULES, lang), lang)
    return mapping


def channel_table(c: Choice) -> None:
    """Revenue, spend, ROAS and break-even per channel, the trend and when each channel sells."""
    lang = c.lang
    rep = attempt(
        computed,
        ec.channels.channel_table,
        c.orders,
        c.spend,
        c.traffic,
        margin=c.margin,
        mapping=c.mapping,
        level=c.level,
        lang_=lang,
    )
    if rep is None:
        return
    notes(rep.notes, lang)
    with st.container(horizontal=True):
        st.metric(t("ch_metric_revenue", lang), fmt.money(rep.total["revenue"], lang), border=True)
        if rep.has_spend:
            st.metric(t("ch_metric_spend", lang), fmt.money(rep.total["spend"], lang), border=True)
            st.metric(t("ch_metric_roas", lang), f"{rep.total['roas']:.2f}", border=True)
            st.metric(t("ch_metric_break_even", lang), f"{rep.break_even_roas:.2f}", border=True)
    for level, text in present.findings(rep, lang, c.level):
        note(text, level)
    if not rep.has_spend:
        st.info(t("ch_no_spend_info", lang), icon=":material/payments:")
    if not rep.has_traffic:
        st.caption(t("ch_no_traffic_info", lang))
    st.caption(t("ch_period_caption", lang, start=fmt.day(rep.start), end=fmt.day(rep.end)))
    table(present.styled(rep.table, lang, c.level), lang, key="ch_table", download="channel_table")
    left, right = st.columns(2)
    roas = spec(charts.roas_chart, rep, lang, c.level)
    if roas is not None:
        left.vega_lite_chart(spec=roas, width="stretch")
    right.vega_lite_chart(spec=spec(charts.share_chart, rep, lang, c.level), width="stretch")

    with st.container(horizontal=True):
        metric = st.selectbox(
            t("ch_trend_metric", lang),
            ("revenue", "orders", "spend", "roas") if rep.has_spend else ("revenue", "orders"),
            format_func=lambda m: present.column_label(m, lang),
            key="ch_trend_metric",
        )
        freq = st.selectbox(
            t("ch_freq", lang), ("W", "M", "D"), format_func=lambda f: t(f"ch_freq_{f}", lang), key="ch_freq"
        )
    trend = attempt(
        computed,
        ec.channels.channel_trend,
        c.orders,
        c.spend,
        freq=freq,
        mapping=c.mapping,
        level=c.level,
        lang_=lang,
    )
    if trend is not None:
        st.vega_lite_chart(spec=spec(charts.trend_chart, trend, lang, metric, c.level), width="stretch")

    st.subheader(t("ch_patterns_title", lang))
    patterns = attempt(
        computed, ec.channels.time_patterns, c.orders, mapping=c.mapping, level=c.level, lang_=lang
    )
    if patterns is not None and len(patterns):
        pick = st.selectbox(
            t("ch_pattern_channel", lang),
            list(rep.table["channel"]),
            format_func=c.name,
            key=f"ch_pattern_{c.level}",
        )
        st.vega_lite_chart(spec=spec(charts.heatmap_chart, patterns, pick, lang, c.level), width="stretch")
    if "region" in c.orders.frame.columns:
        mix = attempt(
            computed, ec.channels.region_mix, c.orders, mapping=c.mapping, level=c.level, lang_=lang
        )
        if mix is not None:
            st.vega_lite_chart(spec=spec(charts.region_chart, mix, lang, c.level), width="stretch")


def quality(c: Choice) -> None:
    """What each channel's new customers are worth: repeat rate, revenue per customer, CAC."""
    st.caption(t("ch_quality_intro", c.lang))
    rows = attempt(
        computed,
        ec.channels.customer_quality,
        c.orders,
        c.spend,
        margin=c.margin,
        mapping=c.mapping,
        level=c.level,
        lang_=c.lang,
    )
    if rows is not None:
        table(present.styled(rows, c.lang, c.level), c.lang, key="ch_quality", download="customer_quality")
        st.vega_lite_chart(spec=spec(charts.quality_chart, rows, c.lang, c.level), width="stretch")


def budget(c: Choice) -> None:
    """Response curves per paid channel, the best split of a budget (or the largest budget that
    keeps a target ROAS), and a split chosen by hand."""
    lang = c.lang
    st.caption(t("ch_budget_intro", lang, n=fmt.count(MIN_PERIODS)))
    if c.spend is None:
        st.info(t("ch_no_spend_info", lang), icon=":material/payments:")
        return
    saturation = st.slider(
        t("ch_saturation", lang),
        1.0,
        10.0,
        2.0,
        step=0.5,
        key="ch_saturation",
        help=t("ch_saturation_help", lang),
    )
    curves = attempt(
        computed,
        ec.channels.fit_curves,
        c.orders,
        c.spend,
        c.mapping,
        c.level,
        MIN_PERIODS,
        saturation,
        lang_=lang,
    )
    if curves is None:
        return
    ctab = curves.table_
    assumed = ctab.loc[ctab["kind"] == "assumed", "channel"]
    if len(assumed):
        note(
            t("ch_assumed_warning", lang, channels=t("list_sep", lang).join(map(c.name, assumed))), "warning"
        )
    table(present.styled(ctab, lang, c.level), lang, key="ch_curves")
    st.vega_lite_chart(spec=spec(charts.curves_chart, curves, lang, c.level), width="stretch")

    with st.container(horizontal=True, vertical_alignment="bottom"):
        goal = st.radio(
            t("ch_goal", lang),
            ("revenue", "target"),
            format_func=lambda g: t(f"ch_goal_{g}", lang),
            key="ch_goal",
            horizontal=True,
        )
        # a target ROAS decides the budget itself (the largest that keeps it)
        total, target = None, None
        if goal == "target":
            target = st.number_input(
                t("ch_target_roas", lang),
                0.1,
                value=ec.channels.default_target_roas(c.margin),
                step=0.1,
                key="ch_target_roas",
                help=t("ch_target_roas_help", lang),
            )
        else:
            total = st.number_input(
                t("ch_budget", lang),
                0.0,
                value=curves.current_budget_,
                step=100.0,
                format="%.0f",
                key="ch_budget",
            )
        limit = st.slider(t("ch_limit", lang), 0, 100, 50, step=5, key="ch_limit")
    st.caption(t("ch_limits_caption", lang))
    limits = st.data_editor(
        ec.channels.allocation_limits(curves, limit / 100),
        key=f"ch_limits_{c.level}_{limit}",
        hide_index=True,
        disabled=["channel", "current_spend"],
        column_config={
            "channel": st.column_config.SelectboxColumn(
                t("ch_col_channel", lang), options=list(ctab["channel"]), format_func=c.name
            ),
            "current_spend": st.column_config.NumberColumn(t("ch_col_current_spend", lang), format="%.0f"),
            "lower": st.column_config.NumberColumn(t("ch_col_lower", lang), min_value=0.0, format="%.0f"),
            "upper": st.column_config.NumberColumn(t("ch_col_upper", lang), min_value=0.0, format="%.0f"),
        },
    )
    alloc = attempt(
        ec.channels.allocate,
        curves,
        total,
        lower=dict(zip(limits["channel"], limits["lower"], strict=True)),
        upper=dict(zip(limits["channel"], limits["upper"], strict=True)),
        target_roas=target,
        lang_=lang,
    )
    if alloc is not None:
        note("\n\n".join(present.allocation_summary(alloc, lang, c.level)), present.allocation_level(alloc))
        st.caption(t("ch_uncertainty_note", lang))
        table(present.styled(alloc.table, lang, c.level), lang, key="ch_alloc", download="budget_plan")
        st.vega_lite_chart(spec=spec(charts.allocation_chart, alloc, lang, c.level), width="stretch")

    with st.expander(t("ch_manual", lang)):
        spends = {
            r.channel: st.slider(
                t("ch_manual_slider", lang, channel=c.name(r.channel)),
                0.0,
                r.high,
                r.current_spend,
                step=r.step,
                key=f"ch_manual_{c.level}_{r.channel}",
            )
            for r in ec.channels.scenario_ranges(curves).itertuples()
        }
        manual = attempt(ec.channels.scenario, curves, spends, lang_=lang)
        if manual is not None and manual.table["spend_change"].abs().max() > 0:
            note("\n\n".join(present.allocation_summary(manual, lang, c.level)))


def attribution(c: Choice) -> None:
    """Conversions credited per channel under five models, from the clickstream's touches."""
    lang = c.lang
    events = c.events.frame if c.events is not None else None
    if events is None or "channel" not in events.columns:
        st.info(t("ch_attr_needs_events", lang), icon=":material/info:")
        return
    with st.container(horizontal=True):
        half_life = st.slider(t("ch_half_life", lang), 1, 30, 7, key="ch_half_life")
        lookback = st.slider(t("ch_lookback", lang), 1, 90, 30, key="ch_lookback")
    paths = attempt(
        computed,
        ec.channels.touch_paths,
        c.events,
        lookback=pd.Timedelta(days=lookback),
        mapping=c.mapping,
        level=c.level,
        lang_=lang,
    )
    if paths is None:
        return
    credited = ec.channels.attribution_table(paths, half_life)
    intro = t(
        "ch_attr_intro",
        lang,
        n=fmt.count(paths["conversion"].nunique()),
        event=ec.channels.conversion_event_of(events),
        multi=fmt.pct(ec.channels.multi_touch_share(paths)),
    )
    st.caption(md(intro))
    table(present.styled(credited, lang, c.level), lang, key="ch_attr", download="attribution")
    st.vega_lite_chart(spec=spec(charts.attribution_chart, credited, lang, c.level), width="stretch")
