"""Bad inputs from DESIGN.md: each loads with a quality report that accounts for every row,
or raises ``ec.LoadError`` with a clear message in both languages. Never anything else."""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from conftest import mf

import ecom_core as ec
from ecom_core.load import reader

FIX = Path(__file__).resolve().parent / "fixtures"


# ---- helpers ----------------------------------------------------------------------------------


def check_error(err: ec.LoadError, name: str | None = None) -> None:
    zh, en = err.message("zh"), err.message("en")
    assert zh and en, err.code
    assert zh != en
    for m in (zh, en):
        assert "Traceback" not in m and 'File "' not in m
        assert not re.search(r"\{[a-z_]+(:[^}]*)?\}", m), f"unfilled placeholder in {m!r}"
        assert m != err.code, f"no catalog text for {err.code}"
    assert re.search(r"[\u4e00-\u9fff]", zh), "the Chinese message has no Chinese in it"
    if name:
        assert name in en and name in zh


def check_dataset(ds) -> None:
    r = ds.report
    assert r.rows_read == r.rows_kept + sum(r.dropped.values()), (r.rows_read, r.rows_kept, r.dropped)
    assert r.rows_kept == len(ds.frame)
    for lang in ("zh", "en"):
        for m in r.messages(lang):
            assert m and "Traceback" not in m


def outcome(source, **kw):
    """Load; return the Dataset or the LoadError. Any other exception fails the test."""
    try:
        ds = ec.load(source, **kw)
    except ec.LoadError as err:
        check_error(err)
        return err
    except Exception as exc:  # pragma: no cover - the point of the test
        pytest.fail(f"{type(exc).__name__} instead of LoadError: {exc}")
    check_dataset(ds)
    return ds


def expect_error(source, codes: str | set[str], name: str | None = None, **kw) -> ec.LoadError:
    codes = {codes} if isinstance(codes, str) else codes
    res = outcome(source, **kw)
    assert isinstance(res, ec.LoadError), f"loaded as {res!r}, expected an error {codes}"
    assert res.code in codes, f"{res.code} not in {codes}"
    check_error(res, name)
    return res


def expect_dataset(source, **kw):
    res = outcome(source, **kw)
    assert not isinstance(res, ec.LoadError), f"{res.code}: {res.message('en')}"
    return res


def codes_of(ds) -> set[str]:
    return {n.code for n in ds.report.notes}


ORDERS_CSV = (
    "Order ID,Order Date,Customer ID,Revenue\n"
    "A1,2023-05-01 10:00,C1,10.00\n"
    "A2,2023-05-02 11:00,C2,20.00\n"
    "A3,2023-05-03 12:00,C1,30.00\n"
)


# ---- wrong file type ----------------------------------------------------------------------------


def test_png_is_wrong_file_type():
    expect_error(mf.png_bytes(), "err_file_type", name="photo.png", filename="photo.png")


def test_pdf_is_wrong_file_type():
    expect_error(mf.pdf_bytes(), "err_file_type", name="report.pdf", filename="report.pdf")


def test_png_renamed_csv():
    res = outcome(mf.png_bytes(), filename="orders.csv")
    assert isinstance(res, ec.LoadError)


def test_word_document_is_wrong_file_type():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    expect_error(buf.getvalue(), "err_file_type", filename="orders.docx")


def test_json_file():
    outcome(b'{"orders": [{"id": 1, "amount": 10}]}', filename="orders.json")


def test_path_with_wrong_type(tmp_path):
    p = tmp_path / "logo.png"
    p.write_bytes(mf.png_bytes())
    expect_error(p, "err_file_type", name="logo.png")


# ---- empty ----------------------------------------------------------------------------------------


def test_zero_byte_file():
    expect_error(b"", "err_empty_file", name="orders.csv", filename="orders.csv")


