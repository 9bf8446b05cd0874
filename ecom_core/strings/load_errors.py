"""Strings of load errors found by reading hostile files (keys start with ``err_``)."""

STRINGS: dict[str, dict[str, str]] = {
    "err_sheet_span": {
        "en": "'{name}' has a cell far away from its data (as far as {cell}), so opening it would "
        "take about {size_gb:,.0f} GB of memory. It was not opened. In Excel, delete the stray "
        "cells (or copy the data to a new sheet) and upload it again.",
        "zh": "“{name}”中有远离数据区域的单元格（最远到 {cell}），打开它约需 {size_gb:,.0f} GB 内存，"
        "因此没有打开。请在 Excel 中删除这些多余的单元格（或把数据复制到新工作表）后重新上传。",
    },
}
