"""Report download: sections from the sample shop, the Excel workbook and the offline HTML."""

from __future__ import annotations

import io
import logging

import openpyxl
import pandas as pd
import pytest

import ecom_core as ec
from ecom_core import report
from ecom_core.report import build, excel
from ecom_core.report.build import ExcelChart, Report, Section, Table

HOSTILE = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def reports(sample_shop):
    """``{lang: (Report, xlsx bytes, html text)}`` of the sample shop, built once."""
    out = {}
    for lang in ("en", "zh"):
        rep = report.collect(sample_shop(lang), lang)
        out[lang] = (rep, report.to_excel(rep), report.to_html(rep))
    return out


def _orders(n: int = 6, **extra) -> ec.Dataset:
    frame = pd.DataFrame(
        {
            "order_id": [f"O{i}" for i in range(n)],
            "order_time": pd.date_range("2025-03-01", periods=n, freq="D"),
            "revenue": [100.0 + 10 * i for i in range(n)],
            **extra,
        }
    )
    return ec.Dataset("orders", frame, {}, ec.QualityReport(n, n), name="x.csv")


def _text(section: Section) -> str:
    return " ".join(section.findings)


# ---- collect on the sample shop --------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_sample_shop_has_every_section(reports, lang):
    rep, _, _ = reports[lang]
    assert [s.key for s in rep.sections] == [
        "overview",
        "funnel",
        "personas",
        "channels",
        "abtest",
        "definitions",
    ]
    assert rep.skipped == ()
    assert rep.lang == lang
    assert set(rep.date_ranges) == {"orders", "traffic", "events", "spend", "experiment"}
    first, last = rep.date_ranges["orders"]
    assert (first, last) == (pd.Timestamp("2025-01-01"), pd.Timestamp("2025-12-31"))


@pytest.mark.parametrize(
    ("lang", "leak", "segment", "channel", "winner"),
    [
        (
            "en",
            "cart → checkout",
            "Can't Lose Them",
            "Zhitongche is below break-even",
            "99.1% probability treatment is better",
        ),
        ("zh", "加购 → 下单", "重要挽留客户", "直通车 低于保本线", "实验组更优的概率为 99.1%"),
    ],
)
def test_planted_findings_are_in_the_text(reports, lang, leak, segment, channel, winner):
    rep, _, _ = reports[lang]
    assert leak in _text(rep.section("funnel"))
    assert segment in _text(rep.section("personas"))
    assert channel in _text(rep.section("channels"))
    assert winner in _text(rep.section("abtest"))


def test_tables_have_translated_headers_and_formats(reports):
    en, zh = reports["en"][0], reports["zh"][0]
    steps_en, steps_zh = en.section("funnel").tables[0], zh.section("funnel").tables[0]
    assert list(steps_en.frame.columns) != list(steps_zh.frame.columns)
    assert steps_en.format_of(steps_en.frame.columns[2]) == "percent"
    assert steps_en.frame.iloc[2, 0] == "checkout"
    channel = zh.section("channels").tables[0]
    assert "投产比 (ROAS)" in channel.frame.columns
    assert channel.format_of("投产比 (ROAS)") == "number"
    assert channel.format_of("支付金额") == "money"
    row = channel.frame.set_index("渠道").loc["直通车"]
    assert row["投产比 (ROAS)"] == pytest.approx(1.5, abs=0.01)
    definitions = zh.section("definitions").tables[0].frame
    text = " ".join(definitions.astype(str).to_numpy().ravel())
    for word in ("投产比", "UV价值", "客单价", "加购率", "支付转化率", "RFM", "获客成本"):
        assert word in text


def test_margin_changes_break_even(sample_shop):
    rep = report.collect(sample_shop("en"), "en", margin=0.5)
    settings = dict(rep.settings)
    assert settings["Break-even ROAS"] == "2.00"
    text = _text(rep.section("channels"))
    assert "2.00 at a 50% gross margin" in text
    assert "Zhitongche is below break-even" in text  # 1.50 < 2.00 still


