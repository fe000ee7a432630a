"""Every page the build publishes, parsed as a browser parses it (Lexbor, the WHATWG algorithm):
nothing on it runs code, loads from or sends to another site, or sends the reader elsewhere."""
from __future__ import annotations

import pytest
from published_page_rules import problems


def test_no_published_page_runs_loads_or_sends(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 300, "the whole site: guides, directory, short links, editors' pages"
    found = [problem for page in pages for problem in problems(built_site, page)]
    assert not found, "\n".join(found[:40])


@pytest.mark.parametrize("markup, rel", [
    ('<p onclick="x">a</p>', "a.html"),
    ('<img src="x" ONERROR="x">', "a.html"),
    ('<a href="java\tscript:alert(1)">a</a>', "a.html"),
    ('<a href=" data:text/html,x">a</a>', "a.html"),
    ('<svg><a xlink:href="javascript:x"><text>a</text></a></svg>', "a.html"),
    ('<meta http-equiv="Refresh" content="0;url=https://evil.example/">', "a.html"),
    ('<meta http-equiv="refresh" content="0; url=https://evil.example/">', "s/ru2/index.html"),
    ('<base href="https://evil.example/">', "a.html"),
    ('<form><input name="q"></form>', "a.html"),
    ('<iframe src="https://evil.example/"></iframe>', "a.html"),
    ('<object data="x.swf"></object>', "a.html"),
    ('<embed src="x.swf">', "a.html"),
    ('<script>alert(1)</script>', "a.html"),
    ('<script src="https://evil.example/x.js"></script>', "a.html"),
    ('<script src="assets/search.js">alert(1)</script>', "a.html"),
    ('<p style="background: url(https://evil.example/x.png)">a</p>', "a.html"),
    ('<!--><img src=x onerror=alert(1)>-->', "a.html"),
    # data: addresses other than the empty icon (mkdocs.yml's favicon)
    ('<link rel="icon" href="data:,%3Csvg%3E%3Cscript%3Ealert(1)%3C/script%3E%3C/svg%3E">', "a.html"),
    ('<link rel="icon" href="data:image/svg+xml,%3Csvg%3E%3C/svg%3E">', "a.html"),
    ('<link rel="icon" href="data:text/html,%3Cscript%3Ealert(1)%3C/script%3E">', "a.html"),
    ('<link rel="stylesheet" href="data:,">', "a.html"),
    ('<link rel="icon stylesheet" href="data:,">', "a.html"),
    ('<a href="data:,">a</a>', "a.html"),
    ('<img src="data:,">', "a.html"),
    ('<iframe src="data:,"></iframe>', "a.html"),
])
def test_the_audit_finds_what_a_browser_would_run(tmp_path, markup, rel):
    page = tmp_path / rel
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(f"<!doctype html><html><head></head><body>{markup}</body></html>", encoding="utf-8")
    assert problems(tmp_path, page)


def test_the_audit_passes_the_site_s_own_search_script_and_short_links(tmp_path):
    search = tmp_path / "en/search.html"
    search.parent.mkdir()
    search.write_text('<html><body><script src="../assets/search.js" defer></script></body></html>', encoding="utf-8")
    short = tmp_path / "s/en2/index.html"
    short.parent.mkdir(parents=True)
    short.write_text('<html><head><meta http-equiv="refresh" content="0; url=../../en/work.html"></head></html>',
                     encoding="utf-8")
    assert problems(tmp_path, search) == [] and problems(tmp_path, short) == []


def test_the_audit_passes_the_empty_icon_only(tmp_path):
    page = tmp_path / "a.html"
    page.write_text('<html><head><link rel="icon" href="data:,"></head></html>', encoding="utf-8")
    assert problems(tmp_path, page) == []


def test_every_published_svg_only_draws(built_site):
    from scripts.core import published_files
    svgs = sorted(built_site.rglob("*.svg"))
    assert svgs, "docs/assets/favicon.svg at least"
    found = {svg.relative_to(built_site).as_posix(): published_files.svg_problems(svg.read_bytes()) for svg in svgs}
    assert not {path: problems for path, problems in found.items() if problems}
