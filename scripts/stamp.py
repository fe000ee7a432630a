"""Record that translations follow the default-language text as it is now.

    python -m scripts.stamp docs/ky/school.md                # a machine translation's `translation:` record
    python -m scripts.stamp docs/ky/school.md --reviewed-by "Aida K., Rodnik"   # a native speaker checked it today
    python -m scripts.stamp data/services/<id>.yml            # a directory entry's `translated_from:`

Stamp a page after checking that the translation says what the source page says; stamp an entry
after checking that its translations say what its default-language texts say.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from scripts.core import site_config, translations
from scripts.directory import services
from scripts.editors import spelling
from scripts.editors.checks import spelling as spelling_check
from scripts.editors.checks.project import Project


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path, help="translated pages (docs/<lang>/*.md) or entries (data/services/*.yml)")
    parser.add_argument("--reviewed-by", default="", metavar="NAME",
                        help="who checked the page against the Russian one (a name or an organisation); default: machine translation")
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date.today(), help="when it was checked (default: today)")
    args = parser.parse_args(argv)
    for path in args.files:
        if path.suffix == ".md":
            if path.parent.name == site_config.default_language() or not path.exists():
                print(f"{path}: Must be an existing translated page, e.g. docs/ky/school.md", file=sys.stderr)
                return 2
            reviewer = " ".join(args.reviewed_by.split())
            translations.stamp(path, "reviewed" if reviewer else "machine", reviewer, args.date.isoformat())
            source = translations.source_of(path.parent.name, path.stem)
            done = f"reviewed by {reviewer} on {args.date.isoformat()}, against" if reviewer else "follows"
            print(f"{path}: {done} {source.relative_to(site_config.ROOT).as_posix()} (revision {translations.fingerprint(source)})")
            if reviewer:
                _confirm_words(path, f"Confirmed by {reviewer} on {args.date.isoformat()} (review of {path.as_posix()})")
        elif path.suffix == ".yml" and path.exists():
            try:
                print(f"{path}: {services.stamp(path)}")
            except services.ServicesError as error:
                print(error, file=sys.stderr)
                return 1
        else:
            print(f"{path}: Must be a page under docs/ or an entry under data/services/", file=sys.stderr)
            return 2
    return 0


def _confirm_words(path: Path, note: str) -> None:
    """The page's words that only the unconfirmed list vouched for: the reviewer saw them marked and confirmed them."""
    project = Project(site_config.ROOT)
    page = project.page(path.parent.name, path.name)
    if page is None:
        return
    words = {item.word for item in spelling_check.unknown_words(page, project) if item.unconfirmed and item.lang == page.lang}
    moved = spelling.confirm(project.root, page.lang, words, note)
    if moved:
        print(f"{path}: {len(moved)} word(s) confirmed, moved from {spelling.UNCONFIRMED.as_posix()}/{page.lang}.txt "
              f"to {spelling.WORD_LISTS.as_posix()}/{page.lang}.txt")


if __name__ == "__main__":
    sys.exit(main())
