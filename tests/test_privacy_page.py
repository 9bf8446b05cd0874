"""Demo mode in the app: the sidebar switch, and no original customer identifier on any page,
tab, chart or table of the sample shop while it is on (and the originals when it is off)."""

from __future__ import annotations

import pandas as pd
import pytest
from google.protobuf import text_format
from google.protobuf.message import Message
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest

import ecom_core as ec
from ecom_core import privacy, ui
from ecom_core.i18n import t

FUNNEL_TABS = ("fn_tab_funnel", "fn_tab_breakdown", "fn_tab_trend", "fn_tab_sales", "fn_tab_when")
PERSONAS_TABS = ("ps_tab_segments", "ps_tab_personas", "ps_tab_value", "ps_tab_movement", "ps_tab_export")
CHANNEL_TABS = tuple(f"ch_tab_{k}" for k in ("table", "quality", "budget", "attribution", "mapping"))
VIEWS = (
    [(ui.HOME_PAGE, None, None), (ui.UPLOAD_PAGE, None, None), (ui.ABTEST_PAGE, None, None)]
    + [(ui.FUNNEL_PAGE, "fn_tabs", k) for k in FUNNEL_TABS]
    + [(ui.PERSONAS_PAGE, "ps_tab", k) for k in PERSONAS_TABS]
    + [(ui.CHANNEL_PAGE, "ch_tab", k) for k in CHANNEL_TABS]
)


def _protos(node, out: list) -> list:
    proto = getattr(node, "proto", None)
    if proto is not None:
        out.append(proto)
    for child in getattr(node, "children", {}).values():
        _protos(child, out)
    return out


def _without_bytes(message: Message) -> Message:
    """A copy of a proto message without its binary fields (Arrow data is read as frames
    below; dumped as text, neighbouring cells would run together into false matches)."""
    copy = type(message).FromString(message.SerializeToString())
    _clear_bytes(copy)
    return copy


def _clear_bytes(message: Message) -> None:
    for field, value in message.ListFields():
        if field.type == field.TYPE_BYTES:
            message.ClearField(field.name)
        elif field.type == field.TYPE_MESSAGE:
            if isinstance(value, Message):
                items = [value]
            else:  # a repeated field or a map
                items = value.values() if hasattr(value, "values") else value
            for item in items:
                if isinstance(item, Message):
                    _clear_bytes(item)


def shown(at: AppTest) -> str:
    """Everything the run put on screen: every element's text and every table and chart's data."""
    protos = _protos(at._tree, [])
    parts = [text_format.MessageToString(_without_bytes(p), as_utf8=True) for p in protos]
    parts += [df.value.to_csv() for df in at.dataframe]
    for proto in protos:
        if proto.DESCRIPTOR.name == "VegaLiteChart":  # Altair data travels as Arrow tables
            for named in proto.datasets:
                parts.append(dataframe_util.convert_arrow_bytes_to_pandas_df(named.data.data).to_csv())
    return "\n".join(parts)


def _open(open_page, page, data, tab_key=None, tab=None, lang="en", demo=True) -> AppTest:
    state = {tab_key: t(tab, lang)} if tab_key else {}
    at = open_page(page, data, lang=lang, demo_mode=demo, **state)
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_switch_in_the_sidebar_in_both_languages(open_page):
    for lang in ("en", "zh"):
        at = open_page(ui.HOME_PAGE, lang=lang)
        switch = at.sidebar.toggle(key=ui.DEMO_MODE)
        assert switch.label == t("dm_toggle", lang) and switch.value is False
        switch.set_value(True).run()
        assert not at.exception
        assert t("dm_active", lang) in [c.value for c in at.sidebar.caption]
        at.switch_page(ui.PERSONAS_PAGE).run()  # stays on from page to page
        assert at.sidebar.toggle(key=ui.DEMO_MODE).value is True
        assert at.session_state[ui.DEMO_MODE] is True


@pytest.mark.parametrize(("page", "tab_key", "tab"), VIEWS)
def test_no_original_identifier_anywhere_in_demo_mode(open_page, sample_shop, page, tab_key, tab):
    data = sample_shop("en")
    at = _open(open_page, page, data, tab_key, tab)
    if tab_key:
        assert any(x.label == t(tab, "en") for x in at.tabs)
    assert privacy.leaked(data, shown(at)) == []
    # the session still holds the confirmed originals
    assert at.session_state[ui.DATASETS]["orders"] is data["orders"]


