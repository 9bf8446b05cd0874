"""The session: its state keys and pages, the language switch, confirmed data, settings
that outlive a page, demo mode, messages that survive a rerun, the sample shop and the data
guard. Nothing here holds user data at module level: it lives in ``st.session_state``."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

import streamlit as st

import ecom_core as ec
from ecom_core import privacy, state
from ecom_core.i18n import LANG_NAMES, LANGS, locale_to_lang, t
from ecom_core.load import schema
from ecom_core.ui.cache import computed
from ecom_core.ui.render import kind_label, md

log = logging.getLogger(__name__)

T = TypeVar("T")

# ---- session-state keys ------------------------------------------------------------------
DATASETS = "datasets"  #: dict[kind, Dataset] of confirmed data
LANG = "lang"  #: "zh" or "en"
LANG_WIDGET = "lang_switch"  #: key of the sidebar language radio
FLASH = "flash"  #: list[(level, catalog key, params)] shown once on the next render
UPLOADER = "upload_files"  #: key prefix of the Upload page's file_uploader
UPLOAD_DIGESTS = "upload_digests"  #: uploaded file id -> (size, SHA-256 of its content)
UPLOADER_NONCE = "upload_nonce"  #: bumped by :func:`clear` to empty the file_uploader

# ---- pages -------------------------------------------------------------------------------
HOME_PAGE = "app.py"
UPLOAD_PAGE = "pages/1_Upload.py"
FUNNEL_PAGE = "pages/2_Funnel.py"
PERSONAS_PAGE = "pages/3_Personas.py"
CHANNEL_PAGE = "pages/4_Channel_mix.py"
ABTEST_PAGE = "pages/5_AB_test.py"
GLOSSARY_PAGE = "pages/6_Glossary.py"
#: (path relative to app.py, catalog key of its label, icon), in sidebar order
PAGES: tuple[tuple[str, str, str], ...] = (
    (HOME_PAGE, "ui_nav_home", ":material/home:"),
    (UPLOAD_PAGE, "ui_nav_upload", ":material/upload_file:"),
    (FUNNEL_PAGE, "ui_nav_funnel", ":material/filter_alt:"),
    (PERSONAS_PAGE, "ui_nav_personas", ":material/group:"),
    (CHANNEL_PAGE, "ui_nav_channel_mix", ":material/hub:"),
    (ABTEST_PAGE, "ui_nav_ab_test", ":material/science:"),
    (GLOSSARY_PAGE, "gl_nav", ":material/menu_book:"),
)

UPLOAD_TYPES: tuple[str, ...] = ("xlsx", "xlsm", "xls", "csv", "tsv", "txt")
SKIP = ""  #: kind option "do not use this table"; also "no column" in the mapping editor
ALL_KINDS: tuple[str, ...] = tuple(schema.KINDS) + tuple(schema.PARTS)
LOW_CONFIDENCE = 0.5


# ---- language ----------------------------------------------------------------------------
def _browser_lang() -> str:
    try:
        return locale_to_lang(st.context.locale)
    except Exception:  # no browser context (bare script)
        return locale_to_lang(None)


def lang() -> str:
    """The session's language, defaulting to the browser's locale (Chinese when unknown)."""
    if st.session_state.get(LANG) not in LANGS:
        st.session_state[LANG] = _browser_lang()
    return st.session_state[LANG]


def _on_lang_change() -> None:
    st.session_state[LANG] = st.session_state[LANG_WIDGET]


def language_switch() -> str:
    """Sidebar: language radio, links to every page, and pending messages. Returns the lang.

    Call it first on every page. The choice is kept in ``st.session_state[LANG]`` so it
    survives page changes (widget state alone is dropped when a page is left).
    """
    current = lang()
    st.session_state[LANG_WIDGET] = current
    with st.sidebar:
        st.radio(
            t("ui_lang_label", current),
            LANGS,
            format_func=LANG_NAMES.get,
            key=LANG_WIDGET,
            horizontal=True,
            on_change=_on_lang_change,
        )
        demo_switch(current)
        for path, label, icon in PAGES:
            st.page_link(path, label=t(label, current), icon=icon)
    show_flash(current)
    return current


def start_page(title_key: str) -> str:
    """First call of every page: browser tab title, wide layout, sidebar (language switch and
    page links), pending messages. Returns the lang."""
    st.set_page_config(page_title=t(title_key, lang()), layout="wide")
    keep_settings()
    return language_switch()


# ---- settings and mappings that outlive a page ---------------------------------------------
SETTINGS = "kept_settings"  #: dict of the pages' last widget settings, for saving an analysis
LAYOUTS = "layout_mappings"  #: "<layout key>:<kind>" -> {canonical: source column}


def keep_settings() -> dict[str, Any]:
    """Copy the pages' settings into the session's own store and return it: Streamlit forgets
    a page's widget values once another page runs, but a saved analysis needs them all."""
    kept = st.session_state.setdefault(SETTINGS, {})
    for key in list(st.session_state.keys()):
        if isinstance(key, str) and state.is_setting(key):
            kept[key] = st.session_state[key]
    return kept


#: The Channel mix page's margin widget (percent); the home page's findings and the reports
#: read the same setting through :func:`margin`.
MARGIN_KEY = "ch_margin"


def margin() -> float:
    """The shop's gross margin as a fraction: what the user set on Channel mix (kept across
    pages), else :data:`ecom_core.metrics.DEFAULT_MARGIN`. Home, the reports and Channel mix
    all read it here, so they agree on which channel is below break-even."""
    return float(keep_settings().get(MARGIN_KEY, ec.metrics.DEFAULT_MARGIN * 100)) / 100


