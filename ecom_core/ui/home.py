"""The home page's helpers: the reports, saving and restoring an analysis, and the table
of what is loaded."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from typing import Any, TypeVar

import pandas as pd
import streamlit as st

import ecom_core as ec
from ecom_core import fmt, state
from ecom_core.i18n import t
from ecom_core.load import schema
from ecom_core.ui.cache import computed
from ecom_core.ui.render import attempt, kind_label, notes, table
from ecom_core.ui.session import LAYOUTS, SETTINGS, confirmed, datasets, keep_settings, margin

log = logging.getLogger(__name__)

T = TypeVar("T")


def saved_analysis(lang_: str) -> Callable[[], bytes]:
    """What builds this session's state file (:func:`ecom_core.state.snapshot`) when the save
    button is clicked, from what this run sees (the click is served outside the run)."""
    settings, loaded = dict(keep_settings()), dict(confirmed())  # the data's identity, demo mode or not
    layouts = dict(st.session_state.get(LAYOUTS, {}))
    return lambda: state.snapshot(settings, loaded, layouts, lang_)


def restore_analysis(content: bytes, lang_: str) -> ec.state.Restored | None:
    """Apply a saved analysis: its settings become the widgets' values on every page and its
    mappings the defaults for the same export layouts. Shows what did not apply."""
    restored = attempt(state.restore, content, confirmed(), lang_=lang_)
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
