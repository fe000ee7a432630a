"""Material's templates as the Nu HTML Checker accepts them, changed where they are loaded.

Material's base.html gives its two toggle checkboxes `autocomplete="off"`, which HTML allows on
text-like inputs only (the checker's one error on every page). Without it, a browser may restore
a toggle's state on reload; a page kept in the back/forward cache keeps it anyway.

Material's table of contents (partials/toc.html) opens with `<label for="__toc">`, the label of a
checkbox that its navigation writes beside the current page's entry. A page outside the
navigation (the situations, issue 14) has no such checkbox, so the label names a control that is
not there; it gets no `for` then (clicking it did nothing anyway, and on a phone that sidebar is
not shown). `hide: [toc]` would not help: the hidden sidebar still holds the label.

The changes are made to the templates' source as Jinja loads them, so every page the theme renders
(guides, situations, directory frames, error pages) has them; a Material upgrade that changes these
lines stops the build.
"""
from __future__ import annotations

import jinja2

CHANGES = {
    "base.html": [
        ('data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">', 'data-md-toggle="drawer" type="checkbox" id="__drawer">'),
        ('data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">', 'data-md-toggle="search" type="checkbox" id="__search">'),
    ],
    # partials/nav-item.html writes the checkbox for the nav entry that is the current page.
    "partials/toc.html": [
        ('<label class="md-nav__title" for="__toc">',
         '<label class="md-nav__title"{% if nav and page in nav.pages %} for="__toc"{% endif %}>'),
    ],
}


class _ChangedLoader(jinja2.BaseLoader):
    def __init__(self, inner: jinja2.BaseLoader):
        self.inner = inner

    def get_source(self, environment, template):
        source, filename, uptodate = self.inner.get_source(environment, template)
        for old, new in CHANGES.get(template, ()):
            if old not in source:
                raise jinja2.TemplateError(f"{filename}: Must still contain {old!r} (Material changed it): update "
                                           "scripts/site/valid_markup.py and run the Nu HTML Checker test")
            source = source.replace(old, new)
        return source, filename, uptodate

    def list_templates(self):
        return self.inner.list_templates()


def apply(env: jinja2.Environment) -> None:
    """Idempotent: the i18n plugin builds once per language, with the same or a new environment."""
    if not isinstance(env.loader, _ChangedLoader):
        env.loader = _ChangedLoader(env.loader)
