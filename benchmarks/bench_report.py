"""Report benchmark against the issue's target.

    python benchmarks/bench_report.py [--repeat N]

Loads ``benchmarks/data/orders_1m.xlsx`` (1,048,575 order lines, written by
``bench_load.py``) with ``ecom_core.load``, then times the report (best of ``--repeat``
runs, default 3): ``collect`` (every analysis the orders allow: funnel, RFM segments and
personas, channel table), ``to_excel`` and ``to_html``. The JavaScript bundle the HTML
inlines is built once per process, before the timed runs, as the app does at its first report.

Target (issue "Overview, report and demo mode"): report for the 1,048,576-row data written
in <= 10 s after load. Peak RSS is the process's (``resource.getrusage``), so it includes
the load itself.

This file is not a test (pytest only collects ``test_*.py``).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import ecom_core as ec  # noqa: E402
from ecom_core import report as rp  # noqa: E402

DATA = HERE / "data" / "orders_1m.xlsx"
TARGET_S = 10.0


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
    ap.add_argument("--lang", default="en", choices=("en", "zh"))
    args = ap.parse_args()
    if not DATA.is_file():
        print(f"missing {DATA.relative_to(ROOT)}: run benchmarks/bench_load.py first")
        return 1

    t0 = time.perf_counter()
    orders = ec.load(DATA)
    load_s = time.perf_counter() - t0
    print(f"orders: {DATA.name}, {len(orders.frame):,} lines, columns {list(orders.frame.columns)}")
    print(f"load: {load_s:.1f} s")
    t0 = time.perf_counter()
    rp.javascript_bundle()
    print(f"JavaScript bundle (once per process): {time.perf_counter() - t0:.1f} s")

    timings: list[tuple[str, float]] = []

    def step(name: str, fn):
        secs, out = best_of(fn, args.repeat)
        timings.append((name, secs))
        return out

    report = step("collect (every analysis)", lambda: rp.collect({"orders": orders}, args.lang))
    xlsx = step("to_excel", lambda: rp.to_excel(report))
    page = step("to_html", lambda: rp.to_html(report))
    total = sum(s for _, s in timings)

    print()
    print(f"{'step':36} {'best of ' + str(args.repeat):>12}")
    print("-" * 50)
    for name, secs in timings:
        print(f"{name:36} {secs:>10.3f} s")
    print("-" * 50)
    print(f"{'report written':36} {total:>10.3f} s")
    print()
    verdict = "OK" if total <= TARGET_S else "MISS"
    print(f"[{verdict:4}] report written <= {TARGET_S:.0f} s after load: {total:.2f} s")
    print(f"peak RSS (load included): {peak_rss_mb():,.0f} MiB")
    print(f"sections: {[s.key for s in report.sections]}; skipped: {list(report.skipped) or 'none'}")
    print(f"sizes: xlsx {len(xlsx) / 1024:,.0f} KiB, html {len(page) / 1024:,.0f} KiB")
    print(
        f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs (other work on the machine slows every figure)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
