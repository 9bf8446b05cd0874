"""The metric layer: one definition per headline figure, by hand on small frames, and the
invariants that must hold on any order table (hypothesis)."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ecom_core as ec
from ecom_core import channels, metrics, overview
from ecom_core.load.schema import ORDER_STATUSES

T = pd.Timestamp


def _orders() -> pd.DataFrame:
    """Five orders and a credit note, 1-4 March 2024 (hand-worked figures in each test)."""
    return pd.DataFrame(
        {
            "order_id": ["1", "1", "2", "3", "4", "5", "C6"],
            "order_time": pd.to_datetime(
                [
                    "2024-03-01 09:00",
                    "2024-03-01 09:00",
                    "2024-03-01 23:59",
                    "2024-03-02 00:00",
                    "2024-03-03 00:00",
                    "2024-03-04 00:00",
                    "2024-03-04 00:00",
                ]
            ),
            "revenue": [60.0, 40.0, 50.0, 30.0, 80.0, 20.0, 0.0],
            "refund_amount": [0.0, 0.0, 10.0, 0.0, 0.0, 0.0, 15.0],
            "customer_id": ["a", "a", "b", "a", "c", "a", "b"],
            "status": pd.Categorical(
                ["paid", "paid", "partially_refunded", "pending", "refunded", "paid", "credit"],
                categories=ORDER_STATUSES,
            ),
            "channel": ["x", "x", "y", "x", "y", None, None],
        }
    )


def test_summary_by_hand():
    s = metrics.summary(_orders())
    assert s["gmv"] == pytest.approx(100 + 50 + 30 + 80 + 20)  # every order placed, the credit note is none
    assert s["paid_revenue"] == pytest.approx(100 + 50 + 80 + 20)  # not the pending order 3
    # partial refund 10; order 4 is refunded with no amount given: all 80 went back; credit note 15
    assert s["refunds"] == pytest.approx(10 + 80 + 15)
    assert s["net_revenue"] == pytest.approx(250 - 105)
    assert s["orders"] == 4  # 1, 2, 4, 5
    assert s["buyers"] == 3  # a (orders 1, 5), b, c
    assert s["aov_buyer"] == pytest.approx(250 / 3)  # 客单价
    assert s["aov_order"] == pytest.approx(250 / 4)  # 笔单价
    assert s["repeat_rate"] == pytest.approx(1 / 3)  # only a paid twice
    assert s["refund_rate"] == pytest.approx(105 / 250)
    assert np.isnan(s["visitors"]) and np.isnan(s["conversion"])  # no traffic: never invented


def test_period_days_are_inclusive_and_split_cleanly():
    o = _orders()
    first = metrics.summary(o, start="2024-03-01", end="2024-03-01")
    assert first["paid_revenue"] == pytest.approx(150)  # 23:59 on the last day is in it
    rest = metrics.summary(o, start="2024-03-02", end="2024-03-04")
    whole = metrics.summary(o)
    for key in metrics.ADDITIVE:
        assert first[key] + rest[key] == pytest.approx(whole[key])


def test_conversion_is_payers_over_visitors_of_the_same_days():
    traffic = pd.DataFrame(
        {"date": pd.date_range("2024-02-28", periods=6), "visitors": [1000, 1000, 100, 100, 100, 100],
         "payers": [50, 50, 2, 3, 4, 1]}
    )  # fmt: skip
    s = metrics.summary(_orders(), traffic, start="2024-03-01", end="2024-03-04")
    assert s["visitors"] == 400 and s["payers"] == 10
    assert s["conversion"] == pytest.approx(10 / 400)


def test_without_status_a_paid_time_says_who_paid():
    o = (
        _orders()
        .drop(columns=["status"])
        .assign(
            paid_time=pd.to_datetime(
                ["2024-03-01", "2024-03-01", None, None, "2024-03-03", "2024-03-04", None]
            )
        )
    )
    s = metrics.summary(o)
    assert s["orders"] == 3  # 1, 4, 5
    assert s["paid_revenue"] == pytest.approx(100 + 80 + 20)
    assert s["gmv"] == pytest.approx(100 + 50 + 30 + 80 + 20)


def test_without_customer_ids_aov_is_per_order():
    s = metrics.summary(_orders().drop(columns=["customer_id"]))
    assert np.isnan(s["buyers"])
    assert s["aov_buyer"] == s["aov_order"] == pytest.approx(250 / 4)


def test_breakdown_adds_up_to_the_total():
    o = _orders()
    b = metrics.breakdown(o, "channel")
    whole = metrics.summary(o)
    for key in metrics.ADDITIVE:
        assert b[key].sum() == pytest.approx(whole[key])
    assert b.loc["x", "paid_revenue"] == pytest.approx(100)
    assert b.loc["y", "refunds"] == pytest.approx(10 + 80)
    assert b["orders"].sum() == whole["orders"]  # one channel per order
    assert b.loc["x", "aov_order"] == pytest.approx(100)
    assert b["revenue_share"].sum() == pytest.approx(1.0)


def test_unknown_basis_is_refused():
    with pytest.raises(ValueError):
        metrics.order_mask(_orders(), "gross")


# ---- money roles and credit notes, through the loader ------------------------------------------
TMALL_HEADER = "订单编号,总金额,买家实际支付金额,收货地址 ,订单创建时间,订单付款时间 ,退款金额\n"


def test_tmall_paid_column_already_net_is_not_revenue():
    rows = [
        "1,327.7,148.9,浙江省,2020-02-20 10:00:00,2020-02-20 10:01:00,178.8",  # partly refunded
        "2,100,100,上海,2020-02-20 11:00:00,2020-02-20 11:00:30,0",
        "3,57,0,北京,2020-02-21 12:00:00,2020-02-21 12:00:10,57",  # fully refunded: 实付 0
        "4,88,0,天津,2020-02-21 13:00:00,,0",  # never paid
    ]
    ds = ec.load((TMALL_HEADER + "\n".join(rows) + "\n").encode("utf-8"), filename="tmall.csv")
    assert ds.mapping["revenue"] == "总金额"
    s = metrics.summary(ds.frame)
    assert s["gmv"] == pytest.approx(327.7 + 100 + 57 + 88)
    assert s["paid_revenue"] == pytest.approx(327.7 + 100 + 57)
    assert s["refunds"] == pytest.approx(178.8 + 57)
    assert s["net_revenue"] == pytest.approx(148.9 + 100 + 0)  # = the paid column's sum
    status = ds.frame.set_index("order_id")["status"]
    assert status["1"] == "partially_refunded" and status["3"] == "refunded" and status["4"] == "pending"


def test_a_paid_column_that_is_not_net_stays_revenue():
    rows = [
        "1,327.7,300,浙江省,2020-02-20 10:00:00,2020-02-20 10:01:00,50",  # 300 != 327.7 - 50
        "2,100,90,上海,2020-02-20 11:00:00,2020-02-20 11:00:30,10",
    ]
    ds = ec.load((TMALL_HEADER + "\n".join(rows) + "\n").encode("utf-8"), filename="tmall.csv")
    assert ds.mapping["revenue"] == "买家实际支付金额"
    assert metrics.summary(ds.frame)["paid_revenue"] == pytest.approx(390)


UCI = """InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
536365,85123A,WHITE HANGING HEART,6,12/1/10 8:26,2.55,17850,United Kingdom
536365,71053,WHITE METAL LANTERN,6,12/1/10 8:26,3.39,17850,United Kingdom
536366,22633,HAND WARMER,6,12/1/10 8:28,1.85,17850,United Kingdom
C536379,D,Discount,-1,12/1/10 9:41,27.5,14527,United Kingdom
536380,22961,JAM MAKING SET,24,12/1/10 9:41,1.45,14527,United Kingdom
C536383,35004C,SET OF 3 COLOURED FLYING DUCKS,-1,12/1/10 9:49,4.65,15311,United Kingdom
"""


def test_uci_credit_notes_are_refunds_not_unpaid_orders():
    ds = ec.load(UCI.encode(), filename="online_retail.csv")
    s = metrics.summary(ds.frame)
    # sales: 6x2.55 + 6x3.39 = 35.64; 6x1.85 = 11.10; 24x1.45 = 34.80 -> 81.54
    assert s["gmv"] == pytest.approx(81.54) and s["paid_revenue"] == pytest.approx(81.54)
    assert s["refunds"] == pytest.approx(27.5 + 4.65)
    assert s["net_revenue"] == pytest.approx(81.54 - 32.15)
    assert s["net_revenue"] <= s["paid_revenue"] <= s["gmv"]
    assert s["orders"] == 3  # the two C invoices are not orders
    assert s["buyers"] == 2  # 15311 only returned something


# ---- invariants on any order table ---------------------------------------------------------------
STATUSES = ("paid", "pending", "cancelled", "refunded", "partially_refunded")


@st.composite
def order_tables(draw, negative_lines: bool = False) -> pd.DataFrame:
    n = draw(st.integers(1, 25))
    rows = []
    for i in range(n):
        status = draw(st.sampled_from(STATUSES))
        day = draw(st.integers(0, 20))
        customer = draw(st.one_of(st.none(), st.sampled_from("abcdefg")))
        channel = draw(st.one_of(st.none(), st.sampled_from(["s", "t", "u"])))
        for _ in range(draw(st.integers(1, 3))):
            low = -50.0 if negative_lines else 0.0
            revenue = draw(st.floats(low, 500.0, allow_nan=False).map(lambda x: round(x, 2)))
            refund = 0.0
            if status == "partially_refunded":
                refund = round(draw(st.floats(0.0, 1.0)) * max(revenue, 0.0), 2)
            rows.append((str(i), T("2024-01-01") + pd.Timedelta(days=day), revenue, refund, customer,
                         status, channel))  # fmt: skip
    frame = pd.DataFrame(
        rows,
        columns=["order_id", "order_time", "revenue", "refund_amount", "customer_id", "status", "channel"],
    )
    frame["status"] = pd.Categorical(frame["status"], categories=ORDER_STATUSES)
    return frame


PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(order_tables())
def test_net_at_most_paid_at_most_gmv(orders):
    s = metrics.summary(orders)
    assert s["refunds"] >= 0
    assert s["net_revenue"] <= s["paid_revenue"] + 1e-9
    assert s["paid_revenue"] <= s["gmv"] + 1e-9
    assert s["buyers"] <= s["orders"] or np.isnan(s["buyers"])


@PROPS
@given(order_tables(negative_lines=True), st.sampled_from(["channel", "customer_id", "status"]))
def test_segments_add_up_to_the_total(orders, by):
    whole = metrics.summary(orders)
    parts = metrics.breakdown(orders, by)
    for key in metrics.ADDITIVE:
        assert parts[key].sum() == pytest.approx(whole[key], abs=1e-6)
    assert parts["orders"].sum() == whole["orders"]  # each order has one value of these


@PROPS
@given(order_tables(), st.integers(0, 21))
def test_periods_add_up(orders, cut):
    mid = T("2024-01-01") + pd.Timedelta(days=cut)
    a = metrics.summary(orders, end=mid - pd.Timedelta(days=1))
    b = metrics.summary(orders, start=mid)
    whole = metrics.summary(orders)
    for key in metrics.ADDITIVE:
        assert a[key] + b[key] == pytest.approx(whole[key], abs=1e-6)


@PROPS
@given(order_tables(), st.floats(0.01, 1000.0).map(lambda x: round(x, 2)))
def test_a_credit_note_is_a_refund_and_nothing_else(orders, amount):
    credit = pd.DataFrame(
        {"order_id": ["C-1"], "order_time": [T("2024-01-05")], "revenue": [0.0], "refund_amount": [amount],
         "customer_id": ["a"], "status": pd.Categorical(["credit"], categories=ORDER_STATUSES),
         "channel": ["s"]}
    )  # fmt: skip
    before, after = metrics.summary(orders), metrics.summary(pd.concat([orders, credit], ignore_index=True))
    assert after["refunds"] == pytest.approx(before["refunds"] + amount)
    assert after["net_revenue"] == pytest.approx(before["net_revenue"] - amount)
    for key in ("gmv", "paid_revenue", "orders"):
        assert after[key] == pytest.approx(before[key])


@PROPS
@given(order_tables())
def test_home_channels_and_trend_agree_with_the_metric_layer(orders):
    whole = metrics.summary(orders)
    assert overview.revenue_trend(orders)["revenue"].sum() == pytest.approx(whole["net_revenue"], abs=1e-6)
    if whole["orders"] == 0:
        return
    report = channels.channel_table(orders)
    assert report.total["revenue"] == pytest.approx(whole["paid_revenue"], abs=1e-6)
    assert report.table["revenue"].sum() == pytest.approx(whole["paid_revenue"], abs=1e-6)
    assert report.total["orders"] == whole["orders"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(1, 100_000).map(lambda c: c / 100),  # 总金额
            st.sampled_from(["none", "part", "full", "unpaid"]),
            st.floats(0.01, 0.99),
        ),
        min_size=2,
        max_size=20,
    )
)
def test_tmall_shaped_files_load_to_the_file_sums(rows):
    """However the refunds fall, a file where 实付 = 总金额 − 退款 loads so that GMV is the sum of
    总金额, paid revenue that of the paid orders and net revenue that of 买家实际支付金额."""
    buf = io.StringIO()
    buf.write(TMALL_HEADER)
    gmv = paid = net = refunds = 0.0
    for i, (total, kind, share) in enumerate(rows, start=1):
        refund = {"none": 0.0, "part": round(total * share, 2), "full": total, "unpaid": 0.0}[kind]
        pay = "" if kind == "unpaid" else "2020-02-20 10:05:00"
        actual = 0.0 if kind == "unpaid" else round(total - refund, 2)
        buf.write(f"{i},{total:.2f},{actual:.2f},上海,2020-02-20 10:00:00,{pay},{refund:.2f}\n")
        gmv += total
        if kind != "unpaid":
            paid, net, refunds = paid + total, net + actual, refunds + refund
    ds = ec.load(buf.getvalue().encode("utf-8"), filename="tmall.csv")
    s = metrics.summary(ds.frame)
    assert s["gmv"] == pytest.approx(gmv, abs=0.01)
    if refunds > 0:  # without any refund, net and gross columns cannot be told apart
        assert ds.mapping["revenue"] == "总金额"
        assert s["paid_revenue"] == pytest.approx(paid, abs=0.01)
        assert s["refunds"] == pytest.approx(refunds, abs=0.01)
    assert s["net_revenue"] == pytest.approx(net, abs=0.01)


def test_periods_the_data_starts_or_ends_inside_are_partial():
    # data from Friday 1 March to Wednesday 13 March 2024
    starts = metrics.period_start(pd.to_datetime(["2024-03-01 10:00", "2024-03-05 00:00", "2024-03-13 23:59"]), "W")
    assert starts.tolist() == [T("2024-02-26"), T("2024-03-04"), T("2024-03-11")]
    cover = metrics.coverage(starts.drop_duplicates(), T("2024-03-01"), T("2024-03-13 23:59"), "W")
    assert cover["days"].tolist() == [3, 7, 3]  # Fri-Sun, a whole week, Mon-Wed
    assert cover["partial"].tolist() == [True, False, True]
    months = metrics.coverage([T("2024-02-01"), T("2024-03-01")], T("2024-02-01"), T("2024-03-13"), "M")
    assert months["days"].tolist() == [29, 13] and months["partial"].tolist() == [False, True]  # leap year
    days = metrics.coverage([T("2024-03-01")], T("2024-03-01"), T("2024-03-01"), "D")
    assert days["partial"].tolist() == [False]
