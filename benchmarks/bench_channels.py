"""Channel-analysis benchmark against the issue's target.

    python benchmarks/bench_channels.py [--repeat N] [--rows N]

Loads ``benchmarks/data/orders_1m.xlsx`` (1,048,575 order lines over 2022-2023, written by
``bench_load.py``) with ``ecom_core.load``, adds two years of invented daily spend for three
of its channels (spend follows each channel's daily revenue at a fixed ROAS with noise),
then times the channel analyses (best of ``--repeat`` runs, default 3). ``--rows N``
instead builds N synthetic order lines in memory (no workbook needed).

Target (issue "Channel mix page"): channel table and response curves for 1,048,576 order
lines and two years of daily spend in <= 2 s. Peak RSS is the process's
(``resource.getrusage``), so it includes the load itself.

This file is not a test (pytest only collects ``test_*.py``).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import ecom_core as ec  # noqa: E402

DATA = HERE / "data" / "orders_1m.xlsx"
TARGET_S = 2.0
PAID = {"Marketplace": 2.2, "Social": 3.5, "Online Store": 5.0}  # channel -> planted ROAS


def synthetic_orders(rows: int, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n_orders = int(rows / 1.67)
    per = rng.integers(0, n_orders, rows)
    start = np.datetime64("2022-01-01T00:00:00")
    secs = rng.integers(0, 2 * 365 * 86400, n_orders)
    chans = np.array(["Online Store", "Marketplace", "Social", "Retail", "Wholesale"])
    return pd.DataFrame(
        {
            "order_id": pd.array((per + 10_000_000).astype(str), dtype="str"),
            "order_time": (start + secs[per].astype("timedelta64[s]")).astype("datetime64[ns]"),
            "revenue": np.round(rng.gamma(2.0, 30.0, rows), 2),
            "customer_id": pd.array((rng.integers(0, 300_000, n_orders)[per]).astype(str), dtype="str"),
            "channel": pd.array(
                chans[rng.choice(5, n_orders, p=[0.45, 0.25, 0.15, 0.1, 0.05])][per], dtype="str"
            ),
            "status": pd.Categorical(np.where(rng.random(rows) < 0.95, "paid", "cancelled")),
        }
    )


def daily_spend(orders: pd.DataFrame, seed: int = 11) -> pd.DataFrame:
    """Two years of daily spend for the PAID channels: paid revenue of the day / ROAS, with
    noise (so the ROAS the analysis finds can be checked against the planted one)."""
    rng = np.random.default_rng(seed)
    lines = ec.channels.paid_lines(orders, level="value")
    lines = lines.loc[lines["channel_key"].isin(list(PAID))]
    by = lines.groupby(["day", "channel_key"], observed=True)["revenue"].sum()
    frame = by.rename("revenue").reset_index()
    frame.columns = ["date", "channel", "revenue"]
    frame["channel"] = frame["channel"].astype("str")
    roas = frame["channel"].map(PAID).to_numpy(dtype=float)
    frame["spend"] = np.round(frame["revenue"].to_numpy() / roas * rng.lognormal(0.0, 0.1, len(frame)), 2)
    return frame[["date", "channel", "spend"]]


def best_of(fn, repeat: int) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rows", type=int, default=0, help="synthetic order lines instead of the workbook")
    args = ap.parse_args()

    t0 = time.perf_counter()
    if args.rows:
        orders = synthetic_orders(args.rows)
        source = f"synthetic ({args.rows:,} lines)"
    else:
        if not DATA.is_file():
            print(f"missing {DATA.relative_to(ROOT)}: run benchmarks/bench_load.py first, or pass --rows N")
            return 1
        orders = ec.load(DATA).frame
        source = DATA.name
    load_s = time.perf_counter() - t0
    spend = daily_spend(orders)
    print(f"orders: {source}, {len(orders):,} lines, columns {list(orders.columns)}")
    print(f"spend: {len(spend):,} rows ({spend['date'].min():%Y-%m-%d} .. {spend['date'].max():%Y-%m-%d})")
    print(f"load: {load_s:.1f} s")

    chn = ec.channels
    timings: list[tuple[str, float]] = []

    def step(name: str, fn):
        secs, out = best_of(fn, args.repeat)
        timings.append((name, secs))
        return out

    mapping = step(
        "channel mapping (editable table)", lambda: chn.channel_mapping({"orders": orders, "spend": spend})
    )
    report = step(
        "channel table (orders + spend)",
        lambda: chn.channel_table(orders, spend, margin=0.4, mapping=mapping),
    )
    curves = step("response curves (weekly fits)", lambda: chn.ResponseCurves().fit(orders, spend, mapping))
    lim = chn.allocation_limits(curves, 0.5)
    lower = dict(zip(lim["channel"], lim["lower"], strict=True))
    upper = dict(zip(lim["channel"], lim["upper"], strict=True))
    step("allocation (+1000 draws)", lambda: chn.allocate(curves, lower=lower, upper=upper))
    step("customer quality", lambda: chn.customer_quality(orders, spend, mapping=mapping))
    step("trend (weekly)", lambda: chn.channel_trend(orders, spend, freq="W", mapping=mapping))
    step("day x hour patterns", lambda: chn.time_patterns(orders, mapping=mapping))

    core = sum(s for n, s in timings if n.startswith(("channel table", "response curves", "channel mapping")))
    everything = sum(s for _, s in timings)

    print()
    print(f"{'analysis':36} {'best of ' + str(args.repeat):>12}")
    print("-" * 50)
    for name, secs in timings:
        print(f"{name:36} {secs:>10.3f} s")
    print("-" * 50)
    print(f"{'mapping + table + curves':36} {core:>10.3f} s")
    print(f"{'every analysis of the page':36} {everything:>10.3f} s")
    print()
    verdict = "OK" if core <= TARGET_S else "MISS"
    print(f"[{verdict:4}] channel table and curves <= {TARGET_S:.0f} s: {core:.2f} s")
    print(f"peak RSS (load included): {peak_rss_mb():,.0f} MiB")
    tab = report.table.set_index("channel")
    group = mapping.set_index("value")["group"]
    found = ", ".join(f"{c} ({group[c]}) {tab.loc[group[c], 'roas']:.2f}/{r:.2f}" for c, r in PAID.items())
    print(f"ROAS found / planted: {found}")
    print(f"curve kinds: {dict(zip(curves.table_['channel'], curves.table_['kind'], strict=True))}")
    print(
        f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs (other work on the machine slows every figure)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
