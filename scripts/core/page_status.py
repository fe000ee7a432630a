"""What a reader must be told about a page: fallback, machine translation, outdated source."""
from __future__ import annotations

import functools
from pathlib import Path

from scripts.core import frontmatter, site_config, translations
from scripts.core.problems import editor_path

_relative = editor_path


# Every file version of the run: each language's build asks for every page (six times), and a bound
# under the number of pages (512 held 85 a language) made every ask a miss.
@functools.lru_cache(maxsize=None)
def _problems(path: Path, mtime: float) -> tuple:
    rel = _relative(path)
    try:
        matter = frontmatter.parse_file(path)
    except frontmatter.FrontMatterError as error:
        return ((rel, error.line, error.message),)
    found = [(rel, line, message) for line, message in frontmatter.validate(matter)]
    if matter.data.get("id") is None:
        return tuple(found)
    lang = path.parent.name
    if lang != site_config.default_language() and "translation" not in matter.data:
        found.append((rel, 1, "Must record which Russian revision this translation follows: run "
                      f"`python -m scripts.stamp {rel}`"))
    return tuple(found)


def front_matter_problems(path: Path) -> tuple:
    """(path, line, message) for each front matter problem; cached per file version."""
    return _problems(path, path.stat().st_mtime)


def status(path: Path, build_lang: str) -> dict:
    """Notices for a page built in `build_lang` from the file at `path`."""
    matter = frontmatter.parse_file(path)
    file_lang = path.parent.name
    result = {"fallback": file_lang != build_lang, "machine": False, "outdated": False,
              "source_date": None, "reviewed": str(matter.data.get("reviewed", "")), "reviewed_on": None}
    record = matter.data.get("translation")
    if record and not result["fallback"]:
        docs = site_config.docs_dir()
        source = docs / site_config.default_language() / path.resolve().relative_to((docs / file_lang).resolve())
        result["machine"] = record.get("method") == "machine"
        result["source_date"] = str(record.get("source_date", ""))
        result["outdated"] = translations.status(matter.data, source) == "outdated"
        if record.get("method") == "reviewed" and not result["outdated"]:
            result["reviewed_on"] = str(record.get("reviewed_on", ""))
    return result
