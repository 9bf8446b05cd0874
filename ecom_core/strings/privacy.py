"""Strings of the privacy (keys start with ``dm_``)."""

STRINGS: dict[str, dict[str, str]] = {}
