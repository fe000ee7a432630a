"""Build time of the site with 2,000 synthetic services × every language, beside the same build
without the directory, in the same run; and the weight of the directory's pages.

    python -m scripts.bench_directory [--services 2000] [--rounds 9] [--keep DIR] [--without worker …]

Copies the project (code, pages, data) to a temporary folder (in /dev/shm when there is one) twice: once with synthetic entries
in data/services/, once with the directory hook and its nav entry taken out of mkdocs.yml (so
links to the directory are not checked: that build is not strict). Each build runs in a fresh
Python process (nothing cached between builds), the two kinds alternating; prints every time,
the medians, and the directory's share. Target (issue 4): the directory adds at most 60 % to the
build time with 2,000 services, 15 % with 200 (issue 12). The CPU time of all the build's processes is printed beside it: the directory writes
its pages in a worker process, on the machine's other core.
Leaflets are not built (scripts/leaflets/render.py runs after mkdocs; it has its own benchmark).
"""
from __future__ import annotations

import argparse
import gzip
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import phonenumbers

from scripts.core import site_config
from scripts.directory import services

PARTS = ["mkdocs.yml", "overrides", "scripts", "schemas", "i18n", "docs", "data"]
HOURS = ["Mo-Fr 09:00-18:00", "Mo-Fr 09:00-13:00,14:00-18:00; Sa 10:00-14:00", "24/7", "Mo-Sa 08:00-20:00", None]
CITIES = {"almaty": (43.24, 76.89), "astana": (51.13, 71.43), None: None}
BUILD = ("import sys; from mkdocs.commands.build import build; from mkdocs.config import load_config; "
         "build(load_config('mkdocs.yml', site_dir=sys.argv[1], strict=sys.argv[2] == 'strict'))")
# Each speed-up of the directory's build, turned off (--without NAME): the ablation that decides
# whether it stays (issue 12: a mechanism that buys less than 5 % goes).
WITHOUT = {
    "fast-schema": ("import scripts.directory.services as m; "
                    "m.schema_valid = lambda data: not any(m._validator().iter_errors(data))"),
    "worker": "import scripts.site.background as m; m.can_fork = lambda: False",
    # The build never does a job the worker has not begun: every job goes to the executor at once, and the build waits.
    "steal": ("import scripts.site.background as m; "
              "m._Worker.add = lambda worker, job: (setattr(job, 'worker', worker), worker._hand_over(job)); "
              "m.Job.result = lambda job: job.work(*job.args) if job.worker is None else job.future.result()"),
    # The entries are checked when the directory's on_pre_build asks, not beside the build from on_config.
    "early-check": "import scripts.directory.services as m; m.start = lambda today: None",
    # The entries are checked in one process, not in two halves (the worker and a process forked from it).
    "check-in-two": "import scripts.directory.services as m; m.PARALLEL_FROM = 10 ** 9",
    # Each nested language's pages are read for the stylesheet at the end by the build's process, not beside.
    "stylesheet-beside": ("import scripts.site.background as m, scripts.site.stylesheet as s; "
                          "m.start = (lambda start: lambda work, *args: m.Job(work, args) if work is s.folder_words "
                          "else start(work, *args))(m.start)"),
}


def _numbers(rng: random.Random, count: int) -> list[str]:
    found = []
    while len(found) < count:
        number = f"+7727{rng.randint(2000000, 3999999)}" if rng.random() < .5 else f"+7701{rng.randint(1000000, 9999999)}"
        if phonenumbers.is_valid_number(phonenumbers.parse(number)):
            found.append(number)
    return found


def synthetic_entry(index: int, rng: random.Random, numbers: list[str]) -> str:
    """A plausible entry: Russian and English text (other languages fall back), 1-3 categories,
    a city or none, phones, hours, a website; every other one checked by a person."""
    categories = rng.sample(services.categories(), rng.randint(1, 3))
    city = rng.choice(list(CITIES))
    lines = [f"id: synthetic-{index:04d}", "name:", f"  ru: Служба помощи № {index}", f"  en: Help service No. {index}",
             "description:", f"  ru: Синтетическая служба {index} для замера времени сборки. Помогает семьям с детьми.",
             f"  en: Synthetic service {index} for timing the build. Helps families with children.",
             f"status: {'temporarily closed' if index % 50 == 0 else 'active'}", f"categories: [{', '.join(categories)}]"]
    if city:
        lat, lon = CITIES[city]
        lines += ["locations:", f"  - city: {city}", "    address:", f"      ru: ул. Тестовая, {index}", "    country: KZ",
                  f"    latitude: {lat + rng.uniform(-.05, .05):.5f}", f"    longitude: {lon + rng.uniform(-.05, .05):.5f}",
                  "    sources: [src]"]
    lines += ["phones:"] + [f'  - number: "{number}"\n    type: {kind}\n    languages: [ru, kk]\n    sources: [src]'
                            for number, kind in zip(numbers, ["voice", "whatsapp"])]
    hours = HOURS[index % len(HOURS)]
    if hours:
        lines += ["schedules:", f"  - opening_hours: {hours}", "    notes:", "      ru: Перерыв на обед."]
    lines += ["languages: [ru, kk, ky]", "fees: free", "eligibility:", "  ru: Без вида на жительство.",
              "required_documents:", "  - ru: удостоверение личности", "url:", f"  value: https://example.kz/s{index}",
              "  sources: [src]", "sources:", "  - id: src", "    title: Synthetic source", f"    url: https://example.kz/s{index}",
              "    seen: 2026-11"]
    if index % 2:
        lines.append("assured_date: 2026-10-01")
    return services.stamped("\n".join(lines) + "\n")  # its English follows its Russian


