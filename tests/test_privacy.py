"""Demo mode's pseudonyms: keyed, consistent across tables, missing kept, fast, no leaks."""

from __future__ import annotations

import hmac
import time

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import ecom_core as ec
from ecom_core import export, privacy

SECRET = b"demo-secret"


def expected(value: str, secret: bytes = SECRET) -> str:
    """The documented pseudonym, computed with the standard library's HMAC."""
    return "C-" + hmac.new(secret, value.encode("utf-8"), "sha256").hexdigest()[:8].upper()


def pseudonymise(datasets, secret, keep_order=False):
    """Each value's own HMAC pseudonym, so expectations are per value (order: see below)."""
    return privacy.pseudonymise(datasets, secret, keep_order=keep_order)


def ds(kind: str, frame: pd.DataFrame, report: ec.QualityReport | None = None) -> ec.Dataset:
    n = len(frame)
    return ec.Dataset(kind, frame, {"x": "y"}, report or ec.QualityReport(n, n), name="shop.csv")


@pytest.fixture
def shop() -> dict[str, ec.Dataset]:
    orders = pd.DataFrame(
        {
            "order_id": pd.Series(["o1", "o2", "o3", "o4"], dtype="str"),
            "customer_id": pd.Series(["C1", "C2", None, "C1"], dtype="str"),
            "revenue": [10.0, 20.0, 5.0, 7.5],
        }
    )
    events = pd.DataFrame(
        {"user_id": pd.Series(["C2", "C3", "C2"], dtype="str"), "event": pd.Series(["view"] * 3, dtype="str")}
    )
    spend = pd.DataFrame({"channel": pd.Series(["ads"], dtype="str"), "spend": [100.0]})
    return {"orders": ds("orders", orders), "events": ds("events", events), "spend": ds("spend", spend)}


def test_person_columns_become_keyed_hmac_pseudonyms(shop):
    out = pseudonymise(shop, SECRET)
    want_orders = shop["orders"].frame.assign(
        customer_id=pd.Series([expected("C1"), expected("C2"), None, expected("C1")], dtype="str")
    )
    want_events = shop["events"].frame.assign(
        user_id=pd.Series([expected("C2"), expected("C3"), expected("C2")], dtype="str")
    )
    assert_frame_equal(out["orders"].frame, want_orders)
    assert_frame_equal(out["events"].frame, want_events)
    assert_frame_equal(out["spend"].frame, shop["spend"].frame)  # nothing personal in it
    # the same customer has the same pseudonym in orders and in events
    assert out["orders"].frame["customer_id"][1] == out["events"].frame["user_id"][0]
    # the originals are untouched, and kind, name and mapping are kept
    assert shop["orders"].frame["customer_id"].tolist()[:2] == ["C1", "C2"]
    for kind, d in out.items():
        assert (d.kind, d.name, d.mapping) == (kind, "shop.csv", {"x": "y"})


def test_missing_stays_missing_and_dtype_stays_string(shop):
    col = pseudonymise(shop, SECRET)["orders"].frame["customer_id"]
    assert col.isna().tolist() == [False, False, True, False]
    assert pd.api.types.is_string_dtype(col)
    assert col.dtype == shop["orders"].frame["customer_id"].dtype


def test_another_secret_gives_other_pseudonyms(shop):
    a = pseudonymise(shop, b"one")["orders"].frame["customer_id"]
    b = pseudonymise(shop, b"two")["orders"].frame["customer_id"]
    assert a[0] == expected("C1", b"one") != b[0] == expected("C1", b"two")
    assert pseudonymise(shop, b"one")["orders"].frame["customer_id"][0] == a[0]  # deterministic


def test_keep_order_hands_out_the_same_pseudonyms_in_id_order(shop):
    out = privacy.pseudonymise(shop, SECRET)  # keep_order=True: what the app uses
    # C1 < C2 < C3 get the three HMAC pseudonyms of C1, C2, C3 in ascending order
    names = sorted(expected(v) for v in ("C1", "C2", "C3"))
    assert out["orders"].frame["customer_id"].tolist()[:2] == names[:2]
    assert out["events"].frame["user_id"].tolist() == [names[1], names[2], names[1]]
    ids = pd.Series([f"id{i}" for i in range(500)], dtype="str").sample(frac=1, random_state=1)
    data = {"events": ds("events", pd.DataFrame({"user_id": ids}))}
    mapped = privacy.pseudonymise(data, SECRET)["events"].frame["user_id"]
    assert mapped.rank().tolist() == ids.rank().tolist()  # sort order of the IDs kept
    assert set(mapped) == {expected(v) for v in ids}


