"""The seeded sample shop: determinism, internal consistency, planted facts, written files."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

from ecom_core import sample


@pytest.fixture(scope="module")
def shop() -> sample.SampleShop:
    return sample.generate(2024)


def _small(shop: sample.SampleShop) -> sample.SampleShop:
    """Every 25th order and a few weeks of the other kinds: the writer's mechanics, fast."""
    o = shop.orders
    ids = set(o["order_id"].drop_duplicates().iloc[::25]) | set(o.loc[o["status"] == "pending", "order_id"])
    early = pd.Timestamp("2025-01-22")
    return dataclasses.replace(
        shop,
        orders=shop.orders[shop.orders["order_id"].isin(ids)].reset_index(drop=True),
        traffic=shop.traffic[shop.traffic["date"] < early].reset_index(drop=True),
        spend=shop.spend[shop.spend["date"] < early].reset_index(drop=True),
        events=shop.events.iloc[:2000].reset_index(drop=True),
        experiment=shop.experiment.iloc[:1000].reset_index(drop=True),
    )


@pytest.fixture(scope="module")
def small(shop) -> sample.SampleShop:
    return _small(shop)


@pytest.fixture(scope="module")
def written(small, tmp_path_factory) -> dict:
    directory = tmp_path_factory.mktemp("sample_data")
    paths = sample.write_files(directory, small)
    return {"dir": directory, "paths": paths}


_CACHE: dict = {}


def _sheet(path, name: str, nrows: int | None = None) -> list[list]:
    """Rows of a sheet read back with calamine (cached per file, sheet and row limit)."""
    key = (str(path), name, nrows)
    if key not in _CACHE:
        sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name)
        _CACHE[key] = sheet.to_python(nrows=nrows) if nrows else sheet.to_python()
    return _CACHE[key]


def _header_and_height(path, name: str) -> tuple[list, int]:
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name)
    return sheet.to_python(nrows=1)[0], sheet.height


# --- generation --------------------------------------------------------------------------


def test_same_seed_same_data_other_seed_other_data(shop):
    again = sample.generate(2024)
    for kind, frame in shop.frames.items():
        pd.testing.assert_frame_equal(frame, again.frames[kind], obj=kind)
    assert again.facts == shop.facts
    other = sample.generate(7)
    assert not other.orders["revenue"].equals(shop.orders["revenue"])


def test_canonical_columns_and_dtypes(shop):
    for kind, frame in shop.frames.items():
        assert list(frame.columns) == sample.COLUMNS[kind], kind
    o = shop.orders
    for col in ("order_time", "paid_time"):
        assert pd.api.types.is_datetime64_any_dtype(o[col])
    for col in ("order_id", "customer_id", "product", "category", "channel", "region", "status"):
        assert pd.api.types.is_string_dtype(o[col]), col
    assert pd.api.types.is_integer_dtype(o["quantity"])
    for col in ("unit_price", "revenue", "refund_amount"):
        assert pd.api.types.is_float_dtype(o[col])
    assert pd.api.types.is_datetime64_any_dtype(shop.traffic["date"])
    assert pd.api.types.is_datetime64_any_dtype(shop.events["time"])
    assert pd.api.types.is_datetime64_any_dtype(shop.experiment["time"])
    assert pd.api.types.is_integer_dtype(shop.experiment["converted"])
    for kind, frame in shop.frames.items():
        assert len(frame) > 0, kind


