"""The services directory in the site, from data/services/*.yml, in every language.

The i18n plugin runs the build once per language (Russian first, at the root). In each:
- on_pre_build: load and check the entries (scripts/services.py; read once per build). Any
  problem stops the build before anything is written, as `path:line: Must …`;
- on_files, after the i18n plugin rebuilt the file list: add this language's directory pages
  (directory/index, category-*, city-*, <id>), their vCards and, in the build at the site root,
  the open data (data/services.json, .csv, datapackage.json, service.schema.json). The pages are
  real pages: the navigation, links to directory/<id>.md, search and the leaflets see them;
- on_page_markdown: the index's meta; the guides' `<!-- services: … -->` markers become lists;
- on_env: directory-page.html fills the theme's frame, rendered once (scripts/page_shell.py).
"""
import _path  # noqa: F401
from pathlib import Path

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_datetime

from scripts import directory_pages, open_data, page_shell, services, site_config

TEMPLATE = "directory-page.html"
_build = {}  # the language being built: view, entries, index file, nav, files, env, frames


class _DirectoryPage(Page):
    """A page whose HTML scripts/directory_pages.py makes (no Markdown source)."""

    def __init__(self, file, config, make):
        super().__init__(None, file, config)
        self._make = make
        self.made = None

    def read_source(self, config):
        self.made = self._make()
        self.markdown = ""
        self.meta = dict(self.made.meta(), template=TEMPLATE)

    def render(self, config, files):
        self.content = self.made.body
        self.present_anchor_ids = self.made.anchors


# Hooks

def on_serve(server, config, builder):
    server.watch(str(services.DATA_DIR))
    return server


def on_pre_build(config):
    today = get_build_datetime().date()
    try:
        entries = services.load(today=today)
    except services.ServicesError as error:
        raise PluginError(str(error)) from None
    i18n = config.plugins.get("i18n")
    lang = config.theme["language"]
    _build.clear()
    _build.update(entries=entries, view=directory_pages.View(lang, today), config=config,
                  languages=list(i18n.build_languages) if i18n else [lang], root=i18n.default_language if i18n else lang)


@event_priority(-200)  # after the i18n plugin (-100), which drops files it did not find in docs/
def on_files(files, config):
    view, entries, root = _build["view"], _build["entries"], _build["root"]
    lang = view.lang
    index = _file(config, "index.md", content="")
    index.content_string = directory_pages.index_markdown(entries, view, _relative_root(lang, root) + "data/")
    files.append(index)
    _build["index"] = index
    for entry in entries:
        _add_page(files, config, entry.id, lambda entry=entry: directory_pages.service_page(entry, view))
        if directory_pages.has_vcard(entry):
            files.append(_file(config, f"{entry.id}.vcf", content=directory_pages.vcard_text(entry, view)))
    for page in directory_pages.listings(entries, view):
        _add_page(files, config, page.name, lambda page=page: page)
    if lang == root:
        pages = {entry.id: {code: f"{_prefix(code, root)}directory/{entry.id}.html" for code in _build["languages"]}
                 for entry in entries}
        created = get_build_datetime().isoformat(timespec="seconds")
        for name, text in open_data.files(entries, view, pages, created).items():
            files.append(File.generated(config, f"data/{name}", content=text))
    _build["files"] = files
    return files


def on_nav(nav, config, files):
    _build["nav"] = nav
    return nav


def on_page_markdown(markdown, page, config, files):
    if isinstance(page, _DirectoryPage):
        return markdown
    if page.file is _build.get("index"):
        page.meta.update(directory_pages.index_meta(_build["view"]))
        return markdown
    markers = directory_pages.marker_categories(markdown)
    if not markers:
        return markdown
    known = services.categories()
    for offset, names in markers:
        unknown = [name for name in names if name not in known]
        if unknown or not names:
            raise PluginError(f"{_source_path(page)}:{_marker_line(page, markdown, offset)}: Must name directory categories "
                              f"in `<!-- services: … -->`: {', '.join(unknown) or 'none given'} is not one of {', '.join(known)}")
    prefix = directory_pages.directory_prefix(getattr(page.file, "norm_src_uri", page.file.src_uri))
    return directory_pages.MARKER.sub(
        lambda match: directory_pages.marker_markdown(match["names"].split(), _build["entries"], _build["view"], prefix), markdown)


def on_env(env, config, files):
    _build["env"] = env
    env.globals["directory_page"] = _fill
    return env


# Helpers

def _fill(page):
    """directory-page.html: the page in the theme's frame for this language."""
    made = page.made
    frames = _build.setdefault("frames", {})
    if made.fallback not in frames:
        frames[made.fallback] = _frame(made.fallback)
    return Markup(frames[made.fallback].fill(name=made.name, id=made.id, title=made.title, heading=made.heading,
                                             summary=" ".join(made.summary), body=made.body))


def _frame(fallback: bool) -> page_shell.Shell:
    config = _build["config"]
    file = _file(config, f"{page_shell.SLOT_TEXT['name']}.md", content="")
    meta = {"type": "directory", "summary": [], "reviewed": None, "status": {"fallback": fallback}}
    try:
        return page_shell.render(config, _build["env"], _build["nav"], _build["files"], file, meta)
    except page_shell.ShellError as error:
        raise PluginError(str(error)) from None


def _add_page(files, config, name, make):
    file = _file(config, f"{name}.md", content="", inclusion=InclusionLevel.NOT_IN_NAV)
    _DirectoryPage(file, config, make)
    files.append(file)


class _Alternate:
    """This page in another language, as the i18n plugin's language menu reads it: its URL."""
    __slots__ = ("url",)

    def __init__(self, url: str):
        self.url = url


def _file(config, name: str, content: str, inclusion=InclusionLevel.UNDEFINED) -> File:
    """directory/<name> of the language being built, with what the i18n plugin and the language
    menu read: locale, alternates (this page in every language)."""
    lang, root = config.theme["language"], _build["root"]
    file = File.generated(config, f"{lang}/directory/{name}", content=content, inclusion=inclusion)
    url_name = name[:-3] + ".html" if name.endswith(".md") else name
    file.dest_uri = f"{_prefix(lang, root)}directory/{url_name}"
    file.locale = file.locale_alternate_of = file.localization = lang
    file.norm_src_uri = f"directory/{name}"
    file.alternates = {code: _Alternate(f"{_prefix(code, root)}directory/{url_name}") for code in _build["languages"]}
    return file


def _prefix(lang: str, root: str) -> str:
    return "" if lang == root else f"{lang}/"


def _relative_root(lang: str, root: str) -> str:
    """From directory/ of this language to the site root."""
    return "../" if lang == root else "../../"


def _source_path(page) -> str:
    """The page's file relative to the project, as editors see it (docs/ky/school.md)."""
    if not page.file.abs_src_path:
        return page.file.src_uri
    path = Path(page.file.abs_src_path).resolve()
    return path.relative_to(site_config.ROOT).as_posix() if path.is_relative_to(site_config.ROOT) else path.as_posix()


def _marker_line(page, markdown: str, offset: int) -> int:
    """Line of a marker in the page's file (front matter included)."""
    marker = markdown[offset:markdown.index("-->", offset) + 3]
    try:
        source = page.file.content_string
    except (OSError, ValueError):
        source = markdown
    return source[: max(source.find(marker), 0)].count("\n") + 1
