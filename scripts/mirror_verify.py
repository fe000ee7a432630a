"""Check a mirror, unpacked or still an archive, against its published manifest; name every difference.

The command; the work is done by scripts/partners/checksums.py.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.partners import checksums


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="mirror folder, .tar.gz or .zip")
    parser.add_argument("--manifest", type=Path, help="the published manifest (default: the one beside PATH, if any)")
    args = parser.parse_args(argv)
    try:
        manifest, differences, where, against = checksums.verify(args.path, args.manifest)
    except (checksums.VerifyError, OSError) as error:
        print(error, file=sys.stderr)
        return 2
    for difference in differences:
        print(difference.line(where), file=sys.stderr)
    label = f"version {manifest.get('version')}, revision {str(manifest.get('git_revision'))[:12]}"
    if differences:
        print(f"{where}: {len(differences)} difference(s) from {against} ({label}): this is not the published "
              "mirror. Get it again from the original archive.", file=sys.stderr)
        return 1
    print(f"{where}: all {len(manifest['files'])} files match {against} ({label})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