def test_orders_look_like_a_real_shop(shop):
    o = shop.orders
    orders = o.drop_duplicates("order_id")
    per_customer = orders.groupby("customer_id").size()
    assert 5_000 <= len(per_customer) <= 7_000
    assert len(orders) >= 20_000
    assert len(o) > 1.2 * len(orders)
    assert o.groupby("order_id").size().max() == 3
    # heavy-tailed repeat buying: most buy once, a few buy very often
    assert 0.5 <= (per_customer == 1).mean() <= 0.6
    assert per_customer.max() >= 30
    assert o["product"].nunique() == 40 and o["category"].nunique() == 6
    assert not o.duplicated(["order_id", "product"]).any()
    assert set(o["status"]) == set(sample.STATUSES)
    assert orders["status"].eq("paid").mean() > 0.8
    assert {"广东", "浙江", "江苏", "上海", "北京", "山东", "四川"} <= set(o["region"])
    assert {
        "手淘搜索",
        "直通车",
        "淘宝客",
        "抖音",
        "小红书",
        "私域/微信",
        "Organic Search",
        "Paid Search",
        "Paid Social",
        "Email",
        "Direct",
        "Referral",
    } == set(o["channel"])
    # seasonality: 双11 and 618 are the two biggest days, evenings beat mornings
    top_days = orders["order_time"].dt.strftime("%m-%d").value_counts().index[:2]
    assert set(top_days) == {"11-11", "06-18"}
    hours = orders["order_time"].dt.hour.value_counts()
    assert hours[21] > 1.5 * hours[9] and hours[21] > 10 * hours[4]
    assert orders["order_time"].min() >= pd.Timestamp("2025-01-01")
    assert orders["order_time"].max() < pd.Timestamp("2026-01-01")


def test_order_amounts_statuses_and_refunds(shop):
    o = shop.orders
    gross = o["quantity"] * o["unit_price"]
    assert (o["revenue"] <= gross + 0.005).all() and (o["revenue"] >= 0.79 * gross - 0.01).all()
    unpaid = o["status"].isin(["pending", "cancelled"])
    assert o.loc[unpaid, "paid_time"].isna().all()
    assert o.loc[~unpaid, "paid_time"].notna().all()
    paid = o[~unpaid]
    assert (paid["paid_time"] >= paid["order_time"]).all()
    assert (paid["paid_time"].dt.normalize() == paid["order_time"].dt.normalize()).all()
    assert np.allclose(
        o.loc[o["status"] == "refunded", "refund_amount"], o.loc[o["status"] == "refunded", "revenue"]
    )
    part = o[o["status"] == "partially_refunded"]
    assert ((part["refund_amount"] > 0) & (part["refund_amount"] < part["revenue"])).all()
    others = o[~o["status"].isin(["refunded", "partially_refunded"])]
    assert (others["refund_amount"] == 0).all()
    # pending only in the last days (older unpaid orders were closed)
    assert o.loc[o["status"] == "pending", "order_time"].min() >= pd.Timestamp("2025-12-27")


def test_traffic_matches_orders(shop):
    o, t = shop.orders, shop.traffic
    assert len(t) == 365 * 12
    day = o["order_time"].dt.normalize()
    placed = (
        o.assign(date=day)
        .groupby(["date", "channel"])
        .agg(orderers=("customer_id", "nunique"), order_amount=("revenue", "sum"))
    )
    p = o[o["paid_time"].notna()]
    paid = (
        p.assign(date=p["paid_time"].dt.normalize())
        .groupby(["date", "channel"])
        .agg(payers=("customer_id", "nunique"), paid_amount=("revenue", "sum"))
    )
    placed.columns = ["orderers_o", "order_amount_o"]
    paid.columns = ["payers_p", "paid_amount_p"]
    m = t.set_index(["date", "channel"]).join(placed).join(paid)
    m = m.fillna(0)
    assert (m["payers"] == m["payers_p"]).all()
    assert np.allclose(m["paid_amount"], m["paid_amount_p"], atol=0.006)
    assert (m["orderers"] == m["orderers_o"]).all()
    assert np.allclose(m["order_amount"], m["order_amount_o"], atol=0.006)
    assert (t["visitors"] > t["product_views"]).all()
    assert (t["product_views"] >= t["cart_adds"]).all()
    assert (t["cart_adds"] >= t["orderers"]).all()
    assert (t["orderers"] >= t["payers"]).all()
    assert (t["page_views"] > t["visitors"]).all()
    conversion = t["payers"].sum() / t["visitors"].sum()
    assert 0.02 <= conversion <= 0.05


