"""Turn traffic totals, a clickstream or bare orders into one shape of funnel data.

Every mode becomes a :class:`FunnelData`: a frame of *units* (a day × channel row of shop
totals, a user, or an order) with one count column per step, a ``period`` timestamp and the
dimensions a funnel can be broken down by. Summing the step columns over any subset of
units gives that subset's funnel, so tables, breakdowns, trends and the sales identity are
written once for all three modes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ecom_core import metrics
from ecom_core.load.dataset import AnalysisError, Note

Mode = Literal["traffic", "events", "orders"]
MODES: tuple[Mode, ...] = ("events", "traffic", "orders")

#: Traffic columns that form the shop funnel, in order (生意参谋 / 京东商智 daily totals).
TRAFFIC_STEPS: tuple[str, ...] = ("visitors", "product_views", "cart_adds", "orderers", "payers")
#: Orders-only funnel: created -> paid -> neither cancelled nor refunded (paid -> completed
#: when the export has no unpaid orders, see :func:`from_orders_frame`).
ORDER_STEPS: tuple[str, ...] = ("created", "paid", "completed")
#: Columns that may break a funnel down, per mode, in the order they are offered.
DIMENSIONS: dict[str, tuple[str, ...]] = {
    "traffic": ("channel", "product"),
    "events": ("channel", "device", "product", "category"),
    "orders": ("channel", "region", "category", "product"),
}

#: What kind of step an event name is, by the words platforms and trackers use for it.
#: Checked in this order, so "checkout" wins over "view" in "view_checkout".
STEP_TYPES: tuple[tuple[str, str], ...] = (
    ("purchase", r"purchase|buy|paid|pay|transaction|order_?complete|支付|付款|成交|购买"),
    ("checkout", r"checkout|check_out|place_?order|submit_?order|order|下单|提交订单|生成订单|结算"),
    ("cart", r"cart|basket|bag|加购|购物车"),
    ("view", r"view|pv|detail|product|item|browse|浏览|商品|详情"),
    ("visit", r"visit|session|landing|page|访问|进店|访客"),
)
_TYPE_ORDER = ("visit", "view", "cart", "checkout", "purchase")
STEP_TYPE_OF_COLUMN: dict[str, str] = {
    "visitors": "visit",
    "product_views": "view",
    "cart_adds": "cart",
    "orderers": "checkout",
    "payers": "purchase",
    "created": "checkout",
    "paid": "purchase",
    "completed": "completed",
}

MAX_SEGMENTS = 50  # a dimension with more distinct values is not offered as a breakdown


@dataclass(frozen=True)
class FunnelData:
    """Funnel-ready units of one mode.

    Attributes
    ----------
    mode
        ``"traffic"``, ``"events"`` or ``"orders"``.
    steps
        Names of the step count columns in ``units``, in funnel order. For traffic and orders
        they are canonical names (``visitors``, ``paid``...); for events, the event names.
    units
        One row per unit (a traffic row, a user, an order): integer step counts, ``period``
        (day of the row, time of the user's first step, time of the order), ``revenue``
        (paid amount, the user's purchase revenue, the order's net revenue) and any of the
        mode's dimensions.
    step_times
        Events and orders: one datetime column per step for each unit (NaT where the step was
        not reached), for the time to convert. Empty for traffic.
    notes
        What was left out or assumed on the way (rows with negative counts, ...).
    """

    mode: Mode
    steps: tuple[str, ...]
    units: pd.DataFrame
    step_times: pd.DataFrame = field(default_factory=pd.DataFrame)
    notes: tuple[Note, ...] = ()

    @property
    def dimensions(self) -> list[str]:
        """Dimensions present with 2 to :data:`MAX_SEGMENTS` distinct values."""
        out = []
        for col in DIMENSIONS[self.mode]:
            if col in self.units and 2 <= self.units[col].nunique() <= MAX_SEGMENTS:
                out.append(col)
        return out

    @property
    def first_day(self) -> pd.Timestamp | None:
        return None if self.units.empty else pd.Timestamp(self.units["period"].min()).normalize()

    @property
    def last_day(self) -> pd.Timestamp | None:
        return None if self.units.empty else pd.Timestamp(self.units["period"].max()).normalize()

    def between(self, start=None, end=None) -> FunnelData:
        """The units whose ``period`` falls on the days ``start`` to ``end`` (inclusive)."""
        keep = pd.Series(True, index=self.units.index)
        if start is not None:
            keep &= self.units["period"] >= pd.Timestamp(start)
        if end is not None:
            keep &= self.units["period"] < pd.Timestamp(end) + pd.Timedelta(days=1)
        if keep.all():
            return self
        times = self.step_times[keep.to_numpy()] if not self.step_times.empty else self.step_times
        return FunnelData(self.mode, self.steps, self.units[keep], times, self.notes)

    def where(self, column: str, values) -> FunnelData:
        """The units whose ``column`` is one of ``values`` (e.g. some channels)."""
        keep = self.units[column].isin(list(values)).to_numpy()
        times = self.step_times[keep] if not self.step_times.empty else self.step_times
        return FunnelData(self.mode, self.steps, self.units[keep], times, self.notes)


def step_type(name: str) -> str | None:
    """``"view"``, ``"cart"``, ``"checkout"``, ``"purchase"``, ``"visit"`` or None for an event
    name or canonical step column."""
    if name in STEP_TYPE_OF_COLUMN:
        return STEP_TYPE_OF_COLUMN[name]
    text = str(name).strip().lower()
    for kind, pattern in STEP_TYPES:
        if re.search(pattern, text):
            return kind
    return None


def default_steps(event_names, max_steps: int = 5) -> list[str]:
    """Guess an ordered funnel from the event names found in a file.

    The most frequent name of each step type (visit, view, cart, checkout, purchase) is kept
    in that order, e.g. ``pv, cart, order, buy`` or ``浏览, 加购, 下单, 支付``. With fewer than
    two recognisable types, the most frequent names are returned in order of frequency
    (the usual shape of a funnel: every step rarer than the one before).

    Parameters
    ----------
    event_names
        A Series of event names (one per event) or an iterable of names.
    """
    counts = pd.Series(event_names).dropna().astype(str).value_counts()
    by_type: dict[str, str] = {}
    for name in counts.index:  # most frequent first
        kind = step_type(name)
        if kind and kind not in by_type:
            by_type[kind] = name
    steps = [by_type[k] for k in _TYPE_ORDER if k in by_type]
    if len(steps) >= 2:
        return steps[:max_steps]
    return list(counts.index[:max_steps])


# ---- traffic (aggregate) -----------------------------------------------------------------
def from_traffic_frame(traffic: pd.DataFrame) -> FunnelData:
    """Funnel data from daily shop totals (the ``traffic`` kind).

    Parameters
    ----------
    traffic
        Canonical traffic frame: ``date``, ``visitors`` and any of ``product_views``,
        ``cart_adds``, ``orderers``, ``payers``; optional ``paid_amount``, ``channel``,
        ``product``.

    Returns
    -------
    FunnelData
        One unit per row; steps are the step columns present. Missing counts are read as 0
        and rows with a negative count are left out, each with a note.

    Raises
    ------
    AnalysisError
        ``fn_err_traffic_steps`` when fewer than two step columns are present.
    """
    steps = tuple(c for c in TRAFFIC_STEPS if c in traffic)
    if len(steps) < 2:
        raise AnalysisError("fn_err_traffic_steps")
    counts = traffic[list(steps)].apply(pd.to_numeric, errors="coerce")
    counts = counts.where(np.isfinite(counts))  # inf is no count either
    notes = []
    missing = int(counts.isna().any(axis=1).sum())
    if missing:
        notes.append(Note("fn_note_missing_counts", {"n": missing}, "warning"))
    counts = counts.fillna(0)
    negative = (counts < 0).any(axis=1)
    if negative.any():
        notes.append(Note("fn_note_negative_counts", {"n": int(negative.sum())}, "warning"))
    dates = pd.to_datetime(traffic["date"], errors="coerce")
    undated = dates.isna() & ~negative
    if undated.any():
        notes.append(Note("fn_note_undated", {"n": int(undated.sum())}, "warning"))
    keep = (~negative & dates.notna()).to_numpy()
    units = counts[keep].round().astype("int64")
    units["period"] = dates[keep].to_numpy()
    revenue = traffic["paid_amount"] if "paid_amount" in traffic else pd.Series(np.nan, index=traffic.index)
    units["revenue"] = pd.to_numeric(revenue, errors="coerce")[keep].fillna(0).to_numpy()
    for col in DIMENSIONS["traffic"]:
        if col in traffic:
            units[col] = traffic[col][keep].fillna("").astype(str).to_numpy()
    return FunnelData("traffic", steps, units.reset_index(drop=True), notes=tuple(notes))


# ---- orders only -------------------------------------------------------------------------


def from_orders_frame(orders: pd.DataFrame) -> FunnelData:
    """Funnel data from an orders export alone: created -> paid -> completed, or paid ->
    completed when the export cannot tell unpaid orders apart.

    Parameters
    ----------
    orders
        Canonical orders frame (one row per order line): ``order_id``, ``order_time``,
        ``revenue``; optional ``status``, ``paid_time``, ``refund_amount``, ``channel``,
        ``region``, ``category``, ``product``.

    Returns
    -------
    FunnelData
        One unit per order placed; credit notes (status ``credit``: returns and
        cancellations of earlier invoices) are not orders and are left out, with a note.
        An order is *paid* and *completed* as the metric layer counts it
        (:func:`ecom_core.metrics.order_mask` on ``paid`` and ``net``: paid, refunded or
        partially refunded; paid and not fully refunded). The funnel starts at *created*
        only when some order placed was never paid (pending, cancelled before payment, a
        blank paid time): an export of paid sales alone (UCI invoices, a 已付款 report) has
        no unpaid orders to count, so its funnel starts at *paid*, with a note saying why.
        ``revenue`` is the order's net revenue when completed, else 0; ``paid_revenue`` the
        order's paid revenue (:func:`ecom_core.metrics.line_amounts`).
    """
    if orders.empty:
        raise AnalysisError("fn_err_no_orders")
    placed_lines = metrics.order_mask(orders, "placed")
    credits = orders.loc[~placed_lines, "order_id"].nunique() if "order_id" in orders else 0
    money = metrics.line_amounts(orders)
    lines = pd.DataFrame(
        {
            "order_id": orders["order_id"].to_numpy(),
            "placed": placed_lines,
            "paid": metrics.order_mask(orders, "paid"),
            "net": metrics.order_mask(orders, "net"),
            "paid_revenue": money["paid_revenue"].to_numpy(),
            "net_revenue": money["net_revenue"].to_numpy(),
        }
    )
    lines = lines[placed_lines]
    source = orders[placed_lines]
    if lines.empty:
        raise AnalysisError("fn_err_only_credit_notes")
    by_order = lines.groupby("order_id", sort=False, observed=True)
    flags = by_order[["paid", "net"]].max()
    amounts = by_order[["paid_revenue", "net_revenue"]].sum()
    kept = [c for c in ("order_time", "paid_time", *DIMENSIONS["orders"]) if c in source]
    per = source.groupby("order_id", sort=False, observed=True)[kept].first()  # IDs and amounts stay out
    paid = flags["paid"].to_numpy(dtype=bool)
    completed = paid & flags["net"].to_numpy(dtype=bool)
    times = pd.to_datetime(per["order_time"], errors="coerce")
    units = pd.DataFrame(
        {
            "created": np.ones(len(per), dtype="int64"),
            "paid": paid.astype("int64"),
            "completed": completed.astype("int64"),
            "period": times.to_numpy(),
            "revenue": np.where(completed, amounts["net_revenue"].to_numpy(dtype=float), 0.0),
            "paid_revenue": amounts["paid_revenue"].to_numpy(dtype=float),
        }
    )
    for col in DIMENSIONS["orders"]:
        if col in per:
            units[col] = per[col].fillna("").astype(str).to_numpy()
    undated = units["period"].isna().to_numpy()
    keep = ~undated
    notes = []
    if credits:
        notes.append(Note("fn_note_credit_notes", {"n": int(credits)}, "info"))
    if undated.any():
        notes.append(Note("fn_note_undated", {"n": int(undated.sum())}, "warning"))
    step_times = pd.DataFrame(
        {
            "created": times.to_numpy(),
            "paid": pd.to_datetime(per["paid_time"], errors="coerce").to_numpy()
            if "paid_time" in per
            else np.full(len(per), np.datetime64("NaT", "ns")),
        }
    )
    steps = ORDER_STEPS
    if keep.any() and paid[keep].all():
        # nothing placed was left unpaid: created -> paid would be a 100% step of nothing
        steps = ORDER_STEPS[1:]
        units = units.drop(columns="created")
        step_times = step_times[["paid"]]
        notes.append(Note("fn_note_starts_at_paid", {}, "info"))
    return FunnelData(
        "orders",
        steps,
        units[keep].reset_index(drop=True),
        step_times[keep].reset_index(drop=True),
        tuple(notes),
    )


# ---- events (clickstream) ----------------------------------------------------------------
_NEVER = np.iinfo("int64").max


def from_events_frame(
    events: pd.DataFrame,
    steps,
    window: pd.Timedelta | None = None,
    *,
    user_col: str = "user_id",
    time_col: str = "time",
    event_col: str = "event",
) -> FunnelData:
    """Funnel data from a clickstream: which steps each user reached, in order.

    A user counts at step k when they did steps 1..k in order, each at or after the
    previous one (strictly after when a step repeats the previous step's event), all within
    ``window`` of their first step-1 event (the anchor). Everything is vectorised: one pass
    per step over that step's events, no loop over users.

    Parameters
    ----------
    events
        Canonical events frame: ``user_id``, ``time``, ``event``; optional ``channel``,
        ``device``, ``product``, ``category``, ``revenue``.
    steps
        Event names as in the file, at least two, in funnel order.
    window
        Conversion window from the anchor, or None for no limit.

    Returns
    -------
    FunnelData
        One unit per user who did step 1: 0/1 per step, ``period`` = anchor time,
        ``revenue`` = the revenue of the user's last-step event in the funnel (0 when the
        file has none), dimensions taken from the anchor event; ``step_times`` has the time
        each step was reached.

    Raises
    ------
    AnalysisError
        ``fn_err_steps_few`` with fewer than two steps, ``fn_err_steps_unknown`` when a step
        is not an event name of the file, ``fn_err_window`` for a negative window.
    """
    steps = tuple(str(s) for s in steps)
    if len(steps) < 2:
        raise AnalysisError("fn_err_steps_few")
    if window is not None and pd.Timedelta(window) < pd.Timedelta(0):
        raise AnalysisError("fn_err_window")
    # Work on integer codes: comparing millions of strings per step would dominate the time.
    distinct = list(dict.fromkeys(steps))
    codes = _positions(events[event_col], distinct)
    found = np.bincount(codes[codes >= 0], minlength=len(distinct))
    unknown = [name for name, n in zip(distinct, found, strict=True) if n == 0]
    if unknown:
        raise AnalysisError("fn_err_steps_unknown", steps="、".join(unknown))
    step_codes = np.array([distinct.index(s) for s in steps])

    times = events[time_col]
    if not pd.api.types.is_datetime64_dtype(times):
        times = pd.to_datetime(times, errors="coerce")
    t_all = times.to_numpy("datetime64[ns]").view("int64")
    in_funnel = (
        np.isin(codes, step_codes) & (t_all != np.iinfo("int64").min) & events[user_col].notna().to_numpy()
    )
    rows_in = np.flatnonzero(in_funnel)  # positions in ``events`` of the funnel's events
    t_ns = t_all[rows_in]
    sub_codes = codes[rows_in]
    users, user_index = pd.factorize(events[user_col].take(rows_in), sort=False)
    n_users = len(user_index)

    # Anchor: each user's first step-1 event; the earliest such row gives their dimensions.
    firsts_k = np.flatnonzero(sub_codes == step_codes[0])
    anchor = np.full(n_users, _NEVER, dtype="int64")
    np.minimum.at(anchor, users[firsts_k], t_ns[firsts_k])
    anchored = np.flatnonzero(anchor != _NEVER)  # users in the funnel: those who did step 1
    deadline = np.full(n_users, _NEVER, dtype="int64")
    if window is not None:
        limit = pd.Timedelta(window).value
        deadline[anchored] = np.minimum(anchor[anchored], _NEVER - limit) + limit

    reached = [anchor]
    for k in range(1, len(steps)):
        rows_k = np.flatnonzero(sub_codes == step_codes[k])
        u = users[rows_k]
        tk = t_ns[rows_k]
        prev = reached[k - 1][u]
        after = tk > prev if steps[k] == steps[k - 1] else tk >= prev
        ok = (prev != _NEVER) & after & (tk <= deadline[u])
        at_k = np.full(n_users, _NEVER, dtype="int64")
        np.minimum.at(at_k, u[ok], tk[ok])
        reached.append(at_k)

    labels = _unique_labels(steps)
    done = [r[anchored] != _NEVER for r in reached]
    units = pd.DataFrame({label: d.astype("int64") for label, d in zip(labels, done, strict=True)})
    units["period"] = pd.to_datetime(anchor[anchored], unit="ns")
    revenue = np.zeros(len(anchored))
    if "revenue" in events:
        # the revenue of the event that reached the last step (earliest row on a tie)
        last_k = np.flatnonzero(sub_codes == step_codes[-1])
        hit = last_k[t_ns[last_k] == reached[-1][users[last_k]]]
        last_row = np.full(n_users, _NEVER, dtype="int64")
        np.minimum.at(last_row, users[hit], hit)
        has = last_row[anchored] != _NEVER
        values = pd.to_numeric(events["revenue"].take(rows_in[last_row[anchored][has]]), errors="coerce")
        revenue[has] = np.nan_to_num(values.to_numpy(dtype=float))
    units["revenue"] = revenue
    first_row = np.full(n_users, _NEVER, dtype="int64")
    hit = firsts_k[t_ns[firsts_k] == anchor[users[firsts_k]]]
    np.minimum.at(first_row, users[hit], hit)
    anchor_rows = rows_in[first_row[anchored]]
    for col in DIMENSIONS["events"]:
        if col in events:
            units[col] = events[col].take(anchor_rows).fillna("").astype("str").array
    units.index = pd.Index(user_index[anchored], name=user_col)
    step_times = pd.DataFrame(
        {
            label: pd.to_datetime(np.where(d, r[anchored], np.iinfo("int64").min), unit="ns")
            for label, d, r in zip(labels, done, reached, strict=True)
        },
        index=units.index,
    )
    return FunnelData("events", labels, units, step_times)


def _positions(values: pd.Series, wanted: list[str]) -> np.ndarray:
    """Index of each value in ``wanted``, -1 for any other value (Arrow's hash lookup against
    a handful of names, much cheaper than factorising the whole column)."""
    found = pc.index_in(
        pa.array(values.astype("string"), from_pandas=True), value_set=pa.array(wanted, pa.string())
    )
    return found.fill_null(-1).to_numpy(zero_copy_only=False).astype("int64")


def _unique_labels(steps: tuple[str, ...]) -> tuple[str, ...]:
    """Step names made unique (``view``, ``view (2)``) so each is its own column."""
    seen: dict[str, int] = {}
    out = []
    for s in steps:
        seen[s] = seen.get(s, 0) + 1
        out.append(s if seen[s] == 1 else f"{s} ({seen[s]})")
    return tuple(out)


def funnel_data(
    frame: pd.DataFrame, mode: Mode, steps=None, window: pd.Timedelta | None = None
) -> FunnelData:
    """:class:`FunnelData` of a canonical frame of kind ``mode`` (``traffic``, ``events`` or
    ``orders``); ``steps`` and ``window`` apply to events (default steps guessed by
    :func:`default_steps`).

    Raises
    ------
    AnalysisError
        ``fn_err_no_dated`` when no row with a readable date or time is left to analyse,
        besides the builders' own errors.
    """
    if mode == "traffic":
        data = from_traffic_frame(frame)
    elif mode == "orders":
        data = from_orders_frame(frame)
    else:
        data = from_events_frame(frame, steps or default_steps(frame["event"]), window)
    if data.units.empty:
        raise AnalysisError("fn_err_no_dated")
    return data


def event_names(frame: pd.DataFrame, event_col: str = "event") -> list[str]:
    """Distinct event names of a clickstream, most frequent first."""
    return [str(x) for x in frame[event_col].dropna().astype("string").value_counts().index]
