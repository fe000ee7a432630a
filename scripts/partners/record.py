"""Recording a partner's telephone check of a directory entry: HSDS assured_date, who checked,
and the values they confirmed, written into data/services/<id>.yml with its comments kept."""
from __future__ import annotations

import datetime as dt
import difflib
import io
import os
import re
import tempfile
from pathlib import Path

import phonenumbers
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from scripts.core import interface_strings, site_config
from scripts.core.problems import Problem, ProblemsError, editor_path
from scripts.directory import service_hours, services

CHANGE_KEY = "directory.change.checked"  # "Contacts checked by phone." in each language


class RecordError(ProblemsError):
    """What the partner must change in the command; nothing was written."""

    def __init__(self, message: str, path: str = "", line: int = 1):
        super().__init__([Problem(path, line, message)])

    def at(self, rel: str) -> "RecordError":
        """The same message on the entry's file, when it was raised before the file was known."""
        problem = self.problems[0]
        return self if problem.path else RecordError(problem.message, rel, problem.line)


def _yaml() -> YAML:
    yaml = YAML()  # round-trip: comments, order and quoting kept
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def entry_path(entry_id: str, folder: Path) -> Path:
    path = folder / f"{entry_id}.yml"
    if re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", entry_id) and path.is_file():
        return path
    known = sorted(p.stem for p in folder.glob("*.yml"))
    near = difflib.get_close_matches(entry_id, known, n=3)
    hint = f" Did you mean {', '.join(near)}?" if near else " The ids are the file names in that folder."
    raise RecordError(f"Must name an entry of the directory: '{entry_id}' is not one.{hint}", editor_path(folder) + "/")


def checked_on(text: str | None, today: dt.date) -> dt.date:
    if text is None:
        return today
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise RecordError(f"Must give --date as YYYY-MM-DD, e.g. {today.isoformat()} (received {text!r})") from None
    if day > today:
        raise RecordError(f"Must not give a --date in the future: {day} is after today ({today}). Record a check once it is done")
    return day


def phone_number(text: str) -> str:
    """+77272584598 from '+7 727 258 45 98', '+7 (727) 258-45-98' or a short number such as 1414."""
    compact = re.sub(r"[\s()\-\u00a0]", "", text)
    if compact in services.short_numbers():
        return compact
    if not re.fullmatch(r"\+[1-9]\d{6,14}", compact):
        raise RecordError(f"Must give --phone in international form starting with +, e.g. +7 727 258 45 98, "
                          f"or a short number ({', '.join(services.short_numbers())}) (received {text!r})")
    try:
        valid = phonenumbers.is_valid_number(phonenumbers.parse(compact))
    except phonenumbers.NumberParseException:
        valid = False
    if not valid:
        raise RecordError(f"Must give --phone as a number in use: {text!r} is not a valid number. Check the digits and the country code")
    return compact


def _flow(items: list) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def _put(doc: CommentedMap, key: str, value) -> None:
    """Set a top-level field; a new one goes before the translation records, as editors place it."""
    if key in doc:
        doc[key] = value
        return
    keys = list(doc)
    anchor = next((k for k in ("changes", "machine_translated", "translated_from") if k in keys), None)
    doc.insert(keys.index(anchor) if anchor else len(keys), key, value)


def _only_m(item, confidence: dict) -> bool:
    refs = item.get("sources") or []
    return bool(refs) and all(confidence.get(ref) == "M" for ref in refs)


def _confirm(item, source_id: str) -> None:
    refs = item.get("sources")
    if refs is None:
        item["sources"] = _flow([source_id])
    elif source_id not in refs:
        refs.append(source_id)


def _phones(doc, source_id: str, confirmed: list[str], dropped: list[str], confidence: dict, rel: str) -> None:
    phones = doc.get("phones")
    existing = [phone_number(str(p["number"])) if str(p["number"]).startswith("+") else str(p["number"]) for p in phones or []]
    for number in dropped:
        if number not in existing:
            raise RecordError(f"Must give --drop-phone a number of the entry: {number} is not in {rel} ({', '.join(existing) or 'no phones'})", rel)
    for number in confirmed:
        if number in dropped:
            raise RecordError(f"Must not confirm (--phone) and remove (--drop-phone) the same number ({number})", rel)
    kept = CommentedSeq()
    for phone, number in zip(phones or [], existing):
        if number in dropped:
            continue
        if number in confirmed:
            _confirm(phone, source_id)
        elif _only_m(phone, confidence):
            raise RecordError(f"Must say whether {number} answered: its only source has confidence M, so it is published only "
                              f"once a check confirms it. Add --phone {number} (it answered) or --drop-phone {number} (it did not)", rel, phone.lc.line + 1)
        kept.append(phone)
    for number in confirmed:
        if number not in existing:
            kept.append(CommentedMap([("number", number), ("sources", _flow([source_id]))]))
    if kept:
        if phones is None:
            _put(doc, "phones", kept)
        else:
            phones[:] = list(kept)
    elif phones is not None:
        del doc["phones"]


