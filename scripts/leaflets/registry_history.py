"""What the short-link registry held before: the codes it must keep, from git.

Every code once committed may be printed on a leaflet. The registry is held to two references a
pull request cannot rewrite: the file as committed where this branch left the main line
(`SHORTLINKS_BASE`, set by CI to the pull request's base, else origin/HEAD, origin/main, main),
and as committed at HEAD (an edit not committed yet). Outside a git work tree (a copy of the
project, an unpacked archive) there is nothing to compare with, and the registry's own rule (the
n-th entry has the n-th code) is all that is checked.
"""
from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

BASES = ("origin/HEAD", "origin/main", "main")


@dataclass(frozen=True)
class Snapshot:
    where: str  # "main (d846bf0)", "HEAD (1a2b3c4)": for messages
    text: str
    base: bool  # the copy where this branch left the main line (else HEAD's)


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=20,
                              env=dict(os.environ, GIT_OPTIONAL_LOCKS="0", LC_ALL="C"))
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def snapshots(path: Path) -> list[Snapshot]:
    """The registry as committed at the merge base with the main line and at HEAD (if git has them)."""
    folder = path.resolve().parent
    top = _git(folder, "rev-parse", "--show-toplevel")
    if not top:
        return []
    rel = path.resolve().relative_to(Path(top).resolve()).as_posix()
    commits = {}
    if found_base := base(path):
        commits[found_base[0]] = found_base[1]
    if head := _git(folder, "rev-parse", "HEAD"):
        commits.setdefault(head, "HEAD")
    found = []
    for commit, name in commits.items():
        text = _git(folder, "show", f"{commit}:{rel}")
        if text is not None:
            found.append(Snapshot(f"{name} ({commit[:7]})", text, name != "HEAD"))
    return found


def base(path: Path) -> tuple[str, str] | None:
    """(commit, name) where this work tree left the main line (or SHORTLINKS_BASE), if git has it."""
    folder = path.resolve().parent
    for name in [os.environ.get("SHORTLINKS_BASE"), *BASES]:
        if name and (commit := _git(folder, "merge-base", "HEAD", name)):
            return commit, "main" if name in BASES else name
    return None


def in_work_tree(path: Path) -> bool:
    return _git(path.resolve().parent, "rev-parse", "--is-inside-work-tree") == "true"
