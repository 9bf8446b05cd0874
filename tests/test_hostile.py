"""Every file of the hostile corpus (tests/hostile_corpus.py) through the loader and through the
app: never an exception, always either a usable dataset with a quality report or a clear
error that names the problem; the bombs and huge files within time and memory bounds."""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

import hostile_corpus as hc
import numpy as np
import pandas as pd
import pytest
import streamlit as st
from conftest import TITLES
from streamlit.testing.v1 import AppTest

import ecom_core as ec
from ecom_core import ui
from ecom_core.i18n import CATALOG, t
from ecom_core.load.schema import KINDS

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
CORPUS = hc.cases()
IDS = hc.case_ids(CORPUS)
#: Pages visited after a file is confirmed, Upload itself excluded (it is where we start).
VISITED = [ui.HOME_PAGE, ui.FUNNEL_PAGE, ui.PERSONAS_PAGE, ui.CHANNEL_PAGE, ui.ABTEST_PAGE, ui.GLOSSARY_PAGE]
#: Sentences the app shows when its safety net caught an error nobody explained: a bug.
UNEXPECTED = [
    t(k, lang).split("{")[0] for k in ("ui_unexpected", "ui_unexpected_action") for lang in ("zh", "en")
]


# ---- the corpus itself ---------------------------------------------------------------------------


def test_corpus_is_large_deterministic_and_varied():
    assert len(CORPUS) >= 150
    assert len(set(IDS)) == len(IDS)
    again = hc.cases()
    assert [c.data for c in again] == [c.data for c in CORPUS]  # no unseeded randomness
    expects = Counter(c.expect for c in CORPUS)
    assert expects[hc.LOADS] >= 100 and expects[hc.REFUSED] >= 40 and expects[hc.EITHER]
    kinds = Counter(c.kind for c in CORPUS if c.expect == hc.LOADS)
    assert all(kinds[k] >= 10 for k in KINDS), kinds
    extensions = Counter(c.name.rsplit(".", 1)[-1] for c in CORPUS)
    assert extensions["csv"] >= 50 and extensions["xlsx"] >= 50
    assert extensions["xls"] and extensions["tsv"] and extensions["txt"]
    assert (
        sum(bool(re.search(r"[\u4e00-\u9fff]", c.data[:400].decode("utf-8", "ignore"))) for c in CORPUS) > 30
    )


def test_corpus_builds_fast():
    t0 = time.perf_counter()
    hc.cases()
    assert time.perf_counter() - t0 < 15  # about 3 s on a quiet 2-core machine


def test_every_notation_of_the_design_is_in_the_corpus():
    descriptions = " ".join(c.description for c in CORPUS)
    for written in ("¥1,234.50", "1.234,50 €", "(1,234.50)", "0.12345万", "1234.5元", "2024/3/1 10:00",
                    "20240301", "2024年3月1日", "1709287200", "1709287200000", "+08:00", "-0700",
                    "45352.4166666667"):  # fmt: skip
        assert written in descriptions, written


# ---- a: every case through the loader ---------------------------------------------------------------


def _check_error(case: hc.Case, err: ec.LoadError) -> None:
    assert err.code != "err_unexpected", f"the safety net caught it: {err.message('en')}"
    zh, en = err.message("zh"), err.message("en")
    for message in (zh, en):
        assert len(message) > 15 and message != err.code
        assert not re.search(r"\{[a-z_]+(:[^}]*)?\}", message), message
        assert "Traceback" not in message
    assert re.search(r"[\u4e00-\u9fff]", zh) and zh != en
    if "{name}" in CATALOG[err.code]["en"]:
        assert case.name in en and case.name in zh
    if case.errors:
        assert err.code in case.errors, (err.code, en)
    if case.word:
        assert case.word in en, en


def _same(got: object, want: object) -> bool:
    if isinstance(want, float):
        return got is not None and math.isclose(float(got), want, rel_tol=1e-9, abs_tol=1e-9)
    if hasattr(want, "year"):
        return pd.Timestamp(got) == pd.Timestamp(want)
    return got == want


def _check_dataset(case: hc.Case, sets: list[ec.Dataset]) -> None:
    ds = sets[0]
    if case.kind:
        assert ds.kind == case.kind, (ds.kind, [d.kind for d in sets])
    if case.rows is not None:
        assert len(ds.frame) == case.rows
    if case.value:
        column, want = case.value
        got = ds.frame[column].iloc[0]
        assert _same(got, want), f"{column}: {got!r} != {want!r}"
    for d in sets:
        r = d.report
        assert 0 < r.rows_kept == len(d.frame) <= r.rows_read
        assert r.rows_read == r.rows_kept + sum(r.dropped.values()), (r.rows_read, r.rows_kept, r.dropped)
        for lang in ("zh", "en"):
            assert all(m and not re.search(r"\{[a-z_]+\}", m) for m in r.messages(lang))
            table = r.summary_rows(lang)
            assert len(table) >= 2 and table.notna().all().all()
        numbers = d.frame.select_dtypes("number")
        assert not np.isinf(numbers.to_numpy(dtype="float64", na_value=np.nan)).any(), "an infinity survived"


@pytest.mark.parametrize("case", CORPUS, ids=IDS)
def test_load(case: hc.Case):
    try:
        sets = ec.load_files([(case.name, case.data)])
    except ec.LoadError as err:
        assert case.expect != hc.LOADS, f"refused: {err.code}: {err.message('en')}"
        _check_error(case, err)
        return
    assert case.expect != hc.REFUSED, f"loaded as {[repr(d) for d in sets]}"
    _check_dataset(case, sets)


