"""Known mirrors (data/mirrors.yml) for the footer of every page: `mirrors` in the templates."""
import _path  # noqa: F401
from mkdocs.exceptions import PluginError

from scripts.site import hook_marks, mirrors_list

# Hooks

def on_env(env, config, files):
    hook_marks.leave(__file__, config)
    try:
        env.globals["mirrors"] = mirrors_list.load()
    except mirrors_list.MirrorsError as error:
        raise PluginError(str(error)) from None
    return env
