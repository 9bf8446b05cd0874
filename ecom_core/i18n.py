"""The one string catalog of the product, in Chinese and English.

``t(key, lang, **params)`` formats a message with ``str.format``. A key missing in one
language falls back to English, and an unknown key to the key itself, so a missing
string never crashes a page.
"""

from __future__ import annotations

from ecom_core.strings import (
    abtest,
    channels,
    funnel,
    glossary,
    load_errors,
    overview,
    personas,
    privacy,
    report,
    state,
)

LANGS: tuple[str, ...] = ("zh", "en")
LANG_NAMES: dict[str, str] = {"zh": "中文", "en": "English"}


def locale_to_lang(locale: str | None) -> str:
    """Map a browser locale such as ``zh-CN`` or ``en-GB`` to a supported language."""
    if locale and locale.lower().startswith("zh"):
        return "zh"
    return "en" if locale else "zh"


#: Raise on a missing key or a sentence its parameters do not fill, instead of showing the key
#: or the unfilled sentence: the tests turn it on (a page that builds a key the catalog lacks
#: fails there, never in front of a user).
STRICT = False


def t(key: str, lang: str = "en", **params) -> str:
    """The sentence ``key`` in ``lang`` (English where it has no ``lang``), filled with
    ``params``; the key itself when the catalog lacks it (an error under :data:`STRICT`)."""
    entry = CATALOG.get(key)
    if entry is None:
        if STRICT:
            raise KeyError(f"no catalog entry {key!r}")
        return key
    text = entry.get(lang) or entry.get("en") or key
    if not params:
        return text
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        if STRICT:
            raise
        return text


def label(key: str, lang: str, default: str) -> str:
    """:func:`t` of ``key`` where the catalog has it, else ``default`` (a name from the data
    or the user that has no translation: a channel group they made up, say)."""
    return t(key, lang) if key in CATALOG else default


