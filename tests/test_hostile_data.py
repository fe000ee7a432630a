"""Hostile or careless data, as a pull request would bring it (issue 13, defects 5-15): each is
refused by `make check` and by the build with `file:line: Must …`, or handled harmlessly.

`make check` runs in a child process held to 2 GB and 300 s, so that a regression (an alias bomb
read in full) fails this test instead of exhausting the machine.
"""
from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_build
from scripts.leaflets import shortlinks

# Nine levels of ten aliases: 352 bytes that read in full would be 10^9 strings.
BOMB = "".join(f"{name}: &{name} [{', '.join([f'*{previous}'] * 10) if previous else ', '.join(['x'] * 10)}]\n"
               for previous, name in zip([None, *"abcdefgh"], "abcdefghi"))
DEEP = "[" * 100_000 + "]" * 100_000  # 200 KB: refused for its size first
NESTED = "[" * 5_000 + "]" * 5_000  # 10 KB: refused for its depth
MEMORY = 2 << 30


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def check(project: Path) -> tuple[int, list[str]]:
    """`make check` on the copy: (exit status, its problem lines)."""
    env = dict(os.environ, PYTHONPATH=str(project), PYTHONDONTWRITEBYTECODE="1", NO_MKDOCS_2_WARNING="1")
    done = subprocess.run([sys.executable, "-m", "scripts.check", "--quiet"], cwd=project, env=env, text=True,
                          capture_output=True, timeout=300, preexec_fn=_limited)
    assert "Traceback" not in done.stderr and done.returncode in (0, 1), done.stderr[-3000:]
    return done.returncode, done.stdout.splitlines()


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True,
                   env=dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
                            GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org"))


def committed(project: Path) -> Path:
    """The copy as a git repository on branch main, everything committed, like a fresh clone."""
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "as published")
    return project


def registry_lines(project: Path) -> list[str]:
    return (project / "data/shortlinks.yml").read_text(encoding="utf-8").split("\n")


def entry_line(project: Path, page_id: str) -> int:
    return next(number for number, line in enumerate(registry_lines(project), 1) if f'id: "{page_id}"' in line)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# YAML that cannot hurt: every file the project reads

FRONT = "docs/ru/arrival.md"


def _in_front_matter(text: str):
    def put(project: Path) -> int:
        page = project / FRONT
        lines = page.read_text(encoding="utf-8").split("\n")
        lines[1:1] = text.rstrip("\n").split("\n")
        page.write_text("\n".join(lines), encoding="utf-8")
        return 2
    return put


def _as_file(rel: str, text: str, line: int = 1, append: bool = False):
    def put(project: Path) -> int:
        path = project / rel
        before = path.read_text(encoding="utf-8") if append and path.exists() else ""
        path.write_text(before + text, encoding="utf-8")
        return before.count("\n") + line
    return put


def _with_bytes(rel: str, data: bytes):
    def put(project: Path) -> int:
        path = project / rel
        before = path.read_bytes()
        path.write_bytes(before + data)
        return before.count(b"\n") + 1
    return put


