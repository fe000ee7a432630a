"""Check a mirror, unpacked or still an archive, against its MANIFEST.json; name every difference.

Usage: python -m scripts.mirror_verify PATH [--manifest FILE]
PATH is a mirror folder (the one holding MANIFEST.json, or a folder it was unpacked into), a
.tar.gz or a .zip. Every changed, missing or extra file is named; the exit status is 1 if any.
The manifest inside a copy can be altered with the copy: to check against the one published
next to the archives, pass it with --manifest (its own checksum is in SHA256SUMS).
"""
from __future__ import annotations

import hashlib
import json
import tarfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

MANIFEST_NAME = "MANIFEST.json"
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
                manifest = data.read()
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
                    manifest = data.read()
                else:
                    found.append((rel, *digest(data)))
        return manifest, found


def read_copy(path: Path) -> tuple[dict | None, list[tuple[str, str | None, int]], str]:
    """(manifest inside the copy or None, its files, what to call it in messages)."""
    if path.is_dir():
        root = _bundle_root(path)
        return json.loads((root / MANIFEST_NAME).read_text(encoding="utf-8")), list(folder_files(root)), str(root)
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
    manifest = json.loads(raw) if raw else None
    return manifest, found, str(path)


def verify(path: Path, manifest_path: Path | None = None) -> tuple[dict, list[Difference], str]:
    inside, found, where = read_copy(path)
    if manifest_path is not None:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    elif inside is not None:
        manifest = inside
    else:
        raise VerifyError(f"{where}: Must contain {MANIFEST_NAME}: without it nothing can be checked; pass the "
                          "published manifest with --manifest dist/migrant-rights-kz-<version>.manifest.json")
    differences = compare(manifest["files"], iter(found))
    if manifest_path is not None and inside is not None and inside != manifest:
        differences.insert(0, Difference(MANIFEST_NAME, "changed", f"differs from {manifest_path}; the copy was "
                                         "altered or is of another version"))
    return manifest, differences, where
