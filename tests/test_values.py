"""Value parsers: money, dates, IDs, booleans and statuses as shops write them."""

import numpy as np
import pandas as pd
import pytest

from ecom_core.load import values as V


def _money(cells):
    return V.parse_number(pd.Series(cells, dtype="object")).values.tolist()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("¥1,234.00", 1234.0),
        ("￥1234", 1234.0),
        ("$1,234.56", 1234.56),
        ("(12.50)", -12.5),
        ("12.5元", 12.5),
        ("USD 12.00", 12.0),
        ("RMB 3,000", 3000.0),
        ("1 234.50", 1234.5),
        ("-8.00", -8.0),
        ("15.00-", -15.0),
        ("'100", 100.0),
        ("3.21%", 0.0321),
    ],
)
def test_money_notations(text, expected):
    assert _money([text, "1.00"])[0] == pytest.approx(expected)


def test_decimal_comma_decided_per_column():
    values = _money(["1.234,50 €", "12,00 €", "3,5", "1.000.000,00"])
    assert values == pytest.approx([1234.5, 12.0, 3.5, 1_000_000.0])


def test_money_blanks_and_garbage():
    parsed = V.parse_number(pd.Series(["12", "", "-", None, "abc"], dtype="object"))
    assert parsed.values.iloc[0] == 12.0
    assert parsed.values.iloc[1:].isna().all()
    assert parsed.failed == 1
    assert parsed.failed_example == "abc"


def test_money_inf_and_numeric_dtypes():
    parsed = V.parse_number(pd.Series([1.5, np.inf, -np.inf, np.nan]))
    assert parsed.values.tolist()[0] == 1.5
    assert parsed.values.iloc[1:].isna().all()


def _dates(cells):
    return V.parse_datetime(pd.Series(cells, dtype="object"))


def test_offsets_dropped_not_converted_across_dst():
    parsed = _dates(["2023-05-31 23:06:05 -0700", "2023-11-05 23:30:00 -0800"])
    assert parsed.values.tolist() == [
        pd.Timestamp("2023-05-31 23:06:05"),
        pd.Timestamp("2023-11-05 23:30:00"),
    ]
    assert parsed.flags["tz"]


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["2017/5/30 23:18", "2017/12/1 8:05"], ["2017-05-30 23:18", "2017-12-01 08:05"]),
        (["12/1/2010 08:26", "12/13/2010 9:01"], ["2010-12-01 08:26", "2010-12-13 09:01"]),
        (["12/1/10 8:26", "1/31/11 17:00"], ["2010-12-01 08:26", "2011-01-31 17:00"]),
        (["05/31/23", "04/30/22"], ["2023-05-31", "2022-04-30"]),
        (["31.05.2023", "01.06.2023"], ["2023-05-31", "2023-06-01"]),
        (
            ["2019-10-01 00:00:00 UTC", "2019-10-01 00:00:04 UTC"],
            ["2019-10-01 00:00:00", "2019-10-01 00:00:04"],
        ),
        (
            ["2023-05-31T23:06:05Z", "2023-06-01T01:00:00.123456Z"],
            ["2023-05-31 23:06:05", "2023-06-01 01:00:00.123456"],
        ),
        (
            ["2017-01-21 22:11:48.556739", "2017-01-12 08:01:45.159739"],
            ["2017-01-21 22:11:48.556739", "2017-01-12 08:01:45.159739"],
        ),
        (["2017年5月30日", "2017年12月1日"], ["2017-05-30", "2017-12-01"]),
        (["2017年5月30日 13:05", "2017年5月31日 08:00"], ["2017-05-30 13:05", "2017-05-31 08:00"]),
        (["20230531", "20230601"], ["2023-05-31", "2023-06-01"]),
        (["1511544070", "1511561733"], ["2017-11-24 17:21:10", "2017-11-24 22:15:33"]),
    ],
)
def test_text_date_shapes(cells, expected):
    assert _dates(cells).values.tolist() == [pd.Timestamp(e) for e in expected]