def test_zero_byte_path(tmp_path):
    p = tmp_path / "订单.xlsx"
    p.write_bytes(b"")
    expect_error(p, "err_empty_file", name="订单.xlsx")


def test_whitespace_only_file():
    expect_error(b"\r\n\r\n  \n", "err_empty_file", filename="orders.csv")


def test_header_only_csv():
    expect_error(b"Order ID,Order Date,Revenue\n", {"err_empty_sheet", "err_no_valid_rows"}, filename="o.csv")


def test_header_only_xlsx():
    data = mf.xlsx_bytes([["订单编号", "订单创建时间", "买家实际支付金额"]])
    expect_error(data, {"err_empty_sheet", "err_no_valid_rows", "err_no_tables"}, filename="o.xlsx")


def test_workbook_without_cells():
    data = mf.xlsx_bytes([])
    expect_error(data, {"err_no_tables", "err_empty_sheet", "err_empty_file"}, filename="o.xlsx")


# ---- header problems ----------------------------------------------------------------------------


def test_sheet_of_bare_numbers():
    """No header, and not a known headerless shape either."""
    rows = [[1.5, 2.25, 3.0], [4.0, 5.5, 6.75], [7.0, 8.0, 9.5], [10.0, 11.0, 12.0]]
    outcome(mf.xlsx_bytes(rows), filename="numbers.xlsx")


def test_csv_of_bare_numbers():
    outcome(b"1.5,2.25,3\n4,5.5,6.75\n7,8,9.5\n", filename="numbers.csv")


def test_prose_sheet():
    data = mf.xlsx_bytes([["本表为说明，请勿修改。"], ["联系人：运营部"]])
    outcome(data, filename="说明.xlsx")


def test_headerless_clickstream_is_valid():
    data = b"1,2268318,2520377,pv,1511544070\n1,2333346,2520771,pv,1511561733\n2,2576651,149192,cart,1511572885\n"
    ds = expect_dataset(data, filename="UserBehavior.csv")
    assert ds.kind == "events"
    assert len(ds.frame) == 3


def test_title_rows_above_header():
    rows = [
        ["店铺订单导出"],
        ["导出时间：2023-06-01 09:00"],
        [],
        ["订单编号", "下单时间", "买家会员名", "实付金额"],
        ["1001", "2023-05-30 10:00:00", "tb_a", "99.00"],
        ["1002", "2023-05-31 11:00:00", "tb_b", "50.50"],
    ]
    ds = expect_dataset(mf.xlsx_bytes(rows), filename="订单.xlsx")
    assert ds.kind == "orders"
    assert ds.report.rows_read == 2
    assert ds.frame["revenue"].sum() == pytest.approx(149.50)
    assert "note_title_rows" in codes_of(ds)


def test_duplicate_headers():
    data = (
        "订单编号,下单时间,实付金额,实付金额,备注,备注\n"
        "D1,2023-05-01 10:00,10.00,10.00,,\n"
        "D2,2023-05-02 10:00,20.00,20.00,,\n"
    ).encode()
    ds = expect_dataset(data, filename="dup.csv")
    assert ds.kind == "orders"
    assert len(ds.frame) == 2
    assert ds.frame["revenue"].sum() == pytest.approx(30.00)
    assert "note_duplicate_headers" in codes_of(ds)


def test_blank_headers():
    data = b"Order ID,,Order Date,Revenue,\nA1,x,2023-05-01,5.00,\nA2,y,2023-05-02,6.00,\n"
    ds = expect_dataset(data, filename="blank_headers.csv")
    assert ds.frame["revenue"].sum() == pytest.approx(11.00)


def test_repeated_header_and_total_rows_are_counted():
    data = (
        "订单编号,下单时间,实付金额\n"
        "D1,2023-05-01 10:00,10.00\n"
        "D2,2023-05-02 10:00,20.00\n"
        "订单编号,下单时间,实付金额\n"
        "D3,2023-05-03 10:00,30.00\n"
        "合计,,60.00\n"
    ).encode()
    ds = expect_dataset(data, filename="orders.csv")
    assert ds.report.rows_kept == 3
    assert ds.frame["revenue"].sum() == pytest.approx(60.00)
    assert sum(ds.report.dropped.values()) == 2


