"""A miniature site for the directory's tests: the project's code, minimal pages, fixture entries."""
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
TODAY = dt.date.today()


def page(slug: str, page_type: str, body: str = "Текст страницы.") -> str:
    sources = "sources:\n  - title: egov.kz\n    url: https://egov.kz/\n    date: 2026-11-01\n" if page_type == "guide" else "sources: []\n"
    return (f"---\nid: {slug}\ntype: {page_type}\ntitle: Страница {slug}\nsummary:\n  - Первая строка листовки\n"
            f"  - Вторая строка листовки\nreviewed: 2026-11-01\n{sources}---\n# Страница {slug}\n\n{body}\n")


GUIDE_BODY = """Текст.

## Куда обратиться

<!-- services: helpline legal-aid -->

[Справочник](directory/index.md), [линия](directory/test-line.md#contacts).
"""

LINE = f"""\
id: test-line
name:
  ru: Тестовая линия 111
  en: Test line 111
description:
  ru: Линия для проверки справочника.
  en: A line to test the directory.
status: active
categories: [helpline]
fees: free
phones:
  - number: "111"
    sources: [s1]
schedules:
  - opening_hours: 24/7
sources:
  - id: s1
    title: egov.kz test source
    url: https://egov.kz/
    seen: 2026-11
assured_date: {TODAY - dt.timedelta(days=30)}
"""

CENTRE = f"""\
# yaml-language-server: $schema=../../schemas/service.schema.json
id: test-centre
name:
  ru: Тестовый центр
description:
  ru: Центр для проверки справочника.
status: active
categories: [legal-aid, shelter]
locations:
  - city: almaty
    address:
      ru: ул. Проверочная, 1
    country: KZ
    latitude: 43.2389
    longitude: 76.8897
    sources: [s1]
phones:
  - number: "+77272697059"
    type: voice
    languages: [ru, ky]
    sources: [s1]
  - number: "+77001234567"
    type: whatsapp
    sources: [s1]
schedules:
  - opening_hours: Mo-Fr 09:00-18:00; Sa 10:00-14:00
    notes:
      ru: Перерыв с 13 до 14.
url:
  value: https://example.kz/centre
  sources: [s1]
email:
  value: help@example.kz
  sources: [s1]
languages: [ru, ky]
fees: free
eligibility:
  ru: Без вида на жительство.
required_documents:
  - ru: любой документ
sources:
  - id: s1
    title: Test source
    url: https://example.kz/
    seen: 2026-11
assured_date: {TODAY - dt.timedelta(days=400)}
"""

CLOSED = """\
id: test-closed
name:
  ru: Закрытая служба
description:
  ru: Больше не работает.
status: inactive
categories: [documents]
locations:
  - city: astana
sources:
  - id: s1
    title: Test source
    seen: 2026-11
"""



def stamped(text: str) -> str:
    """The entry with `translated_from:` recording that its translations follow its Russian texts."""
    from scripts.directory import services
    return services.stamped(text)


LINE = stamped(LINE)  # it has English texts
VALID = {"test-line.yml": LINE, "test-centre.yml": CENTRE, "test-closed.yml": CLOSED}


def make_project(target: Path, entries: dict[str, str] | None = None) -> Path:
    """The project's code and i18n, one minimal Russian page per nav entry, fixture entries."""
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
    (docs / "ru").mkdir()
    for slug in site_config.nav_pages(target / "mkdocs.yml"):
        if slug.startswith("directory/"):
            continue
        kind = {"index": "home", "search": "search"}.get(slug, "guide")
        body = "<!-- search -->" if kind == "search" else GUIDE_BODY if slug == "get-help" else "Текст страницы."
        (docs / "ru" / f"{slug}.md").write_text(page("home" if slug == "index" else slug, kind, body), encoding="utf-8")
    return target


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(project), PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([sys.executable, *args], cwd=project, env=env, capture_output=True, text=True, timeout=600)


def mkdocs_build(project: Path, site: Path) -> subprocess.CompletedProcess:
    """The mkdocs build of every language, strict, as scripts/build_site.py runs it (no leaflets)."""
    code = ("from mkdocs.commands.build import build; from mkdocs.config import load_config; "
            f"build(load_config('mkdocs.yml', site_dir={str(site)!r}, strict=True))")
    return run(project, "-c", code)
