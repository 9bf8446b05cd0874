"""RFM: per-customer recency, frequency and monetary value, scores 1-5 and named segments.

Conventions (the ones users compare against):

* Only orders that were paid count: status ``paid`` or ``partially_refunded`` (all rows when
  the frame has no status column), with a customer id. Net revenue of a line is
  ``revenue - refund_amount``; an order's net total is the sum of its lines. Orders whose
  net total is not positive (returns booked as negative lines) are left out and counted.
* ``recency_days`` = whole days from the date of the customer's last order to ``as_of``
  (default: the day after the last order in the data); ``frequency`` = distinct orders;
  ``monetary`` = their net revenue.
* Scores 1-5 by quintile (5 = most recent / most frequent / highest spend), ties broken by
  rank in customer-id order (``pd.qcut(x.rank(method="first"), 5)``). Fewer than
  :data:`MIN_QUANTILE_CUSTOMERS` customers, or one value shared by more than
  :data:`MAX_TIE_SHARE` of them, makes quintiles meaningless: fixed thresholds are used
  instead (see :func:`fixed_scores`) and the result says why.
* Segments are named on the R x F grid (:data:`SEGMENTS`); users may redefine them as long as
  every cell belongs to exactly one segment (:func:`segment_grid`).
* A history shorter than :data:`SHORT_HISTORY_DAYS` (first counted order to ``as_of``), or
  one where at least :data:`SINGLE_ORDER_SHARE` of customers have a single order, is flagged
  on the result (:attr:`RFMResult.notes`): recency and spend still rank customers, but
  frequency cannot tell loyal customers from new ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ecom_core import fmt
from ecom_core.load import schema
from ecom_core.load.dataset import AnalysisError, Note

MIN_QUANTILE_CUSTOMERS = 50
MAX_TIE_SHARE = 0.6
#: Under a quarter of order history, recency spans a few weeks and few customers have had
#: time to come back: the R x F grid then says little about loyalty.
SHORT_HISTORY_DAYS = 90
#: From this share of one-order customers on, F puts (almost) everyone in one column.
SINGLE_ORDER_SHARE = 0.9
RFM_COLUMNS: tuple[str, ...] = (
    "recency_days",
    "frequency",
    "monetary",
    "r_score",
    "f_score",
    "m_score",
    "segment",
)


@dataclass(frozen=True)
class Segment:
    """A named block of the R x F grid: scores ``r[0]..r[1]`` and ``f[0]..f[1]`` inclusive.

    ``code`` is stable (strings and exports key on it); ``name`` is the English name.
    """

    code: str
    name: str
    r: tuple[int, int]
    f: tuple[int, int]

    def cells(self) -> list[tuple[int, int]]:
        return [(r, f) for r in range(self.r[0], self.r[1] + 1) for f in range(self.f[0], self.f[1] + 1)]


#: The default segments, best customers first.
SEGMENTS: tuple[Segment, ...] = (
    Segment("champions", "Champions", (5, 5), (4, 5)),
    Segment("loyal", "Loyal Customers", (3, 4), (4, 5)),
    Segment("potential_loyalists", "Potential Loyalists", (4, 5), (2, 3)),
    Segment("new_customers", "New Customers", (5, 5), (1, 1)),
    Segment("promising", "Promising", (4, 4), (1, 1)),
    Segment("need_attention", "Need Attention", (3, 3), (3, 3)),
    Segment("about_to_sleep", "About To Sleep", (3, 3), (1, 2)),
    Segment("at_risk", "At Risk", (1, 2), (3, 4)),
    Segment("cant_lose", "Can't Lose Them", (1, 2), (5, 5)),
    Segment("hibernating", "Hibernating", (1, 2), (1, 2)),
)
SEGMENT_CODES: tuple[str, ...] = tuple(s.code for s in SEGMENTS)
#: The segments that mostly rest on repeat orders (named by the short-history note).
FREQUENCY_SEGMENTS: tuple[str, ...] = ("champions", "loyal", "at_risk", "cant_lose")
SEGMENT_NAMES: dict[str, str] = {s.code: s.name for s in SEGMENTS}


# ---- the segment grid ------------------------------------------------------------------------
def segment_grid(segments: Sequence[Segment] = SEGMENTS) -> np.ndarray:
    """The 5 x 5 grid of segment positions: ``grid[r - 1, f - 1]`` is the index in ``segments``.

    Raises
    ------
    AnalysisError
        ``ps_err_grid`` when a cell belongs to no segment or to several (the cells are
        listed as ``R3F2``), or ``ps_err_grid_range`` when a range is outside 1-5 or reversed.
    """
    owners = np.zeros((5, 5), dtype=int)
    grid = np.full((5, 5), -1, dtype=int)
    for i, seg in enumerate(segments):
        lo_r, hi_r = seg.r
        lo_f, hi_f = seg.f
        if not (1 <= lo_r <= hi_r <= 5 and 1 <= lo_f <= hi_f <= 5):
            raise AnalysisError("ps_err_grid_range", segment=seg.name)
        owners[lo_r - 1 : hi_r, lo_f - 1 : hi_f] += 1
        grid[lo_r - 1 : hi_r, lo_f - 1 : hi_f] = i
    gaps = [f"R{r + 1}F{f + 1}" for r, f in zip(*np.nonzero(owners == 0), strict=True)]
    overlaps = [f"R{r + 1}F{f + 1}" for r, f in zip(*np.nonzero(owners > 1), strict=True)]
    if gaps or overlaps:
        raise AnalysisError("ps_err_grid", gaps=", ".join(gaps) or "-", overlaps=", ".join(overlaps) or "-")
    return grid


def segments_from_table(
    table: pd.DataFrame,
    code: str = "code",
    r_from: str = "r_from",
    r_to: str = "r_to",
    f_from: str = "f_from",
    f_to: str = "f_to",
) -> tuple[Segment, ...]:
    """Segments from an edited definitions table (one row per segment, codes of :data:`SEGMENTS`).

    The result is checked with :func:`segment_grid` (raises ``AnalysisError``).
    """
    values = table[[r_from, r_to, f_from, f_to]].apply(pd.to_numeric, errors="coerce")
    if values.isna().any().any():
        raise AnalysisError("ps_err_grid_range", segment="?")
    segs = tuple(
        Segment(c, SEGMENT_NAMES.get(c, c), (int(a), int(b)), (int(x), int(y)))
        for c, a, b, x, y in zip(
            table[code], values[r_from], values[r_to], values[f_from], values[f_to], strict=True
        )
    )
    segment_grid(segs)
    return segs


def segments_table(segments: Sequence[Segment] = SEGMENTS) -> pd.DataFrame:
    """Segments as an editable table: code, r_from, r_to, f_from, f_to."""
    return pd.DataFrame(
        {
            "code": [s.code for s in segments],
            "r_from": [s.r[0] for s in segments],
            "r_to": [s.r[1] for s in segments],
            "f_from": [s.f[0] for s in segments],
            "f_to": [s.f[1] for s in segments],
        }
    )


# ---- orders that count ---------------------------------------------------------------------
@dataclass(frozen=True)
class PaidOrders:
    """One row per counted order: ``customer`` (int code), ``order_time``, ``net``.

    ``customers`` maps the codes back to customer ids (sorted). ``excluded`` counts orders
    left out by reason: ``not_paid`` (pending, cancelled, refunded), ``no_customer``,
    ``not_positive`` (net total <= 0), ``after_as_of``. ``last_time`` is the last order
    time in the data, whatever its status.

    Build it once with :func:`paid_orders` and pass it to every analysis instead of the
    order lines: the lines are then only read once.
    """

    orders: pd.DataFrame
    customers: pd.Index
    excluded: dict[str, int] = field(default_factory=dict)
    last_time: pd.Timestamp | None = None

    def default_as_of(self) -> pd.Timestamp:
        """The day after the last order in the data (midnight)."""
        if self.last_time is None or pd.isna(self.last_time):
            raise AnalysisError("ps_err_no_paid_orders")
        return self.last_time.normalize() + pd.Timedelta(days=1)

    def before(self, as_of: pd.Timestamp | str | None) -> PaidOrders:
        """Only the orders placed before ``as_of`` (all when None)."""
        if as_of is None:
            return self
        keep = (self.orders["order_time"] < pd.Timestamp(as_of)).to_numpy()
        if not keep.any():
            raise AnalysisError("ps_err_no_paid_orders")
        if keep.all():
            return self
        excluded = dict(self.excluded)
        excluded["after_as_of"] = excluded.get("after_as_of", 0) + int((~keep).sum())
        return PaidOrders(self.orders[keep].reset_index(drop=True), self.customers, excluded, self.last_time)


def prepare(
    orders: pd.DataFrame | PaidOrders, as_of: pd.Timestamp | str | None = None, **columns: str
) -> tuple[PaidOrders, pd.Timestamp]:
    """The paid orders before ``as_of`` (default: the day after the last order) and ``as_of``.

    ``orders`` is an orders frame (read with :func:`paid_orders` and ``columns``) or a
    :class:`PaidOrders` already built from one.
    """
    paid = orders if isinstance(orders, PaidOrders) else paid_orders(orders, **columns)
    as_of = paid.default_as_of() if as_of is None else pd.Timestamp(as_of)
    return paid.before(as_of), as_of


def paid_orders(
    orders: pd.DataFrame,
    as_of: pd.Timestamp | str | None = None,
    *,
    order_id: str = "order_id",
    customer_id: str = "customer_id",
    order_time: str = "order_time",
    revenue: str = "revenue",
    status: str = "status",
    refund_amount: str = "refund_amount",
) -> PaidOrders:
    """Order lines -> one row per paid order of a known customer, before ``as_of``.

    Parameters
    ----------
    orders
        Canonical orders frame: one row per order line, columns ``order_id``,
        ``order_time``, ``revenue`` and ``customer_id``; ``status`` and ``refund_amount``
        are used when present.
    as_of
        Only orders strictly before this time count (None: all).

    Raises
    ------
    AnalysisError
        ``ps_err_no_customer_column`` without a customer column, ``ps_err_no_customers``
        when no paid order has a customer id, ``ps_err_negative_totals`` when every order
        total is zero or negative.
    """
    if customer_id not in orders.columns:
        raise AnalysisError("ps_err_no_customer_column")
    # factorise the ids once: every count and grouping below works on integer codes
    oid, oid_uniques = pd.factorize(orders[order_id])
    n_orders = len(oid_uniques)

    def n_unique(mask: np.ndarray) -> int:
        return int(np.count_nonzero(np.bincount(oid[mask & (oid >= 0)], minlength=n_orders)))

    keep = oid >= 0
    n_orders_all = n_orders
    if status in orders.columns:
        keep = keep & orders[status].isin(schema.KEPT_STATUSES).to_numpy(dtype=bool)
    n_paid = n_unique(keep)
    cust, customers = pd.factorize(orders[customer_id], sort=True)
    blank = np.flatnonzero(pd.Series(customers).astype("str").str.strip().str.len().to_numpy() == 0)
    has_customer = (cust >= 0) & ~np.isin(cust, blank)
    keep = keep & has_customer
    times = pd.to_datetime(orders[order_time], errors="coerce")
    keep = keep & times.notna().to_numpy(dtype=bool)
    n_known = n_unique(keep)
    if not keep.any():
        if n_paid and not has_customer.any():
            raise AnalysisError("ps_err_no_customers")
        raise AnalysisError("ps_err_no_paid_orders")

    net = orders[revenue].to_numpy(dtype=float, na_value=0.0)
    if refund_amount in orders.columns:
        net = net - orders[refund_amount].to_numpy(dtype=float, na_value=0.0)
    per_order = (
        pd.DataFrame(
            {"o": oid[keep], "customer": cust[keep], "order_time": times.to_numpy()[keep], "net": net[keep]}
        )
        .groupby("o", sort=False)
        .agg(customer=("customer", "first"), order_time=("order_time", "min"), net=("net", "sum"))
        .reset_index(drop=True)
    )
    positive = per_order["net"].to_numpy() > 0
    if not positive.any():
        raise AnalysisError("ps_err_negative_totals")
    per_order = per_order[positive].reset_index(drop=True)
    excluded = {
        "not_paid": n_orders_all - n_paid,
        "no_customer": n_paid - n_known,
        "after_as_of": 0,
        "not_positive": int((~positive).sum()),
    }
    paid = PaidOrders(per_order, pd.Index(customers, name=customer_id), excluded, times.max())
    return paid.before(as_of)


# ---- scores ----------------------------------------------------------------------------------
def quintile_scores(values: np.ndarray | pd.Series) -> np.ndarray:
    """1-5 by quintile of ``values`` (5 = highest), ties broken by position (rank "first")."""
    ranks = pd.Series(np.asarray(values)).rank(method="first")
    if len(ranks) < 5:
        # qcut needs at least as many distinct values as bins: spread the few ranks evenly
        return np.ceil(ranks.to_numpy() * 5 / len(ranks)).astype(np.int64)
    return pd.qcut(ranks, 5, labels=False).to_numpy().astype(np.int64) + 1


#: Fixed thresholds for small or tied customer bases: recency in days (a score of 5 within
#: 30 days ... 1 after a year), frequency in orders (1, 2, 3, 4-5, 6+), monetary as a
#: multiple of the median customer's spend.
RECENCY_DAYS_EDGES: tuple[float, ...] = (30, 90, 180, 365)
FREQUENCY_EDGES: tuple[float, ...] = (1, 2, 3, 5)
MONETARY_MEDIAN_EDGES: tuple[float, ...] = (0.5, 0.8, 1.25, 2.0)


def fixed_scores(recency_days: np.ndarray, frequency: np.ndarray, monetary: np.ndarray) -> tuple:
    """(r, f, m) scores 1-5 by the fixed thresholds above (upper edges inclusive)."""
    r = 5 - np.searchsorted(RECENCY_DAYS_EDGES, recency_days, side="left")
    f = 1 + np.searchsorted(FREQUENCY_EDGES, frequency, side="left")
    median = float(np.median(monetary)) if len(monetary) else 0.0
    ratio = monetary / median if median > 0 else np.ones_like(monetary, dtype=float)
    m = 1 + np.searchsorted(MONETARY_MEDIAN_EDGES, ratio, side="left")
    return r.astype(np.int64), f.astype(np.int64), m.astype(np.int64)


@dataclass(frozen=True)
class RFMResult:
    """What :func:`score` found.

    Attributes
    ----------
    table
        DataFrame indexed by ``customer_id``: recency_days, frequency, monetary, r_score,
        f_score, m_score, segment (categorical of English names in :data:`SEGMENTS` order).
    segment_code
        The same customers' segment codes (categorical of codes).
    scoring
        ``"quintile"`` or ``"fixed"``.
    reason
        Why fixed thresholds were used: ``""``, ``"few_customers"`` or ``"ties"``.
    tie_share
        Largest share of customers sharing one recency or frequency value.
    as_of
        The reference date.
    excluded
        Orders left out, by reason (see :class:`PaidOrders`).
    first_order
        Each customer's first counted order time (same index).
    segments
        The segment definitions the customers were named with.
    history_days
        Days from the first counted order's date to ``as_of``.
    single_order_share
        Share of customers with exactly one counted order.
    """

    table: pd.DataFrame
    segment_code: pd.Series
    scoring: str
    reason: str
    tie_share: float
    as_of: pd.Timestamp
    excluded: dict[str, int]
    first_order: pd.Series
    segments: tuple[Segment, ...] = SEGMENTS
    history_days: int = 0
    single_order_share: float = 0.0

    @property
    def short_history(self) -> str:
        """Why recency and frequency say little here: ``""``, ``"short"`` (under
        :data:`SHORT_HISTORY_DAYS` of orders), ``"single"`` (at least
        :data:`SINGLE_ORDER_SHARE` of customers with one order) or ``"both"``."""
        short = self.history_days < SHORT_HISTORY_DAYS
        single = self.single_order_share >= SINGLE_ORDER_SHARE
        return "both" if short and single else "short" if short else "single" if single else ""

    @property
    def notes(self) -> list[Note]:
        """Warnings about what this RFM can and cannot show (:meth:`Note.text` in any language)."""
        reason = self.short_history
        if not reason:
            return []
        params = {
            "days": fmt.count(self.history_days),
            "share": fmt.pct(self.single_order_share, 0),
            "min_days": SHORT_HISTORY_DAYS,
            "segments": [f"ps_seg_{code}" for code in FREQUENCY_SEGMENTS],
        }
        return [Note(f"ps_note_history_{reason}", params, "warning")]


def default_as_of(orders: pd.DataFrame | PaidOrders, order_time: str = "order_time") -> pd.Timestamp:
    """The day after the last order in the data (midnight), whatever the order's status."""
    if isinstance(orders, PaidOrders):
        return orders.default_as_of()
    last = pd.to_datetime(orders[order_time], errors="coerce").max()
    if pd.isna(last):
        raise AnalysisError("ps_err_no_paid_orders")
    return last.normalize() + pd.Timedelta(days=1)


