"""Ad-platform exports without revenue: the campaign table by hand (ratios of sums in the
Total row), the spend trend, a Facebook-ads-shaped file through ``ec.load``, the Channel mix
page with only that file loaded (English and Chinese), and the home page's request."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import ecom_core as ec
from ecom_core import overview as ov
from ecom_core import ui
from ecom_core.channels import charts, present
from ecom_core.i18n import t
from ecom_core.load.dataset import AnalysisError

# A Facebook ads teaching-set shape (made-up numbers): one row per ad, no dates, no revenue.
FACEBOOK_CSV = b"""\
ad_id,xyz_campaign_id,fb_campaign_id,age,gender,interest,Impressions,Clicks,Spent,Total_Conversion,Approved_Conversion
900001,1001,200001,30-34,M,10,4000,2,3.00,1,0
900002,1001,200002,35-39,F,16,6000,4,5.00,2,1
900003,1002,200010,40-44,M,20,10000,10,12.50,3,2
900004,1002,200011,45-49,F,27,0,0,0,0,0
900005,1003,200020,30-34,F,63,30000,24,36.00,4,1
900006,1003,200021,35-39,M,29,20000,16,24.00,0,0
"""

#: per campaign by hand: spend, impressions, clicks, conversions, CTR, CPC, CPM, cvr, cost/conv
FACEBOOK_EXPECTED = {
    "1003": (60.0, 50000, 40, 4, 40 / 50000, 60 / 40, 60 / 50000 * 1000, 4 / 40, 60 / 4),
    "1002": (12.5, 10000, 10, 3, 10 / 10000, 12.5 / 10, 12.5 / 10000 * 1000, 3 / 10, 12.5 / 3),
    "1001": (8.0, 10000, 6, 3, 6 / 10000, 8 / 6, 8 / 10000 * 1000, 3 / 6, 8 / 3),
    "Total": (80.5, 70000, 56, 10, 56 / 70000, 80.5 / 56, 80.5 / 70000 * 1000, 10 / 56, 80.5 / 10),
}
RATIO_COLUMNS = [
    "spend",
    "impressions",
    "clicks",
    "conversions",
    "ctr",
    "cpc",
    "cpm",
    "cvr",
    "cost_per_conversion",
]


def _frame() -> pd.DataFrame:
    """Five rows, four campaigns: B has no conversion, C spent nothing, D had no click."""
    return pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-02", "2024-01-03", "2024-01-16"]),
            "channel": ["Meta", "Meta", "Google", "Google", "Meta"],
            "campaign": ["A", "A", "B", "C", "D"],
            "spend": [10.0, 30.0, 50.0, 0.0, 20.0],
            "impressions": [1000.0, 3000.0, 10000.0, 0.0, 2000.0],
            "clicks": [20.0, 40.0, 25.0, 0.0, 0.0],
            "conversions": [2.0, 3.0, 0.0, 0.0, 1.0],
        }
    )


def _ds(kind: str, frame: pd.DataFrame, mapping: dict | None = None) -> ec.Dataset:
    return ec.Dataset(
        kind, frame, mapping or {}, ec.QualityReport(len(frame), len(frame)), name=f"{kind}.csv"
    )


# ---- the table by hand ---------------------------------------------------------------------
def test_campaign_table_by_hand_with_ratios_of_sums_in_the_total_row():
    table = ec.channels.campaign_table(_frame())
    assert table["campaign"].tolist() == ["B", "A", "D", "C", "Total"]  # by spend, Total last
    got = table.set_index("campaign")
    nan = np.nan
    expected = pd.DataFrame(
        {
            "spend": [50.0, 40.0, 20.0, 0.0, 110.0],
            "spend_share": [50 / 110, 40 / 110, 20 / 110, 0.0, 1.0],
            "impressions": [10000.0, 4000.0, 2000.0, 0.0, 16000.0],
            "clicks": [25.0, 60.0, 0.0, 0.0, 85.0],
            "conversions": [0.0, 5.0, 1.0, 0.0, 6.0],
            "ctr": [25 / 10000, 60 / 4000, 0.0, nan, 85 / 16000],
            "cpc": [50 / 25, 40 / 60, nan, nan, 110 / 85],
            "cpm": [5.0, 10.0, 10.0, nan, 110 / 16000 * 1000],
            "cvr": [0.0, 5 / 60, nan, nan, 6 / 85],
            "cost_per_conversion": [nan, 8.0, 20.0, nan, 110 / 6],
        },
        index=pd.Index(["B", "A", "D", "C", "Total"], name="campaign"),
    )
    pd.testing.assert_frame_equal(got, expected, check_index_type=False)
    # the Total divides the sums: not the mean of the rows' ratios
    assert got.loc["Total", "cpc"] != pytest.approx(np.nanmean(got["cpc"].iloc[:-1]))
    assert "revenue" not in table and "roas" not in table


def test_missing_columns_give_nan_ratios_and_revenue_gives_roas():
    frame = _frame().drop(columns=["impressions", "conversions"])
    table = ec.channels.campaign_table(frame).set_index("campaign")
    assert table["impressions"].isna().all() and table["conversions"].isna().all()
    assert table[["ctr", "cpm", "cvr", "cost_per_conversion"]].isna().all().all()
    assert table.loc["A", "cpc"] == pytest.approx(40 / 60)

    with_revenue = _frame().assign(revenue=[30.0, 90.0, 40.0, 5.0, 0.0])
    table = ec.channels.campaign_table(with_revenue).set_index("campaign")
    assert table.loc["A", "revenue"] == 120.0 and table.loc["A", "roas"] == pytest.approx(3.0)
    assert np.isnan(table.loc["C", "roas"])  # revenue without spend: no ROAS
    assert table.loc["Total", "roas"] == pytest.approx(165 / 110)


def test_by_channel_by_date_and_the_fallback_without_campaigns():
    by_channel = ec.channels.campaign_table(_frame(), by="channel").set_index("channel")
    assert by_channel.index.tolist() == ["Meta", "Google", "Total"]
    assert by_channel.loc["Meta", "cpc"] == pytest.approx(60 / 60)
    fallback = ec.channels.campaign_table(_frame().drop(columns="campaign"))
    assert fallback.columns[0] == "channel"
    pd.testing.assert_frame_equal(fallback, ec.channels.campaign_table(_frame(), by="channel"))

    by_date = ec.channels.campaign_table(_frame(), by="date")
    days = pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-16"])
    assert by_date["date"].tolist()[:-1] == list(days)
    assert by_date["spend"].tolist() == [10.0, 80.0, 0.0, 20.0, 110.0]
    with pytest.raises(AnalysisError) as err:
        ec.channels.campaign_table(_frame().drop(columns="date"), by="date")
    assert err.value.message("zh") == t("ch_err_spend_no_dates", "zh")
    with pytest.raises(ValueError):
        ec.channels.campaign_table(_frame(), by="ad")


def test_blank_campaigns_are_kept_and_spend_is_required():
    frame = _frame().assign(campaign=["A", None, "B", "  ", "D"])
    table = ec.channels.campaign_table(frame).set_index("campaign")
    assert table.loc["", "spend"] == 30.0  # a missing and a blank campaign: one "" row
    assert table.loc["Total", "spend"] == 110.0
    with pytest.raises(AnalysisError):
        ec.channels.campaign_table(_frame().drop(columns="spend"))


def test_campaign_levels():
    assert ec.channels.campaign_levels(_frame()) == ("campaign", "channel", "date")
    copied = _frame().drop(columns="date").assign(channel=lambda f: f["campaign"])
    assert ec.channels.campaign_levels(copied) == ("campaign",)  # channel taken from the campaign
    placeholder = _frame().drop(columns="date").assign(channel="(all)")
    assert ec.channels.campaign_levels(placeholder) == ("campaign",)
    assert ec.channels.campaign_levels(_frame().drop(columns="campaign")) == ("channel", "date")


def test_spend_trend_by_week_fills_gaps_and_divides_sums():
    trend = ec.channels.spend_trend(_frame(), "W")
    assert trend["period"].tolist() == list(pd.to_datetime(["2024-01-01", "2024-01-08", "2024-01-15"]))
    assert trend["spend"].tolist() == [90.0, 0.0, 20.0]
    assert trend["clicks"].tolist() == [85.0, 0.0, 0.0]
    assert trend.loc[0, "cpc"] == pytest.approx(90 / 85)
    assert np.isnan(trend.loc[1, "cpc"]) and np.isnan(trend.loc[2, "cpc"])  # no click: no CPC
    assert trend.loc[2, "cost_per_conversion"] == pytest.approx(20.0)
    daily = ec.channels.spend_trend(_frame(), "D")
    assert len(daily) == 16 and daily["spend"].sum() == pytest.approx(110.0)
    monthly = ec.channels.spend_trend(_frame(), "M")
    assert monthly["spend"].tolist() == [110.0]
    with pytest.raises(AnalysisError):
        ec.channels.spend_trend(_frame().assign(date=pd.NaT), "W")


# ---- a Facebook-ads file through the loader --------------------------------------------------
@pytest.fixture(scope="module")
def facebook() -> ec.Dataset:
    return ec.load(FACEBOOK_CSV, filename="facebook_ads.csv")


def test_facebook_export_loads_as_spend_with_campaigns_and_conversions(facebook):
    assert facebook.kind == "spend"
    assert facebook.mapping["spend"] == "Spent"
    assert facebook.mapping["conversions"] == "Total_Conversion"  # not Approved_Conversion
    assert facebook.mapping["campaign"] == "xyz_campaign_id"  # the campaign, not the ad
    assert facebook.frame["date"].isna().all()
    assert ec.channels.campaign_levels(facebook.frame) == ("campaign",)


def test_facebook_campaign_table_by_hand(facebook):
    table = ec.channels.campaign_table(facebook.frame)
    assert table["campaign"].tolist() == list(FACEBOOK_EXPECTED)
    got = table.set_index("campaign")[RATIO_COLUMNS]
    expected = pd.DataFrame.from_dict(FACEBOOK_EXPECTED, orient="index", columns=RATIO_COLUMNS).astype(float)
    pd.testing.assert_frame_equal(got, expected, check_names=False, check_index_type=False)
    with pytest.raises(AnalysisError):
        ec.channels.spend_trend(facebook.frame)


@pytest.mark.parametrize(
    ("lang", "total", "ctr", "cpc"),
    [("en", "Total", "0.08%", "1.44"), ("zh", "合计", "0.08%", "1.44")],
)
def test_present_labels_and_formats_in_both_languages(facebook, lang, total, ctr, cpc):
    table = ec.channels.campaign_table(facebook.frame)
    lab = present.campaign_labelled(table, lang)
    assert lab.columns[0] == t("ch_col_campaign", lang)
    assert lab.iloc[-1, 0] == total
    assert t("ch_col_cost_per_conversion", lang) in lab.columns
    assert t("ch_col_ad_revenue", lang) not in lab.columns  # no revenue in this export
    html = present.campaign_styled(table, lang).to_html()
    assert ctr in html and cpc in html  # CTR 56 ÷ 70,000; CPC 80.5 ÷ 56
    assert "70,000" in html  # impressions as a count


def test_charts_build_with_tooltips(facebook):
    table = ec.channels.campaign_table(facebook.frame)
    spec = charts.campaign_chart(table, "zh").to_dict()
    assert spec["encoding"]["color"]["field"] == "cost_per_conversion"
    assert len(spec["encoding"]["tooltip"]) >= 8
    assert charts.campaign_chart(ec.channels.campaign_table(_frame().assign(spend=0.0)), "en") is None
    trend = ec.channels.spend_trend(_frame(), "W")
    assert charts.spend_trend_chart(trend, "en", "spend").to_dict()["mark"]["type"] == "bar"
    assert charts.spend_trend_chart(trend, "zh", "cpc").to_dict()["mark"]["type"] == "line"


# ---- the page ------------------------------------------------------------------------------
def _ok(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_channel_mix_page_with_only_ad_spend_shows_the_campaign_table(open_page, facebook, lang):
    at = open_page(ui.CHANNEL_PAGE, {"spend": facebook}, lang=lang)
    _ok(at)
    infos = [str(e.value) for e in at.info]
    assert t("ui_need_data", lang, kinds=t("kind_orders", lang)) not in infos  # no guard
    assert t("ch_campaign_spend_only", lang) in infos  # what orders would add
    table = at.dataframe[0].value
    key = t("ch_col_campaign", lang)
    assert table[key].tolist() == ["1003", "1002", "1001", t("ch_group_total", lang)]
    assert table.loc[3, t("ch_col_cpc", lang)] == pytest.approx(80.5 / 56)
    assert table.loc[3, t("ch_col_cost_per_conversion", lang)] == pytest.approx(8.05)
    captions = "\n".join(str(c.value) for c in at.caption)
    assert "Total\\_Conversion" in captions  # which conversion column is counted
    assert t("ch_campaign_no_dates", lang) in captions
    assert [b.proto.label for b in at.get("download_button")] == [
        t("ui_download_csv", lang),
        t("ui_download_xlsx", lang),
    ]
    assert len(at.get("vega_lite_chart")) == 1
    assert not at.get("tabs") or not any(t("ch_tab_budget", lang) in str(x) for x in at.get("tabs"))


def test_channel_mix_page_with_dated_spend_alone_shows_the_trend(open_page):
    spend = _ds("spend", _frame())
    at = open_page(ui.CHANNEL_PAGE, {"spend": spend})
    _ok(at)
    options = [t(f"ch_campaign_by_{b}", "en") for b in ("campaign", "channel", "date")]
    assert at.radio(key="ch_campaign_by").options == options
    assert len(at.get("vega_lite_chart")) == 2  # campaigns and the weekly trend
    at.radio(key="ch_campaign_by").set_value("date").run()
    _ok(at)
    assert len(at.dataframe[0].value) == 5  # four days and the Total
    at.selectbox(key="ch_campaign_metric").set_value("cpc").run()
    _ok(at)


def test_with_orders_the_campaigns_are_an_extra_tab(open_page):
    orders = pd.DataFrame(
        {
            "order_id": ["o1", "o2", "o3"],
            "order_time": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03"]),
            "revenue": [100.0, 200.0, 50.0],
            "channel": ["Meta", "Google", "Meta"],
            "status": ["paid"] * 3,
        }
    )
    at = open_page(ui.CHANNEL_PAGE, {"orders": _ds("orders", orders), "spend": _ds("spend", _frame())})
    _ok(at)
    at.session_state["ch_tab"] = t("ch_tab_campaigns", "en")
    at.run()
    _ok(at)
    table = at.dataframe[0].value
    assert table[t("ch_col_campaign", "en")].tolist() == ["B", "A", "D", "C", "Total"]
    # spend without campaigns: no extra tab
    at = open_page(
        ui.CHANNEL_PAGE,
        {"orders": _ds("orders", orders), "spend": _ds("spend", _frame().drop(columns="campaign"))},
    )
    _ok(at)
    at.session_state["ch_tab"] = t("ch_tab_campaigns", "en")
    at.run()
    _ok(at)
    assert t("ch_campaign_intro", "en") not in "\n".join(str(c.value) for c in at.caption)


# ---- home --------------------------------------------------------------------------------
def test_home_asks_only_for_what_is_not_loaded(facebook):
    assert ov.wanted(spend=facebook) == ["orders", "experiment"]
    assert ov.wanted() == ["orders", "spend", "experiment"]
    orders = pd.DataFrame({"order_id": ["1"], "order_time": [pd.Timestamp("2024-01-01")], "revenue": [1.0]})
    assert ov.wanted(orders=orders) == ["customer_ids", "order_channels", "spend", "experiment"]
    for lang in ("en", "zh"):
        text = ov.no_findings_text(spend=facebook, lang=lang)
        assert t("kind_spend", lang) in text  # says what is loaded
        assert t("ov_want_spend", lang) not in text  # and never asks for it again
        assert t("ov_want_orders", lang) in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_home_with_only_spend_points_to_its_campaigns(open_page, facebook, lang):
    at = open_page(ui.HOME_PAGE, {"spend": facebook}, lang=lang)
    _ok(at)
    captions = [str(c.value) for c in at.caption]
    assert ov.no_findings_text(spend=facebook, lang=lang) in captions
    assert t("ov_no_findings", lang) not in captions
    links = [(link.proto.page, link.proto.label) for link in at.get("page_link")]
    assert any("Channel_mix" in page and label == t("ov_spend_alone", lang) for page, label in links)
