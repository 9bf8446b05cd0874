"""A/B test data handling: clean-up of per-user files, totals, the full reading, the verdict,
tables and charts; the sample shop's planted experiment in both languages."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from scipy import stats

import ecom_core as ec
from ecom_core.abtest import charts, present
from ecom_core.i18n import t

ab = ec.abtest


def _users() -> pd.DataFrame:
    """Nine rows: u3 saw the wrong page, u4 is in both arms, u5 is logged twice."""
    return pd.DataFrame(
        {
            "variant": ["control", "treatment", "control", "treatment", "control", "treatment", "control",
                        "control", "treatment"],
            "converted": [0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 0.0, 1.0, 1.0],
            "revenue": [0.0, 30.0, 10.0, 0.0, 20.0, 0.0, 0.0, 50.0, 100.0],
            "user_id": ["u1", "u2", "u3", "u4", "u4", "u5", "u6", "u7", "u5"],
            "time": pd.to_datetime(["2025-01-01 10:00", "2025-01-01 11:00", "2025-01-02 09:00",
                                    "2025-01-02 10:00", "2025-01-03 10:00", "2025-01-02 12:00",
                                    "2025-01-03 12:00", "2025-01-03 13:00", "2025-01-01 08:00"]),
            "landing_page": ["old", "new", "new", "new", "old", "new", "old", "old", "new"],
        }
    )  # fmt: skip


# ---- baseline ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["treatment", "control"], "control"),
        (["实验组", "对照组"], "对照组"),
        (["B", "A"], "A"),
        (["new_page", "old_page"], "old_page"),
        (["Variant 2", "Original"], "Original"),
        (["green", "blue"], "green"),
        (["Baseline", "A"], "Baseline"),
    ],
)
def test_pick_baseline(names, expected):
    assert ab.pick_baseline(names) == expected


# ---- clean-up ------------------------------------------------------------------------------
def test_clean_users_drops_wrong_pages_users_in_both_arms_and_repeats():
    kept, cleaning = ab.clean_users(_users())
    # u3 (control on the new page) goes; u4 is in both arms: both rows go; u5 keeps its
    # earliest row (08:00, the last row of the file), not the first in file order
    expected = _users().iloc[[0, 1, 6, 7, 8]]
    assert_frame_equal(kept, expected)
    assert cleaning == ab.Cleaning(
        rows=9,
        page_mismatch_rows=1,
        multi_variant_users=1,
        multi_variant_rows=2,
        repeated_users=2,
        repeat_rows=1,
        kept_rows=5,
    )
    assert cleaning.excluded_rows == 4


def test_clean_users_agrees_with_a_plain_pandas_reading():
    rng = np.random.default_rng(3)
    n = 3000
    arm = rng.choice(["a", "b", "c"], n)
    page = np.where(
        rng.random(n) < 0.05,
        rng.choice(["p", "q", "r"], n),
        pd.Series(arm).map({"a": "p", "b": "q", "c": "r"}),
    )
    frame = pd.DataFrame(
        {
            "variant": arm,
            "converted": rng.integers(0, 2, n).astype(float),
            "user_id": rng.integers(0, 2500, n).astype(str),
            "time": pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 10**6, n), unit="s"),
            "landing_page": page,
        }
    )
    kept, cleaning = ab.clean_users(frame)
    # the same rules with plain groupby / duplicated
    ok = frame[frame["landing_page"] == frame["variant"].map({"a": "p", "b": "q", "c": "r"})]
    arms = ok.groupby("user_id")["variant"].transform("nunique")
    single = ok[arms == 1]
    expected = single.sort_values("time", kind="stable").drop_duplicates("user_id").sort_index()
    assert_frame_equal(kept, expected)
    assert cleaning.multi_variant_users == ok.loc[arms > 1, "user_id"].nunique()
    assert cleaning.repeated_users == frame["user_id"].value_counts().gt(1).sum()


def test_clean_users_without_optional_columns_keeps_everything():
    frame = _users()[["variant", "converted"]]
    kept, cleaning = ab.clean_users(frame)
    assert_frame_equal(kept, frame)
    assert cleaning.excluded_rows == 0


def test_clean_users_ignores_pages_when_variants_share_one():
    frame = _users().assign(landing_page="home", user_id=[f"u{i}" for i in range(9)])
    _, cleaning = ab.clean_users(frame)
    assert cleaning.page_mismatch_rows == 0


# ---- totals --------------------------------------------------------------------------------
def test_summarize_per_user_rows():
    kept, _ = ab.clean_users(_users())
    out = ab.summarize(kept)
    rev_c = np.array([0.0, 0.0, 50.0])
    rev_t = np.array([30.0, 100.0])
    expected = pd.DataFrame(
        {
            "variant": pd.array(["control", "treatment"], dtype="str"),
            "visitors": np.array([3, 2], dtype=np.int64),
            "conversions": np.array([1, 2], dtype=np.int64),
            "rate": [1 / 3, 1.0],
            "revenue_mean": [rev_c.mean(), rev_t.mean()],
            "revenue_sd": [rev_c.std(ddof=1), rev_t.std(ddof=1)],
        }
    )
    assert_frame_equal(out, expected)


def test_summarize_caps_revenue():
    kept, _ = ab.clean_users(_users())
    out = ab.summarize(kept, cap=40.0)
    assert out["revenue_mean"].tolist() == pytest.approx([40 / 3, 35.0])


def test_cap_value_is_a_percentile_of_buyers():
    revenue = pd.Series([0.0] * 96 + [10.0, 20.0, 30.0, 1000.0])
    assert ab.experiment.cap_value(revenue, 0.5) == pytest.approx(25.0)
    assert ab.experiment.cap_value(pd.Series([0.0, 0.0]), 0.99) is None
    with pytest.raises(ec.AnalysisError):
        ab.experiment.cap_value(revenue, 1.0)


def test_summarize_totals_adds_rows_and_pools_typed_revenue():
    # two days of variant A typed as mean and sd: pooled they equal the raw values'
    day1, day2, b = np.array([0.0, 5.0, 10.0]), np.array([0.0, 0.0, 20.0, 4.0]), np.array([1.0, 2.0, 3.0])
    frame = pd.DataFrame(
        {
            "variant": ["A", "A", "B"],
            "visitors": [3, 4, 3],
            "conversions": [2, 2, 3],
            "revenue_mean": [day1.mean(), day2.mean(), b.mean()],
            "revenue_sd": [day1.std(ddof=1), day2.std(ddof=1), b.std(ddof=1)],
        }
    )
    out = ab.summarize(frame)
    both = np.r_[day1, day2]
    assert out["visitors"].tolist() == [7, 3] and out["conversions"].tolist() == [4, 3]
    assert out["revenue_mean"].tolist() == pytest.approx([both.mean(), 2.0])
    assert out["revenue_sd"].tolist() == pytest.approx([both.std(ddof=1), 1.0])


def test_summarize_totals_with_revenue_total_has_no_sd():
    frame = pd.DataFrame({"variant": ["A", "B"], "visitors": [10000.0, 10050.0], "conversions": [320.0, 365.0],
                          "revenue": [15840.0, 18432.5]})  # fmt: skip
    out = ab.summarize(frame)
    assert out["revenue_mean"].tolist() == pytest.approx([1.584, 18432.5 / 10050])
    assert out["revenue_sd"].isna().all()
    assert ab.analyze(out).revenue == {}


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        (pd.DataFrame({"group_x": ["A", "B"], "converted": [1, 0]}), "ab_err_no_variant"),
        (pd.DataFrame({"variant": ["A", "A", "A"], "converted": [1, 0, 1]}), "ab_err_variants"),
        (
            pd.DataFrame({"variant": ["A", "B"], "visitors": [10, 10], "conversions": [11, 2]}),
            "ab_err_conv_gt_visitors",
        ),
        (
            pd.DataFrame({"variant": ["A", "B"], "visitors": [10, -10], "conversions": [1, 2]}),
            "ab_err_negative",
        ),
        (pd.DataFrame({"variant": ["A", "B"], "visitors": [10, 10]}), "ab_err_no_outcome"),
        (pd.DataFrame({"variant": ["A", "B"], "converted": [1, -1]}), "ab_err_negative"),
        (pd.DataFrame({"variant": ["A", ""], "converted": [1, 0]}), "ab_err_variants"),
    ],
)
def test_bad_experiment_tables(frame, code):
    with pytest.raises(ec.AnalysisError) as err:
        ab.prepare(frame)
    assert err.value.code == code
    assert err.value.message("zh") != err.value.message("en")


def test_typed_numbers_need_distinct_names():
    frame = pd.DataFrame({"variant": ["A", " A "], "visitors": [10, 10], "conversions": [1, 2]})
    with pytest.raises(ec.AnalysisError) as err:
        ab.prepare_typed(frame)
    assert err.value.code == "ab_err_duplicate_variant"
    with pytest.raises(ec.AnalysisError) as err:
        ab.prepare_typed(frame.assign(variant=["A", ""]))
    assert err.value.code == "ab_err_variant_name"
    p = ab.prepare_typed(frame.assign(variant=[" A", "B "]))
    assert p.summary["variant"].tolist() == ["A", "B"] and p.cleaning is None


def test_daily_is_cumulative_per_variant():
    kept, _ = ab.clean_users(_users())
    out = ab.daily(kept)
    expected = pd.DataFrame(
        {
            "date": pd.to_datetime(["2025-01-01", "2025-01-03", "2025-01-01"]),
            "variant": pd.array(["control", "control", "treatment"], dtype="str"),
            "visitors": np.array([1, 3, 2], dtype=np.int64),
            "conversions": np.array([0, 1, 2], dtype=np.int64),
            "rate": [0.0, 1 / 3, 1.0],
        }
    )
    assert_frame_equal(out, expected)
    assert ab.daily(kept.drop(columns="time")) is None


def test_prepare_measures_duration():
    p = ab.prepare(_users())
    assert p.per_user and p.cleaning.kept_rows == 5
    assert p.days == pytest.approx(
        (pd.Timestamp("2025-01-03 13:00") - pd.Timestamp("2025-01-01 08:00")).total_seconds() / 86400
    )


def test_parse_weights():
    assert ab.parse_weights("50, 50", 2) == [50.0, 50.0]
    assert ab.parse_weights("1:1:2", 3) == [1.0, 1.0, 2.0]
    assert ab.parse_weights("50%，50%", 2) == [50.0, 50.0]
    assert ab.parse_weights("  ", 2) is None
    for bad in ("50", "a,b", "1,0", "1,2,3"):
        with pytest.raises(ec.AnalysisError) as err:
            ab.parse_weights(bad, 2)
        assert err.value.code == "ab_err_weights"


# ---- the full reading ----------------------------------------------------------------------
def _three() -> pd.DataFrame:
    return pd.DataFrame(
        {"variant": ["B", "A", "C"], "visitors": [1000, 1000, 1000], "conversions": [70, 40, 45]}
    )


def test_analyze_three_variants_chi_square_and_holm():
    a = ab.analyze(ab.summarize(_three()))
    assert a.baseline == "A"
    assert a.summary["variant"].tolist() == ["A", "B", "C"]
    table = np.array([[40, 960], [70, 930], [45, 955]])
    assert a.chi2.p_value == pytest.approx(stats.chi2_contingency(table, correction=False).pvalue)
    raw = [a.comparisons["B"].p_value, a.comparisons["C"].p_value]
    assert [a.adjusted_p["B"], a.adjusted_p["C"]] == pytest.approx(list(ab.holm(raw)))
    assert a.adjusted_p["B"] == pytest.approx(2 * raw[0])  # the smaller of two p-values, times 2
    assert a.best() == "B"
    low, high = stats.binomtest(40, 1000).proportion_ci(0.95, method="wilson")
    assert (a.summary.loc[0, "rate_low"], a.summary.loc[0, "rate_high"]) == pytest.approx((low, high))


def test_analyze_follows_a_chosen_baseline_and_reordered_weights():
    s = ab.summarize(_three())
    a = ab.analyze(s, baseline="C", weights=[2, 1, 1])  # B, A, C as in the table
    assert a.baseline == "C" and a.challengers == ["B", "A"]
    assert a.srm.expected_shares == pytest.approx((0.25, 0.5, 0.25))  # C, B, A
    assert a.srm.mismatch  # 1000 : 1000 : 1000 is far from 1 : 2 : 1
    with pytest.raises(ec.AnalysisError) as err:
        ab.analyze(s, baseline="Z")
    assert err.value.code == "ab_err_baseline"


def test_analyze_rejects_duplicate_names_and_one_arm():
    dup = pd.DataFrame({"variant": ["A", "A"], "visitors": [10, 10], "conversions": [1, 2]})
    with pytest.raises(ec.AnalysisError) as err:
        ab.analyze(dup)
    assert err.value.code == "ab_err_duplicate_variant"
    with pytest.raises(ec.AnalysisError) as err:
        ab.analyze(dup.iloc[:1])
    assert err.value.code == "ab_err_variants"


def test_analyze_revenue_per_visitor_with_welch():
    kept, _ = ab.clean_users(_users())
    a = ab.analyze(ab.summarize(kept))
    m = a.revenue["treatment"]
    ref = stats.ttest_ind([30.0, 100.0], [0.0, 0.0, 50.0], equal_var=False)
    assert m.p_value == pytest.approx(ref.pvalue)


# ---- the sample shop -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lang", "control", "treatment"), [("en", "control", "treatment"), ("zh", "对照组", "实验组")]
)
def test_sample_shop_experiment_is_read_correctly(sample_shop, lang, control, treatment):
    frame = sample_shop(lang)["experiment"].frame
    p = ab.prepare(frame)
    assert p.cleaning.page_mismatch_rows == 58
    assert p.cleaning.repeated_users == 40
    assert p.cleaning.multi_variant_users == 0
    a = ab.analyze(p.summary)
    assert a.baseline == control
    row = a.summary.set_index("variant")
    assert (row.loc[control, "conversions"], row.loc[control, "visitors"]) == (388, 9933)
    assert (row.loc[treatment, "conversions"], row.loc[treatment, "visitors"]) == (460, 10032)
    c = a.comparisons[treatment]
    assert c.ci_lift[0] < 0.15 < c.ci_lift[1]  # the true lift is inside the interval
    assert c.ci_diff[0] < 0.006 < c.ci_diff[1]  # 4.6% − 4.0%
    assert not a.srm.mismatch
    assert p.days == pytest.approx(21, abs=0.1)  # three whole weeks
    notes = ab.verdict(a, p, planned_mde=0.15, relative=True)
    codes = [n.code for n in notes]
    assert "ab_v_better_lift" in codes and "ab_v_cleaned" in codes
    assert "ab_v_short" not in codes
    # 17,943 per arm were planned; about 10,000 is not enough: a peeking warning
    assert "ab_v_peeking" in codes
    text = next(n for n in notes if n.code == "ab_v_better_lift").text(lang)
    assert treatment in text and "+2.8%" in text and "+34.0%" in text


# ---- verdict -------------------------------------------------------------------------------
def _analysis(rows, **kw) -> ab.Analysis:
    frame = pd.DataFrame(rows, columns=["variant", "visitors", "conversions"])
    return ab.analyze(ab.summarize(frame), **kw)


def test_verdict_inconclusive_says_how_many_more_visitors():
    a = _analysis([("A", 5000, 200), ("B", 5000, 215)])
    notes = ab.verdict(a, planned_mde=0.15, relative=True)
    need = next(n for n in notes if n.code == "ab_v_need_more")
    required = ab.sample_size(0.04, 0.15, relative=True)
    assert need.params["n"] == f"{required - 5000:,}"
    assert need.params["total"] == f"{required:,}"
    assert "ab_v_unclear_lift" in [n.code for n in notes]
    assert f"{required - 5000:,}" in need.text("zh")


def test_verdict_enough_visitors_but_no_difference():
    a = _analysis([("A", 50000, 2000), ("B", 50000, 2010)])
    codes = [n.code for n in ab.verdict(a, planned_mde=0.15)]
    assert "ab_v_enough" in codes and "ab_v_peeking" not in codes and "ab_v_peeking_general" in codes


def test_verdict_worse_variant_and_srm():
    a = _analysis([("control", 10000, 500), ("new", 8000, 300)])
    notes = ab.verdict(a)
    assert notes[0].code == "ab_v_srm" and notes[0].level == "error"
    worse = next(n for n in notes if n.code == "ab_v_worse_lift")
    assert worse.level == "warning"
    assert "control" in worse.text("en") and "更优的概率" in worse.text("zh")


def test_verdict_zero_conversions_uses_points_and_fisher():
    a = _analysis([("A", 300, 0), ("B", 300, 9)])
    codes = [n.code for n in ab.verdict(a)]
    assert "ab_v_better_points" in codes and "ab_v_fisher" in codes


def test_verdict_short_test_warns():
    frame = _users()
    p = ab.prepare(frame)
    notes = ab.verdict(ab.analyze(p.summary), p)
    short = next(n for n in notes if n.code == "ab_v_short")
    assert short.params["days"] == "2.2"  # 2 days 5 hours
    assert "2.2" in short.text("zh")


def test_verdict_several_variants_mentions_chi_square_and_holm():
    codes = [n.code for n in ab.verdict(ab.analyze(ab.summarize(_three())))]
    assert "ab_v_chi2_differ" in codes and "ab_v_holm" in codes


def test_every_verdict_code_is_in_the_catalog_in_both_languages():
    analyses = [
        _analysis([("A", 5000, 200), ("B", 5000, 215)]),
        _analysis([("control", 10000, 500), ("new", 8000, 300)]),
        _analysis([("A", 300, 0), ("B", 300, 9)]),
        ab.analyze(ab.summarize(_three())),
    ]
    for a in analyses:
        for note in ab.verdict(a, ab.prepare(_users()), planned_mde=0.15):
            for lang in ("en", "zh"):
                text = note.text(lang)
                assert text != note.code and "{" not in text, (note.code, lang)


# ---- tables and charts ---------------------------------------------------------------------
def test_conversion_table_in_both_languages():
    a = _analysis([("A", 10000, 400), ("B", 10000, 460)])
    en = present.conversion_table(a, "en")
    assert en.columns[0] == t("ab_col_variant", "en")
    assert en[t("ab_col_rate", "en") + " (%)"].tolist() == [4.0, 4.6]
    assert en[t("ab_col_lift", "en") + " (%)"].iloc[1] == pytest.approx(15.0)
    assert np.isnan(en[t("ab_col_lift", "en") + " (%)"].iloc[0])
    c = a.comparisons["B"]
    assert en[t("ab_col_loss", "en")].tolist() == pytest.approx([100 * c.loss_a, 100 * c.loss_b], abs=1e-4)
    zh = present.conversion_table(a, "zh")
    assert zh.columns[0] == "版本" and zh.shape == en.shape
    assert t("ab_col_p_holm", "en") not in en.columns
    three = present.conversion_table(ab.analyze(ab.summarize(_three())), "en")
    assert t("ab_col_p_holm", "en") in three.columns


def test_conversion_view_reads_as_text_with_intervals():
    a = _analysis([("A", 10000, 400), ("B", 10000, 460)])
    view = present.conversion_view(a, "en")
    assert view.iloc[0].tolist()[:4] == ["A", "10,000", "400", "4.00% (3.63% – 4.40%)"]
    assert view.iloc[1][t("ab_col_lift", "en")] == "+15.0% (+0.9% – +31.1%)"
    assert view.iloc[1][t("ab_col_p", "en")] == "0.036"
    assert view.iloc[0][t("ab_col_p", "en")] == ""
    three = present.conversion_view(ab.analyze(ab.summarize(_three())), "zh")
    assert "p 值（Holm 校正）" in three.columns


def test_srm_and_revenue_tables():
    kept, _ = ab.clean_users(_users())
    a = ab.analyze(ab.summarize(kept))
    srm = present.srm_table(a, "en")
    assert srm[t("ab_col_visitors", "en")].tolist() == [3, 2]
    assert srm[t("ab_col_expected", "en")].tolist() == [2.5, 2.5]
    rev = present.revenue_table(a, "zh")
    assert rev["UV 价值"].tolist() == pytest.approx([50 / 3, 65.0], abs=1e-4)
    assert present.revenue_table(_analysis([("A", 10, 1), ("B", 10, 2)]), "en").empty


def test_lift_density_matches_the_exact_probability():
    c = ab.compare_proportions(388, 9933, 460, 10032)
    d = charts.lift_density(c)
    assert np.trapezoid(d["density"], d["lift"]) == pytest.approx(1.0)
    above = d[d["lift"] > 0]
    assert np.trapezoid(above["density"], above["lift"]) == pytest.approx(c.prob_b_beats_a, abs=5e-3)
    assert d.loc[d["density"].idxmax(), "lift"] == pytest.approx(c.lift, abs=0.02)


def test_charts_are_titled_in_the_users_language():
    p = ab.prepare(_users())
    a = ab.analyze(p.summary)
    specs = [
        charts.rates_chart(a, "zh"),
        charts.posterior_chart(a, "zh"),
        charts.cumulative_chart(p.daily, "zh"),
        charts.power_chart(ab.power_curve(0.04, 0.15, relative=True, daily_visitors=500), "zh"),
    ]
    dumped = [json.dumps(c.to_dict(), ensure_ascii=False) for c in specs]
    assert "各版本转化率" in dumped[0] and "提升有多大" in dumped[1]
    assert "累计转化率" in dumped[2] and "统计功效" in dumped[3]
    assert all('"tooltip"' in d for d in dumped)
    three = charts.posterior_chart(ab.analyze(ab.summarize(_three())), "en").to_dict()
    assert "facet" in three


def test_plan_and_reach_sentences_in_both_languages():
    from ecom_core.abtest.verdict import plan_note, reach_note

    p = ab.plan(0.04, 0.15, relative=True, daily_visitors=1000)
    note = plan_note(p, 1000, 1.0)
    en, zh = note.text("en"), note.text("zh")
    assert "from 4.00% to 4.60% (+15.0%)" in en and "17,943" in en and "36 days" in en and "6 full week" in en
    assert "17,943" in zh and "36 天" in zh and "6 周" in zh
    r = reach_note(ab.reach(0.04, 14, 2, 1000), 0.8)
    assert r.code == "ab_reverse_sentence"
    assert "7,000" in r.text("en") and "4.98%" in r.text("zh")
    none = reach_note(ab.reach(0.5, 1, 2, 2, power=0.99), 0.99)
    assert none.code == "ab_reverse_none" and none.level == "warning"


def test_power_table_is_headed_and_in_percent():
    curve = ab.power_curve(0.04, 0.15, relative=True, daily_visitors=1000, points=5)
    out = present.power_table(curve, "zh")
    assert list(out.columns) == ["每组访客数", "天数", "统计功效 (%)"]
    assert out["统计功效 (%)"].tolist() == pytest.approx((100 * curve["power"]).round(2).tolist())


def test_plan_inputs_turn_the_forms_percent_into_the_plans_fractions():
    # 4% baseline, a 15% relative fall, 80% power, half the traffic in the test
    form = ec.abtest.PlanInputs(4.0, 15.0, relative=True, decrease=True, power_pct=80.0, daily_visitors=1000,
                                share_pct=50.0)  # fmt: skip
    assert (form.baseline, form.effect, form.power, form.share) == pytest.approx((0.04, -0.15, 0.8, 0.5))
    assert form.plan() == ec.abtest.plan(0.04, -0.15, True, 0.05, 0.8, 2, 1000, 0.5)
    assert form.plan().target == pytest.approx(0.04 * 0.85)
    assert form.reach(14) == ec.abtest.reach(0.04, 14, 2, 1000, 0.5, 0.05, 0.8, decrease=True)
    # percentage points, an increase
    up = ec.abtest.PlanInputs(4.0, 0.6, relative=False)
    assert up.effect == pytest.approx(0.006) and up.plan().target == pytest.approx(0.046)


def test_typed_rows_with_blank_revenue_are_read_as_no_revenue():
    rows = [
        {"variant": "A", "visitors": 1000, "conversions": 40, "revenue_mean": None, "revenue_sd": None},
        {"variant": "B", "visitors": 1000, "conversions": 55, "revenue_mean": None, "revenue_sd": None},
    ]
    prepared = ec.abtest.prepare_typed(rows)
    assert prepared.summary["conversions"].tolist() == [40, 55]
    assert prepared.summary["visitors"].tolist() == [1000, 1000]


def test_rates_chart_zooms_to_the_intervals():
    prepared = ec.abtest.prepare_typed(
        [{"variant": "A", "visitors": 10000, "conversions": 400}, {"variant": "B", "visitors": 10000, "conversions": 460}]
    )
    spec = charts.rates_chart(ec.abtest.analyze(prepared.summary, "A"), "en").to_dict()
    x = spec["layer"][0]["encoding"]["x"]
    assert x["scale"]["zero"] is False  # 3.6%-5.0% fill the axis instead of a sliver of 0-5%
