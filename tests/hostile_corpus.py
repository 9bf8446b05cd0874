"""A corpus of hostile, broken and odd upload files, generated in memory.

Every case is built here from literals (a fixed seed where bytes must look random), so the
corpus is the same on every run and needs no network and no files. Each :class:`Case` says
what must happen when the file is uploaded: it ``loads`` (optionally as a given kind, with a
given row count or a value in the first kept row), it is ``refused`` with a
:class:`ecom_core.LoadError` (optionally one of some codes, whose message names the problem),
or ``either`` is fine as long as it is one of the two.

``cases()`` returns the whole corpus; building it takes well under a few seconds, the huge
cases included (the zip bombs are a few kilobytes of repeated deflate blocks).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

import xlsxwriter
from conftest import mf

LOADS, REFUSED, EITHER = "loads", "refused", "either"


@dataclass(frozen=True)
class Case:
    """One upload and what must come of it.

    Attributes
    ----------
    name
        File name as the user would have it (its extension decides how it is read).
    data
        The file's bytes.
    description
        What is odd about it.
    expect
        ``"loads"``, ``"refused"`` or ``"either"``.
    kind
        For ``loads``: the kind it must be read as (None: any).
    rows
        For ``loads``: rows the dataset must keep (None: any).
    value
        For ``loads``: ``(canonical column, value)`` the first kept row must hold.
    errors
        For ``refused``: the acceptable ``LoadError`` codes (empty: any clear error).
    word
        For ``refused``: a word the English message must contain (the problem named).
    huge
        A case built to exhaust time or memory: also measured in a fresh process.
    """

    name: str
    data: bytes
    description: str
    expect: str
    kind: str | None = None
    rows: int | None = None
    value: tuple[str, object] | None = None
    errors: frozenset[str] = frozenset()
    word: str | None = None
    huge: bool = False


# ---- base tables: header + three rows, one per kind and language ----------------------------

T1, T2, T3 = dt.datetime(2024, 3, 1, 10, 0), dt.datetime(2024, 3, 13, 15, 30), dt.datetime(2024, 3, 25, 8, 5)
MONEY = (1234.5, 20.0, 7.25)


def orders(lang: str = "en") -> list[list]:
    if lang == "zh":
        head = [
            "订单编号",
            "订单创建时间",
            "买家会员名",
            "买家实际支付金额",
            "订单状态",
            "宝贝标题",
            "订单来源",
        ]
        body = [
            ["T1001", T1, "张三", MONEY[0], "交易成功", "连衣裙", "手淘搜索"],
            ["T1002", T2, "李四", MONEY[1], "交易成功", "T恤", "直通车"],
            ["T1003", T3, "张三", MONEY[2], "等待买家付款", "外套", "手淘搜索"],
        ]
    else:
        head = ["Order ID", "Order Date", "Customer ID", "Revenue", "Status", "Product", "Channel"]
        body = [
            ["A1001", T1, "C1", MONEY[0], "paid", "Mug", "web"],
            ["A1002", T2, "C2", MONEY[1], "paid", "Tea", "email"],
            ["A1003", T3, "C1", MONEY[2], "pending", "Teapot", "web"],
        ]
    return [head, *body]


def traffic(lang: str = "en") -> list[list]:
    if lang == "zh":
        head = [
            "统计日期",
            "流量来源",
            "访客数",
            "浏览量",
            "加购人数",
            "下单买家数",
            "支付买家数",
            "支付金额",
        ]
        ch = ["手淘搜索", "直通车", "手淘搜索"]
    else:
        head = ["Date", "Channel", "Visitors", "Page Views", "Cart Adds", "Orderers", "Payers", "Paid Amount"]
        ch = ["search", "ads", "search"]
    days = [T1.replace(hour=0, minute=0), T2.replace(hour=0, minute=0), T3.replace(hour=0, minute=0)]
    body = [
        [days[i], ch[i], v, v * 3, v // 10, v // 20, v // 25, m]
        for i, (v, m) in enumerate(zip((1000, 800, 600), MONEY, strict=True))
    ]
    return [head, *body]


def events(lang: str = "en") -> list[list]:
    if lang == "zh":
        head = ["用户ID", "行为时间", "行为类型", "商品ID", "金额"]
        names = ["浏览", "加购", "购买"]
    else:
        head = ["user_id", "event_time", "event_type", "product_id", "price"]
        names = ["view", "cart", "purchase"]
    body = [["u1", T1, names[0], "p1", MONEY[0]], ["u1", T2, names[1], "p1", MONEY[1]]]
    body.append(["u1", T3, names[2], "p1", MONEY[2]])
    return [head, *body]


def spend(lang: str = "en") -> list[list]:
    if lang == "zh":
        head = ["日期", "推广渠道", "花费", "展现量", "点击量"]
        ch = ["直通车", "引力魔方", "直通车"]
    else:
        head = ["Date", "Channel", "Spend", "Impressions", "Clicks"]
        ch = ["google", "facebook", "google"]
    body = [[d, ch[i], MONEY[i], 10000 - i, 300 - i] for i, d in enumerate((T1, T2, T3))]
    return [head, *body]


def experiment(lang: str = "en") -> list[list]:
    if lang == "zh":
        head = ["用户ID", "实验组", "是否转化", "金额", "时间"]
        arms, yes, no = ["对照组", "实验组", "对照组"], "是", "否"
    else:
        head = ["user_id", "variant", "converted", "revenue", "timestamp"]
        arms, yes, no = ["control", "treatment", "control"], "yes", "no"
    body = [
        ["u1", arms[0], yes, MONEY[0], T1],
        ["u2", arms[1], no, MONEY[1], T2],
        ["u3", arms[2], yes, MONEY[2], T3],
    ]
    return [head, *body]


TABLES: dict[str, Callable[[str], list[list]]] = {
    "orders": orders,
    "traffic": traffic,
    "events": events,
    "spend": spend,
    "experiment": experiment,
}
#: The column of each kind that holds money (first row = MONEY[0]) and the one with the date.
MONEY_COLUMN = {"orders": 3, "traffic": 7, "events": 4, "spend": 2, "experiment": 3}
MONEY_NAME = {"orders": "revenue", "traffic": "paid_amount", "events": "revenue", "spend": "spend"}
MONEY_NAME["experiment"] = "revenue"
DATE_COLUMN = {"orders": 1, "traffic": 0, "events": 1, "spend": 0, "experiment": 4}
DATE_NAME = {
    "orders": "order_time",
    "traffic": "date",
    "events": "time",
    "spend": "date",
    "experiment": "time",
}


# ---- writers --------------------------------------------------------------------------------


def _cell_text(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S") if (v.hour or v.minute) else v.strftime("%Y-%m-%d")
    if isinstance(v, float):
        return f"{v:g}" if v != int(v) else f"{v:.2f}"
    return str(v)


def to_text(rows: list[list], delimiter: str = ",", newline: str = "\r\n") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=newline)
    for r in rows:
        w.writerow([_cell_text(v) for v in r])
    return buf.getvalue()


def to_csv(rows: list[list], delimiter: str = ",", encoding: str = "utf-8", newline: str = "\r\n") -> bytes:
    return to_text(rows, delimiter, newline).encode(encoding)


def to_xlsx(
    rows: list[list],
    sheet: str = "Sheet1",
    text: bool = False,
    extra: Callable | None = None,
    sheets: dict[str, list[list]] | None = None,
) -> bytes:
    """A workbook with typed cells (``text=True``: every cell written as text, as many back
    offices do); ``extra(workbook, worksheet)`` adds merges, formulas and such."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buf, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False}
    )
    wb.set_properties({"created": dt.datetime(2024, 4, 1)})  # else the file holds the time it was made
    dfmt = wb.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    for name, table in (sheets or {sheet: rows}).items():
        ws = wb.add_worksheet(name)
        for i, r in enumerate(table):
            for j, v in enumerate(r):
                if v is None:
                    continue
                if text:
                    ws.write_string(i, j, _cell_text(v))
                elif isinstance(v, dt.datetime):
                    ws.write_datetime(i, j, v, dfmt)
                elif isinstance(v, (int, float)):
                    ws.write_number(i, j, v)
                else:
                    ws.write_string(i, j, str(v))
        if extra is not None:
            extra(wb, ws)
    wb.close()
    return buf.getvalue()


