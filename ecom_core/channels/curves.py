"""Response curves (revenue as a saturating function of spend) and the budget allocator.

The curve of a channel is ``revenue(s) = roas0 · b · (1 − exp(−s / b))`` per period (a
week by default): ``roas0`` is the return of the first yuan, ``b`` the spend scale at which
returns fade (at ``s = b`` the marginal ROAS is ``roas0 / e``). It is concave, so the best
split of a fixed budget puts every channel at the same marginal ROAS (or at a limit), which
the allocator finds exactly by solving for that common marginal ROAS.

A curve is **fitted** (``scipy.optimize.curve_fit``) to the channel's complete weeks of
spend and attributed revenue when there are at least ``min_periods`` of them (12 by
default: a quarter of weekly data) with spend that varies; otherwise it is **assumed**:
anchored at the channel's current average week and bent so that the saturation spend ``b``
is ``saturation`` × the current spend (2 by default, which puts the marginal ROAS at the
current spend at 61% of the first yuan's). Assumed curves are labelled as such wherever
they are shown; they carry no statistical uncertainty.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import optimize

from ecom_core import metrics
from ecom_core.channels.kpis import KEY, _keyed, clean_spend, paid_lines
from ecom_core.load.dataset import AnalysisError


def response(spend: np.ndarray | float, roas0: np.ndarray | float, b: np.ndarray | float) -> np.ndarray:
    """Revenue per period of the saturating curve ``roas0 · b · (1 − exp(−spend / b))``."""
    s = np.asarray(spend, dtype=float)
    return roas0 * b * -np.expm1(-s / b)


def marginal(spend: np.ndarray | float, roas0: np.ndarray | float, b: np.ndarray | float) -> np.ndarray:
    """Marginal ROAS (revenue of the next yuan) ``roas0 · exp(−spend / b)``."""
    return roas0 * np.exp(-np.asarray(spend, dtype=float) / b)


def period_data(
    orders: pd.DataFrame,
    spend: pd.DataFrame,
    *,
    freq: str = "W",
    mapping: pd.DataFrame | None = None,
    level: str = "group",
    channel: str = "channel",
) -> pd.DataFrame:
    """Spend and attributed revenue per channel and complete period.

    Parameters
    ----------
    orders, spend
        Canonical frames; spend needs ``date``, ``channel`` and ``spend``.
    freq
        ``"W"`` (weeks starting Monday; only weeks whose 7 days all lie in the spend data
        are kept) or ``"D"``.

    Returns
    -------
    DataFrame
        ``channel``, ``period``, ``spend``, ``revenue`` for the channels with spend.

    Raises
    ------
    AnalysisError
        ``ch_err_spend_needs_dates`` without a date or channel column in spend.
    """
    return _periods(*_daily(orders, spend, mapping, level, channel), freq)


def _daily(
    orders: pd.DataFrame, spend: pd.DataFrame, mapping: pd.DataFrame | None, level: str, channel: str
) -> tuple[pd.Series, pd.Series]:
    """Spend and paid revenue per (channel key, day) over the days both files cover."""
    if "date" not in spend.columns or channel not in spend.columns or not spend["date"].notna().any():
        raise AnalysisError("ch_err_spend_needs_dates")
    sp = _keyed(clean_spend(spend), mapping, level, channel)
    sp = sp.loc[sp["date"].notna().to_numpy()]
    sp = sp.assign(day=sp["date"].dt.normalize())
    lines = paid_lines(orders, mapping, level, channel)
    s0, s1, o0, o1 = sp["day"].min(), sp["day"].max(), lines["day"].min(), lines["day"].max()
    first, last = max(s0, o0), min(s1, o1)
    if first > last:
        raise AnalysisError(
            "ch_err_spend_no_overlap",
            spend_from=f"{s0:%Y-%m-%d}",
            spend_to=f"{s1:%Y-%m-%d}",
            orders_from=f"{o0:%Y-%m-%d}",
            orders_to=f"{o1:%Y-%m-%d}",
        )
    sp = sp.loc[((sp["day"] >= first) & (sp["day"] <= last)).to_numpy()]
    lines = lines.loc[((lines["day"] >= first) & (lines["day"] <= last)).to_numpy()]
    # one pass over the order lines; weeks are summed from these days
    spend_day = sp.groupby([KEY, "day"], observed=True)["spend"].sum()
    revenue_day = lines.groupby([KEY, "day"], observed=True)["revenue"].sum()
    return spend_day, revenue_day


def _periods(spend_day: pd.Series, revenue_day: pd.Series, freq: str) -> pd.DataFrame:
    days = spend_day.index.get_level_values("day")
    first, last = days.min(), days.max()
    if freq == "W":
        start = first + pd.Timedelta(days=(7 - first.day_of_week) % 7)  # first full Monday
        stop = last - pd.Timedelta(days=(last.day_of_week + 1) % 7)  # last full Sunday
    elif freq == "D":
        start, stop = first, last
    else:
        raise ValueError(f"freq must be W or D, not {freq!r}")

    def to_periods(x: pd.Series) -> pd.Series:
        key = x.index.get_level_values(0)
        day = pd.DatetimeIndex(x.index.get_level_values("day"))
        inside = (day >= start) & (day <= stop)
        period = day - pd.to_timedelta(day.day_of_week, unit="D") if freq == "W" else day
        frame = pd.DataFrame({KEY: key[inside], "period": period[inside], "v": x.to_numpy()[inside]})
        return frame.groupby([KEY, "period"], observed=True)["v"].sum()

    s = to_periods(spend_day).rename("spend")
    r = to_periods(revenue_day).rename("revenue")
    paid = s.groupby(level=0, observed=True).sum()
    channels = paid.index[paid > 0]
    data = pd.DataFrame({"spend": s}).join(r, how="left").fillna({"revenue": 0.0})
    data = data.loc[data.index.get_level_values(0).isin(channels)].reset_index()
    data = data.rename(columns={KEY: "channel"})
    data["channel"] = data["channel"].astype("str")
    return data


@dataclass(frozen=True)
class Curve:
    """One channel's response curve (per period)."""

    channel: str
    kind: str  #: "fitted" or "assumed"
    roas0: float
    b: float
    current_spend: float
    current_revenue: float
    n_periods: int
    cov: tuple[tuple[float, float], tuple[float, float]] | None = None
    r2: float = float("nan")

    def predict(self, spend: np.ndarray | float) -> np.ndarray:
        return response(spend, self.roas0, self.b)

    def marginal(self, spend: np.ndarray | float) -> np.ndarray:
        return marginal(spend, self.roas0, self.b)


