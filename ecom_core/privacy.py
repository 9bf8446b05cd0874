"""Demo mode: pseudonymise who the customers are, consistently across every loaded table.

A consultant shows a real client's data to an audience; every column that identifies a
person (customer and user IDs, names, e-mails, phones, addresses) is replaced by a
pseudonym such as ``C-3F9A1B2C``. The pseudonym is a keyed HMAC-SHA256 of the value, so

* the same person gets the same pseudonym in every table (``customer_id`` of orders and
  ``user_id`` of events or an experiment), and every analysis gives the same numbers;
* nobody can reverse it or recompute it without the key, a random secret per session;
* a new session (a new secret) gives new pseudonyms, so two demos cannot be linked.

The hashing runs once per distinct value (``pd.factorize``), never once per row.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping

import numpy as np
import pandas as pd

from ecom_core.load.dataset import Dataset, Note, QualityReport

#: Canonical columns that identify a person in any kind (orders: customer_id; events and
#: experiment: user_id).
PERSON_COLUMNS: tuple[str, ...] = ("customer_id", "user_id")

#: Header words (compared without case, spaces or punctuation) that say a column holds a
#: person's name, e-mail, phone or address, in English and Chinese.
PERSON_WORDS: tuple[str, ...] = (
    "name",
    "姓名",
    "收货人",
    "收件人",
    "联系人",
    "买家会员名",
    "买家昵称",
    "email",
    "邮箱",
    "phone",
    "mobile",
    "手机",
    "电话",
    "address",
    "地址",
)

#: Words that make a "name" header the name of a thing rather than of a person
#: ("Lineitem name", "Campaign name", "商品名称" ...).
THING_WORDS: tuple[str, ...] = (
    "product",
    "item",
    "sku",
    "campaign",
    "event",
    "shop",
    "store",
    "variant",
    "channel",
    "category",
    "brand",
    "file",
    "sheet",
    "page",
    "商品",
    "宝贝",
    "店铺",
    "计划",
    "活动",
)

PREFIX = "C-"
_SHORT_BYTES = 4  # 8 hex digits; values whose short pseudonyms collide get _LONG_BYTES
_LONG_BYTES = 8
_HEADER_JUNK = re.compile(r"[\W_]+")
_TOKEN = re.compile(r"[A-Za-z0-9_]+")
# A decimal number is one token: the numeric ID 878909 is not in a revenue of 878909.11.
_TEXT_TOKENS = re.compile(r"[0-9]+\.[0-9]+|[A-Za-z0-9_]+")


def _header_key(name: object) -> str:
    return _HEADER_JUNK.sub("", str(name).casefold())


def is_person_column(name: object) -> bool:
    """Whether a column, by its name, identifies a person.

    Parameters
    ----------
    name
        A canonical column name or a header as found in a file.

    Returns
    -------
    bool
        True for the canonical :data:`PERSON_COLUMNS` and for headers containing one of
        :data:`PERSON_WORDS`, except "name" headers that name a thing (:data:`THING_WORDS`).
    """
    if str(name) in PERSON_COLUMNS:
        return True
    key = _header_key(name)
    for word in PERSON_WORDS:
        if word in key:
            if word == "name" and any(thing in key for thing in THING_WORDS):
                continue
            return True
    return False


def person_columns(columns: Iterable[object]) -> list[str]:
    """The columns among ``columns`` that :func:`is_person_column` says identify a person."""
    return [c for c in columns if is_person_column(c)]


def _normalised(values: pd.Series) -> pd.Series:
    """Values as the text that is hashed: NFKC-normalised and stripped, so an ID written with
    full-width digits or a trailing space in one export matches the same ID in another.
    Whole floats (an ID or phone number Excel turned into a number) lose their ``.0``."""
    if pd.api.types.is_float_dtype(values):
        whole = values.notna() & (values == values.round())
        if bool(whole.all() or not values.notna().any()):
            values = values.astype("Int64")
    text = values.astype("str") if not pd.api.types.is_string_dtype(values) else values
    text = text.str.strip()
    # NFKC runs in Python per value: only on the few values that are not plain ASCII.
    other = ~text.str.isascii().fillna(True).astype(bool)
    if other.any():
        text = text.mask(other, text[other].str.normalize("NFKC").str.strip())
    return text


def _hex(digests: np.ndarray, nbytes: int) -> np.ndarray:
    """Upper-case hex of the first ``nbytes`` of each row of a (n, 32) uint8 array."""
    text = digests[:, :nbytes].tobytes().hex().upper().encode("ascii")
    return np.frombuffer(text, dtype=f"S{2 * nbytes}").astype(f"U{2 * nbytes}")


def _hmac_sha256(secret: bytes, messages: list[bytes]) -> Iterator[bytes]:
    """HMAC-SHA256(secret, m) of each message (equal to ``hmac.digest(secret, m, "sha256")``)."""
    key = hashlib.sha256(secret).digest() if len(secret) > 64 else secret
    key = key.ljust(64, b"\0")
    inner = hashlib.sha256(bytes(x ^ 0x36 for x in key))
    outer = hashlib.sha256(bytes(x ^ 0x5C for x in key))
    for message in messages:
        i = inner.copy()
        i.update(message)
        o = outer.copy()
        o.update(i.digest())
        yield o.digest()


def pseudonyms(values: Iterable[str], secret: bytes) -> np.ndarray:
    """Pseudonyms of distinct normalised values, ``C-`` + 8 hex digits of their HMAC.

    Parameters
    ----------
    values
        Distinct, already normalised values (strings).
    secret
        The HMAC key.

    Returns
    -------
    numpy.ndarray of str, one pseudonym per value, all distinct: values whose 8-digit
    pseudonyms collide get 16 digits (with 300,000 customers about ten pairs would
    collide, and merging two customers would change the analyses).
    """
    values = [str(v) for v in values] if not isinstance(values, list) else values
    if not values:
        return np.array([], dtype=object)
    # No vectorised HMAC exists in numpy; the per-value work is kept to C calls on SHA-256
    # states primed with the padded key once (RFC 2104), twice as fast as hmac.digest.
    if any("\x00" in v for v in values):
        encoded = [v.encode("utf-8") for v in values]
    else:
        encoded = "\x00".join(values).encode("utf-8").split(b"\x00")
    joined = b"".join(_hmac_sha256(secret, encoded))
    digests = np.frombuffer(joined, dtype=np.uint8).reshape(len(values), 32)
    out = _hex(digests, _SHORT_BYTES).astype(object)
    shifts = np.arange(_SHORT_BYTES, dtype=np.uint64) * np.uint64(8)
    short = (digests[:, :_SHORT_BYTES].astype(np.uint64) << shifts).sum(axis=1)
    clash = pd.Index(short).duplicated(keep=False)
    if clash.any():
        out[clash] = _hex(digests[clash], _LONG_BYTES)
    return PREFIX + out


def _person_values(datasets: Mapping[str, Dataset]) -> dict[tuple[str, str], pd.Series]:
    return {
        (kind, col): ds.frame[col]
        for kind, ds in datasets.items()
        for col in person_columns(ds.frame.columns)
    }


def _lookup(datasets: Mapping[str, Dataset], secret: bytes, keep_order: bool):
    """Codes of every person column into one table of distinct values, and its pseudonyms."""
    columns = _person_values(datasets)
    codes: dict[tuple[str, str], np.ndarray] = {}
    uniques: list[pd.Series] = []
    offset = 0
    for key, series in columns.items():
        local, distinct = pd.factorize(series, use_na_sentinel=True)
        codes[key] = np.where(local >= 0, local + offset, -1)
        uniques.append(_normalised(pd.Series(distinct)))
        offset += len(distinct)
    table = pd.concat(uniques, ignore_index=True) if uniques else pd.Series([], dtype="str")
    # Values that differ only before normalisation, or across tables, share one pseudonym.
    merged, distinct_all = pd.factorize(table, use_na_sentinel=True)
    distinct_all = pd.Series(distinct_all, dtype="str")
    names = pseudonyms(distinct_all.tolist(), secret)
    if keep_order and len(names):
        # The k-th smallest value gets the k-th smallest pseudonym: analyses that break ties
        # in ID order (RFM quintiles, the order customers enter a clustering) are unchanged.
        rank, _ = pd.factorize(distinct_all, sort=True)
        names = np.sort(names.astype(str)).astype(object)[rank]
    return columns, codes, table, merged, names


def pseudonymise(
    datasets: Mapping[str, Dataset], secret: bytes, keep_order: bool = True
) -> dict[str, Dataset]:
    """Every loaded table with each person column replaced by a consistent pseudonym.

    Parameters
    ----------
    datasets
        ``{kind: Dataset}``, as confirmed in a session. Person columns are the canonical
        ``customer_id`` (orders) and ``user_id`` (events, experiment), and any other column
        whose name says it holds names, e-mails, phones or addresses
        (:func:`is_person_column`).
    secret
        Key of the HMAC (a random per-session secret, e.g. ``secrets.token_bytes(32)``).
    keep_order
        When True (the default), the pseudonyms, which are the HMACs of the values, are
        handed out in the values' sort order: the k-th smallest ID gets the k-th smallest
        pseudonym. Analyses that break ties in ID order (RFM scores are quintiles of ranks
        in customer-ID order) then give exactly the same numbers as on the originals, so
        switching demo mode on changes no figure in a demo. The price: a pseudonym depends
        on the set of IDs pseudonymised together, and someone who already knows the full
        sorted list of the shop's IDs could match them by rank. When False, every value
        gets exactly its own HMAC pseudonym (``C-`` + the first 8 hex digits).

    Returns
    -------
    dict[str, Dataset]
        New datasets, same kinds, rows, columns and order. In each person column a value
        becomes ``C-`` + 8 hex digits of an HMAC-SHA256(secret, NFKC-normalised stripped
        value) (see ``keep_order``); the same value gets the same pseudonym in every column of every table, so
        joins and analyses give the same numbers. Missing stays missing; the column is a
        string column. ``mapping`` and the quality report are kept, with any note
        parameter that holds an original identifier pseudonymised too. ``name`` (the file
        name) is kept: it is the consultant's own file, and they can rename it. The input
        is not changed.
    """
    if not datasets:
        return {}
    columns, codes, table, merged, names = _lookup(datasets, secret, keep_order)
    arrays: dict[object, pd.api.extensions.ExtensionArray] = {}  # pseudonyms built once per dtype
    replacements = {
        key: _replaced(series, codes[key], merged, names, arrays) for key, series in columns.items()
    }
    found = _scrubber(table, merged, names)
    out: dict[str, Dataset] = {}
    for kind, ds in datasets.items():
        new = {col: s for (k, col), s in replacements.items() if k == kind}
        frame = ds.frame.assign(**new) if new else ds.frame
        out[kind] = dataclasses.replace(ds, frame=frame, report=_scrub_report(ds.report, found))
    return out


def _replaced(
    series: pd.Series, codes: np.ndarray, merged: np.ndarray, names: np.ndarray, arrays: dict
) -> pd.Series:
    dtype = series.dtype if pd.api.types.is_string_dtype(series) and series.dtype != object else "str"
    if not len(merged):  # the column is all missing
        return series.astype(dtype)
    global_codes = np.where(codes >= 0, merged[np.maximum(codes, 0)], -1)
    if dtype not in arrays:
        arrays[dtype] = pd.array(names, dtype=dtype)
    values = arrays[dtype]
    return pd.Series(values.take(global_codes, allow_fill=True), index=series.index, name=series.name)


def _scrubber(table: pd.Series, merged: np.ndarray, names: np.ndarray):
    """A function rewriting original identifiers in a piece of text into their pseudonyms.
    Its lookup is built on first use: most reports have no text parameter to check."""
    state: dict = {}

    def scrub(text: str) -> str:
        if not text or not len(table):
            return text
        if not state:
            known = merged >= 0
            state["names"] = dict(zip(table[known].tolist(), names[merged[known]].tolist(), strict=True))
            state["finder"] = _Finder(table, min_length=2)
        lookup = state["names"]
        if text.strip() in lookup:
            return str(lookup[text.strip()])
        found = state["finder"].find(text)
        if not found:
            return text
        # Longest first, and word-like IDs only as whole tokens (C2 is not rewritten in C23).
        parts = [
            rf"(?<![A-Za-z0-9_]){re.escape(v)}(?![A-Za-z0-9_])" if _TOKEN.fullmatch(v) else re.escape(v)
            for v in sorted(found, key=len, reverse=True)
        ]
        return re.sub("|".join(parts), lambda m: str(lookup[m.group(0)]), text)

    return scrub


def _scrub_value(value: object, scrub) -> object:
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, list):
        return [_scrub_value(v, scrub) for v in value]
    if isinstance(value, tuple):
        return tuple(_scrub_value(v, scrub) for v in value)
    return value


def _scrub_report(report: QualityReport, scrub) -> QualityReport:
    notes = [
        Note(n.code, {k: _scrub_value(v, scrub) for k, v in n.params.items()}, n.level) for n in report.notes
    ]
    return dataclasses.replace(
        report, dropped=dict(report.dropped), coerced=dict(report.coerced), notes=notes
    )


class _Finder:
    """Finds identifiers in text: word-like ones as whole tokens (so ``C1`` is not found
    inside ``C10``, nor ``878909`` in the amount 878909.11), others (e-mails, Chinese names, names with spaces) as
    substrings."""

    def __init__(self, identifiers: pd.Series, min_length: int = 3):
        ids = identifiers.dropna().astype("str").drop_duplicates()
        ids = ids[ids.str.len() >= min_length]
        wordlike = ids.str.fullmatch(r"[A-Za-z0-9_]+").astype(bool)
        self.words = frozenset(ids[wordlike].tolist())
        self.others = ids[~wordlike].tolist()

    def find(self, text: str) -> list[str]:
        found = set(self.words.intersection(_TEXT_TOKENS.findall(text)))
        # Few identifiers are not word-like in practice; each is one C-level substring search.
        found.update(v for v in self.others if v in text)
        return sorted(found)


def _as_text(data: str | bytes) -> str:
    if isinstance(data, str):
        return data
    if data[:2] == b"PK":  # an xlsx (a zip of XML parts): search its parts
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                return "\n".join(zf.read(n).decode("utf-8", "ignore") for n in zf.namelist())
        except zipfile.BadZipFile:
            pass
    return data.decode("utf-8", "ignore")


def leaked(original: Mapping[str, Dataset], text: str | bytes, min_length: int = 3) -> list[str]:
    """Original person identifiers of ``original`` that occur in ``text``.

    Parameters
    ----------
    original
        ``{kind: Dataset}`` before :func:`pseudonymise`.
    text
        Text shown or written (a page's text, a CSV, an HTML report); bytes are read as
        UTF-8, and an xlsx workbook's XML parts are searched.
    min_length
        Identifiers shorter than this are not searched (a one-digit ID is in every number).

    Returns
    -------
    list[str]
        The identifiers found (normalised form), sorted; empty when nothing leaked.
    """
    values = [
        _normalised(pd.Series(pd.unique(s.dropna())))
        for s in _person_values(original).values()
        if s.notna().any()
    ]
    if not values:
        return []
    return _Finder(pd.concat(values, ignore_index=True), min_length).find(_as_text(text))
