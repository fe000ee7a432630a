"""Shared fixtures: one real build of the whole site per test session, a gzip server, Chromium."""
from __future__ import annotations

import fcntl
import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ROOTS = ROOT / "tests" / "roots"  # small named sample projects (tests/roots/README.md)
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# Where the session's build sends "Report a mistake" (mkdocs.yml has none by default: no link then).
os.environ.setdefault("REPORT_MISTAKE_TO", "mailto:report@example.org")

from scripts.site import engine  # noqa: E402

engine.select()  # `make test ENGINE=properdocs` runs every test on ProperDocs; before mkdocs is imported

from scripts.bench.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from scripts.bench.static_server import Server  # noqa: E402
from scripts.core import site_config  # noqa: E402

# Markers follow from what a test uses (pyproject.toml lists them; `make test-quick` leaves these out).
MARKED_FIXTURES = {"build": {"built_site", "site", "site_url", "mirror_dist", "mirror_folder", "built", "project_site",
                             "build", "default_build", "mirror_build"},
                   "browser": {"browser", "phone"}}
BUILDING_CALLS = ("run_build(", "build_into(", "scripts.build_site", "make_mirror(", "nginx", "subprocess", "copy_project(",
                  "without_short_links(", "\"build\"")
PROJECT_PARTS = ["mkdocs.yml", "overrides", "scripts", "schemas", "i18n", "data", "docs"]


def made_once(tmp_path_factory, name: str, make) -> Path:
    """A folder `make(folder)` fills once per test run. Under pytest-xdist (`make test` runs a
    process per core) the processes share it: the first makes it, the others wait for it."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    folder = tmp_path_factory.getbasetemp().parent / name  # the run's folder, above each process's own
    with open(folder.with_name(f"{name}.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / ".made").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            (folder / ".made").touch()
    return folder


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The whole site (leaflets included) built from the repository, as `make site` does."""
    return made_once(tmp_path_factory, "site", _build_site) / "site"


def _build_site(folder: Path) -> None:
    from scripts.site import admin_page, hook_marks
    from scripts.site.build import build_into
    target = folder / "site"
    settings = {hook_marks.SETTING: str(target.parent / "hook-marks.txt")}  # read by tests/site/test_engine_guards.py
    if not admin_page.repository():  # the editor is built for a repository; GitHub Actions names the real one
        settings["CMS_REPO"] = "test-owner/test-repository"
    previous = {name: os.environ.get(name) for name in settings}
    os.environ.update(settings)
    try:
        build_into(target)
    finally:
        for name, value in previous.items():
            os.environ.pop(name) if value is None else os.environ.update({name: value})


@pytest.fixture(scope="session")
def site_url(built_site):
    with Server(built_site) as url:
        yield url


