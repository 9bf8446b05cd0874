"""The month at a glance: headline KPIs against the previous period, the revenue trend, and
one finding from each analysis page.

Everything here reuses the analyses' public functions; nothing is computed twice in a
different way. Findings that the loaded data cannot support are left out, never raised.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from ecom_core import abtest, channels, fmt, funnel, glossary, metrics, personas
from ecom_core.funnel.charts import step_labels
from ecom_core.i18n import t
from ecom_core.load.dataset import Dataset, ExplainedError

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


def kpi_cards(table: pd.DataFrame, lang: str) -> list[tuple[str, str, str | None, str, str]]:
    """``(label, value, delta, help, delta_color)`` per KPI for metric cards: delta like
    ``+12.0%``, coloured the other way round for refunds (more is worse)."""
    kinds = dict(KPIS)
    show = {"money": lambda x: fmt.money(x, lang), "count": fmt.count, "pct": fmt.pct}
    cards = []
    for row in table.itertuples(index=False):
        delta = fmt.pct(row.change, signed=True) if np.isfinite(row.change) else None
        color = "inverse" if row.kpi in WORSE_WHEN_UP else "normal"
        label, help_text = glossary.figure_name(row.kpi, lang), glossary.figure_definition(row.kpi, lang)
        cards.append((label, show[kinds[row.kpi]](row.current), delta, help_text, color))
    return cards


def kpi_frame(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """:func:`kpis` as the reader sees it (the report's table): the glossary's name, this
    period and the previous one formatted as on the home page's cards, and the change."""
    kinds = dict(KPIS)
    show = {"money": lambda x: fmt.money(x, lang), "count": fmt.count, "pct": fmt.pct}
    return pd.DataFrame(
        {
            t("ov_col_kpi", lang): [glossary.figure_name(k, lang) for k in table["kpi"]],
            t("ov_col_current", lang): [
                show[kinds[k]](v) for k, v in zip(table["kpi"], table["current"], strict=True)
            ],
            t("ov_col_previous", lang): [
                show[kinds[k]](v) for k, v in zip(table["kpi"], table["previous"], strict=True)
            ],
            t("ov_col_change", lang): table["change"].to_numpy(dtype=float),
        }
    )


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


# ---- one finding per page ----------------------------------------------------------------
@dataclass(frozen=True)
class Finding:
    """One line for the home page: which page it comes from, the sentence, and its tone."""

    page: str  # funnel, personas, channels, abtest
    text: str
    level: str = "info"  # info, warning, error, success


def _frame(value: Any) -> Any:
    return value.frame if isinstance(value, Dataset) else value


def direct(fn: Callable, *args: Any, **kwargs: Any) -> Any:
    """``fn(*args, **kwargs)`` with datasets passed as their frames: how :func:`findings`
    computes by default (the app passes its shared cache instead, with the same contract)."""
    return fn(*map(_frame, args), **{k: _frame(v) for k, v in kwargs.items()})


# Each finding calls the heavy steps exactly as its page does (same function, same
# arguments), so through the app's cache the home page and the pages compute them once.
def _funnel_finding(loaded: dict, lang: str, margin: float, compute: Callable) -> Finding | None:
    mode = next((m for m in funnel.MODES if loaded.get(m) is not None), None)
    if mode is None:
        return None
    data = compute(funnel.funnel_data, loaded[mode], mode, (), None)
    leak = funnel.biggest_leak(funnel.table(data))
    if leak is None:
        return None
    labels = step_labels(data, lang)
    # the value of a conversion as the funnel page puts it (the home page's AOV with orders)
    value = compute(funnel.valuation, data, loaded.get("orders"))
    worth = funnel.what_if(data, leak.index, 0.01, value.value)
    where = {"a": labels.get(leak.from_step, leak.from_step), "b": labels.get(leak.to_step, leak.to_step)}
    if value.known and np.isfinite(worth.revenue_per_month):
        text = t(
            "ov_find_funnel",
            lang,
            **where,
            rate=fmt.pct(leak.rate),
            worth=fmt.money(worth.revenue_per_month, lang),
        )
    else:
        extra = f"{worth.extra_per_month:,.1f}"
        text = t("ov_find_funnel_count", lang, **where, rate=fmt.pct(leak.rate), extra=extra)
    return Finding("funnel", text, "warning")


def _personas_finding(loaded: dict, lang: str, margin: float, compute: Callable) -> Finding | None:
    orders = loaded.get("orders")
    if orders is None or "customer_id" not in _frame(orders):
        return None
    paid = compute(personas.paid_orders, orders)
    as_of = pd.Timestamp(paid.default_as_of().date())
    scored = compute(personas.score, paid, as_of, "auto", personas.SEGMENTS)
    summary = compute(personas.segment_summary, scored).set_index("segment")
    for code in ("cant_lose", "at_risk"):
        if code in summary.index and summary.loc[code, "customers"] > 0:
            row = summary.loc[code]
            text = t(
                "ov_find_personas",
                lang,
                segment=personas.present.segment_name(code, lang),
                share_c=fmt.pct(row["customer_share"]),
                share_r=fmt.pct(row["revenue_share"]),
            )
            return Finding("personas", text, "warning")
    return None


def _channels_finding(loaded: dict, lang: str, margin: float, compute: Callable) -> Finding | None:
    orders = loaded.get("orders")
    if orders is None or "channel" not in _frame(orders) or loaded.get("spend") is None:
        return None
    kinds = {k: loaded.get(k) for k in ("orders", "spend", "traffic", "events")}
    mapping = compute(channels.channel_mapping, kinds, overrides=None)
    report = compute(
        channels.channel_table,
        orders,
        loaded["spend"],
        loaded.get("traffic"),
        margin=margin,
        mapping=mapping,
        level="group",
    )
    if not report.flagged:
        return Finding(
            "channels", t("ov_find_channels_ok", lang, be=f"{report.break_even_roas:.2f}"), "success"
        )
    table = report.table.set_index("channel")
    worst = min(report.flagged, key=lambda c: table.loc[c, "roas"])
    text = t(
        "ov_find_channels",
        lang,
        channel=channels.present.channel_name(worst, "group", lang),
        roas=f"{table.loc[worst, 'roas']:.2f}",
        be=f"{report.break_even_roas:.2f}",
    )
    return Finding("channels", text, "error")


def _abtest_finding(loaded: dict, lang: str, margin: float, compute: Callable) -> Finding | None:
    experiment = loaded.get("experiment")
    if experiment is None:
        return None
    analysis = abtest.analyze(compute(abtest.prepare, experiment, None).summary)
    if not analysis.comparisons:
        return None
    name, best = max(analysis.comparisons.items(), key=lambda kv: kv[1].prob_b_beats_a)
    text = t(
        "ov_find_abtest",
        lang,
        b=name,
        a=analysis.baseline,
        prob=fmt.pct(best.prob_b_beats_a, 0),
        lo=fmt.pct(best.ci_lift[0], signed=True) if best.ci_lift else fmt.DASH,
        hi=fmt.pct(best.ci_lift[1], signed=True) if best.ci_lift else fmt.DASH,
    )
    return Finding("abtest", text, "success" if best.prob_b_beats_a >= 0.95 else "info")


Loaded = pd.DataFrame | Dataset | None


def findings(
    orders: Loaded = None,
    traffic: Loaded = None,
    events: Loaded = None,
    spend: Loaded = None,
    experiment: Loaded = None,
    lang: str = "en",
    margin: float = metrics.DEFAULT_MARGIN,
    compute: Callable = direct,
) -> list[Finding]:
    """The top finding of each analysis page the loaded data supports, one line each, with
    each page's defaults (funnel from the richest data, RFM as of the day after the last
    order, channels at ``margin`` gross margin). A page whose analysis cannot run on the data
    is left out (and logged), so the overview never fails because one analysis does.

    Each argument is a canonical frame or a :class:`~ecom_core.Dataset`. ``compute(fn,
    *args, **kwargs)`` runs each heavy step (default :func:`direct`); the app passes its
    content-keyed cache, which receives the datasets themselves.
    """
    loaded = {
        "orders": orders,
        "traffic": traffic,
        "events": events,
        "spend": spend,
        "experiment": experiment,
    }
    out = []
    for build in (_funnel_finding, _personas_finding, _channels_finding, _abtest_finding):
        try:
            found = build(loaded, lang, margin, compute)
        except ExplainedError:
            found = None
        except Exception:
            log.exception("overview finding failed (%s)", build.__name__)
            found = None
        if found is not None:
            out.append(found)
    return out


#: what each finding needs beyond what is loaded, in page order (see :func:`wanted`)
WANTED: tuple[str, ...] = ("orders", "customer_ids", "order_channels", "spend", "experiment")


def wanted(
    orders: Loaded = None,
    traffic: Loaded = None,
    events: Loaded = None,
    spend: Loaded = None,
    experiment: Loaded = None,
) -> list[str]:
    """What would add findings to the loaded data, as codes of :data:`WANTED`: ``orders``
    (none loaded: they feed the funnel, personas and channels), ``customer_ids`` and
    ``order_channels`` (loaded orders lack the column personas or channels need),
    ``spend`` (channels need it besides orders) and ``experiment``. Nothing that is loaded
    is asked for again."""
    frame = _frame(orders)
    out = []
    if frame is None:
        out.append("orders")
    else:
        if "customer_id" not in frame.columns:
            out.append("customer_ids")
        if "channel" not in frame.columns:
            out.append("order_channels")
    if spend is None:
        out.append("spend")
    if experiment is None:
        out.append("experiment")
    return out


def no_findings_text(
    orders: Loaded = None,
    traffic: Loaded = None,
    events: Loaded = None,
    spend: Loaded = None,
    experiment: Loaded = None,
    lang: str = "en",
) -> str:
    """The home page's line when the loaded data gave no finding: what is loaded, and what
    else to load (never a kind that is already loaded)."""
    loaded = {"orders": orders, "traffic": traffic, "events": events, "spend": spend}
    loaded["experiment"] = experiment
    names = t("list_sep", lang).join(t(f"kind_{k}", lang) for k, v in loaded.items() if v is not None)
    if not names:
        return t("ov_no_findings", lang)
    text = t("ov_no_findings_from", lang, loaded=names)
    has_funnel = traffic is not None or events is not None  # orders would not add the funnel
    asks = [
        t("ov_want_orders_no_funnel" if w == "orders" and has_funnel else f"ov_want_{w}", lang)
        for w in wanted(orders, traffic, events, spend, experiment)
    ]
    if asks:
        text += " " + t("ov_no_findings_add", lang, wanted=t("ov_want_sep", lang).join(asks))
    return text


def trend_chart(trend: pd.DataFrame, lang: str) -> alt.Chart:
    """Weekly net revenue as an area with points (from :func:`revenue_trend`); a week the data
    starts or ends inside is a hollow point off the area, with its days in the tooltip, not a
    drop of the line."""
    frame = trend.assign(covered=[t("ov_partial" if p else "ov_complete", lang, days=d) for p, d in zip(trend["partial"], trend["days"], strict=True)])
    x = alt.X("period:T", title=t("ov_col_period", lang), axis=alt.Axis(**fmt.time_axis(lang)))
    y = alt.Y("revenue:Q", title=t("ov_col_revenue", lang))
    tooltip = [
        alt.Tooltip("period:T", title=t("ov_col_period", lang)),
        alt.Tooltip("revenue:Q", title=t("ov_col_revenue", lang), format=",.0f"),
        alt.Tooltip("covered:N", title=t("ov_col_days", lang)),
    ]
    base = alt.Chart(frame).encode(x=x, y=y, tooltip=tooltip)
    whole = base.transform_filter(~alt.datum.partial).mark_area(line=True, point=True, opacity=0.25)
    partial = base.transform_filter(alt.datum.partial).mark_point(filled=False, size=70, color="#888888")
    return (whole + partial).properties(title=t("ov_trend", lang), height=260)
