"""Load-speed benchmark against the numbers in DESIGN.md.

    python benchmarks/bench_load.py [--skip-baseline] [--only uci|million] [--repeat N]

Generates (once, cached in ``benchmarks/data/``, git-ignored) two invented workbooks:

* ``uci_shaped.xlsx``: 541,909 rows in the shape of UCI Online Retail (sheet
  "Online Retail"; InvoiceNo mostly number cells with ~2% ``C``-prefixed text
  cancellations; StockCode mixing numbers and text; real Excel datetimes; CustomerID as
  floats with ~25% blank), written with xlsxwriter in constant_memory mode;
* ``orders_1m.xlsx``: 1,048,575 data rows + header (Excel's maximum of 1,048,576 rows) of
  a generic orders export with ~300k distinct customers.

constant_memory mode writes strings inline (``t="inlineStr"``) where Excel itself uses the
shared-string table, so the text cells are stored a little differently from a real export.

Each measurement runs in a fresh Python subprocess so that peak RSS
(``resource.getrusage(RUSAGE_SELF).ru_maxrss``) belongs to that measurement alone; the
files are generated in a subprocess too, since a child's ru_maxrss starts from its
parent's peak. Times are wall-clock for the load call only (interpreter start and imports
are reported separately), with the CPU seconds it used beside them: on a shared machine
the wall time moves with other work (the load average is recorded), the CPU time much
less. ``--repeat N`` keeps the best wall time of N runs. Results are printed as a table with the DESIGN.md targets and written to
``benchmarks/results.json`` (git-ignored).

This file is not a test (pytest only collects ``test_*.py``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"
RESULTS = HERE / "results.json"

UCI_ROWS = 541_909
MILLION_ROWS = 1_048_575  # + 1 header row = 1,048,576, Excel's maximum
GIB = 1024**3

TARGETS = {
    "uci_load_s": 4.0,
    "uci_speedup_vs_openpyxl": 10.0,
    "million_load_s": 10.0,
    "million_peak_rss_bytes": 2.5 * GIB,
}

EXCEL_EPOCH = np.datetime64("1899-12-30T00:00:00")


def excel_serial(times: np.ndarray) -> np.ndarray:
    """datetime64[s] -> Excel serial day numbers (what a date-formatted cell stores)."""
    return (times - EXCEL_EPOCH).astype("timedelta64[s]").astype(np.float64) / 86400.0


# ======================================================================================
# Data generation
# ======================================================================================

_ADJ = [
    "WHITE",
    "RED",
    "PINK",
    "BLUE",
    "GREEN",
    "IVORY",
    "VINTAGE",
    "REGENCY",
    "RETRO",
    "JUMBO",
    "SMALL",
    "LARGE",
    "HEART",
    "STAR",
    "SPACEBOY",
    "DOLLY",
    "PAISLEY",
    "POLKADOT",
    "CHRISTMAS",
    "FELTCRAFT",
    "GLASS",
    "METAL",
    "WOODEN",
    "ENAMEL",
    "SWEETHEART",
]
_NOUN = [
    "LANTERN",
    "T-LIGHT",
    "HOLDER",
    "CAKESTAND",
    "MUG",
    "BAG",
    "NAPKINS",
    "BUNTING",
    "TRINKET",
    "BOX",
    "FRAME",
    "DOORMAT",
    "LUNCH",
    "BOX",
    "CANDLE",
    "CLOCK",
    "COASTER",
    "TEAPOT",
    "HANGER",
    "BOTTLE",
    "ORNAMENT",
    "WRAP",
    "CUTLERY",
    "SIGN",
    "BASKET",
]
_COUNTRIES = (
    ["United Kingdom"] * 90
    + ["Germany"] * 2
    + ["France"] * 2
    + ["EIRE"] * 2
    + ["Spain", "Netherlands", "Belgium", "Switzerland"]
)


def _descriptions(rng: np.random.Generator, n: int) -> list[str]:
    a = rng.integers(0, len(_ADJ), size=(n, 2))
    b = rng.integers(0, len(_NOUN), size=n)
    return [f"{_ADJ[i]} {_ADJ[j]} {_NOUN[k]}" for (i, j), k in zip(a.tolist(), b.tolist(), strict=True)]


def generate_uci(path: Path, rows: int = UCI_ROWS, seed: int = 20101201) -> dict:
    """Write the UCI-shaped workbook; return facts about it for checking the loader."""
    import xlsxwriter

    rng = np.random.default_rng(seed)

    # Invoices: ~15% are cancellations with ~2.4 lines, the rest ~24.5 lines (=> ~1.7% of
    # lines are cancellations, as in the real file).
    inv_cancel, inv_size = [], []
    total = 0
    while total < rows:
        c = rng.random() < 0.15
        s = int(rng.geometric(1 / 2.4 if c else 1 / 24.5))
        s = min(s, rows - total)
        inv_cancel.append(c)
        inv_size.append(s)
        total += s
    n_inv = len(inv_size)
    inv_cancel = np.array(inv_cancel)
    inv_size = np.array(inv_size)
    start = np.datetime64("2010-12-01T08:26:00")
    end = np.datetime64("2011-12-09T12:50:00")
    span_min = int((end - start) / np.timedelta64(1, "m"))
    inv_minute = np.sort(rng.integers(0, span_min + 1, size=n_inv))
    inv_minute[0], inv_minute[-1] = 0, span_min
    inv_time = start + inv_minute.astype("timedelta64[m]")
    inv_serial = excel_serial(inv_time.astype("datetime64[s]"))
    inv_number = 536365 + np.arange(n_inv)
    has_cust = rng.random(n_inv) < 0.75
    cust_pool = np.arange(12346, 18288)
    inv_cust = rng.choice(cust_pool, size=n_inv).astype(np.float64)
    cust_country = {
        c: _COUNTRIES[int(i)]
        for c, i in zip(cust_pool.tolist(), rng.integers(0, len(_COUNTRIES), len(cust_pool)), strict=True)
    }

    # Stock codes: 85% plain numbers, the rest text like 85123A, plus a few specials.
    n_codes = 4070
    base = rng.choice(np.arange(10002, 90000), size=n_codes, replace=False)
    letters = np.array(list("ABCDEFGHKLMNPRSTW"))
    code_is_text = rng.random(n_codes) < 0.15
    codes: list[object] = [
        f"{b}{letters[rng.integers(0, len(letters))]}" if t else int(b)
        for b, t in zip(base.tolist(), code_is_text.tolist(), strict=True)
    ]
    codes[:4] = ["POST", "M", "DOT", "C2"]
    code_desc = _descriptions(rng, n_codes)
    code_desc[:4] = ["POSTAGE", "Manual", "DOTCOM POSTAGE", "CARRIAGE"]
    code_price = np.round(rng.lognormal(1.0, 0.8, n_codes), 2).clip(0.06, 649.5)

    line_inv = np.repeat(np.arange(n_inv), inv_size)
    line_code = rng.integers(0, n_codes, size=rows)
    line_cancel = inv_cancel[line_inv]
    qty_choices = np.array([1, 1, 1, 2, 2, 3, 4, 6, 6, 10, 12, 12, 24, 24, 48, 96])
    qty = qty_choices[rng.integers(0, len(qty_choices), size=rows)]
    qty = np.where(line_cancel, -qty, qty)
    price = code_price[line_code]
    zero_price = rng.random(rows) < 0.0046
    price = np.where(zero_price, 0.0, price)
    blank_desc = rng.random(rows) < 0.0027

    revenue = float(np.round(qty * price, 2).sum())
    line_has_cust = has_cust[line_inv]

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.xlsx")
    wb = xlsxwriter.Workbook(str(tmp), {"constant_memory": True})
    ws = wb.add_worksheet("Online Retail")
    datefmt = wb.add_format({"num_format": "m/d/yyyy h:mm"})
    ws.write_row(
        0,
        0,
        [
            "InvoiceNo",
            "StockCode",
            "Description",
            "Quantity",
            "InvoiceDate",
            "UnitPrice",
            "CustomerID",
            "Country",
        ],
    )
    wn, wstr = ws.write_number, ws.write_string
    inv_l, cancel_l = line_inv.tolist(), line_cancel.tolist()
    num_l, serial_l = inv_number.tolist(), inv_serial.tolist()
    code_l, qty_l, price_l = line_code.tolist(), qty.tolist(), price.tolist()
    bdesc_l, hc_l, cust_l = blank_desc.tolist(), line_has_cust.tolist(), inv_cust.tolist()
    for r in range(rows):
        i = inv_l[r]
        row = r + 1
        if cancel_l[r]:
            wstr(row, 0, f"C{num_l[i]}")
        else:
            wn(row, 0, num_l[i])
        c = code_l[r]
        code = codes[c]
        if isinstance(code, int):
            wn(row, 1, code)
        else:
            wstr(row, 1, code)
        if not bdesc_l[r]:
            wstr(row, 2, code_desc[c])
        wn(row, 3, qty_l[r])
        wn(row, 4, serial_l[i], datefmt)
        wn(row, 5, price_l[r])
        if hc_l[r]:
            cust = cust_l[i]
            wn(row, 6, cust)
            wstr(row, 7, cust_country[int(cust)])
        else:
            wstr(row, 7, "United Kingdom")
    wb.close()
    tmp.replace(path)
    cancelled_invoices = int(inv_cancel.sum())
    return {
        "rows": rows,
        "invoices": n_inv,
        "cancelled_invoices": cancelled_invoices,
        "cancelled_lines": int(line_cancel.sum()),
        "lines_without_customer": int((~line_has_cust).sum()),
        "distinct_customers": int(np.unique(inv_cust[has_cust]).size),
        "revenue_total": round(revenue, 2),
        "first_time": str(inv_time[0]),
        "last_time": str(inv_time[-1]),
    }


def generate_million(path: Path, rows: int = MILLION_ROWS, seed: int = 1048576) -> dict:
    """Write the 1,048,575-row generic orders workbook; return facts about it."""
    import xlsxwriter

    rng = np.random.default_rng(seed)
    # Orders of 1-3 lines (mean ~1.67 lines per order).
    sizes = rng.choice([1, 1, 1, 2, 2, 3], size=rows)
    order_of_line = np.repeat(np.arange(rows), sizes)[:rows]
    n_orders = int(order_of_line[-1]) + 1
    start = np.datetime64("2022-01-01T00:00:00")
    span_s = int(np.timedelta64(730, "D") / np.timedelta64(1, "s"))
    otime = start + np.sort(rng.integers(0, span_s, size=n_orders)).astype("timedelta64[s]")
    oserial = excel_serial(otime)
    cust_pool = 360_000  # ~297k distinct among ~630k orders
    ocust = rng.integers(1, cust_pool + 1, size=n_orders)
    channels = np.array(["Online Store", "Marketplace", "Social", "Retail", "Wholesale"])
    ochan = rng.choice(len(channels), size=n_orders, p=[0.45, 0.25, 0.15, 0.1, 0.05])
    regions = np.array(["North", "South", "East", "West", "Central", "Overseas"])
    oreg = rng.integers(0, len(regions), size=n_orders)
    statuses = np.array(["Completed", "Pending", "Cancelled", "Refunded", "Partially Refunded"])
    ostat = rng.choice(len(statuses), size=n_orders, p=[0.85, 0.03, 0.05, 0.05, 0.02])

    n_products = 2000
    cats = np.array(["Apparel", "Home", "Beauty", "Electronics", "Toys", "Food", "Sports"])
    prod_cat = rng.integers(0, len(cats), size=n_products)
    prod_price = np.round(rng.lognormal(3.0, 0.9, size=n_products), 2).clip(0.5, 2999)
    prod_name = [
        f"{a.title()} {b.title()} {i:04d}"
        for i, (a, b) in enumerate(
            zip(
                np.array(_ADJ)[rng.integers(0, len(_ADJ), n_products)].tolist(),
                np.array(_NOUN)[rng.integers(0, len(_NOUN), n_products)].tolist(),
                strict=True,
            )
        )
    ]
    lprod = rng.integers(0, n_products, size=rows)
    lqty = rng.choice([1, 1, 1, 1, 2, 2, 3, 5], size=rows)
    lprice = prod_price[lprod]
    lrev = np.round(lqty * lprice, 2)

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.xlsx")
    wb = xlsxwriter.Workbook(str(tmp), {"constant_memory": True})
    ws = wb.add_worksheet("Orders")
    datefmt = wb.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    header = [
        "Order ID",
        "Order Date",
        "Customer ID",
        "Product",
        "Category",
        "Quantity",
        "Unit Price",
        "Revenue",
        "Channel",
        "Region",
        "Status",
    ]
    ws.write_row(0, 0, header)
    wn, wstr = ws.write_number, ws.write_string
    o_l = order_of_line.tolist()
    serial_l, cust_l = oserial.tolist(), ocust.tolist()
    chan_l = channels[ochan].tolist()
    reg_l = regions[oreg].tolist()
    stat_l = statuses[ostat].tolist()
    cat_names = cats[prod_cat].tolist()
    p_l, q_l, pr_l, rev_l = lprod.tolist(), lqty.tolist(), lprice.tolist(), lrev.tolist()
    for r in range(rows):
        o = o_l[r]
        row = r + 1
        wstr(row, 0, f"SO-{o + 1:07d}")
        wn(row, 1, serial_l[o], datefmt)
        wstr(row, 2, f"CUST{cust_l[o]:06d}")
        p = p_l[r]
        wstr(row, 3, prod_name[p])
        wstr(row, 4, cat_names[p])
        wn(row, 5, q_l[r])
        wn(row, 6, pr_l[r])
        wn(row, 7, rev_l[r])
        wstr(row, 8, chan_l[o])
        wstr(row, 9, reg_l[o])
        wstr(row, 10, stat_l[o])
    wb.close()
    tmp.replace(path)
    return {
        "rows": rows,
        "orders": n_orders,
        "distinct_customers": int(np.unique(ocust).size),
        "revenue_total": round(float(lrev.sum()), 2),
        "first_time": str(otime[0]),
        "last_time": str(otime[-1]),
    }


GENERATORS = {"uci_shaped": (generate_uci, UCI_ROWS), "orders_1m": (generate_million, MILLION_ROWS)}


def generate(name: str) -> None:
    generator, rows = GENERATORS[name]
    path, meta_path = DATA / f"{name}.xlsx", DATA / f"{name}.json"
    t0 = time.perf_counter()
    meta = generator(path, rows)
    meta["generate_s"] = round(time.perf_counter() - t0, 1)
    meta["bytes"] = path.stat().st_size
    meta_path.write_text(json.dumps(meta, indent=2))


def ensure(name: str, generator, rows: int) -> tuple[Path, dict]:
    path = DATA / f"{name}.xlsx"
    meta_path = DATA / f"{name}.json"
    if path.exists() and meta_path.exists():
        meta = json.loads(meta_path.read_text())
        if meta.get("rows") == rows:
            return path, meta
    print(f"generating {path.name} ({rows:,} rows) ...", flush=True)
    # In a child process: on Linux a child's ru_maxrss starts from its parent's peak at
    # fork, so the parent must stay small for the later measurements to be its own.
    subprocess.run([sys.executable, __file__, "--generate", name], check=True, cwd=str(ROOT))
    meta = json.loads(meta_path.read_text())
    print(f"  done in {meta['generate_s']} s, {meta['bytes'] / 2**20:.1f} MiB", flush=True)
    return path, meta


# ======================================================================================
# Measurements (each in a fresh subprocess)
# ======================================================================================

_PRELUDE = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
def rss():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
t0 = time.perf_counter()
{imports}
import_s = time.perf_counter() - t0
rss_after_import = rss()
path = {path!r}
def cpu():
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime
c1 = cpu()
t1 = time.perf_counter()
{op}
wall = time.perf_counter() - t1
out = {{"wall_s": wall, "cpu_s": cpu() - c1, "import_s": import_s, "peak_rss_bytes": rss(),
        "rss_after_import_bytes": rss_after_import}}
{extra}
print("RESULT " + json.dumps(out))
"""

