"""Helpers of the real-browser tests (``test_browser.py``): waiting for Streamlit's script
runs, watching a page for errors and unsafe rendering, walking every page and tab, and the
orders files the tests upload."""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from conftest import TITLES
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from ecom_core import ui
from ecom_core.i18n import t

TIMEOUT_MS = 60_000
LOCALES = {"en": "en-US", "zh": "zh-CN"}
VIEWPORT = {"width": 1400, "height": 1000}
MAX_SHOT_HEIGHT = 6_000

# Counts Streamlit's script runs as the server reports them: every message on the app's
# websocket is a ForwardMsg (protobuf); a run starts with ``new_session`` (field 4) and ends
# with ``script_finished`` (field 6; status 2 means "stopped early for a rerun", and another
# run follows). Counting them lets a test wait for the very run a click starts, however
# quick, instead of guessing how long it takes to show up.
RUN_COUNTER = """
(() => {
  const runs = (window.__stRuns = { started: 0, finished: 0, log: [] });
  const scan = (buffer) => {
    const b = new Uint8Array(buffer);
    let i = 0;
    const varint = () => {
      let x = 0, shift = 0, c;
      do { c = b[i++]; x += (c & 0x7f) * 2 ** shift; shift += 7; } while (c & 0x80 && i < b.length);
      return x;
    };
    while (i < b.length) {
      const key = varint(), field = Math.floor(key / 8), type = key & 7;
      if (type === 0) {
        const value = varint();
        if (field === 6 && value !== 2) { runs.finished += 1; runs.log.push(`finished ${value}`); }
      } else if (type === 2) {
        const length = varint();
        if (field === 4) { runs.started += 1; runs.log.push("started"); }
        i += length;
      } else if (type === 1) i += 8;
      else if (type === 5) i += 4;
      else return;
    }
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        if (event.data instanceof ArrayBuffer) scan(event.data);
        else if (event.data instanceof Blob) event.data.arrayBuffer().then(scan);
      });
    }
  };
})();
"""

_IDLE = "document.querySelector('[data-testid=\"stApp\"]')?.getAttribute('data-test-script-state') === 'notRunning'"
_CHARTS_DRAWN = (
    "() => [...document.querySelectorAll('[data-testid=\"stVegaLiteChart\"]')]"
    ".every(d => !d.getClientRects().length || d.querySelector('svg, canvas'))"
)


# ---- waiting for the app ------------------------------------------------------------------
def _runs(page: Page) -> tuple[int, int]:
    started, finished = page.evaluate("() => [window.__stRuns.started, window.__stRuns.finished]")
    return started, finished


def _drawn(page: Page, timeout: float) -> None:
    """Wait for every chart to be drawn and the page to be still for a moment."""
    page.wait_for_function(_CHARTS_DRAWN, timeout=timeout)
    page.wait_for_timeout(250)


def wait_first_run(page: Page, timeout: float = TIMEOUT_MS) -> None:
    """After ``page.goto``: wait until the first script run has finished."""
    page.wait_for_function(f"() => window.__stRuns.finished >= 1 && {_IDLE}", timeout=timeout)
    _drawn(page, timeout)


def act(page: Page, action: Callable[[], object], rerun: bool = True, timeout: float = TIMEOUT_MS) -> float:
    """Do ``action`` (a click) and wait for the script run it causes to finish and its charts
    to be drawn; returns the wall time in seconds from the action to a settled page.

    ``rerun=False``: the action may not cause a run at all (a tab without ``on_change``);
    a run that has not started within a second and a half is taken as none.
    """
    started, finished = _runs(page)
    begin = time.monotonic()
    action()
    if not rerun:
        try:
            page.wait_for_function(f"() => window.__stRuns.started > {started}", timeout=1_500)
        except PlaywrightTimeout:
            _drawn(page, timeout)
            return time.monotonic() - begin
    try:
        page.wait_for_function(f"() => window.__stRuns.finished > {finished} && {_IDLE}", timeout=timeout)
    except PlaywrightTimeout:
        log = page.evaluate("() => window.__stRuns.log.slice(-12)")
        raise AssertionError(f"no run finished after the action ({started}, {finished}): {log}") from None
    _drawn(page, timeout)
    return time.monotonic() - begin


