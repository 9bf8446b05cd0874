"""The home-page overview: KPIs by hand, one finding per page on the sample shop, the page."""

from __future__ import annotations

import pandas as pd
import pytest

import ecom_core as ec
from ecom_core import overview as ov
from ecom_core import ui
from ecom_core.i18n import t


def _orders() -> pd.DataFrame:
    """Ten days, 1-10 March 2024: the current period is 6-10 March, the previous 1-5 March."""
    return pd.DataFrame(
        {
            "order_id": ["1", "1", "2", "3", "4", "5", "6", "7"],
            "order_time": pd.to_datetime(
                [
                    "2024-03-01",
                    "2024-03-01",
                    "2024-03-02",
                    "2024-03-05",
                    "2024-03-06",
                    "2024-03-07",
                    "2024-03-08",
                    "2024-03-10",
                ]
            ),
            "revenue": [60.0, 40.0, 50.0, 30.0, 80.0, 20.0, 100.0, 70.0],
            "customer_id": ["a", "a", "b", "a", "a", "c", "a", "d"],
            "status": pd.Categorical(
                ["paid", "paid", "paid", "cancelled", "paid", "refunded", "partially_refunded", "pending"]
            ),
            "refund_amount": [0.0, 0.0, 0.0, 0.0, 0.0, 20.0, 10.0, 0.0],
        }
    )


def test_periods_split_short_data_in_halves():
    p = ov.periods(_orders())
    assert (p.start, p.end, p.days) == (pd.Timestamp("2024-03-06"), pd.Timestamp("2024-03-10"), 5)
    assert (p.previous_start, p.previous_end) == (pd.Timestamp("2024-03-01"), pd.Timestamp("2024-03-05"))


def test_kpis_by_hand_against_the_previous_period():
    table = ov.kpis(_orders()).set_index("kpi")
    # current (6-10 March): orders 4 (80 paid a), 5 (20 refunded c), 6 (100 partially refunded a, 10 back), 7 (70 pending d)
    assert table.loc["gmv", "current"] == pytest.approx(270.0)
    assert table.loc["net_revenue", "current"] == pytest.approx(80 + 100 - 10)
    assert table.loc["orders", "current"] == 3  # paid, refunded, partially refunded
    assert table.loc["paid_revenue", "current"] == pytest.approx(80 + 20 + 100)
    assert table.loc["buyers", "current"] == 2  # a and c
    assert table.loc["aov_buyer", "current"] == pytest.approx((80 + 20 + 100) / 2)
    assert table.loc["aov_order", "current"] == pytest.approx((80 + 20 + 100) / 3)
    assert table.loc["repeat_rate", "current"] == pytest.approx(0.5)  # a bought twice, c once
    assert table.loc["refunds", "current"] == pytest.approx(20 + 10)
    # previous (1-5 March): orders 1 (100 a), 2 (50 b), 3 (30 cancelled)
    assert table.loc["gmv", "previous"] == pytest.approx(180.0)
    assert table.loc["net_revenue", "previous"] == pytest.approx(150.0)
    assert table.loc["net_revenue", "change"] == pytest.approx(170 / 150 - 1)
    assert "conversion" not in table.index  # no traffic loaded


def test_conversion_comes_from_traffic_and_cards_read_in_both_languages():
    traffic = pd.DataFrame(
        {"date": pd.date_range("2024-03-01", periods=10), "visitors": [100] * 10, "payers": [1] * 5 + [4] * 5}
    )
    table = ov.kpis(_orders(), traffic).set_index("kpi")
    assert table.loc["conversion", "current"] == pytest.approx(0.04)
    assert table.loc["conversion", "change"] == pytest.approx(3.0)
    cards = ov.kpi_cards(ov.kpis(_orders(), traffic), "zh")
    labels = [c[0] for c in cards]
    assert (
        labels[:4] == ["GMV（下单金额）", "支付金额", "成功退款金额", "净销售额"] and "支付转化率" in labels
    )
    assert "客单价" in labels and "笔单价" in labels
    refunds = next(c for c in cards if c[0] == "成功退款金额")
    assert refunds[4] == "inverse"


def test_revenue_trend_counts_standing_orders_by_week():
    trend = ov.revenue_trend(_orders())
    assert trend["period"].tolist() == [pd.Timestamp("2024-02-26"), pd.Timestamp("2024-03-04")]
    assert trend["revenue"].tolist() == pytest.approx([150.0, 80 + 90])
    # Friday 1 - Sunday 3 March, then Monday 4 - Sunday 10 March: the first week is partial
    assert trend["days"].tolist() == [3, 7] and trend["partial"].tolist() == [True, False]
    layers = ov.trend_chart(trend, "en").to_dict()["layer"]
    assert [layer["mark"]["type"] for layer in layers] == ["area", "point"]  # the partial week apart