class ResponseCurves:
    """Per-channel saturating response curves, fitted where the data allow.

    Parameters
    ----------
    freq
        Period of the curves: ``"W"`` (default) or ``"D"``.
    min_periods
        Complete periods with spend needed to fit a curve (default 12); fewer gives an
        assumed curve.
    saturation
        For assumed curves: saturation spend ``b`` as a multiple of the current spend
        (default 2; larger = further from saturation, closer to a straight line).
    saturation_by_channel
        Per-channel overrides of ``saturation`` for assumed curves.
    random_state
        Seed of the parametric draws used for uncertainty.

    Attributes
    ----------
    curves_ : dict[str, Curve]
    table_ : DataFrame
        One row per channel: ``channel``, ``kind``, ``n_periods``, ``current_spend``,
        ``current_revenue``, ``current_roas``, ``marginal_roas``, ``roas0``,
        ``saturation_spend``, ``r2``.
    data_ : DataFrame
        The period data the curves were fitted on (:func:`period_data`).
    current_budget_ : float
        Today's total spend per period over the channels (the default budget to split).
    """

    def __init__(
        self,
        freq: str = "W",
        min_periods: int = 12,
        saturation: float = 2.0,
        saturation_by_channel: Mapping[str, float] | None = None,
        random_state: int = 0,
    ) -> None:
        self.freq = freq
        self.min_periods = min_periods
        self.saturation = saturation
        self.saturation_by_channel = saturation_by_channel
        self.random_state = random_state

    def fit(
        self,
        orders: pd.DataFrame,
        spend: pd.DataFrame,
        mapping: pd.DataFrame | None = None,
        level: str = "group",
    ) -> ResponseCurves:
        """Fit one curve per channel with spend (see the module docstring); returns self."""
        if self.saturation <= 0:
            raise AnalysisError("ch_err_saturation")
        spend_day, revenue_day = _daily(orders, spend, mapping, level, "channel")
        data = _periods(spend_day, revenue_day, self.freq)
        daily = _periods(spend_day, revenue_day, "D")
        if daily.empty:
            raise AnalysisError("ch_err_no_paid_channels")
        # the current point of a curve: the average period over every day both files cover
        # (partial weeks included, so a fortnight of spend still gives a week's average)
        per_day = daily.groupby("channel", sort=False)[["spend", "revenue"]].sum() / daily["period"].nunique()
        now = per_day * (7.0 if self.freq == "W" else 1.0)
        curves: dict[str, Curve] = {}
        sat = dict(self.saturation_by_channel or {})
        weeks = dict(tuple(data.groupby("channel", sort=False)))
        for name in now.index:  # one fit per channel (a handful)
            d = weeks.get(name, data.iloc[:0])
            s = d["spend"].to_numpy(dtype=float)
            y = d["revenue"].to_numpy(dtype=float)
            curve = None
            varied = len(s) > 1 and s.std() > 0.02 * s.mean()
            if len(d) >= self.min_periods and (s > 0).sum() >= self.min_periods and varied and y.mean() > 0:
                curve = _fit(str(name), s, y)
            if curve is None:
                s0, y0 = float(now.loc[name, "spend"]), float(now.loc[name, "revenue"])
                k = float(sat.get(str(name), self.saturation))
                if k <= 0:
                    raise AnalysisError("ch_err_saturation")
                b = max(k * s0, 1e-9)
                roas0 = y0 / (b * -np.expm1(-s0 / b)) if s0 > 0 else 0.0
                curve = Curve(str(name), "assumed", float(roas0), float(b), s0, y0, len(d))
            curves[str(name)] = curve
        self.curves_ = curves
        self.data_ = data
        self.table_ = curves_table(curves)
        self.current_budget_ = float(self.table_["current_spend"].sum())
        return self

    def curve_points(self, upto: float = 2.0, n: int = 60) -> pd.DataFrame:
        """Points of every curve from 0 to ``upto`` × the current spend, for charts:
        ``channel``, ``kind``, ``spend``, ``revenue``, ``marginal_roas``."""
        frames = []
        for c in self.curves_.values():
            x = np.linspace(0.0, max(c.current_spend, 1e-9) * upto, n)
            frames.append(
                pd.DataFrame(
                    {
                        "channel": c.channel,
                        "kind": c.kind,
                        "spend": x,
                        "revenue": c.predict(x),
                        "marginal_roas": c.marginal(x),
                    }
                )
            )
        return pd.concat(frames, ignore_index=True)


