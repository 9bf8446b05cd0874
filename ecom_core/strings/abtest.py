"""Strings of the abtest analysis (keys start with ``ab_``)."""

STRINGS: dict[str, dict[str, str]] = {
    # ---- bad input -------------------------------------------------------------------------
    "ab_err_rate": {
        "en": "The baseline conversion rate must be between 0% and 100% (not {value}).",
        "zh": "基准转化率必须在 0% 到 100% 之间（当前为 {value}）。",
    },
    "ab_err_mde_zero": {
        "en": "Enter the smallest change worth detecting: it cannot be zero.",
        "zh": "请填写希望检测到的最小提升幅度，不能为 0。",
    },
    "ab_err_mde_range": {
        "en": "That effect would take the conversion rate from {baseline:.2%} to {target:.2%}, outside "
        "0%-100%. Choose a smaller effect.",
        "zh": "按这个提升幅度，转化率会从 {baseline:.2%} 变为 {target:.2%}，超出 0%-100% 的范围，请调小幅度。",
    },
    "ab_err_alpha": {
        "en": "The significance level must be between 0 and 1 (usually 0.05).",
        "zh": "显著性水平必须在 0 和 1 之间（通常取 0.05）。",
    },
    "ab_err_power": {
        "en": "Power must be below 100% and above half the significance level (usually 80%).",
        "zh": "统计功效必须小于 100% 且大于显著性水平的一半（通常取 80%）。",
    },
    "ab_err_confidence": {
        "en": "The confidence level must be between 50% and 100% (usually 95%).",
        "zh": "置信水平必须在 50% 到 100% 之间（通常取 95%）。",
    },
    "ab_err_variants": {
        "en": "A test needs at least two variants (for example control and treatment); only one was found.",
        "zh": "A/B 测试至少需要两个版本（例如对照组和实验组），目前只找到一个。",
    },
    "ab_err_traffic": {
        "en": "Daily visitors must be more than 0.",
        "zh": "日均访客数必须大于 0。",
    },
    "ab_err_share": {
        "en": "The share of visitors in the test must be between 0% and 100%.",
        "zh": "参与测试的流量比例必须在 0% 到 100% 之间。",
    },
    "ab_err_days": {
        "en": "The number of days must be more than 0.",
        "zh": "测试天数必须大于 0。",
    },
    "ab_err_negative": {
        "en": "Visitors, conversions and amounts cannot be negative.",
        "zh": "访客数、转化数和金额不能为负数。",
    },
    "ab_err_number": {
        "en": "A number is missing or not a number: check visitors, conversions and revenue.",
        "zh": "有数字缺失或不是数字：请检查访客数、转化数和收入。",
    },
    "ab_err_whole": {
        "en": "Visitors and conversions are counts of people: {value} is not a whole number.",
        "zh": "访客数和转化数是人数，必须是整数（{value} 不是整数）。",
    },
    "ab_err_no_visitors": {
        "en": "Every variant needs at least one visitor.",
        "zh": "每个版本至少需要 1 个访客。",
    },
    "ab_err_conv_gt_visitors": {
        "en": "Conversions ({conversions:,}) cannot be more than visitors ({visitors:,}). Check the numbers "
        "of each variant.",
        "zh": "转化数（{conversions:,}）不能大于访客数（{visitors:,}），请检查各版本的数字。",
    },
    "ab_err_too_few": {
        "en": "Comparing revenue per visitor needs at least 2 visitors in each variant.",
        "zh": "比较 UV 价值（人均收入）时，每个版本至少需要 2 个访客。",
    },
    "ab_err_no_spread": {
        "en": "Revenue per visitor is the same for everybody in both variants (standard deviation 0): "
        "there is nothing to test. Enter the standard deviations.",
        "zh": "两个版本中每位访客的收入完全相同（标准差为 0），无法检验。请填写标准差。",
    },
    "ab_err_weights": {
        "en": "The intended traffic split needs one positive share per variant.",
        "zh": "计划的流量分配需要为每个版本填写一个大于 0 的比例。",
    },
    "ab_err_table": {
        "en": "The table needs one row per variant (at least two) and two columns: converted and not converted.",
        "zh": "表格需要每个版本一行（至少两行），两列分别为已转化和未转化人数。",
    },
    "ab_err_no_variant": {
        "en": "The experiment file has no variant column (which version each user saw, e.g. 'group' or "
        "'variant'). Map it on the Upload page.",
        "zh": "实验数据中没有分组列（每个用户看到的版本，如“实验组”“分组”“group”）。请在上传页指定该列。",
    },
    "ab_err_no_outcome": {
        "en": "The experiment file needs either a 'converted' column (one row per user) or visitors and "
        "conversions per variant. Map them on the Upload page.",
        "zh": "实验数据需要“是否转化”列（每个用户一行），或每个版本的访客数和转化数。请在上传页指定这些列。",
    },
    "ab_err_baseline": {
        "en": "There is no variant called '{name}'.",
        "zh": "没有名为“{name}”的版本。",
    },
    "ab_err_duplicate_variant": {
        "en": "Two variants have the same name: give each variant its own name.",
        "zh": "有两个版本名称相同，请为每个版本取不同的名称。",
    },
    "ab_err_variant_name": {
        "en": "Give every variant a name.",
        "zh": "请为每个版本填写名称。",
    },
    "ab_err_cap": {
        "en": "Cap revenue at a percentile between 50% and 100%.",
        "zh": "收入封顶的分位数必须在 50% 到 100% 之间。",
    },
    # ---- page ------------------------------------------------------------------------------
    "ab_intro": {
        "en": "Show two versions of a page at the same time and let the numbers decide which works "
        "better. Plan the test first (how many visitors, how long), then read the result.",
        "zh": "同时向用户展示两个版本的页面，用数据判断哪个效果更好。先规划测试（需要多少访客、跑多久），再解读结果。",
    },
    "ab_tab_plan": {"en": "Plan a test", "zh": "规划测试"},
    "ab_tab_analyze": {"en": "Read a result", "zh": "解读结果"},
    "ab_plan_inputs": {"en": "Your test", "zh": "测试设置"},
    "ab_baseline": {"en": "Baseline conversion rate (%)", "zh": "当前转化率（%）"},
    "ab_baseline_help": {
        "en": "Conversion rate of the current version, e.g. 4 for 4% of visitors buying.",
        "zh": "当前版本的转化率，例如 4 表示 4% 的访客下单。",
    },
    "ab_mde_kind": {"en": "Effect given as", "zh": "提升幅度的类型"},
    "ab_mde_relative": {"en": "relative (%)", "zh": "相对（%）"},
    "ab_mde_absolute": {"en": "absolute (points)", "zh": "绝对（百分点）"},
    "ab_mde_rel": {"en": "Smallest effect worth detecting (%)", "zh": "最小可检测效应 MDE（%）"},
    "ab_mde_abs": {"en": "Smallest effect worth detecting (points)", "zh": "最小可检测效应 MDE（百分点）"},
    "ab_mde_help": {
        "en": "Relative: 15 means 4.0% -> 4.6%. Absolute: 0.6 means 4.0% -> 4.6%.",
        "zh": "相对：15 表示 4.0% → 4.6%；绝对：0.6 表示 4.0% → 4.6%。",
    },
    "ab_direction": {"en": "Direction", "zh": "方向"},
    "ab_increase": {"en": "increase", "zh": "提升"},
    "ab_decrease": {"en": "decrease", "zh": "下降"},
    "ab_alpha": {"en": "Significance level α", "zh": "显著性水平 α"},
    "ab_power": {"en": "Power (%)", "zh": "统计功效（%）"},
    "ab_power_help": {
        "en": "Chance of detecting the effect when it is real; 80% is usual.",
        "zh": "效果真实存在时能检测出来的概率，通常取 80%。",
    },
    "ab_variants": {"en": "Number of variants (control included)", "zh": "版本数（含对照组）"},
    "ab_daily": {"en": "Daily visitors", "zh": "日均访客数"},
    "ab_share": {"en": "Share of visitors in the test (%)", "zh": "参与测试的流量比例（%）"},
    "ab_plan_result": {"en": "What the test takes", "zh": "测试需要"},
    "ab_m_per_variant": {"en": "Visitors per variant", "zh": "每组访客数"},
    "ab_m_total": {"en": "Visitors in total", "zh": "总访客数"},
    "ab_m_days": {"en": "Duration", "zh": "测试时长"},
    "ab_days_value": {"en": "{days:,} days", "zh": "{days:,} 天"},
    "ab_weeks_value": {"en": "run {weeks} full week(s)", "zh": "建议跑满 {weeks} 周"},
    "ab_plan_sentence": {
        "en": "To detect a change from {baseline} to {target} ({effect}) with {power} power at α = {alpha}, "
        "each variant needs {n} visitors ({total} in all). At {daily} visitors a day with {share} in the "
        "test that is {days} days: run {weeks} full week(s) so every weekday counts equally.",
        "zh": "要在 α = {alpha}、功效 {power} 的条件下检测到转化率从 {baseline} 变为 {target}（{effect}），"
        "每组需要 {n} 个访客（共 {total} 个）。按日均 {daily} 访客、{share} 流量参与测试，需要 {days} 天；"
        "建议跑满 {weeks} 周，让一周中每一天都同等计入。",
    },
    "ab_method": {
        "en": "Method: two-sided test of two proportions, sample size as R's power.prop.test (pooled rate "
        "under no effect, separate rates under the effect), rounded up; duration = visitors needed ÷ "
        "(daily visitors × share in the test). With more than two variants each is compared with the control.",
        "zh": "方法：双侧两比例检验，样本量按 R 语言 power.prop.test 计算（原假设下用合并转化率，备择假设下分别计算），"
        "向上取整；测试时长 = 所需访客数 ÷（日均访客数 × 参与比例）。多于两个版本时，每个版本分别与对照组比较。",
    },
    "ab_reverse_header": {"en": "What can my traffic detect?", "zh": "现有流量能检测多大的效果？"},
    "ab_days_available": {"en": "Days you can run the test", "zh": "可用于测试的天数"},
    "ab_reverse_sentence": {
        "en": "In {days} days each variant gets about {n} visitors: enough to detect a change from {baseline} "
        "to {target} ({relative}, {points}) with {power} power.",
        "zh": "{days} 天内每组约有 {n} 个访客，能以 {power} 的功效检测到转化率从 {baseline} 变为 {target}"
        "（相对 {relative}，绝对 {points}）的变化。",
    },
    "ab_reverse_none": {
        "en": "In {days} days each variant gets about {n} visitors: too few to detect any change with {power} "
        "power. Run longer or put more visitors in the test.",
        "zh": "{days} 天内每组只有约 {n} 个访客，无法以 {power} 的功效检测到任何变化。请延长测试或提高参与流量。",
    },
    "ab_curve_header": {"en": "Power by sample size", "zh": "功效随样本量的变化"},
    "ab_source": {"en": "Data", "zh": "数据来源"},
    "ab_source_typed": {"en": "type in the numbers", "zh": "手动输入数字"},
    "ab_source_file": {"en": "uploaded experiment", "zh": "已上传的实验数据"},
    "ab_typed_header": {"en": "Numbers per variant", "zh": "各版本数据"},
    "ab_variant_name": {"en": "Variant {i}", "zh": "版本 {i}"},
    "ab_name": {"en": "Name", "zh": "名称"},
    "ab_visitors": {"en": "Visitors", "zh": "访客数"},
    "ab_conversions": {"en": "Conversions", "zh": "转化数"},
    "ab_rev_mean": {"en": "Revenue per visitor", "zh": "UV 价值"},
    "ab_rev_sd": {"en": "Std. deviation", "zh": "标准差"},
    "ab_rev_help": {
        "en": "Optional: mean revenue per visitor (buyers and non-buyers) and its standard deviation, "
        "to compare revenue per visitor with Welch's t-test.",
        "zh": "可选：每位访客的平均收入（含未购买访客）及其标准差，用于以 Welch t 检验比较 UV 价值。",
    },
    "ab_n_variants": {"en": "Variants", "zh": "版本数"},
    "ab_settings": {"en": "Settings", "zh": "设置"},
    "ab_baseline_pick": {"en": "Control (baseline)", "zh": "对照组（基准）"},
    "ab_confidence": {"en": "Confidence level", "zh": "置信水平"},
    "ab_weights": {
        "en": "Intended split (shares, in the order of the table)",
        "zh": "计划的流量分配（按表格顺序填写比例）",
    },
    "ab_weights_help": {
        "en": "E.g. 50,50 or 1,1,1; leave as is for equal shares.",
        "zh": "例如 50,50 或 1,1,1；默认为平均分配。",
    },
    "ab_cap": {"en": "Cap extreme revenue per user", "zh": "极端收入封顶"},
    "ab_cap_none": {"en": "no cap", "zh": "不封顶"},
    "ab_cap_help": {
        "en": "Winsorising: revenue above this percentile of buyers' revenue is set to it, so one huge "
        "order does not decide the test.",
        "zh": "缩尾处理：超过购买用户收入该分位数的金额按该分位数计，避免个别大额订单左右结论。",
    },
    "ab_cap_applied": {
        "en": "Revenue per user capped at {cap} (the {pct} percentile of buyers).",
        "zh": "单用户收入已按 {cap} 封顶（购买用户的 {pct} 分位数）。",
    },
    "ab_verdict_header": {"en": "Verdict", "zh": "结论"},
    "ab_srm_header": {"en": "Traffic split check (SRM)", "zh": "流量分配检查（SRM）"},
    "ab_results_header": {"en": "Conversion by variant", "zh": "各版本转化率"},
    "ab_revenue_header": {"en": "Revenue per visitor", "zh": "UV 价值（人均收入）"},
    "ab_charts_header": {"en": "Charts", "zh": "图表"},
    "ab_no_experiment": {
        "en": "No experiment file is loaded: type in the numbers, or upload a per-user experiment file on "
        "the Upload page.",
        "zh": "尚未上传实验数据：请手动输入数字，或在上传页上传逐用户的实验数据。",
    },
    "ab_no_timestamps": {
        "en": "The data has no times, so there is no day-by-day chart.",
        "zh": "数据中没有时间，无法绘制逐日图表。",
    },
    "ab_analysis_method": {
        "en": "Method: p-value from the pooled two-proportion z-test (= χ² without continuity correction); "
        "interval of the difference by Wald, of the lift by the log risk ratio (Katz); probability of "
        "being better and expected loss exact under uniform Beta(1,1) priors; Fisher's exact test when a "
        "count is under 5; more than two variants: χ² test and Holm-adjusted comparisons with the control; "
        "revenue per visitor by Welch's t-test; traffic split by a χ² goodness-of-fit test (SRM at p < 0.001).",
        "zh": "方法：p 值来自合并方差的两比例 z 检验（等同于不做连续性校正的卡方检验）；差值区间用 Wald 法，"
        "相对提升区间用对数风险比（Katz）法；“更优概率”和期望损失在均匀 Beta(1,1) 先验下精确计算；"
        "任一格计数小于 5 时加做 Fisher 精确检验；多于两个版本时先做卡方检验，再用 Holm 法校正与对照组的两两比较；"
        "UV 价值用 Welch t 检验；流量分配用卡方拟合优度检验（p < 0.001 判为样本比例失衡）。",
    },
    # ---- tables ----------------------------------------------------------------------------
    "ab_col_variant": {"en": "Variant", "zh": "版本"},
    "ab_col_visitors": {"en": "Visitors", "zh": "访客数"},
    "ab_col_conversions": {"en": "Conversions", "zh": "转化数"},
    "ab_col_rate": {"en": "Conversion rate", "zh": "转化率"},
    "ab_col_rate_low": {"en": "Rate, low", "zh": "转化率下限"},
    "ab_col_rate_high": {"en": "Rate, high", "zh": "转化率上限"},
    "ab_col_diff": {"en": "Difference (pt)", "zh": "差值（百分点）"},
    "ab_col_diff_low": {"en": "Difference, low", "zh": "差值下限"},
    "ab_col_diff_high": {"en": "Difference, high", "zh": "差值上限"},
    "ab_col_lift": {"en": "Lift", "zh": "相对提升"},
    "ab_col_lift_low": {"en": "Lift, low", "zh": "提升下限"},
    "ab_col_lift_high": {"en": "Lift, high", "zh": "提升上限"},
    "ab_col_p": {"en": "p-value", "zh": "p 值"},
    "ab_col_p_holm": {"en": "p (Holm)", "zh": "p 值（Holm 校正）"},
    "ab_col_fisher": {"en": "Fisher p", "zh": "Fisher p 值"},
    "ab_col_prob": {"en": "P(better than control)", "zh": "优于对照组的概率"},
    "ab_col_loss": {"en": "Expected loss if chosen (pt)", "zh": "选择它的期望损失（百分点）"},
    "ab_col_rev_mean": {"en": "Revenue per visitor", "zh": "UV 价值"},
    "ab_col_rev_sd": {"en": "Std. deviation", "zh": "标准差"},
    "ab_col_rev_diff": {"en": "Difference", "zh": "差值"},
    "ab_col_expected": {"en": "Expected visitors", "zh": "预期访客数"},
    "ab_col_share": {"en": "Share", "zh": "实际占比"},
    "ab_col_expected_share": {"en": "Intended share", "zh": "计划占比"},
    "ab_col_date": {"en": "Date", "zh": "日期"},
    "ab_col_cum_rate": {"en": "Cumulative conversion rate", "zh": "累计转化率"},
    "ab_col_n": {"en": "Visitors per variant", "zh": "每组访客数"},
    "ab_col_days": {"en": "Days", "zh": "天数"},
    "ab_col_power": {"en": "Power", "zh": "统计功效"},
    "ab_col_density": {"en": "Density", "zh": "概率密度"},
    "ab_col_better": {"en": "Side", "zh": "区间"},
    "ab_better_yes": {"en": "better than control", "zh": "优于对照组"},
    "ab_better_no": {"en": "worse than control", "zh": "不如对照组"},
    "ab_target_power": {"en": "Target power", "zh": "目标功效"},
    # ---- charts ----------------------------------------------------------------------------
    "ab_chart_rates": {
        "en": "Conversion rate by variant ({conf} interval)",
        "zh": "各版本转化率（{conf} 区间）",
    },
    "ab_chart_posterior": {"en": "How big is the lift? (posterior)", "zh": "提升有多大？（后验分布）"},
    "ab_chart_cumulative": {"en": "Cumulative conversion rate over time", "zh": "累计转化率随时间变化"},
    "ab_chart_power": {"en": "Power by visitors per variant", "zh": "统计功效与每组访客数"},
    # ---- verdict ---------------------------------------------------------------------------
    "ab_v_srm": {
        "en": "Sample ratio mismatch: visitors split {split}, but {intended} was intended (χ² p = {p}). "
        "Assignment or tracking is broken somewhere; find out why before trusting any result below.",
        "zh": "样本比例失衡（SRM）：实际流量分配为 {split}，计划为 {intended}（卡方检验 p = {p}）。"
        "分流或埋点可能有问题，查明原因之前，下面的结论都不可信。",
    },
    "ab_v_srm_ok": {
        "en": "Traffic split as intended ({split}; SRM check p = {p}).",
        "zh": "流量分配符合计划（{split}；SRM 检查 p = {p}）。",
    },
    "ab_v_chi2_differ": {
        "en": "Across all {k} variants the conversion rates differ (χ² p = {p}).",
        "zh": "{k} 个版本的转化率之间存在显著差异（卡方检验 p = {p}）。",
    },
    "ab_v_chi2_same": {
        "en": "Across all {k} variants there is no clear difference in conversion (χ² p = {p}).",
        "zh": "{k} 个版本的转化率之间没有明显差异（卡方检验 p = {p}）。",
    },
    "ab_v_better_lift": {
        "en": "{b} converts better than {a}: lift between {lo} and {hi} ({conf}); {prob} probability {b} is better.",
        "zh": "{b}的转化率高于{a}：相对提升在 {lo} 到 {hi} 之间（{conf} 置信区间）；{b}更优的概率为 {prob}。",
    },
    "ab_v_better_points": {
        "en": "{b} converts better than {a}: difference between {lo} and {hi} ({conf}); {prob} probability "
        "{b} is better.",
        "zh": "{b}的转化率高于{a}：差值在 {lo} 到 {hi} 之间（{conf} 置信区间）；{b}更优的概率为 {prob}。",
    },
    "ab_v_worse_lift": {
        "en": "{b} converts worse than {a}: lift between {lo} and {hi} ({conf}); {prob_a} probability {a} is better.",
        "zh": "{b}的转化率低于{a}：相对变化在 {lo} 到 {hi} 之间（{conf} 置信区间）；{a}更优的概率为 {prob_a}。",
    },
    "ab_v_worse_points": {
        "en": "{b} converts worse than {a}: difference between {lo} and {hi} ({conf}); {prob_a} probability "
        "{a} is better.",
        "zh": "{b}的转化率低于{a}：差值在 {lo} 到 {hi} 之间（{conf} 置信区间）；{a}更优的概率为 {prob_a}。",
    },
    "ab_v_unclear_lift": {
        "en": "Not enough evidence yet that {b} differs from {a}: the lift lies between {lo} and {hi} ({conf}), "
        "which includes no change; {prob} probability {b} is better.",
        "zh": "目前证据不足，无法判断{b}与{a}是否有差别：相对提升在 {lo} 到 {hi} 之间（{conf} 置信区间），"
        "包含“没有变化”；{b}更优的概率为 {prob}。",
    },
    "ab_v_unclear_points": {
        "en": "Not enough evidence yet that {b} differs from {a}: the difference lies between {lo} and {hi} "
        "({conf}), which includes no change; {prob} probability {b} is better.",
        "zh": "目前证据不足，无法判断{b}与{a}是否有差别：差值在 {lo} 到 {hi} 之间（{conf} 置信区间），"
        "包含“没有变化”；{b}更优的概率为 {prob}。",
    },
    "ab_v_need_more": {
        "en": "About {n} more visitors per variant are needed to detect the effect you planned for ({effect}): "
        "{total} per variant in all.",
        "zh": "要检测到计划的效果（{effect}），每组还需要约 {n} 个访客（每组共 {total} 个）。",
    },
    "ab_v_enough": {
        "en": "The test already has the visitors to detect the effect you planned for ({effect}): a real "
        "effect, if any, is probably smaller than that.",
        "zh": "本测试的访客数已足以检测计划的效果（{effect}）：即使存在真实效果，也很可能小于这个幅度。",
    },
    "ab_v_fisher": {
        "en": "Few conversions or non-conversions (a count under 5): Fisher's exact test is used for {b}, p = {p}.",
        "zh": "转化数或未转化数很少（有计数小于 5）：{b}改用 Fisher 精确检验，p = {p}。",
    },
    "ab_v_holm": {
        "en": "With several variants, p-values are Holm-adjusted so that comparing many does not produce "
        "chance winners.",
        "zh": "多个版本同时比较时，p 值已按 Holm 法校正，避免比较次数多而偶然出现“赢家”。",
    },
    "ab_v_revenue_differs": {
        "en": "Revenue per visitor: {b} {mb} vs {a} {ma}; difference {lo} to {hi} ({conf}), p = {p}: a real difference.",
        "zh": "UV 价值：{b} {mb}，{a} {ma}；差值在 {lo} 到 {hi} 之间（{conf}），p = {p}：差异显著。",
    },
    "ab_v_revenue_same": {
        "en": "Revenue per visitor: {b} {mb} vs {a} {ma}; difference {lo} to {hi} ({conf}), p = {p}: no clear "
        "difference.",
        "zh": "UV 价值：{b} {mb}，{a} {ma}；差值在 {lo} 到 {hi} 之间（{conf}），p = {p}：没有明显差异。",
    },
    "ab_v_cleaned": {
        "en": "Excluded {excluded} of the file's rows, {kept} users analysed: {mismatch} rows whose landing page "
        "does not match their group, {multi} users found in more than one group, and repeats of the {repeated} "
        "users listed more than once ({repeat_rows} further rows; each user's first visit is kept).",
        "zh": "已剔除 {excluded} 行，分析 {kept} 个用户：落地页与分组不一致的 {mismatch} 行、同时出现在多个分组的 "
        "{multi} 个用户，以及重复出现的 {repeated} 个用户的重复记录（另 {repeat_rows} 行；每个用户保留首次访问）。",
    },
    "ab_v_short": {
        "en": "The test ran only {days} days, less than a full week: weekday and weekend shoppers behave "
        "differently. Run whole weeks (7, 14, 21 days).",
        "zh": "测试只跑了 {days} 天，不足一整周：工作日和周末的用户行为不同。请按整周运行（7、14、21 天）。",
    },
    "ab_v_peeking": {
        "en": "The test has not reached the sample size you planned. Do not stop it the first time p drops "
        "under {alpha}: checking again and again and stopping early (peeking) makes false wins far more likely.",
        "zh": "测试尚未达到计划的样本量。不要在 p 值第一次低于 {alpha} 时就停止：反复查看、提前结束（偷看数据）"
        "会大大增加“假赢家”的概率。",
    },
    "ab_v_peeking_general": {
        "en": "Decide at the sample size you planned, not the first day the result looks good: stopping "
        "early (peeking) makes false wins far more likely.",
        "zh": "请在达到计划样本量时再下结论，而不是结果看起来不错的第一天：提前结束（偷看数据）会大大增加“假赢家”的概率。",
    },
}
