"""A PDF's text as pdfium reads it, compared without its line breaks (tests/leaflets/)."""
from __future__ import annotations

import re


def squeezed(text: str) -> str:
    # pdfium marks a hyphenation break as U+FFFE in a page's text, as U+0002 in a part of a page.
    return re.sub(r"\s+", "", text.replace("\ufffe", "-").replace("\x02", "-").replace("\u00ad", ""))
