"""Situation pages (issue 14): twelve or more, in every language, sourced with confidence, with
the Russian page's structure, linked from every language's start page; their cards' lines rest on
H or M sources only."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT, languages
from scripts.core import frontmatter, phone_numbers, site_config, situations

DOCS = site_config.docs_dir()
DEFAULT = site_config.default_language()
SITUATIONS = sorted(path.stem for path in DOCS.joinpath(DEFAULT).glob("*.md")
                    if frontmatter.parse_file(path).data.get("type") == situations.TYPE)
START = next(path.stem for path in DOCS.joinpath(DEFAULT).glob("*.md")
             if frontmatter.parse_file(path).data.get("type") == situations.START_TYPE)
SERVICES = {path.stem for path in (ROOT / "data" / "services").glob("*.yml")}


def _page(lang, slug):
    path = DOCS / lang / f"{slug}.md"
    return path, frontmatter.split(path.read_text(encoding="utf-8"))


def test_twelve_situations_at_least():
    assert len(SITUATIONS) >= 12, SITUATIONS


@pytest.mark.parametrize("lang", languages())
def test_every_situation_and_the_start_page_in_every_language(lang):
    missing = [slug for slug in SITUATIONS + [START] if not (DOCS / lang / f"{slug}.md").exists()]
    assert not missing, f"docs/{lang}: missing {missing}"


@pytest.mark.parametrize("slug", SITUATIONS)
def test_sources_name_their_confidence_and_cards_rest_on_h_or_m(slug):
    path, matter = _page(DEFAULT, slug)
    text = path.read_text(encoding="utf-8")
    assert all(source.get("id") and source.get("confidence") in situations.CONFIDENCE for source in matter.data["sources"])
    lines = situations.card_lines(matter, text)
    assert 1 <= len(lines) <= 5
    assert all(line.printable for line in lines), [line for line in lines if not line.printable]
    assert [line.line for line in lines] == [number for number, row in enumerate(text.split("\n"), 1)
                                             if re.match(r"\s*- text:", row)]


@pytest.mark.parametrize("lang", [lang for lang in languages() if lang != DEFAULT])
@pytest.mark.parametrize("slug", SITUATIONS)
def test_translation_keeps_the_structure_and_the_card(lang, slug):
    _, russian = _page(DEFAULT, slug)
    _, own = _page(lang, slug)
    assert [s.items for s in situations.sections(own)] == [s.items for s in situations.sections(russian)]
    assert [item["sources"] for item in own.data["card"]] == [item["sources"] for item in russian.data["card"]]
    assert situations.last_section_links(own.body) == situations.last_section_links(russian.body)


@pytest.mark.parametrize("slug", SITUATIONS)
def test_steps_rights_next_door_and_guides(slug):
    _, matter = _page(DEFAULT, slug)
    parts = situations.sections(matter)
    assert len(parts) == 4 and all(part.items for part in parts), parts
    assert re.search(r"^## .*\n\n1\. ", matter.body, re.M), "the first section is numbered steps"


@pytest.mark.parametrize("lang", languages())
def test_the_start_page_links_every_situation_once(lang):
    _, matter = _page(lang, START)
    assert sorted(situations.page_links(matter.body)) == SITUATIONS


@pytest.mark.parametrize("lang", languages())
@pytest.mark.parametrize("slug", SITUATIONS)
def test_steps_link_existing_directory_entries(lang, slug):
    _, matter = _page(lang, slug)
    linked = set(re.findall(r"\(directory/([a-z0-9-]+)\.md\)", matter.body))
    assert linked and linked <= SERVICES, linked - SERVICES


@pytest.mark.parametrize("text, found", [
    ("Конституционный закон № 154-VII от 05.11.2022", []),
    ("Закон № 110-VIII «О противодействии торговле людьми»", []),
    ("звоните 109-ге", ["109"]),
    ("позвоните 1414 или 1450", []),
])
def test_a_law_number_is_no_phone_number(text, found):
    assert [number for _, number in phone_numbers.unlisted(text)] == found
