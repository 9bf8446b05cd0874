"""A seeded, reproducible sample shop: orders, traffic, clickstream, ad spend and an A/B test.

The shop is a Taobao/Tmall tea-and-lifestyle store that also sells through its own web shop,
over the calendar year 2025. Everything is generated here with numpy from one seed; nothing is
taken from real data. :func:`generate` returns canonical DataFrames (the column names of the
app's data model) and :func:`write_files` writes them as an English workbook, a Chinese
workbook shaped like real Taobao / 生意参谋 exports, UTF-8-BOM CSVs and a README.

Four facts are planted so every page of the app has something to find:

1. **Leaky funnel** -- cart -> checkout (加购 -> 下单) is by far the weakest step.
2. **Unprofitable channel** -- 直通车 (Zhitongche, Taobao pay-per-click) has a ROAS of 1.5,
   below the break-even ROAS of 2.5 at a 40 % gross margin.
3. **Customers at risk** -- a group of formerly frequent, high-spending customers placed no
   order after 2025-07-31, five months before the data ends.
4. **A/B test** -- the new landing page truly lifts conversion by +15 % relative
   (4.0 % -> 4.6 %).

Run ``python -m ecom_core.sample [directory]`` to (re)write the files; the default directory
is the ``sample_data`` folder next to the package.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter

__all__ = [
    "BREAK_EVEN_ROAS",
    "COLUMNS",
    "EXP_CONTROL_RATE",
    "EXP_RELATIVE_LIFT",
    "EXP_TREATMENT_RATE",
    "GROSS_MARGIN",
    "HEADERS_EN",
    "HEADERS_ZH",
    "LEAKY_CHANNEL",
    "SAMPLE_DIR",
    "SHEETS_EN",
    "STATUSES",
    "SampleShop",
    "chinese_tables",
    "english_tables",
    "events_funnel",
    "generate",
    "main",
    "readme",
    "sample_files",
    "write_files",
]

SAMPLE_DIR: Path = Path(__file__).resolve().parent.parent / "sample_data"
"""The ``sample_data`` folder next to the ``ecom_core`` package."""

DEFAULT_SEED = 2024
START = np.datetime64("2025-01-01")
END = np.datetime64("2025-12-31")
GROSS_MARGIN = 0.40
BREAK_EVEN_ROAS = 1.0 / GROSS_MARGIN
AT_RISK_LAST_DAY = np.datetime64("2025-07-31")
LEAKY_CHANNEL = "直通车"

# Experiment design (planted truth).
EXP_CONTROL_RATE = 0.040
EXP_RELATIVE_LIFT = 0.15
EXP_TREATMENT_RATE = EXP_CONTROL_RATE * (1 + EXP_RELATIVE_LIFT)
EXP_USERS = 20_000
EXP_START = np.datetime64("2025-09-01T00:00:00", "us")
EXP_DAYS = 21

_DAY_S = 86_400
_SECOND = np.timedelta64(1, "s")

# ---------------------------------------------------------------------------------------
# Catalogue, geography and channels
# ---------------------------------------------------------------------------------------

# category (zh), category (en), customer preference weight
_CATEGORIES: list[tuple[str, str, float]] = [
    ("茶叶", "Tea", 0.25),
    ("茶具", "Teaware", 0.12),
    ("零食", "Snacks", 0.22),
    ("家居", "Home", 0.16),
    ("个护", "Personal Care", 0.15),
    ("数码配件", "Digital Accessories", 0.10),
]

# sku, category index, Taobao title (zh), English name, list price (CNY), popularity,
# 商品属性 (SKU attributes as in a 宝贝明细 export)
# sku | category index | list price (CNY) | popularity | Taobao title | 商品属性 (SKU attributes)
_PRODUCT_TABLE = """
P001|0|398.0|1.2|西湖龙井 2025新茶 明前特级 250g礼盒装|净含量:250g;包装:礼盒装
P002|0|168.0|1.6|安溪铁观音 浓香型 乌龙茶 500g|净含量:500g;香型:浓香型
P003|0|128.0|1.3|云南普洱熟茶 勐海古树 357g茶饼|净含量:357g
P004|0|238.0|0.9|武夷山大红袍 岩茶 250g罐装|净含量:250g;包装:罐装
P005|0|158.0|1.0|福鼎白茶 白牡丹 200g|净含量:200g
P006|0|88.0|1.4|正山小种 红茶 150g铁罐|净含量:150g;包装:铁罐
P007|0|39.9|2.4|茉莉花茶 浓香型 袋泡茶30包|规格:30包
P008|0|45.0|2.0|桂花乌龙 冷泡茶 三角茶包20包|规格:20包
P009|1|259.0|0.8|德化白瓷 盖碗茶具套装 一壶六杯|颜色分类:羊脂白;套装:一壶六杯
P010|1|599.0|0.5|宜兴紫砂壶 纯手工 西施壶 220ml|容量:220ml
P011|1|39.0|1.7|玻璃公道杯 耐热加厚 分茶器|容量:350ml
P012|1|79.0|1.5|便携旅行茶具 快客杯 一壶两杯|颜色分类:青瓷
P013|1|189.0|0.6|竹制茶盘 储水式 家用茶台|尺寸:50x30cm
P014|1|129.0|0.9|汝窑品茗杯 开片可养 6只装|颜色分类:天青色;数量:6只
P015|1|299.0|0.6|电陶炉 煮茶器 静音 小型|颜色分类:黑色
P016|2|129.0|2.2|每日坚果 混合果仁 30袋装|规格:30袋
P017|2|49.9|1.8|手工牛轧糖 蔓越莓味 500g|口味:蔓越莓;净含量:500g
P018|2|68.0|1.6|低糖凤梨酥 礼盒 12枚装|规格:12枚
P019|2|35.9|1.9|云南鲜花饼 玫瑰味 10枚装|口味:玫瑰;规格:10枚
P020|2|29.9|2.1|冻干草莓脆 0添加 100g|净含量:100g
P021|2|59.0|1.3|黑芝麻丸 九蒸九晒 独立包装|规格:30丸
P022|2|39.8|1.7|靖江猪肉脯 原味 200g|口味:原味;净含量:200g
P023|3|299.0|0.8|全棉四件套 纯棉 1.8m床|尺寸:1.8m床;颜色分类:燕麦色
P024|3|89.0|1.2|香薰蜡烛 大豆蜡 礼盒装|香型:白茶
P025|3|139.0|1.0|记忆棉枕头 护颈 慢回弹|规格:60x40cm
P026|3|69.0|0.9|北欧陶瓷花瓶 客厅摆件|颜色分类:奶白
P027|3|99.0|1.1|珊瑚绒毯子 加厚 午睡毯|尺寸:150x200cm
P028|3|59.9|1.4|可折叠收纳箱 大号 3个装|规格:3个装
P029|3|49.0|1.3|无火香薰 藤条扩香 200ml|香型:乌龙茶
P030|4|69.0|1.6|氨基酸洗面奶 温和清洁 120g|净含量:120g
P031|4|79.0|1.7|玻尿酸补水面膜 10片装|规格:10片
P032|4|59.0|1.4|护手霜礼盒 5支装|规格:5支
P033|4|89.0|1.3|无硅油洗发水 控油蓬松 500ml|净含量:500ml
P034|4|199.0|0.8|声波电动牙刷 成人 充电式|颜色分类:白色
P035|4|79.0|1.2|烟酰胺身体乳 400ml|净含量:400ml
P036|5|299.0|0.9|无线蓝牙耳机 主动降噪|颜色分类:白色
P037|5|129.0|1.1|氮化镓快充充电器 65W|功率:65W
P038|5|159.0|1.0|磁吸无线充电宝 10000mAh|容量:10000mAh
P039|5|29.9|1.5|手机支架 桌面折叠 铝合金|颜色分类:银色
P040|5|25.9|1.6|Type-C数据线 编织 2米|长度:2m
"""

# sku | English product name
_PRODUCT_NAMES_EN = """
P001|West Lake Longjing tea, 250 g gift box
P002|Anxi Tieguanyin oolong tea, 500 g
P003|Yunnan ripe Pu'er tea cake, 357 g
P004|Wuyi Da Hong Pao rock tea, 250 g tin
P005|Fuding white tea Bai Mudan, 200 g
P006|Lapsang souchong black tea, 150 g tin
P007|Jasmine tea bags, 30 bags
P008|Osmanthus oolong cold-brew bags, 20 bags
P009|Dehua porcelain gaiwan tea set
P010|Yixing clay teapot, handmade, 220 ml
P011|Heat-resistant glass tea pitcher
P012|Portable travel tea set
P013|Bamboo tea tray with water tank
P014|Ru-kiln tea cups, set of 6
P015|Quiet electric ceramic tea stove
P016|Daily mixed nuts, 30 packs
P017|Handmade cranberry nougat, 500 g
P018|Low-sugar pineapple cakes, box of 12
P019|Yunnan rose flower cakes, 10 pieces
P020|Freeze-dried strawberry crisps, 100 g
P021|Black sesame balls, individually wrapped
P022|Jingjiang pork jerky, 200 g
P023|Cotton bedding set, 4 pieces, 1.8 m bed
P024|Soy-wax scented candle gift box
P025|Memory-foam neck pillow
P026|Nordic ceramic vase
P027|Thick coral-fleece blanket
P028|Foldable storage boxes, set of 3
P029|Reed diffuser, 200 ml
P030|Amino-acid facial cleanser, 120 g
P031|Hyaluronic sheet masks, 10 pieces
P032|Hand-cream gift set, 5 tubes
P033|Silicone-free shampoo, 500 ml
P034|Sonic electric toothbrush
P035|Niacinamide body lotion, 400 ml
P036|Noise-cancelling wireless earbuds
P037|65 W GaN fast charger
P038|Magnetic power bank, 10,000 mAh
P039|Foldable aluminium phone stand
P040|Braided USB-C cable, 2 m
"""


def _table(text: str) -> list[list[str]]:
    return [line.split("|") for line in text.strip().splitlines()]


_NAMES_EN = dict(_table(_PRODUCT_NAMES_EN))
# sku, category index, Taobao title (zh), English name, list price (CNY), popularity, 商品属性
_PRODUCTS: list[tuple[str, int, str, str, float, float, str]] = [
    (sku, int(cat), title, _NAMES_EN[sku], float(price), float(pop), attrs)
    for sku, cat, price, pop, title, attrs in _table(_PRODUCT_TABLE)
]

# short name (the canonical region) | address prefix | English | weight | city:district,...;...
_PROVINCE_TABLE = """
广东|广东省|Guangdong|0.14|广州市:天河区,海珠区,越秀区,番禺区;深圳市:南山区,福田区,宝安区,龙岗区;佛山市:禅城区,顺德区
浙江|浙江省|Zhejiang|0.10|杭州市:西湖区,余杭区,滨江区,拱墅区;宁波市:鄞州区,海曙区;温州市:鹿城区,瓯海区
江苏|江苏省|Jiangsu|0.10|南京市:鼓楼区,玄武区,江宁区;苏州市:姑苏区,吴中区,相城区;无锡市:梁溪区,滨湖区
上海|上海|Shanghai|0.07|上海市:浦东新区,徐汇区,静安区,闵行区,杨浦区
北京|北京|Beijing|0.06|北京市:朝阳区,海淀区,东城区,丰台区
山东|山东省|Shandong|0.07|济南市:历下区,市中区;青岛市:市南区,崂山区,黄岛区
四川|四川省|Sichuan|0.05|成都市:武侯区,锦江区,青羊区,成华区;绵阳市:涪城区
福建|福建省|Fujian|0.05|福州市:鼓楼区,仓山区;厦门市:思明区,湖里区
河南|河南省|Henan|0.05|郑州市:金水区,二七区,中原区
湖北|湖北省|Hubei|0.04|武汉市:洪山区,武昌区,江汉区
湖南|湖南省|Hunan|0.04|长沙市:岳麓区,天心区,开福区
安徽|安徽省|Anhui|0.03|合肥市:蜀山区,包河区
河北|河北省|Hebei|0.03|石家庄市:长安区,裕华区
陕西|陕西省|Shaanxi|0.03|西安市:雁塔区,碑林区,未央区
重庆|重庆|Chongqing|0.03|重庆市:渝北区,江北区,沙坪坝区
辽宁|辽宁省|Liaoning|0.025|沈阳市:和平区,浑南区;大连市:中山区,甘井子区
天津|天津|Tianjin|0.02|天津市:和平区,南开区
云南|云南省|Yunnan|0.02|昆明市:五华区,盘龙区
广西|广西壮族自治区|Guangxi|0.02|南宁市:青秀区,西乡塘区
江西|江西省|Jiangxi|0.02|南昌市:红谷滩区,东湖区
"""
_PROVINCES: list[tuple[str, str, str, float, list[tuple[str, list[str]]]]] = [
    (
        short,
        prefix,
        en,
        float(weight),
        [(c.split(":")[0], c.split(":")[1].split(",")) for c in cities.split(";")],
    )
    for short, prefix, en, weight, cities in _table(_PROVINCE_TABLE)
]

# fmt: off
_STREETS = ["文三路", "人民路", "中山路", "解放路", "建设路", "和平路", "长江路", "学府路",
            "新华路", "科技路", "湖滨路", "花园路", "东风路", "青年路", "滨江大道", "创业路"]
# fmt: on

# name (canonical, as in the zh data), English name, share of orders, visitor->order rate,
# target ROAS (None: unpaid channel), ad click-through rate
_CHANNELS: list[tuple[str, str, float, float, float | None, float]] = [
    ("手淘搜索", "Taobao Search", 0.20, 0.035, None, 0.0),
    ("直通车", "Zhitongche", 0.12, 0.025, 1.5, 0.025),
    ("淘宝客", "Taobaoke", 0.07, 0.040, 5.0, 0.015),
    ("抖音", "Douyin", 0.10, 0.020, 3.1, 0.012),
    ("小红书", "Xiaohongshu", 0.06, 0.022, 3.4, 0.018),
    ("私域/微信", "WeChat", 0.07, 0.055, None, 0.0),
    ("Organic Search", "Organic Search", 0.08, 0.030, None, 0.0),
    ("Paid Search", "Paid Search", 0.07, 0.028, 4.2, 0.035),
    ("Paid Social", "Paid Social", 0.05, 0.020, 2.9, 0.009),
    ("Email", "Email", 0.05, 0.045, None, 0.0),
    ("Direct", "Direct", 0.08, 0.040, None, 0.0),
    ("Referral", "Referral", 0.05, 0.030, None, 0.0),
]
_COMMISSION_CHANNEL = "淘宝客"  # paid by commission on sales, not per click

STATUSES = ("paid", "pending", "cancelled", "refunded", "partially_refunded")
_STATUS_EN = {
    "paid": "Paid",
    "pending": "Pending",
    "cancelled": "Cancelled",
    "refunded": "Refunded",
    "partially_refunded": "Partially refunded",
}
_EVENT_ZH = {"view": "浏览", "cart": "加购", "checkout": "下单", "purchase": "支付"}
_DEVICE_ZH = {"mobile": "手机", "desktop": "电脑", "tablet": "平板"}
_VARIANT_ZH = {"control": "对照组", "treatment": "实验组"}

# fmt: off
# Canonical columns per kind, in order.
COLUMNS: dict[str, list[str]] = {
    "orders": ["order_id", "order_time", "paid_time", "customer_id", "product", "category",
               "quantity", "unit_price", "revenue", "channel", "region", "status",
               "refund_amount"],
    "traffic": ["date", "channel", "visitors", "page_views", "product_views", "cart_adds",
                "orderers", "order_amount", "payers", "paid_amount", "spend"],
    "events": ["user_id", "time", "event", "session_id", "channel", "device", "product",
               "revenue"],
    "spend": ["date", "channel", "spend", "impressions", "clicks"],
    "experiment": ["user_id", "time", "variant", "landing_page", "converted", "revenue"],
}

# English headers, in the order of COLUMNS.
HEADERS_EN: dict[str, list[str]] = {
    "orders": ["Order ID", "Order Date", "Paid Date", "Customer ID", "Product", "Category",
               "Quantity", "Unit Price", "Revenue", "Channel", "Region", "Status",
               "Refund Amount"],
    "traffic": ["Date", "Channel", "Visitors", "Page Views", "Product Views",
                "Add to Cart Users", "Orderers", "Order Amount", "Payers", "Paid Amount",
                "Spend"],
    "events": ["user_id", "event_time", "event_type", "session_id", "channel", "device",
               "product_id", "revenue"],
    "spend": ["Date", "Channel", "Spend", "Impressions", "Clicks"],
    "experiment": ["user_id", "timestamp", "group", "landing_page", "converted", "revenue"],
}
# fmt: on
SHEETS_EN: dict[str, str] = {
    "orders": "Orders",
    "traffic": "Traffic",
    "events": "Events",
    "spend": "Spend",
    "experiment": "Experiment",
}

# Note the trailing spaces in "订单付款时间 " and "宝贝标题 ", as in real Taobao exports.
# fmt: off
HEADERS_ZH: dict[str, list[str]] = {
    "订单报表": ["订单编号", "买家会员名", "买家应付货款", "买家应付邮费", "总金额",
                 "买家实际支付金额", "订单状态", "收货地址", "订单创建时间", "订单付款时间 ",
                 "宝贝标题 ", "宝贝种类", "宝贝总数量", "退款金额", "流量来源"],
    "宝贝明细": ["订单编号", "标题", "价格", "购买数量", "外部系统编号", "商品属性",
                 "套餐信息", "备注", "订单状态", "商家编码"],
    "生意参谋": ["统计日期", "流量来源", "访客数", "浏览量", "商品访客数", "加购人数",
                 "下单买家数", "下单金额", "支付买家数", "支付金额", "支付转化率", "客单价",
                 "UV价值"],
    "推广花费": ["日期", "推广渠道", "花费", "展现量", "点击量"],
    "行为日志": ["用户ID", "时间", "行为类型", "会话ID", "渠道", "设备", "商品ID", "金额"],
    "AB实验": ["用户ID", "时间", "实验组", "落地页", "是否转化", "金额"],
}
# fmt: on
SJCM_TITLE_ROWS = 3
"""Rows above the header in the 生意参谋 sheet (title, empty row, 统计时间)."""


# ---------------------------------------------------------------------------------------
# The result
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SampleShop:
    """One generated shop: canonical frames plus the facts planted in them.

    Attributes
    ----------
    orders, traffic, events, spend, experiment
        Canonical DataFrames with exactly the columns of :data:`COLUMNS`.
    facts
        Planted fact name (``funnel``, ``channel``, ``at_risk``, ``experiment``) -> an English
        sentence with the exact figures measured in this data.
    figures
        The same facts as numbers (rates as fractions, money in CNY), for tests and notebooks.
    customers
        One row per customer: customer_id, region, address (收货地址), at_risk.
    at_risk_customers
        ``customer_id`` of every planted at-risk customer.
    seed
        The seed the shop was generated from.
    """

    orders: pd.DataFrame
    traffic: pd.DataFrame
    events: pd.DataFrame
    spend: pd.DataFrame
    experiment: pd.DataFrame
    facts: dict[str, str]
    figures: dict[str, float] = field(default_factory=dict)
    customers: pd.DataFrame = field(default_factory=pd.DataFrame)
    at_risk_customers: tuple[str, ...] = ()
    seed: int = DEFAULT_SEED

    @property
    def frames(self) -> dict[str, pd.DataFrame]:
        """Kind -> canonical frame, in the order of :data:`COLUMNS`."""
        return {kind: getattr(self, kind) for kind in COLUMNS}


# ---------------------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------------------


def generate(seed: int = DEFAULT_SEED) -> SampleShop:
    """Generate the sample shop.

    Parameters
    ----------
    seed
        Seed of ``numpy.random.default_rng``; the same seed always gives the same data.

    Returns
    -------
    SampleShop
        Canonical frames for the year 2025 and the planted facts with their figures.
    """
    rng = np.random.default_rng(seed)
    r_cal, r_cust, r_ord, r_traf, r_ev, r_exp = rng.spawn(6)
    days, weights = _calendar(r_cal)
    customers = _customers(r_cust)
    orders = _orders(r_ord, days, weights, customers)
    traffic, spend = _traffic(r_traf, days, orders)
    events = _events(r_ev, days, weights)
    experiment = _experiment(r_exp)
    at_risk = tuple(sorted(customers["customer_id"][customers["at_risk"]]))
    people = pd.DataFrame(
        {
            "customer_id": pd.array(customers["customer_id"], dtype="str"),
            "region": pd.array(np.array([p[0] for p in _PROVINCES])[customers["region"]], dtype="str"),
            "address": pd.array(customers["address"], dtype="str"),
            "at_risk": customers["at_risk"],
        }
    )
    figures = _figures(orders, traffic, events, experiment, at_risk)
    return SampleShop(
        orders=orders,
        traffic=traffic,
        events=events,
        spend=spend,
        experiment=experiment,
        facts=_facts_en(figures),
        figures=figures,
        customers=people,
        at_risk_customers=at_risk,
        seed=seed,
    )


def _between(days: np.ndarray, first: str, last: str) -> np.ndarray:
    return (days >= np.datetime64(first)) & (days <= np.datetime64(last))


def _calendar(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Days of 2025 and their relative order volume (weekly rhythm, festivals, 618, 双11)."""
    days = np.arange(START, END + np.timedelta64(1, "D"))
    weekday = (days.astype("int64") + 3) % 7  # 0 = Monday
    w = np.array([1.0, 0.97, 0.97, 1.0, 1.04, 1.14, 1.18])[weekday]
    w = w * (1.0 + 0.25 * np.arange(days.size) / (days.size - 1))  # the shop grows
    w[_between(days, "2025-01-22", "2025-02-05")] *= 0.55  # Spring Festival: couriers stop
    w[_between(days, "2025-03-05", "2025-03-07")] *= 1.2
    w[days == np.datetime64("2025-03-08")] *= 1.6  # 女王节
    w[_between(days, "2025-05-30", "2025-05-31")] *= 1.4  # 618 pre-sale
    w[_between(days, "2025-06-01", "2025-06-17")] *= 1.5
    w[days == np.datetime64("2025-06-18")] *= 4.5  # 618
    w[_between(days, "2025-06-19", "2025-06-20")] *= 1.3
    w[_between(days, "2025-10-21", "2025-10-31")] *= 1.5  # 双11 pre-sale
    w[_between(days, "2025-11-01", "2025-11-10")] *= 1.4
    w[days == np.datetime64("2025-11-11")] *= 7.0  # 双11
    w[_between(days, "2025-11-12", "2025-11-13")] *= 1.3
    w[days == np.datetime64("2025-12-12")] *= 2.2  # 双12
    w = w * rng.lognormal(0.0, 0.08, days.size)
    return days, w


