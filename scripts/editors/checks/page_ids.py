"""Page ids: unique within a language, and the same in a translation as in the Russian page.

(That an id never changes once published is checked by scripts/editors/checks/published_ids.py.)
"""
from __future__ import annotations

from typing import Iterator

from scripts.editors.checks.project import Project


def problems(project: Project) -> Iterator[tuple[str, int, str]]:
    """Yield (path, line, message) for repeated ids and translations whose id differs."""
    users = {}
    for page in project.pages:
        if isinstance(page.meta.get("id"), str):  # a missing or malformed id is the front matter check's
            users.setdefault((page.lang, page.meta["id"]), []).append(page)
    for (_lang, page_id), pages in users.items():
        for page in pages if len(pages) > 1 else []:
            others = ", ".join(other.rel for other in pages if other is not page)
            yield page.rel, page.key_line("id"), (
                f"Must use an id that no other page uses: '{page_id}' is also the id of {others}. Give the new page "
                "another id (lower-case latin letters, digits and hyphens); never change a published one")
    for page in project.pages:
        source = project.page(project.default, page.name) if page.lang != project.default else None
        source_id = source.meta.get("id") if source else None
        if isinstance(source_id, str) and page.meta.get("id") not in (None, source_id):
            yield page.rel, page.key_line("id"), (
                f"Must use the id of the Russian page, '{source_id}' ({source.rel}), not '{page.meta['id']}': "
                "a page keeps one id in every language")
