"""A Kiwix ZIM file per language, so families read the site in the Kiwix app with no connection.

The command; the work is done by scripts/partners/zim.py.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.core import site_config
from scripts.partners import zim


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=zim.__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", action="append", help="only this language (repeatable)")
    parser.add_argument("--base-url", help="online address for links to other languages")
    args = parser.parse_args(argv)
    try:
        for lang in args.lang or site_config.language_codes():
            target = args.out / f"{zim.NAME}-{lang}.zim"
            count = zim.write_zim(args.site, lang, target, online=args.base_url)
            print(f"{target}: {count} entries")
    except zim.ZimError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
