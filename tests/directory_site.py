"""A miniature site for the directory's tests, and for builds with leaflets that need no real page:
the project's code, the sample project tests/roots/directory (three entries, the guide that lists
them) and a one-line page for every other entry of the navigation (so that the strict build finds
every page the project's nav names).

The sample's dates are fixed: entries checked 30 and 400 days before TODAY, and every build here
runs on TODAY (SOURCE_DATE_EPOCH), so what is "verified recently" never depends on the day the tests run."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

from scripts.core import site_config

ROOT = Path(__file__).resolve().parent.parent
CODE = ["mkdocs.yml", "overrides", "scripts", "schemas", "i18n"]
TODAY = dt.date(2026, 12, 7)
EPOCH = str(int(dt.datetime(TODAY.year, TODAY.month, TODAY.day, 12, tzinfo=dt.timezone.utc).timestamp()))


def page(slug: str, page_type: str, body: str = "Текст страницы.") -> str:
    sources = "sources:\n  - title: egov.kz\n    url: https://egov.kz/\n    date: 2026-11-01\n" if page_type == "guide" else "sources: []\n"
    return (f"---\nid: {slug}\ntype: {page_type}\ntitle: Страница {slug}\nsummary:\n  - Первая строка листовки\n"
            f"  - Вторая строка листовки\nreviewed: 2026-11-01\n{sources}---\n# Страница {slug}\n\n{body}\n")


SAMPLE = ROOT / "tests" / "roots" / "directory"  # its entries, and the guide that lists them
ENTRIES = SAMPLE / "data" / "services"
LINE, CENTRE, CLOSED = ((ENTRIES / f"test-{name}.yml").read_text(encoding="utf-8") for name in ("line", "centre", "closed"))
VALID = {"test-line.yml": LINE, "test-centre.yml": CENTRE, "test-closed.yml": CLOSED}


def stamped(text: str) -> str:
    """The entry with `translated_from:` recording that its translations follow its Russian texts."""
    from scripts.directory import services
    return services.stamped(text)


def make_project(target: Path, entries: dict[str, str] | None = None) -> Path:
    """The project's code and data, the sample's entries (or `entries`: file name -> text) and pages."""
    target.mkdir(parents=True, exist_ok=True)
    for part in CODE:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    (target / "data" / "services").mkdir(parents=True)
    for path in (ROOT / "data").glob("*.yml"):
        shutil.copy2(path, target / "data" / path.name)
    for name, text in (VALID if entries is None else entries).items():
        (target / "data" / "services" / name).write_text(text, encoding="utf-8")
    docs = target / "docs"
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    shutil.copytree(SAMPLE / "docs" / "ru", docs / "ru")
    for slug in site_config.nav_pages(target / "mkdocs.yml"):
        if slug.startswith("directory/") or (docs / "ru" / f"{slug}.md").exists():
            continue
        kind = {"index": "home", "search": "search"}.get(slug, "guide")
        body = "<!-- search -->" if kind == "search" else "Текст страницы."
        (docs / "ru" / f"{slug}.md").write_text(page("home" if slug == "index" else slug, kind, body), encoding="utf-8")
    return target


def without_short_links(project: Path) -> Path:
    """The project with no short link issued yet (data/shortlinks.yml's comments only), so that its
    build with leaflets issues codes to its own pages instead of missing the real site's."""
    registry = project / "data" / "shortlinks.yml"
    comments = [line for line in registry.read_text(encoding="utf-8").split("\n") if line.startswith("#")]
    registry.write_text("\n".join(comments) + "\n", encoding="utf-8")
    return project


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(project), PYTHONDONTWRITEBYTECODE="1",
               SOURCE_DATE_EPOCH=EPOCH)
    return subprocess.run([sys.executable, *args], cwd=project, env=env, capture_output=True, text=True, timeout=600)


def mkdocs_build(project: Path, site: Path) -> subprocess.CompletedProcess:
    """The mkdocs build of every language, strict, as scripts/build_site.py runs it (no leaflets)."""
    code = ("from mkdocs.commands.build import build; from mkdocs.config import load_config; "
            f"build(load_config('mkdocs.yml', site_dir={str(site)!r}, strict=True))")
    return run(project, "-c", code)
