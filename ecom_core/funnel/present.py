"""The funnel's tables and sentences as a reader sees them: translated headers, step labels
and plain-language findings (charts are in :mod:`ecom_core.funnel.charts`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ecom_core import fmt
from ecom_core.channels.grouping import group_label
from ecom_core.funnel.analysis import (
    LEAK_RATE,
    MIN_SEGMENT,
    Leak,
    SalesChange,
    UnitValue,
    WhatIf,
    lowest_step,
)
from ecom_core.i18n import t

#: How the funnel's table columns are shown (:func:`ecom_core.fmt.styled`).
KINDS: dict[str, str] = {
    "count": "count",
    "entering": "count",
    "converted": "count",
    "orders": "count",
    "buyers": "count",
    "rate_from_previous": "pct",
    "rate_from_start": "pct",
    "rate": "pct",
    "ci_low": "pct",
    "ci_high": "pct",
    "rest_rate": "pct",
    "revenue_share": "pct",
    "p_value": "p_value",
    "revenue": "money",
    "aov": "money",
    "extra_per_month": "number",
    "revenue_per_month": "money",
}


def _headers(frame: pd.DataFrame, keys: dict[str, str], lang: str) -> pd.DataFrame:
    out = frame[list(keys)].rename(columns={c: t(k, lang) for c, k in keys.items()})
    return fmt.with_kinds(out, {t(k, lang): KINDS[c] for c, k in keys.items() if c in KINDS})


def _step_names(series: pd.Series, labels: dict[str, str]) -> list[str]:
    return [labels.get(s, s) for s in series]


def steps_table(steps: pd.DataFrame, labels: dict[str, str], count_header: str, lang: str) -> pd.DataFrame:
    """The step table (from :func:`ecom_core.funnel.table`) for display and download."""
    frame = steps.assign(step=_step_names(steps["step"], labels))
    out = _headers(
        frame,
        {
            "step": "fn_col_step",
            "count": "fn_col_count",
            "rate_from_previous": "fn_col_rate_from_previous",
            "rate_from_start": "fn_col_rate_from_start",
        },
        lang,
    )
    out = out.rename(columns={t("fn_col_count", lang): count_header})
    return fmt.with_kinds(out, {count_header: "count"})


def worth_table(worth: pd.DataFrame, labels: dict[str, str], lang: str) -> pd.DataFrame:
    """What one more point at each step adds (from :func:`ecom_core.funnel.step_worth`); the
    revenue column is left out when the value of a conversion is unknown, never a column of
    dashes."""
    frame = worth.assign(
        from_step=_step_names(worth["from_step"], labels),
        to_step=_step_names(worth["to_step"], labels),
    )
    keys = {
        "from_step": "fn_col_from",
        "to_step": "fn_col_to",
        "rate": "fn_col_rate",
        "extra_per_month": "fn_col_extra",
        "revenue_per_month": "fn_col_extra_revenue",
    }
    if not np.isfinite(worth["revenue_per_month"].to_numpy(dtype=float)).any():
        keys.pop("revenue_per_month")
    return _headers(frame, keys, lang)


def segment_names(rows: pd.DataFrame, by: str | None, lang: str) -> list[str]:
    """The segments of a breakdown as the rest of the app names them: channels by their
    group's name in ``lang`` (as on the home page and Channel mix), other values as they are."""
    if by == "channel":
        return [group_label(str(v), lang) for v in rows["segment"]]
    return [str(v) for v in rows["segment"]]


def breakdown_table(
    rows: pd.DataFrame, labels: dict[str, str], lang: str, by: str | None = None
) -> pd.DataFrame:
    frame = rows.assign(
        segment=segment_names(rows, by, lang),
        from_step=_step_names(rows["from_step"], labels),
        to_step=_step_names(rows["to_step"], labels),
        flag=[t(f"fn_flag_{f}", lang) if f else "" for f in rows["flag"]],
    )
    return _headers(
        frame,
        {
            "segment": "fn_col_segment",
            "from_step": "fn_col_from",
            "to_step": "fn_col_to",
            "entering": "fn_col_entering",
            "converted": "fn_col_converted",
            "rate": "fn_col_rate",
            "ci_low": "fn_col_ci_low",
            "ci_high": "fn_col_ci_high",
            "rest_rate": "fn_col_rest_rate",
            "p_value": "fn_col_p_value",
            "flag": "fn_col_flag",
        },
        lang,
    )


