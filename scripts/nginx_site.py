"""Run the shipped nginx configuration on loopback, as an unprivileged test of a real server.

The command; the work is done by scripts/partners/nginx.py.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.partners import nginx


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Preview a mirror through the shipped nginx configuration.")
    parser.add_argument("mirror", type=Path, help="unpacked mirror folder (holding site/ and hosting/)")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--https", action="store_true", help="the HTTPS configuration, self-signed certificate")
    parser.add_argument("--prefix", type=Path, help="where to put nginx's files (default: a temporary folder)")
    args = parser.parse_args(argv)
    import tempfile
    prefix = args.prefix or Path(tempfile.mkdtemp(prefix="nginx-mirror-"))
    try:
        site = nginx.prepare(args.mirror, prefix, https=args.https, port=args.port)
        with site:
            print(f"Serving {args.mirror}/site at {site.base_url} (nginx prefix {prefix}); Ctrl-C to stop")
            try:
                site.process.wait()
            except KeyboardInterrupt:
                pass
    except nginx.NginxError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
