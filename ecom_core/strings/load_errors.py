"""Strings of load errors found by reading hostile files (keys start with ``err_``)."""

STRINGS: dict[str, dict[str, str]] = {
    "err_sheet_span": {
        "en": "'{name}' has a cell far away from its data (as far as {cell}), so opening it would "
        "take about {size_gb:,.0f} GB of memory. It was not opened. In Excel, delete the stray "
        "cells (or copy the data to a new sheet) and upload it again.",
        "zh": "“{name}”中有远离数据区域的单元格（最远到 {cell}），打开它约需 {size_gb:,.0f} GB 内存，"
        "因此没有打开。请在 Excel 中删除这些多余的单元格（或把数据复制到新工作表）后重新上传。",
    },
    "err_open_quote": {
        "en": "In '{name}', a quotation mark (\") on line {line} is never closed, so everything after "
        "it reads as one cell and no rows are left. Remove the stray quotation mark, or save the "
        "file again from Excel, and upload it again.",
        "zh": '“{name}”第 {line} 行的引号（"）没有闭合，之后的内容都被读成了一个单元格，因此没有数据行。'
        "请删除多余的引号，或用 Excel 重新保存后再上传。",
    },
}
