"""Bad input stops the build with a message naming the file, and never half-writes site/."""
from __future__ import annotations

import pytest

from conftest import copy_project, run_build


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def _fails_naming(result, *needles):
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-2000:]
    for needle in needles:
        assert needle in output, f"{needle!r} not in:\n{output[-3000:]}"
    return output


def test_broken_internal_link_names_the_page(project):
    page = project / "docs/ru/index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[nowhere](no-such-page.md)\n", encoding="utf-8")
    # The page's own language only: strict mkdocs stops after building every language, so the whole
    # build cost 8.3 CPU-s for the same message (3.8 CPU-s this way, 2026-12-07).
    _fails_naming(run_build(project, None, "--lang", "ru"), "ru/index.md", "no-such-page.md", "Build stopped, site/ left unchanged")


def test_two_letter_folder_that_is_not_a_language(project):
    (project / "docs/js").mkdir()
    (project / "docs/js/app.md").write_text("# x\n", encoding="utf-8")
    _fails_naming(run_build(project), "docs/js", "not a language of mkdocs.yml")


def test_page_in_a_language_folder_mkdocs_yml_does_not_list(project):
    (project / "docs/de").mkdir()
    (project / "docs/de/arrival.md").write_text("# Ankunft\n", encoding="utf-8")
    _fails_naming(run_build(project), "docs/de", "make add-language")


def test_translation_without_a_russian_page(project):
    (project / "docs/ky/no-such-guide.md").write_text("---\nid: x\n---\n", encoding="utf-8")
    _fails_naming(run_build(project), "docs/ky/no-such-guide.md", "Must translate an existing Russian page")


def test_markdown_that_is_not_utf8(project):
    page = project / "docs/ru/arrival.md"
    page.write_bytes(page.read_bytes() + "\nПривет\n".encode("cp1251"))
    _fails_naming(run_build(project), "docs/ru/arrival.md", "UTF-8")


def test_front_matter_error_names_file_and_line(project):
    page = project / "docs/ru/work.md"
    text = page.read_text(encoding="utf-8").replace("reviewed:", "reviewd:", 1)
    page.write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.split("\n"), 1) if row.startswith("reviewd:"))
    _fails_naming(run_build(project), f"docs/ru/work.md:{line}:", "reviewd")


def test_failed_build_leaves_the_previous_site_untouched(project):
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site", encoding="utf-8")
    (project / "docs/js").mkdir()
    (project / "docs/js/x.md").write_text("# x\n", encoding="utf-8")
    _fails_naming(run_build(project, site), "site/ left unchanged")
    assert (site / "index.html").read_text(encoding="utf-8") == "previous site"
    assert not list(project.glob(".site-build-*")), "temporary build folder left behind"
