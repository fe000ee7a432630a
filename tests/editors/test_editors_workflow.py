"""Editors' workflow, built for real on a copy of the project: a new language and a new guide
with no change to code, the notice on a translation whose Russian page changed, the "last
checked" line, and the editors' translation status page.

One build of a copy cut down to Russian and English (plus the added language) keeps it fast.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import copy_project


def _run(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(project), PYTHONDONTWRITEBYTECODE="1")
    result = subprocess.run([sys.executable, *args], cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


def _code_digest(project: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted([*project.joinpath("scripts").rglob("*.py"), *project.joinpath("overrides").rglob("*")]):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def _keep_languages(project: Path, keep: set[str]) -> None:
    """Cut mkdocs.yml's language list (and docs/) down to `keep`, editing the text as an editor would."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for code in [c["locale"] for c in _languages(project) if c["locale"] not in keep]:
        text = re.sub(rf"\n(\s*)- locale: {code}\n(?:\1  .*\n)*", "\n", text)
        shutil.rmtree(project / "docs" / code, ignore_errors=True)
        for entry in (project / "data" / "services").glob("*.yml"):  # and the directory's texts in it
            content = re.sub(rf"(?m)^\s+{code}: .*\n", "", entry.read_text(encoding="utf-8"))
            entry.write_text(re.sub(rf"(?m)^(machine_translated: \[.*?), {code}\b", r"\1", content), encoding="utf-8")
    config.write_text(text, encoding="utf-8")


def _languages(project: Path) -> list[dict]:
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)["languages"]


def _strings(project: Path, lang: str) -> dict:
    return yaml.safe_load((project / f"i18n/{lang}.yml").read_text(encoding="utf-8"))


def _dmy(iso: str) -> str:
    year, month, day = str(iso).split("-")
    return f"{day}.{month}.{year}"


@pytest.fixture(scope="module")
def workflow(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("workflow") / "project")
    _keep_languages(project, {"ru", "en"})
    registry = project / "data/shortlinks.yml"
    if not registry.exists():  # as the build leaves it once it has issued the first links
        registry.write_text("- {id: home, code: '2', languages: [ru, en]}\n", encoding="utf-8")
    code_before = _code_digest(project)
    _run(project, "-m", "scripts.add_language", "tk", "Türkmençe")
    _run(project, "-m", "scripts.new_guide", "school-meals", "Питание в школе")
    assert _code_digest(project) == code_before, "adding a language or a guide must not change code"
    # A native speaker reviews two English pages; then the Russian arrival page changes.
    health = project / "docs/en/health.md"  # a title with markup, as a hostile pull request might write it
    health.write_text(re.sub(r"(?m)^title: .*$", "title: 'Health <b>hostile</b>'", health.read_text(encoding="utf-8"), count=1),
                      encoding="utf-8")
    _run(project, "-m", "scripts.stamp", "docs/en/arrival.md", "docs/en/health.md", "--reviewed-by", "Test Reviewer, Rodnik",
         "--date", "2026-12-01")
    arrival = project / "docs/ru/arrival.md"
    arrival.write_text(arrival.read_text(encoding="utf-8") + "\nНовый абзац: правила изменились.\n", encoding="utf-8")
    _run(project, "-m", "mkdocs", "build", "--site-dir", str(project / "site"))
    return project, project / "site"


def test_added_language_is_built_with_fallback_pages(workflow):
    project, site = workflow
    assert [language["locale"] for language in _languages(project)][-1] == "tk"
    assert (project / "docs/tk").is_dir() and (project / "i18n/tk.yml").is_file()
    home = (site / "tk/index.html").read_text(encoding="utf-8")
    assert '<html lang="tk"' in home
    arrival = (site / "tk/arrival.html").read_text(encoding="utf-8")
    assert "site-notice--fallback" in arrival and '<div lang="ru">' in arrival
    assert 'hreflang="tk"' in (site / "arrival.html").read_text(encoding="utf-8"), "the language switcher lists tk"


def test_new_guide_is_in_the_nav_in_every_language(workflow):
    project, site = workflow
    assert "  - school-meals.md\n  - search.md" in (project / "mkdocs.yml").read_text(encoding="utf-8")
    for page in ("school-meals.html", "en/school-meals.html", "tk/school-meals.html"):
        assert (site / page).is_file(), page
    assert "school-meals.html" in (site / "en/arrival.html").read_text(encoding="utf-8")


def test_new_guide_gets_its_short_link_recorded_with_it(workflow):
    project, _ = workflow
    entries = yaml.safe_load((project / "data/shortlinks.yml").read_text(encoding="utf-8"))
    from scripts.leaflets.shortlinks import code_for
    assert entries[-1] == {"id": "school-meals", "code": code_for(len(entries) - 1), "languages": ["ru"]}


def test_a_translation_whose_russian_page_changed_says_so_and_links_to_it(workflow):
    from scripts.core import frontmatter
    project, site = workflow
    outdated = (site / "en/arrival.html").read_text(encoding="utf-8")
    notice = re.search(r'<p class="site-notice site-notice--outdated" role="note">(.*?)</p>', outdated, re.S)
    assert notice, "en/arrival.html: no outdated notice"
    assert _strings(project, "en")["notice.outdated"] in notice.group(1)
    assert re.search(r'<a href="\.\./arrival\.html" hreflang="ru" lang="ru">', notice.group(1))
    for page in sorted((project / "docs/en").glob("*.md")):
        record = frontmatter.parse_file(page).data.get("translation") or {}
        from scripts.core import translations
        stale = record.get("source_revision") != translations.fingerprint(project / "docs/ru" / page.name)
        html = (site / "en" / f"{page.stem}.html").read_text(encoding="utf-8")
        assert ("site-notice--outdated" in html) == stale, page.name


