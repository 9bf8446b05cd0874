"""Conversion funnels: aggregate (traffic), event (clickstream) and orders-only.

Build funnel data with :func:`from_traffic_frame`, :func:`from_events_frame` or
:func:`from_orders_frame`, then ask it questions with :func:`table`, :func:`biggest_leak`,
:func:`leak_verdict`, :func:`valuation`, :func:`what_if`, :func:`breakdown`, :func:`trend`,
:func:`sales_change`, :func:`time_to_convert`. :func:`from_events` is the one-call event funnel of the public API.
"""

from __future__ import annotations

import pandas as pd

from ecom_core.funnel.analysis import (
    FACTORS,
    LEAK_RATE,
    MIN_COVERAGE,
    MIN_SEGMENT,
    Leak,
    Overview,
    SalesChange,
    UnitValue,
    WhatIf,
    aov,
    biggest_leak,
    breakdown,
    check_selection,
    days_covered,
    default_periods,
    hour_weekday,
    leak_verdict,
    lowest_step,
    order_hours,
    overview,
    regions,
    sales_change,
    sales_identity,
    select,
    shapley,
    shop_metrics,
    step_worth,
    table,
    time_buckets,
    time_to_convert,
    transition_kind,
    trend,
    unit_value,
    valuation,
    visit_hours,
    weakest_segment,
    what_if,
)
from ecom_core.funnel.build import (
    MODES,
    FunnelData,
    default_steps,
    event_names,
    from_events_frame,
    from_orders_frame,
    from_traffic_frame,
    funnel_data,
    step_type,
)


def from_events(events_frame: pd.DataFrame, steps, window: pd.Timedelta | None = None) -> pd.DataFrame:
    """Ordered event funnel by unique users.

    A user counts at step k when they did steps 1..k in order, each after the previous,
    within ``window`` of their first step-1 event.

    Parameters
    ----------
    events_frame
        Canonical events: ``user_id``, ``time``, ``event``.
    steps
        Event names as in the file, in funnel order.
    window
        ``pd.Timedelta`` or None for no limit.

    Returns
    -------
    DataFrame
        ``step``, ``users``, ``rate_from_start``, ``rate_from_previous`` (1.0 for the first
        step; NaN where the denominator is 0).
    """
    data = from_events_frame(events_frame, steps, window)
    out = table(data).rename(columns={"count": "users"})
    out["step"] = [str(s) for s in steps]
    return out


__all__ = [
    "FACTORS",
    "LEAK_RATE",
    "MIN_COVERAGE",
    "MIN_SEGMENT",
    "MODES",
    "FunnelData",
    "Leak",
    "Overview",
    "SalesChange",
    "UnitValue",
    "WhatIf",
    "aov",
    "biggest_leak",
    "breakdown",
    "check_selection",
    "days_covered",
    "default_periods",
    "default_steps",
    "event_names",
    "from_events",
    "from_events_frame",
    "from_orders_frame",
    "from_traffic_frame",
    "funnel_data",
    "hour_weekday",
    "leak_verdict",
    "lowest_step",
    "order_hours",
    "overview",
    "regions",
    "sales_change",
    "sales_identity",
    "select",
    "shapley",
    "shop_metrics",
    "step_type",
    "step_worth",
    "table",
    "time_buckets",
    "time_to_convert",
    "transition_kind",
    "trend",
    "unit_value",
    "valuation",
    "visit_hours",
    "weakest_segment",
    "what_if",
]