def _promo_days(days: np.ndarray) -> np.ndarray:
    return (
        (days == np.datetime64("2025-03-08"))
        | _between(days, "2025-05-30", "2025-06-20")
        | _between(days, "2025-10-21", "2025-11-13")
        | (days == np.datetime64("2025-12-12"))
    )


# Orders by hour of day: quiet nights, lunch bump, evening peak 20:00-22:00.
# fmt: off
_HOUR_W = np.array([0.50, 0.25, 0.12, 0.08, 0.06, 0.08, 0.20, 0.45, 0.70, 0.90, 1.00, 1.00,
                    1.05, 0.95, 0.90, 0.90, 0.90, 0.85, 0.90, 1.20, 1.55, 1.75, 1.50, 1.00])
# fmt: on
_PEAK_HOUR_W = _HOUR_W.copy()
_PEAK_HOUR_W[0] = 6.0  # the midnight rush when 618 / 双11 opens
_PEAK_HOUR_W[1] = 1.5


def _draw_seconds_of_day(rng: np.random.Generator, n: int, peak: np.ndarray | None = None) -> np.ndarray:
    """Seconds after midnight following the hour-of-day pattern."""
    hours = np.searchsorted(np.cumsum(_HOUR_W) / _HOUR_W.sum(), rng.random(n), side="right")
    if peak is not None and peak.any():
        cdf = np.cumsum(_PEAK_HOUR_W) / _PEAK_HOUR_W.sum()
        hours[peak] = np.searchsorted(cdf, rng.random(int(peak.sum())), side="right")
    hours = np.minimum(hours, 23)
    return hours * 3600 + rng.integers(0, 3600, n)


