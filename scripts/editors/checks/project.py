"""The content that `make check` reads: the project's pages, data and strings, each read once.

A `Project` is a folder laid out like this repository (mkdocs.yml, docs/, i18n/, data/), so the
tests can check a small broken copy under tests/roots/check-broken/ the same way as the real tree.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from scripts.core import frontmatter, interface_strings, site_config, yaml_source
from scripts.core.problems import editor_path
from scripts.editors import entry_texts

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".bmp", ".tif", ".tiff"}


@dataclass
class Page:
    """One Markdown file in docs/<lang>/."""
    path: Path  # absolute
    rel: str  # relative to the project root: docs/ky/arrival.md
    lang: str
    name: str  # relative to docs/<lang>/: arrival.md

    @functools.cached_property
    def raw(self) -> bytes:
        return self.path.read_bytes()

    @functools.cached_property
    def text(self) -> str | None:
        """The file as text, or None when it is not UTF-8 (reported by the characters check)."""
        try:
            return self.raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            return None

    @functools.cached_property
    def matter(self) -> frontmatter.FrontMatter | None:
        """The parsed front matter, or None when it cannot be parsed (reported by its check)."""
        if self.text is None:
            return None
        try:
            return frontmatter.split(self.text)
        except frontmatter.FrontMatterError:
            return None

    @property
    def meta(self) -> dict:
        return self.matter.data if self.matter else {}

    @property
    def body_start(self) -> int:
        """Line number of the first line after the front matter (1 when there is none)."""
        return self.matter.body_line if self.matter else 1

    def key_line(self, key: str) -> int:
        return self.matter.key_lines.get(key, 1) if self.matter else 1


class Project:
    def __init__(self, root: Path):
        self.root = root.resolve()
        self.mkdocs_yml = self.root / "mkdocs.yml"

    def rel(self, path: Path) -> str:
        """As an editor sees it (data/services/x.yml); remembered, as the review pages ask thousands of times."""
        known = self.__dict__.setdefault("_rel", {})
        if path not in known:
            known[path] = editor_path(path, self.root)
        return known[path]

    def from_site_root(self, rel: str) -> str:
        """A path that a reused module gave relative to the repository, made relative to this root."""
        return self.rel(site_config.ROOT / rel)

    @functools.cached_property
    def config(self) -> dict:
        return site_config.load(self.mkdocs_yml)

    @functools.cached_property
    def languages(self) -> list[str]:
        return site_config.language_codes(self.mkdocs_yml)

    @functools.cached_property
    def default(self) -> str:
        return site_config.default_language(self.mkdocs_yml)

    @functools.cached_property
    def docs(self) -> Path:
        return site_config.docs_dir(self.mkdocs_yml).resolve()

    @functools.cached_property
    def pages(self) -> list[Page]:
        found = []
        for lang in self.languages:
            folder = self.docs / lang
            for path in _files(folder.rglob("*.md")) if folder.is_dir() else []:
                found.append(Page(path, self.rel(path), lang, path.relative_to(folder).as_posix()))
        return found

    def page(self, lang: str, name: str) -> Page | None:
        return self._index.get((lang, name))

    @functools.cached_property
    def _index(self) -> dict:
        return {(page.lang, page.name): page for page in self.pages}

    @functools.cached_property
    def images(self) -> list[Path]:
        return _files(p for p in self.docs.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file())

    @functools.lru_cache(maxsize=None)  # noqa: B019 (one Project per run)
    def facts(self, lang: str) -> dict:
        """A language's writing rules from i18n/<lang>.yml (alphabet, spelling.*); {} when unreadable."""
        try:
            strings = yaml_source.read_bytes((self.root / "i18n" / f"{lang}.yml").read_bytes(),
                                             interface_strings.MAX_BYTES).data()
        except (OSError, yaml_source.YamlProblem):  # reported by the strings check
            return {}
        return {str(key): str(value) for key, value in strings.items()} if isinstance(strings, dict) else {}

    @functools.cached_property
    def language_names(self) -> dict[str, str]:
        return {language.code: language.name for language in site_config.languages(self.mkdocs_yml)}

    @functools.cached_property
    def string_files(self) -> list[Path]:
        folder = self.root / "i18n"
        return _files(folder.glob("*.yml")) if folder.is_dir() else []

    @functools.cached_property
    def service_files(self) -> list[Path]:
        folder = self.root / "data" / "services"
        return _files(folder.glob("*.yml")) if folder.is_dir() else []

    def service_text(self, path: Path) -> str:
        """A directory entry's file as text, read once a run (the spelling, glossary and directory checks read it)."""
        known = self.__dict__.setdefault("_service_text", {})
        if path not in known:
            known[path] = path.read_text(encoding="utf-8", errors="replace")
        return known[path]

    def service_fields(self, path: Path) -> list[dict[str, list[tuple[int, str]]]]:
        """A directory entry's texts, per field and language, with their lines (scripts/editors/entry_texts.py)."""
        known = self.__dict__.setdefault("_service_fields", {})
        if path not in known:
            known[path] = entry_texts.fields(self.service_text(path), self.languages)
        return known[path]

    @functools.cached_property
    def data_files(self) -> list[Path]:
        """Every YAML file an editor may touch: data/**, i18n/, mkdocs.yml."""
        data = self.root / "data"
        files = _files(data.rglob("*.yml")) + _files(data.rglob("*.yaml")) if data.is_dir() else []
        return files + self.string_files + ([self.mkdocs_yml] if self.mkdocs_yml.exists() else [])


def _files(paths) -> list[Path]:
    """The files to read, in order: a symbolic link is reported (scripts/core/published_files.py), never read."""
    return sorted(path for path in paths if not path.is_symlink())
