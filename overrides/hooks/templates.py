"""The theme's templates compiled once per build process, not once per language
(scripts/site/template_cache.py). First of the on_env hooks, before any renders a template."""
import _path  # noqa: F401
from mkdocs.plugins import event_priority

from scripts.site import hook_marks, template_cache


@event_priority(100)
def on_env(env, config, files):
    hook_marks.leave(__file__, config)
    return template_cache.share(env)
