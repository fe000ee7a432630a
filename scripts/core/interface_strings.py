"""Interface strings per language, from i18n/<lang>.yml (one file per language, same keys).

The one fallback rule: a key that a language's file lacks shows the default language's string
(`make check` reports the missing key meanwhile).
"""
from __future__ import annotations

import functools
from pathlib import Path

from scripts.core import site_config, yaml_source

FOLDER = site_config.ROOT / "i18n"
MAX_BYTES = 64 * 1024  # the longest has 8 KB; README "Limits"


class StringsError(ValueError):
    pass


def path_for(lang: str) -> Path:
    return FOLDER / f"{lang}.yml"


@functools.lru_cache(maxsize=16)
def load(lang: str) -> dict:
    path = path_for(lang)
    if not path.exists():
        raise StringsError(f"{path.relative_to(FOLDER.parent)}:1: Must exist: copy the default language's file to it and translate the values (or run `make add-language LANG={lang}`)")
    label = path.relative_to(FOLDER.parent).as_posix()
    _, strings = yaml_source.parse(path.read_bytes(), label, StringsError, MAX_BYTES)
    if not isinstance(strings, dict):
        raise StringsError(f"{label}:1: Must be a list of 'key: text' lines, like the default language's file")
    own = {str(key): str(value) for key, value in strings.items()}
    default = site_config.default_language()
    return own if lang == default else {**load(default), **own}


def day_month_year(iso_date) -> str:
    """2026-11-23 -> 23.11.2026, a form every reader of the six languages knows."""
    text = str(iso_date)
    if len(text) != 10 or text[4] != "-":
        return text
    year, month, day = text.split("-")
    return f"{day}.{month}.{year}"
