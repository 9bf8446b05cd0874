"""Result types of loading: a canonical Dataset, its quality report, and load errors.

Messages are stored as catalog keys with parameters, not as text, so one loaded
dataset can be explained in either language after the fact.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import pickle
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd
import pyarrow as pa

from ecom_core.i18n import label, t

Level = Literal["info", "success", "warning", "error"]


@dataclass(frozen=True)
class Note:
    """One finding about the data, rendered in any language with :meth:`text`."""

    code: str
    params: dict = field(default_factory=dict)
    level: Level = "info"

    def text(self, lang: str = "en") -> str:
        return t(self.code, lang, **{k: _localise(v, lang) for k, v in self.params.items()})


def _localise(value: object, lang: str) -> object:
    """A parameter given as ``[(catalog key, count), ...]`` reads as 'label count, ...', and
    one given as ``[catalog key, ...]`` as 'label, label, ...'."""
    if isinstance(value, list) and value and all(isinstance(x, tuple) and len(x) == 2 for x in value):
        return t("list_sep", lang).join(f"{t(key, lang)} {n:,}" for key, n in value)
    if isinstance(value, list) and value and all(isinstance(x, str) for x in value):
        return t("list_sep", lang).join(t(key, lang) for key in value)
    return value


@dataclass
class QualityReport:
    """What happened to the rows and values of one table on its way to the canonical frame.

    Attributes
    ----------
    rows_read
        Data rows found under the header (title rows and the header itself excluded).
    rows_kept
        Rows in the canonical frame.
    dropped
        Reason code -> number of rows dropped for it. ``rows_read - rows_kept`` always
        equals the sum of these counts, so nothing is lost silently.
    coerced
        Canonical column -> number of values rewritten on the way (money written as text,
        dates in text form, IDs that Excel turned into floats, ...).
    notes
        Warnings and remarks, e.g. IDs rounded by Excel or time-zone offsets dropped.
    """

    rows_read: int = 0
    rows_kept: int = 0
    dropped: dict[str, int] = field(default_factory=dict)
    coerced: dict[str, int] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)

    def add(self, code: str, level: Level = "info", **params) -> None:
        self.notes.append(Note(code, params, level))

    def drop(self, reason: str, count: int) -> None:
        if count:
            self.dropped[reason] = self.dropped.get(reason, 0) + int(count)

    def coerce(self, column: str, count: int) -> None:
        if count:
            self.coerced[column] = self.coerced.get(column, 0) + int(count)

    @property
    def warnings(self) -> list[Note]:
        return [n for n in self.notes if n.level != "info"]

    def messages(self, lang: str = "en") -> list[str]:
        return [n.text(lang) for n in self.notes]

    def summary_rows(self, lang: str = "en") -> pd.DataFrame:
        """A two-column table (item, value) of the report for display."""
        rows = [
            (t("q_rows_read", lang), f"{self.rows_read:,}"),
            (t("q_rows_kept", lang), f"{self.rows_kept:,}"),
        ]
        rows += [
            (t("q_dropped", lang, reason=t(f"drop_{k}", lang)), f"{v:,}") for k, v in self.dropped.items()
        ]
        rows += [(t("q_coerced", lang, column=k), f"{v:,}") for k, v in self.coerced.items()]
        return pd.DataFrame(rows, columns=[t("q_item", lang), t("q_value", lang)])


@dataclass
class Dataset:
    """One table of a shop export, turned into a canonical kind.

    Attributes
    ----------
    kind
        One of :data:`ecom_core.load.schema.KINDS` (orders, traffic, events, spend, experiment)
        or an auxiliary part (order_payments, order_lines, customer_table) that joins onto
        orders with :func:`ecom_core.combine`.
    frame
        Canonical DataFrame: canonical column names and types only.
    mapping
        Canonical column -> source column it came from (or a derived description).
    report
        The :class:`QualityReport`.
    name
        File name, with the sheet after a colon when the file had several.
    confidence
        How sure the kind guess is, 0-1.
    column_confidence
        Canonical column -> how sure its mapping is, 0-1.
    source_columns
        The header of the source table after clean-up, in file order.
    """

    kind: str
    frame: pd.DataFrame
    mapping: dict[str, str]
    report: QualityReport
    name: str = ""
    confidence: float = 1.0
    column_confidence: dict[str, float] = field(default_factory=dict)
    source_columns: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"Dataset(kind={self.kind!r}, name={self.name!r}, rows={len(self.frame)})"

    @property
    def fingerprint(self) -> str:
        """A hash of the kind and the canonical frame's content, computed once: analyses can be
        cached on what the data is, never on which session or object holds it."""
        cached = self.__dict__.get("_fingerprint")
        if cached is None:
            cached = self.__dict__["_fingerprint"] = content_digest(self.frame, self.kind)
        return cached


def content_digest(frame: pd.DataFrame, salt: str = "") -> str:
    """SHA-256 of a frame's column names, types and values (not its index).

    Reads the columns' memory as it is (Arrow buffers of text columns, the bytes of numeric
    and datetime columns, a categorical's codes and categories) instead of hashing value by
    value: a million order lines take a tenth of a second, not one or two. Equal buffers
    mean equal values, so two frames can only share a digest when their content is the same;
    the same values held differently (a slice of a larger array, another NaN bit pattern)
    may get another digest, which only costs a recomputation.
    """
    digest = hashlib.sha256(f"{salt}|{frame.shape}".encode())
    for name, column in frame.items():
        digest.update(f"|{name}|{column.dtype}|".encode())
        values = column.array
        if isinstance(column.dtype, pd.CategoricalDtype):
            digest.update(np.ascontiguousarray(column.cat.codes.to_numpy()).view(np.uint8).data)
            digest.update(content_digest(column.cat.categories.to_frame(index=False)).encode())
        elif isinstance(column.dtype, np.dtype) and column.dtype != object:
            digest.update(np.ascontiguousarray(column.to_numpy()).view(np.uint8).data)
        elif hasattr(values, "__arrow_array__"):
            arrow = values.__arrow_array__()
            for chunk in arrow.chunks if isinstance(arrow, pa.ChunkedArray) else [arrow]:
                digest.update(f"{chunk.offset}:{len(chunk)}".encode())
                for buffer in chunk.buffers():
                    digest.update(b"-" if buffer is None else memoryview(buffer))
        else:  # Python objects: hashed value by value (pickled when pandas cannot hash them)
            try:
                digest.update(pd.util.hash_pandas_object(column, index=False).to_numpy().data)
            except TypeError:
                digest.update(pickle.dumps(column.to_list()))
    return digest.hexdigest()


class ExplainedError(ValueError):
    """An error that carries its explanation as a catalog key, so it reads in either language.

    ``params`` named ``kind_key`` (a kind) and ``missing`` (canonical columns) are shown by
    their labels in the reader's language.
    """

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        params = dict(self.params)
        # Kind and column names are given as keys so they read in the user's language.
        if "kind_key" in params:
            params["kind"] = t(f"kind_{params['kind_key']}", lang)
        if "missing" in params:
            names = (label(f"col_{c}", lang, str(c)) for c in params["missing"])
            params["columns"] = t("list_sep", lang).join(names)
        return t(self.code, lang, **params)


class LoadError(ExplainedError):
    """A file that cannot be turned into data."""


class AnalysisError(ExplainedError):
    """Data an analysis cannot work with (a step nobody can reach, a column with one value,
    counts that contradict each other...): raised by the analyses, shown by pages as a
    sentence through ``err.message(lang)``."""


log = logging.getLogger("ecom_core")


def never_crash(func):
    """Make a public loader raise :class:`LoadError` only: a file that trips an unforeseen
    path still gets a sentence the user can act on, and the traceback goes to the log."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except LoadError:
            raise
        except MemoryError as exc:
            raise LoadError("err_too_large_memory") from exc
        except Exception as exc:
            log.exception("unexpected error while loading")
            raise LoadError("err_unexpected", detail=f"{type(exc).__name__}: {str(exc)[:160]}") from exc

    return wrapper
