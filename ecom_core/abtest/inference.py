"""Reading a finished test: proportions, means, sample-ratio check, χ² and Holm.

Conventions (see DESIGN.md): pooled two-proportion z-test p-values, Wald (unpooled)
interval for the difference of rates, Katz log risk-ratio interval for the relative lift,
Welch's t for means from summary statistics, Pearson χ² for SRM and for k × 2 tables.
Bayesian figures use independent Beta(1, 1) priors and are exact closed forms.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import special, stats

from ecom_core.load.dataset import AnalysisError
from ecom_core.stats import two_proportion_p_value, z_value

#: Cells below this count make the normal approximation doubtful: Fisher's exact test too.
SMALL_CELL = 5
#: SRM is flagged below this p-value (a split this uneven by chance is very unlikely).
SRM_ALPHA = 0.001
#: Above this many terms (about 1.5 s of work) the exact Beta sum gives way to a normal
#: approximation; with every count over 5 million the two agree to about 1e-9.
MAX_EXACT_TERMS = 5_000_000
_CHUNK = 1_000_000


# ---- checks --------------------------------------------------------------------------------
def _count(x: object, what: str) -> int:
    try:
        value = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise AnalysisError("ab_err_number", what=what) from None
    if not math.isfinite(value):
        raise AnalysisError("ab_err_number", what=what)
    if value < 0:
        raise AnalysisError("ab_err_negative")
    if abs(value - round(value)) > 1e-9 * max(1.0, abs(value)):
        raise AnalysisError("ab_err_whole", what=what, value=value)
    return round(value)


def _arm(conv: object, n: object) -> tuple[int, int]:
    x, m = _count(conv, "conversions"), _count(n, "visitors")
    if m == 0:
        raise AnalysisError("ab_err_no_visitors")
    if x > m:
        raise AnalysisError("ab_err_conv_gt_visitors", conversions=x, visitors=m)
    return x, m


def _confidence(confidence: float) -> float:
    if not isinstance(confidence, int | float) or not 0.5 <= confidence < 1.0:
        raise AnalysisError("ab_err_confidence", value=confidence)
    return float(confidence)


# ---- Beta posteriors -----------------------------------------------------------------------
def _log_sum(a1: float, b1: float, a2: float, b2: float) -> float:
    """log P(Y > X) for X ~ Beta(a1, b1), Y ~ Beta(a2, b2), ``a2`` a positive integer.

    P = Σ_{i=0}^{a2-1} B(a1+i, b1+b2) / ((b2+i) · B(1+i, b2) · B(a1, b1)), summed in log
    space in chunks (the terms are positive, so log-sum-exp is stable).
    """
    total = -np.inf
    const = special.betaln(a1, b1)
    for start in range(0, int(a2), _CHUNK):
        i = np.arange(start, min(int(a2), start + _CHUNK), dtype=float)
        terms = special.betaln(a1 + i, b1 + b2) - np.log(b2 + i) - special.betaln(1.0 + i, b2) - const
        total = np.logaddexp(total, special.logsumexp(terms))
    return float(total)


def prob_greater(a1: float, b1: float, a2: float, b2: float) -> float:
    """P(Y > X) for independent X ~ Beta(a1, b1), Y ~ Beta(a2, b2) with integer parameters.

    Exact: the finite sum has ``a2`` terms; by P(Y > X) = 1 − P(X > Y) and by swapping
    successes and failures (P(Y > X) = P(1 − X > 1 − Y)) it can equally be written with
    ``a1``, ``b1`` or ``b2`` terms, so the shortest of the four is used. With more than
    :data:`MAX_EXACT_TERMS` terms (every count, successes and failures of both arms, above
    5 million) the posteriors are so close to normal that Φ(Δmean / √(var₁ + var₂)) is
    used instead (it differs from the exact value by about 1e-9 there).
    """
    shortest = min(a1, b1, a2, b2)
    if shortest > MAX_EXACT_TERMS:
        m1, m2 = a1 / (a1 + b1), a2 / (a2 + b2)
        v1 = a1 * b1 / ((a1 + b1) ** 2 * (a1 + b1 + 1))
        v2 = a2 * b2 / ((a2 + b2) ** 2 * (a2 + b2 + 1))
        return float(stats.norm.cdf((m2 - m1) / math.sqrt(v1 + v2)))
    if shortest == a2:
        p = math.exp(_log_sum(a1, b1, a2, b2))
    elif shortest == a1:
        p = 1.0 - math.exp(_log_sum(a2, b2, a1, b1))
    elif shortest == b1:
        # P(Y > X) = P(1−X > 1−Y), 1−X ~ Beta(b1, a1) plays "Y", 1−Y ~ Beta(b2, a2) plays "X"
        p = math.exp(_log_sum(b2, a2, b1, a1))
    else:
        p = 1.0 - math.exp(_log_sum(b1, a1, b2, a2))
    return min(1.0, max(0.0, p))


def expected_losses(a1: float, b1: float, a2: float, b2: float) -> tuple[float, float]:
    """Expected loss of choosing X and of choosing Y (X ~ Beta(a1, b1), Y ~ Beta(a2, b2)).

    Loss of choosing Y = E[max(X − Y, 0)] = E[X]·P(X⁺ > Y) − E[Y]·P(X > Y⁺), where X⁺ ~
    Beta(a1+1, b1) and Y⁺ ~ Beta(a2+1, b2) (the size-biased posteriors); choosing X loses
    that plus E[Y] − E[X]. Both in rate units (0.001 = 0.1 point of conversion).
    """
    m1, m2 = a1 / (a1 + b1), a2 / (a2 + b2)
    if min(a1, b1, a2, b2) > MAX_EXACT_TERMS:
        # D = Y − X ≈ normal: E[max(−D, 0)] = σφ(μ/σ) − μΦ(−μ/σ)
        v1 = a1 * b1 / ((a1 + b1) ** 2 * (a1 + b1 + 1))
        v2 = a2 * b2 / ((a2 + b2) ** 2 * (a2 + b2 + 1))
        mu, sd = m2 - m1, math.sqrt(v1 + v2)
        loss_y = sd * stats.norm.pdf(mu / sd) - mu * stats.norm.cdf(-mu / sd)
    else:
        x_beats_y_plus = 1.0 - prob_greater(a1, b1, a2 + 1, b2)
        x_plus_beats_y = 1.0 - prob_greater(a1 + 1, b1, a2, b2)
        loss_y = m1 * x_plus_beats_y - m2 * x_beats_y_plus
    loss_y = max(0.0, loss_y)
    return max(0.0, loss_y + m2 - m1), loss_y


# ---- two proportions -----------------------------------------------------------------------
@dataclass(frozen=True)
class ProportionComparison:
    """Arm B against arm A on a yes/no outcome (converted or not).

    Attributes
    ----------
    conv_a, n_a, conv_b, n_b
        Conversions and visitors of each arm.
    rate_a, rate_b
        Observed conversion rates.
    diff
        ``rate_b − rate_a`` (absolute, rate units).
    lift
        ``rate_b / rate_a − 1``; None when ``rate_a`` is 0.
    p_value
        Two-sided pooled z-test (= Pearson χ² without continuity correction).
    ci_diff
        Wald (unpooled) interval of ``diff``.
    ci_lift
        Katz log risk-ratio interval of ``lift``; None when an arm has no conversions.
    prob_b_beats_a
        P(rate_b > rate_a) under independent Beta(1, 1) priors.
    loss_a, loss_b
        Expected loss (in rate units) of choosing A, of choosing B.
    small_counts
        True when a cell of the 2 × 2 table is under 5.
    fisher_p_value
        Fisher's exact two-sided p when ``small_counts``, else None.
    confidence
        Level of both intervals.
    """

    conv_a: int
    n_a: int
    conv_b: int
    n_b: int
    rate_a: float
    rate_b: float
    diff: float
    lift: float | None
    p_value: float
    ci_diff: tuple[float, float]
    ci_lift: tuple[float, float] | None
    prob_b_beats_a: float
    loss_a: float
    loss_b: float
    small_counts: bool
    fisher_p_value: float | None
    confidence: float

    @property
    def decisive_p_value(self) -> float:
        """Fisher's p when counts are small, else the z-test's."""
        return self.fisher_p_value if self.fisher_p_value is not None else self.p_value

    def significant(self) -> bool:
        """Whether the difference is significant at ``1 − confidence``."""
        return self.decisive_p_value < 1.0 - self.confidence


def compare_proportions(
    conv_a: int, n_a: int, conv_b: int, n_b: int, confidence: float = 0.95
) -> ProportionComparison:
    """Compare conversion of arm B with arm A.

    Parameters
    ----------
    conv_a, n_a, conv_b, n_b
        Whole, non-negative counts with ``conv ≤ n`` and ``n ≥ 1``.
    confidence
        Two-sided level of the intervals, in [0.5, 1).

    Returns
    -------
    ProportionComparison
        p-value as R ``prop.test(c(conv_a, conv_b), c(n_a, n_b), correct = FALSE)``;
        intervals, Bayesian probability and expected losses as documented there.

    Raises
    ------
    AnalysisError
        ``ab_err_conv_gt_visitors``, ``ab_err_negative``, ``ab_err_no_visitors``,
        ``ab_err_whole``, ``ab_err_number`` or ``ab_err_confidence``.
    """
    xa, na = _arm(conv_a, n_a)
    xb, nb = _arm(conv_b, n_b)
    confidence = _confidence(confidence)
    z = z_value(confidence)
    pa, pb = xa / na, xb / nb
    diff = pb - pa
    se = math.sqrt(pa * (1 - pa) / na + pb * (1 - pb) / nb)
    ci_diff = (diff - z * se, diff + z * se)
    ci_lift = None
    if xa > 0 and xb > 0:
        log_rr = math.log(pb / pa)
        se_log = math.sqrt(max(0.0, 1 / xb - 1 / nb + 1 / xa - 1 / na))
        ci_lift = (math.exp(log_rr - z * se_log) - 1.0, math.exp(log_rr + z * se_log) - 1.0)
    a1, b1, a2, b2 = xa + 1, na - xa + 1, xb + 1, nb - xb + 1
    loss_a, loss_b = expected_losses(a1, b1, a2, b2)
    small = min(xa, na - xa, xb, nb - xb) < SMALL_CELL
    fisher = None
    if small:
        fisher = float(stats.fisher_exact([[xa, na - xa], [xb, nb - xb]]).pvalue)
    return ProportionComparison(
        conv_a=xa,
        n_a=na,
        conv_b=xb,
        n_b=nb,
        rate_a=pa,
        rate_b=pb,
        diff=diff,
        lift=pb / pa - 1.0 if xa > 0 else None,
        p_value=float(two_proportion_p_value(xa, na, xb, nb)),
        ci_diff=ci_diff,
        ci_lift=ci_lift,
        prob_b_beats_a=prob_greater(a1, b1, a2, b2),
        loss_a=loss_a,
        loss_b=loss_b,
        small_counts=small,
        fisher_p_value=fisher,
        confidence=confidence,
    )


# ---- means ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class MeanComparison:
    """Welch's t-test of ``mean_b − mean_a`` from summary statistics.

    Attributes
    ----------
    mean_a, mean_b, diff
        Means and their difference ``mean_b − mean_a``.
    lift
        ``mean_b / mean_a − 1``; None when ``mean_a`` is 0.
    t, df, p_value
        Welch's statistic, Welch-Satterthwaite degrees of freedom, two-sided p.
    ci_diff
        Interval of ``diff`` with Welch's df.
    confidence
        Level of the interval.
    """

    mean_a: float
    mean_b: float
    diff: float
    lift: float | None
    t: float
    df: float
    p_value: float
    ci_diff: tuple[float, float]
    confidence: float

    def significant(self) -> bool:
        return self.p_value < 1.0 - self.confidence


def compare_means(
    mean_a: float,
    sd_a: float,
    n_a: int,
    mean_b: float,
    sd_b: float,
    n_b: int,
    confidence: float = 0.95,
) -> MeanComparison:
    """Welch's two-sample t-test from means, standard deviations and sizes.

    Returns
    -------
    MeanComparison
        p-value as ``scipy.stats.ttest_ind_from_stats(..., equal_var=False)``; the interval
        is ``diff ± t_{df, (1+confidence)/2} · se``.

    Raises
    ------
    AnalysisError
        ``ab_err_number`` for a missing or infinite value, ``ab_err_negative`` for a negative
        sd or size, ``ab_err_too_few`` when an arm has fewer than 2 users, ``ab_err_no_spread``
        when both standard deviations are 0.
    """
    values = (mean_a, sd_a, mean_b, sd_b)
    if not all(isinstance(v, int | float | np.number) and math.isfinite(v) for v in values):
        raise AnalysisError("ab_err_number", what="revenue")
    na, nb = _count(n_a, "visitors"), _count(n_b, "visitors")
    if sd_a < 0 or sd_b < 0:
        raise AnalysisError("ab_err_negative")
    if na < 2 or nb < 2:
        raise AnalysisError("ab_err_too_few")
    confidence = _confidence(confidence)
    va, vb = sd_a**2 / na, sd_b**2 / nb
    se = math.sqrt(va + vb)
    if se == 0:
        raise AnalysisError("ab_err_no_spread")
    df = float((va + vb) ** 2 / (va**2 / (na - 1) + vb**2 / (nb - 1)))
    diff = float(mean_b - mean_a)
    t_stat = diff / se
    half = float(stats.t.ppf(0.5 + confidence / 2.0, df)) * se
    return MeanComparison(
        mean_a=float(mean_a),
        mean_b=float(mean_b),
        diff=diff,
        lift=float(mean_b / mean_a - 1.0) if mean_a != 0 else None,
        t=t_stat,
        df=df,
        p_value=float(2.0 * stats.t.sf(abs(t_stat), df)),
        ci_diff=(diff - half, diff + half),
        confidence=confidence,
    )


# ---- sample ratio mismatch -----------------------------------------------------------------
@dataclass(frozen=True)
class SampleRatio:
    """Sample-ratio-mismatch check: did each arm get the traffic it was meant to?

    Attributes
    ----------
    observed
        Users per arm.
    expected
        Users per arm the intended weights imply for the same total.
    shares, expected_shares
        Observed and intended fractions.
    chi2, df, p_value
        Pearson χ² goodness of fit against the weights, df = k − 1.
    mismatch
        ``p_value < 0.001``, or an arm meant to get traffic got none.
    """

    observed: tuple[int, ...]
    expected: tuple[float, ...]
    shares: tuple[float, ...]
    expected_shares: tuple[float, ...]
    chi2: float
    df: int
    p_value: float
    mismatch: bool


def srm(observed_counts: Sequence[float], weights: Sequence[float] | None = None) -> SampleRatio:
    """Sample-ratio-mismatch test of users per arm against the intended split.

    Parameters
    ----------
    observed_counts
        Users per arm (whole, non-negative, at least two arms, not all zero).
    weights
        Intended split in the same order, any positive scale (``(1, 1)`` = 50/50);
        equal weights when None.

    Returns
    -------
    SampleRatio
        p-value as ``scipy.stats.chisquare(observed, total · weights / sum(weights))``.

    Raises
    ------
    AnalysisError
        ``ab_err_variants`` for fewer than two arms, ``ab_err_weights`` for weights that are
        not positive or do not match the arms, ``ab_err_no_visitors`` when nobody is counted.
    """
    obs = [_count(x, "visitors") for x in observed_counts]
    if len(obs) < 2:
        raise AnalysisError("ab_err_variants")
    w = np.ones(len(obs)) if weights is None else np.asarray(list(weights), dtype=float)
    if w.shape != (len(obs),) or not np.all(np.isfinite(w)) or np.any(w <= 0):
        raise AnalysisError("ab_err_weights")
    o = np.asarray(obs, dtype=float)
    total = o.sum()
    if total == 0:
        raise AnalysisError("ab_err_no_visitors")
    share = w / w.sum()
    e = total * share
    chi2 = float(((o - e) ** 2 / e).sum())
    df = len(obs) - 1
    p = float(stats.chi2.sf(chi2, df))
    return SampleRatio(
        observed=tuple(obs),
        expected=tuple(float(x) for x in e),
        shares=tuple(float(x) for x in o / total),
        expected_shares=tuple(float(x) for x in share),
        chi2=chi2,
        df=df,
        p_value=p,
        mismatch=bool(p < SRM_ALPHA or np.any(o == 0)),
    )


# ---- k × 2 tables and multiple comparisons -------------------------------------------------
@dataclass(frozen=True)
class ChiSquare:
    """Pearson χ² test of independence of variant and conversion (no continuity correction).

    ``p_value`` is 1.0 when nobody or everybody converted (no difference to find).
    """

    statistic: float
    df: int
    p_value: float


def chi_square(table: Sequence[Sequence[float]] | np.ndarray) -> ChiSquare:
    """χ² test on a k × 2 table: one row per variant, columns (converted, not converted).

    Returns
    -------
    ChiSquare
        As ``scipy.stats.chi2_contingency(table, correction=False)``.

    Raises
    ------
    AnalysisError
        ``ab_err_table`` for a table that is not k × 2 with k ≥ 2, ``ab_err_negative``,
        ``ab_err_no_visitors`` for a variant with no users.
    """
    try:
        arr = np.asarray(table, dtype=float)
    except (TypeError, ValueError):
        raise AnalysisError("ab_err_table") from None
    if arr.ndim != 2 or arr.shape[1] != 2 or arr.shape[0] < 2:
        raise AnalysisError("ab_err_table")
    if not np.all(np.isfinite(arr)):
        raise AnalysisError("ab_err_number", what="conversions")
    if np.any(arr < 0):
        raise AnalysisError("ab_err_negative")
    rows = arr.sum(axis=1)
    if np.any(rows == 0):
        raise AnalysisError("ab_err_no_visitors")
    df = arr.shape[0] - 1
    cols = arr.sum(axis=0)
    if np.any(cols == 0):
        return ChiSquare(0.0, df, 1.0)
    expected = np.outer(rows, cols) / arr.sum()
    statistic = float(((arr - expected) ** 2 / expected).sum())
    return ChiSquare(statistic, df, float(stats.chi2.sf(statistic, df)))
