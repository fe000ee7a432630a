"""The directory's pages in one language: index, category and city pages, a page per service,
vCards, and the lists that replace `<!-- services: … -->` markers in the guides.

Functions from checked entries (scripts/services.py) and interface strings (i18n/<lang>.yml) to
HTML or Markdown; overrides/hooks/directory.py puts them into the build. Every directory page
lives at directory/<name>.html in every language, so links between them are bare file names.
"""
from __future__ import annotations

import datetime as dt
import functools
import html
import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import phonenumbers

from scripts import interface_strings, service_hours, services, site_config, vcard

FIRST_CITY = "almaty"  # the campaign's city comes first in every grouping (issue 4)
NATIONWIDE = "nationwide"  # entries without a location: helplines and national bodies
PAGE_SIZE = 100  # entries on one category or city page; the rest on <name>-2.html, -3, …
INDEX_PER_GROUP = 10  # entries per category and city on the index, then "all N"
MARKER_MAX = 8  # entries a guide's marker lists, then "all N"
MARKER = re.compile(r"<!--\s*services:(?P<names>[^>]*?)-->")
OSM = "https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
LINKS = {"voice": "tel:{number}", "text": "sms:{number}", "whatsapp": "https://wa.me/{digits}", "telegram": "https://t.me/+{digits}"}
SUMMARY_WIDTH = 80  # characters per leaflet summary line (schemas/page.schema.json allows 90)
esc = html.escape


@dataclass
class View:
    """The directory as read in one language on one day."""
    lang: str
    today: dt.date
    source_lang: str = field(default_factory=site_config.default_language)

    def __post_init__(self):
        self.cache = {}
        self.ui = interface_strings.load(self.lang)
        self.source_ui = interface_strings.load(self.source_lang)
        self.language_names = {language.code: language.name for language in site_config.languages()}

    def t(self, key: str, **values) -> str:
        """Interface string; the default language's where a translation lacks the key."""
        text = self.ui.get(key) or self.source_ui.get(key) or key
        for name, value in values.items():
            text = text.replace("{" + name + "}", str(value))
        return text

    def name_key(self, entry) -> str:
        return self.text(entry.data["name"])[0].casefold()

    def text(self, value) -> tuple[str, str]:
        """(text, its language) of a per-language map: the reader's, else the default language's."""
        if not isinstance(value, dict):
            return "", self.lang
        if value.get(self.lang):
            return value[self.lang], self.lang
        return value.get(self.source_lang, ""), self.source_lang

    def city(self, city: str) -> str:
        return self.t("directory.nationwide") if city == NATIONWIDE else self.t(f"directory.city.{city}")

    def category(self, category: str) -> str:
        return self.t(f"directory.category.{category}")


@dataclass
class Page:
    """One generated page: what the theme's page around it needs, and its body."""
    name: str  # directory/<name>.html
    id: str  # page id: leaflet and short link (page_records hook)
    title: str  # plain text
    heading: str  # HTML of the h1
    summary: list[str]
    body: str  # HTML, in a <div lang="…">
    source: str  # the file an editor changes
    fallback: bool = False  # some text is in the default language
    reviewed: str | None = None
    anchors: set = field(default_factory=set)

    def meta(self) -> dict:
        return {"type": "directory", "id": self.id, "title": self.title, "summary": self.summary,
                "reviewed": self.reviewed, "status": {"fallback": self.fallback}, "source": self.source}


class _Texts:
    """Text in the reader's language, marked lang="…" where it falls back; remembers if it did."""

    def __init__(self, view: View):
        self.view = view
        self.fallback = False

    def inline(self, value) -> str:
        text, lang = self.view.text(value)
        if lang != self.view.lang:
            self.fallback = True
            return f'<span lang="{lang}">{esc(text)}</span>'
        return esc(text)

    def block(self, value, tag: str = "p", cls: str = "") -> str:
        text, lang = self.view.text(value)
        attrs = f' class="{cls}"' if cls else ""
        if lang != self.view.lang:
            self.fallback = True
            attrs += f' lang="{lang}"'
        return f"<{tag}{attrs}>{esc(text)}</{tag}>"


# Entries, grouped

def listed(entries) -> list:
    """Entries shown in lists and markers: all but inactive ones (their pages stay)."""
    return [entry for entry in entries if entry.data.get("status") != "inactive"]


