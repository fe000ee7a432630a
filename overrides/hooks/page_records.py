"""Record each built page's id, title, summary, date and URL, for short links and leaflets.

Each language build writes leaflets/pages-<lang>.json into the site; scripts/leaflets/render.py (run by
scripts/build_site.py after mkdocs) makes the short-link pages and the leaflets from them. Pages
made outside mkdocs' pipeline (the directory's) are added by their own hook. Stops the build,
naming the file, on a page without id or summary and on an id used twice.
"""
from pathlib import Path

import _path  # noqa: F401
from mkdocs.exceptions import PluginError

from scripts.core import frontmatter, site_config
from scripts.leaflets import shortlinks
from scripts.site import hook_marks

_records = {}  # language -> list of PageRecord, refilled by each language's build
_first_by_id = {}  # language -> id -> the first PageRecord with that id


def _source(page, build_lang: str) -> tuple[str, dict]:
    """The file an editor changes, relative to the project, and its front matter key lines."""
    path = Path(page.file.abs_src_path or "")
    if path.is_file():
        try:
            rel = path.resolve().relative_to(site_config.ROOT).as_posix()
        except ValueError:
            rel = path.as_posix()
        try:
            return rel, frontmatter.parse_file(path).key_lines
        except frontmatter.FrontMatterError:
            return rel, {}
    generated = page.meta.get("source") if isinstance(page.meta.get("source"), str) else None
    return generated or f"{page.file.src_uri} (generated, {build_lang})", {}


# Hooks

def on_pre_build(config):
    _records[config.theme["language"]] = []
    _first_by_id[config.theme["language"]] = {}


def on_page_context(context, page, config, nav):
    build_lang = getattr(page.file, "locale_alternate_of", config.theme["language"])
    text_lang = getattr(page.file, "locale", build_lang)
    source, lines = _source(page, build_lang)
    summary = page.meta.get("summary") or []
    if isinstance(summary, str):
        summary = [summary]
    record = shortlinks.PageRecord(
        id=page.meta.get("id"), type=page.meta.get("type"), title=str(page.meta.get("title") or page.title or ""),
        summary=tuple(str(line) for line in summary), reviewed=str(page.meta.get("reviewed") or ""),
        url=page.url, lang=build_lang, text_lang=text_lang, source=source, lines=lines)
    _add(config.theme["language"], record)
    return context


def on_post_build(config):
    hook_marks.leave(__file__, config)
    lang = config.theme["language"]
    shortlinks.write_manifest(Path(config.site_dir), lang, _records.get(lang, []))


# Helpers

def _add(lang: str, record: shortlinks.PageRecord) -> None:
    first = _first_by_id.setdefault(lang, {}).get(record.id)
    # Only the page holding the same id can clash: checking against all would be quadratic.
    problems = shortlinks.page_problems(([first] if first else []) + [record])
    if problems:
        raise PluginError("\n".join(problems))
    _records.setdefault(lang, []).append(record)
    _first_by_id[lang].setdefault(record.id, record)
