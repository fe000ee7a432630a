"""Content that would run code or load something from another site on a family's phone.

Pages carry no code and make no request to any third party (README, "Who it is for"). The page
is judged as it will be published: its Markdown made HTML as the build makes it, then what the
build's sanitiser would remove (scripts/core/published_html.py), each at the line it comes from.
The build stops on the same removals, so the two cannot disagree.
"""
from __future__ import annotations

from typing import Iterator

from scripts.core import published_html
from scripts.editors.checks.project import Page, Project


def problems(page: Page, project: Project) -> Iterator[tuple[int, str]]:
    """Yield (line, message) for each element, attribute or address the published page leaves out."""
    return published_html.problems(page.text, page.body_start, project.mkdocs_yml)