# ---- columns and values -------------------------------------------------------------------------


def test_required_column_missing():
    data = b"Order ID,Revenue\nA1,10\nA2,20\n"
    err = expect_error(data, "err_required_missing", filename="orders.csv", kind="orders")
    assert "Order time" in err.message("en") or "order_time" in err.message("en")


def test_required_column_missing_guessing():
    outcome(b"Order ID,Revenue\nA1,10\nA2,20\n", filename="orders.csv")


def test_unknown_kind():
    expect_error(
        b"colour,size,weight\nred,L,1.2\nblue,M,0.8\n",
        {"err_unknown_kind", "err_no_header"},
        filename="things.csv",
    )


def test_bad_kind_argument():
    expect_error(ORDERS_CSV.encode(), {"err_bad_kind", "err_unknown_kind"}, filename="o.csv", kind="foo")


def test_mapping_to_missing_column():
    expect_error(ORDERS_CSV.encode(), "err_mapping_column", filename="o.csv", mapping={"revenue": "Nope"})


def test_missing_sheet():
    data = (FIX / "uci_online_retail.xlsx").read_bytes()
    expect_error(data, "err_sheet_missing", filename="uci.xlsx", sheet="No Such Sheet")


def test_all_dates_unparseable():
    data = b"Order ID,Order Date,Revenue\nA1,soon,10\nA2,yesterday-ish,20\nA3,n/a,30\n"
    expect_error(data, "err_dates_unparseable", name="orders.csv", filename="orders.csv", kind="orders")


def test_a_line_with_extra_cells_is_kept_not_skipped(recwarn):
    data = b"Order ID,Order Date,Revenue\nA1,2024-01-01,10\nA2,2024-01-02,20,extra,cells\nA3,2024-01-03,30\n"
    ds = expect_dataset(data, filename="orders.csv")
    assert ds.frame["order_id"].tolist() == ["A1", "A2", "A3"]
    assert ds.frame["revenue"].tolist() == [10.0, 20.0, 30.0]
    assert "note_ragged_lines" in codes_of(ds)
    assert not [w for w in recwarn if "Skipping line" in str(w.message)]


def test_an_open_quote_that_swallows_the_file_is_named_with_its_line():
    data = b'Report\nOrder ID,Order Date,Revenue\nA1,2024-01-01,10\nA2,2024-01-02,"20\nA3,2024-01-03,30\n'
    err = expect_error(data, "err_open_quote", name="orders.csv", filename="orders.csv")
    assert err.params["line"] == 4


def test_some_dates_unparseable_are_dropped_and_counted():
    data = (
        b"Order ID,Order Date,Revenue\n"
        b"A1,2023-05-01 10:00,10\nA2,not a date,20\nA3,2023-05-03 12:00,30\nA4,2023-05-04,40\n"
    )
    ds = expect_dataset(data, filename="orders.csv")
    assert ds.report.rows_read == 4
    assert ds.report.rows_kept == 3
    assert ds.report.dropped == {"bad_date": 1}
    assert ds.frame["revenue"].sum() == pytest.approx(80.0)


def test_money_written_as_text():
    data = (
        "订单编号,下单时间,实付金额\n"
        'D1,2023-05-01 10:00,"¥1,234.00"\n'
        "D2,2023-05-02 10:00,￥66\n"
        "D3,2023-05-03 10:00,面议\n"
        "D4,2023-05-04 10:00,12.5元\n"
    ).encode()
    ds = expect_dataset(data, filename="orders.csv")
    assert ds.frame["revenue"].sum() == pytest.approx(1312.50)  # 1234 + 66 + 12.5
    assert ds.report.coerced.get("revenue", 0) >= 3
    # "面议" is neither silently zero nor silently gone: dropped and counted, or kept and noted
    if ds.report.rows_kept == 4:
        assert ds.report.warnings
    else:
        assert sum(ds.report.dropped.values()) == 1


