"""Shopify's ``Source`` values in the channel grouping: online store, point of sale, draft
orders, subscriptions and numeric sales-channel app ids, on a Shopify-shaped orders export."""

from __future__ import annotations

import pandas as pd
import pytest

import ecom_core as ec
from ecom_core import channels as chn

# A Shopify orders export (orders_export_1.csv shape, a subset of its columns): one row per
# line item; an order's extra lines repeat Name and Email and leave the money fields blank.
SHOPIFY_CSV = b"""\
Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,Billing City,Billing Zip,Billing Province,Billing Country,Cancelled at,Payment Method,Refunded Amount,Vendor,Id,Tags,Risk Level,Source
#1001,ann@example.com,paid,2024-03-01 10:00:05 -0800,fulfilled,2024-03-02 09:00:00 -0800,no,USD,43.20,5.00,0.00,48.20,,0.00,Standard,2024-03-01 10:00:00 -0800,1,Mug,30.00,,MUG-1,Portland,97201,OR,US,,Shopify Payments,0.00,Tea Co,5001,,Low,web
#1001,ann@example.com,,,,,,,,,,,,,,2024-03-01 10:00:00 -0800,1,Spoon,13.20,,SPN-1,,,,,,,,Tea Co,,,,web
#1002,bo@example.com,paid,2024-03-02 11:30:00 -0800,fulfilled,2024-03-02 11:30:00 -0800,no,USD,19.99,0.00,0.00,19.99,,0.00,,2024-03-02 11:30:00 -0800,1,Tea,19.99,,TEA-1,Portland,97201,OR,US,,Cash,0.00,Tea Co,5002,,Low,pos
#1003,cy@example.com,paid,2024-03-03 09:10:00 -0800,fulfilled,2024-03-04 10:00:00 -0800,no,USD,120.00,0.00,0.00,120.00,WHOLESALE,0.00,Freight,2024-03-03 09:00:00 -0800,2,Teapot,45.00,,POT-1,Salem,97301,OR,US,,Bank Deposit,0.00,Tea Co,5003,wholesale,Low,shopify_draft_order
#1003,cy@example.com,,,,,,,,,,,,,,2024-03-03 09:00:00 -0800,1,Cups,30.00,,CUP-1,,,,,,,,Tea Co,,,,shopify_draft_order
#1004,ann@example.com,paid,2024-03-04 08:15:00 -0800,fulfilled,2024-03-05 08:00:00 -0800,no,USD,30.00,0.00,0.00,30.00,,0.00,Standard,2024-03-04 08:15:00 -0800,1,Tea box,30.00,,BOX-1,Portland,97201,OR,US,,Shopify Payments,0.00,Tea Co,5004,subscription,Low,subscription_contract
#1005,dee@example.com,paid,2024-03-05 14:20:00 -0800,fulfilled,2024-03-06 09:00:00 -0800,yes,USD,50.00,5.00,0.00,55.00,,0.00,Standard,2024-03-05 14:20:00 -0800,1,Kettle,50.00,,KET-1,Eugene,97401,OR,US,,Shopify Payments,0.00,Tea Co,5005,,Low,580111
#1006,eve@example.com,paid,2024-03-06 16:45:00 -0800,fulfilled,2024-03-07 09:00:00 -0800,no,USD,70.00,0.00,0.00,70.00,,0.00,Standard,2024-03-06 16:45:00 -0800,1,Mug,40.00,,MUG-1,Bend,97701,OR,US,,Shopify Payments,0.00,Tea Co,5006,,Low,1354745
#1006,eve@example.com,,,,,,,,,,,,,,2024-03-06 16:45:00 -0800,1,Tea,30.00,,TEA-1,,,,,,,,Tea Co,,,,1354745
#1007,fay@example.com,refunded,2024-03-07 12:00:00 -0800,fulfilled,2024-03-08 09:00:00 -0800,no,USD,25.00,0.00,0.00,25.00,,0.00,Standard,2024-03-07 12:00:00 -0800,1,Spoon,25.00,,SPN-1,Portland,97201,OR,US,,Shopify Payments,25.00,Tea Co,5007,,Low,web
#1008,,paid,2024-03-08 19:05:00 -0800,,,no,USD,64.00,0.00,0.00,64.00,,0.00,Standard,2024-03-08 19:05:00 -0800,1,Teapot,64.00,,POT-1,Portland,97201,OR,US,,Shopify Payments,0.00,Tea Co,5008,,Low,web
"""

