"""A/B tests: planning (sample size, duration) and reading results (proportions, means, SRM, χ²).

Public API (see DESIGN.md)::

    sample_size(baseline, mde, relative=False, alpha=0.05, power=0.8) -> int per variant
    duration_days(n_per_variant, variants, daily_visitors, share=1.0) -> int
    compare_proportions(conv_a, n_a, conv_b, n_b, confidence=0.95) -> ProportionComparison
    compare_means(mean_a, sd_a, n_a, mean_b, sd_b, n_b, confidence=0.95) -> MeanComparison
    srm(observed_counts, weights) -> SampleRatio
    chi_square(table) -> ChiSquare
    holm(p_values) -> array of adjusted p-values

Planning helpers: ``plan``, ``PlanInputs`` (the planner's form in percent), ``detectable_effect``, ``power_of``, ``power_curve``,
``users_available``, ``reach``. Reading a data set: ``prepare`` (clean-up and totals of an experiment
table) then ``analyze`` (the statistics), ``verdict`` (plain-language conclusions),
``present`` (result tables in the user's language) and ``charts`` (Altair).
"""

from ecom_core.abtest import charts, present
from ecom_core.abtest.experiment import (
    Analysis,
    Cleaning,
    Prepared,
    analyze,
    clean_users,
    daily,
    parse_weights,
    pick_baseline,
    prepare,
    prepare_typed,
    summarize,
)
from ecom_core.abtest.inference import (
    ChiSquare,
    MeanComparison,
    ProportionComparison,
    SampleRatio,
    chi_square,
    compare_means,
    compare_proportions,
    expected_losses,
    prob_greater,
    srm,
)
from ecom_core.abtest.planning import (
    Plan,
    PlanInputs,
    Reach,
    detectable_effect,
    duration_days,
    plan,
    power_curve,
    power_of,
    reach,
    sample_size,
    target_rate,
    users_available,
)
from ecom_core.abtest.verdict import verdict
from ecom_core.stats import holm

__all__ = [
    "Analysis",
    "ChiSquare",
    "Cleaning",
    "MeanComparison",
    "Plan",
    "PlanInputs",
    "Prepared",
    "ProportionComparison",
    "Reach",
    "SampleRatio",
    "analyze",
    "charts",
    "chi_square",
    "clean_users",
    "compare_means",
    "compare_proportions",
    "daily",
    "detectable_effect",
    "duration_days",
    "expected_losses",
    "holm",
    "parse_weights",
    "pick_baseline",
    "plan",
    "power_curve",
    "power_of",
    "prepare",
    "prepare_typed",
    "present",
    "prob_greater",
    "reach",
    "sample_size",
    "srm",
    "summarize",
    "target_rate",
    "users_available",
    "verdict",
]
