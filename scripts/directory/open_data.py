"""The directory as open data for partners: HSDS-shaped JSON, a CSV, and a Data Package.

services.json   a list of Open Referral HSDS 3.0 service objects (organization, phones,
                schedules, service_at_locations, languages, required_documents, attributes),
                in the default language, with `x_directory`: the entry's id, categories, page
                addresses, translations and the sources of each contact detail;
services.csv    one row per service, the same facts flattened;
datapackage.json  a Frictionless Data Package describing both (and the JSON Schema of the
                YAML files, published beside them).
Ids are UUIDs derived from the entry ids, so they stay the same from one build to the next.
"""
from __future__ import annotations

import functools
import hashlib
import io
import json
import uuid

from scripts.core import site_config, spreadsheet_csv
from scripts.directory import directory_pages, service_hours, services

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "directory.migrant-families-rights.kz")
TAXONOMY = "migrant-families-kz-directory"
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


def _language(view, code: str) -> dict:
    return {"id": _uuid("language", code), "code": code, "name": view.language_names.get(code, code)}


def hsds_service(entry, view, pages: dict[str, str]) -> dict:
    """One HSDS 3.0 service object (default-language text), with the directory's extensions."""
    data, sid = entry.data, entry.id
    fees = data.get("fees")
    fees_text = " ".join(filter(None, [fees, _default(data.get("fees_description"))]))
    service = {
        "id": _uuid("service", sid),
        "name": _default(data["name"]),
        "description": _default(data["description"]),
        "url": (data.get("url") or {}).get("value"),
        "email": (data.get("email") or {}).get("value"),
        "status": data["status"],
        "fees_description": fees_text or None,
        "eligibility_description": _default(data.get("eligibility")) or None,
        "assured_date": data.get("assured_date"),
    }
    if data.get("organization"):
        name = _default(data["organization"]["name"])
        service["organization"] = {"id": _uuid("organization", name), "name": name, "description": ""}
    service["phones"] = [{
        "id": _uuid("phone", sid, index), "number": phone["number"],
        "type": "voice" if phone.get("type", "voice") == "voice" else "text",
        "description": " ".join(filter(None, [_default(phone.get("description")),
                                              {"whatsapp": "WhatsApp", "telegram": "Telegram"}.get(phone.get("type"), "")])) or None,
        "languages": [_language(view, code) for code in phone.get("languages") or []],
        "x_sources": phone["sources"],
    } for index, phone in enumerate(data.get("phones") or [])]
    schedules = []
    for index, schedule in enumerate(data.get("schedules") or []):
        notes = _default(schedule.get("notes")) or None
        rows = service_hours.hsds_rows(schedule["opening_hours"]) if schedule.get("opening_hours") else [{}]
        for row_index, row in enumerate(rows):
            schedules.append({"id": _uuid("schedule", sid, index, row_index), **row, "notes": notes})
    service["schedules"] = schedules
    service["service_at_locations"] = []
    for index, location in enumerate(data.get("locations") or []):
        place = {"id": _uuid("location", sid, index), "location_type": "physical",
                 "name": _default(location.get("name")) or None,
                 "latitude": location.get("latitude"), "longitude": location.get("longitude"),
                 "addresses": [], "x_sources": location.get("sources", [])}
        if location.get("address"):
            place["addresses"].append({"id": _uuid("address", sid, index), "address_type": "physical",
                                       "address_1": _default(location["address"]), "city": view.city(location["city"]),
                                       "region": _default(location.get("region")) or None})
        service["service_at_locations"].append({"id": _uuid("service_at_location", sid, index), "location": place,
                                                "x_city": location["city"]})
    if not data.get("locations"):
        service["service_areas"] = [{"id": _uuid("area", sid), "name": "Kazakhstan", "extent_type": "country"}]
    service["languages"] = [_language(view, code) for code in data.get("languages") or []]
    service["required_documents"] = [{"id": _uuid("document", sid, index), "document": _default(item)}
                                     for index, item in enumerate(data.get("required_documents") or [])]
    service["attributes"] = [{"id": _uuid("attribute", sid, category), "taxonomy_term": {
        "id": _uuid("term", category), "code": category, "name": view.category(category), "taxonomy": TAXONOMY}}
        for category in data["categories"]]
    translations = {}
    for code in site_config.language_codes():
        if code == site_config.default_language():
            continue
        texts = {key: data[key][code] for key in ("name", "description", "eligibility", "fees_description")
                 if isinstance(data.get(key), dict) and data[key].get(code)}
        if texts:
            translations[code] = texts
    service["x_directory"] = {
        "id": sid, "categories": data["categories"], "pages": pages, "translations": translations,
        "machine_translated": data.get("machine_translated", []),
        "sources": data["sources"],
        "url_sources": (data.get("url") or {}).get("sources", []),
        "email_sources": (data.get("email") or {}).get("sources", []),
        "verified": bool(data.get("assured_date")),
    }
    return service


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
                        "documents, education, health, shelter, child protection, consulates, helplines. Open Referral "
                        "HSDS 3.0 shaped. A phone number, address or website appears only with the source it was seen in "
                        "(x_directory.sources); assured_date is when a person last checked the entry, and an entry without "
                        "one has not been checked by a person. Multi-valued CSV cells are separated by ';'. A CSV cell that would "
                        "start with = + - @, a tab or a carriage return starts with an apostrophe (') instead, so that "
                        "spreadsheets show it as text and never run it as a formula: remove it when reading by program "
                        "(services.json has every value as it is). "
                        "No licence has been chosen for this data yet."),
        "created": created,
        "resources": [
            {"name": "services", "path": "services.csv", "profile": "tabular-data-resource", "format": "csv",
             "mediatype": "text/csv", "encoding": "utf-8", "schema": {"fields": fields, "primaryKey": "id"}},
            {"name": "services-hsds", "path": "services.json", "format": "json", "mediatype": "application/json",
             "encoding": "utf-8", "description": "A list of HSDS 3.0 service objects with nested organization, phones, "
             "schedules, locations and languages; x_ fields are this directory's extensions."},
            {"name": "service-schema", "path": "service.schema.json", "format": "json", "mediatype": "application/schema+json",
             "encoding": "utf-8", "description": "JSON Schema (2020-12) of the YAML files the directory is written in."},
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
        "services.csv": out.getvalue(),
        "datapackage.json": json.dumps(datapackage(created), ensure_ascii=False, indent=1) + "\n",
        "service.schema.json": services.SCHEMA_PATH.read_text(encoding="utf-8"),
    }
