"""Unit tests of ecom_core.channels on tiny inline frames with hand-computed expectations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from scipy import optimize

import ecom_core as ec
from ecom_core import channels as chn
from ecom_core.i18n import t

# ---- grouping --------------------------------------------------------------------------
# GA4's documented default channel grouping: source / medium -> channel.
GA4_EXAMPLES = [
    ("(direct) / (none)", "Direct"),
    ("(direct) / (not set)", "Direct"),
    ("google / cpc", "Paid Search"),
    ("bing / ppc", "Paid Search"),
    ("baidu / paid", "Paid Search"),
    ("google / organic", "Organic Search"),
    ("baidu", "Organic Search"),
    ("facebook / cpc", "Paid Social"),
    ("tiktok / paid_social", "Paid Social"),
    ("m.facebook.com / referral", "Organic Social"),
    ("instagram", "Organic Social"),
    ("newsletter / social", "Organic Social"),
    ("youtube / cpc", "Paid Video"),
    ("youtube / referral", "Organic Video"),
    ("vendor / video", "Organic Video"),
    ("amazon / cpc", "Paid Shopping"),
    ("ebay / referral", "Organic Shopping"),
    ("criteo / display", "Display"),
    ("adnetwork / cpm", "Display"),  # GA4 checks Display before Paid Other
    ("adnetwork / cpa", "Paid Other"),
    ("partner / retargeting", "Paid Other"),
    ("example.com / referral", "Referral"),
    ("app.example / app", "Referral"),
    ("newsletter / email", "Email"),
    ("e-mail", "Email"),
    ("awin / affiliate", "Affiliates"),
    ("spotify / audio", "Audio"),
    ("sms", "SMS"),
    ("firebase / push", "Mobile Push Notifications"),
    ("crm / mobile-notification", "Mobile Push Notifications"),
    ("summer_cross-network", "Cross-network"),
    ("somewhere / something", "Unassigned"),
    ("", "Unassigned"),
]

CHINESE_EXAMPLES = [
    ("直通车", "Zhitongche", "paid"),
    ("淘宝直通车-关键词推广", "Zhitongche", "paid"),
    ("手淘搜索", "Taobao Search", "organic"),
    ("手淘推荐-猜你喜欢", "Taobao Feed", "organic"),
    ("淘宝客", "Taobaoke", "paid"),
    ("引力魔方", "Yinli Mofang", "paid"),
    ("超级推荐", "Yinli Mofang", "paid"),
    ("抖音", "Douyin", "referral_viral"),
    ("小红书", "Xiaohongshu", "referral_viral"),
    ("私域/微信", "WeChat", "owned_private"),
    ("企业微信社群", "WeChat", "owned_private"),
    ("淘宝直播", "Livestream", "referral_viral"),
    ("站外", "Off-site", "referral_viral"),
    ("我的淘宝", "Direct", "organic"),
]


@pytest.mark.parametrize(("value", "group"), GA4_EXAMPLES)
def test_ga4_default_channel_grouping(value, group):
    got = chn.assign_groups([value])
    assert got.loc[0, "group"] == group
    assert got.loc[0, "class"] == chn.GROUP_CLASS[group]


@pytest.mark.parametrize(("value", "group", "cls"), CHINESE_EXAMPLES)
def test_chinese_platform_sources(value, group, cls):
    got = chn.assign_groups([value])
    assert (got.loc[0, "group"], got.loc[0, "class"]) == (group, cls)


def test_group_names_in_either_language_keep_their_group():
    got = chn.assign_groups(["Paid Search", "付费搜索", "直通车", "Zhitongche", "WeChat", "私域/微信"])
    assert list(got["group"]) == [
        "Paid Search",
        "Paid Search",
        "Zhitongche",
        "Zhitongche",
        "WeChat",
        "WeChat",
    ]


def test_unmatched_values_are_unassigned_or_kept_as_their_own_channel():
    ga4 = chn.assign_groups(["Online Store", "Marketplace", ""])
    assert list(ga4["group"]) == ["Unassigned"] * 3
    assert not ga4["matched"].any()
    own = chn.assign_groups(["Online Store", "Marketplace", ""], keep_unmatched=True)
    assert list(own["group"]) == ["Online Store", "Marketplace", "Unassigned"]
    assert list(own["class"]) == ["unassigned"] * 3


def test_rules_are_data_and_a_broken_user_pattern_does_not_crash():
    rules = pd.concat(
        [
            pd.DataFrame({"source": ["(unclosed", "^web$"], "medium": ["", ""], "group": ["X", "Own shop"]}),
            chn.DEFAULT_RULES,
        ],
        ignore_index=True,
    ).assign(**{"class": lambda d: d["class"].fillna("owned_private")})
    got = chn.assign_groups(["web", "google / cpc"], rules)
    assert list(got["group"]) == ["Own shop", "Paid Search"]
    assert got.loc[0, "class"] == "owned_private"
    assert got.loc[0, "rule"] == 1  # the broken rule 0 never matched


def test_channel_mapping_counts_rows_revenue_and_kinds_and_applies_overrides():
    orders = pd.DataFrame(
        {"channel": ["直通车", "直通车", "xpartner", None], "revenue": [10.0, 5.0, 7.0, 1.0]}
    )
    spend = pd.DataFrame({"channel": ["直通车", "google / cpc"], "spend": [3.0, 4.0]})
    m = chn.channel_mapping({"orders": orders, "spend": spend, "traffic": None})
    expected = pd.DataFrame(
        {
            "value": ["直通车", "", "google / cpc", "xpartner"],
            "group": ["Zhitongche", "Unassigned", "Paid Search", "xpartner"],
            "class": ["paid", "unassigned", "paid", "unassigned"],
            "matched": [True, False, True, False],
            "rows": [3, 1, 1, 1],
            "revenue": [15.0, 1.0, 0.0, 7.0],
            "kinds": ["orders, spend", "orders", "spend", "orders"],
        }
    ).astype({"value": "str", "group": "str", "class": "str", "kinds": "str"})
    assert_frame_equal(m, expected)
    audit = chn.unassigned_audit(m)
    assert set(audit["value"]) == {"", "xpartner"}
    assert audit.set_index("value").loc["xpartner", "revenue_share"] == pytest.approx(7 / 23)

    ov = pd.DataFrame({"value": ["xpartner"], "group": ["Direct"], "class": ["organic"]})
    m2 = chn.channel_mapping({"orders": orders}, overrides=ov)
    assert m2.set_index("value").loc["xpartner", ["group", "class"]].tolist() == ["Direct", "organic"]
    assert list(chn.unassigned_audit(m2)["value"]) == [""]


def test_localised_group_names_round_trip_and_typed_names_are_understood():
    m = chn.channel_mapping(
        {"orders": pd.DataFrame({"channel": ["直通车", "google / cpc"], "revenue": [1.0, 2.0]})}
    )
    zh = chn.localise_groups(m, "zh")
    assert set(zh["group"]) == {"直通车", "付费搜索"}
    assert_frame_equal(chn.canonical_groups(zh), m)
    assert m["value"].tolist() == ["google / cpc", "直通车"]
    typed = zh.assign(group=["  ", "自然搜索"])  # a blank; a built-in name typed in Chinese
    back = chn.canonical_groups(typed)
    assert back["group"].tolist() == ["google / cpc", "Organic Search"]


def test_apply_mapping_levels():
    frame = pd.DataFrame({"channel": ["直通车", " google / cpc ", "xpartner", None]})
    m = chn.channel_mapping({"orders": frame.assign(revenue=1.0)})
    by_group = chn.apply_mapping(frame, m, level="group")["channel_key"].tolist()
    assert by_group == ["Zhitongche", "Paid Search", "xpartner", "Unassigned"]
    assert chn.apply_mapping(frame, m, level="class")["channel_key"].tolist() == [
        "paid",
        "paid",
        "unassigned",
        "unassigned",
    ]
    assert chn.apply_mapping(frame, None, level="value")["channel_key"].tolist() == [
        "直通车",
        "google / cpc",
        "xpartner",
        "Unassigned",
    ]
    with pytest.raises(ValueError):
        chn.apply_mapping(frame, m, level="nope")


# ---- the channel table -----------------------------------------------------------------
def _orders() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "order_id": ["o1", "o1", "o2", "o3", "o4", "o5"],
            "order_time": pd.to_datetime(
                [
                    "2024-01-01 10:00",
                    "2024-01-01 10:00",
                    "2024-01-02 11:00",
                    "2024-01-03 12:00",
                    "2024-01-03 13:00",
                    "2024-01-04 14:00",
                ]
            ),
            "revenue": [100.0, 50.0, 200.0, 80.0, 70.0, 30.0],
            "customer_id": ["c1", "c1", "c2", "c1", "c3", "c4"],
            "channel": ["google / cpc", "google / cpc", "直通车", "直通车", "直通车", "email"],
            "region": ["浙江", "浙江", "广东", "浙江", "广东", "上海"],
            "status": ["paid", "paid", "paid", "paid", "cancelled", "refunded"],
            "refund_amount": [0.0, 0.0, 0.0, 0.0, 0.0, 30.0],
        }
    )


def _spend() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04"]),
            "channel": ["google / cpc", "直通车", "直通车", "email"],
            "spend": [60.0, 100.0, 100.0, 0.0],
        }
    )


def test_channel_table_by_hand():
    rep = chn.channel_table(_orders(), _spend(), margin=0.4)
    tab = rep.table.set_index("channel")
    # Zhitongche: o2 200 + o3 80 (o4 cancelled); customers c2, c1; new: c2 only (c1 came
    # through Paid Search first); spend 200 -> ROAS 1.4 < 2.5
    got = tab.loc[
        ["Zhitongche", "Paid Search", "Email"], ["orders", "revenue", "customers", "new_customers", "spend"]
    ]
    expected = pd.DataFrame(
        {
            "orders": [2, 1, 1],
            "revenue": [280.0, 150.0, 30.0],
            "customers": [2, 1, 1],
            "new_customers": [1.0, 1.0, 1.0],
            "spend": [200.0, 60.0, 0.0],
        },
        index=pd.Index(["Zhitongche", "Paid Search", "Email"], name="channel"),
    )
    assert_frame_equal(got, expected, check_dtype=False)
    z = tab.loc["Zhitongche"]
    assert z["roas"] == pytest.approx(280 / 200)
    assert z["aov"] == pytest.approx(140.0)
    assert z["cpa"] == pytest.approx(100.0)
    assert z["cac"] == pytest.approx(200.0)
    assert z["profit"] == pytest.approx(280 * 0.4 - 200)
    assert z["profit_roi"] == pytest.approx((280 * 0.4 - 200) / 200)
    assert z["revenue_share"] == pytest.approx(280 / 460)
    assert z["spend_share"] == pytest.approx(200 / 260)
    assert bool(z["below_break_even"])
    # exactly at break-even (150 / 60 = 2.5) is not below it
    assert tab.loc["Paid Search", "roas"] == pytest.approx(2.5)
    assert not bool(tab.loc["Paid Search", "below_break_even"])
    # refunded order counts as paid revenue (platform 支付金额), refund shown beside it
    assert tab.loc["Email", "refunds"] == pytest.approx(30.0)
    assert np.isnan(tab.loc["Email", "roas"]) and np.isnan(tab.loc["Email", "cpa"])
    assert tab.loc["Email", "profit"] == pytest.approx(12.0)
    assert rep.flagged == ("Zhitongche",)
    assert rep.break_even_roas == pytest.approx(2.5)
    assert rep.total["roas"] == pytest.approx(430 / 260)  # blended over channels with spend
    assert rep.total["revenue"] == pytest.approx(460.0)
    assert rep.total["orders"] == 4
    assert list(rep.table.columns) == list(chn.TABLE_COLUMNS)
    assert (rep.start, rep.end) == (pd.Timestamp("2024-01-01"), pd.Timestamp("2024-01-04"))


def test_traffic_gives_visitors_and_conversion():
    traffic = pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-02"]),
            "channel": ["google / cpc", "直通车", "email"],
            "visitors": [50, 100, 10],
            "payers": [1, 2, 1],
        }
    )
    rep = chn.channel_table(_orders(), None, traffic)
    tab = rep.table.set_index("channel")
    assert tab.loc["Zhitongche", "visitors"] == 100
    assert tab.loc["Zhitongche", "conversion_rate"] == pytest.approx(0.02)
    assert tab.loc["Paid Search", "visitor_share"] == pytest.approx(50 / 160)
    assert rep.has_traffic and not rep.has_spend
    assert tab["roas"].isna().all()
    assert rep.total["conversion_rate"] == pytest.approx(4 / 160)


def test_orders_alone_and_without_channel_column():
    rep = chn.channel_table(_orders())
    assert not rep.has_spend and rep.flagged == ()
    assert rep.table["revenue"].sum() == pytest.approx(460.0)
    bare = chn.channel_table(_orders().drop(columns="channel"))
    assert bare.table["channel"].tolist() == ["Unassigned"]
    assert bare.table.loc[0, "revenue"] == pytest.approx(460.0)


def test_level_class_and_value():
    by_class = chn.channel_table(_orders(), _spend(), level="class").table.set_index("channel")
    assert by_class.loc["paid", "revenue"] == pytest.approx(430.0)
    assert by_class.loc["paid", "spend"] == pytest.approx(260.0)
    by_value = chn.channel_table(_orders(), _spend(), level="value").table.set_index("channel")
    assert by_value.loc["直通车", "class"] == "unassigned"  # no mapping given: raw values
    assert by_value.loc["直通车", "roas"] == pytest.approx(1.4)


def _codes(rep) -> dict[str, str]:
    return {n.code: n.level for n in rep.notes}


def test_negative_spend_rows_are_left_out_with_a_warning():
    sp = pd.concat(
        [
            _spend(),
            pd.DataFrame({"date": [pd.Timestamp("2024-01-02")], "channel": ["直通车"], "spend": [-50.0]}),
        ]
    )
    rep = chn.channel_table(_orders(), sp)
    assert _codes(rep)["ch_note_negative_spend"] == "warning"
    assert rep.table.set_index("channel").loc["Zhitongche", "spend"] == pytest.approx(200.0)
    assert "50.00" in next(n for n in rep.notes if n.code == "ch_note_negative_spend").text("en")
    with pytest.raises(ec.AnalysisError) as err:
        chn.channel_table(_orders(), _spend().assign(spend=-1.0))
    assert err.value.code == "ch_err_spend_all_negative"


def test_spend_outside_the_orders_period_is_explained():
    sp = _spend().assign(date=pd.to_datetime(["2023-01-01", "2023-01-02", "2023-01-03", "2023-01-04"]))
    rep = chn.channel_table(_orders(), sp)
    assert _codes(rep)["ch_note_spend_no_overlap"] == "error"
    assert not rep.has_spend
    text = next(n for n in rep.notes if n.code == "ch_note_spend_no_overlap").text("zh")
    assert "2023-01-01" in text and "2024-01-04" in text


def test_partial_overlap_restricts_the_period():
    sp = _spend().loc[lambda d: d["date"] >= "2024-01-02"]
    rep = chn.channel_table(_orders(), sp)
    assert rep.start == pd.Timestamp("2024-01-02")
    assert "ch_note_period_overlap" in _codes(rep)
    assert "Paid Search" not in set(rep.table["channel"])  # its only order was on the 1st


def test_zero_spend_and_spend_on_a_channel_without_orders():
    rep = chn.channel_table(_orders(), _spend().assign(spend=0.0))
    assert _codes(rep)["ch_note_zero_spend"] == "warning"
    assert not rep.has_spend and rep.table["roas"].isna().all()
    extra = pd.concat(
        [
            _spend(),
            pd.DataFrame({"date": [pd.Timestamp("2024-01-02")], "channel": ["小红书"], "spend": [40.0]}),
        ]
    )
    rep = chn.channel_table(_orders(), extra)
    note = next(n for n in rep.notes if n.code == "ch_note_spend_without_orders")
    assert note.level == "warning" and "Xiaohongshu" in note.text("en")
    row = rep.table.set_index("channel").loc["Xiaohongshu"]
    assert row["revenue"] == 0 and row["roas"] == 0 and bool(row["below_break_even"])


def test_spend_without_dates_covers_the_orders_period():
    rep = chn.channel_table(_orders(), _spend().drop(columns="date"))
    assert "ch_note_spend_no_dates" in _codes(rep)
    assert rep.table.set_index("channel").loc["Zhitongche", "roas"] == pytest.approx(1.4)


@pytest.mark.parametrize("margin", [0.0, -0.1, 1.5])
def test_margin_must_be_a_share(margin):
    with pytest.raises(ec.AnalysisError) as err:
        chn.channel_table(_orders(), margin=margin)
    assert err.value.code == "ch_err_margin"


def test_no_paid_order_is_an_error():
    with pytest.raises(ec.AnalysisError) as err:
        chn.channel_table(_orders().assign(status="cancelled"))
    assert err.value.code == "ch_err_no_paid_orders"
    assert "取消" in err.value.message("zh")


def test_paid_time_without_status_decides_what_is_paid():
    o = _orders().drop(columns="status")
    o["paid_time"] = o["order_time"].where(o["order_id"] != "o4")
    rep = chn.channel_table(o)
    assert rep.total["revenue"] == pytest.approx(460.0)


def test_customer_quality_by_first_channel():
    q = chn.customer_quality(_orders(), _spend(), margin=0.4).set_index("channel")
    # c1: first order Paid Search, 2 orders, 230 in total; c2: Zhitongche, 200; c4: Email, 30
    assert q.loc[
        "Paid Search", ["customers", "repeat_rate", "orders_per_customer", "revenue_per_customer"]
    ].tolist() == [
        1,
        1.0,
        2.0,
        230.0,
    ]
    assert q.loc["Zhitongche", "cac"] == pytest.approx(200.0)
    assert q.loc["Zhitongche", "ltv_cac"] == pytest.approx(200 * 0.4 / 200)
    assert q.loc["Paid Search", "ltv_cac"] == pytest.approx(230 * 0.4 / 60)
    assert np.isnan(q.loc["Email", "cac"])  # zero spend: no CAC
    with pytest.raises(ec.AnalysisError) as err:
        chn.customer_quality(_orders().drop(columns="customer_id"))
    assert err.value.code == "ch_err_no_customers"


def test_trend_patterns_and_regions():
    tr = chn.channel_trend(_orders(), _spend(), freq="D")
    z = tr.loc[tr["channel"] == "Zhitongche"].set_index("period")
    assert z.loc[pd.Timestamp("2024-01-02"), "roas"] == pytest.approx(2.0)
    assert z.loc[pd.Timestamp("2024-01-03"), "revenue"] == pytest.approx(80.0)
    weekly = chn.channel_trend(_orders(), freq="W")
    assert set(weekly["period"]) == {pd.Timestamp("2024-01-01")}  # a Monday
    pt = chn.time_patterns(_orders())
    assert pt.groupby("channel")["share"].sum().round(9).eq(1.0).all()
    mix = chn.region_mix(_orders(), top=1).set_index(["channel", "region"])
    assert mix.loc[("Zhitongche", "Other"), "revenue"] == pytest.approx(200.0)  # 广东
    assert mix.loc[("Zhitongche", "浙江"), "share"] == pytest.approx(80 / 280)
    with pytest.raises(ec.AnalysisError):
        chn.region_mix(_orders().drop(columns="region"))


# ---- curves and the allocator ----------------------------------------------------------
def test_response_and_marginal_by_hand():
    # revenue(b) = roas0 * b * (1 - 1/e); marginal(b) = roas0 / e
    assert chn.response(100.0, 3.0, 100.0) == pytest.approx(3 * 100 * (1 - np.exp(-1)))
    assert chn.marginal(100.0, 3.0, 100.0) == pytest.approx(3 * np.exp(-1))
    assert chn.response(0.0, 3.0, 100.0) == 0.0


def _weekly(channel_params: dict[str, tuple[float, float]], weeks: int, noise: float = 0.0, seed: int = 1):
    """Daily orders and spend over ``weeks`` full weeks whose weekly revenue follows the
    planted curves exactly (per channel and week: an order on Monday with the week's
    revenue and an empty one on Sunday, so orders cover every week to its end)."""
    rng = np.random.default_rng(seed)
    mondays = pd.date_range("2024-01-01", periods=weeks, freq="7D")
    orders, spend = [], []
    for name, (r0, b) in channel_params.items():
        s = b * rng.uniform(0.3, 1.5, weeks)
        y = chn.response(s, r0, b) * (1 + noise * rng.standard_normal(weeks))
        for i, day in enumerate(mondays):
            orders.append((f"{name}{i}", day, y[i], name))
            orders.append((f"{name}{i}z", day + pd.Timedelta(days=6), 0.0, name))
            spend += [(day + pd.Timedelta(days=d), name, s[i] / 7) for d in range(7)]
    o = pd.DataFrame(orders, columns=["order_id", "order_time", "revenue", "channel"])
    sp = pd.DataFrame(spend, columns=["date", "channel", "spend"])
    return o, sp


def test_curves_are_fitted_to_enough_weeks_and_recover_planted_parameters():
    o, sp = _weekly({"Paid Search": (4.0, 1000.0), "Paid Social": (2.5, 3000.0)}, weeks=20)
    rc = chn.ResponseCurves(min_periods=12).fit(o, sp)
    for name, (r0, b) in {"Paid Search": (4.0, 1000.0), "Paid Social": (2.5, 3000.0)}.items():
        c = rc.curves_[name]
        assert c.kind == "fitted" and c.n_periods == 20
        assert c.roas0 == pytest.approx(r0, rel=1e-3)
        assert c.b == pytest.approx(b, rel=1e-3)
    tab = rc.table_.set_index("channel")
    assert tab.loc["Paid Search", "marginal_roas"] == pytest.approx(
        4.0 * np.exp(-tab.loc["Paid Search", "current_spend"] / 1000.0), rel=1e-3
    )


def test_too_few_weeks_give_an_assumed_curve_through_the_current_point():
    o, sp = _weekly({"Paid Search": (4.0, 1000.0)}, weeks=5)
    rc = chn.ResponseCurves(min_periods=12, saturation=3.0).fit(o, sp)
    c = rc.curves_["Paid Search"]
    assert c.kind == "assumed" and c.n_periods == 5
    assert c.b == pytest.approx(3.0 * c.current_spend)
    assert float(c.predict(c.current_spend)) == pytest.approx(c.current_revenue)
    # at saturation 3 the next yuan returns exp(-1/3) of the first yuan's
    assert float(c.marginal(c.current_spend)) / c.roas0 == pytest.approx(np.exp(-1 / 3))
    with pytest.raises(ec.AnalysisError):
        chn.ResponseCurves(saturation=0).fit(o, sp)


def _planted():
    return {
        "A": chn.Curve("A", "fitted", 4.0, 1000.0, 800.0, 0.0, 20),
        "B": chn.Curve("B", "fitted", 3.0, 2000.0, 1500.0, 0.0, 20),
        "C": chn.Curve("C", "fitted", 2.0, 500.0, 700.0, 0.0, 20),
    }


def test_allocator_finds_the_planted_optimum_within_one_percent():
    curves = _planted()
    budget = 3000.0
    r0 = np.array([4.0, 3.0, 2.0])
    b = np.array([1000.0, 2000.0, 500.0])
    # closed form when no limit binds: sum b_i ln(r0_i / lam) = budget
    lam = np.exp((np.sum(b * np.log(r0)) - budget) / b.sum())
    expected = b * np.log(r0 / lam)
    assert (expected > 0).all()
    got = chn.allocate(curves, budget, n_draws=0)
    np.testing.assert_allclose(got.table["new_spend"], expected, rtol=0.01)
    # and an independent numerical optimiser agrees:
    # scipy.optimize.minimize(-sum(response), method="SLSQP", sum(s) == budget, s >= 0)
    res = optimize.minimize(
        lambda s: -chn.response(s, r0, b).sum(),
        x0=np.full(3, budget / 3),
        method="SLSQP",
        bounds=[(0, budget)] * 3,
        constraints=[{"type": "eq", "fun": lambda s: s.sum() - budget}],
    )
    np.testing.assert_allclose(got.table["new_spend"], res.x, rtol=0.01)
    assert got.budget == pytest.approx(budget)
    assert got.revenue_change == pytest.approx(
        chn.response(expected, r0, b).sum() - chn.response(np.array([800.0, 1500.0, 700.0]), r0, b).sum(),
        rel=1e-6,
    )
    # equal marginal ROAS at the optimum
    np.testing.assert_allclose(got.table["marginal_roas_after"], lam, rtol=1e-6)


def test_allocator_respects_limits_and_total():
    lower = {"A": 0.0, "B": 1400.0, "C": 600.0}
    upper = {"A": 900.0, "B": 2000.0, "C": 1000.0}
    got = chn.allocate(_planted(), 3000.0, lower=lower, upper=upper, n_draws=0).table.set_index("channel")
    assert got["new_spend"].sum() == pytest.approx(3000.0)
    for name in "ABC":
        assert lower[name] - 1e-9 <= got.loc[name, "new_spend"] <= upper[name] + 1e-9
    assert got.loc["A", "new_spend"] == pytest.approx(900.0)  # best channel capped
    with pytest.raises(ec.AnalysisError) as err:
        chn.allocate(_planted(), 10_000.0, lower=lower, upper=upper)
    assert err.value.code == "ch_err_budget_outside_limits"
    with pytest.raises(ec.AnalysisError):
        chn.allocate(_planted(), 3000.0, lower={"A": 5.0}, upper={"A": 1.0})


def test_target_roas_spends_only_what_keeps_the_target():
    got = chn.allocate(_planted(), 6000.0, target_roas=2.5, n_draws=0)
    assert got.target_met is True
    assert got.roas_after == pytest.approx(2.5, rel=1e-4)
    assert got.budget < 6000.0
    unreachable = chn.allocate(
        _planted(), 3000.0, lower={"C": 2000.0}, upper={"C": 3000.0}, target_roas=5.0, n_draws=0
    )
    assert unreachable.target_met is False


def test_uncertainty_interval_is_reproducible_and_brackets_the_estimate():
    o, sp = _weekly({"Paid Search": (4.0, 1000.0), "Paid Social": (2.5, 3000.0)}, weeks=30, noise=0.1)
    rc = chn.ResponseCurves().fit(o, sp)
    lim = chn.allocation_limits(rc, 0.5)
    args = {
        "lower": dict(zip(lim["channel"], lim["lower"], strict=True)),
        "upper": dict(zip(lim["channel"], lim["upper"], strict=True)),
    }
    a1 = chn.allocate(rc, **args, random_state=3)
    a2 = chn.allocate(rc, **args, random_state=3)
    assert (a1.change_low, a1.change_high) == (a2.change_low, a2.change_high)
    assert a1.change_low < a1.revenue_change < a1.change_high


def test_scenario_predicts_a_hand_split():
    got = chn.scenario(_planted(), {"A": 1000.0})
    row = got.table.set_index("channel").loc["A"]
    assert row["new_revenue"] - row["current_revenue"] == pytest.approx(
        chn.response(1000.0, 4.0, 1000.0) - chn.response(800.0, 4.0, 1000.0)
    )
    assert got.table.set_index("channel").loc["B", "spend_change"] == 0
    with pytest.raises(ec.AnalysisError):
        chn.scenario(_planted(), {"A": -1.0})


def test_curves_need_dated_spend_that_overlaps_the_orders():
    o, sp = _weekly({"Paid Search": (4.0, 1000.0)}, weeks=14)
    with pytest.raises(ec.AnalysisError) as err:
        chn.ResponseCurves().fit(o, sp.drop(columns="date"))
    assert err.value.code == "ch_err_spend_needs_dates"
    with pytest.raises(ec.AnalysisError) as err:
        chn.ResponseCurves().fit(o, sp.assign(date=sp["date"] - pd.Timedelta(days=400)))
    assert err.value.code == "ch_err_spend_no_overlap"


# ---- attribution -----------------------------------------------------------------------
def _events() -> pd.DataFrame:
    rows = [
        # user, time, event, session, channel, revenue
        ("u1", "2024-01-01 10:00", "view", "s1", "google / cpc", 0.0),
        ("u1", "2024-01-03 10:00", "view", "s2", "email", 0.0),
        ("u1", "2024-01-04 10:00", "view", "s3", "直通车", 0.0),
        ("u1", "2024-01-04 10:05", "purchase", "s3", "直通车", 100.0),
        ("u2", "2024-01-02 09:00", "view", "s4", "email", 0.0),
        ("u2", "2024-01-02 09:10", "purchase", "s4", "email", 50.0),
        ("u3", "2024-01-02 09:00", "view", "s5", "抖音", 0.0),  # never buys
    ]
    f = pd.DataFrame(rows, columns=["user_id", "time", "event", "session_id", "channel", "revenue"])
    return f.assign(time=pd.to_datetime(f["time"]))


def test_attribution_models_by_hand():
    got = chn.attribute(_events(), half_life_days=7.0).set_index("channel")
    # u1's path: Paid Search (3 days + 5 min before), Email (1 day + 5 min), Zhitongche (5 min)
    assert got.loc["Zhitongche", "last_click"] == 1.0
    assert got.loc["Paid Search", "first_click"] == 1.0
    assert got.loc["Paid Search", "linear"] == pytest.approx(1 / 3)
    assert got.loc["Email", "linear"] == pytest.approx(1 / 3 + 1)
    assert got.loc["Paid Search", "position_based"] == pytest.approx(0.4)
    assert got.loc["Email", "position_based"] == pytest.approx(0.2 + 1.0)
    ages = np.array([3.0, 1.0, 0.0]) + 5 / 1440
    w = 2.0 ** (-ages / 7.0)
    assert got.loc["Paid Search", "time_decay"] == pytest.approx(w[0] / w.sum())
    assert got.loc["Zhitongche", "time_decay"] == pytest.approx(w[2] / w.sum())
    assert got.loc["Zhitongche", "linear_revenue"] == pytest.approx(100 / 3)
    assert "Douyin" not in got.index
    for model in chn.MODELS:
        assert got[model].sum() == pytest.approx(2.0)  # two conversions


def test_attribution_sums_to_conversions_on_random_paths():
    rng = np.random.default_rng(0)
    n = 3000
    ev = pd.DataFrame(
        {
            "user_id": rng.integers(0, 300, n),
            "time": pd.Timestamp("2024-01-01")
            + pd.to_timedelta(rng.integers(0, 60 * 24 * 60, n), unit="min"),
            "event": rng.choice(["view", "view", "cart", "purchase"], n),
            "channel": rng.choice(["直通车", "google / cpc", "email", "抖音"], n),
        }
    )
    paths = chn.touch_paths(ev, lookback=pd.Timedelta(days=7))
    got = chn.attribution_table(paths, 3.0)
    conversions = int((ev["event"] == "purchase").sum())
    for model in chn.MODELS:
        assert got[model].sum() == pytest.approx(conversions)
    assert chn.multi_touch_share(paths) > 0


def test_each_touch_serves_only_the_next_conversion_and_lookback_applies():
    rows = [
        ("u", "2024-01-01 10:00", "view", "google / cpc"),
        ("u", "2024-01-01 10:01", "purchase", "google / cpc"),
        ("u", "2024-01-01 12:00", "view", "email"),  # new visit: 2 h gap
        ("u", "2024-01-01 12:01", "purchase", "email"),
        ("u", "2024-03-01 12:00", "purchase", "直通车"),  # nothing within 30 days before
    ]
    ev = pd.DataFrame(rows, columns=["user_id", "time", "event", "channel"]).assign(
        time=lambda d: pd.to_datetime(d["time"])
    )
    got = chn.attribute(ev).set_index("channel")
    assert got["first_click"].to_dict() == {"Paid Search": 1.0, "Email": 1.0, "Zhitongche": 1.0}


def test_attribution_bad_input():
    with pytest.raises(ec.AnalysisError) as err:
        chn.attribute(_events().drop(columns="channel"))
    assert err.value.code == "ch_err_events_no_channel"
    with pytest.raises(ec.AnalysisError) as err:
        chn.attribute(_events().assign(event="view"))
    assert err.value.code == "ch_err_no_conversions"
    with pytest.raises(ec.AnalysisError):
        chn.credits(chn.touch_paths(_events()), half_life_days=0)
    assert chn.conversion_event_of(pd.DataFrame({"event": ["浏览", "支付"]})) == "支付"


# ---- words -----------------------------------------------------------------------------
def test_every_channel_string_has_both_languages():
    from ecom_core.strings.channels import STRINGS

    for key, entry in STRINGS.items():
        assert key.startswith("ch_")
        assert entry.get("en") and entry.get("zh"), key


def test_findings_name_the_channel_below_break_even_in_both_languages():
    rep = chn.channel_table(_orders(), _spend())
    en = chn.present.findings(rep, "en")
    assert en[0][0] == "error" and en[0][1].startswith("Zhitongche is below break-even: ROAS 1.40")
    zh = chn.present.findings(rep, "zh")
    assert zh[0][1].startswith("直通车 低于保本线：投产比 1.40")
    assert t("ch_group_paid_search", "zh") in zh[1][1]
    lab = chn.present.labelled(rep.table, "zh")
    assert lab.columns[0] == "渠道" and "投产比 (ROAS)" in lab.columns


def test_traffic_outside_the_period_or_without_channel_is_explained():
    late = pd.DataFrame({"date": pd.to_datetime(["2025-01-01"]), "channel": ["直通车"], "visitors": [10]})
    rep = chn.channel_table(_orders(), None, late)
    assert _codes(rep)["ch_note_traffic_no_overlap"] == "warning" and not rep.has_traffic
    shop = pd.DataFrame({"date": pd.to_datetime(["2024-01-02"]), "visitors": [10]})
    rep = chn.channel_table(_orders(), None, shop)
    assert "ch_note_traffic_no_channel" in _codes(rep) and rep.table["visitors"].isna().all()


def test_styled_table_formats_and_tints_rows_below_break_even():
    rep = chn.channel_table(_orders(), _spend())
    html = chn.present.styled(rep.table, "en").to_html()
    assert "#fde2e1" in html  # the Zhitongche row is tinted
    assert "1.40" in html and "60.9%" in html  # ROAS with two decimals, share as a percentage
    lines = chn.present.allocation_summary(chn.allocate(_planted(), 3000.0, n_draws=0), "en")
    assert lines[0].startswith("Moving the budget this way changes predicted revenue by +")
    assert "Biggest cut: C" in lines[2]


def test_trend_keeps_the_largest_channels_and_sums_the_rest_into_other():
    weeks = pd.to_datetime(["2024-03-04", "2024-03-11"])
    trend = pd.DataFrame(
        {
            "period": list(weeks) * 10,
            "channel": [f"c{i}" for i in range(10) for _ in range(2)],
            "revenue": [float(100 - i) for i in range(10) for _ in range(2)],
            "orders": [1.0] * 20,
            "spend": [10.0] * 20,
            "roas": [float(100 - i) / 10 for i in range(10) for _ in range(2)],
            "days": [7, 3] * 10,
            "partial": [False, True] * 10,
        }
    )
    top = chn.trend_top(trend, "revenue", n=7)
    assert sorted(top["channel"].unique()) == sorted([f"c{i}" for i in range(7)] + [chn.OTHER])
    other = top[top["channel"] == chn.OTHER].iloc[0]
    assert other["revenue"] == 93 + 92 + 91  # c7, c8, c9 in one week
    assert other["roas"] == pytest.approx(276 / 30)  # summed revenue over summed spend
    assert top.groupby("period")["revenue"].sum().tolist() == [955.0, 955.0]  # nothing lost
    assert top.drop_duplicates("period")["partial"].tolist() == [False, True]


def test_trend_colours_follow_the_channel_not_its_translated_name():
    trend = pd.DataFrame(
        {
            "period": pd.to_datetime(["2024-03-04"] * 3),
            "channel": ["Zhitongche", "Organic Search", "Paid Search"],
            "revenue": [3.0, 2.0, 1.0], "orders": [1.0] * 3, "spend": [1.0] * 3, "roas": [3.0, 2.0, 1.0],
            "days": [7] * 3, "partial": [False] * 3,
        }
    )  # fmt: skip

    def colours(lang: str) -> dict[str, str]:
        spec = chn.charts.trend_chart(trend, lang).to_dict()
        enc = spec.get("encoding") or spec["layer"][0]["encoding"]
        scale = enc["color"]["scale"]
        names = dict(zip(scale["domain"], scale["range"], strict=True))
        return {c: names[chn.group_label(c, lang)] for c in trend["channel"]}

    assert colours("en") == colours("zh")
