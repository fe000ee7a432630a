"""A pull request written to harm readers: `make check` and the build refuse it with file:line, or
publish it harmlessly (issue 13, defects 1–4, and variants).

Each case is put into one copy of the project; the check runs once on it and must give every
expected message; the build, which stops at the first page with a problem, runs once per group.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_project, run_build

GUIDE = "docs/ru/work.md"

# Defect 1: raw HTML that passed the regular expressions of the old check. (id, Markdown, message)
HTML_CASES = [
    ("tag split over two lines", '<meta\nhttp-equiv="refresh" content="0;url=https://evil.example/">',
     "Must not use the HTML tag <meta>"),
    ("escaped backtick before a tag", "\\`<script>alert(1)</script>`", "Must not use the HTML tag <script>"),
    ("<!--> comment", "<!--><img src=x onerror=alert(1)>-->", "Must not use the inline event handler 'onerror='"),
    ("attribute list href", '[home](index.md){: href="javascript:alert(1)" }', "Must not use a 'javascript:' address"),
    ("attribute list src", '![x](../assets/favicon.svg){: src="https://evil.example/p.png" }',
     "Must not show an image or embed from another site"),
    ("nested brackets", "[a [b] [c [d]]](javascript:alert(1))", "Must not use a 'javascript:' address"),
    ("entity in the scheme", '<a href="jav&#x61;script:alert(1)">x</a>', "Must not use a 'javascript:' address"),
    ("tab in the scheme", '<a href="java&#9;script:alert(1)">x</a>', "Must not use a 'javascript:' address"),
    ("reference link", "[x][evil]\n\n[evil]: javascript:alert(1)", "Must not use a 'javascript:' address", 2),
    ("data address", "[x](data:text/html;base64,PHNjcmlwdD4=)", "Must not use a 'data:' address"),
    ("image from another site", "![x](https://evil.example/pixel.png)", "Must not show an image or embed from another site"),
    ("protocol-relative link", "[x](//evil.example/)", "Must write the full https:// address"),
    ("plain http", "[x](http://evil.example/)", "Must use an https:// address"),
    ("iframe", '<iframe src="https://evil.example/"></iframe>', "Must not use the HTML tag <iframe>"),
    ("form", '<form action="https://evil.example/"><input name="q"></form>', "Must not use the HTML tag <form>"),
    ("base", '<base href="https://evil.example/">', "Must not use the HTML tag <base>"),
    ("inline svg", '<svg onload="alert(1)"><circle r="1"/></svg>', "Must not use the HTML tag <svg>"),
    ("event handler in an attribute list", '### Heading {: onmouseover="alert(1)" }',
     "Must not use the inline event handler 'onmouseover='"),
    ("style that loads", '<p style="background:url(https://evil.example/t.png)">x</p>', "Must not use the attribute 'style'"),
]

# Defects 3 and 4: files that mkdocs would publish as they are. (path, content or symlink target, message)
FILE_CASES = [
    ("docs/ru/evil.html", "<script>alert(1)</script>", "Must not be published: a '.html' file"),
    ("docs/sw.js", "self.addEventListener('fetch', () => {});", "Must not be published: a '.js' file"),
    ("docs/assets/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script></svg>',
     "Must not contain <script> in an SVG"),
    ("docs/assets/badge.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
     "Must not use the attribute 'onload' in an SVG"),
    ("docs/passwd.txt", Path("/etc/passwd"), "Must not be a symbolic link"),
    ("docs/ru/system", Path("/etc"), "Must not be a symbolic link"),  # a folder: once a traceback
    ("docs/environ.txt", Path("/proc/self/environ"), "Must not be a symbolic link"),
    ("data/services/linked.yml", Path("/etc/hostname"), "Must not be a symbolic link"),
    ("i18n/linked.yml", Path("/etc/hostname"), "Must not be a symbolic link"),
    ("overrides/partials/linked.html", Path("/etc/hostname"), "Must not be a symbolic link"),
]

# Defect 2: values that go into every page's template. Refused: (front matter line, message).
URL_CASES = [
    ('https://egov.kz/"><script>alert(1)</script>', "Must give sources[1].url as a full https:// address"),
    ("javascript:alert(1)", "Must give sources[2].url as a full https:// address"),
    ("https://egov.kz@evil.example/", "Must give sources[3].url as a full https:// address"),
]
# Published harmlessly: shown as text.
TITLE = 'Work & <img src=x onerror=alert(1)> "pay"'
STRING = "<script>alert(1)</script>"


def _body_lines(project: Path) -> int:
    return len((project / GUIDE).read_text(encoding="utf-8").split("\n"))


def _with_html_cases(project: Path) -> dict[str, int]:
    """Appends every HTML case to the guide; returns each case's first line."""
    page = project / GUIDE
    text = page.read_text(encoding="utf-8").rstrip("\n") + "\n"
    lines = {}
    for name, markdown, _, *offset in HTML_CASES:
        text += "\n"
        lines[name] = text.count("\n") + 1 + sum(offset)  # the line that writes the address
        text += markdown + "\n"
    page.write_text(text, encoding="utf-8")
    return lines


