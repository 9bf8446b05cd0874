"""What goes into a report: one :class:`Section` per analysis the loaded data allows.

Every section is built from the analyses' public functions and their ``present`` and
``charts`` modules, with the defaults the pages start with, so the report says what the
pages say. An analysis that cannot work with the data becomes a one-line note instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import altair as alt
import numpy as np
import pandas as pd

from ecom_core import abtest, channels, fmt, funnel, glossary, metrics, overview, personas
from ecom_core.i18n import t
from ecom_core.load.dataset import Dataset, ExplainedError

log = logging.getLogger("ecom_core")

#: Number formats a table column can have (how Excel and HTML show its numbers).
FORMATS = ("text", "count", "money", "percent", "number", "decimal1", "date")

#: The column that dates the rows of each kind.
DATE_COLUMNS = {
    "orders": "order_time",
    "traffic": "date",
    "events": "time",
    "spend": "date",
    "experiment": "time",
}

KINDS = ("orders", "traffic", "events", "spend", "experiment")

#: What the A/B section assumes, as the A/B page starts: 95% confidence, a planned +15% lift.
AB_CONFIDENCE = 0.95
AB_PLANNED_LIFT = 0.15
AB_POWER = 0.8


@dataclass(frozen=True)
class ExcelChart:
    """A native Excel chart drawn from one table: ``kind`` ``bar``/``column``/``pie``,
    categories from the column ``category``, one series per column in ``values``, and
    optionally a constant reference line (``line`` value named ``line_name``)."""

    kind: str
    title: str
    category: str
    values: tuple[str, ...]
    line: float | None = None
    line_name: str = ""


@dataclass(frozen=True)
class Table:
    """A table as the reader sees it: headers in the report's language, one format per
    column (see :data:`FORMATS`; a column without one is formatted by its dtype)."""

    title: str
    frame: pd.DataFrame
    formats: Mapping[str, str] = field(default_factory=dict)
    chart: ExcelChart | None = None

    def format_of(self, column: str) -> str:
        """The column's format: as given, otherwise guessed from its dtype."""
        if column in self.formats:
            return self.formats[column]
        return _guess_formats(self.frame[[column]]).get(column, "text")


@dataclass(frozen=True)
class Section:
    """One analysis: ``key`` (overview, funnel, personas, channels, abtest, definitions),
    translated ``title``, plain-language ``findings``, ``tables`` and Altair ``charts``."""

    key: str
    title: str
    findings: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()
    charts: tuple[alt.TopLevelMixin, ...] = ()


@dataclass(frozen=True)
class Report:
    """Everything a report file shows, already in the language ``lang``.

    ``date_ranges`` maps each loaded kind to its (first, last) day; ``settings`` are
    (label, value) pairs; ``skipped`` holds one sentence per analysis left out.
    """

    title: str
    lang: str
    generated: pd.Timestamp
    date_ranges: Mapping[str, tuple[pd.Timestamp, pd.Timestamp]]
    settings: tuple[tuple[str, str], ...]
    sections: tuple[Section, ...]
    skipped: tuple[str, ...] = ()

    def section(self, key: str) -> Section | None:
        """The section named ``key``, or None when the report has none."""
        return next((s for s in self.sections if s.key == key), None)


# ---- helpers -----------------------------------------------------------------------------
def _guess_formats(frame: pd.DataFrame, known: Mapping[str, str] | None = None) -> dict[str, str]:
    """Formats of ``frame``'s columns: ``known`` ones as given, the rest from their dtype."""
    known = known or {}
    out = {}
    for col in frame.columns:
        if col in known:
            out[col] = known[col]
        elif pd.api.types.is_bool_dtype(frame[col]):
            out[col] = "text"
        elif pd.api.types.is_integer_dtype(frame[col]):
            out[col] = "count"
        elif pd.api.types.is_float_dtype(frame[col]):
            out[col] = "number"
        elif pd.api.types.is_datetime64_any_dtype(frame[col]):
            out[col] = "date"
        else:
            out[col] = "text"
    return out


def _positional(frame: pd.DataFrame, formats: tuple[str, ...]) -> dict[str, str]:
    """Formats given by column position (for tables whose translated headers vary)."""
    known = dict(zip(frame.columns, formats, strict=False))
    return _guess_formats(frame, known)


def _table(title: str, frame: pd.DataFrame, known=None, chart: ExcelChart | None = None) -> Table:
    formats = _positional(frame, known) if isinstance(known, tuple) else _guess_formats(frame, known)
    return Table(title, frame.reset_index(drop=True), formats, chart)


