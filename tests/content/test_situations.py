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


# make check: each mistake at its file and line

@pytest.fixture(scope="module")
def broken_copy(tmp_path_factory):
    """The project with situation pages broken on purpose, and what `make check` says of them."""
    from conftest import copy_project
    from scripts.editors import content_check
    from scripts.editors.checks.project import Project
    root = copy_project(tmp_path_factory.mktemp("situations") / "project")

    def edit(rel, old, new):
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def line_of(rel, needle):
        rows = (root / rel).read_text(encoding="utf-8").split("\n")
        return next(number for number, row in enumerate(rows, 1) if needle in row)

    edit("docs/ru/overstay.md", "    sources: [eaeu-97-5]", "    sources: [eaeu-97-6]")
    edit("docs/ru/school-refused.md", "    sources: [eec-2023]", "    sources: [mieux-weak]")
    edit("docs/ru/school-refused.md", "card:",
         '  - title: "MIEUX+ (undated)"\n    id: mieux-weak\n    date: "2026-11-15"\n    confidence: L\ncard:')
    edit("docs/ru/police-check.md", "(directory/rodnik.md)", "(directory/rodnik-almaty.md)")
    edit("docs/tg/what-is-happening.md", "](lost-passport.md)", "](lost-pasport.md)")
    ky = root / "docs/ky/registration.md"
    text = ky.read_text(encoding="utf-8")
    step = next(row for row in text.split("\n") if row.startswith("2. "))
    ky.write_text(text.replace(step + "\n", "", 1), encoding="utf-8")
    lines = {"unknown": line_of("docs/ru/overstay.md", "[eaeu-97-6]") - 1,  # its `- text:` line
             "weak": line_of("docs/ru/school-refused.md", "[mieux-weak]") - 1,
             "directory": line_of("docs/ru/police-check.md", "rodnik-almaty"),
             "missing": line_of("docs/tg/what-is-happening.md", "lost-pasport")}
    found = [str(problem) for problem in content_check.run(Project(root))]
    return lines, found, root


def _at(found, prefix):
    return [message for message in found if message.startswith(prefix)]


def test_card_line_citing_no_source_of_the_page(broken_copy):
    lines, found, _ = broken_copy
    assert _at(found, f"docs/ru/overstay.md:{lines['unknown']}: Must give this card line a legal basis among the page's sources: 'eaeu-97-6'")


def test_card_line_on_an_l_source(broken_copy):
    lines, found, _ = broken_copy
    weak = lines["weak"]
    assert _at(found, f"docs/ru/school-refused.md:{weak}: Must not put on the card a right that rests on a source of confidence L")


def test_step_linking_a_missing_directory_entry(broken_copy):
    lines, found, _ = broken_copy
    assert _at(found, f"docs/ru/police-check.md:{lines['directory']}: Must link to an existing directory entry")


def test_start_page_missing_a_situation_and_linking_a_missing_one(broken_copy):
    lines, found, _ = broken_copy
    assert _at(found, f"docs/tg/what-is-happening.md:{lines['missing']}: Must link only situation pages")
    assert _at(found, "docs/tg/what-is-happening.md:3: Must link the situation 'lost-passport'")


def test_translation_with_a_step_less_than_the_russian_page(broken_copy):
    _, found, _ = broken_copy
    assert [message for message in found if message.startswith("docs/ky/registration.md:")
            and "Must have as many items in section 1 as docs/ru/registration.md" in message]


def test_translations_follow_the_russian_card(broken_copy):
    _, found, _ = broken_copy
    assert _at(found, "docs/ky/overstay.md:") and any("Must have the card lines of docs/ru/overstay.md" in m for m in found)
