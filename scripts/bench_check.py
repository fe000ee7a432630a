"""Time `python -m scripts.check` on the whole repository: the median of several cold runs.

    python -m scripts.bench_check [--runs 7] [--cold-spelling]   # target: under 2 s (issue 6)

Each run is a fresh process, as `make check` and pre-commit start it (imports included). Besides
the wall time it reports the CPU time of each run (user + system): on a shared, busy machine the
wall time measures the others too, and the CPU time is what the run needs of one free core.
--cold-spelling gives every run an empty cache folder, so that it loads every dictionary it needs
(a fresh clone, CI); by default the spelling verdicts of earlier runs are used, as on an editor's machine.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

from scripts.core import site_config

TARGET_S = 2.0


def _run(env: dict) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one check."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "scripts.check", "--quiet"], cwd=site_config.ROOT, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--cold-spelling", action="store_true", help="an empty spelling cache for every run")
    args = parser.parse_args(argv)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    walls, cpus = [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as cache:
            wall, cpu = _run(dict(env, XDG_CACHE_HOME=cache) if args.cold_spelling else env)
        walls.append(wall)
        cpus.append(cpu)
    pages = sum(1 for _ in site_config.docs_dir().glob("*/**/*.md"))
    median = statistics.median(walls)
    print(f"make check on {pages} pages{' (cold spelling cache)' if args.cold_spelling else ''}: median {median:.2f} s "
          f"over {args.runs} runs (min {min(walls):.2f} s, max {max(walls):.2f} s); CPU median {statistics.median(cpus):.2f} s "
          f"(min {min(cpus):.2f} s); target under {TARGET_S:.0f} s: {'met' if median < TARGET_S else 'MISSED'}")
    return 0 if median < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
