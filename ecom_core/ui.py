"""Streamlit glue shared by ``app.py`` and the pages: the one module of ecom_core that
imports streamlit.

What lives here: session-state keys, the language switch and sidebar navigation, the
data guard, cached loaders (keyed by file content), the sample-shop loader, download
buttons and friendly error display. Nothing here holds user data at module level: data
lives in ``st.session_state`` (one per browser session) or in Streamlit's cache, which is
keyed by the file's bytes, so a session only ever gets back what it uploaded itself.
"""

from __future__ import annotations

import hashlib
import inspect
import logging
import re
import secrets
import threading
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

import ecom_core as ec
from ecom_core import export, fmt, privacy, state
from ecom_core.i18n import LANG_NAMES, LANGS, locale_to_lang, t
from ecom_core.load import detect, schema

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
    _show_flash(current)
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


def saved_analysis(lang_: str) -> Callable[[], bytes]:
    """What builds this session's state file (:func:`ecom_core.state.snapshot`) when the save
    button is clicked, from what this run sees (the click is served outside the run)."""
    settings, loaded = dict(keep_settings()), dict(_confirmed())  # the data's identity, demo mode or not
    layouts = dict(st.session_state.get(LAYOUTS, {}))
    return lambda: state.snapshot(settings, loaded, layouts, lang_)


def restore_analysis(content: bytes, lang_: str) -> ec.state.Restored | None:
    """Apply a saved analysis: its settings become the widgets' values on every page and its
    mappings the defaults for the same export layouts. Shows what did not apply."""
    restored = attempt(state.restore, content, _confirmed(), lang_=lang_)
    if restored is None:
        return None
    for key, value in restored.settings.items():
        st.session_state[key] = value
    st.session_state.setdefault(SETTINGS, {}).update(restored.settings)
    st.session_state.setdefault(LAYOUTS, {}).update(restored.mappings)
    return restored


def report_downloads(lang_: str) -> None:
    """The home page's report section: the Excel and HTML reports of everything loaded, in the
    reader's language, built only when a button is clicked (from what this run sees: the
    click is served outside the script run, where the session is out of reach)."""
    st.subheader(t("rp_header", lang_))
    st.caption(t("rp_caption", lang_))
    stem = t("rp_title", lang_)
    loaded = dict(datasets())
    shop_margin = margin()

    def report() -> ec.report.Report:
        return ec.report.collect(loaded, lang_, margin=shop_margin)

    with st.container(horizontal=True):
        st.download_button(
            t("rp_download_xlsx", lang_),
            data=lambda: ec.report.to_excel(report()),
            file_name=f"{stem}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="rp_xlsx",
            icon=":material/table_view:",
            on_click="ignore",
        )
        st.download_button(
            t("rp_download_html", lang_),
            data=lambda: ec.report.to_html(report()).encode("utf-8"),
            file_name=f"{stem}.html",
            mime="text/html",
            key="rp_html",
            icon=":material/article:",
            on_click="ignore",
        )


RESTORED = "restored_digest"  #: content hash of the state file last applied


def save_restore(lang_: str) -> None:
    """The home page's "save or restore this analysis" section. A restored file is applied
    once (not again on every rerun while it stays in the uploader)."""
    st.subheader(t("st_header", lang_))
    st.caption(t("st_caption", lang_))
    left, right = st.columns([1, 2], vertical_alignment="bottom")
    left.download_button(
        t("st_save", lang_),
        data=saved_analysis(lang_),
        file_name="analysis.json",
        mime="application/json",
        key="st_save",
        icon=":material/save:",
        on_click="ignore",
    )
    upload = right.file_uploader(t("st_restore", lang_), type=["json"], key="st_restore_file")
    if upload is None:
        return
    content = upload.getvalue()
    digest = hashlib.sha256(content).hexdigest()
    if st.session_state.get(RESTORED) == digest:
        return
    restored = restore_analysis(content, lang_)
    if restored is None:
        return
    st.session_state[RESTORED] = digest
    st.success(t("st_restored", lang_, n=len(restored.settings), m=len(restored.mappings)))
    notes(restored.notes, lang_)