_BASE: dict[str, dict[str, str]] = {
    # ---- kinds and canonical columns -------------------------------------------------
    "kind_orders": {"en": "Orders", "zh": "订单"},
    "kind_traffic": {"en": "Shop traffic", "zh": "店铺流量"},
    "kind_events": {"en": "Clickstream events", "zh": "用户行为事件"},
    "kind_spend": {"en": "Marketing spend", "zh": "推广花费"},
    "kind_experiment": {"en": "A/B experiment", "zh": "A/B 实验"},
    "kind_order_payments": {
        "en": "Order payments (joins orders)",
        "zh": "订单支付明细（并入订单）",
    },
    "kind_order_lines": {"en": "Order line items (joins orders)", "zh": "宝贝明细（并入订单）"},
    "kind_customer_table": {"en": "Customer table", "zh": "客户表"},
    "kind_unknown": {"en": "Not recognised", "zh": "无法识别"},
    "col_order_id": {"en": "Order ID", "zh": "订单编号"},
    "col_order_time": {"en": "Order time", "zh": "下单时间"},
    "col_paid_time": {"en": "Paid time", "zh": "付款时间"},
    "col_revenue": {"en": "Revenue (order amount before refunds)", "zh": "订单金额（退款前）"},
    "col_net_paid": {"en": "Paid net of refunds (checked)", "zh": "实付金额（已扣退款，用于核对）"},
    "col_customer_id": {"en": "Customer ID", "zh": "客户ID"},
    "col_quantity": {"en": "Quantity", "zh": "数量"},
    "col_unit_price": {"en": "Unit price", "zh": "单价"},
    "col_product": {"en": "Product", "zh": "商品"},
    "col_category": {"en": "Category", "zh": "类目"},
    "col_channel": {"en": "Channel", "zh": "渠道"},
    "col_region": {"en": "Region", "zh": "地区"},
    "col_status": {"en": "Status", "zh": "订单状态"},
    "col_refund_amount": {"en": "Refund amount", "zh": "退款金额"},
    "status_paid": {"en": "paid", "zh": "已付款"},
    "status_pending": {"en": "pending", "zh": "待付款"},
    "status_cancelled": {"en": "cancelled", "zh": "已取消"},
    "status_refunded": {"en": "refunded", "zh": "已退款"},
    "status_partially_refunded": {"en": "partially refunded", "zh": "部分退款"},
    "status_credit": {"en": "credit notes / returns", "zh": "退货/冲销单"},
    "col_date": {"en": "Date", "zh": "日期"},
    "col_visitors": {"en": "Visitors", "zh": "访客数"},
    "col_page_views": {"en": "Page views", "zh": "浏览量"},
    "col_product_views": {"en": "Product visitors", "zh": "商品访客数"},
    "col_cart_adds": {"en": "Cart adders", "zh": "加购人数"},
    "col_orderers": {"en": "Orderers", "zh": "下单买家数"},
    "col_order_amount": {"en": "Order amount", "zh": "下单金额"},
    "col_payers": {"en": "Payers", "zh": "支付买家数"},
    "col_paid_amount": {"en": "Paid amount", "zh": "支付金额"},
    "col_spend": {"en": "Spend", "zh": "花费"},
    "col_user_id": {"en": "User ID", "zh": "用户ID"},
    "col_time": {"en": "Time", "zh": "时间"},
    "col_event": {"en": "Event", "zh": "行为"},
    "col_session_id": {"en": "Session ID", "zh": "会话ID"},
    "col_device": {"en": "Device", "zh": "设备"},
    "col_impressions": {"en": "Impressions", "zh": "展现量"},
    "col_clicks": {"en": "Clicks", "zh": "点击量"},
    "col_campaign": {"en": "Campaign", "zh": "推广计划"},
    "col_conversions": {"en": "Conversions", "zh": "转化数"},
    "col_variant": {"en": "Variant", "zh": "实验组"},
    "col_converted": {"en": "Converted", "zh": "是否转化"},
    "col_landing_page": {"en": "Landing page", "zh": "落地页"},
    "col_amount": {"en": "Amount", "zh": "金额"},
    "col_person_id": {"en": "Person ID", "zh": "个人ID"},
    "col_email": {"en": "E-mail", "zh": "邮箱"},
    "col_phone": {"en": "Phone", "zh": "电话"},
    "col_name": {"en": "Name", "zh": "姓名"},
    "col_total_spent": {"en": "Total spent", "zh": "累计消费"},
    "col_total_orders": {"en": "Total orders", "zh": "累计订单数"},
    "list_sep": {"en": ", ", "zh": "、"},
    # ---- load errors -----------------------------------------------------------------
    "err_file_type": {
        "en": "'{name}' is not a file type the app reads. Upload an Excel (.xlsx, .xlsm, .xls) "
        "or a text table (.csv, .tsv, .txt).",
        "zh": "无法读取“{name}”这种文件类型。请上传 Excel（.xlsx、.xlsm、.xls）或文本表格（.csv、.tsv、.txt）。",
    },
    "err_empty_file": {
        "en": "'{name}' is empty. Export the report again and check it has rows.",
        "zh": "“{name}”是空文件。请重新导出报表，并确认其中有数据行。",
    },
    "err_no_tables": {
        "en": "'{name}' has no sheet with data in it.",
        "zh": "“{name}”中没有包含数据的工作表。",
    },
    "err_empty_sheet": {
        "en": "'{name}' has a header but no data rows.",
        "zh": "“{name}”只有表头，没有数据行。",
    },
    "err_no_header": {
        "en": "No header row was found in '{name}'. The first rows should name the columns "
        "(e.g. 订单编号, Order ID, Date).",
        "zh": "在“{name}”中找不到表头行。表格前几行应写明列名（如 订单编号、Order ID、日期）。",
    },
    "err_corrupt": {
        "en": "'{name}' looks damaged and cannot be opened ({detail}). Export it again or save it "
        "as .xlsx or .csv from Excel.",
        "zh": "“{name}”似乎已损坏，无法打开（{detail}）。请重新导出，或在 Excel 中另存为 .xlsx 或 .csv。",
    },
    "err_zip_bomb": {
        "en": "'{name}' would expand to {size_mb:,.0f} MB when opened, far more than a real export. "
        "It was not opened.",
        "zh": "“{name}”解压后将达到 {size_mb:,.0f} MB，远超正常导出文件，已拒绝打开。",
    },
    "err_password": {
        "en": "'{name}' is password-protected. Remove the password in Excel and upload it again.",
        "zh": "“{name}”设有密码保护。请先在 Excel 中取消密码后再上传。",
    },
    "err_too_large": {
        "en": "'{name}' is {size_mb:,.0f} MB; the limit is {limit_mb:,.0f} MB. Export a shorter "
        "date range or fewer columns.",
        "zh": "“{name}”大小为 {size_mb:,.0f} MB，超过 {limit_mb:,.0f} MB 的上限。请缩短导出的日期范围或减少列。",
    },
    "err_encoding": {
        "en": "The text in '{name}' could not be decoded. Save it as UTF-8 CSV and try again.",
        "zh": "无法识别“{name}”的文字编码。请另存为 UTF-8 编码的 CSV 后重试。",
    },
    "err_unknown_kind": {
        "en": "Could not tell what '{name}' contains (orders, traffic, events, spend or an "
        "experiment). Choose the kind and map the columns by hand.",
        "zh": "无法判断“{name}”是哪类数据（订单、流量、行为事件、推广花费或实验）。请手动选择数据类型并对应列。",
    },
    "err_bad_kind": {
        "en": "Unknown data kind '{kind}'. Choose one of: {choices}.",
        "zh": "未知的数据类型“{kind}”。可选：{choices}。",
    },
    "err_required_missing": {
        "en": "'{name}' looks like {kind} data but these required columns were not found: "
        "{columns}. Pick them in the column mapping.",
        "zh": "“{name}”看起来是{kind}数据，但缺少必需的列：{columns}。请在列对应中手动选择。",
    },
    "err_mapping_column": {
        "en": "The mapping names a column '{column}' that is not in '{name}'.",
        "zh": "列对应中指定的列“{column}”不在“{name}”中。",
    },
    "err_dates_unparseable": {
        "en": "In '{name}', the dates in column '{column}' could not be read (e.g. '{example}'). Use a "
        "format like 2024-05-31 or 2024/5/31 13:05.",
        "zh": "“{name}”中“{column}”列的日期无法识别（例如“{example}”）。请使用 2024-05-31 或 2024/5/31 13:05 这类格式。",
    },
    "err_no_valid_rows": {
        "en": "No usable rows are left in '{name}' after reading it: {reasons}.",
        "zh": "读取后“{name}”中没有可用的数据行：{reasons}。",
    },
    "err_unexpected": {
        "en": "This file could not be read ({detail}). Save it again from Excel as .xlsx or "
        "UTF-8 .csv and upload that; if it still fails, send us the file's header row.",
        "zh": "无法读取此文件（{detail}）。请在 Excel 中另存为 .xlsx 或 UTF-8 编码的 .csv 后重新上传；"
        "如仍失败，请把表头行发给我们。",
    },
    "err_too_large_memory": {
        "en": "This file is too large to analyse in memory. Export a shorter date range.",
        "zh": "文件过大，内存不足以分析。请缩短导出的日期范围。",
    },
    "err_sheet_missing": {
        "en": "There is no sheet '{sheet}' in '{name}'. Sheets: {sheets}.",
        "zh": "“{name}”中没有名为“{sheet}”的工作表。现有工作表：{sheets}。",
    },
    # ---- quality report --------------------------------------------------------------
    "q_item": {"en": "Item", "zh": "项目"},
    "q_value": {"en": "Value", "zh": "数值"},
    "q_rows_read": {"en": "Rows read", "zh": "读取行数"},
    "q_rows_kept": {"en": "Rows kept", "zh": "保留行数"},
    "q_dropped": {"en": "Rows dropped: {reason}", "zh": "删除行数：{reason}"},
    "q_coerced": {"en": "Values converted in '{column}'", "zh": "“{column}”中转换的值"},
    "drop_blank_row": {"en": "completely blank", "zh": "整行为空"},
    "drop_missing_id": {"en": "no order / user ID", "zh": "缺少订单号或用户ID"},
    "drop_bad_date": {"en": "date could not be read", "zh": "日期无法识别"},
    "drop_bad_amount": {"en": "amount could not be read", "zh": "金额无法识别"},
    "drop_bad_converted": {"en": "converted is blank or not yes/no", "zh": "是否转化为空或无法识别"},
    "drop_missing_variant": {"en": "no variant", "zh": "缺少实验组"},
    "drop_missing_event": {"en": "no event name", "zh": "缺少行为名称"},
    "drop_repeated_header": {"en": "a repeated header row", "zh": "重复的表头行"},
    "drop_unmatched_line": {
        "en": "line item of an order not in the orders file",
        "zh": "明细对应的订单不在订单表中",
    },
    "drop_duplicate_across_files": {"en": "repeated in an earlier table", "zh": "与前一个表重复"},
    "note_stacked": {
        "en": "{n} tables of this kind were put together: {names}.",
        "zh": "已合并同类的 {n} 个表：{names}。",
    },
    "drop_total_row": {"en": "a total / summary row", "zh": "合计/汇总行"},
    "note_ragged_lines": {
        "en": "{n:,} lines had more cells than the header; they were kept, without the extra cells at the end.",
        "zh": "{n:,} 行的单元格比表头多；这些行已保留，末尾多出的单元格未读入。",
    },
    "note_title_rows": {
        "en": "Skipped {n} title row(s) above the header.",
        "zh": "已跳过表头上方的 {n} 行标题。",
    },
    "note_headerless": {
        "en": "The file has no header row; columns were recognised from their contents.",
        "zh": "文件没有表头行，已根据内容识别各列。",
    },
    "note_encoding": {
        "en": "Text encoding: {encoding}.",
        "zh": "文字编码：{encoding}。",
    },
    "note_encoding_mixed": {
        "en": "{n:,} characters were not valid UTF-8 (the file mixes encodings) and show as �.",
        "zh": "有 {n:,} 个字符不是有效的 UTF-8（文件混用了编码），显示为 �。",
    },
    "note_duplicate_headers": {
        "en": "Duplicate column names were renamed: {columns}.",
        "zh": "重复的列名已重命名：{columns}。",
    },
    "note_blank_headers": {
        "en": "{n} column(s) had no name and were named by position.",
        "zh": "{n} 列没有列名，已按位置命名。",
    },
    "note_money_text": {
        "en": "'{column}': {n:,} amounts written as text (e.g. '{example}') were read as numbers.",
        "zh": "“{column}”：{n:,} 个以文本书写的金额（如“{example}”）已转换为数字。",
    },
    "note_decimal_comma": {
        "en": "'{column}' uses a decimal comma (e.g. '{example}').",
        "zh": "“{column}”使用逗号作小数点（如“{example}”）。",
    },
    "note_unparsed_values": {
        "en": "'{column}': {n:,} values could not be read as numbers and were left empty (e.g. '{example}').",
        "zh": "“{column}”：{n:,} 个值无法识别为数字，已置空（如“{example}”）。",
    },
    "note_tz_dropped": {
        "en": "'{column}': time-zone offsets such as '{example}' were dropped; times stay as the "
        "shop's local wall-clock time.",
        "zh": "“{column}”：时区后缀（如“{example}”）已去除，时间按店铺当地时间保留。",
    },
    "note_excel_serial_dates": {
        "en": "'{column}' holds Excel date serial numbers; they were converted to dates.",
        "zh": "“{column}”是 Excel 日期序列号，已转换为日期。",
    },
    "note_unix_dates": {
        "en": "'{column}' holds Unix timestamps ({unit}); converted to dates.",
        "zh": "“{column}”是 Unix 时间戳（{unit}），已转换为日期。",
    },
    "note_day_first": {
        "en": "'{column}' is read day-first (e.g. '{example}').",
        "zh": "“{column}”按“日/月/年”顺序识别（如“{example}”）。",
    },
    "note_ids_float": {
        "en": "'{column}': {n:,} IDs stored as decimals by Excel (e.g. 17850.0) were restored.",
        "zh": "“{column}”：{n:,} 个被 Excel 存为小数的编号（如 17850.0）已还原。",
    },
    "note_ids_rounded": {
        "en": "'{column}' looks rounded by Excel: {share:.0%} of the IDs end in 00, so different "
        "orders may have merged. Export IDs as text if you can.",
        "zh": "“{column}”疑似被 Excel 四舍五入：{share:.0%} 的编号以 00 结尾，不同订单可能被合并。"
        "如可能，请以文本格式导出编号。",
    },
    "note_order_level_money": {
        "en": "'{column}' is an order total repeated or left blank on an order's extra lines; "
        "it is counted once per order.",
        "zh": "“{column}”是订单总额，在同一订单的多行中重复或留空，已按每单只计一次处理。",
    },
    "note_revenue_computed": {
        "en": "Revenue computed as {quantity} × {price}.",
        "zh": "金额按 {quantity} × {price} 计算。",
    },
    "note_statuses": {
        "en": "Order statuses normalised: {summary}.",
        "zh": "订单状态已归一：{summary}。",
    },
    "note_unknown_status": {
        "en": "{n:,} rows have statuses the app does not know (e.g. '{example}'); treated as paid.",
        "zh": "{n:,} 行的订单状态无法识别（如“{example}”），按已付款处理。",
    },
    "note_cancel_prefix": {
        "en": "{n:,} lines with an invoice number starting with 'C' are credit notes (returns and "
        "cancellations of earlier invoices): their amounts count as refunds against sales, not as "
        "orders.",
        "zh": "{n:,} 行发票号以“C”开头，是冲销单（对之前发票的退货或取消）：金额计入退款，不算作订单。",
    },
    "note_credit_negative": {
        "en": "{n:,} orders add up to less than zero (returns or credit notes): their amounts count as "
        "refunds against sales, not as orders.",
        "zh": "{n:,} 个订单金额合计小于零（退货或冲销单）：金额计入退款，不算作订单。",
    },
    "note_money_net": {
        "en": "'{paid}' = '{gross}' − '{refund}' on {share:.1%} of paid or refunded rows: '{paid}' is "
        "already net of refunds. Revenue is '{gross}' and refunds are '{refund}', so net revenue "
        "equals '{paid}'.",
        "zh": "在 {share:.1%} 的已付款或有退款的行上，“{paid}” = “{gross}” − “{refund}”：“{paid}”已扣除退款。"
        "因此订单金额取“{gross}”，退款取“{refund}”，净销售额等于“{paid}”。",
    },
    "note_money_identity_fails": {
        "en": "'{paid}' = '{gross}' − '{refund}' holds on only {share:.1%} of paid or refunded rows: "
        "check on the Upload page which column is the order amount before refunds.",
        "zh": "“{paid}” = “{gross}” − “{refund}”只在 {share:.1%} 的已付款或有退款的行上成立："
        "请在上传页确认哪一列是退款前的订单金额。",
    },
    "note_negative_revenue": {
        "en": "{n:,} rows have negative amounts (discounts or adjustments inside an order); they stay "
        "in the data and reduce the order's amount.",
        "zh": "{n:,} 行金额为负（订单内的折扣或调整），保留在数据中并抵减该订单金额。",
    },
    "note_missing_customer": {
        "en": "{share:.0%} of rows have no customer ID; they count for revenue but not for "
        "customer analyses.",
        "zh": "{share:.0%} 的行没有客户ID：计入销售额，但不参与客户分析。",
    },
    "note_customer_from": {
        "en": "Customers are identified by '{column}'.",
        "zh": "以“{column}”识别客户。",
    },
    "note_future_dates": {
        "en": "'{column}': {n:,} dates lie in the future.",
        "zh": "“{column}”：{n:,} 个日期晚于今天。",
    },
    "note_suspicious_column": {
        "en": "'{column}' is mostly empty ({share:.0%} blank).",
        "zh": "“{column}”大部分为空（{share:.0%} 为空）。",
    },
    "note_duplicate_users": {
        "en": "{n:,} users appear more than once.",
        "zh": "{n:,} 个用户出现多次。",
    },
    "note_variant_page_mismatch": {
        "en": "{n:,} rows have a variant and a landing page that disagree.",
        "zh": "{n:,} 行的实验组与落地页不一致。",
    },
    "note_joined": {
        "en": "Joined {part} onto {target} by {on}: {matched:,} of {total:,} orders matched.",
        "zh": "已按{on}将{part}并入{target}：{total:,} 个订单中匹配 {matched:,} 个。",
    },
    "note_part_alone": {
        "en": "This table belongs with an orders export; upload both together to join them.",
        "zh": "此表需与订单表一起上传才能合并使用。",
    },
    "note_aggregate_experiment": {
        "en": "One row per variant with visitors and conversions (summary form).",
        "zh": "每个实验组一行，含访客数和转化数（汇总形式）。",
    },
    "note_bool_values": {
        "en": "'{column}' read as yes/no ({values}).",
        "zh": "“{column}”按是/否识别（{values}）。",
    },
    "note_spend_no_date": {
        "en": "No date column: spend can be compared across channels but not over time.",
        "zh": "没有日期列：可按渠道比较花费，但无法看趋势。",
    },
    "note_channel_from": {
        "en": "Channel taken from '{column}'.",
        "zh": "渠道取自“{column}”。",
    },
    # ---- UI (pages and ecom_core.ui) --------------------------------------------------
    "ui_quality_line": {
        "en": "rows read {read:,}, kept {kept:,}, dropped {dropped:,}",
        "zh": "读取 {read:,} 行，保留 {kept:,} 行，删除 {dropped:,} 行",
    },
    "ui_app_title": {"en": "Shop analysis", "zh": "电商运营分析"},
    "ui_app_tagline": {
        "en": "Answers from your shop's own exports: no cleaning, no formulas.",
        "zh": "直接用店铺后台导出的报表出结论：无需清洗，无需公式。",
    },
    "ui_app_intro": {
        "en": "Upload an order, traffic, clickstream, ad-spend or A/B-test export from Taobao/Tmall, "
        "JD, Douyin, Pinduoduo, Shopify, WooCommerce or Amazon (Excel or CSV, Chinese or English "
        "headers). The app recognises the columns, cleans the data and tells you what it "
        "changed. Then look at:",
        "zh": "上传淘宝/天猫、京东、抖店、拼多多、Shopify、WooCommerce 或亚马逊导出的订单、流量、"
        "用户行为、推广花费或 A/B 实验报表（Excel 或 CSV，中英文表头均可）。应用会自动识别列、"
        "清洗数据，并说明做了哪些处理。然后可以查看：",
    },
    "ui_app_pages": {
        "en": "- **Funnel**: visitors → product views → cart → order → payment, and what a "
        "better step is worth\n"
        "- **Personas**: RFM segments of your customers\n"
        "- **Channel mix**: revenue, spend and ROAS by channel\n"
        "- **A/B test**: sample size, test duration and significance",
        "zh": "- **转化漏斗**：访客 → 商品浏览 → 加购 → 下单 → 支付，以及提升某一环节的价值\n"
        "- **用户画像**：客户的 RFM 分层\n"
        "- **渠道分析**：各渠道的成交、花费与投产比（ROAS）\n"
        "- **A/B 测试**：样本量、测试时长与显著性",
    },
    "ui_start_header": {"en": "Get started", "zh": "开始使用"},
    "ui_start_upload": {
        "en": "Upload your own exports, or try the app with a realistic sample shop.",
        "zh": "上传你自己的报表，或先用一家模拟店铺的数据体验。",
    },
    "ui_pages_header": {"en": "Pages", "zh": "页面"},
    "ui_lang_label": {"en": "Language / 语言", "zh": "语言 / Language"},
    "ui_nav_home": {"en": "Home", "zh": "首页"},
    "ui_nav_upload": {"en": "Upload data", "zh": "上传数据"},
    "ui_nav_funnel": {"en": "Funnel", "zh": "转化漏斗"},
    "ui_nav_personas": {"en": "Personas", "zh": "用户画像"},
    "ui_nav_channel_mix": {"en": "Channel mix", "zh": "渠道分析"},
    "ui_nav_ab_test": {"en": "A/B test", "zh": "A/B 测试"},
    "ui_load_sample": {"en": "Load sample shop", "zh": "加载示例店铺"},
    "ui_load_sample_help": {
        "en": "A made-up shop with orders, traffic, events, ad spend and an A/B test.",
        "zh": "一家虚构店铺的订单、流量、行为事件、推广花费和 A/B 实验数据。",
    },
    "ui_sample_loaded": {
        "en": "Sample shop loaded: {kinds}.",
        "zh": "已加载示例店铺：{kinds}。",
    },
    "ui_sample_missing": {
        "en": "The sample shop files are not available in this installation.",
        "zh": "当前安装中缺少示例店铺文件。",
    },
    "ui_need_data": {
        "en": "This page needs {kinds} data. Upload an export or load the sample shop to continue.",
        "zh": "本页需要{kinds}数据。请上传报表，或加载示例店铺后继续。",
    },
    "ui_or": {"en": " or ", "zh": "或"},
    "ui_go_upload": {"en": "Go to Upload data", "zh": "前往上传数据"},
    "ui_unexpected": {
        "en": "Something unexpected went wrong while reading '{name}'. The file may use a layout "
        "the app does not know yet: save it from Excel as .xlsx or UTF-8 .csv and try again.",
        "zh": "读取“{name}”时出现意外问题。该文件的格式可能暂不支持：请在 Excel 中另存为 .xlsx 或 "
        "UTF-8 编码的 .csv 后重试。",
    },
    "ui_unexpected_action": {
        "en": "Something unexpected went wrong. Please try again; if it keeps happening, reload the page.",
        "zh": "出现意外问题，请重试；如果反复出现，请刷新页面。",
    },
    "ui_loaded_header": {"en": "Loaded data", "zh": "已加载的数据"},
    "ui_nothing_loaded": {
        "en": "Nothing is loaded yet.",
        "zh": "尚未加载任何数据。",
    },
    "ui_sum_kind": {"en": "Data", "zh": "数据"},
    "ui_sum_rows": {"en": "Rows", "zh": "行数"},
    "ui_sum_from": {"en": "From", "zh": "开始"},
    "ui_sum_to": {"en": "To", "zh": "结束"},
    "ui_sum_customers": {"en": "Customers / users", "zh": "客户/用户数"},
    "ui_sum_source": {"en": "Source", "zh": "来源"},
    "ui_download_csv": {"en": "Download CSV", "zh": "下载 CSV"},
    "ui_download_xlsx": {"en": "Download Excel", "zh": "下载 Excel"},
    "ui_xlsx_too_big": {
        "en": "Too many rows for one Excel sheet: use the CSV download.",
        "zh": "行数超过 Excel 单个工作表的上限，请下载 CSV。",
    },
    # Upload page
    "ui_upload_title": {"en": "Upload data", "zh": "上传数据"},
    "ui_upload_intro": {
        "en": "Drop one or more exports here. Each sheet is recognised on its own; check the "
        "detected kind and column mapping, then press **Use these tables**.",
        "zh": "把一个或多个报表拖到这里。每个工作表会单独识别；确认识别出的数据类型和列对应后，"
        "点击 **使用这些表**。",
    },
    "ui_uploader_label": {
        "en": "Excel or CSV exports",
        "zh": "Excel 或 CSV 报表",
    },
    "ui_uploader_help": {
        "en": "Accepted: .xlsx .xlsm .xls .csv .tsv .txt, up to {limit} MB each.",
        "zh": "支持 .xlsx .xlsm .xls .csv .tsv .txt，每个文件最大 {limit} MB。",
    },
    "ui_duplicate_file": {
        "en": "'{name}' has the same content as '{other}' and was read once.",
        "zh": "“{name}”与“{other}”内容相同，只读取一次。",
    },
    "ui_tables_found": {
        "en": "{n} table(s) found in '{name}'.",
        "zh": "在“{name}”中找到 {n} 个表。",
    },
    "ui_detected": {
        "en": "Detected: **{kind}** ({confidence} sure)",
        "zh": "识别为：**{kind}**（把握 {confidence}）",
    },
    "ui_detected_low": {
        "en": "The kind is a guess with low confidence: please check it.",
        "zh": "识别把握较低，请核对数据类型。",
    },
    "ui_not_detected": {
        "en": "Not recognised: choose the kind of data below.",
        "zh": "未能识别：请在下方选择数据类型。",
    },
    "ui_kind_label": {"en": "Kind of data", "zh": "数据类型"},
    "ui_kind_skip": {"en": "— do not use this table", "zh": "— 不使用此表"},
    "ui_mapping_header": {"en": "Column mapping", "zh": "列对应"},
    "ui_mapping_help": {
        "en": "Which column of your file holds each field. * = required.",
        "zh": "文件中哪一列对应每个字段。* 为必需字段。",
    },
    "ui_mapping_none": {"en": "— (not in file)", "zh": "—（文件中没有）"},
    "ui_mapping_sure": {
        "en": "Matched {confidence:.0%}",
        "zh": "匹配度 {confidence:.0%}",
    },
    "ui_preview": {
        "en": "Preview: first {n} of {total:,} rows",
        "zh": "预览：共 {total:,} 行中的前 {n} 行",
    },
    "ui_quality": {"en": "Data quality", "zh": "数据质量"},
    "ui_quality_clean": {
        "en": "No problems found.",
        "zh": "未发现问题。",
    },
    "ui_confirm": {"en": "Use these tables", "zh": "使用这些表"},
    "ui_confirmed": {
        "en": "Loaded: {items}. Open an analysis page from the sidebar.",
        "zh": "已加载：{items}。请从侧边栏打开分析页面。",
    },
    "ui_nothing_to_confirm": {
        "en": "No table is ready to use yet: fix the errors above or choose a kind.",
        "zh": "还没有可以使用的表：请先解决上面的错误或选择数据类型。",
    },
    "ui_clear": {"en": "Clear loaded data", "zh": "清除已加载数据"},
    "ui_cleared": {"en": "All loaded data was cleared.", "zh": "已清除所有已加载数据。"},
    "ui_replaced": {
        "en": "{kind} from '{old}' was replaced by '{new}'.",
        "zh": "{kind}：“{old}”已替换为“{new}”。",
    },
    # Placeholder analysis pages
    "ui_funnel_title": {"en": "Conversion funnel", "zh": "转化漏斗"},
    "ui_personas_title": {"en": "Customer personas (RFM)", "zh": "用户画像（RFM）"},
    "ui_channel_title": {"en": "Channel mix", "zh": "渠道分析"},
    "ui_abtest_title": {"en": "A/B test", "zh": "A/B 测试"},
    "ui_abtest_no_data": {
        "en": "No file is needed here: the calculators take numbers you type in. An uploaded "
        "experiment file is used when present.",
        "zh": "本页无需上传文件：计算器直接使用你输入的数字。若已上传实验数据，将自动使用。",
    },
    "ui_uses_data": {
        "en": "Using {kind} from '{name}': {rows:,} rows.",
        "zh": "使用“{name}”中的{kind}：{rows:,} 行。",
    },
    "ui_part_not_used": {
        "en": "'{name}' ({kind}) was not used on its own: it joins onto an orders table. "
        "Upload it together with the orders export.",
        "zh": "“{name}”（{kind}）未单独使用：它需要并入订单表。请与订单报表一起上传。",
    },
    # labels of helper / part columns shown in the Upload page's mapping editor
    "col_cancelled_at": {"en": "Cancelled at", "zh": "取消时间"},
    "col_payment_sequential": {"en": "Payment no.", "zh": "支付序号"},
    "col_payment_type": {"en": "Payment type", "zh": "支付方式"},
    "col_sku": {"en": "SKU", "zh": "商家编码"},
    "col_city": {"en": "City", "zh": "城市"},
    "ui_table_kind_help": {
        "en": "Change it if the guess is wrong; the column mapping below follows the kind.",
        "zh": "如果识别有误请修改；下方的列对应会随数据类型更新。",
    },
}


def _merge(*parts: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """One catalog from the base strings and each analysis page's own module; a key defined
    twice is a programming error, caught on import."""
    merged: dict[str, dict[str, str]] = {}
    for part in parts:
        twice = merged.keys() & part.keys()
        if twice:
            raise ValueError(f"catalog keys defined twice: {sorted(twice)}")
        merged.update(part)
    return merged


CATALOG: dict[str, dict[str, str]] = _merge(
    _BASE,
    funnel.STRINGS,
    personas.STRINGS,
    channels.STRINGS,
    abtest.STRINGS,
    overview.STRINGS,
    report.STRINGS,
    privacy.STRINGS,
    glossary.STRINGS,
    state.STRINGS,
    load_errors.STRINGS,
)
