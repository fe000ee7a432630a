"""Printable leaflets with permanent QR links, made into the freshly built site.

scripts/build_site.py calls `build_into(site_dir)` after mkdocs has built every language (and
overrides/hooks/page_records.py has listed the pages). It writes, all relative to site_dir:
  s/<lang><code>/index.html          short-link pages (scripts/leaflets/shortlinks.py)
  leaflets/<lang>/<id>.pdf           A6 leaflet of every page but search, in every language
  leaflets/sheets/<lang>/<id>.pdf    A4 print sheet: that leaflet four times, crop marks, black only
  leaflets/poster.pdf                A4 poster: one QR code per language, to the home page
  leaflets/contacts/<lang>.pdf       A4 directory leaflet: verified contacts in Almaty only
  sitemap.xml, robots.txt            every page under the same base (scripts/leaflets/sitemap.py)

The QR codes lead to <base>s/<lang><code>/, base being --base-url, else LEAFLET_BASE_URL, else
site_url of mkdocs.yml (SITE_URL), else a placeholder that marks every leaflet "sample".
Layout: Jinja templates in scripts/leaflets/templates/, rendered by WeasyPrint with the installed
font files named in FONTS, in parallel processes, as tagged PDF/UA-1 documents; the print sheet
is the leaflet's own page four times on A4 with crop marks (templates/sheet.html), a wallet
card's ten times (templates/wallet_sheet.html, scripts/leaflets/cards.py), placed by
scripts/leaflets/imposition.py. Text that does not fit its box stops the build with
`path:line: Must …`; it is never cut.

Rebuild only the leaflets of a built site for a mirror:
  python -m scripts.leaflets --site-dir site --base-url https://mirror.example/
"""
from __future__ import annotations

import base64
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import jinja2
from mkdocs.exceptions import PluginError

from scripts.core import interface_strings, site_config
from scripts.leaflets import imposition, shortlinks, sitemap
from scripts.site import background, process_lifetime

TEMPLATES = Path(__file__).resolve().parent / "templates"
# Debian's fonts-noto-core and fonts-dejavu-core (scripts/system-packages.sh): every letter of
# the six languages, ә ғ қ ң ө ұ ү һ і ӣ ӯ ҳ ҷ ʻ included (tests/leaflets/test_leaflets.py checks it).
FONTS = {
    "regular": Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"),
    "bold": Path("/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"),
    "mono": Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"),
}
EMERGENCY = ["112", "102", "103", "111"]
# Tagged (headings, lists, the QR code as a figure described by its link), with title and language:
# what screen readers and PDF accessibility checkers read.
PDF_VARIANT = "pdf/ua-1"
A6_QR_MM = 34.0  # the QR image, quiet zone included; version 3 -> 0.92 mm per module
POSTER_QR_MM = 54.0
CONTACTS_QR_MM = 40.0
LINK_BOX_MM = 91.0 - A6_QR_MM - 2.5  # room beside the QR code for the printed short link
MONO_ADVANCE = 0.602  # DejaVu Sans Mono: advance width per character, in em
MIN_MODULE_MM = 0.5


class LeafletError(PluginError):
    """Stops scripts/build_site.py with the message (site/ is then left as it was)."""


# Pieces of a leaflet

def _dark_runs(matrix: tuple[tuple[bool, ...], ...]):
    """(row, first column, length) of every run of dark modules, row by row."""
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                yield y, start, x - start
            else:
                x += 1


def _qr_svg(matrix: tuple[tuple[bool, ...], ...], path: str, paint: str) -> str:
    size = len(matrix)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" shape-rendering="crispEdges">'
            f'<rect width="{size}" height="{size}" fill="#fff"/><path d="{path}" {paint}/></svg>')


