"""Tables and sentences of the personas analysis in the user's language.

Everything a page shows is shaped here, so the page does no arithmetic: shares become
percentages with one decimal, segment codes become names, headers come from the catalog.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ecom_core import fmt
from ecom_core.i18n import label, t
from ecom_core.personas.clusters import Personas
from ecom_core.personas.rfm import RFMResult, Segment
from ecom_core.personas.value import CustomerValue


def segment_name(code: str, lang: str) -> str:
    """A segment's name in ``lang`` (the code itself when unknown)."""
    return label(f"ps_seg_{code}", lang, code)


#: How the personas' table columns are shown (:func:`ecom_core.fmt.styled`); shares and
#: probabilities are percent numbers under a "(%)" header.
KINDS: dict[str, str] = {
    "customers": "count",
    "customer_share": "number",
    "revenue": "money",
    "revenue_share": "number",
    "avg_recency": "count",
    "median_recency": "count",
    "avg_frequency": "ratio",
    "avg_monetary": "money",
    "monetary": "money",
    "rate": "number",
    "prob_alive": "number",
    "expected_purchases": "number",
    "expected_value": "money",
    "silhouette": "ratio",
}


def _headers(frame: pd.DataFrame, lang: str, names: dict[str, str] | None = None) -> pd.DataFrame:
    names = names or {}
    headers = {c: t(names.get(c, f"ps_col_{c}"), lang) for c in frame.columns}
    return fmt.with_kinds(
        frame.rename(columns=headers), {h: KINDS[c] for c, h in headers.items() if c in KINDS}
    )


