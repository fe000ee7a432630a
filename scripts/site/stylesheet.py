"""One small stylesheet: Material's rules that the built pages can use, then the site's own.

Material's stylesheet is 22 KB gzipped, three quarters of a guide's first view; the pages use a
fifth of it. After the build, every rule is kept whose selectors could match the pages: each
class, id, element and attribute a selector names occurs in some page (as PurgeCSS decides,
ignoring states such as :hover or :checked, and what :not(), :is() and :where() contain).
Custom properties no kept rule reads are dropped. The site's own stylesheet follows unchanged.
tinycss2 parses the CSS (WeasyPrint's parser, already installed for the leaflets).
"""
from __future__ import annotations

import functools
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import tinycss2
from selectolax.lexbor import LexborHTMLParser, SelectolaxError

from scripts.site import icons

# Parts of Material that only its JavaScript shows; the site ships none of it (README).
SCRIPT_ONLY = ("md-dialog", "md-search", "md-top", "md-tooltip", "md-clipboard", "md-source", "md-consent")
_TAG_NAME = re.compile(rb"<([a-zA-Z][a-zA-Z0-9-]*)")
# Attributes: name="value", name='value', name=value (minified pages), or a bare name (hidden, open).
_ATTRIBUTE_VALUE = re.compile(rb"""\s([a-zA-Z][\w:.-]*)=(?:"([^"<>]*)"|'([^'<>]*)'|([^\s"'=<>`]+))""")
_BARE_ATTRIBUTE = re.compile(rb"\s([a-zA-Z][\w-]*)(?=[\s>/])")
_FUNCTION = re.compile(r"::?(?:not|is|where|has|nth-[\w-]+|lang|dir|host|-webkit-any|-moz-any)\(")
_PSEUDO = re.compile(r"::?[\w-]+")
_CLASS, _ID = re.compile(r"\.(-?[_a-zA-Z][\w-]*)"), re.compile(r"#(-?[_a-zA-Z][\w-]*)")
_ATTR_SELECTOR = re.compile(r"""\[\s*([\w-]+)\s*(?:([~|^$*]?=)\s*["']?([^"'\]]*?)["']?\s*(?:\s[is])?)?\]""")
_ELEMENT = re.compile(r"(?:^|[\s>+~,])([a-zA-Z][\w-]*)")
_VAR = re.compile(r"var\(\s*(--[\w-]+)")
_LINE_BREAKS = re.compile(r"\s*\n\s*")
_STATE = re.compile(r"::?(?:hover|focus|focus-within|focus-visible|active|visited|checked|target|link|any-link|"
                    r"disabled|enabled|placeholder-shown|before|after|first-line|first-letter|marker|placeholder|"
                    r"selection|-webkit-[\w-]+|-moz-[\w-]+)(?![\w(-])|\[\s*(?:open|hidden)\s*\]")
_COMBINATOR = re.compile(r"\s*([>+~])\s*")
_EMPTY_COMPOUND = re.compile(r"(^|[ >+~(])(?=[>+~)]|$)")  # where a state was all of a compound
# What docs/assets/search.js puts into the search page's results list: its rules must stay.
SEARCH_RESULTS_CLASS = "site-search__results"
_RESULTS_LIST = re.compile(f'(<ol class="{SEARCH_RESULTS_CLASS}">)')
SEARCH_RESULT = '<li><a href="#">-</a><p>-</p></li>'
# What pages link until the stylesheet is made: as long as its name, which then overwrites it in place.
PLACEHOLDER = "_pending"
PENDING = f"assets/stylesheets/site.{PLACEHOLDER}.min.css"
MATCHING_UP_TO = 2000  # pages: matching each selector against thousands of parsed pages costs seconds (see reduce)
_EMPTY_PAGE = LexborHTMLParser("")


class Vocabulary:
    """Every element, class, id and attribute (with its value) that occurs in some page.

    Pages share most of their tags (the frame around the text), so each is cut at every '<' and
    only pieces no page had are read. No pattern above can match across a '<', so this finds
    exactly what reading every page whole finds, in a fraction of the time (12,000 directory pages).
    """

    def __init__(self):
        self.names: set[str] = set()
        self._seen: set[bytes] = set()

    def read(self, page: bytes) -> None:
        first, *pieces = page.split(b"<")
        new = set(pieces) - self._seen
        self._seen |= new
        self._read(first + b"<" + b"<".join(new))

    def _read(self, page: bytes) -> None:
        names = self.names
        names.update(tag.lower().decode() for tag in set(_TAG_NAME.findall(page)))
        for name, *values in set(_ATTRIBUTE_VALUE.findall(page)):
            name, value = name.lower().decode(), b"".join(values).decode("utf-8", "replace")
            names.add(f"[{name}]")
            if len(value) <= 40:  # selectors compare short values only ([dir=ltr], [for=__drawer])
                names.add(f"[{name}={value}]")
            if name == "class":
                names.update("." + word for word in value.split())
            elif name == "id":
                names.add("#" + value)
        names.update(f"[{name.lower().decode()}]" for name in set(_BARE_ATTRIBUTE.findall(page)))


