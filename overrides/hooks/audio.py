"""Partners' recordings of pages (audio/<lang>/<page id>.<ext>, scripts/core/recordings.py).

- on_pre_build of the outermost build: every recording checked and transcoded once
  (scripts/site/audio.py; cached); any problem stops the build before a page is written, as
  `audio/ky/arrival.m4a:1: Must …`, so a bad recording is never published;
- on_page_markdown: page.meta.audio for the player (overrides/partials/audio.html);
- on_files of the outermost build (once it has cleaned the site): a job beside the build writes a
  printable recording script per page and language, editors/recording/<lang>/<page id>.html
  (scripts/editors/recording_scripts.py; markup: recording-script.html beside this hook);
- on_post_build of the outermost build: the transcoded files into the site, once that job is done.
"""
import shutil
from pathlib import Path

import _path  # noqa: F401
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from scripts.core import recordings, site_config
from scripts.core.problems import report
from scripts.editors import recording_scripts
from scripts.site import audio, background, hook_marks

_state = {"depth": 0, "texts": {}, "published": {}, "scripts": None}


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


def on_files(files, config):
    if _state["depth"] == 1 and _state["scripts"] is None:
        states = {key: _recording_state(item) for key, item in _state["published"].items()}
        _state["scripts"] = background.start(recording_scripts.write, Path(config.site_dir), list(config.theme.dirs),
                                             _state["texts"], states)
    return files


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
    job, _state["scripts"] = _state["scripts"], None
    job.result()


def on_build_error(error):  # the scripts' job is stopped with the worker (overrides/hooks/background.py)
    _state.update(depth=0, scripts=None)


def _recording_state(item) -> str:
    return "outdated" if item.outdated else "recorded"
