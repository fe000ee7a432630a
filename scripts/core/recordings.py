"""Partners' recordings of pages: audio/<lang>/<page id>.<ext> beside its record <page id>.yml.

A record says who read the text and which revision of it: the `revision` printed on the page's
recording script (editors/recording/<lang>/<id>.html), a fingerprint of the text as read aloud.
This module knows the names, records and texts (make check, make status and the build); the
sound itself is checked and transcoded at build time by scripts/site/audio.py.
"""
from __future__ import annotations

import functools
import html.parser
import re
from dataclasses import dataclass
from pathlib import Path

import markdown
import yaml

from scripts.core import freshness, frontmatter, site_config
from scripts.core.problems import Problem

FOLDER = "audio"
SOURCE_SUFFIXES = (".m4a", ".mp3", ".ogg", ".opus", ".wav", ".amr", ".aac", ".3gp", ".webm", ".flac")
RECORD_FIELDS = {"reader": "who read the text (a name or organisation the reader agreed to publish)",
                 "revision": "the revision printed at the top of the recording script"}
OPTIONAL_FIELDS = {"recorded": "the date of the recording, YYYY-MM-DD"}
HELP = "How to record: CONTRIBUTING.md, 'Recordings'"


@dataclass
class Recording:
    lang: str
    page_id: str
    slug: str
    source: Path  # the partner's file
    record: dict
    root: Path

    @property
    def rel(self) -> str:
        return self.source.relative_to(self.root).as_posix()


# What the recordings should be: one script per page and language

def script_blocks(body: str) -> list[str]:
    """The page's text as the speaker reads it: headings, paragraphs, list items, table rows,
    each a block; no markup, no link addresses, no markers."""
    body = re.sub(r"<!--.*?-->", "", body, flags=re.S)
    rendered = markdown.markdown(body, extensions=["tables", "sane_lists", "attr_list"])
    reader = _Blocks()
    reader.feed(rendered)
    return [block for block in reader.blocks if block]


def revision(blocks: list[str]) -> str:
    """Of the text as read aloud (scripts/core/freshness.py)."""
    return freshness.fingerprint(blocks)


def short_paragraphs(blocks: list[str], limit: int = 220) -> list[str]:
    """Blocks cut at sentence ends into paragraphs of about `limit` characters: easy to read aloud."""
    out = []
    for block in blocks:
        current = ""
        for sentence in re.split(r"(?<=[.!?…])\s+", block):
            if current and len(current) + len(sentence) > limit:
                out.append(current)
                current = sentence
            else:
                current = f"{current} {sentence}".strip()
        out.append(current)
    return out


