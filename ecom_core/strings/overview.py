"""Strings of the overview (keys start with ``ov_``)."""

STRINGS: dict[str, dict[str, str]] = {
    "ov_header": {"en": "Overview", "zh": "经营概览"},
    "ov_period": {
        "en": "{start} – {end} ({days} days) against the {days} days before.",
        "zh": "{start} 至 {end}（{days} 天），对比此前 {days} 天。",
    },
    "ov_col_kpi": {"en": "Metric", "zh": "指标"},
    "ov_col_current": {"en": "This period", "zh": "本期"},
    "ov_col_previous": {"en": "Previous period", "zh": "上期"},
    "ov_col_change": {"en": "Change", "zh": "变化"},
    "ov_trend": {"en": "Net revenue per week", "zh": "每周净销售额"},
    "ov_col_period": {"en": "Week", "zh": "周"},
    "ov_col_revenue": {"en": "Net revenue", "zh": "净销售额"},
    "ov_findings": {"en": "Top findings", "zh": "核心发现"},
    "ov_no_findings": {
        "en": "No finding yet: load orders with customer IDs and channels, traffic or a clickstream, spend or an experiment.",
        "zh": "暂无发现：请加载带客户ID和渠道的订单、流量或行为日志、推广花费或 A/B 实验数据。",
    },
    "ov_no_findings_from": {
        "en": "No finding from the loaded data yet ({loaded}).",
        "zh": "已加载的数据（{loaded}）暂时没有发现。",
    },
    "ov_no_findings_add": {
        "en": "For findings here, also load {wanted}.",
        "zh": "如需在此看到发现，请再加载：{wanted}。",
    },
    "ov_want_orders": {
        "en": "orders with customer IDs and a channel or source column (funnel, personas, channel ROAS)",
        "zh": "带客户ID和渠道/来源列的订单（漏斗、用户画像、渠道投产比）",
    },
    "ov_want_orders_no_funnel": {
        "en": "orders with customer IDs and a channel or source column (personas, channel ROAS)",
        "zh": "带客户ID和渠道/来源列的订单（用户画像、渠道投产比）",
    },
    "ov_want_sep": {"en": "; ", "zh": "；"},
    "ov_want_customer_ids": {
        "en": "a customer ID column in the orders (personas)",
        "zh": "订单中的客户ID列（用户画像）",
    },
    "ov_want_order_channels": {
        "en": "a channel or source column in the orders (channel ROAS)",
        "zh": "订单中的渠道/来源列（渠道投产比）",
    },
    "ov_want_spend": {
        "en": "marketing spend by channel (channel ROAS)",
        "zh": "分渠道推广花费（渠道投产比）",
    },
    "ov_want_experiment": {
        "en": "an A/B-test export (test results)",
        "zh": "A/B 实验数据（实验结果）",
    },
    "ov_spend_alone": {
        "en": "Meanwhile the Channel mix page shows the spend's campaigns: spend, clicks and cost per conversion.",
        "zh": "目前可在「渠道分析」页查看花费数据中的推广计划：花费、点击和转化成本。",
    },
    "ov_partial": {"en": "{days} days only (partial)", "zh": "仅 {days} 天（不完整）"},
    "ov_complete": {"en": "{days} days", "zh": "{days} 天"},
    "ov_col_days": {"en": "Days in the data", "zh": "数据覆盖天数"},
    "ov_find_funnel": {
        "en": "{a} → {b} is the biggest leak ({rate}): +1 pt there is worth {worth} a month.",
        "zh": "{a} → {b} 是最大流失环节（{rate}）：提升 1 个百分点每月约值 {worth}。",
    },
    "ov_find_funnel_count": {
        "en": "{a} → {b} is the biggest leak ({rate}): +1 pt there adds about {extra} conversions a month.",
        "zh": "{a} → {b} 是最大流失环节（{rate}）：提升 1 个百分点每月约多 {extra} 笔成交。",
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
