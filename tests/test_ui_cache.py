"""ui.computed: analyses cached on the content of their data, never on the object holding it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import ecom_core as ec
from ecom_core import ui
from ecom_core.load import dataset
from ecom_core.ui import cache

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


def test_fingerprint_follows_content_in_every_column_type():
    def frame(**change) -> pd.DataFrame:
        columns = {
            "order_id": pd.array(["A1", "A2", None], dtype="str"),
            "order_time": pd.to_datetime(["2025-01-01", "2025-01-02", None]),
            "revenue": [1.5, 2.0, float("nan")],
            "status": pd.Categorical(["paid", "refunded", "paid"]),
            "quantity": pd.array([1, None, 3], dtype="Int64"),
            "note": pd.Series([{"a": 1}, "x", 2], dtype=object),
        }
        return pd.DataFrame({**columns, **change})

    base = ec.Dataset("orders", frame(), {}, ec.QualityReport(3, 3)).fingerprint
    assert ec.Dataset("orders", frame(), {}, ec.QualityReport(3, 3)).fingerprint == base
    assert ec.Dataset("events", frame(), {}, ec.QualityReport(3, 3)).fingerprint != base
    changes = {
        "order_id": pd.array(["A1", "A3", None], dtype="str"),
        "order_time": pd.to_datetime(["2025-01-01", "2025-01-03", None]),
        "revenue": [1.5, 2.5, float("nan")],
        "status": pd.Categorical(["paid", "paid", "paid"], categories=["paid", "refunded"]),
        "quantity": pd.array([1, 2, 3], dtype="Int64"),
        "note": pd.Series([{"a": 2}, "x", 2], dtype=object),
    }
    for column, values in changes.items():
        changed = ec.Dataset("orders", frame(**{column: values}), {}, ec.QualityReport(3, 3))
        assert changed.fingerprint != base, column
    renamed = frame().rename(columns={"note": "comment"})
    assert ec.Dataset("orders", renamed, {}, ec.QualityReport(3, 3)).fingerprint != base
    # a slice with the same values as a fresh frame never takes another content's digest
    sliced = pd.concat([frame(), frame()], ignore_index=True).iloc[3:].reset_index(drop=True)
    assert dataset.content_digest(sliced[["revenue", "order_time"]]) == dataset.content_digest(
        frame()[["revenue", "order_time"]]
    )


def _total_default(frame: pd.DataFrame, column: str = "revenue") -> float:
    CALLS.append("total_default")
    return float(frame[column].sum())


def test_the_key_is_the_bound_call_not_its_spelling():
    st.cache_resource.clear()
    CALLS.clear()
    data = _dataset([1.0, 2.0])
    assert ui.computed(_total_default, data, "revenue") == 3.0
    assert ui.computed(_total_default, data, column="revenue") == 3.0
    assert ui.computed(_total_default, data) == 3.0  # the default is the same column
    assert ui.computed(_total_default, frame=data) == 3.0
    assert CALLS == ["total_default"]
    ui.spec(_chart, data, "revenue")
    ui.spec(_chart, data)
    assert CALLS == ["total_default", "chart"]


def _chart(frame: pd.DataFrame, column: str = "revenue"):
    import altair as alt

    CALLS.append("chart")
    return alt.Chart(frame).mark_bar().encode(x=f"{column}:Q")


def test_derived_results_are_safe_when_many_sessions_compute_at_once():
    """Script threads of concurrent sessions remember and look up derived results together;
    the registry behind the cache is changed under a lock, so none of them sees it change
    size while iterating."""
    import sys
    import threading

    errors: list[BaseException] = []
    start = threading.Barrier(8)

    class Result:  # any object a cached call may return (weakly referenceable)
        pass

    def session(seed: int) -> None:
        kept = []
        try:
            start.wait()
            for i in range(3000):
                result = Result()
                cache._remember(result, ("hammer", seed, i))
                assert cache._derived_key(result) == ("hammer", seed, i)
                kept.append(result)
                if len(kept) > 200:  # results leave the cache: their entries go stale
                    del kept[:100]
        except BaseException as err:
            errors.append(err)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        threads = [threading.Thread(target=session, args=(n,)) for n in range(8)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
    finally:
        sys.setswitchinterval(interval)
    assert errors == []