def test_every_guide_shows_when_it_was_last_checked(workflow):
    from scripts.core import frontmatter
    project, site = workflow
    for lang, prefix in (("ru", ""), ("en", "en/")):
        sentence = _strings(project, lang)["page.reviewed"]
        for page in sorted((project / f"docs/{lang}").glob("*.md")):
            meta = frontmatter.parse_file(page).data
            if meta.get("type") != "guide":
                continue
            html = (site / f"{prefix}{page.stem}.html").read_text(encoding="utf-8")
            assert sentence.replace("{date}", _dmy(meta["reviewed"])) in html, f"{lang}/{page.stem}"


def test_editors_translation_page(workflow):
    project, site = workflow
    page = site / "editors/translations.html"
    html = page.read_text(encoding="utf-8")
    assert re.search(r"<tr><th scope=\"row\"><a href=\"\.\./arrival\.html\" lang=\"ru\">.*?</th>"
                     r"<td class=\"state-outdated\"><a href=\"\.\./en/arrival\.html\"", html)
    assert '<code>tk</code>' in html and 'href="../tk/arrival.html"' in html
    from scripts.core import translations
    assert f"source_revision: <code>{translations.fingerprint(project / 'docs/ru/arrival.md')}</code>" in html
    for target in re.findall(r'(?:href|src)="([^"#]+)"', html):
        assert not re.match(r"^(https?:)?//|^/", target), target
        assert (page.parent / target).resolve().is_file(), f"editors/translations.html links to missing {target}"
    assert re.search(r'rel="stylesheet" href="\.\./assets/stylesheets/site\.[0-9a-f]{8}\.min\.css"', html)
    assert "<style" not in html and " style=" not in html, "the servers' Content-Security-Policy refuses inline styles"
    linking = [p for p in site.rglob("*.html") if p != page and "editors/" in p.read_text(encoding="utf-8")]
    assert not linking, f"the families' pages must not link to the editors' page: {linking[:3]}"


def test_check_on_the_copy_names_the_new_guides_placeholders(workflow):
    project, _ = workflow
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(project))
    result = subprocess.run([sys.executable, "-m", "scripts.check", "docs/ru/school-meals.md"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=60)
    lines = result.stdout.splitlines()
    assert result.returncode == 1 and lines
    assert all(re.match(r"^docs/ru/school-meals\.md:\d+: Must ", line) for line in lines), lines
    assert sum("Must replace the placeholder" in line for line in lines) == 7


def test_a_recorded_review_changes_the_notice_until_the_russian_page_changes(workflow):
    from scripts.core import frontmatter
    project, site = workflow
    record = frontmatter.parse_file(project / "docs/en/health.md").data["translation"]
    assert (record["method"], record["reviewer"], record["reviewed_on"]) == ("reviewed", "Test Reviewer, Rodnik", "2026-12-01")
    reviewed = (site / "en/health.html").read_text(encoding="utf-8")
    sentence = _strings(project, "en")["notice.reviewed"].replace("{date}", "01.12.2026")
    assert f'<p class="site-notice site-notice--reviewed" role="note">{sentence}</p>' in reviewed
    assert "site-notice--machine" not in reviewed and "site-notice--outdated" not in reviewed
    changed = (site / "en/arrival.html").read_text(encoding="utf-8")  # reviewed, then the Russian page changed
    assert "site-notice--outdated" in changed and "site-notice--reviewed" not in changed
    machine = (site / "en/school.html").read_text(encoding="utf-8")
    assert "site-notice--machine" in machine and "site-notice--reviewed" not in machine


def _review_page(page: Path) -> tuple[str, list[tuple[str, str]]]:
    """A review page's HTML and its rows (Russian cell, English cell), once its links are checked."""
    html = page.read_text(encoding="utf-8")
    assert '<th scope="col" lang="ru">Русский</th><th scope="col" lang="en">English</th>' in html
    for target in re.findall(r'(?:href|src)="([^"#]+)"', html):
        assert (page.parent / target).resolve().is_file(), f"{page} links to missing {target}"
    return html, re.findall(r'<tr><td lang="ru"[^>]*>(.*?)</td><td lang="en"[^>]*>(.*?)</td></tr>', html, re.S)


def test_review_pages_put_the_russian_text_beside_the_translation(workflow):
    project, site = workflow
    html, rows = _review_page(site / "editors/review/en/health.html")
    assert "python -m scripts.stamp docs/en/health.md --reviewed-by" in html
    assert "last review: Test Reviewer, Rodnik, 2026-12-01" in html
    assert "OUTDATED" in (site / "editors/review/en/arrival.html").read_text(encoding="utf-8")
    headings = [(left, right) for left, right in rows if "review-ln" in left and left.count("review-line") == 1]
    assert len(rows) > 10 and headings
    assert "<style" not in html and " style=" not in html
    assert "&lt;b&gt;hostile&lt;/b&gt;" in html and "<b>hostile</b>" not in html, "values from pull requests are escaped"
    assert 'href="review/en/health.html"' in (site / "editors/translations.html").read_text(encoding="utf-8")


def test_directory_entries_have_review_pages_too(workflow):
    project, site = workflow
    html, rows = _review_page(site / "editors/review/en/directory/school-enrolment.html")
    assert "machine translation, not yet reviewed (listed in machine_translated)" in html
    assert "delete &#39;en&#39; from machine_translated: in data/services/school-enrolment.yml" in html
    assert "<code>python -m scripts.stamp data/services/school-enrolment.yml</code>" in html
    assert any("Enrolling a child in school" in right and "Запись ребёнка в школу" in left for left, right in rows)
    table = (site / "editors/translations.html").read_text(encoding="utf-8")
    assert 'href="review/en/directory/school-enrolment.html"' in table