def date_range(ds: Dataset) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """First and last day of a dataset's dated rows, or None when it has no dates."""
    col = DATE_COLUMNS.get(ds.kind)
    if col is None or col not in ds.frame.columns:
        return None
    values = ds.frame[col]
    if not pd.api.types.is_datetime64_any_dtype(values):
        values = pd.to_datetime(values, errors="coerce")
    first, last = values.min(), values.max()
    if pd.isna(first) or pd.isna(last):
        return None
    return pd.Timestamp(first).normalize(), pd.Timestamp(last).normalize()


def _frame(datasets: Mapping[str, Dataset], kind: str) -> pd.DataFrame | None:
    ds = datasets.get(kind)
    return None if ds is None else ds.frame


# ---- sections ----------------------------------------------------------------------------
def overview_section(datasets: Mapping[str, Dataset], lang: str) -> Section:
    """What was loaded: kind, file, rows, first and last day."""
    kinds = [k for k in KINDS if k in datasets] + [k for k in datasets if k not in KINDS]
    ranges = [date_range(datasets[k]) for k in kinds]
    frame = pd.DataFrame(
        {
            t("rp_col_kind", lang): [t(f"kind_{k}", lang) for k in kinds],
            t("rp_col_file", lang): [str(datasets[k].name or "") for k in kinds],
            t("rp_col_rows", lang): np.array([len(datasets[k].frame) for k in kinds], dtype="int64"),
            t("rp_col_first", lang): pd.to_datetime([r[0] if r else pd.NaT for r in ranges]),
            t("rp_col_last", lang): pd.to_datetime([r[1] if r else pd.NaT for r in ranges]),
        }
    )
    sep = t("list_sep", lang)
    findings = [t("rp_loaded_line", lang, n=len(kinds), kinds=sep.join(t(f"kind_{k}", lang) for k in kinds))]
    missing = [k for k in KINDS if k not in datasets]
    if missing:
        findings.append(t("rp_not_loaded", lang, kinds=sep.join(t(f"kind_{k}", lang) for k in missing)))
    tables = [_table(t("rp_loaded_table", lang), frame)]
    orders = _frame(datasets, "orders")
    if orders is not None:
        try:
            kpis = overview.kpis(orders, _frame(datasets, "traffic"))
        except ExplainedError:
            kpis = None
        if kpis is not None and len(kpis):
            p = overview.periods(orders)
            findings.append(
                t("ov_period", lang, start=f"{p.start:%Y-%m-%d}", end=f"{p.end:%Y-%m-%d}", days=p.days)
            )
            # the home page's cards, figure for figure
            tables.insert(
                0,
                _table(t("rp_kpi_table", lang), overview.kpi_frame(kpis, lang), ("text",) * 3 + ("percent",)),
            )
    return Section("overview", t("rp_sec_overview", lang), tuple(findings), tuple(tables))


def funnel_section(datasets: Mapping[str, Dataset], lang: str) -> Section | None:
    """The funnel of the first loaded kind in the page's order (events, traffic, orders)."""
    from ecom_core.funnel import charts as fcharts
    from ecom_core.funnel import present as fpresent

    mode = next((m for m in funnel.MODES if m in datasets), None)
    if mode is None:
        return None
    data = funnel.funnel_data(datasets[mode].frame, mode)
    view = funnel.overview(data)
    labels = fcharts.step_labels(data, lang)
    findings = [note.text(lang) for note in data.notes]
    leak = view.leak
    if leak is not None:
        title, body, why = fpresent.leak_text(leak, labels, lang)
        segment = fpresent.segment_text(view.weakest, lang)
        findings += [f"{title}{t('rp_title_sep', lang)}{body} {segment}".strip(), why]
    tables = []
    steps = fpresent.steps_table(view.table, labels, fcharts.count_label(data, lang), lang)
    tables.append(
        _table(
            t("rp_funnel_steps", lang),
            steps,
            ("text", "count", "percent", "percent"),
            ExcelChart("bar", t("rp_chart_steps", lang), steps.columns[0], (steps.columns[1],)),
        )
    )
    orders = _frame(datasets, "orders") if mode == "events" else None
    value = funnel.unit_value(data, orders)
    worth = funnel.step_worth(data, value=value)
    if len(worth):
        tables.append(
            _table(
                t("rp_funnel_worth", lang),
                fpresent.worth_table(worth, labels, lang),
                ("text", "text", "percent", "number", "money"),
            )
        )
        best = worth["revenue_per_month"]
        if best.notna().any():
            row = worth.loc[best.idxmax()]
            step = f"{labels.get(row['from_step'], row['from_step'])} → {labels.get(row['to_step'], row['to_step'])}"
            findings.append(
                t("rp_funnel_best_step", lang, step=step, revenue=fmt.money(row["revenue_per_month"], lang))
            )
    if view.metrics:
        cards = fpresent.metric_cards(view.metrics, lang)
        metrics = pd.DataFrame(
            cards, columns=[t("rp_col_metric", lang), t("rp_value", lang), t("rp_col_how", lang)]
        )
        tables.append(_table(t("rp_funnel_metrics", lang), metrics))
    chart = fcharts.funnel_chart(view.table, labels, lang, leak.index if leak else None)
    return Section("funnel", t("rp_sec_funnel", lang), tuple(findings), tuple(tables), (chart,))


