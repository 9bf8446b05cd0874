"""Result tables of a test, headed in the user's language, ready to show and download.

Rates, lifts and differences are in percent units (3.91 = 3.91 %, a difference of 0.68 =
0.68 percentage points) so that a downloaded file reads the way the page does.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ecom_core import fmt
from ecom_core.abtest.experiment import Analysis
from ecom_core.abtest.verdict import p_text, prob
from ecom_core.i18n import t

_DIGITS = 3


def _pct(x: float | None) -> float:
    return np.nan if x is None else round(100.0 * x, _DIGITS)


def conversion_table(analysis: Analysis, lang: str) -> pd.DataFrame:
    """One row per variant (control first): counts, rate with its interval, and for each
    challenger the difference, lift, p-values, probability of beating the control and the
    expected loss of choosing it.

    Returns
    -------
    DataFrame
        Headers from ``ab_col_*`` in ``lang``; the Holm column only with several
        challengers, the Fisher column only when a count is small.
    """
    s = analysis.summary
    rows = []
    multi = len(analysis.comparisons) > 1
    fisher = any(c.fisher_p_value is not None for c in analysis.comparisons.values())
    for rec in s.itertuples(index=False):
        c = analysis.comparisons.get(rec.variant)
        row = {
            "ab_col_variant": rec.variant,
            "ab_col_visitors": int(rec.visitors),
            "ab_col_conversions": int(rec.conversions),
            "ab_col_rate": _pct(rec.rate),
            "ab_col_rate_low": _pct(rec.rate_low),
            "ab_col_rate_high": _pct(rec.rate_high),
            "ab_col_diff": _pct(c.diff) if c else np.nan,
            "ab_col_diff_low": _pct(c.ci_diff[0]) if c else np.nan,
            "ab_col_diff_high": _pct(c.ci_diff[1]) if c else np.nan,
            "ab_col_lift": _pct(c.lift) if c else np.nan,
            "ab_col_lift_low": _pct(c.ci_lift[0]) if c and c.ci_lift else np.nan,
            "ab_col_lift_high": _pct(c.ci_lift[1]) if c and c.ci_lift else np.nan,
            "ab_col_p": c.p_value if c else np.nan,
        }
        if multi:
            row["ab_col_p_holm"] = analysis.adjusted_p[rec.variant] if c else np.nan
        if fisher:
            row["ab_col_fisher"] = c.fisher_p_value if c and c.fisher_p_value is not None else np.nan
        row["ab_col_prob"] = _pct(c.prob_b_beats_a) if c else np.nan
        if c:
            row["ab_col_loss"] = round(100.0 * c.loss_b, 4)
        elif not multi:
            only = next(iter(analysis.comparisons.values()))
            row["ab_col_loss"] = round(100.0 * only.loss_a, 4)
        else:
            row["ab_col_loss"] = np.nan
        rows.append(row)
    frame = pd.DataFrame(rows)
    return frame.rename(columns=lambda k: _header(k, lang))


_PERCENT_COLUMNS = frozenset(
    {
        "ab_col_rate",
        "ab_col_rate_low",
        "ab_col_rate_high",
        "ab_col_lift",
        "ab_col_lift_low",
        "ab_col_lift_high",
        "ab_col_prob",
        "ab_col_share",
        "ab_col_expected_share",
    }
)


def conversion_view(analysis: Analysis, lang: str) -> pd.DataFrame:
    """The conversion table as a reader scans it: one text cell per figure with its
    interval (``3.91% (3.54% – 4.31%)``). :func:`conversion_table` is the numeric version
    to download.
    """
    rows = []
    for rec in analysis.summary.itertuples(index=False):
        c = analysis.comparisons.get(rec.variant)
        lift = ""
        if c is not None and c.lift is not None:
            lift = fmt.pct(c.lift, 1, signed=True)
            if c.ci_lift is not None:
                lift += (
                    f" ({fmt.pct(c.ci_lift[0], 1, signed=True)} – {fmt.pct(c.ci_lift[1], 1, signed=True)})"
                )
        p = (
            analysis.adjusted_p.get(rec.variant)
            if len(analysis.comparisons) > 1
            else (c.decisive_p_value if c else None)
        )
        rows.append(
            {
                t("ab_col_variant", lang): rec.variant,
                t("ab_col_visitors", lang): fmt.count(rec.visitors),
                t("ab_col_conversions", lang): fmt.count(rec.conversions),
                t(
                    "ab_col_rate", lang
                ): f"{fmt.pct(rec.rate, 2)} ({fmt.pct(rec.rate_low, 2)} – {fmt.pct(rec.rate_high, 2)})",
                t("ab_col_diff", lang): fmt.points(c.diff, 2) if c else "",
                t("ab_col_lift", lang): lift,
                t("ab_col_p_holm" if len(analysis.comparisons) > 1 else "ab_col_p", lang): p_text(p)
                if c
                else "",
                t("ab_col_prob", lang): prob(c.prob_b_beats_a) if c else "",
            }
        )
    return pd.DataFrame(rows)


def _header(key: str, lang: str) -> str:
    label = t(key, lang)
    return f"{label} (%)" if key in _PERCENT_COLUMNS else label


def revenue_table(analysis: Analysis, lang: str) -> pd.DataFrame:
    """Revenue per visitor per variant with Welch's interval of the difference to the
    control; empty when standard deviations are unknown."""
    if not analysis.revenue:
        return pd.DataFrame()
    rows = []
    for rec in analysis.summary.itertuples(index=False):
        m = analysis.revenue.get(rec.variant)
        rows.append(
            {
                "ab_col_variant": rec.variant,
                "ab_col_visitors": int(rec.visitors),
                "ab_col_rev_mean": round(float(rec.revenue_mean), 4),
                "ab_col_rev_sd": round(float(rec.revenue_sd), 4),
                "ab_col_rev_diff": round(m.diff, 4) if m else np.nan,
                "ab_col_diff_low": round(m.ci_diff[0], 4) if m else np.nan,
                "ab_col_diff_high": round(m.ci_diff[1], 4) if m else np.nan,
                "ab_col_p": m.p_value if m else np.nan,
                "ab_col_p_holm": analysis.revenue_adjusted_p.get(rec.variant, np.nan),
            }
        )
    frame = pd.DataFrame(rows)
    if len(analysis.revenue) < 2:
        frame = frame.drop(columns="ab_col_p_holm")
    kinds = {"ab_col_visitors": "count", "ab_col_p": "p_value", "ab_col_p_holm": "p_value"}
    return _kinds(frame.rename(columns=lambda k: t(k, lang)), kinds, lang, default="money")


def srm_table(analysis: Analysis, lang: str) -> pd.DataFrame:
    """Visitors per variant against the intended split."""
    s = analysis.srm
    frame = pd.DataFrame(
        {
            "ab_col_variant": analysis.summary["variant"].tolist(),
            "ab_col_visitors": list(s.observed),
            "ab_col_expected": [round(x, 1) for x in s.expected],
            "ab_col_share": [_pct(x) for x in s.shares],
            "ab_col_expected_share": [_pct(x) for x in s.expected_shares],
        }
    )
    kinds = {"ab_col_visitors": "count"}
    return _kinds(
        frame.rename(columns=lambda k: _header(k, lang)), kinds, lang, default="number", header=_header
    )


def _kinds(frame: pd.DataFrame, kinds: dict[str, str], lang: str, default: str, header=t) -> pd.DataFrame:
    """Mark how each column is shown: ``kinds`` by catalog key, ``default`` for the other
    number columns (the variant's name stays text)."""
    marks = {header(k, lang): v for k, v in kinds.items()}
    numbers = [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])]
    return fmt.with_kinds(frame, {c: marks.get(c, default) for c in numbers})


def power_table(curve: pd.DataFrame, lang: str) -> pd.DataFrame:
    """:func:`~ecom_core.abtest.power_curve` output headed in ``lang``, power in percent."""
    frame = pd.DataFrame(
        {
            "ab_col_n": curve["n_per_variant"],
            "ab_col_days": curve["days"].round(1),
            "ab_col_power": (100.0 * curve["power"]).round(2),
        }
    )
    return frame.rename(columns=lambda k: f"{t(k, lang)} (%)" if k == "ab_col_power" else t(k, lang))
