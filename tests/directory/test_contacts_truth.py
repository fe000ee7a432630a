"""Contacts a family can use: no dead end, M-only contacts wait for a person's check, the
partners' verification sheet, and dated changes with their Atom feed (issue 19)."""
from __future__ import annotations

import csv
import datetime as dt

import feedparser
import pypdfium2
import pytest

from scripts.core import site_config
from scripts.directory import services
from scripts.partners import verify_sheet
from scripts.site import changes

TODAY = dt.date(2026, 12, 7)
ENTRY = """\
id: test-office
name:
  ru: Тестовая служба
description:
  ru: Служба для проверки.
status: active
categories: [legal-aid]
locations:
  - city: almaty
    address:
      ru: ул. Проверочная, 1
    country: KZ
    sources: [m-source]
phones:
  - number: "+77272584598"
    sources: [m-source]
  - number: "1414"
    sources: [m-source]
sources:
  - id: m-source
    title: A medium-confidence page
    seen: 2026-12
    confidence: M
"""


def check(tmp_path, text):
    path = tmp_path / "test-office.yml"
    path.write_text(text, encoding="utf-8")
    return services.check_file(path, TODAY)


def test_m_only_contacts_wait_for_a_check_short_numbers_do_not(tmp_path):
    service, problems = check(tmp_path, ENTRY)
    assert not problems
    assert [p["number"] for p in service.data["phones"]] == ["1414"], "the long number is withheld, 1414 is not"
    assert "address" not in service.data["locations"][0] and service.data["locations"][0]["city"] == "almaty"
    assert service.withheld == (("phones", 0), ("locations", 0))
    checked, _ = check(tmp_path, ENTRY + "assured_date: '2026-12-01'\n")
    assert checked.withheld == () and len(checked.data["phones"]) == 2 and checked.data["locations"][0]["address"]


def test_an_entry_without_a_phone_to_show_must_give_a_fallback(tmp_path):
    text = ENTRY.replace('  - number: "1414"\n    sources: [m-source]\n', "")
    service, problems = check(tmp_path, text)
    assert service is None
    assert any("Must give families a number to call" in message and "fallback" in message for _path, _line, message in problems)
    fixed = text.replace("sources:\n  - id: m-source", "fallback:\n  number: \"1414\"\n  ask:\n    ru: как связаться со службой\n"
                         "  sources: [h-source]\nsources:\n  - id: h-source\n    title: lada.kz on 1414\n    seen: 2026-12\n"
                         "    confidence: H\n  - id: m-source", 1)
    service, problems = check(tmp_path, fixed)
    assert not problems and service.data["fallback"]["number"] == "1414"


def test_a_fallback_must_name_a_listed_source(tmp_path):
    text = ENTRY.replace('  - number: "1414"\n    sources: [m-source]\n', "").replace(
        "sources:\n  - id: m-source", "fallback:\n  number: \"1414\"\n  ask:\n    ru: что спросить\n  sources: [nowhere]\nsources:\n  - id: m-source", 1)
    _service, problems = check(tmp_path, text)
    assert any("'nowhere' is not one" in message for _path, _line, message in problems)


def test_no_directory_entry_is_a_dead_end():
    for entry in services.load(today=TODAY):
        if entry.data["status"] != "active":
            continue
        assert entry.data.get("phones") or entry.data.get("fallback"), f"{entry.path}: no number and no fallback"
        fallback = entry.data.get("fallback")
        if fallback:
            assert fallback["number"] in services.short_numbers() and fallback["ask"].get(site_config.default_language())


def test_unhcr_address_and_numbers_stay_unpublished_until_confirmed():
    unhcr = next(entry for entry in services.load(today=TODAY) if entry.id == "unhcr-almaty")
    assert "phones" not in unhcr.data and not unhcr.data["locations"][0].get("address")
    assert unhcr.withheld and unhcr.data["fallback"]["number"] == "1414"


@pytest.mark.parametrize("assured, due", [(None, True), ("2025-12-08", False), ("2025-12-06", True), ("2026-11-30", False)])
def test_an_entry_is_due_for_a_check_when_never_or_over_12_months_ago(assured, due):
    data = {"status": "active"} | ({"assured_date": assured} if assured else {})
    assert verify_sheet.due(data, TODAY) is due
    assert verify_sheet.due({"status": "inactive"}, TODAY) is False


