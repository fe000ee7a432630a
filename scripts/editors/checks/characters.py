"""Characters an editor cannot see: byte order marks, Windows line endings, control characters.

They come from copying out of Word, PDFs and messengers, and break front matter, search and
look-alike checks in ways nobody can spot by eye.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterator

from scripts.core import yaml_source

BOM = b"\xef\xbb\xbf"
# C0 and C1 controls (tab and line feed allowed), zero-width and direction-changing characters.
INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


def problems(raw: bytes) -> Iterator[tuple[int, str]]:
    """Yield (line, message) for a text file's encoding, line endings and invisible characters."""
    if raw.startswith(BOM):
        yield 1, "Must not start with a byte order mark (BOM): save the file as 'UTF-8' (not 'UTF-8 with BOM')"
        raw = raw[len(BOM):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        yield line, yaml_source.NOT_UTF8
        return
    lines = text.split("\n")
    crlf = [number for number, line in enumerate(lines, 1) if line.endswith("\r")]
    if crlf:
        more = f" (and {len(crlf) - 1} more lines)" if len(crlf) > 1 else ""
        yield crlf[0], (f"Must end lines with LF, not CRLF (Windows line endings){more}: in your editor choose "
                        "'LF' line endings, or run `python -m scripts.check --fix-line-endings FILE`")
    for number, line in enumerate(lines, 1):
        for match in INVISIBLE.finditer(line.removesuffix("\r")):
            char = match.group()
            name = unicodedata.name(char, "control character")
            yield number, (f"Must not contain the invisible character U+{ord(char):04X} ({name.lower()}) at column "
                           f"{match.start() + 1}: delete it (it often comes with text copied from Word, PDF or a messenger)")
