"""What partners' own tools say about the published outputs (issue 18), each run once on the
session's build: HSDS 3.0's compiled service schema, frictionless, the sitemaps protocol, pdfinfo,
the PDF catalog and a PDF/UA-1 checker, the Nu HTML Checker; and each shown to refuse what was
wrong before."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from hsds_rules import hsds_problems

from conftest import ROOT, languages
from scripts.core import site_config
from scripts.leaflets import shortlinks, sitemap

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML_NS = "{http://www.w3.org/1999/xhtml}"


# HSDS 3.0



def test_every_published_service_is_valid_hsds(built_site):
    items = json.loads((built_site / "data" / "services.json").read_text(encoding="utf-8"))
    assert len(items) == len(list((ROOT / "data" / "services").glob("*.yml")))
    assert hsds_problems(items) == []


def test_hsds_check_finds_what_the_old_open_data_had():
    """The check itself: nulls, terms without a description, HH:MM and a made-up extent type."""
    broken = {"id": "ac148810-d857-441c-9679-408f346de14b", "name": "x", "status": "active", "url": None,
              "schedules": [{"id": "ac148810-d857-441c-9679-408f346de14c", "opens_at": "09:00"}],
              "service_areas": [{"id": "ac148810-d857-441c-9679-408f346de14d", "extent_type": "country"}],
              "attributes": [{"id": "ac148810-d857-441c-9679-408f346de14e",
                              "taxonomy_term": {"id": "ac148810-d857-441c-9679-408f346de14f", "name": "x"}}]}
    found = "\n".join(hsds_problems([broken]))
    for expected in ("/url: None is not of type 'string'", "'description' is a required property", "'09:00' is not HH:MM:SS",
                     "'country' is not one of"):
        assert expected in found


# Frictionless and a spreadsheet's reading

def test_frictionless_validates_the_published_data_package(built_site):
    package = built_site / "data" / "datapackage.json"
    result = subprocess.run([sys.executable, "-m", "frictionless", "validate", "--json", str(package)],
                            capture_output=True, text=True, timeout=300)
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["valid"], json.dumps(report["errors"] + [task["errors"] for task in report["tasks"]])
    assert {task["place"] for task in report["tasks"]} == {"services.json", "directory.csv", "service.schema.json"}
    descriptor = json.loads(package.read_text(encoding="utf-8"))
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert "CC BY 4.0" in (ROOT / "README.md").read_text(encoding="utf-8"), "the README names the same licence"


def test_frictionless_refuses_a_broken_copy_of_the_package(built_site, tmp_path):
    """The check can fail: a row with one cell too many, and a resource named like the old one."""
    data = shutil.copytree(built_site / "data", tmp_path / "data")
    with (data / "directory.csv").open("a", encoding="utf-8") as handle:
        handle.write("extra,row,with,too,many,cells" + ",x" * 40 + "\n")
    result = subprocess.run([sys.executable, "-m", "frictionless", "validate", "--json", str(data / "datapackage.json")],
                            capture_output=True, text=True, timeout=300)
    report = json.loads(result.stdout)
    assert result.returncode != 0 and not report["valid"]
    assert "extra-cell" in {error["type"] for task in report["tasks"] for error in task["errors"]}


def test_the_csv_reads_as_one_row_per_service(built_site):
    import csv
    with (built_site / "data" / "directory.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(list((ROOT / "data" / "services").glob("*.yml")))
    assert all(row["id"] and row[f"name_{site_config.default_language()}"] for row in rows)


# Pages

def test_no_link_without_an_address(built_site):
    """A source cited without an address is text: an empty href reloads the page, and zimcheck flags it."""
    empty = [str(path.relative_to(built_site)) for path in built_site.rglob("*.html") if 'href=""' in path.read_text(encoding="utf-8")]
    assert empty == []


# Sitemaps

def test_without_an_address_no_sitemap_is_written(built_site):
    assert not (built_site / "sitemap.xml").exists() and not (built_site / "sitemap.xml.gz").exists()
    robots = (built_site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots and "Sitemap:" not in robots


def sitemap_problems(text: str, base: str, site: Path) -> list[str]:
    """What the sitemaps protocol (sitemaps.org 0.9) and hreflang alternates forbid: a relative or
    foreign <loc>, a <loc> that is no file of the site, a bad lastmod, a repeated address, more
    than 50,000 URLs or 50 MB."""
    problems = []
    if not text.startswith('<?xml version="1.0" encoding="UTF-8"?>'):
        problems.append("no XML declaration with UTF-8")
    if len(text.encode("utf-8")) >= 50_000_000:
        problems.append("50 MB or more")
    root = ElementTree.fromstring(text)
    if root.tag != f"{SITEMAP_NS}urlset":
        problems.append(f"root element {root.tag}, not the protocol's urlset")
    urls = root.findall(f"{SITEMAP_NS}url")
    if not 0 < len(urls) <= 50_000:
        problems.append(f"{len(urls)} URLs")
    locs = []
    for url in urls:
        loc = (url.findtext(f"{SITEMAP_NS}loc") or "").strip()
        locs.append(loc)
        if not loc.startswith(base) or not (site / loc.removeprefix(base)).is_file():
            problems.append(f"{loc}: not an address of a file under {base}")
        lastmod = url.findtext(f"{SITEMAP_NS}lastmod")
        if lastmod is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", lastmod):
            problems.append(f"{loc}: lastmod {lastmod!r} is not W3C date")
        for link in url.findall(f"{XHTML_NS}link"):
            if link.get("hreflang") not in languages() or not link.get("href", "").startswith(base):
                problems.append(f"{loc}: alternate {link.get('hreflang')} {link.get('href')}")
    problems += [f"{loc}: listed twice" for loc in set(locs) if locs.count(loc) > 1]
    return problems


def test_sitemap_follows_the_protocol_under_a_mirrors_address(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site / "leaflets", site / "leaflets", ignore=shutil.ignore_patterns("*.pdf"))
    base = "https://partner.example/migrants/"
    assert sitemap.write(site, shortlinks.BaseUrl(base, "test")) is None
    assert (site / "robots.txt").read_text(encoding="utf-8").splitlines()[-1] == f"Sitemap: {base}sitemap.xml"
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap_problems(text, base, built_site) == []
    urls = ElementTree.fromstring(text).findall(f"{SITEMAP_NS}url")
    records = [record for pages in shortlinks.read_manifests(built_site).values() for record in pages if record.type != "search"]
    assert len(urls) == len(records)
    reviewed = {base + record.url: record.reviewed for record in records}
    for url in urls:
        loc = url.find(f"{SITEMAP_NS}loc").text
        if reviewed[loc]:
            assert url.find(f"{SITEMAP_NS}lastmod").text == reviewed[loc], "a guide's lastmod is its own reviewed date"
    locs = [url.find(f"{SITEMAP_NS}loc").text for url in urls]
    assert sum("/directory/" in loc for loc in locs) == sum(record.url.split("/")[-2:-1] == ["directory"] for record in records) > 0


def test_the_sitemap_check_refuses_what_mkdocs_wrote_without_an_address(tmp_path):
    """The theme's own sitemap of a build without site_url (what mirrors had before issue 18)."""
    old = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
           "<url><loc>ky/arrival.html</loc><lastmod>07.12.2026</lastmod></url>"
           "<url><loc>ky/arrival.html</loc></url></urlset>")
    problems = "\n".join(sitemap_problems(old, "https://partner.example/", tmp_path))
    assert "ky/arrival.html: not an address of a file under" in problems and "is not W3C date" in problems
    assert "listed twice" in problems