def test_european_money_as_text():
    data = ('Order ID;Order Date;Revenue\n1;31.05.2023;"1.234,50 €"\n2;01.06.2023;99,90 €\n').encode()
    ds = expect_dataset(data, filename="bestellungen.csv")
    assert ds.frame["revenue"].sum() == pytest.approx(1334.40)


def test_ids_as_floats_csv():
    data = (
        b"InvoiceNo,InvoiceDate,CustomerID,Quantity,UnitPrice\n"
        b"536365.0,2010-12-01 08:26,17850.0,6,2.55\n"
        b"536366.0,2010-12-01 08:28,,6,1.85\n"
    )
    ds = expect_dataset(data, filename="uci.csv")
    assert set(ds.frame["order_id"]) == {"536365", "536366"}
    assert ds.frame["customer_id"].dropna().tolist() == ["17850"]
    assert ds.frame["customer_id"].isna().sum() == 1
    assert ds.frame["revenue"].sum() == pytest.approx(26.40)  # 15.30 + 11.10


def test_ids_as_floats_xlsx():
    rows = [
        ["Order ID", "Order Date", "Customer ID", "Revenue"],
        [1001.0, 45078.5, 17850.0, 10.0],
        [1002.0, 45079.5, None, 20.0],
    ]
    ds = expect_dataset(mf.xlsx_bytes(rows), filename="orders.xlsx")
    assert set(ds.frame["order_id"]) == {"1001", "1002"}
    assert ds.frame["customer_id"].dropna().tolist() == ["17850"]


def test_gbk_csv():
    data = "订单编号,订单创建时间,买家会员名,买家实际支付金额\n1001,2017/5/30 23:18,张三,59.00\n".encode(
        "gbk"
    )
    ds = expect_dataset(data, filename="订单.csv")
    assert ds.kind == "orders"
    assert ds.frame["customer_id"].tolist() == ["张三"]
    assert "note_encoding" in codes_of(ds)


def test_utf8_bom_csv():
    ds = expect_dataset(("\ufeff" + ORDERS_CSV).encode("utf-8"), filename="orders.csv")
    assert ds.kind == "orders"
    assert all("\ufeff" not in v for v in ds.mapping.values())
    assert ds.frame["revenue"].sum() == pytest.approx(60.0)


def test_utf16_without_bom():
    ds = expect_dataset(ORDERS_CSV.encode("utf-16-le"), filename="orders.txt")
    assert ds.frame["revenue"].sum() == pytest.approx(60.0)


def test_file_like_source():
    ds = expect_dataset(io.BytesIO(ORDERS_CSV.encode()), filename="orders.csv")
    assert len(ds.frame) == 3


def test_binary_garbage_named_csv():
    res = outcome(mf.random_bytes(), filename="orders.csv")
    assert isinstance(res, ec.LoadError)


# ---- size limits ----------------------------------------------------------------------------------


def test_file_over_size_limit(tmp_path):
    p = tmp_path / "huge.csv"
    with p.open("wb") as f:  # sparse: instant and takes no disk
        f.write(b"Order ID,Order Date,Revenue\n")
        f.seek(reader.MAX_BYTES + 1)
        f.write(b"\n")
    expect_error(p, "err_too_large", name="huge.csv")


def test_stream_over_size_limit():
    with pytest.raises(ec.LoadError) as info:
        ec.read_tables(io.BytesIO(ORDERS_CSV.encode() * 50), filename="big.csv", max_bytes=1000)
    assert info.value.code == "err_too_large"
    check_error(info.value, "big.csv")