# ---- Excel -----------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_excel_workbook(reports, lang):
    rep, data, _ = reports[lang]
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert len(book.worksheets) == 1 + len(rep.sections)
    cover = book.worksheets[0]
    assert cover["A1"].value == rep.title
    cover_text = [str(c.value) for row in cover.iter_rows() for c in row if c.value is not None]
    assert any("2025-01-01 – 2025-12-31" in v for v in cover_text)
    funnel = book.worksheets[2]
    assert funnel.title == rep.section("funnel").title
    assert funnel.freeze_panes is not None
    header_row = int(funnel.freeze_panes[1:]) - 1
    header = funnel[header_row]
    assert header[0].font.b and header[0].fill.fgColor.rgb.endswith("DDEBF7")
    first = funnel[header_row + 1]
    assert first[1].number_format == "#,##0"
    assert first[2].number_format == "0.0%"
    assert len(funnel._charts) == 1
    channels = book.worksheets[4]
    assert len(channels._charts) == 1
    assert len(book.worksheets[3]._charts) == 1  # segment revenue shares
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert not (isinstance(cell.value, str) and cell.value.startswith("=")), cell.coordinate
        assert ws.column_dimensions["A"].width >= 8


def test_excel_neutralises_formulas_and_escapes_nothing():
    frame = pd.DataFrame({"name": ['=HYPERLINK("http://x")', "+1", HOSTILE], "value": [1.0, -2.0, 3.0]})
    rep = Report(
        "=title",
        "en",
        pd.Timestamp("2025-01-01"),
        {},
        (("-setting", "@value"),),
        (Section("s", "Sheet", ("=finding",), (Table("t", frame, {"value": "money"}),)),),
    )
    book = openpyxl.load_workbook(io.BytesIO(report.to_excel(rep)))
    values = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    texts = [v for v in values if isinstance(v, str)]
    assert not any(v.startswith(("=", "+", "-", "@")) for v in texts)
    assert '\'=HYPERLINK("http://x")' in texts and HOSTILE in texts and "'=finding" in texts
    assert -2.0 in values  # a negative number stays a number


def test_excel_truncates_long_tables(monkeypatch):
    monkeypatch.setattr(excel, "EXCEL_MAX_ROWS", 20)
    frame = pd.DataFrame({"n": range(50)})
    rep = Report(
        "T", "en", pd.Timestamp("2025-01-01"), {}, (), (Section("s", "S", (), (Table("t", frame),)),)
    )
    ws = openpyxl.load_workbook(io.BytesIO(report.to_excel(rep))).worksheets[1]
    numbers = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, int)]
    notes = [
        c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "first" in c.value
    ]
    assert ws.max_row <= 20
    assert numbers == list(range(len(numbers))) and len(numbers) < 50
    assert notes and "50" in notes[0]


def test_text_width_counts_cjk_double():
    assert excel.text_width("ab") == 2
    assert excel.text_width("投产比") == 6
    assert excel.text_width("ROAS 投产比") == 11


# ---- HTML ------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_html_is_self_contained(reports, lang):
    rep, _, page = reports[lang]
    assert page.startswith("<!DOCTYPE html>")
    assert f'<html lang="{"zh-CN" if lang == "zh" else "en"}">' in page
    assert 'src="http' not in page and 'href="http' not in page
    assert "<link" not in page
    assert "window.vegaEmbed" in page  # the bundle is inlined
    assert page.count("<script>") == 2
    n_charts = sum(len(s.charts) for s in rep.sections)
    assert n_charts >= 6 and page.count('class="chart"') == n_charts
    assert rep.title in page
    assert "2025-01-01 – 2025-12-31" in page
    for section in rep.sections:
        assert f'<section id="{section.key}">' in page


