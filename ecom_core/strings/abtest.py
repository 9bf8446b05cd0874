"""Strings of the abtest analysis (keys start with ``ab_``)."""

STRINGS: dict[str, dict[str, str]] = {}
