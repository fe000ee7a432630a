"""Build the whole published output (site and leaflets) into a temporary folder, then swap.

The command; the work is done by scripts/site/build.py.
"""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from mkdocs.exceptions import Abort, MkDocsException

from scripts.core import site_config
from scripts.site import build


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=build.__doc__.splitlines()[0])
    parser.add_argument("--lang", help="build one language only (quick preview)")
    parser.add_argument("--site-dir", default=str(site_config.ROOT / "site"))
    args = parser.parse_args(argv)
    final = Path(args.site_dir).resolve()
    fresh = build.fresh_folder(final)
    try:
        build.build_into(fresh, args.lang)
    except (Abort, MkDocsException, SystemExit) as error:
        shutil.rmtree(fresh, ignore_errors=True)
        message = str(error) or "see the messages above"
        print(f"\nBuild stopped, site/ left unchanged: {message}", file=sys.stderr)
        return 1
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    fresh.chmod(0o755)
    build.swap(fresh, final)
    print(f"Built {final}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
