"""Bytes -> raw tables: file type, encoding, delimiter, sheets, title rows and the header.

Excel files are read with fastexcel (Rust calamine into Arrow), an order of magnitude
faster than openpyxl; text files with pandas' C parser after the encoding and delimiter
are sniffed. Each sheet or text file becomes one :class:`RawTable` whose columns are the
cleaned header and whose cells are untouched values, for :mod:`ecom_core.load.loader`.
"""

from __future__ import annotations

import csv
import io
import logging
import os
import re
import struct
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd
import pyarrow as pa

from ecom_core.load.dataset import LoadError, Note, never_crash
from ecom_core.load.schema import SCHEMAS, normalize_header

csv.field_size_limit(2**31 - 1)  # one cell may hold a long text; the file size is capped anyway
MAX_BYTES = 200 * 1024 * 1024  # the upload limit in .streamlit/config.toml
MAX_UNZIPPED = 2 * 1024**3  # an xlsx expanding past this is treated as a zip bomb
MAX_RATIO = 200  # ... and so is one whose parts compress more than 200:1 beyond 50 MB
HEADER_SCAN_ROWS = 30
NOT_TABLES = {
    ".pdf", ".doc", ".docx", ".ppt", ".pptx", ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp",
    ".zip", ".rar", ".7z", ".gz", ".exe", ".mp4", ".mp3", ".numbers", ".pages", ".key",
}  # fmt: skip
_OTHER_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b", b"MZ")
TEXT_EXTENSIONS = {".csv", ".tsv", ".txt", ".tab", ".dat", ""}
EXCEL_EXTENSIONS = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}

KNOWN_HEADERS: frozenset[str] = frozenset(
    normalize_header(s) for cols in SCHEMAS.values() for c in cols for s in c.synonyms
) | frozenset(
    normalize_header(s)
    for s in [
        "支付转化率",
        "客单价",
        "uv价值",
        "商品id",
        "收藏人数",
        "商品收藏人数",
        "搜索引导访客数",
        "买家留言",
        "收货人姓名",
        "联系电话",
        "运送方式",
        "物流单号",
        "物流公司",
        "订单备注",
        "店铺名称",
        "stockcode",
        "country",
        "email",
        "fulfillment",
        "status",
        "currency",
        "subtotal",
        "shipping",
        "taxes",
        "discount",
        "code",
        "lineitem",
        "sku",
        "billing",
        "name",
        "payment",
        "method",
        "vendor",
        "tags",
        "risk",
        "level",
        "item-tax",
        "shipping-price",
        "asin",
        "fulfillment-channel",
        "ship-city",
        "ship-postal-code",
        "promotion-ids",
        "category_id",
        "brand",
        "item_id",
        "behavior_type",
        "interest",
        "age",
        "gender",
        "达人昵称",
        "小店名称",
    ]
)


@dataclass
class RawTable:
    """One sheet or text file: the cleaned header and untouched cells.

    Attributes
    ----------
    name
        File name, plus ``:sheet`` when the workbook has several sheets.
    frame
        The cells under the header; columns named by the cleaned header.
    sheet
        Sheet name for workbooks, else None.
    header_row
        0-based row of the header in the file (number of title rows above it), -1 if none.
    notes
        What reading had to decide (encoding, title rows, renamed headers, ...).
    """

    name: str
    frame: pd.DataFrame
    sheet: str | None = None
    header_row: int = 0
    headerless: bool = False
    notes: list[Note] = field(default_factory=list)


# ---- entry point ------------------------------------------------------------------------------


def source_bytes(source, filename: str | None = None, max_bytes: int = MAX_BYTES) -> tuple[bytes, str]:
    """Read a path, bytes or file-like into memory, refusing files over ``max_bytes``."""
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        name = filename or path.name
        size = path.stat().st_size
        if size > max_bytes:
            raise LoadError("err_too_large", name=name, size_mb=size / 2**20, limit_mb=max_bytes / 2**20)
        return path.read_bytes(), name
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    else:
        stream: BinaryIO = source
        data = stream.read(max_bytes + 1)
        if isinstance(data, str):
            data = data.encode("utf-8")
        filename = filename or Path(str(getattr(source, "name", "") or "upload")).name
    name = filename or "upload"
    if len(data) > max_bytes:
        raise LoadError("err_too_large", name=name, size_mb=len(data) / 2**20, limit_mb=max_bytes / 2**20)
    return data, name


