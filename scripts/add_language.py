"""Add a language: its docs/ folder, its interface strings and its entry in mkdocs.yml.

    python -m scripts.add_language CODE "Name in its own script"   (`make add-language LANG=… NAME=…`)

No code changes: every script, hook and test reads the languages from mkdocs.yml. Until pages are
translated, readers of the new language get the Russian pages with a notice; the interface
strings start as a copy of i18n/ru.yml for a translator to translate. Runs again safely: it only
adds what is missing.
"""
from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

from scripts.core import docs_layout, interface_strings, site_config

CODEOWNERS = site_config.ROOT / ".github" / "CODEOWNERS"
TEAM = "@rodnik-kz/reviewers-{code}"  # placeholder team handles (CONTRIBUTING.md)
MAX_NAME = 40


class LanguageError(ValueError):
    pass


def add_to_mkdocs(mkdocs_yml: Path, code: str, name: str) -> bool:
    """Append the language to plugins.i18n.languages, keeping the file's comments and layout."""
    if code in site_config.language_codes(mkdocs_yml):
        return False
    lines = mkdocs_yml.read_text(encoding="utf-8").split("\n")
    items = [i for i, line in enumerate(lines) if re.match(r"^\s*- locale:\s*\S", line)]
    if not items:
        raise LanguageError(f"{mkdocs_yml.name}: Must list languages under plugins: - i18n: languages:")
    last = items[-1]
    indent = re.match(r"^\s*", lines[last]).group()
    end = last + 1
    while end < len(lines) and lines[end].strip() and len(re.match(r"^\s*", lines[end]).group()) > len(indent):
        end += 1
    lines[end:end] = [f"{indent}- locale: {code}", f"{indent}  name: {json.dumps(name, ensure_ascii=False)}",
                      f"{indent}  build: true"]
    mkdocs_yml.write_text("\n".join(lines), encoding="utf-8")
    return True


def add_strings(code: str, name: str) -> bool:
    target = interface_strings.path_for(code)
    if target.exists():
        return False
    source = interface_strings.path_for(site_config.default_language()).read_text(encoding="utf-8").split("\n")
    body = [line for line in source if not line.startswith("#")] if source else []
    body = [f"language: {code}" if line.startswith("language:") else line for line in body]
    header = [f"# Interface strings for {name} ({code}), copied from i18n/{site_config.default_language()}.yml by "
              "`make add-language`.", "# Translate the text after each colon; keep the keys and the {placeholders}."]
    target.write_text("\n".join(header + body), encoding="utf-8")
    return True


def add_folder(code: str) -> bool:
    folder = site_config.docs_dir() / code
    if folder.is_dir():
        return False
    folder.mkdir(parents=True)
    (folder / ".gitkeep").write_text("", encoding="utf-8")  # git keeps no empty folder; mkdocs skips dot files
    return True


def add_reviewers(code: str) -> bool:
    if not CODEOWNERS.exists():
        return False
    text = CODEOWNERS.read_text(encoding="utf-8")
    if f"/docs/{code}/" in text:
        return False
    team = TEAM.format(code=code)
    CODEOWNERS.write_text(text.rstrip("\n") + f"\n/docs/{code}/ {team}\n/i18n/{code}.yml {team}\n", encoding="utf-8")
    return True


def add(code: str, name: str) -> list[str]:
    if not docs_layout.LOCALE_LIKE.match(code) or not re.fullmatch(r"[a-z]{2}", code):
        raise LanguageError(f"LANG must be a two-letter ISO 639-1 code in lower case, e.g. 'tk' (received {code!r})")
    if not name.strip() or not name.isprintable() or len(name) > MAX_NAME:
        raise LanguageError(f"NAME must be the language's name in its own script, on one line, at most {MAX_NAME} "
                            f"characters, e.g. NAME=Türkmençe (received {name!r})")
    done = []
    if add_to_mkdocs(site_config.MKDOCS_YML, code, name.strip()):
        done.append(f"mkdocs.yml: added {code} ({name})")
    if add_strings(code, name.strip()):
        done.append(f"i18n/{code}.yml: copied from i18n/{site_config.default_language()}.yml, to translate")
    if add_folder(code):
        done.append(f"docs/{code}/: created (pages fall back to Russian until translated)")
    if add_reviewers(code):
        done.append(f".github/CODEOWNERS: {TEAM.format(code=code)} reviews docs/{code}/ and i18n/{code}.yml")
    return done


def main(argv: list[str]) -> int:
    """CODE and NAME as arguments, or from the environment (`make add-language`: never through a shell)."""
    if not argv and os.environ.get("NEW_LANGUAGE_NAME") is not None:
        argv = [os.environ.get("NEW_LANGUAGE_CODE", ""), os.environ["NEW_LANGUAGE_NAME"]]
    if len(argv) != 2:
        print('usage: python -m scripts.add_language CODE "Name"   (make add-language LANG=tk NAME=Türkmençe)', file=sys.stderr)
        return 2
    try:
        done = add(argv[0], argv[1])
    except LanguageError as error:
        print(error, file=sys.stderr)
        return 1
    print("\n".join(done) if done else f"{argv[0]} is already complete: nothing to add")
    print("Next: translate the texts of the new i18n file, then the pages (CONTRIBUTING.md); `make check` lists what is left.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