def test_spend_equals_traffic_spend(shop):
    t, s = shop.traffic, shop.spend
    paid_channels = {"直通车", "淘宝客", "抖音", "小红书", "Paid Search", "Paid Social"}
    assert set(s["channel"]) == paid_channels
    assert (t.loc[~t["channel"].isin(paid_channels), "spend"] == 0).all()
    m = s.merge(t, on=["date", "channel"], suffixes=("", "_t"), validate="one_to_one")
    assert len(m) == len(s) == 365 * len(paid_channels)
    assert np.allclose(m["spend"], m["spend_t"])
    assert (s.groupby("channel")["spend"].sum() > 0).all()
    assert (s["impressions"] > s["clicks"]).all()
    cpc = s[s["channel"] != "淘宝客"]
    assert (cpc["spend"] > 0).all() and (cpc["clicks"] > 0).all()


def test_events_clickstream(shop):
    e = shop.events
    assert 50_000 <= len(e) <= 80_000
    assert 3_000 <= e["user_id"].nunique() <= 8_000
    assert set(e["event"]) == {"view", "cart", "checkout", "purchase"}
    assert set(e["device"]) == {"mobile", "desktop", "tablet"}
    assert e["revenue"].notna().eq(e["event"] == "purchase").all()
    assert (e.loc[e["event"] == "purchase", "revenue"] > 0).all()
    assert e.duplicated().sum() > 0  # tracking fired twice now and then
    # some purchases are stamped before their session's checkout (out of order)
    s = e[e["event"].isin(["checkout", "purchase"])].groupby(["session_id", "event"])["time"]
    firsts = s.min().unstack()
    assert (firsts["purchase"] < firsts["checkout"]).sum() > 0


# --- planted facts -------------------------------------------------------------------------


def test_fact_leaky_funnel(shop):
    fun = sample.events_funnel(shop.events)
    rates = {
        "view_cart": fun["cart"] / fun["view"],
        "cart_checkout": fun["checkout"] / fun["cart"],
        "checkout_purchase": fun["purchase"] / fun["checkout"],
    }
    assert min(rates, key=rates.get) == "cart_checkout"
    assert rates["cart_checkout"] < 0.6 * min(rates["view_cart"], rates["checkout_purchase"])
    tot = shop.traffic[["visitors", "product_views", "cart_adds", "orderers", "payers"]].sum()
    steps = tot.to_numpy()[1:] / tot.to_numpy()[:-1]
    assert int(np.argmin(steps)) == 2  # cart adders -> orderers
    assert steps[2] < 0.7 * np.sort(steps)[1]
    assert "cart -> checkout" in shop.facts["funnel"]


def test_fact_unprofitable_channel(shop):
    by = shop.traffic.groupby("channel")[["paid_amount", "spend"]].sum()
    roas = (by["paid_amount"] / by["spend"]).dropna()
    roas = roas[np.isfinite(roas)]
    assert roas.idxmin() == sample.LEAKY_CHANNEL
    assert 1.3 <= roas[sample.LEAKY_CHANNEL] <= 1.7 < sample.BREAK_EVEN_ROAS
    assert (roas.drop(sample.LEAKY_CHANNEL) > sample.BREAK_EVEN_ROAS).all()
    assert shop.figures[f"roas_{sample.LEAKY_CHANNEL}"] == pytest.approx(roas[sample.LEAKY_CHANNEL])
    assert "直通车" in shop.facts["channel"] and "1.50" in shop.facts["channel"]


