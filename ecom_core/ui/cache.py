"""Analyses and charts computed once per content of their data (``computed``, ``spec``),
shared between reruns and sessions without copying."""

from __future__ import annotations

import hashlib
import inspect
import logging
import threading
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np
import pandas as pd
import streamlit as st

import ecom_core as ec

log = logging.getLogger(__name__)

T = TypeVar("T")


# ---- cached analyses ---------------------------------------------------------------------
@st.cache_resource(max_entries=64, show_spinner=False)
def _computed(name: str, key: tuple, _fn: Callable, _args: tuple, _kwargs: dict):
    result = _fn(*_args, **_kwargs)
    _remember(result, (name, key))
    return result


#: id of a result of :func:`computed` -> (weak reference to it, the content key that made it).
#: Holds hashes only, never data: a result passed on to another computed call is keyed by
#: how it was made, so derived data (a selection of a funnel, say) needs no hashing. Shared
#: by every session's script thread, so it is only read or changed under its lock.
_DERIVED: dict[int, tuple[weakref.ref, tuple]] = {}
_DERIVED_LOCK = threading.Lock()


def _remember(result: Any, key: tuple) -> None:
    try:
        ref = weakref.ref(result)
    except TypeError:  # tuples, dicts and numbers are keyed by value anyway
        return
    with _DERIVED_LOCK:
        known = _DERIVED.get(id(result))
        if known is not None and known[0]() is result:
            return  # a call that returns its input: its first key stays, so keys are stable
        for stale in [i for i, (r, _) in _DERIVED.items() if r() is None]:
            del _DERIVED[stale]
        _DERIVED[id(result)] = (ref, key)


def _derived_key(value: Any) -> tuple | None:
    with _DERIVED_LOCK:
        entry = _DERIVED.get(id(value))
    if entry is not None and entry[0]() is value:
        return entry[1]
    return None


def _content_key(value: Any) -> Any:
    """What identifies an argument's content: a dataset's fingerprint, how an earlier
    :func:`computed` result was made, a full hash of a (small) frame, or the value itself
    (lists become tuples)."""
    if isinstance(value, ec.Dataset):
        return ("dataset", value.fingerprint)
    derived = _derived_key(value)
    if derived is not None:
        return ("derived", derived)
    if isinstance(value, (pd.DataFrame, pd.Series)):
        hashed = pd.util.hash_pandas_object(value, index=True).to_numpy().tobytes()
        names = tuple(map(str, value.columns)) if isinstance(value, pd.DataFrame) else (str(value.name),)
        return ("frame", names, hashlib.sha256(hashed).hexdigest())
    if isinstance(value, np.ndarray):  # Streamlit's own hash samples large arrays: hash them whole
        data = value.tobytes() if value.dtype != object else pd.util.hash_array(value.ravel()).tobytes()
        return ("array", value.dtype.str, value.shape, hashlib.sha256(data).hexdigest())
    if isinstance(value, (list, tuple)):
        return tuple(_content_key(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _content_key(v)) for k, v in value.items()))
    return value


def _unwrap(value: Any) -> Any:
    return value.frame if isinstance(value, ec.Dataset) else value


def _call(fn: Callable, args: tuple, kwargs: dict) -> tuple[str, tuple, tuple, dict]:
    """``(name, key, args, kwargs)`` of a cached call: the key is of the bound, defaulted
    signature, so ``f(ds, "x")``, ``f(ds, column="x")`` and ``f(ds)`` (with ``column="x"``
    the default) are one call; datasets go to ``fn`` as their frames."""
    name = f"{fn.__module__}:{fn.__qualname__}"
    try:
        bound = inspect.signature(fn).bind(*args, **kwargs)
    except (TypeError, ValueError):  # no signature to bind (a builtin) or a wrong call: fn says why
        key = (_content_key(args), _content_key(kwargs))
    else:
        bound.apply_defaults()
        key = tuple((k, _content_key(v)) for k, v in bound.arguments.items())
        args, kwargs = bound.args, bound.kwargs
    return name, key, tuple(_unwrap(a) for a in args), {k: _unwrap(v) for k, v in kwargs.items()}


@st.cache_resource(max_entries=512, show_spinner=False)
def _spec(name: str, key: tuple, _build: Callable, _args: tuple, _kwargs: dict) -> dict | None:
    chart = _build(*_args, **_kwargs)
    return None if chart is None else chart.to_dict()


def spec(build: Callable[..., Any], *args: Any, **kwargs: Any) -> dict | None:
    """The Vega-Lite spec of the Altair chart ``build(*args, **kwargs)`` (None when it gives
    None), made and validated once per content of its arguments, like :func:`computed`, for
    ``st.vega_lite_chart``: on a rerun, building and validating an Altair chart again costs
    more than the cached analysis behind it. Kept apart from the analyses' cache, so charts
    never push a costly result out of it."""
    name, key, args, kwargs = _call(build, args, kwargs)
    return _spec(name, key, build, args, kwargs)


def computed(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``fn(*args, **kwargs)``, computed once per content of its arguments.

    A :class:`~ecom_core.Dataset` argument is passed to ``fn`` as its canonical frame (inside a
    dict it stays a dataset) and identified by its fingerprint (hashed once per dataset), so pass datasets, not their
    frames, for anything large; a result of an earlier ``computed`` call is identified by the
    call that made it; other frames are hashed in full on every call. Results are
    shared between reruns and sessions without copying, so a widget change on a page with a
    million rows loaded costs nothing for the heavy step, and one session can only reach
    another's result by holding the very same data. Treat results as read-only.
    """
    name, key, args, kwargs = _call(fn, args, kwargs)
    return _computed(name, key, fn, args, kwargs)
