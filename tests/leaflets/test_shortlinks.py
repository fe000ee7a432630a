"""Permanent short links (scripts/leaflets/shortlinks.py): codes, QR size, registry, redirect pages."""
from __future__ import annotations

import re

import pytest

from scripts.core import interface_strings, site_config
from scripts.leaflets import shortlinks
from scripts.leaflets.shortlinks import BaseUrl, PageRecord, ShortLinkError

LANGS = site_config.language_codes()
DEFAULT = site_config.default_language()
PARTNER = "https://partner.example/"  # 24 characters: the longest base URL the issue promises


def page(page_id, lang=DEFAULT, url=None, kind="guide", source=None, text_lang=None, summary=("First line.", "Second line.")):
    url = url or (f"{page_id}.html" if lang == DEFAULT else f"{lang}/{page_id}.html")
    return PageRecord(page_id, kind, f"Title of {page_id}", tuple(summary), "2026-11-23", url, lang,
                      text_lang or lang, source or f"docs/{lang}/{page_id}.md", {"id": 2, "summary": 5})


def pages(*ids, langs=(DEFAULT, "ky")):
    return {lang: [page(i, lang) for i in ids] for lang in langs}


def registry_file(tmp_path, text):
    path = tmp_path / "data" / "shortlinks.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(shortlinks.HEADER + text, encoding="utf-8")
    return path


# Codes and QR size

def test_codes_are_short_unique_and_never_ambiguous():
    codes = [shortlinks.code_for(index) for index in range(3000)]
    assert len(set(codes)) == len(codes)
    assert codes[0] == "2" and codes[30] == "z" and codes[31] == "22"
    assert all(len(code) == 1 for code in codes[:31]) and all(len(code) == 2 for code in codes[31:31 + 961])
    assert not any(set(code) & set("01ilo") for code in codes), "0/o and 1/l/i look alike on paper"


@pytest.mark.parametrize("base", [PARTNER, "https://rodnik.example/kz/", "https://a.kz/"])
def test_every_language_fits_qr_version_3_at_error_correction_m_or_better(base):
    base = base[:24]
    for lang in LANGS:
        for code in (shortlinks.code_for(0), shortlinks.code_for(960 + 31 - 1)):  # 1 and 2 characters
            plan = shortlinks.qr_plan(base + shortlinks.link_path(lang, code))
            assert plan is not None and plan.version <= 3 and plan.level in ("M", "Q", "H"), (base, lang, code, plan)


def test_the_documented_example():
    url = PARTNER + shortlinks.link_path("ky", "2")
    assert url == "https://partner.example/s/ky2/" and len(url) == 30
    assert shortlinks.qr_plan(url) == shortlinks.QrPlan(3, "Q")


def test_qr_matrix_has_a_quiet_zone_and_the_planned_size():
    matrix, plan = shortlinks.qr_matrix(PARTNER + "s/ky2/")
    assert len(matrix) == 17 + 4 * plan.version + 8
    assert not any(matrix[0]) and not any(row[0] for row in matrix)


# The base URL

def test_base_url_comes_from_the_option_then_the_environment_then_site_url(monkeypatch):
    monkeypatch.setenv("LEAFLET_BASE_URL", "https://mirror.example/sub")
    assert shortlinks.base_url("https://flag.example/").url == "https://flag.example/"
    base = shortlinks.base_url()
    assert base.url == "https://mirror.example/sub/" and base.printed == "mirror.example/sub/" and not base.placeholder
    monkeypatch.delenv("LEAFLET_BASE_URL")
    monkeypatch.setattr(shortlinks.site_config, "load", lambda *a: {"site_url": "https://site.example"})
    base = shortlinks.base_url()
    assert base.url == "https://site.example/" and base.origin.startswith("mkdocs.yml:")
    monkeypatch.setattr(shortlinks.site_config, "load", lambda *a: {"site_url": ""})
    base = shortlinks.base_url()
    assert base.placeholder and base.url == shortlinks.PLACEHOLDER_BASE_URL


@pytest.mark.parametrize("value", ["http://partner.example/", "ftp://x.kz/", "partner.example", "https://x.kz/?a=1",
                                   "https://пример.kz/"])
def test_base_url_must_be_plain_https(monkeypatch, value):
    monkeypatch.setenv("LEAFLET_BASE_URL", value)
    with pytest.raises(ShortLinkError, match=r"^LEAFLET_BASE_URL \(environment\): Must"):
        shortlinks.base_url()