def remember_mappings(ready: Sequence[ec.Dataset]) -> None:
    """Remember how each confirmed table's columns were mapped, by its export layout, so the
    same shop's next export of that report opens with the same mapping."""
    layouts = st.session_state.setdefault(LAYOUTS, {})
    for ds in ready:
        if ds.source_columns:
            mapping = {c: src for c, src in ds.mapping.items() if src in ds.source_columns}
            layouts[f"{state.layout_key(ds.source_columns)}:{ds.kind}"] = mapping


# ---- messages that survive a rerun -------------------------------------------------------
def flash(level: str, key: str, **params: Any) -> None:
    """Queue a message (level: success, info, warning, error) for the next render."""
    st.session_state.setdefault(FLASH, []).append((level, key, params))


#: What Markdown (as Streamlit renders it) reads as syntax and a cell of a file could carry:
#: links and images, ``:color[...]`` directives, code, LaTeX, autolinks, emphasis. Sentences
#: shown through :func:`md` use none of these as syntax (a test keeps the catalog so), so a
#: whole sentence can be escaped at once.
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_~\[\]<>$])")


def md(text: str) -> str:
    """A sentence for a Markdown element (markdown, caption, alerts, headings, labels) with
    anything that came from the data shown literally: a product called ``![x](http://…)``,
    ``$x$`` or ``**x**`` reads as written instead of loading an image, rendering a formula or
    turning bold. Line breaks are kept; add bold around the result, not inside it."""
    return _MARKDOWN_SYNTAX.sub(r"\\\1", text)


#: How each note level is shown; a remark (``info``) is a caption where ``quiet``.
_NOTE_BOXES = {"error": st.error, "warning": st.warning, "success": st.success, "info": st.info}


def note(
    text: str, level: str = "info", icon: str | None = None, quiet: bool = False, title: str | None = None
) -> None:
    """Show a sentence that may carry data (names, values from the file) as an alert of
    ``level`` (``error``, ``warning``, ``success``, ``info``; a caption when ``quiet`` and
    ``info``), under a bold ``title`` when given, always through :func:`md`: the one way
    pages show such text. Paragraphs (blank lines) are kept."""
    body = md(text) if title is None else f"**{md(title)}**\n\n{md(text)}"
    if quiet and level == "info":
        st.caption(body)
        return
    box = _NOTE_BOXES.get(level, st.info)
    box(body, icon=icon) if icon else box(body)


def caption(text: str) -> None:
    """A small grey line that may carry data, through :func:`md`."""
    st.caption(md(text))


def notes(items: Iterable[ec.Note], lang_: str, quiet: bool = False) -> None:
    """Every :class:`~ecom_core.Note` in the reader's language, each at its own level (remarks
    as captions when ``quiet``), escaped by :func:`note`."""
    for item in items:
        note(item.text(lang_), item.level, quiet=quiet)


def _show_flash(lang_: str) -> None:
    for level, key, params in st.session_state.pop(FLASH, []):
        getattr(st, level, st.info)(md(t(key, lang_, **params)))


def show_error(err: BaseException, lang_: str, name: str = "") -> None:
    """A sentence in the user's language, never a traceback (which goes to the log)."""
    if isinstance(err, ec.ExplainedError):
        st.error(md(err.message(lang_)))
        return
    log.error("unexpected error (%s)", name or "-", exc_info=err)
    st.error(md(t("ui_unexpected", lang_, name=name)) if name else t("ui_unexpected_action", lang_))