def prepare(target: Path, count: int) -> tuple[Path, Path]:
    """Two copies of the project: (with `count` synthetic entries, without the directory)."""
    with_dir, without = target / "with-directory", target / "without-directory"
    for project in (with_dir, without):
        project.mkdir(parents=True)
        for part in PARTS:
            source = site_config.ROOT / part
            if source.is_dir():
                shutil.copytree(source, project / part, ignore=shutil.ignore_patterns("__pycache__", "services"))
            elif source.exists():
                shutil.copy2(source, project / part)
    # The real entries stay (guides and situations link them: the strict build checks those links);
    # synthetic ones make up the rest of `count`.
    folder = with_dir / "data" / "services"
    shutil.copytree(services.DATA_DIR, folder)
    synthetic = max(0, count - len(list(folder.glob("*.yml"))))
    rng = random.Random(4)
    numbers = _numbers(rng, 2 * synthetic)
    for index in range(synthetic):
        (folder / f"synthetic-{index:04d}.yml").write_text(synthetic_entry(index, rng, numbers[2 * index:2 * index + 2]), encoding="utf-8")
    config = without / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("  - overrides/hooks/directory.py\n", "").replace("  - directory/index.md\n", "")
    config.write_text(text, encoding="utf-8")
    return with_dir, without


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build(project: Path, site: Path, strict: bool, without: list[str] = ()) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds) of one build in a fresh process, Python's start included.

    The CPU time is user + system time of the build and of every process it started (the
    directory writes its pages in the build's worker process, scripts/site/background.py)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(project), PYTHONDONTWRITEBYTECODE="1")
    shutil.rmtree(site, ignore_errors=True)
    cpu, start = _children_cpu(), time.perf_counter()
    code = "; ".join([WITHOUT[name] for name in without] + [BUILD])
    result = subprocess.run([sys.executable, "-c", code, str(site), "strict" if strict else "lax"], cwd=project,
                            env=env, capture_output=True, text=True)
    wall, cpu = time.perf_counter() - start, _children_cpu() - cpu
    if result.returncode:
        raise SystemExit(f"build failed in {project}:\n{result.stderr[-3000:]}")
    return wall, cpu


def weights(site: Path) -> list[tuple[str, int]]:
    """Gzip bytes of the heaviest directory pages of the Kyrgyz build, and of the stylesheets."""
    folder = site / "ky" / "directory"
    pages = sorted(folder.glob("*.html"), key=lambda path: len(gzip.compress(path.read_bytes())), reverse=True)
    css = sum(len(gzip.compress(path.read_bytes())) for path in (site / "assets").rglob("*.css"))
    rows = [(f"ky/directory/{path.name}", len(gzip.compress(path.read_bytes()))) for path in pages[:3]]
    service = folder / "synthetic-0001.html"
    rows.append((f"ky/directory/{service.name}", len(gzip.compress(service.read_bytes()))))
    return rows + [("stylesheets (Material + site.css)", css)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--without", action="append", choices=sorted(WITHOUT), default=[],
                        help="turn this speed-up off in the build with the directory (repeatable)")
    args = parser.parse_args(argv)
    # In memory where there is a tmpfs: the site with 2,000 services is about 330 MB of files, and
    # on a shared disk the time to write them varies tenfold from run to run.
    memory = Path("/dev/shm") if Path("/dev/shm").is_dir() and os.access("/dev/shm", os.W_OK) else None
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-directory-", dir=memory))
    print(f"building in {work}" + (f", without: {', '.join(args.without)}" if args.without else ""), flush=True)
    try:
        with_dir, without = prepare(work, args.services)
        languages = len(site_config.language_codes())
        times = {"without": [], "with": []}
        for round_number in range(1, args.rounds + 1):
            times["without"].append(build(without, work / "site-without", strict=False))
            times["with"].append(build(with_dir, work / "site-with", strict=True, without=args.without))
            (wall0, cpu0), (wall1, cpu1) = times["without"][-1], times["with"][-1]
            print(f"round {round_number}: without the directory {wall0:.2f} s (CPU {cpu0:.2f} s), with {args.services} "
                  f"services × {languages} languages {wall1:.2f} s (CPU {cpu1:.2f} s)", flush=True)
        pages = sum(1 for _ in (work / "site-with").rglob("directory/*.html"))
        print(f"\nmedians of {args.rounds} rounds ({pages} directory pages):")
        goal = " (target: at most 60 %)" if args.services >= 2000 else " (target: at most 15 % with 200)"
        for index, label, target in ((0, "build time (wall clock)", goal),
                                     (1, "CPU time of all its processes (the work done; 2 cores share it)", "")):
            base = statistics.median(run[index] for run in times["without"])
            full = statistics.median(run[index] for run in times["with"])
            print(f"  {label}: without the directory {base:.2f} s, with it {full:.2f} s: "
                  f"the directory adds {100 * (full - base) / base:.0f} %{target}")
        # Each round's two builds run one after the other: their ratio is less exposed to the
        # machine's speed drifting during the run than the ratio of the medians.
        ratios = [with_run[0] / without_run[0] - 1 for without_run, with_run in zip(times["without"], times["with"])]
        print(f"  median of the rounds' own ratios: the directory adds {100 * statistics.median(ratios):.0f} % "
              f"(from {100 * min(ratios):.0f} to {100 * max(ratios):.0f} %)")
        print("\nweight, gzip (budget: first view 60 KB with CSS, next page 12 KB):")
        rows = weights(work / "site-with")
        css = rows[-1][1]
        for name, size in rows[:-1]:
            print(f"  {name}: {size / 1024:.1f} KB; first view with CSS {(size + css) / 1024:.1f} KB")
        print(f"  {rows[-1][0]}: {css / 1024:.1f} KB")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
