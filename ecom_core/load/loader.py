"""Raw tables -> canonical Datasets, and the public loading API.

``interpret`` applies a kind and a column mapping (guessed or given) to a raw table: each
canonical column is parsed by its type, rows that cannot be used are dropped and counted,
and platform conventions are applied (order totals counted once per order, statuses
normalised, UCI 'C' invoices cancelled, revenue = quantity x unit price for line files).
``combine`` joins the parts of relational exports (Olist payments and customers, Taobao
宝贝明细) onto their orders.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from ecom_core.i18n import t
from ecom_core.load import money
from ecom_core.load import values as V
from ecom_core.load.dataset import Dataset, LoadError, QualityReport, never_crash
from ecom_core.load.detect import guess, map_columns
from ecom_core.load.reader import MAX_BYTES, RawTable, read_tables, source_bytes
from ecom_core.load.schema import (
    CREDIT_STATUS,
    KINDS,
    ORDER_LEVEL_MONEY,
    ORDER_STATUSES,
    PAID_STATUSES,
    PARTS,
    SCHEMAS,
    normalize_header,
)

# Per-order fields that line-item exports fill on an order's first row only (Shopify).
ORDER_FIELDS = (
    "order_time",
    "paid_time",
    "customer_id",
    "status",
    "channel",
    "region",
    "cancelled_at",
)
TOTAL_WORDS = re.compile(
    r"(?i)^\s*(合计|总计|汇总|平均|total|totals|grand total|sum|average|小计)\s*[:：]?\s*$"
)


# ---- public API ---------------------------------------------------------------------------------


@never_crash
def load(
    source,
    kind: str | None = None,
    sheet: str | int | None = None,
    mapping: dict[str, str | None] | None = None,
    filename: str | None = None,
) -> Dataset:
    """Load one table of a shop export into a canonical :class:`Dataset`.

    Parameters
    ----------
    source
        Path, bytes or binary file-like object of an xlsx/xlsm/xls workbook or a
        CSV/TSV/TXT file.
    kind
        'orders', 'traffic', 'events', 'spend' or 'experiment'; guessed when None.
    sheet
        Sheet name or 0-based index; when None, the first sheet that can be read as
        ``kind`` (or as any kind) is used.
    mapping
        Canonical column -> source column, overriding the guess for those columns
        (None as a value un-maps a column).
    filename
        Name for messages, and for the file type when ``source`` is bytes.

    Raises
    ------
    LoadError
        With a message in Chinese and English (``err.message(lang)``).
    """
    tables = read_tables(source, filename)
    if sheet is not None:
        tables = [_pick_sheet(tables, sheet)]
    errors: list[LoadError] = []
    for raw in tables:
        try:
            return interpret(raw, kind, mapping)
        except LoadError as err:
            errors.append(err)
    raise errors[0]


@never_crash
def load_all(source, filename: str | None = None) -> list[Dataset]:
    """Every readable sheet of a workbook (or the one table of a text file) as Datasets.

    One Dataset per sheet, in workbook order. Sheets that cannot be understood are
    skipped; when none can, the first sheet's error is raised. Pass the result to
    :func:`combine` to join related parts and stack sheets of one kind.
    """
    tables = read_tables(source, filename)
    return _interpret_many(tables, join=False)


@never_crash
def load_files(files: Iterable[tuple[str, bytes]]) -> list[Dataset]:
    """Several files uploaded together: every table of each, related parts joined and
    tables of one kind stacked (:func:`combine`).

    Parameters
    ----------
    files
        ``(filename, content)`` pairs.
    """
    tables: list[RawTable] = []
    for name, content in files:
        tables.extend(read_tables(content, name))
    return _interpret_many(tables)


#: Required columns a kind may lack when a part that supplies them comes in the same upload:
#: Olist's payments file gives its orders their revenue.
SUPPLIED_BY_PART: dict[tuple[str, str], frozenset[str]] = {
    ("orders", "order_payments"): frozenset({"revenue"}),
}


def allowed_missing(kind: str, batch_kinds: Iterable[str]) -> frozenset[str]:
    """Required columns of ``kind`` that other tables of the same upload will supply."""
    batch = set(batch_kinds)
    return frozenset().union(
        *(cols for (target, part), cols in SUPPLIED_BY_PART.items() if target == kind and part in batch)
    )


def _interpret_many(tables: list[RawTable], join: bool = True) -> list[Dataset]:
    guesses = [guess(raw) for raw in tables]
    batch_kinds = {g.kind for g in guesses if g.kind}
    out: list[Dataset] = []
    errors: list[LoadError] = []
    for raw, g in zip(tables, guesses, strict=True):
        if g.kind is None:
            code = (
                "err_empty_sheet"
                if raw.frame.empty
                else "err_no_header"
                if raw.headerless
                else "err_unknown_kind"
            )
            errors.append(LoadError(code, name=raw.name))
            continue
        try:
            out.append(interpret(raw, g.kind, allow_missing=allowed_missing(g.kind, batch_kinds)))
        except LoadError as err:
            errors.append(err)
    if not out:
        raise (errors[0] if errors else LoadError("err_no_tables", name=tables[0].name if tables else ""))
    return combine(out) if join else out


def _pick_sheet(tables: list[RawTable], sheet: str | int) -> RawTable:
    if isinstance(sheet, int):
        if 0 <= sheet < len(tables):
            return tables[sheet]
    else:
        for raw in tables:
            if raw.sheet == sheet or raw.name == sheet:
                return raw
    name = tables[0].name.split(":")[0] if tables else ""
    raise LoadError(
        "err_sheet_missing", sheet=sheet, name=name, sheets=", ".join(str(r.sheet) for r in tables)
    )


# ---- interpretation ---------------------------------------------------------------------------------


def resolve_mapping(raw: RawTable, kind: str, mapping: dict[str, str | None] | None) -> tuple[dict, dict]:
    """The guessed mapping for ``kind`` with the user's choices laid over it."""
    guessed, conf = map_columns(raw, kind)
    if not mapping:
        return guessed, conf
    valid = {c.name for c in SCHEMAS[kind]}
    chosen = {k: v for k, v in mapping.items() if k in valid}
    for source in chosen.values():
        if source and source not in raw.frame.columns:
            raise LoadError("err_mapping_column", column=source, name=raw.name)
    taken = {v for v in chosen.values() if v}
    merged = {k: v for k, v in guessed.items() if k not in chosen and v not in taken}
    merged.update({k: v for k, v in chosen.items() if v})
    conf = {k: (1.0 if k in chosen else conf.get(k, 0.0)) for k in merged}
    return merged, conf


