"""Permanent short links: `<base>s/<lang><code>/`, one per page id and language, never reused.

The scheme (README "Leaflets and short links"):
- every page id gets a short code, issued once, in data/shortlinks.yml, from the alphabet below
  (no 0 1 i l o, so that a link typed from paper cannot be misread): 2, 3, …, z, then 22, 23, …;
- the short link of page `arrival` (code 3) in Kyrgyz is `s/ky3/`: `https://partner.example/s/ky3/`
  is 30 bytes, QR version 3 at error correction Q (version 3-M holds 42 bytes, 3-Q 32);
- the build writes `s/ky3/index.html`, a page that sends the reader, by a meta refresh and a
  visible link, to the page's current URL (relative, so the same files work at a domain root,
  under a sub-path and from file://);
- data/shortlinks.yml only grows: the build adds new pages and languages, and stops, naming
  the line, when a recorded link would stop resolving. A renamed page keeps its id and so its
  link; for a removed page, `replaced_by:` in its entry names the page that replaces it, and
  its links then lead to a page that says so. (`make check` says the same before any build:
  scripts/editors/checks/published_ids.py.)
"""
from __future__ import annotations

import functools
import html
import json
import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import qrcode
import yaml
from qrcode.exceptions import DataOverflowError
from qrcode.util import QRData

from scripts.core import interface_strings, site_config, yaml_source
from scripts.leaflets import registry_history

ROOT = site_config.ROOT
REGISTRY = ROOT / "data" / "shortlinks.yml"
ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
PREFIX = "s/"
MAX_REGISTRY_BYTES = 1 << 20  # about 12,000 entries; README "Limits"
MAX_QR_VERSION = 3
# Weakest accepted error correction first; each is tried from the strongest down.
EC_LEVELS = [("M", qrcode.constants.ERROR_CORRECT_M), ("Q", qrcode.constants.ERROR_CORRECT_Q),
             ("H", qrcode.constants.ERROR_CORRECT_H)]
# Used when neither LEAFLET_BASE_URL nor site_url (SITE_URL) is set: leaflets then carry a
# "sample, do not print" banner, because nobody can know which address they should lead to.
PLACEHOLDER_BASE_URL = "https://example.org/"
MANIFEST = "leaflets/pages-{lang}.json"  # written by overrides/hooks/page_records.py
INDEX = "leaflets/shortlinks.json"  # every link of the build: link, lang, id, url, removed
HEADER = """\
# Every short link ever issued (scripts/leaflets/shortlinks.py, README "Leaflets and short links").
# The link of page `id` in language `xx` is <site>/s/xx<code>/, e.g. s/ky2/. Printed leaflets
# lead to these links for years: never delete or change an entry, never reuse a code.
# The build adds new pages and languages at the end; commit this file with the new page.
# A renamed page keeps its id (and so its link). For a removed page, add to its entry
#   replaced_by: "<id of the page that now has this information>"
# Its links then lead to a page saying where to go now.
"""


class ShortLinkError(ValueError):
    """A problem an editor or a partner must fix; the message starts with `path:line:`."""


# Codes and URLs

def code_for(index: int) -> str:
    """0 -> '2', 30 -> 'z', 31 -> '22', ...: bijective base-31 numbering, shortest first."""
    digits = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return digits


def link_path(lang: str, code: str) -> str:
    return f"{PREFIX}{lang.lower()}{code}/"


def relative_url(from_dir: str, to_path: str) -> str:
    """Relative URL from a site folder (e.g. 's/ky2/') to a site file (e.g. 'ky/arrival.html')."""
    return posixpath.relpath(to_path, from_dir.rstrip("/") or ".")


@dataclass(frozen=True)
class QrPlan:
    version: int
    level: str  # M, Q or H


def qr_plan(data: str) -> QrPlan | None:
    """Smallest QR version at error correction M, then the strongest correction that keeps it.

    None when even M needs a version above MAX_QR_VERSION.
    """
    smallest = None
    for name, level in EC_LEVELS:
        version = _version(data, level)
        if smallest is None:
            if version > MAX_QR_VERSION:
                return None
            smallest = QrPlan(version, name)
        elif version <= smallest.version:
            smallest = QrPlan(smallest.version, name)
    return smallest


