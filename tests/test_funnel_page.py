"""The Funnel page under AppTest: three modes, every tab, both languages, bad input."""

from __future__ import annotations

import pandas as pd
import pytest

import ecom_core as ec
from ecom_core import ui
from ecom_core.i18n import t

TABS = ("fn_tab_funnel", "fn_tab_breakdown", "fn_tab_trend", "fn_tab_sales", "fn_tab_when")


def _texts(at, kinds=("markdown", "caption", "info", "warning", "success", "error")) -> str:
    return "\n".join(str(e.value) for kind in kinds for e in getattr(at, kind))


def _ok(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _dataset(kind: str, frame: pd.DataFrame) -> ec.Dataset:
    return ec.Dataset(kind, frame, {}, ec.QualityReport(len(frame), len(frame)), name=f"{kind}.csv")


def _whatif_step(at):
    """The what-if's step picker (its key names the funnel it belongs to)."""
    return next(s for s in at.selectbox if str(s.key).startswith("fn_whatif_step"))


def test_the_what_if_step_belongs_to_the_funnel_shown(open_page, sample_shop):
    at = open_page(ui.FUNNEL_PAGE, sample_shop("en"))
    _whatif_step(at).set_value(1).run()  # view -> cart in the clickstream
    at.radio(key="fn_mode").set_value("traffic").run()
    _ok(at)
    # the traffic funnel's what-if starts on its own leak (cart adds -> orderers, step 3 of
    # 4), and the sentence speaks of the step the picker shows
    step = _whatif_step(at)
    assert step.value == 3
    a, b = step.format_func(step.value).split(" → ")
    assert f"“{a} → {b}”" in at.success[0].value


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_sample_shop_highlights_the_cart_to_checkout_leak(open_page, sample_shop, lang):
    at = open_page(ui.FUNNEL_PAGE, sample_shop(lang), lang=lang)
    _ok(at)
    assert at.radio(key="fn_mode").value == "events"
    cart, checkout = {"en": ("cart", "checkout"), "zh": ("加购", "下单")}[lang]
    leak = at.warning[0].value
    assert t("fn_leak_title", lang, a=cart, b=checkout) in leak
    assert "26.6%" in leak and t("fn_why_cart_to_checkout", lang) in leak
    assert {"en": "mobile", "zh": "手机"}[lang] in leak  # the worst segment is named
    assert _whatif_step(at).value == 2  # the what-if starts on the leak
    assert "26.6%" in at.success[0].value and "27.6%" in at.success[0].value


def test_what_if_slider_and_window_change_the_answer(open_page, sample_shop):
    at = open_page(ui.FUNNEL_PAGE, sample_shop("en"))
    at.slider(key="fn_whatif_points").set_value(5.0).run()
    _ok(at)
    assert "31.6%" in at.success[0].value  # 26.6% + 5 points
    at.selectbox(key="fn_window").set_value("1h").run()
    _ok(at)
    assert "26.6%" not in at.warning[0].value  # a one-hour window changes the funnel


def test_traffic_mode_shows_platform_metrics_and_channel_filter(open_page, sample_shop):
    at = open_page(ui.FUNNEL_PAGE, sample_shop("zh"), lang="zh")
    at.radio(key="fn_mode").set_value("traffic").run()
    _ok(at)
    labels = [m.label for m in at.metric]
    assert labels[:3] == ["访客数", "加购率", "下单转化率"] and "UV价值" in labels
    assert t("fn_leak_title", "zh", a="加购人数", b="下单买家数") in at.warning[0].value
    at.multiselect(key="fn_channels").set_value(["直通车"]).run()
    _ok(at)
    assert at.metric[0].value != "680,280"  # one channel's visitors, not the shop's


def test_orders_only_funnel_with_a_note_on_what_unlocks_more(open_page, sample_shop):
    at = open_page(ui.FUNNEL_PAGE, {"orders": sample_shop("en")["orders"]})
    _ok(at)
    assert at.radio(key="fn_mode").value == "orders"
    assert t("fn_unlock_more", "en") in _texts(at)
    assert t("fn_step_created", "en") in at.warning[0].value


@pytest.mark.parametrize("tab", TABS[1:])
@pytest.mark.parametrize("mode", ["events", "traffic", "orders"])
def test_every_tab_renders_in_every_mode(open_page, sample_shop, tab, mode):
    at = open_page(ui.FUNNEL_PAGE, sample_shop("en"), fn_mode=mode, fn_tabs=t(tab, "en"))
    _ok(at)
    assert not at.error, [e.value for e in at.error]
    if tab == "fn_tab_breakdown":
        assert at.selectbox(key="fn_breakdown_by").value in ("channel", "device", "region", "product")
    if tab == "fn_tab_sales":
        # traffic counts the shop's visitors; the sample clickstream covers too few of the
        # orders' buyers, and orders alone count none: sales = paid orders x 笔单价
        formula = "fn_sales_formula" if mode == "traffic" else "fn_sales_formula_orders"
        assert t(formula, "en") in _texts(at)
    if tab == "fn_tab_when":
        assert at.dataframe  # the regions table


def test_breakdown_by_device_flags_mobile(open_page, sample_shop):
    at = open_page(ui.FUNNEL_PAGE, sample_shop("en"), fn_tabs=t("fn_tab_breakdown", "en"))
    at.selectbox(key="fn_breakdown_by").set_value("device").run()
    _ok(at)
    table = at.dataframe[0].value
    flags = dict(
        zip(
            table[t("fn_col_segment", "en")] + "|" + table[t("fn_col_to", "en")],
            table[t("fn_col_flag", "en")],
            strict=True,
        )
    )
    assert flags["mobile|checkout"] == t("fn_flag_lower", "en")


def test_sales_periods_outside_the_data_give_a_sentence(open_page, sample_shop):
    at = open_page(ui.FUNNEL_PAGE, sample_shop("en"), fn_mode="traffic", fn_tabs=t("fn_tab_sales", "en"))
    at.date_input(key="fn_period_before").set_value(
        (pd.Timestamp("2020-01-01").date(), pd.Timestamp("2020-01-31").date())
    )
    at.run()
    _ok(at)
    assert "2025-01-01" in at.error[0].value


def test_traffic_without_later_steps_is_explained(open_page):
    traffic = _dataset(
        "traffic", pd.DataFrame({"date": pd.date_range("2024-01-01", periods=3), "visitors": [1, 2, 3]})
    )
    at = open_page(ui.FUNNEL_PAGE, {"traffic": traffic})
    _ok(at)
    assert at.error[0].value == t("fn_err_traffic_steps", "en")


def test_negative_counts_are_reported_and_zero_visitors_explained(open_page):
    frame = pd.DataFrame(
        {"date": pd.date_range("2024-01-01", periods=2), "visitors": [0, -3], "cart_adds": [0, 1]}
    )
    at = open_page(ui.FUNNEL_PAGE, {"traffic": _dataset("traffic", frame)})
    _ok(at)
    assert t("fn_note_negative_counts", "en", n=1) in _texts(at)
    assert at.error[0].value == t("fn_err_nobody", "en")


def test_events_with_one_kind_of_event_ask_for_two_steps(open_page):
    frame = pd.DataFrame(
        {
            "user_id": ["a", "b"],
            "time": pd.to_datetime(["2024-01-01", "2024-01-02"]),
            "event": ["view", "view"],
        }
    )
    at = open_page(ui.FUNNEL_PAGE, {"events": _dataset("events", frame)})
    _ok(at)
    assert at.error[0].value == t("fn_err_steps_few", "en")


def test_orders_without_readable_times_give_a_sentence(open_page):
    frame = pd.DataFrame(
        {"order_id": ["1", "2"], "order_time": pd.to_datetime([None, None]), "revenue": [1.0, 2.0]}
    )
    at = open_page(ui.FUNNEL_PAGE, {"orders": _dataset("orders", frame)})
    _ok(at)
    assert at.error[0].value == t("fn_err_no_dated", "en")
