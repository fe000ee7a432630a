"""The directory as open data for partners: HSDS 3.0 JSON, a flat CSV, and a Data Package.

services.json     a list of Open Referral HSDS 3.0 service objects (organization, phones,
                  schedules, service_at_locations, service_areas, languages, required_documents,
                  attributes with taxonomy terms), in the default language, with `x_directory`: the
                  entry's id, categories, page addresses, translations and the sources of each
                  contact detail. A field without a value is left out (HSDS has no nulls); it is
                  valid against HSDS's compiled service schema (schemas/hsds-3.0/, tests).
directory.csv     one row per service, the same facts flattened for spreadsheets. Not HSDS's
                  tabular format (whose services.csv has other columns), hence its own name.
datapackage.json  a Frictionless Data Package describing all three, with the data's licence.
Ids are UUIDs derived from the entry ids, so they stay the same from one build to the next.
"""
from __future__ import annotations

import functools
import hashlib
import io
import json
import uuid

from scripts.core import interface_strings, site_config, spreadsheet_csv
from scripts.directory import directory_pages, service_hours, services

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "directory.migrant-families-rights.kz")
TAXONOMY = "migrant-families-kz-directory"
CSV_NAME = "directory.csv"
LICENSE = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
           "title": "Creative Commons Attribution 4.0 International"}
CSV_FIELDS = ["id", "uuid", "status", "categories", "organization", "cities", "addresses", "latitude", "longitude",
              "phones", "url", "email", "languages", "fees", "eligibility", "required_documents", "assured_date",
              "page", "sources"]