EXPECTED_GROUPS = {
    "web": ("Web Store", "organic"),
    "pos": ("Point of Sale", "owned_private"),
    "shopify_draft_order": ("Draft Orders", "owned_private"),
    "subscription_contract": ("Subscriptions", "owned_private"),
    "580111": ("Apps", "unassigned"),
    "1354745": ("Apps", "unassigned"),
}


@pytest.fixture(scope="module")
def shopify_orders() -> ec.Dataset:
    return ec.load(SHOPIFY_CSV, filename="orders_export_1.csv")


def test_the_fixture_loads_as_shopify_orders_with_source_as_channel(shopify_orders):
    ds = shopify_orders
    assert ds.kind == "orders"
    assert ds.mapping["channel"] == "Source"
    per_order = ds.frame.groupby("order_id")["revenue"].sum()
    assert per_order["#1001"] == pytest.approx(48.20)  # the order's Total, once
    assert per_order.sum() == pytest.approx(48.20 + 19.99 + 120 + 30 + 55 + 70 + 25 + 64)


def test_every_shopify_source_value_is_recognised(shopify_orders):
    mapping = chn.channel_mapping({"orders": shopify_orders})
    got = {v: (g, c) for v, g, c in zip(mapping["value"], mapping["group"], mapping["class"], strict=True)}
    assert got == EXPECTED_GROUPS
    assert mapping["matched"].all()
    assert chn.unassigned_audit(mapping).empty  # nothing left for the "not recognised" warning
    by_value = mapping.set_index("value")
    assert by_value.loc["web", "rows"] == 4 and by_value.loc["web", "revenue"] == pytest.approx(137.20)
    assert by_value.loc["580111", "kinds"] == "orders"


def test_channel_table_by_group_and_class(shopify_orders):
    mapping = chn.channel_mapping({"orders": shopify_orders})
    rep = chn.channel_table(shopify_orders.frame, mapping=mapping)
    revenue = rep.table.set_index("channel")["revenue"].to_dict()
    # paid revenue per group (the refunded #1007 was paid, so it counts before refunds)
    assert revenue == pytest.approx(
        {
            "Web Store": 48.20 + 25.00 + 64.00,
            "Draft Orders": 120.00,
            "Apps": 55.00 + 70.00,
            "Subscriptions": 30.00,
            "Point of Sale": 19.99,
        }
    )
    by_class = chn.channel_table(shopify_orders.frame, mapping=mapping, level="class").table
    by_class = by_class.set_index("channel")["revenue"]
    assert by_class["owned_private"] == pytest.approx(120.00 + 30.00 + 19.99)
    assert by_class["organic"] == pytest.approx(137.20)
    assert "paid" not in by_class.index  # draft orders and POS are not paid media


@pytest.mark.parametrize(
    ("lang", "names"),
    [
        (
            "en",
            [
                "Direct / Online Store",
                "Offline (point of sale)",
                "Manual (draft) orders",
                "Subscriptions",
                "Apps",
            ],
        ),
        ("zh", ["直接访问/在线商店", "线下门店 (POS)", "手工订单（草稿订单）", "订阅订单", "第三方应用渠道"]),
    ],
)
def test_new_groups_have_names_in_both_languages_and_round_trip(lang, names):
    groups = ["Web Store", "Point of Sale", "Draft Orders", "Subscriptions", "Apps"]
    assert [chn.group_label(g, lang) for g in groups] == names
    for g in groups:
        assert chn.GROUP_CLASS[g] in chn.CLASSES
        assert chn.GROUP_CLASS[g] != "paid"
    mapping = chn.channel_mapping(
        {"orders": pd.DataFrame({"channel": list(EXPECTED_GROUPS), "revenue": 1.0})}
    )
    shown = chn.localise_groups(mapping, lang)
    assert set(shown["group"]) == set(names)
    pd.testing.assert_frame_equal(chn.canonical_groups(shown), mapping)