def may_match(selector: str, words: set[str]) -> bool:
    """False only when the selector names something that no page has."""
    plain = _without_functions(selector)
    plain = _PSEUDO.sub("", plain)
    if any(f".{name}" not in words or name.startswith(SCRIPT_ONLY) for name in _CLASS.findall(plain)):
        return False
    if any(f"#{name}" not in words for name in _ID.findall(plain)):
        return False
    for name, operator, value in _ATTR_SELECTOR.findall(plain):
        if f"[{name.lower()}]" not in words or (operator == "=" and f"[{name.lower()}={value}]" not in words):
            return False
    elements = _ELEMENT.findall(_ATTR_SELECTOR.sub("", _CLASS.sub("", _ID.sub("", plain))))
    return all(name.lower() in words for name in elements)


def _without_functions(selector: str) -> str:
    out, start = [], 0
    while found := _FUNCTION.search(selector, start):
        out.append(selector[start:found.start()])
        depth, index = 1, found.end()
        while depth and index < len(selector):
            depth += {"(": 1, ")": -1}.get(selector[index], 0)
            index += 1
        start = index
    out.append(selector[start:])
    return "".join(out)


def reduce(css: str, words: Words) -> str:
    """`css` without the rules no page can use, minified. When the pages were matched (words.matched),
    a selector must also match an element of one of them as a browser parses it (Lexbor), ignoring
    states (see _structural)."""
    rules = _rules(css)
    keep = functools.partial(may_match, words=words.names)
    if words.matched is not None:
        keep = functools.partial(_kept_selector, names=words.names, matched=words.matched)
    kept = _kept(rules, keep)
    return "".join(_written(kept, _read_properties(kept)))


@functools.lru_cache(maxsize=1)  # the build reads the selectors early and reduces the same stylesheet at the end
def selectors(css: str) -> frozenset[str]:
    return frozenset(_selectors(_rules(css)))


@functools.lru_cache(maxsize=1)
def _rules(css: str) -> list:
    return tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)


def _kept_selector(selector: str, names: set[str], matched: set[str]) -> bool:
    return may_match(selector, names) and (selector in matched or _kept_unread(selector))


def _kept_unread(selector: str) -> bool:
    """A selector that _matching keeps without reading a page: a state inside :not() or :is(), or
    one Lexbor cannot read."""
    query = _structural(selector)
    if query is None:
        return True
    try:
        _EMPTY_PAGE.css_first(query)
    except SelectolaxError:
        return True
    return False


def _selectors(rules):
    for rule in rules:
        if rule.type == "qualified-rule":
            yield from (s.strip() for s in _split_selectors(tinycss2.serialize(rule.prelude)))
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports", "container") and rule.content:
            yield from _selectors(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))


def _matching(selectors: set[str], pages: list[str]) -> set[str]:
    """The selectors that match some element of some page, and those kept unread (_kept_unread).
    Most pages match none of the selectors still pending: one query for all of them tells so."""
    found = {selector for selector in selectors if _kept_unread(selector)}
    pending = {selector: _structural(selector) for selector in selectors - found}
    for page in pages:
        if not pending:
            break
        with open(page, encoding="utf-8") as handle:
            text = handle.read()
        tree = LexborHTMLParser(_RESULTS_LIST.sub(r"\1" + SEARCH_RESULT, text) if SEARCH_RESULTS_CLASS in text else text)
        if not _any_match(tree, pending.values()):
            continue
        for selector, query in list(pending.items()):
            if _any_match(tree, [query]):
                found.add(selector)
                del pending[selector]
    return found


def _any_match(tree: LexborHTMLParser, queries) -> bool:
    try:
        return tree.css_first(",".join(queries)) is not None
    except SelectolaxError:  # kept: a selector Lexbor cannot read may match
        return True