YAML_CASES = {
    "alias bomb in a directory entry": (_as_file("data/services/bomb.yml", BOMB), "data/services/bomb.yml", "Must not use YAML anchors"),
    "alias bomb in front matter": (_in_front_matter(BOMB), FRONT, "Must not use YAML anchors"),
    "alias bomb in interface strings": (_as_file("i18n/ky.yml", BOMB, append=True), "i18n/ky.yml", "Must not use YAML anchors"),
    "alias bomb in the short-link registry": (_as_file("data/shortlinks.yml", BOMB), "data/shortlinks.yml", "Must not use YAML anchors"),
    "alias bomb in mirrors.yml": (_as_file("data/mirrors.yml", BOMB), "data/mirrors.yml", "Must not use YAML anchors"),
    "alias bomb in mkdocs.yml": (_as_file("mkdocs.yml", BOMB, append=True), "mkdocs.yml", "Must not use YAML anchors"),
    "100,000 levels in a directory entry": (_as_file("data/services/deep.yml", f"id: deep\nname: {DEEP}\n"),
                                            "data/services/deep.yml", "Must be at most 64 KB"),
    "100,000 levels in front matter": (_in_front_matter(f"deep: {DEEP}"), FRONT, "Must be at most 100 KB"),
    "100,000 levels in the registry": (_as_file("data/shortlinks.yml", f"- {DEEP}\n"), "data/shortlinks.yml", "Must not nest"),
    "5,000 levels in a directory entry": (_as_file("data/services/deep.yml", f"id: deep\nname: {NESTED}\n", 2),
                                          "data/services/deep.yml", "Must not nest"),
    "5,000 levels in front matter": (_in_front_matter(f"deep: {NESTED}"), FRONT, "Must not nest"),
    "5,000 levels in interface strings": (_as_file("i18n/ky.yml", f"deep: {NESTED}\n", append=True), "i18n/ky.yml", "Must not nest"),
    "5,000 levels in mkdocs.yml": (_as_file("mkdocs.yml", f"deep: {NESTED}\n", append=True), "mkdocs.yml", "Must not nest"),
    "a repeated key in a directory entry": (_as_file("data/services/rodnik.yml", "status: inactive\n", append=True),
                                            "data/services/rodnik.yml", "Must not repeat the key 'status'"),
    "a repeated key in front matter": (_in_front_matter('title: "Another"'), FRONT, "Must not repeat the key 'title' (first on line 2)"),
    "an impossible date in front matter": (_in_front_matter("extra_date: 2026-02-30"), FRONT, "Must be a real date"),
    "a Windows-1251 byte in the registry": (_with_bytes("data/shortlinks.yml", "# Адрес\n".encode("cp1251")),
                                            "data/shortlinks.yml", "Must be saved as UTF-8"),
    "an oversized directory entry": (_as_file("data/services/big.yml", "id: big\ndescription:\n  ru: " + "а" * 40_000 + "\n"),
                                     "data/services/big.yml", "Must be at most 64 KB"),
    "an oversized page": (_as_file("docs/ru/arrival.md", "\n" + "Слово. " * 20_000, append=True), FRONT, "Must be at most 100 KB"),
    "an oversized registry": (_as_file("data/shortlinks.yml", "#" + "x" * (1 << 20) + "\n"), "data/shortlinks.yml",
                              "Must be at most 1024 KB"),
}


# `make check` reads the whole project (168 pages, about 2.5 CPU-s): cases that break different files
# share a copy and a run, at most one case per file (as tests/test_hostile_input.py's cases share one);
# so do the cases of later tests that break one file of a copy without git (SHARED_CASES, below).
# Each case's own problem must be an error, so that alone it would fail the check too. The check stops
# at a broken mkdocs.yml before it reads anything else: those cases run alone.
ALONE = {"mkdocs.yml"}


def _runs(cases: dict) -> list[list[str]]:
    runs: list[list[str]] = []
    for case in sorted(cases):
        where = cases[case][1]
        shared = (run for run in runs if where not in ALONE and all(cases[other][1] not in (where, *ALONE) for other in run))
        run = next(shared, None)
        if run is None:
            runs.append([case])
        else:
            run.append(case)
    return runs


@pytest.fixture(scope="module")
def shared_check(tmp_path_factory):
    """case of SHARED_CASES -> (what breaking its file returned, e.g. the line its text starts at,
    `make check`'s status, its problems); each run made when first asked."""
    done = {}

    def result(case: str):
        if case not in done:
            run = next(run for run in SHARED_RUNS if case in run)
            project = copy_project(tmp_path_factory.mktemp("shared-check") / "project")
            returned = {name: SHARED_CASES[name][0](project) for name in run}
            status, problems = check(project)
            done.update({name: (returned[name], status, problems) for name in run})
        return done[case]
    return result


@pytest.mark.parametrize("case", sorted(YAML_CASES))
def test_make_check_refuses_hostile_yaml_with_its_line(shared_check, case):
    _, where, words = YAML_CASES[case]
    line, status, problems = shared_check(case)
    assert status == 1
    found = [problem for problem in problems if problem.startswith(f"{where}:") and words in problem]
    assert found, f"{case}: no '{where}:…: {words}' in:\n" + "\n".join(problems[:20])
    assert ": warning: " not in found[0], f"{case}: a warning does not fail the check: {found[0]}"
    if "100,000" not in case and "oversized" not in case and "repeated" not in case:
        assert found[0].startswith(f"{where}:{line}: "), (case, found[0])


# The short-link registry: append-only by construction

REGISTRY = "data/shortlinks.yml"


