"""Page weight on the wire: this site beside the stock Material build of the same pages.

Prints, for every page type (home, guide, situations start page and a situation if any,
directory index, service page, search page) in each language, the requests and gzip bytes of a first view in a cold browser and
of the next page, for the site as it is and with 100 synthetic pages per language, and the time
until the network is quiet on an emulated slow 3G line, each beside the budget (issue 16).
Usage: python -m scripts.bench_weight [--runs 3] [--languages ru,ky]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from scripts.bench import synthetic_pages
from scripts.bench.browser import CHROMIUM, CHROMIUM_ARGS
from scripts.bench.static_server import Server
from scripts.core import site_config

SLOW_3G = {"offline": False, "latency": 400, "downloadThroughput": 400 * 1024 / 8,
           "uploadThroughput": 400 * 1024 / 8}
PARTS = ["mkdocs.yml", "overrides", "scripts", "schemas", "i18n", "data", "docs", "audio"]
GUIDE, NEXT = "arrival", "work"
# Pages as GitHub Pages publishes them (.github/workflows/site.yml): with the site's address, which
# adds a canonical link, and the "report a mistake" issue form, a long link on every page. Addresses
# of the same length as a real repository's; a build's own SITE_URL / REPORT_MISTAKE_TO win.
PUBLISHED = {"SITE_URL": "https://rodnik-kazakhstan.github.io/migrant-rights/",
             "REPORT_MISTAKE_TO": "https://github.com/rodnik-kazakhstan/migrant-rights/issues/new"}


def _prepare(workdir: Path, per_language: int) -> dict[str, Path]:
    ours, stock = workdir / "ours", workdir / "stock"
    ours.mkdir(parents=True)
    for part in PARTS:
        source = site_config.ROOT / part
        if source.is_dir():
            shutil.copytree(source, ours / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, ours / part)
    extra = synthetic_pages.grow(ours, per_language)
    shutil.copytree(ours / "docs", stock / "docs")
    config = site_config.load()
    import material
    shipped = {p.stem for p in Path(material.__file__).parent.joinpath("templates/partials/languages").glob("*.html")}
    languages = [dict(item, theme={"language": item["locale"] if item["locale"] in shipped else site_config.default_language()})
                 for item in site_config.i18n_config(config)["languages"]]  # Material has no ky, tg, kk
    stock_config = {
        "site_name": "stock", "use_directory_urls": False,
        "theme": {"name": "material", "language": site_config.default_language()},
        "plugins": ["search", {"i18n": {"docs_structure": "folder",
                                        "languages": languages}}],
        "nav": [item for item in config["nav"] if "directory/" not in str(item)] + extra,
    }
    (stock / "mkdocs.yml").write_text(yaml.safe_dump(stock_config, allow_unicode=True), encoding="utf-8")
    sites = {}
    for name, project in (("ours", ours), ("stock", stock)):
        env = {**PUBLISHED, **os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project)}
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(project / "site")],
                       cwd=project, env=env, check=True, capture_output=True)
        sites[name] = project / "site"
    return sites


def _visit(context, url: str, host: str) -> dict:
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    seen = {"requests": 0, "bytes": 0, "failed": 0, "foreign": 0}

    def sent(event):
        seen["requests"] += 1
        seen["foreign"] += host not in event["request"]["url"] and event["request"]["url"].startswith("http")
    cdp.on("Network.requestWillBeSent", sent)
    cdp.on("Network.loadingFinished", lambda event: seen.__setitem__("bytes", seen["bytes"] + event["encodedDataLength"]))
    cdp.on("Network.loadingFailed", lambda event: seen.__setitem__("failed", seen["failed"] + 1))
    cdp.on("Network.responseReceived", lambda event: seen.__setitem__("failed", seen["failed"] + (event["response"]["status"] >= 400)))
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(300)
    page.close()
    return seen


def _quiet_time(browser, url: str) -> float:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    start = time.perf_counter()
    page.goto(url, wait_until="networkidle", timeout=120_000)
    elapsed = time.perf_counter() - start - 0.5  # networkidle waits 500 ms of silence
    context.close()
    return elapsed


# The first view of every page type (issue 16): what a family opens from a leaflet's QR code.
PAGE_TYPES = {"home": "index", "guide": GUIDE, "situations start": "type:situations", "situation": "type:situation",
              "directory index": "directory/index", "service page": None, "search page": "search"}
BUDGET = {"first": 14 * 1024, "next": 6 * 1024, "quiet": 1.2}  # bytes, bytes, seconds


def _page_types(site: Path, lang: str) -> dict[str, str]:
    """Page type -> URL path of that type in `lang` that exists in this build."""
    found = {}
    for kind, slug in PAGE_TYPES.items():
        if slug is None:  # a service page: the first entry's page, when the build has a directory
            folder = site / site_config.page_url(lang, "directory/index").rsplit("/", 1)[0]
            pages = sorted(p.stem for p in folder.glob("*.html") if not p.stem.startswith(("index", "category-", "city-")))
            slug = f"directory/{pages[0]}" if pages else None
        elif slug.startswith("type:"):  # the first page of that type (front matter), when there is one
            slug = site_config.first_page_of_type(slug.removeprefix("type:"))
        if slug and (site / site_config.page_url(lang, slug)).exists():
            found[kind] = site_config.page_url(lang, slug)
    return found


def measure(browser, site: Path, langs: list[str], runs: int) -> dict:
    """(lang, page type) -> (first view, next page), medians; ('quiet', page type) -> seconds."""
    results = {}
    with Server(site) as base:
        host = base.split("//")[1].rstrip("/")
        for lang in langs:
            for kind, url in _page_types(site, lang).items():
                firsts, nexts = [], []
                for _ in range(runs):
                    context = browser.new_context(viewport={"width": 360, "height": 740})
                    firsts.append(_visit(context, base + url, host))
                    nexts.append(_visit(context, base + site_config.page_url(lang, NEXT), host))
                    context.close()
                results[(lang, kind)] = (_median(firsts), _median(nexts))
        for kind, url in _page_types(site, langs[0]).items():
            results[("quiet", kind)] = statistics.median(_quiet_time(browser, base + url) for _ in range(runs))
    return results


def _median(visits: list[dict]) -> dict:
    return {key: statistics.median(visit[key] for visit in visits) for key in visits[0]}


def report(title: str, ours: dict, stock: dict) -> bool:
    """Print the table; True when every page type of ours keeps the budget."""
    print(f"\n## {title}\n")
    print(f"Budget: first view {BUDGET['first'] // 1024} KB, next page {BUDGET['next'] // 1024} KB, "
          f"network quiet on slow 3G {BUDGET['quiet']} s. Built as published: "
          + ", ".join(f"{name}={os.environ.get(name, value)}" for name, value in PUBLISHED.items()) + "\n")
    print("| page | ours first view | stock first view | ours next page | stock next page |")
    print("|---|---|---|---|---|")
    kept = True
    for key, figures in ours.items():
        if key[0] == "quiet":
            continue
        first, after = figures
        within = first["bytes"] <= BUDGET["first"] and after["bytes"] <= BUDGET["next"]
        kept &= within
        stock_first, stock_next = stock.get(key, (None, None))
        print(f"| {key[0]}/{key[1]} | {_cell(first)}{'' if within else ' OVER BUDGET'} | {_cell(stock_first)} "
              f"| {_cell(after)} | {_cell(stock_next)} |")
    print(f"\nNetwork quiet on slow 3G (400 kbit/s, 400 ms), {next(iter(ours))[0]}, medians:\n")
    print("| page type | ours | stock |\n|---|---|---|")
    for key, seconds in ours.items():
        if key[0] == "quiet":
            within = seconds <= BUDGET["quiet"]
            kept &= within
            theirs = stock.get(key)
            print(f"| {key[1]} | {seconds:.2f} s{'' if within else ' OVER BUDGET'} | {'—' if theirs is None else f'{theirs:.2f} s'} |")
    return kept


def _cell(figures: dict | None) -> str:
    if figures is None:
        return "— (no such page)"
    return (f"{figures['requests']:.0f} req, {figures['bytes'] / 1024:.1f} KB"
            + (f", {figures['failed']:.0f} failed" if figures["failed"] else "")
            + (f", {figures['foreign']:.0f} third-party" if figures["foreign"] else ""))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--languages", default=",".join(site_config.language_codes()))
    args = parser.parse_args(argv)
    langs = args.languages.split(",")
    from playwright.sync_api import sync_playwright
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        kept = True
        for size in (len(site_config.nav_pages()), 100):
            sites = _prepare(Path(tmp) / f"n{size}", size)
            kept &= report(f"{size} pages per language (medians of {args.runs} runs, gzip bytes on the wire)",
                           measure(browser, sites["ours"], langs, args.runs), measure(browser, sites["stock"], langs, args.runs))
        browser.close()
    print("\nEvery page type within the budget." if kept else "\nSome page type is OVER BUDGET (marked above).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