def test_day_first_when_values_prove_it():
    parsed = _dates(["13/01/2024", "02/01/2024"])
    assert parsed.values.tolist() == [pd.Timestamp("2024-01-13"), pd.Timestamp("2024-01-02")]
    assert parsed.flags.get("day_first")


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [
        ([45077.5, 45078.0], ["2023-05-31 12:00", "2023-06-01"]),
        ([1511544070, 1511561733], ["2017-11-24 17:21:10", "2017-11-24 22:15:33"]),
        ([1685574365000, 1685574366000], ["2023-05-31 23:06:05", "2023-05-31 23:06:06"]),
        ([1685574365123456, 1685574366000000], ["2023-05-31 23:06:05.123456", "2023-05-31 23:06:06"]),
    ],
)
def test_numeric_dates(numbers, expected):
    parsed = V.parse_datetime(pd.Series(numbers))
    assert parsed.values.tolist() == [pd.Timestamp(e) for e in expected]


def test_unreadable_dates_counted():
    parsed = _dates(["2024-01-01", "not a date", ""])
    assert parsed.values.iloc[0] == pd.Timestamp("2024-01-01")
    assert parsed.failed == 1
    assert parsed.failed_example == "not a date"


def test_ids_from_excel_floats_and_text():
    parsed = V.parse_id(pd.Series([17850.0, np.nan, 12346.0]))
    assert parsed.values.tolist()[0] == "17850"
    assert parsed.values.isna().tolist() == [False, True, False]
    text = V.parse_id(pd.Series(["536365", "C536379 ", "'0012", "17850.0", "1.23457E+17"], dtype="object"))
    assert text.values.tolist() == ["536365", "C536379", "0012", "17850", "123457000000000000"]


def test_rounded_long_ids_flagged():
    ids = pd.Series([f"1234567890123456{i:02d}00" for i in range(10)], dtype="object")
    assert V.parse_id(ids).flags["rounded_share"] == 1.0
    clean = pd.Series([f"12345678901234567{i}" for i in range(10)], dtype="object")
    assert "rounded_share" not in V.parse_id(clean).flags


def test_booleans_in_both_languages():
    cells = ["TRUE", "false", "yes", "No", "是", "否", "1", "0", ""]
    parsed = V.parse_bool(pd.Series(cells, dtype="object"))
    assert parsed.values.tolist()[:8] == [1, 0, 1, 0, 1, 0, 1, 0]
    assert np.isnan(parsed.values.iloc[8])


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("交易成功", "paid"),
        ("买家已付款，等待卖家发货", "paid"),
        ("卖家已发货，等待买家确认", "paid"),
        ("等待买家付款", "pending"),
        ("交易关闭", "cancelled"),
        ("partially_refunded", "partially_refunded"),
        ("voided", "cancelled"),
        ("Completed", "paid"),
        ("Processing", "paid"),
        ("Cancelled", "cancelled"),
        ("Refunded", "refunded"),
        ("Shipped - Delivered to Buyer", "paid"),
        ("Shipped - Returned to Seller", "refunded"),
        ("Pending - Waiting for Pick Up", "pending"),
        ("delivered", "paid"),
        ("canceled", "cancelled"),
        ("unavailable", "cancelled"),
    ],
)
def test_statuses(raw, expected):
    assert V.parse_status(pd.Series([raw])).values.iloc[0] == expected


def test_unknown_status_counted_and_kept_as_paid():
    parsed = V.parse_status(pd.Series(["weird", "paid", None]))
    assert parsed.values.tolist()[:2] == ["paid", "paid"]
    assert parsed.failed == 1


def test_hex_like_ids_are_not_scientific_numbers():
    parsed = V.parse_id(pd.Series(["1137528e48", "9e99", "1.5E+3"], dtype="object"))
    assert parsed.values.tolist() == ["1137528e48", "9e99", "1500"]


def test_ids_and_text_wrapped_to_stay_text_in_excel():
    ids = V.parse_id(pd.Series(['="170563000000012345"', "\t170563000000012346", "'0012"], dtype="str"))
    assert ids.values.tolist() == ["170563000000012345", "170563000000012346", "0012"]
    assert V.parse_text(pd.Series(['="SKU-01"', " x "], dtype="str")).values.tolist() == ["SKU-01", "x"]
