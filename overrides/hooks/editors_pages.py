"""Pages for editors, not for families: editors/translations.html, the translation status table.

Written once, after the default language's build (the i18n plugin builds the other languages
inside it, so this runs last); linked from no page of the families' navigation.
"""
from pathlib import Path

import _path  # noqa: F401

from scripts.core import site_config
from scripts.editors import translation_table
from scripts.editors.checks.project import Project

# Hooks

def on_post_build(config):
    if config.theme["language"] != site_config.default_language():
        return
    site = Path(config.site_dir)
    target = site / "editors" / "translations.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(translation_table.page_html(Project(site_config.ROOT), _stylesheets(site, config)), encoding="utf-8")
    (target.parent / translation_table.STYLESHEET).write_text(translation_table.CSS, encoding="utf-8")


# Helpers

def _stylesheets(site: Path, config) -> list:
    """Material's stylesheet and the site's own, as '../' links from editors/."""
    material = sorted(site.glob("assets/stylesheets/main.*.min.css"))
    return [f"../{path.relative_to(site).as_posix()}" for path in material[:1]] + [f"../{css}" for css in config.extra_css]
