"""Strings of the funnel analysis (keys start with ``fn_``)."""

STRINGS: dict[str, dict[str, str]] = {
    # ---- modes and steps -----------------------------------------------------------------
    "fn_mode": {"en": "Funnel from", "zh": "漏斗数据来源"},
    "fn_mode_traffic": {"en": "Shop traffic (daily totals)", "zh": "店铺流量（生意参谋日汇总）"},
    "fn_mode_events": {"en": "Clickstream (users)", "zh": "用户行为日志（按用户）"},
    "fn_mode_orders": {"en": "Orders only", "zh": "仅订单"},
    "fn_mode_help": {
        "en": "Traffic totals give the shop funnel the platforms report; a clickstream follows each user "
        "through the steps you choose; orders alone still show created → paid → completed (paid → completed "
        "when the export has no unpaid orders).",
        "zh": "流量日汇总给出平台口径的店铺漏斗；行为日志按用户追踪你选择的步骤；只有订单时也能看到下单 → 付款 → 成交"
        "（导出中没有未付款订单时为付款 → 成交）。",
    },
    "fn_step_created": {"en": "Orders created", "zh": "下单"},
    "fn_step_paid": {"en": "Paid", "zh": "付款"},
    "fn_step_completed": {"en": "Completed (not cancelled or refunded)", "zh": "成交（未取消、未退款）"},
    "fn_unlock_more": {
        "en": "Only orders are loaded, so the funnel starts at the order. Upload a traffic export (生意参谋 / "
        "京东商智 daily totals) or a clickstream to see visitors, product views and carts too.",
        "zh": "目前只有订单数据，漏斗从下单开始。上传流量报表（生意参谋/京东商智日汇总）或用户行为日志，"
        "即可看到访客、商品浏览和加购环节。",
    },
    # ---- controls ------------------------------------------------------------------------
    "fn_steps": {"en": "Funnel steps, in order", "zh": "漏斗步骤（按顺序）"},
    "fn_steps_help": {
        "en": "Event names from your file. A user counts at a step after doing every earlier step, in order.",
        "zh": "来自文件的行为名称。用户须按顺序完成前面每一步，才计入当前步骤。",
    },
    "fn_window": {"en": "Conversion window", "zh": "转化窗口"},
    "fn_window_help": {
        "en": "How long after a user's first step the later steps still count.",
        "zh": "用户完成第一步后，多长时间内完成的后续步骤仍计入漏斗。",
    },
    "fn_window_none": {"en": "No limit", "zh": "不限"},
    "fn_window_1h": {"en": "1 hour", "zh": "1 小时"},
    "fn_window_1d": {"en": "1 day", "zh": "1 天"},
    "fn_window_7d": {"en": "7 days", "zh": "7 天"},
    "fn_window_30d": {"en": "30 days", "zh": "30 天"},
    "fn_dates": {"en": "Date range", "zh": "日期范围"},
    "fn_channels": {"en": "Channels", "zh": "渠道"},
    "fn_channels_all": {"en": "All channels", "zh": "全部渠道"},
    # ---- tabs ----------------------------------------------------------------------------
    "fn_tab_funnel": {"en": "Funnel", "zh": "漏斗"},
    "fn_tab_breakdown": {"en": "Breakdown", "zh": "细分对比"},
    "fn_tab_trend": {"en": "Trend", "zh": "趋势"},
    "fn_tab_sales": {"en": "Sales identity", "zh": "销售额拆解"},
    "fn_tab_when": {"en": "When and where", "zh": "时段与地域"},
    # ---- headline metrics ----------------------------------------------------------------
    "fn_m_visitors": {"en": "Visitors", "zh": "访客数"},
    "fn_m_cart_rate": {"en": "Add-to-cart rate", "zh": "加购率"},
    "fn_m_order_rate": {"en": "Order conversion", "zh": "下单转化率"},
    "fn_m_order_to_pay": {"en": "Order-to-payment", "zh": "下单-支付转化率"},
    "fn_m_pay_rate": {"en": "Payment conversion", "zh": "支付转化率"},
    "fn_m_aov": {"en": "AOV", "zh": "客单价"},
    "fn_m_uv_value": {"en": "Value per visitor", "zh": "UV价值"},
    "fn_m_paid_amount": {"en": "Paid amount", "zh": "支付金额"},
    "fn_m_help_cart_rate": {"en": "Cart adders ÷ visitors", "zh": "加购人数 ÷ 访客数"},
    "fn_m_help_order_rate": {"en": "Orderers ÷ visitors", "zh": "下单买家数 ÷ 访客数"},
    "fn_m_help_order_to_pay": {"en": "Payers ÷ orderers", "zh": "支付买家数 ÷ 下单买家数"},
    "fn_m_help_pay_rate": {"en": "Payers ÷ visitors", "zh": "支付买家数 ÷ 访客数"},
    "fn_m_help_aov": {"en": "Paid amount ÷ payers", "zh": "支付金额 ÷ 支付买家数"},
    "fn_m_help_uv_value": {"en": "Paid amount ÷ visitors", "zh": "支付金额 ÷ 访客数"},
    "fn_m_help_visitors": {
        "en": "Daily visitors summed over the days (as the platforms add them up)",
        "zh": "每日访客数按天累加（平台口径）",
    },
    "fn_m_help_paid_amount": {"en": "Money paid by buyers", "zh": "买家支付的金额"},
    # ---- table and chart -----------------------------------------------------------------
    "fn_col_step": {"en": "Step", "zh": "步骤"},
    "fn_col_count": {"en": "Count", "zh": "数量"},
    "fn_col_users": {"en": "Users", "zh": "用户数"},
    "fn_col_orders": {"en": "Orders", "zh": "订单数"},
    "fn_col_rate_from_start": {"en": "Conversion from first step", "zh": "总转化率"},
    "fn_col_rate_from_previous": {"en": "Step conversion", "zh": "环节转化率"},
    "fn_col_dropped": {"en": "Dropped", "zh": "流失"},
    "fn_col_from": {"en": "From", "zh": "从"},
    "fn_col_to": {"en": "To", "zh": "到"},
    "fn_col_rate": {"en": "Conversion", "zh": "转化率"},
    "fn_col_extra": {"en": "Extra conversions / month", "zh": "每月新增成交"},
    "fn_col_extra_revenue": {"en": "Extra revenue / month", "zh": "每月新增销售额"},
    "fn_col_segment": {"en": "Segment", "zh": "细分"},
    "fn_col_entering": {"en": "Entering the step", "zh": "进入环节"},
    "fn_col_converted": {"en": "Converted", "zh": "完成"},
    "fn_col_ci_low": {"en": "CI low", "zh": "置信区间下限"},
    "fn_col_ci_high": {"en": "CI high", "zh": "置信区间上限"},
    "fn_col_rest_rate": {"en": "Rest of the shop", "zh": "其余部分"},
    "fn_col_p_value": {"en": "p-value (Holm)", "zh": "p 值（Holm 校正）"},
    "fn_col_flag": {"en": "Verdict", "zh": "判断"},
    "fn_flag_higher": {"en": "higher", "zh": "显著更高"},
    "fn_flag_lower": {"en": "lower", "zh": "显著更低"},
    "fn_flag_small": {"en": "too small to judge", "zh": "样本太少"},
    "fn_flag_none": {"en": "no clear difference", "zh": "无明显差异"},
    "fn_col_transition": {"en": "Step", "zh": "环节"},
    "fn_col_period": {"en": "Period", "zh": "时间"},
    "fn_col_median": {"en": "Median", "zh": "中位数"},
    "fn_col_p25": {"en": "25th percentile", "zh": "25% 分位"},
    "fn_col_p75": {"en": "75th percentile", "zh": "75% 分位"},
    "fn_col_p90": {"en": "90th percentile", "zh": "90% 分位"},
    "fn_col_bucket": {"en": "Time taken", "zh": "用时"},
    "fn_col_share": {"en": "Share", "zh": "占比"},
    "fn_col_weekday": {"en": "Weekday", "zh": "星期"},
    "fn_col_hour": {"en": "Hour", "zh": "小时"},
    "fn_col_region": {"en": "Region", "zh": "地区"},
    "fn_col_buyers": {"en": "Buyers", "zh": "买家数"},
    "fn_col_revenue": {"en": "Paid revenue", "zh": "支付金额"},
    "fn_col_aov": {"en": "AOV per order (笔单价)", "zh": "笔单价"},
    "fn_col_revenue_share": {"en": "Share of revenue", "zh": "销售额占比"},
    "fn_chart_funnel": {"en": "Conversion funnel", "zh": "转化漏斗"},
    "fn_chart_reached": {"en": "Reached", "zh": "到达"},
    "fn_chart_lost": {"en": "Lost from the previous step", "zh": "较上一步流失"},
    "fn_chart_leak": {"en": "Biggest leak", "zh": "最大流失环节"},
    "fn_download_name": {"en": "funnel", "zh": "转化漏斗"},
    # ---- the leak --------------------------------------------------------------------------
    "fn_leak_title": {"en": "Biggest leak: {a} → {b}", "zh": "最大流失环节：{a} → {b}"},
    "fn_leak_body": {
        "en": "Only {rate} of those who reach “{a}” go on to “{b}”: {lost} lost here, the lowest step "
        "conversion in the funnel.",
        "zh": "到达“{a}”的只有 {rate} 继续到“{b}”，此环节流失 {lost}，是漏斗中环节转化率最低的一步。",
    },
    "fn_no_leak_sound": {
        "en": "No leak worth fixing: every step converts at {threshold} or more (the lowest is “{a} → {b}” at "
        "{rate}). A step that keeps that share of those entering it leaves little to win.",
        "zh": "没有值得修复的流失环节：每个环节的转化率都不低于 {threshold}（最低为“{a} → {b}”，{rate}）。"
        "能留住这么多进入者的环节，提升空间很小。",
    },
    "fn_no_leak_small": {
        "en": "No leak to name yet: the steps converting below {threshold} have fewer than {n} entering them "
        "(“{a} → {b}”: {rate} of {entering}), too few to tell a leak from chance.",
        "zh": "暂无可判定的流失环节：转化率低于 {threshold} 的环节进入数不足 {n}（“{a} → {b}”：{entering} 中的 {rate}），"
        "样本太少，无法区分是流失还是偶然。",
    },
    "fn_no_leak_empty": {
        "en": "Nobody went past the first step, so there is no step conversion to judge.",
        "zh": "没有人越过第一步，没有可判断的环节转化率。",
    },
    "fn_leak_segment": {
        "en": "It is worst for {dimension} = {segment}: {rate} against {rest} for the rest (significant).",
        "zh": "{dimension}为“{segment}”时最差：{rate}，其余为 {rest}（差异显著）。",
    },
    "fn_why_visit_to_view": {
        "en": "Likely causes: visitors land and leave without opening a product: landing pages that do not "
        "match the ad or search term, weak main images, or poorly targeted traffic. Check bounce rate by "
        "channel and the first screen on mobile.",
        "zh": "可能原因：访客进店后没有点开商品：落地页与广告或搜索词不符、主图吸引力不足，或流量不精准。"
        "按渠道查看跳失率，并检查手机端首屏。",
    },
    "fn_why_view_to_cart": {
        "en": "Likely causes: the product page does not convince: price against competitors, too few or poor "
        "reviews, unclear images or size information, out-of-stock variants. Test the main image, the price "
        "display and the review section.",
        "zh": "可能原因：商品详情页说服力不足：价格相对竞品偏高、评价少或差评、图片或尺码信息不清楚、SKU 缺货。"
        "可测试主图、价格展示和评价区。",
    },
    "fn_why_cart_to_checkout": {
        "en": "Likely causes: many carts but few orders: shipping cost revealed late, coupons that do not "
        "apply, forced registration or a long checkout, or carts used as wish lists. Show shipping early, "
        "simplify checkout, remind cart abandoners (coupon or message).",
        "zh": "可能原因：加购多但下单少：运费在结算时才出现、优惠券不可用、强制注册或结算流程太长，"
        "或把购物车当收藏夹。尽早展示运费、简化结算流程，并对加购未下单的用户做催单（优惠券或消息提醒）。",
    },
    "fn_why_checkout_to_purchase": {
        "en": "Likely causes: orders placed but not paid: a failing or slow payment step, missing payment "
        "methods, a price surprise at payment, or no reminder for unpaid orders. Check payment errors and "
        "send payment reminders (催付).",
        "zh": "可能原因：下单未支付：支付环节出错或太慢、缺少常用支付方式、支付时价格与预期不符，或未对未付款订单催付。"
        "检查支付报错并及时催付。",
    },
    "fn_why_purchase_to_completed": {
        "en": "Likely causes: paid orders cancelled or refunded: product not as described, quality problems, "
        "slow delivery. Read refund reasons by product.",
        "zh": "可能原因：付款后取消或退款：货不对板、质量问题、发货太慢。按商品查看退款原因。",
    },
    "fn_why_generic": {
        "en": "Look at what users see between these two steps, and compare segments in the Breakdown tab to "
        "find where the loss is concentrated.",
        "zh": "检查用户在这两步之间看到的内容，并在“细分对比”中比较各细分，找出流失集中在哪里。",
    },
    "fn_whatif_header": {"en": "What is fixing it worth?", "zh": "改善它值多少钱？"},
    "fn_whatif_header_any": {"en": "What is one more point worth?", "zh": "提升 1 个百分点值多少钱？"},
    "fn_whatif_step": {"en": "Step to improve", "zh": "要改善的环节"},
    "fn_whatif_points": {
        "en": "Raise its conversion by (percentage points)",
        "zh": "环节转化率提升（百分点）",
    },
    "fn_whatif_rate": {"en": "Step conversion", "zh": "环节转化率"},
    "fn_whatif_extra": {"en": "Extra conversions per month", "zh": "每月新增成交"},
    "fn_whatif_revenue": {"en": "Extra revenue per month", "zh": "每月新增销售额"},
    "fn_whatif_sentence": {
        "en": "Raising “{a} → {b}” from {rate} to {new} would add about {extra} conversions and {revenue} in "
        "revenue per month, at {value_name} {aov} ({basis}).",
        "zh": "把“{a} → {b}”从 {rate} 提升到 {new}，每月约新增 {extra} 笔成交、销售额 {revenue}"
        "（按{value_name} {aov} 计算，{basis}）。",
    },
    "fn_whatif_sentence_count": {
        "en": "Raising “{a} → {b}” from {rate} to {new} would add about {extra} conversions per month. What they "
        "are worth is unknown: the loaded data has no revenue.",
        "zh": "把“{a} → {b}”从 {rate} 提升到 {new}，每月约新增 {extra} 笔成交。其价值未知：已加载的数据中没有金额。",
    },
    "fn_whatif_no_value": {
        "en": "The loaded data has no revenue, so the gain is counted in conversions only. Load orders with "
        "revenue (or a clickstream whose purchases carry revenue) to put a value on it.",
        "zh": "已加载的数据中没有金额，因此只按成交数估算。加载带金额的订单（或购买事件带金额的行为日志）即可估算其价值。",
    },
    "fn_value_aov_buyer": {"en": "AOV per buyer (客单价)", "zh": "客单价"},
    "fn_value_aov_order": {"en": "AOV per order (笔单价)", "zh": "笔单价"},
    "fn_value_basis_orders": {"en": "orders, {start} – {end}", "zh": "订单，{start} 至 {end}"},
    "fn_value_basis_events": {
        "en": "clickstream purchase revenue ÷ purchasers, {start} – {end}",
        "zh": "行为日志购买金额 ÷ 购买人数，{start} 至 {end}",
    },
    "fn_value_basis_traffic": {
        "en": "traffic paid amount ÷ payers, {start} – {end}",
        "zh": "流量数据支付金额 ÷ 支付买家数，{start} 至 {end}",
    },
    "fn_worth_header": {"en": "One more point at each step", "zh": "每个环节提升 1 个百分点的价值"},
    "fn_ttc_header": {"en": "Time to convert", "zh": "转化用时"},
    "fn_ttc_caption": {
        "en": "Time between consecutive steps for those who made them. Long tails point to users who come back later.",
        "zh": "完成相邻两步之间的用时。长尾说明有用户隔一段时间才回来完成。",
    },
    "fn_bucket_1m": {"en": "< 1 min", "zh": "< 1 分钟"},
    "fn_bucket_10m": {"en": "1–10 min", "zh": "1–10 分钟"},
    "fn_bucket_1h": {"en": "10–60 min", "zh": "10–60 分钟"},
    "fn_bucket_6h": {"en": "1–6 h", "zh": "1–6 小时"},
    "fn_bucket_1d": {"en": "6–24 h", "zh": "6–24 小时"},
    "fn_bucket_3d": {"en": "1–3 days", "zh": "1–3 天"},
    "fn_bucket_7d": {"en": "3–7 days", "zh": "3–7 天"},
    "fn_bucket_30d": {"en": "7–30 days", "zh": "7–30 天"},
    "fn_bucket_more": {"en": "> 30 days", "zh": "> 30 天"},
    "fn_hours_fmt": {"en": "{h:.1f} h", "zh": "{h:.1f} 小时"},
    "fn_minutes_fmt": {"en": "{m:.0f} min", "zh": "{m:.0f} 分钟"},
    "fn_days_fmt": {"en": "{d:.1f} days", "zh": "{d:.1f} 天"},
    # ---- breakdown, trend ----------------------------------------------------------------
    "fn_breakdown_by": {"en": "Break down by", "zh": "细分维度"},
    "fn_breakdown_none": {
        "en": "No column in this data splits the funnel into segments (channel, device, region...).",
        "zh": "当前数据中没有可用于细分漏斗的列（渠道、设备、地区等）。",
    },
    "fn_breakdown_caption": {
        "en": "Each segment's step conversion with its 95% Wilson interval. “Higher”/“lower” means the segment "
        "differs significantly from the rest of the shop (two-proportion z-test, Holm-adjusted); segments with "
        "fewer than {n} entering a step are too small to judge.",
        "zh": "各细分的环节转化率及 95% Wilson 置信区间。“显著更高/更低”表示该细分与店铺其余部分差异显著"
        "（两比例 z 检验，Holm 校正）；进入环节不足 {n} 的细分样本太少，不做判断。",
    },
    "fn_chart_breakdown": {"en": "Step conversion by {dimension}", "zh": "按{dimension}的环节转化率"},
    "fn_trend_freq": {"en": "Per", "zh": "时间粒度"},
    "fn_freq_D": {"en": "Day", "zh": "日"},
    "fn_freq_W": {"en": "Week", "zh": "周"},
    "fn_freq_M": {"en": "Month", "zh": "月"},
    "fn_chart_trend": {"en": "Step conversion over time", "zh": "环节转化率趋势"},
    # ---- sales identity ------------------------------------------------------------------
    "fn_sales_formula_orders": {
        "en": "Sales = paid orders × AOV per order (笔单价). The change between two periods splits exactly into "
        "the part due to more or fewer paid orders and to the average paid order.",
        "zh": "销售额 = 支付订单数 × 笔单价。两个时期之间的变化可精确拆分为支付订单数和笔单价各自带来的部分。",
    },
    "fn_sales_basis_orders_visitors": {
        "en": "Sales are the orders' paid revenue (the home page's “Paid revenue” for the same dates); buyers and "
        "AOV per buyer (客单价) come from the orders, visitors are the funnel's first step (“{step}”), "
        "conversion = buyers ÷ visitors.",
        "zh": "销售额为订单的支付金额（与首页同一日期的“支付金额”一致）；买家数和客单价来自订单，访客数为漏斗第一步"
        "（“{step}”），转化率 = 买家数 ÷ 访客数。",
    },
    "fn_sales_basis_orders_note": {
        "en": "Sales are the orders' paid revenue (the home page's “Paid revenue” for the same dates).",
        "zh": "销售额为订单的支付金额（与首页同一日期的“支付金额”一致）。",
    },
    "fn_sales_basis_orders_orders": {
        "en": "Sales are the orders' paid revenue (the home page's “Paid revenue” for the same dates). Orders "
        "alone count no visitors, so sales split into paid orders and AOV per order (笔单价).",
        "zh": "销售额为订单的支付金额（与首页同一日期的“支付金额”一致）。仅有订单时没有访客数，因此拆分为支付订单数和笔单价。",
    },
    "fn_sales_basis_events": {
        "en": "No orders are loaded: sales are the revenue of the clickstream's purchase events, visitors its "
        "users at the first step (“{step}”).",
        "zh": "未加载订单：销售额为行为日志中购买事件的金额，访客数为到达第一步（“{step}”）的用户数。",
    },
    "fn_sales_basis_traffic": {
        "en": "No orders are loaded: sales are the traffic data's paid amount (支付金额), visitors its daily "
        "visitors summed, conversion = payers ÷ visitors.",
        "zh": "未加载订单：销售额为流量数据的支付金额，访客数为每日访客数之和，转化率 = 支付买家数 ÷ 访客数。",
    },
    "fn_sales_note_coverage": {
        "en": "The clickstream's users are not the shop's visitors: in these dates it records fewer users or "
        "purchasers than the orders have buyers, so buyers ÷ its users would not be a conversion rate. Sales "
        "are split into paid orders × AOV per order instead.",
        "zh": "行为日志中的用户不等于店铺访客：这些日期内其用户数或购买人数少于订单中的买家数，买家数 ÷ 其用户数"
        "不是转化率。因此改为按支付订单数 × 笔单价拆分。",
    },
    "fn_sales_note_no_funnel": {
        "en": "The funnel's data does not cover one of these periods, so there are no visitors to set against "
        "the orders: sales are split into paid orders × AOV per order instead.",
        "zh": "漏斗数据没有覆盖其中一个时期，没有可与订单对照的访客数：因此改为按支付订单数 × 笔单价拆分。",
    },
    "fn_sales_whole_shop": {
        "en": "With orders loaded, the sales identity covers the whole shop (every channel), as the home page does.",
        "zh": "加载订单后，销售额拆解覆盖整个店铺（全部渠道），与首页一致。",
    },
    "fn_sales_name_orders": {"en": "Paid revenue of the orders", "zh": "订单支付金额"},
    "fn_sales_name_events": {"en": "Revenue of the clickstream's purchases", "zh": "行为日志购买金额"},
    "fn_sales_name_traffic": {"en": "Paid amount in the traffic data", "zh": "流量数据支付金额"},
    "fn_sales_formula": {
        "en": "Sales = visitors × conversion × AOV. The change between two periods splits exactly into the "
        "part due to more or fewer visitors, to conversion and to the average order value.",
        "zh": "销售额 = 访客数 × 转化率 × 客单价。两个时期之间的变化可精确拆分为访客数、转化率和客单价各自带来的部分。",
    },
    "fn_period_before": {"en": "Earlier period", "zh": "对比期"},
    "fn_period_after": {"en": "Later period", "zh": "当前期"},
    "fn_sales_visitors": {"en": "Visitors", "zh": "访客数"},
    "fn_sales_conversion": {"en": "Conversion", "zh": "转化率"},
    "fn_sales_aov": {"en": "AOV per buyer (客单价)", "zh": "客单价"},
    "fn_sales_orders": {"en": "Paid orders", "zh": "支付订单数"},
    "fn_sales_aov_order": {"en": "AOV per order (笔单价)", "zh": "笔单价"},
    "fn_sales_sales": {"en": "Sales", "zh": "销售额"},
    "fn_effect_visitors": {"en": "Visitor effect", "zh": "访客数影响"},
    "fn_effect_conversion": {"en": "Conversion effect", "zh": "转化率影响"},
    "fn_effect_aov": {"en": "AOV effect", "zh": "客单价影响"},
    "fn_effect_orders": {"en": "Paid-orders effect", "zh": "支付订单数影响"},
    "fn_effect_aov_order": {"en": "AOV-per-order effect", "zh": "笔单价影响"},
    "fn_chart_waterfall": {"en": "What changed sales", "zh": "销售额变化拆解"},
    "fn_col_metric": {"en": "Metric", "zh": "指标"},
    "fn_col_before": {"en": "Earlier", "zh": "对比期"},
    "fn_col_after": {"en": "Later", "zh": "当前期"},
    "fn_col_change": {"en": "Change", "zh": "变化"},
    "fn_col_effect": {"en": "Effect on sales", "zh": "对销售额的影响"},
    "fn_sales_sentence": {
        "en": "{basis} went from {before} to {after} ({change}): visitors {v}, conversion {c}, AOV per buyer {a}.",
        "zh": "{basis}从 {before} 变为 {after}（{change}）：访客数影响 {v}，转化率影响 {c}，客单价影响 {a}。",
    },
    "fn_sales_sentence_orders": {
        "en": "{basis} went from {before} to {after} ({change}): paid orders {o}, AOV per order {a}.",
        "zh": "{basis}从 {before} 变为 {after}（{change}）：支付订单数影响 {o}，笔单价影响 {a}。",
    },
    # ---- when and where ------------------------------------------------------------------
    "fn_when_caption": {
        "en": "When people come and when they buy, by weekday and hour: plan campaigns and customer-service "
        "shifts around the peaks.",
        "zh": "按星期和小时查看访问与下单高峰：据此安排活动上线时间和客服排班。",
    },
    "fn_chart_visits": {
        "en": "Visits (first funnel step) by weekday and hour",
        "zh": "访问（漏斗第一步）时段分布",
    },
    "fn_chart_orders": {"en": "Orders by weekday and hour", "zh": "下单时段分布"},
    "fn_when_none": {
        "en": "The loaded data has no times of day (traffic totals are daily); orders or a clickstream show the hours.",
        "zh": "当前数据没有具体时刻（流量报表按天汇总）；订单或行为日志可显示时段分布。",
    },
    "fn_region_header": {"en": "Regions", "zh": "地域分布"},
    "fn_chart_regions": {"en": "Paid revenue by region", "zh": "各地区支付金额"},
    "fn_region_unknown": {"en": "(no region)", "zh": "（未填地区）"},
    "fn_region_caption": {
        "en": "Paid orders and paid revenue (before refunds) per region over all the orders, as the home page "
        "counts them: the regions add up to the shop's paid revenue.",
        "zh": "全部订单中各地区的支付订单数和支付金额（退款前），口径与首页一致：各地区相加等于店铺支付金额。",
    },
    "fn_weekday_0": {"en": "Mon", "zh": "周一"},
    "fn_weekday_1": {"en": "Tue", "zh": "周二"},
    "fn_weekday_2": {"en": "Wed", "zh": "周三"},
    "fn_weekday_3": {"en": "Thu", "zh": "周四"},
    "fn_weekday_4": {"en": "Fri", "zh": "周五"},
    "fn_weekday_5": {"en": "Sat", "zh": "周六"},
    "fn_weekday_6": {"en": "Sun", "zh": "周日"},
    # ---- notes and errors ----------------------------------------------------------------
    "fn_note_missing_counts": {
        "en": "{n:,} rows had a missing count; it was read as 0.",
        "zh": "{n:,} 行存在空白数值，已按 0 计算。",
    },
    "fn_note_negative_counts": {
        "en": "{n:,} rows with a negative count were left out of the funnel.",
        "zh": "{n:,} 行数值为负，已排除在漏斗之外。",
    },
    "fn_note_credit_notes": {
        "en": "{n:,} credit notes (returns or cancellations of earlier invoices) are not orders placed: they are "
        "left out of the funnel and count as refunds.",
        "zh": "{n:,} 张冲销单据（退货或撤销以前的发票）不是新下的订单：已排除在漏斗之外，计入退款。",
    },
    "fn_note_starts_at_paid": {
        "en": "This export marks no order as unpaid (none pending or closed before payment, no blank payment "
        "time), so it cannot show orders created but never paid: the funnel starts at payment.",
        "zh": "该导出中没有未付款的订单（没有待付款或付款前关闭的订单，也没有空白的付款时间），无法统计下单未付款的订单，"
        "因此漏斗从付款开始。",
    },
    "fn_note_undated": {
        "en": "{n:,} rows without a readable date were left out of the funnel.",
        "zh": "{n:,} 行日期无法识别，已排除在漏斗之外。",
    },
    "fn_err_traffic_steps": {
        "en": "The traffic data needs visitors and at least one later step (product visitors, cart adders, "
        "orderers or payers) to form a funnel. Map those columns on the Upload page.",
        "zh": "流量数据除访客数外，至少还需要一个后续环节（商品访客数、加购人数、下单买家数或支付买家数）才能构成漏斗。"
        "请在“上传数据”页映射这些列。",
    },
    "fn_err_no_dated": {
        "en": "No row has a readable date or time, so there is no funnel to draw. Check which column is "
        "mapped as the date on the Upload page.",
        "zh": "没有任何一行的日期或时间可以识别，无法生成漏斗。请在“上传数据”页检查日期列的映射。",
    },
    "fn_err_no_orders": {"en": "The orders data has no rows.", "zh": "订单数据没有任何行。"},
    "fn_err_only_credit_notes": {
        "en": "The orders data holds only credit notes (returns), no order placed, so there is no funnel.",
        "zh": "订单数据中只有冲销单据（退货），没有下单记录，无法生成漏斗。",
    },
    "fn_err_steps_few": {
        "en": "Choose at least two steps for a funnel.",
        "zh": "请至少选择两个步骤来构成漏斗。",
    },
    "fn_err_steps_unknown": {
        "en": "These steps are not event names in your file: {steps}. Pick steps from the list.",
        "zh": "以下步骤不是文件中的行为名称：{steps}。请从列表中选择。",
    },
    "fn_err_window": {"en": "The conversion window cannot be negative.", "zh": "转化窗口不能为负数。"},
    "fn_err_step_index": {"en": "That step is not part of the funnel.", "zh": "该环节不在漏斗中。"},
    "fn_err_breakdown_column": {
        "en": "The data has no column “{column}” to break the funnel down by.",
        "zh": "数据中没有可用于细分的“{column}”列。",
    },
    "fn_err_breakdown_one": {
        "en": "“{column}” has a single value in this data, so there is nothing to compare.",
        "zh": "“{column}”在当前数据中只有一个取值，无法对比。",
    },
    "fn_err_freq": {"en": "Choose day, week or month.", "zh": "请选择日、周或月。"},
    "fn_err_period_empty": {
        "en": "One of the two periods holds no data. Pick dates inside {first} – {last}.",
        "zh": "其中一个时期没有数据。请选择 {first} 至 {last} 之间的日期。",
    },
    "fn_err_no_region": {"en": "The orders have no region column.", "zh": "订单数据没有地区列。"},
    "fn_err_empty_range": {
        "en": "No data in the chosen dates or channels. The data covers {first} – {last}.",
        "zh": "所选日期或渠道内没有数据。数据覆盖 {first} 至 {last}。",
    },
    "fn_err_nobody": {
        "en": "Nobody reached the first step in this selection, so there is no funnel to show.",
        "zh": "当前选择下没有人到达第一步，无法生成漏斗。",
    },
}