def personas_section(datasets: Mapping[str, Dataset], lang: str) -> Section | None:
    """RFM segments with actions, and the k-means personas (their own failure is a note)."""
    from ecom_core.personas import charts as pcharts
    from ecom_core.personas import present as ppresent

    orders = _frame(datasets, "orders")
    if orders is None:
        return None
    paid = personas.paid_orders(orders)
    result = personas.score(paid)
    summary = personas.segment_summary(result)
    findings = [ppresent.scope_line(result, lang)]
    note = ppresent.scoring_note(result, lang)
    if note:
        findings.append(note)
    finding = ppresent.segment_finding(summary, lang)
    if finding:
        findings.append(finding)
    segments = ppresent.segment_table(summary, lang)
    tables = [
        _table(
            t("rp_segments", lang),
            segments,
            ("text", "count", "decimal1", "money", "decimal1", "number", "number", "money", "text"),
            ExcelChart("pie", t("rp_chart_revenue_share", lang), segments.columns[0], (segments.columns[4],)),
        )
    ]
    charts_ = [pcharts.segment_shares(summary, lang)]
    try:
        found = personas.personas(result, None)
        traits = personas.persona_traits(orders, found.labels)
        tables.append(
            _table(
                t("rp_personas", lang),
                ppresent.persona_table(found, lang, traits),
                ("text", "text", "count", "decimal1", "decimal1", "number", "number", "money"),
            )
        )
    except ExplainedError as err:
        findings.append(t("rp_skipped", lang, section=t("rp_personas", lang), reason=err.message(lang)))
    return Section("personas", t("rp_sec_personas", lang), tuple(findings), tuple(tables), tuple(charts_))


_CHANNEL_FORMATS = {
    "visitors": "count",
    "conversion_rate": "percent",
    "orders": "count",
    "revenue": "money",
    "aov": "money",
    "refunds": "money",
    "customers": "count",
    "new_customers": "count",
    "spend": "money",
    "roas": "number",
    "cpa": "money",
    "cac": "money",
    "profit": "money",
    "profit_roi": "percent",
    "visitor_share": "percent",
    "revenue_share": "percent",
    "spend_share": "percent",
}


def channels_section(datasets: Mapping[str, Dataset], lang: str, margin: float) -> Section | None:
    """The channel table with ROAS against break-even at ``margin``, and its findings."""
    from ecom_core.channels import charts as ccharts
    from ecom_core.channels import present as cpresent

    orders = _frame(datasets, "orders")
    if orders is None:
        return None
    rep = channels.channel_table(
        orders, _frame(datasets, "spend"), _frame(datasets, "traffic"), margin=margin
    )
    findings = [note.text(lang) for note in rep.notes]
    findings += [text for _, text in cpresent.findings(rep, lang)]
    shown = cpresent.labelled(rep.table, lang)
    formats = tuple(_CHANNEL_FORMATS.get(str(c), "text") for c in rep.table.columns)
    chart = None
    if rep.has_spend and "roas" in rep.table:
        roas_header = cpresent.column_label("roas", lang)
        chart = ExcelChart(
            "column",
            t("rp_chart_roas", lang),
            shown.columns[0],
            (roas_header,),
            line=float(rep.break_even_roas),
            line_name=t("rp_break_even", lang),
        )
    charts_ = [c for c in (ccharts.roas_chart(rep, lang), ccharts.share_chart(rep, lang)) if c is not None]
    table = _table(t("rp_channel_table", lang), shown, formats, chart)
    return Section("channels", t("rp_sec_channels", lang), tuple(findings), (table,), tuple(charts_))


