"""Strings of the personas analysis (keys start with ``ps_``)."""

STRINGS: dict[str, dict[str, str]] = {
    # ---- page structure ----------------------------------------------------------------------
    "ps_intro": {
        "en": "Who your customers are, from their order history: RFM segments (Recency, Frequency, "
        "Monetary), data-driven personas, and what each customer is likely to be worth next year.",
        "zh": "基于订单记录的用户画像：RFM 分层（最近一次消费、消费频率、消费金额）、数据驱动的人群聚类，"
        "以及每位客户未来一年的预期价值。",
    },
    "ps_tab_segments": {"en": "RFM segments", "zh": "RFM 分层"},
    "ps_tab_personas": {"en": "Personas", "zh": "人群画像"},
    "ps_tab_value": {"en": "Customer value", "zh": "客户价值"},
    "ps_tab_movement": {"en": "Movement", "zh": "分层迁移"},
    "ps_tab_export": {"en": "Customer lists", "zh": "客户名单"},
    "ps_as_of": {"en": "Reference date", "zh": "分析基准日"},
    "ps_as_of_help": {
        "en": "Recency is counted up to this day; orders from this day on are ignored. Default: the day after the last order.",
        "zh": "最近一次消费（R）计算到这一天，当天及之后的订单不计入。默认：最后一笔订单的次日。",
    },
    "ps_scoring": {"en": "Scoring", "zh": "评分方式"},
    "ps_scoring_auto": {"en": "Automatic", "zh": "自动"},
    "ps_scoring_quintile": {"en": "Quintiles (20% per score)", "zh": "五等分（每档 20%）"},
    "ps_scoring_fixed": {"en": "Fixed thresholds", "zh": "固定阈值"},
    "ps_scoring_help": {
        "en": "Quintiles give each score 1–5 to a fifth of customers. Fixed thresholds: recency ≤30 / 90 / 180 / "
        "365 days, 1 / 2 / 3 / 4–5 / 6+ orders, spend relative to the median customer.",
        "zh": "五等分：每个 1–5 分各占 20% 客户。固定阈值：最近购买 ≤30/90/180/365 天，购买 1/2/3/4–5/6+ 次，"
        "消费金额与中位客户相比。",
    },
    "ps_used_scoring": {
        "en": "{customers} customers with paid orders up to {as_of}; {excluded} orders not counted "
        "(unpaid, cancelled or refunded, no customer, or zero/negative total).",
        "zh": "截至 {as_of} 共 {customers} 位有付款订单的客户；{excluded} 笔订单未计入（未付款、已取消或已退款、"
        "无客户信息或金额为零/负数）。",
    },
    "ps_note_fixed_few": {
        "en": "Only {customers} customers: quintiles would be meaningless, so fixed thresholds are used.",
        "zh": "仅有 {customers} 位客户，五等分没有意义，已改用固定阈值评分。",
    },
    "ps_note_fixed_ties": {
        "en": "{share} of customers share the same recency or frequency, so quintiles would split identical "
        "customers arbitrarily: fixed thresholds are used.",
        "zh": "{share} 的客户最近消费天数或购买次数完全相同，五等分会把相同的客户随意分到不同档位，已改用固定阈值评分。",
    },
    "ps_note_ties_quintile": {
        "en": "{share} of customers share the same frequency (mostly one-time buyers); with quintiles they are "
        "spread over neighbouring F scores in customer-ID order. Choose fixed thresholds to keep them together.",
        "zh": "{share} 的客户购买次数相同（多为只买过一次的客户）；按五等分时他们会按客户ID顺序分入相邻的 F 档。"
        "如需将他们归为同一档，请选择固定阈值。",
    },
    "ps_note_history_short": {
        "en": "Only {days} days of orders: too short for recency and frequency to mean much (RFM needs "
        "{min_days} days or more, ideally a year). The segments still show who bought recently and how much "
        "each customer spent, but not who is loyal: the frequency-based segments ({segments}) mostly reflect "
        "when the export starts. Load a longer export to see loyalty.",
        "zh": "订单记录只有 {days} 天，时间太短，最近消费（R）和消费频率（F）的意义有限（RFM 至少需要 {min_days} 天，"
        "最好一年）。分层仍能看出谁最近买过、每位客户花了多少钱，但看不出谁是忠诚客户：依赖购买次数的分层（{segments}）"
        "主要反映的是导出数据的起始日期。请导出更长时间的订单以分析忠诚度。",
    },
    "ps_note_history_single": {
        "en": "{share} of customers have a single order, so frequency cannot separate them. The segments still "
        "rank customers by how recently they bought and how much they spent, but cannot tell loyal customers "
        "from one-time buyers: the frequency-based segments ({segments}) do not mean much yet.",
        "zh": "{share} 的客户只下过一单，消费频率（F）无法区分他们。分层仍按最近消费时间和消费金额给客户排序，"
        "但无法区分忠诚客户与一次性买家：依赖购买次数的分层（{segments}）暂时意义不大。",
    },
    "ps_note_history_both": {
        "en": "Only {days} days of orders, and {share} of customers have a single order: recency and frequency "
        "do not mean much yet. The segments still show who bought recently and how much each customer spent, "
        "but not who is loyal: the frequency-based segments ({segments}) are not reliable. Load an export "
        "covering {min_days} days or more, ideally a year.",
        "zh": "订单记录只有 {days} 天，且 {share} 的客户只下过一单：最近消费（R）和消费频率（F）的意义有限。"
        "分层仍能看出谁最近买过、每位客户花了多少钱，但看不出谁是忠诚客户：依赖购买次数的分层（{segments}）"
        "并不可靠。请导出至少 {min_days} 天（最好一年）的订单。",
    },
    # ---- segments ----------------------------------------------------------------------------
    "ps_seg_champions": {"en": "Champions", "zh": "重要价值客户"},
    "ps_seg_loyal": {"en": "Loyal Customers", "zh": "忠诚客户"},
    "ps_seg_potential_loyalists": {"en": "Potential Loyalists", "zh": "潜力客户"},
    "ps_seg_new_customers": {"en": "New Customers", "zh": "新客户"},
    "ps_seg_promising": {"en": "Promising", "zh": "有潜力新客"},
    "ps_seg_need_attention": {"en": "Need Attention", "zh": "需关注客户"},
    "ps_seg_about_to_sleep": {"en": "About To Sleep", "zh": "即将沉睡客户"},
    "ps_seg_at_risk": {"en": "At Risk", "zh": "流失预警客户"},
    "ps_seg_cant_lose": {"en": "Can't Lose Them", "zh": "重要挽留客户"},
    "ps_seg_hibernating": {"en": "Hibernating", "zh": "沉睡客户"},
    "ps_seg_new": {"en": "(not yet a customer)", "zh": "（尚未购买）"},
    "ps_act_champions": {
        "en": "Reward them: early access, VIP perks, ask for reviews and referrals.",
        "zh": "重点维护：新品优先体验、会员专属权益，邀请晒单和推荐好友。",
    },
    "ps_act_loyal": {
        "en": "Upsell higher-value products; invite them to the membership programme.",
        "zh": "推荐高客单价商品，引导加入会员体系。",
    },
    "ps_act_potential_loyalists": {
        "en": "Offer membership or a second-purchase coupon to build the habit.",
        "zh": "发放复购券、引导入会，培养购买习惯。",
    },
    "ps_act_new_customers": {
        "en": "Onboard them: thank-you message, usage tips, a reason to come back.",
        "zh": "做好新客承接：感谢短信、使用指南，给出再次购买的理由。",
    },
    "ps_act_promising": {
        "en": "Build awareness: recommend best sellers, free-shipping threshold offers.",
        "zh": "加深品牌印象：推荐爆款，满额包邮等活动。",
    },
    "ps_act_need_attention": {
        "en": "Limited-time offers based on what they bought before.",
        "zh": "根据历史购买推送限时优惠。",
    },
    "ps_act_about_to_sleep": {
        "en": "Reactivate soon: popular products and a modest discount.",
        "zh": "尽快唤醒：推送热销商品和小额优惠券。",
    },
    "ps_act_at_risk": {
        "en": "Win them back with personalised messages and a strong offer.",
        "zh": "个性化召回：定向短信/私域触达，配合较大力度的优惠。",
    },
    "ps_act_cant_lose": {
        "en": "Win them back now: personal outreach, their favourite products, the best offer.",
        "zh": "立即挽回：一对一联系，推荐常购商品，给出最优惠的挽留方案。",
    },
    "ps_act_hibernating": {
        "en": "Low-cost reactivation only (big promotions, e-mail); do not overspend.",
        "zh": "低成本唤醒（大促通知、短信/邮件），避免投入过多。",
    },
    # ---- table headers -------------------------------------------------------------------------
    "ps_col_segment": {"en": "Segment", "zh": "客户分层"},
    "ps_col_customers": {"en": "Customers", "zh": "客户数"},
    "ps_col_customer_share": {"en": "Share of customers (%)", "zh": "客户占比（%）"},
    "ps_col_revenue": {"en": "Net revenue", "zh": "净销售额"},
    "ps_col_revenue_share": {"en": "Share of revenue (%)", "zh": "销售额占比（%）"},
    "ps_col_recency_days": {"en": "Days since last order", "zh": "最近一次消费（天前）"},
    "ps_col_frequency": {"en": "Orders", "zh": "消费频率（单）"},
    "ps_col_monetary": {"en": "Spend", "zh": "消费金额"},
    "ps_col_avg_recency": {"en": "Avg. days since last order", "zh": "平均最近消费（天）"},
    "ps_col_avg_frequency": {"en": "Avg. orders", "zh": "平均购买次数"},
    "ps_col_avg_monetary": {"en": "Avg. spend", "zh": "人均消费金额"},
    "ps_col_median_recency": {"en": "Median days since last order", "zh": "最近消费中位数（天）"},
    "ps_col_action": {"en": "Recommended action", "zh": "建议运营动作"},
    "ps_col_r_score": {"en": "R score", "zh": "R 分"},
    "ps_col_f_score": {"en": "F score", "zh": "F 分"},
    "ps_col_m_score": {"en": "M score", "zh": "M 分"},
    "ps_col_r_from": {"en": "R from", "zh": "R 起"},
    "ps_col_r_to": {"en": "R to", "zh": "R 止"},
    "ps_col_f_from": {"en": "F from", "zh": "F 起"},
    "ps_col_f_to": {"en": "F to", "zh": "F 止"},
    "ps_col_persona": {"en": "Persona", "zh": "人群"},
    "ps_col_description": {"en": "Description", "zh": "画像描述"},
    "ps_col_trait": {"en": "Most common", "zh": "最常见"},
    "ps_col_window": {"en": "Within", "zh": "时间窗"},
    "ps_col_eligible": {"en": "Customers observed", "zh": "可观察客户数"},
    "ps_col_repeaters": {"en": "Bought again", "zh": "复购客户数"},
    "ps_col_rate": {"en": "Repurchase rate (%)", "zh": "复购率（%）"},
    "ps_col_cohort": {"en": "First-order month", "zh": "首购月份"},
    "ps_col_month": {"en": "Months later", "zh": "间隔月数"},
    "ps_col_cohort_size": {"en": "Cohort size", "zh": "首购客户数"},
    "ps_col_retention": {"en": "Retention (%)", "zh": "留存率（%）"},
    "ps_col_prob_alive": {"en": "Still active (%, repeat buyers)", "zh": "仍活跃概率（%，复购客户）"},
    "ps_col_expected_purchases": {"en": "Expected purchases (12 mo.)", "zh": "预计购买次数（12 个月）"},
    "ps_col_expected_spend": {"en": "Expected spend per purchase", "zh": "预计每次消费"},
    "ps_col_expected_value": {"en": "Expected value (12 mo.)", "zh": "预计价值（12 个月）"},
    "ps_col_from": {"en": "Before", "zh": "之前"},
    "ps_col_to": {"en": "After", "zh": "之后"},
    "ps_col_parameter": {"en": "Parameter", "zh": "参数"},
    "ps_col_value": {"en": "Value", "zh": "数值"},
    "ps_col_k": {"en": "Personas (k)", "zh": "人群数（k）"},
    "ps_col_silhouette": {"en": "Silhouette", "zh": "轮廓系数"},
    "ps_days": {"en": "{n} days", "zh": "{n} 天"},
    # ---- segments tab ------------------------------------------------------------------------
    "ps_segments_header": {"en": "Segments", "zh": "客户分层"},
    "ps_grid_caption": {
        "en": "Each cell counts the customers with that recency (R) and frequency (F) score; 5 = most recent / most frequent.",
        "zh": "每个格子是对应 R（最近一次消费）与 F（消费频率）得分的客户数；5 分表示最近、最频繁。",
    },
    "ps_edit_header": {"en": "Edit segment definitions", "zh": "编辑分层规则"},
    "ps_edit_caption": {
        "en": "Each segment covers R from–to and F from–to (scores 1–5). Every cell of the grid must belong to exactly one segment.",
        "zh": "每个分层覆盖 R 起–止、F 起–止（1–5 分）。矩阵的每个格子必须且只能属于一个分层。",
    },
    "ps_edit_reset": {"en": "Reset to the standard definitions", "zh": "恢复默认规则"},
    "ps_finding_segment": {
        "en": "{segment}: {customers} customers ({share_c} of customers) who bought {frequency} times on average "
        "but not for {recency} days bring {share_r} of net revenue. {action}",
        "zh": "{segment}：{customers} 位客户（占 {share_c}），平均购买 {frequency} 次，但平均已 {recency} 天未购买，"
        "贡献了 {share_r} 的净销售额。{action}",
    },
    # ---- personas tab ------------------------------------------------------------------------
    "ps_personas_header": {"en": "Personas", "zh": "人群画像"},
    "ps_k_label": {"en": "Number of personas", "zh": "人群数量"},
    "ps_k_auto": {"en": "Automatic", "zh": "自动"},
    "ps_k_help": {
        "en": "Automatic picks the number (3–8) whose groups are best separated (silhouette score).",
        "zh": "自动：在 3–8 之间选择区分度最好的人群数（轮廓系数最高）。",
    },
    "ps_persona_sentence": {
        "en": "{levels}: {share_c} of customers, {share_r} of revenue",
        "zh": "{levels}：占客户 {share_c}，贡献销售额 {share_r}",
    },
    "ps_persona_name": {"en": "{n}. {segment}", "zh": "{n}. {segment}"},
    "ps_lvl_recent": {"en": "recent", "zh": "近期活跃"},
    "ps_lvl_cooling": {"en": "cooling off", "zh": "活跃度下降"},
    "ps_lvl_lapsed": {"en": "long gone", "zh": "久未购买"},
    "ps_lvl_frequent": {"en": "frequent", "zh": "高频"},
    "ps_lvl_repeat": {"en": "occasional", "zh": "偶尔复购"},
    "ps_lvl_one_time": {"en": "one-time", "zh": "仅购买一次"},
    "ps_lvl_high_spend": {"en": "high spend", "zh": "高消费"},
    "ps_lvl_mid_spend": {"en": "mid spend", "zh": "中等消费"},
    "ps_lvl_low_spend": {"en": "low spend", "zh": "低消费"},
    "ps_lvl_sep": {"en": ", ", "zh": "、"},
    "ps_persona_quality": {
        "en": "{k} personas (silhouette {silhouette}); stability {stability}: refits on resampled customers agree "
        "this closely with these groups (adjusted Rand index, 1 = identical). Same data, same personas (fixed seed).",
        "zh": "共 {k} 个人群（轮廓系数 {silhouette}）；稳定性 {stability}：对客户重新抽样后再聚类，与当前分组的一致程度"
        "（调整兰德指数，1 = 完全一致）。相同数据总是得到相同的人群（固定随机种子）。",
    },
    "ps_silhouette_header": {"en": "How the number of personas was chosen", "zh": "人群数量是如何确定的"},
    "ps_trait_channel": {"en": "Channel", "zh": "渠道"},
    "ps_trait_region": {"en": "Region", "zh": "地区"},
    "ps_trait_category": {"en": "Category", "zh": "类目"},
    "ps_trait_value": {"en": "{value} ({share})", "zh": "{value}（{share}）"},
    # ---- value tab ---------------------------------------------------------------------------
    "ps_repurchase_header": {"en": "Repurchase rate", "zh": "复购率"},
    "ps_repurchase_caption": {
        "en": "Share of customers who ordered again within 30 or 90 days of their first order (only customers "
        "whose first order is at least that long ago are counted).",
        "zh": "首次购买后 30 天 / 90 天内再次购买的客户占比（只统计首购距今已满该天数的客户）。",
    },
    "ps_cohort_header": {"en": "Monthly cohort retention", "zh": "月度同期群留存"},
    "ps_clv_header": {
        "en": "Expected purchases and value in the next 12 months",
        "zh": "未来 12 个月预计购买次数与价值",
    },
    "ps_clv_caption": {
        "en": "BG/NBD (how often each customer buys and whether they are still active) and Gamma-Gamma "
        "(how much they spend per purchase), fitted by maximum likelihood on this shop's orders.",
        "zh": "BG/NBD 模型（购买频率与是否仍活跃）加 Gamma-Gamma 模型（每次消费金额），基于本店订单用最大似然估计。",
    },
    "ps_clv_summary": {
        "en": "Customers are expected to make {purchases} purchases worth {value} in the next 12 months. "
        "{one_time} of customers bought only once: the model cannot tell whether they are still active, their "
        "expected purchases rest only on how long ago they bought, and their spend on the shop-wide average.",
        "zh": "预计未来 12 个月客户共购买 {purchases} 次，价值约 {value}。{one_time} 的客户只购买过一次："
        "模型无法判断他们是否仍活跃，其预计购买次数只取决于距首购的时间，消费金额按全店平均估计。",
    },
    "ps_clv_params": {"en": "Model parameters", "zh": "模型参数"},
    "ps_clv_corr": {
        "en": "Spend per purchase vs. number of purchases: correlation {corr} (the Gamma-Gamma model assumes they are independent).",
        "zh": "每次消费金额与购买次数的相关系数为 {corr}（Gamma-Gamma 模型假设二者独立）。",
    },
    # ---- movement tab ------------------------------------------------------------------------
    "ps_movement_header": {"en": "How customers moved between segments", "zh": "客户在分层之间的迁移"},
    "ps_movement_from": {"en": "From", "zh": "起始日期"},
    "ps_movement_caption": {
        "en": "Segments on the first date use only orders before it; rows are where customers were, columns where they are now.",
        "zh": "起始日期的分层只使用该日期之前的订单；行是客户原来所在分层，列是现在所在分层。",
    },
    "ps_movement_finding": {
        "en": "Of the {n} customers who were {segment} on {start}, {stayed} still are.",
        "zh": "{start} 时的 {n} 位{segment}中，{stayed} 仍在该分层。",
    },
    # ---- export tab --------------------------------------------------------------------------
    "ps_export_header": {"en": "Customer lists for targeting", "zh": "可用于精准营销的客户名单"},
    "ps_export_by": {"en": "List by", "zh": "名单依据"},
    "ps_export_choose": {"en": "Which group", "zh": "选择人群"},
    "ps_export_all": {"en": "All customers", "zh": "全部客户"},
    "ps_export_caption": {
        "en": "{n} customers. Only the customer ID is exported: names, phone numbers and addresses are never included.",
        "zh": "共 {n} 位客户。只导出客户ID，不包含姓名、手机号和地址。",
    },
    # ---- charts ------------------------------------------------------------------------------
    "ps_chart_grid": {"en": "Customers on the R × F grid", "zh": "R × F 矩阵客户分布"},
    "ps_chart_profile": {
        "en": "Persona profiles (standardised, 0 = average customer)",
        "zh": "人群特征（标准化，0 = 平均客户）",
    },
    "ps_chart_cohort": {
        "en": "Share of each first-order cohort buying again",
        "zh": "各首购月份客户的留存率",
    },
    "ps_chart_movement": {"en": "Segment movement", "zh": "分层迁移"},
    "ps_chart_value": {"en": "Expected 12-month value by segment", "zh": "各分层未来 12 个月预计价值"},
    "ps_chart_revenue": {
        "en": "Share of customers and of revenue by segment",
        "zh": "各分层的客户占比与销售额占比",
    },
    "ps_axis_share": {"en": "Share (%)", "zh": "占比（%）"},
    "ps_axis_measure": {"en": "Measure", "zh": "指标"},
    "ps_axis_z": {"en": "Standard deviations from average", "zh": "相对平均的标准差"},
    "ps_measure_recency": {"en": "Recency (higher = more recent)", "zh": "最近消费（越高越近）"},
    "ps_measure_frequency": {"en": "Frequency", "zh": "消费频率"},
    "ps_measure_monetary": {"en": "Monetary", "zh": "消费金额"},
    "ps_measure_overdue": {"en": "Overdue vs. own rhythm", "zh": "超出自身购买周期"},
    "ps_measure_customers": {"en": "Customers", "zh": "客户"},
    "ps_measure_revenue": {"en": "Revenue", "zh": "销售额"},
    # ---- errors and hints --------------------------------------------------------------------
    "ps_err_no_customer_column": {
        "en": "Personas need to know who bought each order, but these orders have no customer column. "
        "On the Upload page, map a customer ID, buyer nickname (买家会员名), e-mail or phone column to “Customer ID”.",
        "zh": "用户画像需要知道每笔订单是谁买的，但这份订单数据没有客户列。请在“上传数据”页把客户ID、买家会员名、"
        "邮箱或手机号列对应到“客户ID”。",
    },
    "ps_hint_columns": {
        "en": "Columns in your file that could identify customers: {columns}.",
        "zh": "文件中可用于识别客户的列：{columns}。",
    },
    "ps_err_no_customers": {
        "en": "No paid order has a customer ID, so customers cannot be told apart. Check which column is mapped to “Customer ID” on the Upload page.",
        "zh": "所有已付款订单都没有客户ID，无法区分客户。请在“上传数据”页检查哪一列对应了“客户ID”。",
    },
    "ps_err_no_paid_orders": {
        "en": "There is no paid order to analyse (all orders are pending, cancelled or refunded, or before the reference date).",
        "zh": "没有可分析的已付款订单（订单均为待付款、已取消或已退款，或都在基准日之后）。",
    },
    "ps_err_negative_totals": {
        "en": "Every order total is zero or negative after refunds. Check that the revenue column is the amount the buyer paid, not a refund or a cost.",
        "zh": "扣除退款后所有订单金额都为零或负数。请检查金额列是否为买家实付金额，而不是退款或成本。",
    },
    "ps_err_identical": {
        "en": "All customers look the same (same recency, orders and spend), so there are no groups to find.",
        "zh": "所有客户的最近消费、购买次数和消费金额都相同，无法划分人群。",
    },
    "ps_err_one_order": {
        "en": "There is only one paid order: segments and personas need several customers and orders.",
        "zh": "只有一笔已付款订单：客户分层和人群画像需要多位客户和多笔订单。",
    },
    "ps_err_grid": {
        "en": "The segment definitions must cover every cell of the R × F grid exactly once. Not covered: {gaps}. Covered twice or more: {overlaps}.",
        "zh": "分层规则必须让 R × F 矩阵的每个格子恰好属于一个分层。未覆盖：{gaps}；重复覆盖：{overlaps}。",
    },
    "ps_err_grid_range": {
        "en": "Segment “{segment}”: scores must run from 1 to 5 with “from” not above “to”.",
        "zh": "分层“{segment}”：分值必须在 1–5 之间，且“起”不能大于“止”。",
    },
    "ps_err_value_few": {
        "en": "The value model needs at least {min_customers} customers of whom {min_repeaters} bought again; this data has "
        "{customers} customers and {repeaters} repeat buyers. Repurchase rates and cohorts are shown instead.",
        "zh": "客户价值模型至少需要 {min_customers} 位客户，其中 {min_repeaters} 位有复购；当前数据只有 {customers} 位客户、"
        "{repeaters} 位复购客户。请参考上方的复购率和同期群留存。",
    },
    "ps_err_value_corr": {
        "en": "Spend per purchase is correlated with how often customers buy (correlation {corr}, limit ±{limit}), which the "
        "Gamma-Gamma spend model does not allow: expected value would be biased, so it is not shown.",
        "zh": "每次消费金额与购买次数相关（相关系数 {corr}，上限 ±{limit}），不符合 Gamma-Gamma 模型的前提，"
        "预计价值会有偏差，因此不予展示。",
    },
    "ps_err_value_fit": {
        "en": "The value model could not be fitted to this data (no stable estimate). Repurchase rates and cohorts are shown instead.",
        "zh": "客户价值模型无法在这份数据上得到稳定的估计。请参考复购率和同期群留存。",
    },
    "ps_err_movement_dates": {
        "en": "The start date must be before the reference date.",
        "zh": "起始日期必须早于分析基准日。",
    },
}
