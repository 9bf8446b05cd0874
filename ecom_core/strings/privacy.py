"""Strings of the privacy (keys start with ``dm_``)."""

STRINGS: dict[str, dict[str, str]] = {
    "dm_toggle": {
        "en": "Demo mode: hide customer identities",
        "zh": "演示模式：隐藏客户身份",
    },
    "dm_toggle_help": {
        "en": (
            "Customer and user IDs, names, e-mails, phones and addresses are replaced by "
            "pseudonyms such as C-3F9A1B2C on every page and in every download. The same "
            "customer keeps the same pseudonym everywhere, so every number stays the same. "
            "Pseudonyms change in a new session."
        ),
        "zh": (
            "客户ID、用户ID、买家昵称、姓名、邮箱、手机号和收货地址在所有页面和下载文件中都替换为"
            "化名（如 C-3F9A1B2C）。同一位客户在各处的化名一致，所有指标数字不变。"
            "重新打开应用后化名会更换。"
        ),
    },
    "dm_active": {
        "en": "Demo mode is on: customer identities are pseudonyms.",
        "zh": "演示模式已开启：客户身份已替换为化名。",
    },
}
