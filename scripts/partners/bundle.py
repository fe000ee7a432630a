"""The mirror kit for partners: the built site as versioned archives, ZIM files and checksums.

`make mirror` (python -m scripts.mirror_bundle) builds the site and writes into dist/:
  migrant-rights-kz-<version>.tar.gz and .zip   the same folder, migrant-rights-kz-<version>/:
      site/            the website: opens from disk (site/index.html) or is served as it is
      hosting/         server rules: nginx/ (tested), netlify/, cloudflare-pages/, apache/, caddy/
      README.txt       what to do with it, in short (deploy/README.md in full)
      MANIFEST.json    version, build date, git revision, languages, page count, every file's sha256
  migrant-rights-kz-<version>.manifest.json     the manifest, to check a copy against
  migrant-rights-kz-<version>-<lang>.zim        one Kiwix file per language
  SHA256SUMS                                    of all the above (sha256sum -c SHA256SUMS)
Only the assets the pages use are shipped (no Material JavaScript, source maps or search files
of other languages), and text files get .gz and .br twins for the web server.

Options: --base-url https://partner.example/ (make mirror MIRROR_BASE_URL=…) makes the leaflets'
QR codes lead to that mirror; --site DIR packs an already built site instead of building one.
"""
from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from scripts.core import site_config
from scripts.leaflets import shortlinks
from scripts.partners import checksums, precompress, server_rules, site_references
from scripts.site import admin_page

NAME = "migrant-rights-kz"
ASSETS = "assets/"
NEVER_SHIPPED = (".map",)  # source maps: for developers, never for readers
MAX_SHOWN = 30  # problems printed at most
README = """\
{title}
{underline}
Version {version}, built {build_date}, git revision {git_revision}.
Languages: {languages}. Pages: {page_count}.

Read it without internet: open site/index.html in a browser (Russian; the other languages are
one tap away at the top of the page). Or open the Kiwix file of your language
(migrant-rights-kz-{version}-<language>.zim, published next to this archive) in the Kiwix app.

Put it on a web server: point the server at the site/ folder. Ready configurations are in
hosting/: nginx (hosting/nginx/migrant-rights.conf, or -https.conf), Netlify and Cloudflare
Pages (copy the _headers and _redirects of hosting/netlify/ or hosting/cloudflare-pages/ into
site/), Apache and Caddy. Full instructions: deploy/README.md in the project's repository.

Check that nothing was changed, against what was published (not against this copy's own
MANIFEST.json, which whoever changed the copy could change too): download
migrant-rights-kz-{version}.manifest.json and SHA256SUMS from where this archive was published,
put them beside the archive, then, from the project's repository:
  sha256sum -c --ignore-missing SHA256SUMS
  python -m scripts.mirror_verify --manifest migrant-rights-kz-{version}.manifest.json <this folder or the archive>
{base_url_line}"""


class MirrorError(ValueError):
    """The mirror cannot be made; the message names the file and what to do."""


