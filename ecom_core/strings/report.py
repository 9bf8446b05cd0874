"""Strings of the report (keys start with ``rp_``)."""

STRINGS: dict[str, dict[str, str]] = {}
