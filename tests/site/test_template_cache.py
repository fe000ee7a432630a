"""Theme templates compiled once per build process (scripts/site/template_cache.py): environments
with the same settings share compiled code; a changed template is compiled again; an environment
whose settings change the code (autoescape) never takes another's."""
from __future__ import annotations

import jinja2

from scripts.site import template_cache


def _env(folder, **settings) -> jinja2.Environment:
    return template_cache.share(jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), **settings))


def _compiles(env: jinja2.Environment, monkeypatch) -> list[str]:
    compiled = []
    original = env.compile
    monkeypatch.setattr(env, "compile", lambda source, name=None, filename=None, *args: compiled.append(name) or
                        original(source, name, filename, *args))
    return compiled


def test_a_second_environment_compiles_nothing_and_renders_the_same(tmp_path, monkeypatch):
    (tmp_path / "page.html").write_text("<p>{{ text }}</p>", encoding="utf-8")
    first = _env(tmp_path).get_template("page.html").render(text="a < b")
    second_env = _env(tmp_path)
    compiled = _compiles(second_env, monkeypatch)
    assert second_env.get_template("page.html").render(text="a < b") == first == "<p>a < b</p>"
    assert compiled == []


def test_a_changed_template_is_compiled_again(tmp_path):
    (tmp_path / "page.html").write_text("old {{ text }}", encoding="utf-8")
    assert _env(tmp_path).get_template("page.html").render(text="x") == "old x"
    (tmp_path / "page.html").write_text("new {{ text }}", encoding="utf-8")
    assert _env(tmp_path).get_template("page.html").render(text="x") == "new x"


def test_an_escaping_environment_never_takes_code_compiled_without_escaping(tmp_path):
    (tmp_path / "page.html").write_text("<p>{{ text }}</p>", encoding="utf-8")
    assert _env(tmp_path).get_template("page.html").render(text="<script>") == "<p><script></p>"
    assert _env(tmp_path, autoescape=True).get_template("page.html").render(text="<script>") == "<p>&lt;script&gt;</p>"
