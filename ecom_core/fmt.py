"""Numbers as people read them in sentences: percentages, counts and money, per language.

Money carries no currency sign because exports rarely say which currency they are in;
Chinese text uses 万 and 亿 for large amounts, as the platforms' own dashboards do.
"""

from __future__ import annotations

import math

import pandas as pd

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