def _version(data: str, level: int) -> int:
    """The smallest version that holds `data` (make() would also draw the code eight times, once
    per mask, to choose the best: most of the leaflets' CPU went there)."""
    code = qrcode.QRCode(error_correction=level, border=0)
    code.add_data(QRData(data.encode("utf-8"), mode=qrcode.util.MODE_8BIT_BYTE))
    try:
        return code.best_fit()
    except DataOverflowError:
        return 99


@functools.lru_cache(maxsize=None)  # a link's code is drawn for its leaflet, wallet card, poster and screen card
def qr_matrix(data: str) -> tuple[tuple[tuple[bool, ...], ...], QrPlan]:
    """The QR code's modules (True = dark), quiet zone of 4 modules included."""
    plan = qr_plan(data)
    if plan is None:
        raise ShortLinkError(f"{data}: Must fit QR version {MAX_QR_VERSION} at error correction M")
    level = dict(EC_LEVELS)[plan.level]
    code = qrcode.QRCode(version=plan.version, error_correction=level, border=4)
    code.add_data(QRData(data.encode("utf-8"), mode=qrcode.util.MODE_8BIT_BYTE))
    code.make(fit=False)
    return tuple(tuple(row) for row in code.get_matrix()), plan


# The base URL the QR codes point to

@dataclass(frozen=True)
class BaseUrl:
    url: str  # always ends with "/"
    origin: str  # where it came from, for messages: "LEAFLET_BASE_URL", "mkdocs.yml:4 (site_url)"
    placeholder: bool = False

    @property
    def printed(self) -> str:
        """The base as printed under a QR code: no scheme, which phones add themselves."""
        return self.url.split("://", 1)[1]


def _site_url_line() -> int:
    for number, line in enumerate(site_config.MKDOCS_YML.read_text(encoding="utf-8").split("\n"), 1):
        if line.startswith("site_url:"):
            return number
    return 1


def base_url(explicit: str | None = None) -> BaseUrl:
    """The base URL for QR codes: the argument, else LEAFLET_BASE_URL, else site_url, else a
    placeholder (leaflets then say "sample, do not print"). Raises ShortLinkError if unusable."""
    if explicit:
        value, origin = explicit, "--base-url"
    elif os.environ.get("LEAFLET_BASE_URL"):
        value, origin = os.environ["LEAFLET_BASE_URL"], "LEAFLET_BASE_URL (environment)"
    elif site_config.load().get("site_url"):
        value = site_config.load()["site_url"]
        origin = f"mkdocs.yml:{_site_url_line()} (site_url, from the environment variable SITE_URL)"
    else:
        return BaseUrl(PLACEHOLDER_BASE_URL, "default (no SITE_URL or LEAFLET_BASE_URL set)", True)
    value = value.strip()
    if not value.endswith("/"):
        value += "/"
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.netloc:
        raise ShortLinkError(f"{origin}: Must be an https:// address (received {value!r}): phones warn about "
                             "plain http, and a printed QR code cannot be corrected later")
    if parts.query or parts.fragment or "@" in parts.netloc:
        raise ShortLinkError(f"{origin}: Must be a plain https:// address without '?', '#' or user name "
                             f"(received {value!r})")
    if not value.isascii():
        raise ShortLinkError(f"{origin}: Must be written in ASCII letters (received {value!r}); write an "
                             "internationalised domain in its xn-- form")
    return BaseUrl(value, origin)


def check_fits(base: BaseUrl, paths: list[str]) -> None:
    """Stop, naming where the base URL came from, if any short link's QR code is too big."""
    if not paths:
        return
    longest = max(paths, key=len)
    if qr_plan(base.url + longest) is None:
        room = 42 - len(longest.encode("utf-8"))
        raise ShortLinkError(
            f"{base.origin}: Must be at most {room} characters long (received {base.url!r}, "
            f"{len(base.url)} characters): the short link {base.url}{longest} would need a QR code "
            f"above version {MAX_QR_VERSION} at error correction M, too dense for cheap phone cameras "
            "on a small leaflet. Use a shorter address for the mirror")


# The registry of issued links

@dataclass
class Entry:
    id: str
    code: str
    languages: list[str]
    replaced_by: str | None = None
    line: int = 0

    def as_yaml(self) -> str:
        """One line, every value quoted (an id or language like `no` is not a boolean)."""
        fields = [f"id: {json.dumps(self.id)}", f"code: {json.dumps(self.code)}",
                  f"languages: [{', '.join(json.dumps(lang) for lang in self.languages)}]"]
        if self.replaced_by:
            fields.append(f"replaced_by: {json.dumps(self.replaced_by)}")
        return "- {" + ", ".join(fields) + "}\n"


