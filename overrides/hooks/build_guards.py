"""Stop the build, naming the file, on inputs it would misread or must not publish."""
import _path  # noqa: F401
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from scripts.core import docs_layout, published_files, site_config
from scripts.core.problems import report
from scripts.site import hook_marks

# Hooks

# Before mkdocs lists docs/ (it would follow a link to a folder) and before any hook reads data/.
@event_priority(100)
def on_pre_build(config):
    problems = list(published_files.problems(site_config.ROOT, site_config.docs_dir()))
    if problems:
        raise PluginError(report(problems))


# Before the i18n plugin (priority -100) rewrites the file list.
@event_priority(100)
def on_files(files, config):
    hook_marks.leave(__file__, config)
    problems = list(docs_layout.problems())
    if problems:
        raise PluginError(report(problems))
    return files
