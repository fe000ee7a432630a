"""Leaflets as a family's phone sees them: every PDF rasterised, every QR code decoded and followed.

Two builds are checked: the site as `make site` builds it (conftest's built_site, QR codes to
the configured base URL) and the same site's leaflets remade for a mirror whose base URL has the
24 characters the issue allows (the densest QR codes we promise).
"""
from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
import zxingcpp
from pdf_text import squeezed

from conftest import copy_project
from scripts.core import interface_strings, site_config, situations
from scripts.directory import services
from scripts.leaflets import render, shortlinks

MIRROR = "https://partner.example/"  # 24 characters
LANGS = site_config.language_codes()
LANGUAGE_NAMES = {language.code: language.name for language in site_config.languages()}
A6_MM, A4_MM = (105, 148), (210, 297)
SPECIAL_LETTERS = "әғқңөұүһіӣӯҳҷʻ"


# Builds

@pytest.fixture(scope="module")
def default_build(built_site):
    return built_site, shortlinks.base_url(), shortlinks.load_registry(shortlinks.REGISTRY)


@pytest.fixture(scope="module")
def mirror_build(built_site, tmp_path_factory):
    """The built site with its leaflets remade for a mirror (python -m scripts.leaflets --base-url),
    from a sample of its pages: in the default language, one page of each kind (mirror_sample).
    The default build makes every page in every language with the same code; what a mirror
    changes is the base URL, which each kind of PDF, short link and the sitemap carries alike, so
    a full second set would only double the slowest step of the tests. The site's manifest and
    registry are cut to the sample, as if the site had only these pages."""
    site = tmp_path_factory.mktemp("mirror") / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("leaflets"))
    (site / "leaflets").mkdir()
    default = site_config.default_language()
    sample = mirror_sample(built_site, default)
    shortlinks.write_manifest(site, default, sample)
    registry = shortlinks.load_registry(shortlinks.REGISTRY)
    kept = {record.id for record in sample}
    for entry in registry.entries:  # codes stay where they are; the pages left out have no link in this language
        entry.languages = [lang for lang in entry.languages if lang != default or entry.id in kept]
    registry.path = site.parent / "shortlinks.yml"
    registry.save()
    recorded = registry.path.read_bytes()
    report = render.build_into(site, MIRROR, registry=registry.path, quiet=True)
    assert report.base.url == MIRROR
    assert registry.path.read_bytes() == recorded, "a build outside the project records nothing"
    return site, report.base, shortlinks.load_registry(registry.path)


def mirror_sample(site: Path, lang: str) -> list[shortlinks.PageRecord]:
    """One page of each kind in `lang`: each type, a directory entry (data/services/<id>.yml) apart
    from the directory's lists, each with its longest short link, so the sample's QR codes are the
    densest of the site's (the mirror's base URL is the longest allowed)."""
    links = short_links(site)
    records = manifests(site)[lang]
    longest = {}
    for record in records:
        kind = (record.type, record.source.endswith(".yml"))
        link = links.get((lang, record.id), "")
        if kind not in longest or len(link) > len(links.get((lang, longest[kind].id), "")):
            longest[kind] = record
    sample = list(longest.values())
    assert {record.type for record in sample} >= {"home", "guide", "directory", situations.TYPE, "search"}
    sampled = [links[(lang, record.id)] for record in sample if shortlinks.gets_short_link(record)]
    assert max(map(len, sampled)) == max(len(link) for link in links.values())
    return sample


@pytest.fixture(params=["default", "mirror"])
def build(request):
    return request.getfixturevalue(f"{request.param}_build")


def manifests(site: Path) -> dict:
    return shortlinks.read_manifests(site)


def leaflet_pages(site: Path):
    for lang, records in manifests(site).items():
        for record in records:
            if shortlinks.gets_short_link(record):
                yield lang, record