_VERSIONS = """
import json
from importlib.metadata import version
print(json.dumps({p: version(p) for p in
      ("pandas", "numpy", "fastexcel", "python-calamine", "openpyxl", "xlsxwriter", "pyarrow")}))
"""

READERS = {
    "ec.load": (
        "import ecom_core as ec",
        "ds = ec.load(path)",
        textwrap.dedent(
            """
            f = ds.frame
            out.update(kind=ds.kind, rows=len(f), rows_read=ds.report.rows_read,
                       dropped=ds.report.dropped,
                       orders=int(f["order_id"].nunique()),
                       customers=int(f["customer_id"].nunique()) if "customer_id" in f else None,
                       revenue=float(f["revenue"].sum()),
                       cancelled_orders=int((f.groupby("order_id")["status"].first() == "cancelled").sum())
                           if "status" in f else None,
                       first_time=str(f["order_time"].min()), last_time=str(f["order_time"].max()))
            """
        ),
    ),
    "fastexcel": (
        "import fastexcel",
        "df = fastexcel.read_excel(path).load_sheet(0).to_pandas()",
        "out.update(rows=len(df))",
    ),
    "python_calamine": (
        "from python_calamine import load_workbook",
        "wb = load_workbook(path)\nrows = list(wb.get_sheet_by_index(0).iter_rows())",
        "out.update(rows=len(rows) - 1)",
    ),
    "pd.read_excel(calamine)": (
        "import pandas as pd",
        "df = pd.read_excel(path, engine='calamine')",
        "out.update(rows=len(df))",
    ),
    "pd.read_excel(openpyxl)": (
        "import pandas as pd",
        "df = pd.read_excel(path, engine='openpyxl')",
        "out.update(rows=len(df))",
    ),
}