@never_crash
def interpret(
    raw: RawTable,
    kind: str | None = None,
    mapping: dict[str, str | None] | None = None,
    allow_missing: set[str] | frozenset[str] = frozenset(),
) -> Dataset:
    """Turn a raw table into a canonical Dataset of ``kind`` (guessed when None)."""
    confidence = 1.0
    if raw.frame.empty:
        raise LoadError("err_empty_sheet", name=raw.name)
    if kind is None:
        g = guess(raw)
        if g.kind is None:
            raise LoadError("err_no_header" if raw.headerless else "err_unknown_kind", name=raw.name)
        kind, confidence = g.kind, g.confidence
    if kind not in KINDS + PARTS:
        raise LoadError("err_bad_kind", kind=kind, choices=", ".join(KINDS))
    cols, conf = resolve_mapping(raw, kind, mapping)
    _check_required(raw, kind, cols, allow_missing)
    report = QualityReport(rows_read=len(raw.frame), notes=list(raw.notes))
    frame = _drop_non_data_rows(raw, report)
    src = {name: frame[source] for name, source in cols.items()}
    build = _BUILDERS[kind]
    out = build(src, cols, report, raw.name)
    report.rows_kept = len(out)
    if report.rows_kept == 0:
        reasons = ", ".join(f"{t('drop_' + k)}: {v}" for k, v in report.dropped.items()) or "-"
        raise LoadError("err_no_valid_rows", name=raw.name, reasons=reasons)
    _suspicious_columns(out, cols, report)
    return Dataset(
        kind=kind,
        frame=out.reset_index(drop=True),
        mapping=dict(cols),
        report=report,
        name=raw.name,
        confidence=confidence,
        column_confidence=conf,
        source_columns=list(raw.frame.columns),
    )


def _check_required(raw: RawTable, kind: str, cols: dict, allow_missing) -> None:
    missing = [c.name for c in SCHEMAS[kind] if c.required and c.name not in cols]
    if kind == "orders" and "revenue" in missing and "unit_price" in cols:
        missing.remove("revenue")
    if kind == "experiment" and "converted" not in cols and not {"visitors", "conversions"} <= cols.keys():
        missing.append("converted")
    missing = [m for m in missing if m not in allow_missing]
    if missing:
        raise LoadError(
            "err_required_missing",
            name=raw.name,
            kind=t(f"kind_{kind}", "en"),
            columns=", ".join(missing),
            kind_key=kind,
            missing=missing,
        )


