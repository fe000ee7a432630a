"""Start a new guide: docs/ru/<slug>.md with its front matter, its place in the nav, its short link.

    python -m scripts.new_guide SLUG "Title in Russian"     (`make new-guide SLUG=… TITLE="…"`)

Only the Russian page is created. Until a translator adds docs/<lang>/<slug>.md, readers of
every other language get the current Russian text at their language's address, marked as
Russian, with a notice in their language that it is not translated yet (the site's fallback).
A copy of the Russian text under docs/ky/ would instead be announced as Kyrgyz, go stale when
the Russian page changes, and fail the Uzbek Latin-script check. CONTRIBUTING.md says how to
translate a page and stamp it.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from pathlib import Path

from scripts.core import frontmatter, site_config
from scripts.leaflets import shortlinks

TEMPLATE = """\
---
id: {slug}
type: guide
title: {title}
summary:
  - "TODO: первая строка для листовки (до 90 знаков)."
  - "TODO: вторая строка для листовки."
reviewed: "{today}"
sources:
  - title: "TODO: название закона, приказа или официальной страницы"
    url: "https://TODO"
    date: "{today}"
---

TODO: один абзац: для кого эта страница и в чём она поможет.

## TODO: первый шаг

TODO: короткие предложения, в каждом один факт; каждый факт из источника, указанного выше.

## Куда обратиться

<!-- services: legal-aid -->
"""


class ScaffoldError(ValueError):
    pass


def check_slug(slug: str) -> None:
    rule = frontmatter.schema()["properties"]["id"]
    if not re.fullmatch(rule["pattern"], slug) or len(slug) > rule["maxLength"]:
        raise ScaffoldError(f"SLUG must be lower-case latin letters, digits and hyphens, at most {rule['maxLength']} "
                            f"characters, e.g. 'school-meals' (received {slug!r}); it becomes the page's address and id")


def add_to_nav(mkdocs_yml: Path, slug: str) -> None:
    """Insert `  - <slug>.md` into nav: before search.md if listed, else at the end of the nav."""
    lines = mkdocs_yml.read_text(encoding="utf-8").split("\n")
    start = next((i for i, line in enumerate(lines) if re.match(r"^nav\s*:", line)), None)
    if start is None:
        raise ScaffoldError(f"{mkdocs_yml.name}: Must have a nav: list")
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end][0].isspace()):
        end += 1
    entries = [i for i in range(start + 1, end) if lines[i].lstrip().startswith("- ")]
    indent = re.match(r"^\s*", lines[entries[0]]).group() if entries else "  "
    search = next((i for i in entries if lines[i].strip() in ("- search.md", "- 'search.md'", '- "search.md"')), None)
    position = search if search is not None else (entries[-1] + 1 if entries else start + 1)
    lines.insert(position, f"{indent}- {slug}.md")
    mkdocs_yml.write_text("\n".join(lines), encoding="utf-8")


def issue_short_link(slug: str, lang: str) -> str | None:
    """Record the new page's short link in data/shortlinks.yml now, so it is committed with the page."""
    if not shortlinks.REGISTRY.exists():
        return None
    registry = shortlinks.load_registry()
    if slug in registry.by_id():
        raise ScaffoldError(f"{registry.label}: the id '{slug}' was issued before (to a page since removed or "
                            "renamed): choose another SLUG, ids are never reused")
    entry = shortlinks.Entry(slug, shortlinks.code_for(len(registry.entries)), [lang])
    registry.entries.append(entry)
    registry.save()
    return shortlinks.link_path(lang, entry.code)


def create(slug: str, title: str, today: dt.date | None = None) -> Path:
    check_slug(slug)
    limit = frontmatter.schema()["properties"]["title"]["maxLength"]
    if not 2 <= len(title.strip()) <= limit or not title.isprintable():
        raise ScaffoldError(f"TITLE must be 2 to {limit} characters on one line (received {title!r})")
    default = site_config.default_language()
    path = site_config.page_path(default, slug)
    if path.exists():
        raise ScaffoldError(f"{path.relative_to(site_config.ROOT)} already exists: choose another SLUG or edit that page")
    link = issue_short_link(slug, default)
    text = TEMPLATE.format(slug=slug, title=json.dumps(title, ensure_ascii=False), today=(today or dt.date.today()).isoformat())
    path.write_text(text, encoding="utf-8")
    if slug not in site_config.nav_pages():
        add_to_nav(site_config.MKDOCS_YML, slug)
    rel = path.relative_to(site_config.ROOT)
    print(f"Created {rel}, added it to the nav in mkdocs.yml" + (f", issued its short link {link}" if link else "") + ".")
    print(f"Next: replace every TODO in {rel} (`make check` lists them), add a line for it to docs/{default}/index.md,")
    print("and commit mkdocs.yml and data/shortlinks.yml with it. Translators copy it to docs/<lang>/"
          f"{slug}.md, translate it and stamp it (CONTRIBUTING.md); until then readers get the Russian text with a notice.")
    return path


def main(argv: list[str]) -> int:
    """SLUG and TITLE as arguments, or from the environment (`make new-guide`: never through a shell)."""
    if not argv and os.environ.get("NEW_GUIDE_SLUG") is not None:
        argv = [os.environ["NEW_GUIDE_SLUG"], os.environ.get("NEW_GUIDE_TITLE", "")]
    if len(argv) != 2:
        print('usage: python -m scripts.new_guide SLUG "Title in Russian"   (make new-guide SLUG=… TITLE="…")', file=sys.stderr)
        return 2
    try:
        create(argv[0], argv[1])
    except ScaffoldError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