def duration(hours: float, lang: str) -> str:
    """``0.25`` -> ``"15 min"``, ``30`` -> ``"1.3 days"``."""
    if hours < 1:
        return t("fn_minutes_fmt", lang, m=hours * 60)
    if hours < 48:
        return t("fn_hours_fmt", lang, h=hours)
    return t("fn_days_fmt", lang, d=hours / 24)


def time_table(rows: pd.DataFrame, labels: dict[str, str], lang: str) -> pd.DataFrame:
    frame = rows.assign(
        from_step=_step_names(rows["from_step"], labels), to_step=_step_names(rows["to_step"], labels)
    )
    for col in ("median_hours", "p25_hours", "p75_hours", "p90_hours"):
        frame[col] = [duration(h, lang) for h in frame[col]]
    return _headers(
        frame,
        {
            "from_step": "fn_col_from",
            "to_step": "fn_col_to",
            "converted": "fn_col_converted",
            "median_hours": "fn_col_median",
            "p25_hours": "fn_col_p25",
            "p75_hours": "fn_col_p75",
            "p90_hours": "fn_col_p90",
        },
        lang,
    )


def sales_table(change: SalesChange, lang: str) -> pd.DataFrame:
    """The identity's factors and sales in both periods, and each factor's effect."""
    effects = dict(zip(change.factors, change.effects, strict=True))
    effects["sales"] = change.change
    rows = []
    for key in (*change.factors, "sales"):
        a, b = change.before[key], change.after[key]
        show = (
            fmt.pct
            if key == "conversion"
            else (fmt.count if key in ("visitors", "orders") else (lambda x: fmt.money(x, lang)))
        )
        rows.append(
            (
                t(f"fn_sales_{key}", lang),
                show(a),
                show(b),
                fmt.pct(b / a - 1, signed=True) if a else fmt.DASH,
                fmt.money(effects[key], lang),
            )
        )
    return pd.DataFrame(
        rows,
        columns=[
            t(k, lang)
            for k in ("fn_col_metric", "fn_col_before", "fn_col_after", "fn_col_change", "fn_col_effect")
        ],
    )


