""""Show this" cards and the situations in the built site (issue 14): printed and on screen, each
QR code decoded and followed to its page in its language; nothing overflows at 150 dpi; the start
page one tap from every page and every situation within three taps of home, without JavaScript;
axe and the page-weight budgets on the new pages."""
from __future__ import annotations

import gzip
import io
import re
from pathlib import Path
from urllib.parse import urlsplit

import pypdfium2 as pdfium
import pytest
import zxingcpp
from pdf_text import squeezed
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from conftest import languages, page_file
from scripts.core import interface_strings, site_config, situations
from scripts.leaflets import cards, render, shortlinks

DEFAULT = site_config.default_language()
SITUATIONS = [page.slug for page in situations.situations(DEFAULT)]
START = "what-is-happening"
AXE = Path(__import__("axe_playwright_python").__file__).parent / "axe.min.js"
CARD_MM = (85, 55)


def _links(site: Path) -> dict:
    return {(row["lang"], row["id"]): row["link"] for row in shortlinks.read_index(site) if not row["removed"]}


def _follow(site: Path, link: str) -> str:
    """The page a short link's static page opens, relative to the site root."""
    html = (site / link / "index.html").read_text(encoding="utf-8")
    target = re.search(r'<a href="([^"]+)"', html).group(1)
    return (Path(link) / target).as_posix().replace("/./", "/") if not target.startswith("/") else target[1:]


def _resolve(path: str) -> str:
    parts = []
    for part in path.split("/"):
        if part == "..":
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


