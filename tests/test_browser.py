"""Real-browser smoke test: the app served by ``streamlit run``, driven in Chromium.

Uploads a small CSV on the Upload page, confirms it, then opens every page through the
sidebar links (one browser session, so the upload stays loaded) and checks each page
shows its title, no exception, and (for the analysis pages) the uploaded data.
Screenshots of every page go to pytest's tmp dir.
"""

from __future__ import annotations

import contextlib
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
from conftest import TITLES
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from ecom_core import ui
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
TIMEOUT_MS = 60_000


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


def _settle(page) -> None:
    """Wait until Streamlit has finished running the script."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=TIMEOUT_MS)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
        timeout=TIMEOUT_MS,
    )
    page.wait_for_timeout(300)


def _await_rerun(page) -> None:
    """After a click: wait for the rerun it starts (its status widget shows after a moment,
    and not at all for a quick one), then for the script to finish."""
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_selector('[data-testid="stStatusWidget"]', timeout=2_000)
    _settle(page)


def _check_page(page, title: str, shots: Path, name: str) -> None:
    page.get_by_role("heading", name=title).first.wait_for(timeout=TIMEOUT_MS)
    _settle(page)
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    assert page.locator('[data-testid="stException"]').count() == 0, f"exception on {name}"


def _visit_tabs(page, shots: Path, name: str) -> int:
    """Open every tab of the page in turn (tabs run lazily, so each one computes on opening);
    returns how many there were."""
    tabs = page.get_by_role("tab")
    count = tabs.count()
    for i in range(count):
        tabs.nth(i).click()
        _await_rerun(page)
        page.screenshot(path=str(shots / f"{name}_tab{i}.png"), full_page=True)
        assert page.locator('[data-testid="stException"]').count() == 0, f"exception on {name}, tab {i}"
    return count


def _open(page, path: str, lang: str) -> None:
    label = t(next(k for p, k, _ in ui.PAGES if p == path), lang)
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name=label).click()


def _check_downloads(page, lang: str, folder: Path) -> None:
    """The cleaned table downloads as CSV and as Excel, with the upload's six rows."""
    with page.expect_download(timeout=TIMEOUT_MS) as info:
        page.get_by_role("button", name=t("ui_download_csv", lang)).click()
    csv_path = folder / f"{lang}_{info.value.suggested_filename}"
    info.value.save_as(csv_path)
    assert csv_path.name.endswith("orders_orders.csv")
    assert pd.read_csv(csv_path, encoding="utf-8-sig")["order_id"].tolist() == list(range(1001, 1007))
    with page.expect_download(timeout=TIMEOUT_MS) as info:
        page.get_by_role("button", name=t("ui_download_xlsx", lang)).click()
    xlsx_path = folder / f"{lang}_{info.value.suggested_filename}"
    info.value.save_as(xlsx_path)
    assert len(pd.read_excel(xlsx_path, engine="openpyxl")) == 6


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_upload_then_visit_every_page(server, browser, tmp_path, orders_csv, lang):
    locale = {"en": "en-US", "zh": "zh-CN"}[lang]
    context = browser.new_context(locale=locale, viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(server, wait_until="domcontentloaded", timeout=TIMEOUT_MS)
        _check_page(page, t("ui_app_title", lang), tmp_path, f"{lang}_0_home")

        _open(page, ui.UPLOAD_PAGE, lang)
        _check_page(page, t("ui_upload_title", lang), tmp_path, f"{lang}_1_upload_empty")
        page.locator('input[type="file"]').set_input_files(
            files=[{"name": "orders.csv", "mimeType": "text/csv", "buffer": orders_csv}]
        )
        detected = t("ui_detected", lang, kind=t("kind_orders", lang), confidence=0)
        prefix = detected.split("**")[0]
        page.get_by_text(prefix + t("kind_orders", lang)).first.wait_for(timeout=TIMEOUT_MS)
        _settle(page)
        _check_downloads(page, lang, tmp_path)
        page.get_by_role("button", name=t("ui_confirm", lang)).click()
        loaded = t("ui_confirmed", lang, items="X").split("X")[0]
        page.get_by_text(loaded).first.wait_for(timeout=TIMEOUT_MS)
        _check_page(page, t("ui_upload_title", lang), tmp_path, f"{lang}_1_upload_confirmed")

        uses = t("ui_uses_data", lang, kind=t("kind_orders", lang), name="orders.csv", rows=6)
        for path, _, _ in ui.PAGES[2:]:
            _open(page, path, lang)
            _check_page(page, t(TITLES[path], lang), tmp_path, f"{lang}_{Path(path).stem}")
            if path not in (ui.ABTEST_PAGE, ui.GLOSSARY_PAGE):
                page.get_by_text(uses).first.wait_for(timeout=TIMEOUT_MS)

        _open(page, ui.HOME_PAGE, lang)
        _check_page(page, t("ui_app_title", lang), tmp_path, f"{lang}_9_home_loaded")
        assert page.locator('[data-testid="stDataFrame"]').count() >= 1
    finally:
        context.close()
    assert not errors, errors
    assert len(list(tmp_path.glob(f"{lang}_*.png"))) == 9


def test_sample_shop_in_one_click(server, browser, tmp_path):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(server, wait_until="domcontentloaded", timeout=TIMEOUT_MS)
        _check_page(page, t("ui_app_title", "zh"), tmp_path, "sample_0_home")
        page.get_by_role("button", name=t("ui_load_sample", "zh")).click()
        loaded = t("ui_sample_loaded", "zh", kinds="X").split("X")[0]
        page.get_by_text(loaded).first.wait_for(timeout=TIMEOUT_MS)
        _check_page(page, t("ui_app_title", "zh"), tmp_path, "sample_1_loaded")
        # the overview: its header, KPI cards and a finding linking to the funnel
        page.get_by_role("heading", name=t("ov_header", "zh")).first.wait_for(timeout=TIMEOUT_MS)
        assert page.locator('[data-testid="stMetric"]').count() >= 8
        page.get_by_role(
            "link", name=t("ov_find_funnel", "zh", a="加购", b="下单", rate="26.6%", worth="X").split("X")[0]
        ).first.wait_for(timeout=TIMEOUT_MS)
        page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=TIMEOUT_MS)
        for path, _, _ in ui.PAGES[2:]:
            _open(page, path, "zh")
            _check_page(page, t(TITLES[path], "zh"), tmp_path, f"sample_{Path(path).stem}")
            assert page.get_by_text(t("ui_need_data", "zh", kinds="X").split("X")[0]).count() == 0
            tabs = _visit_tabs(page, tmp_path, f"sample_{Path(path).stem}")
            if path == ui.FUNNEL_PAGE:
                assert tabs == 5
                page.get_by_role("tab").first.click()
                _settle(page)
                page.get_by_text(t("fn_leak_title", "zh", a="加购", b="下单")).first.wait_for(
                    timeout=TIMEOUT_MS
                )
                # the funnel and the time to convert
                assert page.locator('[data-testid="stVegaLiteChart"]').count() >= 2
                for mode, (a, b) in {
                    "traffic": ("加购人数", "下单买家数"),
                    "orders": ("下单", "付款"),
                }.items():
                    page.get_by_text(t(f"fn_mode_{mode}", "zh"), exact=True).click()
                    leak = t("fn_leak_title", "zh", a=a, b=b)
                    page.get_by_text(leak).first.wait_for(timeout=TIMEOUT_MS)
                    _check_page(page, t(TITLES[path], "zh"), tmp_path, f"sample_funnel_{mode}")
    finally:
        context.close()
    assert not errors, errors


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
        report.goto(html_path.as_uri())
        charts = report.locator("div.chart")
        report.wait_for_function(
            "() => [...document.querySelectorAll('div.chart')].every(d => d.querySelector('svg, canvas'))",
            timeout=TIMEOUT_MS,
        )
        assert charts.count() >= 4 and not errors
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
    context = browser.new_context(locale="en-US", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(server, wait_until="domcontentloaded", timeout=TIMEOUT_MS)
        _check_page(page, t("ui_app_title", "en"), tmp_path, "find_0_home")
        page.get_by_role("button", name=t("ui_load_sample", "en")).click()
        page.get_by_text(t("ui_sample_loaded", "en", kinds="X").split("X")[0]).first.wait_for(
            timeout=TIMEOUT_MS
        )

        _check_reports(browser, page, tmp_path)

        _open(page, ui.FUNNEL_PAGE, "en")
        _check_page(page, t("ui_funnel_title", "en"), tmp_path, "find_funnel")
        page.get_by_text(t("fn_leak_title", "en", a="cart", b="checkout")).first.wait_for(timeout=TIMEOUT_MS)

        _open(page, ui.PERSONAS_PAGE, "en")
        _check_page(page, t("ui_personas_title", "en"), tmp_path, "find_personas")
        page.get_by_text("Can't Lose Them: ").first.wait_for(timeout=TIMEOUT_MS)

        _open(page, ui.CHANNEL_PAGE, "en")
        _check_page(page, t("ui_channel_title", "en"), tmp_path, "find_channels")
        page.get_by_text("Zhitongche is below break-even").first.wait_for(timeout=TIMEOUT_MS)
        page.get_by_role("tab", name=t("ch_tab_budget", "en")).click()
        page.get_by_text("Biggest cut: Zhitongche").first.wait_for(timeout=TIMEOUT_MS)
        _check_page(page, t("ui_channel_title", "en"), tmp_path, "find_channels_budget")

        _open(page, ui.ABTEST_PAGE, "en")
        _check_page(page, t("ui_abtest_title", "en"), tmp_path, "find_abtest_plan")
        page.get_by_text("17,943").first.wait_for(timeout=TIMEOUT_MS)
        page.get_by_role("tab", name=t("ab_tab_analyze", "en")).click()
        page.get_by_text(" converts better than ").first.wait_for(timeout=TIMEOUT_MS)
        _check_page(page, t("ui_abtest_title", "en"), tmp_path, "find_abtest_read")

        # demo mode: the customer lists show pseudonyms, never the shop's own customer IDs
        page.locator('[data-testid="stSidebar"]').get_by_text(t("dm_toggle", "en")).click()
        _await_rerun(page)
        _open(page, ui.PERSONAS_PAGE, "en")
        _check_page(page, t("ui_personas_title", "en"), tmp_path, "find_demo_personas")
        page.get_by_role("tab", name=t("ps_tab_export", "en")).click()
        _await_rerun(page)
        page.get_by_text(t("ps_export_header", "en")).first.wait_for(timeout=TIMEOUT_MS)
        _check_page(page, t("ui_personas_title", "en"), tmp_path, "find_demo_lists")
        assert page.get_by_text(t("dm_active", "en")).count() == 1
    finally:
        context.close()
    assert not errors, errors
