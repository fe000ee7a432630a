"""Directory entries: data/services/*.yml, read with line numbers and checked in one place.

Checks schemas/service.schema.json, then what a schema cannot say: language codes (mkdocs.yml),
city names (i18n/), phone numbers (phonenumbers), coordinates, opening hours, source references,
duplicate ids. Every problem is `(path, line, message)` and the message says what to do.
`problems()` serves `make check`; `load()` serves the build and raises ServicesError.
"""
from __future__ import annotations

import copy
import datetime as dt
import functools
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import fastjsonschema
import jsonschema
import phonenumbers
import yaml

from scripts.core import freshness, frontmatter, interface_strings, schema_messages, site_config, yaml_source
from scripts.core.problems import ProblemsError, editor_path
from scripts.directory import service_hours
from scripts.site import background

SCHEMA_PATH = site_config.ROOT / "schemas" / "service.schema.json"
DATA_DIR = site_config.ROOT / "data" / "services"
SCHEMA_NAME = "schemas/service.schema.json"

# Where a service may be: Kazakhstan and the three countries of origin (bounding boxes,
# south, north, west, east, in degrees). A point outside all four is a typo (swapped
# latitude and longitude, a missing minus sign, a digit too many).
AREAS = {
    "Kazakhstan": (40.5, 55.5, 46.4, 87.4),
    "Kyrgyzstan": (39.1, 43.3, 69.2, 80.3),
    "Tajikistan": (36.6, 41.1, 67.3, 75.2),
    "Uzbekistan": (37.1, 45.6, 55.9, 73.2),
}
# The directory's own pages: "directory" (the index), "directory-<category or city>".
RESERVED_ID = "directory"
# YAML would read `+77271234567` and `2022` as numbers; these stay text as written.
NUMERIC_FIELDS = ("latitude", "longitude")
PARALLEL_FROM = 500  # entries: fewer are checked before the build asks for them; a second process then only competes with it (bench_directory: at 200 services it cost 1–4 %, at 2,000 it buys 5–13 %)
MAX_ENTRY_BYTES = 64 * 1024  # the largest entry has 8 KB; README "Limits"


class ServicesError(ProblemsError):
    """The directory's entries cannot be published: every problem, with its file and line."""


@dataclass(frozen=True, eq=False)  # compared and hashed as objects: one per entry per load, a key in many caches
class Service:
    id: str
    path: str  # relative to the repository, e.g. data/services/rodnik.yml
    data: dict = field(hash=False, compare=False)
    # Its numbers as display_number() writes them, formatted once while checking.
    displayed: dict = field(default_factory=dict, hash=False, compare=False)
    # (line of translated_from, the languages left out) when the default language's texts changed
    # since the translations were made: the pages then show the default language's texts.
    stale: tuple = field(default=(), hash=False, compare=False)
    # Contact details kept off the site until a person checks the entry (withheld()): the page says so.
    withheld: tuple = field(default=(), hash=False, compare=False)
    # The data as the file gives it, translations and withheld details included (the editors' review pages).
    source: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass
class _Parsed:
    data: object
    key_lines: dict  # path tuple -> line of its key
    value_lines: dict  # path tuple -> line where its value starts
    problems: list


# Reading YAML with lines

_NULL = "tag:yaml.org,2002:null"
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


def _convert(node, path: tuple, parsed: _Parsed):
    """YAML node -> plain data; scalars stay text except latitude/longitude and nulls."""
    parsed.value_lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            parsed.key_lines[path + (key,)] = key_node.start_mark.line + 1
            result[key] = _convert(value_node, path + (key,), parsed)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (index,), parsed) for index, item in enumerate(node.value)]
    if node.tag == _NULL and node.style is None:
        return None
    if node.tag in _NUMBER_TAGS and path and path[-1] in NUMERIC_FIELDS:
        try:
            return float(node.value.replace("_", ""))
        except ValueError:  # 0x1F, 1:30, .inf: YAML numbers, but no coordinates; the schema says so
            return node.value
    return node.value