@dataclass(frozen=True)
class Identity:
    version: str
    build_date: dt.datetime
    git_revision: str
    git_dirty: bool

    @property
    def folder(self) -> str:
        return f"{NAME}-{self.version}"


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=site_config.ROOT, capture_output=True, text=True,
                              check=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def identity(version: str | None = None) -> Identity:
    """Version (default: build date and short revision), build date (SOURCE_DATE_EPOCH if set)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else dt.datetime.now(dt.timezone.utc)
    now = now.replace(microsecond=0)
    revision = _git("rev-parse", "HEAD") or "unknown"
    dirty = bool(_git("status", "--porcelain", "--untracked-files=no"))
    version = version or os.environ.get("MIRROR_VERSION") or f"{now:%Y.%m.%d}-{revision[:7]}"
    if not version.replace(".", "").replace("-", "").replace("_", "").isalnum():
        raise MirrorError(f"MIRROR_VERSION: Must be letters, digits, '.', '-' or '_' (received {version!r}): "
                          "it names the archives")
    return Identity(version, now, revision, dirty)


# The site as shipped

def unused_assets(site: Path) -> list[str]:
    """Files under assets/ that no page uses (directly or through a stylesheet), and source maps."""
    files = site_references.site_files(site)
    pages = [path for path in files if path.endswith(".html")]
    used = site_references.reachable(site, pages)
    return [path for path in files
            if path.endswith(NEVER_SHIPPED) or (path.startswith(ASSETS) and path not in used)]


def offline_problems(site: Path) -> list[str]:
    """What would break when the site is opened from disk: missing files, links from the server root."""
    problems = []
    for reference in site_references.broken(site):
        problems.append(f"{reference.source}: Must link to a file of the site: {reference.value!r} leads to "
                        f"{reference.target}, which is not there (fix the link or the page that makes it)")
    for path in site_references.site_files(site):
        if path.endswith(".html") and Path(path).name != "404.html":
            for reference in site_references.references(site, path):
                if reference.absolute:
                    problems.append(f"{path}: Must link relatively, not from the server root ({reference.value!r}): "
                                    "such links break when the site is opened from disk or served under a sub-path")
    return problems


def stage_site(source: Path, target: Path) -> int:
    """Copy the built site, without what the pages do not use, and add the .gz and .br twins.

    Returns how many files were left out; stops, naming each, on a link that would break."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(*(f"*{suffix}" for suffix in precompress.TWINS)))
    shutil.rmtree(target / admin_page.FOLDER, ignore_errors=True)  # the editor is the main site's alone
    removed = unused_assets(target)
    for path in removed:
        (target / path).unlink()
    for folder in sorted((path for path in target.rglob("*") if path.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    problems = offline_problems(target)
    if problems:
        more = f"\n… and {len(problems) - MAX_SHOWN} more" if len(problems) > MAX_SHOWN else ""
        raise MirrorError("\n".join(problems[:MAX_SHOWN]) + more)
    precompress.write_twins(target)
    return len(removed)


def page_counts(site: Path) -> list[dict]:
    """Pages per language, from the records the build keeps (leaflets/pages-<lang>.json)."""
    pages = shortlinks.read_manifests(site)
    if not pages:
        raise MirrorError(f"{site}: Must be a site built by `make site` (no {shortlinks.MANIFEST.format(lang='<lang>')})")
    return [{"code": language.code, "name": language.name, "pages": len(pages.get(language.code, []))}
            for language in site_config.languages()]


def base_url_of(explicit: str | None) -> str | None:
    """Where the leaflets' QR codes lead, as scripts/leaflets/shortlinks.py decides it (None: placeholder)."""
    try:
        base = shortlinks.base_url(explicit)
    except shortlinks.ShortLinkError as error:
        raise MirrorError(str(error)) from None
    return None if base.placeholder else base.url


# Archives that are the same for the same files and date

def _members(root: Path) -> list[Path]:
    return sorted(root.rglob("*"), key=lambda path: path.relative_to(root).as_posix())


def write_tar_gz(root: Path, target: Path, when: dt.datetime) -> None:
    stamp = int(when.timestamp())
    with open(target, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=stamp, filename="") as packed:
        with tarfile.open(fileobj=packed, mode="w", format=tarfile.PAX_FORMAT) as archive:
            for path in [root, *_members(root)]:
                info = archive.gettarinfo(str(path), arcname=(Path(root.name) / path.relative_to(root)).as_posix())
                info.uid = info.gid = 0
                info.uname = info.gname = ""
                info.mtime = stamp
                info.mode = 0o755 if path.is_dir() else 0o644
                if path.is_file():
                    with open(path, "rb") as handle:
                        archive.addfile(info, handle)
                else:
                    archive.addfile(info)


def write_zip(root: Path, target: Path, when: dt.datetime) -> None:
    date_time = when.timetuple()[:6]
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in [root, *_members(root)]:
            name = (Path(root.name) / path.relative_to(root)).as_posix() + ("/" if path.is_dir() else "")
            info = zipfile.ZipInfo(name, date_time)
            info.external_attr = ((0o40755 if path.is_dir() else 0o100644) << 16) | (0x10 if path.is_dir() else 0)
            info.compress_type = zipfile.ZIP_STORED if path.is_dir() or path.suffix in (".gz", ".br", ".png") \
                else zipfile.ZIP_DEFLATED
            archive.writestr(info, b"" if path.is_dir() else path.read_bytes())


def sha256_of(path: Path) -> str:
    sha = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 16):
            sha.update(chunk)
    return sha.hexdigest()


# The whole kit

def build_site_into(target: Path, base_url: str | None) -> None:
    """The full site, leaflets included, as `make site` builds it; QR codes to base_url if given."""
    from mkdocs.exceptions import Abort, MkDocsException

    from scripts.site import build
    previous = os.environ.get("LEAFLET_BASE_URL")
    if base_url:
        os.environ["LEAFLET_BASE_URL"] = base_url
    try:
        build.build_into(target)
    except (Abort, MkDocsException) as error:
        raise MirrorError(f"The site did not build, so no mirror was made: {error or 'see the messages above'}") from None
    finally:
        if previous is None:
            os.environ.pop("LEAFLET_BASE_URL", None)
        else:
            os.environ["LEAFLET_BASE_URL"] = previous


def relink_leaflets(site: Path, base_url: str) -> None:
    """Remake the short-link pages and leaflets of a staged site for another base URL."""
    from scripts.leaflets import render  # WeasyPrint: loaded only when leaflets are remade
    try:
        render.build_into(site, base_url, quiet=True)
    except render.LeafletError as error:
        raise MirrorError(str(error)) from None


def make_mirror(dist: Path, site: Path | None = None, base_url: str | None = None, version: str | None = None,
                zim: bool = True, log=print) -> dict:
    """Build (or take) the site and write the whole kit into dist/; returns the manifest."""
    who = identity(version)
    dist.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".mirror-", dir=dist))
    try:
        bundle = work / who.folder
        bundle.mkdir()
        prebuilt = site is not None
        if not prebuilt:
            log("Building the site…")
            site = work / "built"
            build_site_into(site, base_url)
        elif not (site / "index.html").is_file():
            raise MirrorError(f"{site}: Must be a built site (no index.html): run `make site` first")
        left_out = stage_site(site, bundle / "site")
        if base_url and prebuilt:  # the given site's leaflets lead elsewhere: remake them
            relink_leaflets(bundle / "site", base_url)
            precompress.write_twins(bundle / "site")
        rules = server_rules.write_hosting(bundle / "hosting", bundle / "site")
        languages = page_counts(bundle / "site")
        manifest = {
            "name": NAME,
            "version": who.version,
            "build_date": who.build_date.isoformat().replace("+00:00", "Z"),
            "git_revision": who.git_revision,
            "git_dirty": who.git_dirty,
            "qr_base_url": base_url_of(base_url),
            "languages": languages,
            "page_count": sum(language["pages"] for language in languages),
            "short_links": rules["short_links"],
            "removed_unused_files": left_out,
        }
        title = site_config.load().get("site_name", NAME)
        readme = README.format(title=title, underline="=" * len(title),
                               languages=", ".join(f"{item['name']} ({item['code']})" for item in languages),
                               base_url_line=(f"\nThe leaflets' QR codes, site/sitemap.xml and site/robots.txt lead to "
                                              f"{manifest['qr_base_url']}.\n" if manifest["qr_base_url"] else
                                              "\nNo site/sitemap.xml: this mirror was made without its address "
                                              "(make mirror MIRROR_BASE_URL=https://…/ adds one).\n"),
                               **{key: manifest[key] for key in ("version", "build_date", "git_revision", "page_count")})
        (bundle / "README.txt").write_text(readme, encoding="utf-8")
        manifest["files"] = checksums.describe(bundle)
        text = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
        (bundle / checksums.MANIFEST_NAME).write_text(text, encoding="utf-8")

        outputs = work / "out"
        outputs.mkdir()
        (outputs / f"{who.folder}.manifest.json").write_text(text, encoding="utf-8")
        log("Writing the archives…")
        write_tar_gz(bundle, outputs / f"{who.folder}.tar.gz", who.build_date)
        write_zip(bundle, outputs / f"{who.folder}.zip", who.build_date)
        if zim:
            from scripts.partners import zim
            for language in languages:
                target = outputs / f"{who.folder}-{language['code']}.zim"
                log(f"Writing {target.name}…")
                zim.write_zim(bundle / "site", language["code"], target, who.build_date.date(),
                                     online=manifest["qr_base_url"])
        sums = "".join(f"{sha256_of(path)}  {path.name}\n" for path in sorted(outputs.iterdir()))
        (outputs / "SHA256SUMS").write_text(sums, encoding="utf-8")

        for old in list(dist.glob(f"{NAME}-*")) + [dist / "SHA256SUMS"]:
            if old.is_file():
                old.unlink()
            elif old.is_dir():
                shutil.rmtree(old)
        for path in sorted(outputs.iterdir()):
            path.replace(dist / path.name)
        return manifest
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _size(path: Path) -> str:
    return f"{path.stat().st_size / 1_048_576:.2f} MB"
