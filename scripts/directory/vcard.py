"""vCard 3.0 (RFC 2426) for the "save contact" link of a directory entry: text only, no photo.

Phones save and dial on every phone's contacts app; a short number like 112 is kept as is.
"""
from __future__ import annotations

import re

TEL_TYPES = {"voice": "VOICE", "text": "MSG", "whatsapp": "CELL", "telegram": "CELL"}


# Line breaks of every kind, from a YAML escape ("\r", "\u2028") as much as from a typed Enter:
# a contacts app would take any of them for the end of the vCard line.
LINE_BREAKS = re.compile(r"\r\n|[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def escape(value: str) -> str:
    """Text value escaping: backslash, comma, semicolon, line breaks as \\n (RFC 6350 3.4, RFC 2426 5)."""
    value = CONTROLS.sub("", value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;"))
    return LINE_BREAKS.sub("\\\\n", value)


def plain(value: str) -> str:
    """A URI, address or number: no escaping there (RFC 6350 3.4), so no line break or control either."""
    return CONTROLS.sub("", LINE_BREAKS.sub("", value))


def fold(line: str) -> str:
    """Lines of at most 75 octets, continued with CRLF + space, never inside a UTF-8 letter."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    pieces, start, room = [], 0, 75
    while len(data) - start > room:
        end = start + room
        while data[end] & 0xC0 == 0x80:  # not inside a letter: back to its first byte
            end -= 1
        slashes = len(data[start:end]) - len(data[start:end].rstrip(b"\\"))
        if slashes % 2:  # not between a backslash and the letter it escapes (\, \; \n)
            end -= 1
        pieces.append(data[start:end])
        start, room = end, 74  # a continuation line starts with a space
    pieces.append(data[start:])
    return b"\r\n ".join(pieces).decode("utf-8")


def card(name: str, *, organization: str = "", phones: list[tuple[str, str]] = (), url: str = "",
         email: str = "", address: tuple[str, str, str] | None = None, geo: tuple[float, float] | None = None,
         note: str = "") -> str:
    """One vCard of an organisation's service. phones: (number, type); address: (street, city, region).

    RFC 2426 wants N, a person's name in five parts: for an organisation it stays empty, FN names
    the service and ORG the organisation (the service itself when it names none).
    """
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{escape(name)}", "N:;;;;", f"ORG:{escape(organization or name)}"]
    for number, kind in phones:
        lines.append(f"TEL;TYPE={TEL_TYPES.get(kind, 'VOICE')}:{plain(number)}")
    if email:
        lines.append(f"EMAIL;TYPE=INTERNET:{plain(email)}")
    if url:
        lines.append(f"URL:{plain(url)}")
    if address:
        street, city, region = address
        lines.append(f"ADR;TYPE=WORK:;;{escape(street)};{escape(city)};{escape(region)};;")
    if geo:
        lines.append(f"GEO:{geo[0]};{geo[1]}")
    if note:
        lines.append(f"NOTE:{escape(note)}")
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)
