"""Real-browser tests: the app served by ``streamlit run``, driven in Chromium.

Every page and tab in both languages with the sample shop and with a file of a million
orders (screenshots of each into pytest's tmp dir); two sessions at once that never see each
other's data; cell text that is never rendered as HTML or markdown. Every test fails on an
exception element, a console error or an uncaught page error.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest
from browser_helpers import (
    MARKUP_PROBE,
    TIMEOUT_MS,
    TRACKER,
    UNSAFE_PROBE,
    act,
    before,
    check_page,
    hostile_orders,
    large_orders,
    load_sample,
    marked_orders,
    new_page,
    open_page,
    open_tab,
    page_name,
    shown,
    start,
    tab_count,
    timed,
    upload,
    wait_text,
    walk,
)
from conftest import TITLES

from ecom_core import ui
from ecom_core.channels import group_label
from ecom_core.i18n import t

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
#: Excel's maximum of data rows under one header row; the size of the large-file walk.
LARGE_ROWS = int(os.environ.get("BROWSER_LARGE_ROWS", 1_048_575))
#: Per step with the large file: on a busy two-core machine a first computation can take minutes.
SLOW_MS = 600_000
#: Screenshots per language of one walk: home, upload, funnel x5, personas x5, channel x5,
#: A/B test x2, glossary.
WALK_SHOTS = 20


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (apt-get install chromium); .ci/run installs it")
    port = _free_port()
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", "app.py",
            "--server.headless", "true",
            "--server.port", str(port),
            "--server.address", "127.0.0.1",
            "--server.fileWatcherType", "none",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                output = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
                pytest.fail(f"streamlit exited early ({proc.returncode}):\n{output}")
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("streamlit did not answer within 60 s")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (apt-get install chromium); .ci/run installs it")
    from playwright.sync_api import sync_playwright  # in requirements-dev.txt: never skipped

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def _report(name: str, timings: dict[str, float], folder: Path) -> None:
    """Print the timings (shown with ``-s``) and keep them beside the screenshots."""
    (folder / f"{name}_timings.json").write_text(json.dumps(timings, indent=1))
    print(f"\n{name}: " + ", ".join(f"{k} {v:.1f}s" for k, v in timings.items()))


# ---- the sample shop, every page and tab, both languages ----------------------------------
STEPS = {  # the funnel's biggest leak in the sample shop, by mode and language
    "events": {"en": ("cart", "checkout"), "zh": ("加购", "下单")},
    "traffic": {lang: (t("col_cart_adds", lang), t("col_orderers", lang)) for lang in ("en", "zh")},
    "orders": {lang: (t("fn_step_created", lang), t("fn_step_paid", lang)) for lang in ("en", "zh")},
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_with_the_sample_shop(server, browser, tmp_path, lang):
    """The home page's sample button, then every page and tab; the overview's cards and
    findings, the funnel's leak in each of its three modes."""
    context, page, watch = new_page(browser, lang)
    try:
        start(page, server, lang, tmp_path)
        load_sample(page, lang)
        # the overview: its header, KPI cards and a finding linking to the funnel
        page.get_by_role("heading", name=t("ov_header", lang)).first.wait_for(timeout=TIMEOUT_MS)
        assert page.locator('[data-testid="stMetric"]').count() >= 8
        a, b = STEPS["events"][lang]
        finding = t("ov_find_funnel", lang, a=a, b=b, rate="26.6%", worth="X")
        page.get_by_role("link", name=before(finding)).first.wait_for(timeout=TIMEOUT_MS)
        page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=TIMEOUT_MS)

        need_data = before(t("ui_need_data", lang, kinds="X"))

        def on_tab(path: str, tab: int) -> None:
            assert page.get_by_text(need_data).count() == 0, f"{path} asks for data"
            if path == ui.FUNNEL_PAGE and tab == 0:
                assert page.get_by_role("tab").count() == 5
                wait_text(page, t("fn_leak_title", lang, a=a, b=b))
                assert page.locator('[data-testid="stVegaLiteChart"]').count() >= 2

        timings = walk(page, lang, watch, tmp_path, on_tab)

        # the funnel's other modes, each with its own biggest leak
        open_page(page, ui.FUNNEL_PAGE, lang)
        for mode in ("traffic", "orders"):
            act(page, page.get_by_text(t(f"fn_mode_{mode}", lang), exact=True).click)
            wait_text(page, t("fn_leak_title", lang, a=STEPS[mode][lang][0], b=STEPS[mode][lang][1]))
            check_page(page, t("ui_funnel_title", lang), tmp_path / f"{lang}_funnel_{mode}.png")
        watch.check(f"{lang} funnel modes")
    finally:
        context.close()
    _report(f"sample_{lang}", timings, tmp_path)
    assert len(list(tmp_path.glob(f"{lang}_*_*.png"))) == WALK_SHOTS + 2