def qr_image(url: str, size_mm: float) -> tuple[str, float]:
    """The QR code of `url` as an SVG data URI for a leaflet, and the size of one module in mm.

    Each run of dark modules in a row is a line one module thick with square (butt) ends, on the
    row's middle: the same squares as filled rectangles, in 2 path commands instead of 5, which
    renderers draw without grey seams between neighbouring squares (README "Leaflets and short
    links")."""
    matrix, _plan = shortlinks.qr_matrix(url)
    module = size_mm / len(matrix)
    if module < MIN_MODULE_MM:
        raise LeafletError(f"{url}: Must print QR modules of at least {MIN_MODULE_MM} mm (would be {module:.2f} mm)")
    lines = "".join(f"M{x} {y}.5h{length}" for y, x, length in _dark_runs(matrix))
    svg = _qr_svg(matrix, lines, 'fill="none" stroke="#000" stroke-width="1" stroke-linecap="butt"')
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("ascii")).decode("ascii"), module


def qr_screen_svg(url: str) -> str:
    """The QR code of `url` as inline SVG for a page on screen: filled rectangles, which browsers
    snap to whole pixels (shape-rendering)."""
    matrix, _plan = shortlinks.qr_matrix(url)
    squares = "".join(f"M{x} {y}h{length}v1h-{length}z" for y, x, length in _dark_runs(matrix))
    return _qr_svg(matrix, squares, 'fill="#000"')


def strings(lang: str) -> dict:
    return interface_strings.load(lang)


def strings_file(lang: str) -> str:
    return interface_strings.path_for(lang).relative_to(site_config.ROOT).as_posix()


def link_font_pt(text: str, box_mm: float, largest: float = 10.5) -> float:
    fits = box_mm / 25.4 * 72 / (MONO_ADVANCE * max(len(text), 1))
    return round(min(largest, fits) - 0.05, 1)


def emergency(ui: dict) -> list[tuple[str, str]]:
    return [(number, ui.get(f"emergency.{number}", "")) for number in EMERGENCY]


@dataclass
class Job:
    kind: str  # a6, poster, contacts, wallet
    template: str
    output: Path
    context: dict
    label: str  # e.g. "leaflets/ky/arrival.pdf"
    overflow: str  # message when the whole document needs more than one page
    sheet: Path | None = None  # also a print sheet: the document's pages placed on sheet_template's
    sheet_label: str = ""
    pages: int = 1  # sides it must fill exactly (a wallet card has two)
    sheet_template: str = "sheet.html"  # four A6 leaflets; a wallet card's ten: wallet_sheet.html
    check: Callable | None = None  # more `path:line: Must …` found in the laid-out document


@dataclass
class Result:
    label: str
    seconds: float
    problems: list


def card(record: shortlinks.PageRecord, link: shortlinks.Link, base: shortlinks.BaseUrl, out_label: str,
         recorded: bool = False) -> dict:
    """recorded: the site has a partner's recording of this page in its language (hooks/audio.py)."""
    ui = strings(record.lang)
    language = {language.code: language.name for language in site_config.languages()}
    url = base.url + link.path
    qr, _module = qr_image(url, A6_QR_MM)
    printed = base.printed + link.path
    if record.reviewed:
        reviewed = ui["page.reviewed"].replace("{date}", interface_strings.day_month_year(record.reviewed))
    elif record.type == "directory" and record.source.endswith(".yml"):
        reviewed = ui.get("directory.unverified", "")  # an entry nobody has checked: say so, as its page does
    else:
        reviewed = ""
    return {
        "lang": record.lang, "text_lang": record.text_lang, "lang_name": language.get(record.lang, record.lang),
        "site_name": ui["site_name"], "title": record.title, "summary": list(record.summary),
        "note": ui["leaflet.untranslated"] if record.fallback else "",
        "audio": ui["leaflet.audio"] if recorded and not record.fallback else "",
        "qr": qr, "url": url, "scan": ui["leaflet.scan"], "link_text": printed,
        "link_pt": link_font_pt(printed, LINK_BOX_MM),
        "emergency_title": ui["emergency.title"], "emergency": emergency(ui), "reviewed": reviewed,
        "report": ui.get("leaflet.report", ""), "sample": base.placeholder,
        "text_fit": (f"{record.where('summary')}: Must shorten the title or the summary: they do not fit on the page's "
                     f"A6 leaflet ({out_label}), which never cuts text. Keep the title under about 60 characters "
                     "and each of the 2 to 4 summary lines under about 80"),
        "bottom_fit": (f"{strings_file(record.lang)}:1: Must shorten leaflet.scan, emergency.title or the emergency.* "
                       f"labels: they do not fit on the leaflet ({out_label})"),
        "head_fit": (f"{strings_file(record.lang)}:1: Must shorten site_name or the language name: "
                     f"they do not fit on the leaflet's top line ({out_label})"),
    }