def _fit(name: str, s: np.ndarray, y: np.ndarray) -> Curve | None:
    s0, y0 = float(s.mean()), float(y.mean())
    roas_avg = y0 / s0
    # bounds keep b within what the data can speak to: a channel that looks linear gets a
    # large b (a nearly straight curve), never an infinite one
    lo = (1e-6, 0.05 * s0)
    hi = (100.0 * roas_avg + 1.0, 50.0 * float(s.max()))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", optimize.OptimizeWarning)  # covariance not estimable
            popt, pcov = optimize.curve_fit(
                response, s, y, p0=(roas_avg * 1.3, 2.0 * s0), bounds=(lo, hi), maxfev=5000
            )
    except (RuntimeError, ValueError):
        return None
    roas0, b = (float(v) for v in popt)
    pred = response(s, roas0, b)
    ss_res = float(((y - pred) ** 2).sum())
    ss_tot = float(((y - y.mean()) ** 2).sum())
    r2 = 1.0 - ss_res / ss_tot if ss_tot > 0 else float("nan")
    cov = None
    if np.all(np.isfinite(pcov)):
        cov = ((float(pcov[0, 0]), float(pcov[0, 1])), (float(pcov[1, 0]), float(pcov[1, 1])))
    return Curve(name, "fitted", roas0, b, s0, y0, len(s), cov, r2)


