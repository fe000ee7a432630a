"""The printable recording scripts the build publishes for partners who record pages:
editors/recording/<lang>/<page id>.html, one per page and language, with the page's text as the
speaker reads it (scripts/core/recordings.py), from the template RECORDING_TEMPLATE in the theme's
folders. overrides/hooks/audio.py starts this as a job beside the build: rendering every page's
text takes the build's process a few tenths of a second, and a build that stops never needs it."""
from __future__ import annotations

from pathlib import Path

from scripts.core import recordings, site_config
from scripts.editors.editors_site import theme_environment

RECORDING_TEMPLATE = "hooks/recording-script.html"
STYLESHEET = "hooks/recording-script.css"


def write(site: Path, theme_dirs: list[str], texts: dict, states: dict) -> None:
    """`texts`: (lang, page id) -> recordings.PageText; `states`: (lang, page id) -> recorded or
    outdated, for the pages with a recording (the others are missing)."""
    env = theme_environment(theme_dirs)
    template = env.get_template(RECORDING_TEMPLATE)
    for (lang, page_id), text in texts.items():
        target = site / "editors" / "recording" / lang / f"{page_id}.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(template.render(
            lang=lang, page_id=page_id, text=text, paragraphs=recordings.short_paragraphs(text.blocks),
            source=text.path.relative_to(site_config.ROOT).as_posix(), state=states.get((lang, page_id), "missing"),
            stylesheet="../../recording-script.css"), encoding="utf-8")
    (site / "editors" / "recording-script.css").write_text(env.get_template(STYLESHEET).render(), encoding="utf-8")