def test_sitemap_without_an_address_says_so(tmp_path):
    placeholder = shortlinks.base_url(None) if not site_config.load().get("site_url") else shortlinks.BaseUrl(
        shortlinks.PLACEHOLDER_BASE_URL, "default", True)
    (tmp_path / "sitemap.xml").write_text("<urlset><url><loc>index.html</loc></url></urlset>", encoding="utf-8")
    message = sitemap.write(tmp_path, placeholder)
    assert message and "SITE_URL" in message and not (tmp_path / "sitemap.xml").exists()


# PDFs

def test_every_pdf_is_tagged_with_its_title_and_language(built_site):
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    pdfs = sorted((built_site / "leaflets").rglob("*.pdf"))
    assert len(pdfs) > 4 * len(languages()) and any("sheets" in path.parts and "cards" in path.parts for path in pdfs)
    wrong = []
    for path in pdfs:
        document = pdfium.PdfDocument(str(path))
        expected = path.stem if path.parent.name == "contacts" else (
            path.parent.name if path.parent.name in languages() and "cards" not in path.parts
            else site_config.default_language())  # a wallet card's front is for the official, in Russian
        buffer = (raw.FPDF_WCHAR * 64)()
        length = raw.FPDFCatalog_GetLanguage(document.raw, buffer, 128)
        language = bytes(buffer)[:max(length - 2, 0)].decode("utf-16-le") if length else ""
        tagged = raw.FPDFCatalog_IsTagged(document.raw)
        title = document.get_metadata_value("Title")
        document.close()
        if not (tagged and title and language == expected):
            wrong.append(f"{path.relative_to(built_site)}: tagged={bool(tagged)} title={title!r} language={language!r}")
    assert wrong == []