def test_long_secret_follows_rfc2104():
    secret = bytes(range(100))  # longer than a SHA-256 block: hashed first
    assert privacy.pseudonyms(["x"], secret)[0] == expected("x", secret)


def test_values_are_normalised_before_hashing():
    frame = pd.DataFrame({"customer_id": pd.Series(["C1", " C1 ", "Ｃ1", "c1"], dtype="str")})
    col = pseudonymise({"orders": ds("orders", frame)}, SECRET)["orders"].frame["customer_id"]
    # spaces and full-width letters are the same ID; case is not folded (IDs are case-sensitive)
    assert col.tolist() == [expected("C1")] * 3 + [expected("c1")]


@pytest.mark.parametrize(
    ("header", "personal"),
    [
        ("customer_id", True),
        ("user_id", True),
        ("Billing Name", True),
        ("Customer name", True),
        ("收货人姓名", True),
        ("买家会员名", True),
        ("E-mail", True),
        ("邮箱", True),
        ("Phone", True),
        ("手机号码", True),
        ("联系电话", True),
        ("Shipping Address1", True),
        ("收货地址", True),
        ("Lineitem name", False),
        ("Campaign Name", False),
        ("商品名称", False),
        ("product", False),
        ("order_id", False),
        ("channel", False),
        ("region", False),
    ],
)
def test_person_columns_by_header(header, personal):
    assert privacy.is_person_column(header) is personal


def test_name_email_phone_columns_are_pseudonymised_consistently():
    frame = pd.DataFrame(
        {
            "customer_id": pd.Series(["13800138000", "a@x.com"], dtype="str"),
            "Phone": [13800138000.0, np.nan],  # a phone number Excel turned into a number
            "Email": pd.Series(["a@x.com", "b@y.com"], dtype="str"),
            "Lineitem name": pd.Series(["Mug", "Tea"], dtype="str"),
        }
    )
    out = pseudonymise({"orders": ds("orders", frame)}, SECRET)["orders"].frame
    want = pd.DataFrame(
        {
            "customer_id": pd.Series([expected("13800138000"), expected("a@x.com")], dtype="str"),
            "Phone": pd.Series([expected("13800138000"), None], dtype="str"),
            "Email": pd.Series([expected("a@x.com"), expected("b@y.com")], dtype="str"),
            "Lineitem name": pd.Series(["Mug", "Tea"], dtype="str"),
        }
    )
    assert_frame_equal(out, want)


def test_report_notes_do_not_leak_identifiers(shop):
    report = ec.QualityReport(4, 4, dropped={"no_date": 1})
    report.add("note_unparsed_values", "warning", column="customer_id", n=2, example="C1")
    report.add("note_stacked", n=2, names="a.csv, b.csv")
    report.add("note_statuses", summary=[("status_paid", 3)])
    report.add("note_x", text="first C2 then C3, not C23.", items=["C1", "ok"])
    data = dict(shop, orders=ds("orders", shop["orders"].frame, report))
    out = pseudonymise(data, SECRET)["orders"].report
    params = [n.params for n in out.notes]
    assert params[0] == {"column": "customer_id", "n": 2, "example": expected("C1")}
    assert params[1] == {"n": 2, "names": "a.csv, b.csv"}  # file names are the consultant's own
    assert params[2] == {"summary": [("status_paid", 3)]}
    assert params[3] == {
        "text": f"first {expected('C2')} then {expected('C3')}, not C23.",
        "items": [expected("C1"), "ok"],
    }
    assert (out.rows_read, out.rows_kept, out.dropped) == (4, 4, {"no_date": 1})
    assert report.notes[0].params["example"] == "C1"  # the original report is untouched


