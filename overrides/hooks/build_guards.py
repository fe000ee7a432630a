"""Stop the build, naming the file, on docs/ content the i18n plugin would silently misread."""
import _path  # noqa: F401
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from scripts.core import docs_layout

# Hooks

# Before the i18n plugin (priority -100) rewrites the file list.
@event_priority(100)
def on_files(files, config):
    problems = list(docs_layout.problems())
    if problems:
        raise PluginError("\n".join(f"{path}:{line}: {message}" for path, line, message in problems))
    return files
