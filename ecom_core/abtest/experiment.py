"""From an experiment table to per-variant totals and the full statistical reading.

Two shapes of input (kind ``experiment``): one row per user (``variant``, ``converted``,
optional ``revenue``, ``user_id``, ``time``, ``landing_page``), or one row per variant (or
per variant and day) with ``visitors`` and ``conversions`` (optional ``revenue`` total, or
``revenue_mean`` and ``revenue_sd`` per visitor as typed into the calculator).

:func:`prepare` does the heavy, data-sized work once (clean-up, totals, daily series);
:func:`analyze` runs the statistics on the totals and is cheap enough for every rerun.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ecom_core.abtest.inference import (
    ChiSquare,
    MeanComparison,
    ProportionComparison,
    SampleRatio,
    chi_square,
    compare_means,
    compare_proportions,
    srm,
)
from ecom_core.load.dataset import AnalysisError
from ecom_core.stats import holm, wilson_interval

SUMMARY_COLUMNS = ("variant", "visitors", "conversions", "rate", "revenue_mean", "revenue_sd")

# Names that mark the control arm, in the order they are trusted.
_BASELINE_WORDS = ("control", "对照", "baseline", "original", "原版", "原始", "旧版", "ctrl", "base", "old")
_BASELINE_EXACT = re.compile(r"^(a|a组|a版|版本a|variant a|group a|version a|方案a|0)$")


def pick_baseline(variants: Sequence[str]) -> str:
    """The arm to compare the others with: the first whose name says control (control,
    对照组, baseline, original, 原版, old ...), else one named A, else the first.

    Raises ``AnalysisError("ab_err_variants")`` when there are no variants.
    """
    names = [str(v) for v in variants]
    if not names:
        raise AnalysisError("ab_err_variants")
    low = [n.strip().lower() for n in names]
    for word in _BASELINE_WORDS:
        for name, lowered in zip(names, low, strict=True):
            if word in lowered:
                return name
    for name, lowered in zip(names, low, strict=True):
        if _BASELINE_EXACT.match(lowered):
            return name
    return names[0]


# ---- clean-up of per-user files ------------------------------------------------------------
@dataclass(frozen=True)
class Cleaning:
    """What was excluded from a per-user experiment file, and why.

    Attributes
    ----------
    rows
        Rows in the file.
    page_mismatch_rows
        Rows whose landing page is not the page their variant usually shows (the user saw
        the other version): excluded.
    multi_variant_users, multi_variant_rows
        Users found in more than one variant, and their rows: all excluded (they saw both).
    repeated_users
        Users with more than one row in the file (whatever happened to those rows).
    repeat_rows
        Further rows of a user already counted once (same variant): only the first
        exposure (earliest time, else first in the file) is kept.
    kept_rows
        Rows analysed: one per user.
    """

    rows: int
    page_mismatch_rows: int = 0
    multi_variant_users: int = 0
    multi_variant_rows: int = 0
    repeated_users: int = 0
    repeat_rows: int = 0
    kept_rows: int = 0

    @property
    def excluded_rows(self) -> int:
        return self.rows - self.kept_rows


def clean_users(
    frame: pd.DataFrame,
    variant: str = "variant",
    user_id: str = "user_id",
    landing_page: str = "landing_page",
    time: str = "time",
) -> tuple[pd.DataFrame, Cleaning]:
    """Exclude rows that would bias a per-user comparison.

    In order: rows whose ``landing_page`` disagrees with their variant's usual page (only
    when each variant has its own usual page); every row of a ``user_id`` seen in more
    than one variant; repeated rows of a user (the earliest by ``time`` is kept). Columns
    that are absent skip their step.

    Returns
    -------
    (DataFrame, Cleaning)
        The kept rows (same columns, original order) and the counts of what went.
    """
    # Strings are factorised once; the rest is integer work on numpy arrays.
    n = len(frame)
    keep = np.ones(n, dtype=bool)
    v_codes, v_names = pd.factorize(frame[variant])
    mismatch_rows = 0
    if landing_page in frame and frame[landing_page].notna().any():
        p_codes, pages = pd.factorize(frame[landing_page])
        ok = (v_codes >= 0) & (p_codes >= 0)
        counts = np.bincount(
            v_codes[ok] * len(pages) + p_codes[ok], minlength=len(v_names) * len(pages)
        ).reshape(len(v_names), len(pages))
        seen = counts.sum(axis=1) > 0
        usual = counts.argmax(axis=1)
        if seen.sum() > 1 and len(set(usual[seen].tolist())) == seen.sum():
            bad = ok & (p_codes != usual[np.maximum(v_codes, 0)])
            mismatch_rows = int(bad.sum())
            keep &= ~bad
    multi_users = multi_rows = repeat_rows = repeated_users = 0
    if user_id in frame and frame[user_id].notna().any():
        u_codes, ids = pd.factorize(frame[user_id])
        has = u_codes >= 0
        repeated_users = int((np.bincount(u_codes[has], minlength=len(ids)) > 1).sum())
        sel = keep & has & (v_codes >= 0)
        lowest = np.full(len(ids), np.iinfo(np.int64).max)
        highest = np.full(len(ids), -1)
        np.minimum.at(lowest, u_codes[sel], v_codes[sel])
        np.maximum.at(highest, u_codes[sel], v_codes[sel])
        in_both = (highest >= 0) & (lowest != highest)
        multi = sel & in_both[np.maximum(u_codes, 0)]
        multi_users, multi_rows = int(in_both.sum()), int(multi.sum())
        keep &= ~multi
        rows = np.flatnonzero(keep & has)
        if time in frame:
            when = (
                pd.to_datetime(frame[time], errors="coerce").to_numpy("datetime64[ns]").view(np.int64)[rows]
            )
            when = np.where(when == np.iinfo(np.int64).min, np.iinfo(np.int64).max, when)  # NaT last
            rows = rows[np.argsort(when, kind="stable")]
        _, first = np.unique(u_codes[rows], return_index=True)
        repeat = np.zeros(n, dtype=bool)
        repeat[rows] = True
        repeat[rows[first]] = False
        repeat_rows = int(repeat.sum())
        keep &= ~repeat
    kept_frame = frame[keep]
    return kept_frame, Cleaning(
        rows=n,
        page_mismatch_rows=mismatch_rows,
        multi_variant_users=multi_users,
        multi_variant_rows=multi_rows,
        repeated_users=repeated_users,
        repeat_rows=repeat_rows,
        kept_rows=len(kept_frame),
    )


# ---- per-variant totals --------------------------------------------------------------------
def _require_variant(frame: pd.DataFrame, variant: str) -> None:
    if variant not in frame.columns:
        raise AnalysisError("ab_err_no_variant")


def is_per_user(frame: pd.DataFrame, converted: str = "converted") -> bool:
    """True for one row per user (a ``converted`` column), False for totals per variant."""
    return converted in frame.columns


def cap_value(revenue: pd.Series, percentile: float) -> float | None:
    """The cap for winsorising revenue: the ``percentile`` (0-1) of positive values,
    pooled over all variants (zeros, the non-buyers, would drag a plain percentile down
    to an ordinary basket). None when there is no positive revenue."""
    if not 0.5 <= percentile < 1.0:
        raise AnalysisError("ab_err_cap", value=percentile)
    positive = revenue[revenue > 0]
    return float(positive.quantile(percentile)) if len(positive) else None


def summarize(
    frame: pd.DataFrame,
    variant: str = "variant",
    converted: str = "converted",
    visitors: str = "visitors",
    conversions: str = "conversions",
    revenue: str = "revenue",
    cap: float | None = None,
) -> pd.DataFrame:
    """Totals per variant, in order of first appearance.

    Parameters
    ----------
    frame
        Per-user rows (``converted``: 0/1 or bool, > 0 counts as converted; optional
        ``revenue`` per user) or rows of totals (``visitors``, ``conversions``; optional
        ``revenue`` total, or ``revenue_mean`` and ``revenue_sd`` per visitor). Rows of
        one variant are added up.
    cap
        Per-user revenue above it is set to it (winsorising) before means and sds.

    Returns
    -------
    DataFrame
        One row per variant: ``variant`` (str), ``visitors``, ``conversions`` (int64),
        ``rate`` (float), ``revenue_mean``, ``revenue_sd`` (revenue per visitor; NaN when
        unknown).

    Raises
    ------
    AnalysisError
        ``ab_err_no_variant``, ``ab_err_no_outcome`` (neither ``converted`` nor visitors
        and conversions), ``ab_err_negative``, ``ab_err_conv_gt_visitors``,
        ``ab_err_variants`` (fewer than two variants).
    """
    _require_variant(frame, variant)
    names = frame[variant].astype("str")
    valid = names.notna() & (names.str.strip() != "")
    frame, names = frame[valid], names[valid].str.strip()
    if is_per_user(frame, converted):
        out = _summarize_users(frame, names, converted, revenue, cap)
    elif visitors in frame.columns and conversions in frame.columns:
        out = _summarize_totals(frame, names, visitors, conversions, revenue)
    else:
        raise AnalysisError("ab_err_no_outcome")
    if len(out) < 2:
        raise AnalysisError("ab_err_variants")
    return out


def _summarize_users(
    frame: pd.DataFrame, names: pd.Series, converted: str, revenue: str, cap: float | None
) -> pd.DataFrame:
    conv = pd.to_numeric(frame[converted], errors="coerce").astype(float)
    if (conv < 0).any():
        raise AnalysisError("ab_err_negative")
    data = {"variant": names, "visitors": 1, "conversions": (conv > 0).astype(np.int64)}
    has_revenue = revenue in frame.columns
    if has_revenue:
        money = pd.to_numeric(frame[revenue], errors="coerce").astype(float).fillna(0.0)
        if cap is not None:
            money = money.clip(upper=cap)
        data["money"] = money
        data["money2"] = money * money
    grouped = pd.DataFrame(data).groupby("variant", sort=False).sum()
    out = pd.DataFrame(
        {
            "variant": grouped.index.astype("str"),
            "visitors": grouped["visitors"].to_numpy(np.int64),
            "conversions": grouped["conversions"].to_numpy(np.int64),
        }
    )
    out["rate"] = out["conversions"] / out["visitors"]
    if has_revenue:
        n = grouped["visitors"].to_numpy(float)
        mean = grouped["money"].to_numpy() / n
        with np.errstate(invalid="ignore", divide="ignore"):
            # sample variance from the sums; clipped at 0 against rounding
            var = np.clip((grouped["money2"].to_numpy() - n * mean**2) / (n - 1), 0.0, None)
        out["revenue_mean"] = mean
        out["revenue_sd"] = np.where(n > 1, np.sqrt(var), np.nan)
    else:
        out["revenue_mean"] = np.nan
        out["revenue_sd"] = np.nan
    return out


def _summarize_totals(
    frame: pd.DataFrame, names: pd.Series, visitors: str, conversions: str, revenue: str
) -> pd.DataFrame:
    v = pd.to_numeric(frame[visitors], errors="coerce")
    c = pd.to_numeric(frame[conversions], errors="coerce")
    if v.isna().any() or c.isna().any():
        raise AnalysisError("ab_err_number", what="visitors")
    if (v < 0).any() or (c < 0).any():
        raise AnalysisError("ab_err_negative")
    cols = {"variant": names, "visitors": v, "conversions": c}
    typed = "revenue_mean" in frame.columns and "revenue_sd" in frame.columns
    if typed:
        mean = pd.to_numeric(frame["revenue_mean"], errors="coerce")
        sd = pd.to_numeric(frame["revenue_sd"], errors="coerce")
        if (sd < 0).any():
            raise AnalysisError("ab_err_negative")
        # pooled mean and sd of the rows of a variant: sums of x and x² per row
        cols["money"] = mean * v
        cols["money2"] = (sd**2) * (v - 1) + v * mean**2
    elif revenue in frame.columns:
        cols["money"] = pd.to_numeric(frame[revenue], errors="coerce")
    grouped = pd.DataFrame(cols).groupby("variant", sort=False).sum(min_count=1)
    n = grouped["visitors"].to_numpy(float)
    x = grouped["conversions"].to_numpy(float)
    over = x > n
    if over.any():
        i = int(np.argmax(over))
        raise AnalysisError(
            "ab_err_conv_gt_visitors", conversions=int(x[i]), visitors=int(n[i]), variant=grouped.index[i]
        )
    out = pd.DataFrame(
        {
            "variant": grouped.index.astype("str"),
            "visitors": np.round(n).astype(np.int64),
            "conversions": np.round(x).astype(np.int64),
        }
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        out["rate"] = x / n
        out["revenue_mean"] = grouped["money"].to_numpy(float) / n if "money" in grouped else np.nan
        if typed:
            var = (grouped["money2"].to_numpy(float) - n * out["revenue_mean"].to_numpy() ** 2) / (n - 1)
            out["revenue_sd"] = np.sqrt(np.clip(var, 0.0, None))
        else:
            out["revenue_sd"] = np.nan
    return out


def daily(
    frame: pd.DataFrame,
    variant: str = "variant",
    converted: str = "converted",
    time: str = "time",
    visitors: str = "visitors",
    conversions: str = "conversions",
) -> pd.DataFrame | None:
    """Cumulative conversion per variant, day by day, when the rows carry a ``time``.

    Returns
    -------
    DataFrame or None
        Columns ``date`` (datetime64, midnight), ``variant``, ``visitors``,
        ``conversions`` (cumulative int64) and ``rate`` (cumulative rate). None without
        usable times.
    """
    if time not in frame.columns:
        return None
    when = pd.to_datetime(frame[time], errors="coerce")
    ok = when.notna()
    if not ok.any():
        return None
    if is_per_user(frame, converted):
        n = pd.Series(1, index=frame.index, dtype=np.int64)
        x = (pd.to_numeric(frame[converted], errors="coerce") > 0).astype(np.int64)
    elif visitors in frame.columns and conversions in frame.columns:
        n = pd.to_numeric(frame[visitors], errors="coerce").fillna(0).astype(np.int64)
        x = pd.to_numeric(frame[conversions], errors="coerce").fillna(0).astype(np.int64)
    else:
        return None
    data = pd.DataFrame(
        {
            "date": when[ok].dt.normalize(),
            "variant": frame.loc[ok, variant].astype("str"),
            "visitors": n[ok],
            "conversions": x[ok],
        }
    )
    per_day = data.groupby(["variant", "date"], sort=True).sum().reset_index()
    cum = per_day.groupby("variant", sort=False)[["visitors", "conversions"]].cumsum()
    out = per_day[["date", "variant"]].assign(
        visitors=cum["visitors"].astype(np.int64), conversions=cum["conversions"].astype(np.int64)
    )
    out["rate"] = out["conversions"] / out["visitors"]
    return out.reset_index(drop=True)


# ---- the data-sized part, done once --------------------------------------------------------
@dataclass(frozen=True)
class Prepared:
    """An experiment table reduced to what the statistics need.

    Attributes
    ----------
    summary
        :func:`summarize` output (after clean-up and capping).
    cleaning
        What was excluded (per-user files only, else None).
    daily
        :func:`daily` output, or None without times.
    days
        Time the test ran, in days (first to last exposure), or None.
    cap
        Revenue cap applied per user, or None.
    per_user
        Whether the input had one row per user.
    """

    summary: pd.DataFrame
    cleaning: Cleaning | None = None
    daily: pd.DataFrame | None = None
    days: float | None = None
    cap: float | None = None
    per_user: bool = False


def prepare(
    frame: pd.DataFrame,
    cap_percentile: float | None = None,
    variant: str = "variant",
    converted: str = "converted",
    revenue: str = "revenue",
    user_id: str = "user_id",
    time: str = "time",
    landing_page: str = "landing_page",
) -> Prepared:
    """Clean a per-user file (:func:`clean_users`), cap revenue, total it per variant and
    build the daily series; for totals per variant only :func:`summarize` and
    :func:`daily`. Vectorised: about a second for a million users.

    Parameters
    ----------
    cap_percentile
        Winsorise per-user revenue at this percentile of positive revenue (e.g. 0.99);
        None keeps every value.
    """
    _require_variant(frame, variant)
    cleaning = cap = None
    per_user = is_per_user(frame, converted)
    if per_user:
        frame, cleaning = clean_users(frame, variant, user_id, landing_page, time)
        if cap_percentile is not None and revenue in frame.columns:
            money = pd.to_numeric(frame[revenue], errors="coerce")
            cap = cap_value(money, cap_percentile)
    summary = summarize(frame, variant=variant, converted=converted, revenue=revenue, cap=cap)
    series = daily(frame, variant=variant, converted=converted, time=time)
    days = None
    if time in frame.columns:
        when = pd.to_datetime(frame[time], errors="coerce")
        if when.notna().any():
            days = (when.max() - when.min()) / pd.Timedelta(days=1)
            if not per_user:  # rows are days: a test on one day ran one day
                days += 1.0
    return Prepared(summary, cleaning, series, days, cap, per_user)


# ---- the statistics, cheap -----------------------------------------------------------------
@dataclass(frozen=True)
class Analysis:
    """Every figure of a finished test, challengers against the baseline.

    Attributes
    ----------
    summary
        One row per variant, baseline first: ``variant``, ``visitors``, ``conversions``,
        ``rate``, ``rate_low``, ``rate_high`` (Wilson), ``revenue_mean``, ``revenue_sd``.
    baseline
        Name of the arm the others are compared with.
    confidence
        Level of every interval; significance is judged at ``1 − confidence``.
    srm
        The sample-ratio check against ``weights``.
    comparisons
        Challenger name -> :class:`ProportionComparison` (B = challenger, A = baseline).
    adjusted_p
        Challenger name -> Holm-adjusted p-value over all challengers (the plain p with one
        challenger; Fisher's p enters where counts are small).
    chi2
        χ² test of all variants together when there are more than two, else None.
    revenue
        Challenger name -> :class:`MeanComparison` of revenue per visitor, when the
        standard deviations are known; empty otherwise.
    revenue_adjusted_p
        Holm-adjusted p-values of the revenue comparisons.
    """

    summary: pd.DataFrame
    baseline: str
    confidence: float
    srm: SampleRatio
    comparisons: dict[str, ProportionComparison]
    adjusted_p: dict[str, float]
    chi2: ChiSquare | None = None
    revenue: dict[str, MeanComparison] = field(default_factory=dict)
    revenue_adjusted_p: dict[str, float] = field(default_factory=dict)

    @property
    def challengers(self) -> list[str]:
        return list(self.comparisons)

    def significant(self, name: str) -> bool:
        """Whether challenger ``name`` differs from the baseline after Holm's adjustment."""
        return self.adjusted_p[name] < 1.0 - self.confidence

    def best(self) -> str:
        """The challenger most likely to beat the baseline (largest P(better))."""
        return max(self.comparisons, key=lambda k: self.comparisons[k].prob_b_beats_a)


def analyze(
    summary: pd.DataFrame,
    baseline: str | None = None,
    weights: Sequence[float] | None = None,
    confidence: float = 0.95,
) -> Analysis:
    """Statistics of a test from its per-variant totals (:func:`summarize` output).

    Parameters
    ----------
    summary
        Columns ``variant``, ``visitors``, ``conversions``; optional ``revenue_mean`` and
        ``revenue_sd`` (per visitor) for Welch's test on revenue per visitor.
    baseline
        The control arm; :func:`pick_baseline` when None.
    weights
        Intended traffic split in the order of ``summary`` (equal when None).
    confidence
        Level of the intervals.

    Raises
    ------
    AnalysisError
        ``ab_err_variants`` (fewer than two arms), ``ab_err_baseline`` (unknown baseline),
        and every input error of :func:`compare_proportions` and :func:`srm`.
    """
    _require_variant(summary, "variant")
    if len(summary) < 2:
        raise AnalysisError("ab_err_variants")
    names = summary["variant"].astype("str").tolist()
    if len(set(names)) != len(names):
        raise AnalysisError("ab_err_duplicate_variant")
    baseline = pick_baseline(names) if baseline is None else str(baseline)
    if baseline not in names:
        raise AnalysisError("ab_err_baseline", name=baseline)
    # baseline first; the intended weights follow their variants
    perm = [names.index(baseline)] + [i for i, n in enumerate(names) if n != baseline]
    table = summary.iloc[perm].reset_index(drop=True)
    if weights is not None:
        weights = list(weights)
        if len(weights) != len(names):
            raise AnalysisError("ab_err_weights")
        weights = [weights[i] for i in perm]
    sample = srm(table["visitors"].tolist(), weights)
    base = table.iloc[0]
    comparisons = {
        str(row.variant): compare_proportions(
            base["conversions"], base["visitors"], row.conversions, row.visitors, confidence
        )
        for row in table.iloc[1:].itertuples(index=False)
    }
    adjusted = holm([c.decisive_p_value for c in comparisons.values()])
    chi2 = None
    if len(table) > 2:
        counts = table[["conversions", "visitors"]].to_numpy(float)
        chi2 = chi_square(np.c_[counts[:, 0], counts[:, 1] - counts[:, 0]])
    revenue: dict[str, MeanComparison] = {}
    if {"revenue_mean", "revenue_sd"} <= set(table.columns) and table[
        ["revenue_mean", "revenue_sd"]
    ].notna().all(axis=None):
        for row in table.iloc[1:].itertuples(index=False):
            revenue[str(row.variant)] = compare_means(
                float(base["revenue_mean"]),
                float(base["revenue_sd"]),
                base["visitors"],
                float(row.revenue_mean),
                float(row.revenue_sd),
                row.visitors,
                confidence,
            )
    low, high = wilson_interval(table["conversions"], table["visitors"], confidence)
    shown = table.assign(rate=table["conversions"] / table["visitors"], rate_low=low, rate_high=high)
    for col in ("revenue_mean", "revenue_sd"):
        if col not in shown:
            shown[col] = np.nan
    shown = shown[
        ["variant", "visitors", "conversions", "rate", "rate_low", "rate_high", "revenue_mean", "revenue_sd"]
    ]
    rev_adj = holm([m.p_value for m in revenue.values()])
    return Analysis(
        summary=shown,
        baseline=baseline,
        confidence=float(confidence),
        srm=sample,
        comparisons=comparisons,
        adjusted_p=dict(zip(comparisons, (float(p) for p in adjusted), strict=True)),
        chi2=chi2,
        revenue=revenue,
        revenue_adjusted_p=dict(zip(revenue, (float(p) for p in rev_adj), strict=True)),
    )


def parse_weights(text: str | None, variants: int) -> list[float] | None:
    """The intended split typed as ``"50, 50"`` or ``"1:1:2"`` (also ``，`` and ``/``);
    None for an empty text (equal split).

    Raises ``AnalysisError("ab_err_weights")`` unless there is one positive number per
    variant.
    """
    if text is None or not str(text).strip():
        return None
    parts = [p for p in re.split(r"[,，:：/;；\s]+", str(text).strip().replace("%", "")) if p]
    try:
        values = [float(p) for p in parts]
    except ValueError:
        raise AnalysisError("ab_err_weights") from None
    if len(values) != variants or not all(np.isfinite(v) and v > 0 for v in values):
        raise AnalysisError("ab_err_weights")
    return values


def prepare_typed(frame: pd.DataFrame | Sequence[Mapping]) -> Prepared:
    """:func:`prepare` for numbers typed in, one row per variant (a frame, or the form's rows
    as dicts): ``variant``, ``visitors``, ``conversions``, optional ``revenue_mean`` and
    ``revenue_sd`` (blank: None).

    Unlike a file (where rows of one variant, e.g. days, are added up) every row must be
    its own variant: ``ab_err_variant_name`` for a blank name, ``ab_err_duplicate_variant``
    for a name used twice.
    """
    frame = pd.DataFrame(frame) if not isinstance(frame, pd.DataFrame) else frame
    for col in ("revenue_mean", "revenue_sd"):
        if col in frame.columns:  # a blank field is None: no revenue typed for that variant
            frame = frame.assign(**{col: pd.to_numeric(frame[col], errors="coerce").astype(float)})
    _require_variant(frame, "variant")
    names = frame["variant"].astype("str").str.strip()
    if names.isna().any() or (names == "").any():
        raise AnalysisError("ab_err_variant_name")
    if names.duplicated().any():
        raise AnalysisError("ab_err_duplicate_variant")
    return prepare(frame.assign(variant=names))