def test_fact_customers_at_risk(shop):
    o = shop.orders
    paid = o[o["status"].isin(["paid", "partially_refunded"])]
    per = paid.groupby("customer_id").agg(
        orders=("order_id", "nunique"), spend=("revenue", "sum"), last=("order_time", "max")
    )
    risk = per.loc[list(shop.at_risk_customers)]
    assert 150 <= len(risk) <= 300
    assert (risk["last"] < pd.Timestamp("2025-08-01")).all()
    assert (pd.Timestamp("2026-01-01") - risk["last"]).dt.days.min() >= 150
    assert risk["orders"].median() >= 3 * per["orders"].median()
    assert risk["spend"].median() >= per["spend"].quantile(0.8)
    # they are what a frequency/recency screen finds: frequent, high spenders gone quiet
    frequent = per[(per["orders"] >= 6) & (per["spend"] >= per["spend"].quantile(0.8))]
    quiet = frequent[frequent["last"] < pd.Timestamp("2025-08-01")]
    assert set(shop.at_risk_customers) & set(quiet.index)
    assert len(set(quiet.index) & set(shop.at_risk_customers)) >= 0.8 * len(quiet)
    # on an RFM grid (quintiles, 5 = best, ties broken by rank) they are R1-2 with top F
    as_of = o["order_time"].max().normalize() + pd.Timedelta(days=1)
    recency = (as_of - per["last"]).dt.days
    r_score = np.ceil((-recency).rank(method="first") / len(per) * 5)
    f_score = np.ceil(per["orders"].rank(method="first") / len(per) * 5)
    ids = list(shop.at_risk_customers)
    assert (r_score[ids] <= 2).mean() > 0.9 and (f_score[ids] == 5).mean() > 0.9
    # everyone else who buys that often kept buying
    active = frequent.drop(index=list(shop.at_risk_customers), errors="ignore")
    assert (active["last"] >= pd.Timestamp("2025-08-01")).mean() > 0.95


def test_fact_experiment(shop):
    x = shop.experiment
    assert 20_000 <= len(x) <= 20_200
    mismatch = (x["variant"] == "treatment") != (x["landing_page"] == "new_page")
    assert 10 <= mismatch.sum() <= 100
    assert 10 <= x["user_id"].duplicated().sum() <= 100
    clean = x[~mismatch].drop_duplicates("user_id")
    share = (clean["variant"] == "treatment").mean()
    assert 0.48 <= share <= 0.52
    rates = clean.groupby("variant")["converted"].mean()
    assert rates["control"] == pytest.approx(sample.EXP_CONTROL_RATE, abs=0.005)
    assert rates["treatment"] == pytest.approx(sample.EXP_TREATMENT_RATE, abs=0.006)
    lift = sample.EXP_TREATMENT_RATE / sample.EXP_CONTROL_RATE - 1
    assert lift == pytest.approx(0.15)
    assert (x.loc[x["converted"] == 1, "revenue"] > 0).all()
    assert (x.loc[x["converted"] == 0, "revenue"] == 0).all()
    assert "+15%" in shop.facts["experiment"]


# --- written files -----------------------------------------------------------------------
# "written": a tenth of the shop written into tmp_path by write_files (fast);
# "committed": the full files shipped in sample_data/, which must match the generator.

FILE_NAMES = {
    "sample_shop_en.xlsx",
    "sample_shop_zh.xlsx",
    "orders.csv",
    "traffic.csv",
    "events.csv",
    "spend.csv",
    "experiment.csv",
    "README.md",
}


@pytest.fixture(scope="module", params=["written", "committed"])
def files(request, shop, small, written) -> tuple[Path, sample.SampleShop]:
    if request.param == "written":
        return written["dir"], small
    return sample.SAMPLE_DIR, shop


def test_write_files_returns_every_file(written):
    assert {p.name for p in written["paths"]} == FILE_NAMES
    for path in written["paths"]:
        assert path.exists() and path.stat().st_size > 0


def test_writing_is_reproducible(small, written, tmp_path):
    again = sample.write_files(tmp_path, small)
    for path in again:
        assert path.read_bytes() == (written["dir"] / path.name).read_bytes(), path.name


def test_committed_files_are_complete_and_small():
    for name in FILE_NAMES:
        assert (sample.SAMPLE_DIR / name).exists(), name
    for name in ("sample_shop_en.xlsx", "sample_shop_zh.xlsx"):
        assert (sample.SAMPLE_DIR / name).stat().st_size < 6.5e6


