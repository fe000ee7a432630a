"""A project copy grown to many pages per language, as a site of 100 guides would be (issue 16):
copies of the real guides under new names and ids, appended to the copy's `nav`."""
from __future__ import annotations

from pathlib import Path

from scripts.core import site_config


def grow(project: Path, per_language: int) -> list[str]:
    """Copy guides of `project`/docs under new names until each language's nav has `per_language`
    pages; append them to `project`/mkdocs.yml's nav (the last key there). Returns their file names."""
    docs, nav = project / "docs", site_config.nav_pages()
    guides = [slug for slug in nav if slug not in ("index", "search") and (docs / site_config.default_language() / f"{slug}.md").exists()]
    names = []
    for n in range(max(0, per_language - len(nav))):
        source, name = guides[n % len(guides)], f"extra-{n:03d}"
        for lang in site_config.language_codes():
            page = docs / lang / f"{source}.md"
            if page.exists():
                text = page.read_text(encoding="utf-8").replace(f"id: {source}", f"id: x{n:03d}", 1)
                (docs / lang / f"{name}.md").write_text(text, encoding="utf-8")
        names.append(f"{name}.md")
    with open(project / "mkdocs.yml", "a", encoding="utf-8") as handle:
        handle.writelines(f"  - {name}\n" for name in names)
    return names
