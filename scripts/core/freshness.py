"""One freshness model for everything made from a text that may change later: a page's
translation (`translation.source_revision`), a directory entry's translations (`translated_from`)
and a partner's recording (its record's `revision`).

Each records the fingerprint of the text it was made from; it is outdated as soon as the text's
fingerprint differs. A fingerprint is the first 12 hex digits of the SHA-256 of the texts, joined
by newlines: it needs no git history, so shallow clones, mirrors and CI agree on it.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable


def fingerprint(texts: Iterable[str] | bytes) -> str:
    """Of texts, or of a file's bytes as stored (a file that is not UTF-8 still has one)."""
    data = texts if isinstance(texts, bytes) else "\n".join(texts).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:12]


def follows(recorded: object, texts: Iterable[str] | bytes) -> bool:
    """Whether what was recorded was made from these texts as they are now."""
    return recorded is not None and str(recorded) == fingerprint(texts)
