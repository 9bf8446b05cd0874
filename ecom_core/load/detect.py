"""Which kind of data a raw table holds, and which source column is which canonical column.

Headers are matched to the synonyms in :mod:`ecom_core.load.schema` (exact match after
normalisation first, containment second), then checked against a sample of the values:
a "date" column whose cells are not dates loses its match. Headerless tables (clickstreams
such as Taobao UserBehavior) are mapped from their contents alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from ecom_core.load import money
from ecom_core.load.reader import RawTable
from ecom_core.load.schema import KINDS, PARTS, SCHEMAS, SIGNATURES, Column, normalize_header

SAMPLE_ROWS = 300
MAX_FUZZY_COLUMNS = 300
MAX_CONTENT_COLUMNS = 50  # columns a headerless table is mapped from
MIN_KIND_SCORE = 0.35

EVENT_WORDS = frozenset(
    [
        "pv",
        "view",
        "views",
        "page_view",
        "pageview",
        "click",
        "fav",
        "favorite",
        "cart",
        "add_to_cart",
        "addtocart",
        "remove_from_cart",
        "checkout",
        "begin_checkout",
        "order",
        "purchase",
        "buy",
        "session_start",
        "浏览",
        "点击",
        "收藏",
        "加购",
        "加入购物车",
        "下单",
        "支付",
        "购买",
    ]
)


@dataclass(frozen=True)
class Guess:
    """The best reading of a raw table.

    Attributes
    ----------
    kind
        Best kind, or None when nothing fits well enough.
    confidence
        0-1: how well the best kind's required and optional columns were found.
    mapping
        Canonical column -> source column for ``kind``.
    column_confidence
        Canonical column -> 0-1 strength of its match.
    scores
        Every kind's score, for the user who wants to pick another.
    """

    kind: str | None
    confidence: float
    mapping: dict[str, str] = field(default_factory=dict)
    column_confidence: dict[str, float] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)


_OTHER_MONEY = ("gift", "shipping", "tax", "discount", "compare", "邮费", "运费", "税", "积分", "优惠", "fee")
_RATES = ("率", "rate", "ratio", "ctr", "cvr", "占比", "percent")


@lru_cache(maxsize=256)
def _synonyms(col: Column) -> tuple[dict[str, int], tuple[tuple[str, int], ...]]:
    """A column's normalised synonyms: exact lookup, and those long enough to look for
    inside a longer header (two CJK characters, four Latin letters)."""
    exact: dict[str, int] = {}
    inside = []
    for rank, syn in enumerate(col.synonyms):
        s = normalize_header(syn)
        exact.setdefault(s, rank)
        cjk = any("\u4e00" <= ch <= "\u9fff" for ch in s)
        if len(s) >= (2 if cjk else 4):
            inside.append((s, rank))
    return exact, tuple(inside)


def _header_score(col: Column, h: str, exact_only: bool = False) -> float:
    """How well a normalised header ``h`` names ``col``: 1 for its best synonym, less for
    later ones, about 0.5 when a synonym only appears inside the header."""
    if not h:
        return 0.0
    exact, inside = _synonyms(col)
    if h in exact:
        return max(1.0 - 0.015 * exact[h], 0.7)
    if exact_only:
        return 0.0
    if col.dtype == "money" and any(w in h for w in _OTHER_MONEY):
        return 0.0  # shipping-price or 买家应付邮费 is not the price or the revenue
    if col.dtype in ("money", "number") and any(w in h for w in _RATES):
        return 0.0  # 点击率 is a rate, not clicks
    best = 0.0
    for s, rank in inside:
        if len(h) <= 3 * len(s) + 6 and s in h:
            best = max(best, 0.55 - 0.005 * rank)
    return best


_DATEISH = re.compile(r"\d{1,4}[-/.年]\d{1,2}(?:[-/.月]\d{1,4})?|^\d{8}$|\d{1,2}:\d{2}")


def _content_fit(dtype: str, values: pd.Series) -> float:
    """0-1: how well a sample of values fits a canonical dtype."""
    v = values.dropna()
    if v.empty:
        return 0.5
    if dtype in ("datetime", "date"):
        if pd.api.types.is_datetime64_any_dtype(v):
            return 1.0
        if pd.api.types.is_numeric_dtype(v):
            med = float(pd.to_numeric(v, errors="coerce").median())
            plausible = 20000 <= med <= 80000 or 1e8 <= med < 1e16 or 19000101 <= med <= 21001231
            return 0.8 if plausible else 0.05
        text = v.astype(str)
        dateish = text.str.contains(_DATEISH).mean()
        digits = text.str.fullmatch(r"\d{10}|\d{13}|\d{16}").mean()  # Unix s, ms, us
        return float(max(dateish, digits))
    if dtype in ("money", "number"):
        if pd.api.types.is_numeric_dtype(v):
            return 1.0
        if pd.api.types.is_datetime64_any_dtype(v):
            return 0.0
        text = v.astype(str).str.replace(r"[\s,¥￥$€£元万亿%()'+\-]|RMB|CNY|USD|EUR", "", regex=True)
        return float(text.str.fullmatch(r"\d*\.?\d+(e\d+)?").mean())
    if dtype == "bool":
        text = v.astype(str).str.strip().str.lower()
        ok = text.isin(["0", "1", "0.0", "1.0", "true", "false", "yes", "no", "y", "n", "是", "否"])
        return float(ok.mean())
    if dtype == "id":
        return 0.2 if pd.api.types.is_datetime64_any_dtype(v) else 1.0
    if dtype in ("text", "status"):
        if pd.api.types.is_datetime64_any_dtype(v):
            return 0.1
        return 1.0
    return 1.0


def map_columns(
    raw: RawTable, kind: str, headers: list[str] | None = None
) -> tuple[dict[str, str], dict[str, float]]:
    """Best source column for each canonical column of ``kind`` (one source column each);
    ``headers`` are the table's normalised headers when the caller has them already.

    Required columns are assigned first, so a header that could serve two purposes (a
    product-level 商品访客数 is both visitors and product views) goes where it is needed.
    """
    frame = raw.frame
    if raw.headerless:
        return _map_by_content(frame, kind)
    cols = SCHEMAS[kind]
    candidates: list[tuple[float, int, str, str]] = []
    headers = headers or [normalize_header(str(c)) for c in frame.columns]
    # Real exports have dozens of columns; past the first few hundred only exact names count
    # (a sheet may have 16,384 columns: those are looked up, not compared one by one).
    far: dict[str, list[int]] = {}
    for i in range(MAX_FUZZY_COLUMNS, len(headers)):
        far.setdefault(headers[i], []).append(i)
    samples: dict[str, pd.Series] = {}
    for col in cols:
        exact, _ = _synonyms(col)
        near = range(min(len(headers), MAX_FUZZY_COLUMNS))
        for i in [*near, *sorted(i for syn in exact for i in far.get(syn, ()))]:
            score = _header_score(col, headers[i], exact_only=i >= MAX_FUZZY_COLUMNS)
            if score <= 0:
                continue
            source = frame.columns[i]
            if source not in samples:
                samples[source] = frame[source].head(SAMPLE_ROWS)
            score *= 0.3 + 0.7 * _content_fit(col.dtype, samples[source])
            if score >= 0.2:
                candidates.append((score, 0 if col.required else 1, col.name, source))
    mapping: dict[str, str] = {}
    conf: dict[str, float] = {}
    used: set[str] = set()
    for phase in (0, 1):
        for score, req, name, source in sorted(candidates, key=lambda c: -c[0]):
            if req != phase or name in mapping or source in used:
                continue
            mapping[name] = source
            conf[name] = round(score, 3)
            used.add(source)
    if kind == "orders" and "revenue" in mapping:
        mapping.pop("unit_price", None)  # only needed to compute a missing revenue
        conf.pop("unit_price", None)
        mapping = money.assign_roles(frame, mapping)
        if "net_paid" in mapping:
            conf["net_paid"] = conf["revenue"]
    return mapping, conf


def _map_by_content(frame: pd.DataFrame, kind: str) -> tuple[dict[str, str], dict[str, float]]:
    """Headerless clickstreams: the event column holds words like pv/cart/buy, the time
    column Unix seconds or dates, the first ID-like column is the user, the next the item."""
    if kind != "events":
        return {}, {}
    # A clickstream has a handful of columns; a headerless sheet 16,384 wide is not one.
    sample = frame.iloc[:SAMPLE_ROWS, :MAX_CONTENT_COLUMNS]
    frame = sample
    mapping: dict[str, str] = {}
    for c in frame.columns:
        text = sample[c].dropna().astype(str).str.strip().str.lower()
        if len(text) and text.isin(EVENT_WORDS).mean() > 0.8:
            mapping["event"] = c
            break
    for c in frame.columns:
        if c in mapping.values():
            continue
        if _content_fit("datetime", sample[c]) >= 0.8:
            numeric = pd.to_numeric(sample[c], errors="coerce")
            if numeric.notna().all() and not (numeric.median() > 1e8):
                continue  # small integers are ids, not times
            mapping["time"] = c
            break
    ids = [
        c
        for c in frame.columns
        if c not in mapping.values() and pd.to_numeric(sample[c], errors="coerce").notna().mean() > 0.9
    ]
    if ids:
        mapping["user_id"] = ids[0]
    if len(ids) > 1:
        mapping["product"] = ids[1]
    return mapping, dict.fromkeys(mapping, 0.6)


def _kind_score(
    kind: str, raw: RawTable, mapping: dict[str, str], conf: dict[str, float], headers: list[str]
) -> float:
    cols = [c for c in SCHEMAS[kind] if not c.helper]
    required = [c for c in cols if c.required]
    optional = [c for c in cols if not c.required]
    conf = dict(conf)
    if kind == "orders" and "revenue" not in conf and "unit_price" in conf:
        conf["revenue"] = 0.9 * conf["unit_price"]  # revenue = quantity x unit price
    req = np.mean([conf.get(c.name, 0.0) for c in required]) if required else 0.6
    missing = sum(1 for c in required if c.name not in conf)
    opt = np.mean([conf.get(c.name, 0.0) for c in optional]) if optional else 0.0
    score = 0.7 * req + 0.3 * opt
    score *= 0.45**missing
    headers = set(headers)
    if kind in SIGNATURES and headers & SIGNATURES[kind]:
        score += 0.25
    elif kind in PARTS:
        score *= 0.5  # a part of a relational export is recognised by its own columns
    score = _kind_specific(kind, raw, mapping, score, headers)
    return float(min(score, 1.0))


def _kind_specific(
    kind: str, raw: RawTable, mapping: dict[str, str], score: float, headers: set[str]
) -> float:
    """Small corrections where synonyms alone cannot tell kinds apart."""
    if kind == "experiment":
        has_outcome = "converted" in mapping or {"visitors", "conversions"} <= mapping.keys()
        score = score if has_outcome else score * 0.3
        if "variant" in mapping and raw.frame[mapping["variant"]].nunique() > 20:
            score *= 0.3  # an experiment has a handful of arms, not hundreds
    if kind == "orders" and "order_id" in mapping and not ({"revenue", "unit_price"} & mapping.keys()):
        # Olist's orders table has no money: still orders, completed by a join.
        score = max(score, 0.5 if "order_time" in mapping else score)
    if kind == "events" and "event" in mapping:
        text = raw.frame[mapping["event"]].head(SAMPLE_ROWS).dropna().astype(str)
        if text.nunique() > 60:
            score *= 0.5
    if (
        kind == "spend"
        and "date" not in mapping
        and not ({"impressions", "clicks", "campaign"} & mapping.keys())
    ):
        score *= 0.5  # a "spend" column alone (an experiment's outcome) is not an ad report
    if kind == "traffic" and headers & {"orderid", "ordernumber", "订单编号", "订单号"}:
        score *= 0.5  # daily aggregates have no order numbers
    return score


def guess(raw: RawTable) -> Guess:
    """Guess the kind and column mapping of a raw table."""
    scores: dict[str, float] = {}
    best: tuple[float, str, dict, dict] | None = None
    headers = [normalize_header(str(c)) for c in raw.frame.columns]
    for kind in KINDS + PARTS:
        mapping, conf = map_columns(raw, kind, headers)
        if not mapping:
            scores[kind] = 0.0
            continue
        score = _kind_score(kind, raw, mapping, conf, headers)
        scores[kind] = round(score, 3)
        if best is None or score > best[0]:
            best = (score, kind, mapping, conf)
    if best is None or best[0] < MIN_KIND_SCORE:
        return Guess(None, best[0] if best else 0.0, {}, {}, scores)
    score, kind, mapping, conf = best
    return Guess(kind, round(score, 3), mapping, conf, scores)