def open_page(page: Page, path: str, lang: str, timeout: float = TIMEOUT_MS) -> float:
    """Click the sidebar link of ``path``; returns seconds until the page is settled."""
    label = t(next(k for p, k, _ in ui.PAGES if p == path), lang)
    link = page.locator('[data-testid="stSidebar"]').get_by_role("link", name=label)
    return act(page, link.click, timeout=timeout)


def wait_text(page: Page, text: str, timeout: float = TIMEOUT_MS) -> None:
    page.get_by_text(text).first.wait_for(timeout=timeout)


def before(template: str, marker: str = "X") -> str:
    """The part of a filled-in catalog string before ``marker``: the fixed text to look for."""
    return template.split(marker)[0]


# ---- watching a page --------------------------------------------------------------------
@dataclass
class Watch:
    """Everything a page reports that a test fails on: console errors, uncaught exceptions,
    dialogs; and every URL it requests. A console error about a URL matching ``apart`` is
    kept in ``set_apart`` instead of failing the test (the test judges it itself)."""

    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    apart: re.Pattern | None = None
    set_apart: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> Watch:
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(f"uncaught: {exc}"))
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("dialog", self._dialog)
        return self

    def _console(self, message) -> None:
        if message.type != "error":
            return
        url = message.location.get("url", "")
        text = f"console: {message.text} ({url})"
        (self.set_apart if self.apart and self.apart.match(url) else self.errors).append(text)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def check(self, where: str) -> None:
        assert not self.errors, f"{where}: {self.errors}"
        assert not self.dialogs, f"{where}: dialog opened: {self.dialogs}"


def new_page(browser, lang: str) -> tuple[object, Page, Watch]:
    """A fresh browser context (its own Streamlit session) in ``lang``'s locale."""
    context = browser.new_context(locale=LOCALES[lang], viewport=VIEWPORT)
    context.add_init_script(RUN_COUNTER)
    page = context.new_page()
    return context, page, Watch().attach(page)


def start(page: Page, server: str, lang: str, shots: Path | None = None) -> None:
    """Open the home page and check it."""
    page.goto(server, wait_until="domcontentloaded", timeout=TIMEOUT_MS)
    wait_first_run(page)
    check_page(page, t("ui_app_title", lang), shots / f"{lang}_start.png" if shots else None)


def screenshot(page: Page, shot: Path) -> None:
    """The whole page: the app scrolls inside its main section, not the document, so the
    window is made as tall as that section's content for the picture (up to a limit)."""
    size = page.viewport_size or VIEWPORT
    height = page.evaluate(
        "() => Math.max(...['stMain', 'stSidebarContent'].map("
        'id => document.querySelector(`[data-testid="${id}"]`)?.scrollHeight || 0))'
    )
    tall = min(max(height, size["height"]), MAX_SHOT_HEIGHT)
    if tall > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": tall})
        page.wait_for_timeout(200)
    try:
        page.screenshot(path=str(shot))
    finally:
        if tall > size["height"]:
            page.set_viewport_size(size)


def check_page(page: Page, title: str, shot: Path | None) -> None:
    """The page shows ``title`` and no exception; a whole-page screenshot when ``shot``."""
    page.get_by_role("heading", name=title).first.wait_for(timeout=TIMEOUT_MS)
    if shot is not None:
        screenshot(page, shot)
    assert page.locator('[data-testid="stException"]').count() == 0, f"exception on {title}"


def page_name(path: str) -> str:
    """``pages/4_Channel_mix.py`` -> ``channel_mix``; the home page is ``home``."""
    return "home" if path == ui.HOME_PAGE else Path(path).stem.split("_", 1)[1].lower()


def load_sample(page: Page, lang: str) -> None:
    """Click the home page's sample button and wait for the sample shop to be loaded."""
    act(page, page.get_by_role("button", name=t("ui_load_sample", lang)).first.click)
    wait_text(page, before(t("ui_sample_loaded", lang, kinds="X")))


