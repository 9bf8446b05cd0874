"""The report as one self-contained HTML file that opens offline in any browser.

The Vega, Vega-Lite and vega-embed JavaScript is inlined once (from ``vl-convert-python``);
each chart is its Vega-Lite spec as JSON. Every cell and sentence is escaped, so text in
the data can never become markup or script.
"""

from __future__ import annotations

import functools
import html
import json
import logging

import pandas as pd

from ecom_core.i18n import t
from ecom_core.report.build import Report, Section, Table

log = logging.getLogger("ecom_core")

#: Rows of one table shown in the HTML report (all rows are in the Excel workbook).
HTML_MAX_ROWS = 2000

CSS = """
body{font-family:-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;
margin:2rem auto;max-width:1100px;padding:0 1rem;color:#222;line-height:1.5}
h1{margin-bottom:.2rem}h2{border-bottom:2px solid #4c78a8;padding-bottom:.2rem;margin-top:2.5rem}
h3{margin-top:1.5rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top}
th{background:#ddebf7;text-align:left}td.n{text-align:right;white-space:nowrap}
.meta th{background:#f3f3f3}.note{color:#7f6000}.chart{margin:1rem 0}
ul.findings li{margin:.3rem 0}
"""

_PY_FORMATS = {
    "count": "{:,.0f}",
    "money": "{:,.2f}",
    "percent": "{:.1%}",
    "number": "{:,.2f}",
    "decimal1": "{:.1f}",
}


@functools.lru_cache(maxsize=1)
def javascript_bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one script (built once per process; it holds no
    user data). Sets ``window.vegaEmbed``."""
    import vl_convert

    return vl_convert.javascript_bundle().replace("</script", "<\\/script")


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _cells(values: pd.Series, fmt_name: str) -> list[str]:
    if fmt_name == "date":
        stamps = pd.to_datetime(values, errors="coerce")
        return ["" if pd.isna(v) else f"{v:%Y-%m-%d}" for v in stamps]
    pattern = _PY_FORMATS.get(fmt_name)
    if pattern is not None:
        numbers = pd.to_numeric(values, errors="coerce")
        return ["" if pd.isna(v) else pattern.format(v) for v in numbers]
    return ["" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v) for v in values]


def table_html(table: Table, lang: str) -> str:
    """One table with every header and cell escaped; numbers formatted and right-aligned."""
    frame = table.frame
    parts = [f"<h3>{_e(table.title)}</h3>"]
    if len(frame) > HTML_MAX_ROWS:
        parts.append(
            f'<p class="note">{_e(t("rp_truncated", lang, shown=f"{HTML_MAX_ROWS:,}", total=f"{len(frame):,}"))}</p>'
        )
        frame = frame.iloc[:HTML_MAX_ROWS]
    formats = [table.format_of(c) for c in frame.columns]
    columns = [_cells(frame.iloc[:, i], formats[i]) for i in range(frame.shape[1])]
    numeric = [f not in ("text", "date") for f in formats]
    head = "".join(f"<th>{_e(c)}</th>" for c in frame.columns)
    rows = []
    for r in range(len(frame)):
        cells = "".join(
            f'<td class="n">{_e(col[r])}</td>' if num else f"<td>{_e(col[r])}</td>"
            for col, num in zip(columns, numeric, strict=True)
        )
        rows.append(f"<tr>{cells}</tr>")
    parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    return "\n".join(parts)


def _section_html(section: Section, specs: dict[str, dict]) -> tuple[str, list[str]]:
    parts = [f'<section id="{_e(section.key)}"><h2>{_e(section.title)}</h2>']
    if section.findings:
        items = "".join(f"<li>{_e(f)}</li>" for f in section.findings)
        parts.append(f'<ul class="findings">{items}</ul>')
    for i, chart in enumerate(section.charts):
        try:
            spec = chart.to_dict()
        except Exception:  # a chart that cannot be serialised is left out, not the report
            log.exception("chart %s/%d could not be written", section.key, i)
            continue
        chart_id = f"chart-{section.key}-{i}"
        specs[chart_id] = spec
        parts.append(f'<div class="chart" id="{chart_id}"></div>')
    return "\n".join(parts), []


def _script_json(value: object) -> str:
    """JSON safe inside a <script> element: no ``<`` can close it or open a comment."""
    return json.dumps(value, ensure_ascii=False, default=str).replace("<", "\\u003c")


def to_html(report: Report) -> str:
    """The report as one HTML document (a string) that needs no network.

    Head: title, generation date, date range per data set, settings and any analysis left
    out; then each section's findings, charts (drawn by the inlined Vega-Lite) and tables;
    the Definitions section last. ``<html lang>`` is the report's language.
    """
    lang = report.lang
    html_lang = "zh-CN" if lang == "zh" else "en"
    meta = [(t("rp_generated", lang), f"{report.generated:%Y-%m-%d}")]
    for kind, (first, last) in report.date_ranges.items():
        meta.append(
            (f"{t('rp_date_range', lang)} · {t(f'kind_{kind}', lang)}", f"{first:%Y-%m-%d} – {last:%Y-%m-%d}")
        )
    meta_rows = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in meta)
    settings_rows = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in report.settings)
    body = [
        f"<h1>{_e(report.title)}</h1>",
        f'<table class="meta">{meta_rows}</table>',
        f"<h3>{_e(t('rp_settings', lang))}</h3>",
        f'<table class="meta">{settings_rows}</table>',
    ]
    body += [f'<p class="note">{_e(note)}</p>' for note in report.skipped]
    toc = "".join(f'<li><a href="#{_e(s.key)}">{_e(s.title)}</a></li>' for s in report.sections)
    body.append(f"<nav><h3>{_e(t('rp_contents', lang))}</h3><ul>{toc}</ul></nav>")
    specs: dict[str, dict] = {}
    for section in report.sections:
        head, _ = _section_html(section, specs)
        tables = "\n".join(table_html(table, lang) for table in section.tables)
        body.append(f"{head}\n{tables}</section>")
    body.append(f'<p class="note">{_e(t("rp_offline_note", lang))}</p>')
    draw = (
        f"const specs = {_script_json(specs)};\n"
        "for (const [id, spec] of Object.entries(specs)) {\n"
        "  vegaEmbed('#' + id, spec, {actions: false, renderer: 'svg'})"
        ".catch((err) => { document.getElementById(id).textContent = String(err); });\n"
        "}\n"
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(report.title)}</title>\n<style>{CSS}</style>\n"
        f"<script>{javascript_bundle()}</script>\n</head>\n<body>\n"
        + "\n".join(body)
        + f"\n<script>\n{draw}</script>\n</body>\n</html>\n"
    )
