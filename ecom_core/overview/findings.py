"""One finding from each analysis page for the home page, computed exactly as the page
computes it; findings the loaded data cannot support are left out, never raised."""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ecom_core import abtest, channels, fmt, funnel, metrics, personas
from ecom_core.funnel.charts import step_labels
from ecom_core.i18n import t
from ecom_core.load.dataset import Dataset, ExplainedError

log = logging.getLogger("ecom_core")


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