def _address(doc, source_id: str, address: str | None, drop: bool, confidence: dict, rel: str) -> None:
    locations = doc.get("locations") or []
    default = site_config.default_language()
    if address is not None or drop:
        if not locations:
            raise RecordError("Must have a place to put the --address in: add `locations:` with `- city: <city id>` first", rel)
        location = next((loc for loc in locations if "address" in loc), locations[0])
        if drop:
            location.pop("address", None)
            if "latitude" not in location:
                location.pop("sources", None)
        else:
            same = isinstance(location.get("address"), dict) and location["address"].get(default) == address
            if not same:
                location["address"] = CommentedMap([(default, address)])
            _confirm(location, source_id)
        return
    for location in locations:
        if location.get("address") and _only_m(location, confidence):
            raise RecordError("Must say whether the address is right: its only source has confidence M, so it is published "
                              "only once a check confirms it. Add --address \"<the address as confirmed>\" or --drop-address", rel,
                              location.lc.line + 1)


def _hours(doc, hours: str) -> None:
    message = service_hours.problem(hours)
    if message:
        raise RecordError(f"{message} (--hours)")
    schedules = doc.get("schedules")
    if schedules:
        schedules[0]["opening_hours"] = hours
    else:
        _put(doc, "schedules", CommentedSeq([CommentedMap([("opening_hours", hours)])]))


def _languages(doc, text: str) -> None:
    codes = [code.strip() for code in text.split(",") if code.strip()]
    known = site_config.language_codes()
    unknown = [code for code in codes if code not in known]
    if unknown or not codes:
        raise RecordError(f"Must give --languages as codes of the site's languages separated by commas ({', '.join(known)}): "
                          f"{', '.join(unknown) or 'none given'} is not one")
    _put(doc, "languages", _flow(codes))


def _change(doc, day: dt.date) -> None:
    text = CommentedMap((code, interface_strings.load(code)[CHANGE_KEY]) for code in site_config.language_codes())
    changes = doc.get("changes")
    item = CommentedMap([("date", day.isoformat()), ("text", text)])
    if changes is None:
        _put(doc, "changes", CommentedSeq([item]))
    else:
        changes.append(item)


def _source_id(doc, day: dt.date) -> str:
    ids = {s.get("id") for s in doc.get("sources") or []}
    base = f"check-{day.isoformat()}"
    number = 2
    source_id = base
    while source_id in ids:
        source_id, number = f"{base}-{number}", number + 1
    return source_id


def record(doc: CommentedMap, args, day: dt.date, rel: str, translated_from: str | None) -> None:
    """Apply one check to the entry's YAML tree; `translated_from` as the directory reads it (text:
    this reader takes 735112074000 for a number)."""
    who = args.assurer_email or args.assurer
    # A check only removes texts or writes new ones in the default language alone: translations that
    # followed the default language's texts before still do, so their fingerprint is renewed.
    current = translated_from == services.source_fingerprint(doc)
    confidence = {s.get("id"): s.get("confidence") for s in doc.get("sources") or []}
    source_id = _source_id(doc, day)
    doc["sources"].append(CommentedMap([("id", source_id), ("title", f"Checked by a call: {who}"), ("seen", day.isoformat())]))
    _phones(doc, source_id, [phone_number(p) for p in args.phone], [phone_number(p) for p in args.drop_phone], confidence, rel)
    _address(doc, source_id, args.address, args.drop_address, confidence, rel)
    if args.hours:
        _hours(doc, args.hours)
    if args.languages:
        _languages(doc, args.languages)
    _put(doc, "assured_date", day.isoformat())
    for key, value in (("assurer_email", args.assurer_email), ("assurer", args.assurer)):
        if value:
            _put(doc, key, value)
        else:
            doc.pop(key, None)
    _change(doc, day)
    if current:
        doc["translated_from"] = services.source_fingerprint(doc)


def _read(path: Path, rel: str) -> CommentedMap:
    try:
        doc = _yaml().load(path.read_text(encoding="utf-8"))
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise RecordError(f"Must be valid YAML before a check is recorded: {getattr(error, 'problem', error)}. "
                          "Run `make check` and fix the file first", rel, line) from None
    except UnicodeDecodeError:
        raise RecordError("Must be saved as UTF-8 text before a check is recorded", rel) from None
    if not isinstance(doc, CommentedMap) or not isinstance(doc.get("sources"), list):
        raise RecordError("Must be a directory entry with its sources before a check is recorded: run `make check`", rel)
    return doc


def apply(path: Path, args, today: dt.date) -> dt.date:
    """Check the command's values, apply them to the entry and write it; the day of the check."""
    rel = editor_path(path)
    try:
        if args.assurer_email is not None and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", args.assurer_email):
            raise RecordError(f"Must give --assurer-email as an e-mail address like name@example.kz (received {args.assurer_email!r})")
        day = checked_on(args.date, today)
        doc = _read(path, rel)
        record(doc, args, day, rel, services.source_data(path.read_bytes()).get("translated_from"))
        write_checked(path, doc, rel, today)
    except RecordError as error:
        raise error.at(rel) from None
    return day


def write_checked(path: Path, doc: CommentedMap, rel: str, today: dt.date) -> None:
    """Write only a result that passes the check; atomically, so the file is whole or unchanged."""
    buffer = io.StringIO()
    _yaml().dump(doc, buffer)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".yml", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(buffer.getvalue())
        _service, problems = services.check_file(Path(temporary), today)
        if problems:  # the same messages as make check, on the file the partner knows
            raise ProblemsError([Problem(rel, line, message) for _where, line, message in problems])
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


