"""The directory's pages in one language: index, category and city pages, a page per service,
vCards, and the lists that replace `<!-- services: … -->` markers in the guides.

Functions from checked entries (scripts/directory/services.py) and interface strings (i18n/<lang>.yml) to
HTML or Markdown; overrides/hooks/directory.py puts them into the build. Every directory page
lives at directory/<name>.html in every language, so links between them are bare file names.
"""
from __future__ import annotations

import datetime as dt
import functools
import heapq
import html
import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from scripts.core import interface_strings, markers, site_config
from scripts.directory import service_hours, services, vcard
from scripts.site import changes

FIRST_CITY = "almaty"  # the campaign's city comes first in every grouping (issue 4)
NATIONWIDE = "nationwide"  # entries without a location: helplines and national bodies
PAGE_SIZE = 100  # entries on one category or city page; the rest on <name>-2.html, -3, …
INDEX_PER_GROUP = 10  # entries per category and city on the index, then "all N"
MARKER_MAX = 8  # entries a guide's marker lists, then "all N"
MARKER = markers.SERVICES
# Where a list of entries goes in a page's Markdown: the list is put in once the page is HTML
# (fill_lists). Markdown would take longer to read thousands of entries' lists than the rest of
# the build's pages, and their links are made from the entries themselves: nothing to check.
LIST_PLACE = "<!-- directory-list: {key} -->"
LIST_PLACE_RE = re.compile(r"<!-- directory-list: [a-z0-9-]+ -->")
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
                "reviewed": self.reviewed, "translation": {"fallback": self.fallback}, "source": self.source}


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

    def machine_notice(self, languages: list) -> str:
        """Says so when the reader's texts here are a machine translation nobody has checked yet."""
        if self.view.lang not in languages:
            return ""
        return f'<p class="site-notice site-notice--machine" role="note">{esc(self.view.t("directory.machine"))}</p>'

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


display_number = services.display_number


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
    key = ("item", entry.id, href)
    if key in view.cache:  # an entry is on a page of each of its categories and cities
        item, fallback = view.cache[key]
        texts.fallback |= fallback
        return item
    inner = _Texts(view)
    item = view.cache[key] = (_entry_item_html(entry, view, inner, href), inner.fallback)
    texts.fallback |= inner.fallback
    return item[0]


def _entry_item_html(entry, view: View, texts: _Texts, href: str) -> str:
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
    if not phones and not data.get("url") and not data.get("email") and not entry.withheld:
        parts.append(f'<p>{esc(view.t("directory.no_contacts"))}</p>')
    if entry.withheld:
        parts.append(f'<p class="site-service__withheld">{esc(view.t("directory.withheld"))}</p>')
    if not phones and data.get("fallback"):
        parts.append(_fallback(entry, texts))
    return f'<h2 id="contacts">{esc(view.t("directory.contacts"))}</h2>{"".join(parts)}'


def _fallback(entry, texts: _Texts) -> str:
    """While no number of the entry can be shown: which national number to call, and what to ask."""
    view, fallback = texts.view, entry.data["fallback"]
    number = esc(fallback["number"])
    return (f'<p class="site-fallback">{esc(view.t("directory.fallback"))}<br>'
            f'<a class="site-service__tel" href="tel:{number}">{number}</a> {texts.inline(fallback["ask"])}'
            f'{_refs(fallback["sources"], entry)}</p>')


def _updated(entry, texts: _Texts) -> str:
    """'Updated on …: what changed', for an entry changed in the last 30 days."""
    view = texts.view
    latest = changes.latest(changes.of_entry(entry.data, view.lang, view.source_lang), view.today)
    if latest is None:
        return ""
    return (f'<p class="site-updated">{esc(view.t("page.updated", date=_date(latest.date.isoformat()), text=""))}'
            f'{texts.inline(_change_text(entry, latest))}</p>')


def _change_text(entry, latest) -> dict:
    dated = [item for item in entry.data.get("changes") or [] if str(item.get("date")) == latest.date.isoformat()]
    return dated[-1]["text"] if dated else {}


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

def unverified_key(data: dict) -> str:
    """"Not verified recently", with "call before you go" only where there is a number to call."""
    return "directory.unverified" if data.get("phones") else "directory.unverified.no_phone"


def has_vcard(entry) -> bool:
    """A contact to save needs something to call, write to or visit."""
    data = entry.data
    return bool(data.get("phones") or data.get("url") or data.get("email")
                or any(location.get("address") for location in data.get("locations") or []))


