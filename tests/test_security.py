"""Security: what a file's cells can do to the page, and what one user can see of another.

* Text from the data never becomes markup: sentences go through ``ui.md`` before a Markdown
  element, no element renders raw HTML, and the catalog itself uses no syntax ``ui.md``
  escapes.
* Two sessions at once (their steps interleaved), each with its own upload, see only their
  own data on every page; no module of ``ecom_core`` keeps user data.
* The upload limit is one number, enforced with a sentence naming the file.
"""

from __future__ import annotations

import ast
import gc
import re
import sys
import tomllib

import pandas as pd
import pytest
from conftest import APP_TIMEOUT, ROOT, TITLES
from streamlit.testing.v1 import AppTest

import ecom_core as ec
from ecom_core import ui
from ecom_core.i18n import CATALOG, t
from ecom_core.load import reader

PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "[click](javascript:window.__pwned=1)",
    "![t](http://127.0.0.1:9/track.png)",
    ":red[colour] $x^2$ `code`",
]
#: The payloads' syntax as it would reach Markdown unescaped (escaped, a backslash precedes it
#: or falls inside it).
RAW = re.compile(
    "|".join(
        rf"(?<!\\){re.escape(s)}"
        for s in ("[click]", "![t]", "<script", "<img", "red[", "$x^2$", "`code`", "<b>", "[A]", "$B$")
    )
)
#: A spend channel that appears in no order.
SPEND_ONLY = "![t](http://127.0.0.1:9/t.png)"
ANALYSIS_PAGES = (ui.FUNNEL_PAGE, ui.PERSONAS_PAGE, ui.CHANNEL_PAGE, ui.ABTEST_PAGE)


def test_md_makes_data_literal():
    assert ui.md("Leak at [a](javascript:x)") == r"Leak at \[a\](javascript:x)"
    assert ui.md("![t](http://h/t.png) <b> $x$ `c` a\\b") == r"!\[t\](http://h/t.png) \<b\> \$x\$ \`c\` a\\b"
    assert ui.md("**x** _y_ ~~z~~\n\nnext") == "\\*\\*x\\*\\* \\_y\\_ \\~\\~z\\~\\~\n\nnext"


#: Catalog sentences with Markdown of their own, shown without ``ui.md`` (they carry no
#: cell text, or only the app's own labels).
OWN_MARKDOWN = {"ui_app_pages", "ui_upload_intro", "ui_detected"}


def test_catalog_uses_no_syntax_that_md_escapes():
    """``ui.md`` escapes whole sentences, so the catalog must not rely on what it escapes
    (``<``, ``>``, ``*`` and ``_`` as plain characters are fine: escaped, they read the same).
    Bold is used only by sentences that never go through it."""
    links = {k for k, entry in CATALOG.items() for text in entry.values() if re.search(r"[\[\]$`\\]", text)}
    bold = {k for k, entry in CATALOG.items() for text in entry.values() if re.search(r"\*\*|__|~~", text)}
    assert not links
    assert bold == OWN_MARKDOWN


def test_no_element_renders_raw_html():
    sources = [
        ROOT / "app.py",
        *sorted((ROOT / "pages").glob("*.py")),
        *sorted((ROOT / "ecom_core").rglob("*.py")),
    ]
    offending = [
        str(p.relative_to(ROOT))
        for p in sources
        if re.search(
            r"unsafe_allow_html\s*=\s*True|st\.html\(|components\.v1|components\.html", p.read_text()
        )
    ]
    assert not offending


def _hostile_shop() -> dict[str, ec.Dataset]:
    n = 60
    orders = pd.DataFrame(
        {
            "Order ID": [f"H{i:04d}" for i in range(n)],
            "Customer ID": [PAYLOADS[i % 5] + f" {i % 7}" for i in range(n)],
            "Created at": pd.date_range("2025-01-01", periods=n, freq="37h").strftime("%Y-%m-%d %H:%M"),
            "Total": [20.0 + (i * 7) % 90 for i in range(n)],
            "Financial Status": ["paid" if i % 6 else "refunded" for i in range(n)],
            "Lineitem name": [PAYLOADS[(i + 1) % 5] for i in range(n)],
            "Source": [PAYLOADS[(i + 2) % 5] for i in range(n)],
            "Shipping Province": [PAYLOADS[(i + 3) % 5] for i in range(n)],
        }
    )
    spend = pd.DataFrame(
        {
            "date": pd.date_range("2025-01-01", periods=30).strftime("%Y-%m-%d").tolist() * 3,
            # the third channel has spend but no orders: the notes about it carry its name too
            "channel": [PAYLOADS[2]] * 30 + [PAYLOADS[4]] * 30 + [SPEND_ONLY] * 30,
            "spend": [10.0] * 90,
        }
    )
    experiment = pd.DataFrame(
        {"variant": ["[A](javascript:x)", "$B$ <b>"], "visitors": [1000, 1000], "conversions": [40, 55]}
    )
    return {
        "orders": ec.load(orders.to_csv(index=False).encode(), filename="<b>orders</b>.csv"),
        "spend": ec.load(spend.to_csv(index=False).encode(), filename="spend.csv", kind="spend"),
        "experiment": ec.load(experiment.to_csv(index=False).encode(), filename="ab.csv", kind="experiment"),
    }