def attempt(
    fn: Callable[..., T], *args: Any, lang_: str, name: str = "", quiet: bool = False, **kwargs: Any
) -> T | None:
    """``fn(*args, **kwargs)``, or None after showing a friendly error when it raises (only
    logging it when ``quiet``: another part of the page explains that failure)."""
    try:
        return fn(*args, **kwargs)
    except Exception as err:
        if quiet:
            log.info("%s failed quietly: %s", name or getattr(fn, "__name__", "-"), err)
        else:
            show_error(err, lang_, name)
        return None


# ---- labels ------------------------------------------------------------------------------
def kind_label(kind: str, lang_: str) -> str:
    return t("kind_" + kind, lang_) if kind else t("ui_kind_skip", lang_)


def column_label(name: str, lang_: str) -> str:
    label = t("col_" + name, lang_)
    return name if label == "col_" + name else label


def labelled(frame: pd.DataFrame, lang_: str) -> pd.DataFrame:
    """The frame with canonical column names shown in the user's language."""
    if "status" in frame:
        frame = frame.assign(status=frame["status"].map(lambda s: t(f"status_{s}", lang_) if s else s))
    return frame.rename(columns={c: column_label(str(c), lang_) for c in frame.columns})


# ---- confirmed data in the session -------------------------------------------------------
def datasets() -> dict[str, ec.Dataset]:
    """Confirmed datasets of this session, by kind: pseudonymised in demo mode
    (:func:`demo_on`), so every page and download shows pseudonyms. Read-only: the
    confirmed originals are kept by :func:`store`."""
    confirmed = _confirmed()
    return demo_datasets(confirmed) if demo_on() and confirmed else confirmed


def _confirmed() -> dict[str, ec.Dataset]:
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
    ds = _confirmed().get(kind)
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
    current = _confirmed()
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


def confirm(ready: Sequence[ec.Dataset], lang_: str) -> list[ec.Dataset]:
    """Join related parts (``ec.combine``) and keep the result in the session; say what
    was loaded. Returns the datasets kept."""
    if not ready:
        st.warning(t("ui_nothing_to_confirm", lang_))
        return []
    combined = attempt(ec.combine, list(ready), lang_=lang_)
    if combined is None:
        return []
    remember_mappings(ready)
    kept = store(combined, lang_)
    _show_flash(lang_)
    if kept:
        st.success(md(t("ui_confirmed", lang_, items=describe(kept, lang_))))
    return kept


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


# ---- cached loaders (keyed by content) ---------------------------------------------------
@dataclass(frozen=True)
class Upload:
    """One uploaded file: its name, bytes and content digest (the cache key)."""

    name: str
    data: bytes
    digest: str

    @property
    def stem(self) -> str:
        """The file name without its extension."""
        return self.name.rsplit(".", 1)[0] if "." in self.name else self.name

    @property
    def key(self) -> str:
        """Short, widget-key-safe identifier of the content."""
        return self.digest[:16]


def make_upload(name: str, data: bytes) -> Upload:
    return Upload(name, data, hashlib.sha256(data).hexdigest())


def uploads(files: Iterable[Any] | None, lang_: str) -> list[Upload]:
    """Uploaded files as :class:`Upload`, each content once (a repeat is pointed out)."""
    seen: dict[str, Upload] = {}
    digests = st.session_state.setdefault(UPLOAD_DIGESTS, {})
    for f in files or ():
        data = f.getvalue()
        key = getattr(f, "file_id", None) or f.name  # hashing a large file once, not on every rerun
        if key not in digests or digests[key][0] != len(data):
            digests[key] = (len(data), hashlib.sha256(data).hexdigest())
        up = Upload(f.name, data, digests[key][1])
        if up.digest in seen:
            st.info(md(t("ui_duplicate_file", lang_, name=up.name, other=seen[up.digest].name)))
            continue
        seen[up.digest] = up
    return list(seen.values())


def uploader_key() -> str:
    """Key of the Upload page's file_uploader; :func:`clear` changes it to empty the widget."""
    return f"{UPLOADER}_{st.session_state.get(UPLOADER_NONCE, 0)}"