def measure(reader: str, path: Path, timeout: float = 1800) -> dict:
    imports, op, extra = READERS[reader]
    code = _PRELUDE.format(root=str(ROOT), imports=imports, path=str(path), op=op, extra=extra)
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=str(ROOT),
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    total = time.perf_counter() - t0
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            res = json.loads(line[len("RESULT ") :])
            res["process_s"] = total
            return res
    tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
    return {"error": " | ".join(tail) or f"exit code {proc.returncode}", "process_s": total}


def best_of(reader: str, path: Path, repeat: int) -> dict:
    runs = [measure(reader, path) for _ in range(repeat)]
    ok = [r for r in runs if "error" not in r]
    if not ok:
        return runs[0]
    best = min(ok, key=lambda r: r["wall_s"])
    best = dict(best)
    best["runs_wall_s"] = [round(r["wall_s"], 3) for r in ok]
    best["peak_rss_bytes"] = max(r["peak_rss_bytes"] for r in ok)
    return best


# ======================================================================================
# Report
# ======================================================================================


def fmt_s(x) -> str:
    return "-" if x is None else f"{x:.2f} s"


def fmt_mb(x) -> str:
    return "-" if x is None else f"{x / 2**20:,.0f} MiB"


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "MISS")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--skip-baseline", action="store_true", help="skip pd.read_excel(openpyxl)")
    ap.add_argument("--only", choices=["uci", "million"], help="run one workbook only")
    ap.add_argument("--repeat", type=int, default=1, help="runs per reader (best time kept)")
    ap.add_argument("--generate", choices=list(GENERATORS), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.generate:
        generate(args.generate)
        return 0

    results: dict = {
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(terse=True),
        },
        "targets": TARGETS,
        "workbooks": {},
        "measurements": {},
        "checks": [],
    }
    versions = subprocess.run(
        [sys.executable, "-c", _VERSIONS], capture_output=True, text=True, cwd=str(ROOT)
    )
    if versions.returncode == 0:
        results["machine"]["versions"] = json.loads(versions.stdout)

    results["machine"]["loadavg_before"] = os.getloadavg()
    rows_out: list[tuple[str, str, str, str, str, str]] = []
    checks = results["checks"]

    if args.only in (None, "uci"):
        path, meta = ensure("uci_shaped", generate_uci, UCI_ROWS)
        results["workbooks"]["uci"] = meta
        readers = ["ec.load", "fastexcel", "python_calamine", "pd.read_excel(calamine)"]
        if not args.skip_baseline:
            readers.append("pd.read_excel(openpyxl)")
        m = {}
        for r in readers:
            print(f"UCI: {r} ...", flush=True)
            m[r] = best_of(r, path, 1 if r.startswith("pd.read_excel(openpyxl") else args.repeat)
        results["measurements"]["uci"] = m
        for r in readers:
            x = m[r]
            rows_out.append(
                ("UCI 541,909", r, fmt_s(x.get("wall_s")), fmt_s(x.get("cpu_s")),
                 fmt_mb(x.get("peak_rss_bytes")), x.get("error", f"{x.get('rows', '?'):,} rows"))
            )  # fmt: skip
        load = m["ec.load"]
        t = load.get("wall_s")
        checks.append(
            {
                "target": "UCI ec.load <= 4 s",
                "value": t,
                "result": verdict(None if t is None else t <= TARGETS["uci_load_s"]),
            }
        )
        base = m.get("pd.read_excel(openpyxl)", {}).get("wall_s")
        speed = base / t if base and t else None
        checks.append(
            {
                "target": "UCI ec.load >= 10x faster than pd.read_excel(openpyxl)",
                "value": speed,
                "result": verdict(None if speed is None else speed >= TARGETS["uci_speedup_vs_openpyxl"]),
            }
        )
        if "error" not in load:
            good = (
                load["rows"] == meta["rows"]
                and load["kind"] == "orders"
                and abs(load["revenue"] - meta["revenue_total"]) < 0.01 * max(1, meta["rows"] / 1e4)
                and load["orders"] == meta["invoices"]
            )
            checks.append(
                {
                    "target": "UCI ec.load result matches the generated data",
                    "value": {
                        k: load.get(k) for k in ("kind", "rows", "orders", "customers", "revenue",
                                                 "cancelled_orders", "first_time", "last_time")
                    },
                    "expected": {k: meta[k] for k in ("rows", "invoices", "distinct_customers",
                                                      "revenue_total", "cancelled_invoices",
                                                      "first_time", "last_time")},
                    "result": verdict(good),
                }
            )  # fmt: skip

    if args.only in (None, "million"):
        path, meta = ensure("orders_1m", generate_million, MILLION_ROWS)
        results["workbooks"]["million"] = meta
        m = {}
        for r in ("ec.load", "fastexcel"):
            print(f"1M rows: {r} ...", flush=True)
            m[r] = best_of(r, path, args.repeat)
            rows_out.append(
                ("1,048,575 rows", r, fmt_s(m[r].get("wall_s")), fmt_s(m[r].get("cpu_s")),
                 fmt_mb(m[r].get("peak_rss_bytes")), m[r].get("error", f"{m[r].get('rows', '?'):,} rows"))
            )  # fmt: skip
        results["measurements"]["million"] = m
        load = m["ec.load"]
        t, rss = load.get("wall_s"), load.get("peak_rss_bytes")
        checks.append(
            {
                "target": "1M rows ec.load <= 10 s",
                "value": t,
                "result": verdict(None if t is None else t <= TARGETS["million_load_s"]),
            }
        )
        checks.append(
            {
                "target": "1M rows peak RSS <= 2.5 GiB",
                "value": rss,
                "result": verdict(None if rss is None else rss <= TARGETS["million_peak_rss_bytes"]),
            }
        )
        if "error" not in load:
            good = (
                load["rows"] == meta["rows"]
                and load["orders"] == meta["orders"]
                and load["customers"] == meta["distinct_customers"]
                and abs(load["revenue"] - meta["revenue_total"]) < 1.0
            )
            checks.append(
                {
                    "target": "1M ec.load result matches the generated data",
                    "value": {k: load.get(k) for k in ("kind", "rows", "orders", "customers", "revenue")},
                    "expected": {k: meta[k] for k in ("rows", "orders", "distinct_customers", "revenue_total")},
                    "result": verdict(good),
                }
            )  # fmt: skip

    # ---- print -----------------------------------------------------------------------------------
    print()
    print(f"{'workbook':16} {'reader':26} {'wall':>9} {'cpu':>9} {'peak RSS':>11}  note")
    print("-" * 100)
    for wb_name, reader_name, wall, cpu_s, rss, note in rows_out:
        print(f"{wb_name:16} {reader_name:26} {wall:>9} {cpu_s:>9} {rss:>11}  {note}")
    print()
    for c in checks:
        v = c["value"]
        if isinstance(v, float) and "RSS" in c["target"]:
            shown = fmt_mb(v)
        elif isinstance(v, float) and "faster" in c["target"]:
            shown = f"{v:.1f}x"
        elif isinstance(v, float):
            shown = f"{v:.2f} s"
        elif isinstance(v, int) and "RSS" in c["target"]:
            shown = fmt_mb(v)
        elif isinstance(v, dict):
            shown = json.dumps(v, ensure_ascii=False, default=str)
        else:
            shown = "-" if v is None else str(v)
        print(f"[{c['result']:4}] {c['target']}: {shown}")
        if c["result"] == "MISS" and "expected" in c:
            print(f"       expected: {json.dumps(c['expected'], default=str)}")

    results["machine"]["loadavg_after"] = os.getloadavg()
    print(
        "load average before/after: "
        f"{results['machine']['loadavg_before'][0]:.2f} / {results['machine']['loadavg_after'][0]:.2f}"
        f" on {os.cpu_count()} CPUs (other work on the machine slows every figure)"
    )
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str))
    print(f"\nwritten {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
