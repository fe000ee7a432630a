"""Check a mirror, unpacked or still an archive, against its published manifest; name every difference.

Usage: python -m scripts.mirror_verify PATH [--manifest FILE]
PATH is a mirror folder (the one holding MANIFEST.json, or a folder it was unpacked into), a
.tar.gz or a .zip. Every changed, missing or extra file is named; the exit status is 1 if any.
The manifest inside a copy can be altered with the copy, so the copy is checked against the
manifest published next to the archives (migrant-rights-kz-<version>.manifest.json, found beside
PATH, or given with --manifest), itself checked against SHA256SUMS when that is there too. With
neither, the copy is checked against its own manifest, and the result says so plainly. A
manifest is read only up to MAX_MANIFEST_BYTES, and one that is not as `make mirror` writes it
is a message, not a traceback.
"""
from __future__ import annotations

import hashlib
import json
import re
import tarfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

MANIFEST_NAME = "MANIFEST.json"
PUBLISHED_SUFFIX = ".manifest.json"
SUMS_NAME = "SHA256SUMS"
MAX_MANIFEST_BYTES = 32 << 20  # about 200,000 files; the site has a few thousand (README "Limits")
SHA256 = re.compile(r"[0-9a-f]{64}")
CHUNK = 1 << 16


class VerifyError(ValueError):
    """The copy cannot be checked at all (no manifest, unreadable archive)."""


@dataclass(frozen=True)
class Difference:
    path: str
    kind: str  # "changed", "missing", "extra"
    detail: str

    def line(self, where: str) -> str:
        return f"{where}: {self.path}: {self.kind}: {self.detail}"


def digest(stream: BinaryIO) -> tuple[str, int]:
    sha, size = hashlib.sha256(), 0
    while chunk := stream.read(CHUNK):
        sha.update(chunk)
        size += len(chunk)
    return sha.hexdigest(), size


def folder_files(root: Path) -> Iterator[tuple[str, str | None, int]]:
    """(path, sha256 or None for what is not a plain file, size) for everything under root."""
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink() or not (path.is_file() or path.is_dir()):
            yield rel, None, 0
        elif path.is_file():
            with open(path, "rb") as handle:
                yield (rel, *digest(handle))


def describe(root: Path) -> dict[str, dict]:
    """The manifest's "files": every plain file under root but the manifest itself."""
    files = {}
    for rel, sha, size in folder_files(root):
        if rel != MANIFEST_NAME and sha is not None:
            files[rel] = {"sha256": sha, "size": size}
    return files


def compare(expected: dict[str, dict], found: Iterator[tuple[str, str | None, int]]) -> list[Difference]:
    differences, seen = [], set()
    for path, sha, size in found:
        if path == MANIFEST_NAME:
            continue
        seen.add(path)
        if path not in expected:
            differences.append(Difference(path, "extra", "not in the manifest; remove it"))
        elif sha is None:
            differences.append(Difference(path, "changed", "not a plain file (a link or a device) where the manifest "
                                                           "has a file; restore it from the original archive"))
        elif sha != expected[path]["sha256"]:
            differences.append(Difference(path, "changed", f"{size} bytes with sha256 {sha[:16]}…, the manifest has "
                                          f"{expected[path]['size']} bytes with sha256 {expected[path]['sha256'][:16]}…; "
                                          "restore it from the original archive"))
    for path in sorted(set(expected) - seen):
        differences.append(Difference(path, "missing", "listed in the manifest; restore it from the original archive"))
    return sorted(differences, key=lambda difference: (difference.path, difference.kind))


# Reading a copy: a folder, a .tar.gz or a .zip

def _bundle_root(folder: Path) -> Path:
    if (folder / MANIFEST_NAME).is_file():
        return folder
    inner = [child for child in folder.iterdir() if (child / MANIFEST_NAME).is_file()] if folder.is_dir() else []
    if len(inner) == 1:
        return inner[0]
    raise VerifyError(f"{folder}: Must be a mirror folder holding {MANIFEST_NAME} (or the folder it was unpacked "
                      "into): none found. Pass the folder named like migrant-rights-kz-<version>")


def _top_folder(names: list[str], where: Path) -> str:
    tops = {name.split("/", 1)[0] for name in names if name.strip("/")}
    if len(tops) != 1:
        raise VerifyError(f"{where}: Must hold one folder (migrant-rights-kz-<version>/); it holds {len(tops)} "
                          f"top-level entries ({', '.join(sorted(tops)[:5])}). Is it a mirror archive?")
    return tops.pop() + "/"


def _tar_files(path: Path) -> tuple[bytes | None, list[tuple[str, str | None, int]]]:
    with tarfile.open(path, "r:*") as archive:
        members = archive.getmembers()
        top = _top_folder([member.name for member in members], path)
        manifest, found = None, []
        for member in members:
            rel = member.name[len(top):].strip("/") if member.name.startswith(top) else member.name
            if not rel or member.isdir():
                continue
            if not member.isreg():
                found.append((rel, None, 0))
                continue
            data = archive.extractfile(member)
            if rel == MANIFEST_NAME:
                manifest = data.read(MAX_MANIFEST_BYTES + 1)
            else:
                found.append((rel, *digest(data)))
        return manifest, found


