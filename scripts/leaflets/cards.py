""""Show this" cards of the situation pages (issue 14): a wallet card per situation and language,
an A4 sheet of ten, and the card on screen in large type.

  leaflets/cards/<lang>/<id>.pdf          85 x 55 mm, two sides: the Russian text for the official,
                                          then the family's language with the QR code
  leaflets/cards/sheets/<lang>/<id>.pdf   A4: the card ten times, fronts then backs, crop marks
                                          (frame: templates/wallet_sheet.html; scripts/leaflets/imposition.py)
  <page's folder>/cards/<id>.html         the card on screen (no script), linked from its page

A card carries only the page's card lines whose sources are H or M (scripts/core/situations.py),
an M line with "check before you rely on it"; its QR code and short link lead to the situation
page in that language; its date is the page's `reviewed`. A card line that does not fit stops the
build naming its file and line; text is never cut.
"""
from __future__ import annotations

import posixpath
from pathlib import Path

import markupsafe

from scripts.core import interface_strings, site_config, situations
from scripts.leaflets import render, shortlinks

WALLET_QR_MM = 19.0
LINK_BOX_MM = 77.0


def _line_text(line, ui: dict) -> dict:
    return {"text": line.text, "check": ui["situations.card.check"] if line.needs_check else "", "where": ""}


def context(record: shortlinks.PageRecord, link: shortlinks.Link, base: shortlinks.BaseUrl, label: str) -> dict | None:
    """What one card shows, or None when the page is no situation (or has nothing printable)."""
    default = site_config.default_language()
    russian, own = situations.situation(default, record.id), situations.situation(record.lang, record.id)
    if russian is None or own is None:
        return None
    ui, ru_ui = render.strings(record.lang), render.strings(default)
    pairs = [(ru_line, own.lines[index] if index < len(own.lines) else ru_line)
             for index, ru_line in enumerate(russian.lines) if ru_line.printable]
    date = interface_strings.day_month_year(russian.reviewed) if russian.reviewed else ""
    url, printed = base.url + link.path, base.printed + link.path
    qr, _module = render.qr_image(url, WALLET_QR_MM)
    where = render.strings_file(record.lang)
    return {
        "lang": record.lang, "lang_name": {x.code: x.name for x in site_config.languages()}.get(record.lang, record.lang),
        "site_name": ui["site_name"], "ru_site_name": ru_ui["site_name"], "head": ru_ui["situations.card.head"],
        "ru_title": russian.title, "title": own.title,
        "ru_lines": [{**_line_text(ru, ru_ui), "where": f"{_rel(russian.path)}:{ru.line}"} for ru, _ in pairs],
        "lines": [{**_line_text(ru, ui), "text": mine.text, "where": f"{_rel(own.path)}:{mine.line}"} for ru, mine in pairs],
        "ru_checked": ru_ui["situations.card.checked"].replace("{date}", date),
        "checked": ui["situations.card.checked"].replace("{date}", date),
        "qr": qr, "url": url, "link_text": printed, "link_pt": render.link_font_pt(printed, LINK_BOX_MM, 7.0),
        "sample": base.placeholder, "label": label, "default_lang": default, "bilingual": record.lang != default,
        "head_fit": f"{render.strings_file(default)}:1: Must shorten situations.card.head or site_name: they do not fit on {label}",
        "date_fit": f"{where}:1: Must shorten situations.card.checked: it does not fit beside the QR code on {label}",
        "link_fit": f"{where}:1: Must use a shorter site address: the short link does not fit on {label}",
    }


def _rel(path: Path) -> str:
    try:
        return path.resolve().relative_to(site_config.ROOT.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def jobs(site_dir: Path, base: shortlinks.BaseUrl, links: list[shortlinks.Link]) -> list[render.Job]:
    """A wallet card and its sheet of ten for every situation page in every language."""
    found = []
    for link in links:
        record = link.target
        if link.removed or record.type != situations.TYPE:
            continue
        label = f"leaflets/cards/{link.lang}/{record.id}.pdf"
        sheet = f"leaflets/cards/sheets/{link.lang}/{record.id}.pdf"
        card = context(record, link, base, label)
        if card is None or not card["ru_lines"]:
            continue
        found.append(render.Job("wallet", "wallet.html", site_dir / label, {"c": card}, label,
                                f"{record.where('card')}: Must shorten the card: {label} needs more than its two sides",
                                site_dir / sheet, sheet, pages=2, sheet_template="wallet_sheet.html",
                                check=line_problems))
    return found


def line_problems(document) -> list[str]:
    """`file:line: Must …` for the first card line that reaches below its side of the card."""
    problems = []
    for page in document.pages:
        _walk(page._page_box, None, problems)
    return list(dict.fromkeys(problems))


def _walk(box, side, problems) -> None:
    element = getattr(box, "element", None)
    classes = (element.get("class") or "").split() if element is not None and hasattr(element, "get") else []
    if "wallet__text" in classes:
        side = box.border_box_y() + box.border_height()
    elif side is not None and element is not None and element.tag == "li" and element.get("data-where"):
        if box.border_box_y() + box.border_height() > side + 0.2:
            problems.append(f"{element.get('data-where')}: Must shorten this card line (or the ones before it): "
                            "it does not fit on the 85 x 55 mm card, which never cuts text")
        return
    for child in getattr(box, "children", ()) or ():
        _walk(child, side, problems)


# The card on screen


def write_screen_pages(site_dir: Path, base: shortlinks.BaseUrl, links: list[shortlinks.Link]) -> int:
    """Each situation's card as a page of its own beside the situation page; returns how many."""
    template = render._environment().get_template("show_card.html")
    written = 0
    for link in links:
        record = link.target
        if link.removed or record.type != situations.TYPE:
            continue
        page_path = situations.card_path(record.id)
        folder = posixpath.dirname(record.url)
        target = posixpath.join(folder, page_path)
        card = context(record, link, base, target)
        if card is None:
            continue
        up = posixpath.relpath(".", posixpath.dirname(target) or ".")
        qr = render.qr_screen_svg(card["url"])  # inline: no data: address in a page
        html = template.render(c=card, qr=markupsafe.Markup(qr), ui=render.strings(record.lang),
                               page=posixpath.relpath(record.url, posixpath.dirname(target)),
                               stylesheet=posixpath.join(up, "assets/show-card.css"))
        out = site_dir / target
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(html, encoding="utf-8")
        written += 1
    return written