# Errors are returned as (code, params) rather than raised so a failing file is remembered
# too (exceptions are not cached by st.cache_data, and LoadError does not pickle by args).
def _outcome(fn: Callable[[], T]) -> tuple[T | None, tuple[str, dict] | None]:
    try:
        return fn(), None
    except ec.LoadError as err:
        return None, (err.code, dict(err.params))


def _raise(error: tuple[str, dict] | None) -> None:
    if error is not None:
        raise ec.LoadError(error[0], **error[1])


# Cache sizes: entries holding whole frames are few (a 1M-row table is a few hundred MB, and
# the caches are shared by the server's sessions); small results (headers, guesses) are many.
# Raw tables are shared, not copied: guessing, mapping and interpreting a file read the same
# frames (none of them writes to a raw table), so a million-row upload is not unpickled for each.
@st.cache_resource(show_spinner=False, max_entries=8)
def _read_tables(digest: str, name: str, _data: bytes):
    # ``_data`` is left out of the cache key: ``digest`` is its SHA-256, computed once.
    return _outcome(lambda: ec.read_tables(_data, filename=name))


def read_tables_of(upload: Upload) -> list[ec.RawTable]:
    """``ec.read_tables`` on an upload, cached by content; raises ``ec.LoadError``.

    The raw tables are shared between calls and sessions: treat them as read-only.
    """
    tables, error = _read_tables(upload.digest, upload.name, upload.data)
    _raise(error)
    return tables


@dataclass(frozen=True)
class TableInfo:
    """What the Upload page needs of one raw table: where it is and its header."""

    index: int
    name: str
    columns: tuple[str, ...]


@st.cache_data(show_spinner=False, max_entries=256)
def _tables(digest: str, name: str, _data: bytes):
    return _outcome(
        lambda: [
            TableInfo(i, raw.name, tuple(str(c) for c in raw.frame.columns))
            for i, raw in enumerate(read_tables_of(Upload(name, _data, digest)))
        ]
    )


def tables_of(upload: Upload) -> list[TableInfo]:
    """The tables (sheets) of an upload; raises ``ec.LoadError`` for a file it cannot read."""
    info, error = _tables(upload.digest, upload.name, upload.data)
    _raise(error)
    return info


@st.cache_data(show_spinner=False, max_entries=256)
def _guess(digest: str, name: str, index: int, _data: bytes):
    return ec.guess(read_tables_of(Upload(name, _data, digest))[index])


def guess_of(upload: Upload, index: int) -> ec.Guess:
    """``ec.guess`` on table ``index`` of an upload, cached by content.

    Never raises: a guess that fails unexpectedly is logged and reads as "not recognised",
    so the user can still pick the kind by hand.
    """
    try:
        return _guess(upload.digest, upload.name, index, upload.data)
    except Exception:
        log.exception("guessing the kind of %s table %d failed", upload.name, index)
        return ec.Guess(None, 0.0)


def kind_key(upload: Upload, table: TableInfo) -> str:
    """Widget key of a table's kind selectbox on the Upload page."""
    return f"kind_{upload.key}_{table.index}"


def chosen_kind(upload: Upload, table: TableInfo) -> str:
    """The kind the user has chosen for a table so far (the guess until they change it)."""
    return st.session_state.get(kind_key(upload, table), guess_of(upload, table.index).kind or SKIP)


# Shared, not copied: a widget change on the Upload page with a million rows in the file must
# not unpickle the table again (keyed by content like :func:`computed`; treat as read-only).
@st.cache_resource(show_spinner=False, max_entries=16)
def _interpret(digest: str, name: str, index: int, kind: str, mapping: tuple, allow: tuple, _data: bytes):
    raw = read_tables_of(Upload(name, _data, digest))[index]
    return _outcome(
        lambda: ec.interpret(raw, kind=kind, mapping=dict(mapping) or None, allow_missing=set(allow))
    )