# Directory contacts (data/services/*.yml through scripts/directory/services.py)

CITY = "almaty"
MAX_CONTACTS = 10  # two columns of five fixed boxes on the A4 directory leaflet
# Which contacts come first when more are verified than the leaflet holds.
CATEGORY_ORDER = ["emergency", "helpline", "child-protection", "trafficking", "shelter", "legal-aid", "consulate",
                  "documents", "health", "education"]


def _text(value, lang: str) -> tuple[str, str | None]:
    """A per-language text of an entry in `lang`, else Russian: (text, its language)."""
    if not isinstance(value, dict):
        return "", None
    default = site_config.default_language()
    if value.get(lang):
        return str(value[lang]), lang
    return str(value.get(default, "")), default


def _phone(number: str) -> str:
    if not number.startswith("+"):
        return number
    import phonenumbers
    try:
        return phonenumbers.format_number(phonenumbers.parse(number), phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    except phonenumbers.NumberParseException:
        return number


def verified_contacts(lang: str, today=None) -> tuple[list[dict], int] | None:
    """Key contacts for Almaty in `lang`: active entries of the directory that a person checked
    in the last 12 months (services.verified_recently), located in Almaty or serving the whole
    country, with a phone number or an address, not just the emergency numbers printed anyway.
    Returns (at most MAX_CONTACTS of them, how many there are), or None without a directory."""
    import datetime as dt
    try:
        from scripts.directory import services
    except ImportError:
        return None
    today = today or dt.date.today()
    try:
        entries = services.load(today=today)
    except services.ServicesError as error:  # `path:line: Must …` for each entry
        raise LeafletError(str(error)) from None
    found = []
    for service in entries:
        data = service.data
        if data.get("status") != "active" or not services.verified_recently(data, today):
            continue
        locations = [location for location in data.get("locations") or [] if isinstance(location, dict)]
        if locations and not any(location.get("city") == CITY for location in locations):
            continue
        phones = [phone["number"] for phone in data.get("phones") or [] if phone.get("type", "voice") == "voice"]
        addresses = [_text(location.get("address"), lang)[0] for location in locations
                     if location.get("city") == CITY and location.get("address")]
        if not [number for number in phones if number not in EMERGENCY] and not addresses:
            continue
        name, name_lang = _text(data.get("name"), lang)
        rank = min((CATEGORY_ORDER.index(c) for c in data.get("categories") or [] if c in CATEGORY_ORDER),
                   default=len(CATEGORY_ORDER))
        found.append((rank, name, {
            "name": name, "lang": name_lang, "phones": [_phone(number) for number in phones][:3],
            "lines": addresses[:2], "checked": str(data.get("assured_date")),
            "fit": (f"{service.path}:1: Must shorten the name or the address in {lang} (or "
                    f"give fewer phone numbers): they do not fit in its box on leaflets/contacts/{lang}.pdf"),
        }))
    found.sort(key=lambda item: (item[0], item[1]))
    return [entry for _, _, entry in found[:MAX_CONTACTS]], len(found)


# Jobs

def plan(site_dir: Path, base: shortlinks.BaseUrl, links: list[shortlinks.Link]) -> list[Job]:
    pages = shortlinks.read_manifests(site_dir)
    by_key = {(link.lang, link.id): link for link in links if not link.removed}
    language_names = {language.code: language.name for language in site_config.languages()}
    jobs = []
    for lang, records in pages.items():
        for record in records:
            if not record.id or not shortlinks.gets_short_link(record):
                continue
            link = by_key[(lang, record.id)]
            label, sheet = f"leaflets/{lang}/{record.id}.pdf", f"leaflets/sheets/{lang}/{record.id}.pdf"
            recorded = any((site_dir / "audio" / lang).glob(f"{record.id}.*"))
            context = card(record, link, base, label, recorded)
            jobs.append(Job("a6", "a6.html", site_dir / label, {"c": context}, label,
                            f"{record.where('summary')}: Must shorten the title or the summary: the leaflet "
                            f"{label} needs more than one page", site_dir / sheet, sheet))
    homes = {lang: next((link for link in links if link.lang == lang and not link.removed and link.target.type == "home"), None)
             for lang in pages}
    cells = []
    for lang in pages:
        link = homes[lang]
        if link is None:
            raise LeafletError(f"{site_config.docs_dir().relative_to(site_config.ROOT).as_posix()}/{lang}/index.md:1: "
                               "Must have a home page (type: home) with an id: the poster's QR codes lead to it")
        ui = strings(lang)
        url = base.url + link.path
        qr, _module = qr_image(url, POSTER_QR_MM)
        cells.append({"lang": lang, "lang_name": language_names.get(lang, lang), "text": ui["leaflet.poster"], "qr": qr,
                      "link_text": base.printed + link.path,
                      "fit": f"{strings_file(lang)}:1: Must shorten leaflet.poster: it does not fit on leaflets/poster.pdf"})
    if cells:
        default_ui = strings(site_config.default_language())
        jobs.append(Job("poster", "poster.html", site_dir / "leaflets/poster.pdf",
                        {"cells": cells, "title": default_ui["site_name"], "sample": base.placeholder},
                        "leaflets/poster.pdf",
                        "mkdocs.yml:1: Must fit every language on the one-page poster leaflets/poster.pdf "
                        "(it holds six)"))
    for lang in pages:
        jobs.append(contacts_job(site_dir, lang, base, links, language_names))
    return jobs


def contacts_job(site_dir: Path, lang: str, base: shortlinks.BaseUrl, links: list[shortlinks.Link],
                 language_names: dict) -> Job:
    ui = strings(lang)
    label = f"leaflets/contacts/{lang}.pdf"
    candidates = [link for link in links if link.lang == lang and not link.removed]
    directory = sorted((link for link in candidates if link.target.type == "directory"),
                       key=lambda link: (len(link.target.url), link.target.url))  # the directory's index first
    home = [link for link in candidates if link.target.type == "home"]
    target = (directory or home)[0]
    url = base.url + target.path
    qr, _module = qr_image(url, CONTACTS_QR_MM)
    entries, total = verified_contacts(lang) or ([], 0)
    for entry in entries:
        entry["checked"] = ui["leaflet.contacts.checked"].replace(
            "{date}", interface_strings.day_month_year(entry["checked"]))
    context = {
        "lang": lang, "lang_name": language_names.get(lang, lang), "title": ui["leaflet.contacts"],
        "site_name": ui["site_name"], "emergency_title": ui["emergency.title"], "emergency": emergency(ui),
        "entries": entries, "more": ui["leaflet.contacts.more"] if total > len(entries) else "",
        "none": ui["leaflet.contacts.none"], "qr": qr, "scan": ui["leaflet.scan"],
        "link_text": base.printed + target.path, "sample": base.placeholder, "report": ui.get("leaflet.report", ""),
        "top_fit": f"{strings_file(lang)}:1: Must shorten leaflet.contacts or the emergency labels: they do not fit on {label}",
        "body_fit": f"{strings_file(lang)}:1: Must shorten leaflet.contacts.none or leaflet.contacts.more: they do not fit on {label}",
        "bottom_fit": f"{strings_file(lang)}:1: Must shorten leaflet.scan: it does not fit on {label}",
    }
    return Job("contacts", "contacts.html", site_dir / label, {"c": context}, label,
               f"{label}: Must fit on one A4 page")


# Rendering (in worker processes)

_state: dict = {}


def _environment() -> jinja2.Environment:
    if "env" not in _state:
        _state["env"] = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                                           undefined=jinja2.StrictUndefined, trim_blocks=False)
    return _state["env"]