def _check_reports(browser, page, folder: Path) -> None:
    """Both reports download from the home page; the HTML one opens with the network cut off
    and draws every chart; the Excel one opens with a sheet per analysis."""
    with page.expect_download(timeout=TIMEOUT_MS) as info:
        page.get_by_role("button", name=t("rp_download_html", "en")).click()
    html_path = folder / "report.html"
    info.value.save_as(html_path)
    offline = browser.new_context(offline=True)
    try:
        report = offline.new_page()
        errors: list[str] = []
        report.on("pageerror", lambda exc: errors.append(str(exc)))
        report.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        report.goto(html_path.as_uri())
        charts = report.locator("div.chart")
        report.wait_for_function(
            "() => [...document.querySelectorAll('div.chart')].every(d => d.querySelector('svg, canvas'))",
            timeout=TIMEOUT_MS,
        )
        assert charts.count() >= 4 and not errors, errors
        assert "Zhitongche" in report.content()
        report.screenshot(path=str(folder / "report_html.png"), full_page=True)
    finally:
        offline.close()
    with page.expect_download(timeout=TIMEOUT_MS) as info:
        page.get_by_role("button", name=t("rp_download_xlsx", "en")).click()
    xlsx_path = folder / "report.xlsx"
    info.value.save_as(xlsx_path)
    assert len(pd.ExcelFile(xlsx_path, engine="openpyxl").sheet_names) >= 5


def test_sample_shop_findings_in_english(server, browser, tmp_path):
    """The planted findings are what the analysis pages show: the funnel's cart -> checkout
    leak, the lapsed heavy buyers as a segment, the unprofitable paid channel and the budget
    moved away from it, the planner's sample size and the experiment's winner."""
    context, page, watch = new_page(browser, "en")
    try:
        start(page, server, "en")
        load_sample(page, "en")
        _check_reports(browser, page, tmp_path)

        open_page(page, ui.FUNNEL_PAGE, "en")
        wait_text(page, t("fn_leak_title", "en", a="cart", b="checkout"))

        open_page(page, ui.PERSONAS_PAGE, "en")
        wait_text(page, "Can't Lose Them: ")

        open_page(page, ui.CHANNEL_PAGE, "en")
        wait_text(page, "Zhitongche is below break-even")
        act(page, page.get_by_role("tab", name=t("ch_tab_budget", "en")).click)
        wait_text(page, "Biggest cut: Zhitongche")
        check_page(page, t("ui_channel_title", "en"), tmp_path / "find_channels_budget.png")

        open_page(page, ui.ABTEST_PAGE, "en")
        wait_text(page, "17,943")
        act(page, page.get_by_role("tab", name=t("ab_tab_analyze", "en")).click, rerun=False)
        wait_text(page, " converts better than ")
        check_page(page, t("ui_abtest_title", "en"), tmp_path / "find_abtest_read.png")

        # demo mode: the customer lists show pseudonyms, never the shop's own customer IDs
        act(page, page.locator('[data-testid="stSidebar"]').get_by_text(t("dm_toggle", "en")).click)
        open_page(page, ui.PERSONAS_PAGE, "en")
        act(page, page.get_by_role("tab", name=t("ps_tab_export", "en")).click)
        wait_text(page, t("ps_export_header", "en"))
        check_page(page, t("ui_personas_title", "en"), tmp_path / "find_demo_lists.png")
        assert page.get_by_text(t("dm_active", "en")).count() == 1
        watch.check("findings")
    finally:
        context.close()


# ---- a million orders, every page and tab, both languages ---------------------------------
#: What the pages show of the large file as text: (page, tab) -> values; channels by their
#: group's name in the reader's language.
LARGE_SHOWN = {
    (ui.FUNNEL_PAGE, 4): lambda lang: ("Zhejiang", "Chongqing"),  # orders by province
    (ui.PERSONAS_PAGE, 4): lambda lang: ("LFC-",),  # the customer list
    (ui.CHANNEL_PAGE, 0): lambda lang: tuple(group_label(c, lang) for c in ("Zhitongche", "Xiaohongshu")),
}


