"""Which channels pay back: channel grouping, KPIs, response curves, budget allocation, attribution.

Public API
----------
DEFAULT_RULES, GROUP_CLASS, CLASSES, UNASSIGNED
assign_groups(values, rules=None, keep_unmatched=False) -> DataFrame
channel_mapping(frames, rules=None, overrides=None) -> DataFrame   # the editable value -> group table
unassigned_audit(mapping) -> DataFrame
apply_mapping(frame, mapping, level="group") -> DataFrame
group_label(group, lang), class_label(cls, lang)
channel_table(orders, spend=None, traffic=None, *, margin=metrics.DEFAULT_MARGIN, mapping=None, level="group",
              start=None, end=None) -> ChannelReport
customer_quality(orders, spend=None, *, margin=metrics.DEFAULT_MARGIN, mapping=None, level="group") -> DataFrame
channel_trend(orders, spend=None, *, freq="W", ...) -> DataFrame
time_patterns(orders, ...) -> DataFrame;  region_mix(orders, top=10, ...) -> DataFrame
fit_curves(orders, spend, mapping=None, level="group", min_periods=12, saturation=2.0) -> ResponseCurves
ResponseCurves(freq="W", min_periods=12, saturation=2.0, ...).fit(orders, spend, mapping, level)
allocation_limits(curves, move=0.5) -> DataFrame;  default_target_roas(margin) -> float
scenario_ranges(curves, upto=3.0) -> DataFrame
allocate(curves, budget=None, lower=None, upper=None, target_roas=None) -> Allocation
scenario(curves, spends) -> Allocation
attribute(events, conversion_event=None, *, half_life_days=7.0, lookback=30 days, ...) -> DataFrame
attribution_table(paths, half_life_days=7.0) -> DataFrame
touch_paths(events, ...) -> DataFrame;  credits(paths, half_life_days=7.0) -> DataFrame
campaign_table(spend, by="campaign") -> DataFrame   # spend, impressions, clicks, conversions, CTR, CPC,
                                                    # CPM, conversion rate, cost per conversion; Total row
campaign_levels(spend) -> tuple;  spend_trend(spend, freq="W") -> DataFrame
"""

from ecom_core.channels import charts, present
from ecom_core.channels.attribution import (
    MODELS,
    attribute,
    attribution_table,
    conversion_event_of,
    credits,
    multi_touch_share,
    touch_paths,
)
from ecom_core.channels.campaigns import campaign_levels, campaign_table, spend_trend
from ecom_core.channels.curves import (
    Allocation,
    Curve,
    ResponseCurves,
    allocate,
    allocation_limits,
    default_target_roas,
    fit_curves,
    marginal,
    optimal_split,
    period_data,
    response,
    scenario,
    scenario_ranges,
)
from ecom_core.channels.grouping import (
    CLASSES,
    DEFAULT_RULES,
    GROUP_CLASS,
    UNASSIGNED,
    apply_mapping,
    assign_groups,
    canonical_groups,
    channel_mapping,
    class_label,
    group_label,
    localise_groups,
    unassigned_audit,
)
from ecom_core.channels.kpis import (
    OTHER,
    TABLE_COLUMNS,
    ChannelReport,
    channel_table,
    channel_trend,
    customer_quality,
    paid_lines,
    region_mix,
    time_patterns,
    trend_top,
)

__all__ = [
    "CLASSES",
    "DEFAULT_RULES",
    "GROUP_CLASS",
    "MODELS",
    "OTHER",
    "TABLE_COLUMNS",
    "UNASSIGNED",
    "Allocation",
    "ChannelReport",
    "Curve",
    "ResponseCurves",
    "allocate",
    "allocation_limits",
    "apply_mapping",
    "assign_groups",
    "attribute",
    "attribution_table",
    "campaign_levels",
    "campaign_table",
    "canonical_groups",
    "channel_mapping",
    "channel_table",
    "channel_trend",
    "charts",
    "class_label",
    "conversion_event_of",
    "credits",
    "customer_quality",
    "default_target_roas",
    "fit_curves",
    "group_label",
    "localise_groups",
    "marginal",
    "multi_touch_share",
    "optimal_split",
    "paid_lines",
    "period_data",
    "present",
    "region_mix",
    "response",
    "scenario",
    "scenario_ranges",
    "spend_trend",
    "time_patterns",
    "touch_paths",
    "trend_top",
    "unassigned_audit",
]
