"""Channel grouping: raw traffic-source values -> channel group -> channel class.

The rules are data (:data:`DEFAULT_RULES`, a DataFrame) so a page can show and edit them and
a test can read them. They follow the semantics of GA4's default channel grouping (source
and medium conditions, first matching rule wins) with the Chinese platforms' sources placed
before the generic rules (手淘搜索, 直通车, 淘宝客, 引力魔方/超级推荐, 抖音, 小红书, 微信/私域,
直播, 站外).

A raw value such as ``"google / cpc"`` is split into source and medium at ``" / "``; a value
without that separator (``"直通车"``, ``"facebook"``, ``"email"``, ``"Paid Search"``) is
tested as both source and medium, which is what a single "channel" or "来源" column means.
Campaign names are not part of the canonical data, so GA4's campaign-name conditions
(Cross-network, shopping campaigns) are matched on the value itself.

Shopify's orders export says in ``Source`` where an order was placed: ``web`` (the online
store), ``pos`` (point of sale), ``shopify_draft_order`` (created by staff),
``subscription_contract`` (a subscription renewal) or the numeric id of the sales-channel app.
These are matched as whole values only, and a bare number only in an orders file's channel
column (rule column ``only_in``): elsewhere a number is more likely a campaign or an account id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from ecom_core.i18n import label
from ecom_core.load.dataset import Dataset

UNASSIGNED = "Unassigned"

#: channel classes, in display order
CLASSES: tuple[str, ...] = ("paid", "organic", "referral_viral", "owned_private", "unassigned")

#: channel group -> its class (paid / organic / referral_viral / owned_private)
GROUP_CLASS: dict[str, str] = {
    # Chinese platforms
    "Taobao Search": "organic",
    "Taobao Feed": "organic",
    "Zhitongche": "paid",
    "Yinli Mofang": "paid",
    "Taobaoke": "paid",
    "Douyin": "referral_viral",
    "Xiaohongshu": "referral_viral",
    "Livestream": "referral_viral",
    "WeChat": "owned_private",
    "Off-site": "referral_viral",
    # GA4 default channel groups
    "Direct": "organic",
    "Cross-network": "paid",
    "Paid Shopping": "paid",
    "Paid Search": "paid",
    "Paid Social": "paid",
    "Paid Video": "paid",
    "Display": "paid",
    "Paid Other": "paid",
    "Organic Shopping": "organic",
    "Organic Social": "referral_viral",
    "Organic Video": "organic",
    "Organic Search": "organic",
    "Referral": "referral_viral",
    "Email": "owned_private",
    "Affiliates": "paid",
    "Audio": "paid",
    "SMS": "owned_private",
    "Mobile Push Notifications": "owned_private",
    # Shopify order sources (where the order was placed, not which ad brought the buyer)
    "Web Store": "organic",
    "Point of Sale": "owned_private",
    "Draft Orders": "owned_private",
    "Subscriptions": "owned_private",
    # a sales-channel app (Shop, Facebook & Instagram, TikTok, a marketplace connector...):
    # its id does not say which, so its type stays open until the user names it
    "Apps": "unassigned",
    UNASSIGNED: "unassigned",
}

# Source lists (GA4 keeps long lists of sites per category; these are the common ones,
# matched as whole words so "google.com", "m.baidu.com" and "google" all count).
_SEARCH = (
    r"(?:^|[^a-z0-9])(google|bing|baidu|yahoo|yandex|duckduckgo|sogou|so\.com|haosou|sm\.cn|"
    r"shenma|naver|daum|ecosia|ask|aol|seznam|qwant|startpage|brave|search)(?:[^a-z0-9]|$)|百度|搜狗|神马|360搜索"
)
_SOCIAL = (
    r"(?:^|[^a-z0-9])(facebook|fb|instagram|ig|twitter|x\.com|t\.co|linkedin|lnkd\.in|pinterest|"
    r"reddit|tiktok|snapchat|weibo|zhihu|quora|tumblr|vk|line|whatsapp|telegram|discord|"
    r"threads|meta|kuaishou|social)(?:[^a-z0-9]|$)|微博|知乎|快手|豆瓣"
)
_VIDEO = (
    r"(?:^|[^a-z0-9])(youtube|youtu\.be|vimeo|bilibili|b23\.tv|iqiyi|youku|twitch|dailymotion|"
    r"tencent video|v\.qq\.com)(?:[^a-z0-9]|$)|哔哩哔哩|优酷|爱奇艺|腾讯视频"
)
_SHOPPING = (
    r"(?:^|[^a-z0-9])(amazon|ebay|etsy|shopify|walmart|aliexpress|alibaba|taobao|tmall|jd|jd\.com|"
    r"pinduoduo|pdd|shopping|google shopping|igshopping|mercadolibre|rakuten|shopee|lazada)(?:[^a-z0-9]|$)|"
    r"淘宝|天猫|京东|拼多多"
)
_PAID_MEDIUM = r"^(.*cp.*|ppc|retargeting|paid.*)$|(?:^|[^a-z0-9])(cpc|ppc|paid|ads?|sem)(?:[^a-z0-9]|$)"

_RULES: list[tuple[str, ...]] = [
    # (source regex, medium regex, group, note[, only in these kinds]); "" = any
    # -- Chinese platforms (first: their names say more than any generic pattern) --------
    (r"直通车|zhitongche|(?:^|[^a-z])ztc(?:[^a-z]|$)|关键词推广|搜索推广", "", "Zhitongche", "zh"),
    (r"引力魔方|超级推荐|钻展|钻石展位|万相台|yinli|super ?recommend", "", "Yinli Mofang", "zh"),
    (r"淘宝客|淘客|taobaoke|taoke|阿里妈妈联盟|淘宝联盟", "", "Taobaoke", "zh"),
    (r"直播|livestream|live ?stream", "", "Livestream", "zh"),
    (r"抖音|douyin|巨量|千川|dou\+", "", "Douyin", "zh"),
    (r"小红书|xiaohongshu|(?:^|[^a-z])xhs(?:[^a-z]|$)|red ?book|聚光", "", "Xiaohongshu", "zh"),
    (r"私域|微信|wechat|weixin|企业微信|企微|社群|公众号|小程序|朋友圈", "", "WeChat", "zh"),
    (r"手淘搜索|淘宝搜索|taobao ?search|天猫搜索|淘内免费.*搜索", "", "Taobao Search", "zh"),
    (r"手淘推荐|猜你喜欢|手淘首页|首页推荐|taobao ?feed|淘内免费", "", "Taobao Feed", "zh"),
    (r"站外|off-?site|外部流量|外站", "", "Off-site", "zh"),
    (r"自主访问|我的淘宝|购物车|已买到|收藏|直接访问", "", "Direct", "zh"),
    (r"短信|(?:^|[^a-z])sms(?:[^a-z]|$)", "", "SMS", "zh"),
    # -- Shopify order sources: whole values only (a bare value is its own medium), and
    # before GA4's shopping rule, which would read "shopify_draft_order" as a marketplace --
    (r"^web$", r"^web$", "Web Store", "shopify"),
    (r"^pos$", r"^pos$", "Point of Sale", "shopify"),
    (r"^shopify_draft_order$", r"^shopify_draft_order$", "Draft Orders", "shopify"),
    (r"^subscription_contract$", r"^subscription_contract$", "Subscriptions", "shopify"),
    (r"^[0-9]+$", r"^[0-9]+$", "Apps", "shopify", "orders"),
    # -- GA4 default channel grouping, in its order ------------------------------------
    (r"^\(?direct\)?$", r"^\(?(none|not set|direct)\)?$|^$", "Direct", "ga4"),
    (r"cross-network", "", "Cross-network", "ga4"),
    (_SHOPPING, _PAID_MEDIUM, "Paid Shopping", "ga4"),
    (_SEARCH, _PAID_MEDIUM, "Paid Search", "ga4"),
    (_SOCIAL, _PAID_MEDIUM, "Paid Social", "ga4"),
    (_VIDEO, _PAID_MEDIUM, "Paid Video", "ga4"),
    ("", r"^(display|banner|expandable|interstitial|cpm)$", "Display", "ga4"),
    ("", _PAID_MEDIUM, "Paid Other", "ga4"),
    (_SHOPPING, "", "Organic Shopping", "ga4"),
    ("", r"^(social|social-network|social-media|sm|social network|social media)$", "Organic Social", "ga4"),
    (_SOCIAL, "", "Organic Social", "ga4"),
    (_VIDEO, "", "Organic Video", "ga4"),
    ("", r"^(.*video.*)$", "Organic Video", "ga4"),
    (_SEARCH, "", "Organic Search", "ga4"),
    ("", r"^(organic|seo|natural)$", "Organic Search", "ga4"),
    ("", r"^(referral|app|link)$", "Referral", "ga4"),
    (r"^(email|e-mail|e_mail|e mail|newsletter|edm)$", "", "Email", "ga4"),
    ("", r"^(email|e-mail|e_mail|e mail|newsletter|edm)$", "Email", "ga4"),
    ("", r"^affiliates?$", "Affiliates", "ga4"),
    ("", r"^audio$", "Audio", "ga4"),
    (r"^sms$", "", "SMS", "ga4"),
    ("", r"^sms$", "SMS", "ga4"),
    (r"^firebase$", "", "Mobile Push Notifications", "ga4"),
    ("", r"push$|mobile|notification", "Mobile Push Notifications", "ga4"),
]

#: The grouping rules as a table: ``source`` and ``medium`` are case-insensitive regular
#: expressions searched in the value's source and medium ("" matches anything); the first
#: matching row gives the ``group``; ``class`` is the group's class; ``only_in`` lists the
#: kinds of data (comma-separated) whose channel values the rule applies to ("" = all).
DEFAULT_RULES: pd.DataFrame = pd.DataFrame(
    {
        "source": [r[0] for r in _RULES],
        "medium": [r[1] for r in _RULES],
        "group": [r[2] for r in _RULES],
        "class": [GROUP_CLASS[r[2]] for r in _RULES],
        "only_in": [r[4] if len(r) > 4 else "" for r in _RULES],
    }
)


def _split(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """``"google / cpc"`` -> ("google", "cpc"); a single value is both source and medium."""
    text = values.astype("str").str.strip().str.lower()
    parts = text.str.split(" / ", n=1, regex=False)
    has_medium = parts.str.len() > 1
    source = parts.str[0].str.strip()
    medium = parts.str[1].where(has_medium, source).fillna("").str.strip()
    return source, medium


def _plain_groups(pattern: str) -> str:
    """Capturing groups made non-capturing (pandas warns about them in ``str.contains``)."""
    return re.sub(r"(?<!\\)\((?!\?)", "(?:", pattern)


def _exact_group_names() -> dict[str, str]:
    """Group names in both languages (lower-cased) -> group: a value that is already a
    group's name (``"Paid Search"``, ``"付费搜索"``) keeps it."""
    names: dict[str, str] = {}
    for group in GROUP_CLASS:
        for lang in ("en", "zh"):
            names.setdefault(group_label(group, lang).lower(), group)
        names.setdefault(group.lower(), group)
    return names


