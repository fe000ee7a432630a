"""A partner records a telephone check (scripts/record_check.py): the file keeps its comments,
passes make check, and bad input changes nothing."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from scripts import record_check
from scripts.directory import services

TODAY = dt.date(2026, 12, 7)
UNHCR = ["unhcr-almaty", "--assurer", "Rodnik", "--date", "2026-12-06", "--phone", "+7 727 258 45 98",
         "--drop-phone", "+77272583982", "--address", "ул. Байзакова, 303, Алматы, 050040", "--hours", "Mo-Fr 09:00-18:00",
         "--languages", "ru,kk"]


@pytest.fixture
def folder(tmp_path) -> Path:
    target = tmp_path / "services"
    shutil.copytree(ROOT / "data" / "services", target)
    return target


def run(argv, folder, capsys):
    code = record_check.main(argv, folder=folder, today=TODAY)
    out = capsys.readouterr()
    return code, out.out + out.err


def test_confirmed_entry_keeps_comments_passes_the_check_and_publishes(folder, capsys):
    path = folder / "unhcr-almaty.yml"
    before = path.read_text(encoding="utf-8")
    code, output = run(UNHCR, folder, capsys)
    assert code == 0, output
    after = path.read_text(encoding="utf-8")
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert comments and all(line in after.splitlines() for line in comments), "every comment kept"
    service, problems = services.check_file(path, TODAY)
    assert problems == [] and service is not None
    data = service.data
    assert data["assured_date"] == "2026-12-06" and data["assurer"] == "Rodnik"
    assert [phone["number"] for phone in data["phones"]] == ["+77272584598"], "the confirmed number is published"
    assert data["locations"][0]["address"]["ru"] == "ул. Байзакова, 303, Алматы, 050040"
    assert "check-2026-12-06" in data["phones"][0]["sources"]
    assert data["schedules"][0]["opening_hours"] == "Mo-Fr 09:00-18:00" and data["languages"] == ["ru", "kk"]
    assert data["changes"][-1]["date"] == "2026-12-06" and set(data["changes"][-1]["text"]) >= {"ru", "en"}
    assert service.withheld == () and service.stale == (), "published, translations still current"


def test_assurer_email_is_hsds_assurer_email(folder, capsys):
    code, output = run(["children-line-150", "--assurer-email", "volunteer@rodnik.example", "--phone", "150"], folder, capsys)
    assert code == 0, output
    service, problems = services.check_file(folder / "children-line-150.yml", TODAY)
    assert not problems and service.data["assurer_email"] == "volunteer@rodnik.example"


@pytest.mark.parametrize("argv, message", [
    (["unhcr-almaty-office", "--assurer", "Rodnik"], "Must name an entry of the directory: 'unhcr-almaty-office' is not one. Did you mean unhcr-almaty"),
    (["rodnik", "--assurer", "Rodnik", "--phone", "8 727 258 45 98"], "Must give --phone in international form"),
    (["rodnik", "--assurer", "Rodnik", "--phone", "+7 727 000"], "Must give --phone as a number in use"),
    (["rodnik", "--assurer", "Rodnik", "--date", "2026-12-08"], "Must not give a --date in the future: 2026-12-08 is after today (2026-12-07)"),
    (["rodnik", "--assurer", "Rodnik", "--date", "07.12.2026"], "Must give --date as YYYY-MM-DD"),
    (["rodnik", "--assurer-email", "rodnik"], "Must give --assurer-email as an e-mail address"),
    (["rodnik", "--assurer", "Rodnik", "--hours", "9-18"], "OpenStreetMap"),
    (["rodnik", "--assurer", "Rodnik", "--languages", "russian"], "Must give --languages as codes of the site's languages"),
    (["unhcr-almaty", "--assurer", "Rodnik", "--phone", "+77272584598"], "Must say whether +77272583982 answered"),
    (["unhcr-almaty", "--assurer", "Rodnik", "--phone", "+77272584598", "--drop-phone", "+77272583982"],
     "Must say whether the address is right"),
])
def test_bad_input_says_what_to_do_and_changes_nothing(folder, capsys, argv, message):
    files = {path.name: path.read_bytes() for path in folder.iterdir()}
    code, output = run(argv, folder, capsys)
    assert code == 1
    assert message in output
    assert "Traceback" not in output
    assert output.split(":", 2)[1].isdigit(), f"path:line: first: {output}"
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == files, "no file changed or added"


def test_broken_yaml_is_named_with_its_line_and_left_alone(folder, capsys):
    path = folder / "rodnik.yml"
    broken = path.read_text(encoding="utf-8").replace("status: active", "status: [active", 1)
    path.write_text(broken, encoding="utf-8")
    code, output = run(["rodnik", "--assurer", "Rodnik", "--phone", "1414"], folder, capsys)
    assert code == 1 and "rodnik.yml:" in output and "Must be valid YAML" in output
    assert path.read_text(encoding="utf-8") == broken


def test_a_result_that_fails_the_check_is_not_written(folder, capsys):
    path = folder / "rodnik.yml"
    text = path.read_text(encoding="utf-8").replace("fallback:", "fallback_old:", 1)  # schema error after writing
    path.write_text(text, encoding="utf-8")
    code, output = run(["rodnik", "--assurer", "Rodnik", "--phone", "1414"], folder, capsys)
    assert code == 1 and "Must" in output
    assert path.read_text(encoding="utf-8") == text


def test_usage_errors_are_argparse_messages_not_tracebacks(folder, capsys):
    with pytest.raises(SystemExit) as exit_:
        record_check.main(["rodnik"], folder=folder, today=TODAY)
    assert exit_.value.code == 2
    assert "--assurer" in capsys.readouterr().err


def test_a_fingerprint_of_digits_only_is_renewed_as_any_other(folder, capsys, monkeypatch):
    """`translated_from: 735112074000` reads as a number in YAML: the check must still see the
    translations as current and renew it, or the site would drop them (about 1 entry in 300)."""
    real = services.source_fingerprint
    monkeypatch.setattr(services, "source_fingerprint", lambda data: str(int(real(data), 16))[-12:])
    path = folder / "unhcr-almaty.yml"
    data = services.source_data(path.read_bytes())
    path.write_text(path.read_text(encoding="utf-8").replace(
        f"translated_from: {data['translated_from']}", f"translated_from: {services.source_fingerprint(data)}"), encoding="utf-8")
    code, output = run(UNHCR, folder, capsys)
    assert code == 0, output
    service, problems = services.check_file(path, TODAY)
    assert problems == [] and service.stale == (), "translations still current"
