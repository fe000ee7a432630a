"""Published ids stay: checked against data/shortlinks.yml, the record of every short link issued.

A page's `id` is printed in QR codes through its short link (scripts/leaflets/shortlinks.py), so once
issued an id must keep leading somewhere: a page of docs/ru/ (every language falls back to
Russian) or a directory entry still has it, or its entry says `replaced_by: <id>`. The build
enforces the same when it writes the short-link pages; this says it before any build, naming
the file and line, and also asks for a new page's link to be committed with the page.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from scripts.editors.checks import directory
from scripts.editors.checks.project import Project
from scripts.leaflets import registry_history, shortlinks

REGISTRY = Path("data") / "shortlinks.yml"
LOCATED = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+): (?P<message>.*)$")


def registry(project: Project) -> shortlinks.Registry:
    return shortlinks.load_registry(project.root / REGISTRY)


def problems(project: Project) -> Iterator[tuple[str, int, str]]:
    """Yield (path, line, message) for issued ids that no longer lead anywhere, and unrecorded pages."""
    where = REGISTRY.as_posix()
    if not (project.root / REGISTRY).exists():
        yield where, 1, ("Must exist and be committed: run `make site` (the build issues the short links into "
                         f"{where}), then commit {where}")
        return
    try:
        issued = registry(project)
    except shortlinks.ShortLinkError as error:
        for line in str(error).split("\n"):
            match = LOCATED.match(line)
            yield (where, int(match["line"]), match["message"]) if match else (where, 1, line)
        return
    sources = [page for page in project.pages if page.lang == project.default]
    known = {page.meta.get("id") for page in sources} | directory.published_ids(project)
    known |= {Path(page.name).stem for page in sources if page.matter is None}  # unreadable: reported elsewhere
    by_stem = {Path(page.name).stem: page for page in sources}
    yield from dropped_languages(issued, project)
    recorded, flagged = issued.by_id(), set()
    for entry in issued.entries:
        if entry.replaced_by:
            if entry.replaced_by not in known and entry.replaced_by not in recorded:
                yield where, entry.line, (f"Must replace removed page '{entry.id}' by the id of a page that exists: "
                                          f"no page has the id '{entry.replaced_by}'")
            continue
        if entry.id in known:
            continue
        renamed = by_stem.get(entry.id)
        if renamed is not None and renamed.matter and renamed.meta.get("id") not in recorded:
            flagged.add(renamed.rel)
            yield renamed.rel, renamed.key_line("id"), (
                f"Must keep the id '{entry.id}': it is printed in QR codes ({where}:{entry.line}). Change it back; "
                "to rename the page, rename the file and keep its id")
        else:
            yield where, entry.line, (
                f"Must keep short link '{entry.id}' leading somewhere: no page of docs/{project.default}/ has the id "
                f"'{entry.id}' any more. If the page was renamed, put `id: {entry.id}` back in its front matter; if "
                "it was removed, add `replaced_by: <id of the page that now has this information>` to this entry")
    for page in sources:
        page_id = page.meta.get("id")
        if isinstance(page_id, str) and page_id not in recorded and page.meta.get("type") != "search" \
                and page.rel not in flagged:
            yield page.rel, page.key_line("id"), (
                f"Must commit this page's short link with the page: run `make site` (the build adds '{page_id}' to "
                f"{where}), then commit {where}")


def dropped_languages(issued: shortlinks.Registry, project: Project) -> Iterator[tuple[str, int, str]]:
    """A language that has short links but is no longer built: the build would stop on it."""
    first = {}
    for entry in issued.entries:
        for lang in entry.languages:
            first.setdefault(lang, entry)
    for lang, entry in first.items():
        if lang not in project.languages:
            count = sum(lang in other.languages for other in issued.entries)
            yield REGISTRY.as_posix(), entry.line, (
                f"Must keep resolving {shortlinks.link_path(lang, entry.code)} and the other {count - 1} short links "
                f"in '{lang}': the language is no longer in mkdocs.yml (plugins.i18n.languages), and leaflets in it "
                "may be printed. Put the language back in mkdocs.yml")


def history_warnings(project: Project) -> Iterator[tuple[str, int, str]]:
    """A git work tree without main's history (a shallow clone): issued codes are then held only to
    the registry's own order, and a pull request's edit of a code already committed goes unseen."""
    path = project.root / REGISTRY
    if path.exists() and registry_history.in_work_tree(path) and not registry_history.base(path):
        yield REGISTRY.as_posix(), 1, (
            "Must be compared with the registry on main, to be sure no issued code changed: this clone has no main "
            "branch (a shallow clone?). Fetch it (git fetch origin main), or set SHORTLINKS_BASE to the base branch")
