"""Time `python -m scripts.check` on the whole repository: the median of several cold runs.

    python -m scripts.bench_check [--runs 7]      # target: under 2 s (issue 6)

Each run is a fresh process, as `make check` and pre-commit start it (imports included).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

from scripts.core import site_config

TARGET_S = 2.0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "scripts.check", "--quiet"], cwd=site_config.ROOT, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    pages = sum(1 for _ in site_config.docs_dir().glob("*/**/*.md"))
    median = statistics.median(times)
    print(f"make check on {pages} pages: median {median:.2f} s over {args.runs} runs "
          f"(min {min(times):.2f} s, max {max(times):.2f} s); target under {TARGET_S:.0f} s: "
          f"{'met' if median < TARGET_S else 'MISSED'}")
    return 0 if median < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