def upload(page: Page, lang: str, files: list, timeout: float = TIMEOUT_MS) -> dict[str, float]:
    """On the Upload page: put ``files`` (paths or Playwright file payloads) in the file
    input, wait for the tables to be read and recognised, confirm them. Returns the seconds
    the upload (until read and previewed) and the confirmation took."""
    box = page.locator('input[type="file"]').first
    times = {"file_upload": act(page, lambda: box.set_input_files(files=files), timeout=timeout)}
    detected = before(t("ui_detected", lang, kind="X", confidence=0)).replace("*", "")
    wait_text(page, detected + t("kind_orders", lang), timeout=timeout)
    confirm = page.get_by_role("button", name=t("ui_confirm", lang))
    times["file_confirm"] = act(page, confirm.click, timeout=timeout)
    wait_text(page, before(t("ui_confirmed", lang, items="X")), timeout=timeout)
    return times


#: Pages whose tabs only switch in the browser; the others' tabs (``on_change="rerun"``)
#: compute their content when opened.
PLAIN_TABS = frozenset({ui.ABTEST_PAGE})


def tab_count(page: Page) -> int:
    """How many tabs the page has; 1 for a page without tabs (it is its own only tab)."""
    return max(page.get_by_role("tab").count(), 1)


def open_tab(page: Page, path: str, index: int, timeout: float = TIMEOUT_MS) -> float:
    """Click tab ``index`` of page ``path``; returns seconds until the page is settled."""
    tab = page.get_by_role("tab").nth(index)
    return act(page, tab.click, rerun=path not in PLAIN_TABS, timeout=timeout)


def walk(
    page: Page,
    lang: str,
    watch: Watch,
    shots: Path | None,
    on_tab: Callable[[str, int], None] | None = None,
    paths: tuple[str, ...] | None = None,
    timeout: float = TIMEOUT_MS,
) -> dict[str, float]:
    """Open every page (``paths``, default all) through the sidebar and every tab on it in
    turn; screenshot each as ``<lang>_<page>_<tab>.png`` into ``shots``; fail on an
    exception element or a console error. ``on_tab(path, tab index)`` runs further checks
    on each. Returns the seconds from each click to a settled page, keyed
    ``<page>`` / ``<page>_<tab>``."""
    timings: dict[str, float] = {}
    for path in paths or tuple(p for p, _, _ in ui.PAGES):
        name = page_name(path)
        title = t(TITLES[path], lang)
        timings[name] = open_page(page, path, lang, timeout=timeout)
        for i in range(tab_count(page)):
            if i:
                timings[f"{name}_{i}"] = open_tab(page, path, i, timeout=timeout)
            check_page(page, title, shots / f"{lang}_{name}_{i}.png" if shots else None)
            if on_tab is not None:
                on_tab(path, i)
            watch.check(f"{lang} {name} tab {i}")
    return timings


def inner_text(page: Page) -> str:
    """The text of the page as a reader sees it: the app's inner text, and the cells of every
    table (drawn on a canvas, with an accessible copy of the rows in view)."""
    cells = page.locator('[data-testid="stDataFrame"]').all_text_contents()
    return "\n".join([page.locator('[data-testid="stApp"]').inner_text(), *cells])


def shown(page: Page, values: tuple[str, ...] | list[str], timeout: float = 15_000) -> str:
    """Wait until the page's text (:func:`inner_text`) holds every one of ``values`` (a table
    fills its rows a moment after it appears); returns that text."""
    deadline = time.monotonic() + timeout / 1000
    while True:
        text = inner_text(page)
        missing = [v for v in values if v not in text]
        if not missing:
            return text
        if time.monotonic() > deadline:
            raise AssertionError(f"not shown: {missing}")
        page.wait_for_timeout(200)


