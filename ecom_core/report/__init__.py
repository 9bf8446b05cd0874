"""Report download: everything the analysis pages found, in one Excel workbook and one
self-contained HTML file, in the reader's language.

Public API
----------
collect(datasets, lang, *, margin=metrics.DEFAULT_MARGIN) -> Report   # run the analyses the data allows
to_excel(report) -> bytes                           # .xlsx: cover sheet + one sheet per section
to_html(report) -> str                              # one HTML file, charts drawn offline
Report, Section, Table, ExcelChart                  # frozen dataclasses of a report's content
"""

from ecom_core.report.build import (
    FORMATS,
    ExcelChart,
    Report,
    Section,
    Table,
    collect,
    date_range,
)
from ecom_core.report.excel import to_excel
from ecom_core.report.web import javascript_bundle, to_html

__all__ = [
    "FORMATS",
    "ExcelChart",
    "Report",
    "Section",
    "Table",
    "collect",
    "date_range",
    "javascript_bundle",
    "to_excel",
    "to_html",
]