def service_meta(entry, view: View) -> Page:
    """The service's page without its body: what search, short links and leaflets read."""
    data = entry.data
    name, name_lang = view.text(data["name"])
    reach = [display_number(phone["number"]) for phone in (data.get("phones") or [])[:3]]
    reach += [view.city(city) for city in cities_of(entry)]
    return Page(
        name=entry.id, id=entry.id, title=name, heading=f'<span lang="{name_lang}">{esc(name)}</span>',
        summary=[_truncate(name), _truncate(" · ".join(reach))], body="", source=entry.path,
        fallback=name_lang != view.lang, reviewed=data.get("assured_date"), anchors=service_anchors(entry))


@functools.lru_cache(maxsize=65536)
def service_anchors(entry) -> frozenset:
    """The ids service_page() gives its sections, known without writing the page: links to
    directory/<id>.md#hours from a guide are checked against them."""
    data = entry.data
    ids = {"contacts", "where", "sources"} | {f"source-{source['id']}" for source in data["sources"]}
    if any(schedule.get("opening_hours") or schedule.get("notes") for schedule in data.get("schedules") or []):
        ids.add("hours")
    if data.get("eligibility") or data.get("fees") or data.get("fees_description"):
        ids.add("who")
    if data.get("required_documents"):
        ids.add("documents")
    if data.get("languages"):
        ids.add("languages")
    return frozenset(ids)


def search_text(entry, view: View) -> str:
    """What search finds a service by: its names, city and topics. Short: with thousands of
    services the index is downloaded on a phone; their descriptions are on the category pages."""
    data = entry.data
    words = [view.text((data.get("organization") or {}).get("name"))[0]]
    words += [view.city(city) for city in cities_of(entry)] + [view.category(category) for category in data["categories"]]
    return " ".join(word for word in words if word)


def service_page(entry, view: View) -> Page:
    page = service_meta(entry, view)
    inner, page.fallback = service_body(entry, view)
    page.body = f'<div class="site-service" lang="{view.lang}">{inner}</div>'
    return page


def service_body(entry, view: View, texts: _Texts | None = None) -> tuple[str, bool]:
    """The page's sections (HTML) and whether some text is in the default language instead."""
    data, texts = entry.data, texts or _Texts(view)
    texts.fallback = view.text(data["name"])[1] != view.lang
    parts = []
    if data.get("status") != "active":
        key = "directory.status." + data["status"].replace(" ", "_")
        parts.append(f'<p class="site-notice site-notice--closed" role="note">{esc(view.t(key))}</p>')
    parts.append(_updated(entry, texts))
    parts.append(texts.machine_notice(data.get("machine_translated") or []))
    if services.verified_recently(data, view.today):
        parts.append(f'<p class="site-reviewed">{esc(view.t("directory.assured", date=_date(data["assured_date"])))}</p>')
    else:
        parts.append(f'<p class="site-notice site-notice--unverified" role="note">{esc(view.t(unverified_key(data)))}</p>')
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
    return "".join(parts), texts.fallback


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


@dataclass
class Listing:
    """A category or city page before its HTML is written: its Page (body empty) and its part of
    the list."""
    page: Page
    chunk: list  # [(anchor, heading, entries)]
    names: list  # every page of this category or city, for the pager
    base: str  # category-<key> or city-<key>
    nav: str  # the filter links


def _bucket(members, keys_of) -> dict[str, list]:
    """{key: the members that have it}, each list in the members' order."""
    buckets = {}
    for entry in members:
        for key in keys_of(entry):
            buckets.setdefault(key, []).append(entry)
    return buckets


def _shown(entries, view: View) -> tuple[list, dict, dict]:
    """Listed entries by name in the reader's language; the same by category and by city (once per view)."""
    key = ("shown", id(entries))
    if key not in view.cache:
        shown = sorted(listed(entries), key=view.name_key)
        view.cache[key] = (shown, _bucket(shown, lambda entry: entry.data["categories"]), _bucket(shown, cities_of))
    return view.cache[key]


def listings(entries, view: View) -> list[Listing]:
    """Every category page (grouped by city) and city page (grouped by category), paginated.

    A page, once published, keeps existing (leaflets and short links lead to it): there is a page
    for every category, for the whole country, and for every city of an entry, inactive ones
    included, even when it has nothing to list; the filter links only those that list something.
    """
    _shown_entries, by_category, by_city = _shown(entries, view)
    categories = [c for c in services.categories() if c in by_category]
    cities = city_order(by_city, view)
    nav = _filter(categories, cities, view)
    pages = []
    for category in services.categories():
        buckets = _bucket(by_category.get(category, []), cities_of)
        groups = [(city, view.city(city), buckets[city]) for city in cities if city in buckets]
        pages += _listing("category", category, view.category(category), groups, nav, view)
    for city in city_order([city for entry in entries for city in cities_of(entry)] + [NATIONWIDE], view):
        buckets = _bucket(by_city.get(city, []), lambda entry: entry.data["categories"])
        groups = [(category, view.category(category), buckets[category]) for category in categories if category in buckets]
        pages += _listing("city", city, view.city(city), groups, nav, view)
    return pages


