"""Known mirrors (data/mirrors.yml) for the footer of every page: `mirrors` in the templates."""
import _path  # noqa: F401
from mkdocs.exceptions import PluginError

from scripts.site import mirrors_list

# Hooks

def on_env(env, config, files):
    try:
        env.globals["mirrors"] = mirrors_list.load()
    except mirrors_list.MirrorsError as error:
        raise PluginError(str(error)) from None
    return env
