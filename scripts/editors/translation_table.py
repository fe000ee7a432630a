"""Which translation of which page is missing, outdated, machine-made or reviewed.

    python -m scripts.translation_status     # the table in Markdown (`make status`)

The same table is published for editors at editors/translations.html (hooks/editors_pages.py),
and `make check` ends with its per-language summary. States come from scripts/core/translations.py.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from scripts.core import site_config, translations
from scripts.editors import spelling
from scripts.editors.checks import string_files
from scripts.editors.checks.project import Project

# State -> (short label, what it means for the reader and what to do).
STATES = {
    "reviewed": ("reviewed", "translated and checked by a person"),
    "machine": ("machine", "machine translation, not yet checked by a person: readers see a notice"),
    "outdated": ("OUTDATED", "the Russian page changed since: update the translation, then stamp it"),
    "missing": ("missing", "no translation: readers get the Russian page with a notice"),
    "missing-record": ("no record", "no `translation:` record: stamp it (`python -m scripts.stamp FILE`)"),
}
ORDER = ["outdated", "missing", "missing-record", "machine", "reviewed"]


@dataclass
class Row:
    name: str  # file name in docs/<lang>/: arrival.md
    title: str
    type: str
    states: dict  # language -> state (the default language is the source and has none)
    revision: str = ""  # the Russian file's fingerprint: a translation of it records this
    reviewed: str = ""  # the Russian page's `reviewed` date: its translation's source_date


def table(project: Project) -> list[Row]:
    """One row per Russian page, in the order of the nav, then the rest by name."""
    nav = {f"{slug}.md": index for index, slug in enumerate(site_config.nav_pages(project.mkdocs_yml))}
    sources = sorted((p for p in project.pages if p.lang == project.default),
                     key=lambda page: (nav.get(page.name, len(nav)), page.name))
    rows = []
    for source in sources:
        states = {}
        for lang in project.languages:
            if lang == project.default:
                continue
            page = project.page(lang, source.name)
            states[lang] = "missing" if page is None else translations.status(page.meta, source.path)
        rows.append(Row(source.name, str(source.meta.get("title", source.name)), str(source.meta.get("type", "")), states,
                        translations.fingerprint(source.path), str(source.meta.get("reviewed", ""))))
    return rows


def counts(rows: list[Row], lang: str) -> dict[str, list[str]]:
    found = {state: [] for state in ORDER}
    for row in rows:
        found.setdefault(row.states[lang], []).append(row.name.removesuffix(".md"))
    return found


def summary(project: Project) -> list[str]:
    """Per language, which pages are outdated, missing, machine-made and reviewed (for `make check`)."""
    rows = table(project)
    lines = [f"Translations of the {len(rows)} pages of docs/{project.default}/ (details: `make status`):"]
    for lang in [code for code in project.languages if code != project.default]:
        found = counts(rows, lang)
        parts = []
        for state in ORDER:
            names = found.get(state) or []
            if not names:
                continue
            listed = ", ".join(names) if state in ("outdated", "missing-record") or len(names) <= 4 else ""
            parts.append(f"{len(names)} {STATES[state][0]}" + (f" ({listed})" if listed else ""))
        copied = untranslated_strings(project, lang)
        if copied:
            parts.append(f"interface strings: {copied} still as in i18n/{project.default}.yml")
        lines.append(f"  {lang}: " + "; ".join(parts))
    return lines


def untranslated_strings(project: Project, lang: str) -> int:
    """How many texts of i18n/<lang>.yml are still the Russian ones (as `make add-language` copies them)."""
    folder = project.root / "i18n"
    if not (folder / f"{lang}.yml").exists() or not (folder / f"{project.default}.yml").exists():
        return 0
    ours, _, _ = string_files.read(folder / f"{lang}.yml")
    source, _, _ = string_files.read(folder / f"{project.default}.yml")
    return sum(1 for key, text in ours.items() if key not in ("language", "direction", *spelling.FACT_KEYS) and source.get(key) == text
               and any(char.isalpha() for char in text))


def markdown(project: Project) -> str:
    rows = table(project)
    langs = [code for code in project.languages if code != project.default]
    out = [f"# Translations of docs/{project.default}/", "",
           *[f"- **{label}**: {meaning}" for label, meaning in (STATES[s] for s in ORDER)], "",
           "To stamp a translation by hand: `source_revision` and `source_date` of its Russian page are below.", "",
           "| Page | source_revision | source_date | " + " | ".join(langs) + " |", "|---|---|---|" + "---|" * len(langs)]
    for row in rows:
        cells = [STATES[row.states[lang]][0] for lang in langs]
        out.append(f"| {row.name.removesuffix('.md')} ({row.type}) | {row.revision} | {row.reviewed} | " + " | ".join(cells) + " |")
    out.append("| **reviewed / of** | | | " + " | ".join(
        f"{len(counts(rows, lang)['reviewed'])} / {len(rows)}" for lang in langs) + " |")
    return "\n".join(out) + "\n"


def _entry_rows(project: Project, langs: list[str]) -> str:
    """One row per directory entry, a cell per language with its state and review page (review_pages.build_entry)."""
    from scripts.editors import review_pages  # only for the editors' page: `make check` imports this module too

    found: dict[Path, dict[str, str]] = {}
    for path, lang in review_pages.entries(project):
        found.setdefault(path, {})[lang] = review_pages.entry_state(project, path, lang)
    rows = []
    for path, states in found.items():
        cells = "".join(
            f'<td class="state-{states[lang]}">{states[lang]} · <a href="review/{lang}/directory/{html.escape(path.stem)}.html">review</a></td>'
            if lang in states else '<td class="state-missing">missing</td>' for lang in langs)
        rows.append(f'<tr><th scope="row"><code>{html.escape(project.rel(path))}</code></th>{cells}</tr>')
    return "".join(rows)


# The page's own few rules, in a file beside it: the servers' Content-Security-Policy refuses inline styles.
STYLESHEET = "translations.css"
CSS = """.editors td, .editors th { padding: .2rem .5rem; }
.state-outdated, .state-missing-record { background: #fdeceb; font-weight: 700; }
.state-missing { background: #f3f3f3; } .state-machine { background: #fff8db; } .state-reviewed { background: #e8f5e9; }
"""


def page_html(project: Project, stylesheets: list[str]) -> str:
    """The editors' page: the same table, each cell linking to the page in that language.

    It sits at editors/translations.html, so its links start with '../'.
    """
    rows = table(project)
    names = {language.code: language.name for language in site_config.languages(project.mkdocs_yml)}
    langs = [code for code in project.languages if code != project.default]
    head = "".join(f'<th scope="col" lang="{code}">{html.escape(names[code])}<br><code>{code}</code></th>' for code in langs)
    body = []
    for row in rows:
        slug = row.name.removesuffix(".md")
        cells = []
        for lang in langs:
            state = row.states[lang]
            href = "../" + site_config.page_url(lang, slug)
            review = "" if state == "missing" else f' · <a href="review/{lang}/{html.escape(slug)}.html">review</a>'
            cells.append(f'<td class="state-{state}"><a href="{html.escape(href)}" title="{html.escape(STATES[state][1])}">'
                         f"{STATES[state][0]}</a>{review}</td>")
        source = "../" + site_config.page_url(project.default, slug)
        body.append(f'<tr><th scope="row"><a href="{html.escape(source)}" lang="{project.default}">{html.escape(row.title)}</a>'
                    f" <code>{html.escape(slug)}</code><br><small>source_revision: <code>{row.revision}</code>, "
                    f"source_date: <code>{html.escape(row.reviewed)}</code></small></th>" + "".join(cells) + "</tr>")
    totals = "".join(f"<td>{len(counts(rows, lang)['reviewed'])} / {len(rows)}</td>" for lang in langs)
    entries = _entry_rows(project, langs)
    legend = "".join(f"<li><strong>{label}</strong>: {html.escape(meaning)}</li>" for label, meaning in (STATES[s] for s in ORDER))
    links = "".join(f'<link rel="stylesheet" href="{html.escape(href)}">' for href in [*stylesheets, STYLESHEET])
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; style-src 'self'; img-src 'self'; base-uri 'self'">
<title>Translations · Переводы</title>
{links}
</head>
<body>
<main class="md-main"><div class="md-content"><article class="md-content__inner md-typeset editors">
<h1>Translations · Переводы</h1>
<p>For editors, not for families: which translation of each page of <code>docs/{project.default}/</code> is up to date.
The same table: <code>make status</code>. Для редакторов: состояние переводов каждой страницы.</p>
<ul>{legend}</ul>
<div class="md-typeset__scrollwrap"><table>
<thead><tr><th scope="col">Page</th>{head}</tr></thead>
<tbody>{''.join(body)}</tbody>
<tfoot><tr><th scope="row">reviewed / of</th>{totals}</tr></tfoot>
</table></div>
<h2>Directory entries · Справочник</h2>
<p>The texts of each entry of <code>data/services/</code> in each language: machine translation (the language is in
<code>machine_translated:</code>), reviewed, or outdated (the Russian texts changed after <code>translated_from:</code>).</p>
<div class="md-typeset__scrollwrap"><table>
<thead><tr><th scope="col">Entry</th>{head}</tr></thead>
<tbody>{entries}</tbody>
</table></div>
</article></div></main>
</body>
</html>
"""
