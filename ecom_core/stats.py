"""Small vectorised statistics shared by the analyses (intervals and tests on proportions).

Every function takes scalars or numpy arrays and broadcasts; undefined cases (no trials)
give NaN rather than raising.
"""

from __future__ import annotations

import numpy as np
from scipy import stats

ArrayLike = float | int | np.ndarray


def z_value(confidence: float) -> float:
    """Two-sided normal quantile, e.g. 1.959964 for 0.95."""
    return float(stats.norm.ppf(0.5 + confidence / 2.0))


def wilson_interval(
    successes: ArrayLike, trials: ArrayLike, confidence: float = 0.95
) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for a binomial proportion (no continuity correction).

    Parameters
    ----------
    successes, trials
        Counts, scalars or arrays of equal shape; ``successes <= trials``.
    confidence
        Two-sided confidence level.

    Returns
    -------
    (low, high)
        Arrays of the interval bounds, NaN where ``trials`` is 0. Matches R's
        ``prop.test(x, n, correct=FALSE)$conf.int``.
    """
    x = np.asarray(successes, dtype=float)
    n = np.asarray(trials, dtype=float)
    z = z_value(confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = x / n
        denom = 1.0 + z * z / n
        centre = (p + z * z / (2.0 * n)) / denom
        half = z * np.sqrt(p * (1.0 - p) / n + z * z / (4.0 * n * n)) / denom
    low = np.where(n > 0, np.clip(centre - half, 0.0, 1.0), np.nan)
    high = np.where(n > 0, np.clip(centre + half, 0.0, 1.0), np.nan)
    return low, high


def two_proportion_p_value(x1: ArrayLike, n1: ArrayLike, x2: ArrayLike, n2: ArrayLike) -> np.ndarray:
    """Two-sided p-value of the pooled two-proportion z-test.

    Equals Pearson's χ² test on the 2×2 table without continuity correction (R's
    ``prop.test(correct=FALSE)``). NaN when either group is empty; 1.0 when both rates are
    0 or both are 1 (no evidence of a difference).
    """
    x1, n1, x2, n2 = (np.asarray(a, dtype=float) for a in (x1, n1, x2, n2))
    with np.errstate(divide="ignore", invalid="ignore"):
        pooled = (x1 + x2) / (n1 + n2)
        se = np.sqrt(pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2))
        z = (x2 / n2 - x1 / n1) / se
        p = 2.0 * stats.norm.sf(np.abs(z))
    p = np.where(se == 0, 1.0, p)
    return np.where((n1 > 0) & (n2 > 0), p, np.nan)


def holm(p_values: ArrayLike) -> np.ndarray:
    """Holm-adjusted p-values (R's ``p.adjust(p, method = "holm")``); NaNs stay NaN and do not
    count towards the number of tests."""
    p = np.asarray(p_values, dtype=float)
    out = np.full(p.shape, np.nan)
    valid = np.flatnonzero(~np.isnan(p))
    if not len(valid):
        return out
    order = valid[np.argsort(p[valid], kind="stable")]
    m = len(order)
    stepped = np.maximum.accumulate((m - np.arange(m)) * p[order])
    out[order] = np.minimum(stepped, 1.0)
    return out
