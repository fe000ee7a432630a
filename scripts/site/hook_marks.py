"""Each build hook leaves a mark when it runs, so that a test can tell that every hook ran.

An engine or theme upgrade can skip hooks without a word (Zensical 0.0.73 did: MAINTAINING.md).
When $SITE_HOOK_MARKS names a file, every hook's main event appends "<hook> <language>" to it;
tests/site/test_engine_guards.py reads it. Without the setting a mark costs one dictionary lookup.
"""
from __future__ import annotations

import os
from pathlib import Path

SETTING = "SITE_HOOK_MARKS"


def language(config) -> str:
    """The language the i18n plugin is building (its per-language builds share the config)."""
    plugin = config.plugins.get("i18n")
    return getattr(plugin, "current_language", None) or config.theme.get("language") or "?"


def leave(hook_file: str, config) -> None:
    target = os.environ.get(SETTING)
    if target:
        with open(target, "a", encoding="utf-8") as marks:
            marks.write(f"{Path(hook_file).stem} {language(config)}\n")


def read(path: Path) -> set[tuple[str, str]]:
    """The (hook, language) pairs a build marked."""
    if not path.is_file():
        return set()
    return {tuple(line.split(" ", 1)) for line in path.read_text(encoding="utf-8").splitlines() if line}