def segment_table(summary: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The segment summary (:func:`segment_summary`) for display, with recommended actions."""
    out = pd.DataFrame(
        {
            "segment": [segment_name(c, lang) for c in summary["segment"]],
            "customers": summary["customers"].to_numpy(),
            "customer_share": (summary["customer_share"] * 100).round(1).to_numpy(),
            "revenue": summary["revenue"].round(2).to_numpy(),
            "revenue_share": (summary["revenue_share"] * 100).round(1).to_numpy(),
            "avg_recency": summary["recency_days"].round(0).to_numpy(),
            "avg_frequency": summary["frequency"].round(2).to_numpy(),
            "avg_monetary": summary["monetary"].round(2).to_numpy(),
            "action": [t(f"ps_act_{c}", lang) for c in summary["segment"]],
        }
    )
    return _headers(out, lang)


def segment_finding(summary: pd.DataFrame, lang: str, codes: Sequence[str] = ("cant_lose", "at_risk")) -> str:
    """A sentence on the first non-empty segment among ``codes`` (the ones to act on first)."""
    rows = summary.set_index("segment")
    for code in codes:
        if code in rows.index and rows.loc[code, "customers"] > 0:
            r = rows.loc[code]
            return t(
                "ps_finding_segment",
                lang,
                segment=segment_name(code, lang),
                customers=fmt.count(r["customers"]),
                share_c=fmt.pct(r["customer_share"]),
                frequency=f"{r['frequency']:.1f}",
                recency=fmt.count(r["recency_days"]),
                share_r=fmt.pct(r["revenue_share"]),
                action=t(f"ps_act_{code}", lang),
            )
    return ""


def definitions_table(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Editable segment definitions (:func:`segments_table`) with the segment name shown first."""
    return table.assign(name=[segment_name(c, lang) for c in table["code"]])[
        ["code", "name", "r_from", "r_to", "f_from", "f_to"]
    ]


def scoring_note(result: RFMResult, lang: str) -> str:
    """Why fixed thresholds were used, or a warning about ties under quintiles ("" if none)."""
    share = fmt.pct(result.tie_share, 0)
    if result.reason == "few_customers":
        return t("ps_note_fixed_few", lang, customers=len(result.table))
    if result.reason == "ties":
        return t("ps_note_fixed_ties", lang, share=share)
    if result.scoring == "quintile" and result.tie_share > 0.25:
        return t("ps_note_ties_quintile", lang, share=share)
    return ""


def history_note(result: RFMResult, lang: str) -> str:
    """What RFM can and cannot show on a short or one-order history (:attr:`RFMResult.notes`), "" if fine."""
    return " ".join(note.text(lang) for note in result.notes)


def scope_line(result: RFMResult, lang: str) -> str:
    return t(
        "ps_used_scoring",
        lang,
        customers=fmt.count(len(result.table)),
        as_of=(result.as_of - pd.Timedelta(days=1)).strftime("%Y-%m-%d"),
        excluded=fmt.count(sum(result.excluded.values())),
    )


# ---- personas ----------------------------------------------------------------------------
def persona_names(profile: pd.DataFrame, lang: str) -> list[str]:
    """'1. At Risk', '2. Champions', ... (numbered from 1, so two personas near one segment differ)."""
    return [
        t("ps_persona_name", lang, n=i + 1, segment=segment_name(code, lang))
        for i, code in enumerate(profile["segment"])
    ]


def persona_sentences(profile: pd.DataFrame, lang: str) -> list[str]:
    """'recent, frequent, high spend: 6.0% of customers, 38.0% of revenue' per persona."""
    sep = t("ps_lvl_sep", lang)
    out = []
    for r in profile.itertuples(index=False):  # one row per persona (k <= 8)
        levels = sep.join(t(f"ps_lvl_{x}", lang) for x in (r.r_level, r.f_level, r.m_level))
        out.append(
            t(
                "ps_persona_sentence",
                lang,
                levels=levels,
                share_c=fmt.pct(r.customer_share),
                share_r=fmt.pct(r.revenue_share),
            )
        )
    return out


def persona_table(result: Personas, lang: str, traits: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per persona: name, description, size and RFM averages, top channel/region/category."""
    p = result.profile
    out = pd.DataFrame(
        {
            "persona": persona_names(p, lang),
            "description": persona_sentences(p, lang),
            "customers": p["customers"].to_numpy(),
            "customer_share": (p["customer_share"] * 100).round(1).to_numpy(),
            "revenue_share": (p["revenue_share"] * 100).round(1).to_numpy(),
            "median_recency": p["recency_days"].round(0).to_numpy(),
            "avg_frequency": p["frequency"].round(2).to_numpy(),
            "avg_monetary": p["monetary"].round(2).to_numpy(),
        }
    )
    if traits is not None and len(traits):
        for col in traits["column"].unique():
            sub = traits[traits["column"] == col].set_index("persona")
            text = [
                t("ps_trait_value", lang, value=v, share=fmt.pct(s, 0))
                for v, s in zip(sub["value"], sub["share"], strict=True)
            ]
            out[f"trait_{col}"] = pd.Series(text, index=sub.index).reindex(range(len(p))).to_numpy()
    names = {f"trait_{c}": f"ps_trait_{c}" for c in ("channel", "region", "category")}
    return _headers(out, lang, names)


def persona_quality(result: Personas, lang: str) -> str:
    m = result.model
    sil = m.silhouette_.get(m.n_clusters_)
    return t(
        "ps_persona_quality",
        lang,
        k=m.n_clusters_,
        silhouette="–" if sil is None else f"{sil:.2f}",
        stability=f"{m.stability_:.2f}",
    )


def silhouette_table(result: Personas, lang: str) -> pd.DataFrame:
    s = result.model.silhouette_
    return _headers(pd.DataFrame({"k": list(s), "silhouette": np.round(list(s.values()), 3)}), lang)


# ---- value -------------------------------------------------------------------------------
def repurchase_table(rates: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = pd.DataFrame(
        {
            "window": [t("ps_days", lang, n=w) for w in rates["window_days"]],
            "eligible": rates["eligible"].to_numpy(),
            "repeaters": rates["repeaters"].to_numpy(),
            "rate": (rates["rate"] * 100).round(1).to_numpy(),
        }
    )
    return _headers(out, lang)


def cohort_table(cohorts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Cohorts as rows, months since first order as columns, retention in %."""
    wide = cohorts.pivot(index="cohort", columns="month", values="retention").mul(100).round(1)
    size = cohorts.drop_duplicates("cohort").set_index("cohort")["cohort_size"]
    wide.insert(0, t("ps_col_cohort_size", lang), size.reindex(wide.index).to_numpy())
    wide.columns = [str(c) for c in wide.columns]
    return wide.rename_axis(t("ps_col_cohort", lang)).reset_index()


def value_summary(value: CustomerValue, lang: str) -> str:
    tab = value.table
    return t(
        "ps_clv_summary",
        lang,
        purchases=fmt.count(tab["expected_purchases"].sum()),
        value=fmt.money(tab["expected_value"].sum(), lang),
        one_time=fmt.pct(value.one_time_share),
    )


def value_by_segment(value: CustomerValue, segment_code: pd.Series, lang: str) -> pd.DataFrame:
    """Customers, expected purchases and value per segment (totals and per customer)."""
    tab = value.table
    seg = segment_code.reindex(tab.index)
    grouped = tab.groupby(seg.to_numpy(), observed=True)
    out = pd.DataFrame(
        {
            "customers": grouped.size(),
            "prob_alive": grouped["prob_alive"].mean(),
            "expected_purchases": grouped["expected_purchases"].sum(),
            "expected_value": grouped["expected_value"].sum(),
        }
    )
    out = out.reindex([c for c in seg.cat.categories if c in out.index])
    shown = pd.DataFrame(
        {
            "segment": [segment_name(c, lang) for c in out.index],
            "customers": out["customers"].to_numpy(),
            "prob_alive": (out["prob_alive"] * 100).round(1).to_numpy(),
            "expected_purchases": out["expected_purchases"].round(1).to_numpy(),
            "expected_value": out["expected_value"].round(0).to_numpy(),
        }
    )
    return _headers(shown, lang)


def value_params(value: CustomerValue, lang: str) -> pd.DataFrame:
    bg, gg = value.bgnbd.params_, value.gamma_gamma.params_
    rows = [(f"BG/NBD {k}", round(float(v), 4)) for k, v in bg.items()]
    rows += [(f"Gamma-Gamma {k}", round(float(v), 4)) for k, v in gg.items()]
    rows += [("BG/NBD log-likelihood", round(value.bgnbd.log_likelihood_, 1))]
    return _headers(pd.DataFrame(rows, columns=["parameter", "value"]), lang)


# ---- movement and exports ----------------------------------------------------------------
def movement_table(moves: pd.DataFrame, segments: Sequence[Segment], lang: str) -> pd.DataFrame:
    """Transition counts: rows = segment before (and new customers), columns = segment after."""
    codes = [s.code for s in segments]
    wide = moves.pivot_table(index="from", columns="to", values="customers", aggfunc="sum", fill_value=0)
    wide = wide.reindex(index=[c for c in [*codes, "new"] if c in wide.index], columns=codes, fill_value=0)
    wide.index = [segment_name(c, lang) for c in wide.index]
    wide.columns = [segment_name(c, lang) for c in wide.columns]
    return wide.rename_axis(t("ps_col_from", lang)).reset_index()


def movement_finding(moves: pd.DataFrame, start: pd.Timestamp, lang: str, code: str = "champions") -> str:
    was = moves[moves["from"] == code]
    n = int(was["customers"].sum())
    if not n:
        return ""
    stayed = int(was.loc[was["to"] == code, "customers"].sum())
    return t(
        "ps_movement_finding",
        lang,
        n=fmt.count(n),
        segment=segment_name(code, lang),
        start=pd.Timestamp(start).strftime("%Y-%m-%d"),
        stayed=fmt.pct(stayed / n),
    )


def customer_list(
    result: RFMResult,
    lang: str,
    personas: Personas | None = None,
    value: CustomerValue | None = None,
    segment: str | None = None,
    persona: int | None = None,
) -> pd.DataFrame:
    """Customers for targeting: ID, segment, persona, RFM and expected value; only the ID
    identifies anyone. Filter by ``segment`` (code) or ``persona`` (number), or neither."""
    tab = result.table
    keep = np.ones(len(tab), dtype=bool)
    names = {c: segment_name(c, lang) for c in result.segment_code.cat.categories}
    out = pd.DataFrame(
        {
            "customer_id": tab.index.to_numpy(),
            "segment": result.segment_code.astype(str).map(names).to_numpy(),
        }
    )
    if segment is not None:
        keep &= (result.segment_code == segment).to_numpy()
    if personas is not None:
        labels = personas.labels.reindex(tab.index).to_numpy()
        pnames = np.array(persona_names(personas.profile, lang), dtype=object)
        out["persona"] = pnames[labels]
        if persona is not None:
            keep &= labels == persona
    for col in ("recency_days", "frequency", "monetary", "r_score", "f_score", "m_score"):
        out[col] = tab[col].to_numpy()
    if value is not None:
        v = value.table.reindex(tab.index)
        out["prob_alive"] = (v["prob_alive"] * 100).round(1).to_numpy()
        out["expected_value"] = v["expected_value"].round(2).to_numpy()
    out = out[keep].reset_index(drop=True)
    names_map = {"customer_id": "col_customer_id"}
    return _headers(out, lang, names_map)


# ---- hints for data without a customer column ----------------------------------------------
_ID_HINT = re.compile(
    r"(e-?mail|邮箱|phone|mobile|手机|电话|nick|昵称|会员名|buyer|买家|customer|客户|member|会员|user|用户|收货人|account|账号)",
    re.IGNORECASE,
)
#: Headers that name an amount, a count, a moment or free text, not a person (买家实际支付金额,
#: Buyer paid at, 买家留言).
_NOT_ID = re.compile(
    r"(金额|货款|邮费|运费|费用|积分|价格|单价|数量|次数|时间|日期|留言|备注|"
    r"amount|total|price|paid|spent|spend|revenue|value|cost|fee|tax|refund|discount|points|"
    r"quantity|qty|(?<![a-z])count|date|time|\bat$|note|message)",
    re.IGNORECASE,
)
_AMOUNT_TEXT = re.compile(r"[\s,¥￥$€£元]")
_DATE_TEXT = re.compile(r"^\d{2,4}[-/.年]\d{1,2}[-/.月]\d{1,2}")


def _could_identify(values: pd.Series) -> bool:
    """Whether a column's values could be customer IDs: text or whole numbers (not amounts,
    dates or flags), with repeated values (customers come back) but not one value for all."""
    v = values.dropna()
    if v.empty or pd.api.types.is_bool_dtype(v) or pd.api.types.is_datetime64_any_dtype(v):
        return False
    if pd.api.types.is_numeric_dtype(v):
        if not np.all(np.mod(v.to_numpy(dtype=float), 1) == 0):
            return False  # amounts with cents
    else:
        text = v.astype(str).str.strip()
        v = text[text.str.len() > 0]
        if v.empty or v.str.contains(_DATE_TEXT).all():
            return False
        number = pd.to_numeric(v.str.replace(_AMOUNT_TEXT, "", regex=True), errors="coerce")
        if number.notna().all() and not np.all(np.mod(number.to_numpy(dtype=float), 1) == 0):
            return False  # amounts written as text
    return 1 < v.nunique() < len(v)


def customer_hints(
    source_columns: Sequence[str],
    mapping: dict[str, str] | None = None,
    values: pd.DataFrame | None = None,
) -> list[str]:
    """Source columns that could identify a buyer (e-mail, phone, nickname...), in file order.

    A candidate's name suggests a person and not an amount, a count, a date or a message
    (买家实际支付金额 names a buyer but holds money). Columns already ``mapping``-ed to another
    canonical column (revenue, order time...) are left out: they serve that role. With
    ``values`` (the source table), a candidate must also hold text or whole numbers with
    repeated values (:func:`_could_identify`).
    """
    used = {
        str(source).strip() for canonical, source in (mapping or {}).items() if canonical != "customer_id"
    }
    hints = []
    for column in source_columns:
        name = str(column).strip()
        if not _ID_HINT.search(name) or _NOT_ID.search(name) or name in used:
            continue
        if values is not None and column in values.columns and not _could_identify(values[column]):
            continue
        hints.append(column)
    return hints
