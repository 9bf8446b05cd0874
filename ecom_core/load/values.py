"""Cell values as shops export them -> typed pandas columns.

Each parser takes a raw column (numbers, datetimes or text, as the reader produced it) and
returns the typed column plus a :class:`Parsed` record of what it had to do, which the
loader turns into quality-report notes. Text is parsed once per distinct value, so a
million-row column with a few thousand distinct values costs a few thousand parses.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np
import pandas as pd


@dataclass
class Parsed:
    """What a parser did to one column."""

    values: pd.Series
    converted: int = 0  # values rewritten from text or another representation
    failed: int = 0  # non-blank values that could not be read (now missing)
    example: str = ""  # one converted value, as written
    failed_example: str = ""
    flags: dict = field(default_factory=dict)


BLANKS = frozenset({"", "-", "--", "—", "–", "nan", "none", "null", "n/a", "na", "#n/a", "nat", "无", "空"})


_BLANK_PATTERN = r"(?i)[ \t]*(?:--?|—|–|nan|none|null|n/a|na|#n/a|nat|无|空)?[ \t]*"  # BLANKS, for Arrow


def is_blank(series: pd.Series) -> pd.Series:
    """True where a cell is missing or a blank marker such as '' or '-'."""
    if not is_text(series):
        return series.isna()
    if pd.api.types.is_string_dtype(series.dtype):
        return series.isna() | series.str.fullmatch(_BLANK_PATTERN).fillna(True).astype(bool)
    text = series.astype("str").str.strip().str.lower()
    return series.isna() | text.isin(BLANKS)


def is_text(series: pd.Series) -> bool:
    """True for text columns (object or string dtype)."""
    return series.dtype == object or pd.api.types.is_string_dtype(series.dtype)


def map_distinct(series: pd.Series, func, changed=None) -> tuple[pd.Series, int]:
    """Apply ``func`` to each distinct value (missing cells stay None).

    Returns the results and, when ``changed(before, after)`` is given, how many cells it
    says were rewritten (counted per distinct value, weighted by occurrences).
    """
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    mapped = np.empty(len(uniques), dtype=object)
    mapped[:] = [func(u) for u in uniques]
    out = np.full(len(series), None, dtype=object)
    ok = codes >= 0
    out[ok] = mapped[codes[ok]]
    count = 0
    if changed is not None and len(uniques):
        flags = np.array([bool(changed(u, m)) for u, m in zip(uniques, mapped, strict=True)])
        count = int(np.bincount(codes[ok], minlength=len(uniques))[flags].sum())
    return pd.Series(out, index=series.index), count


# ---- money and numbers --------------------------------------------------------------------

_CURRENCY = re.compile(
    r"(?i)(rmb|cny|usd|eur|gbp|jpy|hkd|aud|cad|inr|brl|r\$|us\$|hk\$|a\$|c\$|[¥￥$€£₹円元₩]|"
    r"人民币|美元|欧元)"
)
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_COMMA_DECIMAL = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$|^-?\d+,\d{1,2}$")
_DOT_DECIMAL = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$|^-?\d+\.\d+$")
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


_SCALE = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}  # 1.2万 = 12,000 as Chinese dashboards show it


def _clean_money_text(text: str) -> tuple[str, bool, float]:
    """Strip currency, spaces and sign notations; returns (core text, negative?, scale)."""
    s = unicodedata.normalize("NFKC", text).strip().lstrip("'")
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1]
    s = _CURRENCY.sub("", s)
    s = _SPACES.sub("", s)
    scale = 1.0
    if s[-1:] in _SCALE:
        scale, s = _SCALE[s[-1]], s[:-1]
    if s.endswith("-") and len(s) > 1:
        negative, s = True, s[:-1]
    if s.startswith("-"):
        negative, s = not negative, s[1:]
    elif s.startswith("+"):
        s = s[1:]
    return s, negative, scale


def _money_value(text: str, decimal_comma: bool) -> float | None:
    s, negative, scale = _clean_money_text(text)
    percent = s.endswith("%")
    if percent:
        s = s[:-1]
    if decimal_comma:
        s = s.replace(".", "").replace(",", ".")
    elif s.count(",") and "." not in s and re.fullmatch(r"\d+,\d{1,2}", s):
        s = s.replace(",", ".")  # a lone decimal comma like 12,5
    else:
        s = s.replace(",", "")
    if not _NUMBER.match(s):
        return None
    value = float(s) if scale == 1 else round(float(s) * scale, 6)  # 0.12345万 is 1234.5, not ...4999
    if percent:
        value /= 100
    return -value if negative else value


def parse_number(series: pd.Series) -> Parsed:
    """Money or counts written as numbers or text in any common notation -> float64.

    Handles currency signs and codes (¥ ￥ $ € £ 元 RMB USD ...), thousands separators
    (``,`` ``.`` spaces, apostrophes), decimal commas (``1.234,50 €``, decided per column),
    accounting negatives ``(12.50)`` and trailing minus, percentages, 万/亿 multipliers
    (``1.2万`` = 12,000) and blank markers.
    """
    if pd.api.types.is_bool_dtype(series):
        return Parsed(series.astype("float64"))
    if pd.api.types.is_numeric_dtype(series):
        values = pd.to_numeric(series, errors="coerce").astype("float64")
        return Parsed(values.where(np.isfinite(values)))
    blank = is_blank(series)
    text = series[~blank].map(str)
    if text.empty:
        return Parsed(pd.Series(np.nan, index=series.index, dtype="float64"))
    # Fast path: plain numbers need no per-value work.
    plain = pd.to_numeric(text, errors="coerce")
    if plain.notna().all():
        out = pd.Series(np.nan, index=series.index, dtype="float64")
        out[~blank] = plain.astype("float64")
        return Parsed(out.where(np.isfinite(out)))
    uniques = pd.Series(text.unique())
    cores = uniques.map(lambda u: _clean_money_text(u)[0])
    comma_votes = int(cores.str.match(_COMMA_DECIMAL).sum())
    dot_votes = int(cores.str.match(_DOT_DECIMAL).sum())
    decimal_comma = comma_votes > dot_votes
    parsed, _ = map_distinct(text, lambda u: _money_value(u, decimal_comma))
    values = pd.to_numeric(parsed, errors="coerce").astype("float64")
    failed_mask = values.isna()
    out = pd.Series(np.nan, index=series.index, dtype="float64")
    out[~blank] = values.where(np.isfinite(values))
    rewritten = ~failed_mask & (plain.isna())
    example = text[rewritten].iloc[0] if rewritten.any() else ""
    failed_example = text[failed_mask].iloc[0] if failed_mask.any() else ""
    flags = {"decimal_comma": decimal_comma}
    if decimal_comma:
        flags["decimal_example"] = example
    return Parsed(
        out,
        converted=int(rewritten.sum()),
        failed=int(failed_mask.sum()),
        example=str(example),
        failed_example=str(failed_example),
        flags=flags,
    )


# ---- identifiers ----------------------------------------------------------------------------

_FLOAT_ID = re.compile(r"^(\d+)\.0+$")
_ODD_ID = r"^'|^=\"|^\d+\.0+$|^\d(?:\.\d+)?[eE]\+\d{1,2}$|[！-～]"  # written out for the Arrow regex engine
_SCI_ID = re.compile(r"^\d(\.\d+)?[eE]\+\d{1,2}$")  # Excel's 1.23457E+17, not hex like 1137528e48


def _id_text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and not np.isfinite(value)):
        return None
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    s = _unwrap(unicodedata.normalize("NFKC", str(value)).strip()).lstrip("'").strip()
    if s.lower() in BLANKS:
        return None
    m = _FLOAT_ID.match(s)
    if m:
        return m.group(1)
    if _SCI_ID.match(s):
        return str(int(float(s)))
    return s


def parse_id(series: pd.Series) -> Parsed:
    """IDs as text: ``17850.0`` -> ``'17850'``, ``1.23E+17`` -> digits, spaces and a leading
    apostrophe stripped. Long digit IDs that Excel rounded (most ending in 00) are flagged.
    """
    float_text = 0  # IDs written as text like "17850.0"
    if pd.api.types.is_float_dtype(series):
        finite = series.notna()
        integral = finite & (series == np.floor(series.fillna(0)))
        out = pd.Series(None, index=series.index, dtype="object")
        out[integral] = series[integral].astype("int64").astype(str)
        rest = finite & ~integral
        out[rest] = series[rest].map(repr)
        converted = int(integral.sum())
    elif pd.api.types.is_integer_dtype(series):
        out = series.astype("object").where(series.notna(), None)
        out = out.map(lambda v: None if v is None else str(int(v)))
        converted = 0
    elif pd.api.types.is_string_dtype(series.dtype):
        # Vectorised: only cells with an Excel artefact go through Python.
        out = series.str.strip()
        converted = 0  # trimmed spaces are not worth a remark
        odd = out.str.contains(_ODD_ID, na=False)
        float_text = int(out[odd].str.match(_FLOAT_ID).sum()) if odd.any() else 0
        if odd.any():
            fixed, n_fixed = map_distinct(out[odd], _id_text, changed=lambda u, m: u != m)
            out = out.astype("object")
            out[odd] = fixed
            converted += n_fixed
        out = out.where(out.notna() & ~out.str.lower().isin(list(BLANKS)), None)
    else:
        out, converted = map_distinct(
            series,
            _id_text,
            changed=lambda u, m: m is not None and (not isinstance(u, str) or u.strip() != m),
        )
    out = out.astype("str").where(out.notna())
    flags = {"float_text": float_text} if float_text else {}
    digits = out.dropna()
    long_ids = digits[digits.str.len() >= 15]
    long_ids = long_ids[long_ids.str.isdigit()]
    if len(long_ids) >= 3 and len(long_ids) >= 0.5 * len(digits):
        share = float(long_ids.str.endswith("00").mean())
        if share >= 0.5:
            flags["rounded_share"] = share
    return Parsed(out, converted=converted, flags=flags)


# ---- text, booleans, statuses ------------------------------------------------------------------


def _unwrap(text: str) -> str:
    """``="0012345"``: the formula some back offices write so Excel keeps an ID as text."""
    if text.startswith('="') and text.endswith('"') and len(text) >= 3:
        return text[2:-1]
    return text


def _clean_text(value: object) -> str | None:
    text = _unwrap(str(value).strip()).removeprefix("'")  # Excel's text marker
    return None if text.lower() in BLANKS else text


def parse_text(series: pd.Series) -> Parsed:
    """Text with surrounding spaces and a leading apostrophe stripped; blanks become missing."""
    if pd.api.types.is_float_dtype(series) or pd.api.types.is_integer_dtype(series):
        return Parsed(parse_id(series).values)
    # Shop columns (channel, region, product, status) repeat a few values: clean each once.
    codes, uniques = pd.factorize(series)
    cleaned = pd.array([_clean_text(u) for u in uniques] + [None], dtype="str")
    return Parsed(pd.Series(cleaned.take(codes), index=series.index))


_TRUE = frozenset(
    {
        "1",
        "1.0",
        "true",
        "t",
        "yes",
        "y",
        "是",
        "对",
        "已转化",
        "转化",
        "converted",
        "success",
        "成功",
    }
)
_FALSE = frozenset({"0", "0.0", "false", "f", "no", "n", "否", "未转化", "not converted", "failure", "失败"})


def parse_bool(series: pd.Series) -> Parsed:
    """Yes/no in English or Chinese, TRUE/FALSE, 1/0 -> float 1.0 / 0.0 (missing stays NaN)."""
    if pd.api.types.is_bool_dtype(series) or pd.api.types.is_numeric_dtype(series):
        numeric = pd.to_numeric(series, errors="coerce").astype("float64")
        seen = ", ".join(str(v) for v in sorted(series.dropna().unique()[:6]))
        return Parsed((numeric > 0).astype("float64").where(numeric.notna()), flags={"values": seen})

    def one(value: object) -> float | None:
        key = unicodedata.normalize("NFKC", str(value)).strip().lower()
        if key in _TRUE:
            return 1.0
        if key in _FALSE:
            return 0.0
        return None

    blank = is_blank(series)
    out, _ = map_distinct(series, one)
    out = pd.to_numeric(out, errors="coerce").astype("float64")
    failed = out.isna() & ~blank
    seen = ", ".join(sorted({str(u).strip() for u in series.dropna().unique()[:6]}))
    return Parsed(
        out,
        converted=int((~blank).sum()),
        failed=int(failed.sum()),
        failed_example=str(series[failed].iloc[0]) if failed.any() else "",
        flags={"values": seen},
    )


STATUS_WORDS: dict[str, str] = {}
for _status, _words in {
    "paid": "paid|交易成功|买家已付款,等待卖家发货|卖家已发货,等待买家确认|已付款|已发货|已完成|"
    "已签收|待发货|待收货|交易完成|部分发货|completed|complete|processing|shipped|delivered|"
    "invoiced|approved|fulfilled|shipped - delivered to buyer|shipped - out for delivery|"
    "shipped - picked up|shipped - damaged|shipped - lost in transit|shipping|unshipped|"
    "success|partially_paid|partially paid|wc-completed|wc-processing|closed won|已支付|成功",
    "pending": "pending|等待买家付款|待付款|未付款|待支付|on-hold|on hold|pending payment|"
    "created|authorized|authorised|pending - waiting for pick up|unpaid|wc-pending|"
    "wc-on-hold|awaiting payment|等待付款",
    "cancelled": "cancelled|canceled|voided|void|交易关闭|已取消|订单关闭|取消|failed|"
    "unavailable|expired|已关闭|wc-cancelled|wc-failed|关闭|已作废",
    "refunded": "refunded|已退款|退款成功|shipped - returned to seller|"
    "shipped - rejected by buyer|returned|全额退款|wc-refunded|退货退款|已退货",
    "partially_refunded": "partially_refunded|partially refunded|部分退款|partial refund",
}.items():
    for _w in _words.split("|"):
        STATUS_WORDS[unicodedata.normalize("NFKC", _w).strip().lower()] = _status


def parse_status(series: pd.Series) -> Parsed:
    """Platform order statuses (Shopify, Taobao, WooCommerce, Amazon, Olist, ...) -> one of
    paid, pending, cancelled, refunded, partially_refunded. Unknown statuses become ``paid``
    and are counted in ``failed``; blanks stay missing (the loader fills them per order).
    """
    blank = is_blank(series)

    def one(value: object) -> str | None:
        key = unicodedata.normalize("NFKC", str(value)).strip().lower()
        key = re.sub(r"\s+", " ", key)
        return STATUS_WORDS.get(key)

    out, _ = map_distinct(series, one)
    unknown = out.isna() & ~blank
    out = out.where(~unknown, "paid")
    out = out.where(~blank)
    return Parsed(
        out,
        converted=int((~blank).sum()),
        failed=int(unknown.sum()),
        failed_example=str(series[unknown].iloc[0]) if unknown.any() else "",
    )


# ---- dates and times -----------------------------------------------------------------------------

# Plain strings, not compiled patterns, so pandas can hand them to the Arrow regex engine.
# ([0-9] and [ ] rather than \d and \s, which pandas would run through Python's re.)
_TZ_SUFFIX = r"([0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?) *(?:Z|UTC|GMT|[+-][0-9]{2}:?[0-9]{2})$"
_TZ_FIND = r"[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)? *(?:Z|UTC|GMT|[+-][0-9]{2}:?[0-9]{2})$"
_TZ_ONLY = r" +(?:UTC|GMT)$"
_DATE_FORMATS: tuple[str, ...] = (
    "ISO8601",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y",
    "%m/%d/%y %H:%M:%S",
    "%m/%d/%y %H:%M",
    "%m/%d/%y",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%d/%m/%y %H:%M",
    "%d/%m/%y",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%d.%m.%y",
    "%Y.%m.%d %H:%M:%S",
    "%Y.%m.%d",
    "%Y%m%d",
    "%Y%m%d%H%M%S",
    "%d-%b-%Y",
    "%d-%b-%y",
    "%d %b %Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y",
    "%m-%d-%Y",
    "%Y-%m-%d %H:%M:%S %p",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
)
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")


def _normalise_date_text(s: pd.Series) -> tuple[pd.Series, int, str]:
    """Chinese date words to dashes, ISO 'T' to a space, time-zone suffixes dropped."""
    s = s.str.strip()
    tz_example = ""
    tz_count = 0
    if s.str.contains("年", regex=False).any():
        s = (
            s.str.replace(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?", r"\1-\2-\3", regex=True)
            .str.replace(r"(\d{1,2})\s*时\s*(\d{1,2})\s*分\s*(?:(\d{1,2})\s*秒)?", r"\1:\2:\3", regex=True)
            .str.rstrip(":")
        )
    s = s.str.replace(r"^([0-9]{4}-[0-9]{1,2}-[0-9]{1,2})T", r"\1 ", regex=True)
    has_tz = s.str.contains(_TZ_FIND) | s.str.contains(_TZ_ONLY)
    if has_tz.any():
        tz_count = int(has_tz.sum())
        tz_example = str(s[has_tz].iloc[0])
        s = s.str.replace(_TZ_SUFFIX, r"\1", regex=True).str.replace(_TZ_ONLY, "", regex=True)
    return s, tz_count, tz_example


def _from_numbers(values: pd.Series) -> tuple[pd.Series, str]:
    """Excel serials, Unix seconds/ms/us/ns or yyyymmdd integers -> datetimes."""
    v = pd.to_numeric(values, errors="coerce").astype("float64")
    med = float(v.median()) if v.notna().any() else np.nan
    if not np.isfinite(med):
        return pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]"), ""
    if 19000101 <= med <= 21001231 and (v.dropna() % 1 == 0).all():
        text = v.map(lambda x: f"{int(x):08d}" if np.isfinite(x) else None)
        return pd.to_datetime(text, format="%Y%m%d", errors="coerce"), "yyyymmdd"
    for unit, lo, hi in (
        ("s", 1e8, 1e10),
        ("ms", 1e11, 1e13),
        ("us", 1e14, 1e16),
        ("ns", 1e17, 1e19),
    ):
        if lo <= med < hi:
            return pd.to_datetime(v, unit=unit, errors="coerce"), unit
    if 1 <= med < 2958466:
        # Day fractions carry float noise; Excel itself keeps milliseconds.
        return (_EXCEL_EPOCH + pd.to_timedelta(v, unit="D")).dt.round("ms"), "excel"
    return pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]"), ""


def _best_format(sample: pd.Series) -> tuple[str | None, float]:
    best, best_share = None, 0.0
    iso_like = sample.str.match(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}").mean() > 0.5
    for fmt in _DATE_FORMATS:
        if fmt == "ISO8601" and not iso_like:
            continue
        try:
            share = float(pd.to_datetime(sample, format=fmt, errors="coerce").notna().mean())
        except (ValueError, TypeError):
            continue
        if share > best_share + 1e-9:
            best, best_share = fmt, share
        if share >= 0.999:
            break
    return best, best_share


def parse_datetime(series: pd.Series) -> Parsed:
    """Any export's dates and times -> naive datetime64 in the shop's local wall-clock time.

    Real date cells pass through; an offset such as ``-0700`` or ``UTC`` is dropped, not
    converted. Text dates are read with one format chosen per column (month-first unless the
    values prove day-first), the stragglers with pandas' mixed parser. Numbers are read as
    Excel serials, Unix seconds/milliseconds/microseconds or yyyymmdd by their magnitude.
    """
    flags: dict = {}
    if isinstance(series.dtype, pd.DatetimeTZDtype):
        return Parsed(series.dt.tz_localize(None).astype("datetime64[ns]"), flags={"tz": True})
    if pd.api.types.is_datetime64_any_dtype(series):
        return Parsed(series.astype("datetime64[ns]"))
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        out, unit = _from_numbers(series)
        flags["unit"] = unit
        failed = int((out.isna() & series.notna()).sum())
        return Parsed(
            out.astype("datetime64[ns]"),
            converted=int(out.notna().sum()),
            failed=failed,
            flags=flags,
        )

    blank = is_blank(series)
    raw = series[~blank]
    out = pd.Series(pd.NaT, index=series.index, dtype="datetime64[ns]")
    if raw.empty:
        return Parsed(out)
    if not pd.api.types.is_string_dtype(raw.dtype):
        # Mixed columns (Excel cells holding real dates beside text) are split by cell type.
        is_dt = raw.map(lambda v: isinstance(v, (pd.Timestamp, np.datetime64)) or hasattr(v, "isoformat"))
        if is_dt.any():
            out[is_dt[is_dt].index] = pd.to_datetime(raw[is_dt], errors="coerce")
            raw = raw[~is_dt]
        is_num = raw.map(lambda v: isinstance(v, (int, float, np.integer, np.floating)))
        if is_num.any():
            nums, unit = _from_numbers(raw[is_num])
            out[nums.index] = nums
            flags["unit"] = unit
            raw = raw[~is_num]
    converted = 0
    failed_example = ""
    failed = 0
    if not raw.empty:
        text = raw.astype("str")
        codes, unique_values = pd.factorize(text)
        uniques = pd.Series(unique_values, dtype="str")
        # Digits only: Unix time or Excel serial written as text.
        if (
            uniques.str.fullmatch(r"[0-9]{5,}(?:\.[0-9]+)?").mean() > 0.9
            and not uniques.str.fullmatch(r"[0-9]{8}").all()
        ):
            nums, unit = _from_numbers(pd.to_numeric(text, errors="coerce"))
            flags["unit"] = unit
            parsed_u = None
            out[nums.index] = nums
        else:
            norm, tz_count, tz_example = _normalise_date_text(uniques)
            if tz_count:
                flags["tz"] = True
                flags["tz_example"] = tz_example
            sample = norm.dropna()
            sample = sample.sample(min(len(sample), 2000), random_state=0) if len(sample) > 2000 else sample
            fmt, share = _best_format(sample)
            if fmt is not None and share > 0:
                parsed_u = pd.to_datetime(norm, format=fmt, errors="coerce")
                if fmt.startswith("%d"):
                    flags["day_first"] = True
                    flags["day_first_example"] = str(uniques.iloc[0])
            else:
                parsed_u = pd.Series(pd.NaT, index=norm.index, dtype="datetime64[ns]")
            left = parsed_u.isna() & norm.notna()
            if left.any():
                try:
                    retry = pd.to_datetime(norm[left], format="mixed", errors="coerce")
                    if isinstance(retry.dtype, pd.DatetimeTZDtype):
                        retry = retry.dt.tz_localize(None)
                    parsed_u[left] = retry
                except (ValueError, TypeError, OverflowError):
                    pass
            out[text.index] = parsed_u.to_numpy().astype("datetime64[ns]")[codes]
        converted = int(out[text.index].notna().sum())
        bad = out[text.index].isna()
        failed = int(bad.sum())
        if failed:
            failed_example = str(text[bad].iloc[0])
    out = out.astype("datetime64[ns]")
    # Out-of-range years are reading mistakes, not data.
    silly = out.notna() & ((out.dt.year < 1971) | (out.dt.year > 2100))
    if silly.any():
        failed += int(silly.sum())
        out[silly] = pd.NaT
    return Parsed(out, converted=converted, failed=failed, failed_example=failed_example, flags=flags)