def test_english_workbook(files):
    directory, shop = files
    path = directory / "sample_shop_en.xlsx"
    wb = CalamineWorkbook.from_path(str(path))
    assert wb.sheet_names == ["Orders", "Traffic", "Events", "Spend", "Experiment"]
    for kind, sheet in sample.SHEETS_EN.items():
        header, height = _header_and_height(path, sheet)
        assert header == sample.HEADERS_EN[kind], sheet
        assert height - 1 == len(shop.frames[kind]), sheet
    rows = _sheet(path, "Orders")
    orders = pd.DataFrame(rows[1:], columns=rows[0])
    assert set(orders["Status"]) == {"Paid", "Pending", "Cancelled", "Refunded", "Partially refunded"}
    assert "Guangdong" in set(orders["Region"])
    assert "Zhitongche" in set(orders["Channel"])
    assert orders["Revenue"].sum() == pytest.approx(shop.orders["revenue"].sum(), abs=0.01)
    assert orders["Order ID"].str.fullmatch(r"\d{18}").all()
    assert isinstance(orders["Order Date"].iloc[0], datetime.datetime)  # a real Excel date
    assert (orders["Paid Date"] == "").sum() == shop.orders["paid_time"].isna().sum()
    traffic = _sheet(path, "Traffic")
    assert isinstance(traffic[1][0], datetime.date)
    assert sum(r[8] for r in traffic[1:]) == shop.traffic["payers"].sum()


def test_chinese_workbook_orders(files):
    directory, shop = files
    path = directory / "sample_shop_zh.xlsx"
    wb = CalamineWorkbook.from_path(str(path))
    assert wb.sheet_names == list(sample.HEADERS_ZH)
    report_rows = _sheet(path, "订单报表")
    assert report_rows[0] == sample.HEADERS_ZH["订单报表"]
    assert "订单付款时间 " in report_rows[0] and "宝贝标题 " in report_rows[0]
    report = pd.DataFrame(report_rows[1:], columns=report_rows[0])
    lines_rows = _sheet(path, "宝贝明细")
    assert lines_rows[0] == sample.HEADERS_ZH["宝贝明细"]
    lines = pd.DataFrame(lines_rows[1:], columns=lines_rows[0])

    assert len(report) == shop.orders["order_id"].nunique()
    assert len(lines) == len(shop.orders)
    assert report["订单编号"].map(type).eq(str).all()
    assert report["订单编号"].str.fullmatch(r"\d{18}").all()
    assert report["订单编号"].is_unique
    # the order lines of the canonical frame add up to the order's amount (总金额)
    line_sum = shop.orders.groupby("order_id")["revenue"].sum()
    total = report.set_index("订单编号")["总金额"].astype(float)
    assert np.allclose(total.loc[line_sum.index], line_sum, atol=0.006)
    # as in real exports, 买家实际支付金额 = 总金额 − 退款金额 on paid orders and 0 on unpaid ones
    paid_orders = report["订单付款时间 "] != ""
    net = report["总金额"].astype(float) - report["退款金额"].astype(float)
    assert np.allclose(
        report.loc[paid_orders, "买家实际支付金额"].astype(float), net[paid_orders], atol=0.006
    )
    assert (report.loc[~paid_orders, "买家实际支付金额"].astype(float) == 0).all()
    assert (report["总金额"] >= report["买家实际支付金额"] - 0.005).all()
    assert set(report["订单状态"]) <= {
        "交易成功",
        "交易关闭",
        "等待买家付款",
        "卖家已发货，等待买家确认",
        "买家已付款，等待卖家发货",
    }
    assert {"交易成功", "交易关闭", "等待买家付款"} <= set(report["订单状态"])
    assert report["订单创建时间"].str.fullmatch(r"2025/\d{1,2}/\d{1,2} \d{1,2}:\d{2}").all()
    never_paid = report["订单编号"].isin(shop.orders.loc[shop.orders["paid_time"].isna(), "order_id"])
    assert (report.loc[never_paid, "订单付款时间 "] == "").all()
    assert (report.loc[~never_paid, "订单付款时间 "] != "").all()
    assert report["宝贝标题 "].str.contains("，").any()
    assert report["收货地址"].str.match(r"\S+ \S+市 \S+").all()
    assert (report["宝贝种类"].astype(int) == report["宝贝标题 "].str.count("，") + 1).all()
    qty = lines.groupby("订单编号")["购买数量"].sum()
    assert np.allclose(report.set_index("订单编号")["宝贝总数量"].loc[qty.index], qty)
    refunds = shop.orders.groupby("order_id")["refund_amount"].sum()
    assert np.allclose(report.set_index("订单编号")["退款金额"].loc[refunds.index], refunds)


