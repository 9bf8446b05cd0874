"""The budget allocator: hand-worked optima on small known curves, the 95% interval of the
reported change (the estimate always inside it), the target-ROAS mode (meets the target or
says it cannot), the sentences, and the Budget tab under AppTest."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import optimize

import ecom_core as ec
from ecom_core import channels as chn
from ecom_core.i18n import t

LN2 = np.log(2.0)


def _two(cur_a: float = 1000.0, cur_b: float = 1000.0, cov=None) -> dict[str, chn.Curve]:
    """A: revenue 4·1000·(1 − e^(−s/1000)); B: 2·1000·(1 − e^(−s/1000))."""
    kind = "fitted" if cov is not None else "assumed"
    return {
        "A": chn.Curve("A", kind, 4.0, 1000.0, cur_a, 0.0, 20, cov),
        "B": chn.Curve("B", kind, 2.0, 1000.0, cur_b, 0.0, 20, cov),
    }


def _roas(r0: np.ndarray, b: np.ndarray, s: np.ndarray) -> float:
    return float(chn.response(s, r0, b).sum() / s.sum())


# ---- the best split, by hand ----------------------------------------------------------
def test_two_channels_split_where_marginal_roas_is_equal():
    # 4·e^(−a/1000) = 2·e^(−b/1000) and a + b = 2000  =>  a − b = 1000·ln 2
    got = chn.allocate(_two(), 2000.0, n_draws=0).table.set_index("channel")
    assert got.loc["A", "new_spend"] == pytest.approx(1000.0 * (1 + LN2 / 2), rel=1e-9)
    assert got.loc["B", "new_spend"] == pytest.approx(1000.0 * (1 - LN2 / 2), rel=1e-9)
    assert got["new_spend"].sum() == pytest.approx(2000.0, abs=1e-9)
    # marginal ROAS at the optimum: 2·sqrt(2)/e on both
    np.testing.assert_allclose(got["marginal_roas_after"], 2 * np.sqrt(2) / np.e, rtol=1e-9)
    # the revenue change is the curves' revenue after minus before, by hand
    expected = 4000 * (np.exp(-1) - np.exp(-(1 + LN2 / 2))) + 2000 * (np.exp(-1) - np.exp(-(1 - LN2 / 2)))
    assert got["revenue_change"].sum() == pytest.approx(expected, rel=1e-9)


def test_a_binding_limit_gives_the_rest_to_the_other_channel():
    got = chn.allocate(_two(), 2000.0, upper={"A": 1200.0}, n_draws=0).table.set_index("channel")
    assert got.loc["A", "new_spend"] == pytest.approx(1200.0)
    assert got.loc["B", "new_spend"] == pytest.approx(800.0)


def test_the_current_split_changes_nothing_when_it_is_already_the_best_or_fixed():
    best = _two(1000.0 * (1 + LN2 / 2), 1000.0 * (1 - LN2 / 2), cov=((0.04, 0.0), (0.0, 100.0)))
    for alloc in (
        chn.allocate(best),  # the current budget, already optimally split
        chn.allocate(_two(), lower={"A": 1000.0, "B": 1000.0}, upper={"A": 1000.0, "B": 1000.0}),
        chn.scenario(best, {"A": best["A"].current_spend}),
    ):
        assert (alloc.table["spend_change"] == 0).all()
        assert alloc.revenue_change == 0
        assert (alloc.change_low, alloc.change_high) == (0.0, 0.0)
        assert alloc.budget == alloc.current_budget
    # the default limits at 0% hold every channel at exactly its current spend
    lim = chn.allocation_limits(_two(812.4, 1187.6), 0.0)
    assert (lim["lower"] == lim["current_spend"]).all() and (lim["upper"] == lim["current_spend"]).all()
    fixed = chn.allocate(
        _two(812.4, 1187.6),
        lower=dict(zip(lim["channel"], lim["lower"], strict=True)),
        upper=dict(zip(lim["channel"], lim["upper"], strict=True)),
    )
    assert fixed.revenue_change == 0
    # and rounded default limits always contain the current spend
    lim = chn.allocation_limits(_two(0.4, 1187.6), 0.5)
    assert (lim["lower"] <= lim["current_spend"]).all() and (lim["current_spend"] <= lim["upper"]).all()


# ---- the interval of the reported change ----------------------------------------------
def test_interval_by_hand_when_only_the_first_yuan_roas_is_uncertain():
    # A fitted with sd(roas0) = 0.2 and b known, B assumed: the change is
    # roas0_A · h_A + (B's fixed change) with h_A = 1000·(e^(−cur/1000) − e^(−new/1000)),
    # so its 95% interval is the estimate ± 1.96 · 0.2 · |h_A|
    curves = {
        "A": chn.Curve("A", "fitted", 4.0, 1000.0, 800.0, 0.0, 20, ((0.04, 0.0), (0.0, 0.0))),
        "B": chn.Curve("B", "assumed", 2.0, 1000.0, 1200.0, 0.0, 5),
    }
    got = chn.allocate(curves, n_draws=20_000, random_state=1)
    new_a = float(got.table.set_index("channel").loc["A", "new_spend"])
    h_a = 1000.0 * (np.exp(-0.8) - np.exp(-new_a / 1000.0))
    assert new_a > 800.0 and h_a > 0
    half = 1.96 * 0.2 * h_a
    assert got.change_low == pytest.approx(got.revenue_change - half, rel=0.02)
    assert got.change_high == pytest.approx(got.revenue_change + half, rel=0.02)
    # without a fitted curve there is no interval beyond the estimate itself
    assumed = chn.allocate(_two(800.0, 1200.0), n_draws=1000)
    assert assumed.change_low == assumed.change_high == assumed.revenue_change


def _uncertain() -> dict[str, chn.Curve]:
    """Curves as loosely determined as the sample shop's (a saturation spend whose standard
    error is many times itself): the draws' median is far from the fitted curves' change."""
    return {
        "A": chn.Curve("A", "fitted", 3.1, 150_000.0, 2300.0, 0.0, 51, ((1.1, 5e6), (5e6, 3.6e13))),
        "B": chn.Curve("B", "fitted", 4.3, 19_000.0, 1100.0, 0.0, 51, ((1.8, 2e5), (2e5, 3.8e10))),
        "C": chn.Curve("C", "fitted", 1.5, 380_000.0, 5500.0, 0.0, 51, ((0.1, 3e6), (3e6, 1.2e14))),
        "D": chn.Curve("D", "assumed", 3.0, 2000.0, 1000.0, 0.0, 5),
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    share=st.floats(0.0, 1.0),
    seed=st.integers(0, 2**31 - 1),
    move=st.sampled_from([0.0, 0.2, 0.5, 1.0]),
    target=st.one_of(st.none(), st.floats(0.5, 6.0)),
)
def test_estimate_lies_inside_its_interval_and_the_split_adds_up(share, seed, move, target):
    curves = _uncertain()
    lim = chn.allocation_limits(curves, move)
    lower = dict(zip(lim["channel"], lim["lower"], strict=True))
    upper = dict(zip(lim["channel"], lim["upper"], strict=True))
    budget = float(lim["lower"].sum() + share * (lim["upper"].sum() - lim["lower"].sum()))
    got = chn.allocate(
        curves, budget, lower=lower, upper=upper, target_roas=target, n_draws=300, random_state=seed
    )
    assert got.change_low <= got.revenue_change <= got.change_high
    assert got.revenue_change == pytest.approx(got.table["revenue_change"].sum(), abs=1e-6)
    tab = got.table
    assert tab["new_spend"].sum() == pytest.approx(got.budget, abs=1e-6)
    if target is None:
        assert got.budget == pytest.approx(budget, abs=1e-6)
    else:
        assert got.budget <= budget + 1e-6  # the budget is the ceiling of a target allocation
    assert (tab["new_spend"] >= tab["lower"] - 1e-9).all() and (tab["new_spend"] <= tab["upper"] + 1e-9).all()


def test_sample_shop_budgets_report_an_estimate_inside_its_interval(sample_shop):
    shop = sample_shop("en")
    mapping = chn.channel_mapping(shop)
    curves = chn.fit_curves(shop["orders"].frame, shop["spend"].frame, mapping, "group", 12, 2.0)
    lim = chn.allocation_limits(curves, 0.5)
    limits = {
        "lower": dict(zip(lim["channel"], lim["lower"], strict=True)),
        "upper": dict(zip(lim["channel"], lim["upper"], strict=True)),
    }
    for budget in (8_000.0, 10_000.0, 12_394.0):
        for kwargs in (limits, {}):
            got = chn.allocate(curves, budget, **kwargs)
            assert got.change_low <= got.revenue_change <= got.change_high, (budget, kwargs)
            assert got.change_low < got.change_high  # fitted curves: a real interval


# ---- the target-ROAS mode -------------------------------------------------------------
def test_target_roas_of_one_channel_by_hand():
    # ROAS(s) = 4·(1 − e^(−x))/x with x = s/1000: the largest s with ROAS ≥ 2 solves
    # (1 − e^(−x))/x = 1/2 (x ≈ 1.5936)
    one = {"A": chn.Curve("A", "assumed", 4.0, 1000.0, 1000.0, 0.0, 5)}
    x = optimize.brentq(lambda v: -np.expm1(-v) / v - 0.5, 0.1, 10.0, xtol=1e-14)
    got = chn.allocate(one, target_roas=2.0, n_draws=0)
    assert got.status == "target_met" and got.target_met is True
    assert got.budget == pytest.approx(1000.0 * x, rel=1e-7)
    assert got.roas_after >= 2.0
    assert got.best_roas == pytest.approx(4.0, rel=1e-6)  # the first yuan's ROAS


def test_target_roas_is_the_largest_budget_that_still_reaches_it():
    curves = _two()
    r0, b = np.array([4.0, 2.0]), np.array([1000.0, 1000.0])
    splits = {}
    for target in (2.0, 2.5, 3.0):
        got = chn.allocate(curves, target_roas=target, n_draws=0)
        assert got.target_met is True and got.status == "target_met"
        assert got.roas_after >= target
        assert got.roas_after == pytest.approx(target, rel=1e-6)  # no limit binds here
        # a slightly larger budget, optimally split, misses the target
        more = chn.allocate(curves, got.budget * 1.001, n_draws=0)
        assert _roas(r0, b, more.table["new_spend"].to_numpy()) < target
        splits[target] = got.table["new_spend"].to_numpy()
    budgets = [splits[k].sum() for k in (2.0, 2.5, 3.0)]
    assert budgets[0] > budgets[1] > budgets[2]  # a higher target, a smaller budget
    assert not np.allclose(splits[2.0], splits[3.0])


def test_target_roas_above_what_any_budget_reaches_is_refused_with_the_best_roas():
    # a lower limit holds 1500 on B (first yuan 2.0): ROAS rises with the budget at first,
    # peaks, then falls; the best reachable ROAS is that peak
    lower, upper = {"B": 1500.0}, {"A": 3000.0, "B": 3000.0}
    got = chn.allocate(_two(), lower=lower, upper=upper, target_roas=3.5, n_draws=0)
    assert got.status == "target_unreachable" and got.target_met is False
    grid = np.linspace(1500.0, 6000.0, 901)
    r0, b = np.array([4.0, 2.0]), np.array([1000.0, 1000.0])
    peak = max(
        _roas(
            r0, b, chn.allocate(_two(), g, lower=lower, upper=upper, n_draws=0).table["new_spend"].to_numpy()
        )
        for g in grid
    )
    assert got.best_roas == pytest.approx(peak, rel=1e-4)
    assert got.best_roas < 3.5
    assert got.roas_after == pytest.approx(got.best_roas, rel=1e-9)  # the split shown is the best one
    # a target below the peak but above the ROAS at the lowest budget is met, past the peak
    floor = chn.allocate(_two(), 1500.0, lower=lower, upper=upper, n_draws=0)
    target = 0.5 * (floor.roas_after + peak)
    met = chn.allocate(_two(), lower=lower, upper=upper, target_roas=target, n_draws=0)
    assert met.target_met is True and met.roas_after == pytest.approx(target, rel=1e-6)
    assert met.roas_after >= target and met.budget > 1500.0


def test_target_roas_within_a_ceiling_and_bad_targets():
    capped = chn.allocate(_two(), 1000.0, target_roas=2.0, n_draws=0)
    assert capped.target_met is True and capped.budget == pytest.approx(1000.0)
    assert capped.roas_after > 2.0
    for bad in (0.0, -1.0, float("nan")):
        with pytest.raises(ec.AnalysisError) as err:
            chn.allocate(_two(), target_roas=bad)
        assert err.value.code == "ch_err_target_roas"


# ---- sentences ------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_sentences_never_call_a_cut_an_increase(lang):
    # a target that needs less spend on both channels: every change is a cut
    got = chn.allocate(_two(2000.0, 2000.0), target_roas=3.0, n_draws=0)
    assert (got.table["spend_change"] < 0).all()
    text = "\n".join(chn.present.allocation_summary(got, lang))
    cut = t("ch_alloc_move_cut", lang, cut="A", cut_change="−0").split("A")[0]
    add = t("ch_alloc_move_add", lang, add="A", add_change="+0").split("A")[0].strip()
    assert cut in text and add.lower() not in text.lower()
    assert (
        t("ch_target_met", lang, target="3.00", budget="x", current="y", after="3.00").split("x")[0] in text
    )
    # revenue falls with the spend: not a success
    assert chn.present.allocation_level(got) == "info"


def test_levels_warning_for_an_unreachable_target_success_only_for_a_sure_gain():
    unreachable = chn.allocate(_two(), target_roas=9.0, n_draws=0)
    assert chn.present.allocation_level(unreachable) == "warning"
    lines = chn.present.allocation_summary(unreachable, "en")
    assert lines[0].startswith("The target ROAS 9.00 cannot be reached within these limits")
    assert "the highest predicted ROAS of any budget is 4.00" in lines[0]
    gain = chn.allocate(_two(1000.0, 1000.0), n_draws=0)
    assert gain.revenue_change > 0 and chn.present.allocation_level(gain) == "success"
    loss = chn.allocate(_two(1000.0, 1000.0), 1000.0, n_draws=0)
    assert loss.revenue_change < 0 and chn.present.allocation_level(loss) == "info"
    nothing = chn.allocate(_two(1000.0, 1000.0), lower={"A": 1e3, "B": 1e3}, upper={"A": 1e3, "B": 1e3})
    assert chn.present.allocation_level(nothing) == "info"
    assert len(chn.present.allocation_summary(nothing, "en")) == 2  # no move to name


# ---- the Budget tab -------------------------------------------------------------------
@pytest.fixture
def budget_tab(open_page, sample_shop):
    from ecom_core import ui

    def run(lang: str = "en"):
        at = open_page(ui.CHANNEL_PAGE, sample_shop(lang), lang=lang)
        at.session_state["ch_tab"] = t("ch_tab_budget", lang)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return run


def _boxes(at, kind: str) -> str:
    return "\n".join(str(e.value) for e in getattr(at, kind))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_unreachable_target_is_a_warning_not_a_success(budget_tab, lang):
    at = budget_tab(lang)
    at.radio(key="ch_goal").set_value("target").run()
    at.number_input(key="ch_target_roas").set_value(8.0).run()
    assert not at.exception, [e.value for e in at.exception]
    unreachable = t("ch_target_unreachable", lang, target="8.00", best="B", budget="x", current="y")
    assert unreachable.split("B")[0] in _boxes(at, "warning")
    # the plan's sentences are in that warning; nothing about the allocation is a success
    result = t("ch_alloc_result", lang, change="+", low="", high="", before="", after="").split("+")[0]
    assert result in _boxes(at, "warning") and result not in _boxes(at, "success")
    assert not at.error


def test_page_targets_give_their_own_budget_and_a_cut_is_not_a_success(budget_tab):
    at = budget_tab("en")
    at.radio(key="ch_goal").set_value("target").run()
    assert at.number_input(key="ch_target_roas").value == pytest.approx(3.0)  # 40% margin: break-even + 0.5
    budgets = {}
    for target in (2.5, 3.0):
        at.number_input(key="ch_target_roas").set_value(target).run()
        assert not at.exception
        # both targets are met with more revenue than now, sure at the interval's low end
        success = _boxes(at, "success")
        assert (
            t("ch_alloc_result", "en", change="+", low="", high="", before="", after="").split("+")[0]
            in success
        )
        assert "−" not in success.split("Spend per week")[0]  # no loss in the change or its interval
        plan = next(df.value for df in at.dataframe if t("ch_col_new_spend", "en") in df.value.columns)
        budgets[target] = plan[t("ch_col_new_spend", "en")].sum()
    assert budgets[2.5] > budgets[3.0]
    # a budget cut loses revenue: the sentences go in an info box, not a success box
    at.radio(key="ch_goal").set_value("revenue").run()
    at.number_input(key="ch_budget").set_value(8000.0).run()
    assert not at.exception
    assert "changes predicted revenue by −" in _boxes(at, "info")
    assert "changes predicted revenue by" not in _boxes(at, "success")
