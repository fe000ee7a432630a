"""Spelling, glossary, script and plain-language checks, on a fixture corpus with one example of
each problem per language (the sample project tests/roots/language/, listed in tests/roots/language.expected.txt).
"""
from __future__ import annotations

import shutil

import pytest

from conftest import ROOTS
from scripts.editors import content_check, language_report, prose
from scripts.editors.checks import spelling
from scripts.editors.checks.project import Project

FIXTURE = ROOTS / "language"
EXPECTED = [line.split(":", 2) for line in (ROOTS / "language.expected.txt").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
LANGUAGE_CHECKS = ("word '", "glossary", "Must keep a", "alphabet", "mix Latin", "Latin script", "U+02BB")


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


@pytest.mark.parametrize("lang, word", [("ky", "ктааа"), ("kk", "қатееее"), ("uz", "xatttto")])
def test_languages_with_a_small_dictionary_mark_the_word_for_review_only(reported, lang, word):
    project = Project(FIXTURE)
    page = project.page(lang, "guide.md")
    assert (33, word) in [(item.line, item.word) for item in spelling.unknown_words(page, project)]
    assert not [p for p in reported if p.startswith(f"docs/{lang}/") and "word '" in p]


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
    assert row.split(" | ")[4] == "2" and "en_GB (warn)" in row  # a dropped term and a forbidden rendering


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
    assert '<mark class="review-spelling"' in lines[33], "the misspelt word, underlined (also where make check trusts no dictionary)"
    assert any("Must keep a sentence" in note for cell, _ in review.rows if cell for note in cell.notes)