def group_label(group: str, lang: str = "en") -> str:
    """A channel group's name in ``lang``; a user-defined group keeps its own name."""
    return label("ch_group_" + str(group).lower().replace(" ", "_").replace("-", "_"), lang, group)


def class_label(cls: str, lang: str = "en") -> str:
    """A channel class's name in ``lang`` (paid -> 付费流量 ...)."""
    return label(f"ch_class_{cls}", lang, cls)


def _kind_set(kinds: str | Iterable[str] | None) -> frozenset[str]:
    """``"orders, spend"``, ``["orders"]`` or None -> the set of kinds."""
    if kinds is None:
        return frozenset()
    parts = kinds.split(",") if isinstance(kinds, str) else kinds
    return frozenset(str(k).strip() for k in parts if str(k).strip())


def assign_groups(
    values: Iterable[str] | pd.Series,
    rules: pd.DataFrame | None = None,
    keep_unmatched: bool = False,
    kinds: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Channel group and class of each distinct raw channel value.

    Parameters
    ----------
    values
        Raw channel values (utm source / medium, referrer, Shopify ``Source``, 流量来源, an ad
        platform's name...). Missing and blank values are reported as ``""``.
    rules
        Rule table with columns ``source``, ``medium``, ``group``, ``class`` (see
        :data:`DEFAULT_RULES`); first match wins. Defaults to :data:`DEFAULT_RULES`.
    keep_unmatched
        False (GA4): a value no rule matches is grouped ``Unassigned``. True: it stays a
        channel of its own under its own name (class ``unassigned``), so "Online Store" and
        "Marketplace" are not lumped together; blank values are ``Unassigned`` either way.
    kinds
        The kinds of data the values come from (``"orders"``, ``["orders", "spend"]``). A
        rule whose ``only_in`` is set fires only when one of its kinds is among them (so a
        bare number is a Shopify app id in orders, not in spend); None: such rules never fire.

    Returns
    -------
    DataFrame
        One row per distinct value, in first-seen order: ``value``, ``group``, ``class``,
        ``rule`` (row number in ``rules`` that matched, -1 for an exact group name, NaN
        when nothing matched), ``matched`` (bool).
    """
    rules = DEFAULT_RULES if rules is None else rules
    s = pd.Series(values, dtype="object")
    uniq = pd.Series(pd.unique(s.fillna("").astype(str).str.strip()), dtype="str")
    source, medium = _split(uniq)
    n = len(uniq)
    group = np.full(n, UNASSIGNED, dtype=object)
    cls = np.full(n, GROUP_CLASS[UNASSIGNED], dtype=object)
    rule = np.full(n, np.nan)
    open_ = uniq.to_numpy() != ""

    exact = uniq.str.lower().map(_exact_group_names())
    hit = exact.notna().to_numpy() & open_
    group[hit] = exact[hit].to_numpy()
    cls[hit] = [GROUP_CLASS.get(g, "unassigned") for g in group[hit]]
    rule[hit] = -1
    open_ &= ~hit

    # one pass per rule over the few distinct values (never per row of the data)
    r_src = rules["source"].fillna("").astype(str).tolist()
    r_med = rules["medium"].fillna("").astype(str).tolist()
    r_grp = rules["group"].fillna(UNASSIGNED).astype(str).tolist()
    r_cls = rules["class"].fillna("").astype(str).tolist() if "class" in rules else [""] * len(rules)
    r_only = rules["only_in"].fillna("").astype(str).tolist() if "only_in" in rules else [""] * len(rules)
    have = _kind_set(kinds)
    for i, (src, med, grp, kls, only) in enumerate(zip(r_src, r_med, r_grp, r_cls, r_only, strict=True)):
        if not open_.any():
            break
        if only.strip() and not _kind_set(only) & have:
            continue
        try:
            m = np.ones(n, dtype=bool)
            if src:
                m &= source.str.contains(_plain_groups(src), case=False, regex=True, na=False).to_numpy()
            if med:
                m &= medium.str.contains(_plain_groups(med), case=False, regex=True, na=False).to_numpy()
        except (re.error, ValueError):  # a user's broken pattern never matches rather than crashing
            continue
        m &= open_
        if m.any():
            group[m] = grp
            cls[m] = kls or GROUP_CLASS.get(grp, "unassigned")
            rule[m] = i
            open_ &= ~m
    matched = ~np.isnan(rule)
    if keep_unmatched:
        own = ~matched & (uniq.to_numpy() != "")
        group[own] = uniq.to_numpy()[own]
    return pd.DataFrame({"value": uniq, "group": group, "class": cls, "rule": rule, "matched": matched})


def channel_mapping(
    frames: Mapping[str, pd.DataFrame | Dataset | None],
    rules: pd.DataFrame | None = None,
    overrides: pd.DataFrame | None = None,
    column: str = "channel",
    revenue: str = "revenue",
) -> pd.DataFrame:
    """The editable value -> group table for every channel value in the loaded data.

    Parameters
    ----------
    frames
        ``{kind: canonical frame or Dataset}`` (orders, spend, traffic, events); frames
        without ``column`` are skipped.
    rules
        Grouping rules (default :data:`DEFAULT_RULES`).
    overrides
        A previous mapping edited by the user (columns ``value``, ``group``, ``class``):
        its groups and classes replace the rules' for the values it lists.
    column, revenue
        Channel column in every frame; orders' revenue column (for the audit).

    Returns
    -------
    DataFrame
        ``value``, ``group``, ``class``, ``matched`` (False: no rule knew the value, so it
        is a channel of its own; the audit lists these), ``rows`` (rows carrying the value,
        all frames),
        ``revenue`` (orders revenue with that value, 0 without orders), ``kinds``
        (comma-separated kinds where it appears), sorted by rows, largest first.
    """
    counts: list[pd.DataFrame] = []
    for kind, loaded in frames.items():
        frame = loaded.frame if isinstance(loaded, Dataset) else loaded
        if frame is None or column not in frame.columns:
            continue
        key = frame[column].astype("str").str.strip().fillna("")
        g = pd.DataFrame({"value": key})
        g["rows"] = 1
        g["revenue"] = frame[revenue].to_numpy(dtype=float) if kind == "orders" and revenue in frame else 0.0
        agg = g.groupby("value", sort=False).sum()
        agg["kinds"] = kind
        counts.append(agg.reset_index())
    if not counts:
        return pd.DataFrame(
            {
                "value": pd.Series(dtype="str"),
                "group": pd.Series(dtype="str"),
                "class": pd.Series(dtype="str"),
                "matched": pd.Series(dtype=bool),
                "rows": pd.Series(dtype="int64"),
                "revenue": pd.Series(dtype=float),
                "kinds": pd.Series(dtype="str"),
            }
        )
    allc = pd.concat(counts, ignore_index=True)
    per = allc.groupby("value", sort=False).agg(
        rows=("rows", "sum"), revenue=("revenue", "sum"), kinds=("kinds", ", ".join)
    )
    # values are grouped knowing where they appear: a rule kept to one kind (a bare number
    # is a Shopify app id in orders) fires for a value found in that kind's data
    assigned = pd.concat(
        [
            assign_groups(part.index.to_series(), rules, keep_unmatched=True, kinds=found_in)
            for found_in, part in per.groupby("kinds", sort=False)
        ]
    ).set_index("value")
    out = assigned[["group", "class", "matched"]].join(per).reset_index()
    if overrides is not None and len(overrides):
        ov = overrides.dropna(subset=["value"]).drop_duplicates("value", keep="last").set_index("value")
        idx = out["value"].map(lambda v: v in ov.index)
        for col in ("group", "class"):
            if col in ov:
                new = out.loc[idx, "value"].map(ov[col])
                out.loc[idx, col] = new.where(new.notna() & (new.astype(str) != ""), out.loc[idx, col])
    out["rows"] = out["rows"].astype("int64")
    out = out.sort_values(["rows", "value"], ascending=[False, True], kind="stable").reset_index(drop=True)
    return out[["value", "group", "class", "matched", "rows", "revenue", "kinds"]].astype(
        {"value": "str", "group": "str", "class": "str", "kinds": "str"}
    )


def apply_mapping(
    frame: pd.DataFrame,
    mapping: pd.DataFrame | None,
    level: str = "group",
    column: str = "channel",
    out: str = "channel_key",
    kind: str | None = None,
) -> pd.DataFrame:
    """``frame`` with ``out`` (the channel group, class or raw value of each row) added.

    Parameters
    ----------
    frame
        A canonical frame with ``column``.
    mapping
        From :func:`channel_mapping` (values missing from it are grouped by the default
        rules). None: group by the default rules.
    level
        ``"group"``, ``"class"`` or ``"value"`` (the raw value, trimmed).
    kind
        The kind of data ``frame`` is (``"orders"``...), for grouping values the mapping
        does not list (see ``kinds`` in :func:`assign_groups`).
    """
    if level not in ("group", "class", "value"):
        raise ValueError(f"level must be group, class or value, not {level!r}")
    # work on the distinct values (a handful), never on the rows: factorise, map, expand
    codes, uniq = pd.factorize(frame[column], sort=False)
    uniq_s = pd.Series(np.asarray(uniq, dtype=object), dtype="str").str.strip().fillna("")
    blank = UNASSIGNED if level in ("group", "value") else "unassigned"
    if level == "value":
        mapped = uniq_s.where(uniq_s != "", UNASSIGNED).astype(object)
    else:
        known = (
            mapping.set_index("value")[level]
            if mapping is not None and len(mapping)
            else pd.Series(dtype="str")
        )
        known = known[~known.index.duplicated(keep="last")]
        mapped = uniq_s.map(known).astype(object)
        missing = mapped.isna().to_numpy()
        if missing.any():
            extra = assign_groups(uniq_s[missing], None, keep_unmatched=True, kinds=kind)
            extra = extra.set_index("value")[level]
            mapped = mapped.where(~missing, uniq_s.map(extra).astype(object))
    labels = np.append(mapped.fillna(blank).astype(str).to_numpy(dtype=object), blank)
    cats, label_codes = np.unique(labels.astype(str), return_inverse=True)
    # code -1 (missing value) picks the appended blank label
    key = pd.Categorical.from_codes(label_codes[codes], cats)
    return frame.assign(**{out: key})


def group_classes(mapping: pd.DataFrame | None) -> dict[str, str]:
    """Channel group -> class, from a mapping table (the first class seen for a group) and
    the built-in groups."""
    classes = dict(GROUP_CLASS)
    if mapping is not None and len(mapping):
        first = mapping.drop_duplicates("group")
        classes.update(dict(zip(first["group"].astype(str), first["class"].astype(str), strict=True)))
    return classes


def unassigned_audit(mapping: pd.DataFrame) -> pd.DataFrame:
    """Values no rule recognised and nobody has grouped yet, and blank values.

    Returns
    -------
    DataFrame
        The rows of ``mapping`` whose group is ``Unassigned`` or still equals the value of
        an unmatched row, with ``revenue_share`` (of all orders revenue in the mapping).
    """
    if mapping is None or not len(mapping):
        return pd.DataFrame(columns=["value", "group", "rows", "revenue", "kinds", "revenue_share"])
    own = ~mapping["matched"].astype(bool) & (mapping["group"].astype(str) == mapping["value"].astype(str))
    out = mapping.loc[own | (mapping["group"].astype(str) == UNASSIGNED)].copy()
    total = float(mapping["revenue"].sum())
    out["revenue_share"] = out["revenue"] / total if total > 0 else np.nan
    return out[["value", "group", "rows", "revenue", "kinds", "revenue_share"]].reset_index(drop=True)


def localise_groups(mapping: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The mapping with built-in group names in ``lang`` (for editing by the user)."""
    labels = [group_label(g, lang) for g in mapping["group"].astype(str)]
    return mapping.assign(group=pd.array(labels, dtype="str"))


def canonical_groups(mapping: pd.DataFrame) -> pd.DataFrame:
    """Inverse of :func:`localise_groups`: group names typed in either language back to the
    built-in groups (a name that is no built-in group stays as typed; blank -> the value)."""
    names = _exact_group_names()
    typed = mapping["group"].astype("str").fillna("").str.strip()
    typed = typed.where(typed != "", mapping["value"].astype("str"))
    group = [names.get(g.lower(), g) for g in typed]
    cls = mapping["class"].astype("str").where(mapping["class"].astype("str").isin(CLASSES), "unassigned")
    return mapping.assign(group=pd.array(group, dtype="str"), **{"class": cls})
