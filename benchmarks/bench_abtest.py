"""A/B test benchmark against the numbers in DESIGN.md.

    python benchmarks/bench_abtest.py [--repeat N]

Builds (once, cached in ``benchmarks/data/``, git-ignored) an invented per-user experiment
export of 1,048,575 rows (Excel's maximum with its header): two arms at 4.0 % and 4.6 %,
user IDs, microsecond timestamps over three weeks, landing pages with 0.2 % mismatches and
a few thousand users logged twice, as in the well-known public A/B data set. Then times,
best of N:

* ``ec.load`` of that CSV (the loader, for context);
* ``ec.abtest.prepare``: the data-sized work (clean-up, totals, daily series), done once
  per file on the page;
* the rerun work of the page once prepared (``analyze``, ``verdict``, tables and charts):
  what a widget change costs;
* ``compare_proportions`` at n = 10⁸ per arm with 4·10⁶ conversions (exact Beta sum).

Peak RSS is the process's ``ru_maxrss``. This file is not a test.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"
ROWS = 1_048_575
GIB = 1024**3
TARGETS = {"prepare_s": 5.0, "rerun_s": 0.3, "peak_rss_bytes": 2.5 * GIB}

sys.path.insert(0, str(ROOT))
import ecom_core as ec  # noqa: E402


def generate(path: Path, rows: int = ROWS, seed: int = 7) -> None:
    rng = np.random.default_rng(seed)
    n_dup = 4_000
    users = rows - n_dup
    uid = rng.choice(50_000_000, users, replace=False) + 10_000_000
    treat = rng.random(users) < 0.5
    start = np.datetime64("2025-09-01T00:00:00.000000")
    time_us = start + rng.integers(0, 21 * 86_400 * 10**6, users).astype("timedelta64[us]")
    page_new = treat ^ (rng.random(users) < 0.002)
    conv = rng.random(users) < np.where(treat, 0.046, 0.040)
    revenue = np.where(conv, np.round(rng.lognormal(np.log(150), 0.5, users), 2), 0.0)
    again = rng.choice(users, n_dup, replace=False)
    frame = pd.DataFrame(
        {
            "user_id": np.r_[uid, uid[again]],
            "timestamp": np.r_[time_us, time_us[again] + np.timedelta64(3600, "s")],
            "group": np.where(np.r_[treat, treat[again]], "treatment", "control"),
            # a returning user often lands on the other page (excluded as a mismatch)
            "landing_page": np.where(
                np.r_[page_new, page_new[again] ^ (rng.random(n_dup) < 0.5)], "new_page", "old_page"
            ),
            "converted": np.r_[conv, conv[again]].astype(int),
            "revenue": np.r_[revenue, revenue[again]],
        }
    )
    DATA.mkdir(exist_ok=True)
    frame.sample(frac=1.0, random_state=seed).to_csv(path, index=False)


def best_of(repeat: int, fn):
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), result


def rerun(prepared: ec.abtest.Prepared) -> None:
    from ecom_core.abtest import charts, present

    a = ec.abtest.analyze(prepared.summary)
    for note in ec.abtest.verdict(a, prepared, planned_mde=0.15):
        note.text("zh")
    present.conversion_table(a, "zh")
    present.revenue_table(a, "zh")
    present.srm_table(a, "zh")
    for chart in (charts.rates_chart(a, "zh"), charts.posterior_chart(a, "zh")):
        chart.to_dict()
    if prepared.daily is not None:
        charts.cumulative_chart(prepared.daily, "zh").to_dict()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    path = DATA / "experiment_1m.csv"
    if not path.exists():
        print(f"generating {path.name} ({ROWS:,} rows) ...", flush=True)
        generate(path)
    print(f"loading {path.name} ...", flush=True)
    load_s, ds = best_of(1, lambda: ec.load(path))
    frame = ds.frame
    prepare_s, prepared = best_of(args.repeat, lambda: ec.abtest.prepare(frame, cap_percentile=0.99))
    rerun_s, _ = best_of(args.repeat, lambda: rerun(prepared))
    huge_s, huge = best_of(
        args.repeat, lambda: ec.abtest.compare_proportions(4_000_000, 10**8, 4_010_000, 10**8)
    )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux

    c = prepared.cleaning
    print()
    print(f"{'step':44} {'wall':>9}  note")
    print("-" * 100)
    print(f"{'ec.load (CSV, 1 run)':44} {load_s:>8.2f}s  {len(frame):,} rows")
    print(
        f"{'ec.abtest.prepare (best of ' + str(args.repeat) + ')':44} {prepare_s:>8.2f}s  "
        f"kept {c.kept_rows:,}; excluded {c.page_mismatch_rows:,} wrong-page rows, "
        f"{c.repeat_rows:,} repeats of {c.repeated_users:,} users listed twice"
    )
    print(f"{'rerun: analyze + verdict + tables + charts':44} {rerun_s:>8.3f}s")
    print(
        f"{'compare_proportions, n = 1e8 per arm':44} {huge_s:>8.2f}s  P(B > A) = {huge.prob_b_beats_a:.6f}"
    )
    print(f"{'peak RSS':44} {rss / GIB:>8.2f}G")
    print()
    checks = [
        ("analysis computed <= 5 s more than the load", prepare_s + rerun_s, TARGETS["prepare_s"], "s"),
        ("widget change reruns <= 0.3 s", rerun_s, TARGETS["rerun_s"], "s"),
        ("peak memory <= 2.5 GB", rss / GIB, TARGETS["peak_rss_bytes"] / GIB, "G"),
    ]
    for name, value, target, unit in checks:
        print(f"[{'ok' if value <= target else 'MISS':4}] {name}: {value:.3f}{unit}")


if __name__ == "__main__":
    main()
