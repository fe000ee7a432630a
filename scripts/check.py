"""The editors' content check: every problem as `path:line: Must …`, without building the site.

The command; the work is done by scripts/editors/content_check.py.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from scripts.core import site_config
from scripts.editors import content_check, translation_table
from scripts.editors.checks.project import Project


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=content_check.__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="check only these files or folders")
    parser.add_argument("--strict", action="store_true", help="fail on warnings too (stale review dates)")
    parser.add_argument("--quiet", action="store_true", help="print only the problems")
    parser.add_argument("--root", type=Path, default=site_config.ROOT, help=argparse.SUPPRESS)
    parser.add_argument("--today", type=dt.date.fromisoformat, help=argparse.SUPPRESS)
    parser.add_argument("--fix-line-endings", action="store_true", help="rewrite the given files with LF and no BOM")
    args = parser.parse_args(argv)
    if args.fix_line_endings:
        content_check.fix_line_endings(args.paths)
        return 0
    project = Project(args.root)
    selected = {path.resolve() for path in args.paths} if args.paths else None
    problems = content_check.run(project, selected, args.today)
    for problem in problems:
        print(problem)
    sys.stdout.flush()
    errors = sum(not problem.warning for problem in problems)
    warnings = len(problems) - errors
    if not args.quiet:
        if selected is None:
            print("\n" + "\n".join(translation_table.summary(project)), file=sys.stderr)
        verdict = "no problems" if not problems else f"{errors} error(s), {warnings} warning(s)"
        print(f"make check: {verdict}" + (" (warnings do not fail without --strict)" if warnings and not errors and not args.strict else ""),
              file=sys.stderr)
    return 1 if errors or (warnings and args.strict) else 0


if __name__ == "__main__":
    sys.exit(main())
