"""Strings of saving and restoring an analysis (keys start with ``st_``)."""

STRINGS: dict[str, dict[str, str]] = {
    "st_header": {"en": "Save or restore this analysis", "zh": "保存或恢复本次分析"},
    "st_caption": {
        "en": "A small file with the page settings, scenarios and column mappings (never the data). "
        "Load the same files again later and restore it to get back where you were.",
        "zh": "一个小文件，保存各页面的设置、假设场景和列映射（不含数据本身）。之后重新加载同样的文件并恢复它，即可回到当前的分析状态。",
    },
    "st_save": {"en": "Save analysis (.json)", "zh": "保存分析（.json）"},
    "st_restore": {"en": "Restore a saved analysis", "zh": "恢复已保存的分析"},
    "st_restored": {
        "en": "Restored {n} settings and {m} column mappings.",
        "zh": "已恢复 {n} 项设置和 {m} 组列映射。",
    },
    "st_err_not_state": {
        "en": "This is not an analysis file saved by this app. Choose the .json file from “Save analysis”.",
        "zh": "这不是本应用保存的分析文件。请选择通过“保存分析”下载的 .json 文件。",
    },
    "st_note_version": {
        "en": "The file comes from another version of the app ({version}); what still applies was restored.",
        "zh": "该文件来自其他版本（{version}）；已恢复仍然适用的部分。",
    },
    "st_note_other_data": {
        "en": "The file was saved with other data, so the settings of these pages were not restored: {pages}.",
        "zh": "该文件保存时使用的是其他数据，以下页面的设置未恢复：{pages}。",
    },
    "st_note_dropped": {
        "en": "{n} entries of the file were not valid and were left out.",
        "zh": "文件中有 {n} 项内容无效，已忽略。",
    },
    "st_page_fn": {"en": "Funnel", "zh": "转化漏斗"},
    "st_page_ps": {"en": "Personas", "zh": "用户画像"},
    "st_page_ch": {"en": "Channel mix", "zh": "渠道分析"},
    "st_page_ab": {"en": "A/B test", "zh": "A/B 测试"},
    "st_page_gl": {"en": "Glossary", "zh": "指标词典"},
}