def _figure_descriptions(path: Path) -> list[str]:
    """The alternative text of every Figure in the PDF's tag tree (pdfium's reading of it)."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    def text(element) -> str:
        size = raw.FPDF_StructElement_GetAltText(element, None, 0)
        buffer = ctypes.create_string_buffer(max(size, 2))
        raw.FPDF_StructElement_GetAltText(element, buffer, size)
        return buffer.raw[:max(size - 2, 0)].decode("utf-16-le")

    def kind(element) -> str:
        size = raw.FPDF_StructElement_GetType(element, None, 0)
        buffer = ctypes.create_string_buffer(max(size, 2))
        raw.FPDF_StructElement_GetType(element, buffer, size)
        return buffer.raw[:max(size - 2, 0)].decode("utf-16-le")

    def walk(element):
        if kind(element) == "Figure":
            yield text(element)
        for index in range(raw.FPDF_StructElement_CountChildren(element)):
            child = raw.FPDF_StructElement_GetChildAtIndex(element, index)
            if child:
                yield from walk(child)

    document = pdfium.PdfDocument(str(path))
    found = []
    for page in document:
        tree = raw.FPDF_StructTree_GetForPage(page.raw)
        found += [alt for index in range(raw.FPDF_StructTree_CountChildren(tree))
                  for alt in walk(raw.FPDF_StructTree_GetChildAtIndex(tree, index))]
        raw.FPDF_StructTree_Close(tree)
        page.close()
    document.close()
    return found


def test_pdfinfo_reads_each_kind_of_pdf_as_tagged_with_a_title_and_a_described_qr_code(built_site):
    if not shutil.which("pdfinfo"):
        pytest.fail("pdfinfo is missing: run `make test` (it installs poppler-utils)")
    trees = {}
    for path, described, copy_of in _one_pdf_of_each_kind(built_site / "leaflets"):
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, timeout=30).stdout
        assert "Tagged:          yes" in info and re.search(r"^Title:\s+\S", info, re.MULTILINE), (path, info)
        tree = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, timeout=30).stdout
        assert "Document" in tree and "P (block)" in tree, (path, tree[:400])
        trees[path] = tree
        if copy_of:  # a print sheet reads as its leaflet, once: the other copies are artifacts
            assert tree == trees[copy_of], path
        figures = _figure_descriptions(path)
        assert len(figures) == described and all(alt.startswith("QR: ") and "/s/" in alt for alt in figures), (path, figures)


def _one_pdf_of_each_kind(leaflets: Path) -> list[tuple[Path, int, Path | None]]:
    """(PDF, how many QR codes it describes to a screen reader, the leaflet a print sheet copies):
    the poster, and in every language an A6 leaflet, its print sheet, the directory leaflet, a
    wallet card and its sheet of ten."""
    kinds = [(leaflets / "poster.pdf", len(languages()), None)]
    for lang in languages():
        leaflet, card = next((leaflets / lang).glob("*.pdf")), next((leaflets / "cards" / lang).glob("*.pdf"))
        kinds += [(leaflet, 1, None), (leaflets / "sheets" / lang / leaflet.name, 1, leaflet),
                  (leaflets / "contacts" / f"{lang}.pdf", 1, None), (card, 1, None),
                  (leaflets / "cards" / "sheets" / lang / card.name, 1, card)]
    return kinds


def test_every_pdf_passes_a_pdf_ua_1_checker(built_site):
    """page (page-validation), which implements veraPDF's PDF/UA-1 rules; every PDF, every rule."""
    import page
    failed = {}
    for path in sorted((built_site / "leaflets").rglob("*.pdf")):
        report = page.validate_pdf(path, profile="ua1")
        if not report.is_compliant:
            failed[path.relative_to(built_site).as_posix()] = sorted({f"{item.rule_id}: {item.message}" for item in report.failures})
    assert failed == {}