def _customers(rng: np.random.Generator, n_regular: int = 5800, n_risk: int = 200) -> dict:
    """Customer attributes: id, region, main channel, favourite category, planned orders."""
    n = n_regular + n_risk
    ids = rng.choice(90_000_000, size=n, replace=False) + 10_000_000
    customer_id = np.array([f"tb{i}" for i in ids], dtype=object)
    at_risk = np.zeros(n, dtype=bool)
    at_risk[rng.choice(n, n_risk, replace=False)] = True

    pw = np.array([p[3] for p in _PROVINCES])
    region = rng.choice(len(_PROVINCES), n, p=pw / pw.sum())
    cw = np.array([c[2] for c in _CHANNELS])
    channel = rng.choice(len(_CHANNELS), n, p=cw / cw.sum())
    kw = np.array([c[2] for c in _CATEGORIES])
    category = rng.choice(len(_CATEGORIES), n, p=kw / kw.sum())
    # The at-risk group buys the premium things: tea, teaware, gadgets.
    premium = rng.choice([0, 1, 5], n, p=[0.5, 0.35, 0.15])
    category = np.where(at_risk, premium, category)

    # Heavy-tailed repeat buying: about half buy once, a few buy dozens of times.
    repeat = 2 + np.floor(rng.lognormal(0.8, 1.15, n)).astype(int)
    k = np.where(rng.random(n) < 0.52, 1, np.minimum(repeat, 60))
    k = np.where(at_risk, rng.integers(7, 15, n), k)

    addresses = []
    for i in range(n):
        _short, prefix, _en, _w, cities = _PROVINCES[region[i]]
        city, districts = cities[int(rng.integers(len(cities)))]
        district = districts[int(rng.integers(len(districts)))]
        street = _STREETS[int(rng.integers(len(_STREETS)))]
        addresses.append(
            f"{prefix} {city} {district} {street} {int(rng.integers(1, 999))}号"
            f"{int(rng.integers(1, 30))}幢{int(rng.integers(1, 33))}0{int(rng.integers(1, 9))}室"
        )
    return {
        "customer_id": customer_id,
        "at_risk": at_risk,
        "region": region,
        "channel": channel,
        "category": category,
        "orders": k,
        "address": np.array(addresses, dtype=object),
    }


def _catalogue() -> pd.DataFrame:
    cat = pd.DataFrame(
        _PRODUCTS,
        columns=["sku", "cat", "title", "name_en", "price", "popularity", "attributes"],
    )
    cat["category"] = [_CATEGORIES[c][0] for c in cat["cat"]]
    cat["category_en"] = [_CATEGORIES[c][1] for c in cat["cat"]]
    return cat


def _repeat_weights(weights: np.ndarray, first: np.ndarray, k: np.ndarray) -> np.ndarray:
    """Day weights for repeat orders so that first + repeat orders follow ``weights``.

    A customer's repeat orders are drawn on days from their first order on, with probability
    proportional to the returned weights. Drawn naively from ``weights`` they would pile up
    at the end of the year (more customers are active later); a few fixed-point iterations on
    the expected daily count remove that drift. Deterministic (no random numbers).
    """
    n = weights.size
    target = weights / weights.sum()
    repeats = np.bincount(first, weights=(k - 1).astype(float), minlength=n)
    firsts = np.bincount(first, minlength=n).astype(float)
    total = firsts.sum() + repeats.sum()
    rw = weights.astype(float).copy()
    for _ in range(12):
        tail = np.cumsum(rw[::-1])[::-1]
        expected = rw * np.cumsum(repeats / tail) + firsts
        rw = rw * np.clip(target * total / np.maximum(expected, 1e-9), 0.5, 2.0)
    return rw


