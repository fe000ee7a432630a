"""Spelling, glossary, script and plain-language checks, on a fixture corpus with one example of
each problem per language (the sample project tests/roots/language/, listed in tests/roots/language.expected.txt).
"""
from __future__ import annotations

import re
import shutil

import pytest

from conftest import ROOTS
from scripts.editors import content_check, language_report, prose
from scripts.editors import spelling as speller_module
from scripts.editors.checks import spelling
from scripts.editors.checks.project import Project

FIXTURE = ROOTS / "language"
EXPECTED = [line.split(":", 2) for line in (ROOTS / "language.expected.txt").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
LANGUAGE_CHECKS = ("word '", "glossary", "Must keep a", "alphabet", "mix Latin", "Latin script", "U+02BB", "unconfirmed")


@pytest.fixture(scope="module", autouse=True)
def each_suggestion_asked_once():
    """Hunspell takes up to a tenth of a second to suggest a word, and this module runs the whole check
    on the same sample words five times: each dictionary is asked for a word once per test process.
    Its answer to the same question is the same, so every message is unchanged (the first run asks)."""
    asked = {}
    ask = speller_module.Speller.suggestion

    def suggestion(self, word: str):
        key = (self.dic, self.transliterate, word)
        if key not in asked:
            asked[key] = ask(self, word)
        return asked[key]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(speller_module.Speller, "suggestion", suggestion)
        yield


@pytest.fixture(scope="module")
def reported() -> list[str]:
    return [str(problem) for problem in content_check.run(Project(FIXTURE))]


@pytest.mark.parametrize("path, line, words", EXPECTED, ids=[f"{p}:{n}" for p, n, _ in EXPECTED])
def test_each_problem_is_reported_at_its_line(reported, path, line, words):
    assert any(problem.startswith(f"{path}:{line}:{words}") for problem in reported), \
        f"{path}:{line}:{words}\n not in:\n" + "\n".join(reported)


def test_nothing_else_is_reported_by_the_language_checks(reported):
    wanted = {f"{path}:{line}" for path, line, _ in EXPECTED}
    extra = [p for p in reported if any(k in p for k in LANGUAGE_CHECKS) and ":".join(p.split(":")[:2]) not in wanted]
    assert not extra, extra


def test_unconfirmed_words_pass_but_are_marked_for_review_and_counted():
    from scripts.editors import review_pages
    project = Project(FIXTURE)
    page = project.page("ky", "guide.md")
    found = {item.word: item for item in spelling.unknown_words(page, project)}
    assert found["сүйлөм"].unconfirmed and found["сүйлөм"].line == 29 and not found["ктааа"].unconfirmed
    review = review_pages.build(project, page)
    line = next(str(text) for _, cell in review.rows if cell for number, text in cell.lines if number == 29)
    assert '<mark class="review-unconfirmed"' in line and "сүйлөм</mark>" in line
    row = next(r for r in language_report.rows(project) if r.lang == "ky")
    assert row.unconfirmed >= 7 and row.unknown == 1  # ктааа, the one misspelling of the page


def test_a_listed_word_the_dictionary_knows_is_reported(tmp_path):
    project = shutil.copytree(FIXTURE, tmp_path / "project")
    listed = project / "data" / "spelling" / "unconfirmed" / "kk.txt"
    listed.write_text(listed.read_text(encoding="utf-8") + "қате\n", encoding="utf-8")  # known: it would only hide later mistakes
    line = listed.read_text(encoding="utf-8").count("\n")
    found = [str(p) for p in content_check.run(Project(project))]
    assert any(p.startswith(f"data/spelling/unconfirmed/kk.txt:{line}: warning: Must not list 'қате' as unconfirmed") for p in found)


def test_a_recorded_review_confirms_the_words_it_saw_marked(tmp_path):
    from scripts.editors.spelling import confirm
    project = shutil.copytree(FIXTURE, tmp_path / "project")
    moved = confirm(project, "ky", {"сүйлөм", "Сабын"}, "Confirmed by A. Reviewer on 2026-12-07 (review of docs/ky/guide.md)")
    assert sorted(moved) == ["сабын", "сүйлөм"]
    assert "сүйлөм" not in (project / "data/spelling/unconfirmed/ky.txt").read_text(encoding="utf-8").split("\n")
    assert (project / "data/spelling/ky.txt").read_text(encoding="utf-8").endswith(
        "# Confirmed by A. Reviewer on 2026-12-07 (review of docs/ky/guide.md)\nсабын\nсүйлөм\n")
    found = {item.word: item for item in spelling.unknown_words(Project(project).page("ky", "guide.md"), Project(project))}
    assert "сүйлөм" not in found and found["сабы"].unconfirmed


def test_entry_review_page_marks_the_problems_of_its_language():
    from scripts.editors import review_pages
    project = Project(FIXTURE)
    review = review_pages.build_entry(project, FIXTURE / "data/services/legal-aid.yml", "ky")
    cells = {number: str(text) for _, cell in review.rows if cell for number, text in cell.lines}
    assert '<mark class="review-spelling"' in cells[12] and "ктааа</mark>" in cells[12]
    assert '<mark class="review-unconfirmed"' in cells[12] and "Юристтер</mark>" in cells[12]
    assert '<mark class="review-glossary"' in cells[17]
    assert [left.lines[0][0] for left, _ in review.rows] == [3, 8, 16]  # the Russian text of each field, by its line


def test_words_of_the_word_list_and_russian_names_in_brackets_are_known():
    project = Project(FIXTURE)
    found = {item.word for page in project.pages for item in spelling.unknown_words(page, project)}
    assert "Алматы" not in found and "Almaty" not in found and "РВП" not in found and "RVP" not in found


def test_warnings_fail_only_with_strict(capsys):
    from scripts import check
    ru = str(FIXTURE / "docs" / "ru" / "guide.md")
    assert check.main(["--root", str(FIXTURE), "--quiet", ru]) == 0
    assert check.main(["--root", str(FIXTURE), "--quiet", "--strict", ru]) == 1
    assert "docs/ru/guide.md:29: warning: word 'ошыбкой'" in capsys.readouterr().out


def test_a_broken_glossary_is_reported_with_its_line(tmp_path):
    project = shutil.copytree(FIXTURE, tmp_path / "project")
    glossary = project / "data" / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("  - ru: [трудов договор]\n", "  - rus: [трудов договор]\n"),
                        encoding="utf-8")
    found = [str(p) for p in content_check.run(Project(project))]
    assert "data/glossary.yml:2: Must give each term its forms in the default language as a list: 'ru: [..]'" in found


