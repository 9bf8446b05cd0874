"""Strings of the overview (keys start with ``ov_``)."""

STRINGS: dict[str, dict[str, str]] = {
    "ov_header": {"en": "Overview", "zh": "经营概览"},
    "ov_period": {
        "en": "{start} – {end} ({days} days) against the {days} days before.",
        "zh": "{start} 至 {end}（{days} 天），对比此前 {days} 天。",
    },
    "ov_kpi_gmv": {"en": "GMV", "zh": "GMV（下单金额）"},
    "ov_kpi_net_revenue": {"en": "Net revenue", "zh": "净销售额"},
    "ov_kpi_orders": {"en": "Paid orders", "zh": "支付订单数"},
    "ov_kpi_customers": {"en": "Paying customers", "zh": "支付买家数"},
    "ov_kpi_aov": {"en": "AOV", "zh": "客单价"},
    "ov_kpi_conversion": {"en": "Conversion rate", "zh": "支付转化率"},
    "ov_kpi_repeat_rate": {"en": "Repeat-purchase rate", "zh": "复购率"},
    "ov_kpi_refunds": {"en": "Refunds", "zh": "退款金额"},
    "ov_help_gmv": {"en": "Value of every order placed, paid or not", "zh": "所有下单订单的金额（含未支付）"},
    "ov_help_net_revenue": {
        "en": "Paid orders that stand (not cancelled or fully refunded), less partial refunds",
        "zh": "已支付且未取消、未全额退款的订单金额，扣除部分退款",
    },
    "ov_help_orders": {"en": "Orders that were paid", "zh": "已支付的订单数"},
    "ov_help_customers": {"en": "Distinct customers with a paid order", "zh": "有支付订单的不同买家数"},
    "ov_help_aov": {"en": "Paid amount ÷ paying customers", "zh": "支付金额 ÷ 支付买家数"},
    "ov_help_conversion": {"en": "Payers ÷ visitors (shop traffic)", "zh": "支付买家数 ÷ 访客数（店铺流量）"},
    "ov_help_repeat_rate": {
        "en": "Share of paying customers with two or more paid orders in the period",
        "zh": "本期有两笔及以上支付订单的买家占支付买家的比例",
    },
    "ov_help_refunds": {
        "en": "Refunded amounts, including fully refunded orders",
        "zh": "退款金额（含全额退款订单）",
    },
    "ov_trend": {"en": "Net revenue per week", "zh": "每周净销售额"},
    "ov_col_period": {"en": "Week", "zh": "周"},
    "ov_col_revenue": {"en": "Net revenue", "zh": "净销售额"},
    "ov_findings": {"en": "Top findings", "zh": "核心发现"},
    "ov_no_findings": {
        "en": "No finding yet: load orders with customer IDs and channels, traffic or a clickstream, spend or an experiment.",
        "zh": "暂无发现：请加载带客户ID和渠道的订单、流量或行为日志、推广花费或 A/B 实验数据。",
    },
    "ov_find_funnel": {
        "en": "{a} → {b} is the biggest leak ({rate}): +1 pt there is worth {worth} a month.",
        "zh": "{a} → {b} 是最大流失环节（{rate}）：提升 1 个百分点每月约值 {worth}。",
    },
    "ov_find_personas": {
        "en": "{segment}: {share_c} of customers hold {share_r} of net revenue and have stopped buying.",
        "zh": "{segment}：{share_c} 的客户贡献了 {share_r} 的净销售额，但已不再购买。",
    },
    "ov_find_channels": {
        "en": "{channel} is below break-even: ROAS {roas} against {be}.",
        "zh": "{channel} 低于保本线：投产比 {roas}，保本投产比 {be}。",
    },
    "ov_find_channels_ok": {
        "en": "Every channel with spend is above break-even ROAS ({be}).",
        "zh": "所有有花费的渠道投产比均高于保本线（{be}）。",
    },
    "ov_find_abtest": {
        "en": "Test: {b} is {prob} likely better than {a} (lift {lo} to {hi}).",
        "zh": "A/B 测试：{b} 优于 {a} 的概率为 {prob}（提升 {lo} 至 {hi}）。",
    },
    "ov_err_no_dates": {
        "en": "The orders have no readable order times, so there is no period to summarise.",
        "zh": "订单没有可识别的下单时间，无法按时期汇总。",
    },
}
