"""Funnel analysis on tiny frames with hand-computed expectations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import ecom_core as ec
from ecom_core import funnel as fn
from ecom_core import stats

T0 = pd.Timestamp("2024-03-04 10:00")  # a Monday


def _events(rows) -> pd.DataFrame:
    """rows: (user, minutes after T0, event[, device])"""
    frame = pd.DataFrame(rows, columns=["user_id", "minutes", "event", "device"][: len(rows[0])])
    frame["time"] = T0 + pd.to_timedelta(frame.pop("minutes"), unit="min")
    return frame


def _expected(steps, users) -> pd.DataFrame:
    users = np.array(users, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        start = users / users[0]
        previous = np.r_[1.0, users[1:] / users[:-1]]
    return pd.DataFrame(
        {
            "step": steps,
            "users": users.astype("int64"),
            "rate_from_start": start,
            "rate_from_previous": np.where(np.isfinite(previous), previous, np.nan),
        }
    )


# ---- from_events: the DESIGN.md convention ------------------------------------------------
def test_users_count_only_for_steps_done_in_order():
    events = _events(
        [
            ("a", 0, "view"), ("a", 5, "cart"), ("a", 9, "purchase"),  # full funnel
            ("b", 0, "view"), ("b", 3, "purchase"),  # skipped the cart
            ("c", 0, "cart"), ("c", 2, "view"), ("c", 4, "purchase"),  # cart before view
            ("d", 1, "cart"), ("d", 2, "purchase"),  # never viewed: not in the funnel
        ]
    )  # fmt: skip
    result = fn.from_events(events, ["view", "cart", "purchase"])
    assert_frame_equal(result, _expected(["view", "cart", "purchase"], [3, 1, 1]))


def test_out_of_order_rows_in_the_file_do_not_matter():
    events = _events([("a", 9, "purchase"), ("a", 5, "cart"), ("a", 0, "view"), ("b", 0, "view")])
    result = fn.from_events(events, ["view", "cart", "purchase"])
    assert result["users"].tolist() == [2, 1, 1]


def test_repeated_events_count_each_user_once():
    events = _events(
        [
            ("a", 0, "view"),
            ("a", 1, "view"),
            ("a", 2, "cart"),
            ("a", 3, "cart"),
            ("a", 4, "view"),
            ("b", 0, "view"),
        ]
    )
    result = fn.from_events(events, ["view", "cart"])
    assert result["users"].tolist() == [2, 1]
    assert result["rate_from_previous"].tolist() == [1.0, 0.5]


def test_window_is_measured_from_the_first_step_one_event():
    events = _events(
        [
            ("a", 0, "view"), ("a", 30, "cart"),  # within an hour
            ("b", 0, "view"), ("b", 61, "cart"),  # too late
            ("c", 0, "view"), ("c", 100, "view"), ("c", 110, "cart"),  # anchored on the first view
        ]
    )  # fmt: skip
    assert fn.from_events(events, ["view", "cart"], window=pd.Timedelta(hours=1))["users"].tolist() == [3, 1]
    assert fn.from_events(events, ["view", "cart"])["users"].tolist() == [3, 3]


def test_a_later_step_must_also_fall_inside_the_window():
    events = _events([("a", 0, "view"), ("a", 10, "cart"), ("a", 90, "purchase")])
    result = fn.from_events(events, ["view", "cart", "purchase"], window=pd.Timedelta(hours=1))
    assert result["users"].tolist() == [1, 1, 0]


def test_a_step_nobody_reached_gives_zero_then_undefined_rates():
    events = _events([("a", 5, "purchase"), ("a", 6, "view"), ("b", 0, "view"), ("b", 1, "cart")])
    result = fn.from_events(events, ["view", "purchase", "cart"])
    assert result["users"].tolist() == [2, 0, 0]
    assert result["rate_from_previous"].iloc[1] == 0.0
    assert np.isnan(result["rate_from_previous"].iloc[2])


def test_same_timestamp_counts_as_in_order_but_a_repeated_step_needs_a_later_event():
    events = _events([("a", 0, "view"), ("a", 0, "cart"), ("b", 0, "view")])
    assert fn.from_events(events, ["view", "cart"])["users"].tolist() == [2, 1]
    assert fn.from_events(events, ["view", "view"])["users"].tolist() == [2, 0]
    again = _events([("a", 0, "view"), ("a", 3, "view")])
    assert fn.from_events(again, ["view", "view"])["users"].tolist() == [1, 1]


def test_bad_steps_and_windows_are_explained():
    events = _events([("a", 0, "view"), ("a", 1, "cart")])
    with pytest.raises(ec.AnalysisError) as err:
        fn.from_events(events, ["view", "checkout"])
    assert err.value.code == "fn_err_steps_unknown" and "checkout" in err.value.message("en")
    with pytest.raises(ec.AnalysisError, match="at least two"):
        fn.from_events(events, ["view"])
    with pytest.raises(ec.AnalysisError) as err:
        fn.from_events(events, ["view", "cart"], window=pd.Timedelta(hours=-1))
    assert err.value.code == "fn_err_window"


def test_event_units_carry_the_anchor_events_dimensions_and_step_times():
    events = _events([("a", 0, "view", "mobile"), ("a", 1, "view", "desktop"), ("a", 30, "cart", "desktop")])
    data = fn.from_events_frame(events, ["view", "cart"])
    assert data.units.loc["a", "device"] == "mobile"
    assert data.step_times.loc["a", "cart"] - data.step_times.loc["a", "view"] == pd.Timedelta(minutes=30)
    times = fn.time_to_convert(data)
    assert times.loc[0, "median_hours"] == pytest.approx(0.5)
    buckets = fn.time_buckets(data)
    assert buckets.set_index("bucket").loc["fn_bucket_1h", "count"] == 1  # 10-60 minutes


def test_default_steps_are_guessed_from_common_event_names():
    assert fn.default_steps(["pv"] * 9 + ["cart"] * 3 + ["fav"] * 4 + ["buy"]) == ["pv", "cart", "buy"]
    assert fn.default_steps(["浏览"] * 5 + ["加购"] * 3 + ["下单"] * 2 + ["支付"]) == [
        "浏览",
        "加购",
        "下单",
        "支付",
    ]
    ga4 = ["page_view"] * 9 + ["add_to_cart"] * 4 + ["begin_checkout"] * 2 + ["purchase"]
    assert fn.default_steps(ga4) == ["page_view", "add_to_cart", "begin_checkout", "purchase"]
    # unknown names: the most frequent first
    assert fn.default_steps(["x"] * 3 + ["y"] * 5 + ["z"]) == ["y", "x", "z"]


# ---- traffic (aggregate) -------------------------------------------------------------------
def _traffic(**columns) -> pd.DataFrame:
    n = len(next(iter(columns.values())))
    return pd.DataFrame({"date": pd.date_range("2024-03-04", periods=n, freq="D"), **columns})


def test_shop_metrics_follow_the_platform_definitions():
    traffic = _traffic(
        visitors=[100, 100], cart_adds=[20, 10], orderers=[5, 5], payers=[4, 4], paid_amount=[400.0, 400.0]
    )
    data = fn.from_traffic_frame(traffic)
    assert data.steps == ("visitors", "cart_adds", "orderers", "payers")
    assert fn.shop_metrics(data) == pytest.approx(
        {
            "visitors": 200,
            "cart_rate": 0.15,
            "order_rate": 0.05,
            "order_to_pay": 0.8,
            "pay_rate": 0.04,
            "paid_amount": 800.0,
            "aov": 100.0,
            "uv_value": 4.0,
        }
    )


def test_a_single_day_of_traffic_is_a_funnel():
    data = fn.from_traffic_frame(
        _traffic(visitors=[1000], cart_adds=[100], orderers=[10], paid_amount=[500.0])
    )
    table = fn.table(data)
    assert table["count"].tolist() == [1000, 100, 10]
    assert fn.days_covered(data) == 1
    leak = fn.biggest_leak(table)
    assert (leak.index, leak.from_step, leak.to_step, leak.kind) == (
        1,
        "visitors",
        "cart_adds",
        "view_to_cart",
    )
    assert leak.rate == pytest.approx(0.1) and leak.lost == 900


def test_zero_visitors_give_undefined_rates_and_no_leak():
    data = fn.from_traffic_frame(_traffic(visitors=[0, 0], cart_adds=[0, 0]))
    table = fn.table(data)
    assert np.isnan(table["rate_from_start"]).all()
    assert fn.biggest_leak(table) is None
    assert np.isnan(fn.shop_metrics(data)["cart_rate"])
    with pytest.raises(ec.AnalysisError, match="Nobody"):
        fn.check_selection(data, data)


def test_negative_and_missing_counts_are_left_out_or_zero_with_a_note():
    traffic = _traffic(visitors=[100, -5, 50], cart_adds=[10, 1, None])
    data = fn.from_traffic_frame(traffic)
    assert fn.table(data)["count"].tolist() == [150, 10]
    codes = {note.code: note.params["n"] for note in data.notes}
    assert codes == {"fn_note_negative_counts": 1, "fn_note_missing_counts": 1}


def test_traffic_without_a_second_step_is_refused():
    with pytest.raises(ec.AnalysisError) as err:
        fn.from_traffic_frame(_traffic(visitors=[10, 20]))
    assert err.value.code == "fn_err_traffic_steps"


def test_what_if_values_one_more_point_at_the_current_downstream_rate():
    traffic = _traffic(visitors=[1000], cart_adds=[100], orderers=[10], payers=[5], paid_amount=[500.0])
    data = fn.from_traffic_frame(traffic)
    result = fn.what_if(data, 2, 0.01)  # cart adders -> orderers: 10% -> 11%
    assert result.rate == pytest.approx(0.10) and result.new_rate == pytest.approx(0.11)
    # 100 cart adders x 1 pt = 1 more orderer a day, half of whom pay; 30.4375 days a month
    assert result.extra_per_month == pytest.approx(0.5 * 30.4375)
    assert result.aov == pytest.approx(100.0)
    assert result.revenue_per_month == pytest.approx(50 * 30.4375)
    assert fn.what_if(data, 2, 0.95).new_rate == 1.0  # capped
    with pytest.raises(ec.AnalysisError):
        fn.what_if(data, 0, 0.01)
    worth = fn.step_worth(data)
    assert worth["extra_per_month"].tolist() == pytest.approx(
        [1000 * 0.01 * 0.05 * 30.4375, 100 * 0.01 * 0.5 * 30.4375, 10 * 0.01 * 1.0 * 30.4375]
    )


# ---- orders only ---------------------------------------------------------------------------
def test_orders_only_funnel_counts_created_paid_and_completed_orders():
    orders = pd.DataFrame(
        {
            "order_id": ["1", "1", "2", "3", "4", "5"],
            "order_time": pd.to_datetime(["2024-03-04"] * 6),
            "revenue": [60.0, 40.0, 50.0, 30.0, 20.0, 80.0],
            "status": pd.Categorical(
                ["paid", "paid", "pending", "cancelled", "refunded", "partially_refunded"]
            ),
            "refund_amount": [0.0, 0.0, 0.0, 0.0, 20.0, 30.0],
        }
    )
    data = fn.from_orders_frame(orders)
    assert fn.table(data)["count"].tolist() == [5, 3, 2]
    assert data.units["revenue"].sum() == pytest.approx(100.0 + 50.0)  # order 1 and order 5 net of refund
    assert fn.aov(data) == pytest.approx(75.0)


def test_orders_without_status_use_the_paid_time():
    orders = pd.DataFrame(
        {
            "order_id": ["1", "2"],
            "order_time": pd.to_datetime(["2024-03-04 10:00", "2024-03-04 11:00"]),
            "paid_time": pd.to_datetime(["2024-03-04 10:30", None]),
            "revenue": [10.0, 20.0],
        }
    )
    data = fn.from_orders_frame(orders)
    assert fn.table(data)["count"].tolist() == [2, 1, 1]
    assert fn.time_to_convert(data).loc[0, "median_hours"] == pytest.approx(0.5)


# ---- breakdowns, trend, sales identity -----------------------------------------------------
def _two_channel_traffic() -> fn.FunnelData:
    traffic = pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-03-04"] * 3),
            "channel": ["A", "B", "C"],
            "visitors": [1000, 1000, 20],
            "cart_adds": [300, 100, 5],
        }
    )
    return fn.from_traffic_frame(traffic)


def test_breakdown_gives_wilson_intervals_and_flags_against_the_rest():
    rows = fn.breakdown(_two_channel_traffic(), "channel").set_index("segment")
    assert rows.loc["A", "rate"] == pytest.approx(0.3)
    low, high = stats.wilson_interval(300, 1000)
    assert (rows.loc["A", "ci_low"], rows.loc["A", "ci_high"]) == pytest.approx((low, high))
    assert rows.loc["A", "rest_rate"] == pytest.approx(105 / 1020)
    assert rows.loc["A", "flag"] == "higher" and rows.loc["B", "flag"] == "lower"
    assert rows.loc["C", "flag"] == "small"  # 20 visitors: too small to judge
    raw = stats.two_proportion_p_value(105, 1020, 300, 1000)
    assert rows.loc["A", "p_value"] == pytest.approx(min(1.0, 3 * raw))  # Holm: smallest of three


def test_breakdown_on_a_single_value_or_missing_column_is_explained():
    data = fn.from_traffic_frame(_traffic(visitors=[10, 10], cart_adds=[1, 2]).assign(channel="A"))
    assert data.dimensions == []
    with pytest.raises(ec.AnalysisError) as err:
        fn.breakdown(data, "channel")
    assert err.value.code == "fn_err_breakdown_one"
    with pytest.raises(ec.AnalysisError) as err:
        fn.breakdown(data, "device")
    assert err.value.code == "fn_err_breakdown_column"


def test_weekly_trend_starts_weeks_on_monday():
    traffic = _traffic(visitors=[10] * 8, cart_adds=[1] * 7 + [5])  # Mon 4 March .. Mon 11 March
    rows = fn.trend(fn.from_traffic_frame(traffic), "W")
    assert rows["period"].tolist() == [pd.Timestamp("2024-03-04"), pd.Timestamp("2024-03-11")]
    assert rows["rate"].tolist() == pytest.approx([0.1, 0.5])
    with pytest.raises(ec.AnalysisError):
        fn.trend(fn.from_traffic_frame(traffic), "Q")


def test_sales_change_splits_exactly_into_visitor_conversion_and_aov_effects():
    traffic = _traffic(visitors=[100, 200], payers=[10, 20], paid_amount=[100.0, 200.0])
    change = fn.sales_change(fn.from_traffic_frame(traffic), ("2024-03-04",), ("2024-03-05", "2024-03-05"))
    assert change.before == pytest.approx({"visitors": 100, "conversion": 0.1, "aov": 10.0, "sales": 100.0})
    assert (change.visitor_effect, change.conversion_effect, change.aov_effect) == pytest.approx(
        (100.0, 0.0, 0.0)
    )
    mixed = _traffic(visitors=[100, 120], payers=[10, 18], paid_amount=[100.0, 162.0])
    change = fn.sales_change(fn.from_traffic_frame(mixed), ("2024-03-04",), ("2024-03-05",))
    total = change.visitor_effect + change.conversion_effect + change.aov_effect
    assert total == pytest.approx(62.0) and change.change == pytest.approx(62.0)
    assert change.aov_effect < 0 < change.conversion_effect  # AOV fell from 10 to 9
    with pytest.raises(ec.AnalysisError) as err:
        fn.sales_change(fn.from_traffic_frame(mixed), ("2023-01-01", "2023-01-31"), ("2024-03-05",))
    assert "2024-03-04" in err.value.message("en")


def test_default_periods_are_the_last_days_and_the_equal_period_before():
    data = fn.from_traffic_frame(_traffic(visitors=[1] * 10, payers=[1] * 10))
    before, after = fn.default_periods(data)
    assert after == (pd.Timestamp("2024-03-09").date(), pd.Timestamp("2024-03-13").date())
    assert before == (pd.Timestamp("2024-03-04").date(), pd.Timestamp("2024-03-08").date())


def test_date_and_channel_selections():
    data = _two_channel_traffic()
    assert fn.table(data.where("channel", ["A"]))["count"].tolist() == [1000, 300]
    empty = data.between("2025-01-01", "2025-01-31")
    with pytest.raises(ec.AnalysisError) as err:
        fn.check_selection(empty, data)
    assert err.value.code == "fn_err_empty_range" and "2024-03-04" in err.value.message("zh")


# ---- when and where ------------------------------------------------------------------------
def test_hour_weekday_fills_every_cell():
    cells = fn.hour_weekday(
        pd.Series(pd.to_datetime(["2024-03-04 10:15", "2024-03-04 10:45", "2024-03-10 23:00"]))
    )
    assert len(cells) == 7 * 24 and cells["count"].sum() == 3
    grid = cells.set_index(["weekday", "hour"])["count"]
    assert grid[(0, 10)] == 2 and grid[(6, 23)] == 1
    assert cells["share"].sum() == pytest.approx(1.0)


def test_regions_leave_out_cancelled_orders_and_count_orders_once():
    orders = pd.DataFrame(
        {
            "order_id": ["1", "1", "2", "3"],
            "order_time": pd.to_datetime(["2024-03-04"] * 4),
            "revenue": [10.0, 20.0, 50.0, 99.0],
            "customer_id": ["x", "x", "y", "z"],
            "region": ["浙江", "浙江", "上海", "上海"],
            "status": pd.Categorical(["paid", "paid", "paid", "cancelled"]),
        }
    )
    expected = pd.DataFrame(
        {
            "region": ["上海", "浙江"],
            "orders": [1, 1],
            "buyers": [1, 1],
            "revenue": [50.0, 30.0],
            "aov": [50.0, 30.0],
            "revenue_share": [50 / 80, 30 / 80],
        }
    )
    assert_frame_equal(fn.regions(orders), expected, check_dtype=False)
    with pytest.raises(ec.AnalysisError):
        fn.regions(orders.drop(columns="region"))


# ---- the sample shop's planted leak --------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_sample_shop_leaks_between_cart_and_checkout_worst_on_mobile(sample_shop, lang):
    shop = sample_shop(lang)
    events = fn.from_events_frame(shop["events"].frame, fn.default_steps(shop["events"].frame["event"]))
    leak = fn.biggest_leak(fn.table(events))
    assert leak.kind == "cart_to_checkout" and leak.rate == pytest.approx(0.266, abs=0.001)
    worst = fn.weakest_segment(events, leak, events.dimensions)
    assert worst["dimension"] == "device" and worst["segment"] == {"en": "mobile", "zh": "手机"}[lang]
    traffic = fn.from_traffic_frame(shop["traffic"].frame)
    leak = fn.biggest_leak(fn.table(traffic))
    assert (leak.from_step, leak.to_step) == ("cart_adds", "orderers")
    assert leak.rate == pytest.approx(0.165, abs=0.001)


def test_a_clickstream_without_revenue_is_valued_at_the_orders_aov():
    events = _events([("a", 0, "view"), ("a", 5, "purchase"), ("b", 0, "view")])
    data = fn.from_events_frame(events, ["view", "purchase"])
    assert np.isnan(fn.unit_value(data))
    orders = pd.DataFrame(
        {"order_id": ["1", "2"], "order_time": pd.to_datetime(["2024-03-04"] * 2), "revenue": [30.0, 50.0]}
    )
    assert fn.unit_value(data, orders) == pytest.approx(40.0)


def test_data_without_readable_dates_is_explained_not_drawn():
    undated = pd.DataFrame({"date": pd.to_datetime([None, None]), "visitors": [1, 2], "cart_adds": [0, 1]})
    with pytest.raises(ec.AnalysisError) as err:
        fn.funnel_data(undated, "traffic")
    assert err.value.code == "fn_err_no_dated"
    events = pd.DataFrame(
        {"user_id": ["a", "b"], "time": pd.to_datetime([None, None]), "event": ["view", "cart"]}
    )
    with pytest.raises(ec.AnalysisError, match="readable date"):
        fn.funnel_data(events, "events")


def test_infinite_counts_are_read_as_missing():
    traffic = _traffic(visitors=[np.inf, 5], cart_adds=[1, np.nan])
    data = fn.from_traffic_frame(traffic)
    assert fn.table(data)["count"].tolist() == [5, 1]
    assert {n.code for n in data.notes} == {"fn_note_missing_counts"}


def test_breakdown_names_every_channel_as_the_rest_of_the_app_does():
    from ecom_core.funnel import charts, present
    from ecom_core.i18n import t

    rows = pd.DataFrame(
        {
            "segment": ["Organic Search", "直通车", "my-partner"],
            "from_step": "cart", "to_step": "checkout", "entering": [100, 80, 60], "converted": [30, 20, 10],
            "rate": [0.3, 0.25, 0.167], "ci_low": [0.2, 0.16, 0.09], "ci_high": [0.4, 0.36, 0.28],
            "rest_rate": [0.22, 0.25, 0.27], "p_value": [0.1, 1.0, 0.2], "flag": ["", "", ""],
        }
    )  # fmt: skip
    table = present.breakdown_table(rows, {}, "zh", by="channel")
    assert table[t("fn_col_segment", "zh")].tolist() == ["自然搜索", "直通车", "my-partner"]
    spec = charts.breakdown_chart(rows, {}, "渠道", "zh", by="channel").to_dict()
    assert set(pd.DataFrame(next(iter(spec["datasets"].values())))["segment"]) == {"自然搜索", "直通车", "my-partner"}
    axis = spec["spec"]["layer"][0]["encoding"]["y"]["axis"]
    assert axis["labelOverlap"] is False  # every segment keeps its name