def _texts(at: AppTest) -> list[str]:
    """The text of every element Streamlit renders as Markdown."""
    out = []
    for kind in (
        "markdown",
        "caption",
        "info",
        "warning",
        "success",
        "error",
        "title",
        "header",
        "subheader",
    ):
        out += [e.value for e in getattr(at, kind)]
    out += [link.proto.label for link in at.get("page_link")]
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_cell_text_never_becomes_markup_on_any_page_or_tab(open_page, lang):
    shop = _hostile_shop()
    seen_payload = False
    at = open_page(ui.HOME_PAGE, shop, lang=lang)
    visits = [(ui.HOME_PAGE, None, None), (ui.UPLOAD_PAGE, None, None)]
    tabs = {
        ui.FUNNEL_PAGE: ("fn_tabs", ("funnel", "breakdown", "trend", "sales", "when")),
        ui.PERSONAS_PAGE: ("ps_tab", ("segments", "personas", "value", "movement", "export")),
        ui.CHANNEL_PAGE: ("ch_tab", ("table", "quality", "budget", "attribution", "mapping")),
        ui.ABTEST_PAGE: (None, (None,)),
    }
    for page, (key, names) in tabs.items():
        visits += [(page, key, name) for name in names]
    # Channel mix at every level of channel names: values as in the data reach its sentences
    visits += [
        (ui.CHANNEL_PAGE, "ch_tab", name, level)
        for level in ("class", "value")
        for name in tabs[ui.CHANNEL_PAGE][1]
    ]
    seen_spend_only = False
    for page, key, name, *level in visits:
        if key:
            at.session_state[key] = t(f"{key[:2]}_tab_{name}", lang)
        at.session_state["ch_level"] = level[0] if level else "group"
        at.switch_page(page).run()
        assert not at.exception, (page, name, at.exception)
        for text in _texts(at):
            assert not RAW.search(text), (page, name, level, text)
            seen_payload |= "javascript" in text or "track.png" in text
            seen_spend_only |= "t.png" in text and "track.png" not in text
    assert seen_payload  # the payloads did reach sentences, escaped
    assert seen_spend_only  # so did the spend-only channel's name


# ---- two users at once ---------------------------------------------------------------------
def _orders_csv(marker: str) -> bytes:
    rows = ["Order ID,Customer ID,Created at,Total,Financial Status,Lineitem name,Source"]
    for i in range(40):
        rows.append(
            f"{marker}-{i:03d},{marker}-CUST-{i % 9},2025-03-{1 + i % 28:02d} 1{i % 10}:00,{30 + i},paid,"
            f"{marker}-PRODUCT-{i % 4},{marker}-CHANNEL-{i % 2}"
        )
    return "\n".join(rows).encode()


def _session(marker: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT)
    at.context["locale"] = "en-US"
    at.run()
    at.switch_page(ui.UPLOAD_PAGE).run()
    return at


def _upload(at: AppTest, marker: str) -> None:
    # the same file name and shape for both users: only the content tells them apart
    at.file_uploader[0].set_value([("orders.csv", _orders_csv(marker), "text/csv")]).run()
    assert not at.exception


def _everything(at: AppTest) -> str:
    """All text of the page: elements, dataframes and labels."""
    parts = [str(getattr(node, "value", "")) for node in at.main]
    parts += _texts(at)
    for frame in at.dataframe:
        parts.append(frame.value.to_csv())
    return "\n".join(parts)


def _visit(at: AppTest, page: str, mine: str, other: str) -> None:
    at.switch_page(page).run()
    assert not at.exception, page
    seen = _everything(at)
    assert other not in seen, (page, other)
    if page in (ui.UPLOAD_PAGE, ui.CHANNEL_PAGE):  # pages that show IDs, products or channels at once
        assert mine in seen, (page, mine)


def test_two_sessions_see_only_their_own_upload():
    """Two sessions at once, their steps interleaved (AppTest runs one script at a time; the
    browser test has two users in parallel): each sees its own upload and never the other's,
    while both go through the one analysis cache."""
    alpha, bravo = _session("ALPHA"), _session("BRAVO")
    _upload(alpha, "ALPHA")
    _upload(bravo, "BRAVO")  # uploaded while ALPHA's file is being mapped
    assert "BRAVO" not in _everything(alpha) and "ALPHA" not in _everything(bravo)
    alpha.button(key="upload_confirm").click().run()
    bravo.button(key="upload_confirm").click().run()
    for at, mine in ((alpha, "ALPHA"), (bravo, "BRAVO")):
        (orders,) = at.session_state[ui.DATASETS].values()
        assert orders.frame["order_id"].str.startswith(mine).all()
    for page in (ui.UPLOAD_PAGE, ui.HOME_PAGE, *ANALYSIS_PAGES):
        _visit(alpha, page, "ALPHA", "BRAVO")
        _visit(bravo, page, "BRAVO", "ALPHA")
    for at, mine, other in ((alpha, "ALPHA", "BRAVO"), (bravo, "BRAVO", "ALPHA")):
        at.session_state["ps_tab"] = t("ps_tab_export", "en")
        at.switch_page(ui.PERSONAS_PAGE).run()
        listing = _everything(at)
        assert f"{mine}-CUST-" in listing and other not in listing