def abtest_section(datasets: Mapping[str, Dataset], lang: str) -> Section | None:
    """Summary, revenue and SRM tables of the loaded experiment and the verdict sentences."""
    from ecom_core.abtest import charts as acharts
    from ecom_core.abtest import present as apresent

    frame = _frame(datasets, "experiment")
    if frame is None:
        return None
    prepared = abtest.prepare(frame)
    names = prepared.summary["variant"].tolist()
    analysis = abtest.analyze(prepared.summary, abtest.pick_baseline(names), None, AB_CONFIDENCE)
    notes = abtest.verdict(analysis, prepared, AB_PLANNED_LIFT, True, AB_POWER)
    findings = tuple(note.text(lang) for note in notes)
    tables = [_table(t("rp_ab_summary", lang), apresent.conversion_table(analysis, lang))]
    revenue = apresent.revenue_table(analysis, lang)
    if not revenue.empty:
        tables.append(_table(t("rp_ab_revenue", lang), revenue))
    tables.append(_table(t("rp_ab_srm", lang), apresent.srm_table(analysis, lang)))
    charts_ = (acharts.rates_chart(analysis, lang), acharts.posterior_chart(analysis, lang))
    return Section("abtest", t("rp_sec_abtest", lang), findings, tuple(tables), charts_)


def definitions_section(lang: str) -> Section:
    """Every metric of the app, named in both languages, with its definition (the glossary)."""
    terms = glossary.table(lang)
    frame = terms[["term", "other", "definition"]].rename(columns=glossary.headers(lang))
    return Section(
        "definitions", t("rp_sec_definitions", lang), (), (_table(t("rp_sec_definitions", lang), frame),)
    )


# ---- the report --------------------------------------------------------------------------
def _settings(datasets: Mapping[str, Dataset], lang: str, margin: float) -> tuple[tuple[str, str], ...]:
    out = [(t("rp_language", lang), t("rp_language_value", lang))]
    if "orders" in datasets:
        out.append((t("rp_margin", lang), fmt.pct(margin, 0)))
        out.append((t("rp_break_even", lang), f"{1 / margin:.2f}" if margin > 0 else fmt.DASH))
    mode = next((m for m in funnel.MODES if m in datasets), None)
    if mode is not None:
        out.append((t("rp_funnel_source", lang), t(f"kind_{mode}", lang)))
    if "orders" in datasets:
        out.append((t("rp_rfm_scoring", lang), t("rp_rfm_scoring_value", lang)))
    if "experiment" in datasets:
        conf = fmt.pct(AB_CONFIDENCE, 0)
        out.append((t("rp_ab_setting", lang), f"{conf} · +{AB_PLANNED_LIFT:.0%}"))
    return tuple(out)


def _attempt(name: str, build: Callable[[], Section | None], lang: str, skipped: list[str]) -> Section | None:
    """``build()``; a failure on odd data becomes a sentence in ``skipped``."""
    try:
        return build()
    except ExplainedError as err:
        skipped.append(t("rp_skipped", lang, section=name, reason=err.message(lang)))
    except Exception as exc:  # an unforeseen path must not cost the whole report
        log.exception("report section %s failed", name)
        detail = f"{type(exc).__name__}: {str(exc)[:120]}"
        reason = t("rp_skipped_unexpected", lang, detail=detail)
        skipped.append(t("rp_skipped", lang, section=name, reason=reason))
    return None


def collect(datasets: Mapping[str, Dataset], lang: str, *, margin: float = metrics.DEFAULT_MARGIN) -> Report:
    """Run every analysis the loaded data allows and gather what a report shows.

    Parameters
    ----------
    datasets
        ``{kind: Dataset}`` as loaded (orders, traffic, events, spend, experiment; any subset).
    lang
        ``"en"`` or ``"zh"``: every title, header, finding and definition is in this language.
    margin
        Gross margin as a fraction (0.4 = 40%); break-even ROAS is ``1 / margin``.

    Returns
    -------
    Report
        Sections in the order overview, funnel, personas, channels, abtest, definitions;
        an analysis the data does not support is absent, and one that fails on the data is
        absent with a sentence in ``Report.skipped``. Never raises for odd data.
    """
    datasets = {k: v for k, v in datasets.items() if v is not None}
    skipped: list[str] = []
    builders = (
        ("rp_sec_funnel", lambda: funnel_section(datasets, lang)),
        ("rp_sec_personas", lambda: personas_section(datasets, lang)),
        ("rp_sec_channels", lambda: channels_section(datasets, lang, margin)),
        ("rp_sec_abtest", lambda: abtest_section(datasets, lang)),
    )
    sections = [overview_section(datasets, lang)]
    for key, build in builders:
        section = _attempt(t(key, lang), build, lang, skipped)
        if section is not None:
            sections.append(section)
    sections.append(definitions_section(lang))
    ranges = {}
    for kind, ds in datasets.items():
        span = date_range(ds)
        if span is not None:
            ranges[kind] = span
    return Report(
        title=t("rp_title", lang),
        lang=lang,
        generated=pd.Timestamp.now().normalize(),
        date_ranges=ranges,
        settings=_settings(datasets, lang, margin),
        sections=tuple(sections),
        skipped=tuple(skipped),
    )