def _structural(selector: str) -> str | None:
    """The selector without what changes as the reader acts (hover, focus, a checked drawer toggle,
    an opened <details>, what a script hides) and without pseudo-elements; None when such a state
    sits inside :not() or :is() (the selector is then kept)."""
    if any(_STATE.search(inner) for inner in re.findall(r"\(([^()]*)\)", selector)):
        return None
    plain = _COMBINATOR.sub(r"\1", " ".join(_STATE.sub("", selector).split()))
    return _EMPTY_COMPOUND.sub(r"\1*", plain).strip()


def _kept(rules, keep) -> list:
    """[(selector or at-rule prelude, declarations or nested list) | verbatim text]"""
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s.strip() for s in _split_selectors(tinycss2.serialize(rule.prelude))]
            matching = [s for s in selectors if keep(s)]
            if matching:
                kept.append((",".join(matching), _declarations(rule.content)))
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports", "container") and rule.content:
            inner = _kept(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), keep)
            if inner:
                kept.append((f"@{rule.at_keyword} {tinycss2.serialize(rule.prelude).strip()}", inner))
        elif rule.type == "at-rule":
            kept.append(tinycss2.serialize([rule]))
    return kept


def _split_selectors(prelude: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for index, char in enumerate(prelude):
        depth += {"(": 1, ")": -1, "[": 1, "]": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(prelude[start:index])
            start = index + 1
    return parts + [prelude[start:]]


def _declarations(content) -> list[tuple[str, str]]:
    out = []
    for item in tinycss2.parse_declaration_list(content, skip_comments=True, skip_whitespace=True):
        if item.type == "declaration":
            name = item.name if item.name.startswith("--") else item.lower_name
            value = _LINE_BREAKS.sub(" ", tinycss2.serialize(item.value).strip())
            out.append((name, value + ("!important" if item.important else "")))
    return out


def _declarations_of(rules):
    for rule in rules:
        if isinstance(rule, tuple):
            body = rule[1]
            if body and isinstance(body[0], tuple) and isinstance(body[0][1], str):
                yield from body
            elif body:
                yield from _declarations_of(body)


def _read_properties(rules) -> set[str]:
    """Custom properties that a kept declaration reads, directly or through another property."""
    defined, read = {}, set()
    for name, value in _declarations_of(rules):
        if name.startswith("--"):
            defined.setdefault(name, []).append(value)
        else:
            read.update(_VAR.findall(value))
    for rule in rules:
        if isinstance(rule, str):
            read.update(_VAR.findall(rule))
    used, pending = set(), list(read)
    while pending:
        name = pending.pop()
        if name not in used:
            used.add(name)
            for value in defined.get(name, []):
                pending += _VAR.findall(value)
    return used


def _overridden(rules) -> set[tuple[int, str]]:
    """(rule, custom property) pairs that a later rule with the same selector, at the same level,
    sets again (as the site's :root sets Material's colours): the earlier value never applies."""
    last, found = {}, set()
    for rule in rules:
        if isinstance(rule, tuple) and rule[1] and isinstance(rule[1][0], tuple) and isinstance(rule[1][0][1], str):
            for name, value in rule[1]:
                if name.startswith("--") and not value.endswith("!important"):
                    if (rule[0], name) in last:
                        found.add((last[rule[0], name], name))
                    last[rule[0], name] = id(rule)
    return found


def _written(rules, used: set[str]) -> list[str]:
    out, later = [], _overridden(rules)
    for rule in rules:
        if isinstance(rule, str):
            out.append(rule)
            continue
        head, body = rule
        if body and isinstance(body[0], tuple) and isinstance(body[0][1], str):
            declarations = [f"{name}:{value}" for name, value in body
                            if (not name.startswith("--") or name in used) and (id(rule), name) not in later]
            if declarations:
                out.append(head + "{" + ";".join(declarations) + "}")
        elif body:
            inner = _written(body, used)
            if inner:
                out.append(head + "{" + "".join(inner) + "}")
    return out


@dataclass
class Words:
    """What some pages hold: every name (see Vocabulary), and which of the selectors that may match
    them do (None: not matched, there are too many pages)."""
    names: set[str] = field(default_factory=set)
    pages: int = 0
    matched: set[str] | None = None


def folder_words(folder: str, selectors: frozenset[str]) -> Words:
    """The words of the pages in `folder` (a language's, once its build is done: a job beside the next
    language's build). A selector that matches them names only what they hold, so matching the
    selectors their own names allow finds every one that matches (as vocabulary() would)."""
    pages = html_files(Path(folder))
    names = _names(pages)
    matched = _matching({s for s in selectors if may_match(s, names)}, pages) if len(pages) < MATCHING_UP_TO else None
    return Words(names, len(pages), matched)


def vocabulary(site: Path, selectors: frozenset[str], skip: tuple[str, ...] = ("editors",), others=tuple) -> Words:
    """The families' pages' words: those of the pages outside the top folders `skip`, and `others()`,
    the words of folders in `skip` read elsewhere (jobs), asked once this process has read its own
    pages, so that it reads them while the last job ends. Editors' pages (editors/) link Material's
    whole stylesheet before this one, so their tables and code need not weigh on every family's
    first view."""
    pages = html_files(site, skip)
    own = _names(pages)
    done = others()
    names = own.union(*(words.names for words in done))
    total = len(pages) + sum(words.pages for words in done)
    if total >= MATCHING_UP_TO:
        return Words(names, total)
    candidates = {selector for selector in selectors if may_match(selector, names)}
    matched = _matching(candidates, pages).union(*(words.matched for words in done))
    return Words(names, total, matched)


def html_files(site: Path, skip: tuple[str, ...] = ()) -> list[str]:
    """Every page of the site, but those in the top folders `skip` (os.walk: 12,000 Path objects cost a second)."""
    found = []
    for folder, folders, files in os.walk(site):
        if folder == str(site):
            folders[:] = [name for name in folders if name not in skip]
        found += [os.path.join(folder, name) for name in files if name.endswith(".html")]
    return sorted(found)


def _names(pages: list[str]) -> set[str]:
    words = Vocabulary()
    for page in pages:
        with open(page, "rb") as handle:
            words.read(handle.read())
    return words.names


def pending(page: str, replacing: list[str]) -> str:
    """A page as the build writes it, before the stylesheet is made: its first link to a stylesheet in
    `replacing` (mkdocs.yml's extra_css) leads to PENDING, any further one goes, and its inline icons
    are drawn by the stylesheet (scripts/site/icons.py). publish() then names the stylesheet in place."""
    return icons.replaced(_one_link(_links(tuple(replacing)), page, PENDING))


def publish(site: Path, css: str, replacing: list[str]) -> str:
    """Write `css` as assets/stylesheets/site.<8 hex>.min.css, a name that changes with its content
    (hosts cache such names for a year: deploy/nginx/http.conf), point every page's link to it, and
    remove the stylesheets in `replacing` (mkdocs.yml's extra_css, which `css` contains). Returns its path.

    A page linking PENDING (pending()) gets the fingerprint written over the placeholder, as long as
    it: the page is not written again. Another page linking a stylesheet in `replacing` (the
    editors' pages) is."""
    name = PENDING.replace(PLACEHOLDER, hashlib.sha256(css.encode("utf-8")).hexdigest()[:len(PLACEHOLDER)])
    (site / name).parent.mkdir(parents=True, exist_ok=True)
    (site / name).write_text(css, encoding="utf-8")
    _relink(html_files(site), _links(tuple(replacing)), name)
    for path in replacing:
        (site / path).unlink(missing_ok=True)
    return name


def _relink(pages: list[str], links: re.Pattern, name: str) -> None:
    pending, fingerprint = PENDING.encode(), name.encode()
    for page in pages:
        with open(page, "r+b") as handle:
            data = handle.read()
            at = data.find(pending)
            if at < 0 and links.search(text := data.decode("utf-8")):  # a page that links the stylesheet itself
                handle.seek(0)
                handle.write(_one_link(links, text, name).encode("utf-8"))
                handle.truncate()
            while at >= 0:
                handle.seek(at)
                handle.write(fingerprint)
                at = data.find(pending, at + 1)


@functools.lru_cache(maxsize=4)
def _links(replacing: tuple[str, ...]) -> re.Pattern:
    return re.compile(r'<link rel="stylesheet" href="((?:[^"<>]*/)?)(?:'  # ../ or /base/ (404 pages) before
                      + "|".join(re.escape(path) for path in replacing) + r')">')


def _one_link(links: re.Pattern, text: str, name: str) -> str:
    """The page's first link to a replaced stylesheet leads to `name`; any further one goes."""
    count = [0]

    def relinked(match: re.Match) -> str:
        count[0] += 1
        return f'<link rel="stylesheet" href="{match[1]}{name}">' if count[0] == 1 else ""
    return links.sub(relinked, text)
