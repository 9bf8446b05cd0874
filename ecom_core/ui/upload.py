"""The Upload page's helpers: uploaded files, their tables read, guessed and interpreted
once per content (Streamlit's cache, keyed by the file's bytes), and remembered mappings."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import streamlit as st

import ecom_core as ec
from ecom_core import state
from ecom_core.i18n import t
from ecom_core.load import detect
from ecom_core.ui.render import attempt, kind_label, md
from ecom_core.ui.session import (
    LAYOUTS,
    SKIP,
    UPLOAD_DIGESTS,
    UPLOAD_PAGE,
    UPLOADER,
    UPLOADER_NONCE,
    describe,
    flash,
    get_dataset,
    show_flash,
    store,
)

log = logging.getLogger(__name__)

T = TypeVar("T")


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


def remember_mappings(ready: Sequence[ec.Dataset]) -> None:
    """Remember how each confirmed table's columns were mapped, by its export layout, so the
    same shop's next export of that report opens with the same mapping."""
    layouts = st.session_state.setdefault(LAYOUTS, {})
    for ds in ready:
        if ds.source_columns:
            mapping = {c: src for c, src in ds.mapping.items() if src in ds.source_columns}
            layouts[f"{state.layout_key(ds.source_columns)}:{ds.kind}"] = mapping


# ---- confirming what was read ----------------------------------------------------------
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
    show_flash(lang_)
    if kept:
        st.success(md(t("ui_confirmed", lang_, items=describe(kept, lang_))))
    return kept


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
