"""Which default-language revision a translation follows: fingerprints, freshness, stamping.

A page's translation follows the default-language file as a whole (scripts/core/freshness.py).
"""
from __future__ import annotations

from pathlib import Path

from scripts.core import freshness, site_config


def fingerprint(path: Path) -> str:
    """Of the default-language file a translation follows (its text as stored: UTF-8, LF)."""
    return freshness.fingerprint(path.read_bytes())


def source_of(lang: str, slug: str) -> Path:
    return site_config.page_path(site_config.default_language(), slug)


def status(meta: dict, source: Path) -> str:
    """'source', 'missing-record', 'outdated', 'machine' or 'reviewed' for one page's front matter."""
    record = meta.get("translation")
    if record is None:
        return "missing-record"
    if source.exists() and not freshness.follows(record.get("source_revision"), source.read_bytes()):
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
