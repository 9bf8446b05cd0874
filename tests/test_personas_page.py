"""The Personas page under AppTest: guard, the planted finding in both languages, widgets, bad input."""

from __future__ import annotations

import pandas as pd
import pytest

import ecom_core as ec
from ecom_core import ui
from ecom_core.i18n import t
from ecom_core.personas import present

PAGE = ui.PERSONAS_PAGE


def _ok(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _table(at, header: str) -> pd.DataFrame:
    """The first dataframe on the page with a column named ``header``."""
    return next(d.value for d in at.dataframe if header in d.value.columns)


def _open_tab(at, key: str, lang: str = "en"):
    """Open a tab of the page (tabs other than the first are computed only when open)."""
    at.session_state["ps_tab"] = t(key, lang)
    at.run()
    _ok(at)
    return at


def _dataset(frame: pd.DataFrame, source_columns: list[str] | None = None) -> dict:
    n = len(frame)
    ds = ec.Dataset("orders", frame, {}, ec.QualityReport(n, n), name="x.csv")
    ds.source_columns = source_columns or list(frame.columns)
    return {"orders": ds}


def test_without_orders_the_guard_offers_the_sample(open_page):
    at = open_page(PAGE)
    _ok(at)
    assert at.title[0].value == t("ui_personas_title", "en")
    assert at.info[0].value == t("ui_need_data", "en", kinds=t("kind_orders", "en"))
    assert at.button(key="guard_sample").label == t("ui_load_sample", "en")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_sample_shop_shows_the_planted_at_risk_customers(open_page, sample_shop, lang):
    data = sample_shop(lang)
    at = open_page(PAGE, data, lang=lang)
    _ok(at)
    assert not at.error
    # the segment finding names Can't Lose Them and its share of revenue (planted: 17.1%)
    result = ec.personas.score(data["orders"].frame)
    summary = ec.personas.segment_summary(result)
    finding = at.warning[0].value
    assert finding == ui.md(present.segment_finding(summary, lang))
    assert finding.startswith(t("ps_seg_cant_lose", lang))
    row = summary.set_index("segment").loc["cant_lose"]
    assert 200 <= row["customers"] <= 260 and 0.17 <= row["revenue_share"] <= 0.2
    # the segment table lists it with its recommended action
    segments = _table(at, t("ps_col_action", lang)).set_index(t("ps_col_segment", lang))
    assert segments.loc[t("ps_seg_cant_lose", lang), t("ps_col_action", lang)] == t("ps_act_cant_lose", lang)
    # a persona is named after At Risk / Can't Lose Them and is frequent but not recent
    assert not any(t("ps_col_persona", lang) in d.value.columns for d in at.dataframe)  # not computed yet
    _open_tab(at, "ps_tab_personas", lang)
    personas = _table(at, t("ps_col_persona", lang))
    names = [t("ps_seg_at_risk", lang), t("ps_seg_cant_lose", lang)]
    risky = personas[personas[t("ps_col_persona", lang)].str.contains("|".join(names), regex=True)]
    assert len(risky) == 1
    description = risky[t("ps_col_description", lang)].iloc[0]
    assert t("ps_lvl_frequent", lang) in description and t("ps_lvl_recent", lang) not in description
    # customer value: 12-month expectations, one-time buyers flagged
    _open_tab(at, "ps_tab_value", lang)
    assert not at.error
    value = ec.personas.customer_value(data["orders"].frame)
    assert present.value_summary(value, lang) in [i.value for i in at.info]
    by_segment = _table(at, t("ps_col_expected_value", lang)).set_index(t("ps_col_segment", lang))
    assert by_segment[t("ps_col_prob_alive", lang)].loc[t("ps_seg_cant_lose", lang)] < 50
    # movement: where this quarter's Champions went
    _open_tab(at, "ps_tab_movement", lang)
    assert any(i.value.startswith(t("ps_movement_finding", lang).split("{")[0]) for i in at.info)


def test_widgets_change_the_analysis(open_page, sample_shop):
    at = open_page(PAGE, sample_shop("en"))
    _ok(at)
    seg_col = t("ps_col_segment", "en")
    quintile = _table(at, t("ps_col_action", "en")).set_index(seg_col)
    at.selectbox(key="ps_scoring").set_value("fixed").run()
    _ok(at)
    fixed = _table(at, t("ps_col_action", "en")).set_index(seg_col)
    customers = t("ps_col_customers", "en")
    assert fixed[customers].sum() == quintile[customers].sum()
    assert not fixed[customers].equals(quintile[customers])
    # fixed thresholds keep one-time buyers together: nobody with 1 order is a Potential Loyalist
    assert fixed.loc["New Customers", t("ps_col_avg_frequency", "en")] == 1.0

    at.selectbox(key="ps_k").set_value(5).run()
    _open_tab(at, "ps_tab_personas")
    personas = _table(at, t("ps_col_persona", "en"))
    assert len(personas) == 5

    _open_tab(at, "ps_tab_export")
    at.radio(key="ps_export_by").set_value("persona").run()
    at.selectbox(key="ps_export_persona").set_value(0).run()
    _ok(at)
    n = personas[customers].iloc[0]
    assert t("ps_export_caption", "en", n=f"{n:,}") in [c.value for c in at.caption]

    at.date_input(key="ps_as_of").set_value(pd.Timestamp("2025-09-01").date()).run()
    _ok(at)
    scope = [c.value for c in at.caption if c.value.startswith(t("ps_used_scoring", "en").split("{")[0][:3])]
    assert any("2025-08-31" in c for c in scope)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_customer_column_names_the_columns_that_could_help(open_page, lang):
    frame = pd.DataFrame(
        {
            "order_id": ["1", "2", "3"],
            "order_time": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03"]),
            "revenue": [10.0, 20.0, 30.0],
        }
    )
    at = open_page(PAGE, _dataset(frame, ["Order ID", "Date", "Total", "Buyer email", "Phone"]), lang=lang)
    _ok(at)
    assert at.error[0].value == t("ps_err_no_customer_column", lang)
    sep = t("list_sep", lang)
    assert t("ps_hint_columns", lang, columns=sep.join(["Buyer email", "Phone"])) in [
        i.value for i in at.info
    ]


@pytest.mark.parametrize(
    ("revenue", "customers", "code"),
    [
        ([-10.0, -20.0, -5.0], ["a", "b", "c"], "ps_err_negative_totals"),
        ([10.0, None, None], ["a", None, None], "ps_err_one_order"),
    ],
)
def test_bad_orders_give_a_sentence(open_page, revenue, customers, code):
    frame = pd.DataFrame(
        {
            "order_id": ["1", "2", "3"],
            "order_time": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03"]),
            "revenue": revenue,
            "customer_id": pd.Series(customers, dtype="str"),
        }
    )
    at = open_page(PAGE, _dataset(frame))
    _ok(at)
    assert t(code, "en") in [e.value for e in at.error]
    assert not any(t("ps_col_action", "en") in d.value.columns for d in at.dataframe)  # page stopped


def test_identical_customers_explain_what_cannot_be_done(open_page):
    n = 12
    frame = pd.DataFrame(
        {
            "order_id": [str(i) for i in range(n)],
            "order_time": pd.to_datetime(["2024-01-01"] * n),
            "revenue": [10.0] * n,
            "customer_id": pd.Series([f"c{i}" for i in range(n)], dtype="str"),
        }
    )
    at = open_page(PAGE, _dataset(frame))
    _ok(at)
    assert not at.error
    _open_tab(at, "ps_tab_personas")
    assert [e.value for e in at.error] == [t("ps_err_identical", "en")]
    _open_tab(at, "ps_tab_value")
    assert at.error[0].value.startswith(t("ps_err_value_few", "en").split("{")[0])
    _open_tab(at, "ps_tab_export")  # lists still work, by segment
    assert not at.error
    assert t("ps_export_caption", "en", n=f"{n:,}") in [c.value for c in at.caption]
    # RFM itself still works: everyone is a New Customer
    segments = _table(at, t("ps_col_action", "en")).set_index(t("ps_col_segment", "en"))
    assert segments.loc["New Customers", t("ps_col_customers", "en")] == n


def test_new_data_resets_the_dates_and_the_reset_button_works(open_page, sample_shop):
    at = open_page(PAGE, sample_shop("en"))
    at.date_input(key="ps_as_of").set_value(pd.Timestamp("2025-12-01").date()).run()
    _ok(at)
    at.button(key="ps_reset").click().run()
    _ok(at)
    # another, older dataset: the chosen date would be out of its range
    rows = 80
    frame = pd.DataFrame(
        {
            "order_id": [str(i) for i in range(rows)],
            "order_time": pd.date_range("2023-01-01", periods=rows, freq="D"),
            "revenue": [10.0 + i for i in range(rows)],
            "customer_id": pd.Series([f"c{i % 30}" for i in range(rows)], dtype="str"),
        }
    )
    at.session_state[ui.DATASETS] = _dataset(frame)
    at.run()
    _ok(at)
    assert not at.error
    assert at.date_input(key="ps_as_of").value == pd.Timestamp("2023-03-22").date()
    segments = _table(at, t("ps_col_action", "en"))
    assert segments[t("ps_col_customers", "en")].sum() == 30