# ---- files to upload ----------------------------------------------------------------------
PROVINCES = (
    "Zhejiang", "Jiangsu", "Guangdong", "Shanghai", "Beijing", "Shandong", "Sichuan", "Hubei",
    "Fujian", "Henan", "Hunan", "Anhui", "Liaoning", "Shaanxi", "Chongqing", "Tianjin",
)  # fmt: skip
CHANNELS = ("Taobao Search", "Zhitongche", "Douyin", "Xiaohongshu", "Email", "Direct")
STATUSES = ("paid", "refunded", "pending", "cancelled")


@dataclass(frozen=True)
class LargeFile:
    """A generated orders export and what a page should show of it."""

    path: Path
    rows: int
    first_customer: str


def large_orders(path: Path, rows: int, seed: int = 7) -> LargeFile:
    """Write an orders CSV of ``rows`` rows (one per order) in a Shopify-like layout: order id,
    customer id (a few hundred thousand customers, some buying often), created time over two
    years with weekly and daily rhythm, total, status, product ("Lanternfish …"), channel,
    province. Vectorised: a million rows take a few seconds."""
    rng = np.random.default_rng(seed)
    customers = max(rows // 4, 10)
    # repeat buyers: a long tail of customers ordering once, a core ordering often
    who = np.minimum((rng.pareto(1.2, rows) * customers / 20).astype(np.int64), customers - 1)
    start = np.datetime64("2023-01-01T00:00:00")
    days = rng.integers(0, 730, rows)
    seconds = (rng.normal(14.5, 4.0, rows).clip(0, 23.99) * 3600).astype(np.int64)
    created = start + days.astype("timedelta64[D]") + seconds.astype("timedelta64[s]")
    products = np.array(
        [f"Lanternfish {kind} {n:02d}" for kind in ("Teapot", "Mug", "Tea") for n in range(12)]
    )
    frame = pd.DataFrame(
        {
            "Order ID": np.arange(7_100_000_001, 7_100_000_001 + rows),
            "Customer ID": pd.Categorical.from_codes(who, [f"LFC-{i:07d}" for i in range(customers)]),
            "Created at": np.sort(created),
            "Total": np.round(rng.lognormal(4.6, 0.7, rows), 2),
            "Financial Status": pd.Categorical.from_codes(
                rng.choice(len(STATUSES), rows, p=[0.88, 0.05, 0.04, 0.03]), STATUSES
            ),
            "Lineitem name": pd.Categorical.from_codes(rng.integers(0, len(products), rows), products),
            "Source": pd.Categorical.from_codes(
                rng.choice(len(CHANNELS), rows, p=[0.35, 0.2, 0.15, 0.1, 0.1, 0.1]), CHANNELS
            ),
            "Province": pd.Categorical.from_codes(rng.integers(0, len(PROVINCES), rows), PROVINCES),
        }
    )
    frame.to_csv(path, index=False)  # datetimes as "2023-01-01 02:18:23"
    return LargeFile(path, rows, str(frame["Customer ID"].iloc[0]))


def marked_orders(marker: str, orders: int = 240, seed: int = 1) -> bytes:
    """A small orders CSV whose customers, products, channels and provinces all carry
    ``marker`` (e.g. ``ALPHA``), so a page showing any of them can be told apart."""
    rng = np.random.default_rng(seed)
    when = np.datetime64("2024-01-01T09:00") + rng.integers(0, 180 * 24 * 60, orders).astype("timedelta64[m]")
    frame = pd.DataFrame(
        {
            "Order ID": np.arange(1, orders + 1) + 50_000,
            "Customer ID": [f"{marker}-C{i:03d}" for i in rng.integers(0, orders // 4, orders)],
            "Created at": np.sort(when),
            "Total": np.round(rng.lognormal(4.0, 0.5, orders), 2),
            "Financial Status": rng.choice(["paid"] * 9 + ["refunded"], orders),
            "Lineitem name": [f"{marker}-Kettle {i}" for i in rng.integers(1, 6, orders)],
            "Source": [f"{marker}-Live {i}" for i in rng.integers(1, 4, orders)],
            "Province": [f"{marker}-Province {i}" for i in rng.integers(1, 5, orders)],
        }
    )
    return frame.to_csv(index=False, date_format="%Y-%m-%d %H:%M:%S").encode()


#: Cell text that would run, load or format something if a page rendered it as HTML or markdown.
HOSTILE = (
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "<b>bold</b>",
    "[click](javascript:window.__pwned=1)",
    "![t](http://127.0.0.1:9/track.png)",
    ":red[colour]",
    "**stars**",
    "$x^2$",
)


def hostile_orders(orders: int = 160, seed: int = 3) -> bytes:
    """An orders CSV whose product, channel, customer id, province and (some) status cells
    hold :data:`HOSTILE` text, each value appearing many times so every table and sentence
    that names the top values names them."""
    rng = np.random.default_rng(seed)
    pick = rng.integers(0, len(HOSTILE), (orders, 4))
    cells = np.array(HOSTILE, dtype=object)
    status = np.where(np.arange(orders) % 10 == 3, cells[pick[:, 0]], "paid")
    when = np.datetime64("2024-02-01T10:00") + rng.integers(0, 150 * 24 * 60, orders).astype("timedelta64[m]")
    frame = pd.DataFrame(
        {
            "Order ID": np.arange(9001, 9001 + orders),
            "Customer ID": [f"{cells[i % len(HOSTILE)]} #{i % 30}" for i in range(orders)],
            "Created at": np.sort(when),
            "Total": np.round(rng.lognormal(4.2, 0.6, orders), 2),
            "Financial Status": status,
            "Lineitem name": cells[pick[:, 1]],
            "Source": cells[pick[:, 2]],
            "Province": cells[pick[:, 3]],
        }
    )
    return frame.to_csv(index=False, date_format="%Y-%m-%d %H:%M:%S").encode()


# ---- what must never be rendered --------------------------------------------------------
# Elements that exist only if a page turned hostile cell text into HTML or markdown. Text
# inside a table cell ([data-testid="stDataFrame"], drawn on a canvas with an accessible
# copy) is data, not markup, and is left out.
MARKUP_PROBE = """
() => {
  const inTable = (el) => el.closest('[data-testid="stDataFrame"], [data-testid="stDataFrameResizable"]');
  const found = [];
  const add = (el, what) => {
    if (inTable(el)) return;
    const box = el.closest('[data-testid]');
    const text = (box ? box.innerText : el.outerHTML).slice(0, 160).replace(/\\s+/g, ' ');
    found.push([what, box ? box.getAttribute('data-testid') : 'page', text]);
  };
  for (const el of document.querySelectorAll('b, strong, em')) {
    if (['bold', 'stars', 'starry'].includes(el.textContent.trim())) add(el, `<${el.tagName.toLowerCase()}>`);
  }
  for (const el of document.querySelectorAll('a')) {
    if (el.textContent.trim() === 'click') add(el, 'link "click"');
  }
  for (const el of document.querySelectorAll('img[src$="/x"], img[src="x"], img[onerror]')) add(el, 'img x');
  for (const el of document.querySelectorAll('img')) {
    if (el.src.includes('127.0.0.1:9/')) add(el, `image from ${el.src}`);
  }
  for (const el of document.querySelectorAll('.katex')) {
    if (/x/.test(el.textContent)) add(el, 'formula');
  }
  for (const el of document.querySelectorAll('span, div')) {
    if (el.childElementCount === 0 && el.textContent === 'colour' && el.getAttribute('style')) add(el, 'coloured text');
  }
  for (const el of document.querySelectorAll('script')) {
    if (el.textContent.includes('__pwned')) add(el, '<script>');
  }
  return found;
}
"""

UNSAFE_PROBE = """
() => ({
  pwned: typeof window.__pwned !== 'undefined',
  jsLinks: [...document.querySelectorAll('a[href^="javascript:" i]')].map(a => a.outerHTML.slice(0, 200)),
})
"""

TRACKER = re.compile(r"^https?://127\.0\.0\.1:9/")


@contextlib.contextmanager
def timed(timings: dict[str, float], name: str):
    """Record the wall time of the block under ``name``."""
    begin = time.monotonic()
    yield
    timings[name] = time.monotonic() - begin
