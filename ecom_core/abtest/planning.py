"""Planning a test: sample size, duration, the smallest detectable effect and power.

Everything follows R's ``power.prop.test`` (two-sided, ``strict = FALSE``): under H0 the
two arms share the pooled rate p̄ = (p1 + p2) / 2, under H1 each arm has its own variance,
and the power for ``n`` users per arm is

    power = Φ((√n·|p1 − p2| − z₁₋α/₂·√(2·p̄·q̄)) / √(p1·q1 + p2·q2)).

That equation is solved for ``n`` in closed form; the detectable effect for a given ``n``
is found by a one-dimensional root search, since p2 appears inside both square roots.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import optimize, stats

from ecom_core.load.dataset import AnalysisError

# Floating-point slack when rounding up, so an exact integer such as 4.0000000001 is 4.
_EPS = 1e-9


def _check_rate(baseline: float) -> float:
    if not _finite(baseline) or not 0.0 < baseline < 1.0:
        raise AnalysisError("ab_err_rate", value=baseline)
    return float(baseline)


def _finite(x: object) -> bool:
    try:
        return math.isfinite(float(x))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def _check_alpha_power(alpha: float, power: float | None) -> None:
    if not _finite(alpha) or not 0.0 < alpha < 1.0:
        raise AnalysisError("ab_err_alpha", value=alpha)
    if power is not None and (not _finite(power) or not alpha / 2.0 < power < 1.0):
        raise AnalysisError("ab_err_power", value=power)


def target_rate(baseline: float, mde: float, relative: bool = False) -> float:
    """The rate of the changed arm: ``baseline + mde`` (or ``baseline × (1 + mde)``).

    Raises
    ------
    AnalysisError
        ``ab_err_rate`` for a baseline outside (0, 1), ``ab_err_mde_zero`` for no effect,
        ``ab_err_mde_range`` when the effect takes the rate to 0 or 1 or past them.
    """
    p1 = _check_rate(baseline)
    if not _finite(mde) or mde == 0:
        raise AnalysisError("ab_err_mde_zero")
    p2 = p1 * (1.0 + mde) if relative else p1 + mde
    if not 0.0 < p2 < 1.0:
        raise AnalysisError("ab_err_mde_range", baseline=p1, target=p2)
    return p2


def _power(n: np.ndarray | float, p1: float, p2: np.ndarray | float, alpha: float) -> np.ndarray:
    p2 = np.asarray(p2, dtype=float)
    n = np.asarray(n, dtype=float)
    za = stats.norm.ppf(1.0 - alpha / 2.0)
    h0 = np.sqrt((p1 + p2) * (2.0 - p1 - p2) / 2.0)
    h1 = np.sqrt(p1 * (1.0 - p1) + p2 * (1.0 - p2))
    return stats.norm.cdf((np.sqrt(n) * np.abs(p2 - p1) - za * h0) / h1)


def sample_size(
    baseline: float, mde: float, relative: bool = False, alpha: float = 0.05, power: float = 0.8
) -> int:
    """Users needed per variant to detect ``mde`` with the given significance and power.

    Parameters
    ----------
    baseline
        Conversion rate of the control arm, in (0, 1).
    mde
        Minimum detectable effect: absolute change of the rate (``0.02`` = +2 points) or,
        with ``relative=True``, a fraction of the baseline (``0.15`` = +15 %). Negative for
        a decrease.
    alpha
        Two-sided significance level.
    power
        Probability of detecting the effect when it is real.

    Returns
    -------
    int
        R's ``power.prop.test(p1 = baseline, p2 = target, sig.level = alpha,
        power = power)$n`` rounded up: e.g. 3841 for p1 = 0.10, p2 = 0.12, power 0.8.

    Raises
    ------
    AnalysisError
        For rates outside (0, 1), a zero effect, an effect past 0 or 1, alpha outside
        (0, 1) or power outside (alpha/2, 1).
    """
    p1 = _check_rate(baseline)
    p2 = target_rate(p1, mde, relative)
    _check_alpha_power(alpha, power)
    za = stats.norm.ppf(1.0 - alpha / 2.0)
    zb = stats.norm.ppf(power)
    h0 = math.sqrt((p1 + p2) * (2.0 - p1 - p2) / 2.0)
    h1 = math.sqrt(p1 * (1.0 - p1) + p2 * (1.0 - p2))
    n = ((za * h0 + zb * h1) / abs(p2 - p1)) ** 2
    return max(1, math.ceil(n - _EPS))


def duration_days(n_per_variant: int, variants: int, daily_visitors: float, share: float = 1.0) -> int:
    """Days to reach ``n_per_variant`` users in each of ``variants`` arms.

    ``ceil(n_per_variant × variants / (daily_visitors × share))``, where ``share`` is the
    fraction of daily visitors who enter the test.

    Raises
    ------
    AnalysisError
        ``ab_err_variants`` for fewer than two arms, ``ab_err_traffic`` for no visitors,
        ``ab_err_share`` for a share outside (0, 1], ``ab_err_negative`` for n < 0.
    """
    if not _finite(n_per_variant) or n_per_variant < 0:
        raise AnalysisError("ab_err_negative")
    if not _finite(variants) or int(variants) != variants or variants < 2:
        raise AnalysisError("ab_err_variants")
    if not _finite(daily_visitors) or daily_visitors <= 0:
        raise AnalysisError("ab_err_traffic")
    if not _finite(share) or not 0.0 < share <= 1.0:
        raise AnalysisError("ab_err_share", value=share)
    return max(0, math.ceil(n_per_variant * variants / (daily_visitors * share) - _EPS))


def power_of(
    baseline: float, mde: float, n_per_variant: float, relative: bool = False, alpha: float = 0.05
) -> float:
    """Power of a test with ``n_per_variant`` users per arm (R ``power.prop.test(n=...)``)."""
    p1 = _check_rate(baseline)
    p2 = target_rate(p1, mde, relative)
    _check_alpha_power(alpha, None)
    if not _finite(n_per_variant) or n_per_variant <= 0:
        raise AnalysisError("ab_err_negative")
    return float(_power(n_per_variant, p1, p2, alpha))


def detectable_effect(
    baseline: float,
    n_per_variant: float,
    alpha: float = 0.05,
    power: float = 0.8,
    decrease: bool = False,
) -> float | None:
    """The smallest absolute change of the rate that ``n_per_variant`` users per arm detect.

    Solves R's ``power.prop.test(n = n_per_variant, p1 = baseline, power = power)`` for
    ``p2`` (above the baseline, or below it when ``decrease``) and returns ``p2 − baseline``.
    None when no change within (0, 1) reaches the power (too little traffic).
    """
    p1 = _check_rate(baseline)
    _check_alpha_power(alpha, power)
    if not _finite(n_per_variant) or n_per_variant <= 0:
        raise AnalysisError("ab_err_negative")
    edge = 1e-12
    far = edge if decrease else 1.0 - edge
    if _power(n_per_variant, p1, far, alpha) < power:
        return None
    lo, hi = (far, p1) if decrease else (p1, far)
    p2 = optimize.brentq(lambda q: float(_power(n_per_variant, p1, q, alpha)) - power, lo, hi, xtol=1e-14)
    return float(p2 - p1)


@dataclass(frozen=True)
class Plan:
    """A planned test: what it takes and how long it runs.

    Attributes
    ----------
    baseline, target
        Control rate and the rate the change should reach.
    absolute_effect, relative_effect
        ``target − baseline`` and ``target / baseline − 1``.
    alpha, power, variants
        As planned.
    n_per_variant, n_total
        Users needed per arm and in all arms.
    days, weeks
        Days at the given traffic, and whole weeks (a test should cover full weekly
        cycles); None without traffic figures.
    """

    baseline: float
    target: float
    absolute_effect: float
    relative_effect: float
    alpha: float
    power: float
    variants: int
    n_per_variant: int
    n_total: int
    days: int | None
    weeks: int | None


def plan(
    baseline: float,
    mde: float,
    relative: bool = False,
    alpha: float = 0.05,
    power: float = 0.8,
    variants: int = 2,
    daily_visitors: float | None = None,
    share: float = 1.0,
) -> Plan:
    """Sample size and duration of a test in one call (see :func:`sample_size`,
    :func:`duration_days`). With more than two arms each challenger is compared with the
    control at the same ``alpha`` (no multiplicity correction in the plan)."""
    n = sample_size(baseline, mde, relative, alpha, power)
    if not _finite(variants) or int(variants) != variants or variants < 2:
        raise AnalysisError("ab_err_variants")
    target = target_rate(baseline, mde, relative)
    days = weeks = None
    if daily_visitors is not None:
        days = duration_days(n, int(variants), daily_visitors, share)
        weeks = max(1, math.ceil(days / 7))
    return Plan(
        baseline=float(baseline),
        target=target,
        absolute_effect=target - baseline,
        relative_effect=target / baseline - 1.0,
        alpha=float(alpha),
        power=float(power),
        variants=int(variants),
        n_per_variant=n,
        n_total=n * int(variants),
        days=days,
        weeks=weeks,
    )


def users_available(days: float, variants: int, daily_visitors: float, share: float = 1.0) -> int:
    """Users each arm gets in ``days``: ``floor(days × daily_visitors × share / variants)``."""
    if not _finite(days) or days <= 0:
        raise AnalysisError("ab_err_days")
    duration_days(1, variants, daily_visitors, share)  # same checks of the other arguments
    return math.floor(days * daily_visitors * share / variants + _EPS)


def power_curve(
    baseline: float,
    mde: float,
    relative: bool = False,
    alpha: float = 0.05,
    n_max: float | None = None,
    daily_visitors: float | None = None,
    share: float = 1.0,
    variants: int = 2,
    points: int = 60,
) -> pd.DataFrame:
    """Power against users per arm, for a chart.

    Returns
    -------
    DataFrame
        Columns ``n_per_variant`` (int, 1 .. ``n_max``, default twice the 80 %-power
        size), ``power`` (0-1) and ``days`` (float, NaN without ``daily_visitors``).
    """
    p1 = _check_rate(baseline)
    p2 = target_rate(p1, mde, relative)
    _check_alpha_power(alpha, None)
    if n_max is None:
        n_max = 2 * sample_size(p1, p2 - p1, alpha=alpha, power=0.8)
    n = np.unique(np.ceil(np.linspace(1.0, float(n_max), points)).astype(np.int64))
    days = np.full(len(n), np.nan)
    if daily_visitors is not None:
        duration_days(1, variants, daily_visitors, share)
        days = n * variants / (daily_visitors * share)
    return pd.DataFrame({"n_per_variant": n, "power": _power(n, p1, p2, alpha), "days": days})


@dataclass(frozen=True)
class Reach:
    """What a test can detect with the traffic and time available.

    Attributes
    ----------
    days, n_per_variant
        Days available and the users each arm gets in them.
    baseline
        Control rate.
    target, absolute_effect, relative_effect
        The rate the smallest detectable change reaches, ``target − baseline`` and
        ``target / baseline − 1``; all None when no change can be detected.
    """

    days: float
    n_per_variant: int
    baseline: float
    target: float | None
    absolute_effect: float | None
    relative_effect: float | None


def reach(
    baseline: float,
    days: float,
    variants: int,
    daily_visitors: float,
    share: float = 1.0,
    alpha: float = 0.05,
    power: float = 0.8,
    decrease: bool = False,
) -> Reach:
    """The smallest effect detectable in ``days`` (:func:`users_available`, then
    :func:`detectable_effect`)."""
    n = users_available(days, variants, daily_visitors, share)
    effect = detectable_effect(baseline, max(n, 1), alpha, power, decrease) if n > 0 else None
    if effect is None:
        return Reach(float(days), n, float(baseline), None, None, None)
    return Reach(float(days), n, float(baseline), baseline + effect, effect, effect / baseline)


@dataclass(frozen=True)
class PlanInputs:
    """The planner's form in the units people type, turned into what :func:`plan` and
    :func:`reach` take: percentages become fractions, and the effect's size and direction
    become one signed effect.

    Attributes
    ----------
    baseline_pct
        Today's conversion rate, in percent.
    mde_pct
        Size of the smallest effect worth detecting: percent of the baseline when
        ``relative``, else percentage points.
    relative, decrease
        How ``mde_pct`` is meant, and whether the effect to detect is a fall.
    alpha
        Significance level (a fraction).
    power_pct, share_pct
        Power and the share of traffic in the test, in percent.
    variants, daily_visitors
        Arms of the test (control included) and visitors per day.
    """

    baseline_pct: float
    mde_pct: float
    relative: bool = True
    decrease: bool = False
    alpha: float = 0.05
    power_pct: float = 80.0
    variants: int = 2
    daily_visitors: float | None = None
    share_pct: float = 100.0

    @property
    def baseline(self) -> float:
        return self.baseline_pct / 100

    @property
    def effect(self) -> float:
        """The effect to detect as :func:`plan` takes it: a fraction, negative for a fall."""
        return -self.mde_pct / 100 if self.decrease else self.mde_pct / 100

    @property
    def power(self) -> float:
        return self.power_pct / 100

    @property
    def share(self) -> float:
        return self.share_pct / 100

    def plan(self) -> Plan:
        """:func:`plan` of these inputs."""
        return plan(
            self.baseline, self.effect, self.relative, self.alpha, self.power, int(self.variants),
            self.daily_visitors, self.share,
        )  # fmt: skip

    def reach(self, days: float) -> Reach:
        """:func:`reach` of these inputs over ``days``."""
        return reach(
            self.baseline, days, int(self.variants), self.daily_visitors or 0.0, self.share, self.alpha,
            self.power, self.decrease,
        )  # fmt: skip
