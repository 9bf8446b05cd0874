"""Loader mechanisms on small inline files: header finding, encodings, mapping, joins, reports."""

import contextlib
import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import ecom_core as ec
from ecom_core.load import detect

FIXTURES = Path(__file__).parent / "fixtures"


def _consistent(ds):
    r = ds.report
    assert r.rows_read == r.rows_kept + sum(r.dropped.values())
    assert r.rows_kept == len(ds.frame)


TAOBAO = (
    "订单报表\n导出时间：2017-06-01\n"
    "订单编号,买家会员名,买家实际支付金额,订单状态,订单创建时间,订单付款时间 ,宝贝标题 ,收货地址 ,退款金额\n"
    "17056300000000000 ,张三,99.00,交易成功,2017/5/30 23:18,2017/5/30 23:19,连衣裙，T恤,浙江省 杭州市 西湖区,0\n"
    "17056300000000100 ,李四,50.00,等待买家付款,2017/5/31 8:01,,T恤,广东省 深圳市,0\n"
    "17056300000000200 ,张三,80.00,交易关闭,2017/5/31 9:30,2017/5/31 9:31,裙子,浙江省 杭州市,80.00\n"
    "17056300000000300 ,王五,120.00,卖家已发货，等待买家确认,2017/6/1 10:00,2017/6/1 10:02,外套,上海 上海市,0\n"
)


def test_taobao_gbk_with_title_rows():
    ds = ec.load(TAOBAO.encode("gbk"), filename="订单报表.csv")
    _consistent(ds)
    f = ds.frame
    assert ds.kind == "orders"
    assert f["order_id"].tolist()[0] == "17056300000000000"
    assert f["status"].tolist() == ["paid", "pending", "refunded", "paid"]
    assert f["revenue"].sum() == pytest.approx(349.0)
    assert f["customer_id"].nunique() == 3
    assert f["region"].tolist() == ["浙江", "广东", "浙江", "上海"]
    assert f["order_time"].iloc[0] == pd.Timestamp("2017-05-30 23:18")
    codes = [n.code for n in ds.report.notes]
    assert "note_title_rows" in codes
    assert "note_ids_rounded" in codes
    assert ds.mapping["paid_time"] == "订单付款时间"


def test_utf8_bom_and_semicolons():
    text = "\ufeffOrder ID;Order Date;Revenue;Customer ID\nA1;31.05.2023;1.234,50 €;c1\nA2;01.06.2023;12,00 €;c2\n"
    ds = ec.load(text.encode("utf-8"), filename="orders.csv")
    assert ds.frame["revenue"].tolist() == pytest.approx([1234.5, 12.0])
    assert ds.frame["order_time"].tolist() == [pd.Timestamp("2023-05-31"), pd.Timestamp("2023-06-01")]


def test_utf16_tab_separated():
    text = "amazon-order-id\tpurchase-date\torder-status\tproduct-name\tquantity\titem-price\tship-state\n"
    text += "171-0000547-8192359\t2023-05-31T10:00:00+00:00\tShipped\tMug\t1\t12.99\tCA\n"
    text += "171-0000548-8192360\t2023-05-31T11:00:00+00:00\tCancelled\tCup\t1\t\tNY\n"
    ds = ec.load(text.encode("utf-16"), filename="orders.txt")
    assert ds.kind == "orders"
    assert ds.frame["status"].tolist() == ["paid", "cancelled"]
    assert ds.frame["revenue"].tolist() == [12.99, 0.0]


def test_headerless_clickstream():
    text = "1,2268318,2520377,pv,1511544070\n1,2333346,2520771,cart,1511561733\n2,2576651,149192,buy,1511572885\n"
    ds = ec.load(text.encode(), filename="UserBehavior.csv")
    assert ds.kind == "events"
    assert ds.frame["user_id"].tolist() == ["1", "1", "2"]
    assert ds.frame["event"].tolist() == ["pv", "cart", "buy"]
    assert ds.frame["time"].iloc[0] == pd.Timestamp("2017-11-24 17:21:10")
    assert any(n.code == "note_headerless" for n in ds.report.notes)