def test_html_escapes_hostile_text(sample_shop):
    datasets = dict(sample_shop("en"))
    orders = datasets["orders"]
    datasets["orders"] = ec.Dataset("orders", orders.frame, {}, orders.report, name=HOSTILE)
    page = report.to_html(report.collect(datasets, "en"))
    assert HOSTILE not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    table = Table("t", pd.DataFrame({"product": [HOSTILE, "a & b"]}))
    snippet = report.web.table_html(table, "en")
    assert "&lt;script&gt;" in snippet and "a &amp; b" in snippet and "<script>" not in snippet


def test_chart_json_cannot_close_the_script():
    assert "<" not in report.web._script_json({"title": "</script><!--"})


# ---- little or odd data ----------------------------------------------------------------
def test_orders_only_dataset_skips_gracefully():
    ds = _orders(6, customer_id=["C1", "C2", "C1", "C3", "C2", "C1"], status=["paid"] * 6)
    rep = report.collect({"orders": ds}, "en")
    keys = [s.key for s in rep.sections]
    assert keys[0] == "overview" and keys[-1] == "definitions"
    assert "abtest" not in keys
    assert "Not loaded" in _text(rep.section("overview"))
    funnel = rep.section("funnel")
    assert funnel is not None and funnel.tables[0].frame.iloc[0, 1] == 6  # orders created
    assert all(isinstance(s, str) and s for s in rep.skipped)
    assert isinstance(report.to_excel(rep), bytes)
    assert "<html" in report.to_html(rep)


def test_orders_without_customers_give_a_note_for_personas():
    rep = report.collect({"orders": _orders(4)}, "zh")
    assert rep.section("personas") is None
    assert any(note.startswith("用户画像未生成") for note in rep.skipped)


def test_unexpected_failure_is_a_note_not_an_exception(monkeypatch, caplog):
    def boom(*args, **kwargs):
        raise RuntimeError("odd data")

    monkeypatch.setattr(build, "funnel_section", boom)
    with caplog.at_level(logging.ERROR, logger="ecom_core"):
        rep = report.collect({"orders": _orders(4)}, "en")
    assert rep.section("funnel") is None
    assert any("Funnel skipped" in n and "RuntimeError" in n for n in rep.skipped)
    assert "report section" in caplog.text


def test_empty_input_gives_overview_and_definitions_only():
    rep = report.collect({}, "en")
    assert [s.key for s in rep.sections] == ["overview", "definitions"]
    assert rep.date_ranges == {}


# ---- pieces ----------------------------------------------------------------------------
def test_guess_formats_from_dtypes():
    frame = pd.DataFrame(
        {"a": [1, 2], "b": [0.5, 1.5], "c": ["x", "y"], "d": pd.to_datetime(["2025-01-01", "2025-01-02"])}
    )
    assert build._guess_formats(frame, {"b": "percent"}) == {
        "a": "count",
        "b": "percent",
        "c": "text",
        "d": "date",
    }


def test_date_range_of_text_dates():
    ds = ec.Dataset(
        "spend",
        pd.DataFrame({"date": ["2025-02-03", "bad", "2025-01-31"], "channel": "x", "spend": 1.0}),
        {},
        ec.QualityReport(3, 3),
        name="s.csv",
    )
    assert report.date_range(ds) == (pd.Timestamp("2025-01-31"), pd.Timestamp("2025-02-03"))
    assert report.date_range(_orders(0)) is None


def test_excel_chart_with_break_even_line():
    frame = pd.DataFrame({"ch": ["a", "b"], "roas": [1.5, 3.0]})
    chart = ExcelChart("column", "ROAS", "ch", ("roas",), line=2.5, line_name="Break-even")
    rep = Report(
        "T",
        "en",
        pd.Timestamp("2025-01-01"),
        {},
        (),
        (Section("s", "S", (), (Table("t", frame, {}, chart),)),),
    )
    ws = openpyxl.load_workbook(io.BytesIO(report.to_excel(rep))).worksheets[1]
    assert len(ws._charts) == 1
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=4, max_row=6)]
    assert values[0] == ["ch", "roas", "Break-even"]
    assert values[1] == ["a", 1.5, 2.5] and values[2] == ["b", 3.0, 2.5]