class _Blocks(html.parser.HTMLParser):
    BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr", "dt", "dd", "blockquote"}

    def __init__(self):
        super().__init__()
        self.blocks, self.current = [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self._close()
        elif tag in ("td", "th") and self.current:
            self.current.append(" — ")

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self._close()

    def handle_data(self, data):
        self.current.append(data)

    def _close(self):
        self.blocks.append(" ".join("".join(self.current).split()))
        self.current = []


@dataclass
class PageText:
    lang: str
    page_id: str
    slug: str
    path: Path
    body: str  # the Markdown below the front matter

    @functools.cached_property
    def blocks(self) -> list[str]:
        """Rendered when first asked: most builds and checks need only the pages that have a recording."""
        return script_blocks(self.body)

    @property
    def revision(self) -> str:
        return revision(self.blocks)

    @property
    def words(self) -> int:
        return sum(len(block.split()) for block in self.blocks)


def page_texts(root: Path) -> dict[tuple[str, str], PageText]:
    """(lang, page id) -> the page's text, for every page with an id but the search page."""
    texts = {}
    docs = site_config.docs_dir(root / "mkdocs.yml")
    for lang in site_config.language_codes(root / "mkdocs.yml"):
        for path in sorted((docs / lang).glob("*.md")):
            try:
                matter = frontmatter.parse_file(path)
            except (frontmatter.FrontMatterError, OSError, UnicodeDecodeError):
                continue  # reported by make check
            page_id = matter.data.get("id")
            if page_id and matter.data.get("type") != "search":
                texts[lang, str(page_id)] = PageText(lang, str(page_id), path.stem, path, matter.body)
    return texts


# The partners' files

def find(root: Path, texts: dict) -> tuple[list[Recording], list[Problem]]:
    """Every recording under audio/, and the problems of names and records (no audio decoded)."""
    folder = root / FOLDER
    recordings, problems = [], []
    if not folder.is_dir():
        return recordings, problems
    languages = site_config.language_codes(root / "mkdocs.yml")
    for path in sorted(folder.rglob("*")):
        if path.is_dir() or path.name.startswith(".") or path.name == "README.md":
            continue
        rel = path.relative_to(root).as_posix()
        parts = path.relative_to(folder).parts
        if len(parts) != 2 or parts[0] not in languages:
            problems.append(Problem(rel, 1, f"Must be in a language's folder, audio/<language>/<page id>.m4a: "
                                            f"the languages are {', '.join(languages)}. Move the file there. {HELP}"))
            continue
        lang, suffix = parts[0], path.suffix.lower()
        if suffix == ".yml":
            if not any((path.with_suffix(s)).exists() or path.with_suffix(s.upper()).exists() for s in SOURCE_SUFFIXES):
                problems.append(Problem(rel, 1, f"Must sit beside its recording: no audio/{lang}/{path.stem}.<m4a, mp3, ogg, …> found. "
                                                "Add the recording, or delete this record"))
            continue
        if suffix not in SOURCE_SUFFIXES:
            problems.append(Problem(rel, 1, f"Must be a recording ({', '.join(s[1:] for s in SOURCE_SUFFIXES)}) or its record (.yml): "
                                            f"'{path.name}' is neither. Remove it, or save the recording as one of these formats"))
            continue
        known = {page_id for (code, page_id) in texts if code == lang}
        if (lang, path.stem) not in texts:
            problems.append(Problem(rel, 1, f"Must be named after a page id of docs/{lang}/ ('{path.stem}' is none): "
                                            f"rename it to one of {', '.join(sorted(known))} (the `id:` at the top of the page)"))
            continue
        record, record_problems = _record(path.with_suffix(".yml"), root, path.name)
        problems += record_problems
        if record_problems:
            continue
        text = texts[lang, path.stem]
        recordings.append(Recording(lang, path.stem, text.slug, path, record, root))
    seen = {}
    for item in recordings:
        key = (item.lang, item.page_id)
        if key in seen:
            problems.append(Problem(item.rel, 1, f"Must be the only recording of this page: {seen[key].rel} is one too. Delete the older one"))
        seen.setdefault(key, item)
    return [item for item in recordings if seen[item.lang, item.page_id] is item], problems


def _record(path: Path, root: Path, audio_name: str) -> tuple[dict, list[Problem]]:
    rel = path.relative_to(root).as_posix()
    example = "reader: Rodnik volunteer\nrevision: 1a2b3c4d5e6f"
    if not path.exists():
        return {}, [Problem(rel.removesuffix(".yml") + Path(audio_name).suffix, 1,
                            f"Must have a record beside it, {rel}, saying who read it and which text:\n{example}")]
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # every value as written: 1234e56 stays text
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        line = getattr(getattr(error, "problem_mark", None), "line", 0) + 1
        return {}, [Problem(rel, line, f"Must be YAML like\n{example}\n({getattr(error, 'problem', error)})")]
    if not isinstance(data, dict):
        return {}, [Problem(rel, 1, f"Must be YAML like\n{example}")]
    problems = [Problem(rel, 1, f"Must have `{key}:`: {what}") for key, what in RECORD_FIELDS.items()
                if not str(data.get(key) or "").strip()]
    unknown = set(data) - set(RECORD_FIELDS) - set(OPTIONAL_FIELDS)
    problems += [Problem(rel, _line(path, key), f"Must use only {', '.join(list(RECORD_FIELDS) + list(OPTIONAL_FIELDS))}: "
                                                f"remove `{key}:`") for key in sorted(unknown, key=str)]
    return data, problems


def _line(path: Path, key) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith(f"{key}:"):
            return number
    return 1


# Which pages have a recording

def status(root: Path) -> dict[tuple[str, str], str]:
    """(lang, page id) -> 'recorded', 'outdated' or 'missing', for every page with a text."""
    texts = page_texts(root)
    recordings, _ = find(root, texts)
    found = {(item.lang, item.page_id): item for item in recordings}
    return {key: ("missing" if key not in found else
                  "recorded" if str(found[key].record.get("revision")) == text.revision else "outdated")
            for key, text in texts.items()}


def table(root: Path) -> str:
    """`make status`'s recordings table: pages down, languages across."""
    states = status(root)
    languages = site_config.language_codes(root / "mkdocs.yml")
    ids = sorted({page_id for _, page_id in states})
    lines = ["", "## Recordings (audio/<lang>/<page id>.<ext>)", "",
             "| page | " + " | ".join(languages) + " |", "|---|" + "---|" * len(languages)]
    for page_id in ids:
        lines.append(f"| {page_id} | " + " | ".join(states.get((lang, page_id), "no page") for lang in languages) + " |")
    counts = {word: sum(1 for state in states.values() if state == word) for word in ("recorded", "outdated", "missing")}
    lines += ["", ", ".join(f"{count} {word}" for word, count in counts.items()), ""]
    return "\n".join(lines)
