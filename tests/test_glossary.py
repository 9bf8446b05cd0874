"""The glossary: every term in both languages, searchable, on its own page."""

from __future__ import annotations

import pytest

from ecom_core import glossary, ui
from ecom_core.i18n import CATALOG, t


def test_every_term_has_a_name_and_definition_in_both_languages():
    for key, area in glossary.TERMS:
        assert area in glossary.AREAS
        for suffix in ("", "_def"):
            entry = CATALOG[f"gl_{key}{suffix}"]
            assert entry["en"] and entry["zh"]


def test_table_names_the_term_in_the_other_language_too():
    zh = glossary.table("zh").set_index("term")
    assert zh.loc["投产比（ROAS）", "other"] == "ROAS"
    assert "÷" in zh.loc["客单价", "definition"]
    assert len(glossary.table("en", area="abtest")) == sum(1 for _, a in glossary.TERMS if a == "abtest")


@pytest.mark.parametrize(
    ("search", "term"), [("uv价值", "UV价值"), ("ROAS", "投产比（ROAS）"), ("保本", "保本投产比")]
)
def test_search_finds_a_term_by_either_name(search, term):
    assert term in glossary.table("zh", search=search)["term"].tolist()


def test_glossary_page_filters_and_reads_in_chinese(open_page):
    at = open_page(ui.GLOSSARY_PAGE, lang="zh")
    assert not at.exception
    assert at.title[0].value == t("gl_title", "zh")
    assert len(at.dataframe[0].value) == len(glossary.TERMS)
    at.text_input(key="gl_search").set_value("投产比").run()
    shown = at.dataframe[0].value[t("gl_col_term", "zh")].tolist()
    assert shown == ["投产比（ROAS）", "保本投产比"]
