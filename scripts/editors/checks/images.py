"""Images under docs/: small enough for a family paying for mobile data."""
from __future__ import annotations

from typing import Iterator

from scripts.editors.checks.project import Project

LIMIT_KB = 200


def problems(project: Project) -> Iterator[tuple[str, int, str]]:
    for path in project.images:
        size = path.stat().st_size
        if size > LIMIT_KB * 1024:
            yield project.rel(path), 1, (
                f"Must be at most {LIMIT_KB} KB (it is {size // 1024} KB): families pay for every megabyte. "
                "Make it smaller: 1200 pixels wide at most, saved as JPEG (photos) or PNG (drawings)")
