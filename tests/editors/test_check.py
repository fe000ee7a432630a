"""`make check`: every error class reported with its file and line, a clean tree reports nothing.

The fixtures are small projects tests/roots/check-clean and check-broken (made by tests/roots/make_check_roots.py):
broken/ holds one file per error class, listed with its expected messages in tests/roots/check-broken.expected.txt;
clean/ must report nothing. The check runs in-process here, so these tests take about a second.
"""
from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, ROOTS
from scripts import check as check_command
from scripts.core import translations
from scripts.editors import content_check, translation_table
from scripts.editors.checks import directory, review_dates
from scripts.editors.checks.project import Project

TODAY = dt.date(2026, 11, 23)
EXPECTED = [tuple(re.match(r"^(\S+?):(\d+): (.*)$", line).groups())
            for line in (ROOTS / "check-broken.expected.txt").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]


@pytest.fixture(scope="module")
def broken():
    return content_check.run(Project(ROOTS / "check-broken"), today=TODAY)


def _shown(problem) -> str:
    return str(problem).split(": ", 1)[1]


@pytest.mark.parametrize("path,line,words", EXPECTED, ids=[f"{p}:{n}" for p, n, _ in EXPECTED])
def test_each_error_is_reported_at_its_file_and_line(broken, path, line, words):
    here = [_shown(p) for p in broken if p.path == path and p.line == int(line)]
    assert any(message.startswith(words) for message in here), f"{path}:{line}: expected '{words}…', got {here}"


def test_nothing_else_is_reported(broken):
    expected = [(path, int(line), words) for path, line, words in EXPECTED]
    unexpected = [str(p) for p in broken
                  if not any(p.path == path and p.line == line and _shown(p).startswith(words) for path, line, words in expected)]
    assert not unexpected, "\n".join(unexpected)
    assert len(broken) == len(expected)


def test_every_message_says_what_to_do(broken):
    for problem in broken:
        assert problem.message.startswith("Must "), str(problem)