def _listing(kind: str, key: str, title: str, groups, nav: str, view: View) -> list[Listing]:
    base = f"{kind}-{key}"
    chunks = _paginate(groups, PAGE_SIZE)
    names = [base] + [f"{base}-{number}" for number in range(2, len(chunks) + 1)]
    pages = []
    for number, (name, chunk) in enumerate(zip(names, chunks), start=1):
        plain = title + (f" ({number}/{len(chunks)})" if len(chunks) > 1 else "")
        page = Page(
            name=name, id=f"{services.RESERVED_ID}-{key}" + (f"-{number}" if number > 1 else ""),
            title=f"{plain} · {view.t('directory.title')}", heading=esc(plain),
            summary=[_truncate(title), _truncate(view.t("directory.title"))], body="",
            source=f"data/services/ ({kind} {key})", fallback=False, anchors={anchor for anchor, _, _ in chunk})
        pages.append(Listing(page, chunk, names, base, nav))
    return pages


def listing_body(listing: Listing, view: View) -> str:
    texts = _Texts(view)
    sections = "".join(
        f'<h2 id="{anchor}">{esc(heading)}</h2><ul class="site-dir-list">'
        + "".join(_entry_item(entry, view, texts, f"{entry.id}.html") for entry in group) + "</ul>"
        for anchor, heading, group in listing.chunk) or f'<p>{esc(view.t("directory.empty"))}</p>'
    pager = ""
    if len(listing.names) > 1:
        links = "".join(f'<li><a href="{other}.html"{_current(other == listing.page.name)}>{index}</a></li>'
                        for index, other in enumerate(listing.names, start=1))
        pager = f'<nav class="site-dir-pages" aria-label="{esc(view.t("directory.pages"))}"><ul>{links}</ul></nav>'
    return (f'<div class="site-dir" lang="{view.lang}"><p class="site-dir-back"><a href="index.html">'
            f'{esc(view.t("directory.all"))}</a></p>{_mark_current(listing.nav, listing.base)}{sections}{pager}</div>')


def listing_search_text(listing: Listing) -> str:
    """The groups of a category or city page (its entries have their own search entries)."""
    return " ".join(heading for _, heading, _ in listing.chunk)


def _md_text(text: str) -> str:
    """Text safe inside a Markdown link label."""
    return re.sub(r"([\\`*_\[\]<>&#])", r"\\\1", text)


def index_markdown(entries, view: View, open_data_href: str) -> tuple[str, dict[str, str]]:
    """The directory's index page (in the navigation): every category, its cities, Almaty first.

    Returns the Markdown and {LIST_PLACE: the HTML of the list that goes there} (see fill_lists).
    """
    shown, by_category, by_city = _shown(entries, view)
    lines = [f"# {_md_text(view.t('directory.title'))}", "", _md_text(view.t("directory.intro")), ""]
    lists = {}
    if shown:
        categories = [c for c in services.categories() if c in by_category]
        lines += [_filter(categories, city_order(by_city, view), view), ""]
    else:
        lines += [_md_text(view.t("directory.empty")), ""]
    for category in services.categories():
        members = by_category.get(category, [])
        if not members:
            continue
        lines += [f"## {_md_text(view.category(category))} {{#{category}}}", ""]
        buckets = _bucket(members, cities_of)
        for city in city_order(buckets, view):
            group = buckets[city]
            marker = LIST_PLACE.format(key=f"{category}-{city}")
            lists[marker] = "<ul>\n" + "".join(f"<li>{_index_item(entry, view)}</li>\n" for entry in group[:INDEX_PER_GROUP]) + "</ul>"
            lines += [f"### {_md_text(view.city(city))} {{#{category}-{city}}}", "", marker, ""]
            if len(group) > INDEX_PER_GROUP:
                lines += [f"[{_md_text(view.t('directory.more', count=len(members)))}](category-{category}.md)", ""]
    lines += [f"## {_md_text(view.t('directory.open_data'))} {{#open-data}}", "", _md_text(view.t("directory.open_data.text")), ""]
    for file_name, label in (("services.json", "HSDS 3.0 JSON"), ("directory.csv", "CSV"),
                             ("datapackage.json", "Data Package, CC BY 4.0"), ("service.schema.json", "JSON Schema")):
        lines.append(f'- <a href="{open_data_href}{file_name}">{file_name}</a> ({label})')
    return "\n".join(lines) + "\n", lists


