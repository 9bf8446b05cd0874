"""The loader against small invented files in the shape of every real export in FORMATS.md.

Every expected number below was worked out by hand from the rows written by
``tests/fixtures/make_fixtures.py`` (the arithmetic is in the comments), never by running
the loader. Each file must load with no manual mapping.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

import ecom_core as ec
from ecom_core import metrics

FIX = Path(__file__).resolve().parent / "fixtures"

_spec = importlib.util.spec_from_file_location("make_fixtures", FIX / "make_fixtures.py")
mf = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mf)

T = pd.Timestamp


# ---- helpers ----------------------------------------------------------------------------------


def check_report(ds, joined: bool = False) -> None:
    """Nothing lost silently: every read row is kept or counted as dropped."""
    r = ds.report
    assert r.rows_read == r.rows_kept + sum(r.dropped.values()), (r.rows_read, r.rows_kept, r.dropped)
    if not joined:
        assert r.rows_kept == len(ds.frame)
    for lang in ("zh", "en"):
        for m in r.messages(lang):
            assert isinstance(m, str) and m


def load(name: str, **kw):
    ds = ec.load(FIX / name, **kw)
    check_report(ds)
    return ds


def as_str_ids(series: pd.Series) -> list[str]:
    vals = series.dropna().tolist()
    assert all(isinstance(v, str) for v in vals), [type(v) for v in vals[:3]]
    return vals


def order_status(frame: pd.DataFrame) -> pd.Series:
    """One status per order: the first non-blank status among its rows."""
    return frame.groupby("order_id")["status"].first()


def order_revenue(frame: pd.DataFrame) -> pd.Series:
    return frame.groupby("order_id")["revenue"].sum()


def assert_naive_datetime(s: pd.Series) -> None:
    assert pd.api.types.is_datetime64_any_dtype(s), s.dtype
    assert s.dt.tz is None, "times must be wall-clock (tz-naive), offsets dropped"


# ======================================================================================
# Orders
# ======================================================================================


def test_uci_online_retail_xlsx():
    ds = load("uci_online_retail.xlsx")
    f = ds.frame
    assert ds.kind == "orders"
    assert ds.report.rows_read == 17 and ds.report.rows_kept == 17  # nothing dropped
    # InvoiceNo mixes number cells and text cells: all become text, no ".0"
    ids = set(as_str_ids(f["order_id"]))
    assert ids == {
        "536365", "536366", "536367", "536370", "536414", "536544", "536592", "581587",
        "C536379", "C536383", "A563186",
    }  # fmt: skip
    # revenue = Quantity x UnitPrice per line:
    # 15.30+20.34+22.00+11.10+54.08+12.60+90.00+54.00+0+2.51+5.02+8.85+10.20+16.60 = 322.60
    # credit notes C536379 -27.50, C536383 -4.65 and the bad-debt adjustment A563186 -11062.06
    # keep their signed amounts as in the file and are refunds against sales
    # (27.50+4.65+11062.06 = 11094.21), not orders with revenue
    assert f["revenue"].sum() == pytest.approx(322.60 - 11094.21)
    s = metrics.summary(f)
    assert s["paid_revenue"] == pytest.approx(322.60) and s["gmv"] == pytest.approx(322.60)
    assert s["refunds"] == pytest.approx(11094.21)
    assert f["quantity"].sum() == 168
    # invoices starting with C (and the negative adjustment) are credit notes, not unpaid orders
    st = order_status(f)
    assert sorted(st[st == "credit"].index) == ["A563186", "C536379", "C536383"]
    assert not (st == "cancelled").any()
    assert f.loc[f["order_id"] == "536365", "revenue"].sum() == pytest.approx(57.64)
    # CustomerID 17850.0 -> '17850'; 5 lines without a customer are kept, customer missing
    assert set(as_str_ids(f["customer_id"])) == {"17850", "13047", "12583", "14527", "15311", "12680"}
    assert f["customer_id"].isna().sum() == 5
    assert_naive_datetime(f["order_time"])
    assert f["order_time"].min() == T("2010-12-01 08:26")
    assert f["order_time"].max() == T("2011-12-09 12:50")


def test_uci_online_retail_ii_two_sheets():
    sets = ec.load_all(FIX / "uci_online_retail_ii.xlsx")
    for ds in sets:
        check_report(ds)
    assert [d.kind for d in sets] == ["orders", "orders"]
    a, b = sets
    # Year 2009-2010: 83.40+81.00+30.60+5.90 = 200.90 of sales; the credit note -35.40 is a refund
    assert metrics.summary(a.frame)["paid_revenue"] == pytest.approx(200.90)
    assert metrics.summary(a.frame)["refunds"] == pytest.approx(35.40)
    assert a.frame["revenue"].sum() == pytest.approx(200.90 - 35.40)  # signed, as in the file
    assert a.frame["order_id"].nunique() == 4
    assert a.frame["customer_id"].nunique() == 2
    assert set(as_str_ids(a.frame["customer_id"])) == {"13085", "16321"}
    assert (order_status(a.frame) == "credit").sum() == 1
    assert a.frame["order_time"].min() == T("2009-12-01 07:45")
    assert a.frame["order_time"].max() == T("2010-12-09 20:01")
    # Year 2010-2011: 15.30+20.34+10.20 = 45.84 of sales; credit note 27.50
    assert metrics.summary(b.frame)["paid_revenue"] == pytest.approx(45.84)
    assert metrics.summary(b.frame)["refunds"] == pytest.approx(27.50)
    assert b.frame["order_id"].nunique() == 3
    assert b.frame["customer_id"].nunique() == 3
    assert (order_status(b.frame) == "credit").sum() == 1


def test_uci_online_retail_ii_pick_sheet():
    ds = load("uci_online_retail_ii.xlsx", sheet="Year 2010-2011")
    assert ds.kind == "orders"
    assert metrics.summary(ds.frame)["paid_revenue"] == pytest.approx(45.84)
    assert ds.frame["order_time"].max() == T("2011-12-09 12:50")


def test_uci_online_retail_ii_csv_bom_month_first():
    ds = load("uci_online_retail_ii.csv")
    f = ds.frame
    assert ds.kind == "orders"
    assert "order_id" in ds.mapping and ds.mapping["order_id"].lstrip("\ufeff") == "Invoice"
    # 83.40+81.00+12.60+3.75+3.90+2.50 = 187.15 of sales; the credit note's 35.40 is a refund
    assert metrics.summary(f)["paid_revenue"] == pytest.approx(187.15)
    assert metrics.summary(f)["refunds"] == pytest.approx(35.40)
    assert f["order_id"].nunique() == 6
    assert set(as_str_ids(f["customer_id"])) == {"13085", "13078", "16321", "14911", "17530"}
    assert f["customer_id"].isna().sum() == 1
    assert (order_status(f) == "credit").sum() == 1
    # 12/1/2009 is 1 December (month first: 12/14/2009 exists)
    assert f["order_time"].min() == T("2009-12-01 07:45")
    assert f["order_time"].max() == T("2010-12-09 20:01")
    assert (f["order_time"] == T("2009-12-14 14:53")).sum() == 1


def test_uci_online_retail_ii_short_dates():
    ds = load("uci_online_retail_ii_short_dates.csv")
    f = ds.frame
    assert ds.kind == "orders"
    # 15.30+20.34+1.25+17.70+12.75+10.20 = 77.54 of sales; credit note 27.50
    assert metrics.summary(f)["paid_revenue"] == pytest.approx(77.54)
    assert metrics.summary(f)["refunds"] == pytest.approx(27.50)
    assert f["order_id"].nunique() == 6
    assert f["customer_id"].nunique() == 5
    # 12/1/10 8:26 -> 2010-12-01 08:26; 12/9/11 12:50 -> 2011-12-09 12:50
    assert f["order_time"].min() == T("2010-12-01 08:26")
    assert f["order_time"].max() == T("2011-12-09 12:50")
    assert (f["order_time"] == T("2010-12-13 10:04")).sum() == 1


def test_shopify_orders_export():
    ds = load("shopify_orders_export_1.csv")
    f = ds.frame
    assert ds.kind == "orders"
    assert ds.report.rows_read == 12
    assert set(as_str_ids(f["order_id"])) == {
        "#1001", "#1002", "#1003", "#1004", "#1005", "#1006", "#1007", "#AP-516073",
    }  # fmt: skip
    # Total counted once per order, extra line rows add nothing:
    # 48.20+19.99+60.00+85.50+30.00+22.00+45.00+112.40 = 423.09
    assert f["revenue"].sum() == pytest.approx(423.09)
    rev = order_revenue(f)
    assert rev["#1001"] == pytest.approx(48.20)
    assert rev["#1004"] == pytest.approx(85.50)
    assert rev["#AP-516073"] == pytest.approx(112.40)
    st = order_status(f)
    assert st.to_dict() == {
        "#1001": "paid",
        "#1002": "paid",
        "#1003": "refunded",
        "#1004": "partially_refunded",
        "#1005": "pending",
        "#1006": "cancelled",  # voided, Cancelled at set
        "#1007": "cancelled",  # pending, Cancelled at set
        "#AP-516073": "paid",
    }
    # paid orders: 48.20 + 19.99 + 112.40 = 180.59
    assert rev[st == "paid"].sum() == pytest.approx(180.59)
    assert f["refund_amount"].sum() == pytest.approx(80.00)  # 60.00 + 20.00
    # customers by e-mail; #1005 has none
    assert f.groupby("order_id")["customer_id"].first().nunique() == 4
    assert f["quantity"].sum() == 14
    # -0800 / -0700 dropped, wall clock kept
    assert_naive_datetime(f["order_time"])
    times = f.groupby("order_id")["order_time"].first()
    assert times["#1001"] == T("2023-03-11 23:06:05")
    assert times["#1002"] == T("2023-03-12 09:15:00")
    assert f["order_time"].min() == T("2023-03-11 23:06:05")
    assert f["order_time"].max() == T("2023-03-16 20:10:00")
    paid_time = f.groupby("order_id")["paid_time"].first()
    assert paid_time["#1001"] == T("2023-03-11 23:06:07")


def test_woocommerce_order_total_once():
    ds = load("woocommerce_orders_export.csv")
    f = ds.frame
    assert ds.kind == "orders"
    assert ds.report.rows_read == 9
    assert set(as_str_ids(f["order_id"])) == {"1001", "1002", "1003", "1004", "1005"}
    # Order Total Amount repeated on each line, counted once:
    # 37.45 + 18.00 + 16.95 + 39.95 + 34.65 = 147.00
    assert f["revenue"].sum() == pytest.approx(147.00)
    rev = order_revenue(f)
    assert rev["1005"] == pytest.approx(34.65)
    st = order_status(f)
    assert st.to_dict() == {
        "1001": "paid",  # Completed
        "1002": "paid",  # Processing: payment received, not yet shipped
        "1003": "refunded",
        "1004": "cancelled",
        "1005": "paid",
    }
    assert rev[st == "paid"].sum() == pytest.approx(90.10)  # 37.45 + 18.00 + 34.65
    assert f["customer_id"].nunique() == 4
    assert f["order_time"].min() == T("2023-06-01 14:03")
    assert f["order_time"].max() == T("2023-06-05 20:45")


def test_amazon_all_orders_tab_separated():
    ds = load("amazon_all_orders.txt")
    f = ds.frame
    assert ds.kind == "orders"
    assert ds.report.rows_read == 6
    assert f["order_id"].nunique() == 5
    assert "171-0000547-8192359" in set(as_str_ids(f["order_id"]))
    # 24.99 + 39.98 + 9.99 + 15.00 + (cancelled, blank) + 15.00 = 104.96
    assert f["revenue"].sum() == pytest.approx(104.96)
    st = order_status(f)
    assert st["171-0000547-8192359"] == "cancelled"
    assert st["112-0000003-0000003"] == "pending"
    assert st["111-0000002-0000002"] == "paid"
    assert order_revenue(f)[st == "paid"].sum() == pytest.approx(89.96)
    assert_naive_datetime(f["order_time"])
    assert f["order_time"].min() == T("2023-05-01 08:15:22")
    assert f["order_time"].max() == T("2023-05-04 07:00:00")


def test_amazon_sale_report_kaggle_cut():
    ds = load("amazon_sale_report.csv")
    f = ds.frame
    assert ds.kind == "orders"
    assert ds.report.rows_read == 11
    assert ds.report.rows_kept == 11  # cancelled lines with blank Amount are kept
    assert f["order_id"].nunique() == 10
    # 406+329+574+824+653+798+399+486+399 = 4868.00 (cancelled lines blank)
    assert f["revenue"].sum() == pytest.approx(4868.00)
    st = order_status(f)
    assert (st == "cancelled").sum() == 2
    assert (st == "pending").sum() == 1
    assert order_revenue(f)[st == "paid"].sum() == pytest.approx(4382.00)  # 4868 - 486
    # `Sales Channel ` (trailing space) is the channel
    assert ds.mapping.get("channel", "").strip() == "Sales Channel"
    assert set(f["channel"].dropna()) == {"Amazon.in", "Non-Amazon"}
    assert f["quantity"].sum() == 10
    # MM/DD/YY
    assert f["order_time"].min() == T("2022-04-28")
    assert f["order_time"].max() == T("2022-05-01")


OLIST = ["olist_orders_dataset.csv", "olist_order_payments_dataset.csv", "olist_customers_dataset.csv"]


def test_olist_relational_join():
    files = [(n, (FIX / n).read_bytes()) for n in OLIST]
    sets = ec.load_files(files)
    assert [d.kind for d in sets] == ["orders"]
    ds = sets[0]
    f = ds.frame
    assert f["order_id"].nunique() == 6
    # payments summed per order: 38.71+141.46+179.12+72.20+28.62+125.50 = 585.61
    assert f["revenue"].sum() == pytest.approx(585.61)
    rev = order_revenue(f)
    assert rev["0a1f00000000000000000000000000o1"] == pytest.approx(38.71)  # 18.12+2.00+18.59
    # customer = customer_unique_id: o1 and o3 are the same person
    cust = f.groupby("order_id")["customer_id"].first()
    assert cust.nunique() == 5
    assert cust["0a1f00000000000000000000000000o1"] == "0u0000000000000000000000000000u1"
    assert cust["0a1f00000000000000000000000000o3"] == "0u0000000000000000000000000000u1"
    st = order_status(f)
    assert st["0a1f00000000000000000000000000o5"] == "cancelled"
    assert (st == "cancelled").sum() == 1
    assert rev[st != "cancelled"].sum() == pytest.approx(556.99)
    assert f["order_time"].min() == T("2017-10-02 10:56:33")
    assert f["order_time"].max() == T("2018-08-08 08:38:49")
    check_report(ds, joined=True)


def test_olist_orders_alone_still_load():
    """The orders file on its own is still orders (revenue can only come from payments)."""
    try:
        ds = ec.load(FIX / OLIST[0])
    except ec.LoadError as err:
        assert err.code == "err_required_missing"
        assert err.message("zh") and err.message("en")
    else:
        check_report(ds)
        assert ds.kind == "orders"


TAOBAO_IDS = {
    "131855648372839700", "131862284810253700", "131870011122233300", "131875500099988800",
    "131880000012345600", "131881234567890100", "131889876543210000",
}  # fmt: skip


def test_taobao_order_report_gbk():
    ds = load("taobao_订单报表_gbk.csv")
    f = ds.frame
    assert ds.kind == "orders"
    assert ds.report.rows_read == 7
    # long digit IDs kept as text, trailing space stripped, no float rounding
    assert set(as_str_ids(f["order_id"])) == TAOBAO_IDS
    # 买家实际支付金额: 59.00+128.50+0+88.00+0+36.80+99.00 = 411.30
    assert f["revenue"].sum() == pytest.approx(411.30)
    st = order_status(f)
    assert st.to_dict() == {
        "131855648372839700": "paid",  # 交易成功
        "131862284810253700": "paid",  # 交易成功
        "131870011122233300": "pending",  # 等待买家付款
        "131875500099988800": "refunded",  # 交易关闭, paid, 退款金额 88 > 0
        "131880000012345600": "cancelled",  # 交易关闭, never paid
        "131881234567890100": "paid",  # 买家已付款，等待卖家发货
        "131889876543210000": "paid",  # 卖家已发货，等待买家确认
    }
    assert order_revenue(f)[st == "paid"].sum() == pytest.approx(323.30)  # 59+128.5+36.8+99
    assert f["customer_id"].nunique() == 5
    assert f["quantity"].sum() == 10
    assert f["refund_amount"].sum() == pytest.approx(88.00)
    # `订单付款时间 ` (trailing space) is the paid time; 2017/5/30 23:18
    assert ds.mapping["paid_time"].strip() == "订单付款时间"
    assert ds.mapping["product"].strip() == "宝贝标题"
    assert f["order_time"].min() == T("2017-05-30 23:18")
    assert f["order_time"].max() == T("2017-06-03 21:47")
    assert f["paid_time"].notna().sum() == 5


def test_taobao_report_with_line_items_joined():
    files = [(n, (FIX / n).read_bytes()) for n in ("taobao_订单报表_gbk.csv", "taobao_宝贝明细.csv")]
    sets = ec.load_files(files)
    assert [d.kind for d in sets] == ["orders"]
    ds = sets[0]
    f = ds.frame
    assert set(as_str_ids(f["order_id"])) == TAOBAO_IDS
    # the order's paid total is kept: lines of an order sum to what the buyer paid
    assert f["revenue"].sum() == pytest.approx(411.30)
    rev = order_revenue(f)
    assert rev["131862284810253700"] == pytest.approx(128.50)
    assert rev["131855648372839700"] == pytest.approx(59.00)
    # products now come from the line items
    assert {"保温杯 500ml", "杯刷", "帆布鞋", "纯棉T恤男短袖"} <= set(f["product"].dropna())
    assert f["customer_id"].nunique() == 5
    check_report(ds, joined=True)


def test_taobao_gb18030_with_title_rows():
    ds = load("taobao_订单报表_gb18030_title_rows.csv")
    f = ds.frame
    assert ds.kind == "orders"
    assert ds.report.rows_read == 3  # the two title rows and the header are not data
    assert set(as_str_ids(f["order_id"])) == {
        "131900000000000100", "131900000000000200", "131900000000000300",
    }  # fmt: skip
    # 买家实际支付金额 = 总金额 on every paid row (no refunds): revenue is 总金额, which also gives
    # the unpaid order its amount (30.00) for GMV; paid revenue leaves it out
    assert f["revenue"].sum() == pytest.approx(121.50)
    s = metrics.summary(f)
    assert s["gmv"] == pytest.approx(121.50) and s["paid_revenue"] == pytest.approx(91.50)  # 66.00 + 25.50
    assert "𠮷田小店" in set(f["customer_id"].dropna())  # a GB18030-only character
    assert f["customer_id"].nunique() == 2
    assert order_status(f)["131900000000000300"] == "pending"


def test_tmall_teaching_report():
    ds = load("tmall_order_report.csv")
    f = ds.frame
    assert ds.kind == "orders"
    assert ds.report.rows_read == 10 and ds.report.rows_kept == 10
    assert f["order_id"].nunique() == 10
    # 买家实际支付金额 = 总金额 − 退款金额 on every paid row: it is net already, so revenue is 总金额
    assert ds.mapping["revenue"] == "总金额"
    assert "note_money_net" in [n.code for n in ds.report.notes]
    # 178.8+21+37+157+64.8+327.7+357+53+43.97+421 = 1661.27 (every order placed)
    assert f["revenue"].sum() == pytest.approx(1661.27)
    assert f["refund_amount"].sum() == pytest.approx(700.60)  # 64.8 + 178.8 + 357 + 100
    assert f["paid_time"].notna().sum() == 7  # blank 订单付款时间 = never paid
    st = order_status(f)
    assert st["2"] == "paid"
    assert st["5"] == "refunded"  # 64.8 ordered, 64.8 refunded
    assert st["6"] == "partially_refunded"  # 327.7 ordered, 178.8 refunded: partly, not fully
    assert st["7"] == "refunded"  # 实付 0 after a full refund of 357
    assert st["10"] == "partially_refunded"  # 421 ordered, 100 refunded
    assert st["1"] in {"pending", "cancelled"}  # never paid
    assert f["order_time"].min() == T("2020-02-20 23:54:41")
    assert f["order_time"].max() == T("2020-02-21 00:00:00")


def test_douyin_orders_xlsx():
    ds = load("douyin_orders.xlsx")
    f = ds.frame
    assert ds.kind == "orders"
    ids = as_str_ids(f["order_id"])  # 19-digit ids, text cells
    assert "6919234567890123401" in ids and len(set(ids)) == 5
    # 订单应付金额: 59.90+119.80+39.00+89.00+25.50 = 333.20; without the closed order 244.20
    assert f["revenue"].sum() == pytest.approx(333.20)
    assert order_status(f)["6919234567890123404"] == "cancelled"  # 已关闭
    open_orders = f[f["order_id"] != "6919234567890123404"]
    assert open_orders["revenue"].sum() == pytest.approx(244.20)
    assert f["quantity"].sum() == 8
    assert f["order_time"].min() == T("2023-06-18 20:01:15")
    assert f["order_time"].max() == T("2023-06-20 12:00:00")


def test_orders_utf16_tab_text():
    ds = load("orders_unicode_text.txt")
    f = ds.frame
    assert ds.kind == "orders"
    assert f["revenue"].sum() == pytest.approx(133.47)  # 19.98+24.50+30.00+9.99+49.00
    st = order_status(f)
    assert st.to_dict() == {
        "SO-0001": "paid",
        "SO-0002": "paid",
        "SO-0003": "cancelled",
        "SO-0004": "pending",
        "SO-0005": "paid",
    }
    assert order_revenue(f)[st == "paid"].sum() == pytest.approx(93.48)
    assert "Café Grinder" in set(f["product"])
    assert f["customer_id"].nunique() == 4
    assert set(f["channel"]) == {"Online", "Store"}
    assert set(f["region"]) == {"North", "South", "East", "West"}


def test_orders_excel_quirks():
    ds = load("orders_excel_quirks.xlsx")
    f = ds.frame
    assert ds.kind == "orders"
    assert ds.report.rows_kept == 4
    # number and text cells in one ID column
    assert set(as_str_ids(f["order_id"])) == {"10001", "10002-A", "10003", "10004"}
    # 100 + 1234.00 + 56.5 + 2000.50 = 3391.00 (two of them text with ¥ and a comma)
    assert f["revenue"].sum() == pytest.approx(3391.00)
    # Excel serials: 45078.25 = 2023-06-01 06:00, 45080 = 2023-06-03 00:00
    assert f["order_time"].min() == T("2023-06-01 06:00")
    assert f["order_time"].max() == T("2023-06-03 00:00")
    assert sorted(f["order_time"]) == [
        T("2023-06-01 06:00"), T("2023-06-01 12:00"), T("2023-06-02 18:00"), T("2023-06-03"),
    ]  # fmt: skip
    # customer IDs that Excel stored as floats
    assert set(as_str_ids(f["customer_id"])) == {"501", "502"}
    assert order_status(f)["10004"] == "cancelled"


def test_workbook_with_several_sheets():
    sets = ec.load_all(FIX / "shop_workbook.xlsx")
    for ds in sets:
        check_report(ds)
    by_kind = {d.kind: d for d in sets}
    assert {"orders", "traffic", "spend"} <= set(by_kind)
    o = by_kind["orders"].frame
    assert o["revenue"].sum() == pytest.approx(732.00)  # 199+118+39+199+177
    st = order_status(o)
    assert st.to_dict() == {
        "DD001": "paid",
        "DD002": "paid",
        "DD003": "cancelled",
        "DD004": "refunded",
        "DD005": "paid",
    }
    assert order_revenue(o)[st == "paid"].sum() == pytest.approx(494.00)
    assert o["order_time"].min() == T("2023-07-01 10:00")
    t = by_kind["traffic"].frame
    assert t["visitors"].sum() == 2450
    assert t["paid_amount"].sum() == pytest.approx(693.00)
    s = by_kind["spend"].frame
    assert s["spend"].sum() == pytest.approx(850.00)
    assert set(s["channel"]) == {"抖音", "淘宝", "小红书"}


# ======================================================================================
# Traffic
# ======================================================================================


def test_sycm_product_export_with_title_rows():
    ds = load("【生意参谋平台】商品_全部_2023-05-01_2023-05-03.xlsx")
    f = ds.frame
    assert ds.kind == "traffic"
    assert ds.report.rows_read == 6
    # 商品访客数 120+80+150+95+110+70 = 625 is the only visitor count
    assert f["visitors"].sum() == 625
    # 支付金额 (text cells) 354+89.70+531+149.50+236+59.80 = 1420.00
    assert f["paid_amount"].sum() == pytest.approx(1420.00)
    assert f["payers"].sum() == 29
    assert f["cart_adds"].sum() == 76
    assert f["orderers"].sum() == 34
    assert f["date"].min() == T("2023-05-01")
    assert f["date"].max() == T("2023-05-03")


def test_sycm_traffic_sources_csv():
    ds = load("【生意参谋平台】流量来源_2023-05-01_2023-05-02.csv")
    f = ds.frame
    assert ds.kind == "traffic"
    assert ds.report.rows_read == 6
    assert f["visitors"].sum() == 1950
    assert f["page_views"].sum() == 4500  # "1,200" etc.: 1200+650+380+1250+600+420
    assert f["paid_amount"].sum() == pytest.approx(5495.00)
    assert f["payers"].sum() == 67
    assert f["cart_adds"].sum() == 147
    assert set(f["channel"]) == {"手淘搜索", "直通车", "手淘推荐", "直播"}
    assert f["date"].nunique() == 2


def test_jd_shangzhi_gbk():
    ds = load("京东商智_店铺概况.csv")
    f = ds.frame
    assert ds.kind == "traffic"
    assert len(f) == 5
    assert f["visitors"].sum() == 6030  # "1,200" + "1,100" + "1,250" + 980 + "1,500"
    assert f["paid_amount"].sum() == pytest.approx(27870.00)  # 成交金额
    assert f["payers"].sum() == 182  # 成交客户数
    assert f["cart_adds"].sum() == 479
    assert f["date"].min() == T("2023-06-01")
    assert f["date"].max() == T("2023-06-05")


# ======================================================================================
# Events
# ======================================================================================


def test_tianchi_user_behavior_headerless():
    ds = load("UserBehavior.csv")
    f = ds.frame
    assert ds.kind == "events"
    assert ds.report.rows_read == 12  # the first line is data, not a header
    assert len(f) == 12
    assert f["user_id"].nunique() == 5
    assert set(as_str_ids(f["user_id"])) == {"100", "101", "102", "103", "104"}
    assert f["event"].value_counts().to_dict() == {"pv": 7, "cart": 2, "buy": 2, "fav": 1}
    # unix seconds, read as UTC: 1511544070 = 2017-11-24 17:21:10, 1512000000 = 2017-11-30
    assert_naive_datetime(f["time"])
    assert f["time"].min() == T("2017-11-24 17:21:10")
    assert f["time"].max() == T("2017-11-30 00:00:00")


def test_rees46_events():
    ds = load("rees46_2019-Oct.csv")
    f = ds.frame
    assert ds.kind == "events"
    assert len(f) == 10
    assert f["event"].value_counts().to_dict() == {
        "view": 5,
        "cart": 2,
        "purchase": 2,
        "remove_from_cart": 1,
    }
    assert f["user_id"].nunique() == 4
    assert "541312140" in set(as_str_ids(f["user_id"]))
    assert f["session_id"].nunique() == 5
    assert "3900821" in set(as_str_ids(f["product"]))
    # `2019-10-01 00:00:00 UTC`
    assert_naive_datetime(f["time"])
    assert f["time"].min() == T("2019-10-01 00:00:00")
    assert f["time"].max() == T("2019-10-01 23:59:59")


def test_ga4_events_microseconds():
    ds = load("ga4_events.csv")
    f = ds.frame
    assert ds.kind == "events"
    assert len(f) == 12
    assert f["event"].value_counts().to_dict() == {
        "session_start": 3,
        "page_view": 3,
        "view_item": 2,
        "add_to_cart": 2,
        "purchase": 2,
    }
    # user_pseudo_id looks like a float but is an ID: kept exactly as written
    assert set(as_str_ids(f["user_id"])) == {
        "1026454.4271112504",
        "2811.6645871025",
        "4417891.0123456789",
    }
    # event_timestamp in microseconds: 1604217600000000 = 2020-11-01 08:00:00 UTC
    assert f["time"].min() == T("2020-11-01 08:00:00")
    assert f["time"].max() == T("2020-11-02 08:06:40")
    assert (f["time"] == T("2020-11-01 08:01:00.123456")).sum() == 1


# ======================================================================================
# Spend
# ======================================================================================


def test_spend_report_huafei():
    ds = load("推广报表_花费.csv")
    f = ds.frame
    assert ds.kind == "spend"
    assert f["spend"].sum() == pytest.approx(2372.50)  # 540+300+517.5+280+585+150
    assert f["impressions"].sum() == 94500
    assert f["clicks"].sum() == 1965
    assert set(f["channel"]) == {"直通车", "引力魔方", "淘宝客"}
    assert f["date"].min() == T("2023-05-01")
    assert f["date"].max() == T("2023-05-03")


def test_spend_report_xiaohao_xlsx():
    ds = load("巨量引擎_消耗报表.xlsx")
    f = ds.frame
    assert ds.kind == "spend"
    assert ds.mapping["spend"] == "消耗(元)"
    assert f["spend"].sum() == pytest.approx(6030.00)  # 1800+1470+1200+1560
    assert f["impressions"].sum() == 333000
    assert f["clicks"].sum() == 7810
    assert f["date"].min() == T("2023-05-01")
    assert f["date"].max() == T("2023-05-03")


def test_facebook_ads_teaching_shape():
    ds = load("facebook_ads.csv")
    f = ds.frame
    assert ds.kind == "spend"
    assert len(f) == 6
    assert f["spend"].sum() == pytest.approx(277.90)  # 2.10+5.35+0+24.80+95.40+150.25
    assert f["impressions"].sum() == 726900
    assert f["clicks"].sum() == 169


# ======================================================================================
# Experiments
# ======================================================================================


def test_ab_test_per_user():
    ds = load("ab_test_per_user.csv")
    f = ds.frame
    assert ds.kind == "experiment"
    assert ds.report.rows_read == 11
    codes = {n.code for n in ds.report.notes}
    assert "note_duplicate_users" in codes  # user 700002 twice
    assert "note_variant_page_mismatch" in codes  # 700007 control/new_page, 700008 treatment/old_page
    assert set(f["variant"]) == {"control", "treatment"}
    if ds.report.rows_kept == 11:  # kept as they are, with a warning
        g = f.groupby("variant")["converted"].agg(["size", "sum"])
        assert g.loc["control"].tolist() == [5, 2]
        assert g.loc["treatment"].tolist() == [6, 3]
    assert f["time"].min() == T("2017-01-02 09:15:22.123456")
    assert f["time"].max() == T("2017-01-07 22:22:22.222222")


def test_ab_test_per_variant_summary():
    ds = load("ab_test_summary.csv")
    f = ds.frame.set_index("variant")
    assert ds.kind == "experiment"
    assert f.loc["A", "visitors"] == 10000 and f.loc["A", "conversions"] == 320
    assert f.loc["B", "visitors"] == 10050 and f.loc["B", "conversions"] == 365
    assert f["revenue"].sum() == pytest.approx(34272.50)


def test_ab_test_per_variant_summary_chinese():
    data = "实验组,访客数,转化数\n对照组,5000,150\n实验组A,5100,180\n".encode()
    ds = ec.load(data, filename="实验汇总.csv")
    check_report(ds)
    assert ds.kind == "experiment"
    f = ds.frame.set_index("variant")
    assert f.loc["对照组", "visitors"] == 5000 and f.loc["实验组A", "conversions"] == 180


def test_three_arm_email_experiment():
    ds = load("email_campaign_3arm.csv")
    f = ds.frame
    assert ds.kind == "experiment"
    assert ds.mapping["variant"] == "segment"
    assert ds.mapping["converted"] == "conversion"
    g = f.groupby("variant")["converted"].agg(["size", "sum"])
    assert g.to_dict("index") == {
        "Mens E-Mail": {"size": 4, "sum": 2},
        "Womens E-Mail": {"size": 4, "sum": 1},
        "No E-Mail": {"size": 4, "sum": 0},
    }


# ======================================================================================
# Value notations (in-memory files)
# ======================================================================================


def _orders_csv(values: list[str], col: str = "Revenue", dates: list[str] | None = None) -> bytes:
    dates = dates or ["2023-05-01 10:00:00", "2023-05-02 11:00:00", "2023-05-03 12:00:00"]
    lines = [f"Order ID,Order Date,{col}"]
    for i, (d, v) in enumerate(zip(dates, values, strict=True), start=1):
        lines.append(f'A{i},{d},"{v}"')
    return ("\n".join(lines) + "\n").encode()


MONEY = [
    (["¥1,234.00", "¥56.50", "¥0.00"], 1290.50),
    (["￥1234", "￥66", "￥0.5"], 1300.50),
    (["1.234,50 €", "99,90 €", "0,10 €"], 1334.50),
    (["$1,234.56", "$10.00", "$0.44"], 1245.00),
    (["(12.50)", "100.00", "20.00"], 107.50),
    (["1 234,50", "10,00", "5,50"], 1250.00),
    (["1\u00a0234,50", "10,00", "5,50"], 1250.00),
    (["12.5元", "100元", "0.5元"], 113.00),
    (["USD 12.00", "USD 8.50", "USD 100.00"], 120.50),
    (["-", "10.00", "20.00"], 30.00),
]


@pytest.mark.parametrize(("values", "total"), MONEY, ids=[m[0][0] for m in MONEY])
def test_money_notations(values, total):
    ds = ec.load(_orders_csv(values), filename="orders.csv")
    check_report(ds)
    assert ds.kind == "orders"
    # a negative amount keeps its sign; as its own order it is a credit note (a refund)
    assert ds.frame["revenue"].sum() == pytest.approx(total)
    assert ds.report.rows_read == 3


def test_money_text_is_reported_as_coerced():
    ds = ec.load(_orders_csv(["¥1,234.00", "¥56.50", "¥0.00"]), filename="orders.csv")
    assert ds.report.coerced.get("revenue", 0) == 3


DATES = [
    (["2023-05-31 23:06:05 -0700", "2023-06-01 08:00:00 -0700"],
     ["2023-05-31 23:06:05", "2023-06-01 08:00:00"]),
    (["2023-03-11 23:06:05 -0800", "2023-03-12 23:10:00 -0700", "2023-11-05 01:30:00 -0800"],
     ["2023-03-11 23:06:05", "2023-03-12 23:10:00", "2023-11-05 01:30:00"]),
    (["2017/5/30 23:18", "2017/6/1 8:05"], ["2017-05-30 23:18", "2017-06-01 08:05"]),
    (["12/1/2010 08:26", "12/13/2010 09:00"], ["2010-12-01 08:26", "2010-12-13 09:00"]),
    (["12/1/10 8:26", "12/13/10 9:00"], ["2010-12-01 08:26", "2010-12-13 09:00"]),
    (["05/31/23", "06/01/23"], ["2023-05-31", "2023-06-01"]),
    (["31.05.2023", "01.06.2023"], ["2023-05-31", "2023-06-01"]),
    (["2019-10-01 00:00:00 UTC", "2019-10-02 13:45:10 UTC"],
     ["2019-10-01 00:00:00", "2019-10-02 13:45:10"]),
    (["2023-05-31T23:06:05Z", "2023-06-01T00:00:01Z"], ["2023-05-31 23:06:05", "2023-06-01 00:00:01"]),
    (["2023-05-31T23:06:05+08:00", "2023-06-01T00:00:01+08:00"],
     ["2023-05-31 23:06:05", "2023-06-01 00:00:01"]),
    (["2023-05-31T23:06:05.123456", "2023-05-31T23:06:05.654321"],
     ["2023-05-31 23:06:05.123456", "2023-05-31 23:06:05.654321"]),
    (["1685574365", "1685577600"], ["2023-05-31 23:06:05", "2023-06-01 00:00:00"]),
    (["1685574365000", "1685577600000"], ["2023-05-31 23:06:05", "2023-06-01 00:00:00"]),
    (["2017年5月30日", "2017年6月1日"], ["2017-05-30", "2017-06-01"]),
    (["2017年5月30日 23:18:00", "2017年6月1日 08:05:00"], ["2017-05-30 23:18", "2017-06-01 08:05"]),
]  # fmt: skip


@pytest.mark.parametrize(("raw", "expected"), DATES, ids=[d[0][0] for d in DATES])
def test_date_notations(raw, expected):
    values = ["10.00"] * len(raw)
    ds = ec.load(_orders_csv(values, dates=[f'"{d}"' for d in raw]), filename="orders.csv")
    check_report(ds)
    assert ds.kind == "orders"
    assert ds.report.rows_kept == len(raw)
    assert_naive_datetime(ds.frame["order_time"])
    assert sorted(ds.frame["order_time"]) == [T(e) for e in expected]


def test_excel_serial_dates_in_xlsx():
    data = mf.xlsx_bytes(
        [["Order ID", "Order Date", "Revenue"], ["A1", 45077.9625, 10.0], ["A2", 45078, 20.0]]
    )
    ds = ec.load(data, filename="orders.xlsx")
    check_report(ds)
    # 45077 = 2023-05-31; .9625 of a day = 23:06:00
    assert sorted(ds.frame["order_time"]) == [T("2023-05-31 23:06:00"), T("2023-06-01")]


def test_real_excel_dates_in_xlsx():
    data = mf.xlsx_bytes(
        [
            ["订单号", "下单时间", "实付金额"],
            ["A1", pd.Timestamp("2023-05-31 23:06:05").to_pydatetime(), 10.0],
            ["A2", pd.Timestamp("2023-06-01 00:00:01").to_pydatetime(), 20.0],
        ]
    )
    ds = ec.load(data, filename="orders.xlsx")
    check_report(ds)
    assert sorted(ds.frame["order_time"]) == [T("2023-05-31 23:06:05"), T("2023-06-01 00:00:01")]


BOOLS = [
    ("TRUE", "FALSE"),
    ("True", "False"),
    ("yes", "no"),
    ("Y", "N"),
    ("是", "否"),
    ("1", "0"),
]


@pytest.mark.parametrize(("yes", "no"), BOOLS, ids=[b[0] for b in BOOLS])
def test_boolean_notations(yes, no):
    rows = [("u1", "A", yes), ("u2", "A", no), ("u3", "B", yes), ("u4", "B", yes), ("u5", "B", no)]
    text = "user_id,variant,converted\n" + "".join(f"{u},{v},{c}\n" for u, v, c in rows)
    ds = ec.load(text.encode(), filename="ab.csv")
    check_report(ds)
    assert ds.kind == "experiment"
    g = ds.frame.groupby("variant")["converted"].agg(["size", "sum"])
    assert g.loc["A"].tolist() == [2, 1]
    assert g.loc["B"].tolist() == [3, 2]


def test_boolean_notation_chinese_headers():
    text = "用户ID,实验组,是否转化\nu1,对照组,否\nu2,对照组,是\nu3,实验组,是\nu4,实验组,是\n"
    ds = ec.load(text.encode("utf-8-sig"), filename="ab.csv")
    check_report(ds)
    assert ds.kind == "experiment"
    assert ds.frame.groupby("variant")["converted"].sum().to_dict() == {"实验组": 2, "对照组": 1}


def test_fixture_script_lists_every_committed_file():
    committed = {
        p.name for p in FIX.iterdir() if p.is_file() and p.suffix in {".csv", ".txt", ".xlsx", ".xls"}
    }
    assert committed == set(mf.WRITERS)


def test_shopify_customers_export():
    ds = load("shopify_customers_export.csv")
    f = ds.frame
    assert ds.kind == "customer_table"
    assert len(f) == 5
    assert set(f["customer_id"]) == {
        "alice@example.com", "bob@example.com", "carol@example.com", "dave@example.com",
        "erin@example.com",
    }  # fmt: skip
    if "total_spent" in f:
        assert f["total_spent"].sum() == pytest.approx(393.09)  # 108.20+132.39+85.50+67+0
    if "phone" in f:
        phones = f["phone"].dropna().tolist()
        assert phones and not any(p.startswith("'") for p in phones)


def test_shopify_orders_with_customers_export():
    """Uploading the customers export with the orders must not change the orders."""
    names = ["shopify_orders_export_1.csv", "shopify_customers_export.csv"]
    sets = ec.load_files([(n, (FIX / n).read_bytes()) for n in names])
    orders = [d for d in sets if d.kind == "orders"]
    assert len(orders) == 1
    f = orders[0].frame
    assert f["order_id"].nunique() == 8
    assert f["revenue"].sum() == pytest.approx(423.09)
    assert f.groupby("order_id")["customer_id"].first().nunique() == 4
    check_report(orders[0], joined=True)


def test_legacy_xls_with_title_rows():
    ds = load("【生意参谋平台】店铺_全部_2023-05-01_2023-05-03.xls")
    check_report(ds)
    f = ds.frame
    assert ds.kind == "traffic"
    assert f["date"].tolist() == [T("2023-05-01"), T("2023-05-02"), T("2023-05-03")]
    assert f["visitors"].sum() == 3000  # 1200+1000+800
    assert f["payers"].sum() == 118  # 48+40+30
    assert f["paid_amount"].sum() == pytest.approx(11800.0)  # 4800+4000.5+2999.5
    assert any(n.code == "note_title_rows" for n in ds.report.notes)