def _stylesheets():
    if "css" not in _state:
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration
        fonts = FontConfiguration()
        font_css = _environment().get_template("fonts.css").render(fonts={k: path.as_uri() for k, path in FONTS.items()})
        _state["fonts"] = fonts
        _state["css"] = [CSS(string=font_css, font_config=fonts),
                         CSS(filename=str(TEMPLATES / "leaflet.css"), font_config=fonts)]
    return _state["css"], _state["fonts"]


def _classes(element) -> list[str]:
    if element is None or not hasattr(element, "get"):
        return []
    return (element.get("class") or "").split()


def fit_problems(document) -> list[str]:
    """Messages of every .fit box whose content reaches outside it (WeasyPrint's layout boxes)."""
    from weasyprint.formatting_structure import boxes
    problems = []
    tolerance = 0.2  # CSS px

    def walk(box, limit):
        element = getattr(box, "element", None)
        if "fit" in _classes(element) and (limit is None or limit[4] is not element):
            x0, y0 = box.border_box_x(), box.border_box_y()
            limit = (x0, y0, x0 + box.border_width(), y0 + box.border_height(), element)
        elif limit is not None and hasattr(box, "border_box_x"):
            x0, y0 = box.border_box_x(), box.border_box_y()
            x1, y1 = x0 + box.border_width(), y0 + box.border_height()
            # Text and inline boxes are as tall as the font, a little taller than their line: their
            # lines are measured for height, they for width.
            inline = isinstance(box, (boxes.TextBox, boxes.InlineBox))
            if x0 < limit[0] - tolerance or x1 > limit[2] + tolerance or (
                    not inline and (y0 < limit[1] - tolerance or y1 > limit[3] + tolerance)):
                problems.append(limit[4].get("data-fit") or "Must fit its box")
                return
        for child in getattr(box, "children", ()) or ():
            walk(child, limit)

    for page in document.pages:
        walk(page._page_box, None)
    return list(dict.fromkeys(problems))