def _with_file_cases(project: Path) -> None:
    for rel, content, _ in FILE_CASES:
        path = project / rel
        if isinstance(content, Path):
            path.symlink_to(content)
        else:
            path.write_text(content, encoding="utf-8")


def _with_bad_urls(project: Path) -> int:
    """Three bad source addresses in another guide; returns the line of `sources:`."""
    page = project / "docs/ru/school.md"
    text = page.read_text(encoding="utf-8")
    rows = text.split("\n")
    indent = rows[rows.index("sources:") + 1].split("-")[0]
    bad = "".join(f"{indent}- title: Source\n{indent}  url: '{url}'\n{indent}  date: '2026-11-15'\n" for url, _ in URL_CASES)
    text = text.replace("sources:\n", "sources:\n" + bad, 1)
    page.write_text(text, encoding="utf-8")
    return text.split("\n").index("sources:") + 1


def _check(project: Path) -> list[str]:
    from scripts.editors import content_check
    from scripts.editors.checks.project import Project
    return [str(problem) for problem in content_check.run(Project(project))]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    lines = _with_html_cases(project)
    _with_file_cases(project)
    sources_line = _with_bad_urls(project)
    return project, lines, sources_line, _check(project)


@pytest.mark.parametrize("name, message", [case[::2] for case in HTML_CASES], ids=[case[0] for case in HTML_CASES])
def test_check_refuses_raw_html_at_its_line(hostile, name, message):
    project, lines, _, problems = hostile
    assert any(problem.startswith(f"{GUIDE}:{lines[name]}: {message}") for problem in problems), \
        "\n".join(p for p in problems if p.startswith(GUIDE))


@pytest.mark.parametrize("rel, content, message", FILE_CASES, ids=[case[0] for case in FILE_CASES])
def test_check_refuses_files_that_must_not_be_published(hostile, rel, content, message):
    problems = hostile[3]
    assert any(problem.startswith(f"{rel}:") and message in problem for problem in problems), \
        "\n".join(problems[:60])


@pytest.mark.parametrize("url, message", URL_CASES)
def test_check_refuses_source_addresses_that_are_not_https(hostile, url, message):
    project, _, sources_line, problems = hostile
    assert any(problem.startswith(f"docs/ru/school.md:{sources_line}: {message}") for problem in problems), \
        "\n".join(p for p in problems if "school.md" in p)


def test_check_never_reads_what_a_link_points_to(hostile):
    problems = hostile[3]
    assert not [problem for problem in problems if "linked.yml" in problem and "symbolic link" not in problem]