def short_links(site: Path) -> dict[tuple[str, str], str]:
    """(lang, id) -> short link path, as this build issued them (leaflets/shortlinks.json)."""
    return {(row["lang"], row["id"]): row["link"] for row in shortlinks.read_index(site) if not row["removed"]}


def expected_codes(site: Path, base, registry) -> dict[str, list[str]]:
    """Every PDF of the site -> the URLs its QR codes must hold."""
    links = short_links(site)

    def url(lang, page_id):
        return base.url + links[(lang, page_id)]

    expected = {}
    for lang, record in leaflet_pages(site):
        expected[f"leaflets/{lang}/{record.id}.pdf"] = [url(lang, record.id)]
        expected[f"leaflets/sheets/{lang}/{record.id}.pdf"] = [url(lang, record.id)] * 4
    homes = {lang: next(r.id for r in records if r.type == "home") for lang, records in manifests(site).items()}
    expected["leaflets/poster.pdf"] = [url(lang, homes[lang]) for lang in manifests(site)]
    for lang, records in manifests(site).items():
        directory = sorted((r for r in records if r.type == "directory"), key=lambda r: (len(r.url), r.url))
        expected[f"leaflets/contacts/{lang}.pdf"] = [url(lang, (directory[0].id if directory else homes[lang]))]
    for lang, record in situation_pages(site):  # "show this" cards: the QR code on the back
        expected[f"leaflets/cards/{lang}/{record.id}.pdf"] = [url(lang, record.id)]
        expected[f"leaflets/cards/sheets/{lang}/{record.id}.pdf"] = [url(lang, record.id)] * 10
    return expected


def situation_pages(site: Path):
    return [(lang, record) for lang, record in leaflet_pages(site) if record.type == situations.TYPE]


# What a phone camera sees