def test_sentences_split_at_full_stops_not_at_abbreviations():
    block = prose.Block("paragraph", [(1, "Приходите в ЦОН г. Алматы, т. е. на ул. Абая. Возьмите паспорт! Всё.")])
    assert [text for _, text in prose.sentences(block)] == [
        "Приходите в ЦОН г. Алматы, т. е. на ул. Абая.", "Возьмите паспорт!", "Всё."]


def test_blocks_align_by_headings_and_items():
    ru = prose.blocks("## А\n\nраз\n\n- два\n- три\n\n## Б\n\nчетыре\n", 1)
    ky = prose.blocks("## A\n\nбир\n\n- эки\n\n## Б\n\nтөрт\n", 1)
    pairs = [(left and left.text, right and right.text) for left, right in prose.align(ru, ky)]
    assert pairs == [("А", "A"), ("раз", "бир"), ("два", "эки"), ("три", None), ("Б", "Б"), ("четыре", "төрт")]


def test_status_reports_each_language():
    text = language_report.markdown(Project(FIXTURE))
    assert "| tg | " in text and "| ky | " in text
    row = next(line for line in text.splitlines() if line.startswith("| en | "))
    assert row.split(" | ")[5] == "2" and "en_GB" in row  # a dropped term and a forbidden rendering


@pytest.mark.parametrize("lang", ["ky", "tg", "uz", "kk", "en"])
def test_review_page_marks_each_problem_where_it_is(lang):
    from scripts.editors import review_pages
    project = Project(FIXTURE)
    review = review_pages.build(project, project.page(lang, "guide.md"))
    lines = {number: str(text) for _, cell in review.rows if cell for number, text in cell.lines}
    notes = {note for _, cell in review.rows if cell for note in cell.notes}
    assert '<mark class="review-glossary"' in lines[23], "the forbidden rendering, boxed"
    assert any("Must render the glossary term" in note for note in notes), "the dropped term, as a note in its cell"
    assert '<mark class="review-script"' in lines[27] or lang == "uz" and "паспорт</mark>" in lines[27]
    assert '<mark class="review-spelling"' in lines[33], "the misspelt word, underlined"
    assert any("Must keep a sentence" in note for cell, _ in review.rows if cell for note in cell.notes)


def test_an_entry_fingerprint_of_digits_only_is_read_as_text(tmp_path, monkeypatch):
    """`translated_from: 735112074000` is YAML's number 735112074000; the directory reads it as the
    text it is, and the review pages and the translations table must too (they said OUTDATED)."""
    from scripts.directory import services
    from scripts.editors import review_pages
    project = shutil.copytree(FIXTURE, tmp_path / "project")
    entry = project / "data/services/legal-aid.yml"
    text = entry.read_text(encoding="utf-8")
    entry.write_text(re.sub(r"(?m)^translated_from:.*$", "translated_from: 735112074000", text) if "translated_from:" in text
                     else text + "translated_from: 735112074000\n", encoding="utf-8")
    monkeypatch.setattr(services, "source_fingerprint", lambda data: "735112074000")
    data = review_pages.entry_data(Project(project), entry)
    assert data["translated_from"] == "735112074000"
    assert review_pages.entry_state(Project(project), entry, "ky") != "outdated"
