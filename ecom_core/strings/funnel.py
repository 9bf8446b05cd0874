"""Strings of the funnel analysis (keys start with ``fn_``)."""

STRINGS: dict[str, dict[str, str]] = {}