def _edit_code(project: Path) -> tuple[int, str]:
    line = entry_line(project, "work")
    edit(project / REGISTRY, '{id: "work", code: "5",', '{id: "work", code: "x2",')
    return line, "Must keep code '5' of page 'work'"


def _second_code_key(project: Path) -> tuple[int, str]:
    line = entry_line(project, "work")
    edit(project / REGISTRY, '{id: "work", code: "5",', '{id: "work", code: "5", code: "x2",')
    return line, "Must not repeat the key 'code'"


def _delete_line(project: Path) -> tuple[int, str]:
    line = entry_line(project, "school")
    lines = registry_lines(project)
    del lines[line - 1]
    (project / REGISTRY).write_text("\n".join(lines), encoding="utf-8")
    return line, "Must keep code '7' of page 'school'"


def _delete_last_line(project: Path) -> tuple[int, str]:
    lines = registry_lines(project)
    last = max(number for number, text in enumerate(lines, 1) if text.startswith("- "))
    code = re.search(r'code: "(\w+)"', lines[last - 1])[1]
    del lines[last - 1]
    (project / REGISTRY).write_text("\n".join(lines), encoding="utf-8")
    return last, f"Must keep code '{code}'"


REGISTRY_CASES = {"edited code": _edit_code, "second code key": _second_code_key, "deleted line": _delete_line,
                  "deleted last line": _delete_last_line}


def _long_mirror_name(project: Path) -> None:
    (project / "data/mirrors.yml").write_text(f'- name: "{"Партнёр " * 10}"\n  url: https://mirror.example.org/\n'
                                              '  since: "2026-12-01"\n', encoding="utf-8")


# Every case that breaks one file of a copy without git: (break it, the file). They share runs of
# `make check` (above). Before they were shared, each check of the registry and of mirrors.yml had a run
# of its own: every line they report about their files is the same either way (2026-12-07).
SHARED_CASES = {**{case: (put, where) for case, (put, where, _) in YAML_CASES.items()},
                "registry without git: edited code": (_edit_code, REGISTRY),
                "registry without git: deleted line": (_delete_line, REGISTRY),
                "a mirror's name too long": (_long_mirror_name, "data/mirrors.yml")}
SHARED_RUNS = _runs(SHARED_CASES)


@pytest.mark.parametrize("case", sorted(REGISTRY_CASES))
def test_an_issued_code_changed_or_lost_is_refused_with_the_line_to_restore(project, case):
    committed(project)
    original = {line for line in registry_lines(project) if line.startswith("- ")}
    line, words = REGISTRY_CASES[case](project)
    status, problems = check(project)
    assert status == 1
    found = [problem for problem in problems if problem.startswith(f"{REGISTRY}:{line}: {words}")]
    assert found, "\n".join(problems)
    restore = found[0].split(": restore the line ", 1)[-1].split("Restore the line as issued in ", 1)[-1]
    assert any(restore.endswith(text) for text in original), found[0]


@pytest.mark.parametrize("case", ["edited code", "deleted line"])
def test_without_git_the_registry_still_holds_each_code_to_its_place(shared_check, case):
    (line, _), status, problems = shared_check(f"registry without git: {case}")
    assert status == 1
    assert any(problem.startswith(f"{REGISTRY}:{line}: Must have code '") for problem in problems), "\n".join(problems)


def test_a_clone_without_main_says_the_registry_was_not_compared(project):
    git(project, "init", "-q", "-b", "feature")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "a branch alone, as a shallow clone of it")
    status, problems = check(project)
    assert f"{REGISTRY}:1: warning: Must be compared with the registry on main" in "\n".join(problems), problems


def test_a_new_page_never_gets_a_code_already_issued(project):
    registry = shortlinks.load_registry(project / REGISTRY, history=False)
    taken = {entry.code for entry in registry.entries}
    page = shortlinks.PageRecord("zz-new", "guide", "T", ("a", "b"), "2026-11-23", "zz-new.html", "ru", "ru",
                                 "docs/ru/zz-new.md")
    shortlinks.issue(registry, {"ru": [page]})
    assert registry.by_id()["zz-new"].code not in taken


def test_the_build_stops_on_a_deleted_registry_line_naming_the_line_to_restore(project, tmp_path):
    committed(project)
    line, words = _delete_line(project)
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output, output[-3000:]
    assert f"{REGISTRY}:{line}: {words}" in output and 'restore the line - {id: "school", code: "7"' in output
    assert not (tmp_path / "site").exists() and not list(tmp_path.glob(".site-build-*"))


