"""The services directory, as the check sees it: its own problems, and what pages may link to.

The directory module (scripts/directory/services.py) owns the entries' schema and validation; this only
calls it. Pages link to an entry as `directory/<id>.md`, and list a section's services with a
`<!-- services: legal-aid documents -->` marker naming categories of schemas/service.schema.json.
"""
from __future__ import annotations

import functools
import importlib
import re
from pathlib import Path
from typing import Iterator

from scripts.core import markers
from scripts.editors.checks.project import Page, Project

ID_LINE = re.compile(r"^id:\s*['\"]?([A-Za-z0-9_-]+)['\"]?\s*$", re.M)
CITY_LINE = re.compile(r"^\s*(?:-\s+)?city:\s*['\"]?([a-z0-9-]+)['\"]?\s*$", re.M)
PHONE_LINE = re.compile(r"^\s*(?:-\s+)?number:\s*['\"]?(\+?[\d ()-]+)['\"]?\s*$", re.M)
RESERVED_ID = "directory"  # the directory index's id (scripts/directory/services.py RESERVED_ID)
FOLDER = "directory/"  # where the build puts the directory's pages in every language
MARKER = markers.SERVICES


def module():
    """scripts.services, or None where it does not exist."""
    try:
        return importlib.import_module("scripts.directory.services")
    except ModuleNotFoundError as error:
        if error.name != "scripts.directory.services":
            raise
        return None


def page_ids(project: Project) -> set[str]:
    """Ids of the directory's entries (data/services/*.yml, `id:` or else the file name)."""
    ids = set()
    for path in project.service_files:
        match = ID_LINE.search(project.service_text(path))
        ids.add(match.group(1) if match else path.stem)
    return ids


def listing_keys(project: Project) -> dict[str, set[str]]:
    """Categories and cities that get a listing page: {'category': {...}, 'city': {...}}."""
    services = module()
    cities = {"nationwide"}  # the page of entries without a location, always built (scripts/directory/directory_pages.py)
    for path in project.service_files:
        cities |= set(CITY_LINE.findall(project.service_text(path)))
    return {"category": set(services.categories()) if services else set(), "city": cities}


def service_pages(project: Project) -> set[str]:
    """Names of the directory's pages under docs/<lang>/directory/ (scripts/directory/directory_pages.py):
    index.md, <id>.md, category-<key>.md and city-<key>.md (and their -2, -3 … continuations)."""
    names = {"index.md"} | {f"{service_id}.md" for service_id in page_ids(project)}
    return names | {f"{kind}-{key}.md" for kind, keys in listing_keys(project).items() for key in keys}


@functools.lru_cache(maxsize=4)
def phone_digits(project: Project) -> frozenset[str]:
    """Digits of every number in the directory's entries: a page may name them too (read once a check)."""
    numbers = set()
    for path in project.service_files:
        numbers.update(re.sub(r"\D", "", found) for found in PHONE_LINE.findall(project.service_text(path)))
    return frozenset(numbers)


def is_page_name(name: str, pages: set[str]) -> bool:
    return name in pages or re.sub(r"-\d+\.md$", ".md", name) in pages


def published_ids(project: Project) -> set[str]:
    """Ids the directory's pages carry: 'directory', each entry's id, 'directory-<category or city>'."""
    keys = set().union(*listing_keys(project).values())
    return {RESERVED_ID} | page_ids(project) | {f"{RESERVED_ID}-{key}" for key in keys}


def marker_problems(page: Page) -> Iterator[tuple[int, str]]:
    """Categories named in `<!-- services: ... -->` markers that the directory does not have."""
    services = module()
    if services is None or page.text is None:
        return
    known = services.categories()
    for number, line in enumerate(page.text.split("\n"), 1):
        for marker in MARKER.finditer(line):
            for name in marker["names"].split():
                if name not in known:
                    yield number, (f"Must name directory categories that exist: '{name}' is not one. Use one of: "
                                   f"{', '.join(known)}")


def problems(project: Project) -> Iterator[tuple[str, int, str]]:
    """(path, line, message) from the directory module's own validation of data/services/*.yml."""
    services = module()
    if services is None:
        return
    for path, line, message in services.problems(project.root / "data" / "services"):
        path = Path(path)  # relative to the repository, or absolute outside it
        yield project.rel(path) if path.is_absolute() else project.from_site_root(path.as_posix()), line, message


def warnings(project: Project) -> Iterator[tuple[str, int, str]]:
    """(path, line, message) of entries whose translations follow older Russian texts."""
    services = module()
    if services is None:
        return
    for path, line, message in services.warnings(project.root / "data" / "services"):
        path = Path(path)
        yield project.rel(path) if path.is_absolute() else project.from_site_root(path.as_posix()), line, message
