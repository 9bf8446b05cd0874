"""The month at a glance: headline KPIs against the previous period and the revenue trend,
from the metric layer (:mod:`ecom_core.metrics`)."""

import logging

import numpy as np
import pandas as pd

from ecom_core import metrics

log = logging.getLogger("ecom_core")

PERIOD_DAYS = 30
#: KPI cards in display order (names of :data:`metrics.FIGURES`), and how each is formatted.
KPIS: tuple[tuple[str, str], ...] = (
    ("gmv", "money"),
    ("paid_revenue", "money"),
    ("refunds", "money"),
    ("net_revenue", "money"),
    ("orders", "count"),
    ("buyers", "count"),
    ("aov_buyer", "money"),
    ("aov_order", "money"),
    ("repeat_rate", "pct"),
    ("conversion", "pct"),
)
#: KPIs where a rise is bad news (their delta is coloured the other way round).
WORSE_WHEN_UP: frozenset[str] = frozenset({"refunds"})

Periods = metrics.Periods


def periods(orders: pd.DataFrame, days: int = PERIOD_DAYS) -> Periods:
    """The home page's periods: :func:`metrics.periods` of the orders' times."""
    return metrics.periods(orders["order_time"], days)


def kpis(orders: pd.DataFrame, traffic: pd.DataFrame | None = None, days: int = PERIOD_DAYS) -> pd.DataFrame:
    """Headline KPIs of the last ``days`` days against the period before.

    Parameters
    ----------
    orders
        Canonical orders (one row per order line).
    traffic
        Canonical traffic, for the conversion rate (payers ÷ visitors, 支付转化率).

    Returns
    -------
    DataFrame
        One row per KPI the data allows, in :data:`KPIS` order: ``kpi``, ``current``,
        ``previous``, ``change`` (relative; NaN without a previous value). Each figure is
        :func:`metrics.summary`'s over the period: the Glossary's definition.
    """
    p = periods(orders, days)
    now = metrics.summary(orders, traffic, p.start, p.end)
    before = metrics.summary(orders, traffic, p.previous_start, p.previous_end)
    rows = []
    for key, _ in KPIS:
        a, b = float(now[key]), float(before[key])
        if not np.isfinite(a):
            continue
        if key == "aov_order" and "customer_id" not in orders.columns:
            continue  # without customer IDs 客单价 is the per-order value already
        change = a / b - 1 if b and np.isfinite(b) else float("nan")
        rows.append((key, a, b, change))
    return pd.DataFrame(rows, columns=["kpi", "current", "previous", "change"])


def revenue_trend(orders: pd.DataFrame, freq: str = "W") -> pd.DataFrame:
    """Net revenue (:func:`metrics.line_amounts`) per week (Monday), day or month, by order
    time: ``period``, ``revenue``, ``days`` and ``partial`` (:func:`metrics.coverage`: a
    period the data starts or ends inside); the periods add up to the whole data's net revenue."""
    times = pd.to_datetime(orders["order_time"], errors="coerce")
    keep = times.notna().to_numpy()
    money = metrics.line_amounts(orders)["net_revenue"]
    start = metrics.period_start(times[keep], freq)
    out = money[keep].groupby(start.to_numpy()).sum().rename("revenue").rename_axis("period").reset_index()
    cover = metrics.coverage(out["period"], times.min(), times.max(), freq)
    return pd.concat([out, cover], axis=1)
