"""Real-browser check of the Channel mix page on the sample shop (Chromium, marked
``browser`` like the app's smoke test, whose server and browser fixtures it reuses)."""

from __future__ import annotations

import pytest
import test_browser as smoke

from ecom_core import ui
from ecom_core.i18n import t

pytestmark = pytest.mark.browser

server = smoke.server
browser = smoke.browser

PLANTED = {
    "en": ("Zhitongche is below break-even", "Biggest cut: Zhitongche"),
    "zh": ("直通车 低于保本线", "削减最多：直通车"),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_channel_page_flags_the_planted_channel_in_a_browser(server, browser, tmp_path, lang):
    context = browser.new_context(
        locale={"en": "en-US", "zh": "zh-CN"}[lang], viewport={"width": 1400, "height": 1000}
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    flag, cut = PLANTED[lang]
    try:
        page.goto(server, wait_until="domcontentloaded", timeout=smoke.TIMEOUT_MS)
        smoke._check_page(page, t("ui_app_title", lang), tmp_path, f"{lang}_home")
        page.get_by_role("button", name=t("ui_load_sample", lang)).click()
        loaded = t("ui_sample_loaded", lang, kinds="X").split("X")[0]
        page.get_by_text(loaded).first.wait_for(timeout=smoke.TIMEOUT_MS)
        smoke._open(page, ui.CHANNEL_PAGE, lang)
        smoke._check_page(page, t("ui_channel_title", lang), tmp_path, f"{lang}_channels")
        page.get_by_text(flag).first.wait_for(timeout=smoke.TIMEOUT_MS)
        page.get_by_role("tab", name=t("ch_tab_budget", lang)).click()
        page.get_by_text(cut).first.wait_for(timeout=smoke.TIMEOUT_MS)
        smoke._check_page(page, t("ui_channel_title", lang), tmp_path, f"{lang}_channels_budget")
    finally:
        context.close()
    assert not errors, errors
