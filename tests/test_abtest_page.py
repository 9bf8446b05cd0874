"""The A/B test page under AppTest: planner without data, analyzer on typed numbers and on
the sample shop's experiment in both languages, widget changes and bad input."""

from __future__ import annotations

import pandas as pd
import pytest

import ecom_core as ec
from ecom_core import ui
from ecom_core.i18n import t

PAGE = ui.ABTEST_PAGE


def _texts(at, kinds=("success", "info", "warning", "error", "markdown", "caption")) -> str:
    return "\n".join(str(e.value) for kind in kinds for e in getattr(at, kind))


def _ok(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _dataset(frame: pd.DataFrame, name: str = "x.csv") -> dict:
    n = len(frame)
    return {"experiment": ec.Dataset("experiment", frame, {}, ec.QualityReport(n, n), name=name)}


# ---- no data: the planner and typed-in numbers ---------------------------------------------
def test_planner_works_without_data(open_page):
    at = open_page(PAGE)
    _ok(at)
    assert at.title[0].value == t("ui_abtest_title", "en")
    assert t("ui_abtest_no_data", "en") in _texts(at)
    assert not at.button
    m = _metrics(at)
    # 4% baseline, +15% relative, 80% power, alpha 0.05: R power.prop.test gives 17942.3
    assert m[t("ab_m_per_variant", "en")] == "17,943"
    assert m[t("ab_m_total", "en")] == "35,886"
    assert m[t("ab_m_days", "en")] == "36 days"
    assert "Method:" in _texts(at)
    assert len(at.download_button) >= 2  # power curve and conversion table, CSV and Excel


def test_planner_widgets_change_the_answer(open_page):
    at = open_page(PAGE)
    at.number_input(key="ab_baseline").set_value(10.0)
    at.segmented_control(key="ab_mde_kind").set_value("abs").run()
    at.number_input(key="ab_mde_abs").set_value(2.0).run()
    _ok(at)
    assert _metrics(at)[t("ab_m_per_variant", "en")] == "3,841"  # power.prop.test(p1=.1, p2=.12)
    at.number_input(key="ab_variants").set_value(3)
    at.number_input(key="ab_daily").set_value(500)
    at.number_input(key="ab_share").set_value(50.0).run()
    m = _metrics(at)
    assert m[t("ab_m_total", "en")] == "11,523"
    assert m[t("ab_m_days", "en")] == "47 days"  # ceil(11523 / 250)
    at.segmented_control(key="ab_direction").set_value("decrease").run()
    _ok(at)
    assert _metrics(at)[t("ab_m_per_variant", "en")] == "3,213"  # power.prop.test(p1=.1, p2=.08)


def test_reverse_planner_says_what_the_traffic_detects(open_page):
    at = open_page(PAGE)
    at.number_input(key="ab_days").set_value(28).run()
    _ok(at)
    effect = ec.abtest.reach(0.04, 28, 2, 1000)
    assert effect.n_per_variant == 14000
    text = _texts(at)
    assert "In 28 days each variant gets about 14,000 visitors" in text
    assert f"{effect.relative_effect * 100:+.1f}%" in text


@pytest.mark.parametrize(
    ("key", "value", "code"),
    [
        ("ab_baseline", 0.0, "ab_err_rate"),
        ("ab_baseline", 95.0, "ab_err_mde_range"),
        ("ab_mde_rel", 0.0, "ab_err_mde_zero"),
    ],
)
def test_planner_bad_input_gives_a_sentence(open_page, key, value, code):
    at = open_page(PAGE)
    at.number_input(key=key).set_value(value).run()
    _ok(at)
    errors = [e.value for e in at.error]
    assert any(e.startswith(t(code, "en").split("{")[0][:30]) for e in errors), errors


def test_typed_numbers_give_a_verdict_and_react_to_changes(open_page):
    at = open_page(PAGE)
    _ok(at)
    # defaults: A 400/10,000 vs B 460/10,000
    assert at.success[0].value.startswith("B converts better than A: lift between +0.9% and +31.1% (95%)")
    at.number_input(key="ab_x_1").set_value(410).run()
    _ok(at)
    text = _texts(at)
    assert "Not enough evidence yet that B differs from A" in text
    need = ec.abtest.sample_size(0.04, 0.15, relative=True) - 10000
    assert f"About {need:,} more visitors per variant" in text
    at.segmented_control(key="ab_conf").set_value(0.9).run()
    assert "(90%)" in _texts(at)


def test_typed_revenue_and_three_variants(open_page):
    at = open_page(PAGE)
    for i, (m, sd) in enumerate([(6.6, 36.6), (7.5, 38.6)]):
        at.number_input(key=f"ab_m_{i}").set_value(m)
        at.number_input(key=f"ab_sd_{i}").set_value(sd)
    at.run()
    _ok(at)
    assert "Revenue per visitor: B 7.50 vs A 6.60" in _texts(at)
    at.number_input(key="ab_typed_k").set_value(3).run()
    at.text_input(key="ab_name_2").set_value("C")
    at.number_input(key="ab_x_2").set_value(520).run()
    _ok(at)
    text = _texts(at)
    assert "Across all 3 variants" in text and "Holm" in text
    assert t("ab_col_p_holm", "en") in at.dataframe[0].value.columns


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("ab_x_1", 20000, ec.AnalysisError("ab_err_conv_gt_visitors", conversions=20000, visitors=10000)),
        ("ab_n_0", -5, ec.AnalysisError("ab_err_negative")),
        ("ab_name_1", "A", ec.AnalysisError("ab_err_duplicate_variant")),
        ("ab_name_0", " ", ec.AnalysisError("ab_err_variant_name")),
    ],
)
def test_typed_bad_input_gives_a_sentence(open_page, key, value, message):
    at = open_page(PAGE)
    widget = at.text_input(key=key) if key.startswith("ab_name") else at.number_input(key=key)
    widget.set_value(value).run()
    _ok(at)
    assert [e.value for e in at.error] == [message.message("en")]
    at.sidebar.radio(key=ui.LANG_WIDGET).set_value("zh").run()
    assert [e.value for e in at.error] == [message.message("zh")]