@never_crash
def read_tables(source, filename: str | None = None, max_bytes: int = MAX_BYTES) -> list[RawTable]:
    """Every table in a file: each sheet of a workbook, or the one table of a text file.

    Parameters
    ----------
    source
        Path, bytes or binary file-like object.
    filename
        Name to use in messages (and for the extension when ``source`` is bytes).
    max_bytes
        Files larger than this are refused with ``err_too_large``.

    Raises
    ------
    LoadError
        Wrong file type, empty or corrupt file, zip bomb, password protection, no header.
    """
    data, name = source_bytes(source, filename, max_bytes)
    if not data.strip():
        raise LoadError("err_empty_file", name=name)
    ext = Path(name).suffix.lower()
    if ext in NOT_TABLES or data.startswith(_OTHER_MAGIC):
        raise LoadError("err_file_type", name=name)
    if data[:4] == b"PK\x03\x04":
        if ext == ".ods":
            return _read_excel(data, name)
        _check_zip(data, name)
        return _read_excel(data, name)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in data:
            raise LoadError("err_password", name=name)
        return _read_excel(data, name)
    if ext in EXCEL_EXTENSIONS:
        head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if head.startswith(b"<") and b"<table" in data[:200000].lower():
            return [_read_html_table(data, name)]
        if _looks_binary(data):
            raise LoadError("err_corrupt", name=name, detail="not an Excel workbook")
        # Some back offices name a tab-separated text file .xls.
        return [_read_text(data, name)]
    if ext not in TEXT_EXTENSIONS and _looks_binary(data):
        raise LoadError("err_file_type", name=name)
    if _looks_binary(data):
        raise LoadError("err_file_type", name=name)
    return [_read_text(data, name)]


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(head):
        return False
    # Text may carry a stray NUL or two; binary formats are full of control bytes.
    controls = sum(head.count(b) for b in (*range(0, 9), *range(14, 32)))
    return controls > 0.05 * len(head)


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when every other byte is NUL, as in BOM-less UTF-16."""
    odd = head[1::2].count(0) / max(len(head[1::2]), 1)
    even = head[::2].count(0) / max(len(head[::2]), 1)
    if odd > 0.4 and even < 0.05:
        return "utf-16-le"
    if even > 0.4 and odd < 0.05:
        return "utf-16-be"
    return None


def _check_zip(data: bytes, name: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise LoadError("err_corrupt", name=name, detail="broken zip container") from exc
    if not any(n.startswith("xl/") for n in names) and "content.xml" not in names:
        raise LoadError("err_file_type", name=name)
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNZIPPED or (total > 50 * 2**20 and total / packed > MAX_RATIO):
        raise LoadError("err_zip_bomb", name=name, size_mb=total / 2**20)
    for info in infos:
        if not _WORKSHEET.match(info.filename):
            continue
        try:
            rows, cols = sheet_extent(data, info)
        except _SizeMismatch as exc:
            raise LoadError("err_corrupt", name=name, detail="zip sizes do not match its content") from exc
        except (zipfile.BadZipFile, zlib.error, struct.error, ValueError) as exc:
            raise LoadError("err_corrupt", name=name, detail="damaged sheet data") from exc
        if rows * cols > MAX_CELLS:
            raise LoadError(
                "err_sheet_span",
                name=name,
                cell=f"{_column_letters(cols)}{rows}",
                size_gb=rows * cols * CELL_BYTES / 2**30,
            )


# The Excel reader holds a sheet's whole used range, from its first to its last cell, at 32
# bytes a cell: one stray value in XFD1048576 would ask for 512 GB and abort the process.
MAX_CELLS = 100_000_000  # 3 GB; a 1,048,576-row export may have 95 columns
CELL_BYTES = 32
SCAN_BYTES = 64 * 2**20  # sheets with more XML than this are trusted to their <dimension>
_WORKSHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$")
_DIMENSION = re.compile(rb'<dimension\s+ref="\$?[A-Z]{1,3}\$?[0-9]+(?::\$?([A-Z]{1,3})\$?([0-9]+))?"')
_ROW_NUMBER = re.compile(rb'<row\b[^>]*?\sr="([0-9]+)"')
_WIDE_REFS = {  # cell references with at least 3 (or 2) column letters
    3: re.compile(rb'\sr="([A-Z]{3})[0-9]'),
    2: re.compile(rb'\sr="([A-Z]{2,3})[0-9]'),
}


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _column_letters(n: int) -> str:
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


class _SizeMismatch(ValueError):
    """A zip member inflates to more than its header says."""


def _member_chunks(data: bytes, info: zipfile.ZipInfo, chunk: int = 4 * 2**20):
    """Inflate one zip member the way the Excel reader will: its compressed bytes to the end
    of the deflate stream, whatever uncompressed size the headers claim (they may lie)."""
    off = info.header_offset
    if data[off : off + 4] != b"PK\x03\x04":
        raise zipfile.BadZipFile("bad local header")
    name_len, extra_len = struct.unpack("<HH", data[off + 26 : off + 30])
    start = off + 30 + name_len + extra_len
    raw = memoryview(data)[start : start + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        for i in range(0, len(raw), chunk):
            yield bytes(raw[i : i + chunk])
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:
        return  # another method: left to the reader, which knows more of them
    inflate = zlib.decompressobj(-15)
    pos = 0
    pending = b""
    while not inflate.eof:
        if not pending:
            if pos >= len(raw):
                break
            pending, pos = bytes(raw[pos : pos + 2**20]), pos + 2**20
        out = inflate.decompress(pending, chunk)
        pending = inflate.unconsumed_tail
        if out:
            yield out


def _scan_sheet(data: bytes, info: zipfile.ZipInfo, letters: int, limit: int | None):
    """Stream a worksheet part: (last row, last column among references with at least
    ``letters`` letters, whether the whole part was read)."""
    refs = _WIDE_REFS[letters]
    last_row = last_col = 0
    read, tail = 0, b""
    for chunk in _member_chunks(data, info):
        read += len(chunk)
        if read > info.file_size:
            raise _SizeMismatch(info.filename)
        buf = tail + chunk
        rows = _ROW_NUMBER.findall(buf)
        if rows:
            last_row = max(last_row, *map(int, rows))
        for col in set(refs.findall(buf)):
            last_col = max(last_col, _column_number(col))
        tail = buf[-80:]
        if limit is not None and read >= limit:
            return last_row, last_col, False
    return last_row, last_col, True


def sheet_extent(data: bytes, info: zipfile.ZipInfo) -> tuple[int, int]:
    """(last row, last column) of one worksheet part's cells, as far as they matter for memory.

    Sheets up to :data:`SCAN_BYTES` of XML are streamed in full (a part whose header lies
    about its size costs no more); larger ones are trusted to their ``<dimension>`` unless it
    spans over :data:`MAX_CELLS`, in which case they are streamed in full too. Only wide
    references are looked at: with few rows no width is dangerous, so the column returned
    is an upper bound (702 = ZZ, or 26 = Z) unless the sheet is wider than that.
    """
    head = next(_member_chunks(data, info, 65536), b"")
    claimed = _DIMENSION.search(head)
    claimed_extent = None
    if claimed and claimed.group(1):
        claimed_extent = int(claimed.group(2)), _column_number(claimed.group(1))
    big = claimed_extent is not None and claimed_extent[0] * claimed_extent[1] > MAX_CELLS
    if claimed_extent and not big and info.file_size > SCAN_BYTES:
        return claimed_extent  # a large export: reading it twice would cost seconds
    rows, cols, complete = _scan_sheet(data, info, 3, None if big else SCAN_BYTES)
    if not complete and claimed_extent:
        return claimed_extent
    if cols:
        return rows, cols
    if rows * 702 > MAX_CELLS:
        _, cols, _ = _scan_sheet(data, info, 2, None if big else SCAN_BYTES)
        return rows, cols or 26
    return rows, 702


# ---- Excel --------------------------------------------------------------------------------------


def _read_excel(data: bytes, name: str) -> list[RawTable]:
    import fastexcel

    # Its "could not determine dtype" remarks are about empty columns; the report covers them.
    logging.getLogger("fastexcel").setLevel(logging.ERROR)

    try:
        reader = fastexcel.read_excel(data)
        sheet_names = list(reader.sheet_names)
    except Exception as exc:  # the Rust reader raises several unrelated types
        msg = str(exc).lower()
        if "password" in msg or "encrypt" in msg:
            raise LoadError("err_password", name=name) from exc
        raise LoadError("err_corrupt", name=name, detail=_short(exc)) from exc
    tables = []
    for sheet in sheet_names:
        label = f"{name}:{sheet}" if len(sheet_names) > 1 else name
        try:
            table = _read_sheet(reader, sheet, label)
        except LoadError:
            if len(sheet_names) == 1:
                raise
            continue
        except Exception as exc:
            if len(sheet_names) == 1:
                raise LoadError("err_corrupt", name=name, detail=_short(exc)) from exc
            continue
        if table is not None:
            table.sheet = sheet
            tables.append(table)
    if not tables:
        raise LoadError("err_no_tables", name=name)
    return tables


def _short(exc: Exception) -> str:
    return str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__


def _read_sheet(reader, sheet: str, label: str) -> RawTable | None:
    """Parse a sheet once with the first row as header; parse again only when the header
    turns out to be lower down (title rows) or missing."""
    frame = _sheet_frame(reader, sheet, 0)
    names = _fastexcel_names(frame.columns)
    if not any(names) and frame.isna().all().all():
        return None
    rows = [names] + [
        [_cell_text(v) for v in row] for row in frame.head(HEADER_SCAN_ROWS - 1).itertuples(index=False)
    ]
    header_row, headerless = find_header(rows)
    notes: list[Note] = []
    if headerless:
        frame = _sheet_frame(reader, sheet, None)
        names = [f"column_{i + 1}" for i in range(frame.shape[1])]
        notes.append(Note("note_headerless", {}))
    elif header_row:
        frame = _sheet_frame(reader, sheet, header_row)
        names = _fastexcel_names(frame.columns)
        notes.append(Note("note_title_rows", {"n": header_row}))
    names, header_notes = clean_header(names)
    frame = _fit_width(frame, names)
    return RawTable(label, frame, sheet, -1 if headerless else header_row, headerless, notes + header_notes)


def _sheet_frame(reader, sheet: str, header_row: int | None) -> pd.DataFrame:
    batch = reader.load_sheet(
        sheet, header_row=header_row, dtype_coercion="coerce", schema_sample_rows=2000, eager=True
    )
    return pa.Table.from_batches([batch]).to_pandas()


def _fastexcel_names(columns) -> list[str]:
    """Undo fastexcel's names for blank (``__UNNAMED__3``) and repeated (``Total_1``) headers.

    One pass with a set of the names seen so far: a sheet may have 16,384 columns.
    """
    seen: set[str] = set()
    out = []
    for name in columns:
        name = str(name)
        if name.startswith("__UNNAMED__"):
            fixed = ""
        else:
            m = re.match(r"^(.*)_(\d+)$", name)
            fixed = m.group(1) if m and m.group(1) in seen else name
        seen.add(name)
        out.append(fixed)
    return out


def _fit_width(frame: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """Name the columns; cells beyond the header's width get positional names."""
    extra = [f"column_{i + 1}" for i in range(len(names), frame.shape[1])]
    all_names = (names + extra)[: frame.shape[1]]
    frame.columns = all_names
    named = set(names)
    keep = [c for c in frame.columns if c in named or frame[c].notna().any()]
    if len(keep) < frame.shape[1]:
        frame = frame.loc[:, keep]
    return frame.reset_index(drop=True)