def margin_input(lang_: str) -> float:
    """The gross-margin widget (percent) of Channel mix; returns the margin as a fraction."""
    value = st.number_input(
        t("ch_margin", lang_),
        1.0,
        100.0,
        value=margin() * 100,
        step=1.0,
        key=MARGIN_KEY,
        help=t("ch_margin_help", lang_),
    )
    return value / 100


# ---- messages that survive a rerun -------------------------------------------------------
def flash(level: str, key: str, **params: Any) -> None:
    """Queue a message (level: success, info, warning, error) for the next render."""
    st.session_state.setdefault(FLASH, []).append((level, key, params))


#: What Markdown (as Streamlit renders it) reads as syntax and a cell of a file could carry:
#: links and images, ``:color[...]`` directives, code, LaTeX, autolinks, emphasis. Sentences
#: shown through :func:`md` use none of these as syntax (a test keeps the catalog so), so a
#: whole sentence can be escaped at once.
def show_flash(lang_: str) -> None:
    for level, key, params in st.session_state.pop(FLASH, []):
        getattr(st, level, st.info)(md(t(key, lang_, **params)))


# ---- confirmed data in the session -------------------------------------------------------
def datasets() -> dict[str, ec.Dataset]:
    """Confirmed datasets of this session, by kind: pseudonymised in demo mode
    (:func:`demo_on`), so every page and download shows pseudonyms. Read-only: the
    confirmed originals are kept by :func:`store`."""
    kept = confirmed()
    return demo_datasets(kept) if demo_on() and kept else kept


def confirmed() -> dict[str, ec.Dataset]:
    return st.session_state.setdefault(DATASETS, {})


def get_dataset(kind: str) -> ec.Dataset | None:
    return datasets().get(kind)


def reset_on_new_data(marker: str, kind: str, keys: Iterable[str]) -> bool:
    """Forget the widget values ``keys`` when the confirmed ``kind`` data is not the data they
    were chosen on (a new upload, the sample shop), so choices and defaults that depend on the
    data start afresh; call it before drawing those widgets. Returns whether it reset them.

    ``marker`` is the session-state key remembering that data's fingerprint (demo mode does not
    change it). Give it the page's settings prefix (``"ps_data"``): a saved analysis then carries
    it with the settings and restoring onto the same data does not reset them."""
    ds = confirmed().get(kind)
    current = None if ds is None else ds.fingerprint
    previous = st.session_state.get(marker)
    st.session_state[marker] = current
    if previous is None or previous == current:
        return False
    kept = st.session_state.get(SETTINGS, {})
    for key in keys:
        st.session_state.pop(key, None)
        kept.pop(key, None)
    return True


def store(loaded: Iterable[ec.Dataset], lang_: str) -> list[ec.Dataset]:
    """Keep the analysable datasets (one per kind, replacing what was there); return them.

    Parts that could not be joined onto orders are not kept on their own (their report
    says why); ``ec.combine`` has already stacked tables of one kind into one dataset.
    """
    current = confirmed()
    kept: list[ec.Dataset] = []
    for ds in loaded:
        if ds.kind not in schema.KINDS:
            flash("warning", "ui_part_not_used", name=ds.name, kind=kind_label(ds.kind, lang_))
            continue
        old = current.get(ds.kind)
        if old is not None and old.name != ds.name:
            flash("info", "ui_replaced", kind=kind_label(ds.kind, lang_), old=old.name, new=ds.name)
        current[ds.kind] = ds
        kept.append(ds)
    return kept


def clear() -> None:
    """Forget the session's confirmed data and the files in the uploader."""
    st.session_state[DATASETS] = {}
    st.session_state[UPLOADER_NONCE] = st.session_state.get(UPLOADER_NONCE, 0) + 1
    flash("success", "ui_cleared")


def describe(kept: Sequence[ec.Dataset], lang_: str) -> str:
    return t("list_sep", lang_).join(
        f"{kind_label(d.kind, lang_)} ({d.name}, {len(d.frame):,})" for d in kept
    )


# ---- demo mode ---------------------------------------------------------------------------
DEMO_MODE = "demo_mode"  #: key of the sidebar toggle "hide customer identities" (bool)
DEMO_SECRET = "demo_secret"  #: the session's random key of the pseudonyms (bytes)


def demo_on() -> bool:
    """Whether demo mode is on in this session."""
    return bool(st.session_state.get(DEMO_MODE, False))


def demo_switch(lang_: str) -> None:
    """Sidebar toggle of demo mode. Its state is re-assigned before drawing so that it
    survives page changes (widget state alone is dropped when a page is left)."""
    st.session_state[DEMO_MODE] = demo_on()
    st.toggle(t("dm_toggle", lang_), key=DEMO_MODE, help=t("dm_toggle_help", lang_))
    if demo_on():
        st.caption(t("dm_active", lang_))


def _demo_secret() -> bytes:
    secret = st.session_state.get(DEMO_SECRET)
    if not isinstance(secret, bytes):
        secret = st.session_state[DEMO_SECRET] = secrets.token_bytes(32)
    return secret


def demo_datasets(loaded: dict[str, ec.Dataset]) -> dict[str, ec.Dataset]:
    """``loaded`` with customer identities pseudonymised (``ecom_core.privacy``), computed
    once per content and session secret, so reruns get the very same datasets back."""
    return computed(privacy.pseudonymise, dict(loaded), _demo_secret())


def demo_view(ds: ec.Dataset) -> ec.Dataset:
    """What to show of a dataset not confirmed yet: pseudonymised in demo mode, else itself."""
    return demo_datasets({ds.kind: ds})[ds.kind] if demo_on() else ds
