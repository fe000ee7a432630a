"""The directory's entries: every kind of bad input is named by file and line, and says what to do.

In-process and fast; tests/directory/test_directory_build.py checks that the same problems stop the build.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from directory_site import CENTRE, CLOSED, LINE, TODAY, VALID, stamped

from scripts.core import site_config
from scripts.directory import directory_pages, open_data, page_shell, service_hours, services, vcard


def problems_of(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, int, str]]:
    folder = tmp_path / "services"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [(Path(path).name, line, message) for path, line, message in services.problems(folder, TODAY)]


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.split("\n"), 1) if needle in line)


# One case per kind of bad input: (file text, the line the problem must name, words of the message).
BAD = {
    "yaml syntax": (LINE.replace("status: active", "status: [active"), "status: [active", "Must be valid YAML"),
    "unknown field": (LINE.replace("fees: free", "feez: free"), "feez: free", "did you mean 'fees'"),
    "missing field": (LINE.replace("categories: [helpline]\n", ""), None, "Must have the field 'categories'"),
    "bad phone number": (CENTRE.replace("+77272697059", "+7727269705"), "+7727269705", "not a valid number"),
    "phone not in E.164": (CENTRE.replace('"+77272697059"', '"8 727 269 70 59"'), "8 727 269 70 59", "international form"),
    "unknown short number": (LINE.replace('"111"', '"116"'), '"116"', "short number"),
    "coordinates outside": (CENTRE.replace("longitude: 76.8897", "longitude: 7.8897"), "latitude: 43.2389", "outside"),
    "swapped coordinates": (CENTRE.replace("latitude: 43.2389", "latitude: 76.8897").replace("longitude: 76.8897", "longitude: 43.2389"),
                            "latitude: 76.8897", "swapped"),
    "unknown category": (LINE.replace("[helpline]", "[hotline]"), "[hotline]", "Must use a category of the directory"),
    "unknown language key": (LINE.replace("  en: Test line 111", "  kg: Test line 111"), "kg: Test line", "'kg' is not one"),
    "unknown spoken language": (CENTRE.replace("languages: [ru, ky]\nfees", "languages: [ru, kg]\nfees"), "languages: [ru, kg]", "'kg' is not one"),
    "opening hours": (LINE.replace("24/7", "Mo-Fx 9-18"), "Mo-Fx 9-18", "OpenStreetMap opening_hours syntax"),
    "no Russian text": (LINE.replace("  ru: Тестовая линия 111\n", ""), "name:", "Must give the ru text"),
    "address without source": (CENTRE.replace("    sources: [s1]\nphones:", "phones:"), "address:", "Must name the source of this address"),
    "address without country": (CENTRE.replace("    country: KZ\n", ""), "address:", "Must give the country of this address"),
    "unknown source id": (CENTRE.replace("    type: whatsapp\n    sources: [s1]", "    type: whatsapp\n    sources: [s9]"), "sources: [s9]",
                          "'s9' is not one"),
    "unknown city": (CLOSED.replace("city: astana", "city: atlantis"), "city: atlantis", "directory.city.atlantis"),
    "future assured date": (LINE.replace(f"assured_date: {TODAY - dt.timedelta(days=30)}", f"assured_date: {TODAY + dt.timedelta(days=3)}"),
                            "assured_date:", "Must not be in the future"),
    "id of a guide": (LINE.replace("id: test-line", "id: work"), "id: work", "Must have an id of its own"),
    "source language machine-translated": (LINE + "machine_translated: [en, ru]\n", "machine_translated:", "Must not list ru"),
    "machine translation without texts": (LINE + "machine_translated: [ky]\n", "machine_translated:", "Must have texts in 'ky'"),
    "translations without translated_from": (CENTRE.replace("  ru: Тестовый центр\n", "  ru: Тестовый центр\n  ky: Сыноо борбору\n"),
                                             "name:", "add the line `translated_from: "),
    "machine translation, unknown language": (LINE + "machine_translated: [kg]\n", "machine_translated:", "'kg' is not one"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_names_file_line_and_what_to_do(tmp_path, case):
    text, needle, words = BAD[case]
    found = problems_of(tmp_path, {"entry.yml": text})
    assert found, f"{case}: no problem found"
    name, line, message = found[0]
    assert name == "entry.yml"
    assert message.startswith("Must "), message
    assert words in message, message
    if needle:
        assert line == line_of(text, needle), (case, found)


@pytest.mark.parametrize("case", sorted(BAD))
def test_the_build_stops_on_every_problem_make_check_finds(tmp_path, case):
    expected = problems_of(tmp_path, {"entry.yml": BAD[case][0]})
    with pytest.raises(services.ServicesError) as stopped:
        services.load(tmp_path / "services", TODAY)
    assert [(Path(path).name, line, message) for path, line, message in stopped.value.problems] == expected


SCHEMA_CASES = {  # beside BAD: what only the schema says, each kind of rule once
    "bad date": LINE.replace(f"assured_date: {TODAY - dt.timedelta(days=30)}", "assured_date: 2026-02-30"),
    "date as text": LINE.replace(f"assured_date: {TODAY - dt.timedelta(days=30)}", "assured_date: last week"),
    "http website": CENTRE.replace("https://example.kz/centre", "http://example.kz/centre"),
    "bad e-mail": CENTRE.replace("help@example.kz", "help at example.kz"),
    "one text for all languages": LINE.replace("name:\n  ru: Тестовая линия 111\n  en: Test line 111", "name: Тестовая линия"),
    "empty categories": LINE.replace("[helpline]", "[]"),
    "repeated category": LINE.replace("[helpline]", "[helpline, helpline]"),
    "latitude too large": CENTRE.replace("latitude: 43.2389", "latitude: 143.2389"),
    "latitude as text": CENTRE.replace("latitude: 43.2389", 'latitude: "43.2389"'),
    "latitude in hexadecimal": CENTRE.replace("latitude: 43.2389", "latitude: 0x2B"),
    "bad status": LINE.replace("status: active", "status: open"),
    "seen as a day of the week": LINE.replace("seen: 2026-11", "seen: Monday"),
    "url without source": CENTRE.replace("  value: https://example.kz/centre\n  sources: [s1]", "  value: https://example.kz/centre"),
}


@pytest.mark.parametrize("case", sorted(SCHEMA_CASES) + sorted(BAD) + sorted(VALID))
def test_fast_and_explaining_validators_agree(tmp_path, case):
    """fastjsonschema decides whether an entry is valid; jsonschema explains it: one verdict."""
    text = SCHEMA_CASES.get(case) or VALID.get(case) or BAD[case][0]
    parsed = services._parse(text)
    if parsed.data is None:
        pytest.skip("not YAML: neither validator sees it")
    explained = list(services._validator().iter_errors(parsed.data))
    assert services.schema_valid(parsed.data) == (not explained), [error.message for error in explained]
    if case in SCHEMA_CASES:
        assert explained and problems_of(tmp_path, {"entry.yml": text})


def test_translations_behind_the_russian_texts_are_a_warning_and_not_shown(tmp_path):
    folder = tmp_path / "services"
    folder.mkdir()
    changed = LINE.replace("ru: Линия для проверки справочника.", "ru: Линия работает только днём.")
    (folder / "test-line.yml").write_text(changed, encoding="utf-8")
    assert list(services.problems(folder, TODAY)) == []  # an urgent Russian fix is never blocked
    [(path, line, message)] = services.warnings(folder, TODAY)
    assert line == line_of(changed, "translated_from:") and "Must update the translations (en)" in message
    assert f"translated_from: {services.source_fingerprint(services._parse(changed).data)}" in message
    [entry] = services.load(folder, TODAY)
    page = directory_pages.service_page(entry, directory_pages.View("en", TODAY))
    assert "Test line" not in page.body and 'lang="ru">Линия работает только днём.' in page.body and page.fallback
    assert services.stamp(folder / "test-line.yml").startswith("translated_from: ")
    assert list(services.warnings(folder, TODAY)) == []


def test_duplicate_id_names_the_second_file(tmp_path):
    found = problems_of(tmp_path, {"a.yml": LINE, "b.yml": "\n\n" + LINE})
    assert found == [("b.yml", 3, found[0][2])]
    assert "already the id of" in found[0][2] and "a.yml" in found[0][2]


def test_low_confidence_source_cannot_back_a_number(tmp_path):
    text = LINE.replace("    seen: 2026-11\nassured", "    seen: 2026-11\n    confidence: L\nassured")
    [(name, line, message)] = problems_of(tmp_path, {"entry.yml": text})
    assert line == line_of(text, "sources: [s1]") and "low-confidence (L)" in message


def test_valid_entries_have_no_problems(tmp_path):
    assert problems_of(tmp_path, VALID) == []


def test_the_repository_entries_are_valid():
    assert list(services.problems()) == []


def test_every_published_contact_detail_has_a_source():
    for entry in services.load():
        data = entry.data
        ids = {source["id"] for source in data["sources"]}
        for phone in data.get("phones") or []:
            assert set(phone["sources"]) <= ids
        for location in data.get("locations") or []:
            if "address" in location or "latitude" in location:
                assert set(location["sources"]) <= ids
        for key in ("url", "email"):
            if key in data:
                assert set(data[key]["sources"]) <= ids


def test_twelve_month_rule():
    data = {"assured_date": str(TODAY - dt.timedelta(days=364))}
    assert services.verified_recently(data, TODAY)
    assert not services.verified_recently({"assured_date": str(TODAY - dt.timedelta(days=367))}, TODAY)
    assert not services.verified_recently({}, TODAY)


def test_opening_hours_week_and_hsds_rows():
    days = service_hours.week("Mo-Fr 09:00-18:00; Sa 10:00-14:00")
    assert days[0] == (("09:00", "18:00"),) and days[5] == (("10:00", "14:00"),) and days[6] == ()
    assert service_hours.always_open(service_hours.week("24/7"))
    assert service_hours.week("Sep-May Mo-Fr 09:00-18:00") is None  # changes with the season: shown as written
    assert service_hours.hsds_rows("Mo-Fr 09:00-18:00")[0]["byday"] == "MO,TU,WE,TH,FR"


def test_vcard_lines_fold_at_75_octets_without_splitting_letters_or_escapes():
    text = vcard.card("Центр социально-психологической реабилитации, адаптации; помощи", phones=[("+77272697059", "voice")],
                      note="Давно не проверялось: позвоните, прежде чем идти.")
    assert text.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n") and text.endswith("END:VCARD\r\n")
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    unfolded = text.replace("\r\n ", "")
    assert "FN:Центр социально-психологической реабилитации\\, адаптации\\; помощи" in unfolded
    assert "TEL;TYPE=VOICE:+77272697059" in unfolded


def test_vcards_are_organisation_cards_that_say_call_only_where_there_is_a_number(tmp_path):
    import vobject
    folder = tmp_path / "services"
    folder.mkdir()
    no_number = CLOSED.replace("id: test-closed", "id: test-web") + "url:\n  value: https://example.kz/web\n  sources: [s1]\n"
    for name, text in {**VALID, "test-web.yml": no_number}.items():
        (folder / name).write_text(text, encoding="utf-8")
    view = directory_pages.View("ru", TODAY)
    cards = {entry.id: vobject.readOne(directory_pages.vcard_text(entry, view)) for entry in services.load(folder, TODAY)
             if directory_pages.has_vcard(entry)}
    assert set(cards) == {"test-centre", "test-line", "test-web"}
    for card in cards.values():
        name = card.n.value
        assert (name.family, name.given, name.additional, name.prefix, name.suffix) == ("", "", "", "", ""), "N is a person's name"
        assert card.org.value == [card.fn.value], "ORG: the service itself, as none of these names an organisation"
    assert "позвоните" in cards["test-centre"].note.value  # unverified, with numbers
    assert "tel" not in cards["test-web"].contents
    assert cards["test-web"].note.value.endswith("Давно не проверялось.") and "позвоните" not in cards["test-web"].note.value


def test_shell_refuses_a_frame_without_its_slots():
    with pytest.raises(page_shell.ShellError, match="overrides/main.html"):
        page_shell.Shell("<html><title>zqxtitlezqx</title><body>no content</body></html>")
    shell = page_shell.Shell("<title>zqxtitlezqx</title><h1>zqxheadingzqx</h1>zqxbodyzqx<a href='zqxnamezqx.html'>")
    filled = shell.fill(name="a", id="a", title="A & B", heading="<span>A</span>", summary="", body="<p>x</p>")
    assert filled == "<title>A &amp; B</title><h1><span>A</span></h1><p>x</p><a href='a.html'>"


def test_pages_group_almaty_first_and_paginate(tmp_path, monkeypatch):
    folder = tmp_path / "services"
    folder.mkdir()
    for number in range(7):
        city = "almaty" if number % 2 else "astana"
        text = LINE.replace("id: test-line", f"id: s{number}").replace("fees: free\n", f"fees: free\nlocations:\n  - city: {city}\n")
        (folder / f"s{number}.yml").write_text(text, encoding="utf-8")
    entries = services.load(folder, TODAY)
    view = directory_pages.View("ru", TODAY)
    monkeypatch.setattr(directory_pages, "PAGE_SIZE", 3)
    listings = [item for item in directory_pages.listings(entries, view) if item.page.name.startswith("category-helpline")]
    assert [item.page.name for item in listings] == ["category-helpline", "category-helpline-2", "category-helpline-3"]
    assert [item.page.id for item in listings] == ["directory-helpline", "directory-helpline-2", "directory-helpline-3"]
    headings = [re.findall(r'<h2 id="([^"]+)"', directory_pages.listing_body(item, view)) for item in listings]
    assert headings == [["almaty"], ["astana"], ["astana"]]  # 3 in Almaty first; Astana's 4 go on to page 3 under its heading again
    assert [item.page.anchors for item in listings] == [set(ids) for ids in headings]  # what mkdocs checks links against


def _with_texts(entry_text: str, lang: str) -> str:
    """The entry with its name and description also written in `lang`."""
    return (entry_text.replace("name:\n  ru: ", f"name:\n  {lang}: Аты\n  ru: ")
            .replace("description:\n  ru: ", f"description:\n  {lang}: Сүрөттөмө & <b>\n  ru: "))


@pytest.mark.parametrize("lang", site_config.language_codes())
def test_service_pages_have_the_anchors_known_without_the_page(tmp_path, lang):
    """Links from guides to directory/<id>.md#hours are checked against service_anchors()."""
    folder = tmp_path / "services"
    folder.mkdir()
    ky_entry = stamped(_with_texts(CENTRE, "ky").replace("id: test-centre", "id: test-ky") + "machine_translated: [ky]\n")
    for name, text in {**VALID, "test-ky.yml": ky_entry}.items():
        (folder / name).write_text(text, encoding="utf-8")
    view = directory_pages.View(lang, TODAY)
    for entry in services.load(folder, TODAY):
        page = directory_pages.service_page(entry, view)
        assert set(re.findall(r' id="([^"]+)"', page.body)) == page.anchors
        says_machine = "site-notice--machine" in page.body
        assert says_machine == (entry.id == "test-ky" and lang == "ky")  # only where the reader's texts are machine-made


