"""The built site: every page in every language, switcher targets, fallback, strings, no third party."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, languages, page_file
from scripts.core import site_config

NAV = site_config.nav_pages()
RESOURCE_ATTRS = re.compile(r'<(script|img|iframe|source|video|audio|embed|object|link)\b[^>]*?\b(src|href|data)="([^"]+)"', re.I)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")
ABSOLUTE = re.compile(r"^(https?:)?//", re.I)


@pytest.mark.parametrize("lang", languages())
def test_every_language_has_every_page(built_site, lang):
    missing = [slug for slug in NAV if not page_file(built_site, lang, slug).exists()]
    assert not missing, f"{lang}: missing pages {missing}"


@pytest.mark.parametrize("lang", languages())
def test_switcher_leads_to_same_page_in_each_language(built_site, lang):
    for slug in NAV:
        page = page_file(built_site, lang, slug)
        html = page.read_text(encoding="utf-8")
        targets = dict((code, href) for href, code in re.findall(r'<a href="([^"]+)" hreflang="([a-z]{2})" class="md-select__link"', html))
        assert sorted(targets) == sorted(languages()), f"{page}: switcher lists {sorted(targets)}"
        for code, href in targets.items():
            resolved = (page.parent / href).resolve()
            assert resolved == page_file(built_site, code, slug).resolve(), f"{page}: {code} -> {href}"


def test_no_third_party_resource_in_any_built_file(built_site):
    offenders = []
    for path in built_site.rglob("*"):
        if path.suffix == ".html":
            text = path.read_text(encoding="utf-8", errors="replace")
            offenders += [(path, url) for _, _, url in RESOURCE_ATTRS.findall(text) if ABSOLUTE.match(url)]
        elif path.suffix == ".css":
            text = path.read_text(encoding="utf-8", errors="replace")
            offenders += [(path, url) for url in CSS_URL.findall(text) if ABSOLUTE.match(url)]
    assert not offenders, offenders[:10]


def test_pages_declare_a_same_origin_content_security_policy(built_site):
    html = page_file(built_site, "ky", "arrival").read_text(encoding="utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'self'" in policy and "http" not in policy


def test_no_page_loads_material_javascript_or_web_fonts(built_site):
    for lang in languages():
        html = page_file(built_site, lang, "arrival").read_text(encoding="utf-8")
        assert "<script" not in html, f"{lang}/arrival: guide pages load no script"
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


@pytest.mark.parametrize("lang", languages())
def test_emergency_numbers_on_every_page(built_site, lang):
    for slug in NAV:
        html = page_file(built_site, lang, slug).read_text(encoding="utf-8")
        for number in ("112", "102", "103", "111"):
            assert f'href="tel:{number}"' in html, f"{lang}/{slug}: no tel:{number}"


def test_interface_strings_have_the_same_keys_in_every_language():
    reference = set(yaml.safe_load((ROOT / "i18n/ru.yml").read_text(encoding="utf-8")))
    for lang in languages():
        keys = set(yaml.safe_load((ROOT / f"i18n/{lang}.yml").read_text(encoding="utf-8")))
        assert keys == reference, f"i18n/{lang}.yml: missing {sorted(reference - keys)}, extra {sorted(keys - reference)}"


def _english_strings(lang: str) -> set[str]:
    """English interface text that must not show on a `lang` page: Material's English strings
    (its fallback) and ours, except where the language's own string is the same word ("Astana")."""
    import material
    en = Path(material.__file__).parent / "templates/partials/languages/en.html"
    values = set(re.findall(r'"[a-z.]+": "([^"]+)"', en.read_text(encoding="utf-8")))
    ours = yaml.safe_load((ROOT / "i18n/en.yml").read_text(encoding="utf-8"))
    theirs = yaml.safe_load((ROOT / f"i18n/{lang}.yml").read_text(encoding="utf-8"))
    values |= {str(value) for key, value in ours.items() if key not in ("language", "direction")}
    values -= {str(value) for value in theirs.values()}
    return {value for value in values if len(value) > 3 and not value.startswith("#")}


@pytest.mark.parametrize("lang", [code for code in languages() if code not in ("en", "ru")])
def test_no_english_interface_word_on_other_language_pages(built_site, lang):
    english = _english_strings(lang)
    for slug in NAV:
        html = page_file(built_site, lang, slug).read_text(encoding="utf-8")
        chrome = re.sub(r'<article.*?</article>', "", html, flags=re.S)  # the page's own text aside
        found = sorted(word for word in english if re.search(r"[>\"]\s*" + re.escape(word) + r"\s*[<\"]", chrome))
        assert not found, f"{lang}/{slug}: English interface text {found}"


def test_language_names_in_their_own_script(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    for name in ("Русский", "Кыргызча", "Тоҷикӣ", "Oʻzbekcha", "Қазақша", "English"):
        assert name in html


def test_links_are_relative_so_the_site_works_under_any_path(built_site):
    html = page_file(built_site, "ky", "arrival").read_text(encoding="utf-8")
    internal = re.findall(r'(?:href|src)="(/[^"]*)"', html)
    assert not internal, f"root-absolute links break sub-path mirrors and file://: {internal[:5]}"
