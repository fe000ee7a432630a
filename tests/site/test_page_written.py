"""Every page as the build writes it (trimmed, linking the stylesheet still to be made, its icons
drawn by it), and the stylesheet's name then written into each page in place."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import SimpleNamespace

from scripts.core import site_config
from scripts.site import background, icons, page_trim, stylesheet

MENU = "M3 6h18v2H3V6m0 5h18v2H3v-2m0 5h18v2H3v-2Z"
EXTRA_CSS = ["assets/site.css"]


def test_trimmed_leaves_out_the_templates_indentation_but_not_preformatted_text():
    page = "<title>T</title>\n    <h1>H</h1>\n\t<div>B</div>\n<pre>\n    code</pre>"
    assert page_trim.trimmed(page) == "<title>T</title>\n<h1>H</h1>\n<div>B</div>\n<pre>\n    code</pre>"


def test_a_written_page_links_the_placeholder_once_and_its_icons_are_classes():
    page = ('<link rel="stylesheet" href="../assets/site.css"><link rel="stylesheet" href="../assets/site.css">'
            f'<svg viewBox="0 0 24 24"><path d="{MENU}"/></svg>')
    written = stylesheet.pending(page, EXTRA_CSS)
    assert written == (f'<link rel="stylesheet" href="../{stylesheet.PENDING}">'
                       f'<svg viewBox="0 0 24 24" class="site-i {icons.name(MENU)}"></svg>')
    assert len(stylesheet.PENDING) == len("assets/stylesheets/site.0123abcd.min.css")


def test_the_icons_rules_are_those_of_the_pages_classes_only():
    stylesheet.pending(f'<svg viewBox="0 0 24 24"><path d="{MENU}"/></svg>', EXTRA_CSS)
    rules = icons.stylesheet({"." + icons.name(MENU), ".md-header"})
    assert f".{icons.name(MENU)}{{" in rules and MENU in rules
    assert icons.stylesheet({".md-header", ".site-i-000000"}) == ""


def test_publish_names_the_stylesheet_in_every_page(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets/site.css").write_text("a{color:red}", encoding="utf-8")
    written = tmp_path / "guide.html"
    written.write_bytes(stylesheet.pending('<head><link rel="stylesheet" href="assets/site.css"></head>body ü',
                                           EXTRA_CSS).encode())
    editors = tmp_path / "editors.html"  # written by another job, linking the site's stylesheet itself
    editors.write_text('<link rel="stylesheet" href="../assets/site.css"><p>ü</p>', encoding="utf-8")
    other = tmp_path / "other.html"
    other.write_text("<p>no stylesheet</p>", encoding="utf-8")
    name = stylesheet.publish(tmp_path, "a{color:red}", EXTRA_CSS)
    assert name != stylesheet.PENDING and (tmp_path / name).read_text(encoding="utf-8") == "a{color:red}"
    assert written.read_text(encoding="utf-8") == f'<head><link rel="stylesheet" href="{name}"></head>body ü'
    assert editors.read_text(encoding="utf-8") == f'<link rel="stylesheet" href="../{name}"><p>ü</p>'
    assert other.read_text(encoding="utf-8") == "<p>no stylesheet</p>"
    assert not (tmp_path / "assets/site.css").exists()



def test_the_stylesheet_holds_the_rules_of_every_language_s_pages(tmp_path):
    """The hook reads each nested language's pages in a job beside the next language's build, and the
    default language's at the end: a rule only the last language's page uses stays."""
    hook = _hook("stylesheet")
    root, *nested = site_config.language_codes()
    site = tmp_path / "site"
    (site / "assets" / "stylesheets").mkdir(parents=True)
    (site / "assets" / "stylesheets" / "main.0.min.css").write_text(".a{color:red}.last{color:blue}.none{color:green}")
    (site / "assets" / "site.css").write_text(".b{color:black}")
    config = SimpleNamespace(site_dir=str(site), extra_css=EXTRA_CSS, theme={"language": root},
                             plugins={"i18n": SimpleNamespace(build_languages=[root, *nested], default_language=root)})
    (site / "index.html").write_text(stylesheet.pending('<link rel="stylesheet" href="assets/site.css"><p class="a b">', EXTRA_CSS))
    hook.on_pre_build(config)
    try:
        for lang in nested:
            (site / lang).mkdir()
            (site / lang / "index.html").write_text(f'<p class="{"last" if lang == nested[-1] else "a"}">')
            hook.on_pre_build(config)
            hook.on_post_build(SimpleNamespace(**{**vars(config), "theme": {"language": lang}}))
        hook.on_post_build(config)
    finally:
        background.end()
    published = next(site.glob("assets/stylesheets/site.*.min.css"))
    assert published.read_text() == ".a{color:red}.last{color:blue}.b{color:black}"
    assert (site / "index.html").read_text() == f'<link rel="stylesheet" href="{published.relative_to(site)}"><p class="a b">'


def _hook(name: str):
    """A hook module, loaded as mkdocs loads it: by path, its folder first on sys.path."""
    folder = Path(site_config.ROOT, "overrides", "hooks")
    spec = importlib.util.spec_from_file_location(f"test_hook_{name}", folder / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(folder))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(folder))
    return module
