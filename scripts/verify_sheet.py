"""Partners' verification sheet: the directory entries to confirm by telephone (`make verify-sheet`).

  python -m scripts.verify_sheet [--out dist]

Writes <out>/verify-sheet.pdf (A4, to print and fill in during the calls) and <out>/verify-sheet.csv
(the same entries, one a row, with empty columns for the answers). An entry is listed when no person
has checked it (assured_date) or the check is more than 12 months old.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from scripts.core import site_config
from scripts.core.problems import ProblemsError
from scripts.partners import verify_sheet


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.verify_sheet", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=site_config.ROOT / "dist", help="folder for the PDF and the CSV (default: dist)")
    args = parser.parse_args(argv)
    today = dt.date.today()
    try:
        rows = verify_sheet.rows(today)
    except ProblemsError as error:  # an entry with a mistake: `path:line: Must …`, as make check says
        print(error, file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    verify_sheet.write_csv(rows, args.out / "verify-sheet.csv")
    verify_sheet.write_pdf(rows, args.out / "verify-sheet.pdf", today)
    print(f"{len(rows)} entries to check: {args.out / 'verify-sheet.pdf'} and {args.out / 'verify-sheet.csv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