def test_open_data_uuids_are_uuid5():
    import uuid
    for parts in [("service", "rodnik"), ("phone", "rodnik", 0), ("organization", "Родник «Свет»")]:
        assert open_data._uuid(*parts) == str(uuid.uuid5(open_data.NAMESPACE, "/".join(map(str, parts))))


def test_open_data_is_valid_hsds_and_a_plain_csv(tmp_path):
    from hsds_rules import hsds_problems
    folder = tmp_path / "services"
    folder.mkdir()
    for name, text in VALID.items():
        (folder / name).write_text(text, encoding="utf-8")
    entries = services.load(folder, TODAY)
    view = directory_pages.View("ru", TODAY)
    files = open_data.files(entries, view, {"test-centre": {"ru": "directory/test-centre.html"}}, "2026-11-23T00:00:00")
    import csv
    import io
    import json
    items = json.loads(files["services.json"])
    assert hsds_problems(items) == []
    hsds = {item["x_directory"]["id"]: item for item in items}
    centre = hsds["test-centre"]
    assert centre["phones"][0]["number"] == "+77272697059" and centre["phones"][0]["x_sources"] == ["s1"]
    place = centre["service_at_locations"][0]["location"]
    assert place["latitude"] == 43.2389 and "name" not in place, "no value, no property (HSDS has no nulls)"
    assert place["addresses"][0] | {"id": "-"} == {"id": "-", "address_type": "physical", "address_1": "ул. Проверочная, 1",
                                                   "city": "Алматы", "state_province": "", "postal_code": "", "country": "KZ"}
    assert centre["schedules"][0]["byday"] == "MO,TU,WE,TH,FR" and centre["schedules"][0]["opens_at"] == "09:00:00"
    assert hsds["test-line"]["schedules"][0]["closes_at"] == "23:59:59"
    assert centre["assured_date"] == str(TODAY - dt.timedelta(days=400))
    area = hsds["test-line"]["service_areas"][0]
    assert area["name"] == "Весь Казахстан" and "extent_type" not in area
    term = centre["attributes"][0]["taxonomy_term"]
    assert term["description"] == "Службы справочника по теме «Юридическая помощь»." and term["language"] == "ru"
    assert set(term["x_translations"]) == set(site_config.language_codes()) - {"ru"}
    assert all(text["name"] and text["description"] for text in term["x_translations"].values())
    assert "services.csv" not in files, "HSDS's tabular file name is left to HSDS's tabular format"
    rows = list(csv.DictReader(io.StringIO(files["directory.csv"])))
    assert [row["id"] for row in rows] == ["test-centre", "test-closed", "test-line"]
    assert rows[2]["name_en"] == "Test line 111" and rows[0]["page"] == "directory/test-centre.html"
    package = json.loads(files["datapackage.json"])
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    table = next(resource for resource in package["resources"] if resource["path"] == "directory.csv")
    assert [field["name"] for field in table["schema"]["fields"]] == list(rows[0])
