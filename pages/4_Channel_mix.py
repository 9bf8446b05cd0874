"""Channel mix and ROI: which traffic pays back, and where the next yuan should go."""

import pandas as pd
import streamlit as st

import ecom_core as ec
from ecom_core import fmt, ui
from ecom_core.channels import charts, present
from ecom_core.i18n import t

lang = ui.start_page("ui_channel_title")
st.title(t("ui_channel_title", lang))
found = {k: ui.get_dataset(k) for k in ("spend", "traffic", "events")}


def campaign_section(spend_ds: ec.Dataset) -> None:
    """The ad platform's own figures per campaign (or channel, or day), and over time."""
    st.caption(t("ch_campaign_intro", lang))
    levels = ui.computed(ec.channels.campaign_levels, spend_ds)
    by = levels[0]
    if len(levels) > 1:
        by = st.radio(
            t("ch_campaign_by", lang),
            levels,
            format_func=lambda b: t(f"ch_campaign_by_{b}", lang),
            key="ch_campaign_by",
            horizontal=True,
        )
    table = ui.attempt(ui.computed, ec.channels.campaign_table, spend_ds, by=by, lang_=lang)
    if table is not None:
        if "conversions" in spend_ds.mapping:
            column = spend_ds.mapping["conversions"]
            st.caption(ui.md(t("ch_campaign_conversions_from", lang, column=column)))
        st.dataframe(present.campaign_styled(table, lang), hide_index=True, key="ch_campaigns")
        ui.download_button(present.campaign_labelled(table, lang), "campaigns", lang, key="dl_ch_campaigns")
        chart = ui.spec(charts.campaign_chart, table, lang) if by != "date" else None
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
        trend = ui.attempt(ui.computed, ec.channels.spend_trend, spend_ds, freq, lang_=lang)
        if trend is not None:
            metric = st.selectbox(
                t("ch_trend_metric", lang),
                present.campaign_metrics(trend),
                format_func=lambda m: present.campaign_column_label(m, lang),
                key="ch_campaign_metric",
            )
    if trend is not None:
        st.vega_lite_chart(spec=ui.spec(charts.spend_trend_chart, trend, lang, metric), width="stretch")


if ui.get_dataset("orders") is None and found["spend"] is not None:
    # an ad platform's export alone: its campaigns now, and what orders would add
    ui.uses_caption(found["spend"], lang)
    st.info(t("ch_campaign_spend_only", lang), icon=":material/info:")
    st.page_link(ui.UPLOAD_PAGE, label=t("ui_go_upload", lang), icon=":material/upload_file:")
    campaign_section(found["spend"])
    st.stop()
orders_ds = ui.require("orders", lang)
for ds in (orders_ds, *[d for d in found.values() if d is not None]):
    ui.uses_caption(ds, lang)
orders = orders_ds.frame
spend_ds, traffic_ds, events_ds = (found[k] for k in ("spend", "traffic", "events"))
spend, traffic, events = (ds.frame if ds is not None else None for ds in (spend_ds, traffic_ds, events_ds))

with st.container(horizontal=True, vertical_alignment="bottom"):
    margin = ui.margin_input(lang)
    level = st.radio(
        t("ch_level", lang),
        ("group", "class", "value"),
        format_func=lambda v: t(f"ch_level_{v}", lang),
        key="ch_level",
        horizontal=True,
    )
if "channel" not in orders.columns:
    st.info(t("ch_no_channel", lang), icon=":material/info:")

# The user's edits of the channel mapping live in the session, so every tab uses them while
# only the open tab is computed.
MAPPING = "ch_mapping"
loaded = {"orders": orders_ds, "spend": spend_ds, "traffic": traffic_ds, "events": events_ds}
mapping = ui.computed(ec.channels.channel_mapping, loaded, overrides=st.session_state.get(MAPPING))
audit_area = st.container()  # filled once the mapping tab has applied this run's edits

tab_keys = ["table", "quality", "budget", "attribution", "mapping"]
if spend_ds is not None and "campaign" in ui.computed(ec.channels.campaign_levels, spend_ds):
    tab_keys.insert(1, "campaigns")  # the ad platform's campaigns, beside the channel table
tabs = dict(
    zip(
        tab_keys,
        st.tabs([t(f"ch_tab_{k}", lang) for k in tab_keys], key="ch_tab", on_change="rerun"),
        strict=True,
    )
)
tab_table, tab_quality, tab_budget, tab_attr, tab_map = (
    tabs[k] for k in ("table", "quality", "budget", "attribution", "mapping")
)

if "campaigns" in tabs and tabs["campaigns"].open:
    with tabs["campaigns"]:
        campaign_section(spend_ds)

if tab_map.open:
    with tab_map:
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
        ui.download_button(present.labelled(mapping, lang), "channel_mapping", lang, key="dl_ch_mapping")
        with st.expander(t("ch_rules_title", lang)):
            st.dataframe(present.labelled(ec.channels.DEFAULT_RULES, lang), hide_index=True)