def test_customer_list_shows_pseudonyms_only_in_demo_mode(open_page, sample_shop):
    data = sample_shop("en")
    plain = _open(open_page, ui.PERSONAS_PAGE, data, "ps_tab", "ps_tab_export", demo=False)
    originals = privacy.leaked(data, shown(plain))
    assert len(originals) >= 1000  # the test can fail: the list shows real IDs without demo mode
    demo = _open(open_page, ui.PERSONAS_PAGE, data, "ps_tab", "ps_tab_export")
    listing, plain_listing = demo.dataframe[-1].value, plain.dataframe[-1].value
    assert listing.shape == plain_listing.shape
    ids = listing.iloc[:, 0].astype(str)
    assert ids.str.fullmatch(r"C-[0-9A-F]{8}").all()
    # the pseudonyms are the ones of the page's data (which feed the download button too)
    secret = demo.session_state[ui.DEMO_SECRET]
    expected = privacy.pseudonymise(data, secret)["orders"].frame["customer_id"]
    assert set(ids) <= set(expected)


def test_numbers_do_not_change_in_demo_mode(open_page, sample_shop):
    data = sample_shop("zh")
    plain = _open(open_page, ui.PERSONAS_PAGE, data, lang="zh", demo=False)
    demo = _open(open_page, ui.PERSONAS_PAGE, data, lang="zh")
    assert len(plain.dataframe) == len(demo.dataframe) >= 1
    for a, b in zip(plain.dataframe, demo.dataframe, strict=True):
        pd.testing.assert_frame_equal(a.value, b.value)  # segment tables: counts and money
    assert privacy.leaked(data, shown(demo)) == []


def test_upload_preview_hides_customers_and_keeps_originals(open_page, orders_csv):
    at = open_page(ui.UPLOAD_PAGE, demo_mode=True)
    at.file_uploader[0].set_value([("orders.csv", orders_csv, "text/csv")]).run()
    assert not at.exception
    original = {"orders": ec.load(orders_csv, filename="orders.csv")}
    assert privacy.leaked(original, shown(at), min_length=2) == []
    preview = at.dataframe[0].value
    assert preview[t("col_customer_id", "en")].str.startswith("C-").all()
    at.button(key="upload_confirm").click().run()
    assert not at.exception
    kept = at.session_state[ui.DATASETS]["orders"]
    assert kept.frame["customer_id"].tolist()[:3] == ["C1", "C2", "C1"]  # originals stored
    at.session_state[ui.DEMO_MODE] = False
    at.run()
    assert privacy.leaked(original, shown(at), min_length=2)  # the check can fail: originals shown
    at.switch_page(ui.PERSONAS_PAGE).run()
    at.session_state["ps_tab"] = t("ps_tab_export", "en")
    at.run()
    assert privacy.leaked(original, shown(at), min_length=2)  # demo mode off: the real IDs


def test_no_customer_ids_in_demo_mode_degrades_gracefully(open_page):
    frame = pd.DataFrame(
        {
            "order_id": pd.Series(["1", "2"], dtype="str"),
            "order_time": pd.to_datetime(["2024-01-01", "2024-01-02"]),
            "revenue": [10.0, 20.0],
            "customer_id": pd.Series([None, None], dtype="str"),
        }
    )
    data = {"orders": ec.Dataset("orders", frame, {}, ec.QualityReport(2, 2), name="x.csv")}
    at = _open(open_page, ui.PERSONAS_PAGE, data)
    assert at.error or at.warning or at.info  # a sentence, not a traceback


def test_upload_preview_hides_chinese_buyer_names(open_page, orders_zh_csv):
    at = open_page(ui.UPLOAD_PAGE, lang="zh", demo_mode=True)
    at.file_uploader[0].set_value([("淘宝订单.csv", orders_zh_csv, "text/csv")]).run()
    assert not at.exception
    original = {"orders": ec.load(orders_zh_csv, filename="淘宝订单.csv")}
    assert set(original["orders"].frame["customer_id"]) == {"张三", "李四", "王五"}
    assert privacy.leaked(original, shown(at), min_length=2) == []
    preview = at.dataframe[0].value[t("col_customer_id", "zh")]
    assert preview.str.fullmatch(r"C-[0-9A-F]{8}").all() and preview.nunique() == 3
    assert t("dm_active", "zh") in [c.value for c in at.sidebar.caption]