def test_bytes_over_size_limit():
    with pytest.raises(ec.LoadError) as info:
        ec.read_tables(ORDERS_CSV.encode() * 50, filename="big.csv", max_bytes=1000)
    assert info.value.code == "err_too_large"


# ---- broken workbooks ---------------------------------------------------------------------------


def test_corrupt_zip_named_xlsx():
    expect_error(mf.corrupt_xlsx(), "err_corrupt", name="orders.xlsx", filename="orders.xlsx")


def test_random_bytes_named_xlsx():
    expect_error(mf.random_bytes(), {"err_corrupt", "err_file_type"}, filename="orders.xlsx")


def test_zip_that_is_not_a_workbook():
    expect_error(mf.non_workbook_zip(), {"err_corrupt", "err_file_type"}, filename="orders.xlsx")


def test_zip_bomb_xlsx():
    t0 = time.perf_counter()
    expect_error(mf.zip_bomb_xlsx(1100), "err_zip_bomb", name="bomb.xlsx", filename="bomb.xlsx")
    assert time.perf_counter() - t0 < 10


def test_zip_bomb_with_lying_sizes():
    """The same bomb, but its headers claim the sheet is 1 KB: refused or reported corrupt,
    without inflating a gigabyte into memory."""
    data = bytearray(mf.zip_bomb_xlsx(1100))
    zf = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = zf.getinfo("xl/worksheets/sheet1.xml")
    real = info.file_size.to_bytes(4, "little")
    fake = (1024).to_bytes(4, "little")
    assert data.count(real) == 2  # local header and central directory
    data = data.replace(real, fake)
    t0 = time.perf_counter()
    res = outcome(bytes(data), filename="bomb.xlsx")
    assert time.perf_counter() - t0 < 5
    # Refused for what it is, before the reader inflates the gigabyte.
    assert isinstance(res, ec.LoadError) and res.code == "err_corrupt"
    assert "sizes" in res.message("en")


def test_password_protected_xlsx():
    expect_error(mf.ole2_encrypted_xlsx(), "err_password", name="secret.xlsx", filename="secret.xlsx")


def test_bare_ole2_magic_named_xlsx():
    data = bytes.fromhex("D0CF11E0A1B11AE1") + mf.random_bytes(2048)
    expect_error(data, {"err_password", "err_corrupt"}, filename="orders.xlsx")


def test_ole2_without_workbook_named_xls():
    """A well-formed OLE2 file that is not a workbook, named .xls."""
    data = mf.ole2_encrypted_xlsx().replace(
        "EncryptedPackage".encode("utf-16-le"), "SomethingElse\0\0\0".encode("utf-16-le")
    )
    expect_error(data, {"err_corrupt", "err_password", "err_file_type"}, filename="orders.xls")


def test_html_table_named_xls():
    """Some back offices save an HTML table with an .xls name."""
    html = (
        "<html><body><table><tr><th>订单编号</th><th>下单时间</th><th>实付金额</th></tr>"
        "<tr><td>1</td><td>2023-05-01 10:00</td><td>9.90</td></tr>"
        "<tr><td>2</td><td>2023-05-02 10:00</td><td>19.90</td></tr></table></body></html>"
    ).encode()
    ds = expect_dataset(html, filename="订单.xls")
    assert ds.frame["revenue"].sum() == pytest.approx(29.80)


def test_tab_text_named_xls():
    """Other back offices name a tab-separated text file .xls."""
    data = "订单编号\t下单时间\t实付金额\n1\t2023-05-01 10:00\t9.90\n".encode("gbk")
    ds = expect_dataset(data, filename="订单.xls")
    assert ds.frame["revenue"].sum() == pytest.approx(9.90)


# ---- every bad input through load_all and load_files --------------------------------------------