def score(
    orders: pd.DataFrame | PaidOrders,
    as_of: pd.Timestamp | str | None = None,
    scoring: str = "auto",
    segments: Sequence[Segment] = SEGMENTS,
    **columns: str,
) -> RFMResult:
    """RFM of every customer with the details the page shows (see :func:`rfm`).

    Parameters
    ----------
    orders
        Canonical orders frame (see :func:`paid_orders`), or the :class:`PaidOrders`
        built from it.
    as_of
        Reference date; None = the day after the last order in the data. Orders from
        ``as_of`` on are ignored (useful to look back in time).
    scoring
        ``"auto"`` (quintiles unless the base is small or heavily tied), ``"quintile"``
        or ``"fixed"``.
    segments
        Segment definitions (checked by :func:`segment_grid`).
    columns
        Other canonical column names (order_id, revenue, status, refund_amount).
    """
    grid = segment_grid(segments)
    paid, as_of = prepare(orders, as_of, **columns)
    po = paid.orders
    if len(po) < 2:
        raise AnalysisError("ps_err_one_order")
    by = po.groupby("customer", sort=True)
    last = by["order_time"].max()
    first = by["order_time"].min()
    frequency = by.size().to_numpy().astype(np.int64)
    monetary = by["net"].sum().to_numpy()
    recency = (as_of.normalize() - last.dt.normalize()).dt.days.to_numpy().astype(np.int64)
    n = len(frequency)

    tie_share = max(_top_share(recency), _top_share(frequency))
    reason = ""
    if scoring == "auto":
        if n < MIN_QUANTILE_CUSTOMERS:
            reason = "few_customers"
        elif tie_share > MAX_TIE_SHARE:
            reason = "ties"
        scoring = "fixed" if reason else "quintile"
    if scoring == "quintile":
        r = quintile_scores(-recency)
        f = quintile_scores(frequency)
        m = quintile_scores(monetary)
    elif scoring == "fixed":
        r, f, m = fixed_scores(recency, frequency, monetary)
    else:
        raise ValueError(f"unknown scoring {scoring!r}")

    seg_index = grid[r - 1, f - 1]
    codes = [s.code for s in segments]
    names = [s.name for s in segments]
    index = paid.customers[by.size().index.to_numpy()]
    table = pd.DataFrame(
        {
            "recency_days": recency,
            "frequency": frequency,
            "monetary": monetary,
            "r_score": r,
            "f_score": f,
            "m_score": m,
            "segment": pd.Categorical.from_codes(seg_index, categories=_unique(names)),
        },
        index=index,
    )
    seg_code = pd.Series(pd.Categorical.from_codes(seg_index, categories=_unique(codes)), index=index)
    first_order = pd.Series(first.to_numpy(), index=index, name="first_order")
    history_days = int((as_of.normalize() - first.min().normalize()).days)
    return RFMResult(
        table,
        seg_code,
        scoring,
        reason,
        float(tie_share),
        as_of,
        paid.excluded,
        first_order,
        tuple(segments),
        history_days,
        float(np.mean(frequency == 1)),
    )