def test_woocommerce_repeated_order_total_counted_once():
    text = (
        '"Order Number","Order Status","Order Date","Email (Billing)",SKU,Name,Quantity,"Item Cost","Order Total Amount"\n'
        "101,Completed,2024-03-01 10:00,a@x.com,S1,Mug,2,10,25.00\n"
        "101,Completed,2024-03-01 10:00,a@x.com,S2,Tee,1,5,25.00\n"
        "102,Cancelled,2024-03-02 11:00,b@x.com,S1,Mug,1,10,10.00\n"
    )
    ds = ec.load(text.encode(), filename="woo.csv")
    assert ds.frame["revenue"].tolist() == [25.0, 0.0, 10.0]
    assert ds.frame["status"].tolist() == ["paid", "paid", "cancelled"]
    assert ds.frame["product"].tolist() == ["Mug", "Tee", "Mug"]


def test_duplicate_and_blank_headers_renamed():
    text = "Order ID,Date,Total,Total,\nA,2024-01-01,5,6,x\n"
    raw = ec.read_tables(text.encode(), "d.csv")[0]
    assert list(raw.frame.columns) == ["Order ID", "Date", "Total", "Total (2)", "column_5"]
    codes = {n.code for n in raw.notes}
    assert {"note_duplicate_headers", "note_blank_headers"} <= codes


def test_total_and_blank_rows_counted_not_lost():
    text = "统计日期,访客数,支付买家数\n2024-01-01,100,3\n,,\n2024-01-02,120,4\n合计,220,7\n"
    ds = ec.load(text.encode(), filename="traffic.csv")
    assert ds.kind == "traffic"
    assert ds.frame["visitors"].tolist() == [100, 120]
    assert ds.report.dropped == {"blank_row": 1, "total_row": 1}
    _consistent(ds)


def test_mapping_override_and_bad_mapping():
    text = "Order ID,Date,Net,Gross\nA,2024-01-01,5,6\n"
    ds = ec.load(text.encode(), filename="o.csv", mapping={"revenue": "Gross"})
    assert ds.frame["revenue"].tolist() == [6.0]
    with pytest.raises(ec.LoadError) as err:
        ec.load(text.encode(), filename="o.csv", kind="orders", mapping={"revenue": "Nope"})
    assert err.value.code == "err_mapping_column"


def test_required_column_missing_message_in_both_languages():
    text = "Order ID,Date\nA,2024-01-01\n"
    with pytest.raises(ec.LoadError) as err:
        ec.load(text.encode(), filename="o.csv", kind="orders")
    assert err.value.code == "err_required_missing"
    assert "Revenue (order amount before refunds)" in err.value.message("en")
    assert "缺少必需的列：订单金额（退款前）" in err.value.message("zh")


def test_unparseable_dates_refused():
    text = "Order ID,Order Date,Total\nA,hello,5\nB,world,6\n"
    with pytest.raises(ec.LoadError) as err:
        ec.load(text.encode(), filename="o.csv", kind="orders")
    assert err.value.code == "err_dates_unparseable"


