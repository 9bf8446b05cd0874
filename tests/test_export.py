"""Exports never carry a live spreadsheet formula."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from ecom_core.export import (
    EXCEL_MAX_ROWS,
    neutralize_formulas,
    to_csv_bytes,
    to_excel_bytes,
)


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "product": ['=HYPERLINK("http://x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "Mug"],
            "note": ["\tTab", "\rCR", "plain", None, "a=b"],
            "revenue": [-5.0, 10.0, 0.0, 1.5, 2.0],
            "qty": [1, -2, 3, 4, 5],
        }
    )


def test_text_cells_starting_with_formula_characters_get_an_apostrophe():
    out = neutralize_formulas(_frame())
    assert out["product"].tolist() == [
        '\'=HYPERLINK("http://x")',
        "'+cmd|' /C calc'!A0",
        "'-2+3",
        "'@SUM(A1)",
        "Mug",
    ]
    assert out["note"].tolist()[:3] == ["'\tTab", "'\rCR", "plain"]
    assert pd.isna(out["note"].iloc[3])
    assert out["note"].iloc[4] == "a=b"  # "=" inside the text is harmless


def test_numbers_are_left_as_numbers_and_input_is_not_modified():
    frame = _frame()
    before = frame.copy()
    out = neutralize_formulas(frame)
    assert out["revenue"].tolist() == [-5.0, 10.0, 0.0, 1.5, 2.0]
    assert out["qty"].tolist() == [1, -2, 3, 4, 5]
    assert out["revenue"].dtype == frame["revenue"].dtype
    pd.testing.assert_frame_equal(frame, before)


def test_mixed_object_columns_categoricals_and_headers():
    frame = pd.DataFrame(
        {
            "=bad header": pd.Series([1, "=1+1", None, 2.5], dtype=object),
            "cat": pd.Categorical(["@x", "y", "@x", "y"]),
            "empty": pd.Series([None, None, None, None], dtype=object),
            "when": pd.to_datetime(["2024-01-01"] * 4),
        }
    )
    out = neutralize_formulas(frame)
    assert list(out.columns) == ["'=bad header", "cat", "empty", "when"]
    assert out["'=bad header"].tolist()[:2] == [1, "'=1+1"]
    assert out["cat"].tolist() == ["'@x", "y", "'@x", "y"]
    assert out["empty"].isna().all()
    assert (out["when"] == pd.Timestamp("2024-01-01")).all()


def test_csv_bytes_have_bom_and_no_formula():
    data = to_csv_bytes(_frame())
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    frame = pd.read_csv(io.StringIO(text))
    for cell in frame["product"]:
        assert not str(cell).startswith(("=", "+", "-", "@"))


def test_csv_keeps_chinese_text():
    data = to_csv_bytes(pd.DataFrame({"商品": ["连衣裙", "=恶意"]}))
    text = data.decode("utf-8-sig")
    assert "连衣裙" in text and "'=恶意" in text


def test_excel_bytes_hold_text_not_formulas():
    data = to_excel_bytes(_frame(), sheet_name="orders")
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["orders"]
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row]
    assert all(c.data_type != "f" for c in cells)
    assert sheet["A2"].value == '\'=HYPERLINK("http://x")'
    assert sheet["C2"].value == -5  # numbers stay numbers


def test_excel_refuses_more_rows_than_a_sheet_holds(monkeypatch):
    import ecom_core.export as export

    monkeypatch.setattr(export, "EXCEL_MAX_ROWS", 3)
    with pytest.raises(ValueError):
        export.to_excel_bytes(pd.DataFrame({"a": range(4)}))
    assert EXCEL_MAX_ROWS == 1_048_575
