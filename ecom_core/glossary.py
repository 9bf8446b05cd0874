"""The glossary: every metric the app shows, named in both languages, with its definition.

One list serves the Glossary page and the report's definitions, so a metric is defined in
one place only. Names and definitions live in the string catalog (``gl_<term>`` and
``gl_<term>_def``).
"""

from __future__ import annotations

import pandas as pd

from ecom_core.i18n import LANGS, t

#: (term, area) in display order; areas: shop, funnel, personas, channels, abtest.
TERMS: tuple[tuple[str, str], ...] = (
    ("gmv", "shop"),
    ("paid_amount", "shop"),
    ("refunds", "shop"),
    ("net_revenue", "shop"),
    ("orders", "shop"),
    ("buyers", "shop"),
    ("aov", "shop"),
    ("aov_order", "shop"),
    ("refund_rate", "shop"),
    ("repeat_rate", "shop"),
    ("visitors", "funnel"),
    ("cart_rate", "funnel"),
    ("order_rate", "funnel"),
    ("order_to_pay", "funnel"),
    ("pay_rate", "funnel"),
    ("uv_value", "funnel"),
    ("step_rate", "funnel"),
    ("funnel_rate", "funnel"),
    ("leak", "funnel"),
    ("worth", "funnel"),
    ("window", "funnel"),
    ("sales_identity", "funnel"),
    ("wilson", "funnel"),
    ("rfm", "personas"),
    ("cohort", "personas"),
    ("clv", "personas"),
    ("roas", "channels"),
    ("break_even", "channels"),
    ("cpa", "channels"),
    ("cac", "channels"),
    ("profit", "channels"),
    ("profit_roi", "channels"),
    ("ltv_cac", "channels"),
    ("attribution", "channels"),
    ("sample_size", "abtest"),
    ("mde", "abtest"),
    ("p_value", "abtest"),
    ("lift", "abtest"),
    ("prob_better", "abtest"),
    ("srm", "abtest"),
)
AREAS: tuple[str, ...] = ("shop", "funnel", "personas", "channels", "abtest")
#: The glossary term of each figure of :mod:`ecom_core.metrics`: its name and definition
#: wherever the figure is shown.
FIGURE_TERMS: dict[str, str] = {
    "gmv": "gmv",
    "paid_revenue": "paid_amount",
    "refunds": "refunds",
    "net_revenue": "net_revenue",
    "orders": "orders",
    "buyers": "buyers",
    "aov_buyer": "aov",
    "aov_order": "aov_order",
    "repeat_rate": "repeat_rate",
    "refund_rate": "refund_rate",
    "visitors": "visitors",
    "conversion": "pay_rate",
}


def figure_name(figure: str, lang: str) -> str:
    """The glossary's name of a :mod:`~ecom_core.metrics` figure."""
    return t(f"gl_{FIGURE_TERMS[figure]}", lang)


def figure_definition(figure: str, lang: str) -> str:
    """The glossary's definition of a :mod:`~ecom_core.metrics` figure."""
    return t(f"gl_{FIGURE_TERMS[figure]}_def", lang)


def table(lang: str, area: str | None = None, search: str = "") -> pd.DataFrame:
    """The glossary in the reader's language.

    Parameters
    ----------
    lang
        ``"zh"`` or ``"en"``: the language of the terms and definitions.
    area
        Only the terms of one area (see :data:`AREAS`), or all.
    search
        Keep the terms whose name in either language or definition contains this text
        (case-insensitive).

    Returns
    -------
    DataFrame
        ``term`` (name in ``lang``), ``other`` (name in the other language), ``definition``,
        ``area`` (the area's name in ``lang``), one row per term.
    """
    other = next(x for x in LANGS if x != lang)
    rows = [
        (t(f"gl_{key}", lang), t(f"gl_{key}", other), t(f"gl_{key}_def", lang), t(f"gl_area_{where}", lang))
        for key, where in TERMS
        if area is None or where == area
    ]
    out = pd.DataFrame(rows, columns=["term", "other", "definition", "area"])
    if search:
        needle = search.strip().lower()
        hit = out[["term", "other", "definition"]].apply(
            lambda col: col.str.lower().str.contains(needle, regex=False)
        )
        out = out[hit.any(axis=1)].reset_index(drop=True)
    return out


def headers(lang: str) -> dict[str, str]:
    """Column headers of :func:`table` in the reader's language."""
    return {
        "term": t("gl_col_term", lang),
        "other": t("gl_col_other", lang),
        "definition": t("gl_col_formula", lang),
        "area": t("gl_col_area", lang),
    }