def _orders(rng: np.random.Generator, days: np.ndarray, weights: np.ndarray, cust: dict) -> pd.DataFrame:
    """Order lines of the year, sorted by order time, with statuses and refunds."""
    n_days = days.size
    cdf = np.cumsum(weights) / weights.sum()
    k = cust["orders"]
    n_cust = k.size
    owner = np.repeat(np.arange(n_cust), k)
    pos = np.arange(owner.size) - np.repeat(np.cumsum(k) - k, k)
    risky = cust["at_risk"][owner]

    # First order: customers who will buy many times tend to start early in the year.
    first = np.minimum(np.searchsorted(cdf, rng.random(n_cust) / np.sqrt(k), side="left"), n_days - 1)
    # Repeat orders fall after the first one; their day weights are corrected so that all
    # orders together still follow the calendar instead of piling up late in the year.
    regular = ~cust["at_risk"]
    rw = _repeat_weights(weights, first[regular], k[regular])
    rcdf = np.cumsum(rw) / rw.sum()
    lo = np.where(first > 0, rcdf[np.maximum(first - 1, 0)], 0.0)[owner]
    u = lo + rng.random(owner.size) * (1.0 - lo)
    day = np.minimum(np.searchsorted(rcdf, u, side="left"), n_days - 1)
    day = np.where(pos == 0, first[owner], day)
    # The at-risk group buys often from January to July, then never again.
    cut = int(np.searchsorted(days, AT_RISK_LAST_DAY))
    risk_day = np.searchsorted(cdf, rng.random(owner.size) * cdf[cut], side="left")
    day = np.where(risky, np.minimum(risk_day, cut), day)

    peak = np.isin(days[day], np.array(["2025-06-18", "2025-11-11"], dtype="datetime64[D]"))
    secs = _draw_seconds_of_day(rng, owner.size, peak)
    order_time = days[day].astype("datetime64[s]") + secs * _SECOND
    sort = np.argsort(order_time, kind="stable")
    owner, day, order_time, risky = owner[sort], day[sort], order_time[sort], risky[sort]
    n_orders = owner.size

    order_id = 318_245_739_651_200_000 + np.cumsum(rng.integers(10**8, 10**10, n_orders, dtype=np.int64))
    cw = np.array([c[2] for c in _CHANNELS])
    channel = np.where(
        rng.random(n_orders) < 0.6,
        cust["channel"][owner],
        rng.choice(len(_CHANNELS), n_orders, p=cw / cw.sum()),
    )

    # Discounts: 618 / 双11 / 双12 / 38 promotions, otherwise a coupon now and then.
    promo = _promo_days(days)[day]
    discount = np.where(
        promo,
        rng.choice([0.10, 0.15, 0.20], n_orders),
        np.where(rng.random(n_orders) < 0.25, 0.05, 0.0),
    )

    # Statuses (per order).
    ztc = np.array([c[0] for c in _CHANNELS]) == LEAKY_CHANNEL
    p_unpaid = np.where(risky, 0.03, np.where(ztc[channel], 0.11, 0.085))
    unpaid = rng.random(n_orders) < p_unpaid
    recent = day >= n_days - 5
    r = rng.random(n_orders)
    status = np.full(n_orders, "paid", dtype=object)
    status[~unpaid & (r < 0.03)] = "refunded"
    status[~unpaid & (r >= 0.03) & (r < 0.05)] = "partially_refunded"
    status[unpaid & recent] = "pending"
    status[unpaid & ~recent] = "cancelled"
    refund_share = np.where(
        status == "refunded",
        1.0,
        np.where(status == "partially_refunded", rng.uniform(0.2, 0.6, n_orders), 0.0),
    )
    delay = np.where(
        rng.random(n_orders) < 0.92,
        3 + rng.exponential(90, n_orders),
        60 + rng.exponential(2400, n_orders),
    ).astype(np.int64)
    day_end = days[day].astype("datetime64[s]") + (_DAY_S - 1) * _SECOND
    paid_time = np.minimum(order_time + delay * _SECOND, day_end)
    paid_time = np.where(unpaid, np.datetime64("NaT", "s"), paid_time)

    # Lines: most orders hold one item, some two or three (more for the big spenders).
    n_lines = np.where(
        risky,
        rng.choice([1, 2, 3], n_orders, p=[0.55, 0.33, 0.12]),
        rng.choice([1, 2, 3], n_orders, p=[0.72, 0.20, 0.08]),
    )
    line_order = np.repeat(np.arange(n_orders), n_lines)
    n_l = line_order.size
    line_no = np.arange(n_l) - np.repeat(np.cumsum(n_lines) - n_lines, n_lines)

    cat = _catalogue()
    pop = cat["popularity"].to_numpy()
    product = np.searchsorted(np.cumsum(pop) / pop.sum(), rng.random(n_l), side="right")
    fav = cust["category"][owner[line_order]]
    use_fav = rng.random(n_l) < np.where(risky[line_order], 0.8, 0.55)
    for c in range(len(_CATEGORIES)):
        members = np.flatnonzero(cat["cat"].to_numpy() == c)
        mask = use_fav & (fav == c)
        cw_c = np.cumsum(pop[members]) / pop[members].sum()
        product[mask] = members[np.searchsorted(cw_c, rng.random(int(mask.sum())), "right")]
    product = np.minimum(product, len(cat) - 1)
    for _ in range(6):  # no product twice in one order
        same = np.zeros(n_l, dtype=bool)
        for back in (1, 2):
            prev = np.roll(product, back)
            same_order = np.roll(line_order, back) == line_order
            same |= (line_no >= back) & same_order & (prev == product)
        if not same.any():
            break
        product[same] = (product[same] + 1) % len(cat)

    price = cat["price"].to_numpy()[product]
    cheap = price < 60
    quantity = np.where(
        cheap,
        1 + rng.binomial(3, 0.25, n_l),
        rng.choice([1, 2, 3], n_l, p=[0.88, 0.10, 0.02]),
    )
    quantity = quantity + (risky[line_order] & (rng.random(n_l) < 0.3))
    price_cents = np.rint(price * 100).astype(np.int64)
    gross_cents = price_cents * quantity
    revenue_cents = np.rint(gross_cents * (1.0 - discount[line_order])).astype(np.int64)
    refund_cents = np.rint(revenue_cents * refund_share[line_order]).astype(np.int64)

    frame = pd.DataFrame(
        {
            "order_id": pd.array(order_id.astype(str)[line_order], dtype="str"),
            "order_time": order_time[line_order].astype("datetime64[ns]"),
            "paid_time": paid_time[line_order].astype("datetime64[ns]"),
            "customer_id": pd.array(cust["customer_id"][owner][line_order], dtype="str"),
            "product": pd.array(cat["title"].to_numpy()[product], dtype="str"),
            "category": pd.array(cat["category"].to_numpy()[product], dtype="str"),
            "quantity": quantity.astype(np.int64),
            "unit_price": price_cents / 100.0,
            "revenue": revenue_cents / 100.0,
            "channel": pd.array(np.array([c[0] for c in _CHANNELS])[channel][line_order], dtype="str"),
            "region": pd.array(
                np.array([p[0] for p in _PROVINCES])[cust["region"][owner]][line_order],
                dtype="str",
            ),
            "status": pd.array(status[line_order], dtype="str"),
            "refund_amount": refund_cents / 100.0,
        }
    )
    return frame