def test_excel_workbook_every_sheet_and_title_rows(tmp_path):
    import xlsxwriter

    path = tmp_path / "shop.xlsx"
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("Online Retail")
    for j, h in enumerate(
        [
            "InvoiceNo",
            "StockCode",
            "Description",
            "Quantity",
            "InvoiceDate",
            "UnitPrice",
            "CustomerID",
            "Country",
        ]
    ):
        ws.write(0, j, h)
    rows = [
        (536365, "85123A", "HEART", 6, 2.55, 17850.0),
        (536365, 71053, "LANTERN", 2, 3.39, 17850.0),
        ("C536379", "D", "Discount", -1, 27.5, 14527.0),
        (536380, 22423, "CAKESTAND", 1, 0.0, None),
    ]
    fmt = wb.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    import datetime as dt

    for i, (inv, sc, desc, q, p, c) in enumerate(rows, start=1):
        ws.write(i, 0, inv)
        ws.write(i, 1, sc)
        ws.write(i, 2, desc)
        ws.write(i, 3, q)
        ws.write_datetime(i, 4, dt.datetime(2010, 12, 1, 8, 26 + i), fmt)
        ws.write(i, 5, p)
        if c:
            ws.write(i, 6, c)
        ws.write(i, 7, "United Kingdom")
    ws2 = wb.add_worksheet("流量")
    ws2.write(0, 0, "【生意参谋平台】店铺_全部_2024-01-01_2024-01-02")
    for j, h in enumerate(["统计日期", "流量来源", "访客数", "加购人数", "支付买家数", "支付金额"]):
        ws2.write(2, j, h)
    ws2.write_row(3, 0, ["2024-01-01", "手淘搜索", 100, 10, 3, "¥300.00"])
    ws2.write_row(4, 0, ["2024-01-01", "直通车", 50, 4, 1, "¥80.00"])
    wb.add_worksheet("empty")
    wb.close()

    datasets = ec.load_all(path)
    kinds = {d.kind: d for d in datasets}
    assert set(kinds) == {"orders", "traffic"}
    orders = kinds["orders"].frame
    assert orders["order_id"].tolist() == ["536365", "536365", "C536379", "536380"]
    # the C invoice is a credit note: its amount keeps the file's sign and counts as a refund
    assert orders["revenue"].tolist() == pytest.approx([15.3, 6.78, -27.5, 0.0])
    assert ec.metrics.summary(orders)["refunds"] == pytest.approx(27.5)
    assert orders["status"].tolist() == ["paid", "paid", "credit", "paid"]
    assert orders["customer_id"].tolist()[:3] == ["17850", "17850", "14527"]
    assert pd.isna(orders["customer_id"].iloc[3])
    traffic = kinds["traffic"].frame
    assert traffic["paid_amount"].sum() == pytest.approx(380.0)
    assert traffic["channel"].tolist() == ["手淘搜索", "直通车"]
    assert ec.load(path, sheet="流量").kind == "traffic"


def test_olist_relational_join():
    orders = (
        "order_id,customer_id,order_status,order_purchase_timestamp,order_approved_at\n"
        "o1,c1,delivered,2017-10-02 10:56:33,2017-10-02 11:07:15\n"
        "o2,c2,canceled,2017-10-03 10:00:00,\n"
        "o3,c3,delivered,2017-10-04 09:00:00,2017-10-04 09:10:00\n"
    )
    payments = (
        "order_id,payment_sequential,payment_type,payment_installments,payment_value\n"
        "o1,1,credit_card,1,18.12\no1,2,voucher,1,2.00\no2,1,boleto,1,30.00\no3,1,credit_card,3,50.50\n"
    )
    customers = (
        "customer_id,customer_unique_id,customer_zip_code_prefix,customer_city,customer_state\n"
        "c1,p1,14409,franca,SP\nc2,p2,9790,sao bernardo do campo,SP\nc3,p1,1151,sao paulo,RJ\n"
    )
    out = ec.load_files(
        [
            ("olist_orders_dataset.csv", orders.encode()),
            ("olist_order_payments_dataset.csv", payments.encode()),
            ("olist_customers_dataset.csv", customers.encode()),
        ]
    )
    assert [d.kind for d in out] == ["orders"]
    f = out[0].frame
    assert f["revenue"].tolist() == pytest.approx([20.12, 30.0, 50.5])
    assert f["customer_id"].tolist() == ["p1", "p2", "p1"]
    assert f["status"].tolist() == ["paid", "cancelled", "paid"]


