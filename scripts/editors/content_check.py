"""The editors' content check: every problem as `path:line: Must …`, without building the site.

    python -m scripts.check                      # the whole repository (`make check`)
    python -m scripts.check docs/ky/arrival.md   # only these files (pre-commit passes changed files)
    python -m scripts.check --strict             # warnings (stale review dates, out-of-date directory translations) fail too
    python -m scripts.check --fix-line-endings FILE...   # CRLF -> LF and no BOM, in place

Problems go to standard output, one per line; the translation summary and the count go to
standard error. Exits 1 when there is an error (or a warning with --strict), else 0.
Each check is a generator of (line, message) for one file, or of (path, line, message) for the
project; CONTRIBUTING.md explains every message.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable, Iterator

from scripts.core import docs_layout, frontmatter, page_status, phone_numbers, published_files, recordings, yaml_source
from scripts.core.problems import Problem
from scripts.editors.checks import (
    characters,
    directory,
    forbidden_content,
    glossary,
    images,
    links,
    lookalikes,
    navigation,
    page_ids,
    plain_language,
    published_ids,
    review_dates,
    situations,
    spelling,
    string_files,
    structure,
)
from scripts.editors.checks.project import Page, Project
from scripts.site import mirrors_list

PLACEHOLDER = "TODO"


# Checks of one page: each yields (line, message).

def phone_problems(page: Page, project: Project) -> Iterator[tuple[int, str]]:
    for line, number in phone_numbers.unlisted(page.text, directory.phone_digits(project)):
        yield line, (f"Must use only phone numbers from data/phone-allowlist.yml or the directory: '{number}' is in neither. "
                     "A service's number belongs in its entry in data/services/; a number that every family needs "
                     "is added to the allow-list with its source, and a reviewer checks it")


def placeholder_problems(page: Page) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(page.text.split("\n"), 1):
        if PLACEHOLDER in line:
            yield number, f"Must replace the placeholder '{PLACEHOLDER}…' (left by `make new-guide`) with the real text"


def page_problems(page: Page, project: Project, services: set[str], today: dt.date) -> Iterator[Problem]:
    for line, message in characters.problems(page.raw):
        yield Problem(page.rel, line, message)
    if page.text is None or page.raw.startswith(characters.BOM):
        return  # the other checks would only repeat this one
    if len(page.raw) > frontmatter.MAX_PAGE_BYTES:  # the front matter check says so; the rest would take long
        yield from (Problem(page.rel, line, message) for _, line, message in page_status.front_matter_problems(page.path))
        return
    for _, line, message in page_status.front_matter_problems(page.path):
        yield Problem(page.rel, line, message)
    checks: list[Iterable[tuple[int, str]]] = [
        forbidden_content.problems(page, project),
        links.problems(page, project, services),
        directory.marker_problems(page),
        phone_problems(page, project),
        lookalikes.problems(page.text, page.lang, project.facts(page.lang).get("alphabet", "")),
        placeholder_problems(page),
        review_dates.future(page, today),
        structure.problems(page, project),
        situations.problems(page, project),
    ]
    for check in checks:
        for line, message in check:
            yield Problem(page.rel, line, message)
    # Warnings: they fail only with --strict (a stale date or a new word must not block an urgent fix).
    warnings = [spelling.problems(page, project), glossary.problems(page, project), plain_language.problems(page, project)]
    if page.lang == project.default:
        warnings.append(review_dates.stale(page, today))
    for check in warnings:
        for line, message in check:
            yield Problem(page.rel, line, message, warning=True)


# Checks of the whole project: each yields (path, line, message).

def layout_problems(project: Project) -> Iterator[tuple[str, int, str]]:
    """docs/ folders the i18n plugin would misread, translations of no Russian page (scripts/core/docs_layout.py)."""
    found = list(docs_layout.unknown_language_folders(project.docs, project.languages))
    found += docs_layout.orphan_translations(project.docs, project.languages, project.default)
    for rel, line, message in found:
        yield project.from_site_root(rel), max(line, 1), message


def recording_problems(project: Project) -> Iterator[tuple[str, int, str]]:
    """audio/: names and records of partners' recordings (their sound is checked by the build)."""
    if (project.root / recordings.FOLDER).is_dir():
        for problem in recordings.find(project.root, recordings.page_texts(project.root))[1]:
            yield problem.path, problem.line, problem.message


def published_file_problems(project: Project) -> Iterator[tuple[str, int, str]]:
    """Symbolic links in the inputs, files under docs/ that must not be published (scripts/core/published_files.py)."""
    return published_files.problems(project.root, project.docs)


def mirror_problems(project: Project) -> Iterator[tuple[str, int, str]]:
    """data/mirrors.yml, read as the build reads it for every page's footer (scripts/site/mirrors_list.py)."""
    path = project.root / "data" / "mirrors.yml"
    try:
        mirrors_list.load(path)
    except mirrors_list.MirrorsError as error:
        for line in str(error).split("\n"):
            _, number, message = line.split(":", 2) if line.count(":") >= 2 else ("", "1", line)
            yield project.rel(path), int(number) if number.isdigit() else 1, message.strip()


PROJECT_CHECKS = [published_file_problems, layout_problems, mirror_problems, page_ids.problems, published_ids.problems,
                  navigation.problems, string_files.problems, images.problems, directory.problems, glossary.file_problems,
                  recording_problems]
PROJECT_WARNINGS = [directory.warnings, spelling.unavailable, spelling.service_problems, spelling.string_problems,
                    spelling.unconfirmed_list_problems, glossary.service_problems, published_ids.history_warnings]


def run(project: Project, selected: set[Path] | None = None, today: dt.date | None = None) -> list[Problem]:
    """All problems of the project, or only those of the files under `selected` (absolute paths)."""
    today = today or dt.date.today()

    def wanted(path: Path) -> bool:
        return selected is None or any(path == chosen or chosen in path.parents for chosen in selected)

    found: list[Problem] = []
    try:
        _ = project.languages  # loads mkdocs.yml
    except yaml_source.YamlProblem as problem:  # broken, unbounded, or with an anchor: not read at all
        message = problem.message.replace("Must be valid YAML", "Must be valid YAML with the i18n plugin's languages", 1)
        return [Problem(project.rel(project.mkdocs_yml), problem.line, message)]
    except Exception as error:  # mkdocs.yml does not load: nothing else can be checked
        cause = error.__cause__ or error.__context__ or error
        mark = getattr(cause, "problem_mark", None)
        return [Problem(project.rel(project.mkdocs_yml), mark.line + 1 if mark else 1,
                        f"Must be valid YAML with the i18n plugin's languages: {getattr(cause, 'problem', None) or error}")]
    services = directory.service_pages(project)
    for page in project.pages:
        if wanted(page.path):
            found += page_problems(page, project, services, today)
    for path in project.data_files:
        if wanted(path):
            found += (Problem(project.rel(path), line, message) for line, message in characters.problems(path.read_bytes()))
    for check in PROJECT_CHECKS:
        found += (Problem(path, line, message) for path, line, message in check(project)
                  if wanted(project.root / path))
    for check in PROJECT_WARNINGS:
        found += (Problem(path, line, message, warning=True) for path, line, message in check(project)
                  if wanted(project.root / path))
    return sorted(set(found))


def fix_line_endings(paths: list[Path]) -> None:
    for path in paths:
        raw = path.read_bytes()
        fixed = raw.removeprefix(characters.BOM).replace(b"\r\n", b"\n")
        if fixed != raw:
            path.write_bytes(fixed)
            print(f"{path}: fixed")