def _unique(items: Iterable[str]) -> list[str]:
    out = list(items)
    if len(set(out)) != len(out):
        raise AnalysisError("ps_err_grid_range", segment=", ".join(out))
    return out


def _top_share(values: np.ndarray) -> float:
    if len(values) == 0:
        return 0.0
    _, counts = np.unique(values, return_counts=True)
    return float(counts.max() / len(values))


def rfm(orders_frame: pd.DataFrame, as_of: pd.Timestamp | str | None = None, **kwargs) -> pd.DataFrame:
    """RFM table of every customer with a paid order.

    Parameters
    ----------
    orders_frame
        Canonical orders frame: one row per order line with ``order_id``, ``order_time``,
        ``revenue``, ``customer_id``; ``status`` and ``refund_amount`` used when present
        (cancelled, pending and fully refunded orders do not count; refunds are deducted).
    as_of
        Reference date; default the day after the last order in the data.
    kwargs
        ``scoring`` and ``segments`` of :func:`score`, and column names.

    Returns
    -------
    DataFrame indexed by ``customer_id`` (sorted), columns ``recency_days`` (int, days from
    the last order's date to ``as_of``), ``frequency`` (int, distinct orders),
    ``monetary`` (float, net revenue), ``r_score``, ``f_score``, ``m_score`` (int 1-5) and
    ``segment`` (categorical, English names of :data:`SEGMENTS`).
    """
    return score(orders_frame, as_of, **kwargs).table


