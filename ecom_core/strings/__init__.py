"""Strings of each analysis page, one module per page, merged into ``ecom_core.i18n.CATALOG``.

Each module defines ``STRINGS: dict[key, {"en": ..., "zh": ...}]`` and imports nothing, so
the catalog can be assembled without import cycles. Keys start with the page's prefix.
"""
