"""Read the site's configuration (languages, pages, paths) from mkdocs.yml, its one source."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils.yaml import yaml_load

from scripts.core import yaml_source

ROOT = Path(__file__).resolve().parents[2]
MKDOCS_YML = ROOT / "mkdocs.yml"
MAX_BYTES = 64 * 1024  # README "Limits"


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    default: bool


@functools.lru_cache(maxsize=4)
def load(path: Path = MKDOCS_YML) -> dict:
    """The parsed mkdocs.yml (environment tags resolved as mkdocs does), once it passed the bounds
    every YAML file of the project keeps (scripts/core/yaml_source.py): mkdocs' own reader has none."""
    raw = path.read_bytes()
    yaml_source.read_bytes(raw, MAX_BYTES)  # raises yaml_source.YamlProblem
    return yaml_load(raw.decode("utf-8"))


def i18n_config(config: dict) -> dict:
    """The i18n plugin's settings in a parsed mkdocs.yml."""
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            return plugin["i18n"]
    raise SystemExit(f"{MKDOCS_YML}: must configure the i18n plugin with its languages")


def languages(path: Path = MKDOCS_YML) -> list[Language]:
    """Languages in the order mkdocs.yml lists them; the default one first among equals."""
    return list(_languages(path))


@functools.lru_cache(maxsize=4)  # as load(): the directory asks thousands of times a build
def _languages(path: Path) -> tuple[Language, ...]:
    return tuple(Language(item["locale"], item["name"], bool(item.get("default")))
                 for item in i18n_config(load(path))["languages"] if item.get("build", True))


def language_codes(path: Path = MKDOCS_YML) -> list[str]:
    return [language.code for language in _languages(path)]


@functools.lru_cache(maxsize=4)
def default_language(path: Path = MKDOCS_YML) -> str:
    return next(language.code for language in _languages(path) if language.default)


def nav_pages(path: Path = MKDOCS_YML) -> list[str]:
    """Page slugs listed in the navigation, in order (e.g. 'arrival' for arrival.md)."""
    slugs = []
    for item in load(path).get("nav", []):
        target = item if isinstance(item, str) else next(iter(item.values()))
        slugs.append(target.removesuffix(".md"))
    return slugs


def docs_dir(path: Path = MKDOCS_YML) -> Path:
    return path.parent / load(path).get("docs_dir", "docs")


def page_path(lang: str, slug: str) -> Path:
    """Where a page lives in the docs folder: the same relative path in every language."""
    return docs_dir() / lang / f"{slug}.md"


def first_page_of_type(kind: str, root: Path = ROOT) -> str | None:
    """The slug of the default language's first page whose front matter says `type: kind`."""
    from scripts.core import frontmatter
    for page in sorted((root / "docs" / default_language(root / "mkdocs.yml")).glob("*.md")):
        try:
            if frontmatter.parse_file(page).data.get("type") == kind:
                return page.stem
        except frontmatter.FrontMatterError:
            continue
    return None


def page_url(lang: str, slug: str) -> str:
    """The page's published path, relative to the site root (never changes once printed)."""
    prefix = "" if lang == default_language() else f"{lang}/"
    return f"{prefix}{slug}.html"