def _read_html_table(data: bytes, name: str) -> RawTable:
    """Some Chinese back offices export HTML tables named .xls; read the first table."""
    text = _decode(data)[0]
    cells = []
    for row in re.findall(r"(?is)<tr[^>]*>(.*?)</tr>", text):
        cells.append(
            [
                re.sub(r"\s+", " ", re.sub(r"(?s)<[^>]+>", "", c)).replace("&nbsp;", " ").strip()
                for c in re.findall(r"(?is)<t[dh][^>]*>(.*?)</t[dh]>", row)
            ]
        )
    if not cells:
        raise LoadError("err_no_tables", name=name)
    width = max(len(r) for r in cells)
    cells = [r + [""] * (width - len(r)) for r in cells]
    return _table_from_rows(cells, name, [])


# ---- text ---------------------------------------------------------------------------------------


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "UTF-8 (BOM)"
        except UnicodeDecodeError:
            by_line = _decode_lines(data[3:])
            if by_line is not None:
                return by_line, "UTF-8 + GBK/GB18030"
            return data[3:].decode("utf-8", errors="replace"), "UTF-8 (BOM)*"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "UTF-16"
    enc = _utf16_without_bom(data[:8192])
    if enc:
        return data.decode(enc, errors="replace"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    # Mostly UTF-8 with a few foreign bytes (two exports pasted together): keep UTF-8.
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    non_ascii = len(data) - len(data.translate(None, bytes(range(128))))
    if bad <= 0.1 * non_ascii:  # a GBK file read as UTF-8 fails on most of its bytes
        return text, "UTF-8*"  # * = some bytes were not UTF-8
    by_line = _decode_lines(data)
    if by_line is not None:
        return by_line, "UTF-8 + GBK/GB18030"
    try:
        text = data.decode("gb18030")
        non_ascii = [ch for ch in text[:20000] if ord(ch) > 127]
        cjk = sum(
            1
            for ch in non_ascii
            if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"
        )
        if not non_ascii or cjk / len(non_ascii) > 0.8:
            return text, "GBK/GB18030"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200000]).best()
        if best is not None and best.encoding:
            return data.decode(best.encoding, errors="replace"), best.encoding
    except Exception:
        pass
    return data.decode("cp1252", errors="replace"), "cp1252"