def _holds_user_data(value, markers: tuple[str, ...], depth: int = 0) -> bool:
    if isinstance(value, ec.Dataset):
        return True
    if isinstance(value, (pd.DataFrame, pd.Series)):  # constants such as the channel rules are fine
        text = value.to_csv()
        return any(m in text for m in markers)
    if isinstance(value, str):
        return any(m in value for m in markers)
    if depth < 3 and isinstance(value, dict):
        return any(
            _holds_user_data(v, markers, depth + 1) or _holds_user_data(k, markers, depth + 1)
            for k, v in value.items()
        )
    if depth < 3 and isinstance(value, (list, tuple, set, frozenset)):
        return any(_holds_user_data(v, markers, depth + 1) for v in value)
    return False


def test_no_module_keeps_user_data():
    """After two sessions worked, no module-level name of the product holds a dataset or any
    text from the uploads: data lives in each session's state and in the analysis
    cache, which is keyed by content."""
    for marker in ("ALPHA", "BRAVO"):
        at = _session(marker)
        _upload(at, marker)
        at.button(key="upload_confirm").click().run()
        for page in ANALYSIS_PAGES:
            at.switch_page(page).run()
    gc.collect()
    found = [
        f"{name}.{attr}"
        for name, module in list(sys.modules.items())
        if name == "ecom_core" or name.startswith("ecom_core.")
        for attr, value in vars(module).items()
        if not attr.startswith("__") and _holds_user_data(value, ("ALPHA", "BRAVO"))
    ]
    assert not found


# ---- the upload limit ------------------------------------------------------------------------
def test_upload_limit_is_the_servers_and_the_readers():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == reader.MAX_BYTES


def test_a_file_over_the_limit_is_refused_with_a_sentence():
    at = _session("BIG")
    big = b"Order ID,Created at,Total\n" + b"1,2025-01-01,1\n" * (reader.MAX_BYTES // 15 + 1)
    assert len(big) > reader.MAX_BYTES
    at.file_uploader[0].set_value([("big.csv", big, "text/csv")]).run()
    assert not at.exception
    limit = t(
        "err_too_large", "en", name="big.csv", size_mb=len(big) / 2**20, limit_mb=reader.MAX_BYTES / 2**20
    )
    assert [e.value for e in at.error] == [ui.md(limit)]
    assert at.button(key="upload_confirm").disabled if at.button else True
    assert at.title[0].value == t(TITLES[ui.UPLOAD_PAGE], "en")


# ---- pages show data-bearing text only through ui.md -----------------------------------------
#: Streamlit calls that render their first argument as Markdown.
MARKDOWN_CALLS = {"markdown", "caption", "info", "warning", "success", "error", "write", "title", "header",
                  "subheader", "toast"}  # fmt: skip


def _safe(node: ast.AST) -> bool:
    """Text that cannot carry the data's Markdown: a literal, a catalog sentence whose
    parameters are escaped (``ui.md``) or formatted numbers and dates (``fmt.*``), anything
    already through ``ui.md``, or an f-string of those."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.JoinedStr):
        return all(_safe(v.value if isinstance(v, ast.FormattedValue) else v) for v in node.values)
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        return (func.value.id, func.attr) == ("ui", "md") or func.value.id == "fmt"
    if isinstance(func, ast.Name) and func.id == "md":  # the views import ui's md itself
        return True
    if isinstance(func, ast.Name) and func.id == "t":
        return all(_safe(k.value) for k in node.keywords)
    return False


def test_pages_show_data_bearing_text_only_through_md():
    """Every Markdown-rendering call on a page gets text that passed ``ui.md`` (or cannot
    carry data); sentences that may carry data go through ``ui.note``, ``ui.notes`` or
    ``ui.caption``, which escape them."""
    offending = []
    views = sorted((ROOT / "ecom_core" / "ui" / "views").glob("*.py"))
    for path in [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *views]:
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if node.func.attr not in MARKDOWN_CALLS or not node.args:
                continue
            if isinstance(node.func.value, ast.Name) and node.func.value.id == "ui":
                continue  # the renderers escape what they are given
            if not _safe(node.args[0]):
                offending.append(f"{path.name}:{node.lineno}: {ast.unparse(node)[:100]}")
    assert not offending, "\n".join(offending)