def decode(pdf: Path, dpi: int) -> list:
    """The QR codes on every page (a wallet card has its code on the back)."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        images = [page.render(scale=dpi / 72, grayscale=True).to_pil() for page in document]
    finally:
        document.close()
    return [code for image in images for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def module_mm(result, dpi: int) -> float:
    version = int(result.extra["Version"])
    corners = result.position
    width = math.dist((corners.top_left.x, corners.top_left.y), (corners.top_right.x, corners.top_right.y))
    height = math.dist((corners.top_left.x, corners.top_left.y), (corners.bottom_left.x, corners.bottom_left.y))
    return min(width, height) / (17 + 4 * version) / dpi * 25.4


def test_every_pdf_is_there_and_nothing_else(build):
    site, base, registry = build
    expected = expected_codes(site, base, registry)
    found = sorted(path.relative_to(site).as_posix() for path in (site / "leaflets").rglob("*.pdf"))
    assert found == sorted(expected)
    assert len(expected) == 2 * len(list(leaflet_pages(site))) + 1 + len(manifests(site)) + 2 * len(situation_pages(site))


@pytest.mark.parametrize("dpi", [150, 72])
def test_every_qr_code_decodes_to_the_pages_short_link(build, dpi):
    site, base, registry = build
    problems = []
    for label, urls in expected_codes(site, base, registry).items():
        if dpi < 150 and label.startswith("leaflets/cards/"):
            continue  # a wallet card's 19 mm code (0.5 mm modules) is read at 150 dpi, as a phone camera sees it
        results = decode(site / label, dpi)
        texts = sorted(result.text for result in results)
        if texts != sorted(urls):
            problems.append(f"{label} at {dpi} dpi: decoded {texts}, expected {sorted(urls)}")
            continue
        for result in results:
            version, level = int(result.extra["Version"]), result.ec_level
            if version > shortlinks.MAX_QR_VERSION or level not in ("M", "Q", "H"):
                problems.append(f"{label}: QR version {version}-{level}, the target is version 3 or lower at M or better")
            if dpi == 150 and module_mm(result, dpi) < render.MIN_MODULE_MM:
                problems.append(f"{label}: QR modules of {module_mm(result, dpi):.2f} mm, at least 0.5 mm needed")
    assert not problems, "\n".join(problems[:20])


def _refresh_target(redirect: Path) -> Path:
    html = redirect.read_text(encoding="utf-8")
    match = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', html)
    assert match, f"{redirect}: no meta refresh"
    target = match.group(1)
    assert not re.match(r"^(/|[a-z]+:)", target), f"{redirect}: {target} is not relative"
    assert f'<a href="{target}"' in html, f"{redirect}: no visible link to {target}"
    assert "<script" not in html
    return (redirect.parent / target).resolve()


def test_every_short_link_resolves_to_its_page_in_its_language(build):
    site, base, registry = build
    links = short_links(site)
    for lang, record in leaflet_pages(site):
        url = base.url + links[(lang, record.id)]
        path = urlsplit(url).path[len(urlsplit(base.url).path):]
        redirect = site / path / "index.html"
        assert redirect.is_file(), f"{url}: no {redirect.relative_to(site)}"
        target = _refresh_target(redirect)
        assert target == (site / record.url).resolve() and target.is_file(), f"{url} -> {target}"
        html = target.read_text(encoding="utf-8")
        assert re.search(rf'<html[^>]* lang="{lang}"', html), f"{url} -> {record.url} is not in {lang}"
        assert f"leaflets/{lang}/{record.id}.pdf" in html, f"{url} -> {record.url} is not the page '{record.id}'"


def test_every_recorded_short_link_has_its_page(default_build):
    site, _base, registry = default_build
    built = set(manifests(site))
    for entry in registry.entries:
        for lang in entry.languages:
            if lang in built:
                assert (site / shortlinks.link_path(lang, entry.code) / "index.html").is_file(), (entry.id, lang)


def test_every_page_has_its_short_link_recorded_in_the_repository(default_build):
    site, _base, registry = default_build
    recorded = {(lang, shortlinks.link_path(lang, entry.code)) for entry in registry.entries for lang in entry.languages}
    missing = sorted(f"{link} ({page_id}, {lang})" for (lang, page_id), link in short_links(site).items()
                     if (lang, link) not in recorded)
    assert not missing, (f"{registry.label}: Must record {len(missing)} new short link(s), e.g. {missing[:3]}: "
                         "run `make site` and commit data/shortlinks.yml with the new pages")


def test_every_page_links_its_leaflet_and_print_sheet(default_build):
    site, _base, _registry = default_build
    for lang, record in leaflet_pages(site):
        page = site / record.url
        html = page.read_text(encoding="utf-8")
        for pdf in (f"leaflets/{lang}/{record.id}.pdf", f"leaflets/sheets/{lang}/{record.id}.pdf"):
            href = os.path.relpath(site / pdf, page.parent).replace(os.sep, "/")
            assert f'href="{href}"' in html, f"{record.url}: no link to {pdf}"
            assert (site / pdf).is_file()


# What the leaflets say

def _text(pdf: Path) -> str:
    document = pdfium.PdfDocument(str(pdf))
    try:
        return squeezed(document[0].get_textpage().get_text_range())
    finally:
        document.close()


def test_a6_leaflets_carry_everything_and_cut_nothing(build):
    site, base, registry = build
    links = short_links(site)
    for lang, record in leaflet_pages(site):
        ui = render.strings(lang)
        text = _text(site / f"leaflets/{lang}/{record.id}.pdf")
        wanted = [record.title, *record.summary, base.printed + links[(lang, record.id)],
                  ui["emergency.title"], LANGUAGE_NAMES[lang]]
        if record.reviewed:
            wanted.append(ui["page.reviewed"].replace("{date}", interface_strings.day_month_year(record.reviewed)))
        elif record.type == "directory" and record.source.endswith(".yml"):
            wanted.append(ui["directory.unverified"])  # a directory entry nobody has checked yet
        wanted += [number + ui[f"emergency.{number}"] for number in render.EMERGENCY]
        if record.fallback:
            wanted.append(ui["leaflet.untranslated"])
        missing = [item for item in wanted if squeezed(item) not in text]
        assert not missing, f"leaflets/{lang}/{record.id}.pdf lacks {missing}"


def test_the_poster_says_scan_in_every_language(default_build):
    site, _base, _registry = default_build
    text = _text(site / "leaflets/poster.pdf")
    for lang in manifests(site):
        assert squeezed(render.strings(lang)["leaflet.poster"]) in text, lang
        assert squeezed(LANGUAGE_NAMES[lang]) in text, lang


def _page_size_mm(pdf: Path, pages: int = 1) -> tuple[int, int]:
    document = pdfium.PdfDocument(str(pdf))
    try:
        assert len(document) == pages, f"{pdf}: {len(document)} pages"
        width, height = document[0].get_size()
        return round(width / 72 * 25.4), round(height / 72 * 25.4)
    finally:
        document.close()


def _fonts(pdf: Path) -> set[tuple[str, bool]]:
    import ctypes
    document = pdfium.PdfDocument(str(pdf))
    found = set()
    try:
        for item in document[0].get_objects(max_depth=4):
            if item.type == pdfium_raw.FPDF_PAGEOBJ_TEXT:
                font = pdfium_raw.FPDFTextObj_GetFont(item.raw)
                size = pdfium_raw.FPDFFont_GetBaseFontName(font, None, 0)
                buffer = ctypes.create_string_buffer(size)
                pdfium_raw.FPDFFont_GetBaseFontName(font, buffer, size)
                found.add((buffer.value.decode(), bool(pdfium_raw.FPDFFont_GetIsEmbedded(font))))
    finally:
        document.close()
    return found


def test_one_page_of_the_right_size_with_our_fonts_embedded(default_build):
    site, _base, _registry = default_build
    for pdf in sorted((site / "leaflets").rglob("*.pdf")):
        label = pdf.relative_to(site).as_posix()
        is_a6 = label.count("/") == 2 and "/contacts/" not in label
        is_card = label.startswith("leaflets/cards/") and "/sheets/" not in label
        sides = 2 if label.startswith("leaflets/cards/") else 1  # a wallet card and its sheet: fronts, backs
        assert _page_size_mm(pdf, sides) == ((85, 55) if is_card else A6_MM if is_a6 else A4_MM), label
        fonts = _fonts(pdf)
        assert fonts and all(embedded for _, embedded in fonts), f"{label}: {fonts}"
        assert all("Leaflet-" in name for name, _ in fonts), f"{label}: a font other than ours (a missing letter?): {fonts}"


def test_font_files_cover_every_letter_printed(default_build):
    from fontTools.ttLib import TTFont
    site, _base, _registry = default_build
    text = SPECIAL_LETTERS + SPECIAL_LETTERS.upper() + "".join(LANGUAGE_NAMES.values())
    for _lang, record in leaflet_pages(site):
        text += record.title + "".join(record.summary)
    for lang in LANGS:
        text += "".join(render.strings(lang).values())
    letters = {char for char in text if not char.isspace()}
    for key in ("regular", "bold"):
        cmap = TTFont(str(render.FONTS[key])).getBestCmap()
        missing = sorted(char for char in letters if ord(char) not in cmap)
        assert not missing, f"{render.FONTS[key]} lacks {missing}"


def _pixels(pdf: Path, dpi: int = 50):
    document = pdfium.PdfDocument(str(pdf))
    try:
        return document[0].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        document.close()


def test_print_sheets_are_black_and_white_with_crop_marks(default_build):
    site, _base, _registry = default_build
    sheets = sorted((site / "leaflets/sheets").rglob("*.pdf"))
    assert sheets
    for sheet in sheets[:: max(1, len(sheets) // 6)]:
        image = _pixels(sheet, 150)
        colours = [colour for _, colour in image.getcolors(maxcolors=1 << 20) if max(colour) - min(colour) > 8]
        assert not colours, f"{sheet}: colour {colours[:3]}"
        mm = 150 / 25.4
        for x, y in [(105, 6.5), (105, 290.5), (6.5, 148.5), (203.5, 148.5), (105, 148.5)]:
            box = image.crop((round(x * mm) - 2, round(y * mm) - 2, round(x * mm) + 3, round(y * mm) + 3))
            assert min(pixel[0] for _, pixel in box.getcolors()) < 128, f"{sheet}: no crop mark at {x}, {y} mm"


A6_PLACES_MM = [(0, 0.25), (105, 0.25), (0, 148.75), (105, 148.75)]  # templates/sheet.html: left, top


def test_a_print_sheet_holds_its_leaflet_in_each_quarter_and_nothing_else(default_build):
    """The sheet is made from the leaflet's own page (scripts/leaflets/imposition.py): each
    quarter's text is the leaflet's, in the order a reader reads it."""
    site, _base, _registry = default_build
    sheets = sorted((site / "leaflets/sheets").rglob("*.pdf"))
    for sheet_path in sheets[:: max(1, len(sheets) // 12)]:
        leaflet = pdfium.PdfDocument(str(site / "leaflets" / sheet_path.relative_to(site / "leaflets/sheets")))
        sheet = pdfium.PdfDocument(str(sheet_path))
        try:
            expected = squeezed(leaflet[0].get_textpage().get_text_range())
            page = sheet[0]
            text, height = page.get_textpage(), page.get_height()
            assert len(sheet) == 1 and squeezed(text.get_text_range()) == expected * 4, sheet_path
            for left_mm, top_mm in A6_PLACES_MM:
                left, top = left_mm * render.MM, height - top_mm * render.MM
                found = text.get_text_bounded(left, top - 148 * render.MM, left + 105 * render.MM, top)
                assert squeezed(found) == expected, (sheet_path, left_mm, top_mm)
        finally:
            leaflet.close()
            sheet.close()


# Directory leaflet: verified entries only

def test_directory_leaflet_without_verified_entries_says_so(default_build):
    site, _base, _registry = default_build
    today = dt.date.today()
    if any(services.verified_recently(service.data, today) for service in services.load()):
        pytest.skip("some entries are verified: see the next test")
    for lang in manifests(site):
        assert squeezed(render.strings(lang)["leaflet.contacts.none"]) in _text(site / f"leaflets/contacts/{lang}.pdf")


def test_directory_leaflet_lists_verified_almaty_contacts_only(tmp_path, monkeypatch):
    folder = tmp_path / "services"
    shutil.copytree(services.DATA_DIR, folder)
    today = dt.date.today()
    verified = folder / "children-line-150.yml"
    verified.write_text(verified.read_text(encoding="utf-8") + f"assured_date: {today.isoformat()}\n", encoding="utf-8")
    monkeypatch.setattr(services, "DATA_DIR", folder)
    entries, total = render.verified_contacts("ky", today)
    assert total == 1 and [entry["phones"] for entry in entries] == [["150"]]
    site = tmp_path / "site"
    (site / "leaflets").mkdir(parents=True)
    home = shortlinks.PageRecord("home", "home", "Home", ("a", "b"), "2026-11-23", "ky/index.html", "ky", "ky", "docs/ky/index.md")
    link = shortlinks.Link("ky", "home", "2", home)
    job = render.contacts_job(site, "ky", shortlinks.BaseUrl(MIRROR, "test"), [link], LANGUAGE_NAMES)
    assert all(not result.problems for result in render.render(job))
    text = _text(site / "leaflets/contacts/ky.pdf")
    assert squeezed(entries[0]["name"]) in text and "150" in text
    assert squeezed(render.strings("ky")["leaflet.contacts.none"]) not in text
    assert [result.text for result in decode(site / "leaflets/contacts/ky.pdf", 150)] == [MIRROR + "s/ky2/"]


# Bad input: the build stops and names the file

def _build(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "scripts.build_site", "--site-dir", str(project / "site"), *args]
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(project))
    environment.pop("LEAFLET_BASE_URL", None)
    environment.update(env or {})
    return subprocess.run(command, cwd=project, env=environment, capture_output=True, text=True, timeout=600)


def _fails(result, *needles):
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-2000:]
    for needle in needles:
        assert needle in output, f"{needle!r} not in:\n{output[-3000:]}"


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def _edit_front_matter(path: Path, edit) -> list[str]:
    lines = path.read_text(encoding="utf-8").split("\n")
    lines = edit(lines)
    path.write_text("\n".join(lines), encoding="utf-8")
    return lines


def test_an_id_used_twice_names_both_files(project):
    page = project / "docs/ru/work.md"
    lines = _edit_front_matter(page, lambda ls: [re.sub(r"^id: .*", "id: arrival", line) for line in ls])
    line = next(number for number, text in enumerate(lines, 1) if text.startswith("id:"))
    _fails(_build(project, "--lang", "ru"), f"docs/ru/work.md:{line}: Must have an id of its own",
           "already the id of docs/ru/arrival.md")


def test_a_page_without_summary_names_the_file(project):
    page = project / "docs/ru/work.md"

    def drop_summary(lines):
        start = lines.index("summary:")
        end = start + 1
        while lines[end].startswith("  "):
            end += 1
        return lines[:start] + lines[end:]
    _edit_front_matter(page, drop_summary)
    _fails(_build(project, "--lang", "ru"), "docs/ru/work.md", "summary")


def test_a_page_without_id_names_the_file(project):
    page = project / "docs/ru/work.md"
    _edit_front_matter(page, lambda ls: [line for line in ls if not line.startswith("id:")])
    _fails(_build(project, "--lang", "ru"), "docs/ru/work.md", "id")


@pytest.fixture
def small_project(tmp_path):
    """The directory's sample project (a page per entry of the navigation, three entries; tests/roots/
    directory) with no short link issued yet: its leaflets build in seconds, the real site's in a minute."""
    from directory_site import make_project, without_short_links
    return without_short_links(make_project(tmp_path / "project"))


