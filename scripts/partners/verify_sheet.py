"""The partners' verification sheet: every directory entry never checked by a person, or checked
more than 12 months ago, with what to confirm by telephone and room to write the answers.

`make verify-sheet` (scripts/verify_sheet.py) writes dist/verify-sheet.pdf (A4, in the default
language) and dist/verify-sheet.csv (one row per entry, the same fields, empty columns to fill in).
The sheet shows what the entry's file holds, withheld contacts included: they are what to confirm."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from scripts.core import interface_strings, site_config, spreadsheet_csv, yaml_source
from scripts.directory import services
from scripts.directory.directory_pages import FIRST_CITY

TEMPLATES = Path(__file__).resolve().parent / "templates"
FONTS = {
    "regular": Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"),
    "bold": Path("/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"),
    "mono": Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"),
}
# What a partner confirms, in this order (the CSV's *_now and *_confirmed columns).
FIELDS = [("name", "Название"), ("address", "Адрес"), ("phones", "Телефоны"), ("hours", "Часы работы"), ("languages", "Языки")]
FILL = ["checked_on", "checked_by", "answered_by", "notes"]


@dataclass
class Row:
    id: str
    name: str
    city: str
    last_checked: str
    assurer: str
    fallback: str
    now: dict = field(default_factory=dict)
    withheld: set = field(default_factory=set)

    def command(self) -> str:
        return f"python -m scripts.record_check {self.id} --assurer \"…\" --phone … --hours … --languages …"


def due(data: dict, today: dt.date) -> bool:
    return data.get("status") != "inactive" and not services.verified_recently(data, today)


def _text(value, lang: str) -> str:
    return (value or {}).get(lang) or ""


def raw(entry) -> dict:
    """The entry as its file says, withheld contacts included (entry.data leaves them out)."""
    return yaml_source.read_bytes((site_config.ROOT / entry.path).read_bytes(), services.MAX_ENTRY_BYTES).data()


def row(entry, strings: dict, lang: str) -> Row:
    data = raw(entry)
    phones = [services.display_number(str(p["number"])) for p in data.get("phones") or []]
    addresses = [_text(loc.get("address"), lang) for loc in data.get("locations") or [] if loc.get("address")]
    hours = "; ".join(str(s["opening_hours"]) for s in data.get("schedules") or [] if s.get("opening_hours"))
    withheld = {"phones" if path[0] == "phones" else "address" for path in entry.withheld if path[0] in ("phones", "locations")}
    cities = [strings.get(f"directory.city.{loc['city']}", loc["city"]) for loc in data.get("locations") or []]
    fallback = data.get("fallback")
    return Row(
        id=entry.id, name=_text(data["name"], lang), city=", ".join(cities) or strings["directory.nationwide"],
        last_checked=str(data.get("assured_date") or ""),
        assurer=str(data.get("assurer_email") or data.get("assurer") or ""),
        fallback=f"{fallback['number']}: {_text(fallback['ask'], lang)}" if fallback else "",
        now={"name": _text(data["name"], lang), "address": "; ".join(addresses), "phones": ", ".join(phones),
             "hours": hours, "languages": ", ".join(data.get("languages") or [])},
        withheld=withheld)


def rows(today: dt.date) -> list[Row]:
    """Every entry due for a check: never checked first, then the oldest check; Almaty first."""
    lang = site_config.default_language()
    strings = interface_strings.load(lang)
    entries = [e for e in services.load(today=today) if due(e.data, today)]
    entries.sort(key=lambda e: (str(e.data.get("assured_date") or ""), FIRST_CITY not in services_cities(e), e.id))
    return [row(e, strings, lang) for e in entries]


def services_cities(entry) -> list[str]:
    return [loc["city"] for loc in entry.data.get("locations") or []]


def write_csv(found: list[Row], path: Path) -> None:
    header = ["id", "name", "city", "last_checked", "assurer", "fallback"]
    header += [f"{key}_now" for key, _label in FIELDS] + [f"{key}_confirmed" for key, _label in FIELDS] + FILL
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = spreadsheet_csv.Writer(out)
        writer.writerow(header)
        for r in found:
            writer.writerow([r.id, r.name, r.city, r.last_checked, r.assurer, r.fallback]
                            + [r.now[key] for key, _label in FIELDS] + [""] * (len(FIELDS) + len(FILL)))


def write_pdf(found: list[Row], path: Path, today: dt.date) -> None:
    from weasyprint import HTML
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    entries = [{
        "id": r.id, "name": r.name, "city": r.city, "last_checked": r.last_checked, "fallback": r.fallback,
        "assurer": r.assurer,
        "command": r.command(),
        "fields": [{"label": label, "now": _shown(r, key), "withheld": key in r.withheld} for key, label in FIELDS],
    } for r in found]
    html = env.get_template("verify-sheet.html").render(
        lang=site_config.default_language(), today=today.strftime("%d.%m.%Y"), count=len(found), entries=entries,
        fonts={k: v.as_uri() for k, v in FONTS.items()})
    HTML(string=html, base_url=str(TEMPLATES)).write_pdf(path)


def _shown(r: Row, key: str) -> str:
    return r.now[key] or "—"
