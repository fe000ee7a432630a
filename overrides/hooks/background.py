"""The build's worker process (scripts/site/background.py), in which the directory's, the editors'
and the stylesheet's jobs run beside mkdocs, ends with the build that started it: after every other
hook's on_post_build of the outermost build (the i18n plugin nests each language's build in the
first one's), or when a build fails, so that nothing writes into a site being thrown away.
"""
import _path  # noqa: F401
from mkdocs.plugins import event_priority

from scripts.site import background, hook_marks

_depth = [0]  # builds running: the i18n plugin nests each language's build in the first one's


def on_pre_build(config):
    hook_marks.leave(__file__, config)
    _depth[0] += 1


@event_priority(-1000)  # after every other hook's, the stylesheet's (-300) last among them
def on_post_build(config):
    _depth[0] -= 1
    if _depth[0] == 0:
        background.end()


def on_build_error(error):
    _depth[0] = 0
    background.end(failed=True)
