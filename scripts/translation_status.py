"""Which translation of which page is missing, outdated, machine-made or reviewed; which page
has a recording in which language (recorded, outdated or missing).

The command; the work is done by scripts/editors/translation_table.py.
"""
from __future__ import annotations

import sys

from scripts.core import recordings, site_config
from scripts.editors import language_report, translation_table
from scripts.editors.checks.project import Project


def main() -> int:
    project = Project(site_config.ROOT)
    sys.stdout.write(translation_table.markdown(project))
    sys.stdout.write(language_report.markdown(project))
    sys.stdout.write(recordings.table(site_config.ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