def test_orders_without_dates_are_explained():
    orders = _orders().assign(order_time=pd.NaT)
    with pytest.raises(ec.AnalysisError):
        ov.kpis(orders)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_sample_shop_findings_name_the_planted_facts(sample_shop, lang):
    shop = {kind: ds.frame for kind, ds in sample_shop(lang).items()}
    found = {f.page: f.text for f in ov.findings(**shop, lang=lang)}
    assert set(found) == {"funnel", "personas", "channels", "abtest"}
    assert "26.6%" in found["funnel"]
    assert {"en": "Can't Lose Them", "zh": "重要挽留客户"}[lang] in found["personas"]
    assert {"en": "Zhitongche", "zh": "直通车"}[lang] in found["channels"] and "1.50" in found["channels"]
    assert "99%" in found["abtest"]


def test_findings_skip_what_the_data_cannot_support():
    orders = _orders().drop(columns="customer_id")
    # seven orders are too few to name a leak; no personas without customers
    assert ov.findings(orders=orders, lang="en") == []
    # 40 orders, 10 never paid: created -> paid converts 75% with 40 entering, a leak; no
    # customers still means no personas
    many = pd.DataFrame(
        {
            "order_id": [str(i) for i in range(40)],
            "order_time": pd.date_range("2024-03-01", periods=40, freq="6h"),
            "revenue": 50.0,
            "status": pd.Categorical(["pending"] * 10 + ["paid"] * 30),
        }
    )
    found = ov.findings(orders=many, lang="en")
    assert [f.page for f in found] == ["funnel"]
    # +1 pt of 40 orders over 10 days is 0.4 more paid orders, 0.4 x 30.4375 / 10 = 1.2175 a
    # month, at 笔单价 50 -> 60.88
    assert "75.0%" in found[0].text and "60.88" in found[0].text


def test_home_shows_the_overview_with_links_to_each_finding(open_page, sample_shop):
    at = open_page(ui.HOME_PAGE, sample_shop("en"))
    assert not at.exception
    assert at.header[0].value == t("ov_header", "en")
    labels = [m.label for m in at.metric]
    assert labels[:4] == ["GMV", "Paid revenue", "Refunds", "Net revenue"]
    funnel_links = [link.proto.label for link in at.get("page_link") if "Funnel" in link.proto.page]
    assert any("26.6%" in label for label in funnel_links)


def test_home_without_data_shows_no_overview(open_page):
    at = open_page(ui.HOME_PAGE)
    assert not at.exception and not at.header and not at.metric


def test_home_offers_both_reports_once_data_is_loaded(open_page, sample_shop):
    at = open_page(ui.HOME_PAGE, sample_shop("zh"), lang="zh")
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert t("rp_download_xlsx", "zh") in labels and t("rp_download_html", "zh") in labels


def test_findings_take_datasets_and_the_same_steps_as_the_pages(sample_shop):
    shop = sample_shop("en")
    calls: list[str] = []

    def compute(fn, *args, **kwargs):
        calls.append(fn.__name__)
        # the heavy steps on the data get the datasets themselves, which the app's cache keys by content
        if fn.__name__ in ("funnel_data", "paid_orders", "channel_table", "prepare"):
            assert isinstance(args[0], ec.Dataset)
        return ov.direct(fn, *args, **kwargs)

    found = ov.findings(**shop, lang="en", compute=compute)
    assert [f.page for f in found] == ["funnel", "personas", "channels", "abtest"]
    assert {"funnel_data", "paid_orders", "score", "channel_table", "prepare"} <= set(calls)


def test_pages_opened_after_home_reuse_its_heavy_steps(open_page, sample_shop, monkeypatch):
    """The home page's findings and the pages share the cache: the order funnel, the RFM
    scores, the channel table and the experiment clean-up each run once."""
    import functools

    import streamlit as st

    from ecom_core import abtest, channels, funnel, personas

    runs: list[str] = []
    for package, name in [
        (funnel, "funnel_data"),
        (personas, "paid_orders"),
        (personas, "score"),
        (channels, "channel_table"),
        (abtest, "prepare"),
    ]:
        original = getattr(package, name)
        counting = functools.wraps(original)(
            lambda *a, _f=original, **k: (runs.append(_f.__name__), _f(*a, **k))[1]
        )
        monkeypatch.setattr(package, name, counting)
    st.cache_resource.clear()
    shop = {k: v for k, v in sample_shop("en").items() if k not in ("events", "traffic")}
    at = open_page(ui.HOME_PAGE, shop)
    assert len(at.get("page_link")) >= 4 + len(ui.PAGES)  # the four findings
    for page in (ui.FUNNEL_PAGE, ui.PERSONAS_PAGE, ui.CHANNEL_PAGE, ui.ABTEST_PAGE):
        at.switch_page(page).run()
        assert not at.exception, page
    assert sorted(runs) == ["channel_table", "funnel_data", "paid_orders", "prepare", "score"]


def test_date_axes_read_as_numbers_in_chinese():
    """The charts' renderer names months in English; Chinese charts label dates with numbers."""
    trend = ov.revenue_trend(_orders())

    def x_axis(lang: str) -> dict:
        spec = ov.trend_chart(trend, lang).to_dict()
        return (spec.get("encoding") or spec["layer"][0]["encoding"])["x"].get("axis", {})

    assert "月" in x_axis("zh")["labelExpr"] and "年" in x_axis("zh")["labelExpr"]
    assert "labelExpr" not in x_axis("en")
