"""The rights guides: every guide in every language, valid front matter, sourced, same structure."""
from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

from conftest import ROOT, languages
from scripts.core import frontmatter, page_status, phone_numbers, site_config
from scripts.editors.checks import lookalikes

DOCS = site_config.docs_dir()
DEFAULT = site_config.default_language()
RU_PAGES = sorted(DOCS.joinpath(DEFAULT).glob("*.md"))
GUIDES = [p.stem for p in RU_PAGES if frontmatter.parse_file(p).data.get("type") == "guide"]
ALL_PAGES = sorted(DOCS.glob("*/*.md"))


def _rel(path):
    return path.relative_to(ROOT).as_posix()


def test_the_twelve_guides_exist_in_russian():
    expected = {"arrival", "legal-status", "work", "birth-registration", "school", "kindergarten", "health",
                "child-protection", "trafficking", "police-and-documents", "before-you-go", "get-help"}
    assert expected <= set(GUIDES)


@pytest.mark.parametrize("lang", languages())
def test_every_guide_in_every_language(lang):
    missing = [slug for slug in GUIDES if not (DOCS / lang / f"{slug}.md").exists()]
    assert not missing, f"docs/{lang}: missing {missing}"


@pytest.mark.parametrize("path", ALL_PAGES, ids=_rel)
def test_front_matter_is_valid(path):
    assert page_status.front_matter_problems(path) == ()


@pytest.mark.parametrize("path", ALL_PAGES, ids=_rel)
def test_source_urls_are_well_formed(path):
    for source in frontmatter.parse_file(path).data.get("sources", []):
        if "url" in source:
            url = urlparse(source["url"])
            assert url.scheme == "https" and "." in url.netloc and " " not in source["url"], source


@pytest.mark.parametrize("path", ALL_PAGES, ids=_rel)
def test_no_phone_number_outside_the_allow_list(path):
    found = list(phone_numbers.unlisted(path.read_text(encoding="utf-8")))
    assert not found, f"{_rel(path)}: numbers not in data/phone-allowlist.yml: {found}"


@pytest.mark.parametrize("path", [p for p in ALL_PAGES if p.parent.name != DEFAULT], ids=_rel)
def test_translation_records_its_source_revision(path):
    record = frontmatter.parse_file(path).data.get("translation")
    assert record and re.fullmatch(r"[0-9a-f]{12}", str(record["source_revision"])), _rel(path)


@pytest.mark.parametrize("path", ALL_PAGES, ids=_rel)
def test_letters_in_the_right_script(path):
    found = list(lookalikes.problems(path.read_text(encoding="utf-8"), path.parent.name))
    assert not found, f"{_rel(path)}: {found[:5]}"


def test_summaries_fit_a_leaflet():
    for path in ALL_PAGES:
        for line in frontmatter.parse_file(path).data.get("summary", []):
            assert len(line) <= 90, f"{_rel(path)}: summary line too long: {line}"