def _drop_non_data_rows(raw: RawTable, report: QualityReport) -> pd.DataFrame:
    frame = raw.frame
    if frame.empty:
        return frame
    blank = pd.Series(True, index=frame.index)
    for c in frame.columns:
        maybe = blank[blank].index  # only rows blank so far need looking at
        if len(maybe) == 0:
            break
        column = frame[c] if len(maybe) == len(frame) else frame.loc[maybe, c]
        blank[maybe] = V.is_blank(column).to_numpy()
    report.drop("blank_row", int(blank.sum()))
    if blank.any():
        frame = frame[~blank]
    first_two = list(frame.columns[:2])
    if not raw.headerless and len(frame) and all(V.is_text(frame[c]) for c in first_two):
        # Exports pasted together repeat their header row in the middle (only text columns
        # can hold one: a header cell among dates or numbers would have made them text).
        repeated = pd.Series(True, index=frame.index)
        for c in first_two:
            repeated &= frame[c].astype("str").str.strip() == str(c)
        if repeated.any():
            report.drop("repeated_header", int(repeated.sum()))
            frame = frame[~repeated]
    return frame


def _suspicious_columns(out: pd.DataFrame, cols: dict, report: QualityReport) -> None:
    if len(out) < 20:
        return
    for name, source in cols.items():
        if name in out.columns and name not in (
            "revenue",
            "refund_amount",
            "paid_time",
            "cancelled_at",
        ):
            share = float(out[name].isna().mean())
            if share >= 0.8 and name != "customer_id":
                report.add("note_suspicious_column", "warning", column=source, share=share)


# ---- column helpers -----------------------------------------------------------------------------------


def _dates(src: dict, name: str, cols: dict, report: QualityReport) -> pd.Series:
    parsed = V.parse_datetime(src[name])
    column = cols[name]
    unit = parsed.flags.get("unit")
    if unit == "excel":
        report.add("note_excel_serial_dates", column=column)
    elif unit in ("s", "ms", "us", "ns"):
        report.add("note_unix_dates", column=column, unit=unit)
    if parsed.flags.get("tz"):
        report.add("note_tz_dropped", column=column, example=parsed.flags.get("tz_example", "UTC"))
    if parsed.flags.get("day_first"):
        report.add("note_day_first", column=column, example=parsed.flags.get("day_first_example", ""))
    if parsed.converted and unit:
        report.coerce(name, parsed.converted)
    future = parsed.values > pd.Timestamp.now() + pd.Timedelta(days=2)
    if future.any():
        report.add("note_future_dates", "warning", column=column, n=int(future.sum()))
    return parsed.values


def _required_dates(src: dict, name: str, cols: dict, report: QualityReport, raw_name: str):
    """Parse a date column rows depend on; refuse the file when most dates are unreadable."""
    values = _dates(src, name, cols, report)
    raw = src[name]
    bad = values.isna() & ~V.is_blank(raw)
    readable = values.notna().sum()
    if len(values) and readable < 0.5 * (~V.is_blank(raw)).sum():
        example = str(raw[bad].iloc[0]) if bad.any() else ""
        raise LoadError("err_dates_unparseable", column=cols[name], example=example, name=raw_name)
    return values, values.isna()


def _money(src: dict, name: str, cols: dict, report: QualityReport) -> pd.Series:
    parsed = V.parse_number(src[name])
    column = cols[name]
    if parsed.converted:
        report.coerce(name, parsed.converted)
        report.add("note_money_text", column=column, n=parsed.converted, example=parsed.example)
    if parsed.flags.get("decimal_comma"):
        report.add("note_decimal_comma", column=column, example=parsed.flags.get("decimal_example", ""))
    if parsed.failed:
        report.add(
            "note_unparsed_values",
            "warning",
            column=column,
            n=parsed.failed,
            example=parsed.failed_example,
        )
    return parsed.values


def _ids(src: dict, name: str, cols: dict, report: QualityReport) -> pd.Series:
    parsed = V.parse_id(src[name])
    column = cols[name]
    if parsed.converted and not pd.api.types.is_numeric_dtype(src[name]):
        report.coerce(name, parsed.converted)  # numbers in Excel cells are IDs as typed, not coerced
    if parsed.flags.get("float_text"):
        report.add("note_ids_float", column=column, n=parsed.flags["float_text"])
    if "rounded_share" in parsed.flags:
        report.add("note_ids_rounded", "warning", column=column, share=parsed.flags["rounded_share"])
    return parsed.values


def _text(src: dict, name: str) -> pd.Series:
    return V.parse_text(src[name]).values