def _decode_lines(data: bytes) -> str | None:
    """Exports pasted together, some lines UTF-8 and some GBK: each line in its own encoding.
    None unless both kinds of line are there (a plain GBK file is decoded as a whole)."""
    utf8 = gbk = 0
    out = []
    for line in data.split(b"\n"):
        if line.isascii():
            out.append(line.decode("ascii"))
            continue
        try:
            out.append(line.decode("utf-8"))
            utf8 += 1
        except UnicodeDecodeError:
            try:
                out.append(line.decode("gb18030"))
            except UnicodeDecodeError:
                return None
            gbk += 1
        if gbk and not utf8:
            return None  # GBK from the first non-ASCII line on: a GBK file, decoded as a whole
    return "\n".join(out) if utf8 and gbk else None


def _sniff_delimiter(lines: list[str]) -> str:
    best, best_score = ",", -1.0
    for delim in (",", "\t", ";", "|"):
        counts = [len(next(csv.reader([ln], delimiter=delim), [])) - 1 for ln in lines if ln.strip()]
        if not counts:
            continue
        mode = max(set(counts), key=counts.count)
        if mode <= 0:
            continue
        consistency = counts.count(mode) / len(counts)
        score = consistency * 10 + min(mode, 50) * 0.1
        if score > best_score:
            best, best_score = delim, score
    return best


