"""A/B test statistics against reference values computed independently (R's documented
examples, scipy), plus tiny and extreme inputs and bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate, stats

import ecom_core as ec
from ecom_core.abtest import inference

ab = ec.abtest


# ---- sample size, duration, power ----------------------------------------------------------
@pytest.mark.parametrize(
    ("baseline", "mde", "relative", "power", "expected"),
    [
        (0.10, 0.02, False, 0.8, 3841),  # R: power.prop.test(p1=.10, p2=.12, power=.8)$n = 3840.847
        (0.50, 0.25, False, 0.9, 77),  # R: power.prop.test(p1=.5, p2=.75, power=.9)$n = 76.65294
        (0.04, 0.15, True, 0.8, 17943),  # R: power.prop.test(p1=.04, p2=.046, power=.8)$n = 17942.3
        (0.12, -0.02, False, 0.8, 3841),  # symmetric: p1=.12, p2=.10 gives the same n
    ],
)
def test_sample_size_matches_r_power_prop_test(baseline, mde, relative, power, expected):
    assert ab.sample_size(baseline, mde, relative=relative, power=power) == expected


def test_sample_size_closed_form_reaches_the_power_and_one_less_does_not():
    # R's equation: power(n) = pnorm((sqrt(n)|d| - qnorm(.975) sqrt(2 p̄ q̄)) / sqrt(p1q1 + p2q2))
    n = ab.sample_size(0.031, 0.004, alpha=0.01, power=0.95)
    assert ab.power_of(0.031, 0.004, n, alpha=0.01) >= 0.95
    assert ab.power_of(0.031, 0.004, n - 1, alpha=0.01) < 0.95


def test_power_and_detectable_effect_match_r_documented_examples():
    # R: power.prop.test(n = 50, p1 = .50, p2 = .75)$power = 0.7401659
    assert ab.power_of(0.5, 0.25, 50) == pytest.approx(0.7401659, abs=1e-7)
    # R: power.prop.test(n = 50, p1 = .5, power = .90)$p2 = 0.8026141 (uniroot tol ~1e-4)
    assert 0.5 + ab.detectable_effect(0.5, 50, power=0.9) == pytest.approx(0.8026141, abs=1e-4)


def test_detectable_effect_round_trips_with_sample_size():
    effect = ab.detectable_effect(0.04, 17943)
    assert effect == pytest.approx(0.006, rel=1e-3)
    down = ab.detectable_effect(0.04, 17943, decrease=True)
    assert down < 0 and abs(down) < effect  # the same n detects a smaller drop at a low rate
    assert ab.sample_size(0.04, down) <= 17943


def test_detectable_effect_none_when_traffic_cannot_reach_the_power():
    assert ab.detectable_effect(0.5, 1, power=0.99) is None
    r = ab.reach(0.5, days=1, variants=2, daily_visitors=2, power=0.99)
    assert r.n_per_variant == 1 and r.target is None


def test_reach_is_users_available_then_detectable_effect():
    r = ab.reach(0.04, days=14, variants=2, daily_visitors=1000)
    assert r.n_per_variant == 7000  # floor(14 * 1000 / 2)
    assert r.absolute_effect == pytest.approx(ab.detectable_effect(0.04, 7000))
    assert r.target == pytest.approx(0.04 + r.absolute_effect)
    assert r.relative_effect == pytest.approx(r.absolute_effect / 0.04)


@pytest.mark.parametrize(
    ("n", "variants", "daily", "share", "expected"),
    [
        (17943, 2, 1000, 1.0, 36),  # ceil(35886 / 1000)
        (3841, 3, 500, 0.5, 47),  # ceil(11523 / 250) = ceil(46.092)
        (1000, 2, 2000, 1.0, 1),  # exactly one day, not two
        (0, 2, 100, 1.0, 0),
    ],
)
def test_duration_days(n, variants, daily, share, expected):
    assert ab.duration_days(n, variants, daily, share) == expected


def test_plan_gives_whole_weeks_and_totals():
    p = ab.plan(0.04, 0.15, relative=True, daily_visitors=1000)
    assert (p.n_per_variant, p.n_total, p.days, p.weeks) == (17943, 35886, 36, 6)
    assert p.target == pytest.approx(0.046) and p.relative_effect == pytest.approx(0.15)
    assert ab.plan(0.04, 0.006).days is None


def test_rates_near_zero_and_one():
    assert ab.sample_size(0.001, 0.0005) > ab.sample_size(0.01, 0.005)
    assert ab.sample_size(0.99, -0.01) == ab.sample_size(0.01, 0.01)  # mirror image
    assert ab.sample_size(0.5, 0.49) >= 1


def test_power_curve_rises_and_carries_days():
    curve = ab.power_curve(0.04, 0.15, relative=True, daily_visitors=1000)
    assert list(curve.columns) == ["n_per_variant", "power", "days"]
    assert curve["power"].is_monotonic_increasing
    assert curve["n_per_variant"].iloc[-1] == 2 * 17943
    assert curve["days"].iloc[-1] == pytest.approx(2 * 17943 * 2 / 1000)
    assert curve["power"].iloc[-1] > 0.97


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda: ab.sample_size(0.0, 0.01), "ab_err_rate"),
        (lambda: ab.sample_size(1.2, 0.01), "ab_err_rate"),
        (lambda: ab.sample_size(-0.1, 0.01), "ab_err_rate"),
        (lambda: ab.sample_size(0.04, 0.0), "ab_err_mde_zero"),
        (lambda: ab.sample_size(0.95, 0.10), "ab_err_mde_range"),
        (lambda: ab.sample_size(0.5, 1.0, relative=True), "ab_err_mde_range"),
        (lambda: ab.sample_size(0.04, -0.04), "ab_err_mde_range"),
        (lambda: ab.sample_size(0.04, 0.01, alpha=0), "ab_err_alpha"),
        (lambda: ab.sample_size(0.04, 0.01, power=1.0), "ab_err_power"),
        (lambda: ab.sample_size(0.04, 0.01, power=0.01), "ab_err_power"),
        (lambda: ab.sample_size(float("nan"), 0.01), "ab_err_rate"),
        (lambda: ab.duration_days(100, 1, 100), "ab_err_variants"),
        (lambda: ab.duration_days(100, 2, 0), "ab_err_traffic"),
        (lambda: ab.duration_days(100, 2, 100, share=1.5), "ab_err_share"),
        (lambda: ab.duration_days(-1, 2, 100), "ab_err_negative"),
        (lambda: ab.plan(0.04, 0.01, variants=1), "ab_err_variants"),
        (lambda: ab.users_available(0, 2, 100), "ab_err_days"),
    ],
)
def test_planning_bad_input_raises_analysis_error(call, code):
    with pytest.raises(ec.AnalysisError) as err:
        call()
    assert err.value.code == code
    assert err.value.message("zh") != code and err.value.message("en") != code


# ---- two proportions -----------------------------------------------------------------------
def test_compare_proportions_matches_scipy_and_closed_forms():
    c = ab.compare_proportions(388, 9933, 460, 10032)
    # scipy.stats.chi2_contingency([[388, 9545], [460, 9572]], correction=False)[1]
    ref_p = stats.chi2_contingency(np.array([[388, 9933 - 388], [460, 10032 - 460]]), correction=False)[1]
    assert c.p_value == pytest.approx(ref_p, rel=1e-9)
    assert c.p_value == pytest.approx(0.0173505, abs=1e-7)
    pa, pb = 388 / 9933, 460 / 10032
    half = 1.959963984540054 * math.sqrt(pa * (1 - pa) / 9933 + pb * (1 - pb) / 10032)
    assert c.ci_diff == pytest.approx((pb - pa - half, pb - pa + half), rel=1e-12)
    # Katz interval: scipy.stats.contingency.relative_risk(460, 10032, 388, 9933).confidence_interval()
    rr = stats.contingency.relative_risk(460, 10032, 388, 9933).confidence_interval(0.95)
    assert c.ci_lift == pytest.approx((rr.low - 1, rr.high - 1), rel=1e-9)
    assert c.lift == pytest.approx(pb / pa - 1)
    assert c.ci_lift[0] < 0.15 < c.ci_lift[1]  # the sample shop's true lift
    assert not c.small_counts and c.fisher_p_value is None
    assert c.significant()


def _integrated_prob(a1, b1, a2, b2):
    """P(Y > X) = ∫ f_X(x) (1 − F_Y(x)) dx by quadrature."""
    x = stats.beta(a1, b1)
    lo, hi = x.ppf(1e-12), x.ppf(1 - 1e-12)
    return integrate.quad(lambda v: x.pdf(v) * stats.beta.sf(v, a2, b2), lo, hi, limit=200, epsabs=1e-13)[0]


@pytest.mark.parametrize(
    "params",
    [(3, 10, 5, 12), (10, 3, 5, 12), (3, 10, 12, 5), (40, 30, 33, 20), (389, 9546, 461, 9573), (1, 1, 1, 1)],
)
def test_prob_greater_is_exact_against_quadrature(params):
    assert inference.prob_greater(*params) == pytest.approx(_integrated_prob(*params), abs=1e-10)


def test_prob_greater_hand_values():
    assert inference.prob_greater(1, 1, 1, 1) == pytest.approx(0.5)
    assert inference.prob_greater(1, 1, 2, 1) == pytest.approx(2 / 3)  # ∫ 2y·y dy
    # n = 1 per arm, A failed, B converted: Beta(1,2) vs Beta(2,1): 2∫(1−x)(1−x²)dx = 5/6
    c = ab.compare_proportions(0, 1, 1, 1)
    assert c.prob_b_beats_a == pytest.approx(5 / 6)


def test_every_shortest_sum_gives_the_same_answer():
    # the four ways of writing the sum (over a2, a1, b1 or b2 terms) agree
    a1, b1, a2, b2 = 30, 70, 45, 55
    direct = math.exp(inference._log_sum(a1, b1, a2, b2))
    via_a1 = 1 - math.exp(inference._log_sum(a2, b2, a1, b1))
    via_b1 = math.exp(inference._log_sum(b2, a2, b1, a1))
    via_b2 = 1 - math.exp(inference._log_sum(b1, a1, b2, a2))
    assert direct == pytest.approx(via_a1, abs=1e-12)
    assert direct == pytest.approx(via_b1, abs=1e-12)
    assert direct == pytest.approx(via_b2, abs=1e-12)


def test_expected_losses_against_double_integration():
    a1, b1, a2, b2 = 4, 9, 7, 8
    loss_x, loss_y = inference.expected_losses(a1, b1, a2, b2)
    fx, fy = stats.beta(a1, b1).pdf, stats.beta(a2, b2).pdf
    # loss of choosing Y = E[max(X − Y, 0)]: scipy.integrate.dblquad over y < x
    ref_y = integrate.dblquad(lambda y, x: (x - y) * fx(x) * fy(y), 0, 1, 0, lambda x: x)[0]
    ref_x = integrate.dblquad(lambda y, x: (y - x) * fx(x) * fy(y), 0, 1, lambda x: x, 1)[0]
    assert loss_y == pytest.approx(ref_y, abs=1e-9)
    assert loss_x == pytest.approx(ref_x, abs=1e-9)
    c = ab.compare_proportions(3, 11, 6, 13)  # the same posteriors
    assert (c.loss_a, c.loss_b) == pytest.approx((loss_x, loss_y), abs=1e-12)


def test_huge_n_stays_exact_and_close_to_normal():
    c = ab.compare_proportions(4_000_000, 100_000_000, 4_010_000, 100_000_000)
    ref_p = stats.chi2_contingency(
        np.array([[4_000_000, 96_000_000], [4_010_000, 95_990_000]]), correction=False
    )[1]
    assert c.p_value == pytest.approx(ref_p, rel=1e-6)
    # at this size the posterior difference is normal to many digits
    sd = math.sqrt(0.04 * 0.96 / 1e8 + 0.0401 * 0.9599 / 1e8)
    assert c.prob_b_beats_a == pytest.approx(stats.norm.cdf(1e-4 / sd), abs=1e-5)
    assert c.loss_b == pytest.approx(
        sd * stats.norm.pdf(1e-4 / sd) - 1e-4 * stats.norm.cdf(-1e-4 / sd), rel=1e-2
    )
    assert c.ci_lift[0] < 0.0025 < c.ci_lift[1]


def test_normal_fallback_beyond_the_exact_limit(monkeypatch):
    monkeypatch.setattr(inference, "MAX_EXACT_TERMS", 100)
    p = inference.prob_greater(401, 9601, 461, 9541)
    monkeypatch.undo()
    assert p == pytest.approx(inference.prob_greater(401, 9601, 461, 9541), abs=2e-3)


def test_counts_past_the_exact_limit_use_the_normal_posterior():
    # every count above 5 million: Φ(Δmean / sd) of the Beta posteriors
    c = ab.compare_proportions(30_000_000, 100_000_000, 30_010_000, 100_000_000)
    m_a, m_b = 30_000_001 / 100_000_002, 30_010_001 / 100_000_002
    # Beta variance αβ / ((α+β)²(α+β+1)), written out: scipy's beta.var loses digits here
    var = (m_a * (1 - m_a) + m_b * (1 - m_b)) / 100_000_003
    assert c.prob_b_beats_a == pytest.approx(stats.norm.cdf((m_b - m_a) / math.sqrt(var)), rel=1e-12)
    assert c.loss_a == pytest.approx(c.loss_b + m_b - m_a, rel=1e-9)


def test_zero_conversions_in_one_arm():
    c = ab.compare_proportions(0, 500, 8, 500)
    assert c.ci_lift is None and c.lift is None
    assert c.small_counts
    # scipy.stats.fisher_exact([[0, 500], [8, 492]]).pvalue
    assert c.fisher_p_value == pytest.approx(stats.fisher_exact([[0, 500], [8, 492]]).pvalue)
    assert c.decisive_p_value == c.fisher_p_value
    assert c.prob_b_beats_a > 0.99
    assert c.ci_diff[0] > 0  # Wald: 0.016 ± 1.96·sqrt(0.016·0.984/500)


def test_everybody_converts_in_both_arms():
    c = ab.compare_proportions(50, 50, 80, 80)
    assert c.p_value == 1.0
    assert c.ci_diff == (0.0, 0.0)
    assert c.ci_lift == pytest.approx((0.0, 0.0))
    assert c.small_counts and c.fisher_p_value == 1.0
    assert not c.significant()


def test_one_visitor_per_arm():
    c = ab.compare_proportions(1, 1, 0, 1)
    assert c.rate_a == 1.0 and c.rate_b == 0.0
    assert c.prob_b_beats_a == pytest.approx(1 / 6)
    assert c.fisher_p_value == 1.0


@pytest.mark.parametrize(
    ("args", "code"),
    [
        ((11, 10, 5, 10), "ab_err_conv_gt_visitors"),
        ((-1, 10, 5, 10), "ab_err_negative"),
        ((1, 10, 5, -10), "ab_err_negative"),
        ((0, 0, 5, 10), "ab_err_no_visitors"),
        ((1.5, 10, 5, 10), "ab_err_whole"),
        ((float("nan"), 10, 5, 10), "ab_err_number"),
        (("x", 10, 5, 10), "ab_err_number"),
    ],
)
def test_compare_proportions_bad_input(args, code):
    with pytest.raises(ec.AnalysisError) as err:
        ab.compare_proportions(*args)
    assert err.value.code == code


def test_bad_confidence():
    with pytest.raises(ec.AnalysisError) as err:
        ab.compare_proportions(1, 10, 2, 10, confidence=1.0)
    assert err.value.code == "ab_err_confidence"


# ---- means ---------------------------------------------------------------------------------
SLEEP_1 = np.array([0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0])
SLEEP_2 = np.array([1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4])


def test_compare_means_matches_r_welch_on_the_sleep_data():
    # R: t.test(extra ~ group, data = sleep): t = -1.8608, df = 17.776, p-value = 0.07939,
    # 95 percent CI -3.3654832 0.2054832 (group 1 minus group 2)
    m = ab.compare_means(SLEEP_2.mean(), SLEEP_2.std(ddof=1), 10, SLEEP_1.mean(), SLEEP_1.std(ddof=1), 10)
    assert m.t == pytest.approx(-1.8608, abs=1e-4)
    assert m.df == pytest.approx(17.776, abs=1e-3)
    assert m.p_value == pytest.approx(0.07939, abs=1e-5)
    assert m.ci_diff == pytest.approx((-3.3654832, 0.2054832), abs=1e-7)


def test_compare_means_matches_scipy_from_stats():
    args = (6.59, 36.58, 9933, 7.47, 38.55, 10032)
    m = ab.compare_means(*args)
    # scipy.stats.ttest_ind_from_stats(7.47, 38.55, 10032, 6.59, 36.58, 9933, equal_var=False)
    ref = stats.ttest_ind_from_stats(7.47, 38.55, 10032, 6.59, 36.58, 9933, equal_var=False)
    assert m.p_value == pytest.approx(ref.pvalue, rel=1e-10)
    assert m.t == pytest.approx(ref.statistic, rel=1e-10)
    assert m.lift == pytest.approx(7.47 / 6.59 - 1)


@pytest.mark.parametrize(
    ("args", "code"),
    [
        ((1.0, 1.0, 1, 2.0, 1.0, 10), "ab_err_too_few"),
        ((1.0, -1.0, 10, 2.0, 1.0, 10), "ab_err_negative"),
        ((1.0, 0.0, 10, 2.0, 0.0, 10), "ab_err_no_spread"),
        ((float("inf"), 1.0, 10, 2.0, 1.0, 10), "ab_err_number"),
    ],
)
def test_compare_means_bad_input(args, code):
    with pytest.raises(ec.AnalysisError) as err:
        ab.compare_means(*args)
    assert err.value.code == code


# ---- SRM, χ², Holm -------------------------------------------------------------------------
def test_srm_against_scipy_chisquare():
    s = ab.srm([50_500, 49_500], [1, 1])
    # scipy.stats.chisquare([50500, 49500], [50000, 50000]): statistic 10, p = 0.0015654
    assert s.chi2 == pytest.approx(10.0)
    assert s.p_value == pytest.approx(stats.chisquare([50_500, 49_500], [50_000, 50_000]).pvalue)
    assert not s.mismatch  # p > 0.001
    assert ab.srm([50_600, 49_400], [1, 1]).mismatch  # chi2 = 14.4, p = 0.000148


def test_srm_with_uneven_weights_and_three_arms():
    s = ab.srm([2_000, 1_000, 1_000], [50, 25, 25])
    assert s.p_value == pytest.approx(1.0) and not s.mismatch
    obs, w = [900, 1_020, 1_080], [1, 1, 1]
    ref = stats.chisquare(obs, [1000, 1000, 1000])
    s = ab.srm(obs, w)
    assert (s.chi2, s.p_value, s.df) == (pytest.approx(ref.statistic), pytest.approx(ref.pvalue), 2)
    assert s.expected == (1000.0, 1000.0, 1000.0)


def test_srm_flags_an_arm_with_no_traffic_even_when_tiny():
    s = ab.srm([3, 0], [1, 1])
    assert s.p_value > 0.001 and s.mismatch


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (([100], [1]), "ab_err_variants"),
        (([100, 100], [1, 0]), "ab_err_weights"),
        (([100, 100], [1, 1, 1]), "ab_err_weights"),
        (([0, 0], [1, 1]), "ab_err_no_visitors"),
        (([-5, 10], [1, 1]), "ab_err_negative"),
    ],
)
def test_srm_bad_input(args, code):
    with pytest.raises(ec.AnalysisError) as err:
        ab.srm(*args)
    assert err.value.code == code


def test_chi_square_matches_r_prop_test_smokers():
    # R: prop.test(smokers <- c(83, 90, 129, 70), patients <- c(86, 93, 136, 82)):
    # X-squared = 12.6, df = 3, p-value = 0.005585
    table = [[83, 3], [90, 3], [129, 7], [70, 12]]
    r = ab.chi_square(table)
    assert r.df == 3
    assert r.statistic == pytest.approx(12.6004, abs=1e-4)
    assert r.p_value == pytest.approx(0.005585, abs=1e-6)
    ref = stats.chi2_contingency(np.array(table), correction=False)
    assert r.p_value == pytest.approx(ref.pvalue, rel=1e-12)


def test_chi_square_two_by_two_equals_the_z_test():
    r = ab.chi_square([[388, 9545], [460, 9572]])
    assert r.p_value == pytest.approx(ab.compare_proportions(388, 9933, 460, 10032).p_value, rel=1e-10)


def test_chi_square_nobody_converted():
    assert ab.chi_square([[0, 100], [0, 120], [0, 90]]).p_value == 1.0


@pytest.mark.parametrize(
    ("table", "code"),
    [
        ([[1, 2]], "ab_err_table"),
        ([[1, 2, 3], [1, 2, 3]], "ab_err_table"),
        ([[1, -2], [3, 4]], "ab_err_negative"),
    ],
)
def test_chi_square_bad_input(table, code):
    with pytest.raises(ec.AnalysisError) as err:
        ab.chi_square(table)
    assert err.value.code == code


def test_holm_matches_hand_derived_r_p_adjust():
    # p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm"): sorted 0.005·4 = 0.02, 0.01·3 = 0.03,
    # 0.03·2 = 0.06, 0.04·1 = 0.04 -> max(0.06, 0.04) = 0.06
    assert ab.holm([0.01, 0.04, 0.03, 0.005]) == pytest.approx([0.03, 0.06, 0.06, 0.02])
    # p.adjust(c(0.5, 0.2, NA), "holm") = 0.5 0.4 NA: NA does not count in m
    out = ab.holm([0.5, 0.2, np.nan])
    assert out[:2] == pytest.approx([0.5, 0.4]) and np.isnan(out[2])
    # capped at 1
    assert ab.holm([0.6, 0.7]) == pytest.approx([1.0, 1.0])
    assert ab.holm([0.04]) == pytest.approx([0.04])
    assert len(ab.holm([])) == 0