def render(job: Job) -> list[Result]:
    from weasyprint import HTML
    start = time.perf_counter()
    css, fonts = _stylesheets()
    html = _environment().get_template(job.template).render(**job.context)
    document = HTML(string=html, base_url=str(TEMPLATES)).render(stylesheets=css, font_config=fonts)
    problems = fit_problems(document) + (job.check(document) if job.check else [])
    if len(document.pages) != job.pages:
        problems.insert(0, f"{job.overflow} (it needs {len(document.pages)} pages)")
    if problems:
        return [Result(job.label, time.perf_counter() - start, problems)]
    job.output.parent.mkdir(parents=True, exist_ok=True)
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
    job.output.write_bytes(pdf)
    results = [Result(job.label, time.perf_counter() - start, [])]
    if job.sheet is not None:
        start = time.perf_counter()
        job.sheet.parent.mkdir(parents=True, exist_ok=True)
        job.sheet.write_bytes(imposition.sheet(pdf, _frame(job.sheet_template)))
        results.append(Result(job.sheet_label, time.perf_counter() - start, []))
    return results


def _frame(template: str) -> imposition.Frame:
    """A print sheet's frame, laid out once per process."""
    if template not in _state:
        from weasyprint import HTML
        css, fonts = _stylesheets()
        html = _environment().get_template(template).render()
        _state[template] = imposition.frame(HTML(string=html).render(stylesheets=css, font_config=fonts))
    return _state[template]


MM = 72 / 25.4  # PDF points per millimetre


# The build step

@dataclass
class Report:
    base: shortlinks.BaseUrl
    links: list
    issued: list
    results: list
    seconds: float
    workers: int

    @property
    def pdfs(self) -> int:
        return len(self.results)