def test_pdfinfo_and_the_pdf_ua_1_checker_refuse_an_untagged_pdf_without_title_or_language(tmp_path):
    """What the leaflets were before issue 18 (and the cards' sheets until session 5): WeasyPrint's
    plain PDF."""
    import page
    from weasyprint import HTML
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(HTML(string="<h1>Leaflet</h1>").write_pdf())
    info = subprocess.run(["pdfinfo", str(plain)], capture_output=True, text=True, timeout=30).stdout
    assert "Tagged:          no" in info and not re.search(r"^Title:", info, re.MULTILINE), info
    report = page.validate_pdf(plain, profile="ua1")
    rules = {item.rule_id for item in report.failures}
    assert not report.is_compliant
    assert {"PDFUA1-TAGGED-DOCUMENT-001", "PDFUA1-CONTENT-TAGGING-001", "PDFUA1-TEXT-LANGUAGE-001", "PDFUA1-METADATA-TITLE-001",
            "PDFUA1-VIEWER-PREFERENCES-001"} <= rules, rules


# HTML

# Every HTML file the build publishes is a page record (its kind is its type; the directory's
# pages by their name) or one of these, by its place in the site.
OTHER_PAGES = {
    "not-found": r"(?:[^/]+/)?404\.html",
    "short-link": r"s/[^/]+/index\.html",
    "screen-card": r"(?:[^/]+/)?cards/[^/]+\.html",
    "editors-table": r"editors/translations\.html",
    "editors-review": r"editors/review/[^/]+/[^/]+\.html",
    "editors-review-entry": r"editors/review/[^/]+/directory/[^/]+\.html",
    "editors-recording": r"editors/recording/[^/]+/[^/]+\.html",
    "browser-editor": r"admin/index\.html",
}


def _kind(relative: str, record) -> str | None:
    if record is None:
        return next((kind for kind, pattern in OTHER_PAGES.items() if re.fullmatch(pattern, relative)), None)
    if record.type == "directory":
        name = Path(record.url).stem
        return "directory-" + ("index" if name == "index" else name.split("-")[0] if name.startswith(("category-", "city-")) else "service")
    return f"{record.type}-untranslated" if record.fallback else record.type


def _language(relative: str, record, short_links: dict) -> str:
    parts = relative.split("/")
    if record is not None:
        return record.lang
    if parts[0] == "s":
        return short_links.get(parts[1], "?")
    return next((part for part in parts[:-1] if part in languages()), site_config.default_language())


def published_pages(site: Path) -> tuple[dict[tuple[str, str], list[Path]], list[str]]:
    """Every published HTML page by (kind, language), and the pages of no known kind."""
    by_url = {record.url: record for pages in shortlinks.read_manifests(site).values() for record in pages}
    short_links = {row["link"].strip("/").split("/")[-1]: row["lang"] for row in shortlinks.read_index(site)}
    found, unknown = {}, []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        record = by_url.get(relative)
        kind = _kind(relative, record)
        if kind is None:
            unknown.append(relative)
        else:
            found.setdefault((kind, _language(relative, record, short_links)), []).append(path)
    return found, unknown


def test_one_page_of_every_kind_in_every_language_passes_the_nu_html_checker(built_site, tmp_path):
    java = shutil.which("java")
    if not (java and VNU_JAR.is_file()):
        pytest.fail("The Nu HTML Checker needs Java and node_modules/vnu-jar: run `make test` (it installs both)")
    found, unknown = published_pages(built_site)
    assert unknown == [], "a new kind of page: give it a kind in OTHER_PAGES so that the checker reads it"
    kinds = {kind for kind, _lang in found}
    assert {"home", "guide", "situation", "search", "not-found", "directory-index", "directory-category", "directory-city",
            "directory-service", "short-link", "screen-card", "editors-table", "editors-review", "editors-review-entry"} <= kinds, kinds
    for kind in kinds - {"browser-editor", "editors-table", "editors-review", "editors-review-entry"}:  # one page, or the translations only
        assert {lang for other, lang in found if other == kind} == set(languages()), kind
    pages = [paths[0] for paths in found.values()]
    # The check can fail: a situation page as Material wrote it before session 5 (a label for a missing checkbox).
    situation = found[("situation", site_config.default_language())][0]
    tampered = tmp_path / situation.name
    tampered.write_text(situation.read_text(encoding="utf-8").replace(
        '<label class="md-nav__title">', '<label class="md-nav__title" for="__toc">', 1), encoding="utf-8")
    result = subprocess.run([java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, pages), str(tampered)],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '').split(str(built_site))[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages
              if not m.get("url", "").endswith(tampered.as_posix())]
    assert errors == [], f"{len(pages)} pages read"
    tampered_errors = [m for m in messages if m.get("url", "").endswith(tampered.as_posix())]
    assert [m["message"] for m in tampered_errors] == [
        "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control."]
    assert 'for="__toc"' in tampered_errors[0]["extract"]