# ---- b: every case through the app ---------------------------------------------------------------


@pytest.fixture(scope="module", autouse=True)
def _fresh_cache():
    st.cache_data.clear()
    yield
    st.cache_data.clear()


def _no_exception(at: AppTest, where: str) -> None:
    assert not at.exception, (where, [e.value for e in at.exception])
    shown = [e.value for e in at.error]
    assert not [m for m in shown if any(m.startswith(u) for u in UNEXPECTED)], (where, shown)


@pytest.mark.parametrize("case", CORPUS, ids=IDS)
def test_app(case: hc.Case):
    lang = "zh" if CORPUS.index(case) % 2 else "en"
    at = AppTest.from_file(APP, default_timeout=120)
    at.context["locale"] = "zh-CN" if lang == "zh" else "en-US"
    at.switch_page(ui.UPLOAD_PAGE).run()
    assert at.title[0].value == t(TITLES[ui.UPLOAD_PAGE], lang)
    at.file_uploader[0].set_value([(case.name, case.data, "application/octet-stream")]).run()
    if Path(case.name).suffix.lower().lstrip(".") not in ui.UPLOAD_TYPES:
        # The browser's file picker refuses these; AppTest reports the widget's own check.
        assert case.expect == hc.REFUSED
        assert [e.value for e in at.exception if "Invalid file extension" in e.value], at.exception
        return
    _no_exception(at, "upload")
    confirm = at.button(key="upload_confirm")
    said = [e.value for kind in ("error", "warning") for e in getattr(at, kind) if e.value]
    if confirm.disabled:
        assert said, "nothing to confirm and nothing said"
        assert case.expect != hc.LOADS, said
        return
    assert case.expect != hc.REFUSED, "the app offers to confirm a file that must be refused"
    confirm.click().run()
    _no_exception(at, "confirm")
    assert at.session_state[ui.DATASETS], "confirmed, but nothing kept"
    for page in VISITED:
        at.switch_page(page).run()
        _no_exception(at, page)
        assert at.title[0].value == t(TITLES[page], lang)


# ---- c: bombs and huge files, measured in a fresh interpreter -------------------------------------

# Peak memory comes from the kernel's high-water mark of the process (VmHWM), reset before each
# file: getrusage's ru_maxrss would do for one file, but it cannot be reset and on Linux it
# survives exec, so it starts at the size of the pytest process that spawned the interpreter.
MEASURE = textwrap.dedent(
    """
    import gc, json, re, sys, time
    import fastexcel, pandas, pyarrow  # noqa: F401  (imports are part of the baseline)
    import ecom_core as ec
    from ecom_core.load import detect, loader, reader  # noqa: F401

    def status(key):
        with open("/proc/self/status") as f:
            return int(re.search(key + r":\\s+(\\d+)", f.read()).group(1)) / 1024

    for name, path in json.loads(sys.argv[1]):
        data = open(path, "rb").read()
        gc.collect()
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")  # the high-water mark starts again from here
        base = status("VmRSS")
        t0 = time.perf_counter()
        try:
            outcome = [d.kind for d in ec.load_files([(name, data)])]
        except ec.LoadError as err:
            outcome = err.code
        seconds = time.perf_counter() - t0
        print(json.dumps({"outcome": outcome, "seconds": seconds, "extra_mb": status("VmHWM") - base}))
        sys.stdout.flush()
    """
)

HUGE = [c for c in CORPUS if c.huge]


def _bounds(case: hc.Case) -> tuple[float, float]:
    """(seconds, extra MB) for a case: several times what it takes on a shared 2-core machine,
    far below what a blow-up costs (inflating a bomb, a quadratic pass over 10,000 columns,
    a dense 16,384-column sheet)."""
    if "bomb" in case.description or "stray" in case.description or "laughs" in case.description:
        return 5, 200
    return 10, 600


@pytest.fixture(scope="module")
def measured(tmp_path_factory) -> dict[int, dict]:
    """Every huge case loaded in one fresh interpreter, one after the other: outcome, seconds
    and extra peak memory per case (a case that kills the process leaves the rest missing)."""
    folder = tmp_path_factory.mktemp("huge")
    files = []
    for i, case in enumerate(HUGE):
        path = folder / f"{i}.bin"
        path.write_bytes(case.data)
        files.append((case.name, str(path)))
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, json.dumps(files)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    lines = [json.loads(x) for x in done.stdout.splitlines() if x.startswith("{")]
    return {"results": dict(enumerate(lines)), "returncode": done.returncode, "stderr": done.stderr[-2000:]}


@pytest.mark.parametrize("index", range(len(HUGE)), ids=[IDS[CORPUS.index(c)] for c in HUGE])
def test_huge_case_time_and_memory(index: int, measured):
    case = HUGE[index]
    result = measured["results"].get(index)
    assert result is not None, f"the process died before this case: {measured['stderr']}"  # a Rust abort
    seconds, megabytes = _bounds(case)
    assert result["seconds"] < seconds, result
    assert result["extra_mb"] < megabytes, result
    if case.expect == hc.REFUSED:
        assert isinstance(result["outcome"], str), result
    elif case.expect == hc.LOADS:
        assert result["outcome"][0] == case.kind, result
