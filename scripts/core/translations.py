"""Which default-language revision a translation follows: fingerprints, freshness, stamping.

A fingerprint is the first 12 hex digits of the SHA-256 of the Russian file. It needs no git
history, so shallow clones, mirrors and CI agree on it.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from scripts.core import site_config


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def source_of(lang: str, slug: str) -> Path:
    return site_config.page_path(site_config.default_language(), slug)


def status(meta: dict, source: Path) -> str:
    """'source', 'missing-record', 'outdated', 'machine' or 'reviewed' for one page's front matter."""
    record = meta.get("translation")
    if record is None:
        return "missing-record"
    if source.exists() and record.get("source_revision") != fingerprint(source):
        return "outdated"
    return record.get("method", "machine")


def stamp(path: Path, method: str = "machine", reviewer: str = "", reviewed_on: str = "") -> None:
    """Write or refresh the translation record of a translated page, in place.

    A review (method 'reviewed') records who checked the page and when; the page then tells its
    readers so, until the Russian page changes (status 'outdated').
    """
    import yaml  # local: only this command needs it

    from scripts.core import frontmatter

    lang, slug = path.parent.name, path.stem
    source = source_of(lang, slug)
    matter = frontmatter.parse_file(path)
    ru = frontmatter.parse_file(source).data
    matter.data["translation"] = {
        "source_revision": fingerprint(source),
        "source_date": str(ru["reviewed"]),
        "method": method,
    }
    if method == "reviewed":
        matter.data["translation"].update(reviewer=reviewer, reviewed_on=reviewed_on)
    matter.data["reviewed"] = str(ru["reviewed"])
    head = yaml.safe_dump(matter.data, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(f"---\n{head}---\n{matter.body}", encoding="utf-8")