@pytest.mark.parametrize("case", ["alias bomb in front matter", "5,000 levels in a directory entry", "alias bomb in mkdocs.yml",
                                  "alias bomb in interface strings", "alias bomb in mirrors.yml"])
def test_the_build_refuses_hostile_yaml_as_make_check_does(project, tmp_path, case):
    put, where, words = YAML_CASES[case]
    put(project)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(project))
    result = subprocess.run([sys.executable, "-m", "scripts.build_site", "--site-dir", str(tmp_path / "site")], cwd=project,
                            env=env, capture_output=True, text=True, timeout=600, preexec_fn=_limited)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output, output[-3000:]
    assert re.search(rf"{re.escape(where)}:\d+: {words}", output), output[-3000:]


# CSV for spreadsheets, vCards

FORMULA = '=HYPERLINK("https://attacker.example/","Нажмите")'


def _hostile_entry(tmp_path: Path):
    from directory_site import LINE, TODAY

    from scripts.directory import directory_pages, services
    folder = tmp_path / "services"
    folder.mkdir()
    text = (LINE.replace("  ru: Тестовая линия 111", f"  ru: '{FORMULA}'")
            .replace("  ru: Линия для проверки справочника.", '  ru: "Первая строка\\rEND:VCARD\\rBEGIN:VCARD\\u2028@SUM(1)"')
            .replace("fees: free", "fees: free\neligibility:\n  ru: '-2+3'"))
    (folder / "test-line.yml").write_text(text, encoding="utf-8")
    entries = services.load(folder, TODAY)
    return entries, directory_pages.View("ru", TODAY)


def test_open_data_csv_cells_never_start_a_formula(tmp_path):
    import csv
    import io

    from scripts.directory import open_data
    entries, view = _hostile_entry(tmp_path)
    files = open_data.files(entries, view, {"test-line": {"ru": "directory/test-line.html"}}, "2026-11-23T00:00:00")
    for row in csv.reader(io.StringIO(files["directory.csv"])):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or re.fullmatch(r"[+-]?\d+(\.\d+)?", cell), cell
    rows = list(csv.DictReader(io.StringIO(files["directory.csv"])))
    assert rows[0]["name_ru"] == "'" + FORMULA and rows[0]["eligibility"] == "'-2+3"
    assert rows[0]["phones"] == "111 (voice)", "a plain number stays a number"
    hsds = files["services.json"]
    assert FORMULA.replace('"', '\\"') in hsds, "the JSON keeps the value as it is"


def test_the_partners_verification_csv_cells_never_start_a_formula(tmp_path):
    import csv

    from scripts.partners import verify_sheet
    now = {key: FORMULA for key, _label in verify_sheet.FIELDS}
    row = verify_sheet.Row("x", FORMULA, "@city", "2026-01-01", "+assurer", "-1 fallback", now)
    verify_sheet.write_csv([row], tmp_path / "sheet.csv")
    with open(tmp_path / "sheet.csv", encoding="utf-8", newline="") as handle:
        cells = [cell for line in csv.reader(handle) for cell in line]
    assert "'" + FORMULA in cells and "'@city" in cells and "'+assurer" in cells and "'-1 fallback" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_a_carriage_return_from_a_yaml_escape_never_reaches_a_vcard_line(tmp_path):
    from scripts.directory import directory_pages
    entries, view = _hostile_entry(tmp_path)
    card = directory_pages.vcard_text(entries[0], view)
    lines = card.split("\r\n")
    assert lines[-1] == "" and not any("\r" in line or "\n" in line or "\u2028" in line for line in lines)
    assert sum(line == "BEGIN:VCARD" for line in lines) == 1 and sum(line == "END:VCARD" for line in lines) == 1
    unfolded = card.replace("\r\n ", "")
    assert "NOTE:Первая строка\\nEND:VCARD\\nBEGIN:VCARD\\n@SUM(1)" in unfolded


# The campaign report: bounded, streaming, only pages of the site