def test_taobao_orders_joined_with_line_items():
    orders = "订单编号,买家会员名,买家实际支付金额,订单状态,订单创建时间\nT1,amy,90.00,交易成功,2024-01-01 10:00\nT2,bob,30.00,交易成功,2024-01-02 10:00\n"
    lines = "订单编号,标题,价格,购买数量,外部系统编号,商品属性,套餐信息,备注,订单状态,商家编码\nT1,裙子,40,1,,,,,交易成功,A\nT1,T恤,20,3,,,,,交易成功,B\n"
    out = ec.load_files(
        [("ExportOrderList.csv", orders.encode()), ("ExportOrderDetailList.csv", lines.encode())]
    )
    assert [d.kind for d in out] == ["orders"]
    f = out[0].frame
    assert f["product"].tolist() == ["裙子", "T恤", None] or f["product"].tolist()[:2] == ["裙子", "T恤"]
    assert f.groupby("order_id")["revenue"].sum().to_dict() == pytest.approx({"T1": 90.0, "T2": 30.0})
    assert f.loc[f["order_id"] == "T1", "revenue"].tolist() == pytest.approx([36.0, 54.0])


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"", "x.csv", "err_empty_file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "photo.png", "err_file_type"),
        (bytes(range(256)) * 20, "orders.xlsx", "err_corrupt"),
        (b"PK\x03\x04garbage" + bytes(100), "orders.xlsx", "err_corrupt"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") + bytes(600),
            "locked.xlsx",
            "err_password",
        ),
    ],
)
def test_bad_files_get_clear_errors(data, name, code):
    with pytest.raises(ec.LoadError) as err:
        ec.load(data, filename=name)
    assert err.value.code == code
    assert err.value.message("zh") != err.value.message("en")


def test_zip_bomb_refused_without_inflating():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            chunk = b"0" * (1 << 20)
            for _ in range(300):
                part.write(chunk)
    with pytest.raises(ec.LoadError) as err:
        ec.load(buf.getvalue(), filename="bomb.xlsx")
    assert err.value.code == "err_zip_bomb"


def test_size_limit():
    with pytest.raises(ec.LoadError) as err:
        ec.read_tables(b"a,b\n1,2\n" * 100, "big.csv", max_bytes=100)
    assert err.value.code == "err_too_large"


def test_html_table_saved_as_xls():
    html = (
        "<html><body><table><tr><td>【生意参谋平台】店铺</td></tr>"
        "<tr><th>统计日期</th><th>访客数</th><th>支付买家数</th><th>支付金额</th></tr>"
        "<tr><td>2024-01-01</td><td>1,200</td><td>30</td><td>3,000.50</td></tr>"
        "<tr><td>2024-01-02</td><td>1,000</td><td>25</td><td>2,500.00</td></tr></table></body></html>"
    )
    ds = ec.load(html.encode("utf-8"), filename="店铺_全部.xls")
    assert ds.kind == "traffic"
    assert ds.frame["visitors"].tolist() == [1200.0, 1000.0]
    assert ds.frame["paid_amount"].sum() == pytest.approx(5500.5)


def test_file_like_source_and_sheet_index(tmp_path):
    text = "Order ID,Order Date,Total\nA,2024-01-01,5\nB,2024-01-02,7\n"
    stream = io.BytesIO(text.encode())
    stream.name = "upload.csv"
    ds = ec.load(stream)
    assert ds.name == "upload.csv"
    assert ds.frame["revenue"].sum() == 12.0
    assert ec.load(text.encode(), filename="x.csv", sheet=0).kind == "orders"
    with pytest.raises(ec.LoadError) as err:
        ec.load(text.encode(), filename="x.csv", sheet="Nope")
    assert err.value.code == "err_sheet_missing"


def test_combine_stacks_tables_of_one_kind_without_double_counting():
    jan = "Order ID,Order Date,Total\nA,2024-01-30,5\nB,2024-01-31,7\n"
    feb = "Order ID,Order Date,Total\nB,2024-01-31,7\nC,2024-02-01,9\n"
    out = ec.load_files([("jan.csv", jan.encode()), ("feb.csv", feb.encode())])
    assert [d.kind for d in out] == ["orders"]
    ds = out[0]
    assert ds.frame["order_id"].tolist() == ["A", "B", "C"]
    assert ds.frame["revenue"].sum() == 21.0
    assert ds.report.dropped == {"duplicate_across_files": 1}
    _consistent(ds)
    assert [d.kind for d in ec.load_all(jan.encode(), filename="jan.csv")] == ["orders"]