def test_build_refuses_raw_html_with_the_lines_of_the_check(tmp_path):
    project = copy_project(tmp_path / "project")
    lines = _with_html_cases(project)
    result = run_build(project, None, "--lang", "ru")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output, output[-3000:]
    for name, _, message, *_ in HTML_CASES:
        assert f"{GUIDE}:{lines[name]}: {message}" in output, (name, output[-4000:])
    assert not (project / "site").exists()


def test_build_refuses_links_and_unpublishable_files_before_reading_them(tmp_path):
    project = copy_project(tmp_path / "project")
    _with_file_cases(project)
    result = run_build(project, None, "--lang", "ru")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output, output[-3000:]
    for rel, _, message in FILE_CASES:
        assert any(line.removeprefix("ERROR: ").startswith(f"{rel}:") and message in line
                   for line in output.split("\n")), (rel, output[-3000:])
    assert "root:" not in output, "the target of a link must never be read"


def test_build_refuses_source_addresses_that_are_not_https(tmp_path):
    project = copy_project(tmp_path / "project")
    line = _with_bad_urls(project)
    result = run_build(project, None, "--lang", "ru")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output, output[-3000:]
    for _, message in URL_CASES:
        assert f"docs/ru/school.md:{line}: {message}" in output, output[-3000:]


def test_titles_strings_and_mirrors_are_published_as_text(tmp_path):
    from published_page_rules import problems as page_problems
    project = copy_project(tmp_path / "project")
    page = project / GUIDE
    text = page.read_text(encoding="utf-8")
    title_line = next(row for row in text.split("\n") if row.startswith("title:"))
    page.write_text(text.replace(title_line, f"title: '{TITLE}'", 1).replace(
        "- title: '", "- title: '<img src=x onerror=alert(2)> ", 1), encoding="utf-8")
    strings = project / "i18n/ru.yml"
    strings.write_text(strings.read_text(encoding="utf-8").replace(
        "\npage.sources: ", f"\npage.sources: {STRING} ", 1), encoding="utf-8")
    (project / "data/mirrors.yml").write_text(
        "- name: '<b onmouseover=alert(3)>Rodnik</b>'\n  url: https://mirror.example/\n  since: 2026-12-01\n",
        encoding="utf-8")
    result = run_build(project, None, "--lang", "ru", "--no-leaflets")  # the pages are what is checked here
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    site = project / "site"
    found = [problem for built in sorted(site.rglob("*.html")) for problem in page_problems(site, built)]
    assert not found, "\n".join(found[:20])
    work = (site / "work.html").read_text(encoding="utf-8")
    assert "Work &amp; &lt;img src=x onerror=alert(1)&gt; &#34;pay&#34;" in work  # the h1, the title, the navigation
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in work
    assert "&lt;b onmouseover=alert(3)&gt;Rodnik&lt;/b&gt;" in work


def test_hidden_files_are_neither_published_nor_reported(tmp_path):
    from scripts.core import published_files
    docs = tmp_path / "docs"
    (docs / "tk" / ".drafts").mkdir(parents=True)
    (docs / "tk" / ".gitkeep").write_text("", encoding="utf-8")  # left by `make add-language`
    (docs / "tk" / ".drafts" / "x.html").write_text("<script></script>", encoding="utf-8")
    (docs / "tk" / "x.html").write_text("<script></script>", encoding="utf-8")
    assert [path for path, _, _ in published_files.file_problems(docs, tmp_path)] == ["docs/tk/x.html"]


def test_the_check_renders_markdown_with_the_extensions_mkdocs_uses():
    from mkdocs.config import config_options
    from mkdocs.config.defaults import MkDocsConfig

    from scripts.core import published_html, site_config
    builtin = MkDocsConfig.markdown_extensions
    assert tuple(builtin.builtins) == published_html.BUILTIN_EXTENSIONS
    option = config_options.MarkdownExtensions(builtins=builtin.builtins, configkey=builtin.configkey)
    settings = site_config.load()
    ours = published_html.extensions(settings)
    assert ours["extensions"] == option.run_validation(settings["markdown_extensions"])
    assert ours["extension_configs"].keys() == option.configdata.keys()