@dataclass
class Registry:
    path: Path
    entries: list[Entry] = field(default_factory=list)

    @property
    def label(self) -> str:
        try:
            return self.path.resolve().relative_to(ROOT).as_posix()
        except ValueError:
            return str(self.path)

    def by_id(self) -> dict[str, Entry]:
        return {entry.id: entry for entry in self.entries}

    def save(self) -> None:
        text = HEADER + "".join(entry.as_yaml() for entry in self.entries)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(self.path.name + ".tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(self.path)


def load_registry(path: Path = REGISTRY, history: bool = True) -> Registry:
    """The registry, refused (ShortLinkError, every problem with its line and the line to restore)
    if an issued code changed or disappeared: against git's copies (scripts/registry_history.py)
    when there are some, and always against its own rule, the n-th entry has the n-th code."""
    registry = Registry(path)
    if not path.exists():
        return registry
    raw = path.read_bytes()
    before = _issued_before(path) if history else []
    try:
        document = yaml_source.read_bytes(raw, MAX_REGISTRY_BYTES)
        data = document.data()
    except yaml_source.YamlProblem as problem:
        raise ShortLinkError(f"{registry.label}:{problem.line}: {problem.message}"
                             f"{_restore(before, _position(raw, problem.line))}") from None
    if data is None:
        data, document.node = [], yaml.SequenceNode("", [], None, None)
    if not isinstance(data, list) or not isinstance(document.node, yaml.SequenceNode):
        raise ShortLinkError(f"{registry.label}:1: Must be a list of entries '- {{id: …, code: …, languages: […]}}'")
    problems = _entries(registry, data, document)
    problems += _lost(registry, before) or _out_of_order(registry)
    if problems:
        raise ShortLinkError("\n".join(problems))
    return registry


def _entries(registry: Registry, data: list, document) -> list[str]:
    """Read the entries into the registry; the problems of their shape."""
    problems, codes, ids, label = [], {}, {}, registry.label
    for item, item_node in zip(data, document.node.value):
        line = document.line(item_node)
        if not isinstance(item, dict) or not {"id", "code", "languages"} <= set(item) \
                or not isinstance(item["languages"] or [], list):
            problems.append(f"{label}:{line}: Must be an entry {{id: …, code: …, languages: […]}}")
            continue
        unknown = set(item) - {"id", "code", "languages", "replaced_by"}
        if unknown:
            problems.append(f"{label}:{line}: Must not have the field(s) {', '.join(sorted(map(str, unknown)))}; "
                            "only id, code, languages, replaced_by")
        entry = Entry(str(item["id"]), str(item["code"]), [str(lang) for lang in item["languages"] or []],
                      str(item["replaced_by"]) if item.get("replaced_by") else None, line)
        if any(char not in ALPHABET for char in entry.code) or not entry.code:
            problems.append(f"{label}:{line}: Must keep the issued code of '{entry.id}' ({entry.code!r} is not one "
                            "the build issues): restore it from git history")
        if entry.code in codes:
            problems.append(f"{label}:{line}: Must not reuse code {entry.code!r}: line {codes[entry.code]} "
                            "already has it, and leaflets with it are printed")
        if entry.id in ids:
            problems.append(f"{label}:{line}: Must list id '{entry.id}' once: line {ids[entry.id]} already has it")
        codes.setdefault(entry.code, line)
        ids.setdefault(entry.id, line)
        registry.entries.append(entry)
    return problems


def _issued_before(path: Path) -> list[tuple[str, list[Entry]]]:
    """(where, entries) of each earlier copy of the registry git has; copies it cannot read are left out."""
    found = []
    for snapshot in registry_history.snapshots(path):
        try:
            data = yaml_source.read(snapshot.text, MAX_REGISTRY_BYTES).data() or []
            entries = [Entry(str(item["id"]), str(item["code"]), [str(lang) for lang in item["languages"] or []])
                       for item in data]
        except (yaml_source.YamlProblem, TypeError, KeyError):
            continue
        found.append((snapshot.where, entries))
    return found


def _lost(registry: Registry, before: list[tuple[str, list[Entry]]]) -> list[str]:
    """Each issued code that changed or disappeared, or lost a language, with the line to restore."""
    problems, now = {}, {(entry.id, entry.code): entry for entry in registry.entries}
    for where, entries in before:
        for position, old in enumerate(entries):
            new = now.get((old.id, old.code))
            if new is not None and set(old.languages) <= set(new.languages):
                continue
            if new is not None:
                line = new.line
            else:
                line = registry.entries[position].line if position < len(registry.entries) else _end_line(registry)
            problems.setdefault(position, f"{registry.label}:{line}: Must keep code '{old.code}' of page '{old.id}' "
                                f"in {', '.join(old.languages)} (issued in {where}; leaflets may carry it): restore "
                                f"the line {old.as_yaml().strip()}")
    return [problems[position] for position in sorted(problems)]


def _out_of_order(registry: Registry) -> list[str]:
    """Without git's copies: the n-th entry must have the n-th code; the first that does not is named."""
    for position, entry in enumerate(registry.entries):
        if entry.code != code_for(position):
            return [f"{registry.label}:{entry.line}: Must have code '{code_for(position)}' here, not "
                    f"'{entry.code}': the build issues codes in order ({', '.join(map(code_for, range(3)))} … "
                    f"{ALPHABET[-1]}, 22 …), one a line, so a line above was deleted or a code changed. Restore the "
                    "lines as they were issued (git log -p data/shortlinks.yml)"]
    return []


def _end_line(registry: Registry) -> int:
    return (registry.entries[-1].line + 1) if registry.entries else HEADER.count("\n") + 1


def _position(raw: bytes, line: int) -> int:
    """Which entry (0, 1, …) a line of the registry belongs to: one entry a line, as the build writes."""
    lines = raw.split(b"\n")[: max(line, 1)]
    if not lines[-1].startswith(b"-"):
        return -1
    return sum(1 for text in lines if text.startswith(b"-")) - 1


def _restore(before: list[tuple[str, list[Entry]]], position: int) -> str:
    for where, entries in before:
        if 0 <= position < len(entries):
            return f". Restore the line as issued in {where}: {entries[position].as_yaml().strip()}"
    return ""


# Pages, as the hook records them while mkdocs builds

@dataclass(frozen=True)
class PageRecord:
    id: str | None
    type: str | None
    title: str
    summary: tuple[str, ...]
    reviewed: str
    url: str  # path of the built page from the site root, e.g. "ky/arrival.html"
    lang: str  # language the page is built in
    text_lang: str  # language of its text (differs when the page is not translated yet)
    source: str  # the file an editor changes, e.g. "docs/ky/arrival.md"
    lines: dict = field(default_factory=dict, compare=False)  # front matter key -> line

    @property
    def fallback(self) -> bool:
        return self.text_lang != self.lang

    def where(self, key: str) -> str:
        return f"{self.source}:{self.lines.get(key, 1)}"

    @staticmethod
    def from_json(data: dict) -> "PageRecord":
        return PageRecord(data.get("id"), data.get("type"), data.get("title") or "", tuple(data.get("summary") or ()),
                          str(data.get("reviewed") or ""), data["url"], data["lang"], data.get("text_lang") or data["lang"],
                          data["source"], dict(data.get("lines") or {}))

    def to_json(self) -> dict:
        return {"id": self.id, "type": self.type, "title": self.title, "summary": list(self.summary),
                "reviewed": self.reviewed, "url": self.url, "lang": self.lang, "text_lang": self.text_lang,
                "source": self.source, "lines": self.lines}


def gets_short_link(record: PageRecord) -> bool:
    """Guides, directory pages and the home page; not the search page."""
    return record.type != "search"


def page_problems(records: list[PageRecord]) -> list[str]:
    """`path:line: Must …` for pages the leaflets and short links cannot use (one language)."""
    problems, seen = [], {}
    for record in records:
        if not record.id:
            problems.append(f"{record.where('id')}: Must have an id (e.g. 'id: {Path(record.source).stem}'): "
                            "the page's short link and leaflet are made from it, and it never changes")
            continue
        if not record.summary and gets_short_link(record):
            problems.append(f"{record.where('summary')}: Must have a summary of 2 to 4 short lines: it is "
                            "printed on the page's leaflet")
        other = seen.get(record.id)
        if other is not None and other.source != record.source:
            problems.append(f"{record.where('id')}: Must have an id of its own: '{record.id}' is already "
                            f"the id of {other.source} (ids are printed in QR codes; give this page a new one)")
        seen.setdefault(record.id, record)
    return problems


def translation_problems(pages: dict[str, list[PageRecord]], default: str) -> list[str]:
    """A translation must keep the id of the page it translates (same file name)."""
    by_name = {Path(record.source).name: record for record in pages.get(default, []) if record.text_lang == default}
    problems = []
    for lang, records in pages.items():
        for record in records:
            source = by_name.get(Path(record.source).name)
            if record.text_lang == lang != default and source and record.id and record.id != source.id:
                problems.append(f"{record.where('id')}: Must keep the id of the page it translates: "
                                f"'{source.id}' ({source.source}), not '{record.id}'")
    return problems


def manifest_line(record: PageRecord) -> str:
    return json.dumps(record.to_json(), ensure_ascii=False, separators=(",", ":"))


def write_manifest(site_dir: Path, lang: str, records: list[PageRecord]) -> None:
    """The language's records, one a line: readable, and compact for the directory's thousands of pages."""
    target = site_dir / MANIFEST.format(lang=lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("[\n" + ",\n".join(manifest_line(record) for record in records) + "\n]\n", encoding="utf-8")


def add_to_manifest(site_dir: Path, lang: str, lines: list[str], sources: dict[str, str]) -> list[str]:
    """Add records written by manifest_line() (pages made outside mkdocs' pipeline) to the
    language's manifest. `sources`: {id: the file an editor changes} of those pages. Returns the
    problems, and adds nothing, when a page of the manifest already has one of their ids."""
    target = site_dir / MANIFEST.format(lang=lang)
    records = [PageRecord.from_json(item) for item in json.loads(target.read_text(encoding="utf-8"))]
    clashes = [f"{record.where('id')}: Must have an id of its own: '{record.id}' is already the id of "
               f"{sources[record.id]} (ids are printed in QR codes; give this page a new one)"
               for record in records if record.id in sources]
    if not clashes:
        target.write_text("[\n" + ",\n".join([manifest_line(record) for record in records] + lines) + "\n]\n",
                          encoding="utf-8")
    return clashes


def read_manifests(site_dir: Path) -> dict[str, list[PageRecord]]:
    """Pages of every language built into site_dir, in mkdocs.yml's language order."""
    pages = {}
    for lang in site_config.language_codes():
        path = site_dir / MANIFEST.format(lang=lang)
        if path.exists():
            pages[lang] = [PageRecord.from_json(item) for item in json.loads(path.read_text(encoding="utf-8"))]
    return pages


# Issuing and resolving

@dataclass(frozen=True)
class Link:
    lang: str
    id: str
    code: str
    target: PageRecord  # the page the link opens (the replacement, for a removed page)
    removed: bool = False

    @property
    def path(self) -> str:
        return link_path(self.lang, self.code)


def issue(registry: Registry, pages: dict[str, list[PageRecord]]) -> list[str]:
    """Record links for pages and languages not yet in the registry; returns what was added."""
    entries = registry.by_id()
    added = []
    order = site_config.language_codes()
    nav = site_config.nav_pages()

    def position(record: PageRecord) -> tuple:  # new codes follow the navigation, then the URL
        path = record.url.removeprefix(f"{record.lang}/")
        slug = path.removesuffix(".html")
        return (nav.index(slug) if slug in nav else len(nav), path)

    for lang, records in pages.items():
        for record in sorted(records, key=position):
            if not record.id or not gets_short_link(record):
                continue
            entry = entries.get(record.id)
            if entry is None:
                entry = Entry(record.id, code_for(len(registry.entries)), [])
                registry.entries.append(entry)
                entries[record.id] = entry
            if lang not in entry.languages:
                entry.languages.append(lang)
                entry.languages.sort(key=lambda code: order.index(code) if code in order else len(order))
                added.append(link_path(lang, entry.code) + f" ({record.id}, {lang})")
    return added


def _replacement(entry: Entry, registry: Registry, known: dict[str, PageRecord]) -> PageRecord | None:
    """The page a removed page's links lead to, following replacements through removed pages."""
    entries, seen, current = registry.by_id(), set(), entry.id
    while current and current not in seen:
        seen.add(current)
        record = entries.get(current)
        successor = record.replaced_by if record else None
        if successor in known:
            return known[successor]
        current = successor
    return None


def resolve(registry: Registry, pages: dict[str, list[PageRecord]]) -> list[Link]:
    """Every recorded link of the languages built, with the page it opens; stop if one cannot."""
    configured = site_config.language_codes()
    by_lang = {lang: {record.id: record for record in records if record.id} for lang, records in pages.items()}
    links, problems = [], []
    for entry in registry.entries:
        for lang in entry.languages:
            where = f"{registry.label}:{entry.line}"
            if lang not in configured:
                problems.append(f"{where}: Must keep resolving {link_path(lang, entry.code)}: language '{lang}' is "
                                "no longer in mkdocs.yml (plugins.i18n.languages); put it back")
                continue
            if lang not in by_lang:
                continue  # a one-language preview build
            page = by_lang[lang].get(entry.id)
            if page is not None and gets_short_link(page):
                links.append(Link(lang, entry.id, entry.code, page))
                continue
            replacement = _replacement(entry, registry, by_lang[lang])
            if replacement is not None:
                links.append(Link(lang, entry.id, entry.code, replacement, removed=True))
            elif entry.replaced_by:
                problems.append(f"{where}: Must replace removed page '{entry.id}' by a page that exists: "
                                f"'{entry.replaced_by}' is not the id of any page in '{lang}'")
            else:
                problems.append(f"{where}: Must keep {link_path(lang, entry.code)} resolving: no page has the id "
                                f"'{entry.id}' any more. A renamed page keeps its id: put 'id: {entry.id}' back in "
                                f"its front matter. For a removed page, add 'replaced_by: \"<id of the page that "
                                f"now has this information>\"' to this entry")
    if problems:
        raise ShortLinkError("\n".join(problems))
    return links


# Redirect pages



def redirect_html(link: Link) -> str:
    target = relative_url(link.path, link.target.url)
    ui = interface_strings.load(link.lang)
    e = html.escape
    text_lang = link.target.text_lang
    head = (f'<!doctype html>\n<html lang="{e(link.lang)}" dir="{e(ui.get("direction", "ltr"))}">\n<head>\n'
            '<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta name="robots" content="noindex">\n<meta name="referrer" content="no-referrer">\n')
    if not link.removed:
        return (head + f'<meta http-equiv="refresh" content="0; url={e(target)}">\n'
                f'<link rel="canonical" href="{e(target)}">\n<title>{e(link.target.title)}</title>\n</head>\n<body>\n'
                f'<p><a href="{e(target)}" lang="{e(text_lang)}">{e(link.target.title)}</a></p>\n</body>\n</html>\n')
    return (head + f'<title>{e(ui["shortlink.removed"])}</title>\n</head>\n<body>\n'
            f'<p>{e(ui["shortlink.removed"])}</p>\n'
            f'<p><a href="{e(target)}" lang="{e(text_lang)}">{e(link.target.title)}</a></p>\n</body>\n</html>\n')


def write_redirects(site_dir: Path, links: list[Link]) -> None:
    for link in links:
        folder = site_dir / link.path
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(redirect_html(link), encoding="utf-8")


def update(site_dir: Path, registry_path: Path = REGISTRY, record: bool = True) -> tuple[list[Link], list[str]]:
    """Check the built pages, issue links for new ones, write every redirect page and the
    list of links (leaflets/shortlinks.json).

    Returns the links and the newly issued ones; with `record`, these are saved in the registry.
    """
    pages = read_manifests(site_dir)
    problems = [problem for records in pages.values() for problem in page_problems(records)]
    problems += translation_problems(pages, site_config.default_language())
    if problems:
        raise ShortLinkError("\n".join(dict.fromkeys(problems)))
    registry = load_registry(registry_path)
    added = issue(registry, pages)
    links = resolve(registry, pages)
    write_redirects(site_dir, links)
    write_index(site_dir, links)
    if added and record:
        registry.save()
    return links, added


def write_index(site_dir: Path, links: list[Link]) -> None:
    """leaflets/shortlinks.json: every short link of this build and the page it opens."""
    target = site_dir / INDEX
    target.parent.mkdir(parents=True, exist_ok=True)
    rows = [{"link": link.path, "lang": link.lang, "id": link.id, "url": link.target.url, "removed": link.removed}
            for link in links]
    target.write_text(json.dumps(rows, ensure_ascii=False, indent=0), encoding="utf-8")


def read_index(site_dir: Path) -> list[dict]:
    return json.loads((site_dir / INDEX).read_text(encoding="utf-8"))
