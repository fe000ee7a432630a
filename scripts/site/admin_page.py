"""The browser editor under admin/ of the main build: Sveltia CMS, its fonts and its configuration.

Its npm packages are pinned in scripts/site/admin/packages.json with the registry's sha512
integrity; `npm pack` fetches them once into the virtual environment (shared by every checkout
that links it) and no other bytes are used. The bundle's CDN addresses (fonts, its interface
translations) are rewritten to the copies beside it, each address checked to occur exactly once,
so the page needs nothing but this site and the Git host's API, which is all its
Content-Security-Policy allows. Mirrors and ZIM files leave admin/ out (scripts/partners).
"""
from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from string import Template

import yaml

from scripts.site import cms_config

FOLDER = "admin"  # the site folder; mirrors and ZIM files leave it out
SOURCE = Path(__file__).resolve().parent / "admin"
PINS = SOURCE / "packages.json"
CACHE = Path(sys.prefix) / "editor-packages"
GIT_API = "https://api.github.com"
# Exactly this site and the Git host's API; inline styles because the CMS writes its own.
POLICY = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
          f"font-src 'self'; connect-src 'self' data: blob: {GIT_API}; object-src 'none'; frame-src 'none'; "
          "base-uri 'none'; form-action 'none'")
# Where the repository's name comes from: ours first, then the one GitHub Actions always sets.
REPOSITORY_SETTINGS = ("CMS_REPO", "GITHUB_REPOSITORY")


class AdminError(SystemExit):
    """Stops the build (site/ is left as it was) with a message that says what to do."""


def pins() -> dict:
    return json.loads(PINS.read_text(encoding="utf-8"))


def integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def tarball(package: dict) -> bytes:
    """The package's tarball, fetched once with npm; only the pinned bytes are accepted."""
    path = CACHE / f"{package['name'].lstrip('@').replace('/', '-')}-{package['version']}.tgz"
    if not path.is_file():
        _npm_pack(package, path)
    data = path.read_bytes()
    if integrity(data) != package["integrity"]:
        path.unlink()
        raise AdminError(f"{PINS.relative_to(cms_config.site_config.ROOT)}: Must get the pinned bytes of "
                         f"{package['name']}@{package['version']}: the registry sent others (removed; build again, "
                         "and if it persists, do not trust that copy)")
    return data


def _npm_pack(package: dict, path: Path) -> None:
    if not shutil.which("npm"):
        raise AdminError("npm: Must be installed to fetch the browser editor: run ./scripts/system-packages.sh site")
    CACHE.mkdir(parents=True, exist_ok=True)
    spec = f"{package['name']}@{package['version']}"
    done = subprocess.run(["npm", "pack", spec, "--silent", "--pack-destination", str(CACHE)],
                          capture_output=True, text=True, timeout=600)
    if done.returncode != 0 or not path.is_file():
        raise AdminError(f"npm pack {spec}: Must reach the npm registry once to fetch the browser editor "
                         f"({done.stderr.strip().splitlines()[-1:] or 'no message'})")


def unpack(package: dict, target: Path) -> None:
    """The package's chosen files and folders, under their names in the site."""
    with tarfile.open(fileobj=io.BytesIO(tarball(package)), mode="r:gz") as archive:
        for member in archive.getmembers():
            name = package.get("files", {}).get(member.name)
            for folder, into in package.get("folders", {}).items():
                if member.name.startswith(folder) and member.isfile():
                    name = into + member.name.removeprefix(folder)
            if name and member.isfile():
                (target / name).parent.mkdir(parents=True, exist_ok=True)
                (target / name).write_bytes(archive.extractfile(member).read())


def rewrite(target: Path, rewrites: dict[str, dict[str, str]]) -> None:
    """Point the bundle's CDN addresses at the copies beside it; a new release that moved one stops here."""
    for name, replacements in rewrites.items():
        text = (target / name).read_text(encoding="utf-8")
        for old, new in replacements.items():
            if text.count(old) != 1:
                raise AdminError(f"{PINS.relative_to(cms_config.site_config.ROOT)}: Must name addresses that occur "
                                 f"once in {name}: '{old}' occurs {text.count(old)} times (see MAINTAINING.md)")
            text = text.replace(old, new)
        (target / name).write_text(text, encoding="utf-8")


def repository() -> str | None:
    return next((os.environ[name] for name in REPOSITORY_SETTINGS if os.environ.get(name)), None)


def build_into(site_dir: Path) -> None:
    target = Path(site_dir) / FOLDER
    target.mkdir(parents=True, exist_ok=True)
    repo = repository()
    page = Template((SOURCE / "index.html").read_text(encoding="utf-8"))
    lang = cms_config.site_config.default_language()
    if not repo:
        notice = (SOURCE / "not-configured.html").read_text(encoding="utf-8")
        (target / "index.html").write_text(page.substitute(lang=lang, policy=POLICY, body=notice), encoding="utf-8")
        return
    settings = pins()
    for package in settings["packages"]:
        unpack(package, target)
    rewrite(target, settings["rewrites"])
    config = yaml.safe_dump(cms_config.config(repo), allow_unicode=True, sort_keys=False, width=1000)
    (target / "config.yml").write_text(config, encoding="utf-8")
    body = '<script src="sveltia-cms.js"></script>'
    (target / "index.html").write_text(page.substitute(lang=lang, policy=POLICY, body=body), encoding="utf-8")
