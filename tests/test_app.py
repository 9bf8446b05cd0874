"""Page tests with Streamlit's AppTest: every page renders, guards, switches language,
sees the sample shop, and the Upload page turns a file into session data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from conftest import TITLES
from streamlit.testing.v1 import AppTest

import ecom_core as ec
from ecom_core import ui
from ecom_core.i18n import t

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
FIXTURES = ROOT / "tests" / "fixtures"
PAGES = [p for p, _, _ in ui.PAGES]
GUARDED = {  # page -> the kinds its guard names
    ui.FUNNEL_PAGE: ("events", "traffic", "orders"),
    ui.PERSONAS_PAGE: ("orders",),
    ui.CHANNEL_PAGE: ("orders",),
}
TIMEOUT = 60


@pytest.fixture(autouse=True)
def _fresh_streamlit_cache():
    """Cached loads are global to the process: start every test without them."""
    st.cache_data.clear()
    yield
    st.cache_data.clear()


def _app(page: str = ui.HOME_PAGE, locale: str | None = "en-US", **state) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if locale:
        at.context["locale"] = locale
    for key, value in state.items():
        at.session_state[key] = value
    if page != ui.HOME_PAGE:
        at.run()
        at.switch_page(page)
    return at.run()


def _texts(at: AppTest) -> str:
    parts = [
        e.value
        for kind in ("title", "markdown", "caption", "info", "warning", "success", "error", "subheader")
        for e in getattr(at, kind)
    ]
    return "\n".join(str(p) for p in parts)


def _no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _orders_dataset(rows: int = 3) -> ec.Dataset:
    frame = pd.DataFrame(
        {
            "order_id": [f"A{i}" for i in range(rows)],
            "order_time": pd.date_range("2024-01-01", periods=rows, freq="D"),
            "revenue": [10.0] * rows,
            "customer_id": ["c1", "c2", "c1"][:rows] + ["c3"] * max(0, rows - 3),
        }
    )
    return ec.Dataset("orders", frame, {}, ec.QualityReport(rows, rows), name="orders.csv")


# ---- every page, empty -------------------------------------------------------------------
@pytest.mark.parametrize("page", PAGES)
def test_page_renders_empty_with_title(page):
    at = _app(page)
    _no_exception(at)
    assert at.title[0].value == t(TITLES[page], "en")
    assert at.sidebar.radio(key=ui.LANG_WIDGET).value == "en"


@pytest.mark.parametrize("page", sorted(GUARDED))
def test_guarded_pages_explain_what_data_they_need(page):
    at = _app(page)
    _no_exception(at)
    names = " or ".join(t("kind_" + k, "en") for k in GUARDED[page])
    assert at.info[0].value == t("ui_need_data", "en", kinds=names)
    assert at.button(key="guard_sample").label == t("ui_load_sample", "en")
    # the guard stops the page: nothing that needs data is drawn
    assert t("ui_uses_data", "en", kind="X", name="Y", rows=0).split("X")[0] not in _texts(at)


def test_ab_test_page_needs_no_data():
    at = _app(ui.ABTEST_PAGE)
    _no_exception(at)
    assert t("ui_abtest_no_data", "en") in _texts(at)
    assert not at.button  # no guard, no sample button


def test_home_explains_the_app_and_says_nothing_is_loaded():
    at = _app()
    _no_exception(at)
    text = _texts(at)
    assert t("ui_app_intro", "en") in text
    assert t("ui_nothing_loaded", "en") in text
    assert at.button(key="home_sample").label == t("ui_load_sample", "en")


# ---- language ----------------------------------------------------------------------------
def test_default_language_follows_browser_locale():
    assert _app(locale="zh-CN").title[0].value == t("ui_app_title", "zh")
    assert _app(locale="en-GB").title[0].value == t("ui_app_title", "en")
    assert _app(locale=None).title[0].value == "电商运营分析"  # unknown locale: Chinese


@pytest.mark.parametrize("page", PAGES)
def test_language_switch_changes_visible_text(page):
    at = _app(page, locale="en-US")
    assert at.title[0].value == t(TITLES[page], "en")
    at.sidebar.radio(key=ui.LANG_WIDGET).set_value("zh").run()
    _no_exception(at)
    assert at.title[0].value == t(TITLES[page], "zh")
    assert at.session_state[ui.LANG] == "zh"
    if page in GUARDED:
        assert at.info[0].value.startswith("本页需要")
    at.sidebar.radio(key=ui.LANG_WIDGET).set_value("en").run()
    assert at.title[0].value == t(TITLES[page], "en")


def test_language_choice_survives_page_changes():
    at = _app(locale="en-US")
    at.sidebar.radio(key=ui.LANG_WIDGET).set_value("zh").run()
    at.switch_page(ui.PERSONAS_PAGE).run()
    _no_exception(at)
    assert at.title[0].value == "用户画像（RFM）"
    assert at.sidebar.radio(key=ui.LANG_WIDGET).value == "zh"


# ---- sample shop -------------------------------------------------------------------------
def test_load_sample_from_home_fills_the_session_and_every_page_sees_it():
    at = _app()
    at.button(key="home_sample").click().run()
    _no_exception(at)
    loaded = at.session_state[ui.DATASETS]
    assert "orders" in loaded and len(loaded["orders"].frame) > 0
    assert t("ui_sample_loaded", "en").split(":")[0] in _texts(at)
    summary = at.dataframe[-1].value
    assert t("kind_orders", "en") in summary[t("ui_sum_kind", "en")].tolist()
    for page, kinds in GUARDED.items():
        at.switch_page(page).run()
        _no_exception(at)
        assert not _has_key(at, "guard_sample")
        used = next(loaded[k] for k in kinds if k in loaded)
        expected = t(
            "ui_uses_data", "en", kind=t("kind_" + used.kind, "en"), name=used.name, rows=len(used.frame)
        )
        assert ui.md(expected) in _texts(at)  # as written in Markdown: file names escaped


def _has_key(at: AppTest, key: str) -> bool:
    return any(getattr(b, "key", None) == key for b in at.button)


def test_guard_button_loads_sample_and_page_continues():
    at = _app(ui.PERSONAS_PAGE)
    at.button(key="guard_sample").click().run()
    _no_exception(at)
    assert not _has_key(at, "guard_sample")
    orders = at.session_state[ui.DATASETS]["orders"]
    expected = t("ui_uses_data", "en", kind="Orders", name=orders.name, rows=len(orders.frame))
    assert ui.md(expected) in _texts(at)


@pytest.mark.parametrize(
    ("page", "kind"),
    [
        (ui.FUNNEL_PAGE, "orders"),
        (ui.PERSONAS_PAGE, "orders"),
        (ui.CHANNEL_PAGE, "orders"),
        (ui.ABTEST_PAGE, None),
    ],
)
def test_pages_read_prefilled_session_state(page, kind):
    orders = _orders_dataset(4)
    at = _app(page, **{ui.DATASETS: {"orders": orders}})
    _no_exception(at)
    if kind:
        assert t("ui_uses_data", "en", kind="Orders", name="orders.csv", rows=4) in _texts(at)
    assert not _has_key(at, "guard_sample")


def test_home_summary_shows_rows_dates_and_customers():
    at = _app(**{ui.DATASETS: {"orders": _orders_dataset(3)}})
    _no_exception(at)
    row = at.dataframe[0].value.iloc[0]
    assert row[t("ui_sum_rows", "en")] == "3"
    assert row[t("ui_sum_from", "en")] == "2024-01-01"
    assert row[t("ui_sum_to", "en")] == "2024-01-03"
    assert row[t("ui_sum_customers", "en")] == "2"
    assert row[t("ui_sum_source", "en")] == "orders.csv"


# ---- Upload page -------------------------------------------------------------------------
def _upload(at: AppTest, *files: tuple[str, bytes]) -> AppTest:
    at.file_uploader[0].set_value([(name, data, "text/csv") for name, data in files]).run()
    _no_exception(at)
    return at


def test_upload_detects_kind_maps_columns_and_confirms(orders_csv):
    at = _upload(_app(ui.UPLOAD_PAGE), ("orders.csv", orders_csv))
    assert at.selectbox[0].value == "orders"
    text = _texts(at)
    assert "Detected: **Orders**" in text
    mapping = next(e for e in at.expander if e.label == t("ui_mapping_header", "en"))
    assert not mapping.proto.expanded  # a confident guess keeps the editor folded
    labels = {s.label: s.value for s in at.selectbox}
    assert labels["Order ID *"] == "Order ID"
    assert labels["Revenue (order amount before refunds) *"] == "Total"
    assert t("ui_preview", "en", n=6, total=6) in text
    at.button(key="upload_confirm").click().run()
    _no_exception(at)
    orders = at.session_state[ui.DATASETS]["orders"]
    assert len(orders.frame) == 6
    assert orders.frame["revenue"].sum() == pytest.approx(570.65)
    assert "Loaded: Orders (orders.csv, 6)" in _texts(at)
    # another page now sees the upload
    at.switch_page(ui.PERSONAS_PAGE).run()
    _no_exception(at)
    assert "Using Orders from 'orders.csv': 6 rows." in _texts(at)


def test_upload_in_chinese_with_chinese_headers(orders_zh_csv):
    at = _upload(_app(ui.UPLOAD_PAGE, locale="zh-CN"), ("淘宝订单.csv", orders_zh_csv))
    assert at.selectbox[0].value == "orders"
    assert "识别为：**订单**" in _texts(at)
    at.button(key="upload_confirm").click().run()
    _no_exception(at)
    assert len(at.session_state[ui.DATASETS]["orders"].frame) == 4
    assert "已加载：订单（淘宝订单.csv" in _texts(at) or "已加载：订单 (淘宝订单.csv" in _texts(at)


def test_changing_the_mapping_changes_the_dataset(orders_csv):
    at = _upload(_app(ui.UPLOAD_PAGE), ("orders.csv", orders_csv))
    customer = next(s for s in at.selectbox if s.label == "Customer ID")
    customer.set_value(ui.SKIP).run()
    _no_exception(at)
    at.button(key="upload_confirm").click().run()
    frame = at.session_state[ui.DATASETS]["orders"].frame
    assert "customer_id" not in frame.columns or frame["customer_id"].isna().all()


def test_skipping_a_table_leaves_nothing_to_confirm(orders_csv):
    at = _upload(_app(ui.UPLOAD_PAGE), ("orders.csv", orders_csv))
    at.selectbox[0].set_value(ui.SKIP).run()
    _no_exception(at)
    assert at.button(key="upload_confirm").disabled
    assert ui.DATASETS not in at.session_state or not at.session_state[ui.DATASETS]


def test_missing_required_column_is_a_friendly_error(orders_csv):
    at = _upload(_app(ui.UPLOAD_PAGE), ("orders.csv", orders_csv))
    revenue = next(s for s in at.selectbox if s.label == "Revenue (order amount before refunds) *")
    revenue.set_value(ui.SKIP).run()
    _no_exception(at)
    assert at.error, "expected an error for the missing required column"
    assert "Revenue" in at.error[0].value or "revenue" in at.error[0].value


def test_unmapped_required_column_opens_the_mapping_and_can_be_picked():
    data = (
        b"Order ID,Created at,Customer ID,Foo\n"
        b"1,2024-01-01 10:00,c1,12.5\n2,2024-01-02 11:00,c2,8\n3,2024-01-03 12:00,c1,3\n"
    )
    at = _upload(_app(ui.UPLOAD_PAGE), ("odd.csv", data))
    assert at.selectbox[0].value == "orders"
    assert "revenue" in at.error[0].value.lower()
    mapping = next(e for e in at.expander if e.label == t("ui_mapping_header", "en"))
    assert mapping.proto.expanded
    assert at.button(key="upload_confirm").disabled
    next(s for s in at.selectbox if s.label == "Revenue (order amount before refunds) *").set_value("Foo").run()
    _no_exception(at)
    assert not at.error
    at.button(key="upload_confirm").click().run()
    assert at.session_state[ui.DATASETS]["orders"].frame["revenue"].tolist() == [12.5, 8.0, 3.0]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_empty_file_gives_a_message_in_the_users_language(lang):
    at = _upload(_app(ui.UPLOAD_PAGE, locale=f"{lang}-XX"), ("empty.csv", b""))
    assert at.error[0].value == t("err_empty_file", lang, name="empty.csv")


def test_unexpected_failure_is_a_sentence_not_a_traceback(monkeypatch, orders_csv):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(ec, "interpret", broken)
    at = _upload(_app(ui.UPLOAD_PAGE), ("weird.csv", orders_csv))
    assert at.error[0].value == t("ui_unexpected", "en", name="weird.csv")
    assert "boom" not in _texts(at)
    assert at.button(key="upload_confirm").disabled


def test_a_failing_guess_reads_as_not_recognised(monkeypatch, orders_csv):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(ec, "guess", broken)
    at = _upload(_app(ui.UPLOAD_PAGE), ("weird.csv", orders_csv))
    assert t("ui_not_detected", "en") in _texts(at)
    assert at.selectbox[0].value == ui.SKIP
    at.selectbox[0].set_value("orders").run()  # the user can still pick the kind
    _no_exception(at)
    at.button(key="upload_confirm").click().run()
    assert len(at.session_state[ui.DATASETS]["orders"].frame) == 6


def test_relational_files_uploaded_together_are_joined():
    names = ["olist_orders_dataset.csv", "olist_order_payments_dataset.csv", "olist_customers_dataset.csv"]
    files = [(n, (FIXTURES / n).read_bytes()) for n in names]
    at = _upload(_app(ui.UPLOAD_PAGE), *files)
    kinds = [s.value for s in at.selectbox if s.label == t("ui_kind_label", "en")]
    assert kinds == ["orders", "order_payments", "customer_table"]
    assert not at.error  # orders may lack revenue: the payments file supplies it
    at.button(key="upload_confirm").click().run()
    _no_exception(at)
    loaded = at.session_state[ui.DATASETS]
    assert set(loaded) == {"orders"}
    expected = ec.load_files(files)[0].frame
    pd.testing.assert_frame_equal(loaded["orders"].frame, expected)


def test_two_tables_of_one_kind_are_stacked():
    name = "uci_online_retail_ii.xlsx"  # two year sheets, both orders
    at = _upload(_app(ui.UPLOAD_PAGE), (name, (FIXTURES / name).read_bytes()))
    at.button(key="upload_confirm").click().run()
    _no_exception(at)
    kept = at.session_state[ui.DATASETS]["orders"]
    assert kept.name == f"{name}:Year 2009-2010 + {name}:Year 2010-2011"
    sheets = ec.load_all(FIXTURES / name)
    assert len(kept.frame) == sum(len(d.frame) for d in sheets) == 9


def test_orders_without_revenue_alone_ask_for_the_column():
    name = "olist_orders_dataset.csv"
    at = _upload(_app(ui.UPLOAD_PAGE), (name, (FIXTURES / name).read_bytes()))
    assert "revenue" in at.error[0].value.lower()
    assert at.button(key="upload_confirm").disabled


def test_every_sheet_of_a_workbook_is_offered():
    name = "shop_workbook.xlsx"
    at = _upload(_app(ui.UPLOAD_PAGE), (name, (FIXTURES / name).read_bytes()))
    kinds = [s.value for s in at.selectbox if s.label == t("ui_kind_label", "en")]
    assert len(kinds) == 4 and kinds[0] == ui.SKIP  # the notes sheet is not data
    assert set(kinds[1:]) == {"orders", "traffic", "spend"}
    at.button(key="upload_confirm").click().run()
    _no_exception(at)
    assert set(at.session_state[ui.DATASETS]) == {"orders", "traffic", "spend"}


def test_same_file_twice_is_read_once(orders_csv):
    at = _upload(_app(ui.UPLOAD_PAGE), ("a.csv", orders_csv), ("b.csv", orders_csv))
    assert t("ui_duplicate_file", "en", name="b.csv", other="a.csv") in _texts(at)
    assert len([s for s in at.selectbox if s.label == t("ui_kind_label", "en")]) == 1


def test_clear_forgets_data_and_files(orders_csv):
    at = _upload(_app(ui.UPLOAD_PAGE), ("orders.csv", orders_csv))
    at.button(key="upload_confirm").click().run()
    assert at.session_state[ui.DATASETS]
    at.button(key="upload_clear").click().run()
    _no_exception(at)
    assert at.session_state[ui.DATASETS] == {}
    assert t("ui_cleared", "en") in _texts(at)
    assert not at.file_uploader[0].value


def test_upload_replaces_the_same_kind(orders_csv, orders_zh_csv):
    at = _app(ui.UPLOAD_PAGE)
    at.button(key="upload_sample").click().run()
    _no_exception(at)
    sample_orders = at.session_state[ui.DATASETS]["orders"].name
    _upload(at, ("orders.csv", orders_csv))
    at.button(key="upload_confirm").click().run()
    _no_exception(at)
    loaded = at.session_state[ui.DATASETS]
    assert loaded["orders"].name == "orders.csv"
    assert len(loaded) > 1  # the sample's other kinds stay
    assert ui.md(t("ui_replaced", "en", kind="Orders", old=sample_orders, new="orders.csv")) in _texts(at)


def test_download_buttons_for_the_cleaned_table(orders_csv):
    at = _upload(_app(ui.UPLOAD_PAGE), ("orders.csv", orders_csv))
    labels = [b.label for b in at.get("download_button")]
    assert labels == [t("ui_download_csv", "en"), t("ui_download_xlsx", "en")]


# ---- pure helpers of ui ------------------------------------------------------------------
def test_summary_frame_is_per_kind_in_the_users_language():
    frame = ui.summary_frame({"orders": _orders_dataset(3)}, "zh")
    assert list(frame.columns) == [
        t(k, "zh")
        for k in (
            "ui_sum_kind",
            "ui_sum_rows",
            "ui_sum_from",
            "ui_sum_to",
            "ui_sum_customers",
            "ui_sum_source",
        )
    ]
    assert frame.iloc[0].tolist() == ["订单", "3", "2024-01-01", "2024-01-03", "2", "orders.csv"]
    # a kind without people shows a blank cell, never "None"
    spend = ec.load(b"date,channel,spend\n2024-01-01,a,10\n2024-01-02,b,2000\n", filename="spend.csv")
    assert ui.summary_frame({"spend": spend}, "en").iloc[0].tolist()[1:5] == ["2", "2024-01-01", "2024-01-02", ""]


def test_cached_interpret_is_keyed_by_content(orders_csv):
    a = ui.make_upload("same-name.csv", orders_csv)
    b = ui.make_upload("same-name.csv", orders_csv.replace(b"120.50", b"999.00"))
    assert a.digest != b.digest
    ra = ui.interpret_of(a, 0, "orders", ui.mapping_defaults(a, 0, "orders", ui.guess_of(a, 0))[0])
    rb = ui.interpret_of(b, 0, "orders", ui.mapping_defaults(b, 0, "orders", ui.guess_of(b, 0))[0])
    assert ra.frame["revenue"].sum() != rb.frame["revenue"].sum()


def test_cached_loaders_raise_load_errors_every_time():
    bad = ui.make_upload("empty.csv", b"")
    for _ in range(2):
        with pytest.raises(ec.LoadError) as info:
            ui.tables_of(bad)
        assert info.value.code == "err_empty_file"


def test_every_column_and_kind_the_upload_page_shows_has_a_label_in_both_languages():
    from ecom_core.i18n import CATALOG, LANGS
    from ecom_core.load import schema

    keys = [f"kind_{k}" for k in ui.ALL_KINDS]
    keys += [f"col_{c.name}" for k in ui.ALL_KINDS for c in schema.columns(k)]
    keys += [key for key in CATALOG if key.startswith("ui_")]
    missing = [(key, lang) for key in keys for lang in LANGS if not CATALOG.get(key, {}).get(lang)]
    assert not missing
