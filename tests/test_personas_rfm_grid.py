"""RFM grid cells, the short-history note, customer-id hints and widgets that follow the data.

Expectations are worked out by hand on a few orders; the page tests read what AppTest renders.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit import dataframe_util

import ecom_core as ec
from ecom_core import fmt, ui
from ecom_core.i18n import t
from ecom_core.personas import charts, present

PAGE = ui.PERSONAS_PAGE

#: A one-month Shopify orders export: 8 orders of 6 buyers in March 2024, #1005 refunded.
#: Counted: a 50 + 30 (2 orders), b 20 + 25 (2), c 80, e 40, f 60 -> 5 customers, 305.00;
#: last order 2024-03-30, so as_of 2024-03-31 and 30 days of history from 2024-03-01.
SHOPIFY_MARCH = (
    b"Name,Email,Financial Status,Paid at,Created at,Total,Lineitem name\n"
    b"#1001,a@example.com,paid,2024-03-01 10:05:00 -0700,2024-03-01 10:00:00 -0700,50.00,Mug\n"
    b"#1002,b@example.com,paid,2024-03-03 11:05:00 -0700,2024-03-03 11:00:00 -0700,20.00,Tea\n"
    b"#1003,a@example.com,paid,2024-03-08 09:05:00 -0700,2024-03-08 09:00:00 -0700,30.00,Cups\n"
    b"#1004,c@example.com,paid,2024-03-12 16:05:00 -0700,2024-03-12 16:00:00 -0700,80.00,Teapot\n"
    b"#1005,d@example.com,refunded,2024-03-15 08:05:00 -0700,2024-03-15 08:00:00 -0700,15.00,Tea\n"
    b"#1006,e@example.com,paid,2024-03-20 19:05:00 -0700,2024-03-20 19:00:00 -0700,40.00,Mug\n"
    b"#1007,b@example.com,paid,2024-03-25 12:05:00 -0700,2024-03-25 12:00:00 -0700,25.00,Tea\n"
    b"#1008,f@example.com,paid,2024-03-30 23:05:00 -0700,2024-03-30 23:00:00 -0700,60.00,Cups\n"
)

#: The Tmall order report's shape: no customer column at all.
TMALL_REPORT = (
    "订单编号,总金额,买家实际支付金额,收货地址 ,订单创建时间,订单付款时间 ,退款金额\n"
    "1,178.8,0,上海,2020-02-21 00:00:00,,0\n"
    "2,21,21,内蒙古自治区,2020-02-20 23:59:54,2020-02-21 00:00:02,0\n"
    "3,37,0,安徽省,2020-02-20 23:59:35,,0\n"
    "4,157,157,湖南省,2020-02-20 23:58:34,2020-02-20 23:58:44,0\n"
    "5,64.8,0,江苏省,2020-02-20 23:57:04,2020-02-20 23:57:11,64.8\n"
    "6,21,21,上海,2020-02-20 23:56:39,2020-02-20 23:56:47,0\n"
).encode("utf-8-sig")


def _orders(rows: list[tuple]) -> pd.DataFrame:
    """(order_id, customer_id, order_time, revenue, status, refund_amount) rows."""
    frame = pd.DataFrame(
        rows, columns=["order_id", "customer_id", "order_time", "revenue", "status", "refund_amount"]
    )
    return frame.assign(
        order_time=pd.to_datetime(frame["order_time"]), customer_id=frame["customer_id"].astype("str")
    )


def _dataset(frame: pd.DataFrame, name: str = "x.csv") -> dict:
    n = len(frame)
    ds = ec.Dataset("orders", frame, {}, ec.QualityReport(n, n), name=name)
    ds.source_columns = list(frame.columns)
    return {"orders": ds}


def _ok(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _grid(at, lang: str) -> pd.DataFrame:
    """The data behind the R x F chart on the page."""
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        if t("ps_chart_grid", lang) in json.dumps(spec, ensure_ascii=False):
            return dataframe_util.convert_arrow_bytes_to_pandas_df(chart.proto.datasets[0].data.data)
    raise AssertionError("no R x F chart on the page")


def _no_missing_text(grid: pd.DataFrame) -> None:
    shown = grid[["segment_name", "customers_label", "revenue_label"]]
    assert shown.notna().all().all()
    for value in shown.to_numpy().ravel():
        assert str(value).strip() and str(value).lower() not in ("nan", "none", "<na>", "nat"), value


# ---- the grid ----------------------------------------------------------------------------
def test_every_grid_cell_is_named_and_empty_cells_show_a_dash():
    ds = ec.load(SHOPIFY_MARCH, filename="orders_export_1.csv")
    res = ec.personas.score(ds.frame)
    assert res.scoring == "fixed"  # 5 customers
    # fixed thresholds: everyone bought within 30 days (R5); a and b have 2 orders (F2)
    cells = ec.personas.grid_counts(res).set_index(["r_score", "f_score"])
    assert len(cells) == 25 and cells["segment"].notna().all()
    assert cells.loc[(5, 2), "customers"] == 2 and cells.loc[(5, 2), "revenue"] == pytest.approx(125.0)
    assert cells.loc[(5, 1), "customers"] == 3 and cells.loc[(5, 1), "revenue"] == pytest.approx(180.0)
    assert cells["customers"].sum() == 5 and (cells["customers"] > 0).sum() == 2
    # empty cells are still named after the segment they belong to
    assert cells.loc[(1, 1), "segment"] == "hibernating" and cells.loc[(1, 5), "segment"] == "cant_lose"
    assert cells.loc[(5, 5), "segment"] == "champions" and cells.loc[(3, 3), "segment"] == "need_attention"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_grid_chart_labels_come_from_the_formatters(lang):
    frame = _orders(
        [
            ("1", "a", "2024-01-05", 12_345.0, "paid", 0.0),
            ("2", "a", "2024-03-01", 1_000.0, "paid", 0.0),
            ("3", "b", "2024-03-10", 40.5, "paid", 0.0),
        ]
    )
    res = ec.personas.score(frame, scoring="fixed")
    spec = charts.rf_grid(ec.personas.grid_counts(res), lang).to_dict()
    data = pd.DataFrame(next(iter(spec["datasets"].values())))
    _no_missing_text(data)
    cells = data.set_index(["r_score", "f_score"])
    # a: 2 orders, last 2024-03-01, 10 days before as_of 2024-03-11 -> R5 F2; b: R5 F1
    assert cells.loc[(5, 2), "customers_label"] == "1"
    assert cells.loc[(5, 2), "revenue_label"] == fmt.money(13_345.0, lang)
    assert cells.loc[(5, 2), "revenue_label"] == ("1.33万" if lang == "zh" else "13,345")
    assert cells.loc[(5, 1), "revenue_label"] == "40.50"
    empty = cells.drop([(5, 1), (5, 2)])
    assert (empty["customers_label"] == fmt.DASH).all() and (empty["revenue_label"] == fmt.DASH).all()
    assert empty.loc[(1, 1), "segment_name"] == t("ps_seg_hibernating", lang)


def test_segment_counts_and_revenue_add_up_to_the_customers_and_their_total():
    # c3's only order is cancelled and c4's is fully refunded: neither is a customer here
    frame = _orders(
        [
            ("1", "c1", "2024-01-02", 100.0, "paid", 0.0),
            ("2", "c1", "2024-02-10", 60.0, "partially_refunded", 20.0),
            ("3", "c2", "2024-02-20", 30.0, "paid", 0.0),
            ("4", "c3", "2024-02-25", 500.0, "cancelled", 0.0),
            ("5", "c4", "2024-03-01", 80.0, "refunded", 80.0),
            ("6", "c5", "2024-03-05", 45.0, "paid", 0.0),
            ("7", "c2", "2024-03-06", 15.0, "paid", 0.0),
        ]
    )
    for scoring in ("fixed", "quintile"):
        res = ec.personas.score(frame, scoring=scoring)
        summary = ec.personas.segment_summary(res)
        assert summary["customers"].sum() == 3  # c1, c2, c5
        assert summary["revenue"].sum() == pytest.approx(100 + 40 + 30 + 15 + 45)  # 230
        assert summary["customer_share"].sum() == pytest.approx(1.0)
        assert summary["revenue_share"].sum() == pytest.approx(1.0)
        cells = ec.personas.grid_counts(res)
        assert cells["customers"].sum() == 3 and cells["revenue"].sum() == pytest.approx(230.0)


# ---- short history -----------------------------------------------------------------------
def _spread(days: int, repeat: bool) -> pd.DataFrame:
    """Four customers with a first order ``days`` before the day after the last order."""
    start = pd.Timestamp("2024-01-01")
    last = start + pd.Timedelta(days=days - 1)
    rows = [
        ("1", "a", start, 10.0, "paid", 0.0),
        ("2", "b", start + pd.Timedelta(days=3), 20.0, "paid", 0.0),
        ("3", "c", last, 30.0, "paid", 0.0),
        ("4", "d", last, 40.0, "paid", 0.0),
    ]
    if repeat:
        rows += [("5", "a", last, 15.0, "paid", 0.0), ("6", "b", last, 25.0, "paid", 0.0)]
    return _orders(rows)


def test_history_under_90_days_is_flagged():
    short = ec.personas.score(_spread(89, repeat=True))
    assert short.history_days == 89 and short.single_order_share == 0.5
    assert short.short_history == "short"
    assert [n.code for n in short.notes] == ["ps_note_history_short"]
    enough = ec.personas.score(_spread(90, repeat=True))
    assert enough.history_days == 90 and enough.short_history == "" and enough.notes == []
    assert present.history_note(enough, "en") == ""


def test_mostly_one_order_customers_are_flagged_and_both_reasons_combine():
    # 10 customers over 200 days, 9 with a single order (90%)
    start = pd.Timestamp("2024-01-01")
    rows = [(str(i), f"c{i}", start + pd.Timedelta(days=20 * i), 10.0 + i, "paid", 0.0) for i in range(10)]
    rows.append(("10", "c9", start + pd.Timedelta(days=199), 5.0, "paid", 0.0))
    res = ec.personas.score(_orders(rows))
    assert res.history_days == 200 and res.single_order_share == pytest.approx(0.9)
    assert res.short_history == "single"
    text = present.history_note(res, "en")
    assert text == t(
        "ps_note_history_single",
        "en",
        share="90%",
        segments="Champions, Loyal Customers, At Risk, Can't Lose Them",
    )
    both = ec.personas.score(_spread(20, repeat=False))  # 4 customers, 1 order each, 20 days
    assert both.short_history == "both"
    zh = present.history_note(both, "zh")
    assert "20 天" in zh and "100%" in zh and t("ps_seg_cant_lose", "zh") in zh


def test_the_short_history_note_reads_in_both_languages():
    ds = ec.load(SHOPIFY_MARCH, filename="orders_export_1.csv")
    res = ec.personas.score(ds.frame)
    assert res.history_days == 30 and res.short_history == "short"
    en, zh = present.history_note(res, "en"), present.history_note(res, "zh")
    assert en.startswith("Only 30 days of orders") and "recent" in en and "loyal" in en
    assert zh.startswith("订单记录只有 30 天") and "忠诚" in zh
    for text in (en, zh):
        assert "{" not in text and ui.md(text) == text  # nothing to escape, no placeholder left


# ---- customer-id hints -------------------------------------------------------------------
def test_tmall_report_offers_no_money_column_as_a_customer_id():
    ds = ec.load(TMALL_REPORT, filename="tmall_order_report.csv")
    assert ds.kind == "orders" and "customer_id" not in ds.frame.columns
    assert "买家实际支付金额" in ds.mapping.values()  # a money role (paid amount)
    assert present.customer_hints(ds.source_columns, ds.mapping) == []
    assert present.customer_hints(ds.source_columns) == []  # its name says money, even unmapped
    # a buyer column next to it is still proposed
    cols = [*ds.source_columns, "买家会员名", "买家支付宝账号", "买家留言", "Paid at"]
    assert present.customer_hints(cols, ds.mapping) == ["买家会员名", "买家支付宝账号"]


def test_hints_leave_out_mapped_columns_and_values_that_cannot_be_ids():
    cols = ["Order ID", "Buyer", "Buyer level", "买家应付", "买家手机", "User since"]
    mapping = {"order_id": "Order ID", "channel": "Buyer"}  # Buyer already serves as the channel
    values = pd.DataFrame(
        {
            "Order ID": ["1", "2", "3", "4"],
            "Buyer": ["web", "app", "web", "web"],
            "Buyer level": ["1", "1", "1", "1"],  # one value for everyone
            "买家应付": ["12.50", "8.00", "12.50", "3.20"],  # money written as text
            "买家手机": ["13800000001", "13800000002", "13800000001", "13800000003"],
            "User since": ["2024-01-03", "2024-01-03", "2023-12-01", "2024-02-11"],  # dates
        }
    )
    assert present.customer_hints(cols, mapping) == ["Buyer level", "买家应付", "买家手机", "User since"]
    assert present.customer_hints(cols, mapping, values) == ["买家手机"]


# ---- the page ----------------------------------------------------------------------------
def test_fixed_thresholds_on_the_sample_shop_show_no_missing_cells(open_page, sample_shop):
    at = open_page(PAGE, sample_shop("en"))
    _ok(at)
    at.selectbox(key="ps_scoring").set_value("fixed").run()
    _ok(at)
    grid = _grid(at, "en")
    _no_missing_text(grid)
    r1 = grid[grid["r_score"] == 1]
    assert len(r1) == 5 and (r1["customers"] == 0).all()  # nobody waited a year
    assert (r1["customers_label"] == fmt.DASH).all()
    assert r1.set_index("f_score").loc[5, "segment_name"] == t("ps_seg_cant_lose", "en")
    filled = grid[grid["customers"] > 0]
    assert (filled["customers_label"] == [fmt.count(n) for n in filled["customers"]]).all()
    assert not any(t("ps_note_history_short", "en").split("{")[0] in w.value for w in at.warning)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_one_month_export_shows_the_short_history_note(open_page, lang):
    ds = ec.load(SHOPIFY_MARCH, filename="orders_export_1.csv")
    at = open_page(PAGE, {"orders": ds}, lang=lang)
    _ok(at)
    assert not at.error
    res = ec.personas.score(ds.frame)
    note = present.history_note(res, lang)
    assert note and note in [w.value for w in at.warning]
    assert ("30 days" if lang == "en" else "30 天") in note
    grid = _grid(at, lang)
    _no_missing_text(grid)
    assert (grid["customers_label"] == fmt.DASH).sum() == 23
    segments = at.dataframe[0].value.set_index(t("ps_col_segment", lang))
    assert segments[t("ps_col_customers", lang)].sum() == 5
    assert segments[t("ps_col_revenue", lang)].sum() == pytest.approx(305.0)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_tmall_report_page_proposes_no_money_column(open_page, lang):
    ds = ec.load(TMALL_REPORT, filename="tmall_order_report.csv")
    at = open_page(PAGE, {"orders": ds}, lang=lang)
    _ok(at)
    assert at.error[0].value == t("ps_err_no_customer_column", lang)
    assert not any("买家实际支付金额" in i.value for i in at.info)
    hint = t("ps_hint_columns", lang, columns="").split("{")[0][:8]
    assert not any(i.value.startswith(hint) for i in at.info)


def test_choices_made_on_one_dataset_start_afresh_on_the_next(open_page, sample_shop):
    at = open_page(PAGE, sample_shop("en"))
    chosen = pd.Timestamp("2025-06-01").date()
    at.date_input(key="ps_as_of").set_value(chosen).run()
    at.session_state["ps_tab"] = t("ps_tab_export", "en")
    at.run()
    at.selectbox(key="ps_export_segment").set_value("champions").run()
    _ok(at)
    at.run()  # the same data: choices stay
    assert at.date_input(key="ps_as_of").value == chosen
    assert at.selectbox(key="ps_export_segment").value == "champions"
    at.toggle(key=ui.DEMO_MODE).set_value(True).run()  # pseudonyms are not new data
    _ok(at)
    assert at.date_input(key="ps_as_of").value == chosen
    assert at.selectbox(key="ps_export_segment").value == "champions"
    # another shop whose range also contains the chosen date: its own default applies
    rows = [
        (str(i), f"c{i % 60}", pd.Timestamp("2025-01-01") + pd.Timedelta(days=i), 10.0 + i % 7, "paid", 0.0)
        for i in range(304)
    ]  # last order 2025-10-31
    at.session_state[ui.DATASETS] = _dataset(_orders(rows))
    at.run()
    _ok(at)
    assert at.date_input(key="ps_as_of").value == pd.Timestamp("2025-11-01").date()
    assert at.selectbox(key="ps_export_segment").value is None
    assert t("ps_export_caption", "en", n="60") in [c.value for c in at.caption]
