"""Check a mirror, unpacked or still an archive, against its MANIFEST.json; name every difference.

The command; the work is done by scripts/partners/checksums.py.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.partners import checksums


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=checksums.__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="mirror folder, .tar.gz or .zip")
    parser.add_argument("--manifest", type=Path, help="check against this (published) manifest instead")
    args = parser.parse_args(argv)
    try:
        expected, differences, where = checksums.verify(args.path, args.manifest)
    except checksums.VerifyError as error:
        print(error, file=sys.stderr)
        return 2
    for difference in differences:
        print(difference.line(where), file=sys.stderr)
    label = f"version {expected.get('version')}, revision {str(expected.get('git_revision'))[:12]}"
    if differences:
        print(f"{where}: {len(differences)} difference(s) from the manifest ({label}): this is not the published "
              "mirror. Get it again from the original archive.", file=sys.stderr)
        return 1
    print(f"{where}: all {len(expected['files'])} files match the manifest ({label})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
