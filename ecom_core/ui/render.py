"""The renderers every page shows things through: sentences that may carry data (escaped
by :func:`md`), notes, friendly errors, labels, tables and their downloads."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

import ecom_core as ec
from ecom_core import export, fmt
from ecom_core.i18n import label, t

log = logging.getLogger(__name__)

T = TypeVar("T")

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
    """A canonical column's name in the reader's language (the name itself for a column the
    catalog does not know)."""
    return label("col_" + name, lang_, name)


def labelled(frame: pd.DataFrame, lang_: str) -> pd.DataFrame:
    """The frame with canonical column names shown in the user's language."""
    if "status" in frame:
        frame = frame.assign(status=frame["status"].map(lambda s: t(f"status_{s}", lang_) if s else s))
    return frame.rename(columns={c: column_label(str(c), lang_) for c in frame.columns})


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
