"""Time the leaflets of all pages × languages, per leaflet and in total, beside the site build.

Usage: python -m scripts.bench_leaflets [--runs 3] [--workers 1,2] [--base-url https://…/]
(`make bench-leaflets`). Builds the site once per run with mkdocs (no leaflets), then makes all
short-link pages and leaflets into a copy of it with 1 process and with one per core, and prints
medians. The target is at most 0.2 s per leaflet (PDF) on the project's 2-core machine.
Nothing in the repository changes: the short-link registry is a temporary copy.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path

TARGET_PER_LEAFLET = 0.2


def build_site_only(target: Path) -> float:
    """mkdocs build of every language, as scripts/build_site.py does before the leaflets."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from scripts.core import site_config
    start = time.perf_counter()
    build(load_config(str(site_config.MKDOCS_YML), site_dir=str(target), strict=True))
    return time.perf_counter() - start


def main(argv=None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", default=f"1,{os.cpu_count() or 1}",
                        help="process counts to compare, e.g. 1,2 (default: 1 and one per core)")
    parser.add_argument("--base-url", default="https://partner.example/",
                        help="where the QR codes lead (default: a 24-character mirror, the densest codes promised)")
    args = parser.parse_args(argv)

    from scripts.leaflets import render, shortlinks
    counts = sorted({int(part) for part in args.workers.split(",") if part.strip()})
    work = Path(tempfile.mkdtemp(prefix="bench-leaflets-"))
    try:
        site_times, totals, per_kind = [], defaultdict(list), defaultdict(list)
        pdfs = sheets = 0
        for run in range(args.runs):
            site = work / f"site-{run}"
            site_times.append(build_site_only(site))
            for count in counts:
                registry = work / "shortlinks.yml"
                if shortlinks.REGISTRY.exists():
                    shutil.copy2(shortlinks.REGISTRY, registry)
                elif registry.exists():
                    registry.unlink()
                start = time.perf_counter()
                report = render.build_into(site, args.base_url, registry=registry, workers=count, quiet=True)
                totals[count].append(time.perf_counter() - start)
                pdfs = report.pdfs
                for result in report.results:
                    kind = ("A4 print sheet" if "/sheets/" in result.label else
                            "A4 poster" if result.label.endswith("poster.pdf") else
                            "A4 directory leaflet" if "/contacts/" in result.label else "A6 leaflet")
                    per_kind[kind].append(result.seconds)
                sheets = sum(1 for result in report.results if "/sheets/" in result.label)
            shutil.rmtree(site, ignore_errors=True)
        site_median = statistics.median(site_times)
        a6 = sheets
        print(f"Leaflets of {a6} pages × languages: {pdfs} PDFs ({a6} A6, {a6} A4 sheets, 1 poster, "
              f"{pdfs - 2 * a6 - 1} directory leaflets); QR codes to {args.base_url}; medians of {args.runs} run(s), "
              f"{os.cpu_count()} cores\n")
        print(f"  site build (mkdocs, all languages, no leaflets)   {site_median:7.2f} s")
        best = None
        for count in counts:
            total = statistics.median(totals[count])
            per = total / pdfs
            best = per if best is None else min(best, per)
            print(f"  all leaflets, {count} process{'es' if count > 1 else '  '}                    "
                  f"{total:7.2f} s  = {per:.3f} s per leaflet, {total / a6:.3f} s per page × language")
        print("\n  one PDF, in its process (median):")
        for kind in ("A6 leaflet", "A4 print sheet", "A4 poster", "A4 directory leaflet"):
            if per_kind[kind]:
                print(f"    {kind:<28} {statistics.median(per_kind[kind]):.3f} s")
        verdict = "meets" if best <= TARGET_PER_LEAFLET else "MISSES"
        print(f"\n  {verdict} the target of {TARGET_PER_LEAFLET} s per leaflet ({best:.3f} s at best)")
        return 0 if best <= TARGET_PER_LEAFLET else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