def interpret_of(
    upload: Upload,
    index: int,
    kind: str,
    mapping: dict[str, str | None] | None = None,
    allow_missing: Iterable[str] = (),
) -> ec.Dataset:
    """``ec.interpret`` on table ``index`` of an upload, cached by content, kind and mapping.

    ``mapping`` overrides the guess column by column; a column mapped to None is "not in
    the file" (the guess is not used for it). ``allow_missing``: required columns that
    another uploaded table supplies (see :func:`ecom_core.load.loader.allowed_missing`).
    """
    items = tuple(sorted((mapping or {}).items()))
    allow = tuple(sorted(allow_missing))
    ds, error = _interpret(upload.digest, upload.name, index, kind, items, allow, upload.data)
    _raise(error)
    return ds


@st.cache_data(show_spinner=False, max_entries=4)
def _load_all(digest: str, name: str, _data: bytes):
    return _outcome(lambda: ec.load_all(_data, filename=name))


def load_all_of(upload: Upload) -> list[ec.Dataset]:
    """``ec.load_all`` on an upload, cached by content; raises ``ec.LoadError``."""
    loaded, error = _load_all(upload.digest, upload.name, upload.data)
    _raise(error)
    return loaded


@st.cache_data(show_spinner=False, max_entries=256)
def _map_columns(digest: str, name: str, index: int, kind: str, _data: bytes):
    return detect.map_columns(read_tables_of(Upload(name, _data, digest))[index], kind)


def mapping_defaults(
    upload: Upload, index: int, kind: str, guess: ec.Guess
) -> tuple[dict[str, str], dict[str, float]]:
    """Suggested mapping of table ``index`` for ``kind`` and how sure each column is.

    A mapping confirmed before for the same export layout comes first (a column it names
    that this table lacks is left out); then the guess's own mapping for the guessed kind;
    for a kind the user picked instead, the best match of the headers to its columns.
    """
    columns = next((x.columns for x in tables_of(upload) if x.index == index), ())
    remembered = st.session_state.get(LAYOUTS, {}).get(f"{state.layout_key(list(columns))}:{kind}")
    if remembered:
        mapping = {c: src for c, src in remembered.items() if src in columns}
        return mapping, dict.fromkeys(mapping, 1.0)
    if kind == guess.kind:
        return dict(guess.mapping), dict(guess.column_confidence)
    mapping, confidence = _map_columns(upload.digest, upload.name, index, kind, upload.data)
    return dict(mapping), dict(confidence)


# ---- sample shop -------------------------------------------------------------------------
def load_sample(lang_: str) -> list[ec.Dataset]:
    """Load the sample shop in ``lang_`` into the session; returns what was kept.

    Raises ``FileNotFoundError`` when the sample workbooks are not there.
    """
    from ecom_core import sample

    paths = [p for p in sample.sample_files(lang_) if p.is_file()]
    if not paths:
        raise FileNotFoundError("sample shop files")
    loaded: list[ec.Dataset] = []
    for path in paths:
        loaded += load_all_of(make_upload(path.name, path.read_bytes()))
    return store(ec.combine(loaded), lang_)


def _sample_clicked(lang_: str) -> None:
    try:
        kept = load_sample(lang_)
    except FileNotFoundError:
        flash("error", "ui_sample_missing")
        return
    except Exception:
        log.exception("loading the sample shop failed")
        flash("error", "ui_unexpected_action")
        return
    flash(
        "success",
        "ui_sample_loaded",
        kinds=t("list_sep", lang_).join(kind_label(d.kind, lang_) for d in kept),
    )


def sample_button(lang_: str, key: str, primary: bool = False) -> None:
    """One click loads the sample shop (the data is in place before the page redraws)."""
    st.button(
        t("ui_load_sample", lang_),
        key=key,
        help=t("ui_load_sample_help", lang_),
        type="primary" if primary else "secondary",
        icon=":material/storefront:",
        on_click=_sample_clicked,
        args=(lang_,),
    )