# ---- summaries -------------------------------------------------------------------------------
def segment_summary(result: RFMResult) -> pd.DataFrame:
    """One row per segment (all segments, empty ones included), in definition order.

    Columns: segment (code), customers, customer_share, revenue, revenue_share,
    recency_days, frequency, monetary (the last three are segment means).
    """
    t = result.table
    codes = result.segment_code
    grouped = t.groupby(codes.to_numpy(), observed=False)
    out = pd.DataFrame(
        {
            "customers": grouped.size(),
            "revenue": grouped["monetary"].sum(),
            "recency_days": grouped["recency_days"].mean(),
            "frequency": grouped["frequency"].mean(),
            "monetary": grouped["monetary"].mean(),
        }
    )
    out = out.reindex(codes.cat.categories)
    out["customers"] = out["customers"].fillna(0).astype(np.int64)
    out["revenue"] = out["revenue"].fillna(0.0)
    total_c, total_r = out["customers"].sum(), out["revenue"].sum()
    out.insert(1, "customer_share", out["customers"] / total_c if total_c else 0.0)
    out.insert(3, "revenue_share", out["revenue"] / total_r if total_r else 0.0)
    return out.rename_axis("segment").reset_index()


def grid_counts(result: RFMResult) -> pd.DataFrame:
    """Customers per R x F cell (all 25 cells): r_score, f_score, customers, revenue, segment (code).

    Every cell is named after the segment it belongs to by definition, empty cells included
    (0 customers, 0 revenue).
    """
    t = result.table
    cell = (t["r_score"].to_numpy() - 1) * 5 + (t["f_score"].to_numpy() - 1)
    counts = np.bincount(cell, minlength=25)
    revenue = np.bincount(cell, weights=t["monetary"].to_numpy(), minlength=25)
    out = cell_segments(result.segments)
    out.insert(2, "customers", counts.astype(np.int64))
    out.insert(3, "revenue", revenue)
    return out