def test_an_app_id_can_be_renamed_in_the_mapping(shopify_orders):
    edits = pd.DataFrame(
        {"value": ["580111"], "group": ["Facebook & Instagram"], "class": ["referral_viral"]}
    )
    mapping = chn.channel_mapping({"orders": shopify_orders}, overrides=edits)
    row = mapping.set_index("value").loc["580111"]
    assert (row["group"], row["class"]) == ("Facebook & Instagram", "referral_viral")
    assert mapping.set_index("value").loc["1354745", "group"] == "Apps"
    revenue = chn.channel_table(shopify_orders.frame, mapping=mapping).table.set_index("channel")["revenue"]
    assert revenue["Facebook & Instagram"] == pytest.approx(55.00)
    assert revenue["Apps"] == pytest.approx(70.00)


def test_the_rules_fire_only_where_unambiguous():
    got = chn.assign_groups(["web / referral", "webinar", "shopify", "pos / cpc", "580111"]).set_index(
        "value"
    )
    assert got.loc["web / referral", "group"] == "Referral"  # "web" as a source with a medium
    assert got.loc["webinar", "group"] == "Unassigned"  # a word that starts with "web"
    assert got.loc["shopify", "group"] == "Organic Shopping"  # GA4's rule still holds
    assert got.loc["pos / cpc", "group"] == "Paid Other"
    assert got.loc["580111", "group"] == "Unassigned"  # a number from data of unknown kind
    assert chn.assign_groups(["580111"], kinds="orders").loc[0, "group"] == "Apps"

    # a number in spend is a campaign or account id, not an app; in orders it is an app
    spend = pd.DataFrame({"channel": ["916", "580111"], "spend": [10.0, 5.0]})
    orders = pd.DataFrame({"channel": ["580111"], "revenue": [20.0]})
    mapping = chn.channel_mapping({"orders": orders, "spend": spend}).set_index("value")
    assert mapping.loc["916", "group"] == "916" and not mapping.loc["916", "matched"]
    assert mapping.loc["580111", "group"] == "Apps"
    # values the mapping does not list are grouped knowing the frame's kind
    keyed = chn.apply_mapping(orders, None, kind="orders")["channel_key"].tolist()
    assert keyed == ["Apps"]
    assert chn.apply_mapping(spend, None, kind="spend")["channel_key"].tolist() == ["916", "580111"]


def test_a_users_rule_still_comes_first():
    rules = pd.concat(
        [pd.DataFrame({"source": ["^web$"], "medium": [""], "group": ["Own shop"], "class": ["owned_private"]}),
         chn.DEFAULT_RULES],
        ignore_index=True,
    )  # fmt: skip
    assert chn.assign_groups(["web"], rules).loc[0, "group"] == "Own shop"
    # a rules table without ``only_in`` applies every rule everywhere
    plain = chn.DEFAULT_RULES.drop(columns="only_in")
    assert chn.assign_groups(["580111"], plain).loc[0, "group"] == "Apps"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_channel_mix_page_names_the_shopify_sources(open_page, shopify_orders, lang):
    from ecom_core import ui
    from ecom_core.i18n import t

    at = open_page(ui.CHANNEL_PAGE, {"orders": shopify_orders}, lang=lang)
    assert not at.exception, [e.value for e in at.exception]
    table = at.dataframe[0].value
    shown = set(table[t("ch_col_channel", lang)])
    groups = ("Web Store", "Point of Sale", "Draft Orders", "Subscriptions", "Apps")
    assert shown == {chn.group_label(g, lang) for g in groups}
    not_recognised = t("ch_audit", lang, n="|", share="|", values="|").split("|")[1]
    assert not_recognised.strip()
    assert not any(not_recognised in str(w.value) for w in at.warning)