def _site_with_pages(tmp_path: Path) -> Path:
    from scripts.core import site_config
    site = tmp_path / "site"
    for lang in site_config.language_codes():
        prefix = "" if lang == site_config.default_language() else f"{lang}/"
        records = [shortlinks.PageRecord(slug, "guide", slug, ("a",), "2026-11-23", f"{prefix}{slug}.html", lang, lang,
                                         f"docs/{lang}/{slug}.md") for slug in ("index", "arrival")]
        shortlinks.write_manifest(site, lang, records)
    return site


def _report(tmp_path: Path, logs: list[Path], capsys) -> tuple[int, str, list[dict]]:
    import csv

    from scripts import campaign_report
    out = tmp_path / "report"
    status = campaign_report.main([*map(str, logs), "--site", str(_site_with_pages(tmp_path)), "--out", str(out)])
    printed = capsys.readouterr()
    rows = []
    if (out / "campaign-figures.csv").exists():
        with open(out / "campaign-figures.csv", encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    return status, printed.out + printed.err, rows


def test_made_up_paths_never_reach_the_campaign_figures(tmp_path, capsys):
    log = tmp_path / "access.log"
    log.write_text("2026-11-23 GET /=HYPERLINK(\"https://attacker.example/\")/../index.html 200\n"
                   "2026-11-23 GET /=HYPERLINK(1)/../index.html 200\n"
                   "2026-11-23 GET /=cmd|'/C%20calc'!A0.html 200\n"
                   "2026-11-23 GET /@SUM(1)/ 200\n"
                   "2026-11-23 GET /ky/arrival.html 200\n", encoding="utf-8")
    status, printed, rows = _report(tmp_path, [log], capsys)
    assert status == 0, printed
    assert {(row["language"], row["page"], row["count"]) for row in rows} == {("ru", "index", "1"), ("ky", "arrival", "1")}
    assert "3 requests for no page of the site not counted" in printed
    raw = (tmp_path / "report/campaign-figures.csv").read_text(encoding="utf-8")
    assert "HYPERLINK" not in raw and "cmd" not in raw


def test_a_bad_date_and_a_broken_gzip_are_named_and_the_rest_is_reported(tmp_path, capsys):
    import gzip
    plain = tmp_path / "access.log"
    plain.write_text("2026-13-45 GET /index.html 200\n2026-11-23 GET /index.html 200\n", encoding="utf-8")
    whole = gzip.compress(b"".join(b"2026-11-24 GET /ky/arrival.html 200\n" for _ in range(20000)))
    broken = tmp_path / "access.log.2.gz"
    broken.write_bytes(whole[: len(whole) // 2])
    status, printed, rows = _report(tmp_path, [plain, broken], capsys)
    assert status == 0 and "Traceback" not in printed
    assert f"{plain}:1: Must be a line of the migrant_rights log format" in printed
    assert re.search(rf"{re.escape(str(broken))}:\d+: Must be a complete log file", printed), printed
    counts = {(row["language"], row["page"]): int(row["count"]) for row in rows}
    assert counts[("ru", "index")] == 1 and 0 < counts[("ky", "arrival")] < 20000


def test_the_report_reads_logs_in_constant_memory(tmp_path):
    import tracemalloc

    from scripts.partners import campaign
    pages = {"index.html": ("ru", "index")}

    def peak(lines: int, long_line: bool = False) -> int:
        log = tmp_path / f"access-{lines}.log"
        with open(log, "w", encoding="utf-8") as handle:
            if long_line:
                handle.write("2026-11-23 GET /" + "a" * 20_000_000 + " 200\n")
            for day in range(lines):
                handle.write(f"2026-{1 + day % 12:02d}-{1 + day % 28:02d} GET /index.html 200\n")
        tracemalloc.start()
        counts = campaign.count([log], {}, pages)
        result = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert sum(counts.hits.values()) == lines
        return result

    small, large = peak(2_000), peak(50_000, long_line=True)
    assert large < small + 256 * 1024, (small, large)


# Interrupted builds clean up

def test_the_next_build_removes_what_an_interrupted_one_left(tmp_path):
    from scripts.site import build as build_site
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        final = tmp_path / "site"
        stale = [tmp_path / f".site-build-{gone.stdout.strip()}-a1b2", tmp_path / ".site-build-x7y8z9"]
        running = tmp_path / f".site-build-{alive.pid}-c3d4"
        for folder in [*stale, running]:
            (folder / "leaflets").mkdir(parents=True)
        (tmp_path / "site.old").mkdir()  # killed between the two renames of an older build: no site/
        build_site.remove_stale_builds(final)
        assert final.is_dir() and not (tmp_path / "site.old").exists(), "the previous site is put back"
        assert not any(folder.exists() for folder in stale) and running.is_dir(), "a build still running is left alone"
    finally:
        alive.kill()
        alive.wait()


def test_the_new_site_takes_the_place_of_the_old_in_one_step(tmp_path):
    from scripts.site import build as build_site
    final, fresh = tmp_path / "site", tmp_path / ".site-build-1-new"
    (final / "old.html").parent.mkdir()
    (final / "old.html").write_text("old")
    fresh.mkdir()
    (fresh / "new.html").write_text("new")
    inode = final.stat().st_ino
    assert build_site._exchange(fresh, final), "renameat2(RENAME_EXCHANGE) on this file system"
    assert final.stat().st_ino != inode and (final / "new.html").exists() and (fresh / "old.html").exists()
    build_site._exchange(fresh, final)
    build_site.swap(fresh, final)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"] and (final / "new.html").read_text() == "new"


WORKERS = """
import os, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from scripts.leaflets import render
from scripts.site import background

def sleep(items):
    Path({folder!r}, str(os.getpid())).write_text("")
    time.sleep(60)
    return items

def render_sleeping(job):
    return sleep([job])

class Job:
    kind = "a6"

if sys.argv[1] == "directory":
    job = background.start(sleep, [1])  # how the directory's and editors' pages are written
    time.sleep(1)  # the build works on meanwhile (asked at once, the build would do the work itself)
    job.result()
else:
    render.render = render_sleeping
    render.render_all([Job() for _ in range(4)], 2)
"""


@pytest.mark.parametrize("how", ["directory", "leaflets"])
def test_worker_processes_end_with_a_killed_build(tmp_path, how):
    import signal
    import time
    script = tmp_path / "build.py"
    script.write_text(WORKERS.format(root=str(ROOT), folder=str(tmp_path)), encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script), how], cwd=ROOT)
    deadline = time.monotonic() + 30
    while len(children := [int(p.name) for p in tmp_path.iterdir() if p.name.isdigit() and int(p.name) != parent.pid]) < 1:
        assert time.monotonic() < deadline and parent.poll() is None, "no worker started"
        time.sleep(0.1)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() and "Z" not in Path(f"/proc/{pid}/stat").read_text().split(")")[-1][:3]
              for pid in children):
        assert time.monotonic() < deadline, f"workers {children} outlived the killed build"
        time.sleep(0.1)