def copy_project(destination: Path) -> Path:
    """A private copy of the project's sources, to break on purpose."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, destination / part)
    return destination


def run_build(project: Path, site_dir: Path | None = None, *options: str) -> subprocess.CompletedProcess:
    """Run the real build command on a project copy (`options`: e.g. "--lang", "ru"); returns the finished process."""
    args = [sys.executable, "-m", "scripts.build_site", "--site-dir", str(site_dir or project / "site"), *options]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(project))
    return subprocess.run(args, cwd=project, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium-headless-shell is missing: run `make test` (it installs it), never a downloaded browser")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def _phone_context(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2)
    yield context
    context.close()


@pytest.fixture
def phone(_phone_context):
    """A browser context the size of a cheap Android phone, shared by a module's tests: a context
    per test cost its creation each time (about 0.3 CPU-s, Chromium's side). Each test opens its own
    tabs; after it they are closed and the cookies cleared, so no test sees another's tabs or cookies.
    The HTTP cache stays: a page's requests are still seen when served from it (Chromium reports
    them; tried), and a third-party request never succeeds here, so it is never cached. No test here
    changes a setting the theme keeps in localStorage."""
    yield _phone_context
    for page in _phone_context.pages:
        page.close()
    _phone_context.clear_cookies()


def languages():
    return site_config.language_codes()


def page_file(site: Path, lang: str, slug: str) -> Path:
    return site / site_config.page_url(lang, slug)


# The mirror kit (issue 7): made once per session from the session's build.

@pytest.fixture(scope="session")
def mirror_dist(built_site, tmp_path_factory):
    """`make mirror` from the session's build: (dist folder, manifest); archives, ZIM files, SHA256SUMS.
    Made once per run (made_once); the manifest is the one make_mirror returned, kept beside dist/."""
    import json

    def make(folder: Path) -> None:
        from scripts.partners import bundle
        manifest = bundle.make_mirror(folder / "dist", site=built_site, version="test", log=lambda *args: None)
        (folder / "returned-manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    folder = made_once(tmp_path_factory, "mirror-dist", make)
    return folder / "dist", json.loads((folder / "returned-manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def mirror_folder(mirror_dist, tmp_path_factory) -> Path:
    """The mirror's .tar.gz unpacked elsewhere, as a partner does: the folder holding site/ and hosting/."""
    import tarfile
    dist, manifest = mirror_dist
    target = tmp_path_factory.mktemp("unpacked")
    with tarfile.open(dist / f"migrant-rights-kz-{manifest['version']}.tar.gz") as archive:
        archive.extractall(target, filter="data")
    return target / f"migrant-rights-kz-{manifest['version']}"


def pytest_collection_modifyitems(items):
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        for marker, names in MARKED_FIXTURES.items():
            if fixtures & names:
                item.add_marker(marker)
        if any(_builds(function) for function in _functions_behind(item)):
            item.add_marker("slow")
    if os.environ.get("PYTEST_XDIST_WORKER_COUNT") == "2":
        items[:] = _two_halves(items)


def _two_halves(items: list) -> list:
    """The order for two processes (`make test` on 2 cores, --dist worksteal): each process starts
    with one half of the list, and then takes work from the end of the other's. The first half
    starts with tests on the session's build (its first one builds it), heaviest modules first; the
    second with the modules of heavy tests that need no session build (project copies built or
    checked), which keep the other core busy meanwhile, then the other modules on the session's
    build. A module stays in one half: its module-scoped fixtures are made once."""
    def heavy(item) -> bool:
        return any(item.get_closest_marker(name) for name in ("browser", "slow"))
    modules: dict = {}
    for item in items:
        if "built_site" in item.fixturenames:
            modules.setdefault(item.path, []).append(item)
    rest = [item for item in items if "built_site" not in item.fixturenames]
    heavy_modules = {item.path for item in rest if heavy(item)}  # whole: their module fixtures are made once
    own = [item for item in rest if item.path in heavy_modules]
    light = [item for item in rest if item.path not in heavy_modules]
    first, second, weights = [], [], [0, 0]
    for group in sorted(modules.values(), key=lambda group: -sum(map(heavy, group))):
        half = 0 if weights[0] <= weights[1] else 1
        weights[half] += sum(map(heavy, group))
        (first, second)[half].extend(sorted(group, key=lambda item: not heavy(item)))
    size = len(items) // 2  # what xdist sends the first process
    if not first or len(first) > size or len(own) + len(second) > len(items) - size:
        return first + second + own + light  # a selection of mostly one kind: the rest is stolen
    fill = size - len(first)
    return first + light[:fill] + own + light[fill:] + second


def _functions_behind(item):
    """The test function and every fixture function it uses, directly or not."""
    yield getattr(item, "function", None)
    info = getattr(item, "_fixtureinfo", None)
    for definitions in (info.name2fixturedefs.values() if info else ()):
        for definition in definitions:
            yield definition.func


@functools.cache  # a fixture stands behind thousands of items: its source is read once
def _builds(function) -> bool:
    import inspect
    try:
        source = inspect.getsource(function)
    except (OSError, TypeError):
        return False
    return any(call in source for call in BUILDING_CALLS)