@functools.lru_cache(maxsize=65536)
def cities_of(entry) -> tuple[str, ...]:
    cities = []
    for location in entry.data.get("locations") or []:
        if location["city"] not in cities:
            cities.append(location["city"])
    return tuple(cities) or (NATIONWIDE,)


def city_order(cities, view: View) -> list[str]:
    """Almaty first, then the other cities by name in the reader's language, nationwide last."""
    def key(city):
        return (city != FIRST_CITY, city == NATIONWIDE, view.city(city).casefold())
    return sorted(set(cities), key=key)


@functools.lru_cache(maxsize=8192)
def display_number(number: str) -> str:
    if not number.startswith("+"):
        return number
    return phonenumbers.format_number(phonenumbers.parse(number), phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def phone_href(phone: dict) -> str:
    number = phone["number"]
    return LINKS[phone.get("type", "voice")].format(number=number, digits=number.lstrip("+"))


def _truncate(text: str, width: int = SUMMARY_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _date(value: str) -> str:
    """2026-11-01 -> 01.11.2026, 2026-11 -> 11.2026, 2022 -> 2022."""
    parts = str(value).split("-")
    return ".".join(reversed(parts))


# Pieces of pages

def _entry_item(entry, view: View, texts: _Texts, href: str) -> str:
    """One entry in a list: its name linked, its state, its first number to dial."""
    data = entry.data
    item = f'<a href="{href}">{texts.inline(data["name"])}</a>'
    if data.get("status") == "temporarily closed":
        item += f' <em>({esc(view.t("directory.status.temporarily_closed"))})</em>'
    phones = data.get("phones") or []
    if phones:
        item += f' · <a href="{esc(phone_href(phones[0]))}">{esc(display_number(phones[0]["number"]))}</a>'
    return f"<li>{item}</li>"


def _current(flag: bool) -> str:
    return ' aria-current="page"' if flag else ""


def _filter(categories: list[str], cities: list[str], view: View) -> str:
    """Links to every category and city page: filtering without JavaScript."""
    def links(names, prefix, label):
        return "<ul>" + "".join(f'<li><a href="{prefix}-{name}.html">{esc(label(name))}</a></li>' for name in names) + "</ul>"
    return (f'<nav class="site-dir-filter" aria-label="{esc(view.t("directory.filter"))}">'
            f'<p>{esc(view.t("directory.by_category"))}</p>{links(categories, "category", view.category)}'
            f'<p>{esc(view.t("directory.by_city"))}</p>{links(cities, "city", view.city)}</nav>')


def _mark_current(nav: str, name: str) -> str:
    return nav.replace(f'href="{name}.html">', f'href="{name}.html"{_current(True)}>', 1)


def _sources(entry, texts: _Texts) -> str:
    view = texts.view
    items = []
    for source in entry.data["sources"]:
        title = esc(source["title"])
        if source.get("url"):
            title = f'<a href="{esc(source["url"])}" rel="noopener noreferrer external">{title}</a>'
        dates = []
        if source.get("published"):
            dates.append(view.t("directory.source.published", date=_date(source["published"])))
        dates.append(view.t("directory.source.seen", date=_date(source["seen"])))
        items.append(f'<li id="source-{source["id"]}">{title} ({esc("; ".join(dates))})</li>')
    return f'<h2 id="sources">{esc(view.t("page.sources"))}</h2><ol class="site-service__sources">{"".join(items)}</ol>'


def _refs(refs, entry) -> str:
    """[1] [2] after a contact detail: the sources where it was seen."""
    order = [source["id"] for source in entry.data["sources"]]
    return "".join(f' <a class="site-service__ref" href="#source-{ref}">[{order.index(ref) + 1}]</a>' for ref in refs)


def _hours(entry, texts: _Texts) -> str:
    view, parts = texts.view, []
    for schedule in entry.data.get("schedules") or []:
        expression = schedule.get("opening_hours")
        if expression:
            days = service_hours.week(expression)
            if days is None:
                parts.append(f'<p>{esc(view.t("directory.hours.osm"))} <code>{esc(expression)}</code></p>')
            elif service_hours.always_open(days):
                parts.append(f'<p>{esc(view.t("directory.hours.always"))}</p>')
            else:
                rows = "".join(
                    f'<tr><th scope="row">{esc(view.t("directory.day." + code))}</th><td>'
                    f'{", ".join(f"{opens}–{closes}" for opens, closes in intervals) or esc(view.t("directory.hours.closed"))}'
                    "</td></tr>" for code, intervals in zip(service_hours.DAYS, days))
                parts.append(f"<table><tbody>{rows}</tbody></table>")
        if schedule.get("notes"):
            parts.append(texts.block(schedule["notes"]))
    return f'<h2 id="hours">{esc(view.t("directory.hours"))}</h2>{"".join(parts)}' if parts else ""


def _contacts(entry, texts: _Texts, vcard_href: str | None) -> str:
    view, data, parts = texts.view, entry.data, []
    phones = []
    for phone in data.get("phones") or []:
        label = [esc(view.t("directory.phone." + phone.get("type", "voice")))]
        if phone.get("description"):
            label.append(texts.inline(phone["description"]))
        if phone.get("languages"):
            label.append(esc(", ".join(view.language_names.get(code, code) for code in phone["languages"])))
        phones.append(f'<li><a class="site-service__tel" href="{esc(phone_href(phone))}">{esc(display_number(phone["number"]))}</a> '
                      f'<span>{" · ".join(label)}{_refs(phone["sources"], entry)}</span></li>')
    if phones:
        parts.append(f'<ul class="site-service__phones">{"".join(phones)}</ul>')
    if data.get("url"):
        url = data["url"]["value"]
        parts.append(f'<p>{esc(view.t("directory.website"))}: <a href="{esc(url)}" rel="noopener noreferrer external">'
                     f'{esc(urlsplit(url).netloc)}</a>{_refs(data["url"]["sources"], entry)}</p>')
    if data.get("email"):
        email = data["email"]["value"]
        parts.append(f'<p>{esc(view.t("directory.email"))}: <a href="mailto:{esc(email)}">{esc(email)}</a>'
                     f'{_refs(data["email"]["sources"], entry)}</p>')
    if vcard_href:
        parts.append(f'<p class="site-service__vcard"><a href="{vcard_href}" download type="text/vcard">'
                     f'{esc(view.t("directory.vcard"))}</a></p>')
    if not phones and not data.get("url") and not data.get("email"):
        parts.append(f'<p>{esc(view.t("directory.no_contacts"))}</p>')
    return f'<h2 id="contacts">{esc(view.t("directory.contacts"))}</h2>{"".join(parts)}'


def _where(entry, texts: _Texts) -> str:
    view, items = texts.view, []
    for location in entry.data.get("locations") or []:
        line = [f"<strong>{esc(view.city(location['city']))}</strong>"]
        for key in ("name", "address", "region"):
            if location.get(key):
                line.append(texts.inline(location[key]))
        text = ", ".join(line) + (_refs(location["sources"], entry) if location.get("sources") else "")
        if "latitude" in location:
            lat, lon = location["latitude"], location["longitude"]
            text += (f'<br><a href="{esc(OSM.format(lat=lat, lon=lon))}" rel="noopener noreferrer external">'
                     f'{esc(view.t("directory.osm"))}</a>')
        items.append(f"<li>{text}</li>")
    if not items:
        items.append(f"<li>{esc(view.city(NATIONWIDE))}</li>")
    return f'<h2 id="where">{esc(view.t("directory.where"))}</h2><ul class="site-service__where">{"".join(items)}</ul>'


def _who(entry, texts: _Texts) -> str:
    view, data, parts = texts.view, entry.data, []
    if data.get("eligibility"):
        parts.append(texts.block(data["eligibility"]))
    if data.get("fees") or data.get("fees_description"):
        fees = esc(view.t("directory.fees." + data["fees"])) if data.get("fees") else ""
        extra = " " + texts.inline(data["fees_description"]) if data.get("fees_description") else ""
        parts.append(f"<p>{fees}{extra}</p>")
    return f'<h2 id="who">{esc(view.t("directory.eligibility"))}</h2>{"".join(parts)}' if parts else ""


# Pages

def has_vcard(entry) -> bool:
    """A contact to save needs something to call, write to or visit."""
    data = entry.data
    return bool(data.get("phones") or data.get("url") or data.get("email")
                or any(location.get("address") for location in data.get("locations") or []))


def service_page(entry, view: View) -> Page:
    data, texts = entry.data, _Texts(view)
    name, name_lang = view.text(data["name"])
    texts.fallback = name_lang != view.lang
    parts = []
    if data.get("status") != "active":
        key = "directory.status." + data["status"].replace(" ", "_")
        parts.append(f'<p class="site-notice site-notice--closed" role="note">{esc(view.t(key))}</p>')
    if services.verified_recently(data, view.today):
        parts.append(f'<p class="site-reviewed">{esc(view.t("directory.assured", date=_date(data["assured_date"])))}</p>')
    else:
        parts.append(f'<p class="site-notice site-notice--unverified" role="note">{esc(view.t("directory.unverified"))}</p>')
    if data.get("organization"):
        parts.append(f'<p class="site-service__org">{esc(view.t("directory.organization"))}: '
                     f'{texts.inline(data["organization"]["name"])}</p>')
    parts.append(texts.block(data["description"]))
    parts.append(_contacts(entry, texts, f"{entry.id}.vcf" if has_vcard(entry) else None))
    parts.append(_where(entry, texts))
    parts.append(_hours(entry, texts))
    parts.append(_who(entry, texts))
    if data.get("required_documents"):
        items = "".join(texts.block(item, "li") for item in data["required_documents"])
        parts.append(f'<h2 id="documents">{esc(view.t("directory.documents"))}</h2><ul>{items}</ul>')
    if data.get("languages"):
        names = ", ".join(view.language_names.get(code, code) for code in data["languages"])
        parts.append(f'<h2 id="languages">{esc(view.t("directory.languages"))}</h2><p>{esc(names)}</p>')
    topics = " · ".join(f'<a href="category-{c}.html">{esc(view.category(c))}</a>' for c in data["categories"])
    parts.append(f'<p class="site-service__topics">{esc(view.t("directory.categories"))}: {topics}</p>')
    parts.append(_sources(entry, texts))
    parts.append(f'<p class="site-dir-back"><a href="index.html">{esc(view.t("directory.all"))}</a></p>')
    body = f'<div class="site-service" lang="{view.lang}">{"".join(parts)}</div>'
    reach = [display_number(phone["number"]) for phone in (data.get("phones") or [])[:3]]
    reach += [view.city(city) for city in cities_of(entry)]
    return Page(
        name=entry.id, id=entry.id, title=name, heading=f'<span lang="{name_lang}">{esc(name)}</span>',
        summary=[_truncate(name), _truncate(" · ".join(reach))], body=body, source=entry.path,
        fallback=texts.fallback, reviewed=data.get("assured_date"), anchors=_anchors(body))


def _anchors(body: str) -> set:
    return set(re.findall(r' id="([^"]+)"', body))


def _paginate(groups: list[tuple[str, str, list]], size: int) -> list[list[tuple[str, str, list]]]:
    """Split [(anchor, heading, entries)] into pages of at most `size` entries; a heading repeats
    on the page where its group continues."""
    pages, page, count = [], [], 0
    for anchor, heading, entries in groups:
        while entries:
            room = size - count
            if room == 0:
                pages.append(page)
                page, count = [], 0
                room = size
            page.append((anchor, heading, entries[:room]))
            count += len(entries[:room])
            entries = entries[room:]
    if page or not pages:
        pages.append(page)
    return pages


def listings(entries, view: View) -> list[Page]:
    """Every category page (grouped by city) and city page (grouped by category), paginated.

    A page, once published, keeps existing (leaflets and short links lead to it): there is a page
    for every category, for the whole country, and for every city of an entry, inactive ones
    included, even when it has nothing to list; the filter links only those that list something.
    """
    shown = sorted(listed(entries), key=view.name_key)
    categories = [c for c in services.categories() if any(c in e.data["categories"] for e in shown)]
    cities = city_order([city for entry in shown for city in cities_of(entry)], view)
    nav = _filter(categories, cities, view)
    pages = []
    for category in services.categories():
        members = [entry for entry in shown if category in entry.data["categories"]]
        groups = [(city, view.city(city), [e for e in members if city in cities_of(e)]) for city in cities]
        pages += _listing("category", category, view.category(category), [g for g in groups if g[2]], nav, view)
    for city in city_order([city for entry in entries for city in cities_of(entry)] + [NATIONWIDE], view):
        members = [entry for entry in shown if city in cities_of(entry)]
        groups = [(category, view.category(category), [e for e in members if category in e.data["categories"]])
                  for category in categories]
        pages += _listing("city", city, view.city(city), [g for g in groups if g[2]], nav, view)
    return pages


def _listing(kind: str, key: str, title: str, groups, nav: str, view: View) -> list[Page]:
    texts = _Texts(view)
    base = f"{kind}-{key}"
    chunks = _paginate(groups, PAGE_SIZE)
    names = [base] + [f"{base}-{number}" for number in range(2, len(chunks) + 1)]
    pages = []
    for number, (name, chunk) in enumerate(zip(names, chunks), start=1):
        sections = "".join(
            f'<h2 id="{anchor}">{esc(heading)}</h2><ul class="site-dir-list">'
            + "".join(_entry_item(entry, view, texts, f"{entry.id}.html") for entry in group) + "</ul>"
            for anchor, heading, group in chunk) or f'<p>{esc(view.t("directory.empty"))}</p>'
        pager = ""
        if len(chunks) > 1:
            links = "".join(f'<li><a href="{other}.html"{_current(other == name)}>{index}</a></li>'
                            for index, other in enumerate(names, start=1))
            pager = f'<nav class="site-dir-pages" aria-label="{esc(view.t("directory.pages"))}"><ul>{links}</ul></nav>'
        plain = title + (f" ({number}/{len(chunks)})" if len(chunks) > 1 else "")
        body = (f'<div class="site-dir" lang="{view.lang}"><p class="site-dir-back"><a href="index.html">'
                f'{esc(view.t("directory.all"))}</a></p>{_mark_current(nav, base)}{sections}{pager}</div>')
        pages.append(Page(
            name=name, id=f"{services.RESERVED_ID}-{key}" + (f"-{number}" if number > 1 else ""),
            title=f"{plain} · {view.t('directory.title')}", heading=esc(plain),
            summary=[_truncate(title), _truncate(view.t("directory.title"))], body=body,
            source=f"data/services/ ({kind} {key})", fallback=False, anchors=_anchors(body)))
    return pages


def _md_text(text: str) -> str:
    """Text safe inside a Markdown link label."""
    return re.sub(r"([\\`*_\[\]<>&#])", r"\\\1", text)


def _md_link(value, view: View, target: str) -> str:
    text, lang = view.text(value)
    link = f"[{_md_text(text)}]({target})"
    return link + (f'{{: lang="{lang}" }}' if lang != view.lang else "")


def index_markdown(entries, view: View, open_data_href: str) -> str:
    """The directory's index page (in the navigation): every category, its cities, Almaty first."""
    shown = sorted(listed(entries), key=view.name_key)
    lines = [f"# {_md_text(view.t('directory.title'))}", "", _md_text(view.t("directory.intro")), ""]
    if shown:
        categories = [c for c in services.categories() if any(c in e.data["categories"] for e in shown)]
        lines += [_filter(categories, city_order([c for e in shown for c in cities_of(e)], view), view), ""]
    else:
        lines += [_md_text(view.t("directory.empty")), ""]
    for category in services.categories():
        members = [entry for entry in shown if category in entry.data["categories"]]
        if not members:
            continue
        lines += [f"## {_md_text(view.category(category))} {{#{category}}}", ""]
        for city in city_order([c for e in members for c in cities_of(e)], view):
            group = [e for e in members if city in cities_of(e)]
            lines += [f"### {_md_text(view.city(city))} {{#{category}-{city}}}", ""]
            for entry in group[:INDEX_PER_GROUP]:
                line = "- " + _md_link(entry.data["name"], view, f"{entry.id}.md")
                if entry.data.get("status") == "temporarily closed":
                    line += f" *({_md_text(view.t('directory.status.temporarily_closed'))})*"
                phones = entry.data.get("phones") or []
                if phones:
                    line += f" · [{_md_text(display_number(phones[0]['number']))}]({phone_href(phones[0])})"
                lines.append(line)
            lines.append("")
            if len(group) > INDEX_PER_GROUP:
                lines += [f"[{_md_text(view.t('directory.more', count=len(members)))}](category-{category}.md)", ""]
    lines += [f"## {_md_text(view.t('directory.open_data'))} {{#open-data}}", "", _md_text(view.t("directory.open_data.text")), ""]
    for file_name, label in (("services.json", "HSDS JSON"), ("services.csv", "CSV"), ("datapackage.json", "Data Package"),
                             ("service.schema.json", "JSON Schema")):
        lines.append(f'- <a href="{open_data_href}{file_name}">{file_name}</a> ({label})')
    return "\n".join(lines) + "\n"


def index_meta(view: View) -> dict:
    return {"type": "directory", "id": services.RESERVED_ID, "title": view.t("directory.title"),
            "summary": [_truncate(view.t("directory.summary.1")), _truncate(view.t("directory.summary.2"))],
            "reviewed": None, "status": {"fallback": False}, "source": "data/services/"}


def vcard_text(entry, view: View) -> str:
    data = entry.data
    locations = data.get("locations") or []
    located = next((location for location in locations if location.get("address")), None)
    geo = next(((l["latitude"], l["longitude"]) for l in locations if "latitude" in l), None)
    note = [view.text(data["description"])[0]]
    if not services.verified_recently(data, view.today):
        note.append(view.t("directory.unverified"))
    return vcard.card(
        view.text(data["name"])[0],
        organization=view.text((data.get("organization") or {}).get("name"))[0],
        phones=[(phone["number"], phone.get("type", "voice")) for phone in data.get("phones") or []],
        url=(data.get("url") or {}).get("value", ""), email=(data.get("email") or {}).get("value", ""),
        address=(view.text(located["address"])[0], view.city(located["city"]), view.text(located.get("region"))[0]) if located else None,
        geo=geo, note="\n".join(note))


# Guides

def marker_categories(markdown: str) -> list[tuple[int, list[str]]]:
    """(offset, categories) of every `<!-- services: … -->` marker."""
    return [(match.start(), match["names"].split()) for match in MARKER.finditer(markdown)]


def _place(entry) -> int:
    cities = cities_of(entry)
    return 0 if FIRST_CITY in cities else 1 if NATIONWIDE in cities else 2


def _by_place(entries, view: View) -> list:
    """Listed entries, Almaty first, then nationwide, then elsewhere, by name: sorted once per view."""
    key = ("by_place", id(entries))
    if key not in view.cache:
        view.cache[key] = sorted(listed(entries), key=lambda entry: (_place(entry), view.name_key(entry)))
    return view.cache[key]


def marker_markdown(names: list[str], entries, view: View, directory: str) -> str:
    """The list a marker stands for: entries of these categories, Almaty first, then nationwide.

    `directory` is the relative path from the page to the directory folder, e.g. 'directory/'.
    """
    shown = [entry for entry in _by_place(entries, view) if any(name in entry.data["categories"] for name in names)]
    shown.sort(key=lambda entry: (_place(entry), min(names.index(c) for c in entry.data["categories"] if c in names)))
    lines = []
    for entry in shown[:MARKER_MAX]:
        where = ", ".join(view.city(city) for city in cities_of(entry))
        line = f"- {_md_link(entry.data['name'], view, f'{directory}{entry.id}.md')} — {_md_text(where)}"
        phones = entry.data.get("phones") or []
        if phones:
            line += f" · [{_md_text(display_number(phones[0]['number']))}]({phone_href(phones[0])})"
        lines.append(line)
    more = " · ".join(f"[{_md_text(view.category(name))}]({directory}category-{name}.md)" for name in names
                      if any(name in entry.data["categories"] for entry in shown))
    label = view.t("directory.see_also", count=len(shown)) if len(shown) > MARKER_MAX else view.t("directory.see_also_all")
    tail = f"{_md_text(label)} {more}" if more else f"[{_md_text(view.t('directory.all'))}]({directory}index.md)"
    return "\n" + "\n".join(lines) + ("\n\n" if lines else "\n") + tail + "\n"


def directory_prefix(page_src_uri: str) -> str:
    """Relative path from a page (its source path without the language folder) to directory/."""
    return posixpath.relpath("directory", posixpath.dirname(page_src_uri) or ".") + "/"