def test_chinese_workbook_other_sheets(files):
    directory, shop = files
    path = directory / "sample_shop_zh.xlsx"
    sjcm = _sheet(path, "生意参谋")
    assert sjcm[0][0].startswith("【生意参谋平台】流量_全部_2025-01-01_")
    assert all(v == "" for v in sjcm[1])
    assert sjcm[2][0].startswith("统计时间：")
    assert sjcm[3] == sample.HEADERS_ZH["生意参谋"]
    assert len(sjcm) - 4 == len(shop.traffic)
    assert all(str(r[10]).endswith("%") for r in sjcm[4:])
    assert sum(r[9] for r in sjcm[4:]) == pytest.approx(shop.traffic["paid_amount"].sum())
    spend = _sheet(path, "推广花费")
    assert spend[0] == sample.HEADERS_ZH["推广花费"]
    assert sum(r[2] for r in spend[1:]) == pytest.approx(shop.spend["spend"].sum())
    for name, kind in (("行为日志", "events"), ("AB实验", "experiment")):
        header, height = _header_and_height(path, name)
        assert header == sample.HEADERS_ZH[name], name
        assert height - 1 == len(shop.frames[kind]), name
    events = _sheet(path, "行为日志", nrows=2000)
    assert {r[2] for r in events[1:]} == {"浏览", "加购", "下单", "支付"}
    assert {r[5] for r in events[1:]} == {"手机", "电脑", "平板"}
    ab = _sheet(path, "AB实验", nrows=1000)
    assert {r[2] for r in ab[1:]} == {"对照组", "实验组"}
    assert {r[4] for r in ab[1:]} == {"是", "否"}


def test_csv_files(files):
    directory, shop = files
    for kind in sample.COLUMNS:
        path = directory / f"{kind}.csv"
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
        frame = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
        assert list(frame.columns) == sample.HEADERS_EN[kind]
        assert len(frame) == len(shop.frames[kind])
    orders = pd.read_csv(directory / "orders.csv", encoding="utf-8-sig", dtype={"Order ID": str})
    assert orders["Revenue"].sum() == pytest.approx(shop.orders["revenue"].sum(), abs=0.05)
    assert orders["Order ID"].str.len().eq(18).all()
    experiment = pd.read_csv(directory / "experiment.csv", encoding="utf-8-sig")
    assert experiment["converted"].sum() == shop.experiment["converted"].sum()


def test_readme_states_the_facts(files):
    directory, shop = files
    text = (directory / "README.md").read_text(encoding="utf-8")
    for fact in shop.facts.values():
        assert fact in text
    assert "预设的业务结论" in text and "直通车" in text
    assert "/work" not in text and "/home" not in text and "/tmp" not in text


def test_sample_files_point_next_to_the_package():
    assert sample.SAMPLE_DIR.name == "sample_data"
    assert sample.SAMPLE_DIR.parent == Path(sample.__file__).resolve().parent.parent
    assert sample.sample_files("en") == [sample.SAMPLE_DIR / "sample_shop_en.xlsx"]
    assert sample.sample_files("zh") == [sample.SAMPLE_DIR / "sample_shop_zh.xlsx"]
    with pytest.raises(ValueError):
        sample.sample_files("fr")
