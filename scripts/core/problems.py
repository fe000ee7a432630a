"""What every editor-visible message is: a Problem at `path:line`, and its one formatter.

The build, `make check` and every command report mistakes as `path:line: Must …` (a warning as
`path:line: warning: …`), with the path as the editor sees it in the repository.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from scripts.core import site_config


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    warning: bool = False

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {'warning: ' if self.warning else ''}{self.message}"


def editor_path(path: Path | str, root: Path | None = None) -> str:
    """data/services/x.yml: the path an editor sees (as given when outside the project)."""
    path = Path(path)
    try:
        return path.resolve().relative_to((root or site_config.ROOT).resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def as_problem(found: Problem | tuple) -> Problem:
    """A Problem from a check's (path, line, message) triple, or the Problem itself."""
    return found if isinstance(found, Problem) else Problem(*found)


def report(problems: Iterable[Problem | tuple]) -> str:
    """The problems, one a line, as every command and the build print them."""
    return "\n".join(str(as_problem(found)) for found in problems)


class ProblemsError(ValueError):
    """Stops a build or a command: the message is the report of its problems."""

    def __init__(self, problems: Iterable[Problem | tuple]):
        self.problems = list(problems)
        super().__init__(report(self.problems))
