"""Shared helpers: interval and test statistics against R, sentence formatting, the catalog."""

from __future__ import annotations

import numpy as np
import pytest

from ecom_core import fmt, i18n, stats


def test_wilson_interval_matches_r_prop_test_without_correction():
    # R: prop.test(5, 20, correct = FALSE)$conf.int -> 0.1118617 0.4687009
    low, high = stats.wilson_interval(5, 20)
    assert low == pytest.approx(0.1118617, abs=1e-7)
    assert high == pytest.approx(0.4687009, abs=1e-7)


def test_wilson_interval_is_vectorised_and_nan_without_trials():
    low, high = stats.wilson_interval(np.array([0, 10, 0]), np.array([10, 10, 0]))
    assert low[0] == 0.0 and high[0] == pytest.approx(
        0.2775328, abs=1e-7
    )  # R: prop.test(0, 10, correct=FALSE)
    assert high[1] == pytest.approx(1.0) and low[1] == pytest.approx(0.7224672, abs=1e-7)
    assert np.isnan(low[2]) and np.isnan(high[2])


def test_two_proportion_p_value_equals_pearson_chi_square():
    # R: prop.test(c(40, 46), c(1000, 1000), correct = FALSE)$p.value -> 0.5083735
    assert stats.two_proportion_p_value(40, 1000, 46, 1000) == pytest.approx(0.5083735, abs=1e-7)
    assert stats.two_proportion_p_value(0, 10, 0, 10) == 1.0
    assert np.isnan(stats.two_proportion_p_value(1, 0, 1, 10))


def test_formatting_for_sentences():
    assert fmt.pct(0.266) == "26.6%"
    assert fmt.pct(0.15, signed=True) == "+15.0%"
    assert fmt.points(0.012) == "+1.2 pt"
    assert fmt.count(12400.4) == "12,400"
    assert fmt.money(12400.5) == "12,400"
    assert fmt.money(45.25) == "45.25"
    assert fmt.money(12400.5, "zh") == "1.24万"
    assert fmt.money(3.2e8, "zh") == "3.20亿"
    assert fmt.pct(float("nan")) == fmt.DASH and fmt.money(None) == fmt.DASH


def test_catalog_refuses_a_key_defined_twice():
    with pytest.raises(ValueError, match="fn_x"):
        i18n._merge({"fn_x": {"en": "a"}}, {"fn_x": {"en": "b"}})


def test_every_catalog_entry_has_both_languages():
    missing = [k for k, v in i18n.CATALOG.items() if not v.get("en") or not v.get("zh")]
    assert not missing


def test_holm_matches_r_p_adjust():
    # R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") -> 0.03 0.06 0.06 0.02
    adjusted = stats.holm([0.01, 0.04, 0.03, 0.005])
    np.testing.assert_allclose(adjusted, [0.03, 0.06, 0.06, 0.02])
    # NaN is not a test: p.adjust(c(0.02, NA, 0.5), "holm") -> 0.04 NA 0.5
    adjusted = stats.holm([0.02, np.nan, 0.5])
    assert adjusted[0] == pytest.approx(0.04) and np.isnan(adjusted[1]) and adjusted[2] == pytest.approx(0.5)
    assert stats.holm([0.9, 0.8]).max() <= 1.0


def test_tables_show_each_column_by_its_kind_and_blank_empty_cells():
    import pandas as pd

    frame = pd.DataFrame(
        {
            "region": ["广东", None],
            "revenue": [513090.63, 45.25],
            "share": [0.1457, np.nan],
            "p": [6e-12, 0.0432],
            "orders": [2762.0, np.nan],
            "aov": [190.953, 1.0],
        }
    )
    fmt.with_kinds(frame, {"revenue": "money", "share": "pct", "p": "p_value"})
    shown = fmt.styled(frame).to_string(delimiter="|").splitlines()
    # money: no decimals above 100, two below; a share as a percentage; a tiny p-value in
    # words; whole floats as counts; other numbers with two decimals; empty cells blank
    assert shown[1:] == ["广东|513,091|14.6%|< 0.001|2,762|190.95", "|45.25||0.043||1.00"]
    assert frame["revenue"].tolist() == [513090.63, 45.25]  # the values stay for downloads


def test_funnel_regions_table_is_marked_money_count_and_share():
    import pandas as pd

    from ecom_core.funnel import present

    rows = pd.DataFrame(
        {"region": ["广东", None], "orders": [2762, 3], "buyers": [820.0, np.nan], "revenue": [534333.91, 90.0],
         "aov": [193.4591, 30.0], "revenue_share": [0.1459, 0.0002]}
    )  # fmt: skip
    shown = fmt.styled(present.regions_table(rows, "zh")).to_string(delimiter="|").splitlines()
    assert shown[1] == "广东|2,762|820|534,334|193|14.6%"
    assert shown[2] == "（未填地区）|3||90.00|30.00|0.0%"


def test_every_catalog_key_the_pages_build_resolves():
    """Keys built from a value (a tab, a mode, a kind, a status...) exist for every value the
    code can give them, in both languages; a missing one would show its key on screen."""
    from ecom_core import channels, funnel, personas, state
    from ecom_core.load import schema
    from ecom_core.ui.views import funnel as funnel_views
    from ecom_core.ui.views import personas as personas_views

    families = {
        "fn_tab_": funnel_views.TABS,
        "ps_tab_": personas_views.TABS,
        "ch_tab_": ("table", "campaigns", "quality", "budget", "attribution", "mapping"),
        "fn_mode_": funnel.MODES,
        "fn_freq_": ("D", "W", "M"),
        "ch_freq_": ("D", "W", "M"),
        "ch_level_": ("group", "class", "value"),
        "ch_goal_": ("revenue", "target"),
        "ch_class_": channels.CLASSES,
        "ab_source_": ("file", "typed"),
        "ps_scoring_": ("auto", "quintile", "fixed"),
        "ps_seg_": [s.code for s in personas.SEGMENTS],
        "kind_": (*schema.KINDS, *schema.PARTS),
        "status_": schema.ORDER_STATUSES,
        "st_page_": [p.page for p in state.PAGES],
        "col_": [c.name for kind in schema.KINDS for c in schema.SCHEMAS[kind] if not c.helper],
        "ch_group_": [g.lower().replace(" ", "_").replace("-", "_") for g in channels.GROUP_CLASS],
    }
    missing = [
        prefix + str(value)
        for prefix, values in families.items()
        for value in values
        if set(i18n.CATALOG.get(prefix + str(value), {})) < {"en", "zh"}
    ]
    assert not missing