@pytest.fixture(scope="module")
def large_file(tmp_path_factory):
    folder = tmp_path_factory.mktemp("large")
    begin = time.monotonic()
    made = large_orders(folder / "lanternfish_orders.csv", LARGE_ROWS)
    print(
        f"\ngenerated {made.rows:,} rows ({made.path.stat().st_size / 1e6:.0f} MB) in {time.monotonic() - begin:.1f}s"
    )
    return made


def test_every_page_with_a_million_orders(server, browser, tmp_path, large_file):
    """Upload the file through the file input, confirm it, open every page and tab, in
    English and then in Chinese (a second session of the same file, which the server's
    content-keyed caches answer). Timings of each step are printed and kept as JSON."""
    rows = f"{large_file.rows:,}"
    timings: dict[str, float] = {}
    for lang in ("en", "zh"):
        context, page, watch = new_page(browser, lang)
        try:
            start(page, server, lang)
            with timed(timings, f"{lang}_open_upload"):
                open_page(page, ui.UPLOAD_PAGE, lang)
            steps = upload(page, lang, [str(large_file.path)], timeout=SLOW_MS)
            timings.update({f"{lang}_{k}": v for k, v in steps.items()})
            # the preview shows the file's own values and the row count, the message its name
            preview = t("ui_preview", lang, n=20, total=large_file.rows)
            shown(
                page,
                [preview, large_file.first_customer, "Lanternfish Te", f"{large_file.path.name}, {rows}"],
            )
            uses = t(
                "ui_uses_data",
                lang,
                kind=t("kind_orders", lang),
                name=large_file.path.name,
                rows=large_file.rows,
            )

            def on_tab(path: str, tab: int, page=page, lang=lang, uses=uses) -> None:
                wanted = LARGE_SHOWN.get((path, tab), lambda lang: ())(lang)
                if path in (ui.FUNNEL_PAGE, ui.PERSONAS_PAGE, ui.CHANNEL_PAGE) and tab == 0:
                    wanted += (uses,)
                shown(page, wanted)
                if path == ui.HOME_PAGE:
                    assert (
                        page.locator('[data-testid="stMetric"]').count() >= 7
                    )  # orders alone: no traffic KPIs

            walked = walk(page, lang, watch, tmp_path, on_tab, timeout=SLOW_MS)
            timings.update({f"{lang}_{k}": v for k, v in walked.items()})
        finally:
            context.close()
    _report("large", timings, tmp_path)
    assert len(list(tmp_path.glob("*_*_*.png"))) == 2 * WALK_SHOTS


# ---- two sessions at once -------------------------------------------------------------------
def _check_downloads(page, lang: str, folder: Path, stem: str, expected: pd.DataFrame) -> None:
    """The cleaned table downloads as CSV and as Excel, with the upload's orders."""
    with page.expect_download(timeout=TIMEOUT_MS) as info:
        page.get_by_role("button", name=t("ui_download_csv", lang)).first.click()
    assert info.value.suggested_filename == f"{stem}_orders.csv"
    csv_path = folder / f"{lang}_{info.value.suggested_filename}"
    info.value.save_as(csv_path)
    got = pd.read_csv(csv_path, encoding="utf-8-sig")
    assert got["order_id"].tolist() == expected["Order ID"].tolist()
    assert got["customer_id"].tolist() == expected["Customer ID"].tolist()
    with page.expect_download(timeout=TIMEOUT_MS) as info:
        page.get_by_role("button", name=t("ui_download_xlsx", lang)).first.click()
    xlsx_path = folder / f"{lang}_{info.value.suggested_filename}"
    info.value.save_as(xlsx_path)
    assert len(pd.read_excel(xlsx_path, engine="openpyxl")) == len(expected)


#: Where each kind of marked value shows as text (tables and sentences, not chart canvases):
#: (page, tab) -> texts, ``{m}`` standing for the session's marker.
SHOWN = {
    (ui.UPLOAD_PAGE, 0): ("{m}-C", "{m}-Kettle", "{m}-Live", "{m}-Province"),  # the preview
    (ui.HOME_PAGE, 0): ("{low}_orders.csv",),  # what is loaded
    (ui.FUNNEL_PAGE, 0): ("{uses}",),
    (ui.FUNNEL_PAGE, 1): ("{m}-Live",),  # the breakdown by channel
    (ui.FUNNEL_PAGE, 4): ("{m}-Province",),  # orders by region
    (ui.PERSONAS_PAGE, 0): ("{uses}",),
    (ui.PERSONAS_PAGE, 4): ("{m}-C",),  # the customer list
    (ui.CHANNEL_PAGE, 0): ("{uses}", "{m}-Live"),
}