audit = present.audit_text(ec.channels.unassigned_audit(mapping), lang)
if audit:
    audit_area.warning(ui.md(audit))

if tab_table.open:
    with tab_table:
        rep = ui.attempt(
            ui.computed,
            ec.channels.channel_table,
            orders_ds,
            spend_ds,
            traffic_ds,
            margin=margin,
            mapping=mapping,
            level=level,
            lang_=lang,
        )
        if rep is not None:
            ui.notes(rep.notes, lang)
            with st.container(horizontal=True):
                st.metric(t("ch_metric_revenue", lang), fmt.money(rep.total["revenue"], lang), border=True)
                if rep.has_spend:
                    st.metric(t("ch_metric_spend", lang), fmt.money(rep.total["spend"], lang), border=True)
                    st.metric(t("ch_metric_roas", lang), f"{rep.total['roas']:.2f}", border=True)
                    st.metric(t("ch_metric_break_even", lang), f"{rep.break_even_roas:.2f}", border=True)
            for kind, text in present.findings(rep, lang, level):
                ui.note(text, kind)
            if not rep.has_spend:
                st.info(t("ch_no_spend_info", lang), icon=":material/payments:")
            if not rep.has_traffic:
                st.caption(t("ch_no_traffic_info", lang))
            st.caption(t("ch_period_caption", lang, start=fmt.day(rep.start), end=fmt.day(rep.end)))
            st.dataframe(present.styled(rep.table, lang, level), hide_index=True, key="ch_table")
            ui.download_button(
                present.labelled(rep.table, lang, level), "channel_table", lang, key="dl_ch_table"
            )
            left, right = st.columns(2)
            roas = ui.spec(charts.roas_chart, rep, lang, level)
            if roas is not None:
                left.vega_lite_chart(spec=roas, width="stretch")
            right.vega_lite_chart(spec=ui.spec(charts.share_chart, rep, lang, level), width="stretch")

            with st.container(horizontal=True):
                metric = st.selectbox(
                    t("ch_trend_metric", lang),
                    ("revenue", "orders", "spend", "roas") if rep.has_spend else ("revenue", "orders"),
                    format_func=lambda m: present.column_label(m, lang),
                    key="ch_trend_metric",
                )
                freq = st.selectbox(
                    t("ch_freq", lang),
                    ("W", "M", "D"),
                    format_func=lambda f: t(f"ch_freq_{f}", lang),
                    key="ch_freq",
                )
            trend = ui.attempt(
                ui.computed,
                ec.channels.channel_trend,
                orders_ds,
                spend_ds,
                freq=freq,
                mapping=mapping,
                level=level,
                lang_=lang,
            )
            if trend is not None:
                st.vega_lite_chart(
                    spec=ui.spec(charts.trend_chart, trend, lang, metric, level), width="stretch"
                )

            st.subheader(t("ch_patterns_title", lang))
            patterns = ui.attempt(
                ui.computed, ec.channels.time_patterns, orders_ds, mapping=mapping, level=level, lang_=lang
            )
            if patterns is not None and len(patterns):
                names = list(rep.table["channel"])
                pick = st.selectbox(
                    t("ch_pattern_channel", lang),
                    names,
                    format_func=lambda c: present.channel_name(c, level, lang),
                    key=f"ch_pattern_{level}",
                )
                st.vega_lite_chart(
                    spec=ui.spec(charts.heatmap_chart, patterns, pick, lang, level), width="stretch"
                )
            if "region" in orders.columns:
                mix = ui.attempt(
                    ui.computed, ec.channels.region_mix, orders_ds, mapping=mapping, level=level, lang_=lang
                )
                if mix is not None:
                    st.vega_lite_chart(spec=ui.spec(charts.region_chart, mix, lang, level), width="stretch")

if tab_quality.open:
    with tab_quality:
        st.caption(t("ch_quality_intro", lang))
        quality = ui.attempt(
            ui.computed,
            ec.channels.customer_quality,
            orders_ds,
            spend_ds,
            margin=margin,
            mapping=mapping,
            level=level,
            lang_=lang,
        )
        if quality is not None:
            st.dataframe(present.styled(quality, lang, level), hide_index=True, key="ch_quality")
            ui.download_button(
                present.labelled(quality, lang, level), "customer_quality", lang, key="dl_ch_quality"
            )
            st.vega_lite_chart(spec=ui.spec(charts.quality_chart, quality, lang, level), width="stretch")