def _read_text(data: bytes, name: str) -> RawTable:
    text, encoding = _decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    head_lines = text[:200000].split("\n")[:60]
    delim = _sniff_delimiter(head_lines[: HEADER_SCAN_ROWS + 10])
    rows = list(csv.reader(head_lines[:HEADER_SCAN_ROWS], delimiter=delim))
    if not any(any(c.strip() for c in r) for r in rows):
        raise LoadError("err_empty_file", name=name)
    header_row, headerless = find_header(rows)
    notes = [Note("note_encoding", {"encoding": encoding.rstrip("*")})]
    if encoding.endswith("*"):
        notes.append(Note("note_encoding_mixed", {"n": text.count("\ufffd")}, "warning"))
    # Skip the title rows by line, so the C parser sees a regular table.
    lines_before = 0
    if not headerless and header_row:
        lines_before = _physical_lines(text, header_row)
    body = text if not lines_before else text.split("\n", lines_before)[-1]
    read_opts = dict(
        sep=delim,
        header=None,
        dtype=str,
        keep_default_na=False,
        na_values=[""],
        skip_blank_lines=True,
        quotechar='"',
    )
    try:
        frame = pd.read_csv(io.StringIO(body), engine="c", **read_opts)
        bad_lines = 0
    except (pd.errors.ParserError, ValueError) as exc:
        if "EOF inside string" in str(exc):
            _refuse_open_quote(body, name, lines_before)
        bad = []
        first = next((line for line in body.split("\n", 50)[:50] if line.strip()), "")
        width = len(next(csv.reader([first], delimiter=delim), [])) or 1

        def keep(fields: list[str]) -> list[str]:
            # pandas skips a line whose fields outnumber the header's (with only a warning):
            # keep the line, without the cells that have no column
            bad.append(1)
            return fields[:width]

        frame = pd.read_csv(io.StringIO(body), engine="python", on_bad_lines=keep, **read_opts)
        bad_lines = len(bad)
    except pd.errors.EmptyDataError as exc:
        raise LoadError("err_empty_file", name=name) from exc
    if headerless:
        names = [f"column_{i + 1}" for i in range(frame.shape[1])]
        data_frame = frame
    else:
        names = [_cell_text(v) for v in frame.iloc[0].tolist()] if len(frame) else []
        data_frame = frame.iloc[1:]
    names, header_notes = clean_header(names)
    notes += header_notes
    data_frame = _fit_width(data_frame.copy(), names)
    if header_row and not headerless:
        notes.insert(1, Note("note_title_rows", {"n": header_row}))
    if headerless:
        notes.insert(1, Note("note_headerless", {}))
    if bad_lines:
        notes.append(Note("note_ragged_lines", {"n": bad_lines}, "warning"))
    return RawTable(name, data_frame, None, -1 if headerless else header_row, headerless, notes)


