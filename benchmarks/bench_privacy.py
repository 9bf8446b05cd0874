"""Benchmark of demo mode's pseudonymisation on the 1,048,575-line orders workbook.

Loads ``benchmarks/data/orders_1m.xlsx`` with ``ec.load`` (generate it first with
``python benchmarks/bench_load.py --only million``), adds a synthetic 1,000,000-event
clickstream whose users are the orders' customers plus 300,000 visitors who never ordered,
then times ``ecom_core.privacy.pseudonymise`` on both (best of ``--repeat`` runs) and the
leak check, and reports peak memory against the targets: pseudonymising everything in
<= 5 s (it is one of the page analyses that follow a load), the whole process under 2.5 GiB.

    python benchmarks/bench_privacy.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import ecom_core as ec  # noqa: E402
from ecom_core import privacy  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "orders_1m.xlsx"
TARGET_PSEUDONYMISE_S = 5.0
TARGET_PEAK_RSS_BYTES = 2.5 * 2**30
SECRET = b"benchmark-secret"


def peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


def best_of(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


def events_of(customers: pd.Series, n: int = 1_000_000, visitors: int = 300_000) -> ec.Dataset:
    rng = np.random.default_rng(7)
    known = customers.dropna().unique()
    pool = np.concatenate([np.asarray(known, dtype=object), [f"v{i:07d}" for i in range(visitors)]])
    frame = pd.DataFrame(
        {
            "user_id": pd.Series(pool[rng.integers(0, len(pool), n)], dtype="str"),
            "event": pd.Series(rng.choice(["view", "cart", "order"], n), dtype="str"),
        }
    )
    return ec.Dataset("events", frame, {}, ec.QualityReport(n, n), name="events.csv")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3, help="runs per step (best time kept)")
    args = ap.parse_args(argv)
    if not DATA.exists():
        print(f"missing {DATA.relative_to(ROOT)}: run python benchmarks/bench_load.py --only million")
        return 1

    print(f"loading {DATA.name} ...", flush=True)
    t0 = time.perf_counter()
    orders = ec.load(DATA)
    load_s = time.perf_counter() - t0
    print(f"  {len(orders.frame):,} rows in {load_s:.2f} s", flush=True)
    events = events_of(orders.frame["customer_id"])
    both = {"orders": orders, "events": events}
    n_customers = orders.frame["customer_id"].nunique()
    n_users = events.frame["user_id"].nunique()

    rows: list[tuple[str, float, str]] = []
    t_orders, _ = best_of(lambda: privacy.pseudonymise({"orders": orders}, SECRET), args.repeat)
    rows.append(("orders only", t_orders, f"{len(orders.frame):,} lines, {n_customers:,} customers"))
    t_both, out = best_of(lambda: privacy.pseudonymise(both, SECRET), args.repeat)
    rows.append(("orders + 1M events", t_both, f"{n_users:,} distinct users in events"))
    t_plain, _ = best_of(lambda: privacy.pseudonymise(both, SECRET, keep_order=False), args.repeat)
    rows.append(("  same, keep_order=False", t_plain, "each value its own HMAC, no sort"))
    sample_csv = out["orders"].frame.head(100_000).to_csv(index=False)
    t_leak, found = best_of(lambda: privacy.leaked(both, sample_csv), args.repeat)
    rows.append(
        ("leaked() on a 100k-line CSV", t_leak, f"{len(sample_csv) / 2**20:.1f} MiB, {len(found)} found")
    )
    rss = peak_rss()

    print()
    print(f"{'step':32} {'best wall':>10}  note")
    print("-" * 90)
    for name, wall, note in rows:
        print(f"{name:32} {wall:>8.2f} s  {note}")
    print()
    ok_time = t_both <= TARGET_PSEUDONYMISE_S
    ok_rss = rss <= TARGET_PEAK_RSS_BYTES
    ok_leak = not found
    print(
        f"[{'PASS' if ok_time else 'MISS'}] pseudonymise orders + events <= {TARGET_PSEUDONYMISE_S:.0f} s: "
        f"{t_both:.2f} s"
    )
    print(f"[{'PASS' if ok_leak else 'MISS'}] no original customer ID in the pseudonymised CSV")
    print(f"[{'PASS' if ok_rss else 'MISS'}] peak RSS (load included) <= 2.5 GiB: {rss / 2**20:,.0f} MiB")
    load = os.getloadavg()[0]
    print(f"load average {load:.2f} on {os.cpu_count()} CPUs (other work on the machine slows every figure)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