def with_column(rows: list[list], col: int, values: list) -> list[list]:
    """``rows`` with the data cells of column ``col`` replaced."""
    return [rows[0]] + [[*r[:col], v, *r[col + 1 :]] for r, v in zip(rows[1:], values, strict=True)]


def _rewrite_zip(data: bytes, edit: Callable[[str, bytes], bytes | None]) -> bytes:
    """Copy a zip, passing each member through ``edit`` (None drops the member)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = edit(info.filename, src.read(info.filename))
            if content is not None:  # a fixed timestamp keeps the bytes the same on every run
                dst.writestr(
                    zipfile.ZipInfo(info.filename, (2024, 4, 1, 0, 0, 0)), content, zipfile.ZIP_DEFLATED
                )
    return out.getvalue()


# ---- hand-made zips and OLE2 --------------------------------------------------------------------

_CT = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
    b'"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
    b'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxml'
    b'formats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    b'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WB = (
    b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    b'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WB_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    b'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
_SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
    b'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Order ID</t></is></c>'
    b'<c r="B1" t="inlineStr"><is><t>Order Date</t></is></c><c r="C1" t="inlineStr"><is><t>Revenue</t>'
    b"</is></c></row>"
)
_SHEET_TAIL = b"</sheetData></worksheet>"


def _local_zip(entries: list[tuple[str, bytes, int, int]], lie: dict[str, int] | None = None) -> bytes:
    """A zip from raw deflate streams: (name, deflated, crc, size); ``lie`` overrides the
    uncompressed size written in the headers."""
    out, central = bytearray(), bytearray()
    time_, date_ = 0, ((2024 - 1980) << 9) | (1 << 5) | 1
    for name, data, crc, size in entries:
        n = name.encode()
        shown = (lie or {}).get(name, size)
        offset = len(out)
        out += struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, time_, date_, crc, len(data), shown, len(n), 0
        )
        out += n + data
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50, 20, 20, 0, 8, time_, date_, crc, len(data), shown, len(n), 0, 0, 0, 0, 0, offset,
        )  # fmt: skip
        central += n
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), len(out), 0)
    return bytes(out + central + end)


def _deflated(data: bytes) -> tuple[bytes, int, int]:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush(), zlib.crc32(data) & 0xFFFFFFFF, len(data)


def _frame_entries() -> list[tuple[str, bytes, int, int]]:
    return [(n, *_deflated(b)) for n, b in [
        ("[Content_Types].xml", _CT), ("_rels/.rels", _RELS), ("xl/workbook.xml", _WB),
        ("xl/_rels/workbook.xml.rels", _WB_RELS),
    ]]  # fmt: skip


def _bomb_sheet(megabytes: int) -> tuple[bytes, int, int]:
    """A sheet XML that inflates to ``megabytes`` MB of whitespace after a header row, built
    by repeating one flushed deflate block (so building it costs nothing)."""
    chunk = b" " * (1 << 20)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = c.compress(_SHEET_HEAD) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    tail = c.compress(_SHEET_TAIL) + c.flush()
    crc = zlib.crc32(_SHEET_HEAD)
    for _ in range(megabytes):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(_SHEET_TAIL, crc) & 0xFFFFFFFF
    return head + block * megabytes + tail, crc, len(_SHEET_HEAD) + len(chunk) * megabytes + len(_SHEET_TAIL)


@cache
def zip_bomb(megabytes: int = 3000, lie: bool = False) -> bytes:
    """An xlsx-shaped zip whose sheet truly inflates to ``megabytes`` MB; with ``lie`` its
    headers claim 1 KB."""
    sheet = ("xl/worksheets/sheet1.xml", *_bomb_sheet(megabytes))
    return _local_zip([*_frame_entries(), sheet], {"xl/worksheets/sheet1.xml": 1024} if lie else None)


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
    b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND"
    b"\xaeB`\x82"
)
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def garbage(n: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(n)


# ---- the corpus -----------------------------------------------------------------------------------


def _orders_csv(lang: str = "en", **kw) -> bytes:
    return to_csv(orders(lang), **kw)


def _basic() -> Iterator[Case]:
    """Empty, header-only, not a table at all."""
    empty = frozenset({"err_empty_file"})
    for ext in ("csv", "xlsx", "xls", "tsv", "txt"):
        yield Case(f"orders.{ext}", b"", f"zero bytes named .{ext}", REFUSED, errors=empty, word="empty")
    yield Case("订单.csv", b"\r\n \r\n\t\n", "whitespace and blank lines only", REFUSED, errors=empty)
    yield Case("orders.csv", b"\xef\xbb\xbf", "a UTF-8 BOM and nothing else", REFUSED, errors=empty)
    yield Case("orders.csv", b",,,\n,,,\n", "delimiters only", REFUSED)
    no_rows = frozenset({"err_empty_sheet", "err_no_valid_rows", "err_no_tables", "err_empty_file"})
    for kind in TABLES:
        for lang in ("en", "zh"):
            head = [TABLES[kind](lang)[0]]
            if (kind, lang) in {("orders", "en"), ("traffic", "zh"), ("spend", "en")}:
                yield Case(f"{kind}_{lang}.xlsx", to_xlsx(head), f"{kind} header only (xlsx, {lang})", REFUSED,
                           errors=no_rows)  # fmt: skip
            else:
                yield Case(f"{kind}_{lang}.csv", to_csv(head), f"{kind} header only (csv, {lang})", REFUSED,
                           errors=no_rows)  # fmt: skip
    # Binary garbage with a table's name.
    for i, ext in enumerate(("xlsx", "xls", "csv", "tsv", "xlsm", "txt")):
        yield Case(f"export.{ext}", garbage(4096, seed=i), f"random bytes named .{ext}", REFUSED)
    yield Case("orders.xlsx", PNG, "a PNG image renamed .xlsx", REFUSED)
    yield Case("orders.csv", PDF, "a PDF renamed .csv", REFUSED)
    yield Case(
        "photo.png", PNG, "a PNG image", REFUSED, errors=frozenset({"err_file_type"}), word="photo.png"
    )
    yield Case("orders.json", b'{"orders": [{"id": 1, "amount": 10}]}', "JSON, not a table", REFUSED)
    yield Case("orders.csv", b'{"orders": [{"id": 1, "amount": 10}]}\n', "JSON named .csv", EITHER)
    yield Case("orders.xlsx", b'<?xml version="1.0"?><root><order id="1"/></root>', "bare XML named .xlsx",
               REFUSED)  # fmt: skip
    yield Case("orders.xls", b"<html><body><p>Session expired, please log in.</p></body></html>",
               "an HTML login page saved as .xls", REFUSED)  # fmt: skip
    yield Case("orders.csv", b"\x00" * 2048, "NUL bytes only", REFUSED)


def _broken_workbooks() -> Iterator[Case]:
    good = to_xlsx(orders("en"))
    corrupt = frozenset({"err_corrupt", "err_file_type", "err_no_tables"})
    for share in (0.1, 0.5, 0.9, 0.99):
        yield Case("orders.xlsx", good[: int(len(good) * share)], f"xlsx cut at {share:.0%}", REFUSED,
                   errors=corrupt)  # fmt: skip
    yield Case("orders.xlsx", good[:-22], "xlsx without its end-of-central-directory record", REFUSED,
               errors=corrupt)  # fmt: skip
    flipped = bytearray(good)
    at = good.index(b"xl/worksheets/sheet1.xml") + 60  # inside that member's compressed data
    for k in range(at, at + 40):
        flipped[k] ^= 0x5A
    yield Case("orders.xlsx", bytes(flipped), "xlsx with damaged sheet data (bad deflate / CRC)", EITHER)
    yield Case("orders.xlsx", _rewrite_zip(good, lambda n, b: b[: len(b) // 2] if "worksheets" in n else b),
               "sheet XML cut in half inside a valid zip", EITHER)  # fmt: skip
    yield Case("orders.xlsx", _rewrite_zip(good, lambda n, b: None if n == "xl/workbook.xml" else b),
               "zip without xl/workbook.xml", REFUSED)  # fmt: skip
    yield Case("orders.xlsx", _rewrite_zip(good, lambda n, b: None if "worksheets" in n else b),
               "workbook whose sheet part is missing", REFUSED)  # fmt: skip
    yield Case("orders.xlsx", _rewrite_zip(good, lambda n, b: None if "sharedStrings" in n else b),
               "workbook whose shared strings are missing", EITHER)  # fmt: skip
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr(zipfile.ZipInfo("[Content_Types].xml", (2024, 4, 1, 0, 0, 0)), "<Types/>")
        z.writestr(zipfile.ZipInfo("word/document.xml", (2024, 4, 1, 0, 0, 0)), "<w:document/>")
    yield Case("orders.xlsx", docx.getvalue(), "a Word document renamed .xlsx", REFUSED)
    plain = io.BytesIO()
    with zipfile.ZipFile(plain, "w") as z:
        z.writestr(zipfile.ZipInfo("orders.csv", (2024, 4, 1, 0, 0, 0)), _orders_csv())
    yield Case("orders.xlsx", plain.getvalue(), "a zip holding a CSV, renamed .xlsx", REFUSED)
    yield Case("orders.zip", plain.getvalue(), "a zip archive", REFUSED, errors=frozenset({"err_file_type"}))
    yield Case("secret.xlsx", mf.ole2_encrypted_xlsx(), "password-protected xlsx", REFUSED,
               errors=frozenset({"err_password"}), word="password")  # fmt: skip
    yield Case("secret.xls", mf.ole2_encrypted_xlsx(), "password-protected workbook named .xls", REFUSED,
               errors=frozenset({"err_password"}), word="password")  # fmt: skip
    yield Case("orders.xls", bytes.fromhex("D0CF11E0A1B11AE1") + garbage(4088, 3),
               "OLE2 signature followed by garbage", REFUSED)  # fmt: skip
    bomb = frozenset({"err_zip_bomb"})
    yield Case("bomb.xlsx", zip_bomb(3000), "zip bomb: 3 GB of sheet XML in 3 KB", REFUSED, errors=bomb,
               word="MB", huge=True)  # fmt: skip
    yield Case("bomb.xlsx", zip_bomb(300), "300 MB of whitespace at 1000:1", REFUSED, errors=bomb, huge=True)
    yield Case("bomb.xlsx", zip_bomb(1100, lie=True), "zip bomb whose headers claim 1 KB", REFUSED, huge=True)
    far = frozenset({"err_sheet_span"})
    yield Case("orders.xlsx", to_xlsx(orders("en"), extra=lambda wb, ws: ws.write(1048575, 16383, "x")),
               "three orders and one stray cell at XFD1048576", REFUSED, errors=far, huge=True)  # fmt: skip
    yield Case("订单.xlsx", to_xlsx(orders("zh"), extra=lambda wb, ws: ws.write(200000, 700, 1)),
               "three orders and one stray cell 200,000 rows down in column ZY", REFUSED, errors=far,
               huge=True)  # fmt: skip
    lying = _rewrite_zip(
        to_xlsx(orders("en"), extra=lambda wb, ws: ws.write(1048575, 16383, "x")),
        lambda n, b: b.replace(b'<dimension ref="A1:XFD1048576"/>', b'<dimension ref="A1:G4"/>'),
    )
    yield Case("orders.xlsx", lying, "a stray far cell under a dimension that claims A1:G4", REFUSED,
               errors=far, huge=True)  # fmt: skip
    honest = _rewrite_zip(
        good, lambda n, b: b.replace(b'<dimension ref="A1:G4"/>', b'<dimension ref="A1:XFD1048576"/>')
    )
    yield Case("orders.xlsx", honest, "a dimension claiming the whole sheet over 3 rows", LOADS, "orders", 3)
    entity = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
        b'<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>'
    )
    laughs = _rewrite_zip(
        good,
        lambda n, b: (
            b.replace(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n', entity).replace(
                b"<t>Mug</t>", b"<t>&f;</t>"
            )
            if n == "xl/sharedStrings.xml"
            else b
        ),
    )
    yield Case("orders.xlsx", laughs, "shared strings with nested XML entities (billion laughs)", EITHER,
               huge=True)  # fmt: skip


def _delimiters_and_encodings() -> Iterator[Case]:
    for delim, label in ((";", "semicolon"), ("\t", "tab"), ("|", "pipe")):
        yield Case("orders.csv", _orders_csv(delimiter=delim), f"{label}-separated .csv", LOADS, "orders", 3,
                   ("revenue", MONEY[0]))  # fmt: skip
    yield Case("traffic.tsv", to_csv(traffic("zh"), delimiter="\t"), "生意参谋 traffic as .tsv", LOADS,
               "traffic", 3, ("visitors", 1000.0))  # fmt: skip
    yield Case("订单.xls", to_csv(orders("zh"), delimiter="\t", encoding="gbk"),
               "GBK tab-separated text named .xls", LOADS, "orders", 3, ("revenue", MONEY[0]))  # fmt: skip
    yield Case("orders.xls", _orders_csv(), "comma CSV named .xls", LOADS, "orders", 3)
    yield Case("orders.txt", _orders_csv(delimiter=";"), "semicolon text named .txt", LOADS, "orders", 3)
    yield Case(
        "orders.csv", to_csv(orders("en"), newline="\r"), "old Mac CR line endings", LOADS, "orders", 3
    )
    yield Case("orders.csv", to_csv(orders("en"), newline="\n").rstrip(b"\n"), "no final newline", LOADS,
               "orders", 3)  # fmt: skip
    yield Case("orders.csv", to_csv([[*r, ""] for r in orders("en")]), "trailing delimiter on every line",
               LOADS, "orders", 3)  # fmt: skip
    zh = to_text(orders("zh"))
    for enc in ("utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16", "utf-16-le", "utf-16-be"):
        yield Case("订单.csv", zh.encode(enc), f"Chinese orders in {enc}", LOADS, "orders", 3,
                   ("customer_id", "张三"))  # fmt: skip
    mixed = zh.split("\r\n")
    data = ("\r\n".join(mixed[:2]) + "\r\n").encode("utf-8") + ("\r\n".join(mixed[2:])).encode("gbk")
    yield Case("订单.csv", data, "mixed encodings: header and first row UTF-8, the rest GBK", LOADS, "orders")
    latin = to_text(with_column(orders("en"), 5, ["Café crème", "Thé", "Señor tea"])).encode("cp1252")
    yield Case("orders.csv", latin, "Windows-1252 accented product names", LOADS, "orders", 3)
    nul = _orders_csv().replace(b"Mug", b"M\x00ug")
    yield Case("orders.csv", nul, "a stray NUL byte inside a cell", LOADS, "orders", 3)


# Money notations: (label, text for a value, value the loader must read).
NOTATIONS: list[tuple[str, Callable[[float], str], float]] = [
    ("yen_comma", lambda v: f"¥{v:,.2f}", 1),
    ("fullwidth_yen", lambda v: f"￥{v:,.2f}", 1),
    ("yuan_suffix", lambda v: f"{v:g}元", 1),
    ("rmb_code", lambda v: f"RMB {v:,.2f}", 1),
    ("cny_code", lambda v: f"CNY{v:.2f}", 1),
    ("dollar", lambda v: f"${v:,.2f}", 1),
    ("usd_code", lambda v: f"USD {v:,.2f}", 1),
    ("pound", lambda v: f"£{v:,.2f}", 1),
    ("euro_german", lambda v: f"{v:,.2f} €".replace(",", "_").replace(".", ",").replace("_", "."), 1),
    ("euro_prefix", lambda v: "€" + f"{v:,.2f}".replace(",", "_").replace(".", ",").replace("_", "."), 1),
    ("space_thousands", lambda v: f"{v:,.2f}".replace(",", " ").replace(".", ","), 1),
    ("swiss", lambda v: f"{v:,.2f}".replace(",", "'"), 1),
    ("accounting_negative", lambda v: f"({v:,.2f})", -1),
    ("trailing_minus", lambda v: f"{v:.2f}-", -1),
    ("minus_yen", lambda v: f"-¥{v:,.2f}", -1),
    ("wan", lambda v: f"{v / 10000:g}万", 1),
    (
        "fullwidth_digits",
        lambda v: f"{v:.2f}".translate(str.maketrans("0123456789.", "０１２３４５６７８９．")),
        1,
    ),
    ("plain_thousands", lambda v: f"{v:,.2f}", 1),
    ("scientific", lambda v: f"{v:.4e}", 1),
    ("leading_apostrophe", lambda v: f"'{v:.2f}", 1),
]


def _money() -> Iterator[Case]:
    kinds = list(TABLES)
    for i, (label, fmt, sign) in enumerate(NOTATIONS):
        for fmt_i, ext in enumerate(("csv", "xlsx")):
            kind = kinds[(i + fmt_i) % len(kinds)]
            lang = "zh" if (i + fmt_i) % 2 else "en"
            col = MONEY_COLUMN[kind]
            rows = with_column(TABLES[kind](lang), col, [fmt(v) for v in MONEY])
            data = to_csv(rows) if ext == "csv" else to_xlsx(rows, text=True)
            yield Case(f"{kind}_{label}.{ext}", data, f"money as {fmt(MONEY[0])!r} ({kind}, {ext}, {lang})",
                       LOADS, kind, 3, (MONEY_NAME[kind], sign * MONEY[0]))  # fmt: skip
    # Numbers with a currency display format: the cells are plain numbers.
    fmt_rows = orders("zh")

    def currency(wb, ws):
        ws.set_column(3, 3, 12, wb.add_format({"num_format": '"¥"#,##0.00;[Red]-"¥"#,##0.00'}))

    yield Case("订单.xlsx", to_xlsx(fmt_rows, extra=currency), "numbers shown with a ¥ number format", LOADS,
               "orders", 3, ("revenue", MONEY[0]))  # fmt: skip
    odd = with_column(orders("en"), 3, ["面议", "¥20.00", "7.25"])
    yield Case("orders.csv", to_csv(odd), "one amount that is a word (面议)", LOADS, "orders")
    for label, cells in (
        ("nan_inf", ["NaN", "inf", "-inf"]),
        ("excel_errors", ["#DIV/0!", "#N/A", "#VALUE!"]),
        ("infinity_words", ["Infinity", "-Infinity", "1e400"]),
    ):
        rows = with_column(orders("en"), 3, cells)
        yield Case(f"orders_{label}.csv", to_csv(rows), f"amounts {cells}", EITHER, "orders")
    rows = with_column(spend("en"), 2, ["NaN", "12.5", "inf"])
    yield Case("spend_nan.csv", to_csv(rows), "spend with NaN and inf", EITHER, "spend")
    rows = with_column(traffic("en"), 2, ["nan", "inf", "1e308"])
    yield Case("traffic_nan.csv", to_csv(rows), "visitors NaN, inf and 1e308", EITHER, "traffic")

    def errors(wb, ws):
        ws.write_formula(1, 3, "=1/0", None, "#DIV/0!")
        ws.write_formula(2, 3, "=NA()", None, "#N/A")

    yield Case("orders.xlsx", to_xlsx(orders("en"), extra=errors), "Excel error cells in the amounts", LOADS,
               "orders")  # fmt: skip


# Date notations: (label, text for a datetime, the datetime the loader must read).
DATE_NOTATIONS: list[tuple[str, Callable[[dt.datetime], str], bool]] = [
    ("iso", lambda d: d.strftime("%Y-%m-%d %H:%M:%S"), True),
    ("iso_t", lambda d: d.strftime("%Y-%m-%dT%H:%M:%S"), True),
    ("iso_offset", lambda d: d.strftime("%Y-%m-%dT%H:%M:%S+08:00"), True),
    ("iso_z", lambda d: d.strftime("%Y-%m-%dT%H:%M:%S.000Z"), True),
    ("shopify_offset", lambda d: d.strftime("%Y-%m-%d %H:%M:%S -0700"), True),
    ("utc_word", lambda d: d.strftime("%Y-%m-%d %H:%M:%S UTC"), True),
    ("slash_ymd", lambda d: f"{d.year}/{d.month}/{d.day} {d.hour}:{d.minute:02d}", True),
    ("slash_ymd_date", lambda d: f"{d.year}/{d.month:02d}/{d.day:02d}", False),
    ("compact", lambda d: d.strftime("%Y%m%d"), False),
    ("chinese", lambda d: f"{d.year}年{d.month}月{d.day}日", False),
    ("chinese_time", lambda d: f"{d.year}年{d.month}月{d.day}日 {d.hour}时{d.minute}分", True),
    ("us", lambda d: f"{d.month}/{d.day}/{d.year} {d.hour}:{d.minute:02d}", True),
    ("us_short_year", lambda d: f"{d.month}/{d.day}/{d.year % 100:02d} {d.hour}:{d.minute:02d}", True),
    ("day_first", lambda d: d.strftime("%d/%m/%Y"), False),
    ("german", lambda d: d.strftime("%d.%m.%Y %H:%M"), True),
    ("dotted_ymd", lambda d: d.strftime("%Y.%m.%d"), False),
    ("month_name", lambda d: d.strftime("%d-%b-%Y"), False),
    ("month_words", lambda d: d.strftime("%b %d, %Y"), False),
    ("unix_seconds", lambda d: str(int((d - dt.datetime(1970, 1, 1)).total_seconds())), True),
    ("unix_ms", lambda d: str(int((d - dt.datetime(1970, 1, 1)).total_seconds()) * 1000), True),
    ("excel_serial", lambda d: f"{(d - dt.datetime(1899, 12, 30)).total_seconds() / 86400:.10f}", True),
    ("fraction_seconds", lambda d: d.strftime("%Y-%m-%d %H:%M:%S.123456"), True),
]


def _dates() -> Iterator[Case]:
    kinds = ["orders", "events", "experiment", "orders", "events"]
    days = (T1, T2, T3)
    for i, (label, fmt, timed) in enumerate(DATE_NOTATIONS):
        for fmt_i, ext in enumerate(("csv", "xlsx")):
            kind = kinds[(i + fmt_i) % len(kinds)]
            lang = "en" if (i + fmt_i) % 2 else "zh"
            rows = with_column(TABLES[kind](lang), DATE_COLUMN[kind], [fmt(d) for d in days])
            data = to_csv(rows) if ext == "csv" else to_xlsx(rows, text=True)
            first = T1 if timed else T1.replace(hour=0, minute=0)
            if label == "fraction_seconds":
                first = T1.replace(microsecond=123456)
            yield Case(f"{kind}_{label}.{ext}", data, f"dates as {fmt(T1)!r} ({kind}, {ext}, {lang})", LOADS,
                       kind, 3, (DATE_NAME[kind], first))  # fmt: skip
    # Workbook-native date notations: real date cells, serial numbers, Unix numbers.
    serial = [(d - dt.datetime(1899, 12, 30)).total_seconds() / 86400 for d in days]
    unix = [float(int((d - dt.datetime(1970, 1, 1)).total_seconds())) for d in days]
    for label, values, kind in (("serial_numbers", serial, "orders"), ("unix_numbers", unix, "events")):
        rows = with_column(TABLES[kind]("en"), DATE_COLUMN[kind], values)
        yield Case(f"{kind}_{label}.xlsx", to_xlsx(rows), f"dates as {label.replace('_', ' ')} in number cells",
                   LOADS, kind, 3, (DATE_NAME[kind], T1))  # fmt: skip
    yield Case("traffic_dates.xlsx", to_xlsx(traffic("zh")), "real date cells (生意参谋)", LOADS, "traffic", 3,
               ("date", T1.replace(hour=0, minute=0)))  # fmt: skip
    future = [d.replace(year=2099) for d in days]
    yield Case("orders_future.csv", to_csv(with_column(orders("en"), 1, future)), "orders dated 2099", LOADS,
               "orders", 3)  # fmt: skip
    mixed = [T1.replace(year=2099), T2, T3]
    yield Case("spend_future.xlsx", to_xlsx(with_column(spend("zh"), 0, mixed)), "one spend day in 2099",
               LOADS, "spend", 3)  # fmt: skip
    far = [d.replace(year=2150) for d in days]
    yield Case(
        "orders_2150.csv", to_csv(with_column(orders("zh"), 1, far)), "every order dated 2150", REFUSED
    )
    yield Case("events_1900.csv", to_csv(with_column(events("en"), 1, ["1900-01-01"] * 3)), "events in 1900",
               REFUSED)  # fmt: skip
    words = ["soon", "yesterday", "n/a"]
    yield Case("orders_words.csv", to_csv(with_column(orders("en"), 1, words)), "dates that are words",
               REFUSED, errors=frozenset({"err_dates_unparseable"}), word="Order Date")  # fmt: skip
    yield Case("订单_日期.csv", to_csv(with_column(orders("zh"), 1, [T1, "不详", T3])), "one unreadable date",
               LOADS, "orders", 2)  # fmt: skip
    yield Case("experiment_dates.csv", to_csv(with_column(experiment("en"), 4, ["x", "y", "z"])),
               "experiment times that are not dates (optional column)", EITHER, "experiment")  # fmt: skip


def _headers() -> Iterator[Case]:
    dup = orders("zh")
    dup = [[*r, r[3]] for r in dup]
    yield Case("订单.csv", to_csv(dup), "duplicate header 买家实际支付金额", LOADS, "orders", 3,
               ("revenue", MONEY[0]))  # fmt: skip
    yield Case("orders.xlsx", to_xlsx([[*r, r[0]] for r in orders("en")]), "duplicate Order ID header (xlsx)",
               LOADS, "orders", 3)  # fmt: skip
    blank = [["", *[orders("en")[0][j] for j in (0, 1, 3)], "", ""]]
    blank += [["x", r[0], r[1], r[3], "", "y"] for r in orders("en")[1:]]
    yield Case("orders.csv", to_csv(blank), "blank headers around the data", LOADS, "orders", 3)
    yield Case("orders.xlsx", to_xlsx(blank), "blank headers around the data (xlsx)", LOADS, "orders", 3)
    all_blank = [["", "", ""], ["A1", "2024-03-01", "10"], ["A2", "2024-03-02", "20"]]
    yield Case("orders.csv", to_csv(all_blank), "a header row with no names at all", REFUSED)
    titles = [["店铺订单导出"], ["导出时间：2024-04-01 09:00"], [], *orders("zh")]
    yield Case("订单.csv", to_csv(titles), "title rows above the header", LOADS, "orders", 3)
    yield Case("订单.xlsx", to_xlsx(titles), "title rows above the header (xlsx)", LOADS, "orders", 3)

    def merged_title(wb, ws):
        ws.merge_range(
            0, 0, 0, 6, "【生意参谋平台】店铺_全部_2024-03-01_2024-03-25", wb.add_format({"bold": True})
        )

    sycm = [[], [], *traffic("zh")]
    yield Case("【生意参谋平台】店铺.xlsx", to_xlsx(sycm, extra=merged_title), "a merged title cell above the header",
               LOADS, "traffic", 3)  # fmt: skip

    def merged_cells(wb, ws):
        ws.merge_range(1, 4, 3, 4, "paid")  # one status for three rows, as a report would show it
        ws.merge_range(2, 6, 3, 6, "web")

    yield Case("orders.xlsx", to_xlsx(orders("en"), extra=merged_cells), "merged cells in the data", LOADS,
               "orders", 3)  # fmt: skip
    many_titles = [[f"说明第{i}行"] for i in range(40)] + orders("zh")
    yield Case("订单.csv", to_csv(many_titles), "40 title rows above the header", EITHER)
    odd = [
        ["  Order-ID ", "ORDER_DATE", "revenue (USD)", "Status"],
        *[[*r[:2], r[3], r[4]] for r in orders("en")[1:]],
    ]
    yield Case("orders.csv", to_csv(odd), "headers in odd case and punctuation", LOADS, "orders", 3)
    html = [["<b>订单编号</b>", "<script>alert(1)</script>下单时间", "实付金额"]] + [
        [*r[:2], r[3]] for r in orders("zh")[1:]
    ]
    yield Case("订单.csv", to_csv(html), "HTML and script in header cells", EITHER)
    braces = [["{name}", "Order ID", "Order Date", "Revenue", "{0}", "%s"]] + [
        ["{x}", *r[:2], r[3], "{", "%d"] for r in orders("en")[1:]
    ]
    yield Case("orders.csv", to_csv(braces), "format placeholders in headers and cells", LOADS, "orders", 3)
    repeated = [*orders("zh"), orders("zh")[0], *orders("zh")[1:2], ["合计", "", "", "1261.75", "", "", ""]]
    yield Case("订单.csv", to_csv(repeated), "header repeated mid-file and a 合计 row", LOADS, "orders", 4)
    one = [["订单编号"], ["T1"], ["T2"], ["T3"]]
    yield Case("订单.csv", to_csv(one), "one column: order numbers only", REFUSED)
    yield Case(
        "amounts.xlsx", to_xlsx([["Revenue"], [1.0], [2.0], [3.0]]), "one column: amounts only", REFUSED
    )
    yield Case("numbers.csv", b"1\n2\n3\n4\n", "one column of bare numbers", REFUSED)
    yield Case("ids.csv", b"A1\nA2\nA3\n", "one column of text", REFUSED)
    clicks = b"1,2268318,2520377,pv,1511544070\n1,2333346,2520771,cart,1511561733\n2,2576651,149192,buy,1511572885\n"
    yield Case("UserBehavior.csv", clicks, "headerless clickstream (Taobao UserBehavior)", LOADS, "events", 3)
    yield Case("numbers.csv", b"1.5,2.25,3\n4,5.5,6.75\n7,8,9.5\n", "headerless numbers", REFUSED)


def _columns_and_values() -> Iterator[Case]:
    missing = frozenset(
        {"err_required_missing", "err_unknown_kind", "err_no_valid_rows", "err_dates_unparseable"}
    )
    rows = with_column(orders("en"), 1, [None, None, None])
    yield Case("orders.csv", to_csv(rows), "order dates all blank", REFUSED, errors=missing)
    rows = with_column(orders("zh"), 3, [None, None, None])
    yield Case("订单.xlsx", to_xlsx(rows), "amount column all blank", EITHER, "orders")
    rows = with_column(orders("en"), 0, [None, None, None])
    yield Case("orders.csv", to_csv(rows), "order IDs all blank", REFUSED)
    rows = with_column(orders("en"), 2, [None, None, None])
    yield Case("orders.csv", to_csv(rows), "customer IDs all blank", LOADS, "orders", 3)
    rows = with_column(traffic("en"), 2, [None, None, None])
    yield Case("traffic.csv", to_csv(rows), "visitors all blank", EITHER)
    rows = with_column(experiment("zh"), 2, [None, None, None])
    yield Case("实验.csv", to_csv(rows), "converted all blank", EITHER)
    rows = with_column(experiment("en"), 1, ["control", "control", "control"])
    yield Case("ab.csv", to_csv(rows), "an experiment with one arm", LOADS, "experiment", 3)
    rows = with_column(experiment("en"), 2, ["maybe", "perhaps", "unsure"])
    yield Case("ab.csv", to_csv(rows), "converted values that are not yes/no", EITHER)
    many = [experiment("en")[0]] + [
        [f"u{i}", f"arm{i % 7}", "yes" if i % 3 else "no", 1.0, T1] for i in range(60)
    ]
    yield Case("ab_7arms.csv", to_csv(many), "seven arms", LOADS, "experiment", 60)
    same = [events("en")[0]] + [["u1", T1, "view", "p1", 1.0]] * 3
    yield Case("events.csv", to_csv(same), "one user, one event name, one time", LOADS, "events", 3)
    zero = with_column(traffic("zh"), 2, [0, 0, 0])
    yield Case("流量.csv", to_csv(zero), "no visitors on any day", LOADS, "traffic", 3)
    neg = with_column(spend("en"), 2, [-5.0, -10.0, 0.0])
    yield Case("spend.csv", to_csv(neg), "negative and zero spend", LOADS, "spend", 3)
    refunds = with_column(orders("en"), 3, [-1234.5, -20.0, -7.25])
    yield Case("orders.csv", to_csv(refunds), "every order negative (refunds only)", LOADS, "orders", 3)
    # IDs rounded by Excel.
    ids = [202403011234567800.0, 202403011234567800.0, 202403011234568000.0]
    yield Case("订单.xlsx", to_xlsx(with_column(orders("zh"), 0, ids)), "order IDs rounded by Excel (floats)",
               LOADS, "orders", 3)  # fmt: skip
    sci = ["2.02403E+17", "2.02403E+17", "2.02404E+17"]
    yield Case("订单.csv", to_csv(with_column(orders("zh"), 0, sci)), "order IDs as 2.02403E+17", LOADS,
               "orders", 3)  # fmt: skip
    floats = ["17850.0", "17851.0", "17850.0"]
    yield Case("orders.csv", to_csv(with_column(orders("en"), 2, floats)), "customer IDs as 17850.0", LOADS,
               "orders", 3, ("customer_id", "17850"))  # fmt: skip
    wrapped = ['="0012345"', '="0012346"', "'0012347"]
    yield Case("orders.csv", to_csv(with_column(orders("en"), 0, wrapped)), 'IDs as ="0012345" and \'0012347',
               LOADS, "orders", 3, ("order_id", "0012345"))  # fmt: skip
    yield Case("events.xlsx", to_xlsx(with_column(events("en"), 0, [1.5, 2.5, 1.5])), "user IDs with decimals",
               LOADS, "events", 3)  # fmt: skip
    # Formulas.

    def formulas(wb, ws):
        ws.write_formula(1, 3, "=1000+234.5", None, 1234.5)
        ws.write_formula(2, 3, "=10*2", None, 20)
        ws.write_formula(3, 3, "=7.25", None, 7.25)
        ws.write_formula(1, 5, '=HYPERLINK("http://example.com","Mug")', None, "Mug")

    yield Case("orders.xlsx", to_xlsx(orders("en"), extra=formulas), "formulas with cached values", LOADS,
               "orders", 3, ("revenue", MONEY[0]))  # fmt: skip

    def uncached(wb, ws):
        for r in (1, 2, 3):
            ws.write_formula(r, 3, f"=SUM(Z{r + 1}:Z{r + 2})", None, "")

    yield Case("orders.xlsx", to_xlsx(orders("en"), extra=uncached), "formulas without cached values", EITHER)
    inject = with_column(orders("en"), 5, ["=SUM(A1:A2)", "+cmd|' /C calc'!A0", "@SUM(1)"])
    yield Case("orders.csv", to_csv(inject), "formula injection text in product cells", LOADS, "orders", 3,
               ("product", "=SUM(A1:A2)"))  # fmt: skip
    inject = with_column(orders("zh"), 2, ["=1+1", "-2+3", "@me"])
    yield Case("订单.csv", to_csv(inject), "formula-looking buyer names", LOADS, "orders", 3)
    # HTML and script in cells.
    script = with_column(
        orders("en"), 5, ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "**x**"]
    )
    yield Case("orders.csv", to_csv(script), "HTML and script in product names", LOADS, "orders", 3,
               ("product", "<script>alert(1)</script>"))  # fmt: skip
    script = with_column(traffic("en"), 1, ["<b>search</b>", "[x](javascript:alert(1))", "<iframe>"])
    yield Case("traffic.csv", to_csv(script), "HTML and markdown links as channels", LOADS, "traffic", 3)
    script = with_column(experiment("en"), 1, ["<script>", "<script>", "</table>"])
    yield Case("ab.csv", to_csv(script), "HTML tags as variant names", LOADS, "experiment", 3)
    script = with_column(events("en"), 2, ["<h1>view</h1>", "cart", "$purchase$"])
    yield Case("events.xlsx", to_xlsx(script), "HTML and LaTeX in event names", LOADS, "events", 3)
    html_xls = (
        "<html><body><table><tr><th>订单编号</th><th>下单时间</th><th>实付金额</th></tr>"
        "<tr><td>1</td><td>2024-03-01 10:00</td><td>¥9.90</td></tr>"
        "<tr><td>2</td><td>2024-03-02 10:00</td><td><script>alert(1)</script>19.90</td></tr></table>"
        "</body></html>"
    ).encode()
    yield Case("订单.xls", html_xls, "an HTML table named .xls, with a script in a cell", LOADS, "orders")
    # Odd text structure.
    quote = _orders_csv().replace(b"Mug", b'"Mug')
    yield Case("orders.csv", quote, "an unbalanced quote that swallows the rest", EITHER)
    ragged = _orders_csv() + b"A1004,2024-03-26 09:00,C3,5.00,paid,Mug,web,extra,cells\nA1005\n"
    yield Case("orders.csv", ragged, "ragged lines: too many and too few cells", LOADS, "orders")
    multiline = to_csv(with_column(orders("en"), 5, ["Mug\nwith a line break", "Tea,\r\n2 lines", "Pot"]))
    yield Case("orders.csv", multiline, "line breaks inside quoted cells", LOADS, "orders", 3)
    blank_lines = _orders_csv().replace(b"\r\n", b"\r\n\r\n,,,,,,\r\n")
    yield Case("orders.csv", blank_lines, "blank and empty-cell lines between rows", LOADS, "orders", 3)


def _huge() -> Iterator[Case]:
    head = orders("en")
    width = 10_000
    filler = [f"extra_{i}" for i in range(width - len(head[0]))]
    wide = [head[0] + filler] + [r + [i] * len(filler) for i, r in enumerate(head[1:])]
    yield Case("orders_wide.csv", to_csv(wide), "10,000 columns (csv)", LOADS, "orders", 3, huge=True)
    yield Case("orders_wide.xlsx", to_xlsx(wide), "10,000 columns (xlsx)", LOADS, "orders", 3, huge=True)
    unnamed = [["" for _ in range(width)]] + [[str(j) for j in range(width)] for _ in range(3)]
    yield Case("wide.csv", to_csv(unnamed), "10,000 unnamed columns of numbers", REFUSED, huge=True)
    yield Case("traffic_wide.tsv", to_csv([r + [None] * 9992 for r in traffic("zh")], delimiter="\t"),
               "traffic with 9,992 empty trailing columns", LOADS, "traffic", 3, huge=True)  # fmt: skip
    long_text = "长" * 1_000_000
    yield Case("orders_long.csv", to_csv(with_column(orders("zh"), 5, [long_text, "x", "y"])),
               "a 1,000,000-character product title", LOADS, "orders", 3, huge=True)  # fmt: skip
    yield Case("orders_long.xlsx", to_xlsx(with_column(orders("en"), 5, ["x" * 32767, "y", "z"])),
               "a 32,767-character cell (Excel's maximum)", LOADS, "orders", 3, huge=True)  # fmt: skip
    yield Case("orders_long_id.csv", to_csv(with_column(orders("en"), 0, ["9" * 100_000, "A2", "A3"])),
               "a 100,000-digit order ID", LOADS, "orders", 3, huge=True)  # fmt: skip
    header = [["Order ID" + " " * 100_000 + "x", "Order Date", "Revenue"], ["A1", "2024-03-01", "1"]]
    yield Case("orders_long_header.csv", to_csv(header), "a 100,000-character header cell", EITHER, huge=True)
    yield Case("one_line.csv", b"x" * 5_000_000, "5 MB on one line without a delimiter", REFUSED, huge=True)
    many = [orders("en")[0]] + [
        [f"A{i}", T1 + dt.timedelta(minutes=i), f"C{i % 500}", float(i % 97), "paid", "Mug", "web"]
        for i in range(100_000)
    ]
    yield Case("orders_100k.csv", to_csv(many), "100,000 orders", LOADS, "orders", 100_000, huge=True)


def _workbook_shapes() -> Iterator[Case]:
    both = {"空白": [], "订单": orders("zh")}
    yield Case("店铺.xlsx", to_xlsx([], sheets=both), "an empty first sheet, orders on the second", LOADS,
               "orders", 3)  # fmt: skip
    kinds = {f"{k}_{lang}": TABLES[k](lang) for k in TABLES for lang in ("en", "zh")}
    yield Case("shop.xlsx", to_xlsx([], sheets=kinds), "one sheet per kind, both languages", LOADS)
    only_empty = {"Sheet1": [], "Sheet2": [], "Sheet3": []}
    yield Case("empty.xlsx", to_xlsx([], sheets=only_empty), "three empty sheets", REFUSED,
               errors=frozenset({"err_no_tables", "err_empty_sheet", "err_empty_file"}))  # fmt: skip
    tiny = {f"S{i}": [["Order ID", "Order Date", "Revenue"], [f"A{i}", T1, 1.0]] for i in range(60)}
    yield Case("sixty.xlsx", to_xlsx([], sheets=tiny), "sixty one-row order sheets", LOADS, "orders")

    shifted = [[None] * 5 + r for r in ([[]] * 9 + orders("en"))]
    yield Case("orders.xlsx", to_xlsx(shifted), "data starting at F10", LOADS, "orders", 3)
    yield Case("orders.csv", to_xlsx(orders("en")), "an xlsx named .csv", EITHER)
    yield Case("orders.xls", to_xlsx(orders("zh")), "an xlsx named .xls", LOADS, "orders", 3)
    yield Case("orders.xlsm", to_xlsx(spend("en")), "an xlsx named .xlsm", LOADS, "spend", 3)
    bools = with_column(orders("en"), 3, [True, False, True])
    yield Case("orders.xlsx", to_xlsx(bools), "TRUE/FALSE cells as amounts", EITHER)
    dates_as_ids = with_column(orders("en"), 0, [T1, T2, T3])
    yield Case("orders.xlsx", to_xlsx(dates_as_ids), "date cells as order IDs", EITHER)
    mixed = with_column(orders("en"), 3, [1234.5, "¥20.00", None])
    yield Case("orders.xlsx", to_xlsx(mixed), "numbers, text and blanks in one amount column", LOADS, "orders",
               3, ("revenue", MONEY[0]))  # fmt: skip
    summary = [["variant", "visitors", "conversions"], ["A", 1000, 50], ["B", 1000, 65]]
    yield Case("ab_summary.xlsx", to_xlsx(summary), "experiment totals per variant", LOADS, "experiment", 2)
    bad_summary = [["variant", "visitors", "conversions"], ["A", 10, 50], ["B", 0, 0]]
    yield Case("ab_bad.csv", to_csv(bad_summary), "more conversions than visitors; an empty arm", LOADS,
               "experiment", 2)  # fmt: skip


def cases() -> list[Case]:
    """The whole corpus, in a fixed order."""
    out: list[Case] = []
    for part in (
        _basic,
        _broken_workbooks,
        _delimiters_and_encodings,
        _money,
        _dates,
        _headers,
        _columns_and_values,
        _huge,
        _workbook_shapes,
    ):
        out.extend(part())
    return out


def case_ids(corpus: list[Case]) -> list[str]:
    """Unique readable test ids: the index, the file name and the start of the description."""
    return [f"{i:03d}-{c.name}-{c.description[:40]}" for i, c in enumerate(corpus)]
