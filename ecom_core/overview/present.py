"""The overview in the reader's language: KPI cards and table, and what to load next."""

import logging

import numpy as np
import pandas as pd

from ecom_core import fmt, glossary
from ecom_core.i18n import t
from ecom_core.overview.build import KPIS, WORSE_WHEN_UP
from ecom_core.overview.findings import Loaded, wanted

log = logging.getLogger("ecom_core")


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
