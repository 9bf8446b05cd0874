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

from ecom_core.channels.kpis import KEY, _keyed, clean_spend, paid_lines
from ecom_core.dataset import AnalysisError


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
        Total spend of the new split and of the current one.
    revenue_change
        Predicted change of revenue per period.
    change_low, change_high
        95% interval of ``revenue_change`` from the fitted curves' parameter uncertainty
        (parametric draws); assumed curves contribute none.
    roas_before, roas_after
        Predicted revenue ÷ spend of the paid channels before and after.
    target_met
        For a target-ROAS allocation: whether the target is reachable within the limits
        (None for other allocations).
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


def _bounds(
    curves: Mapping[str, Curve], lower: Mapping[str, float] | None, upper: Mapping[str, float] | None
) -> tuple[np.ndarray, np.ndarray]:
    names = list(curves)
    cur = np.array([curves[n].current_spend for n in names])
    lo = np.array([float((lower or {}).get(n, 0.0)) for n in names])
    hi = np.array([float((upper or {}).get(n, np.inf)) for n in names])
    hi = np.where(np.isfinite(hi), hi, np.maximum(cur * 10.0, 1.0))
    if (lo < 0).any() or (hi < lo).any():
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
    the channels not at a limit (KKT): solved for that common value with ``brentq``.
    """
    if budget < lo.sum() - 1e-9 or budget > hi.sum() + 1e-9:
        raise AnalysisError("ch_err_budget_outside_limits", low=float(lo.sum()), high=float(hi.sum()))
    if np.isclose(budget, lo.sum()):
        return lo.copy()
    if np.isclose(budget, hi.sum()):
        return hi.copy()

    def gap(log_lam: float) -> float:
        return float(_split_at(np.exp(log_lam), r0, b, lo, hi).sum() - budget)

    top = float(np.log(max(r0.max(), 1e-12))) + 1.0
    bottom = float(np.log(max(r0.max(), 1e-12) * 1e-12)) - float((hi / b).max())
    log_lam = optimize.brentq(gap, bottom, top, xtol=1e-12, maxiter=500)
    s = _split_at(np.exp(log_lam), r0, b, lo, hi)
    # the root is exact up to xtol: put the rounding remainder on a channel inside its limits
    free = (s > lo + 1e-9) & (s < hi - 1e-9)
    if free.any():
        i = int(np.flatnonzero(free)[0])
        s[i] = np.clip(s[i] + budget - s.sum(), lo[i], hi[i])
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
    """Reallocate a total budget across channels to maximise predicted revenue.

    Parameters
    ----------
    curves
        A fitted :class:`ResponseCurves` or ``{channel: Curve}``.
    budget
        Total spend per period to split; default the current total.
    lower, upper
        Per-channel limits of spend per period (default 0 and 10 × the current spend).
    target_roas
        If given, spend only as much of ``budget`` as keeps predicted revenue ÷ spend at or
        above the target (the largest such budget, optimally split).
    n_draws, random_state
        Parametric draws from the fitted curves' covariance for the 95% interval.

    Returns
    -------
    Allocation

    Raises
    ------
    AnalysisError
        Budget outside ``[Σ lower, Σ upper]``; limits with lower > upper.
    """
    cmap = curves.curves_ if isinstance(curves, ResponseCurves) else dict(curves)
    if not cmap:
        raise AnalysisError("ch_err_no_paid_channels")
    names = list(cmap)
    r0 = np.array([cmap[n].roas0 for n in names])
    b = np.array([cmap[n].b for n in names])
    cur = np.array([cmap[n].current_spend for n in names])
    lo, hi = _bounds(cmap, lower, upper)
    total = float(cur.sum()) if budget is None else float(budget)
    if total < 0:
        raise AnalysisError("ch_err_bad_limits")
    met = None
    if target_roas is None:
        new = optimal_split(r0, b, lo, hi, total)
    else:
        new, met = _target_split(r0, b, lo, hi, total, float(target_roas))
    return _evaluate(cmap, names, cur, new, lo, hi, n_draws, random_state, met)


def _target_split(
    r0: np.ndarray, b: np.ndarray, lo: np.ndarray, hi: np.ndarray, budget: float, target: float
) -> tuple[np.ndarray, bool]:
    floor = float(lo.sum())
    cap = min(budget, float(hi.sum()))
    if cap < floor:
        raise AnalysisError("ch_err_budget_outside_limits", low=floor, high=float(hi.sum()))

    def roas_gap(total: float) -> float:
        s = optimal_split(r0, b, lo, hi, total)
        return float(response(s, r0, b).sum() / max(total, 1e-12) - target)

    if roas_gap(cap) >= 0:
        return optimal_split(r0, b, lo, hi, cap), True
    if floor <= 0 or roas_gap(floor) < 0:
        start = floor if floor > 0 else 1e-9 * max(cap, 1.0)
        if roas_gap(start) < 0:
            return optimal_split(r0, b, lo, hi, floor), False
        floor = start
    total = optimize.brentq(roas_gap, floor, cap, xtol=1e-6 * max(cap, 1.0))
    return optimal_split(r0, b, lo, hi, total), True


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
    if (new < 0).any():
        raise AnalysisError("ch_err_bad_limits")
    return _evaluate(
        cmap, names, cur, new, np.zeros_like(new), np.maximum(new, cur), n_draws, random_state, None
    )


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
) -> Allocation:
    r0 = np.array([cmap[n].roas0 for n in names])
    b = np.array([cmap[n].b for n in names])
    before = response(cur, r0, b)
    after = response(new, r0, b)
    change = float(after.sum() - before.sum())
    low, high = change, change
    rng = np.random.default_rng(random_state)
    draws = np.zeros(n_draws)
    any_fit = False
    for i, n in enumerate(names):  # per channel (a handful), draws vectorised
        c = cmap[n]
        if c.kind != "fitted" or c.cov is None or n_draws <= 0:
            draws += after[i] - before[i]
            continue
        any_fit = True
        p = rng.multivariate_normal([c.roas0, c.b], np.array(c.cov), size=n_draws, check_valid="ignore")
        pr0 = np.clip(p[:, 0], 1e-9, None)
        pb = np.clip(p[:, 1], 1e-9, None)
        draws += response(new[i], pr0, pb) - response(cur[i], pr0, pb)
    if any_fit and n_draws > 0:
        low, high = (float(v) for v in np.percentile(draws, [2.5, 97.5]))
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
            "revenue_change": after - before,
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
    )


def allocation_limits(curves: ResponseCurves | Mapping[str, Curve], move: float = 0.5) -> pd.DataFrame:
    """Default per-channel limits: the current spend ± ``move`` (a share, 0.5 = ±50%).

    Returns
    -------
    DataFrame
        ``channel``, ``current_spend``, ``lower``, ``upper`` (per period).
    """
    cmap = curves.curves_ if isinstance(curves, ResponseCurves) else dict(curves)
    cur = np.array([c.current_spend for c in cmap.values()])
    move = max(float(move), 0.0)
    return pd.DataFrame(
        {
            "channel": list(cmap),
            "current_spend": cur,
            "lower": np.round(cur * max(1.0 - move, 0.0), 0),
            "upper": np.round(cur * (1.0 + move), 0),
        }
    )


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
