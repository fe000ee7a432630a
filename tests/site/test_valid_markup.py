"""Material's templates changed as they load (scripts/site/valid_markup.py): what the Nu HTML
Checker test (tests/partners/test_partner_formats.py) needs, checked without a build."""
from __future__ import annotations

import jinja2
import pytest

from scripts.site import valid_markup


def test_the_toc_label_names_its_checkbox_only_where_the_navigation_writes_it():
    """Material's partials/toc.html as the build loads it (scripts/site/valid_markup.py), rendered for
    a page in the navigation and for one outside it; and a Material that changed the line stops the build."""
    source = '<nav>{% if toc %}<label class="md-nav__title" for="__toc">T</label>{% endif %}</nav>'
    env = jinja2.Environment(loader=jinja2.DictLoader({"partials/toc.html": source}))
    valid_markup.apply(env)
    valid_markup.apply(env)  # idempotent: the i18n plugin builds once per language
    template, inside, outside = env.get_template("partials/toc.html"), object(), object()
    nav = type("Nav", (), {"pages": [inside]})()
    assert 'for="__toc"' in template.render(toc=[1], page=inside, nav=nav)
    assert 'for="__toc"' not in template.render(toc=[1], page=outside, nav=nav)
    assert 'for="__toc"' not in template.render(toc=[1], page=inside, nav=None)
    changed = jinja2.Environment(loader=jinja2.DictLoader({"partials/toc.html": source.replace(' for="__toc"', "")}))
    valid_markup.apply(changed)
    with pytest.raises(jinja2.TemplateError, match="Must still contain"):
        changed.get_template("partials/toc.html")
