"""Guards for an engine or theme upgrade: what must hold in every build, whatever builds it.

Zensical 0.0.73 built a two-language copy of this site, said "No issues found", and had ignored
the i18n plugin and the hooks: every page `lang="en"`, no root page, no fallback pages
(MAINTAINING.md). Each test here fails loudly on one of those silent changes. They run on the
session's build; `make test ENGINE=properdocs` runs them (and every other test) on ProperDocs.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

from conftest import copy_project, languages
from scripts.core import interface_strings, site_config
from scripts.site import admin_page, hook_marks

HTML_LANG = re.compile(r'<html[^>]*\slang="([^"]+)"')
# Editors' pages whose frame is English on purpose (the texts on them carry their own lang); any
# other page is in the language of its nearest language folder, else the default language.
OWN_LANGUAGE = {"editors/translations.html": "en", "editors/review/": "en"}
FALLBACK_NOTICE = 'class="site-notice site-notice--fallback"'


def _expected_language(path: str) -> str:
    for folder, lang in OWN_LANGUAGE.items():
        if path.startswith(folder):
            return lang
    folders = path.split("/")[:-1]
    if folders[:1] == ["s"]:  # short links: s/<lang><code>/
        return folders[1][:2]
    return next((folder for folder in folders if folder in languages()), site_config.default_language())


def test_every_page_says_the_language_of_its_folder(built_site):
    wrong = []
    for page in sorted(built_site.rglob("*.html")):
        path = page.relative_to(built_site).as_posix()
        found = HTML_LANG.search(page.read_text(encoding="utf-8"))
        if not found or found.group(1) != _expected_language(path):
            wrong.append(f"{path}: lang={found.group(1) if found else None}, expected {_expected_language(path)}")
    assert not wrong, f"{len(wrong)} pages: {wrong[:10]}"


def test_the_root_page_and_every_languages_home_and_404_exist(built_site):
    root = (built_site / "index.html").read_text(encoding="utf-8")
    assert HTML_LANG.search(root).group(1) == site_config.default_language()
    bar = root.split('class="site-languages"', 1)[1].split("</nav>", 1)[0]
    assert sorted(re.findall(r'hreflang="([a-z]{2})"', bar)) == sorted(languages()), "the home page's language bar"
    for lang in languages():
        for slug in ("index", "404"):
            page = built_site / site_config.page_url(lang, slug)
            assert page.is_file(), f"{page.relative_to(built_site)} is missing"
            assert HTML_LANG.search(page.read_text(encoding="utf-8")).group(1) == lang


def test_each_language_has_its_own_search_index(built_site):
    indexes = {}
    for lang in languages():
        index = built_site / "assets/search" / f"{lang}.js"
        entries = json.loads(index.read_text(encoding="utf-8").split("=", 1)[1].rstrip(";\n"))
        others = [lang_ for lang_ in languages() if lang_ != lang]
        strays = [entry["u"] for entry in entries if entry["u"].split("/", 1)[0] in others]
        assert entries and not strays, f"{lang}.js: {len(entries)} entries, other languages' pages {strays[:5]}"
        search_page = (built_site / site_config.page_url(lang, "search")).read_text(encoding="utf-8")
        assert re.search(rf'data-index="(\.\./)?assets/search/{lang}\.js"', search_page), f"{lang}: search page"
        indexes[lang] = index.read_bytes()
    assert len(set(indexes.values())) == len(indexes)


def test_every_hook_left_its_mark_in_every_language(built_site):
    hooks = {Path(hook).stem for hook in site_config.load()["hooks"]}
    marks = hook_marks.read(built_site.parent / "hook-marks.txt")
    missing = sorted({(hook, lang) for hook in hooks for lang in languages()} - marks)
    assert not missing, (f"hooks that did not run, or leave no mark (a new hook calls hook_marks.leave(__file__, "
                         f"config) in its main event): {missing[:12]}")


def _build_without_leaflets(project: Path, marks: Path) -> subprocess.CompletedProcess:
    args = [sys.executable, "-m", "scripts.build_site", "--no-leaflets", "--site-dir", str(project / "site")]
    env = dict(os.environ, PYTHONPATH=str(project), **{hook_marks.SETTING: str(marks)})
    return subprocess.run(args, cwd=project, env=env, capture_output=True, text=True, timeout=600)


def test_a_missing_translation_is_a_fallback_page_and_a_misplaced_one_stops_the_build(tmp_path):
    """One copy, two builds: build_guards stops the first; in the second, Kyrgyz falls back to Russian."""
    project = copy_project(tmp_path / "project")
    (project / "docs/ky/work.md").rename(project / "docs/ky/no-such-page.md")
    stopped = _build_without_leaflets(project, tmp_path / "marks-1.txt")
    assert stopped.returncode == 1 and not (project / "site").exists()
    assert "docs/ky/no-such-page.md:1: Must translate an existing Russian page" in stopped.stderr, stopped.stderr[-800:]
    (project / "docs/ky/no-such-page.md").unlink()
    built = _build_without_leaflets(project, tmp_path / "marks-2.txt")
    assert built.returncode == 0, built.stderr[-2000:]
    page = (project / "site" / site_config.page_url("ky", "work")).read_text(encoding="utf-8")
    assert HTML_LANG.search(page).group(1) == "ky"
    assert FALLBACK_NOTICE in page and '<div lang="ru">' in page
    assert interface_strings.load("ky")["notice.untranslated"] in page  # in the page's language
    translated = (project / "site" / site_config.page_url("ky", "arrival")).read_text(encoding="utf-8")
    assert FALLBACK_NOTICE not in translated
    hooks = {Path(hook).stem for hook in site_config.load()["hooks"]}
    expected = {(hook, lang) for hook in hooks for lang in languages()}
    assert hook_marks.read(tmp_path / "marks-2.txt") >= expected


def test_no_public_page_asks_anything_of_another_site(built_site, site_url, phone):
    host = urlparse(site_url).netloc
    pages = [site_config.page_url(lang, slug) for lang in languages() for slug in ("index", "404")]
    prefix = site_config.page_url("ky", "index").removesuffix("index.html")
    pages += [f"{prefix}directory/index.html", "directory/children-line-150.html"]
    page = phone.new_page()  # one tab for every page (a new tab per page costs three times the CPU)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    for path in pages:
        requests.clear()
        page.goto(site_url + path, wait_until="load")
        foreign = [url for url in requests if urlparse(url).scheme in ("http", "https") and urlparse(url).netloc != host]
        assert not foreign, f"{path}: {foreign}"
    page.close()
    assert not any(path.startswith(admin_page.FOLDER) for path in pages)