def _parse(text: str) -> _Parsed:
    parsed = _Parsed(None, {}, {}, [])
    try:
        node = yaml_source.read(text, MAX_ENTRY_BYTES).node
    except yaml_source.YamlProblem as problem:
        parsed.problems.append((problem.line, problem.message))
        return parsed
    if node is None:
        parsed.problems.append((1, "Must describe one service (id, name, description, status, categories, sources): the file is empty"))
        return parsed
    parsed.data = _convert(node, (), parsed)
    return parsed


def source_data(raw: bytes) -> dict:
    """An entry's data as the directory reads it (texts stay text: `translated_from: 735112074000`
    too), unchecked; {} when it cannot be read."""
    try:
        data = _parse(yaml_source.decode(raw, MAX_ENTRY_BYTES)).data
    except yaml_source.YamlProblem:
        return {}
    return data if isinstance(data, dict) else {}


def _line(parsed: _Parsed, path: tuple) -> int:
    """The line of the deepest known part of `path` (its key if it has one)."""
    path = tuple(path)
    while path:
        if path in parsed.key_lines:
            return parsed.key_lines[path]
        if path in parsed.value_lines:
            return parsed.value_lines[path]
        path = path[:-1]
    return 1


# Schema

@functools.lru_cache(maxsize=1)
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _inline(node, defs: dict):
    """The schema with each {"$ref": "#/$defs/x"} replaced by x itself (the schema has no cycles):
    the same rules, checked about twice as fast as through jsonschema's reference lookups."""
    if isinstance(node, list):
        return [_inline(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    rest = {key: _inline(value, defs) for key, value in node.items() if key not in ("$ref", "$defs")}
    if "$ref" not in node:
        return rest
    target = _inline(defs[node["$ref"].rsplit("/", 1)[1]], defs)
    return {**target, **rest} if not set(target) & set(rest) else {"allOf": [target], **rest}


@functools.lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(_inline(schema(), schema()["$defs"]), format_checker=jsonschema.FormatChecker())


def _draft7(node):
    """The inlined schema in draft-07 words, which fastjsonschema reads: the same rules."""
    if isinstance(node, list):
        return [_draft7(item) for item in node]
    if not isinstance(node, dict):
        return node
    renamed = {"dependentRequired": "dependencies"}
    result = {renamed.get(key, key): _draft7(value) for key, value in node.items() if key not in ("$schema", "$id")}
    if isinstance(result.get("pattern"), str):  # fastjsonschema turns every bare $ into \Z, in [...] too
        result["pattern"] = re.sub(r"\[[^\]]*\]", lambda match: match[0].replace("$", "\\$"), result["pattern"])
    return result


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _is_date(text: str) -> bool:
    """format: date, as jsonschema's FormatChecker reads it (a real day of the calendar)."""
    try:
        return bool(_DATE.fullmatch(text)) and bool(dt.date.fromisoformat(text))
    except ValueError:
        return False


@functools.lru_cache(maxsize=1)
def _fast_validator():
    """Says only whether an entry is valid, about fifty times faster than jsonschema, which then
    explains what is wrong with the entries it rejects (tests hold the two to the same verdicts)."""
    return fastjsonschema.compile(_draft7(_inline(schema(), schema()["$defs"])), formats={"date": _is_date})


def schema_valid(data) -> bool:
    try:
        _fast_validator()(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def categories() -> list[str]:
    """Category ids in the schema's order (the order of the directory's sections)."""
    return list(schema()["$defs"]["category"]["enum"])


def short_numbers() -> list[str]:
    return list(schema()["$defs"]["short_number"]["enum"])


def _where(path) -> str:
    return schema_messages.where(path) or "the file"


def _schema_problem(error: jsonschema.ValidationError, parsed: _Parsed) -> tuple[int, str]:
    """The line an editor must look at, and the message (scripts/core/schema_messages.py)."""
    path = tuple(error.absolute_path)
    key = schema_messages.unknown_field(error) or schema_messages.missing_field(error)
    if key:
        line = _line(parsed, path + (key,))
    elif isinstance(error.instance, str) and path + (error.instance,) in parsed.key_lines:  # propertyNames
        line = parsed.key_lines[path + (error.instance,)]
    else:
        line = _line(parsed, path)
    return line, schema_messages.message(error, SCHEMA_NAME)


# Checks a schema cannot express

def texts_of(data: dict) -> Iterator[tuple[tuple, dict]]:
    """(path, map) of every per-language text in an entry."""
    for key in ("name", "description", "eligibility", "fees_description"):
        if isinstance(data.get(key), dict):
            yield (key,), data[key]
    if isinstance(data.get("organization"), dict) and isinstance(data["organization"].get("name"), dict):
        yield ("organization", "name"), data["organization"]["name"]
    for index, item in enumerate(data.get("required_documents") or []):
        if isinstance(item, dict):
            yield ("required_documents", index), item
    if isinstance(data.get("fallback"), dict) and isinstance(data["fallback"].get("ask"), dict):
        yield ("fallback", "ask"), data["fallback"]["ask"]
    for list_key, text_keys in (("locations", ("name", "address", "region")), ("phones", ("description",)), ("schedules", ("notes",))):
        for index, item in enumerate(data.get(list_key) or []):
            for key in text_keys:
                if isinstance(item, dict) and isinstance(item.get(key), dict):
                    yield (list_key, index, key), item[key]


def source_fingerprint(data: dict) -> str:
    """Of the default language's texts: what the other languages' texts were translated from."""
    default = site_config.default_language()
    texts = [["/".join(map(str, path)), text.get(default, "")] for path, text in texts_of(data)]
    return freshness.fingerprint([json.dumps(texts, ensure_ascii=False)])


def _translations(data: dict) -> list[str]:
    """Languages other than the default one that some text is written in, in the site's order."""
    written = {code for _path, text in texts_of(data) for code in text}
    return [code for code in site_config.language_codes() if code in written and code != site_config.default_language()]


def _without_translations(data: dict) -> dict:
    """The entry with only the default language's texts (its translations are out of date)."""
    keep = site_config.default_language()
    data = copy.deepcopy(data)
    for _path, text in texts_of(data):
        for code in [code for code in text if code != keep]:
            del text[code]
    data.pop("machine_translated", None)
    return data


def _language_lists(data: dict) -> Iterator[tuple[tuple, list]]:
    for key in ("languages", "machine_translated"):
        if isinstance(data.get(key), list):
            yield (key,), data[key]
    for index, phone in enumerate(data.get("phones") or []):
        if isinstance(phone, dict) and isinstance(phone.get("languages"), list):
            yield ("phones", index, "languages"), phone["languages"]


def _source_refs(data: dict) -> Iterator[tuple[tuple, list]]:
    for key in ("url", "email", "fallback"):
        if isinstance(data.get(key), dict) and isinstance(data[key].get("sources"), list):
            yield (key, "sources"), data[key]["sources"]
    for list_key in ("phones", "locations"):
        for index, item in enumerate(data.get(list_key) or []):
            if isinstance(item, dict) and isinstance(item.get("sources"), list):
                yield (list_key, index, "sources"), item["sources"]


def _a_year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def verified_recently(data: dict, today: dt.date) -> bool:
    """True when a person checked the entry in the last 12 months (assured_date)."""
    assured = data.get("assured_date")
    if not assured:
        return False
    return dt.date.fromisoformat(str(assured)) >= _a_year_before(today)


def _only_medium(refs, confidence: dict) -> bool:
    return bool(refs) and all(confidence.get(ref) == "M" for ref in refs)


def withheld(data: dict) -> tuple:
    """Paths of the contact details to keep off pages, vCards, open data and leaflets: seen only in
    medium-confidence (M) sources while no person has checked the entry (assured_date). A national
    short number is exempt: data/phone-allowlist.yml holds it to its fact, and it reaches no person."""
    if data.get("assured_date"):
        return ()
    confidence = {s.get("id"): s.get("confidence") for s in data.get("sources") or [] if isinstance(s, dict)}
    found = [("phones", index) for index, phone in enumerate(data.get("phones") or [])
             if str(phone.get("number", "")).startswith("+") and _only_medium(phone.get("sources"), confidence)]
    found += [("locations", index) for index, location in enumerate(data.get("locations") or [])
              if (location.get("address") or "latitude" in location) and _only_medium(location.get("sources"), confidence)]
    if isinstance(data.get("email"), dict) and _only_medium(data["email"].get("sources"), confidence):
        found.append(("email",))
    return tuple(found)


def published(data: dict, paths: tuple | None = None) -> dict:
    """The entry as families see it: without the withheld() contact details."""
    paths = withheld(data) if paths is None else paths
    if not paths:
        return data
    data = copy.deepcopy(data)
    phones = [phone for index, phone in enumerate(data.get("phones") or []) if ("phones", index) not in paths]
    if phones:
        data["phones"] = phones
    else:
        data.pop("phones", None)
    for index, location in enumerate(data.get("locations") or []):
        if ("locations", index) in paths:  # the city stays: lists still place the entry
            for key in ("address", "latitude", "longitude", "sources"):
                location.pop(key, None)
    if ("email",) in paths:
        del data["email"]
    return data


_DISPLAYED = {}  # +77272697059 -> +7 727 269 7059, for every number of a checked entry


@functools.lru_cache(maxsize=16384)
def _valid_number(number: str) -> bool:
    try:
        parsed = phonenumbers.parse(number)
    except phonenumbers.NumberParseException:
        return False
    if not phonenumbers.is_valid_number(parsed):
        return False
    _DISPLAYED[number] = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return True


def display_number(number: str) -> str:
    """A checked number as people write it (international form, spaced); short numbers as they are."""
    if not number.startswith("+"):
        return number
    if number not in _DISPLAYED and not _valid_number(number):
        return number
    return _DISPLAYED[number]


def _displayed_numbers(data: dict) -> dict:
    return {phone["number"]: _DISPLAYED[phone["number"]] for phone in data.get("phones") or [] if phone["number"] in _DISPLAYED}


def _rules(data: dict, today: dt.date) -> Iterator[tuple[tuple, str]]:
    """(path in the entry, message) of what the schema cannot check; _line() finds the line."""
    codes = site_config.language_codes()
    default = site_config.default_language()
    names = ", ".join(codes)
    for path, text in texts_of(data):
        for code in text:
            if code not in codes:
                yield path + (code,), f"Must use a language of the site ({names}) in {_where(path)}: '{code}' is not one"
        if default not in text:
            yield path, f"Must give the {default} text of {_where(path)} (`{default}: …`): other languages fall back to it"
    written = {code for _path, text in texts_of(data) for code in text}
    if _translations(data) and not data.get("translated_from"):
        yield (("name",),
               f"Must record which {default} texts the translations ({', '.join(_translations(data))}) follow: once they "
               f"say the same, add the line `translated_from: {source_fingerprint(data)}` (the {default} texts' fingerprint)")
    for index, code in enumerate(data.get("machine_translated") or []):
        if code == default:
            yield (("machine_translated", index),
                   f"Must not list {default} in machine_translated: the {default} texts are the source the others are translated from")
        elif code in codes and code not in written:
            yield (("machine_translated", index),
                   f"Must have texts in '{code}' (e.g. `{code}: …` under name and description) to list it in machine_translated")
    for path, values in _language_lists(data):
        for index, code in enumerate(values):
            if code not in codes:
                yield path + (index,), f"Must use a language of the site ({names}) in {_where(path)}: '{code}' is not one"
    for index, phone in enumerate(data.get("phones") or []):
        number = phone.get("number")
        if isinstance(number, str) and number.startswith("+"):
            if not _valid_number(number):
                yield (("phones", index, "number"),
                       f"Must be a phone number in use: {number} is not a valid number (phonenumbers). "
                       "Check the digits and the country code against the source")
    for index, location in enumerate(data.get("locations") or []):
        lat, lon = location.get("latitude"), location.get("longitude")
        if isinstance(lat, float) and isinstance(lon, float):
            if not any(south <= lat <= north and west <= lon <= east for south, north, west, east in AREAS.values()):
                yield (("locations", index, "latitude"),
                       f"Must place the service in Kazakhstan, Kyrgyzstan, Tajikistan or Uzbekistan: {lat}, {lon} is outside. "
                       "Check for swapped latitude and longitude (Almaty is about 43.24, 76.89)")
        city = location.get("city")
        if isinstance(city, str) and f"directory.city.{city}" not in interface_strings.load(default):
            yield (("locations", index, "city"),
                   f"Must use a city named in i18n/{default}.yml: add 'directory.city.{city}: <name>' to every i18n/<lang>.yml, "
                   "or use an existing one (e.g. almaty)")
    for index, schedule in enumerate(data.get("schedules") or []):
        expression = schedule.get("opening_hours")
        if isinstance(expression, str):
            message = service_hours.problem(expression)
            if message:
                yield ("schedules", index, "opening_hours"), message
    sources = [s for s in data.get("sources") or [] if isinstance(s, dict)]
    ids = [s.get("id") for s in sources]
    for index, source_id in enumerate(ids):
        if source_id in ids[:index]:
            yield ("sources", index, "id"), f"Must give each source its own id: '{source_id}' is used twice"
    confidence = {s.get("id"): s.get("confidence") for s in sources}
    for path, refs in _source_refs(data):
        unknown = [ref for ref in refs if ref not in confidence]
        for ref in unknown:
            yield (path + (refs.index(ref),),
                   f"Must name a source listed under 'sources' in {_where(path)}: '{ref}' is not one ({', '.join(map(str, ids))})")
        if not unknown and all(confidence[ref] == "L" for ref in refs):
            yield (path,
                   f"Must not publish a contact detail seen only in low-confidence (L) sources ({', '.join(refs)}) in {_where(path[:-1])}: "
                   "confirm it (a call, an official page), add that source, or leave the detail out")
    if data.get("status") == "active" and not published(data).get("phones") and not data.get("fallback"):
        yield (("id",),
               "Must give families a number to call: this entry shows no phone (a number seen only in a medium-confidence "
               "source waits for a person's check). Add `fallback:` with a short number of data/phone-allowlist.yml, what to "
               "ask there and its source, e.g. `fallback: {number: \"1414\", ask: {ru: …}, sources: [line-1414]}`")
    for index, change in enumerate(data.get("changes") or []):
        text = change.get("text") if isinstance(change, dict) else None
        if isinstance(text, dict):
            for code in text:
                if code not in codes:
                    yield ("changes", index, "text", code), f"Must use a language of the site ({names}) in changes: '{code}' is not one"
            if default not in text:
                yield ("changes", index, "text"), f"Must give the {default} text of each change (`{default}: …`): other languages fall back to it"
    assured = data.get("assured_date")
    if isinstance(assured, str):
        try:
            if dt.date.fromisoformat(assured) > today:
                yield ("assured_date",), f"Must not be in the future: assured_date {assured} is after today ({today})"
        except ValueError:
            pass  # the schema reports the format


# Files

@functools.lru_cache(maxsize=64)
def _relative_folder(folder: Path) -> str:  # cached: thousands of entries share a few folders
    return editor_path(folder) + "/"


def _relative(path: Path) -> str:
    """data/services/x.yml: the path editors see (absolute outside the project)."""
    return _relative_folder(path.parent) + path.name


def check_file(path: Path, today: dt.date | None = None) -> tuple[Service | None, list[tuple[str, int, str]]]:
    """Read and check one file: (the service or None, its problems)."""
    today = today or dt.date.today()
    rel = _relative(path)
    raw = path.read_bytes()
    try:
        text = yaml_source.decode(raw, MAX_ENTRY_BYTES)
    except yaml_source.YamlProblem as problem:
        return None, [(rel, problem.line, problem.message)]
    parsed = _parse(text)  # with the lines the messages need
    found = [(rel, line, message) for line, message in parsed.problems]
    if parsed.data is None:
        return None, found
    if not isinstance(parsed.data, dict):
        return None, found + [(rel, 1, "Must describe one service as 'field: value' lines (id, name, description, status, categories, sources)")]
    errors = [] if schema_valid(parsed.data) else _schema_errors(parsed.data)
    seen = set()
    for error in errors:
        line, message = _schema_problem(error, parsed)
        if (line, message) not in seen:
            seen.add((line, message))
            found.append((rel, line, message))
    if not errors:
        found.extend((rel, _line(parsed, where), message) for where, message in _rules(parsed.data, today))
    if found:
        return None, sorted(found, key=lambda p: p[1])
    return _service(rel, parsed.data, text, parsed), []


def _service(rel: str, data: dict, text: str, parsed: _Parsed | None = None) -> Service:
    """A checked entry; its translations left out if they follow older default-language texts."""
    stale, source = (), data
    if data.get("translated_from") and data["translated_from"] != source_fingerprint(data):
        stale = (_line(parsed or _parse(text), ("translated_from",)), tuple(_translations(data)))
        data = _without_translations(data)
    hidden = withheld(data)
    return Service(data["id"], rel, published(data, hidden), _displayed_numbers(data), stale, hidden, source)


def _schema_errors(data: dict) -> list:
    errors = sorted(_validator().iter_errors(data), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
    if not errors:  # the fast validator rejected what jsonschema accepts: never let it through unexplained
        errors = [jsonschema.ValidationError(f"does not match {SCHEMA_NAME}")]
    return errors


def _files(folder: Path) -> list[Path]:
    # A symbolic link is never read: the build and `make check` report it (scripts/core/published_files.py).
    return [path for path in sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml")) if not path.is_symlink()]


def _id_line(path: Path) -> int:
    for number, text in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if text.startswith("id:"):
            return number
    return 1


def page_ids() -> dict[str, str]:
    """Ids of the pages in docs/<default language>/ (id -> file): a service cannot take one."""
    ids = {}
    folder = site_config.docs_dir() / site_config.default_language()
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        try:
            page_id = frontmatter.parse_file(path).data.get("id")
        except frontmatter.FrontMatterError:
            continue
        if isinstance(page_id, str):
            ids[page_id] = _relative(path)
    return ids


@functools.lru_cache(maxsize=2)  # in the build's worker process, the later jobs find what its first one checked
def _check_folder(folder: Path, signature: tuple, today: dt.date) -> tuple[list[Service], list[tuple[str, int, str]]]:
    """The entries and their problems; `signature` (_signature()) only keys the cache: a changed
    file is read again."""
    services, found, first = [], [], dict.fromkeys([RESERVED_ID], "the directory's index page")
    first.update(page_ids())
    paths = _files(folder)
    for path, (service, problems_here) in zip(paths, _check_files_in_two(paths, today)):
        found.extend(problems_here)
        if service is None:
            continue
        if service.id in first or service.id.startswith(RESERVED_ID + "-"):
            other = first.get(service.id, "the directory's category and city pages (directory-…)")
            found.append((service.path, _id_line(path), f"Must have an id of its own: '{service.id}' is already the id of {other}. "
                          "Choose another id: it is the page's address, and leaflets print it in a QR code"))
            continue
        first[service.id] = service.path
        services.append(service)
    return services, found


def _check_files_in_two(paths: list[Path], today: dt.date) -> list[tuple[Service | None, list]]:
    """check_file() of every path. Thousands of entries are checked in two processes (half each),
    as the machine has two cores; the results are the same."""
    if len(paths) < PARALLEL_FROM:
        return _check_files(paths, today)
    schema_valid({})  # compiled once, before the fork
    first, second = background.in_two(functools.partial(_check_files, today=today), paths)
    return first + second


def _check_files(paths: list[Path], today: dt.date) -> list[tuple[Service | None, list]]:
    return [check_file(path, today) for path in paths]


_started: dict = {}  # (folder, signature, today) -> the job checking them beside the build (start())


def start(today: dt.date) -> None:
    """Begin reading and checking the entries in a job beside the build (scripts/site/background.py)
    while it prepares; load() takes its result, unless a file changed since."""
    folder = DATA_DIR.resolve()
    if folder.is_dir():
        _started.clear()
        signature = _signature(folder)
        _started[folder, signature, today] = background.start(_check_folder, folder, signature, today)


@functools.lru_cache(maxsize=2)
def _checked(folder: Path, signature: tuple, today: dt.date) -> tuple[list[Service], list[tuple[str, int, str]]]:
    job = _started.pop((folder, signature, today), None)
    services, found = job.result() if job is not None else _check_folder(folder, signature, today)
    for service in services:
        _DISPLAYED.update(service.displayed)
    return services, found


def problems(folder: Path | None = None, today: dt.date | None = None) -> Iterator[tuple[str, int, str]]:
    """Every problem of every entry, for `make check` and the tests."""
    folder = (folder or DATA_DIR).resolve()
    if folder.is_dir():
        yield from _checked(folder, _signature(folder), today or dt.date.today())[1]


def warnings(folder: Path | None = None, today: dt.date | None = None) -> Iterator[tuple[str, int, str]]:
    """Entries whose translations follow older default-language texts: not an error (an urgent fix of
    the Russian text must not wait for translators), but their pages show the Russian texts."""
    folder = (folder or DATA_DIR).resolve()
    if not folder.is_dir():
        return
    default = site_config.default_language()
    for service in _checked(folder, _signature(folder), today or dt.date.today())[0]:
        if service.stale:
            line, languages = service.stale
            yield (service.path, line,
                   f"Must update the translations ({', '.join(languages)}): the {default} texts changed since they were made, "
                   f"so the pages show the {default} texts for now. Once they say the same again, set "
                   f"`translated_from: {source_fingerprint(service.data)}`")


def _signature(folder: Path) -> tuple:
    """Names, times and sizes of the entries: load() reads them again only when one changed. Every
    language's build asks (scandir: one system call a file, as the build reads thousands)."""
    if not folder.is_dir():
        return ()
    with os.scandir(folder) as found:
        stats = [(item.name, item.stat(follow_symlinks=False)) for item in found
                 if item.name.endswith((".yml", ".yaml")) and not item.is_symlink()]
    return tuple(sorted((name, stat.st_mtime_ns, stat.st_size) for name, stat in stats))


@functools.lru_cache(maxsize=2)
def _load(folder: Path, signature: tuple, today: dt.date) -> tuple:
    services, found = _checked(folder, signature, today)
    if found:
        raise ServicesError(found)
    return tuple(services)


def load(folder: Path | None = None, today: dt.date | None = None) -> tuple[Service, ...]:
    """All entries, checked; read again only when a file changed. Raises ServicesError."""
    folder = (folder or DATA_DIR).resolve()
    return _load(folder, _signature(folder), today or dt.date.today())


def stamped(text: str, where: str = "<text>") -> str:
    """The entry's text with `translated_from:` set to the fingerprint of its default-language texts."""
    parsed = _parse(text)
    if not isinstance(parsed.data, dict):
        raise ServicesError([(where, line, message) for line, message in parsed.problems]
                            or [(where, 1, "Must describe one service as 'field: value' lines")])
    line = f"translated_from: {source_fingerprint(parsed.data)}"
    if re.search(r"(?m)^translated_from:.*$", text):
        return re.sub(r"(?m)^translated_from:.*$", line, text)
    return text.rstrip("\n") + "\n" + line + "\n"


def stamp(path: Path) -> str:
    """Record in the file that its translations follow its default-language texts as they are now."""
    text = stamped(path.read_text(encoding="utf-8"), _relative(path))
    path.write_text(text, encoding="utf-8")
    return re.search(r"(?m)^translated_from:.*$", text)[0]
