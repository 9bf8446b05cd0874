"""The report as an Excel workbook: a cover sheet, then one formatted sheet per section.

Text is written as text (never as a formula) after :func:`ecom_core.export.neutralize_formulas`;
tables longer than a sheet holds are cut with a note.
"""

from __future__ import annotations

import io
import re

import numpy as np
import pandas as pd
import xlsxwriter

from ecom_core.export import EXCEL_MAX_ROWS, neutralize_formulas
from ecom_core.i18n import t
from ecom_core.report.build import Report, Section, Table

NUMBER_FORMATS = {
    "count": "#,##0",
    "money": "#,##0.00",
    "percent": "0.0%",
    "number": "#,##0.00",
    "decimal1": "0.0",
    "date": "yyyy-mm-dd",
}
MAX_WIDTH = 60
# Characters that take two columns of width (CJK, full-width forms).
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)


def text_width(text: str) -> int:
    """Display width of ``text``: CJK characters count double."""
    return len(text) + len(_WIDE.findall(text))


def _safe(text: object) -> str:
    """One text cell that cannot run as a formula."""
    return str(neutralize_formulas(pd.DataFrame({"v": [str(text)]})).iloc[0, 0])


def _column_width(values: pd.Series, fmt_name: str) -> int:
    if values.empty:
        return 0
    if fmt_name == "date":
        return 10
    if fmt_name in NUMBER_FORMATS:
        numbers = pd.to_numeric(values, errors="coerce").abs()
        top = numbers.max()
        if pd.isna(top):
            return 0
        digits = len(f"{top:,.0f}")
        return digits + (3 if fmt_name in ("money", "number") else 2)
    text = values.astype(str)
    longest = text.str.len().max()
    wide = text.str.count(_WIDE.pattern).max()
    return int(longest + wide)


class _Sheet:
    """Writes findings and tables one under another and remembers column widths."""

    def __init__(self, book: xlsxwriter.Workbook, name: str, styles: dict):
        self.book, self.ws, self.styles = book, book.add_worksheet(name), styles
        self.row = 0
        self.widths: dict[int, int] = {}
        self.frozen = False

    def fit(self, col: int, width: int) -> None:
        self.widths[col] = max(self.widths.get(col, 8), min(width + 2, MAX_WIDTH))

    def line(self, text: str, style: str | None = None) -> None:
        self.ws.write_string(self.row, 0, _safe(text), self.styles.get(style))
        self.row += 1

    def table(self, table: Table, lang: str) -> None:
        frame = neutralize_formulas(table.frame)
        formats = [table.format_of(c) for c in table.frame.columns]
        self.line(table.title, "subtitle")
        room = EXCEL_MAX_ROWS - self.row - 2
        if len(frame) > room:
            self.line(t("rp_truncated", lang, shown=f"{room:,}", total=f"{len(frame):,}"), "note")
            room -= 1
            frame = frame.iloc[:room]
        header = self.row
        for col, name in enumerate(frame.columns):
            self.ws.write_string(header, col, str(name), self.styles["header"])
            self.fit(col, text_width(str(name)))
        if not self.frozen:  # the first table's header stays in view while scrolling
            self.ws.freeze_panes(header + 1, 0)
            self.frozen = True
        first = header + 1
        for col in range(frame.shape[1]):
            self._column(first, col, frame.iloc[:, col], formats[col])
        self.row = first + len(frame) + 1
        if table.chart is not None and len(frame):
            self._chart(table, frame, header, len(frame))

    def _column(self, first: int, col: int, values: pd.Series, fmt_name: str) -> None:
        style = self.styles.get(fmt_name)
        if fmt_name == "date":
            stamps = pd.to_datetime(values, errors="coerce")
            cells = [None if pd.isna(v) else v.to_pydatetime() for v in stamps]
        elif fmt_name in NUMBER_FORMATS:
            numbers = pd.to_numeric(values, errors="coerce").astype("float64").to_numpy()
            cells = [None if not np.isfinite(v) else float(v) for v in numbers]
        else:
            cells = ["" if (v is None or (isinstance(v, float) and np.isnan(v))) else str(v) for v in values]
        for offset, value in enumerate(cells):
            if value is None or value == "":
                continue
            if isinstance(value, str):
                self.ws.write_string(first + offset, col, value, style)
            elif fmt_name == "date":
                self.ws.write_datetime(first + offset, col, value, style)
            else:
                self.ws.write_number(first + offset, col, value, style)
        self.fit(col, _column_width(values, fmt_name))

    def _chart(self, table: Table, frame: pd.DataFrame, header: int, n: int) -> None:
        spec = table.chart
        columns = list(table.frame.columns)
        if spec.category not in columns or any(v not in columns for v in spec.values):
            return
        name = self.ws.get_name()
        first, last = header + 1, header + n
        cat = columns.index(spec.category)
        chart = self.book.add_chart({"type": spec.kind})
        for value in spec.values:
            col = columns.index(value)
            chart.add_series(
                {
                    "name": [name, header, col],
                    "categories": [name, first, cat, last, cat],
                    "values": [name, first, col, last, col],
                    **({"data_labels": {"percentage": True}} if spec.kind == "pie" else {}),
                }
            )
        if spec.line is not None:
            # the reference (break-even) as its own column, drawn as a line over the bars
            col = len(columns)
            self.ws.write_string(header, col, _safe(spec.line_name), self.styles["header"])
            for row in range(first, last + 1):
                self.ws.write_number(row, col, spec.line, self.styles["number"])
            self.fit(col, text_width(spec.line_name))
            line = self.book.add_chart({"type": "line"})
            line.add_series(
                {
                    "name": [name, header, col],
                    "categories": [name, first, cat, last, cat],
                    "values": [name, first, col, last, col],
                    "line": {"color": "#d62728", "dash_type": "dash", "width": 2},
                    "marker": {"type": "none"},
                }
            )
            chart.combine(line)
        chart.set_title({"name": spec.title})
        if spec.kind == "bar":
            chart.set_y_axis({"reverse": True})  # first step on top, as in a funnel
        chart.set_size({"width": 640, "height": 360})
        self.ws.insert_chart(header, len(columns) + (2 if spec.line is not None else 1), chart)

    def close(self) -> None:
        for col, width in self.widths.items():
            self.ws.set_column(col, col, width)