def region_names(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """:func:`ecom_core.funnel.regions` with the orders without a region named as such."""
    return rows.assign(
        region=[t("fn_region_unknown", lang) if r is None or pd.isna(r) else r for r in rows["region"]]
    )


def regions_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    return _headers(
        region_names(rows, lang),
        {
            "region": "fn_col_region",
            "orders": "fn_col_orders",
            "buyers": "fn_col_buyers",
            "revenue": "fn_col_revenue",
            "aov": "fn_col_aov",
            "revenue_share": "fn_col_revenue_share",
        },
        lang,
    )


def metric_cards(metrics: dict[str, float], lang: str) -> list[tuple[str, str, str]]:
    """``(label, value, help)`` of each shop metric from :func:`ecom_core.funnel.shop_metrics`."""
    cards = []
    for name, value in metrics.items():
        if name in ("cart_rate", "order_rate", "order_to_pay", "pay_rate"):
            shown = fmt.pct(value)
        elif name == "visitors":
            shown = fmt.count(value)
        else:
            shown = fmt.money(value, lang)
        cards.append((t(f"fn_m_{name}", lang), shown, t(f"fn_m_help_{name}", lang)))
    return cards


# ---- sentences ---------------------------------------------------------------------------
def leak_text(leak: Leak, labels: dict[str, str], lang: str) -> tuple[str, str, str]:
    """Title, what happens, and the likely causes of the biggest leak."""
    a, b = labels.get(leak.from_step, leak.from_step), labels.get(leak.to_step, leak.to_step)
    return (
        t("fn_leak_title", lang, a=a, b=b),
        t("fn_leak_body", lang, a=a, b=b, rate=fmt.pct(leak.rate), lost=fmt.count(leak.lost)),
        t(f"fn_why_{leak.kind}", lang),
    )


def no_leak_text(steps: pd.DataFrame, verdict: str, labels: dict[str, str], lang: str) -> str:
    """Why no step is named the biggest leak (``verdict`` from
    :func:`ecom_core.funnel.leak_verdict`: ``sound``, ``small`` or ``empty``)."""
    i = lowest_step(steps)
    if verdict == "empty" or i is None:
        return t("fn_no_leak_empty", lang)
    a, b = (str(steps["step"].iloc[k]) for k in (i - 1, i))
    return t(
        "fn_no_leak_small" if verdict == "small" else "fn_no_leak_sound",
        lang,
        a=labels.get(a, a),
        b=labels.get(b, b),
        rate=fmt.pct(steps["rate_from_previous"].iloc[i]),
        threshold=fmt.pct(LEAK_RATE, digits=0),
        n=MIN_SEGMENT,
        entering=fmt.count(steps["count"].iloc[i - 1]),
    )


def value_basis(value: UnitValue, lang: str) -> tuple[str, str]:
    """``(name, basis)`` of a unit value: ``("客单价", "orders, 2025-12-02 – 2025-12-31")``."""
    days = {
        k: f"{d:%Y-%m-%d}" if d is not None else fmt.DASH
        for k, d in (("start", value.start), ("end", value.end))
    }
    return t(f"fn_value_{value.figure}", lang), t(f"fn_value_basis_{value.source}", lang, **days)


def segment_text(row: pd.Series | None, lang: str) -> str:
    """The significantly worst segment at the leak, or "" when none stands out."""
    if row is None:
        return ""
    dimension = t(f"col_{row['dimension']}", lang)
    return t(
        "fn_leak_segment",
        lang,
        dimension=dimension,
        segment=row["segment"],
        rate=fmt.pct(row["rate"]),
        rest=fmt.pct(row["rest_rate"]),
    )


def what_if_text(
    result: WhatIf,
    labels: dict[str, str],
    steps: tuple[str, ...],
    lang: str,
    value: UnitValue | None = None,
) -> str:
    """The what-if sentence: the gain in conversions and, when a conversion's value is known,
    in revenue, naming the value used and its basis (``value``); no money clause otherwise."""
    a, b = steps[result.index - 1], steps[result.index]
    params = {
        "a": labels.get(a, a),
        "b": labels.get(b, b),
        "rate": fmt.pct(result.rate),
        "new": fmt.pct(result.new_rate),
        "extra": f"{result.extra_per_month:,.1f}",
    }
    if not np.isfinite(result.revenue_per_month) or not np.isfinite(result.aov):
        return t("fn_whatif_sentence_count", lang, **params)
    name, basis = value_basis(value, lang) if value is not None else (t("fn_value_aov_buyer", lang), "")
    text = t(
        "fn_whatif_sentence",
        lang,
        **params,
        revenue=fmt.money(result.revenue_per_month, lang),
        aov=fmt.money(result.aov, lang),
        value_name=name,
        basis=basis,
    )
    return text if basis else text.replace(" ()", "").replace("，）", "）")


def sales_basis_text(change: SalesChange, first_step: str, lang: str) -> str:
    """What the sales and the factors are (orders' paid revenue, purchase events, traffic)."""
    if change.basis == "orders":
        # with a note saying why visitors are left out, the basis only names the sales
        kind = "visitors" if "visitors" in change.factors else ("note" if change.note else "orders")
        return t(f"fn_sales_basis_orders_{kind}", lang, step=first_step)
    return t(f"fn_sales_basis_{change.basis}", lang, step=first_step)


def sales_text(change: SalesChange, lang: str) -> str:
    def signed(x: float) -> str:
        return ("+" if x >= 0 else "") + fmt.money(x, lang)

    before, after = change.before["sales"], change.after["sales"]
    moved = signed(change.change)
    if before:
        moved += (
            f", {fmt.pct(after / before - 1, signed=True)}"
            if lang == "en"
            else f"，{fmt.pct(after / before - 1, signed=True)}"
        )
    common = {
        "basis": t(f"fn_sales_name_{change.basis}", lang),
        "before": fmt.money(before, lang),
        "after": fmt.money(after, lang),
        "change": moved,
    }
    if "visitors" not in change.factors:
        return t(
            "fn_sales_sentence_orders",
            lang,
            **common,
            o=signed(change.effect("orders")),
            a=signed(change.effect("aov_order")),
        )
    return t(
        "fn_sales_sentence",
        lang,
        **common,
        v=signed(change.visitor_effect),
        c=signed(change.conversion_effect),
        a=signed(change.aov_effect),
    )
