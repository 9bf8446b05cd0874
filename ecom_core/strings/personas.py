"""Strings of the personas analysis (keys start with ``ps_``)."""

STRINGS: dict[str, dict[str, str]] = {}
