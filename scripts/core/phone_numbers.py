"""Phone numbers in page text: find them, hold them to the allow-list, make them dialable."""
from __future__ import annotations

import functools
import re
from typing import Iterator

from scripts.core import site_config, yaml_source

ALLOWLIST = site_config.ROOT / "data" / "phone-allowlist.yml"
MAX_ALLOWLIST_BYTES = 64 * 1024
# Long numbers: 6+ digits, possibly grouped ("+7 727 269 7059", "8-800-...").
LONG = re.compile(r"(?<![\w/.])\+?\d(?:[\d\u00a0 ()-]{4,}\d)(?![\w/])")
# Kazakhstan's short service numbers: 10x, 11x, 15x and four-digit 1xxx ("1414"), unless a word
# follows ("150 тенге" is an amount). "180" in "90 дней из 180" is a count, not a number to call;
# "154-VII" (a law's number, Roman numerals after the hyphen) is not one either, but "102-ге" is.
SHORT = re.compile(r"(?<![\w.,/-])1(?:[015]\d|\d{3})(?![\d.,/-]?\d)(?!\s*[^\W\d_])(?!-[IVXLC]+\b)")
YEAR_OR_DATE = re.compile(r"^(19|20)\d\d$")


@functools.lru_cache(maxsize=1)
def allowed() -> frozenset[str]:
    _, items = yaml_source.parse(ALLOWLIST.read_bytes(), "data/phone-allowlist.yml", ValueError, MAX_ALLOWLIST_BYTES)
    return frozenset(str(item["number"]) for item in items)


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def unlisted(text: str, also: frozenset[str] = frozenset()) -> Iterator[tuple[int, str]]:
    """Yield (line, number) for each phone-like number in `text` that the allow-list lacks (and
    `also`, the digits of the directory's numbers, when given)."""
    for number, line in _candidates(text):
        if digits(number) not in allowed() and digits(number) not in also:
            yield line, number.strip()


def _candidates(text: str):
    for line_number, line in enumerate(text.split("\n"), 1):
        if line.lstrip().startswith(("date:", "reviewed:", "source_date:", "source_revision:", "url:")):
            continue
        for match in LONG.finditer(line):
            number = match.group()
            if len(digits(number)) >= 6 and not re.fullmatch(r"\d{4}-\d\d-\d\d", number.strip()):
                yield number, line_number
        for match in SHORT.finditer(line):
            if not YEAR_OR_DATE.match(match.group()):
                yield match.group(), line_number


TAG = re.compile(r"(<[^>]+>)")


@functools.lru_cache(maxsize=1)
def _dialable() -> re.Pattern:
    numbers = "|".join(sorted(allowed(), key=len, reverse=True))
    return re.compile(r"(?<![\w.,/-])(" + numbers + r")(?![\d/]|-\d)")  # "102-ге", "112ге": case endings may follow


def link_numbers(html: str) -> str:
    """Turn allow-listed numbers in text (not in links or attributes) into tel: links."""
    pattern = _dialable()
    if not pattern.search(html):  # most pages: nothing to do
        return html
    out, inside_link = [], 0
    for part in TAG.split(html):
        if part.startswith("<"):
            lowered = part[:3].lower()
            inside_link += 1 if lowered.startswith("<a ") or lowered == "<a>" else -1 if part.lower().startswith("</a") else 0
            out.append(part)
        elif inside_link or not part.strip():
            out.append(part)
        else:
            out.append(pattern.sub(r'<a href="tel:\1" class="site-tel">\1</a>', part))
    return "".join(out)
