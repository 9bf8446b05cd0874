"""Saving and restoring an analysis: the state file, its checks, and the app around it."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
from conftest import ROOT
from streamlit.testing.v1 import AppTest

import ecom_core as ec
from ecom_core import state, ui
from ecom_core.i18n import t


def _dataset(kind: str, values) -> ec.Dataset:
    frame = pd.DataFrame({"order_id": [str(v) for v in values], "revenue": [float(v) for v in values]})
    return ec.Dataset(kind, frame, {}, ec.QualityReport(len(frame), len(frame)), name=f"{kind}.csv")


SESSION = {
    "fn_whatif_points": 4.5,
    "fn_window": "7d",
    "fn_dates_orders_abc": (dt.date(2025, 1, 1), dt.date(2025, 3, 31)),
    "ch_mapping": pd.DataFrame({"value": ["直通车"], "group": ["Paid Search"], "class": ["paid"]}),
    "gl_search": "ROAS",
    "upload_files_0": ["not a setting"],
    "fn_mapping_editor": {"edited_rows": {}},
    "fn_tabs": "Breakdown",  # an open tab is a label in one language: not a setting
    "ps_k": object(),  # not JSON-able: left out, not an error
}


def test_round_trip_keeps_every_setting_with_its_type():
    orders = {"orders": _dataset("orders", [1, 2, 3])}
    content = state.snapshot(SESSION, orders, {"abc:orders": {"order_id": "Order ID"}}, "zh")
    saved = json.loads(content)
    assert saved["data"]["orders"]["fingerprint"] == orders["orders"].fingerprint
    assert "upload_files_0" not in saved["settings"] and "fn_mapping_editor" not in saved["settings"]
    assert "fn_tabs" not in saved["settings"]
    assert "ps_k" not in saved["settings"]
    restored = state.restore(content, orders)
    assert restored.notes == ()
    assert restored.settings["fn_whatif_points"] == 4.5 and restored.settings["fn_window"] == "7d"
    assert restored.settings["fn_dates_orders_abc"] == [dt.date(2025, 1, 1), dt.date(2025, 3, 31)]
    pd.testing.assert_frame_equal(restored.settings["ch_mapping"], SESSION["ch_mapping"])
    assert restored.mappings == {"abc:orders": {"order_id": "Order ID"}}


def test_a_file_made_for_other_data_restores_only_what_still_applies():
    content = state.snapshot(SESSION, {"orders": _dataset("orders", [1, 2, 3])})
    restored = state.restore(content, {"orders": _dataset("orders", [9, 9])})
    assert set(restored.settings) == {"gl_search"}  # funnel and channel settings depend on the orders
    (note,) = restored.notes
    assert note.code == "st_note_other_data"
    assert "Funnel" in note.text("en") and "渠道分析" in note.text("zh")


def test_a_tampered_file_loses_only_the_bad_entries():
    saved = json.loads(state.snapshot(SESSION, {}))
    saved["settings"]["fn_window"] = {"$python": "os.system('x')"}
    saved["settings"]["upload_files_0"] = "sneaked in"
    saved["mappings"]["x:orders"] = {"order_id": 42}
    saved["version"] = 0
    restored = state.restore(json.dumps(saved).encode(), {})
    assert "fn_window" not in restored.settings and "upload_files_0" not in restored.settings
    assert restored.settings["fn_whatif_points"] == 4.5
    assert restored.mappings == {}
    assert {n.code for n in restored.notes} == {"st_note_version", "st_note_dropped"}
    assert next(n for n in restored.notes if n.code == "st_note_dropped").params["n"] == 3


@pytest.mark.parametrize(
    "content", [b"", b"\xff\xfe garbage", b"[1, 2]", b'{"app": "other"}', b"x" * 3_000_000]
)
def test_what_is_not_a_state_file_is_refused_with_a_sentence(content):
    with pytest.raises(ec.LoadError) as err:
        state.restore(content, {})
    assert err.value.code == "st_err_not_state"
    assert "analysis" in err.value.message("en")


def test_layout_key_ignores_case_and_spacing_but_not_order():
    assert state.layout_key(["Order ID", "Total "]) == state.layout_key(["order id", "TOTAL"])
    assert state.layout_key(["Order ID", "Total"]) != state.layout_key(["Total", "Order ID"])


def test_restoring_on_the_home_page_sets_the_pages_settings(sample_shop):
    shop = sample_shop("en")
    content = state.snapshot({"fn_whatif_points": 4.0, "fn_window": "1d"}, shop)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.context["locale"] = "en-US"
    at.session_state[ui.DATASETS] = dict(shop)
    at.run()
    at.file_uploader(key="st_restore_file").set_value([("analysis.json", content, "application/json")]).run()
    assert not at.exception
    assert t("st_restored", "en", n=2, m=0) in [s.value for s in at.success]
    at.switch_page(ui.FUNNEL_PAGE).run()
    assert not at.exception
    assert at.slider(key="fn_whatif_points").value == 4.0
    assert at.selectbox(key="fn_window").value == "1d"


def test_a_confirmed_mapping_is_the_default_for_the_same_layout_next_time(orders_csv):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.context["locale"] = "en-US"
    at.run()
    at.switch_page(ui.UPLOAD_PAGE).run()
    at.file_uploader[0].set_value([("orders.csv", orders_csv, "text/csv")]).run()
    next(s for s in at.selectbox if s.label == "Product").set_value(ui.SKIP).run()
    at.button(key="upload_confirm").click().run()
    assert not at.exception
    # the same export layout again, next month: the product column stays unmapped
    at.button(key="upload_clear").click().run()
    at.file_uploader[0].set_value([("orders_next.csv", orders_csv, "text/csv")]).run()
    assert not at.exception
    assert next(s for s in at.selectbox if s.label == "Product").value == ui.SKIP
    assert (
        next(s for s in at.selectbox if s.label == "Revenue (order amount before refunds) *").value == "Total"
    )


# ---- which widgets are settings: an explicit list per page ---------------------------------------
INPUTS = {"selectbox", "radio", "slider", "number_input", "date_input", "multiselect", "text_input",
          "segmented_control", "toggle", "checkbox"}  # fmt: skip


def _input_keys() -> list[tuple[str, str]]:
    """(file, key or f-string's literal start) of every input widget on the pages and views."""
    import ast

    from conftest import ROOT

    found = []
    files = [
        *sorted((ROOT / "pages").glob("*.py")),
        *sorted((ROOT / "ecom_core" / "ui" / "views").glob("*.py")),
    ]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in INPUTS
            ):
                key = next((k.value for k in node.keywords if k.arg == "key"), None)
                if isinstance(key, ast.Constant):
                    found.append((path.name, key.value))
                elif isinstance(key, ast.JoinedStr):
                    found.append((path.name, key.values[0].value + "x"))  # the literal start, one item
    return found


def test_every_input_widget_of_a_page_is_a_listed_setting():
    keys = _input_keys()
    assert len(keys) > 40  # the scan sees the pages' widgets
    unlisted = [(f, k) for f, k in keys if not state.is_setting(k)]
    assert not unlisted, "add these widget keys to state.PAGES: " + repr(unlisted)


def test_tables_tabs_editors_and_buttons_are_not_settings():
    for key in ("ch_table", "fn_table", "ps_segment_table", "ch_alloc", "fn_tabs", "ch_tab", "ps_tab",
                "ch_mapping_editor", "ps_definitions", "ch_limits_group_50", "ps_reset", "dl_ch_table"):  # fmt: skip
        assert not state.is_setting(key), key
    assert state.page_of("ch_manual_group_Douyin").page == "ch"
    assert state.page_of("fn_steps_0123456789ab").kinds == ("events", "traffic", "orders")
