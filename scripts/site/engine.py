"""Which engine builds the site: MkDocs 1.6 (default) or ProperDocs, its maintained continuation.

ProperDocs reads the same mkdocs.yml and runs the same plugins, theme and hooks: once
`properdocs.replacement` is imported, every `import mkdocs.…` (ours, Material's, the i18n
plugin's) gets the ProperDocs module instead. So the choice has to be made before anything
imports mkdocs, once per process. MAINTAINING.md says why both exist and how to move.
"""
from __future__ import annotations

import importlib
import os
import sys

ENGINES = ("mkdocs", "properdocs")
DEFAULT = "mkdocs"
SETTING = "SITE_ENGINE"  # what `make site ENGINE=…` sets


class EngineError(SystemExit):
    """Stops a command before it builds anything."""


def requested() -> str:
    return os.environ.get(SETTING) or DEFAULT


def select(name: str | None = None) -> str:
    """Make `name` (default: $SITE_ENGINE, else mkdocs) the engine of this process; returns it."""
    name = name or requested()
    if name not in ENGINES:
        raise EngineError(f"Makefile: Must set ENGINE to one of {', '.join(ENGINES)} (it is '{name}')")
    if name == "properdocs":
        loaded = sys.modules.get("mkdocs")
        if loaded is not None and loaded.__name__ != "properdocs":
            raise EngineError("scripts/site/engine.py: Must select ProperDocs before anything imports mkdocs")
        try:
            importlib.import_module("properdocs.replacement")
        except ImportError:
            raise EngineError("requirements.txt: Must install properdocs (run `make setup`)") from None
    os.environ[SETTING] = name  # child processes (the directory's writer, leaflets) follow
    return name


def current() -> str:
    """The engine this process builds with (after select(), or once mkdocs is imported)."""
    loaded = sys.modules.get("mkdocs")
    return "properdocs" if loaded is not None and loaded.__name__ == "properdocs" else "mkdocs"