def _refuse_open_quote(body: str, name: str, lines_before: int) -> None:
    """A quotation mark left open swallows the rest of the file into one cell: say on which
    line (the first with an odd count of quotes) instead of loading what is left."""
    for number, line in enumerate(body.split("\n", 100_000)[:100_000], start=lines_before + 1):
        if line.count('"') % 2:
            raise LoadError("err_open_quote", name=name, line=number)


def _physical_lines(text: str, logical_rows: int) -> int:
    """Number of physical lines spanned by the first ``logical_rows`` CSV records."""
    reader = csv.reader(io.StringIO(text[:500000]))
    for _ in range(logical_rows):
        next(reader, None)
    return reader.line_num


def _table_from_rows(rows: list[list[str]], name: str, notes: list[Note]) -> RawTable:
    header_row, headerless = find_header(rows[:HEADER_SCAN_ROWS])
    width = max(len(r) for r in rows)
    if headerless:
        names, body = [f"column_{i + 1}" for i in range(width)], rows
    else:
        names, body = rows[header_row], rows[header_row + 1 :]
    names, header_notes = clean_header(names)
    frame = pd.DataFrame(body, columns=range(width)).replace("", np.nan)
    frame = _fit_width(frame, names)
    return RawTable(name, frame, None, -1 if headerless else header_row, headerless, notes + header_notes)


# ---- header -------------------------------------------------------------------------------------


def _cell_text(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


_NUMERICISH = re.compile(r"^[\s¥￥$€£+\-(]*\d[\d,.\s:/\-年月日%)]*$")


def _is_data_like(cell: str) -> bool:
    return bool(_NUMERICISH.match(cell.strip())) if cell.strip() else False


def find_header(rows: list[list[str]]) -> tuple[int, bool]:
    """Locate the header among the first rows: (row index, headerless?).

    The header is the row with the most cells that are known column names (any language),
    then the most text cells; title rows above it (one long cell, a date range) lose
    because they are narrow. A first row that is mostly numbers and dates, with no known
    name anywhere in the first rows, means the file has no header.
    """
    if not rows:
        return 0, False
    width = max((sum(1 for c in r if str(c).strip()) for r in rows), default=0)
    best, best_score, best_hits = 0, -1.0, 0
    for i, row in enumerate(rows):
        cells = [str(c).strip() for c in row]
        filled = [c for c in cells if c]
        if not filled:
            continue
        hits = sum(1 for c in filled if normalize_header(c) in KNOWN_HEADERS)
        texty = sum(1 for c in filled if not _is_data_like(c))
        wide_enough = len(filled) >= max(2, 0.5 * width)
        score = hits * 3 + (texty if wide_enough else 0) - (0 if wide_enough else 5)
        if score > best_score:
            best, best_score, best_hits = i, score, hits
    first = next((r for r in rows if any(str(c).strip() for c in r)), [])
    first_cells = [str(c).strip() for c in first if str(c).strip()]
    data_share = sum(_is_data_like(c) for c in first_cells) / max(len(first_cells), 1)
    first_hits = sum(1 for c in first_cells if normalize_header(c) in KNOWN_HEADERS)
    if data_share >= 0.5 and first_hits < 0.5 * len(first_cells) and best_hits <= first_hits:
        return 0, True
    return best, False


def clean_header(names: list[str]) -> tuple[list[str], list[Note]]:
    """Strip spaces and BOMs, name blank columns by position, make duplicates unique."""
    notes: list[Note] = []
    cleaned = []
    blanks = 0
    for i, n in enumerate(names):
        s = unicodedata.normalize("NFC", str(n)).replace("\ufeff", "").strip()
        s = re.sub(r"\s+", " ", s)
        if not s or s.lower() in {"nan", "none"}:
            s = f"column_{i + 1}"
            blanks += 1
        cleaned.append(s)
    seen: dict[str, int] = {}
    dupes = []
    out = []
    for s in cleaned:
        if s in seen:
            seen[s] += 1
            new = f"{s} ({seen[s]})"
            dupes.append(new)
            out.append(new)
        else:
            seen[s] = 1
            out.append(s)
    if blanks:
        notes.append(Note("note_blank_headers", {"n": blanks}))
    if dupes:
        notes.append(Note("note_duplicate_headers", {"columns": ", ".join(dupes)}, "warning"))
    return out, notes