def test_zero_conversions_typed_in(open_page):
    at = open_page(PAGE)
    at.number_input(key="ab_x_0").set_value(0).run()
    _ok(at)
    assert "Fisher" in _texts(at)


def test_bad_weights_and_srm_warning(open_page):
    at = open_page(PAGE)
    at.text_input(key="ab_weights_typed").set_value("1,2,3").run()
    _ok(at)
    assert at.error[0].value == t("ab_err_weights", "en")
    at.text_input(key="ab_weights_typed").set_value("30:70").run()
    _ok(at)
    assert at.error[0].value.startswith("Sample ratio mismatch")


# ---- the sample shop -----------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "treatment"), [("en", "treatment"), ("zh", "实验组")])
def test_sample_shop_experiment_in_both_languages(open_page, sample_shop, lang, treatment):
    at = open_page(PAGE, {"experiment": sample_shop(lang)["experiment"]}, lang=lang)
    _ok(at)
    assert at.title[0].value == t("ui_abtest_title", lang)
    assert at.segmented_control(key="ab_source").value == "file"
    verdict = at.success[0].value
    # observed 388/9,933 vs 460/10,032: Katz interval +2.8% .. +34.0% holds the true +15%
    assert verdict.startswith(treatment)
    assert "+2.8%" in verdict and "+34.0%" in verdict
    warnings = "\n".join(w.value for w in at.warning)
    assert "58" in warnings and "40" in warnings  # wrong pages and repeated users excluded
    table = at.dataframe[0].value
    assert table.iloc[:, 1].tolist() == ["9,933", "10,032"]
    assert table.iloc[:, 2].tolist() == ["388", "460"]
    assert table.iloc[1, 5] == "+17.4% (+2.8% – +34.0%)"


def test_sample_shop_baseline_can_be_changed_and_revenue_capped(open_page, sample_shop):
    at = open_page(PAGE, {"experiment": sample_shop("en")["experiment"]})
    at.selectbox(key="ab_control_file").set_value("treatment").run()
    _ok(at)
    assert any(w.value.startswith("control converts worse than treatment") for w in at.warning)
    at.selectbox(key="ab_cap").set_value(0.99).run()
    _ok(at)
    assert any("capped at" in c.value for c in at.caption)


def test_sample_shop_typed_source_still_available(open_page, sample_shop):
    at = open_page(PAGE, {"experiment": sample_shop("en")["experiment"]})
    at.segmented_control(key="ab_source").set_value("typed").run()
    _ok(at)
    assert at.success[0].value.startswith("B converts better than A")


# ---- bad experiment data -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("frame", "code"),
    [
        (pd.DataFrame({"converted": [1.0, 0.0]}), "ab_err_no_variant"),
        (pd.DataFrame({"variant": ["A", "A"], "converted": [1.0, 0.0]}), "ab_err_variants"),
        (
            pd.DataFrame({"variant": ["A", "B"], "visitors": [10.0, 10.0], "conversions": [12.0, 1.0]}),
            "ab_err_conv_gt_visitors",
        ),
    ],
)
def test_bad_experiment_file_gives_a_sentence(open_page, frame, code):
    at = open_page(PAGE, _dataset(frame))
    _ok(at)
    assert at.error, "no error shown"
    assert at.error[0].value == ec.AnalysisError(code, conversions=12, visitors=10).message("en")
    # the planner still works
    assert _metrics(at)[t("ab_m_per_variant", "en")] == "17,943"


def test_small_aggregate_file_and_short_test(open_page):
    frame = pd.DataFrame(
        {
            "variant": ["A", "B", "A", "B"],
            "visitors": [500.0, 500.0, 520.0, 480.0],
            "conversions": [20.0, 30.0, 22.0, 31.0],
            "time": pd.to_datetime(["2025-03-01", "2025-03-01", "2025-03-02", "2025-03-02"]),
        }
    )
    at = open_page(PAGE, _dataset(frame, "summary.csv"), lang="zh")
    _ok(at)
    assert any("只跑了 2.0 天" in w.value for w in at.warning)
    assert at.dataframe[0].value.iloc[:, 1].tolist() == ["1,020", "980"]