def _workers(requested: int | None, jobs: int) -> int:
    if requested:
        return max(1, requested)
    return max(1, min(os.cpu_count() or 1, jobs // 8 or 1))


def render_all(jobs: list[Job], workers: int) -> list[Result]:
    # Largest first, so that no process is left with a slow page at the end.
    order = {"contacts": 0, "poster": 1, "wallet": 2, "a6": 3}
    jobs = sorted(jobs, key=lambda job: order.get(job.kind, 9))
    if workers <= 1:
        return [result for job in jobs for result in render(job)]
    if not background.can_fork():
        # Another thread (a server in a test, a browser driver) may hold a lock that a forked
        # child would wait for forever: start fresh interpreters instead.
        return _render_in_subprocesses(jobs, workers)
    import weasyprint  # noqa: F401  (imported once here, inherited by the forked workers)
    with background.executor(workers) as pool:
        return [result for results in pool.map(render, jobs, chunksize=2) for result in results]


def _render_in_subprocesses(jobs: list[Job], workers: int) -> list[Result]:
    """`python -m scripts.leaflets --worker` processes, each given every workers-th job (pickled)."""
    import pickle
    import subprocess
    root = str(site_config.ROOT)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])),
               LEAFLETS_PARENT=str(os.getpid()))
    processes = []
    for index in range(workers):
        process = subprocess.Popen([sys.executable, "-m", "scripts.leaflets", "--worker"], cwd=root, env=env,
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        processes.append((process, jobs[index::workers]))
    results = []
    for process, share in processes:
        output, errors = process.communicate(pickle.dumps(share))
        if process.returncode != 0:
            raise LeafletError(f"scripts/leaflets/render.py: a worker process failed: {errors.decode(errors='replace')[-2000:]}")
        results += pickle.loads(output)
    return results


def _worker() -> int:
    """Render the pickled jobs on stdin; pickled results on stdout."""
    import pickle
    process_lifetime.die_with_parent(int(os.environ.get("LEAFLETS_PARENT") or os.getppid()))
    jobs = pickle.load(sys.stdin.buffer)
    results = [result for job in jobs for result in render(job)]
    sys.stdout.buffer.write(pickle.dumps(results))
    return 0


def _inside_project(path: Path) -> bool:
    try:
        path.resolve().relative_to(site_config.ROOT.resolve())
        return True
    except ValueError:
        return False


def build_into(site_dir: Path, base_url: str | None = None, *, registry: Path = shortlinks.REGISTRY,
               workers: int | None = None, quiet: bool = False, record: bool | None = None) -> Report:
    """Short-link pages and every leaflet, into a site mkdocs has just built in site_dir.

    New pages get short links; `record` saves them in the registry. By default only a build
    inside the project (`make site`, scripts/build_site.py into site/) records: previews and
    test builds elsewhere never change the repository, and say which links are not recorded.
    """
    start = time.perf_counter()
    site_dir = Path(site_dir)
    if record is None:
        record = _inside_project(site_dir)
    missing = [f"{path}: Must be installed (fonts-noto-core, fonts-dejavu-core): run ./scripts/system-packages.sh site"
               for path in FONTS.values() if not path.is_file()]
    if missing:
        raise LeafletError("\n".join(missing))
    try:
        base = shortlinks.base_url(base_url)
        links, issued = shortlinks.update(site_dir, registry, record)
        shortlinks.check_fits(base, [link.path for link in links])
        from scripts.leaflets import cards  # it builds on this module
        jobs = plan(site_dir, base, links) + cards.jobs(site_dir, base, links)
    except shortlinks.ShortLinkError as error:
        raise LeafletError(str(error)) from None
    count = _workers(workers, len(jobs))
    results = render_all(jobs, count)
    problems = list(dict.fromkeys(problem for result in results for problem in result.problems))
    if problems:
        more = f"\n… and {len(problems) - 40} more" if len(problems) > 40 else ""
        raise LeafletError("\n".join(problems[:40]) + more)
    cards.write_screen_pages(site_dir, base, links)
    report = Report(base, links, issued, results, time.perf_counter() - start, count)
    no_sitemap = sitemap.write(site_dir, base)  # under the same address as the QR codes
    if not quiet:
        if no_sitemap:
            print(no_sitemap)
        label = shortlinks.load_registry(registry).label
        if issued and record:
            print(f"{label}: recorded {len(issued)} new short link(s), e.g. {issued[0]}: commit this file "
                  "with the new pages")
        elif issued:
            print(f"{label}: {len(issued)} short link(s) of this build are new and not recorded, e.g. {issued[0]}; "
                  "`make site` records them. Do not print leaflets of this build")
        if base.placeholder:
            print(f"Leaflets are marked SAMPLE: no site address is set. Set SITE_URL (or LEAFLET_BASE_URL for a "
                  f"mirror) to an https:// address before printing; QR codes now lead to {base.url}")
        print(f"Leaflets: {report.pdfs} PDFs and {len(links)} short links in {report.seconds:.1f} s "
              f"({count} processes), QR codes to {base.url}s/…")
    return report