def cell_segments(segments: Sequence[Segment] = SEGMENTS) -> pd.DataFrame:
    """The grid as a frame: r_score, f_score, segment (code) for all 25 cells."""
    grid = segment_grid(segments)
    r = np.repeat(np.arange(1, 6), 5)
    f = np.tile(np.arange(1, 6), 5)
    return pd.DataFrame({"r_score": r, "f_score": f, "segment": [segments[i].code for i in grid.ravel()]})


def movement(
    orders: pd.DataFrame | PaidOrders,
    start: pd.Timestamp | str,
    end: pd.Timestamp | str | None = None,
    scoring: str = "auto",
    segments: Sequence[Segment] = SEGMENTS,
    **columns: str,
) -> pd.DataFrame:
    """How customers moved between segments from ``start`` to ``end``.

    Each date's segments use only the orders before it (scored on that date's customers).
    Returns a long frame: ``from`` (segment code, or ``"new"`` for customers whose first
    order came after ``start``), ``to`` (segment code), ``customers``; rows with no
    customers are left out.
    """
    if not isinstance(orders, PaidOrders):
        orders = paid_orders(orders, **columns)
    later = score(orders, end, scoring, segments)
    try:
        earlier = score(orders, start, scoring, segments).segment_code
    except AnalysisError as err:
        if err.code not in ("ps_err_no_paid_orders", "ps_err_no_customers"):
            raise
        earlier = pd.Series([], dtype=object)
    if pd.Timestamp(start) >= later.as_of:
        raise AnalysisError("ps_err_movement_dates")
    before = earlier.astype(object).reindex(later.segment_code.index).fillna("new")
    frame = pd.DataFrame({"from": before.to_numpy(), "to": later.segment_code.astype(object).to_numpy()})
    out = frame.groupby(["from", "to"], sort=False).size().rename("customers").reset_index()
    order = {c: i for i, c in enumerate([*(s.code for s in segments), "new"])}
    out = out.sort_values(["from", "to"], key=lambda s: s.map(order), kind="stable", ignore_index=True)
    return out