@functools.lru_cache(maxsize=None)  # languages, categories, organisations and services come back often
def _uuid(*parts) -> str:
    """uuid.uuid5(NAMESPACE, 'part/part/…'), written out directly: a build makes tens of thousands."""
    digest = bytearray(hashlib.sha1(NAMESPACE.bytes + "/".join(map(str, parts)).encode("utf-8")).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    text = digest.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def _default(value) -> str:
    return value.get(site_config.default_language(), "") if isinstance(value, dict) else ""


def _present(fields: dict) -> dict:
    """The fields that have a value: HSDS leaves a property out rather than writing null or ''."""
    return {key: value for key, value in fields.items() if value is not None and value != ""}


def _language(view, code: str) -> dict:
    return {"id": _uuid("language", code), "code": code, "name": view.language_names.get(code, code)}


@functools.lru_cache(maxsize=None)
def taxonomy_term(category: str) -> dict:
    """The category as an HSDS taxonomy term: name and description in the default language, and
    in x_translations the same two in every other language of the site."""
    names = {code: interface_strings.load(code)[f"directory.category.{category}"] for code in site_config.language_codes()}
    texts = {code: {"name": name, "description": interface_strings.load(code)["directory.open_data.term"].replace("{name}", name)}
             for code, name in names.items()}
    default = site_config.default_language()
    return {"id": _uuid("term", category), "code": category, **texts[default], "language": default, "taxonomy": TAXONOMY,
            "x_translations": {code: text for code, text in texts.items() if code != default}}


def _organization(data: dict) -> dict | None:
    if not data.get("organization"):
        return None
    name = _default(data["organization"]["name"])
    description = interface_strings.load(site_config.default_language())["directory.open_data.organization"]
    return {"id": _uuid("organization", name), "name": name, "description": description}


def _phones(data: dict, sid: str, view) -> list[dict]:
    return [_present({
        "id": _uuid("phone", sid, index), "number": phone["number"],
        "type": "voice" if phone.get("type", "voice") == "voice" else "text",
        "description": " ".join(filter(None, [_default(phone.get("description")),
                                              {"whatsapp": "WhatsApp", "telegram": "Telegram"}.get(phone.get("type"), "")])),
        "languages": [_language(view, code) for code in phone.get("languages") or []],
        "x_sources": phone["sources"],
    }) for index, phone in enumerate(data.get("phones") or [])]


def _schedules(data: dict, sid: str) -> list[dict]:
    schedules = []
    for index, schedule in enumerate(data.get("schedules") or []):
        notes = _default(schedule.get("notes"))
        rows = service_hours.hsds_rows(schedule["opening_hours"]) if schedule.get("opening_hours") else [{}]
        for row_index, row in enumerate(rows):
            schedules.append(_present({"id": _uuid("schedule", sid, index, row_index), **row, "notes": notes}))
    return schedules


def _address(location: dict, sid: str, index: int, view) -> dict:
    """HSDS requires state_province and postal_code: '' where the entry does not give them."""
    return {"id": _uuid("address", sid, index), "address_type": "physical", "address_1": _default(location["address"]),
            "city": view.city(location["city"]), "state_province": _default(location.get("region")),
            "postal_code": location.get("postal_code", ""), "country": location["country"]}


def _service_at_locations(data: dict, sid: str, view) -> list[dict]:
    found = []
    for index, location in enumerate(data.get("locations") or []):
        place = _present({"id": _uuid("location", sid, index), "location_type": "physical",
                          "name": _default(location.get("name")),
                          "latitude": location.get("latitude"), "longitude": location.get("longitude"),
                          "addresses": [_address(location, sid, index, view)] if location.get("address") else [],
                          "x_sources": location.get("sources", [])})
        found.append({"id": _uuid("service_at_location", sid, index), "location": place, "x_city": location["city"]})
    return found


def hsds_service(entry, view, pages: dict[str, str]) -> dict:
    """One HSDS 3.0 service object (default-language text), with the directory's extensions."""
    data, sid = entry.data, entry.id
    fees = data.get("fees")
    service = _present({
        "id": _uuid("service", sid),
        "name": _default(data["name"]),
        "description": _default(data["description"]),
        "url": (data.get("url") or {}).get("value"),
        "email": (data.get("email") or {}).get("value"),
        "status": data["status"],
        "fees_description": " ".join(filter(None, [fees, _default(data.get("fees_description"))])),
        "eligibility_description": _default(data.get("eligibility")),
        "assured_date": data.get("assured_date"),
        "organization": _organization(data),
        "phones": _phones(data, sid, view),
        "schedules": _schedules(data, sid),
        "service_at_locations": _service_at_locations(data, sid, view),
    })
    if not data.get("locations"):  # a helpline or national body: the whole country, as text
        service["service_areas"] = [{"id": _uuid("area", sid), "name": view.city(directory_pages.NATIONWIDE)}]
    service["languages"] = [_language(view, code) for code in data.get("languages") or []]
    service["required_documents"] = [{"id": _uuid("document", sid, index), "document": _default(item)}
                                     for index, item in enumerate(data.get("required_documents") or [])]
    service["attributes"] = [{"id": _uuid("attribute", sid, category), "taxonomy_term": taxonomy_term(category)}
                             for category in data["categories"]]
    service["x_directory"] = _extensions(entry, pages)
    return service


def _extensions(entry, pages: dict[str, str]) -> dict:
    data = entry.data
    translations = {}
    for code in site_config.language_codes():
        if code == site_config.default_language():
            continue
        texts = {key: data[key][code] for key in ("name", "description", "eligibility", "fees_description")
                 if isinstance(data.get(key), dict) and data[key].get(code)}
        if texts:
            translations[code] = texts
    return {
        "id": entry.id, "categories": data["categories"], "pages": pages, "translations": translations,
        "machine_translated": data.get("machine_translated", []),
        "sources": data["sources"],
        "url_sources": (data.get("url") or {}).get("sources", []),
        "email_sources": (data.get("email") or {}).get("sources", []),
        "verified": bool(data.get("assured_date")),
    }


def csv_row(entry, view, page: str) -> dict:
    data = entry.data
    locations = data.get("locations") or []
    return {
        "id": entry.id, "uuid": _uuid("service", entry.id), "status": data["status"],
        "categories": ";".join(data["categories"]),
        "organization": _default((data.get("organization") or {}).get("name")),
        "cities": ";".join(location["city"] for location in locations) or directory_pages.NATIONWIDE,
        "addresses": ";".join(_default(location.get("address")) for location in locations if location.get("address")),
        "latitude": next((str(place["latitude"]) for place in locations if "latitude" in place), ""),
        "longitude": next((str(place["longitude"]) for place in locations if "longitude" in place), ""),
        "phones": ";".join(f'{phone["number"]} ({phone.get("type", "voice")})' for phone in data.get("phones") or []),
        "url": (data.get("url") or {}).get("value", ""), "email": (data.get("email") or {}).get("value", ""),
        "languages": ";".join(data.get("languages") or []), "fees": data.get("fees", ""),
        "eligibility": _default(data.get("eligibility")),
        "required_documents": ";".join(_default(item) for item in data.get("required_documents") or []),
        "assured_date": data.get("assured_date", ""), "page": page,
        "sources": ";".join(f'{s["title"]} {s.get("url", "")}'.strip() for s in data["sources"]),
        **{f"name_{code}": (data["name"].get(code, "")) for code in site_config.language_codes()},
        **{f"description_{code}": (data["description"].get(code, "")) for code in site_config.language_codes()},
    }


def csv_fields() -> list[str]:
    codes = site_config.language_codes()
    return CSV_FIELDS[:3] + [f"name_{c}" for c in codes] + [f"description_{c}" for c in codes] + CSV_FIELDS[3:]


def datapackage(created: str) -> dict:
    fields = [{"name": name, "type": "string"} for name in csv_fields()]
    for item in fields:
        if item["name"] in ("latitude", "longitude"):
            item["type"] = "number"
        if item["name"] == "assured_date":
            item["type"] = "date"
        if item["name"] == "id":
            item["constraints"] = {"required": True, "unique": True}
    return {
        "profile": "data-package",
        "name": "migrant-families-kz-services",
        "title": "Services for migrant families with children in Kazakhstan",
        "description": ("Where migrant families with children in Almaty and across Kazakhstan can get help: legal aid, "
                        "documents, education, health, shelter, child protection, consulates, helplines. services.json is "
                        "Open Referral HSDS 3.0 (each object valid against HSDS's compiled service schema); directory.csv "
                        "is the same directory one row per service, for spreadsheets, not HSDS's tabular format. A phone "
                        "number, address or website appears only with the source it was seen in (x_directory.sources); "
                        "assured_date is when a person last checked the entry, and an entry without one has not been "
                        "checked by a person. Opening times are local times at the service. Multi-valued CSV cells are "
                        "separated by ';'. A CSV cell that would start with = + - @, a tab or a carriage return starts "
                        "with an apostrophe (') instead, so that spreadsheets show it as text and never run it as a "
                        "formula: remove it when reading by program (services.json has every value as it is)."),
        "licenses": [LICENSE],
        "created": created,
        "resources": [
            {"name": "services-hsds", "path": "services.json", "type": "json", "format": "json",
             "mediatype": "application/json", "encoding": "utf-8",
             "description": "A list of HSDS 3.0 service objects with nested organization, phones, schedules, locations, "
             "service areas, languages and taxonomy terms; x_ fields are this directory's extensions."},
            {"name": "directory", "path": CSV_NAME, "profile": "tabular-data-resource", "format": "csv",
             "mediatype": "text/csv", "encoding": "utf-8", "schema": {"fields": fields, "primaryKey": "id"}},
            # "type": "json": by its name alone, frictionless would read this file as a Table Schema.
            {"name": "service-schema", "path": "service.schema.json", "type": "json", "format": "json",
             "mediatype": "application/schema+json", "encoding": "utf-8",
             "description": "JSON Schema (2020-12) of the YAML files the directory is written in."},
        ],
    }


def files(entries, view, page_paths: dict[str, dict[str, str]], created: str) -> dict[str, str]:
    """{file name: text} of the open data; page_paths: entry id -> {lang: path from the site root}."""
    ordered = sorted(entries, key=lambda entry: entry.id)
    out = io.StringIO()
    writer = spreadsheet_csv.DictWriter(out, fieldnames=csv_fields(), lineterminator="\r\n")
    writer.writeheader()
    default = site_config.default_language()
    for entry in ordered:
        pages = page_paths.get(entry.id, {})
        writer.writerow(csv_row(entry, view, pages.get(default, next(iter(pages.values()), ""))))
    return {
        "services.json": json.dumps([hsds_service(entry, view, page_paths.get(entry.id, {})) for entry in ordered],
                                    ensure_ascii=False, separators=(",", ":")) + "\n",
        CSV_NAME: out.getvalue(),
        "datapackage.json": json.dumps(datapackage(created), ensure_ascii=False, indent=1) + "\n",
        "service.schema.json": services.SCHEMA_PATH.read_text(encoding="utf-8"),
    }
