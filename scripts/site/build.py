"""Build the whole published output (site and leaflets) into a temporary folder, then swap.

`site/` is never left half-written: a failure at any step leaves the previous `site/` as it was.
Usage: python -m scripts.build_site [--lang ky] [--site-dir site]
"""
from __future__ import annotations

import logging
import os
import shutil
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from scripts.core import site_config

# Steps run on the fresh build folder after mkdocs; each takes (site_dir: Path).
POST_BUILD_STEPS: list = []


def _post_build_steps() -> list:
    steps = list(POST_BUILD_STEPS)
    try:  # leaflets are a step of their own (issue: QR leaflets)
        from scripts.leaflets import render
        steps.append(render.build_into)
    except ImportError:
        pass
    return steps


def _show_build_messages() -> None:
    """mkdocs logs its (and our hooks') errors; without a handler they would be lost."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(handler, "_site_build", False) for handler in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        handler.setLevel(logging.WARNING)
        handler._site_build = True
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def build_into(target: Path, only_lang: str | None = None) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _show_build_messages()
    config = load_config(str(site_config.MKDOCS_YML), site_dir=str(target), strict=True)
    if only_lang:
        config.plugins["i18n"].config.build_only_locale = only_lang
        for language in config.plugins["i18n"].config.languages:
            language.default = language.build = language.locale == only_lang
    build(config)
    for step in _post_build_steps():
        step(target)


def swap(fresh: Path, final: Path) -> None:
    """Replace `final` by `fresh` with two renames on the same file system."""
    old = final.with_name(final.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        final.rename(old)
    fresh.rename(final)
    if old.exists():
        shutil.rmtree(old)