def test_mostly_utf8_file_with_stray_gbk_bytes_stays_utf8():
    data = (
        "订单编号,订单创建时间,买家实际支付金额,宝贝标题\n1,2024-01-01,5,连衣裙\n".encode()
        + b"2,2024-01-02,6,"
        + "裙子".encode("gbk")
        + b"\n"
    )
    ds = ec.load(data, filename="mixed.csv")
    assert ds.frame["product"].iloc[0] == "连衣裙"
    assert len(ds.frame) == 2
    assert any(n.code == "note_encoding_mixed" for n in ds.report.warnings)


def test_unforeseen_failures_become_load_errors(monkeypatch):
    from ecom_core.load import loader

    def broken(*args, **kwargs):
        raise KeyError("surprise")

    monkeypatch.setitem(loader._BUILDERS, "orders", broken)
    with pytest.raises(ec.LoadError) as err:
        ec.load(b"Order ID,Order Date,Total\nA,2024-01-01,5\n", filename="o.csv")
    assert err.value.code == "err_unexpected"
    assert "KeyError" in err.value.message("zh")


def test_very_wide_and_long_cells_are_bounded():
    wide = (
        ",".join(f"c{i}" for i in range(3000)) + "\n" + ",".join("1" for _ in range(3000)) + "\n"
    ).encode()
    with pytest.raises(ec.LoadError):
        ec.load(wide, filename="wide.csv")
    long_cell = ("Order ID,Order Date,Total,Product\nA,2024-01-01,5," + "x" * 300_000 + "\n").encode()
    assert len(ec.load(long_cell, filename="long.csv").frame["product"].iloc[0]) == 300_000


def test_rounded_ids_do_not_merge_order_totals():
    text = "订单编号,买家会员名,买家实际支付金额,订单创建时间\n"
    text += "".join(f"17056300000000{i}00,buyer{i},99.00,2017/5/30 10:0{i}\n" for i in range(4))
    text += "17056300000000000,buyer9,99.00,2017/5/30 11:00\n"  # same rounded ID, same amount
    ds = ec.load(text.encode("gbk"), filename="订单报表.csv")
    assert ds.frame["revenue"].sum() == pytest.approx(495.0)
    assert any(n.code == "note_ids_rounded" for n in ds.report.warnings)


def test_status_summary_reads_in_the_users_language():
    ds = ec.load(TAOBAO.encode("gbk"), filename="订单报表.csv")
    note = next(n for n in ds.report.notes if n.code == "note_statuses")
    assert note.text("zh") == "订单状态已归一：已付款 2、待付款 1、已退款 1。"
    assert note.text("en") == "Order statuses normalised: paid 2, pending 1, refunded 1."


def test_experiment_rows_without_a_readable_outcome_are_dropped_as_such():
    data = b"user_id,group,converted\n1,control,1\n2,treatment,\n3,treatment,maybe\n4,control,0\n"
    ds = ec.load(data, filename="ab.csv", kind="experiment")
    assert ds.report.dropped == {"bad_converted": 2}
    reasons = {
        row
        for rows in (ds.report.summary_rows("en"), ds.report.summary_rows("zh"))
        for row in rows.astype(str).to_numpy().ravel()
    }
    assert any("yes/no" in r for r in reasons) and any("是否转化" in r for r in reasons)


@pytest.mark.parametrize(
    "fixture",
    [
        "taobao_订单报表_gb18030_title_rows.csv",
        "orders_excel_quirks.xlsx",
        "shop_workbook.xlsx",
        "ga4_events.csv",
    ],
)
def test_guessing_and_interpreting_leave_the_raw_tables_as_read(fixture):
    """The app shares raw tables between a file's guess, mapping and interpretation (and
    between sessions): none of them may write to one."""
    tables = ec.read_tables((FIXTURES / fixture).read_bytes(), filename=fixture)
    before = [raw.frame.copy(deep=True) for raw in tables]
    for raw in tables:
        found = ec.guess(raw)
        detect.map_columns(raw, found.kind or "orders")
        with contextlib.suppress(ec.LoadError):
            ec.interpret(raw)
    for raw, frame in zip(tables, before, strict=True):
        pd.testing.assert_frame_equal(raw.frame, frame)