# mirror_verify: against what was published, bounded, never a traceback

def _bundle(tmp_path: Path) -> Path:
    import json

    from scripts.partners import checksums
    bundle = tmp_path / "dist" / "migrant-rights-kz-test"
    (bundle / "site").mkdir(parents=True)
    (bundle / "site" / "index.html").write_text("<p>as published</p>", encoding="utf-8")
    manifest = {"name": "migrant-rights-kz", "version": "test", "files": checksums.describe(bundle)}
    text = json.dumps(manifest)
    (bundle / "MANIFEST.json").write_text(text, encoding="utf-8")
    (bundle.parent / "migrant-rights-kz-test.manifest.json").write_text(text, encoding="utf-8")
    return bundle


def _verify(path: Path, capsys, *extra: str) -> tuple[int, str]:
    from scripts import mirror_verify
    status = mirror_verify.main([str(path), *extra])
    printed = capsys.readouterr()
    return status, printed.out + printed.err


def test_a_copy_is_checked_against_the_published_manifest_beside_it(tmp_path, capsys):
    import json
    bundle = _bundle(tmp_path)
    status, printed = _verify(bundle, capsys)
    assert status == 0 and "match the published manifest" in printed
    (bundle / "site" / "index.html").write_text("<p>changed, and its manifest with it</p>", encoding="utf-8")
    from scripts.partners import checksums
    inside = json.loads((bundle / "MANIFEST.json").read_text(encoding="utf-8"))
    inside["files"] = checksums.describe(bundle)
    (bundle / "MANIFEST.json").write_text(json.dumps(inside), encoding="utf-8")
    status, printed = _verify(bundle, capsys)
    assert status == 1 and "site/index.html: changed" in printed and "MANIFEST.json: changed" in printed


