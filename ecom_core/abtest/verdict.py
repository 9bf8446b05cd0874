"""Plain-language conclusions of a test, honest about uncertainty.

:func:`verdict` returns :class:`~ecom_core.load.dataset.Note` objects (catalog key, parameters,
level), so the same reading renders in either language with ``note.text(lang)``.
Numbers in the parameters are already formatted (percentages and counts read the same in
both languages).
"""

from __future__ import annotations

import math

from ecom_core import fmt
from ecom_core.abtest.experiment import Analysis, Prepared
from ecom_core.abtest.inference import ProportionComparison
from ecom_core.abtest.planning import Plan, Reach, sample_size
from ecom_core.load.dataset import AnalysisError, Note

WEEK_DAYS = 7


def prob(p: float) -> str:
    """A probability for a sentence; never a flat 100% or 0%, which would overstate it."""
    if p > 0.999:
        return ">99.9%"
    if p < 0.001:
        return "<0.1%"
    return fmt.pct(p, 1)


def p_text(p: float) -> str:
    """A p-value for a sentence: ``0.017``, ``<0.001``."""
    if math.isnan(p):
        return fmt.DASH
    return "<0.001" if p < 0.001 else f"{p:.3f}"


def conf_text(confidence: float) -> str:
    """``0.95`` -> ``"95%"`` (``"99.5%"`` keeps its decimal)."""
    return f"{confidence * 100:g}%"


def _interval(c: ProportionComparison) -> tuple[str, dict]:
    if c.ci_lift is not None:
        return "lift", {
            "lo": fmt.pct(c.ci_lift[0], 1, signed=True),
            "hi": fmt.pct(c.ci_lift[1], 1, signed=True),
        }
    return "points", {"lo": fmt.points(c.ci_diff[0], 2), "hi": fmt.points(c.ci_diff[1], 2)}


def needed_per_variant(
    baseline_rate: float, mde: float, relative: bool, alpha: float, power: float
) -> int | None:
    """Users per arm the planned effect needs at the observed baseline; None if undefined."""
    try:
        return sample_size(baseline_rate, mde, relative=relative, alpha=alpha, power=power)
    except AnalysisError:
        return None


