"""Build the whole published output (site and leaflets) into a temporary folder, then swap.

The command; the work is done by scripts/site/build.py. `--engine properdocs` (or SITE_ENGINE,
`make site ENGINE=properdocs`) builds with ProperDocs instead of MkDocs (scripts/site/engine.py).
"""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from scripts.site import engine

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", help="build one language only (quick preview)")
    parser.add_argument("--site-dir", default=str(ROOT / "site"))
    parser.add_argument("--engine", choices=engine.ENGINES, default=engine.requested(),
                        help=f"the engine that builds the pages (default: ${engine.SETTING}, else {engine.DEFAULT})")
    parser.add_argument("--no-leaflets", action="store_true",
                        help="leave out short links and leaflets (quick preview; the engine comparison)")
    args = parser.parse_args(argv)
    engine.select(args.engine)  # before anything imports mkdocs
    from mkdocs.exceptions import Abort, MkDocsException

    from scripts.site import build
    final = Path(args.site_dir).resolve()
    fresh = build.fresh_folder(final)
    try:
        build.build_into(fresh, args.lang, leaflets=not args.no_leaflets)
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
    print(f"Built {final} with {engine.current()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
