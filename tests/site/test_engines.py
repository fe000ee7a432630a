"""MkDocs and ProperDocs build the same site, file by file, but for the differences listed here.

The MkDocs side is the session's build; ProperDocs builds the same sources once more, without the
leaflet step (it runs after the engine, from files compared here). MAINTAINING.md: why both.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from scripts.core import site_config, situations
from scripts.leaflets import shortlinks, sitemap
from scripts.site import admin_page, engine, hook_marks

# The documented differences: (what, why). Anything else that differs fails the comparison.
GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')
DIFFERENCES = {
    "generator": "Material's <meta name=\"generator\"> names the engine (mkdocs-1.6.1 / mkdocs-ProperDocs 1.6.7)",
    "leaflets": "short links (s/), wallet cards (cards/), leaflets/*.pdf and leaflets/shortlinks.json come after "
                "the engine, from leaflets/pages-<lang>.json, which is compared; so do sitemap.xml and robots.txt, "
                "which replace the theme's sitemap under the site's address",
}


@pytest.fixture(scope="module")
def properdocs_site(built_site, tmp_path_factory) -> tuple[Path, Path]:
    """(ProperDocs' build of the repository, its hook marks), same build time and repository as the session's."""
    created = json.loads((built_site / "data/datapackage.json").read_text(encoding="utf-8"))["created"]
    config = yaml.safe_load((built_site / admin_page.FOLDER / "config.yml").read_text(encoding="utf-8"))
    target = tmp_path_factory.mktemp("properdocs") / "site"
    marks = target.parent / "hook-marks.txt"
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(int(dt.datetime.fromisoformat(created).timestamp())),
               CMS_REPO=config["backend"]["repo"], **{hook_marks.SETTING: str(marks)})
    args = [sys.executable, "-m", "scripts.build_site", "--engine", "properdocs", "--no-leaflets",
            "--site-dir", str(target)]
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "with properdocs" in done.stdout
    return target, marks


def _files(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


CARDS = Path(situations.card_path("x")).parent.as_posix() + "/"  # the situations' wallet cards
# The theme's sitemap, which the leaflet step replaces under the site's address (or removes without one).
SITEMAP_FILES = {sitemap.SITEMAP, sitemap.SITEMAP + ".gz", sitemap.ROBOTS}


def _after_the_engine(path: str) -> bool:
    first, _, rest = path.partition("/")
    in_language = rest if first in site_config.language_codes() else path  # ky/cards/x.html: a Kyrgyz card
    leaflet_step = path.startswith("leaflets/") and not re.fullmatch(shortlinks.MANIFEST.format(lang="[a-z]{2}"), path)
    return path.startswith("s/") or in_language.startswith(CARDS) or leaflet_step or path in SITEMAP_FILES


def test_both_engines_write_the_same_files(built_site, properdocs_site):
    ours, theirs = _files(built_site), _files(properdocs_site[0])
    assert not theirs - ours - SITEMAP_FILES, f"only ProperDocs wrote {sorted(theirs - ours)[:10]}"
    missing = sorted(path for path in ours - theirs if not _after_the_engine(path))
    assert not missing, f"ProperDocs did not write {missing[:10]}"
    assert any(_after_the_engine(path) for path in ours), "the session build has its leaflets"


def test_both_engines_write_the_same_bytes_but_the_generator_tag(built_site, properdocs_site):
    site = properdocs_site[0]
    different, generators = [], set()
    for path in sorted(_files(built_site) & _files(site) - SITEMAP_FILES):
        mine, theirs = (built_site / path).read_bytes(), (site / path).read_bytes()
        if mine == theirs:
            continue
        if path.endswith(".html"):
            generators |= set(GENERATOR.findall(mine)) | set(GENERATOR.findall(theirs))
            if GENERATOR.sub(b"", mine) == GENERATOR.sub(b"", theirs):
                continue
        different.append(path)
    assert not different, f"{len(different)} files differ beyond {list(DIFFERENCES)}: {different[:10]}"
    assert {name.decode() for name in generators} <= {"mkdocs-1.6.1, mkdocs-material-9.8.1",
                                                       "mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1"}


def test_properdocs_runs_every_hook_in_every_language(properdocs_site):
    hooks = {Path(hook).stem for hook in site_config.load()["hooks"]}
    expected = {(hook, lang) for hook in hooks for lang in site_config.language_codes()}
    assert hook_marks.read(properdocs_site[1]) >= expected


def test_an_unknown_engine_stops_before_building(tmp_path):
    args = [sys.executable, "-m", "scripts.build_site", "--site-dir", str(tmp_path / "site")]
    done = subprocess.run(args, cwd=ROOT, env=dict(os.environ, SITE_ENGINE="zensical"), capture_output=True,
                          text=True, timeout=120)
    assert done.returncode != 0 and not (tmp_path / "site").exists()
    assert "Must set ENGINE to one of mkdocs, properdocs" in done.stderr, done.stderr[-500:]


def test_properdocs_cannot_be_chosen_once_mkdocs_is_loaded():
    if engine.current() == "properdocs":
        pytest.skip("this session runs on ProperDocs")
    with pytest.raises(engine.EngineError, match="before anything imports mkdocs"):
        engine.select("properdocs")