def test_a_summary_too_long_for_the_leaflet_names_file_and_line(small_project):
    project = small_project
    page = project / "docs/ru/work.md"
    wide = ("ШИРОКОЕ ЖЖЖЖ ЩЩЩЩ " * 6)[:88]

    def long_summary(lines):
        start = lines.index("summary:")
        end = start + 1
        while lines[end].startswith("  "):
            end += 1
        return lines[:start + 1] + [f'  - "{wide}"'] * 4 + lines[end:]
    lines = _edit_front_matter(page, long_summary)
    line = lines.index("summary:") + 1
    result = _build(project, "--lang", "ru")
    _fails(result, f"docs/ru/work.md:{line}: Must shorten the title or the summary", "leaflets/ru/work.pdf")
    assert not (project / "site").exists(), "site/ is never half-written"


def test_a_base_url_that_is_not_https_stops_the_build(small_project):
    """The build reads the base URL before mkdocs reads anything (scripts/site/build.py), so the
    sample project serves; the other tests of bad pages keep the real project, whose issued short
    links are checked beside them."""
    _fails(_build(small_project, "--lang", "ru", env={"LEAFLET_BASE_URL": "http://partner.example/"}),
           "LEAFLET_BASE_URL (environment): Must be an https:// address")


def _manifests_copy(site, tmp_path):
    """A site folder holding only the built site's page records, and a copy of the registry."""
    copy = tmp_path / "site"
    (copy / "leaflets").mkdir(parents=True)
    for manifest in (site / "leaflets").glob("pages-*.json"):
        shutil.copy2(manifest, copy / "leaflets" / manifest.name)
    registry = tmp_path / "shortlinks.yml"
    shutil.copy2(shortlinks.REGISTRY, registry)
    return copy, registry