def fill_lists(page_html: str, lists: dict[str, str]) -> str:
    """A page's HTML with its lists where their LIST_PLACE is."""
    return LIST_PLACE_RE.sub(lambda match: lists.get(match[0], match[0]), page_html)


def _index_item(entry, view: View) -> str:
    text, lang = view.text(entry.data["name"])
    item = f'<a href="{entry.id}.html"' + (f' lang="{lang}"' if lang != view.lang else "") + f">{esc(text, quote=False)}</a>"
    if entry.data.get("status") == "temporarily closed":
        item += f" <em>({esc(view.t('directory.status.temporarily_closed'), quote=False)})</em>"
    phones = entry.data.get("phones") or []
    if phones:
        item += f' · <a href="{esc(phone_href(phones[0]))}">{esc(display_number(phones[0]["number"]), quote=False)}</a>'
    return item


def index_meta(view: View) -> dict:
    return {"type": "directory", "id": services.RESERVED_ID, "title": view.t("directory.title"),
            "summary": [_truncate(view.t("directory.summary.1")), _truncate(view.t("directory.summary.2"))],
            "reviewed": None, "translation": {"fallback": False}, "source": "data/services/"}


def vcard_text(entry, view: View) -> str:
    data = entry.data
    locations = data.get("locations") or []
    located = next((location for location in locations if location.get("address")), None)
    geo = next(((place["latitude"], place["longitude"]) for place in locations if "latitude" in place), None)
    note = [view.text(data["description"])[0]]
    if not services.verified_recently(data, view.today):
        note.append(view.t(unverified_key(data)))
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


def _in_category(entries, view: View, category: str) -> list:
    """(position, entry) of the listed entries of a category, Almaty first (see _by_place)."""
    key = ("in_category", id(entries))
    if key not in view.cache:
        by_category = {}
        for position, entry in enumerate(_by_place(entries, view)):
            for name in entry.data["categories"]:
                by_category.setdefault(name, []).append((position, entry))
        view.cache[key] = by_category
    return view.cache[key].get(category, [])


def marker_html(names: list[str], entries, view: View, directory: str) -> str:
    """The list a marker stands for, as an HTML block: entries of these categories, Almaty first,
    then nationwide, at most MARKER_MAX; then links to the categories' pages.

    `directory` is the relative path from the page to the directory folder, e.g. 'directory/'.
    It goes in the page's HTML (see LIST_PLACE).
    """
    items = []
    for entry in _marker_entries(tuple(names), entries, view):
        text, lang = view.text(entry.data["name"])
        where = ", ".join(view.city(city) for city in cities_of(entry))
        item = (f'<li><a href="{esc(directory)}{entry.id}.html"' + (f' lang="{lang}"' if lang != view.lang else "")
                + f">{esc(text, quote=False)}</a> — {esc(where, quote=False)}")
        phones = entry.data.get("phones") or []
        if phones:
            item += f' · <a href="{esc(phone_href(phones[0]))}">{esc(display_number(phones[0]["number"]), quote=False)}</a>'
        items.append(item + "</li>")
    more = " · ".join(f'<a href="{esc(directory)}category-{name}.html">{esc(view.category(name), quote=False)}</a>'
                      for name in names if _in_category(entries, view, name))
    count = _marker_count(tuple(names), tuple(entries))
    label = view.t("directory.see_also", count=count) if count > MARKER_MAX else view.t("directory.see_also_all")
    tail = (f"{esc(label, quote=False)} {more}" if more
            else f'<a href="{esc(directory)}index.html">{esc(view.t("directory.all"), quote=False)}</a>')
    listing = "<ul>\n" + "\n".join(items) + "\n</ul>\n" if items else ""
    return f"{listing}<p>{tail}</p>"


def _marker_entries(names: tuple, entries, view: View) -> list:
    """The first MARKER_MAX entries of these categories by (place, first of the names they are in,
    position in the reader's order). The first MARKER_MAX of each category are enough: an entry
    further down has that many before it in its own category already."""
    first_rank = {}
    for rank, name in enumerate(names):
        for position, entry in _in_category(entries, view, name)[:MARKER_MAX]:
            first_rank.setdefault(entry, (_place(entry), rank, position))
    return heapq.nsmallest(MARKER_MAX, first_rank, key=first_rank.get)


@functools.lru_cache(maxsize=256)
def _marker_count(names: tuple, entries: tuple) -> int:
    """Listed entries in any of these categories: the same in every language."""
    wanted = set(names)
    return sum(1 for entry in listed(entries) if wanted.intersection(entry.data["categories"]))


def directory_prefix(page_src_uri: str) -> str:
    """Relative path from a page (its source path without the language folder) to directory/."""
    return posixpath.relpath("directory", posixpath.dirname(page_src_uri) or ".") + "/"
