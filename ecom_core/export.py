"""Tables out of the app: CSV and Excel bytes that are safe to open in a spreadsheet.

A cell such as ``=HYPERLINK(...)`` or ``+cmd|' /C calc'!A0`` in an exported file is run
as a formula by Excel, LibreOffice or WPS when the file is opened ("CSV injection").
Every export goes through :func:`neutralize_formulas`, which puts an apostrophe in front
of text cells (and column names) that start with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return, so the spreadsheet shows them as text. Numbers are left alone: a
negative amount stays a number.
"""

from __future__ import annotations

import io

import pandas as pd

#: First characters that make a spreadsheet read a text cell as a formula.
FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")

#: Data rows an Excel sheet can hold (1,048,576 rows less the header row).
EXCEL_MAX_ROWS = 1_048_575

_PATTERN = "^[" + "".join("\\" + c if c in "-\\]^" else c for c in FORMULA_PREFIXES) + "]"


def _neutral(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _neutral_column(column: pd.Series) -> pd.Series | None:
    """The column with formula-like text cells escaped, or None when nothing changes."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        categories = [_neutral(c) for c in column.cat.categories]
        if categories == list(column.cat.categories):
            return None
        if len(set(categories)) == len(categories):
            return column.cat.rename_categories(categories)
        column = column.astype(object)
    if not (pd.api.types.is_object_dtype(column.dtype) or pd.api.types.is_string_dtype(column)):
        return None
    try:
        hits = column.str.match(_PATTERN)
    except AttributeError:  # an object column that holds no text at all
        return None
    hits = hits.fillna(False).astype(bool)
    if not hits.any():
        return None
    out = column.copy()
    out[hits] = "'" + column[hits].astype(str)
    return out


def neutralize_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` in which no text cell or column name can run as a formula.

    Text cells starting with one of :data:`FORMULA_PREFIXES` get a leading apostrophe;
    numbers, dates and other cells are unchanged. The input frame is not modified.
    """
    out = frame.copy(deep=False)
    for position in range(out.shape[1]):
        fixed = _neutral_column(out.iloc[:, position])
        if fixed is not None:
            out.isetitem(position, fixed)
    out.columns = [_neutral(c) for c in out.columns]
    if out.index.name is not None or any(name is not None for name in out.index.names):
        out.index = out.index.set_names([_neutral(n) for n in out.index.names])
    return out


def to_csv_bytes(frame: pd.DataFrame, index: bool = False) -> bytes:
    """UTF-8 CSV with a byte-order mark (so Excel shows Chinese text correctly)."""
    return neutralize_formulas(frame).to_csv(index=index).encode("utf-8-sig")


def to_excel_bytes(frame: pd.DataFrame, sheet_name: str = "data", index: bool = False) -> bytes:
    """An .xlsx workbook with one sheet; text is always written as text, never as a formula.

    Raises ``ValueError`` when the frame has more rows than a sheet can hold
    (:data:`EXCEL_MAX_ROWS`).
    """
    if len(frame) > EXCEL_MAX_ROWS:
        raise ValueError(f"{len(frame):,} rows do not fit in one Excel sheet")
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as xl:
        neutralize_formulas(frame).to_excel(xl, sheet_name=sheet_name[:31] or "data", index=index)
    return buffer.getvalue()