def _zip_files(path: Path) -> tuple[bytes | None, list[tuple[str, str | None, int]]]:
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
        top = _top_folder([info.filename for info in infos], path)
        manifest, found = None, []
        for info in infos:
            rel = info.filename[len(top):].strip("/") if info.filename.startswith(top) else info.filename
            if not rel or info.is_dir():
                continue
            if (info.external_attr >> 16) & 0o170000 == 0o120000:  # a symbolic link
                found.append((rel, None, 0))
                continue
            with archive.open(info) as data:
                if rel == MANIFEST_NAME:
                    manifest = data.read(MAX_MANIFEST_BYTES + 1)
                else:
                    found.append((rel, *digest(data)))
        return manifest, found


def read_copy(path: Path) -> tuple[dict | None, list[tuple[str, str | None, int]], str]:
    """(manifest inside the copy or None, its files, what to call it in messages)."""
    if path.is_dir():
        root = _bundle_root(path)
        return manifest_of(_read_bounded(root / MANIFEST_NAME), root / MANIFEST_NAME), list(folder_files(root)), str(root)
    if not path.is_file():
        raise VerifyError(f"{path}: Must be a mirror folder, a .tar.gz or a .zip: nothing is there")
    try:
        if zipfile.is_zipfile(path):
            raw, found = _zip_files(path)
        else:
            raw, found = _tar_files(path)
    except (tarfile.TarError, zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
        raise VerifyError(f"{path}: Must be a readable .tar.gz or .zip ({error}); download it again "
                          "and compare it with SHA256SUMS (sha256sum -c SHA256SUMS)") from None
    manifest = manifest_of(raw, f"{path}:{MANIFEST_NAME}") if raw is not None else None
    return manifest, found, str(path)


def _read_bounded(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(MAX_MANIFEST_BYTES + 1)


def manifest_of(raw: bytes, where) -> dict:
    """The manifest's data, or VerifyError saying why it is not one `make mirror` writes."""
    if len(raw) > MAX_MANIFEST_BYTES:
        raise VerifyError(f"{where}: Must be at most {MAX_MANIFEST_BYTES >> 20} MB, as every manifest `make mirror` "
                          "writes is: this one was padded or is not a manifest. Get the published one again")
    try:
        manifest = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise VerifyError(f"{where}: Must be the JSON manifest `make mirror` writes ({error}). Get the published "
                          "one again") from None
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if not isinstance(files, dict) or not all(
            isinstance(entry, dict) and isinstance(entry.get("sha256"), str) and SHA256.fullmatch(entry["sha256"])
            and isinstance(entry.get("size"), int) for entry in files.values()):
        raise VerifyError(f"{where}: Must be a manifest as `make mirror` writes it, with \"files\": {{path: "
                          "{\"sha256\": …, \"size\": …}}}. Get the published one again")
    return manifest


def published_beside(path: Path) -> Path | None:
    """The manifest published next to the archive (or the folder it was unpacked from), if it is there."""
    if path.is_dir():
        try:
            path = _bundle_root(path)
        except VerifyError:
            return None
    name = path.name
    for suffix in (".tar.gz", ".zip"):
        name = name.removesuffix(suffix)
    candidate = path.parent / f"{name}{PUBLISHED_SUFFIX}"
    return candidate if candidate.is_file() else None


def sums_problems(manifest_path: Path, archive: Path | None) -> list[Difference]:
    """The published manifest and the archive against SHA256SUMS beside the manifest, when it is there."""
    sums_path = manifest_path.parent / SUMS_NAME
    if not sums_path.is_file():
        return []
    listed = {}
    for line in _read_bounded(sums_path).decode("utf-8", errors="replace").splitlines():
        digest_text, _, name = line.partition("  ")
        listed[name.strip()] = digest_text.strip()
    found = []
    for checked in filter(None, [manifest_path, archive]):
        if checked.name in listed:
            with open(checked, "rb") as handle:
                actual = digest(handle)[0]
            if actual != listed[checked.name]:
                found.append(Difference(checked.name, "changed", f"its sha256 is not the one in {sums_path}: it was "
                                        "altered or is of another version; download it again"))
    return found


def verify(path: Path, manifest_path: Path | None = None) -> tuple[dict, list[Difference], str, str]:
    """(manifest, differences, what was checked, against what)."""
    inside, found, where = read_copy(path)
    manifest_path = manifest_path or published_beside(path)
    differences = []
    if manifest_path is not None:
        manifest = manifest_of(_read_bounded(manifest_path), manifest_path)
        differences += sums_problems(manifest_path, path if path.is_file() else None)
        against = f"the published manifest {manifest_path}"
    elif inside is not None:
        manifest = inside
        against = (f"its own {MANIFEST_NAME} only: this shows the copy is whole, not that it is the published one "
                   "(whoever changed the copy could change its manifest too). To be sure, download "
                   "migrant-rights-kz-<version>.manifest.json and SHA256SUMS from the original place and run again "
                   "with --manifest")
    else:
        raise VerifyError(f"{where}: Must contain {MANIFEST_NAME}: without it nothing can be checked; pass the "
                          "published manifest with --manifest dist/migrant-rights-kz-<version>.manifest.json")
    differences += compare(manifest["files"], iter(found))
    if manifest_path is not None and inside is not None and inside != manifest:
        differences.insert(0, Difference(MANIFEST_NAME, "changed", f"differs from {manifest_path}; the copy was "
                                         "altered or is of another version"))
    return manifest, differences, where, against
