"""Build the whole published output (site and leaflets) into a temporary folder, then swap.

`site/` is never left half-written and never missing: a failure at any step leaves the previous
`site/` as it was, and the new one takes its place in one step (an atomic exchange of the two
folders). A build that was interrupted leaves a `.site-build-<pid>-…` folder, which the next
build removes.
Usage: python -m scripts.build_site [--lang ky] [--site-dir site] [--engine properdocs] [--no-leaflets]
"""
from __future__ import annotations

import ctypes
import errno
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from scripts.core import interface_strings, site_config, yaml_source
from scripts.site import mirrors_list

BUILD_PREFIX = ".site-build-"  # then the building process's id: a folder whose process is gone is stale
AT_FDCWD, RENAME_EXCHANGE = -100, 2  # <fcntl.h>, <linux/fs.h>
# Steps run on the fresh build folder after mkdocs; each takes (site_dir: Path).
POST_BUILD_STEPS: list = []


def _post_build_steps(leaflets: bool) -> list:
    from scripts.site import admin_page
    steps = [*POST_BUILD_STEPS, admin_page.build_into]
    if leaflets:  # a step of their own (issue: QR leaflets)
        from scripts.leaflets import render
        steps.append(render.build_into)
    return steps


def _show_build_messages() -> None:
    """mkdocs logs its (and our hooks') errors; without a handler they would be lost."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(handler, "_site_build", False) for handler in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        handler.setLevel(logging.WARNING)
        handler._site_build = True
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def inputs_problems(leaflets: bool = True) -> str | None:
    """What must stop the build before mkdocs reads anything, as `path:line: Must …`: mkdocs.yml
    outside the bounds every YAML file keeps (mkdocs' own reader has none), interface strings or
    mirrors that cannot be read, an issued short link changed or lost, and for the leaflets a base
    address their QR codes cannot lead to (said now, not after minutes)."""
    from scripts.leaflets import shortlinks
    try:
        site_config.load()
    except yaml_source.YamlProblem as problem:
        return f"{site_config.MKDOCS_YML.name}:{problem.line}: {problem.message}"
    try:
        for lang in site_config.language_codes():
            interface_strings.load(lang)
        mirrors_list.load()
        shortlinks.load_registry()
        if leaflets:
            shortlinks.base_url()
    except (interface_strings.StringsError, mirrors_list.MirrorsError, shortlinks.ShortLinkError) as error:
        return str(error)
    return None


def build_into(target: Path, only_lang: str | None = None, *, leaflets: bool = True) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _show_build_messages()
    problem = inputs_problems(leaflets)
    if problem:
        raise Abort(problem)
    config = load_config(str(site_config.MKDOCS_YML), site_dir=str(target), strict=True)
    if only_lang:
        config.plugins["i18n"].config.build_only_locale = only_lang
        for language in config.plugins["i18n"].config.languages:
            language.default = language.build = language.locale == only_lang
    build(config)
    for step in _post_build_steps(leaflets):
        step(target)


def swap(fresh: Path, final: Path) -> None:
    """Put `fresh` where `final` is in one step, so that `final` is never missing, and remove the old one."""
    if not final.exists():
        fresh.rename(final)
    elif _exchange(fresh, final):
        shutil.rmtree(fresh)  # the previous site now; interrupted, the next build removes it
    else:  # a file system without the exchange: two renames, and a moment without `final`
        old = final.with_name(final.name + ".old")
        if old.exists():
            shutil.rmtree(old)
        final.rename(old)
        fresh.rename(final)
        shutil.rmtree(old)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders atomically (Linux renameat2 RENAME_EXCHANGE); False where it is not supported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        done = libc.renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    except (OSError, AttributeError):
        return False
    if done != 0 and ctypes.get_errno() not in (errno.EINVAL, errno.ENOSYS, errno.EPERM):
        raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(second))
    return done == 0


def fresh_folder(final: Path) -> Path:
    """The folder to build into, beside `final`, named after this process; stale ones removed first."""
    remove_stale_builds(final)
    return Path(tempfile.mkdtemp(prefix=f"{BUILD_PREFIX}{os.getpid()}-", dir=final.parent))


def remove_stale_builds(final: Path) -> None:
    """Folders of builds that were interrupted (their process is gone), and a site that an
    interrupted swap left aside, put back."""
    old = final.with_name(final.name + ".old")
    if old.is_dir() and not final.exists():
        old.rename(final)
    for folder in final.parent.glob(f"{BUILD_PREFIX}*"):
        owner = folder.name.removeprefix(BUILD_PREFIX).split("-", 1)[0]
        if owner.isdigit() and int(owner) != os.getpid() and _running(int(owner)):
            continue  # another build, still going
        shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
