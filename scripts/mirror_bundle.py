"""The mirror kit for partners: the built site as versioned archives, ZIM files and checksums.

The command; the work is done by scripts/partners/bundle.py.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from scripts.core import site_config
from scripts.partners import bundle, server_rules


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=bundle.__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=site_config.ROOT / "dist")
    parser.add_argument("--site", type=Path, help="pack this built site instead of building one")
    parser.add_argument("--base-url", default=os.environ.get("MIRROR_BASE_URL") or None,
                        help="the partner mirror's https:// address: the leaflets' QR codes lead there")
    parser.add_argument("--version", help="version name (default: build date and git revision)")
    parser.add_argument("--no-zim", action="store_true", help="skip the Kiwix files")
    args = parser.parse_args(argv)
    try:
        manifest = bundle.make_mirror(args.dist.resolve(), args.site.resolve() if args.site else None, args.base_url,
                               args.version, zim=not args.no_zim)
    except (bundle.MirrorError, server_rules.RulesError) as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Mirror {manifest['version']}: {manifest['page_count']} pages in {len(manifest['languages'])} languages, "
          f"{len(manifest['files'])} files, {manifest['removed_unused_files']} unused files left out")
    for line in (args.dist / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        name = line.split("  ", 1)[1]
        print(f"  {args.dist / name}  {bundle._size(args.dist / name)}")
    if manifest["git_dirty"]:
        print("Note: the working tree had uncommitted changes; the manifest says so (git_dirty).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
