"""Printable leaflets with permanent QR links, made into the freshly built site.

The command; the work is done by scripts/leaflets/render.py.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.core import site_config
from scripts.leaflets import render, shortlinks


def main(argv=None) -> int:
    if (argv if argv is not None else sys.argv[1:]) == ["--worker"]:
        return render._worker()
    parser = argparse.ArgumentParser(description="(Re)make the short-link pages and leaflets of a built site.")
    parser.add_argument("--site-dir", default=str(site_config.ROOT / "site"))
    parser.add_argument("--base-url", help="where the QR codes lead (default: LEAFLET_BASE_URL, else site_url)")
    parser.add_argument("--jobs", type=int, help="worker processes (default: one per core)")
    parser.add_argument("--no-record", action="store_true", help="never add new short links to data/shortlinks.yml")
    args = parser.parse_args(argv)
    site_dir = Path(args.site_dir)
    if not (site_dir / shortlinks.MANIFEST.format(lang=site_config.default_language())).exists() and not any(
            (site_dir / "leaflets").glob("pages-*.json")):
        print(f"{site_dir}: Must be a site built by `make site` (no leaflets/pages-*.json in it)", file=sys.stderr)
        return 1
    try:
        render.build_into(site_dir, args.base_url, workers=args.jobs, record=False if args.no_record else None)
    except render.LeafletError as error:
        print(str(error), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