def verdict(
    analysis: Analysis,
    prepared: Prepared | None = None,
    planned_mde: float | None = None,
    relative: bool = True,
    power: float = 0.8,
) -> list[Note]:
    """What the test says, most important first.

    Parameters
    ----------
    analysis
        :func:`~ecom_core.abtest.analyze` output.
    prepared
        :func:`~ecom_core.abtest.prepare` output, for clean-up counts and the duration.
    planned_mde
        The effect the test was planned to detect (relative when ``relative``), used to say
        how many more visitors an inconclusive test needs.
    power
        Planned power.

    Returns
    -------
    list[Note]
        Levels: ``error`` (results not to be trusted: sample-ratio mismatch), ``success``-like
        ``info`` notes, ``warning`` (worse variant, peeking, a test under a week). Codes:
        ``ab_v_*`` in the catalog.
    """
    notes: list[Note] = []
    alpha = 1.0 - analysis.confidence
    conf = conf_text(analysis.confidence)
    s = analysis.srm
    names = analysis.summary["variant"].tolist()
    split = " : ".join(fmt.pct(x, 1) for x in s.shares)
    intended = " : ".join(fmt.pct(x, 1) for x in s.expected_shares)
    if s.mismatch:
        notes.append(
            Note("ab_v_srm", {"split": split, "intended": intended, "p": p_text(s.p_value)}, "error")
        )
    else:
        notes.append(Note("ab_v_srm_ok", {"split": split, "p": p_text(s.p_value)}, "info"))

    if analysis.chi2 is not None:
        code = "ab_v_chi2_differ" if analysis.chi2.p_value < alpha else "ab_v_chi2_same"
        notes.append(Note(code, {"k": len(names), "p": p_text(analysis.chi2.p_value)}, "info"))

    a = analysis.baseline
    reached = True
    for b, c in analysis.comparisons.items():
        kind, bounds = _interval(c)
        params = {"a": a, "b": b, "conf": conf, "prob": prob(c.prob_b_beats_a), **bounds}
        params["prob_a"] = prob(1.0 - c.prob_b_beats_a)
        if analysis.significant(b) and c.diff > 0:
            notes.append(Note(f"ab_v_better_{kind}", params, "success"))
        elif analysis.significant(b):
            notes.append(Note(f"ab_v_worse_{kind}", params, "warning"))
        else:
            notes.append(Note(f"ab_v_unclear_{kind}", params, "info"))
            if planned_mde:
                need = needed_per_variant(c.rate_a, planned_mde, relative, alpha, power)
                have = min(c.n_a, c.n_b)
                effect = fmt.pct(planned_mde, 1, signed=True) if relative else fmt.points(planned_mde, 2)
                if need is not None and need > have:
                    notes.append(
                        Note(
                            "ab_v_need_more",
                            {"n": fmt.count(need - have), "effect": effect, "total": fmt.count(need)},
                            "info",
                        )
                    )
                elif need is not None:
                    notes.append(Note("ab_v_enough", {"effect": effect}, "info"))
        if c.fisher_p_value is not None:
            notes.append(Note("ab_v_fisher", {"b": b, "p": p_text(c.fisher_p_value)}, "info"))
        if planned_mde:
            need = needed_per_variant(c.rate_a, planned_mde, relative, alpha, power)
            reached = reached and (need is None or min(c.n_a, c.n_b) >= need)
    if len(analysis.comparisons) > 1:
        notes.append(Note("ab_v_holm", {}, "info"))

    for b, m in analysis.revenue.items():
        code = "ab_v_revenue_differs" if analysis.revenue_adjusted_p[b] < alpha else "ab_v_revenue_same"
        notes.append(
            Note(
                code,
                {
                    "a": a,
                    "b": b,
                    "ma": fmt.money(m.mean_a),
                    "mb": fmt.money(m.mean_b),
                    "lo": f"{m.ci_diff[0]:+,.2f}",
                    "hi": f"{m.ci_diff[1]:+,.2f}",
                    "conf": conf,
                    "p": p_text(analysis.revenue_adjusted_p[b]),
                },
                "info",
            )
        )

    if prepared is not None and prepared.cleaning is not None:
        cl = prepared.cleaning
        if cl.excluded_rows:
            notes.append(
                Note(
                    "ab_v_cleaned",
                    {
                        "mismatch": fmt.count(cl.page_mismatch_rows),
                        "multi": fmt.count(cl.multi_variant_users),
                        "repeated": fmt.count(cl.repeated_users),
                        "repeat_rows": fmt.count(cl.repeat_rows),
                        "excluded": fmt.count(cl.excluded_rows),
                        "kept": fmt.count(cl.kept_rows),
                    },
                    "warning",
                )
            )
    if prepared is not None and prepared.days is not None and prepared.days < WEEK_DAYS:
        notes.append(Note("ab_v_short", {"days": f"{prepared.days:.1f}"}, "warning"))
    if planned_mde and not reached:
        notes.append(Note("ab_v_peeking", {"alpha": f"{alpha:g}"}, "warning"))
    else:
        notes.append(Note("ab_v_peeking_general", {}, "info"))
    return notes


def plan_note(plan: Plan, daily_visitors: float, share: float) -> Note:
    """The plan in one sentence (``ab_plan_sentence``): rates, effect, power, users, days."""
    return Note(
        "ab_plan_sentence",
        {
            "baseline": fmt.pct(plan.baseline, 2),
            "target": fmt.pct(plan.target, 2),
            "effect": fmt.pct(plan.relative_effect, 1, signed=True),
            "power": fmt.pct(plan.power, 0),
            "alpha": f"{plan.alpha:g}",
            "n": fmt.count(plan.n_per_variant),
            "total": fmt.count(plan.n_total),
            "daily": fmt.count(daily_visitors),
            "share": fmt.pct(share, 0),
            "days": fmt.count(plan.days),
            "weeks": plan.weeks,
        },
    )


def reach_note(reach: Reach, power: float) -> Note:
    """What the traffic can detect (``ab_reverse_sentence``), or that it cannot
    (``ab_reverse_none``)."""
    params = {"days": fmt.count(reach.days), "n": fmt.count(reach.n_per_variant), "power": fmt.pct(power, 0)}
    if reach.target is None:
        return Note("ab_reverse_none", params, "warning")
    params |= {
        "baseline": fmt.pct(reach.baseline, 2),
        "target": fmt.pct(reach.target, 2),
        "relative": fmt.pct(reach.relative_effect, 1, signed=True),
        "points": fmt.points(reach.absolute_effect, 2),
    }
    return Note("ab_reverse_sentence", params)