def curves_table(curves: Mapping[str, Curve]) -> pd.DataFrame:
    """One row per curve (see :attr:`ResponseCurves.table_`)."""
    rows = [
        {
            "channel": c.channel,
            "kind": c.kind,
            "n_periods": c.n_periods,
            "current_spend": c.current_spend,
            "current_revenue": c.current_revenue,
            "current_roas": c.current_revenue / c.current_spend if c.current_spend > 0 else np.nan,
            "marginal_roas": float(c.marginal(c.current_spend)),
            "roas0": c.roas0,
            "saturation_spend": c.b,
            "r2": c.r2,
        }
        for c in curves.values()
    ]
    return pd.DataFrame(rows)


# ---- allocation ------------------------------------------------------------------------
#: ``Allocation.status`` values
OPTIMAL, SCENARIO, TARGET_MET, TARGET_UNREACHABLE = "optimal", "scenario", "target_met", "target_unreachable"


@dataclass(frozen=True)
class Allocation:
    """A budget split and what the curves predict for it (per period).

    Attributes
    ----------
    table
        One row per channel: ``channel``, ``kind``, ``lower``, ``upper``,
        ``current_spend``, ``new_spend``, ``spend_change``, ``current_revenue``,
        ``new_revenue``, ``revenue_change``, ``marginal_roas_before``,
        ``marginal_roas_after`` (revenues as predicted by the curves).
    budget, current_budget
        Total spend of the new split and of the current one (``budget`` is the sum of
        ``new_spend``).
    revenue_change
        Predicted change of revenue per period: the curves at their fitted parameters, the
        sum of the table's ``revenue_change``. This is the number the sentences report.
    change_low, change_high
        95% interval of that same change, built around it. The change is recomputed under
        ``n_draws`` draws of the fitted curves' parameters from their estimated covariance
        (first-yuan ROAS and the curvature ``1 / b``, both kept non-negative, so a draw is
        never a curve that bends upwards or one that stops paying at all); the interval is
        ``revenue_change`` plus the 2.5th and 97.5th percentiles of the draws' deviations
        from their median. It keeps the width and the skew of the draws and contains
        ``revenue_change`` by construction; where the draws' median equals the estimate
        (well-determined curves) it is the plain percentile interval of the draws. Assumed
        curves contribute no uncertainty; with no fitted curve (or ``n_draws=0``) both ends
        equal ``revenue_change``, and a split that changes nothing has the interval 0 to 0.
    roas_before, roas_after
        Predicted revenue ÷ spend of the paid channels before and after.
    target_met
        For a target-ROAS allocation: whether the target is reached within the limits
        (None for other allocations).
    status
        ``"optimal"`` (the best split of a budget), ``"scenario"`` (a split chosen by hand),
        ``"target_met"`` (the largest budget whose best split keeps ROAS at or above the
        target) or ``"target_unreachable"`` (no budget within the limits reaches the target;
        the split shown is the one with the highest ROAS).
    target_roas, best_roas
        For a target-ROAS allocation: the target, and the highest ROAS that any budget within
        the limits reaches when optimally split (None otherwise).
    """

    table: pd.DataFrame
    budget: float
    current_budget: float
    revenue_change: float
    change_low: float
    change_high: float
    roas_before: float
    roas_after: float
    target_met: bool | None = None
    status: str = OPTIMAL
    target_roas: float | None = None
    best_roas: float | None = None


