"""Partners' recordings of pages (audio/<lang>/<page id>.<ext>, scripts/core/recordings.py).

- on_pre_build of the outermost build: every recording checked and transcoded once
  (scripts/site/audio.py; cached); any problem stops the build before a page is written, as
  `audio/ky/arrival.m4a:1: Must …`, so a bad recording is never published;
- on_page_markdown: page.meta.audio for the player (overrides/partials/audio.html);
- on_post_build of the outermost build: the transcoded files into the site, and a printable
  recording script per page and language, editors/recording/<lang>/<page id>.html
  (recording-script.html beside this hook).
"""
import shutil
from pathlib import Path

import _path  # noqa: F401
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from scripts.core import recordings, site_config
from scripts.core.problems import report
from scripts.site import audio, hook_marks

_state = {"depth": 0, "texts": {}, "published": {}}


def on_pre_build(config):
    hook_marks.leave(__file__, config)
    _state["depth"] += 1
    if _state["depth"] > 1:
        return
    root = site_config.ROOT
    texts = recordings.page_texts(root)
    found, problems = recordings.find(root, texts)
    published, sound_problems = audio.publish(root, found, texts)
    if problems + sound_problems:
        raise PluginError("Recordings: nothing is published until these are fixed\n"
                          + report(sorted(problems + sound_problems)))
    _state["texts"] = texts
    _state["published"] = {(item.recording.lang, item.recording.page_id): item for item in published}


def on_page_markdown(markdown, page, config, files):
    item = _state["published"].get((config.theme["language"], page.meta.get("id")))
    if item and not (page.meta.get("translation") or {}).get("fallback"):
        page.meta["audio"] = item.meta()
    return markdown


@event_priority(-250)  # after the other languages' builds, before the stylesheet is made
def on_post_build(config):
    _state["depth"] -= 1
    if _state["depth"] > 0:
        return
    site = Path(config.site_dir)
    for item in _state["published"].values():
        target = site / item.site_path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(item.file, target)
    template = config.theme.get_env().get_template("hooks/recording-script.html")
    for (lang, page_id), text in _state["texts"].items():
        target = site / "editors" / "recording" / lang / f"{page_id}.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        item = _state["published"].get((lang, page_id))
        target.write_text(template.render(
            lang=lang, page_id=page_id, text=text, paragraphs=recordings.short_paragraphs(text.blocks),
            source=text.path.relative_to(site_config.ROOT).as_posix(), state=_recording_state(item),
            stylesheet="../../recording-script.css"), encoding="utf-8")
    stylesheet = config.theme.get_env().get_template("hooks/recording-script.css").render()
    (site / "editors" / "recording-script.css").write_text(stylesheet, encoding="utf-8")


def on_build_error(error):
    _state["depth"] = 0


def _recording_state(item) -> str:
    return "missing" if item is None else "outdated" if item.outdated else "recorded"