def test_verify_sheet_lists_what_to_confirm_with_room_for_the_answers(tmp_path):
    rows = verify_sheet.rows(TODAY)
    ids = [row.id for row in rows]
    assert "unhcr-almaty" in ids and len(ids) == len(set(ids))
    unhcr = rows[ids.index("unhcr-almaty")]
    assert "77272584598" in unhcr.now["phones"].replace(" ", "") and unhcr.withheld == {"phones", "address"}
    verify_sheet.write_csv(rows, tmp_path / "sheet.csv")
    with (tmp_path / "sheet.csv").open(encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    assert len(table) == len(rows)
    for column in ("name_confirmed", "address_confirmed", "phones_confirmed", "hours_confirmed", "languages_confirmed"):
        assert all(row[column] == "" for row in table), f"{column} is left to fill in"
    verify_sheet.write_pdf(rows, tmp_path / "sheet.pdf", TODAY)
    pdf = pypdfium2.PdfDocument(tmp_path / "sheet.pdf")
    width, height = pdf[0].get_size()
    assert (round(width), round(height)) == (595, 842), "A4"
    text = "".join(pdf[index].get_textpage().get_text_range() for index in range(len(pdf)))
    assert "Лист проверки" in text and "Подтверждено при звонке" in text
    assert "58 45 98" in text and "python -m scripts.record_check unhcr-almaty" in text


def test_changes_of_pages_and_entries_in_the_readers_language():
    meta = {"id": "arrival", "title": "Первые дни", "changes": [{"date": "2026-12-07", "text": "Приказ № 923."},
                                                                 {"date": "2026-10-01", "text": "Старое."}]}
    found = changes.of_page(meta, "arrival.html", "ru")
    assert changes.latest(found, TODAY).text == "Приказ № 923."
    assert changes.updated_meta(meta, TODAY + dt.timedelta(days=31)) is None, "30 days, then the note goes"
    entry = {"id": "x", "name": {"ru": "Икс", "ky": "Икс ky"}, "changes": [{"date": "2026-12-07", "text": {"ru": "Новое."}}]}
    [change] = changes.of_entry(entry, "ky", "ru")
    assert (change.title, change.text, change.lang, change.href) == ("Икс ky", "Новое.", "ru", "directory/x.html")
    future = changes.Change(dt.date(2027, 1, 1), "later", "y", "Y", "y.html", "ru")
    assert future not in changes.ordered([future, change], TODAY)


def test_atom_feed_parses_and_its_links_follow_the_mirror_it_is_read_from():
    items = [changes.Change(TODAY, "Приказ № 923 & <b>", "arrival", "Первые дни", "arrival.html", "ru"),
             changes.Change(TODAY - dt.timedelta(days=3), "Новое.", "x", "Икс", "directory/x.html", "ru")]
    feed = changes.atom(changes.ordered(items, TODAY), "ky", "Эмне өзгөрдү", "intro", "Site", TODAY)
    for base in ("https://partner.example/ky/changes.xml", "https://other.example/mirror/ky/changes.xml"):
        parsed = feedparser.parse(feed, response_headers={"content-location": base, "content-type": "application/atom+xml"})
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert parsed.version == "atom10" and parsed.feed.language == "ky"
        root = base.rsplit("/", 1)[0]
        assert [entry.link for entry in parsed.entries] == [f"{root}/arrival.html", f"{root}/directory/x.html"]
        assert parsed.entries[0].summary == "Приказ № 923 & <b>"
        assert all(entry.id.startswith("urn:uuid:") for entry in parsed.entries)
    assert b"http://" not in feed.replace(b"http://www.w3.org/", b"") and b"https://" not in feed


def test_of_two_changes_on_one_day_the_one_written_last_is_announced():
    meta = {"id": "x", "title": "X", "changes": [{"date": "2026-12-07", "text": "first"}, {"date": "2026-12-07", "text": "second"}]}
    assert changes.updated_meta(meta, TODAY)["text"] == "second"
