"""Benchmark of the personas analyses on the 1,048,575-line orders workbook.

Loads ``benchmarks/data/orders_1m.xlsx`` with ``ec.load`` (generate it first with
``python benchmarks/bench_load.py --only million``), then times each analysis (best of
``--repeat`` runs) and reports peak memory against the targets: RFM + personas together
in <= 5 s, the whole process under 2.5 GiB.

    python benchmarks/bench_personas.py [--repeat 3]
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

import pandas as pd  # noqa: E402

import ecom_core as ec  # noqa: E402
from ecom_core import personas as ps  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "orders_1m.xlsx"
TARGET_RFM_PERSONAS_S = 5.0
TARGET_PEAK_RSS_BYTES = 2.5 * 2**30


def peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


def best_of(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3, help="runs per analysis (best time kept)")
    args = ap.parse_args(argv)
    if not DATA.exists():
        print(f"missing {DATA.relative_to(ROOT)}: run python benchmarks/bench_load.py --only million")
        return 1

    print(f"loading {DATA.name} ...", flush=True)
    t0 = time.perf_counter()
    frame = ec.load(DATA).frame
    load_s = time.perf_counter() - t0
    print(f"  {len(frame):,} rows in {load_s:.2f} s", flush=True)

    rows: list[tuple[str, float, str]] = []
    # what the page does: read the order lines once, then every analysis works on them
    t_paid, paid = best_of(lambda: ps.paid_orders(frame), args.repeat)
    rows.append(("paid orders (read lines once)", t_paid, f"{len(paid.orders):,} paid orders"))
    t_rfm, table = best_of(lambda: ps.rfm(frame), args.repeat)
    rows.append(("ec.personas.rfm (from lines)", t_rfm, f"{len(table):,} customers"))
    t_score, result = best_of(lambda: ps.score(paid), args.repeat)
    rows.append(("RFM score (from paid orders)", t_score, f"scoring={result.scoring}"))
    t_personas, found = best_of(lambda: ps.personas(result), args.repeat)
    rows.append(
        (
            "personas (k-means, k auto)",
            t_personas,
            f"k={found.model.n_clusters_}, stability={found.model.stability_:.2f}",
        )
    )
    t_both = t_rfm + t_personas
    t_summary, _ = best_of(lambda: (ps.segment_summary(result), ps.grid_counts(result)), args.repeat)
    rows.append(("segment summary + grid", t_summary, ""))
    t_traits, _ = best_of(lambda: ps.persona_traits(frame, found.labels), args.repeat)
    rows.append(("persona traits", t_traits, ""))
    t_rep, _ = best_of(lambda: ps.repurchase_rates(paid), args.repeat)
    rows.append(("repurchase rates", t_rep, ""))
    t_coh, _ = best_of(lambda: ps.cohort_retention(paid), args.repeat)
    rows.append(("cohort retention", t_coh, ""))
    try:
        t_val, value = best_of(lambda: ps.customer_value(paid), args.repeat)
        rows.append(("BG/NBD + Gamma-Gamma", t_val, f"r={value.bgnbd.params_['r']:.3f}"))
    except ec.AnalysisError as err:
        rows.append(("BG/NBD + Gamma-Gamma", float("nan"), f"refused: {err.message('en')[:60]}"))
    start = result.as_of - pd.Timedelta(days=91)
    t_mov, _ = best_of(lambda: ps.movement(paid, start, result.as_of), args.repeat)
    rows.append(("movement (two dates)", t_mov, ""))
    rss = peak_rss()

    print()
    print(f"{'analysis':32} {'best wall':>10}  note")
    print("-" * 90)
    for name, wall, note in rows:
        print(f"{name:32} {wall:>8.2f} s  {note}")
    print()
    ok_time = t_both <= TARGET_RFM_PERSONAS_S
    ok_rss = rss <= TARGET_PEAK_RSS_BYTES
    print(
        f"[{'PASS' if ok_time else 'MISS'}] RFM from order lines + personas <= {TARGET_RFM_PERSONAS_S:.0f} s: "
        f"{t_both:.2f} s"
    )
    page = sum(w for name, w, _ in rows if w == w and not name.startswith("ec.personas.rfm"))
    print(f"[info] all the page's analyses together (each tab computes when first opened): {page:.2f} s")
    print(f"[{'PASS' if ok_rss else 'MISS'}] peak RSS (load included) <= 2.5 GiB: {rss / 2**20:,.0f} MiB")
    load = os.getloadavg()[0]
    print(f"load average {load:.2f} on {os.cpu_count()} CPUs (other work on the machine slows every figure)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
