"""The home page's overview: headline KPIs against the previous period, the revenue trend,
and one finding from each analysis page.

:mod:`build` computes (from :mod:`ecom_core.metrics`), :mod:`findings` asks each analysis
for its finding exactly as its page does, :mod:`present` words it in the reader's language
and :mod:`charts` draws the trend. Nothing here computes a figure a second way.
"""

from ecom_core.overview.build import KPIS, PERIOD_DAYS, WORSE_WHEN_UP, kpis, periods, revenue_trend
from ecom_core.overview.charts import trend_chart
from ecom_core.overview.findings import WANTED, Finding, Loaded, direct, findings, wanted
from ecom_core.overview.present import kpi_cards, kpi_frame, no_findings_text

__all__ = [
    "KPIS",
    "PERIOD_DAYS",
    "WANTED",
    "WORSE_WHEN_UP",
    "Finding",
    "Loaded",
    "direct",
    "findings",
    "kpi_cards",
    "kpi_frame",
    "kpis",
    "no_findings_text",
    "periods",
    "revenue_trend",
    "trend_chart",
    "wanted",
]