def _drop(
    frame: pd.DataFrame,
    mask: pd.Series,
    reason: str,
    report: QualityReport,
    raw: dict | None = None,
) -> pd.DataFrame:
    """Drop ``mask`` rows, counted under ``reason``; 合计/Total rows among bad dates are told apart."""
    mask = mask.reindex(frame.index, fill_value=False)
    if mask.any():
        if reason == "bad_date" and raw:
            idx = mask[mask].index
            totals = pd.Series(False, index=idx)
            for col in raw.values():
                totals |= col.loc[idx].astype("str").str.match(TOTAL_WORDS).fillna(False)
            report.drop("total_row", int(totals.sum()))
            report.drop("bad_date", int((~totals).sum()))
        else:
            report.drop(reason, int(mask.sum()))
    return frame.loc[~mask] if mask.any() else frame


def _first_per_order(values: pd.Series, order_codes: np.ndarray) -> pd.Series:
    """Each row's order's first non-missing value (orders given as factorized codes)."""
    return values.groupby(order_codes, sort=False).transform("first")


# ---- builders, one per kind ---------------------------------------------------------------------------------

_PROVINCE_SUFFIX = re.compile(r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$")


def _region(values: pd.Series, column: str) -> pd.Series:
    """Addresses ('浙江省 杭州市 西湖区 ...') -> the province; other regions as they are."""
    if not ("地址" in column or "address" in column.lower()):
        return values

    def province(text: object) -> object:
        if not isinstance(text, str):
            return text
        first = re.split(r"[\s,，]+", text.strip(), maxsplit=1)[0]
        return _PROVINCE_SUFFIX.sub("", first) or first

    provinces, _ = V.map_distinct(values, province)
    return provinces.astype("str").where(values.notna())


def _build_orders(src: dict, cols: dict, report: QualityReport, name: str) -> pd.DataFrame:
    out = pd.DataFrame(index=next(iter(src.values())).index)
    out["order_id"] = _ids(src, "order_id", cols, report)
    out = _drop(out, out["order_id"].isna(), "missing_id", report)
    if len(out) < len(next(iter(src.values()))):
        src = {k: v.loc[out.index] for k, v in src.items()}
    if "order_time" in cols:
        out["order_time"], _ = _required_dates(src, "order_time", cols, report, name)
    for k in ("paid_time", "cancelled_at"):
        if k in cols:
            out[k] = _dates(src, k, cols, report)
    if "customer_id" in cols:
        out["customer_id"] = _ids(src, "customer_id", cols, report)
        header = normalize_header(cols["customer_id"])
        if "mail" in header:
            out["customer_id"] = out["customer_id"].str.lower()
        if not any(
            w in header for w in ("customerid", "customeruniqueid", "客户id", "客户编号", "userid", "buyerid")
        ):
            report.add("note_customer_from", column=cols["customer_id"])
    for k in ("product", "category", "channel"):
        if k in cols:
            out[k] = _text(src, k)
    if "region" in cols:
        out["region"] = _region(_text(src, "region"), cols["region"])
    if "status" in cols:
        parsed = V.parse_status(src["status"])
        out["status"] = parsed.values
        if parsed.failed:
            report.add("note_unknown_status", "warning", n=parsed.failed, example=parsed.failed_example)
    for k in ("quantity", "unit_price", "revenue", "refund_amount", "net_paid"):
        if k in cols:
            out[k] = _money(src, k, cols, report)

    codes, _ = pd.factorize(out["order_id"])
    counts = np.bincount(codes)
    multi = pd.Series(counts[codes] > 1, index=out.index)
    first_row = pd.Series(False, index=out.index)
    first_row.iloc[np.unique(codes, return_index=True)[1]] = True
    # IDs rounded by Excel merge different orders: their rows are not one order's lines.
    rounded = any(n.code == "note_ids_rounded" for n in report.notes)
    if multi.any() and not rounded:
        for k in ORDER_FIELDS:
            if k in out.columns and out.loc[multi, k].isna().any():
                out[k] = _first_per_order(out[k], codes)
        for k in ("revenue", "refund_amount", "net_paid"):
            if k in cols and normalize_header(cols[k]) in ORDER_LEVEL_MONEY:
                first = _first_per_order(out[k], codes)
                if (out.loc[multi, k].isna() | (out.loc[multi, k] == first[multi])).mean() > 0.95:
                    out[k] = first.where(first_row, 0.0)
                    report.add("note_order_level_money", column=cols[k])

    if "revenue" not in cols and "unit_price" in cols:
        qty = out["quantity"].fillna(1.0) if "quantity" in out else 1.0
        out["revenue"] = out["unit_price"] * qty
        report.add(
            "note_revenue_computed",
            quantity=cols.get("quantity", "1"),
            price=cols["unit_price"],
        )
    if "revenue" in out:
        out["revenue"] = out["revenue"].fillna(0.0)
    if "refund_amount" in out:
        out["refund_amount"] = out["refund_amount"].fillna(0.0).abs()
    if "net_paid" in out:
        _check_net_paid(out, cols, report)
    out["status"] = _order_status(out, cols, report)
    if "revenue" in out:
        # credit notes keep their signed amounts (as in the file); the metric layer reads them
        # as refunds. Other negative lines are adjustments inside an order.
        negative = int(((out["revenue"] < 0) & (out["status"] != CREDIT_STATUS)).sum())
        if negative:
            report.add("note_negative_revenue", n=negative)
    if "order_time" in out:
        out = _drop(out, out["order_time"].isna(), "bad_date", report, raw=src)
    if "customer_id" in out and len(out):
        share = float(out["customer_id"].isna().mean())
        if share > 0.01:
            report.add("note_missing_customer", "warning" if share > 0.2 else "info", share=share)
    out = out.drop(columns=[c for c in ("unit_price", "cancelled_at", "net_paid") if c in out.columns])
    order = [c.name for c in SCHEMAS["orders"] if c.name in out.columns]
    return out[order]


def _order_status(out: pd.DataFrame, cols: dict, report: QualityReport) -> pd.Categorical:
    n = len(out)
    if "status" in out:
        status = out["status"].astype("object").where(out["status"].notna(), None)
    else:
        status = pd.Series([None] * n, index=out.index, dtype="object")
    default = pd.Series("paid", index=out.index, dtype="object")
    if "paid_time" in out:
        default = default.where(out["paid_time"].notna(), "pending")
    status = status.where(status.notna(), default)
    ids = out["order_id"]
    if n and "status" not in cols:
        # UCI-style line files: invoice numbers starting with C are credit notes (returns and
        # cancellations of earlier invoices), not orders that were never paid.
        credit = ids.str.match(r"^[Cc][0-9]+$")
        if credit.any() and ids.str.match(r"^[0-9]+$").mean() > 0.5:
            status = status.where(~credit, CREDIT_STATUS)
            report.add("note_cancel_prefix", n=int(credit.sum()))
    if "cancelled_at" in out:
        status = status.where(out["cancelled_at"].isna() | (status == CREDIT_STATUS), "cancelled")
    if "revenue" in out and (out["revenue"] < 0).any():
        below = out.groupby("order_id", sort=False)["revenue"].transform("sum") < 0
        below &= status != CREDIT_STATUS
        if below.any():
            status = status.where(~below, CREDIT_STATUS)
            report.add("note_credit_negative", n=int(out.loc[below, "order_id"].nunique()))
    if "refund_amount" in out and (out["refund_amount"] > 0).any():
        by_order = out.groupby("order_id", sort=False)
        refund = by_order["refund_amount"].transform("sum")
        paid = by_order["revenue"].transform("sum") if "revenue" in out else refund * 0
        was_paid = status.isin(PAID_STATUSES)
        if "paid_time" in out:
            # A closed Taobao order with a refund was paid first: a refund, not a cancellation.
            was_paid |= (status == "cancelled") & out["paid_time"].notna()
        refunded = (refund > 0) & was_paid
        full = refunded & (refund >= paid * 0.999)
        status = status.where(~(refunded & ~full), "partially_refunded")
        status = status.where(~full, "refunded")
    counts = status.value_counts()
    report.add("note_statuses", summary=[(f"status_{k}", int(v)) for k, v in counts.items()])
    return pd.Categorical(status, categories=ORDER_STATUSES)


def _check_net_paid(out: pd.DataFrame, cols: dict, report: QualityReport) -> None:
    """Report whether the paid column equals revenue − refunds row by row (money roles)."""
    refund = out.get("refund_amount", 0.0)
    found = money.identity(out["revenue"], refund, out["net_paid"])
    names = {
        "paid": cols["net_paid"],
        "gross": cols["revenue"],
        "refund": cols.get("refund_amount", "-"),
        "share": found.share if found.rows else 1.0,
    }
    if not found.rows or found.share >= money.IDENTITY_SHARE:
        report.add("note_money_net", **names)
    else:
        report.add("note_money_identity_fails", "warning", **names)


def _build_traffic(src: dict, cols: dict, report: QualityReport, name: str) -> pd.DataFrame:
    out = pd.DataFrame(index=next(iter(src.values())).index)
    dates, bad = _required_dates(src, "date", cols, report, name)
    out["date"] = dates.dt.normalize()
    for k in ("channel", "product"):
        if k in cols:
            out[k] = _text(src, k)
    for c in SCHEMAS["traffic"]:
        if c.dtype in ("number", "money") and c.name in cols:
            out[c.name] = _money(src, c.name, cols, report)
    out["visitors"] = out["visitors"].fillna(0.0)
    return _drop(out, bad, "bad_date", report, raw=src)


def _build_events(src: dict, cols: dict, report: QualityReport, name: str) -> pd.DataFrame:
    out = pd.DataFrame(index=next(iter(src.values())).index)
    out["user_id"] = _ids(src, "user_id", cols, report)
    out["time"], _ = _required_dates(src, "time", cols, report, name)
    out["event"] = _text(src, "event")
    for k in ("session_id", "product"):
        if k in cols:
            out[k] = _ids(src, k, cols, report)
    for k in ("channel", "device", "category"):
        if k in cols:
            out[k] = _text(src, k)
    if "revenue" in cols:
        out["revenue"] = _money(src, "revenue", cols, report)
    out = _drop(out, out["user_id"].isna(), "missing_id", report)
    out = _drop(out, out["event"].isna(), "missing_event", report)
    out = _drop(out, out["time"].isna(), "bad_date", report)
    return out


def _build_spend(src: dict, cols: dict, report: QualityReport, name: str) -> pd.DataFrame:
    out = pd.DataFrame(index=next(iter(src.values())).index)
    if "date" in cols:
        dates, bad = _required_dates(src, "date", cols, report, name)
        out["date"] = dates.dt.normalize()
    else:
        out["date"] = pd.Series(pd.NaT, index=out.index, dtype="datetime64[ns]")
        bad = pd.Series(False, index=out.index)
        report.add("note_spend_no_date", "warning")
    if "campaign" in cols:
        out["campaign"] = V.parse_text(src["campaign"]).values
    if "channel" in cols:
        out["channel"] = _text(src, "channel")
    elif "campaign" in cols:
        out["channel"] = out["campaign"]
        report.add("note_channel_from", column=cols["campaign"])
    else:
        out["channel"] = "(all)"
    for k in ("spend", "impressions", "clicks", "conversions", "revenue"):
        if k in cols:
            out[k] = _money(src, k, cols, report)
    out["spend"] = out["spend"].fillna(0.0)
    out = _drop(out, bad, "bad_date", report, raw=src)
    order = [c.name for c in SCHEMAS["spend"] if c.name in out.columns]
    return out[order]


def _build_experiment(src: dict, cols: dict, report: QualityReport, name: str) -> pd.DataFrame:
    out = pd.DataFrame(index=next(iter(src.values())).index)
    out["variant"] = _text(src, "variant")
    if "converted" in cols:
        parsed = V.parse_bool(src["converted"])
        out["converted"] = parsed.values
        report.add("note_bool_values", column=cols["converted"], values=parsed.flags.get("values", ""))
        if parsed.failed:
            report.add(
                "note_unparsed_values",
                "warning",
                column=cols["converted"],
                n=parsed.failed,
                example=parsed.failed_example,
            )
    else:
        report.add("note_aggregate_experiment")
    for k in ("visitors", "conversions", "revenue"):
        if k in cols:
            out[k] = _money(src, k, cols, report)
    if "user_id" in cols:
        out["user_id"] = _ids(src, "user_id", cols, report)
    if "time" in cols:
        out["time"] = _dates(src, "time", cols, report)
    if "landing_page" in cols:
        out["landing_page"] = _text(src, "landing_page")
    out = _drop(out, out["variant"].isna(), "missing_variant", report)
    if "converted" in out:
        out = _drop(out, out["converted"].isna(), "bad_converted", report)
    if "user_id" in out:
        dup = out["user_id"].dropna().duplicated(keep=False)
        if dup.any():
            report.add("note_duplicate_users", "warning", n=int(out["user_id"][dup[dup].index].nunique()))
    if "landing_page" in out and out["landing_page"].notna().any():
        usual = out.groupby("variant")["landing_page"].agg(
            lambda s: s.mode().iloc[0] if s.notna().any() else None
        )
        if usual.nunique() == len(usual) > 1:
            mismatch = out["landing_page"] != out["variant"].map(usual)
            mismatch &= out["landing_page"].notna()
            if mismatch.any():
                report.add("note_variant_page_mismatch", "warning", n=int(mismatch.sum()))
    return out


def _build_part(kind: str):
    def build(src: dict, cols: dict, report: QualityReport, name: str) -> pd.DataFrame:
        out = pd.DataFrame(index=next(iter(src.values())).index)
        for c in SCHEMAS[kind]:
            if c.name not in cols:
                continue
            if c.dtype == "id":
                out[c.name] = _ids(src, c.name, cols, report)
            elif c.dtype in ("money", "number"):
                out[c.name] = _money(src, c.name, cols, report)
            elif c.dtype == "status":
                out[c.name] = V.parse_status(src[c.name]).values
            else:
                out[c.name] = _text(src, c.name)
        key = next(c.name for c in SCHEMAS[kind] if c.required)
        out = _drop(out, out[key].isna(), "missing_id", report)
        report.add("note_part_alone")
        return out

    return build


_BUILDERS = {
    "orders": _build_orders,
    "traffic": _build_traffic,
    "events": _build_events,
    "spend": _build_spend,
    "experiment": _build_experiment,
    **{p: _build_part(p) for p in PARTS},
}


# ---- joining relational exports ---------------------------------------------------------------------------


@never_crash
def combine(datasets: list[Dataset]) -> list[Dataset]:
    """Join auxiliary parts onto the orders they belong to, and stack tables of one kind.

    * ``order_payments`` (Olist): summed per order into ``revenue`` (on the order's first row).
    * ``customer_table`` (Olist): ``customer_id`` replaced by the person (``customer_unique_id``),
      ``region`` filled from the customer's state.
    * ``order_lines`` (Taobao 宝贝明细): one row per line with the order's fields; the order's
      paid total is split over its lines in proportion to price x quantity, so the lines still
      sum to what the buyer paid.

    Parts with no orders dataset to join are returned unchanged (their report says so).
    Several tables of one kind become one dataset (see :func:`_stack`), so the result holds
    at most one dataset per analysis kind.
    """
    datasets = _join_parts(list(datasets))
    merged: list[Dataset] = []
    for kind in dict.fromkeys(d.kind for d in datasets):
        group = [d for d in datasets if d.kind == kind]
        merged.append(group[0] if len(group) == 1 or kind in PARTS else _stack(group))
        if kind in PARTS and len(group) > 1:
            merged.extend(group[1:])
    return merged


def _stack(group: list[Dataset]) -> Dataset:
    """Several tables of one kind (two year sheets, two monthly exports) as one dataset.

    Rows of a later table that repeat an earlier one are dropped and counted: orders by
    order ID (the same order exported twice), other kinds when the whole row repeats.
    """
    report = QualityReport()
    frames = []
    seen: set = set()
    for ds in group:
        r = ds.report
        report.rows_read += r.rows_read
        for reason, n in r.dropped.items():
            report.drop(reason, n)
        for column, n in r.coerced.items():
            report.coerce(column, n)
        report.notes.extend(r.notes)
        if ds.kind == "orders":
            keys = ds.frame["order_id"]
        else:
            keys = pd.util.hash_pandas_object(ds.frame, index=False)
        repeat = keys.isin(seen)
        report.drop("duplicate_across_files", int(repeat.sum()))
        frames.append(ds.frame[~repeat.to_numpy()])
        seen.update(keys.unique())
    out = pd.concat(frames, ignore_index=True)
    columns = [c.name for c in SCHEMAS[group[0].kind] if c.name in out.columns]
    out = out[columns]
    report.rows_kept = len(out)
    report.add("note_stacked", n=len(group), names=", ".join(d.name for d in group))
    return Dataset(
        kind=group[0].kind,
        frame=out,
        mapping=dict(group[0].mapping),
        report=report,
        name=" + ".join(d.name for d in group),
        confidence=min(d.confidence for d in group),
        column_confidence=dict(group[0].column_confidence),
        source_columns=list(dict.fromkeys(c for d in group for c in d.source_columns)),
    )


def _join_parts(datasets: list[Dataset]) -> list[Dataset]:
    orders = [d for d in datasets if d.kind == "orders"]
    parts = [d for d in datasets if d.kind in PARTS]
    if not orders or not parts:
        return datasets
    used: set[int] = set()
    merged = []
    for ds in orders:
        frame, report, mapping = ds.frame.copy(), ds.report, dict(ds.mapping)
        for part in parts:
            before = id(part)
            if part.kind == "order_payments":
                frame = _join_payments(frame, part, report)
            elif part.kind == "customer_table":
                frame = _join_customers(frame, part, report)
            elif part.kind == "order_lines":
                frame = _join_lines(frame, part, report)
            used.add(before)
            mapping[f"{part.kind}"] = part.name
        report.notes = [n for n in report.notes if n.code != "note_part_alone"]
        report.rows_kept = len(frame)
        order = [c.name for c in SCHEMAS["orders"] if c.name in frame.columns]
        merged.append(
            Dataset(
                kind="orders",
                frame=frame[order].reset_index(drop=True),
                mapping=mapping,
                report=report,
                name=" + ".join([ds.name] + [p.name for p in parts]),
                confidence=ds.confidence,
                column_confidence=ds.column_confidence,
                source_columns=ds.source_columns,
            )
        )
    others = [d for d in datasets if d.kind != "orders" and id(d) not in used]
    return merged + others


def _join_note(report: QualityReport, part: Dataset, target: str, on: str, matched: int, total: int) -> None:
    report.add("note_joined", part=part.name, target=target, on=on, matched=matched, total=total)


def _join_payments(frame: pd.DataFrame, part: Dataset, report: QualityReport) -> pd.DataFrame:
    paid = part.frame.groupby("order_id")["amount"].sum()
    first_row = ~frame["order_id"].duplicated()
    amounts = frame["order_id"].map(paid)
    if "revenue" not in frame or frame["revenue"].fillna(0).eq(0).all():
        frame["revenue"] = amounts.where(first_row, 0.0).fillna(0.0)
        if "refund_amount" in frame:
            frame["refund_amount"] = frame["refund_amount"].fillna(0.0)
    n_orders = int(first_row.sum())
    _join_note(report, part, "orders", "order_id", int(amounts[first_row].notna().sum()), n_orders)
    return frame


def _join_customers(frame: pd.DataFrame, part: Dataset, report: QualityReport) -> pd.DataFrame:
    table = part.frame.drop_duplicates("customer_id").set_index("customer_id")
    if "customer_id" not in frame:
        return frame
    matched = frame["customer_id"].isin(table.index)
    if "person_id" in table:
        frame["customer_id"] = (
            frame["customer_id"].map(table["person_id"]).where(matched, frame["customer_id"])
        )
    if "region" in table and ("region" not in frame or frame["region"].isna().all()):
        frame["region"] = frame["customer_id"].map(
            part.frame.drop_duplicates("person_id" if "person_id" in table else "customer_id").set_index(
                "person_id" if "person_id" in table else "customer_id"
            )["region"]
        )
    first_row = ~frame["order_id"].duplicated()
    _join_note(report, part, "orders", "customer_id", int(matched[first_row].sum()), int(first_row.sum()))
    return frame


def _join_lines(frame: pd.DataFrame, part: Dataset, report: QualityReport) -> pd.DataFrame:
    lines = part.frame.copy()
    if "quantity" not in lines:
        lines["quantity"] = 1.0
    lines["quantity"] = lines["quantity"].fillna(1.0)
    lines["_value"] = (lines["unit_price"].fillna(0.0) * lines["quantity"]).clip(lower=0)
    orders = frame[~frame["order_id"].duplicated()].copy()
    order_cols = [c for c in orders.columns if c not in ("product", "quantity")]
    joined = lines[["order_id", "product", "quantity", "_value"]].merge(
        orders[order_cols], on="order_id", how="inner"
    )
    n_lines = joined.groupby("order_id")["_value"].transform("count")
    total = joined.groupby("order_id")["_value"].transform("sum")
    share = np.where(total > 0, joined["_value"] / total.where(total > 0, 1), 1.0 / n_lines)
    for amount in ("revenue", "refund_amount"):
        if amount in joined:
            joined[amount] = joined[amount] * share
    matched_ids = set(joined["order_id"])
    rest = frame[~frame["order_id"].isin(matched_ids)]
    # The rows are now the lines: account for them so read = kept + dropped still holds.
    report.rows_read += part.report.rows_read - (len(frame) - len(rest))
    for reason, n in part.report.dropped.items():
        report.drop(reason, n)
    report.drop("unmatched_line", len(lines) - len(joined))
    out = pd.concat([joined.drop(columns="_value"), rest], ignore_index=True)
    out = out.sort_values(["order_time", "order_id"] if "order_time" in out else ["order_id"], kind="stable")
    _join_note(
        report,
        part,
        "orders",
        "order_id",
        len(matched_ids),
        int((~frame["order_id"].duplicated()).sum()),
    )
    return out


__all__ = [
    "MAX_BYTES",
    "SUPPLIED_BY_PART",
    "allowed_missing",
    "combine",
    "interpret",
    "load",
    "load_all",
    "load_files",
    "source_bytes",
]