def test_short_pseudonyms_that_collide_get_longer(monkeypatch):
    monkeypatch.setattr(privacy, "_SHORT_BYTES", 1)  # 256 short pseudonyms: 2,000 values must clash
    values = [f"id{i}" for i in range(2000)]
    names = privacy.pseudonyms(values, SECRET)
    assert len(set(names)) == 2000
    lengths = pd.Series(names).str.len()
    assert set(lengths) <= {4, 18} and (lengths == 18).sum() > 1900
    assert (
        names[0] == "C-" + hmac.new(SECRET, b"id0", "sha256").hexdigest()[: 2 * (lengths[0] - 2) // 2].upper()
    )


def test_nothing_to_pseudonymise():
    assert pseudonymise({}, SECRET) == {}
    empty = pd.DataFrame({"customer_id": pd.Series([], dtype="str"), "revenue": pd.Series([], dtype=float)})
    out = pseudonymise({"orders": ds("orders", empty)}, SECRET)
    assert_frame_equal(out["orders"].frame, empty)


def test_leaked_finds_original_identifiers(shop):
    assert privacy.leaked(shop, "C1 bought twice; C10 and xC2 are other words") == []  # shorter than 3
    data = {
        "orders": ds(
            "orders", pd.DataFrame({"customer_id": pd.Series(["cust01", "张三丰", None], dtype="str")})
        )
    }
    assert privacy.leaked(data, "cust01 and cust012 and 买家张三丰下单") == ["cust01", "张三丰"]
    assert privacy.leaked(data, "nothing here cust012") == []
    numeric = {"experiment": ds("experiment", pd.DataFrame({"user_id": pd.Series(["878909"], dtype="str")}))}
    assert privacy.leaked(numeric, "revenue 878909.11, 1,878,909") == []  # amounts, not the ID
    assert privacy.leaked(numeric, "878909,0.0,old_page") == ["878909"]  # a CSV row with the ID
    assert privacy.leaked(data, b"cust01") == ["cust01"]
    # an xlsx is searched inside its zipped XML
    book = export.to_excel_bytes(pd.DataFrame({"who": ["张三丰"]}))
    assert privacy.leaked(data, book) == ["张三丰"]
    out = pseudonymise(data, SECRET)
    assert privacy.leaked(data, export.to_excel_bytes(out["orders"].frame)) == []
    assert privacy.leaked(data, export.to_csv_bytes(out["orders"].frame)) == []


def test_sample_shop_leaves_no_identifier(sample_shop):
    original = sample_shop("zh")
    out = privacy.pseudonymise(original, SECRET)
    assert privacy.leaked(original, original["orders"].frame.head(20).to_csv())  # the check can fail
    for d in out.values():
        assert privacy.leaked(original, d.frame.to_csv()) == []
    ids = original["orders"].frame["customer_id"]
    assert out["orders"].frame["customer_id"].nunique() == ids.nunique()  # nobody merged


def test_300k_distinct_ids_in_about_a_second():
    n = 300_000
    ids = pd.Series([f"user{i}" for i in range(n)], dtype="str")
    frame = pd.DataFrame({"user_id": pd.concat([ids, ids], ignore_index=True)})
    data = {"events": ds("events", frame)}
    best = min(_timed(privacy.pseudonymise, data, SECRET) for _ in range(2))
    assert best < 2.5  # about 0.8 s alone; the margin is for a busy shared machine
    out = pseudonymise(data, SECRET)["events"].frame["user_id"]
    assert out.nunique() == n and out[0] == out[n] == expected("user0")


def _timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def test_reports_of_pseudonymised_data_hold_no_original_identifier(sample_shop):
    original = sample_shop("en")
    hidden = privacy.pseudonymise(original, b"report-secret")
    report = ec.report.collect(hidden, "en")
    assert privacy.leaked(original, ec.report.to_excel(report)) == []
    # the inlined Vega library is the same for every report; its code may hold any number
    page = ec.report.to_html(report).replace(ec.report.javascript_bundle(), "")
    assert privacy.leaked(original, page) == []
    # the check can fail: the customer lists of the original data carry the identifiers
    customers = original["orders"].frame["customer_id"].dropna().astype(str).head(50)
    assert privacy.leaked(original, export.to_csv_bytes(customers.to_frame()))