def test_base_url_too_long_for_the_qr_target_is_refused_naming_its_origin():
    base = BaseUrl("https://partner-organisation.example.org/mirror/", "LEAFLET_BASE_URL (environment)")
    with pytest.raises(ShortLinkError, match=r"^LEAFLET_BASE_URL \(environment\): Must be at most \d+ characters"):
        shortlinks.check_fits(base, ["s/ky2/", "s/ru22/"])
    shortlinks.check_fits(BaseUrl(PARTNER, "x"), ["s/ky2/", "s/ru22/"])


# The registry

def test_new_pages_get_codes_in_navigation_order_and_the_file_only_grows(tmp_path):
    path = registry_file(tmp_path, "")
    nav = site_config.nav_pages()
    first, second = nav[2], nav[1]
    registry = shortlinks.load_registry(path)
    added = shortlinks.issue(registry, pages(first, second))
    registry.save()
    assert [entry.id for entry in registry.entries] == [second, first]
    assert [entry.code for entry in registry.entries] == ["2", "3"]
    assert len(added) == 4
    before = path.read_text(encoding="utf-8")
    registry = shortlinks.load_registry(path)
    shortlinks.issue(registry, pages(first, second, "zz-new-page"))
    registry.save()
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before), "earlier entries are never rewritten"
    assert shortlinks.load_registry(path).by_id()["zz-new-page"].code == "4"
    assert shortlinks.issue(shortlinks.load_registry(path), pages(first, second, "zz-new-page")) == []


def test_ids_and_languages_that_look_like_booleans_stay_text(tmp_path):
    path = registry_file(tmp_path, "")
    registry = shortlinks.load_registry(path)
    shortlinks.issue(registry, {"ru": [page("no")]})
    registry.save()
    assert shortlinks.load_registry(path).entries[0].id == "no"


def test_renamed_page_keeps_its_link(tmp_path):
    path = registry_file(tmp_path, '- {id: "arrival", code: "2", languages: ["ru", "ky"]}\n')
    renamed = {"ru": [page("arrival", url="first-days.html")], "ky": [page("arrival", "ky", url="ky/first-days.html")]}
    links = shortlinks.resolve(shortlinks.load_registry(path), renamed)
    assert {(link.path, link.target.url) for link in links} == {("s/ru2/", "first-days.html"), ("s/ky2/", "ky/first-days.html")}


def test_removed_page_without_a_replacement_stops_the_build_naming_the_line(tmp_path):
    path = registry_file(tmp_path, '- {id: "arrival", code: "2", languages: ["ru"]}\n'
                                   '- {id: "old-guide", code: "3", languages: ["ru", "ky"]}\n')
    line = shortlinks.HEADER.count("\n") + 2
    with pytest.raises(ShortLinkError) as error:
        shortlinks.resolve(shortlinks.load_registry(path), pages("arrival"))
    message = str(error.value)
    assert f"data/shortlinks.yml:{line}: Must keep s/ru3/ resolving" in message.replace(str(tmp_path) + "/", "")
    assert "s/ky3/" in message and "replaced_by" in message


def test_removed_page_leads_to_a_page_that_says_where_to_go(tmp_path):
    path = registry_file(tmp_path, '- {id: "arrival", code: "2", languages: ["ru", "ky"]}\n'
                                   '- {id: "old-guide", code: "3", languages: ["ru", "ky"], replaced_by: "arrival"}\n')
    links = {link.path: link for link in shortlinks.resolve(shortlinks.load_registry(path), pages("arrival"))}
    removed = links["s/ky3/"]
    assert removed.removed and removed.target.id == "arrival"
    html = shortlinks.redirect_html(removed)
    ui = interface_strings.load("ky")
    assert ui["shortlink.removed"] in html and 'href="../../ky/arrival.html"' in html
    assert "http-equiv" not in html, "the reader is told, not silently sent elsewhere"


def test_replacements_are_followed_through_removed_pages(tmp_path):
    path = registry_file(tmp_path, '- {id: "arrival", code: "2", languages: ["ru"]}\n'
                                   '- {id: "older", code: "3", languages: ["ru"], replaced_by: "old"}\n'
                                   '- {id: "old", code: "4", languages: ["ru"], replaced_by: "arrival"}\n')
    links = {link.path: link for link in shortlinks.resolve(shortlinks.load_registry(path), pages("arrival", langs=("ru",)))}
    assert links["s/ru3/"].target.id == links["s/ru4/"].target.id == "arrival"


def test_replacement_must_be_a_page_that_exists(tmp_path):
    path = registry_file(tmp_path, '- {id: "old", code: "2", languages: ["ru"], replaced_by: "nowhere"}\n')
    with pytest.raises(ShortLinkError, match=r"Must replace removed page 'old' by a page that exists: 'nowhere'"):
        shortlinks.resolve(shortlinks.load_registry(path), pages("arrival", langs=("ru",)))


