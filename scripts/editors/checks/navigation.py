"""mkdocs.yml: every page of its nav exists in Russian (or is a directory page), every Russian guide is in the nav."""
from __future__ import annotations

import re
from typing import Iterator

from scripts.core import site_config
from scripts.editors.checks import directory
from scripts.editors.checks.project import Project

NAV_ENTRY = re.compile(r"^\s+-\s+(?:[^:]+:\s+)?['\"]?(?P<file>[^'\"\s]+\.md)['\"]?\s*$")


def _nav_lines(text: str) -> dict[str, int]:
    """Line of each nav entry in mkdocs.yml, by file name."""
    lines, inside = {}, False
    for number, line in enumerate(text.split("\n"), 1):
        if re.match(r"^nav\s*:", line):
            inside = True
        elif inside and line.strip() and not line[0].isspace():
            break
        elif inside:
            match = NAV_ENTRY.match(line)
            if match:
                lines.setdefault(match["file"], number)
    return lines


def problems(project: Project) -> Iterator[tuple[str, int, str]]:
    """Yield (path, line, message) for mkdocs.yml's nav and for guides missing from it."""
    where = project.rel(project.mkdocs_yml)
    slugs = site_config.nav_pages(project.mkdocs_yml)  # it loads: scripts/check.py made sure
    lines = _nav_lines(project.mkdocs_yml.read_text(encoding="utf-8"))
    generated = directory.service_pages(project)  # the directory's pages are made by the build
    for slug in slugs:
        if slug.startswith(directory.FOLDER) and directory.is_page_name(f"{slug[len(directory.FOLDER):]}.md", generated):
            continue
        if project.page(project.default, f"{slug}.md") is None:
            yield where, lines.get(f"{slug}.md", 1), (
                f"Must list only existing pages under nav: there is no docs/{project.default}/{slug}.md. "
                "Fix the file name, or create the page with `make new-guide`")
    listed = {f"{slug}.md" for slug in slugs}
    for page in project.pages:
        if page.lang == project.default and page.meta.get("type") == "guide" and page.name not in listed:
            yield page.rel, page.key_line("type"), (
                f"Must be listed under nav: in mkdocs.yml, or families cannot reach it from the menu: add the line "
                f"`  - {page.name}`")