def test_a_base_url_too_long_for_the_qr_target_names_its_origin(default_build, tmp_path):
    site, _base, _registry = default_build
    copy, registry = _manifests_copy(site, tmp_path)
    with pytest.raises(render.LeafletError, match=r"^--base-url: Must be at most \d+ characters long"):
        render.build_into(copy, "https://partner-organisation.example.org/mirror/", registry=registry, quiet=True)
    with pytest.raises(render.LeafletError, match=r"^--base-url: Must be an https:// address"):
        render.build_into(copy, "http://partner.example/", registry=registry, quiet=True)


def test_text_overflowing_its_box_is_found_in_the_layout():
    from weasyprint import HTML
    css, fonts = render._stylesheets()
    html = ('<div style="width: 30mm; height: 10mm" class="fit" data-fit="x.md:3: Must shorten">'
            '<p>Averyveryverylongwordthatcannotbreakanywhere and more words to fill more lines of text</p></div>')
    document = HTML(string=html).render(stylesheets=css, font_config=fonts)
    assert render.fit_problems(document) == ["x.md:3: Must shorten"]
    fine = HTML(string='<div style="width: 80mm; height: 20mm" class="fit" data-fit="y">Short.</div>').render(
        stylesheets=css, font_config=fonts)
    assert render.fit_problems(fine) == []


