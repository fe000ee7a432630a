"""Every page as the build writes it (trimmed, linking the stylesheet still to be made, its icons
drawn by it), and the stylesheet's name then written into each page in place."""
from __future__ import annotations

from scripts.site import icons, page_trim, stylesheet

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
