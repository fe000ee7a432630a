"""vCard 3.0 (RFC 2426) for the "save contact" link of a directory entry: text only, no photo.

Phones save and dial on every phone's contacts app; a short number like 112 is kept as is.
"""
from __future__ import annotations

import re

TEL_TYPES = {"voice": "VOICE", "text": "MSG", "whatsapp": "CELL", "telegram": "CELL"}


def escape(value: str) -> str:
    """Text value escaping: backslash, comma, semicolon, newline (RFC 2426 5)."""
    return (value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\r\n", "\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """Lines of at most 75 octets, continued with CRLF + space, never inside a UTF-8 letter."""
    if len(line.encode("utf-8")) <= 75:
        return line
    out, current, size = [], [], 0
    for char in re.findall(r"\\.|.", line, flags=re.S):  # an escape such as \, stays whole
        length = len(char.encode("utf-8"))
        if size + length > 75:
            out.append("".join(current))
            current, size = [" "], 1
        current.append(char)
        size += length
    out.append("".join(current))
    return "\r\n".join(out)


def card(name: str, *, organization: str = "", phones: list[tuple[str, str]] = (), url: str = "",
         email: str = "", address: tuple[str, str, str] | None = None, geo: tuple[float, float] | None = None,
         note: str = "") -> str:
    """One vCard. phones: (number, type); address: (street, city, region)."""
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{escape(name)}", f"N:{escape(name)};;;;"]
    if organization:
        lines.append(f"ORG:{escape(organization)}")
    for number, kind in phones:
        lines.append(f"TEL;TYPE={TEL_TYPES.get(kind, 'VOICE')}:{number}")
    if email:
        lines.append(f"EMAIL;TYPE=INTERNET:{email}")
    if url:
        lines.append(f"URL:{url}")
    if address:
        street, city, region = address
        lines.append(f"ADR;TYPE=WORK:;;{escape(street)};{escape(city)};{escape(region)};;")
    if geo:
        lines.append(f"GEO:{geo[0]};{geo[1]}")
    if note:
        lines.append(f"NOTE:{escape(note)}")
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)