def test_two_sessions_see_only_their_own_data(server, browser, tmp_path):
    """Two browser contexts at once, one in English with ALPHA data, one in Chinese with
    BRAVO data; their steps interleaved. Each sees its own values and never the other's."""
    sessions = {}

    def look(marker: str, path: str, tab: int) -> None:
        _, page, watch, lang, data = sessions[marker]
        other = next(m for m in sessions if m != marker)
        name, rows = f"{marker.lower()}_orders.csv", len(pd.read_csv(io.BytesIO(data)))
        uses = t("ui_uses_data", lang, kind=t("kind_orders", lang), name=name, rows=rows)
        shot = tmp_path / f"{marker}_{page_name(path)}_{tab}.png" if (path, tab) in SHOWN else None
        check_page(page, t(TITLES[path], lang), shot)
        wanted = [w.format(m=marker, low=marker.lower(), uses=uses) for w in SHOWN.get((path, tab), ())]
        text = shown(page, wanted).lower()
        assert other.lower() not in text, f"{marker} sees {other}'s data on {path} tab {tab}"
        watch.check(f"{marker} {path} tab {tab}")

    try:
        for marker, lang, seed in (("ALPHA", "en", 1), ("BRAVO", "zh", 2)):
            context, page, watch = new_page(browser, lang)
            sessions[marker] = (context, page, watch, lang, marked_orders(marker, seed=seed))
            start(page, server, lang)
        for marker, (_, page, _, lang, data) in sessions.items():  # A uploads, then B
            open_page(page, ui.UPLOAD_PAGE, lang)
            name = f"{marker.lower()}_orders.csv"
            upload(page, lang, [{"name": name, "mimeType": "text/csv", "buffer": data}])
            _check_downloads(page, lang, tmp_path, name[:-4], pd.read_csv(io.BytesIO(data)))
            look(marker, ui.UPLOAD_PAGE, 0)
        for path, _, _ in ui.PAGES:  # then page by page: A, B, A, B ...
            if path == ui.UPLOAD_PAGE:
                continue
            for marker, (_, page, _, lang, _) in sessions.items():
                open_page(page, path, lang)
                for tab in range(tab_count(page)):
                    if tab:
                        open_tab(page, path, tab)
                    look(marker, path, tab)
    finally:
        for context, *_ in sessions.values():
            context.close()


# ---- hostile cell text ----------------------------------------------------------------------
def test_cell_text_is_never_rendered_as_markup(server, browser, tmp_path):
    """Cells holding HTML, markdown links and images, colour directives, bold and formulas
    are shown as text on every page and tab: nothing runs, loads or is formatted."""
    context, page, watch = new_page(browser, "en")
    watch.apart = TRACKER  # a tracking image that loads is judged below, with the markup
    unsafe: list[str] = []
    rendered: dict[tuple[str, str, str], list[str]] = {}  # (what, element, its text) -> where
    try:
        start(page, server, "en")
        open_page(page, ui.UPLOAD_PAGE, "en")
        # the file name is the user's text too: it is quoted in captions and messages
        name = "**starry** orders.csv"
        upload(page, "en", [{"name": name, "mimeType": "text/csv", "buffer": hostile_orders()}])

        def on_tab(path: str, tab: int) -> None:
            where = f"{page_name(path)} tab {tab}"
            found = page.evaluate(UNSAFE_PROBE)
            if found["pwned"]:
                unsafe.append(f"{where}: window.__pwned is set")
            unsafe.extend(f"{where}: javascript link {a}" for a in found["jsLinks"])
            for item in page.evaluate(MARKUP_PROBE):
                rendered.setdefault(tuple(item), []).append(where)

        # the Upload page first, with the quality report open
        on_tab(ui.UPLOAD_PAGE, 0)
        walk(page, "en", watch, tmp_path, on_tab)
        requested = [url for url in watch.requests if TRACKER.match(url)]
    finally:
        context.close()
    assert not unsafe, unsafe
    found = [
        f"{what} in {element} on {', '.join(where)}: {text}"
        for (what, element, text), where in rendered.items()
    ]
    found += [f"request to {url}" for url in requested] + watch.set_apart
    assert not found, "cell text rendered as markup:\n" + "\n".join(found)