@pytest.mark.parametrize("text, expected", [
    ('- {id: "a", code: "2", languages: ["ru"]}\n- {id: "b", code: "2", languages: ["ru"]}\n', "Must not reuse code '2'"),
    ('- {id: "a", code: "2", languages: ["ru"]}\n- {id: "a", code: "3", languages: ["ru"]}\n', "Must list id 'a' once"),
    ('- {id: "a", code: "0", languages: ["ru"]}\n', "Must keep the issued code of 'a'"),
    ('- {id: "a", languages: ["ru"]}\n', "Must be an entry"),
    ('- {id: "a", code: "2", languages: [ru}\n', "Must be valid YAML"),
    ('- {id: "a", code: "2", code: "3", languages: ["ru"]}\n', "Must not repeat the key 'code'"),
    ('- {id: "a", code: "3", languages: ["ru"]}\n', "Must have code '2' here, not '3'"),
    ('- {id: "a", code: "2", languages: ["ru"]}\n- {id: "c", code: "4", languages: ["ru"]}\n', "Must have code '3' here"),
    ('- &a {id: "a", code: "2", languages: ["ru"]}\n- *a\n', "Must not use YAML anchors or aliases"),
])
def test_a_damaged_registry_is_refused_with_its_line(tmp_path, text, expected):
    path = registry_file(tmp_path, text)
    with pytest.raises(ShortLinkError, match=re.escape(expected)) as error:
        shortlinks.load_registry(path)
    assert re.search(r"shortlinks\.yml:\d+: ", str(error.value))


def test_a_language_removed_from_mkdocs_yml_would_break_its_links(tmp_path):
    path = registry_file(tmp_path, '- {id: "arrival", code: "2", languages: ["ru", "de"]}\n')
    with pytest.raises(ShortLinkError, match=r"Must keep resolving s/de2/: language 'de' is no longer in mkdocs.yml"):
        shortlinks.resolve(shortlinks.load_registry(path), pages("arrival"))


def test_a_one_language_preview_build_checks_only_that_language(tmp_path):
    path = registry_file(tmp_path, '- {id: "arrival", code: "2", languages: ["ru", "ky"]}\n')
    links = shortlinks.resolve(shortlinks.load_registry(path), {"ky": [page("arrival", "ky", url="arrival.html")]})
    assert [(link.path, link.target.url) for link in links] == [("s/ky2/", "arrival.html")]


# Redirect pages

def test_redirect_page_is_relative_with_meta_refresh_and_a_visible_link():
    link = shortlinks.Link("ky", "arrival", "3", page("arrival", "ky"))
    html = shortlinks.redirect_html(link)
    assert '<meta http-equiv="refresh" content="0; url=../../ky/arrival.html">' in html
    assert '<a href="../../ky/arrival.html" lang="ky">Title of arrival</a>' in html
    assert '<html lang="ky"' in html and "<script" not in html
    assert not re.search(r'(href|url)=["\']?(/|https?:)', html), "relative only: domain root, sub-path and file://"


def test_redirect_of_an_untranslated_page_marks_its_title_russian():
    link = shortlinks.Link("tg", "arrival", "3", page("arrival", "tg", text_lang="ru"))
    assert 'lang="ru">Title of arrival</a>' in shortlinks.redirect_html(link)


# Pages the leaflets cannot use

def test_page_without_id_or_summary_or_with_a_used_id_is_named_with_its_line():
    problems = shortlinks.page_problems([
        page(None, source="docs/ru/a.md"),
        page("b", source="docs/ru/b.md", summary=()),
        page("c", source="docs/ru/c.md"),
        page("c", source="docs/ru/d.md"),
        page("search", kind="search", summary=()),
    ])
    assert problems[0].startswith("docs/ru/a.md:2: Must have an id")
    assert problems[1].startswith("docs/ru/b.md:5: Must have a summary")
    assert problems[2].startswith("docs/ru/d.md:2: Must have an id of its own: 'c' is already the id of docs/ru/c.md")
    assert len(problems) == 3


def test_translation_must_keep_the_id_of_the_page_it_translates():
    problems = shortlinks.translation_problems(
        {"ru": [page("arrival")], "ky": [page("arrival-ky", "ky", source="docs/ky/arrival.md")]}, "ru")
    assert problems == ["docs/ky/arrival.md:2: Must keep the id of the page it translates: 'arrival' "
                        "(docs/ru/arrival.md), not 'arrival-ky'"]