def _pages(pdf: Path, dpi: int, only: list[int] | None = None):
    """The pages of `pdf` rendered at `dpi` (the `only` ones: an A4 side not looked at is not drawn)."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        return [document[index].render(scale=dpi / 72, grayscale=True).to_pil()
                for index in (range(len(document)) if only is None else only)]
    finally:
        document.close()


def _text(pdf: Path) -> str:
    document = pdfium.PdfDocument(str(pdf))
    try:
        return "".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


@pytest.fixture(scope="module")
def site(built_site):
    return built_site


# Printed cards

@pytest.mark.parametrize("lang", languages())
def test_every_situation_has_a_wallet_card_and_a_sheet_of_ten(site, lang):
    for slug in SITUATIONS:
        card, sheet = site / f"leaflets/cards/{lang}/{slug}.pdf", site / f"leaflets/cards/sheets/{lang}/{slug}.pdf"
        assert card.is_file() and sheet.is_file(), slug
        document = pdfium.PdfDocument(str(card))
        try:
            sizes = [tuple(round(side / render.MM) for side in page.get_size()) for page in document]
        finally:
            document.close()
        assert sizes == [CARD_MM, CARD_MM], (slug, sizes)


@pytest.mark.parametrize("lang", languages())
def test_card_qr_codes_lead_to_the_situation_in_its_language(site, lang):
    base, links = shortlinks.base_url(), _links(site)
    for slug in SITUATIONS:
        url = base.url + links[(lang, slug)]
        front, back = _pages(site / f"leaflets/cards/{lang}/{slug}.pdf", 150)
        assert [code.text for code in zxingcpp.read_barcodes(back)] == [url], slug
        assert not zxingcpp.read_barcodes(front), "the official's side carries text only"
        backs, = _pages(site / f"leaflets/cards/sheets/{lang}/{slug}.pdf", 150, only=[1])
        assert [code.text for code in zxingcpp.read_barcodes(backs)] == [url] * 10, slug
        opened = _resolve(_follow(site, urlsplit(url).path.lstrip("/")))
        assert opened == site_config.page_url(lang, slug), (url, opened)


SHEET_MM = (20, 11)  # where the first card sits on the A4 sheet of ten: left, top (templates/wallet_sheet.html)


def _ink(image, x_mm: float, y_mm: float, dpi: int = 150) -> bool:
    """Anything dark within a pixel or two of a point of a page rendered at `dpi`."""
    x, y = round(x_mm * dpi / 25.4), round(y_mm * dpi / 25.4)
    return image.crop((x - 2, y - 2, x + 3, y + 3)).getextrema()[0] < 128


@pytest.mark.parametrize("lang", languages())
def test_the_sheet_of_ten_is_the_card_ten_times_within_crop_marks(site, lang):
    """Each of the ten places on each side holds that side's text and nothing else; crop marks
    sit on every cut line outside the cards, never on them."""
    for slug in SITUATIONS:
        card, sheet = (pdfium.PdfDocument(str(site / f"leaflets/{folder}{lang}/{slug}.pdf")) for folder in ("cards/", "cards/sheets/"))
        try:
            sides = [squeezed(page.get_textpage().get_text_range()) for page in card]
            assert len(sheet) == len(sides) == 2, slug
            for side, page in enumerate(sheet):
                text, height = page.get_textpage(), page.get_height()
                for row in range(5):
                    for column in range(2):
                        left = (SHEET_MM[0] + column * CARD_MM[0]) * render.MM
                        top = height - (SHEET_MM[1] + row * CARD_MM[1]) * render.MM
                        found = squeezed(text.get_text_bounded(left, top - CARD_MM[1] * render.MM, left + CARD_MM[0] * render.MM, top))
                        assert found == sides[side], (slug, side, row, column)
        finally:
            card.close()
            sheet.close()
    cuts_x = [SHEET_MM[0] + column * CARD_MM[0] for column in range(3)]
    cuts_y = [SHEET_MM[1] + row * CARD_MM[1] for row in range(6)]
    marks = [(x, y) for x in cuts_x for y in (SHEET_MM[1] - 4, 297 - SHEET_MM[1] + 4)]
    marks += [(x, y) for y in cuts_y for x in (SHEET_MM[0] - 4, 210 - SHEET_MM[0] + 4)]
    for image in _pages(site / f"leaflets/cards/sheets/{lang}/{SITUATIONS[0]}.pdf", 150):
        assert [mark for mark in marks if not _ink(image, *mark)] == [], "a crop mark is missing"
        assert not [(x, y) for x in cuts_x for y in cuts_y if _ink(image, x, y)], "a mark or ink on a card's corner"


@pytest.mark.parametrize("lang", languages())
def test_cards_carry_every_h_and_m_line_and_nothing_overflows_at_150_dpi(site, lang):
    ui, ru_ui = render.strings(lang), render.strings(DEFAULT)
    margin = round(2.5 / 25.4 * 150)  # the outer 2.5 mm of each side stay white: nothing spills over
    for slug in SITUATIONS:
        russian, own = situations.situation(DEFAULT, slug), situations.situation(lang, slug)
        pdf = site / f"leaflets/cards/{lang}/{slug}.pdf"
        text = squeezed(_text(pdf))
        wanted = [russian.title, own.title, ru_ui["situations.card.checked"].replace(
            "{date}", interface_strings.day_month_year(russian.reviewed))]
        for index, line in enumerate(russian.lines):
            assert line.printable, f"docs/{DEFAULT}/{slug}.md:{line.line}: an L line on a card"
            wanted += [line.text, own.lines[index].text]
            if line.needs_check:
                wanted += [ru_ui["situations.card.check"], ui["situations.card.check"]]
        missing = [item for item in wanted if squeezed(item) not in text]
        assert not missing, f"{pdf.name} ({lang}) lacks {missing}"
        for side in _pages(pdf, 150):
            width, height = side.size
            for box in [(0, 0, width, margin), (0, height - margin, width, height), (0, 0, margin, height),
                        (width - margin, 0, width, height)]:
                assert side.crop(box).getextrema()[0] > 200, f"{pdf.name} ({lang}): ink within 2.5 mm of the edge {box}"


def test_an_l_line_never_reaches_a_card_and_an_m_line_says_check(monkeypatch):
    line = situations.CardLine
    page = situations.Page("x", DEFAULT, Path("docs/ru/x.md"), "Title", "2026-12-07", (), (
        line("High.", ("a",), "H", 30), line("Medium.", ("b",), "M", 32), line("Low.", ("c",), "L", 34)))
    monkeypatch.setattr(situations, "situation", lambda lang, slug, docs=None: page)
    record = shortlinks.PageRecord("x", situations.TYPE, "Title", (), "2026-12-07", "x.html", DEFAULT, DEFAULT, "docs/ru/x.md")
    context = cards.context(record, shortlinks.Link(DEFAULT, "x", "2j", record), shortlinks.BaseUrl("https://p.example/", "t"), "x")
    texts = [(item["text"], item["check"]) for item in context["ru_lines"]]
    assert texts == [("High.", ""), ("Medium.", render.strings(DEFAULT)["situations.card.check"])]
    assert [item["where"] for item in context["ru_lines"]] == ["docs/ru/x.md:30", "docs/ru/x.md:32"]


def test_a_russian_card_line_that_does_not_fit_names_its_file_and_line(monkeypatch, tmp_path):
    line = situations.CardLine
    long = "Очень длинная строка карточки, которая никогда не поместится. " * 12
    page = situations.Page("x", DEFAULT, Path("docs/ru/x.md"), "Заголовок", "2026-12-07", (), (
        line("Короткая строка.", ("a",), "H", 30), line(long, ("b",), "H", 32)))
    monkeypatch.setattr(situations, "situation", lambda lang, slug, docs=None: page)
    record = shortlinks.PageRecord("x", situations.TYPE, "Заголовок", (), "2026-12-07", "x.html", DEFAULT, DEFAULT, "docs/ru/x.md")
    link = shortlinks.Link(DEFAULT, "x", "2j", record)
    [job] = cards.jobs(tmp_path, shortlinks.BaseUrl("https://p.example/", "t"), [link])
    [result] = render.render(job)
    assert any(problem.startswith("docs/ru/x.md:32: Must shorten this card line") for problem in result.problems), result.problems
    assert not job.output.exists(), "nothing half-written"


# On screen

def test_every_situation_page_links_its_card_and_the_card_page_is_there(site):
    for lang in languages():
        for slug in SITUATIONS:
            html = page_file(site, lang, slug).read_text(encoding="utf-8")
            href = situations.card_path(slug)
            assert f'href="{href}"' in html, (lang, slug)
            screen = page_file(site, lang, slug).parent / href
            text = screen.read_text(encoding="utf-8")
            assert "<script" not in text and 'href="http' not in text and "src=" not in text and "data:" not in text
            for line in situations.situation(DEFAULT, slug).lines:
                assert line.text.split(" (")[0] in text, (lang, slug)


@pytest.fixture(scope="module")
def phone_tab(browser):
    """One phone-sized tab for the module's screen-card and axe tests, and one without JavaScript
    at 320 px for the taps: a fresh context per test starts cold (a new renderer, nothing cached),
    about 0.5-0.9 CPU-s each. What these tests assert (pixels, links, axe) does not depend on the
    cache, cookies or history; each test opens its own pages."""
    phone = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2)
    without_javascript = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 640})
    yield {"phone": phone.new_page(), "without JavaScript": without_javascript.new_page()}
    phone.close()
    without_javascript.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ky", "tg", "uz"])
def test_screen_card_qr_decodes_and_leads_to_the_page(site, site_url, phone_tab, lang):
    from PIL import Image
    base, links = shortlinks.base_url(), _links(site)
    page = phone_tab["phone"]
    for slug in SITUATIONS[:4]:
        page.goto(site_url + site_config.page_url(lang, slug).rsplit("/", 1)[0] + "/" + situations.card_path(slug)
                  if "/" in site_config.page_url(lang, slug) else site_url + situations.card_path(slug))
        heading = page.locator("h1").bounding_box()
        assert heading and heading["y"] < 740, "the Russian text starts on the first screen"
        image = Image.open(io.BytesIO(page.locator(".show__qr").screenshot()))
        [code] = zxingcpp.read_barcodes(image)
        assert code.text == base.url + links[(lang, slug)]
        opened = _resolve(_follow(site, urlsplit(code.text).path.lstrip("/")))
        assert opened == site_config.page_url(lang, slug)


# Reaching a situation

def _tap(page, link, url: str, really: bool) -> None:
    """A tap on `link` opens `url`. `really`: tap it and wait for the page. Otherwise Playwright's
    trial click makes every check of a real tap (attached, visible, stable, enabled, and the link
    itself under the finger: nothing covers it) without tapping; with JavaScript off a tapped link
    opens its href in the same tab (no target, no download), so the href says where the tap leads.
    Each page loaded costs Chromium about 0.15 CPU-s: this test loaded 36 per language."""
    if really:
        link.click()
        page.wait_for_url(url)
        page.wait_for_load_state()  # the tap's page, loaded (the machine may be busy)
    else:
        link.click(trial=True)
        opens = link.evaluate("a => a.target || a.hasAttribute('download') ? a.outerHTML : a.href")
        assert opens == url, (url, opens)


@pytest.mark.browser
@pytest.mark.parametrize("lang", languages())
def test_start_page_one_tap_from_every_page_and_situations_within_three_taps_without_javascript(site, site_url, phone_tab, lang):
    """The first tap from the strip, tap 1 and the last situation's tap 2 are real (that page's
    width is measured); the others are trial taps (_tap)."""
    page = phone_tab["without JavaScript"]
    start = site_url + site_config.page_url(lang, START)
    for index, slug in enumerate(["index", "arrival", "search", SITUATIONS[0], "directory/index"]):
        page.goto(site_url + site_config.page_url(lang, slug))
        _tap(page, page.locator(".site-emergency__situations"), start, really=index == 0)
    page.goto(site_url + site_config.page_url(lang, "index"))
    _tap(page, page.locator(".site-situations-entry"), start, really=True)  # tap 1
    for slug in SITUATIONS:  # tap 2, from the start page; tap 3: the situation's page links its card
        really = slug == SITUATIONS[-1]
        _tap(page, page.locator(f'article a[href="{slug}.html"]').first, site_url + site_config.page_url(lang, slug), really)
        html = None if really else HTMLParser(page_file(site, lang, slug).read_text(encoding="utf-8"))  # as loaded without JavaScript
        assert (page.locator(".site-card-link a").count() if really else len(html.css(".site-card-link a"))) == 1, (lang, slug)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, (lang, width)


def test_each_guide_lists_its_situations(site):
    for lang in languages():
        for found in situations.situations(lang):
            for guide in found.guides:
                html = page_file(site, lang, guide).read_text(encoding="utf-8")
                assert f'href="{found.slug}.html"' in html.split('id="situations"', 1)[-1], (lang, guide, found.slug)


@pytest.mark.browser
def test_axe_finds_no_serious_or_critical_violation_on_the_new_pages(site, site_url, phone_tab):
    source = AXE.read_text(encoding="utf-8")
    problems = []
    page = phone_tab["phone"]  # one tab for every page (a new tab per page costs three times the CPU)
    for lang in ["ru", "ky", "tg", "uz"]:
        urls = [site_config.page_url(lang, START), site_config.page_url(lang, SITUATIONS[0]),
                site_config.page_url(lang, SITUATIONS[-1])]
        urls.append(urls[1].rsplit("/", 1)[0] + "/" + situations.card_path(SITUATIONS[0]) if "/" in urls[1]
                    else situations.card_path(SITUATIONS[0]))
        for url in urls:
            page.goto(site_url + url)
            page.evaluate(source)
            result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
            problems += [f"{url}: {v['id']} ({v['impact']}) {v['nodes'][0]['target']}"
                         for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not problems, "\n".join(problems)


def test_new_pages_keep_the_page_weight_budgets(site):
    css = sum(len(gzip.compress(path.read_bytes())) for path in (site / "assets").rglob("*.css")
              if path.name != "show-card.css")
    show_css = len(gzip.compress((site / "assets/show-card.css").read_bytes()))
    for lang in languages():
        for slug in [START, *SITUATIONS]:
            weight = len(gzip.compress(page_file(site, lang, slug).read_bytes()))
            assert weight <= 12 * 1024 and weight + css <= 60 * 1024, (lang, slug, weight, css)
            screen = page_file(site, lang, slug).parent / situations.card_path(slug) if slug != START else None
            if screen:
                assert len(gzip.compress(screen.read_bytes())) + show_css <= 12 * 1024, (lang, slug)
