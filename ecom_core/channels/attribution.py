"""Multi-touch attribution of conversions to channels from clickstream events.

A **touch** is the start of a visit: the first event of a session (``session_id``), or,
without session ids, a user's first event, any event after 30 minutes of inactivity and
any event whose channel differs from the user's previous event. Each conversion (a
purchase event) is credited to the touches of the same user since their previous
conversion, within ``lookback`` before it. A conversion with no such touch is credited to
its own event's channel, so every model's credits sum to the number of conversions.

Models: last click, first click, linear, position-based (40% first, 40% last, 20% shared by
the middle; 50/50 with two touches) and time decay (weight ``2^(−age / half_life)``,
normalised per conversion).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ecom_core.channels.grouping import UNASSIGNED, apply_mapping
from ecom_core.load.dataset import AnalysisError

MODELS: tuple[str, ...] = ("last_click", "first_click", "linear", "position_based", "time_decay")
#: event names read as a purchase when ``conversion_event`` is not given
PURCHASE_EVENTS: tuple[str, ...] = (
    "purchase",
    "buy",
    "order",
    "paid",
    "pay",
    "transaction",
    "checkout_complete",
    "completed_order",
    "支付",
    "购买",
    "成交",
    "付款",
)
SESSION_GAP = pd.Timedelta(minutes=30)
LOOKBACK = pd.Timedelta(days=30)


def conversion_event_of(events: pd.DataFrame, event: str = "event") -> str | None:
    """The event name that marks a purchase (the first of :data:`PURCHASE_EVENTS` present,
    case-insensitive), or None."""
    names = pd.Series(events[event].dropna().unique()).astype(str)
    lower = names.str.strip().str.lower()
    for candidate in PURCHASE_EVENTS:
        hit = names[lower == candidate]
        if len(hit):
            return str(hit.iloc[0])
    return None


def touch_paths(
    events: pd.DataFrame,
    conversion_event: str | None = None,
    *,
    lookback: pd.Timedelta = LOOKBACK,
    mapping: pd.DataFrame | None = None,
    level: str = "group",
    user: str = "user_id",
    time: str = "time",
    event: str = "event",
    channel: str = "channel",
    session: str = "session_id",
    revenue: str = "revenue",
) -> pd.DataFrame:
    """The touches of every conversion, one row per (conversion, touch).

    Parameters
    ----------
    events
        Canonical events: ``user_id``, ``time``, ``event``, ``channel``; optional
        ``session_id``, ``revenue``.
    conversion_event
        Event name of a purchase; found with :func:`conversion_event_of` when None.
    lookback
        Touches older than this before the conversion do not count.

    Returns
    -------
    DataFrame
        ``conversion`` (0..n-1), ``channel``, ``position`` (0 = first touch),
        ``n_touches``, ``age_days`` (conversion time − touch time), ``value`` (revenue of
        the conversion, 0 without a revenue column).

    Raises
    ------
    AnalysisError
        ``ch_err_events_no_channel`` without a channel column; ``ch_err_no_conversions``
        when no purchase event is found.
    """
    for col in (user, time, event):
        if col not in events.columns:
            raise AnalysisError("ch_err_missing_column", missing=[col])
    if channel not in events.columns:
        raise AnalysisError("ch_err_events_no_channel")
    conv_name = conversion_event or conversion_event_of(events, event)
    if conv_name is None:
        raise AnalysisError("ch_err_no_conversions")
    ev = events.loc[events[user].notna().to_numpy() & events[time].notna().to_numpy()]
    ev = apply_mapping(ev, mapping, level=level, column=channel, out="_ch")
    ev = ev.sort_values([user, time], kind="stable")
    uid = pd.factorize(ev[user])[0]
    t = pd.to_datetime(ev[time]).to_numpy()
    ch = ev["_ch"].to_numpy()
    is_conv = (ev[event].astype("str") == conv_name).to_numpy()
    if not is_conv.any():
        raise AnalysisError("ch_err_no_conversions")
    new_user = np.r_[True, uid[1:] != uid[:-1]]
    if session in ev.columns:
        sid = ev[session].astype("str").to_numpy()
        is_touch = new_user | np.r_[True, sid[1:] != sid[:-1]]
    else:
        gap = np.r_[True, (t[1:] - t[:-1]) > SESSION_GAP.to_timedelta64()]
        is_touch = new_user | gap | np.r_[True, ch[1:] != ch[:-1]]
    value = (
        pd.to_numeric(ev[revenue], errors="coerce").fillna(0.0).to_numpy()
        if revenue in ev.columns
        else np.zeros(len(ev))
    )

    # Each touch belongs to the user's next conversion: number conversions, then carry the
    # number backwards within the user (a touch after a user's last conversion gets none).
    conv_idx = np.full(len(ev), np.nan)
    conv_idx[is_conv] = np.arange(int(is_conv.sum()))
    nxt = pd.Series(conv_idx).groupby(uid).bfill().to_numpy()
    conv_time = np.full(len(ev), np.datetime64("NaT"), dtype="datetime64[ns]")
    conv_time[is_conv] = t[is_conv]
    conv_t = pd.Series(conv_time).groupby(uid).bfill().to_numpy()
    take = is_touch & ~np.isnan(nxt)
    age = conv_t[take] - t[take]
    take_idx = np.flatnonzero(take)[age <= lookback.to_timedelta64()]
    touches = pd.DataFrame(
        {
            "conversion": nxt[take_idx].astype(np.int64),
            "channel": ch[take_idx],
            "age_days": (conv_t[take_idx] - t[take_idx]) / np.timedelta64(1, "D"),
        }
    )
    # conversions without a touch in the window: credited to their own channel
    n_conv = int(is_conv.sum())
    lonely = np.setdiff1d(np.arange(n_conv), touches["conversion"].to_numpy())
    if len(lonely):
        touches = pd.concat(
            [
                touches,
                pd.DataFrame({"conversion": lonely, "channel": ch[is_conv][lonely], "age_days": 0.0}),
            ],
            ignore_index=True,
        )
    touches = touches.sort_values(["conversion", "age_days"], ascending=[True, False], kind="stable")
    g = touches.groupby("conversion", sort=False)
    touches["position"] = g.cumcount().to_numpy()
    touches["n_touches"] = g["channel"].transform("size").to_numpy()
    touches["value"] = value[is_conv][touches["conversion"].to_numpy()]
    touches["channel"] = touches["channel"].fillna(UNASSIGNED).astype("str")
    return touches.reset_index(drop=True)[
        ["conversion", "channel", "position", "n_touches", "age_days", "value"]
    ]


def credits(paths: pd.DataFrame, half_life_days: float = 7.0) -> pd.DataFrame:
    """Credit of every touch under every model (each conversion's credits sum to 1).

    Parameters
    ----------
    paths
        From :func:`touch_paths`.
    half_life_days
        Half-life of the time-decay model.

    Returns
    -------
    DataFrame
        ``paths`` with one column per model in :data:`MODELS`.
    """
    if half_life_days <= 0:
        raise AnalysisError("ch_err_half_life")
    pos = paths["position"].to_numpy()
    n = paths["n_touches"].to_numpy()
    first = pos == 0
    last = pos == n - 1
    out = paths.copy()
    out["last_click"] = last.astype(float)
    out["first_click"] = first.astype(float)
    out["linear"] = 1.0 / n
    middle = np.where(n > 2, 0.2 / np.maximum(n - 2, 1), 0.0)
    ends = np.where(n == 1, 1.0, np.where(n == 2, 0.5, 0.4))
    out["position_based"] = np.where(first | last, ends, middle)
    w = np.exp2(-paths["age_days"].to_numpy() / half_life_days)
    total = pd.Series(w).groupby(paths["conversion"].to_numpy()).transform("sum").to_numpy()
    out["time_decay"] = w / total
    return out


def attribute(
    events: pd.DataFrame,
    conversion_event: str | None = None,
    *,
    half_life_days: float = 7.0,
    lookback: pd.Timedelta = LOOKBACK,
    mapping: pd.DataFrame | None = None,
    level: str = "group",
) -> pd.DataFrame:
    """Conversions (and revenue) credited to each channel under the five models.

    Parameters
    ----------
    events, conversion_event, lookback, mapping, level
        See :func:`touch_paths`.
    half_life_days
        Half-life of the time-decay model (default 7 days).

    Returns
    -------
    DataFrame
        One row per channel: ``channel``, then for each model in :data:`MODELS` its
        credited conversions, then ``<model>_revenue`` for each, sorted by last click.
        Each model's column sums to the number of conversions.
    """
    paths = touch_paths(events, conversion_event, lookback=lookback, mapping=mapping, level=level)
    return attribution_table(paths, half_life_days)


def attribution_table(paths: pd.DataFrame, half_life_days: float = 7.0) -> pd.DataFrame:
    """The per-channel table of :func:`attribute` from touch paths already built."""
    c = credits(paths, half_life_days)
    conv = c.groupby("channel", sort=False)[list(MODELS)].sum()
    rev = c[list(MODELS)].mul(c["value"], axis=0).groupby(c["channel"].to_numpy()).sum()
    rev.columns = [f"{m}_revenue" for m in MODELS]
    out = conv.join(rev).sort_values("last_click", ascending=False, kind="stable")
    out.insert(0, "channel", out.index.astype(str))
    return out.reset_index(drop=True)


def multi_touch_share(paths: pd.DataFrame) -> float:
    """Share of conversions with more than one touch (when ~0, the models agree)."""
    per = paths.drop_duplicates("conversion")
    return float((per["n_touches"] > 1).mean()) if len(per) else float("nan")
