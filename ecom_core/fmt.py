"""Numbers as people read them in sentences: percentages, counts and money, per language.

Money carries no currency sign because exports rarely say which currency they are in;
Chinese text uses 万 and 亿 for large amounts, as the platforms' own dashboards do.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import pandas as pd
from pandas.io.formats.style import Styler

DASH = "–"


def _missing(x: float | None) -> bool:
    return x is None or (isinstance(x, float) and not math.isfinite(x))


def pct(x: float | None, digits: int = 1, signed: bool = False) -> str:
    """``0.266`` -> ``"26.6%"``; ``signed=True`` -> ``"+26.6%"``. Missing -> ``"–"``."""
    if _missing(x):
        return DASH
    return f"{x * 100:{'+' if signed else ''}.{digits}f}%"


def points(x: float | None, digits: int = 1) -> str:
    """A difference of two rates in percentage points: ``0.012`` -> ``"+1.2 pt"``."""
    return DASH if _missing(x) else f"{x * 100:+.{digits}f} pt"


def count(x: float | None) -> str:
    """``12400`` -> ``"12,400"``."""
    return DASH if _missing(x) else f"{round(x):,}"


def money(x: float | None, lang: str = "en") -> str:
    """An amount for a sentence: ``12400.5`` -> ``"12,400"`` (en) or ``"1.24万"`` (zh).

    Amounts under 100 keep two decimals (an AOV of 45.25 should not read as 45).
    """
    if _missing(x):
        return DASH
    size = abs(x)
    if lang == "zh" and size >= 1e8:
        return f"{x / 1e8:,.2f}亿"
    if lang == "zh" and size >= 1e4:
        return f"{x / 1e4:,.2f}万"
    return f"{x:,.2f}" if size < 100 else f"{x:,.0f}"


#: Vega expression for date axis labels in Chinese: the charts' renderer names months in
#: English ("March"), so Chinese pages label ticks with numbers (2024年 at a new year, else 3月 or 3月5日).
_ZH_TIME_LABELS = (
    "month(datum.value) == 0 && date(datum.value) == 1 && hours(datum.value) == 0"
    " ? timeFormat(datum.value, '%Y年')"
    " : date(datum.value) == 1 ? timeFormat(datum.value, '%-m月') : timeFormat(datum.value, '%-m月%-d日')"
)


def day(x) -> str:
    """A date as ``2025-03-01`` (the same in both languages); missing -> ``"–"``."""
    return DASH if x is None or pd.isna(x) else pd.Timestamp(x).strftime("%Y-%m-%d")


def time_axis(lang: str) -> dict[str, str]:
    """Keyword arguments for ``alt.Axis`` on a date axis: numeric labels in Chinese."""
    return {"labelExpr": _ZH_TIME_LABELS} if lang == "zh" else {}


def p_value(x: float | None) -> str:
    """A p-value: ``"< 0.001"`` below a thousandth, else three decimals."""
    if _missing(x):
        return DASH
    return "< 0.001" if x < 0.001 else f"{x:.3f}"


def amount(x: float | None) -> str:
    """Money in a table cell: thousands separators, two decimals under 100, none above
    (columns of one table line up; no 万 there, unlike :func:`money` in sentences)."""
    if _missing(x):
        return ""
    return f"{x:,.2f}" if abs(x) < 100 else f"{x:,.0f}"


#: How a table column of each kind is shown (empty cells stay blank).
CELLS: dict[str, Callable[[float], str]] = {
    "money": amount,
    "pct": lambda x: "" if _missing(x) else pct(x),
    "points": lambda x: "" if _missing(x) else points(x),
    "count": lambda x: "" if _missing(x) else f"{round(x):,}",
    "ratio": lambda x: "" if _missing(x) else f"{x:,.2f}",
    "number": lambda x: "" if _missing(x) else f"{x:,.1f}",
    "p_value": lambda x: "" if _missing(x) else p_value(x),
    "day": lambda x: "" if x is None or pd.isna(x) else day(x),
}
#: The key of a frame's ``attrs`` that says how its columns are shown (header -> kind).
KINDS = "kinds"


def with_kinds(frame: pd.DataFrame, kinds: Mapping[str, str]) -> pd.DataFrame:
    """``frame`` marked with how its columns are shown (header -> a kind of :data:`CELLS`),
    for :func:`styled`. The values stay numbers, so a download keeps them as they are."""
    frame.attrs[KINDS] = {**frame.attrs.get(KINDS, {}), **kinds}
    return frame


def styled(frame: pd.DataFrame, kinds: Mapping[str, str] | None = None) -> Styler:
    """A table for the screen: each column by its kind (``kinds``, else the frame's own from
    :func:`with_kinds`); other number columns as counts (whole numbers) or with two decimals;
    empty cells blank, never "None" or "nan"."""
    kinds = {**frame.attrs.get(KINDS, {}), **(kinds or {})}
    formats: dict = {}
    for col in frame.columns:
        number = pd.api.types.is_numeric_dtype(frame[col]) and not pd.api.types.is_bool_dtype(frame[col])
        kind = kinds.get(col) if number or kinds.get(col) == "day" else None
        if kind is None and number:
            whole = pd.api.types.is_integer_dtype(frame[col]) or bool(
                (frame[col].dropna() == frame[col].dropna().round()).all()
            )
            kind = "count" if whole else "ratio"
        if kind is not None:
            formats[col] = CELLS[kind]
    return frame.style.format(formats, na_rep="").hide(axis="index")
