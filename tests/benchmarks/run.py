"""Benchmarks: `uv run python tests/benchmarks/run.py [--json] [--quick] [--only NAME]`.

Prints figures, never passes or fails on timing: each section measures our code beside a
baseline measured in the same run on the same machine (SQLite's own backup and VACUUM INTO, a bare
PySide6 window, a bare reportlab document), so the ratios mean something on any machine.

Sections are modules named bench_*.py beside this file, each with
    run(quick: bool) -> dict[str, float | int | str]
returning named figures; names ending in _ratio are compared with their targets below.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SECTIONS = (
    "bench_file",
    "bench_startup",
    "bench_reports",
    "bench_registers",
    "bench_risks",
    "bench_documents",
    "bench_evaluation",
)

TARGETS = {
    "open_ratio": ("<", 1.5),
    "save_ratio": ("<", 1.5),
    "merge.ratio_to_open": ("<", 2.0),
    "open_peak_memory_mb": ("<", 150.0),
    "check_long_log_peak_memory_mb": ("<", 150.0),
    "first_paint_ratio": ("<", 2.0),
    "usable_ratio": ("<", 4.5),
    "frozen_first_paint_ratio": ("<", 2.0),
    "frozen_usable_ratio": ("<", 4.5),
    "gap_report_2000_actions_seconds": ("<", 5.0),
    "sort_100k_seconds": ("<", 0.5),
    "filter_100k_seconds": ("<", 0.1),
    "section_5000_ratio": ("<", 1.2),
    "xlsx_5000_ratio": ("<", 1.5),
    "pdf_5000_ratio": ("<", 1.2),
    "rules_seconds": ("<", 0.2),
    "master_list_5000_ratio": ("<", 1.2),
    "attach_100mb_ratio": ("<", 1.5),
    "audit_pack_demo_ratio": ("<", 1.2),
    "audit_pack_big_ratio": ("<", 1.2),
    "audit_pack_ratio": ("<", 1.2),
    "evidence_zip_ratio": ("<", 1.3),
}


def _verdict(name: str, value: object) -> str:
    target = TARGETS.get(name)
    if target is None or not isinstance(value, int | float):
        return ""
    op, limit = target
    ok = value < limit if op == "<" else value > limit
    return f"   (target {op} {limit}: {'met' if ok else 'NOT MET'})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke test")
    parser.add_argument("--only", action="append", help="run only these sections")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    results: dict[str, dict[str, object]] = {}
    for name in SECTIONS:
        if args.only and name not in args.only and name.removeprefix("bench_") not in args.only:
            continue
        if not (HERE / f"{name}.py").exists():
            continue
        module = importlib.import_module(name)
        if not args.json:
            print(f"== {name.removeprefix('bench_')} ==", flush=True)
        figures = module.run(quick=args.quick)
        results[name.removeprefix("bench_")] = figures
        if not args.json:
            for key, value in figures.items():
                shown = f"{value:.3f}" if isinstance(value, float) else str(value)
                print(f"  {key:<44} {shown}{_verdict(key, value)}", flush=True)
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
