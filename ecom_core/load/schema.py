"""The canonical data model: kinds, their columns, and the header synonyms that find them.

Synonyms are compared after :func:`normalize_header` (case, spaces, punctuation, BOM and
full-width forms ignored) and listed best first: an earlier synonym is a surer match.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

KINDS: tuple[str, ...] = ("orders", "traffic", "events", "spend", "experiment")
PARTS: tuple[str, ...] = ("order_payments", "order_lines", "customer_table")
ORDER_STATUSES: tuple[str, ...] = (
    "paid",
    "pending",
    "cancelled",
    "refunded",
    "partially_refunded",
    "credit",
)
#: Orders that were paid, whatever happened after: what platforms count as paid sales (支付金额).
PAID_STATUSES: tuple[str, ...] = ("paid", "refunded", "partially_refunded")
#: Paid orders that still stand as sales (not fully refunded): what net revenue counts.
KEPT_STATUSES: tuple[str, ...] = ("paid", "partially_refunded")
#: Credit notes and return documents (UCI ``C`` invoices, orders whose lines sum below zero):
#: not orders placed but money given back against earlier sales. They keep the file's signed
#: ``revenue`` (negative); :mod:`ecom_core.metrics` counts it in refunds and nowhere else.
CREDIT_STATUS = "credit"

# dtype names: id, datetime, date, money, number, text, bool, status
# ``helper`` columns feed the conversion (e.g. unit_price -> revenue) but are not kept.


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str
    required: bool = False
    synonyms: tuple[str, ...] = ()
    helper: bool = False


def _c(name: str, dtype: str, synonyms: str, required: bool = False, helper: bool = False):
    syn = tuple(s.strip() for s in synonyms.split("|") if s.strip())
    return Column(name, dtype, required, syn, helper)


# Order-level money columns: an order total that exports repeat (WooCommerce) or leave blank
# (Shopify) on an order's extra line rows; counted once per order.
ORDER_LEVEL_MONEY: frozenset[str] = frozenset(
    {
        "total",
        "ordertotal",
        "ordertotalamount",
        "totalamount",
        "grandtotal",
        "买家实际支付金额",
        "实付金额",
        "总金额",
        "订单应付金额",
        "订单金额",
        "orderamount",
        "refundedamount",
        "orderrefundamount",
        "退款金额",
    }
)

SCHEMAS: dict[str, tuple[Column, ...]] = {
    "orders": (
        _c(
            "order_id",
            "id",
            "订单编号|订单号|订单id|主订单编号|父订单编号|子订单编号|order id|order number|order no|"
            "amazon-order-id|invoiceno|invoice|invoice no|invoice number|order_id|orderid|"
            "merchant-order-id|单据编号|name|订单",
            required=True,
        ),
        _c(
            "order_time",
            "datetime",
            "订单创建时间|下单时间|创建时间|订单时间|成交时间|order date|order time|created at|"
            "order_purchase_timestamp|purchase-date|purchase date|invoicedate|invoice date|"
            "order created|date created|orderdate|date|日期|time|timestamp|时间",
            required=True,
        ),
        _c(
            "revenue",
            "money",
            "买家实际支付金额|实付金额|实付款|订单应付金额|order total amount|total|order total|"
            "total amount|grand total|revenue|sales|sale amount|amount|item-price|gmv|"
            "order line total|line total|成交金额|支付金额|销售额|订单金额|金额|总金额|order amount",
            required=True,
        ),
        _c(
            "customer_id",
            "id",
            "customer_unique_id|customer id|customerid|customer_id|client id|buyer id|"
            "买家会员名|买家昵称|会员名|客户id|客户编号|用户id|买家id|user_id|userid|customer|"
            "email|email (billing)|buyer-email|buyer email|买家支付宝账号|收货人姓名|"
            "customer email|phone|联系手机",
        ),
        _c(
            "paid_time",
            "datetime",
            "订单付款时间|付款时间|支付时间|paid at|paid date|payment date|order_approved_at|"
            "date paid|paid time",
        ),
        _c(
            "quantity",
            "number",
            "quantity|qty|lineitem quantity|购买数量|宝贝总数量|商品数量|数量|件数|units|"
            "quantity ordered|item quantity",
        ),
        _c(
            "unit_price",
            "money",
            "unitprice|unit price|price|lineitem price|item cost|价格|单价|商品单价|price each",
            helper=True,
        ),
        _c(
            "product",
            "text",
            "宝贝标题|商品名称|商品标题|标题|商品|lineitem name|product name|product-name|"
            "product|description|item name|name|item|title|名称|sku|lineitem sku|stockcode|"
            "stock code|style|asin",
        ),
        _c("category", "text", "category|product category|类目|商品类目|品类|一级类目"),
        _c(
            "channel",
            "text",
            "channel|渠道|流量来源|来源|订单来源|source|sales channel|sales-channel|"
            "utm_source|referrer|referring site|marketing channel|推广渠道",
        ),
        _c(
            "region",
            "text",
            "region|province|state|省份|省|地区|收货省份|billing province|shipping province|"
            "ship-state|ship state|customer_state|state (billing)|收货地址|country|"
            "billing country|shipping country|ship-country|ship country|国家|city|"
            "billing city|ship-city|city (billing)|城市",
        ),
        _c(
            "status",
            "status",
            "订单状态|交易状态|financial status|order status|order-status|order_status|"
            "status|状态|payment status",
        ),
        _c(
            "cancelled_at",
            "datetime",
            "cancelled at|canceled at|cancelled_at|取消时间",
            helper=True,
        ),
        _c(
            "refund_amount",
            "money",
            "退款金额|成功退款金额|refunded amount|refund amount|order refund amount|"
            "order line total refunded|refund|退款",
        ),
        # Assigned by the money roles (ecom_core.load.money), never by synonyms: a paid column that
        # is already net of refunds, checked against revenue − refund_amount, then dropped.
        _c("net_paid", "money", "", helper=True),
    ),
    "traffic": (
        _c("date", "date", "统计日期|日期|date|day|stat date|数据日期|时间|统计时间", required=True),
        _c(
            "visitors",
            "number",
            "访客数|店铺访客数|uv|visitors|unique visitors|users|商品访客数|sessions|访问人数",
            required=True,
        ),
        _c("channel", "text", "流量来源|来源|渠道|channel|source|source / medium|traffic source"),
        _c("product", "text", "商品名称|商品id|product|product name|item"),
        _c("page_views", "number", "浏览量|pv|page views|pageviews|views|商品浏览量"),
        _c(
            "product_views",
            "number",
            "商品访客数|product views|product visitors|product detail views|浏览商品人数|item views",
        ),
        _c(
            "cart_adds",
            "number",
            "加购人数|商品加购人数|add to cart users|cart adds|add to cart|cart adders|加购件数|carts",
        ),
        _c("orderers", "number", "下单买家数|下单人数|orderers|ordering users|下单客户数"),
        _c("order_amount", "money", "下单金额|order amount|ordered amount"),
        _c(
            "payers",
            "number",
            "支付买家数|成交客户数|支付人数|成交人数|payers|purchasers|paying users|buyers|customers",
        ),
        _c(
            "paid_amount",
            "money",
            "支付金额|成交金额|paid amount|revenue|sales|gmv|销售额|purchase revenue",
        ),
        _c("spend", "money", "花费|推广花费|消耗|spend|cost|ad spend"),
    ),
    "events": (
        _c(
            "user_id",
            "id",
            "user_id|userid|user id|user_pseudo_id|visitor_id|visitorid|distinct_id|"
            "anonymous_id|client_id|用户id|用户|访客id|customer_id|user",
            required=True,
        ),
        _c(
            "time",
            "datetime",
            "event_time|event time|event_timestamp|timestamp|time|datetime|行为时间|时间|"
            "event_date|date|日期",
            required=True,
        ),
        _c(
            "event",
            "text",
            "event_type|event_name|event|behavior_type|behaviour_type|action|行为类型|行为|"
            "事件|事件类型|event type|event name",
            required=True,
        ),
        _c("session_id", "id", "user_session|session_id|sessionid|session|ga_session_id|会话id"),
        _c(
            "channel",
            "text",
            "channel|traffic_source.medium|traffic_source.source|utm_source|source|渠道|流量来源|referrer",
        ),
        _c("device", "text", "device|device_category|device.category|platform|设备|终端|os"),
        _c("product", "id", "product_id|productid|item_id|itemid|sku|product|商品id|商品"),
        _c("category", "text", "category_code|category|category_id|类目|类目id"),
        _c("revenue", "money", "revenue|price|value|amount|purchase_revenue|金额|event_value"),
    ),
    "spend": (
        _c("date", "date", "date|day|日期|reporting starts|统计日期|时间", required=False),
        _c(
            "channel",
            "text",
            "channel|platform|推广渠道|渠道|推广工具|media|publisher|network|source|平台",
        ),
        _c(
            "spend",
            "money",
            "spend|spent|cost|amount spent|amount spent (usd)|ad spend|花费|消耗|推广花费|费用|总花费",
            required=True,
        ),
        _c("impressions", "number", "impressions|展现量|曝光量|展示数|展示量|曝光数|展示次数|impr|展现"),
        _c("clicks", "number", "clicks|点击量|点击数|点击次数|link clicks|点击"),
        _c(
            "campaign",
            "text",
            "campaign|campaign name|推广计划|计划名称|计划|xyz_campaign_id|fb_campaign_id|"
            "campaign_id|ad_id|adset|ad set",
        ),
        _c(
            "conversions",
            "number",
            "conversions|total_conversion|成交笔数|转化数|purchases|approved_conversion",
        ),
        _c("revenue", "money", "revenue|conversion value|purchase value|成交金额|总成交金额|gmv"),
    ),
    "experiment": (
        _c(
            "variant",
            "text",
            "variant|group|arm|treatment|experiment group|test group|variation|bucket|"
            "实验组|分组|组别|版本|segment|version",
            required=True,
        ),
        _c(
            "converted",
            "bool",
            "converted|conversion|convert|is_converted|purchased|success|是否转化|转化|是否购买|outcome",
        ),
        _c(
            "visitors",
            "number",
            "visitors|users|participants|访客数|样本量|sessions|n|sample size|exposures",
        ),
        _c("conversions", "number", "conversions|converted users|转化数|successes|orders"),
        _c("revenue", "money", "revenue|spend|amount|金额|value|order value"),
        _c("user_id", "id", "user_id|userid|user id|user|id|用户id|customer_id|visitor_id"),
        _c("time", "datetime", "timestamp|time|date|时间|日期|event_time"),
        _c("landing_page", "text", "landing_page|landing page|page|落地页|页面"),
    ),
    "order_payments": (
        _c("order_id", "id", "order_id|order id|订单编号|订单号", required=True),
        _c("amount", "money", "payment_value|payment value|支付金额|payment amount", required=True),
        _c("payment_sequential", "number", "payment_sequential|payment sequential", helper=True),
        _c("payment_type", "text", "payment_type|payment type|支付方式"),
    ),
    "order_lines": (
        _c("order_id", "id", "订单编号|order_id|order id", required=True),
        _c("product", "text", "标题|宝贝标题|商品名称|product|product name", required=True),
        _c("unit_price", "money", "价格|单价|price|unit price", required=True),
        _c("quantity", "number", "购买数量|数量|quantity|qty"),
        _c("sku", "text", "商家编码|外部系统编号|sku"),
        _c("status", "status", "订单状态|status"),
    ),
    "customer_table": (
        _c("customer_id", "id", "customer_id|customer id|客户id|email", required=True),
        _c("person_id", "id", "customer_unique_id|customer unique id"),
        _c("region", "text", "customer_state|state|province|省份|billing province|country"),
        _c("city", "text", "customer_city|city|城市|billing city"),
        _c("email", "text", "email|邮箱|e-mail"),
        _c("name", "text", "first name|name|姓名|last name"),
        _c("phone", "text", "phone|电话|手机|default address phone"),
        _c("total_spent", "money", "total spent|累计消费"),
        _c("total_orders", "number", "total orders|累计订单数"),
    ),
}

# Columns whose presence alone points strongly to one kind (detection tie-breakers).
SIGNATURES: dict[str, frozenset[str]] = {
    "order_payments": frozenset({"paymentvalue", "paymentsequential", "paymentinstallments"}),
    "order_lines": frozenset({"套餐信息", "商品属性", "外部系统编号"}),
    "customer_table": frozenset(
        {"customeruniqueid", "customerzipcodeprefix", "totalspent", "acceptsemailmarketing"}
    ),
    "experiment": frozenset({"landingpage", "converted", "实验组", "是否转化"}),
    "traffic": frozenset({"访客数", "uv价值", "支付转化率", "商品访客数", "uv"}),
    "spend": frozenset({"impressions", "展现量", "spent", "花费", "消耗"}),
    "events": frozenset({"eventtype", "behaviortype", "eventname", "usersession", "行为类型"}),
}


def columns(kind: str, include_helpers: bool = True) -> list[Column]:
    """The canonical columns of ``kind`` (helpers feed conversion and are not kept)."""
    return [c for c in SCHEMAS[kind] if include_helpers or not c.helper]


def column(kind: str, name: str) -> Column:
    for c in SCHEMAS[kind]:
        if c.name == name:
            return c
    raise KeyError(f"{kind}.{name}")


_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)


def normalize_header(text: object) -> str:
    """Compare-ready form of a header: NFKC, lower case, no spaces, punctuation or BOM."""
    return _PUNCT.sub("", unicodedata.normalize("NFKC", str(text)).replace("\ufeff", "").lower())