BAD = {
    "photo.png": mf.png_bytes(),
    "empty.csv": b"",
    "header.csv": b"Order ID,Order Date,Revenue\n",
    "corrupt.xlsx": mf.corrupt_xlsx(),
    "random.xlsx": mf.random_bytes(),
    "secret.xlsx": mf.ole2_encrypted_xlsx(),
}


@pytest.mark.parametrize("name", list(BAD))
def test_load_all_raises_load_error_only(name):
    with pytest.raises(ec.LoadError) as info:
        ec.load_all(BAD[name], filename=name)
    check_error(info.value)


def test_load_files_with_one_bad_file():
    """A good file uploaded with a bad one: the good one loads or the error is a LoadError."""
    try:
        sets = ec.load_files([("orders.csv", ORDERS_CSV.encode()), ("photo.png", mf.png_bytes())])
    except ec.LoadError as err:
        check_error(err)
    else:
        assert [d.kind for d in sets] == ["orders"]


# ---- hostile workbooks and text -------------------------------------------------------------------


def _with_stray_cell(row: int, col: int) -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet()
    for i, r in enumerate(
        [["Order ID", "Order Date", "Revenue"], ["A1", "2024-03-01", 10], ["A2", "2024-03-02", 20]]
    ):
        for j, v in enumerate(r):
            ws.write(i, j, v)
    ws.write(row, col, "x")
    wb.close()
    return buf.getvalue()


def test_stray_cell_at_the_end_of_the_sheet_is_refused():
    """One value in XFD1048576 would make the Excel reader allocate 512 GB and abort."""
    err = expect_error(_with_stray_cell(1048575, 16383), "err_sheet_span", name="o.xlsx", filename="o.xlsx")
    assert "XFD1048576" in err.message("en") and "XFD1048576" in err.message("zh")


def test_stray_cell_hidden_by_a_small_dimension_is_refused():
    data = _with_stray_cell(1048575, 16383)
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename).replace(b'ref="A1:XFD1048576"', b'ref="A1:C3"')
            dst.writestr(info.filename, content)
    expect_error(buf.getvalue(), "err_sheet_span", filename="o.xlsx")


def test_stray_cell_a_little_to_the_right_still_loads():
    ds = expect_dataset(_with_stray_cell(1, 40), filename="o.xlsx")
    assert ds.kind == "orders" and len(ds.frame) == 2


def test_extent_of_a_normal_sheet():
    data = _with_stray_cell(9, 27)  # AB10
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    rows, cols = reader.sheet_extent(data, info)
    assert rows == 10 and 28 <= cols <= 702  # columns are only bounded where they cannot matter


def test_amounts_in_wan():
    data = (
        "订单编号,下单时间,支付金额\nD1,2024-03-01,1.2万\nD2,2024-03-02,0.5万元\nD3,2024-03-03,3亿\n".encode()
    )
    ds = expect_dataset(data, filename="orders.csv")
    assert ds.frame["revenue"].tolist() == [12000.0, 5000.0, 300000000.0]


def test_utf8_and_gbk_lines_in_one_file():
    """Two exports pasted together: the header in UTF-8, the rows in GBK."""
    head = "订单编号,订单创建时间,买家会员名,买家实际支付金额\n".encode()
    rows = "1001,2024/3/1 10:00,张三,59.00\n1002,2024/3/2 11:00,李四,20.00\n".encode("gbk")
    ds = expect_dataset(head + rows, filename="订单.csv")
    assert ds.frame["customer_id"].tolist() == ["张三", "李四"]
    assert any("GBK" in m for m in ds.report.messages("en"))


def test_utf8_bom_then_gbk_lines():
    head = (
        "\ufeff订单编号,订单创建时间,买家会员名,买家实际支付金额\n1001,2024/3/1 10:00,张三,59.00\n".encode()
    )
    ds = expect_dataset(head + "1002,2024/3/2 11:00,李四,20.00\n".encode("gbk"), filename="订单.csv")
    assert ds.frame["customer_id"].tolist() == ["张三", "李四"]
