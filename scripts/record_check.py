"""Record that a person checked a directory entry by telephone, and what they confirmed.

  python -m scripts.record_check unhcr-almaty --assurer "Rodnik" --phone "+7 727 258 45 98" \\
      --drop-phone +77272583982 --address "ул. Байзакова, 303, Алматы, 050040" --hours "Mo-Fr 09:00-18:00"

Sets assured_date (HSDS) and who checked it (--assurer-email, or --assurer for an organisation),
adds the call as a source of each confirmed value, and records the change. The file keeps its
comments; it is written only if it then passes `make check`, otherwise nothing changes and the
command says `path:line: Must …`. A number or address seen only in a medium-confidence source must
be confirmed (--phone, --address) or removed (--drop-phone, --drop-address): none is left to
publish unchecked.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from scripts.core.problems import ProblemsError, editor_path
from scripts.directory import services
from scripts.partners import record


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m scripts.record_check", description=__doc__.split("\n\n")[0])
    parser.add_argument("id", help="the entry's id: data/services/<id>.yml")
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--assurer-email", help="e-mail of the person who checked (HSDS assurer_email)")
    who.add_argument("--assurer", help="the organisation that checked, e.g. Rodnik")
    parser.add_argument("--date", help="the day of the check, YYYY-MM-DD (default: today)")
    parser.add_argument("--phone", action="append", default=[], help="a number that answered (repeat for each)")
    parser.add_argument("--drop-phone", action="append", default=[], help="a number of the entry that is wrong")
    parser.add_argument("--address", help="the address as confirmed, in the site's default language")
    parser.add_argument("--drop-address", action="store_true", help="the entry's address is wrong: remove it")
    parser.add_argument("--hours", help="opening hours as confirmed, OpenStreetMap syntax, e.g. 'Mo-Fr 09:00-18:00'")
    parser.add_argument("--languages", help="languages spoken, as site codes separated by commas, e.g. ru,kk")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None, folder: Path | None = None, today: dt.date | None = None) -> int:
    args = arguments(argv)
    today = today or dt.date.today()
    try:
        path = record.entry_path(args.id, folder or services.DATA_DIR)
        day = record.apply(path, args, today)
    except ProblemsError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"{editor_path(path)}: checked on {day} by {args.assurer_email or args.assurer}. "
          "Commit the file; `make site` publishes it.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