def _bounds(
    curves: Mapping[str, Curve], lower: Mapping[str, float] | None, upper: Mapping[str, float] | None
) -> tuple[np.ndarray, np.ndarray]:
    names = list(curves)
    cur = np.array([curves[n].current_spend for n in names])
    lo = np.array([float((lower or {}).get(n, 0.0)) for n in names])
    hi = np.array([float((upper or {}).get(n, np.inf)) for n in names])
    hi = np.where(np.isfinite(hi), hi, np.maximum(cur * 10.0, 1.0))
    if not (np.isfinite(lo).all() and np.isfinite(hi).all()) or (lo < 0).any() or (hi < lo).any():
        raise AnalysisError("ch_err_bad_limits")
    return lo, hi


def _split_at(lam: float, r0: np.ndarray, b: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Spend of each channel where its marginal ROAS equals ``lam`` (within its limits)."""
    with np.errstate(divide="ignore"):
        s = b * np.log(np.where(r0 > 0, r0, 1e-300) / lam)
    return np.clip(s, lo, hi)


def optimal_split(r0: np.ndarray, b: np.ndarray, lo: np.ndarray, hi: np.ndarray, budget: float) -> np.ndarray:
    """The split of ``budget`` maximising ``Σ response(s_i)`` with ``lo <= s <= hi``.

    The objective is concave and separable, so the optimum equalises marginal ROAS across
    the channels not at a limit (KKT): solved for that common value with ``brentq``. The
    split sums to ``budget`` (the root's rounding remainder goes to channels with room).
    """
    if budget < lo.sum() - 1e-9 or budget > hi.sum() + 1e-9:
        raise AnalysisError("ch_err_budget_outside_limits", low=float(lo.sum()), high=float(hi.sum()))
    if np.isclose(budget, lo.sum(), rtol=1e-12, atol=1e-9):
        return lo.copy()
    if np.isclose(budget, hi.sum(), rtol=1e-12, atol=1e-9):
        return hi.copy()

    def gap(log_lam: float) -> float:
        return float(_split_at(np.exp(log_lam), r0, b, lo, hi).sum() - budget)

    top = float(np.log(max(r0.max(), 1e-12))) + 1.0
    bottom = float(np.log(max(r0.max(), 1e-12) * 1e-12)) - float((hi / b).max())
    log_lam = optimize.brentq(gap, bottom, top, xtol=1e-12, maxiter=500)
    s = _split_at(np.exp(log_lam), r0, b, lo, hi)
    # the root is exact up to xtol: put the rounding remainder on channels inside their
    # limits first, then on any channel with room left
    free = (s > lo + 1e-9) & (s < hi - 1e-9)
    for i in [*np.flatnonzero(free), *np.flatnonzero(~free)]:
        rest = budget - float(s.sum())
        if rest == 0:
            break
        s[i] = np.clip(s[i] + rest, lo[i], hi[i])
    return s


def allocate(
    curves: ResponseCurves | Mapping[str, Curve],
    budget: float | None = None,
    lower: Mapping[str, float] | None = None,
    upper: Mapping[str, float] | None = None,
    target_roas: float | None = None,
    n_draws: int = 1000,
    random_state: int = 0,
) -> Allocation:
    """Reallocate a total budget across channels to maximise predicted revenue, or find the
    largest budget that keeps a target ROAS.

    Parameters
    ----------
    curves
        A fitted :class:`ResponseCurves` or ``{channel: Curve}``.
    budget
        Total spend per period to split; default the current total. With ``target_roas``
        it is a ceiling instead (default: none beyond ``Σ upper``).
    lower, upper
        Per-channel limits of spend per period (default 0 and 10 × the current spend).
    target_roas
        If given, the allocation is the largest total budget within the limits (and the
        ceiling) whose optimal split has predicted revenue ÷ spend at or above the target,
        found by bisection on the budget (the ROAS of the optimal split rises, if at all,
        only while lower limits hold spend on weaker channels, then falls as the budget
        grows, so the budgets that reach a target form one interval). A higher target
        never gives a larger budget. When no budget reaches the target, ``status`` is
        ``"target_unreachable"``, ``target_met`` False, and the split is the one with the
        highest ROAS (``best_roas``).
    n_draws, random_state
        Parametric draws from the fitted curves' covariance for the 95% interval (see
        :class:`Allocation`).

    Returns
    -------
    Allocation
        At the current budget, when the current split is already the best one within the
        limits (or the limits fix it), ``new_spend`` is the current spend and every change
        is exactly 0.

    Raises
    ------
    AnalysisError
        Budget outside ``[Σ lower, Σ upper]``; limits with lower > upper; a target ROAS
        that is not a positive number.
    """
    cmap = curves.curves_ if isinstance(curves, ResponseCurves) else dict(curves)
    if not cmap:
        raise AnalysisError("ch_err_no_paid_channels")
    names = list(cmap)
    r0 = np.array([cmap[n].roas0 for n in names])
    b = np.array([cmap[n].b for n in names])
    cur = np.array([cmap[n].current_spend for n in names])
    lo, hi = _bounds(cmap, lower, upper)
    if budget is not None and not (np.isfinite(budget) and budget >= 0):
        raise AnalysisError("ch_err_bad_limits")
    if target_roas is not None:
        target = float(target_roas)
        if not (np.isfinite(target) and target > 0):
            raise AnalysisError("ch_err_target_roas")
        new, met, best = _target_split(r0, b, lo, hi, budget, target)
        status = TARGET_MET if met else TARGET_UNREACHABLE
        return _evaluate(cmap, names, cur, new, lo, hi, n_draws, random_state, met, status, target, best)
    total = float(cur.sum()) if budget is None else float(budget)
    new = optimal_split(r0, b, lo, hi, total)
    # the current split, when it is a split of this budget within the limits and nothing
    # beats it, stays as it is (a what-if that changes nothing predicts no change)
    now_allowed = np.isclose(total, cur.sum(), rtol=1e-12, atol=1e-9) and bool(
        ((cur >= lo - 1e-9) & (cur <= hi + 1e-9)).all()
    )
    if now_allowed:
        gain = float(response(new, r0, b).sum() - response(cur, r0, b).sum())
        if gain <= 1e-9 * max(1.0, float(response(cur, r0, b).sum())):
            new = cur.astype(float).copy()
    return _evaluate(cmap, names, cur, new, lo, hi, n_draws, random_state, None, OPTIMAL)


def _target_split(
    r0: np.ndarray, b: np.ndarray, lo: np.ndarray, hi: np.ndarray, ceiling: float | None, target: float
) -> tuple[np.ndarray, bool, float]:
    """``(split, target reached, best ROAS)`` of the largest budget within the limits whose
    optimal split reaches ``target`` (see :func:`allocate`)."""
    floor, roof = float(lo.sum()), float(hi.sum())
    top = roof if ceiling is None else min(float(ceiling), roof)
    if top < floor - 1e-9:
        raise AnalysisError("ch_err_budget_outside_limits", low=floor, high=roof)
    top = max(top, floor)
    if top <= 0:  # every channel is held at 0: nothing to spend, no ROAS
        return lo.copy(), False, float("nan")

    def split(total: float) -> np.ndarray:
        return optimal_split(r0, b, lo, hi, total)

    def rate(total: float) -> float:
        s = split(total)
        return float(response(s, r0, b).sum() / s.sum())

    # the ROAS of the optimal split is quasi-concave in the budget (its revenue is concave),
    # so a bounded scalar search finds the highest one
    start = floor if floor > 0 else min(top, 1e-9 * max(top, 1.0))
    grid = [start, top]
    if top - start > 1e-9 * top:
        found = optimize.minimize_scalar(
            lambda x: -rate(x), bounds=(start, top), method="bounded", options={"xatol": 1e-7 * top}
        )
        grid.insert(1, float(found.x))
    rates = [rate(x) for x in grid]
    k = int(np.argmax(rates))
    peak, best = grid[k], rates[k]
    if best < target:
        return split(peak), False, best
    if rates[-1] >= target:
        return split(top), True, best
    # bisection on the budget between the peak (reaches the target) and the top (does not);
    # the lower end always reaches it, so the answer never misses the target
    ok, bad = peak, top
    for _ in range(200):
        if bad - ok <= 1e-9 * top:
            break
        mid = 0.5 * (ok + bad)
        if rate(mid) >= target:
            ok = mid
        else:
            bad = mid
    return split(ok), True, best


def scenario(
    curves: ResponseCurves | Mapping[str, Curve],
    spends: Mapping[str, float],
    n_draws: int = 1000,
    random_state: int = 0,
) -> Allocation:
    """What the curves predict for a split chosen by hand (channels left out keep their
    current spend)."""
    cmap = curves.curves_ if isinstance(curves, ResponseCurves) else dict(curves)
    names = list(cmap)
    cur = np.array([cmap[n].current_spend for n in names])
    new = np.array([float(spends.get(n, cmap[n].current_spend)) for n in names])
    if not np.isfinite(new).all() or (new < 0).any():
        raise AnalysisError("ch_err_bad_limits")
    return _evaluate(
        cmap,
        names,
        cur,
        new,
        np.zeros_like(new),
        np.maximum(new, cur),
        n_draws,
        random_state,
        None,
        SCENARIO,
    )


def _phi(x: np.ndarray) -> np.ndarray:
    """``(1 − exp(−x)) / x``, 1 at ``x = 0``: ``response(s) = roas0 · s · _phi(s / b)``."""
    x = np.asarray(x, dtype=float)
    small = x < 1e-12
    safe = np.where(small, 1.0, x)
    return np.where(small, 1.0 - 0.5 * x, -np.expm1(-safe) / safe)


def _change_draws(
    cmap: Mapping[str, Curve], names: list[str], cur: np.ndarray, new: np.ndarray, n_draws: int, seed: int
) -> np.ndarray | None:
    """``n_draws`` draws of the predicted revenue change of fitted channels (None without
    any fitted curve with a covariance); assumed channels add nothing to its spread.

    The draws are of ``(roas0, c = 1 / b)`` from the delta-method normal of the fit: the
    curve is smooth in ``c`` down to ``c = 0`` (a straight line), where an unidentified
    saturation spend (a channel that looks linear) gives a huge variance of ``b`` but a
    modest one of ``c``. Draws are held at ``roas0 ≥ 0`` and ``c ≥ 0``.
    """
    if n_draws <= 0:
        return None
    rng = np.random.default_rng(seed)
    draws = np.zeros(n_draws)
    fitted = False
    for i, n in enumerate(names):  # per channel (a handful), draws vectorised
        c = cmap[n]
        if c.kind != "fitted" or c.cov is None or new[i] == cur[i]:
            continue
        fitted = True
        jac = np.array([[1.0, 0.0], [0.0, -1.0 / c.b**2]])
        cov = jac @ np.array(c.cov) @ jac.T
        p = rng.multivariate_normal([c.roas0, 1.0 / c.b], cov, size=n_draws, check_valid="ignore")
        pr0 = np.clip(p[:, 0], 0.0, None)
        pc = np.clip(p[:, 1], 0.0, None)
        draws += pr0 * (new[i] * _phi(pc * new[i]) - cur[i] * _phi(pc * cur[i]))
    if not fitted and not any(cmap[n].kind == "fitted" and cmap[n].cov is not None for n in names):
        return None
    return draws


def _evaluate(
    cmap: Mapping[str, Curve],
    names: list[str],
    cur: np.ndarray,
    new: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    n_draws: int,
    random_state: int,
    met: bool | None,
    status: str,
    target: float | None = None,
    best: float | None = None,
) -> Allocation:
    r0 = np.array([cmap[n].roas0 for n in names])
    b = np.array([cmap[n].b for n in names])
    before = response(cur, r0, b)
    after = response(new, r0, b)
    per_channel = after - before
    change = float(per_channel.sum())
    low, high = change, change
    draws = _change_draws(cmap, names, cur, new, n_draws, random_state)
    if draws is not None:
        # the spread of the draws around their median, placed on the estimate
        dev_low, dev_high = np.percentile(draws - np.median(draws), [2.5, 97.5])
        low, high = change + min(float(dev_low), 0.0), change + max(float(dev_high), 0.0)
    table = pd.DataFrame(
        {
            "channel": names,
            "kind": [cmap[n].kind for n in names],
            "lower": lo,
            "upper": hi,
            "current_spend": cur,
            "new_spend": new,
            "spend_change": new - cur,
            "current_revenue": before,
            "new_revenue": after,
            "revenue_change": per_channel,
            "marginal_roas_before": marginal(cur, r0, b),
            "marginal_roas_after": marginal(new, r0, b),
        }
    )
    return Allocation(
        table=table,
        budget=float(new.sum()),
        current_budget=float(cur.sum()),
        revenue_change=change,
        change_low=low,
        change_high=high,
        roas_before=float(before.sum() / cur.sum()) if cur.sum() > 0 else float("nan"),
        roas_after=float(after.sum() / new.sum()) if new.sum() > 0 else float("nan"),
        target_met=met,
        status=status,
        target_roas=target,
        best_roas=best,
    )


def default_target_roas(margin: float) -> float:
    """The target ROAS a target allocation starts from: break-even at ``margin`` plus 0.5,
    rounded to one decimal (a target that leaves some profit)."""
    return round(metrics.break_even_roas(margin) + 0.5, 1)


def scenario_ranges(curves: ResponseCurves | Mapping[str, Curve], upto: float = 3.0) -> pd.DataFrame:
    """What a hand-made split may choose per channel: from 0 to ``upto`` × today's spend (at
    least 1), in steps of about a fiftieth of today's spend (whole money, at least 1).

    Returns
    -------
    DataFrame
        ``channel``, ``current_spend``, ``high``, ``step``.
    """
    cmap = curves.curves_ if isinstance(curves, ResponseCurves) else dict(curves)
    cur = np.array([c.current_spend for c in cmap.values()], dtype=float)
    return pd.DataFrame(
        {
            "channel": list(cmap),
            "current_spend": cur,
            "high": np.maximum(cur * upto, 1.0),
            "step": np.maximum(np.round(cur / 50.0), 1.0),
        }
    )


def allocation_limits(curves: ResponseCurves | Mapping[str, Curve], move: float = 0.5) -> pd.DataFrame:
    """Default per-channel limits: the current spend ± ``move`` (a share, 0.5 = ±50%),
    rounded to whole money but never past the current spend, so the current split always
    lies within them; ``move=0`` holds every channel at exactly its current spend.

    Returns
    -------
    DataFrame
        ``channel``, ``current_spend``, ``lower``, ``upper`` (per period).
    """
    cmap = curves.curves_ if isinstance(curves, ResponseCurves) else dict(curves)
    cur = np.array([c.current_spend for c in cmap.values()])
    move = max(float(move), 0.0)
    lower = np.minimum(np.round(cur * max(1.0 - move, 0.0), 0), cur) if move > 0 else cur.copy()
    upper = np.maximum(np.round(cur * (1.0 + move), 0), cur) if move > 0 else cur.copy()
    return pd.DataFrame({"channel": list(cmap), "current_spend": cur, "lower": lower, "upper": upper})


def fit_curves(
    orders: pd.DataFrame,
    spend: pd.DataFrame,
    mapping: pd.DataFrame | None = None,
    level: str = "group",
    min_periods: int = 12,
    saturation: float = 2.0,
) -> ResponseCurves:
    """``ResponseCurves(min_periods=..., saturation=...).fit(orders, spend, mapping, level)``."""
    return ResponseCurves(min_periods=min_periods, saturation=saturation).fit(orders, spend, mapping, level)
