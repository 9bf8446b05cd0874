"""Shared fixtures: the repository on sys.path and small export files."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ecom_core import i18n, ui

# A key the catalog lacks, or a sentence its parameters do not fill, fails the test that
# reaches it (pages included: AppTest runs them in this process) instead of showing the key.
i18n.STRICT = True

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _fixture_makers():
    """``tests/fixtures/make_fixtures.py`` (a script, not a package) as a module."""
    spec = importlib.util.spec_from_file_location(
        "make_fixtures", ROOT / "tests" / "fixtures" / "make_fixtures.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: The fixture writers, for tests that build odd files of their own.
mf = _fixture_makers()

# A small English orders export (Shopify-like headers), one row per order.
ORDERS_CSV = (
    b"Order ID,Customer ID,Created at,Total,Financial Status,Lineitem name,Source\n"
    b"1001,C1,2024-03-01 10:00:00,120.50,paid,Mug,web\n"
    b"1002,C2,2024-03-02 11:30:00,80.00,paid,Tea,web\n"
    b"1003,C1,2024-03-05 09:15:00,45.25,refunded,Mug,pos\n"
    b"1004,C3,2024-03-09 16:45:00,210.00,paid,Teapot,web\n"
    b"1005,C4,2024-03-11 08:05:00,15.00,pending,Tea,pos\n"
    b"1006,C2,2024-03-14 19:20:00,99.90,paid,Cups,web\n"
)

# The same shape with Chinese (Taobao-style) headers, UTF-8 with a BOM.
ORDERS_ZH_CSV = (
    "订单编号,买家会员名,买家实际支付金额,订单状态,订单创建时间,宝贝标题\n"
    "202403010001,张三,128.00,交易成功,2024/3/1 10:00,连衣裙\n"
    "202403020002,李四,59.90,交易成功,2024/3/2 11:30,T恤\n"
    "202403030003,张三,0,交易关闭,2024/3/3 09:15,连衣裙\n"
    "202403040004,王五,299.00,交易成功,2024/3/4 16:45,外套\n"
).encode("utf-8-sig")


@pytest.fixture
def orders_csv() -> bytes:
    return ORDERS_CSV


@pytest.fixture
def orders_zh_csv() -> bytes:
    return ORDERS_ZH_CSV


# ---- the sample shop and pages under AppTest ---------------------------------------------
@pytest.fixture(scope="session")
def sample_shop():
    """``sample_shop(lang)`` -> ``{kind: Dataset}`` of the committed sample workbook, loaded
    once per language through the public API (the same data the app's sample button loads)."""
    import ecom_core as ec
    from ecom_core import sample

    loaded: dict[str, dict] = {}

    def get(lang: str = "en") -> dict:
        if lang not in loaded:
            files = [(p.name, p.read_bytes()) for p in sample.sample_files(lang)]
            loaded[lang] = {ds.kind: ds for ds in ec.load_files(files)}
        return loaded[lang]

    return get


APP_TIMEOUT = 60

#: Each page's title key (its first heading), for tests that visit every page.
TITLES = {
    ui.HOME_PAGE: "ui_app_title",
    ui.UPLOAD_PAGE: "ui_upload_title",
    ui.FUNNEL_PAGE: "ui_funnel_title",
    ui.PERSONAS_PAGE: "ui_personas_title",
    ui.CHANNEL_PAGE: "ui_channel_title",
    ui.ABTEST_PAGE: "ui_abtest_title",
    ui.GLOSSARY_PAGE: "gl_title",
}


@pytest.fixture
def open_page():
    """``open_page(page, datasets=None, lang="en", **state)`` -> AppTest already run on
    ``page`` (a path such as ``ui.FUNNEL_PAGE``) with ``datasets`` ({kind: Dataset}) in the
    session, as if they had been uploaded."""
    import streamlit as st

    st.cache_data.clear()

    def run(page: str, datasets: dict | None = None, lang: str = "en", **state) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT)
        at.context["locale"] = "zh-CN" if lang == "zh" else "en-US"
        if datasets is not None:
            at.session_state[ui.DATASETS] = dict(datasets)
        for key, value in state.items():
            at.session_state[key] = value
        at.run()
        if page != ui.HOME_PAGE:
            at.switch_page(page)
            at.run()
        return at

    yield run
    st.cache_data.clear()
