"""Strings of the report (keys start with ``rp_``)."""

STRINGS: dict[str, dict[str, str]] = {
    "rp_header": {"en": "Report", "zh": "分析报告"},
    "rp_caption": {
        "en": "Every analysis in one file, in the current language, with the data's dates, the settings used and "
        "the definition of every metric. The HTML report opens offline in any browser.",
        "zh": "所有分析汇总在一个文件中（当前语言），包含数据日期、所用设置和每个指标的定义。HTML 报告可在任何浏览器中离线打开。",
    },
    "rp_download_xlsx": {"en": "Excel report", "zh": "Excel 报告"},
    "rp_download_html": {"en": "HTML report", "zh": "HTML 报告"},
    "rp_col_metric": {"en": "Metric", "zh": "指标"},
    "rp_title": {"en": "Shop analysis report", "zh": "店铺经营分析报告"},
    "rp_generated": {"en": "Generated", "zh": "生成日期"},
    "rp_date_range": {"en": "Date range", "zh": "数据时间范围"},
    "rp_settings": {"en": "Settings used", "zh": "分析设置"},
    "rp_setting": {"en": "Setting", "zh": "设置项"},
    "rp_value": {"en": "Value", "zh": "取值"},
    "rp_contents": {"en": "Contents", "zh": "目录"},
    "rp_language": {"en": "Language", "zh": "语言"},
    "rp_language_value": {"en": "English", "zh": "中文"},
    "rp_margin": {"en": "Gross margin (for break-even ROAS)", "zh": "毛利率（用于计算保本投产比）"},
    "rp_break_even": {"en": "Break-even ROAS", "zh": "保本投产比"},
    "rp_funnel_source": {"en": "Funnel built from", "zh": "漏斗数据来源"},
    "rp_as_of": {"en": "RFM reference date", "zh": "RFM 计算基准日"},
    "rp_rfm_scoring": {"en": "RFM scoring", "zh": "RFM 打分方式"},
    "rp_rfm_scoring_value": {"en": "automatic (quintiles)", "zh": "自动（五等分）"},
    "rp_ab_setting": {"en": "A/B test", "zh": "A/B 测试"},
    "rp_title_sep": {"en": ". ", "zh": "。"},
    "rp_findings": {"en": "Findings", "zh": "主要结论"},
    "rp_skipped": {"en": "{section} skipped: {reason}", "zh": "{section}未生成：{reason}"},
    "rp_skipped_unexpected": {
        "en": "the data could not be analysed ({detail})",
        "zh": "该数据无法分析（{detail}）",
    },
    "rp_truncated": {
        "en": "Only the first {shown} of {total} rows are shown (an Excel sheet holds at most {shown} rows).",
        "zh": "仅显示前 {shown} 行，共 {total} 行（Excel 单个工作表最多容纳 {shown} 行）。",
    },
    "rp_offline_note": {
        "en": "This report works offline: charts are drawn in your browser without any download.",
        "zh": "本报告可离线打开：图表直接在浏览器中绘制，无需联网。",
    },
    "rp_charts_in_html": {
        "en": "Interactive charts of this analysis are in the HTML report.",
        "zh": "本分析的交互式图表见 HTML 报告。",
    },
    # overview
    "rp_sec_overview": {"en": "Overview", "zh": "数据概况"},
    "rp_loaded_table": {"en": "Data loaded", "zh": "已载入的数据"},
    "rp_kpi_table": {"en": "Headline figures", "zh": "核心指标"},
    "rp_col_kind": {"en": "Data", "zh": "数据类型"},
    "rp_col_file": {"en": "File", "zh": "文件"},
    "rp_col_rows": {"en": "Rows", "zh": "行数"},
    "rp_col_first": {"en": "First day", "zh": "起始日期"},
    "rp_col_last": {"en": "Last day", "zh": "结束日期"},
    "rp_loaded_line": {
        "en": "{n} data sets loaded: {kinds}.",
        "zh": "已载入 {n} 份数据：{kinds}。",
    },
    "rp_not_loaded": {
        "en": "Not loaded (their analyses are not in this report): {kinds}.",
        "zh": "未载入（相应分析不在本报告中）：{kinds}。",
    },
    # funnel
    "rp_sec_funnel": {"en": "Funnel", "zh": "转化漏斗"},
    "rp_funnel_steps": {"en": "Funnel steps", "zh": "漏斗各环节"},
    "rp_funnel_worth": {
        "en": "What +1 pt of conversion at each step is worth per month",
        "zh": "各环节转化率提升 1 个百分点每月带来的价值",
    },
    "rp_funnel_metrics": {"en": "Shop metrics", "zh": "店铺核心指标"},
    "rp_col_how": {"en": "How it is computed", "zh": "计算方式"},
    "rp_funnel_best_step": {
        "en": "+1 pt at {step} is worth the most: {revenue} more revenue per month.",
        "zh": "{step} 提升 1 个百分点价值最大：每月多带来 {revenue} 销售额。",
    },
    "rp_chart_steps": {"en": "Count per step", "zh": "各环节人数"},
    # personas
    "rp_sec_personas": {"en": "Customer segments", "zh": "用户画像"},
    "rp_segments": {"en": "RFM segments and recommended actions", "zh": "RFM 分层与运营建议"},
    "rp_personas": {"en": "Personas (k-means clusters)", "zh": "用户画像（k-means 聚类）"},
    "rp_chart_revenue_share": {"en": "Share of revenue", "zh": "销售额占比"},
    # channels
    "rp_sec_channels": {"en": "Channels", "zh": "渠道分析"},
    "rp_channel_table": {"en": "Channel performance", "zh": "渠道表现"},
    "rp_chart_roas": {"en": "ROAS by channel", "zh": "各渠道投产比"},
    # abtest
    "rp_sec_abtest": {"en": "A/B test", "zh": "A/B 测试"},
    "rp_ab_summary": {"en": "Conversion by variant", "zh": "各版本转化情况"},
    "rp_ab_revenue": {"en": "Revenue per visitor", "zh": "人均销售额（UV价值）"},
    "rp_ab_srm": {"en": "Traffic split check (SRM)", "zh": "分流检查（SRM）"},
    # definitions
    "rp_sec_definitions": {"en": "Definitions", "zh": "指标说明"},
}