def _traffic(
    rng: np.random.Generator, days: np.ndarray, orders: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Daily traffic per channel consistent with the orders, and ad spend per paid channel."""
    names = [c[0] for c in _CHANNELS]
    conv = np.array([c[3] for c in _CHANNELS])
    grid = pd.MultiIndex.from_product([days.astype("datetime64[ns]"), names], names=["date", "channel"])
    d = orders["order_time"].dt.normalize()
    by = [d.rename("date"), orders["channel"]]
    placed = orders.groupby(by).agg(order_amount=("revenue", "sum"))
    placed["orderers"] = (
        orders.assign(date=d)
        .drop_duplicates(["date", "channel", "customer_id"])
        .groupby(["date", "channel"])
        .size()
    )
    paid = orders[orders["paid_time"].notna()]
    pd_ = paid["paid_time"].dt.normalize()
    paid_agg = paid.groupby([pd_.rename("date"), paid["channel"]]).agg(paid_amount=("revenue", "sum"))
    paid_agg["payers"] = (
        paid.assign(date=pd_)
        .drop_duplicates(["date", "channel", "customer_id"])
        .groupby(["date", "channel"])
        .size()
    )
    t = pd.DataFrame(index=grid).join(placed).join(paid_agg).fillna(0)
    for col in ("orderers", "payers"):
        t[col] = t[col].astype(np.int64)
    t["order_amount"] = t["order_amount"].round(2)
    t["paid_amount"] = t["paid_amount"].round(2)

    n_days, n_ch = days.size, len(names)
    orderers = t["orderers"].to_numpy().reshape(n_days, n_ch)
    daily = orderers.sum(axis=1, keepdims=True).astype(float)
    share = orderers.sum(axis=0, keepdims=True) / orderers.sum()
    expected = np.maximum(daily * share, 0.5)
    # Busy days convert better (people buy what they put in the cart before the sale).
    level = daily / np.median(daily)
    boost = np.clip(1.0 + 0.6 * (level - 1.0), 0.8, 2.0)
    rate = conv[None, :] * boost * rng.lognormal(0.0, 0.12, (n_days, n_ch))
    visitors = orderers + rng.poisson(expected * (1.0 / rate - 1.0))
    product_views = orderers + rng.binomial(visitors - orderers, 0.60)
    q = (conv / 0.16 - conv) / (0.6 + 0.4 * conv - conv)
    cart_adds = orderers + rng.binomial(product_views - orderers, np.clip(q, 0.05, 0.95))
    page_views = np.rint(visitors * rng.uniform(2.6, 4.2, (n_days, n_ch))).astype(np.int64)

    paid_amount = t["paid_amount"].to_numpy().reshape(n_days, n_ch)
    spend = np.zeros((n_days, n_ch))
    clicks = np.zeros((n_days, n_ch), dtype=np.int64)
    impressions = np.zeros((n_days, n_ch), dtype=np.int64)
    paid_cols = [j for j, c in enumerate(_CHANNELS) if c[4] is not None]
    for j in paid_cols:
        name, _en, _s, _c, roas, ctr = _CHANNELS[j]
        assert roas is not None
        if name == _COMMISSION_CHANNEL:
            spend[:, j] = np.round(paid_amount[:, j] / roas, 2)
            clicks[:, j] = np.rint(visitors[:, j] * rng.uniform(1.0, 1.1, n_days))
        else:
            raw = visitors[:, j] * rng.lognormal(0.0, 0.15, n_days)
            cpc = paid_amount[:, j].sum() / (roas * raw.sum())
            spend[:, j] = np.round(raw * cpc, 2)
            clicks[:, j] = np.rint(visitors[:, j] * rng.uniform(1.05, 1.2, n_days))
        impressions[:, j] = np.rint(clicks[:, j] / (ctr * rng.lognormal(0.0, 0.1, n_days)))

    t["visitors"] = visitors.ravel()
    t["page_views"] = page_views.ravel()
    t["product_views"] = product_views.ravel()
    t["cart_adds"] = cart_adds.ravel()
    t["spend"] = spend.ravel()
    traffic = t.reset_index()[COLUMNS["traffic"]]
    traffic["channel"] = traffic["channel"].astype("str")
    for col in ("visitors", "page_views", "product_views", "cart_adds"):
        traffic[col] = traffic[col].astype(np.int64)

    sp = pd.DataFrame(
        {
            "date": np.repeat(days.astype("datetime64[ns]"), len(paid_cols)),
            "channel": pd.array(np.tile(np.array(names)[paid_cols], n_days), dtype="str"),
            "spend": spend[:, paid_cols].ravel(),
            "impressions": impressions[:, paid_cols].ravel(),
            "clicks": clicks[:, paid_cols].ravel(),
        }
    )
    return traffic, sp


def _events(
    rng: np.random.Generator, days: np.ndarray, weights: np.ndarray, n_users: int = 4300
) -> pd.DataFrame:
    """A clickstream sample: sessions of views, then maybe cart, checkout and purchase."""
    cat = _catalogue()
    pop = cat["popularity"].to_numpy()
    price = cat["price"].to_numpy()
    user_ids = rng.choice(900_000_000, n_users, replace=False) + 100_000_000
    cw = np.array([c[2] for c in _CHANNELS])
    user_channel = rng.choice(len(_CHANNELS), n_users, p=cw / cw.sum())
    devices = np.array(["mobile", "desktop", "tablet"])
    user_device = rng.choice(3, n_users, p=[0.72, 0.20, 0.08])
    base_day = np.searchsorted(np.cumsum(weights) / weights.sum(), rng.random(n_users))

    n_sess = 1 + rng.poisson(1.5, n_users)
    su = np.repeat(np.arange(n_users), n_sess)
    n_s = su.size
    sday = np.minimum(base_day[su] + rng.integers(0, 21, n_s), days.size - 1)
    start = days[sday].astype("datetime64[s]") + _draw_seconds_of_day(rng, n_s) * _SECOND
    s_channel = np.where(
        rng.random(n_s) < 0.8, user_channel[su], rng.choice(len(_CHANNELS), n_s, p=cw / cw.sum())
    )
    s_device = np.where(rng.random(n_s) < 0.92, user_device[su], rng.choice(3, n_s))
    focus = np.minimum(
        np.searchsorted(np.cumsum(pop) / pop.sum(), rng.random(n_s), side="right"),
        len(cat) - 1,
    )

    # Per-session step counts. Cart -> checkout is the leaky step, worst on mobile.
    n_view = rng.geometric(0.24, n_s)
    has_cart = rng.random(n_s) < 0.30
    n_cart = has_cart * (1 + (rng.random(n_s) < 0.18))
    p_checkout = np.array([0.16, 0.30, 0.21])[s_device]
    has_checkout = has_cart & (rng.random(n_s) < p_checkout)
    n_checkout = has_checkout * (1 + (rng.random(n_s) < 0.05))
    has_purchase = has_checkout & (rng.random(n_s) < 0.72)

    counts = np.stack([n_view, n_cart, n_checkout, has_purchase.astype(int)])  # (4, n_s)
    step = np.concatenate([np.full(int(counts[i].sum()), i) for i in range(4)])
    sess = np.concatenate([np.repeat(np.arange(n_s), counts[i]) for i in range(4)])
    order = np.lexsort((step, sess))
    step, sess = step[order], sess[order]
    n_e = step.size
    first_of_session = np.r_[True, sess[1:] != sess[:-1]]
    gap_mean = np.array([45.0, 30.0, 60.0, 40.0])[step]
    gaps = np.where(first_of_session, 0, 1 + np.floor(rng.exponential(gap_mean))).astype(np.int64)
    csum = np.cumsum(gaps)
    offsets = csum - np.maximum.accumulate(np.where(first_of_session, csum, 0))
    time = start[sess] + offsets * _SECOND

    # Logging noise: purchase stamped just before its checkout; cart saved before the view.
    is_purchase = step == 3
    skew = is_purchase & (rng.random(n_e) < 0.025)
    prev_time = np.roll(time, 1)
    time = np.where(skew, prev_time - rng.integers(1, 8, n_e) * _SECOND, time)
    first_cart = (step == 1) & np.r_[True, step[:-1] != 1]
    early = first_cart & (rng.random(n_e) < 0.01)
    time = np.where(early, start[sess] - rng.integers(10, 120, n_e) * _SECOND, time)

    browse = np.minimum(
        np.searchsorted(np.cumsum(pop) / pop.sum(), rng.random(n_e), side="right"),
        len(cat) - 1,
    )
    product = np.where((step == 0) & (rng.random(n_e) < 0.5), browse, focus[sess])
    qty = 1 + (rng.random(n_e) < 0.2)
    revenue = np.where(is_purchase, np.round(price[product] * qty, 2), np.nan)
    session_codes = np.char.mod("s%010x", rng.integers(16**9, 16**10, n_s, dtype=np.int64))

    ev = pd.DataFrame(
        {
            "user_id": pd.array(user_ids[su][sess].astype(str), dtype="str"),
            "time": time.astype("datetime64[ns]"),
            "event": pd.array(np.array(["view", "cart", "checkout", "purchase"])[step], dtype="str"),
            "session_id": pd.array(session_codes[sess], dtype="str"),
            "channel": pd.array(np.array([c[0] for c in _CHANNELS])[s_channel][sess], dtype="str"),
            "device": pd.array(devices[s_device][sess], dtype="str"),
            "product": pd.array(cat["sku"].to_numpy()[product], dtype="str"),
            "revenue": revenue,
        }
    )
    dup = rng.random(n_e) < 0.005  # tracking fired twice
    ev = pd.concat([ev, ev[dup]], ignore_index=True)
    return ev.sort_values("time", kind="stable").reset_index(drop=True)


def _experiment(rng: np.random.Generator, n_users: int = EXP_USERS) -> pd.DataFrame:
    """Per-user A/B test log with mismatched pages and duplicated users, like ab_data."""
    user_id = rng.choice(350_000, n_users, replace=False) + 600_000
    treat = rng.random(n_users) < 0.5
    offset_us = rng.integers(0, EXP_DAYS * _DAY_S * 10**6, n_users)
    time = EXP_START + offset_us * np.timedelta64(1, "us")
    page_new = treat.copy()
    flip = rng.random(n_users) < 0.002
    page_new[flip] = ~page_new[flip]
    p = np.where(treat, EXP_TREATMENT_RATE, EXP_CONTROL_RATE)
    converted = (rng.random(n_users) < p).astype(np.int64)
    basket = np.round(rng.lognormal(np.log(150.0), 0.5, n_users), 2)
    revenue = np.where(converted == 1, basket, 0.0)

    # A few users came back and were logged twice, often on the other page.
    n_dup = 40
    again = rng.choice(n_users, n_dup, replace=False)
    d_time = time[again] + rng.integers(60, 3 * _DAY_S, n_dup) * np.timedelta64(1, "s")
    d_page = np.where(rng.random(n_dup) < 0.5, ~page_new[again], page_new[again])
    d_conv = (rng.random(n_dup) < p[again]).astype(np.int64)
    d_rev = np.where(d_conv == 1, np.round(rng.lognormal(np.log(150.0), 0.5, n_dup), 2), 0.0)

    all_treat = np.r_[treat, treat[again]]
    all_page = np.r_[page_new, d_page]
    frame = pd.DataFrame(
        {
            "user_id": pd.array(np.r_[user_id, user_id[again]].astype(str), dtype="str"),
            "time": np.r_[time, d_time].astype("datetime64[ns]"),
            "variant": pd.array(np.where(all_treat, "treatment", "control"), dtype="str"),
            "landing_page": pd.array(np.where(all_page, "new_page", "old_page"), dtype="str"),
            "converted": np.r_[converted, d_conv],
            "revenue": np.r_[revenue, d_rev],
        }
    )
    return frame.iloc[rng.permutation(len(frame))].reset_index(drop=True)


# ---------------------------------------------------------------------------------------
# Facts
# ---------------------------------------------------------------------------------------


def events_funnel(events: pd.DataFrame) -> dict[str, int]:
    """Users reaching each step in order (view, then cart, checkout, purchase), no window.

    A user counts at a step when they did it at or after the time they reached the previous
    step (their first step-1 event starts the clock).
    """
    reached: dict[str, int] = {}
    t = events[events["event"] == "view"].groupby("user_id")["time"].min()
    reached["view"] = len(t)
    for step in ("cart", "checkout", "purchase"):
        e = events.loc[events["event"] == step, ["user_id", "time"]]
        e = e.join(t.rename("prev"), on="user_id", how="inner")
        t = e[e["time"] >= e["prev"]].groupby("user_id")["time"].min()
        reached[step] = len(t)
    return reached


def _ab_required_n(p1: float, p2: float) -> int:
    """R ``power.prop.test`` sample size per arm, two-sided alpha 0.05, power 0.8."""
    z_a, z_b = 1.959963984540054, 0.8416212335729143
    pbar = (p1 + p2) / 2
    num = z_a * math.sqrt(2 * pbar * (1 - pbar)) + z_b * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return math.ceil(num**2 / (p2 - p1) ** 2)


def _figures(
    orders: pd.DataFrame,
    traffic: pd.DataFrame,
    events: pd.DataFrame,
    experiment: pd.DataFrame,
    at_risk: tuple[str, ...],
) -> dict[str, float]:
    f: dict[str, float] = {}
    f["orders"] = float(orders["order_id"].nunique())
    f["order_lines"] = float(len(orders))
    f["customers"] = float(orders["customer_id"].nunique())
    f["revenue_all"] = round(float(orders["revenue"].sum()), 2)
    paid = orders[orders["paid_time"].notna()]
    f["revenue_paid"] = round(float(paid["revenue"].sum()), 2)
    f["refunds"] = round(float(orders["refund_amount"].sum()), 2)
    f["revenue_net"] = round(f["revenue_paid"] - f["refunds"], 2)
    f["paid_orders"] = float(paid["order_id"].nunique())
    for s in STATUSES:
        f[f"orders_{s}"] = float(orders.loc[orders["status"] == s, "order_id"].nunique())

    # (1) funnel, in the clickstream and in the 生意参谋 traffic
    fun = events_funnel(events)
    f["ev_users"] = float(fun["view"])
    f["ev_view_to_cart"] = fun["cart"] / fun["view"]
    f["ev_cart_to_checkout"] = fun["checkout"] / fun["cart"]
    f["ev_checkout_to_purchase"] = fun["purchase"] / fun["checkout"]
    for dev in ("mobile", "desktop"):
        sub = events[events["device"] == dev]
        fd = events_funnel(sub)
        f[f"ev_cart_to_checkout_{dev}"] = fd["checkout"] / fd["cart"]
    tot = traffic[["visitors", "product_views", "cart_adds", "orderers", "payers"]].sum()
    f["tr_visit_to_product"] = tot["product_views"] / tot["visitors"]
    f["tr_product_to_cart"] = tot["cart_adds"] / tot["product_views"]
    f["tr_cart_to_order"] = tot["orderers"] / tot["cart_adds"]
    f["tr_order_to_pay"] = tot["payers"] / tot["orderers"]
    f["tr_conversion"] = tot["payers"] / tot["visitors"]

    # (2) channel ROAS
    by = traffic.groupby("channel")[["paid_amount", "spend"]].sum()
    for name, *_rest in _CHANNELS:
        if by.loc[name, "spend"] > 0:
            f[f"roas_{name}"] = by.loc[name, "paid_amount"] / by.loc[name, "spend"]
    f["leaky_spend"] = round(float(by.loc[LEAKY_CHANNEL, "spend"]), 2)
    f["leaky_revenue"] = round(float(by.loc[LEAKY_CHANNEL, "paid_amount"]), 2)
    f["leaky_profit"] = round(f["leaky_revenue"] * GROSS_MARGIN - f["leaky_spend"], 2)
    f["break_even_roas"] = BREAK_EVEN_ROAS

    # (3) at-risk customers
    # RFM basis: paid orders not fully refunded, money net of partial refunds.
    good = orders[orders["status"].isin(["paid", "partially_refunded"])]
    good = good.assign(net=good["revenue"] - good["refund_amount"])
    per = good.groupby("customer_id").agg(
        orders=("order_id", "nunique"), spend=("net", "sum"), last=("order_time", "max")
    )
    risk = per.loc[per.index.isin(at_risk)]
    f["at_risk_customers"] = float(len(risk))
    f["at_risk_median_orders"] = float(risk["orders"].median())
    f["at_risk_mean_spend"] = round(float(risk["spend"].mean()), 2)
    f["all_median_orders"] = float(per["orders"].median())
    f["all_mean_spend"] = round(float(per["spend"].mean()), 2)
    f["at_risk_revenue"] = round(float(risk["spend"].sum()), 2)
    f["at_risk_revenue_share"] = float(risk["spend"].sum() / per["spend"].sum())
    end = orders["order_time"].max().normalize() + pd.Timedelta(days=1)
    f["at_risk_min_recency_days"] = float((end - risk["last"].max()).days)
    f["at_risk_last_order"] = float(risk["last"].max().strftime("%Y%m%d"))

    # (4) experiment
    f["exp_true_control"] = EXP_CONTROL_RATE
    f["exp_true_treatment"] = EXP_TREATMENT_RATE
    f["exp_true_lift"] = EXP_RELATIVE_LIFT
    mismatch = (experiment["variant"] == "treatment") != (experiment["landing_page"] == "new_page")
    f["exp_rows"] = float(len(experiment))
    f["exp_mismatch_rows"] = float(mismatch.sum())
    f["exp_duplicate_users"] = float(experiment["user_id"].duplicated().sum())
    clean = experiment[~mismatch].drop_duplicates("user_id", keep="first")
    g = clean.groupby("variant")["converted"].agg(["sum", "count"])
    for v in ("control", "treatment"):
        f[f"exp_n_{v}"] = float(g.loc[v, "count"])
        f[f"exp_conv_{v}"] = float(g.loc[v, "sum"])
        f[f"exp_rate_{v}"] = g.loc[v, "sum"] / g.loc[v, "count"]
    f["exp_observed_lift"] = f["exp_rate_treatment"] / f["exp_rate_control"] - 1
    f["exp_required_n"] = float(_ab_required_n(EXP_CONTROL_RATE, EXP_TREATMENT_RATE))
    return {k: float(v) for k, v in f.items()}


def _pct(x: float, digits: int = 1) -> str:
    return f"{100 * x:.{digits}f}%"


def _money(x: float) -> str:
    return f"¥{x:,.0f}"


def _facts_en(f: dict[str, float]) -> dict[str, str]:
    others = ", ".join(
        f"{name} {f['roas_' + name]:.2f}"
        for name, *_r in _CHANNELS
        if f"roas_{name}" in f and name != LEAKY_CHANNEL
    )
    last = str(int(f["at_risk_last_order"]))
    return {
        "funnel": (
            "Leaky funnel: cart -> checkout is clearly the weakest step. In the clickstream "
            f"(events) {_pct(f['ev_cart_to_checkout'])} of users who added to cart went on to "
            f"check out, against {_pct(f['ev_view_to_cart'])} view -> cart and "
            f"{_pct(f['ev_checkout_to_purchase'])} checkout -> purchase; it is worst on mobile "
            f"({_pct(f['ev_cart_to_checkout_mobile'])} vs {_pct(f['ev_cart_to_checkout_desktop'])}"
            " on desktop). The traffic (生意参谋) data agrees: orderers / cart adders = "
            f"{_pct(f['tr_cart_to_order'])}, against {_pct(f['tr_visit_to_product'])} visitors "
            f"-> product visitors, {_pct(f['tr_product_to_cart'])} product visitors -> cart and "
            f"{_pct(f['tr_order_to_pay'])} orderers -> payers."
        ),
        "channel": (
            f"Unprofitable channel: {LEAKY_CHANNEL} (Zhitongche, Taobao pay-per-click) returns "
            f"ROAS {f['roas_' + LEAKY_CHANNEL]:.2f} ({_money(f['leaky_revenue'])} paid revenue on "
            f"{_money(f['leaky_spend'])} spend). At a {GROSS_MARGIN:.0%} gross margin break-even "
            f"ROAS is {BREAK_EVEN_ROAS:.1f}, so it loses about {_money(-f['leaky_profit'])} a "
            f"year. Every other paid channel is above break-even: {others}."
        ),
        "at_risk": (
            f"Customers at risk: {int(f['at_risk_customers'])} customers who bought often "
            f"(median {f['at_risk_median_orders']:.0f} paid orders, {_money(f['at_risk_mean_spend'])}"
            f" each on average, against {f['all_median_orders']:.0f} order and "
            f"{_money(f['all_mean_spend'])} for all customers) placed no order after "
            f"{last[:4]}-{last[4:6]}-{last[6:]}, at least {f['at_risk_min_recency_days']:.0f} days "
            "(about five months) before the data ends. They brought "
            f"{_pct(f['at_risk_revenue_share'])} of the year's net revenue "
            f"({_money(f['at_risk_revenue'])}). On an RFM grid they score R1-2 with the top "
            "frequency: Can't Lose Them."
        ),
        "experiment": (
            f"A/B test: the true conversion rates are {_pct(EXP_CONTROL_RATE)} (control, "
            f"old_page) and {_pct(EXP_TREATMENT_RATE)} (treatment, new_page), a true relative "
            f"lift of +{EXP_RELATIVE_LIFT:.0%}. Observed after dropping the "
            f"{int(f['exp_mismatch_rows'])} rows whose group and landing_page disagree and the "
            f"{int(f['exp_duplicate_users'])} repeated user_ids: control "
            f"{int(f['exp_conv_control'])}/{int(f['exp_n_control'])} = "
            f"{_pct(f['exp_rate_control'], 2)}, treatment {int(f['exp_conv_treatment'])}/"
            f"{int(f['exp_n_treatment'])} = {_pct(f['exp_rate_treatment'], 2)} (observed lift "
            f"{f['exp_observed_lift']:+.1%}). Detecting a 15% lift on 4% with 80% power at "
            f"alpha 0.05 needs {int(f['exp_required_n']):,} users per arm, so this test of about "
            "10,000 per arm is underpowered."
        ),
    }


def _facts_zh(f: dict[str, float]) -> dict[str, str]:
    others = "，".join(
        f"{name} {f['roas_' + name]:.2f}"
        for name, *_r in _CHANNELS
        if f"roas_{name}" in f and name != LEAKY_CHANNEL
    )
    last = str(int(f["at_risk_last_order"]))
    return {
        "funnel": (
            "漏斗漏点：加购 → 下单是最薄弱的一步。行为日志中加购用户只有 "
            f"{_pct(f['ev_cart_to_checkout'])} 继续下单，而浏览 → 加购为 "
            f"{_pct(f['ev_view_to_cart'])}，下单 → 支付为 {_pct(f['ev_checkout_to_purchase'])}；"
            f"手机端最差（{_pct(f['ev_cart_to_checkout_mobile'])}，电脑端 "
            f"{_pct(f['ev_cart_to_checkout_desktop'])}）。生意参谋数据一致：下单买家数 ÷ 加购人数 = "
            f"{_pct(f['tr_cart_to_order'])}，访客 → 商品访客 {_pct(f['tr_visit_to_product'])}，"
            f"商品访客 → 加购 {_pct(f['tr_product_to_cart'])}，下单 → 支付 "
            f"{_pct(f['tr_order_to_pay'])}。"
        ),
        "channel": (
            f"亏损渠道：直通车的投产比（ROAS）只有 {f['roas_' + LEAKY_CHANNEL]:.2f}（花费 "
            f"{_money(f['leaky_spend'])}，支付金额 {_money(f['leaky_revenue'])}）。按 "
            f"{GROSS_MARGIN:.0%} 毛利率计算，保本 ROAS 为 {BREAK_EVEN_ROAS:.1f}，全年约亏 "
            f"{_money(-f['leaky_profit'])}。其他付费渠道均高于保本线：{others}。"
        ),
        "at_risk": (
            f"流失风险客户：{int(f['at_risk_customers'])} 位曾经高频、高消费的客户（支付订单中位数 "
            f"{f['at_risk_median_orders']:.0f} 笔，人均 {_money(f['at_risk_mean_spend'])}；全体客户为 "
            f"{f['all_median_orders']:.0f} 笔、{_money(f['all_mean_spend'])}）在 "
            f"{last[:4]}-{last[4:6]}-{last[6:]} 之后再未下单，距数据结束至少 "
            f"{f['at_risk_min_recency_days']:.0f} 天（约五个月）。他们贡献了全年净销售额的 "
            f"{_pct(f['at_risk_revenue_share'])}（{_money(f['at_risk_revenue'])}）。在 RFM 中他们的 R "
            "为 1–2、F 为最高档，属于「重要挽留客户」（Can't Lose Them）。"
        ),
        "experiment": (
            f"A/B 实验：真实转化率对照组（old_page）{_pct(EXP_CONTROL_RATE)}，实验组（new_page）"
            f"{_pct(EXP_TREATMENT_RATE)}，真实相对提升 +{EXP_RELATIVE_LIFT:.0%}。剔除实验组与落地页"
            f"不一致的 {int(f['exp_mismatch_rows'])} 行和 {int(f['exp_duplicate_users'])} "
            f"个重复用户ID 后：对照组 {int(f['exp_conv_control'])}/{int(f['exp_n_control'])} = "
            f"{_pct(f['exp_rate_control'], 2)}，实验组 {int(f['exp_conv_treatment'])}/"
            f"{int(f['exp_n_treatment'])} = {_pct(f['exp_rate_treatment'], 2)}（观测提升 "
            f"{f['exp_observed_lift']:+.1%}）。在 4% 基线上以 80% 功效、α=0.05 检出 15% 的提升需要"
            f"每组 {int(f['exp_required_n']):,} 人，本实验每组约 1 万人，样本量不足。"
        ),
    }


# ---------------------------------------------------------------------------------------
# File views: English and Chinese tables
# ---------------------------------------------------------------------------------------


def _channel_en(s: pd.Series) -> pd.Series:
    return s.map({c[0]: c[1] for c in _CHANNELS})


def english_tables(shop: SampleShop) -> dict[str, pd.DataFrame]:
    """The frames as written to ``sample_shop_en.xlsx`` and the CSVs (English headers/values)."""
    cat = _catalogue()
    name_en = dict(zip(cat["title"], cat["name_en"], strict=True))
    region_en = {p[0]: p[2] for p in _PROVINCES}
    category_en = {c[0]: c[1] for c in _CATEGORIES}

    o = shop.orders.copy()
    o["product"] = o["product"].map(name_en)
    o["category"] = o["category"].map(category_en)
    o["channel"] = _channel_en(o["channel"])
    o["region"] = o["region"].map(region_en)
    o["status"] = o["status"].map(_STATUS_EN)

    tr = shop.traffic.copy()
    tr["channel"] = _channel_en(tr["channel"])
    sp = shop.spend.copy()
    sp["channel"] = _channel_en(sp["channel"])
    ev = shop.events.copy()
    ev["user_id"] = ev["user_id"].astype(np.int64)
    ev["channel"] = _channel_en(ev["channel"])
    ex = shop.experiment.copy()
    ex["user_id"] = ex["user_id"].astype(np.int64)

    out = {}
    for kind, frame in zip(COLUMNS, (o, tr, ev, sp, ex), strict=True):
        out[kind] = frame[COLUMNS[kind]].set_axis(HEADERS_EN[kind], axis=1)
    return out


def _zh_datetime_text(s: pd.Series) -> pd.Series:
    """``2025/5/30 23:18`` as in Taobao exports; empty for NaT."""
    text = (
        s.dt.year.astype("Int64").astype(str)
        + "/"
        + s.dt.month.astype("Int64").astype(str)
        + "/"
        + s.dt.day.astype("Int64").astype(str)
        + " "
        + s.dt.hour.astype("Int64").astype(str)
        + ":"
        + s.dt.minute.astype("Int64").astype(str).str.zfill(2)
    )
    return text.where(s.notna(), "")


def chinese_tables(shop: SampleShop) -> dict[str, pd.DataFrame]:
    """The sheets of ``sample_shop_zh.xlsx`` (Taobao / 生意参谋 shaped), sheet name -> frame."""
    o = shop.orders
    cat = _catalogue()
    by_title = cat.set_index("title")
    last_day = o["order_time"].max().normalize()
    if len(shop.customers):
        address = o["customer_id"].map(shop.customers.set_index("customer_id")["address"])
    else:
        address = pd.Series("", index=o.index)

    g = o.assign(address=address).groupby("order_id", sort=False)
    head = g.first()
    order_status = np.select(
        [
            head["status"].isin(["cancelled", "refunded"]),
            head["status"].eq("pending"),
            head["status"].eq("paid") & (head["order_time"] >= last_day - pd.Timedelta(days=1)),
            head["status"].eq("paid") & (head["order_time"] >= last_day - pd.Timedelta(days=9)),
        ],
        ["交易关闭", "等待买家付款", "买家已付款，等待卖家发货", "卖家已发货，等待买家确认"],
        default="交易成功",
    )
    payable = g["revenue"].sum().round(2)
    refunded = g["refund_amount"].sum().round(2)
    was_paid = head["paid_time"].notna().to_numpy()
    report = pd.DataFrame(
        {
            "订单编号": head.index.astype(str),
            "买家会员名": head["customer_id"].to_numpy(),
            "买家应付货款": payable.to_numpy(),
            "买家应付邮费": 0.0,
            "总金额": payable.to_numpy(),
            # as in real 订单报表 exports: what the buyer paid, net of refunds (0 when unpaid)
            "买家实际支付金额": np.where(was_paid, (payable - refunded).round(2).to_numpy(), 0.0),
            "订单状态": order_status,
            "收货地址": head["address"].to_numpy(),
            "订单创建时间": _zh_datetime_text(head["order_time"]).to_numpy(),
            "订单付款时间 ": _zh_datetime_text(head["paid_time"]).to_numpy(),
            "宝贝标题 ": g["product"].agg("，".join).to_numpy(),
            "宝贝种类": g.size().to_numpy(),
            "宝贝总数量": g["quantity"].sum().to_numpy(),
            "退款金额": np.where(was_paid, refunded.to_numpy(), 0.0),
            "流量来源": head["channel"].to_numpy(),
        }
    )
    status_by_order = dict(zip(report["订单编号"], report["订单状态"], strict=True))
    sku = by_title.loc[o["product"], "sku"].to_numpy()
    lines = pd.DataFrame(
        {
            "订单编号": o["order_id"].to_numpy(),
            "标题": o["product"].to_numpy(),
            "价格": o["unit_price"].to_numpy(),
            "购买数量": o["quantity"].to_numpy(),
            "外部系统编号": sku,
            "商品属性": by_title.loc[o["product"], "attributes"].to_numpy(),
            "套餐信息": "",
            "备注": "",
            "订单状态": o["order_id"].map(status_by_order).to_numpy(),
            "商家编码": sku,
        }
    )

    tr = shop.traffic
    visitors = tr["visitors"].to_numpy()
    payers = tr["payers"].to_numpy()
    paid = tr["paid_amount"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        conv = np.where(visitors > 0, payers / np.maximum(visitors, 1), 0.0)
        aov = np.where(payers > 0, paid / np.maximum(payers, 1), 0.0)
        uv = np.where(visitors > 0, paid / np.maximum(visitors, 1), 0.0)
    sjcm = pd.DataFrame(
        {
            "统计日期": tr["date"].dt.strftime("%Y-%m-%d").to_numpy(),
            "流量来源": tr["channel"].to_numpy(),
            "访客数": visitors,
            "浏览量": tr["page_views"].to_numpy(),
            "商品访客数": tr["product_views"].to_numpy(),
            "加购人数": tr["cart_adds"].to_numpy(),
            "下单买家数": tr["orderers"].to_numpy(),
            "下单金额": tr["order_amount"].to_numpy(),
            "支付买家数": payers,
            "支付金额": paid,
            "支付转化率": [f"{100 * x:.2f}%" for x in conv],
            "客单价": np.round(aov, 2),
            "UV价值": np.round(uv, 2),
        }
    )
    sp = shop.spend.set_axis(HEADERS_ZH["推广花费"], axis=1)
    ev = shop.events
    behaviour = pd.DataFrame(
        {
            "用户ID": ev["user_id"].astype(np.int64).to_numpy(),
            "时间": ev["time"].to_numpy(),
            "行为类型": ev["event"].map(_EVENT_ZH).to_numpy(),
            "会话ID": ev["session_id"].to_numpy(),
            "渠道": ev["channel"].to_numpy(),
            "设备": ev["device"].map(_DEVICE_ZH).to_numpy(),
            "商品ID": ev["product"].to_numpy(),
            "金额": ev["revenue"].to_numpy(),
        }
    )
    ex = shop.experiment
    ab = pd.DataFrame(
        {
            "用户ID": ex["user_id"].astype(np.int64).to_numpy(),
            "时间": ex["time"].to_numpy(),
            "实验组": ex["variant"].map(_VARIANT_ZH).to_numpy(),
            "落地页": ex["landing_page"].to_numpy(),
            "是否转化": np.where(ex["converted"].to_numpy() == 1, "是", "否"),
            "金额": ex["revenue"].to_numpy(),
        }
    )
    return {
        "订单报表": report,
        "宝贝明细": lines,
        "生意参谋": sjcm,
        "推广花费": sp,
        "行为日志": behaviour,
        "AB实验": ab,
    }


# ---------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------

_FIXED_CREATED = datetime(2026, 1, 1, 9, 0, 0)
_EXCEL_EPOCH = np.datetime64("1899-12-30T00:00:00", "us")
_MONEY_WORDS = (
    "price",
    "revenue",
    "amount",
    "spend",
    "金额",
    "货款",
    "邮费",
    "价格",
    "花费",
    "客单价",
    "uv价值",
)


def _display_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _write_sheet(
    wb: xlsxwriter.Workbook,
    name: str,
    frame: pd.DataFrame,
    formats: dict[str, xlsxwriter.format.Format],
    title_rows: list[str] | None = None,
) -> None:
    """Write one frame fast: a header row (below optional title rows), typed cells, widths."""
    ws = wb.add_worksheet(name)
    top = 0
    for i, text in enumerate(title_rows or []):
        if text:
            ws.write_string(i, 0, text, formats["title"])
        top = i + 1
    header_row = top
    for c, col in enumerate(frame.columns):
        ws.write_string(header_row, c, str(col), formats["header"])
    first = header_row + 1
    for c, col in enumerate(frame.columns):
        s = frame[col]
        width = _display_width(str(col)) + 2
        if pd.api.types.is_datetime64_any_dtype(s):
            vals = s.to_numpy().astype("datetime64[us]")
            ok = ~np.isnat(vals)
            serial = (vals - _EXCEL_EPOCH) / np.timedelta64(1, "D")
            secs = (vals[ok] - vals[ok].astype("datetime64[D]")).astype(np.int64)
            fmt = formats["datetime"] if (secs != 0).any() else formats["date"]
            width = max(width, 20 if fmt is formats["datetime"] else 12)
            for r in np.flatnonzero(ok).tolist():
                ws.write_number(first + r, c, float(serial[r]), fmt)
        elif pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
            is_float = pd.api.types.is_float_dtype(s)
            money = is_float and any(w in str(col).lower() for w in _MONEY_WORDS)
            fmt = formats["money"] if money else None
            vals = s.to_numpy(dtype=float)
            ok = ~np.isnan(vals)
            if ok.any():
                width = max(width, len(f"{np.nanmax(np.abs(vals)):,.2f}") + 2)
            for r, v in zip(np.flatnonzero(ok).tolist(), vals[ok].tolist(), strict=True):
                ws.write_number(first + r, c, v, fmt)
        else:
            vals = s.astype(object).where(s.notna(), "").to_numpy()
            sample = vals[:500]
            if len(sample):
                width = max(width, max(_display_width(str(v)) for v in sample) + 2)
            for r, v in enumerate(vals.tolist()):
                if v != "":
                    ws.write_string(first + r, c, str(v))
        ws.set_column(c, c, min(width, 60))
    ws.freeze_panes(first, 0)
    if len(frame):
        ws.autofilter(header_row, 0, header_row + len(frame), len(frame.columns) - 1)


def _workbook(
    path: Path, sheets: dict[str, pd.DataFrame], title: str, title_rows: dict[str, list[str]] | None = None
) -> None:
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_urls": False})
    wb.set_properties({"title": title, "author": "ecom_core.sample", "created": _FIXED_CREATED})
    formats = {
        "header": wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1}),
        "title": wb.add_format({"bold": True}),
        "date": wb.add_format({"num_format": "yyyy-mm-dd"}),
        "datetime": wb.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"}),
        "money": wb.add_format({"num_format": "#,##0.00"}),
    }
    for name, frame in sheets.items():
        _write_sheet(wb, name, frame, formats, (title_rows or {}).get(name))
    wb.close()


def _write_workbooks(jobs: list[tuple]) -> None:
    """Write several workbooks, in parallel processes when the machine has the cores.

    xlsxwriter spends most of its time serialising cells in pure Python, so big workbooks
    are written side by side (small ones are not worth starting processes for); any failure
    of the pool falls back to writing them one after the other in this process.
    """
    cells = sum(frame.size for job in jobs for frame in job[1].values())
    if len(jobs) > 1 and cells > 400_000 and (os.cpu_count() or 1) > 1:
        try:
            ctx = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=len(jobs), mp_context=ctx) as pool:
                for future in [pool.submit(_workbook, *job) for job in jobs]:
                    future.result()
            return
        except (OSError, ValueError, BrokenProcessPool):
            pass
    for job in jobs:
        _workbook(*job)


def _csv_ready(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_datetime64_any_dtype(s):
            v = s.dropna()
            if (v.dt.microsecond != 0).any():
                fmt = "%Y-%m-%d %H:%M:%S.%f"
            elif (v != v.dt.normalize()).any():
                fmt = "%Y-%m-%d %H:%M:%S"
            else:
                fmt = "%Y-%m-%d"
            out[col] = s.dt.strftime(fmt)
    return out


def write_files(directory: str | Path = SAMPLE_DIR, shop: SampleShop | None = None) -> list[Path]:
    """Write the sample shop's files into ``directory``.

    Parameters
    ----------
    directory
        Target folder, created if needed. Defaults to :data:`SAMPLE_DIR`.
    shop
        A generated shop; ``generate()`` with the default seed when omitted.

    Returns
    -------
    list of Path
        ``sample_shop_en.xlsx``, ``sample_shop_zh.xlsx``, the five CSVs and ``README.md``.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    shop = shop if shop is not None else generate()
    written: list[Path] = []

    en = english_tables(shop)
    zh = chinese_tables(shop)
    first_day = shop.traffic["date"].min().strftime("%Y-%m-%d")
    last_day = shop.traffic["date"].max().strftime("%Y-%m-%d")
    titles = {
        "生意参谋": [
            f"【生意参谋平台】流量_全部_{first_day}_{last_day}",
            "",
            f"统计时间：{first_day} ~ {last_day}",
        ]
    }
    jobs = [
        (
            directory / "sample_shop_en.xlsx",
            {SHEETS_EN[k]: v for k, v in en.items()},
            "Sample shop (English)",
            None,
        ),
        (directory / "sample_shop_zh.xlsx", zh, "示例店铺（中文）", titles),
    ]
    _write_workbooks(jobs)
    written.extend(job[0] for job in jobs)

    for kind, frame in en.items():
        path = directory / f"{kind}.csv"
        _csv_ready(frame).to_csv(
            path, index=False, encoding="utf-8-sig", lineterminator="\n", float_format="%.2f"
        )
        written.append(path)

    path = directory / "README.md"
    path.write_text(readme(shop), encoding="utf-8")
    written.append(path)
    return written


def readme(shop: SampleShop) -> str:
    """The ``sample_data/README.md`` text (English and Chinese) with this shop's figures."""
    f = shop.figures
    en_facts = "\n".join(f"{i}. {text}" for i, text in enumerate(shop.facts.values(), 1))
    zh_facts = "\n".join(f"{i}. {text}" for i, text in enumerate(_facts_zh(f).values(), 1))
    n = {kind: len(frame) for kind, frame in shop.frames.items()}
    roas = "\n".join(
        f"| {name} | {en} | {f['roas_' + name]:.2f} |" for name, en, *_r in _CHANNELS if f"roas_{name}" in f
    )
    return f"""# Sample shop / 示例店铺

Generated by `python -m ecom_core.sample` (seed {shop.seed}); every number below is measured
in the generated data. Nothing here comes from a real shop: all names, IDs and addresses are
random. Regenerate the files with `python -m ecom_core.sample [directory]`.

由 `python -m ecom_core.sample` 生成（随机种子 {shop.seed}），下文数字均从生成的数据中计算。
所有名称、ID、地址均为随机生成，不来自任何真实店铺。

## The shop / 店铺概况

A Taobao/Tmall tea-and-lifestyle shop that also sells through its own web shop, over
2025-01-01 .. 2025-12-31, with a weekly rhythm, an evening peak, a Spring Festival dip and
the 618 and 双11 peaks. 一家淘宝/天猫茶叶与生活方式店铺（同时经营独立站），覆盖 2025 全年，
含周内规律、晚间高峰、春节低谷以及 618、双11 大促高峰。

| | |
|---|---|
| customers / 客户 | {int(f["customers"]):,} (about half buy once / 约一半只购买一次) |
| orders / 订单 | {int(f["orders"]):,} ({int(f["order_lines"]):,} order lines / 商品行) |
| by status / 订单状态 | paid {int(f["orders_paid"]):,}, pending {int(f["orders_pending"]):,}, \
cancelled {int(f["orders_cancelled"]):,}, refunded {int(f["orders_refunded"]):,}, \
partially refunded {int(f["orders_partially_refunded"]):,} |
| order value / 下单金额 | {_money(f["revenue_all"])} |
| paid / 支付金额 | {_money(f["revenue_paid"])} (refunds / 退款 {_money(f["refunds"])}, \
net / 净额 {_money(f["revenue_net"])}) |
| products / 商品 | 40 in 6 categories: 茶叶 Tea, 茶具 Teaware, 零食 Snacks, 家居 Home, \
个护 Personal Care, 数码配件 Digital Accessories |
| channels / 渠道 | 手淘搜索, 直通车, 淘宝客, 抖音, 小红书, 私域/微信, Organic Search, Paid Search, \
Paid Social, Email, Direct, Referral |
| regions / 地区 | 20 provinces and municipalities / 20 个省市 (广东, 浙江, 江苏, 上海, 北京, ...) |

## Files / 文件

| file | content |
|---|---|
| `sample_shop_en.xlsx` | sheets Orders ({n["orders"]:,} rows, one per order line), Traffic ({n["traffic"]:,}, day × channel), Events ({n["events"]:,} clickstream rows), Spend ({n["spend"]:,}, day × paid channel), Experiment ({n["experiment"]:,}, one per user); English headers and values; real Excel dates |
| `sample_shop_zh.xlsx` | 订单报表 (one row per order, Taobao seller export: 18-digit 订单编号 as text, text dates like `2025/5/30 23:18`, headers `订单付款时间 ` and `宝贝标题 ` with trailing spaces), 宝贝明细 (one row per order line), 生意参谋 (traffic-source export with 3 title rows above the header, rates as text), 推广花费, 行为日志, AB实验 |
| `orders.csv`, `traffic.csv`, `events.csv`, `spend.csv`, `experiment.csv` | the English sheets as UTF-8 CSV with BOM |

中文工作簿 `sample_shop_zh.xlsx` 模仿真实导出：订单报表（每个订单一行，订单编号为 18 位文本，
时间为 `2025/5/30 23:18` 形式的文本，表头 `订单付款时间 `、`宝贝标题 ` 带尾随空格，未付款订单的
付款时间为空）、宝贝明细（每个商品一行）、生意参谋（流量来源报表，表头上方有 3 行标题，
支付转化率为文本）、推广花费、行为日志、AB实验。英文工作簿和 CSV（UTF-8 带 BOM）是同一份数据。

Notes / 说明:
- Revenue is what the buyer pays for a line (quantity × unit price − discounts); an order's lines
  sum to 买家实际支付金额. Unpaid orders (pending, cancelled) keep the amount due; their paid date /
  订单付款时间 is blank. 买家应付邮费 is 0 (free shipping); 总金额 is before discounts.
- 订单状态: 交易关闭 = cancelled or fully refunded (refunded ones have a 订单付款时间 and
  退款金额 = 买家实际支付金额); 交易成功 with 退款金额 > 0 = partially refunded; 等待买家付款 =
  pending; paid orders of the last days are 卖家已发货，等待买家确认 or 买家已付款，等待卖家发货.
- Traffic is consistent with the orders: per day × channel, payers / 支付买家数 = distinct
  customers who paid that day on that channel and paid amount / 支付金额 = their revenue
  (including orders refunded later); orderers / 下单买家数 include unpaid orders. Spend equals the
  Spend sheet; 淘宝客 is paid as a 20% commission on paid amount.
- Channel names are Chinese in the Chinese workbook and English in the English one
  (直通车 = Zhitongche, 手淘搜索 = Taobao Search, 淘宝客 = Taobaoke, 抖音 = Douyin,
  小红书 = Xiaohongshu, 私域/微信 = WeChat).
- The experiment has {int(f["exp_mismatch_rows"])} rows where group and landing_page disagree
  and {int(f["exp_duplicate_users"])} user_ids that appear twice, as in the well-known public A/B
  dataset; timestamps carry microseconds in the CSV.

ROAS (paid amount ÷ spend) by paid channel, break-even {BREAK_EVEN_ROAS:.1f} at a
{GROSS_MARGIN:.0%} gross margin / 各付费渠道投产比（保本 ROAS {BREAK_EVEN_ROAS:.1f}）:

| channel | English | ROAS |
|---|---|---|
{roas}

## Planted facts

{en_facts}

## 预设的业务结论

{zh_facts}
"""


def sample_files(lang: str) -> list[Path]:
    """The sample workbook for a language.

    Parameters
    ----------
    lang
        ``"en"`` or ``"zh"``.

    Returns
    -------
    list of Path
        ``[SAMPLE_DIR / "sample_shop_<lang>.xlsx"]``.
    """
    if lang not in ("en", "zh"):
        raise ValueError(f"lang must be 'en' or 'zh', not {lang!r}")
    return [SAMPLE_DIR / f"sample_shop_{lang}.xlsx"]


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m ecom_core.sample [directory]``."""
    args = sys.argv[1:] if argv is None else argv
    directory = Path(args[0]) if args else SAMPLE_DIR
    shop = generate()
    for path in write_files(directory, shop):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
