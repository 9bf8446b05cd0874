"""ui.computed: analyses cached on the content of their data, never on the object holding it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import ecom_core as ec
from ecom_core import ui

CALLS: list[str] = []


def _total(frame: pd.DataFrame, column: str) -> float:
    CALLS.append("total")
    return float(frame[column].sum())


def _same(frame: pd.DataFrame) -> pd.DataFrame:
    CALLS.append("same")
    return frame


def _rows(frame: pd.DataFrame) -> int:
    CALLS.append("rows")
    return len(frame)


def _dataset(values) -> ec.Dataset:
    frame = pd.DataFrame({"revenue": values})
    return ec.Dataset("orders", frame, {}, ec.QualityReport(len(frame), len(frame)))


def test_equal_content_is_computed_once_and_other_content_again():
    st.cache_resource.clear()
    CALLS.clear()
    assert ui.computed(_total, _dataset([1.0, 2.0]), "revenue") == 3.0
    assert ui.computed(_total, _dataset([1.0, 2.0]), "revenue") == 3.0  # another object, same data
    assert CALLS == ["total"]
    assert ui.computed(_total, _dataset([1.0, 5.0]), "revenue") == 6.0  # one value differs
    assert CALLS == ["total", "total"]


def test_results_passed_on_are_keyed_by_how_they_were_made():
    st.cache_resource.clear()
    CALLS.clear()
    data = _dataset(range(10))
    for _ in range(3):  # reruns: a result that returns its input keeps one stable key
        kept = ui.computed(_same, data)
        assert ui.computed(_rows, ui.computed(_same, kept)) == 10
    assert CALLS == ["same", "same", "rows"]