# ---- cached analyses ---------------------------------------------------------------------
@st.cache_resource(max_entries=64, show_spinner=False)
def _computed(name: str, key: tuple, _fn: Callable, _args: tuple, _kwargs: dict):
    result = _fn(*_args, **_kwargs)
    _remember(result, (name, key))
    return result


#: id of a result of :func:`computed` -> (weak reference to it, the content key that made it).
#: Holds hashes only, never data: a result passed on to another computed call is keyed by
#: how it was made, so derived data (a selection of a funnel, say) needs no hashing. Shared
#: by every session's script thread, so it is only read or changed under its lock.
_DERIVED: dict[int, tuple[weakref.ref, tuple]] = {}
_DERIVED_LOCK = threading.Lock()


def _remember(result: Any, key: tuple) -> None:
    try:
        ref = weakref.ref(result)
    except TypeError:  # tuples, dicts and numbers are keyed by value anyway
        return
    with _DERIVED_LOCK:
        known = _DERIVED.get(id(result))
        if known is not None and known[0]() is result:
            return  # a call that returns its input: its first key stays, so keys are stable
        for stale in [i for i, (r, _) in _DERIVED.items() if r() is None]:
            del _DERIVED[stale]
        _DERIVED[id(result)] = (ref, key)


def _derived_key(value: Any) -> tuple | None:
    with _DERIVED_LOCK:
        entry = _DERIVED.get(id(value))
    if entry is not None and entry[0]() is value:
        return entry[1]
    return None


def _content_key(value: Any) -> Any:
    """What identifies an argument's content: a dataset's fingerprint, how an earlier
    :func:`computed` result was made, a full hash of a (small) frame, or the value itself
    (lists become tuples)."""
    if isinstance(value, ec.Dataset):
        return ("dataset", value.fingerprint)
    derived = _derived_key(value)
    if derived is not None:
        return ("derived", derived)
    if isinstance(value, (pd.DataFrame, pd.Series)):
        hashed = pd.util.hash_pandas_object(value, index=True).to_numpy().tobytes()
        names = tuple(map(str, value.columns)) if isinstance(value, pd.DataFrame) else (str(value.name),)
        return ("frame", names, hashlib.sha256(hashed).hexdigest())
    if isinstance(value, np.ndarray):  # Streamlit's own hash samples large arrays: hash them whole
        data = value.tobytes() if value.dtype != object else pd.util.hash_array(value.ravel()).tobytes()
        return ("array", value.dtype.str, value.shape, hashlib.sha256(data).hexdigest())
    if isinstance(value, (list, tuple)):
        return tuple(_content_key(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _content_key(v)) for k, v in value.items()))
    return value


def _unwrap(value: Any) -> Any:
    return value.frame if isinstance(value, ec.Dataset) else value


def _call(fn: Callable, args: tuple, kwargs: dict) -> tuple[str, tuple, tuple, dict]:
    """``(name, key, args, kwargs)`` of a cached call: the key is of the bound, defaulted
    signature, so ``f(ds, "x")``, ``f(ds, column="x")`` and ``f(ds)`` (with ``column="x"``
    the default) are one call; datasets go to ``fn`` as their frames."""
    name = f"{fn.__module__}:{fn.__qualname__}"
    try:
        bound = inspect.signature(fn).bind(*args, **kwargs)
    except (TypeError, ValueError):  # no signature to bind (a builtin) or a wrong call: fn says why
        key = (_content_key(args), _content_key(kwargs))
    else:
        bound.apply_defaults()
        key = tuple((k, _content_key(v)) for k, v in bound.arguments.items())
        args, kwargs = bound.args, bound.kwargs
    return name, key, tuple(_unwrap(a) for a in args), {k: _unwrap(v) for k, v in kwargs.items()}


