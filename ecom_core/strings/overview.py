"""Strings of the overview (keys start with ``ov_``)."""

STRINGS: dict[str, dict[str, str]] = {}
