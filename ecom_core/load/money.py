"""Money roles of an orders export: which money column is the order amount, which the paid
amount, which the refund, decided by identities checked on the rows.

Chinese exports carry several money columns. In the Taobao 订单报表 and the Tmall order report
买家实际支付金额 = 总金额 − 退款金额 on every paid row: the "paid" column is already net of
refunds, so it cannot be the revenue that refunds are taken from. There the order amount
(总金额) is ``revenue`` and the paid column becomes the ``net_paid`` check column. Where the
identity does not hold, the paid column stays ``revenue``, as the synonyms chose.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ecom_core.load import values as V
from ecom_core.load.schema import normalize_header

#: Headers of an order's amount before refunds (goods plus shipping, what the order was for).
GROSS_HEADERS: frozenset[str] = frozenset(
    {
        "总金额",
        "订单总金额",
        "订单金额",
        "订单应付金额",
        "应付金额",
        "ordertotal",
        "ordertotalamount",
        "grandtotal",
    }
)
#: Headers of what the buyer paid (which may or may not be net of refunds).
PAID_HEADERS: frozenset[str] = frozenset(
    {
        "买家实际支付金额",
        "实付金额",
        "实付款",
        "实际支付金额",
        "买家实付金额",
        "实收金额",
        "支付金额",
        "amountpaid",
    }
)
#: Share of rows on which an identity must hold before it decides a role.
IDENTITY_SHARE = 0.99
SAMPLE_ROWS = 20_000


@dataclass(frozen=True)
class Identity:
    """How ``net_paid`` relates to ``revenue − refund_amount`` on the rows that say anything:
    rows paid or refunded (an unpaid order's paid amount is 0 whatever its total)."""

    rows: int  # rows checked
    holds: int  # rows where net_paid = revenue − refund (within a cent, or 0.1%)
    refunded: int  # checked rows with a refund

    @property
    def share(self) -> float:
        return self.holds / self.rows if self.rows else float("nan")

    @property
    def net(self) -> bool:
        """The order amount is the revenue and the paid column at most a net check: the
        identity holds on ≥ 99% of checked rows (without any refund the paid column equals
        the order amount on every paid row), or no row was paid at all (the paid column is 0
        everywhere). Either way only the order amount gives unpaid orders their amount."""
        return self.rows == 0 or self.share >= IDENTITY_SHARE


def identity(revenue, refund, net_paid) -> Identity:
    """Check net_paid = revenue − refund row by row (arrays of floats, NaN as 0)."""
    gross = np.nan_to_num(np.asarray(revenue, dtype=float))
    back = np.nan_to_num(np.asarray(refund, dtype=float))
    paid = np.nan_to_num(np.asarray(net_paid, dtype=float))
    speaks = (paid != 0) | (back != 0)
    close = np.abs(paid - (gross - np.abs(back))) <= np.maximum(0.01, 0.001 * np.abs(gross))
    return Identity(int(speaks.sum()), int((close & speaks).sum()), int((speaks & (back != 0)).sum()))


def assign_roles(frame: pd.DataFrame, mapping: dict[str, str]) -> dict[str, str]:
    """The orders mapping with money roles decided on the data (a new dict).

    When ``revenue`` was matched to a paid column, a gross-amount column exists and the
    refund is mapped, and paid = gross − refund holds on a sample of the rows, ``revenue``
    moves to the gross column and the paid column becomes ``net_paid``.
    """
    paid_col, refund_col = mapping.get("revenue"), mapping.get("refund_amount")
    if not paid_col or not refund_col or normalize_header(paid_col) not in PAID_HEADERS:
        return mapping
    taken = set(mapping.values())
    gross = [c for c in frame.columns if c not in taken and normalize_header(c) in GROSS_HEADERS]
    if not gross:
        return mapping
    sample = frame.head(SAMPLE_ROWS)
    number = {c: V.parse_number(sample[c]).values for c in (paid_col, refund_col, gross[0])}
    found = identity(number[gross[0]], number[refund_col], number[paid_col])
    if not found.net:
        return mapping
    out = dict(mapping)
    out["revenue"], out["net_paid"] = gross[0], paid_col
    return out