def _sheet_name(section: Section, used: set[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\']", " ", section.title).strip()[:31] or section.key
    base, i = name, 2
    while name.lower() in used:
        suffix = f" {i}"
        name, i = base[: 31 - len(suffix)] + suffix, i + 1
    used.add(name.lower())
    return name


def to_excel(report: Report) -> bytes:
    """The report as ``.xlsx`` bytes.

    The first sheet holds the title, generation date, each data set's date range, the
    settings used and any analysis left out; then one sheet per section with its findings
    and tables (bold filled header row, number formats, fitted widths, frozen header) and
    native charts where they help (funnel steps, ROAS against break-even, revenue share).
    """
    lang = report.lang
    buffer = io.BytesIO()
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    book = xlsxwriter.Workbook(buffer, options)
    styles = {
        "title": book.add_format({"bold": True, "font_size": 16}),
        "subtitle": book.add_format({"bold": True, "font_size": 12}),
        "header": book.add_format(
            {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": False, "valign": "top"}
        ),
        "note": book.add_format({"italic": True, "font_color": "#7F6000"}),
        "label": book.add_format({"bold": True}),
        "text": None,
    }
    for name, num_format in NUMBER_FORMATS.items():
        styles[name] = book.add_format({"num_format": num_format})

    used: set[str] = set()
    cover = _Sheet(book, _sheet_name(Section("cover", report.title), used), styles)
    cover.line(report.title, "title")
    cover.row += 1
    rows = [(t("rp_generated", lang), f"{report.generated:%Y-%m-%d}")]
    for kind, (first, last) in report.date_ranges.items():
        rows.append(
            (f"{t('rp_date_range', lang)} · {t(f'kind_{kind}', lang)}", f"{first:%Y-%m-%d} – {last:%Y-%m-%d}")
        )
    rows += [(label, value) for label, value in report.settings]
    for label, value in rows:
        cover.ws.write_string(cover.row, 0, _safe(label), styles["label"])
        cover.ws.write_string(cover.row, 1, _safe(value))
        cover.fit(0, text_width(label))
        cover.fit(1, text_width(value))
        cover.row += 1
    cover.row += 1
    for note in report.skipped:
        cover.line(note, "note")
    cover.row += 1
    cover.line(t("rp_contents", lang), "subtitle")
    for section in report.sections:
        cover.line(section.title)
    cover.close()

    for section in report.sections:
        sheet = _Sheet(book, _sheet_name(section, used), styles)
        sheet.line(section.title, "title")
        for finding in section.findings:
            sheet.line(finding)
        if section.charts:
            sheet.line(t("rp_charts_in_html", lang), "note")
        sheet.row += 1
        for table in section.tables:
            sheet.table(table, lang)
        sheet.close()
    book.close()
    return buffer.getvalue()
