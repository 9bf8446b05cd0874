"""Save and restore an analysis: page settings, what-if scenarios and column mappings in one
small JSON file.

A state file never holds the data itself, only which data it was made for (kind, file name,
rows and content fingerprint), the settings of the pages' widgets, the user's channel
mapping, and the column mappings of each export layout. Restoring is forgiving: a file from
another dataset or an older version restores what still applies and says what did not; a
tampered file loses only the entries that do not check out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ecom_core.load.dataset import Dataset, LoadError, Note
from ecom_core.load.schema import normalize_header

APP = "ecom-ops-analysis"
VERSION = 1
MAX_BYTES = 2_000_000  # a state file is small; anything bigger is not one


@dataclass(frozen=True)
class PageSettings:
    """The widgets of one page whose values a saved analysis keeps.

    Attributes
    ----------
    page
        The page's short name (``st_page_<page>`` names it in notes).
    kinds
        The data its settings depend on: they are restored only onto the same data.
    keys
        Widget keys, exactly.
    stems
        Beginnings of the keys of widgets made per item (a step list per file, a slider per
        channel, a row per variant typed in).
    """

    page: str
    kinds: tuple[str, ...]
    keys: tuple[str, ...]
    stems: tuple[str, ...] = ()

    def holds(self, key: str) -> bool:
        return key in self.keys or key.startswith(self.stems)


#: Every page's settings. Editors' own states, tables' selections, tabs (labels in one
#: language) and buttons are not settings: they are left out by not being listed.
PAGES: tuple[PageSettings, ...] = (
    PageSettings(
        "fn",
        ("events", "traffic", "orders"),
        ("fn_mode", "fn_window", "fn_channels", "fn_whatif_points", "fn_breakdown_by", "fn_trend_freq",
         "fn_period_before", "fn_period_after"),
        ("fn_steps_", "fn_dates_", "fn_whatif_step_"),
    ),
    PageSettings(
        "ps",
        ("orders",),
        ("ps_as_of", "ps_scoring", "ps_k", "ps_move_from"),
        ("ps_export_",),
    ),
    PageSettings(
        "ch",
        ("orders", "spend", "traffic", "events"),
        ("ch_margin", "ch_level", "ch_mapping", "ch_campaign_by", "ch_campaign_freq", "ch_campaign_metric",
         "ch_trend_metric", "ch_freq", "ch_saturation", "ch_goal", "ch_target_roas", "ch_budget", "ch_limit",
         "ch_half_life", "ch_lookback"),
        ("ch_pattern_", "ch_manual_"),
    ),
    PageSettings(
        "ab",
        ("experiment",),
        ("ab_baseline", "ab_mde_kind", "ab_direction", "ab_alpha", "ab_power", "ab_variants", "ab_daily", "ab_share",
         "ab_days", "ab_source", "ab_cap", "ab_conf", "ab_typed_k"),
        ("ab_mde_", "ab_control_", "ab_weights_", "ab_name_", "ab_n_", "ab_x_", "ab_m_", "ab_sd_"),
    ),
    PageSettings("gl", (), ("gl_area", "gl_search")),
)  # fmt: skip
_SCALARS = (str, int, float, bool, type(None))


def layout_key(source_columns: list[str] | tuple[str, ...]) -> str:
    """A short key for an export layout: its normalised header, in order. The same shop's next
    export of the same report has the same key, whatever its rows."""
    text = "\x1f".join(normalize_header(str(c)) for c in source_columns)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _encode(value: Any) -> Any:
    """A JSON value with its type kept where JSON has none (dates, tables), or raise TypeError."""
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    if isinstance(value, dt.datetime | pd.Timestamp):
        return {"$datetime": pd.Timestamp(value).isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    if isinstance(value, pd.DataFrame):
        if len(value) > 10_000:
            raise TypeError("table too large for a state file")
        return {"$table": json.loads(value.to_json(orient="split", index=False, date_format="iso"))}
    raise TypeError(type(value).__name__)


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if isinstance(value, dict):
        if set(value) == {"$date"}:
            return dt.date.fromisoformat(str(value["$date"]))
        if set(value) == {"$datetime"}:
            return pd.Timestamp(str(value["$datetime"])).to_pydatetime()
        if set(value) == {"$table"}:
            table = value["$table"]
            return pd.DataFrame(table["data"], columns=table["columns"])
        raise ValueError("unknown value")
    if isinstance(value, _SCALARS):
        return value
    raise ValueError("unknown value")


def page_of(key: str) -> PageSettings | None:
    """The page whose setting a session-state key is (:data:`PAGES`), or None."""
    return next((p for p in PAGES if p.holds(key)), None)


def is_setting(key: str) -> bool:
    """Whether a session-state key is a page setting worth saving."""
    return page_of(key) is not None


def snapshot(
    session: dict[str, Any],
    datasets: dict[str, Dataset],
    mappings: dict[str, dict[str, str]] | None = None,
    lang: str = "en",
) -> bytes:
    """The JSON state file of a session.

    Parameters
    ----------
    session
        The session's widget values (``st.session_state`` as a dict); only page settings
        (:func:`is_setting`) whose values JSON can carry are kept.
    datasets
        The loaded datasets by kind: recorded by name, rows and fingerprint only.
    mappings
        Column mappings by export layout (:func:`layout_key` -> {canonical: source column}).

    Returns
    -------
    bytes
        UTF-8 JSON.
    """
    settings = {}
    for key in sorted(k for k in session if isinstance(k, str) and is_setting(k)):
        try:
            settings[key] = _encode(session[key])
        except TypeError:
            continue
    state = {
        "app": APP,
        "version": VERSION,
        "saved": dt.datetime.now().isoformat(timespec="seconds"),
        "lang": lang,
        "data": {
            kind: {"name": ds.name, "rows": len(ds.frame), "fingerprint": ds.fingerprint}
            for kind, ds in sorted(datasets.items())
        },
        "settings": settings,
        "mappings": {k: dict(v) for k, v in (mappings or {}).items()},
    }
    return json.dumps(state, ensure_ascii=False, indent=1).encode("utf-8")


@dataclass(frozen=True)
class Restored:
    """What a state file gives back: the settings and mappings that check out, and notes on
    what did not apply."""

    settings: dict[str, Any] = field(default_factory=dict)
    mappings: dict[str, dict[str, str]] = field(default_factory=dict)
    notes: tuple[Note, ...] = ()


def restore(content: bytes, datasets: dict[str, Dataset]) -> Restored:
    """Read a state file made by :func:`snapshot`.

    Parameters
    ----------
    content
        The file's bytes.
    datasets
        What is loaded now, to say whether the file was made for other data.

    Returns
    -------
    Restored
        Settings and mappings that passed every check, with notes (warnings) for a file from
        another version or other data and for each entry dropped.

    Raises
    ------
    LoadError
        ``st_err_not_state`` when the bytes are not a state file of this app at all.
    """
    if len(content) > MAX_BYTES:
        raise LoadError("st_err_not_state")
    try:
        state = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LoadError("st_err_not_state") from exc
    if not isinstance(state, dict) or state.get("app") != APP:
        raise LoadError("st_err_not_state")
    notes: list[Note] = []
    if state.get("version") != VERSION:
        notes.append(Note("st_note_version", {"version": str(state.get("version"))}, "warning"))
    saved_data = state.get("data") if isinstance(state.get("data"), dict) else {}
    saved = {k: m.get("fingerprint") for k, m in saved_data.items() if isinstance(m, dict)}
    # data now loaded that differs from (or was absent in) what the file was made for
    other = {kind for kind, ds in datasets.items() if saved.get(kind) != ds.fingerprint}
    skipped = [p for p in PAGES if other & set(p.kinds)]
    if skipped:
        notes.append(Note("st_note_other_data", {"pages": [f"st_page_{p.page}" for p in skipped]}, "warning"))
    settings: dict[str, Any] = {}
    dropped = 0
    raw_settings = state.get("settings") if isinstance(state.get("settings"), dict) else {}
    for key, value in raw_settings.items():
        page = page_of(key) if isinstance(key, str) else None
        if page is None:
            dropped += 1
            continue
        if page in skipped:
            continue
        try:
            settings[key] = _decode(value)
        except (ValueError, TypeError, KeyError):
            dropped += 1
    mappings: dict[str, dict[str, str]] = {}
    raw_mappings = state.get("mappings") if isinstance(state.get("mappings"), dict) else {}
    for layout, mapping in raw_mappings.items():
        if isinstance(mapping, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()
        ):
            mappings[str(layout)] = dict(mapping)
        else:
            dropped += 1
    if dropped:
        notes.append(Note("st_note_dropped", {"n": dropped}, "warning"))
    return Restored(settings, mappings, tuple(notes))