if tab_budget.open:
    with tab_budget:
        min_periods = 12
        st.caption(t("ch_budget_intro", lang, n=fmt.count(min_periods)))
        if spend is None:
            st.info(t("ch_no_spend_info", lang), icon=":material/payments:")
        else:
            saturation = st.slider(
                t("ch_saturation", lang),
                1.0,
                10.0,
                2.0,
                step=0.5,
                key="ch_saturation",
                help=t("ch_saturation_help", lang),
            )
            curves = ui.attempt(
                ui.computed,
                ec.channels.fit_curves,
                orders_ds,
                spend_ds,
                mapping,
                level,
                min_periods,
                saturation,
                lang_=lang,
            )
            if curves is not None:
                ctab = curves.table_
                assumed = ctab.loc[ctab["kind"] == "assumed", "channel"]
                if len(assumed):
                    names = t("list_sep", lang).join(present.channel_name(c, level, lang) for c in assumed)
                    st.warning(ui.md(t("ch_assumed_warning", lang, channels=names)))
                st.dataframe(present.styled(ctab, lang, level), hide_index=True, key="ch_curves")
                st.vega_lite_chart(spec=ui.spec(charts.curves_chart, curves, lang, level), width="stretch")

                with st.container(horizontal=True, vertical_alignment="bottom"):
                    goal = st.radio(
                        t("ch_goal", lang),
                        ("revenue", "target"),
                        format_func=lambda g: t(f"ch_goal_{g}", lang),
                        key="ch_goal",
                        horizontal=True,
                    )
                    # a target ROAS decides the budget itself (the largest that keeps it)
                    budget, target = None, None
                    if goal == "target":
                        target = st.number_input(
                            t("ch_target_roas", lang),
                            0.1,
                            value=ec.channels.default_target_roas(margin),
                            step=0.1,
                            key="ch_target_roas",
                            help=t("ch_target_roas_help", lang),
                        )
                    else:
                        budget = st.number_input(
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
                    key=f"ch_limits_{level}_{limit}",
                    hide_index=True,
                    disabled=["channel", "current_spend"],
                    column_config={
                        "channel": st.column_config.SelectboxColumn(
                            t("ch_col_channel", lang),
                            options=list(ctab["channel"]),
                            format_func=lambda c: present.channel_name(c, level, lang),
                        ),
                        "current_spend": st.column_config.NumberColumn(
                            t("ch_col_current_spend", lang), format="%.0f"
                        ),
                        "lower": st.column_config.NumberColumn(
                            t("ch_col_lower", lang), min_value=0.0, format="%.0f"
                        ),
                        "upper": st.column_config.NumberColumn(
                            t("ch_col_upper", lang), min_value=0.0, format="%.0f"
                        ),
                    },
                )
                alloc = ui.attempt(
                    ec.channels.allocate,
                    curves,
                    budget,
                    lower=dict(zip(limits["channel"], limits["lower"], strict=True)),
                    upper=dict(zip(limits["channel"], limits["upper"], strict=True)),
                    target_roas=target,
                    lang_=lang,
                )
                if alloc is not None:
                    ui.note(
                        "\n\n".join(present.allocation_summary(alloc, lang, level)),
                        present.allocation_level(alloc),
                    )
                    st.caption(t("ch_uncertainty_note", lang))
                    st.dataframe(present.styled(alloc.table, lang, level), hide_index=True, key="ch_alloc")
                    ui.download_button(
                        present.labelled(alloc.table, lang, level), "budget_plan", lang, key="dl_ch_alloc"
                    )
                    st.vega_lite_chart(
                        spec=ui.spec(charts.allocation_chart, alloc, lang, level), width="stretch"
                    )

                with st.expander(t("ch_manual", lang)):
                    spends = {
                        r.channel: st.slider(
                            t("ch_manual_slider", lang, channel=present.channel_name(r.channel, level, lang)),
                            0.0,
                            r.high,
                            r.current_spend,
                            step=r.step,
                            key=f"ch_manual_{level}_{r.channel}",
                        )
                        for r in ec.channels.scenario_ranges(curves).itertuples()
                    }
                    manual = ui.attempt(ec.channels.scenario, curves, spends, lang_=lang)
                    if manual is not None and manual.table["spend_change"].abs().max() > 0:
                        ui.note("\n\n".join(present.allocation_summary(manual, lang, level)))

if tab_attr.open:
    with tab_attr:
        if events is None or "channel" not in events.columns:
            st.info(t("ch_attr_needs_events", lang), icon=":material/info:")
        else:
            with st.container(horizontal=True):
                half_life = st.slider(t("ch_half_life", lang), 1, 30, 7, key="ch_half_life")
                lookback = st.slider(t("ch_lookback", lang), 1, 90, 30, key="ch_lookback")
            paths = ui.attempt(
                ui.computed,
                ec.channels.touch_paths,
                events_ds,
                lookback=pd.Timedelta(days=lookback),
                mapping=mapping,
                level=level,
                lang_=lang,
            )
            if paths is not None:
                attr = ec.channels.attribution_table(paths, half_life)
                st.caption(
                    ui.md(
                        t(
                            "ch_attr_intro",
                            lang,
                            n=fmt.count(paths["conversion"].nunique()),
                            event=ec.channels.conversion_event_of(events),
                            multi=fmt.pct(ec.channels.multi_touch_share(paths)),
                        )
                    )
                )
                st.dataframe(present.styled(attr, lang, level), hide_index=True, key="ch_attr")
                ui.download_button(present.labelled(attr, lang, level), "attribution", lang, key="dl_ch_attr")
                st.vega_lite_chart(spec=ui.spec(charts.attribution_chart, attr, lang, level), width="stretch")
