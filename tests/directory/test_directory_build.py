"""The directory in a real build of a miniature site: its pages in every language, what a family
sees and taps, the open data, and the build stopping on bad input with file:line and nothing published.
"""
from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import pytest
from directory_site import CENTRE, LINE, make_project, mkdocs_build, run

from scripts.core import site_config
from scripts.directory import services

LANGS = site_config.language_codes()


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("directory") / "project")


@pytest.fixture(scope="module")
def site(project, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("directory-site") / "site"
    result = mkdocs_build(project, target)
    assert result.returncode == 0, result.stderr[-3000:]
    return target


def folder(site: Path, lang: str) -> Path:
    return site / ("" if lang == site_config.default_language() else lang) / "directory"


def html(site: Path, lang: str, name: str) -> str:
    return (folder(site, lang) / f"{name}.html").read_text(encoding="utf-8")


def test_every_language_has_the_same_directory_pages(site):
    expected = {"index.html", "test-centre.html", "test-line.html", "test-closed.html", "test-centre.vcf", "test-line.vcf",
                "city-almaty.html", "city-nationwide.html", "city-astana.html"}  # Astana: only an inactive entry; its page stays
    expected |= {f"category-{category}.html" for category in services.categories()}  # every category, even empty
    for lang in LANGS:
        assert {path.name for path in folder(site, lang).iterdir()} == expected, lang


def test_service_page_dials_saves_and_maps(site):
    page = html(site, "ru", "test-centre")
    assert '<a class="site-service__tel" href="tel:+77272697059">+7 7272 69 70 59</a>' in page
    assert 'href="https://wa.me/77001234567"' in page
    assert ('href="https://www.openstreetmap.org/?mlat=43.2389&amp;mlon=76.8897#map=17/43.2389/76.8897" '
            'rel="noopener noreferrer external"') in page
    assert '<a href="test-centre.vcf" download type="text/vcard">' in page
    assert "Давно не проверялось: позвоните, прежде чем идти." in page  # assured 400 days ago
    assert '<th scope="row">Понедельник</th><td>09:00–18:00</td>' in page
    assert '<th scope="row">Воскресенье</th><td>закрыто</td>' in page
    assert 'href="#source-s1">[1]</a>' in page and '<li id="source-s1">' in page
    card = (folder(site, "ru") / "test-centre.vcf").read_text(encoding="utf-8").replace("\r\n ", "")
    assert "TEL;TYPE=VOICE:+77272697059" in card and "GEO:43.2389;76.8897" in card and "позвоните" in card


def test_checked_entry_and_languages(site):
    english = html(site, "en", "test-line")
    assert "Checked by a person on" in english and "not verified" not in english.lower()
    assert "site-notice--fallback" not in english  # its text exists in English
    kyrgyz = html(site, "ky", "test-line")
    assert "site-notice--fallback" in kyrgyz and '<p lang="ru">Линия для проверки справочника.</p>' in kyrgyz
    assert '<div class="site-service" lang="ky">' in kyrgyz
    links = dict(re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)" class="md-select__link"', kyrgyz))
    assert links["../../directory/test-line.html"] == "ru" and links["../../en/directory/test-line.html"] == "en"


def test_lists_put_almaty_first_and_leave_out_inactive_entries(site):
    index = html(site, "ru", "index")
    assert "test-closed.html" not in index and "test-closed" not in html(site, "ru", "city-almaty")
    assert index.index('id="legal-aid-almaty"') < index.index('id="helpline-nationwide"')
    assert (folder(site, "ru") / "test-closed.html").exists()  # its page stays for old links
    assert "Здесь пока нет служб." in html(site, "ru", "city-astana") and 'href="city-astana.html"' not in index
    assert "Эта служба больше не работает." in html(site, "ru", "test-closed")


def test_guide_markers_become_links_that_resolve(site):
    for lang in LANGS:
        base = site / ("" if lang == "ru" else lang)
        guide = (base / "get-help.html").read_text(encoding="utf-8")
        assert "<!-- services:" not in guide
        targets = set(re.findall(r'href="(directory/[^"#]+)', guide))
        assert {"directory/test-line.html", "directory/test-centre.html", "directory/index.html"} <= targets, lang
        assert all((base / target).is_file() for target in targets)
        assert 'href="directory/test-line.html#contacts"' in guide


def test_nothing_third_party_and_no_inline_style_or_script(site):
    for path in site.rglob("directory/*.html"):
        text = path.read_text(encoding="utf-8")
        assert "<script" not in text and " style=" not in text, path
        assert not re.search(r'<(img|link|iframe)[^>]+(src|href)="https?://', text), path


def test_pages_are_written_as_every_page_trimmed_linking_the_one_stylesheet_icons_drawn(site):
    link = re.compile(r'<link rel="stylesheet" href="(?:\.\./)*(assets/stylesheets/site\.[0-9a-f]{8}\.min\.css)">')
    guide = link.findall((site / "get-help.html").read_text(encoding="utf-8"))
    assert len(guide) == 1 and (site / guide[0]).is_file()
    for lang in LANGS:
        for name in ("index", "test-centre", "city-almaty"):
            page = html(site, lang, name)
            assert link.findall(page) == guide, (lang, name)
            assert 'class="site-i site-i-' in page and "<path" not in page, (lang, name)
            assert "\n " not in page, (lang, name)


def test_page_weight_within_the_budget(site):
    css = sum(len(gzip.compress(path.read_bytes())) for path in (site / "assets").rglob("*.css"))
    for name in ("index", "test-centre", "category-helpline"):
        weight = len(gzip.compress((folder(site, "ky") / f"{name}.html").read_bytes()))
        assert weight <= 12 * 1024, (name, weight)
        assert weight + css <= 60 * 1024, (name, weight + css)


def test_open_data_published_once_at_the_root(site, project):
    data = site / "data"
    assert sorted(path.name for path in data.iterdir()) == ["datapackage.json", "directory.csv", "service.schema.json", "services.json"]
    assert not (site / "ky" / "data").exists()
    assert (data / "service.schema.json").read_text() == (project / "schemas" / "service.schema.json").read_text()
    items = json.loads((data / "services.json").read_text(encoding="utf-8"))
    assert sorted(item["x_directory"]["id"] for item in items) == ["test-centre", "test-closed", "test-line"]
    centre = next(item for item in items if item["x_directory"]["id"] == "test-centre")
    assert centre["x_directory"]["pages"]["ky"] == "ky/directory/test-centre.html"
    assert all((site / path).is_file() for item in items for path in item["x_directory"]["pages"].values())


def test_leaflet_records_cover_directory_pages(site):
    records = json.loads((site / "leaflets" / "pages-ky.json").read_text(encoding="utf-8"))
    by_id = {record["id"]: record for record in records}
    assert {"directory", "test-centre", "directory-helpline", "directory-almaty"} <= set(by_id)
    assert by_id["test-centre"]["url"] == "ky/directory/test-centre.html"
    assert len(by_id["test-centre"]["summary"]) == 2 and all(len(line) <= 80 for line in by_id["test-centre"]["summary"])


# Bad input stops the build: file:line, what to do, and the previous site left as it was.

BAD = {  # file text, a text on the line the message must name (None: line 1), words of the message
    "yaml syntax": (LINE.replace("status: active", "status: [active"), "status: [active", "Must be valid YAML"),
    "unknown field": (LINE.replace("fees: free", "feez: free"), "feez: free", "Must not have the field 'feez'"),
    "missing field": (LINE.replace("categories: [helpline]\n", ""), None, "Must have the field 'categories'"),
    "bad phone number": (CENTRE.replace("+77272697059", "+7727269705"), "+7727269705", "Must be a phone number in use"),
    "coordinates outside": (CENTRE.replace("longitude: 76.8897", "longitude: 7.8897"), "latitude:", "Must place the service in Kazakhstan"),
    "unknown category": (LINE.replace("[helpline]", "[hotline]"), "[hotline]", "Must use a category of the directory"),
    "unknown language": (LINE.replace("  en: Test line 111", "  kg: Test line 111"), "kg: Test", "Must use a language of the site"),
    "opening hours": (LINE.replace("24/7", "Mo-Fx 9-18"), "Mo-Fx 9-18", "Must write opening hours in OpenStreetMap"),
}


def line_of(text: str, needle: str | None) -> int:
    return 1 if needle is None else next(n for n, line in enumerate(text.split("\n"), 1) if needle in line)


@pytest.mark.parametrize("case", sorted(BAD) + ["duplicate id", "unknown marker category", "guide with a directory page's id"])
def test_bad_input_stops_the_build_with_file_and_line(project, tmp_path, case):
    copy = shutil.copytree(project, tmp_path / "project")
    previous = tmp_path / "site"
    previous.mkdir()
    (previous / "index.html").write_text("previous site")
    options = []
    if case == "duplicate id":
        (copy / "data" / "services" / "zz-copy.yml").write_text(LINE, encoding="utf-8")
        expected = "data/services/zz-copy.yml:1: Must have an id of its own: 'test-line' is already the id of data/services/test-line.yml"
    elif case == "guide with a directory page's id":
        guide = copy / "docs" / "ru" / "get-help.md"
        guide.write_text(guide.read_text(encoding="utf-8").replace("\nid: get-help\n", "\nid: directory-almaty\n"), encoding="utf-8")
        line = guide.read_text(encoding="utf-8").split("\n").index("id: directory-almaty") + 1
        expected = (f"docs/ru/get-help.md:{line}: Must have an id of its own: 'directory-almaty' is already the id of "
                    "data/services/ (city almaty)")
        # Found once every language is built: the guide's own language alone gives the same message (3.6 -> 1.1 CPU-s).
        options = ["--lang", "ru"]
    elif case == "unknown marker category":
        guide = copy / "docs" / "ru" / "get-help.md"
        guide.write_text(guide.read_text(encoding="utf-8").replace("helpline legal-aid", "helpline lawyers"), encoding="utf-8")
        line = guide.read_text(encoding="utf-8").split("\n").index("<!-- services: helpline lawyers -->") + 1
        expected = f"docs/ru/get-help.md:{line}: Must name directory categories"
    else:
        text, needle, words = BAD[case]
        line = line_of(text, needle)
        (copy / "data" / "services" / "entry.yml").write_text(text, encoding="utf-8")
        (copy / "data" / "services" / ("test-line.yml" if text.startswith("id: test-line") else "test-centre.yml")).unlink()
        expected = f"data/services/entry.yml:{line}: {words}"
    result = run(copy, "-m", "scripts.build_site", "--site-dir", str(previous), *options)
    assert result.returncode == 1, result.stdout[-2000:]
    assert expected in result.stderr, result.stderr[-3000:]
    assert [path.name for path in previous.iterdir()] == ["index.html"]
    assert (previous / "index.html").read_text() == "previous site"
    assert not list(tmp_path.glob(".site-build-*"))


def test_check_reports_the_same_problems_without_building(project, tmp_path):
    copy = shutil.copytree(project, tmp_path / "project")
    (copy / "data" / "services" / "test-line.yml").write_text(LINE.replace("24/7", "Mo-Fx 9-18"), encoding="utf-8")
    code = ("from scripts.directory import services; "
            "print('\\n'.join(f'{p}:{l}: {m}' for p, l, m in services.problems()))")
    result = run(copy, "-c", code)
    assert "data/services/test-line.yml:15: Must write opening hours" in result.stdout, result.stderr


def test_phone_sized_pages_pass_axe_and_never_scroll_sideways(site, browser):
    from pathlib import Path as _Path

    import axe_playwright_python

    from scripts.bench.static_server import Server
    axe = (_Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2)
    problems = []
    page = context.new_page()  # one tab for every page (a new tab per page costs three times the CPU)
    with Server(site) as url:
        for path in ("directory/test-centre.html", "ky/directory/test-line.html", "en/directory/index.html",
                     "kk/directory/category-shelter.html", "tg/get-help.html"):
            page.goto(url + path)
            if page.evaluate("document.documentElement.scrollWidth") > 360:
                problems.append(f"{path}: scrolls sideways")
            page.evaluate(axe)
            result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
            problems += [f"{path}: {v['id']} ({v['impact']})" for v in result["violations"] if v["impact"] in ("serious", "critical")]
            if "test-centre" in path:
                box = page.locator(".site-service__tel").first.bounding_box()
                if box["height"] < 40:
                    problems.append(f"{path}: the number to tap is {box['height']:.0f} px high")
    context.close()
    assert not problems, "\n".join(problems)