def test_a_copy_alone_is_checked_against_its_own_manifest_and_says_so(tmp_path, capsys):
    bundle = _bundle(tmp_path)
    (bundle.parent / "migrant-rights-kz-test.manifest.json").unlink()
    status, printed = _verify(bundle, capsys)
    assert status == 0 and "its own MANIFEST.json only" in printed and "--manifest" in printed


def test_a_published_manifest_that_sha256sums_does_not_list_is_refused(tmp_path, capsys):
    bundle = _bundle(tmp_path)
    (bundle.parent / "SHA256SUMS").write_text("0" * 64 + "  migrant-rights-kz-test.manifest.json\n", encoding="utf-8")
    status, printed = _verify(bundle, capsys)
    assert status == 1 and "migrant-rights-kz-test.manifest.json: changed: its sha256 is not the one in" in printed


@pytest.mark.parametrize("content, words", [
    (b"{not json", "Must be the JSON manifest"),
    (b'{"files": {"site/index.html": {"sha256": "x", "size": "big"}}}', "Must be a manifest as `make mirror` writes it"),
    (b"[]", "Must be a manifest as `make mirror` writes it"),
    (b" " * (33 << 20) + b"{}", "Must be at most 32 MB"),
])
def test_a_malformed_or_padded_manifest_is_a_message(tmp_path, capsys, content, words):
    bundle = _bundle(tmp_path)
    (bundle / "MANIFEST.json").write_bytes(content)
    (bundle.parent / "migrant-rights-kz-test.manifest.json").unlink()
    status, printed = _verify(bundle, capsys)
    assert status == 2 and words in printed and "Traceback" not in printed


def test_the_bundle_readme_gives_the_safe_command():
    from scripts.partners import bundle as mirror_bundle
    assert "--manifest migrant-rights-kz-{version}.manifest.json" in mirror_bundle.README
    assert "sha256sum -c" in mirror_bundle.README


# make check and the build agree; Makefile arguments reach Python as data

def test_make_check_reads_mirrors_yml_as_the_build_does(shared_check):
    _, status, problems = shared_check("a mirror's name too long")
    assert status == 1 and any(problem.startswith("data/mirrors.yml:1: Must keep [1].name to 60 characters") for problem in problems), problems


def test_make_check_says_a_removed_language_breaks_its_short_links(project):
    from scripts.core import site_config
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    lang = site_config.language_codes()[-1]
    config.write_text(re.sub(rf"\n(\s*)- locale: {lang}\n(?:\1  .*\n)*", "\n", text), encoding="utf-8")
    (project / f"i18n/{lang}.yml").unlink()
    for path in sorted((project / "docs" / lang).rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    (project / "docs" / lang).rmdir()
    status, problems = check(project)
    line = next(n for n, text in enumerate(registry_lines(project), 1) if text.startswith("- ") and f'"{lang}"' in text)
    assert status == 1
    assert any(problem.startswith(f"{REGISTRY}:{line}: Must keep resolving s/{lang}") for problem in problems), problems


HOSTILE_TITLE = "Плата $100 и $$100, `touch ran` $(shell touch ran) \\"  # `ran` would appear in the project


def _make(project: Path, *args: str) -> subprocess.CompletedProcess:
    (project / "Makefile").write_bytes((ROOT / "Makefile").read_bytes())
    (project / ".venv").symlink_to(ROOT / ".venv")
    return subprocess.run(["make", "-s", "-o", "setup", *args], cwd=project, capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"))


def test_make_new_guide_takes_the_title_as_it_is_typed(project, tmp_path):
    import yaml
    marker, title = project / "ran", HOSTILE_TITLE
    result = _make(project, "new-guide", "SLUG=fee-guide", f"TITLE={title}")
    assert result.returncode == 0, result.stderr
    assert not marker.exists(), "nothing in TITLE was run"
    page = (project / "docs/ru/fee-guide.md").read_text(encoding="utf-8")
    assert yaml.safe_load(page.split("---")[1])["title"] == title


def test_make_add_language_takes_the_name_as_it_is_typed(project, tmp_path):
    marker, name = project / "ran", "Türkmen $1 `touch ran` \\"
    result = _make(project, "add-language", "LANG=tk", f"NAME={name}")
    assert result.returncode == 0, result.stderr
    assert not marker.exists()
    from mkdocs.utils.yaml import yaml_load
    config = yaml_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    languages = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)["languages"]
    assert {"locale": "tk", "name": name, "build": True} in languages
