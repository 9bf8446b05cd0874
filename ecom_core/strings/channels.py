"""Strings of the channels analysis (keys start with ``ch_``)."""

STRINGS: dict[str, dict[str, str]] = {}