def test_a_clean_tree_reports_nothing(capsys):
    assert check_command.main(["--root", str(ROOTS / "check-clean"), "--today", TODAY.isoformat()]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "no problems" in err


def test_errors_fail_and_print_path_line_message(capsys):
    assert check_command.main(["--root", str(ROOTS / "check-broken"), "--today", TODAY.isoformat(), "--quiet"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert "docs/ru/forbidden-script.md:17: Must not use the HTML tag <script>: pages carry no code. Remove it; " \
           "to point to a video, map or form, write a link instead: [what it is](https://…)" in lines


@pytest.fixture
def clean_copy(tmp_path) -> Path:
    return Path(shutil.copytree(ROOTS / "check-clean", tmp_path / "clean"))


def _set_reviewed(project: Path, date: str) -> None:
    page = project / "docs/ru/guide.md"
    page.write_text(re.sub(r'^reviewed: ".*"$', f'reviewed: "{date}"', page.read_text(encoding="utf-8"), count=1, flags=re.M),
                    encoding="utf-8")


def test_a_stale_review_date_warns_and_fails_only_with_strict(clean_copy, capsys):
    _set_reviewed(clean_copy, "2025-11-22")
    args = ["--root", str(clean_copy), "--today", TODAY.isoformat()]
    assert check_command.main(args) == 0
    out = capsys.readouterr().out
    assert out.startswith("docs/ru/guide.md:8: warning: Must re-check this guide")
    assert check_command.main(args + ["--strict"]) == 1


def test_twelve_months_to_the_day_is_not_stale():
    assert review_dates.a_year_before(TODAY) == dt.date(2025, 11, 23)
    assert review_dates.a_year_before(dt.date(2028, 2, 29)) == dt.date(2027, 2, 28)


def test_paths_limit_the_run_to_those_files():
    project = Project(ROOTS / "check-broken")
    only = content_check.run(project, {(ROOTS / "check-broken/docs/ru/crlf.md").resolve(), (ROOTS / "check-broken/i18n").resolve()}, TODAY)
    assert {p.path for p in only} == {"docs/ru/crlf.md", "i18n/ky.yml", "i18n/de.yml", "i18n/uz.yml"}


def test_oversized_image(clean_copy):
    image = clean_copy / "docs/assets/photo.jpg"
    image.parent.mkdir(parents=True)
    image.write_bytes(b"\xff\xd8" + bytes(201 * 1024))
    found = [str(p) for p in content_check.run(Project(clean_copy), today=TODAY)]
    assert found == ["docs/assets/photo.jpg:1: Must be at most 200 KB (it is 201 KB): families pay for every megabyte. "
                     "Make it smaller: 1200 pixels wide at most, saved as JPEG (photos) or PNG (drawings)"]


def test_broken_yaml_in_strings_names_the_line(clean_copy):
    (clean_copy / "i18n/ky.yml").write_text("language: ky\nsite_name: a: b\n", encoding="utf-8")
    found = [str(p) for p in content_check.run(Project(clean_copy), today=TODAY)]
    assert len(found) == 1 and found[0].startswith("i18n/ky.yml:2: Must be valid YAML: mapping values are not allowed")


def test_broken_mkdocs_yml_names_the_line(clean_copy):
    config = clean_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("docs_dir: docs", "docs_dir: [docs"), encoding="utf-8")
    found = content_check.run(Project(clean_copy), today=TODAY)
    assert [(p.path, p.message[:20]) for p in found] == [("mkdocs.yml", "Must be valid YAML w")]
    assert found[0].line in (2, 3)


def test_fix_line_endings(clean_copy):
    page = clean_copy / "docs/ru/guide.md"
    page.write_bytes(b"\xef\xbb\xbf" + page.read_bytes().replace(b"\n", b"\r\n"))
    assert [p.line for p in content_check.run(Project(clean_copy), today=TODAY)] == [1, 1]
    check_command.main(["--fix-line-endings", str(page)])
    assert content_check.run(Project(clean_copy), today=TODAY) == []


def test_directory_problems_come_from_the_directory_module(clean_copy, monkeypatch):
    class Services:  # stands in for scripts/directory/services.py
        @staticmethod
        def problems(folder):
            yield folder / "legal-aid-1.yml", 3, "Must give the phone number in international form"

        @staticmethod
        def warnings(folder):
            yield folder / "legal-aid-2.yml", 9, "Must update the translations (ky)"

        @staticmethod
        def categories():
            return ["legal-aid"]
    monkeypatch.setattr(directory, "module", lambda: Services)
    found = [str(p) for p in content_check.run(Project(clean_copy), today=TODAY)]
    assert found == ["data/services/legal-aid-1.yml:3: Must give the phone number in international form",
                     "data/services/legal-aid-2.yml:9: warning: Must update the translations (ky)"]


def test_translation_states_per_language():
    project = Project(ROOTS / "check-broken")
    rows = {row.name: row.states for row in translation_table.table(project)}
    assert rows["guide.md"] == {"ky": "reviewed", "uz": "machine"}
    assert rows["index.md"]["ky"] == "outdated"
    assert rows["source.md"]["ky"] == "missing-record"
    assert rows["bad-date.md"] == {"ky": "missing", "uz": "missing"}
    summary = "\n".join(translation_table.summary(project))
    assert "ky: 1 OUTDATED (index)" in summary and "1 no record (source)" in summary


def test_status_report_in_markdown():
    text = translation_table.markdown(Project(ROOTS / "check-clean"))
    assert "| Page | source_revision | source_date | ky | uz |" in text
    revision = translations.fingerprint(ROOTS / "check-clean/docs/ru/guide.md")
    assert f"| guide (guide) | {revision} | 2026-11-01 | reviewed | machine |" in text
    assert re.search(r"\| index \(home\) \| [0-9a-f]{12} \| 2026-11-01 \| missing \| missing \|", text)


def test_the_real_repository_is_checked_without_crashing():
    problems = content_check.run(Project(ROOT))
    assert all(p.message.startswith("Must ") for p in problems), [str(p) for p in problems if not p.message.startswith("Must ")]


def _documented(contributing: Path) -> list[list[str]]:
    """Message patterns of the tables in CONTRIBUTING: 'Must write … as a date' -> ['Must write', 'as a date']."""
    patterns = []
    for line in contributing.read_text(encoding="utf-8").splitlines():
        if line.startswith("| Must") or line.startswith("| warning: Must"):
            cell = line.split(" | ")[0].lstrip("| ")
            for alternative in cell.split(" / "):
                fragments = [f.strip().strip("'`") for f in re.sub(r"\([^)]*\)", "…", alternative).split("…")]
                patterns.append([f for f in fragments if f])
    return patterns


@pytest.mark.parametrize("name", ["CONTRIBUTING.md", "CONTRIBUTING.ru.md"])
def test_contributing_explains_every_message(broken, name):
    patterns = _documented(ROOT / name)

    def explained(message: str) -> bool:
        for fragments in patterns:
            position = 0
            for fragment in fragments:
                position = message.find(fragment, position)
                if position < 0:
                    break
            else:
                return True
        return False
    missing = [str(p) for p in broken if not p.path.startswith("data/services/") and not explained(str(p).split(": ", 1)[1])]
    assert not missing, f"{name} does not explain:\n" + "\n".join(missing)


def test_a_translation_with_another_structure_is_reported_with_both_counts(clean_copy):
    page = clean_copy / "docs/ky/guide.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n## Кошумча\n\nТекст.\n", encoding="utf-8")
    found = [str(p) for p in content_check.run(Project(clean_copy), today=TODAY)]
    line = page.read_text(encoding="utf-8").split("\n").index("## Кошумча") + 1
    assert found == [f"docs/ky/guide.md:{line}: Must have as many headings and services markers as docs/ru/guide.md: "
                     "headings 3 vs 2, markers 0 vs 0"]


def test_a_translated_heading_of_another_level_is_reported_at_its_line(clean_copy):
    page = clean_copy / "docs/uz/guide.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("\n## ", "\n### ", 1), encoding="utf-8")
    found = [str(p) for p in content_check.run(Project(clean_copy), today=TODAY)]
    line = page.read_text(encoding="utf-8").split("\n").index(next(x for x in page.read_text(encoding="utf-8").split("\n") if x.startswith("### "))) + 1
    assert found == [f"docs/uz/guide.md:{line}: Must have the structure of docs/ru/guide.md: here a level-3 heading, "
                     f"there a level-2 heading (line {_heading_line(clean_copy / 'docs/ru/guide.md')}). "
                     "Translate heading for heading and keep every services marker as it is"]


def _heading_line(path: Path) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if line.startswith("## "))


def test_a_long_guide_is_reported_with_its_word_count(clean_copy):
    page = clean_copy / "docs/ru/guide.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n" + "слово " * 700 + "\n", encoding="utf-8")
    found = [p for p in content_check.run(Project(clean_copy), today=TODAY) if "Must stay under" in p.message]
    assert len(found) == 1 and found[0].path == "docs/ru/guide.md"
    assert re.search(r"this guide has 7\d\d vs 700", found[0].message), found[0].message