@st.cache_resource(max_entries=512, show_spinner=False)
def _spec(name: str, key: tuple, _build: Callable, _args: tuple, _kwargs: dict) -> dict | None:
    chart = _build(*_args, **_kwargs)
    return None if chart is None else chart.to_dict()


def spec(build: Callable[..., Any], *args: Any, **kwargs: Any) -> dict | None:
    """The Vega-Lite spec of the Altair chart ``build(*args, **kwargs)`` (None when it gives
    None), made and validated once per content of its arguments, like :func:`computed`, for
    ``st.vega_lite_chart``: on a rerun, building and validating an Altair chart again costs
    more than the cached analysis behind it. Kept apart from the analyses' cache, so charts
    never push a costly result out of it."""
    name, key, args, kwargs = _call(build, args, kwargs)
    return _spec(name, key, build, args, kwargs)


def computed(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``fn(*args, **kwargs)``, computed once per content of its arguments.

    A :class:`~ecom_core.Dataset` argument is passed to ``fn`` as its canonical frame (inside a
    dict it stays a dataset) and identified by its fingerprint (hashed once per dataset), so pass datasets, not their
    frames, for anything large; a result of an earlier ``computed`` call is identified by the
    call that made it; other frames are hashed in full on every call. Results are
    shared between reruns and sessions without copying, so a widget change on a page with a
    million rows loaded costs nothing for the heavy step, and one session can only reach
    another's result by holding the very same data. Treat results as read-only.
    """
    name, key, args, kwargs = _call(fn, args, kwargs)
    return _computed(name, key, fn, args, kwargs)


# ---- data guard --------------------------------------------------------------------------
def require(kinds: str | Sequence[str], lang_: str) -> ec.Dataset:
    """The first loaded dataset among ``kinds``; otherwise explain, offer data, and stop."""
    wanted = (kinds,) if isinstance(kinds, str) else tuple(kinds)
    for kind in wanted:
        ds = get_dataset(kind)
        if ds is not None:
            return ds
    names = t("ui_or", lang_).join(kind_label(k, lang_) for k in wanted)
    st.info(t("ui_need_data", lang_, kinds=names), icon=":material/info:")
    with st.container(horizontal=True, vertical_alignment="center"):
        sample_button(lang_, key="guard_sample", primary=True)
        st.page_link(UPLOAD_PAGE, label=t("ui_go_upload", lang_), icon=":material/upload_file:")
    st.stop()
    raise AssertionError("unreachable")  # st.stop() raises


def uses_caption(ds: ec.Dataset, lang_: str) -> None:
    """A one-line note of which loaded data a page works on."""
    st.caption(
        md(t("ui_uses_data", lang_, kind=kind_label(ds.kind, lang_), name=ds.name, rows=len(ds.frame)))
    )


# ---- what is loaded ----------------------------------------------------------------------
_PERSON_COLUMNS = ("customer_id", "user_id")


def _facts(frame: pd.DataFrame, kind: str) -> tuple[str, str, int | None]:
    """First day, last day and distinct customers/users of a canonical frame."""
    dated = [c.name for c in schema.columns(kind) if c.dtype in ("datetime", "date")]
    when = next((c for c in dated if c in frame.columns), None)
    times = pd.to_datetime(frame[when], errors="coerce") if when else pd.Series([pd.NaT])
    person = next((c for c in _PERSON_COLUMNS if c in frame.columns), None)
    return _day(times.min()), _day(times.max()), int(frame[person].nunique()) if person else None


def summary_frame(loaded: dict[str, ec.Dataset], lang_: str) -> pd.DataFrame:
    """One row per loaded kind: rows, date range, distinct customers/users, source."""
    rows = []
    for kind in schema.KINDS:
        ds = loaded.get(kind)
        if ds is None:
            continue
        first, last, people = computed(_facts, ds, kind)  # counting a million IDs once, not per rerun
        rows.append(
            {
                t("ui_sum_kind", lang_): kind_label(kind, lang_),
                t("ui_sum_rows", lang_): fmt.count(len(ds.frame)),
                t("ui_sum_from", lang_): first,
                t("ui_sum_to", lang_): last,
                t("ui_sum_customers", lang_): fmt.count(people) if people is not None else "",
                t("ui_sum_source", lang_): ds.name,
            }
        )
    return pd.DataFrame(rows)


def _day(value: Any) -> str:
    return "" if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def loaded_summary(lang_: str) -> None:
    """Render the table of loaded data (or a note that nothing is loaded)."""
    st.subheader(t("ui_loaded_header", lang_))
    loaded = datasets()
    if not loaded:
        st.caption(t("ui_nothing_loaded", lang_))
        return
    table(summary_frame(loaded, lang_), lang_)


# ---- preview and quality report -------------------------------------------------------
PREVIEW_ROWS = 20


def preview(ds: ec.Dataset, lang_: str, rows: int = PREVIEW_ROWS) -> None:
    """The first rows of the canonical frame, column names in the user's language."""
    total = len(ds.frame)
    r = ds.report
    st.caption(
        t("ui_preview", lang_, n=min(rows, total), total=total)
        + " · "
        + t("ui_quality_line", lang_, read=r.rows_read, kept=r.rows_kept, dropped=sum(r.dropped.values()))
    )
    table(labelled(ds.frame.head(rows), lang_), lang_)


def quality_report(ds: ec.Dataset, lang_: str) -> None:
    """The report's summary table, then its notes: warnings highlighted, remarks as captions."""
    report = ds.report
    table(report.summary_rows(lang_), lang_)
    notes(report.notes, lang_, quiet=True)
    if not report.warnings and not report.dropped:
        st.caption(t("ui_quality_clean", lang_))


# ---- tables ------------------------------------------------------------------------------
def table(
    frame: pd.DataFrame | Styler,
    lang_: str,
    key: str | None = None,
    download: str | None = None,
    kinds: dict[str, str] | None = None,
) -> None:
    """A table as every page shows one: numbers by the kind of their column
    (:func:`ecom_core.fmt.styled`: money, percentages, counts, p-values...), blank empty cells,
    and, with ``download`` (a file name), CSV and Excel buttons of the unformatted values. A
    :class:`~pandas.io.formats.style.Styler` (a table with its own colours) is shown as given."""
    shown = frame if isinstance(frame, Styler) else fmt.styled(frame, kinds)
    st.dataframe(shown, hide_index=True, key=key)
    if download:
        data = frame.data if isinstance(frame, Styler) else frame
        download_button(data, download, lang_, key=f"dl_{key or download}")


# ---- downloads ---------------------------------------------------------------------------
def download_button(frame: pd.DataFrame, filename: str, lang_: str, key: str | None = None) -> None:
    """CSV and Excel download buttons for ``frame``; formulas are neutralised in both.

    The files are built only when a button is clicked (deferred callables), so a large
    table costs nothing on reruns.
    """
    key = key or f"dl_{filename}"
    stem = filename.rsplit(".", 1)[0] if filename.endswith((".csv", ".xlsx")) else filename
    with st.container(horizontal=True):
        st.download_button(
            t("ui_download_csv", lang_),
            data=lambda: export.to_csv_bytes(frame),
            file_name=f"{stem}.csv",
            mime="text/csv",
            key=f"{key}_csv",
            icon=":material/download:",
            on_click="ignore",
        )
        too_big = len(frame) > export.EXCEL_MAX_ROWS
        st.download_button(
            t("ui_download_xlsx", lang_),
            data=lambda: export.to_excel_bytes(frame, sheet_name=stem),
            file_name=f"{stem}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"{key}_xlsx",
            icon=":material/download:",
            on_click="ignore",
            disabled=too_big,
            help=t("ui_xlsx_too_big", lang_) if too_big else None,
        )