# Short links in a browser: from file:// and under a sub-path

def _first_link(site: Path, lang: str = "ky"):
    record = next(r for r in manifests(site).get(lang, []) if r.type == "guide")
    return short_links(site)[(lang, record.id)], record


def test_short_link_opens_the_page_from_file_and_under_a_sub_path(default_build, browser, tmp_path):
    from scripts.bench.static_server import Server
    site, _base, _registry = default_build
    path, record = _first_link(site)
    page = browser.new_page()
    try:
        page.goto((site / path / "index.html").as_uri())
        page.wait_for_url(re.compile(re.escape(record.url) + "$"), timeout=10_000)
        (tmp_path / "www").mkdir()
        (tmp_path / "www" / "mirror").symlink_to(site, target_is_directory=True)
        with Server(tmp_path / "www") as root:
            page.goto(f"{root.rstrip('/')}/mirror/{path}")
            page.wait_for_url(re.compile(re.escape(f"/mirror/{record.url}") + "$"), timeout=10_000)
            assert page.locator("html").get_attribute("lang") == "ky"
    finally:
        page.close()


def test_manifests_list_what_mkdocs_built(default_build):
    site, _base, _registry = default_build
    for lang, records in manifests(site).items():
        for record in records:
            assert (site / record.url).is_file(), record
            assert json.loads((site / shortlinks.MANIFEST.format(lang=lang)).read_text(encoding="utf-8"))


def test_rendering_is_safe_beside_other_threads(default_build, tmp_path):
    """With another thread alive (a test server, a browser driver) the workers are fresh
    interpreters rather than forks, which could inherit a lock held by that thread."""
    import threading
    site, base, _registry = default_build
    copy, registry = _manifests_copy(site, tmp_path)
    links, _ = shortlinks.update(copy, registry, record=False)
    jobs = [job for job in render.plan(copy, base, links) if job.kind == "a6"][:4]
    stop = threading.Event()
    helper = threading.Thread(target=stop.wait, daemon=True)
    helper.start()
    try:
        results = render.render_all(jobs, 2)
    finally:
        stop.set()
    assert sorted(result.label for result in results) == sorted([job.label for job in jobs] + [job.sheet_label for job in jobs])
    assert all(not result.problems for result in results) and all(job.output.is_file() and job.sheet.is_file() for job in jobs)
