"""The services directory in the site, from data/services/*.yml, in every language.

The i18n plugin runs the build once per language (the default language first, at the root; the
others nested in its on_post_build). In each:
- on_config: the entries are read and checked by a job beside the build while it prepares
  (scripts/directory/services.py). The files are written by jobs in the build's worker process
  (scripts/directory/writer.py, scripts/site/background.py), one after the other, while mkdocs
  builds on;
- on_files, after the i18n plugin rebuilt the file list: the checked entries, once per build (read
  again if a file changed; a problem stops the build before mkdocs writes a page, as
  `path:line: Must …`, and `make site` leaves site/ unchanged); the index (a Markdown page, in
  the navigation), and every category, city and service page as a file that mkdocs checks links
  and anchors against but does not render;
- on_page_markdown: the index's meta; each guide's `<!-- services: … -->` marker gets a list,
  put in on_page_content once the page is HTML;
- on_env: the theme renders the page frame (scripts/directory/page_shell.py); a job puts the
  language's pages in it and writes them, with the language's vCards;
- on_files of the outermost build, once it has cleaned the site: a job writes the open data;
- on_post_build of the outermost build, after every language: wait for the jobs, add their pages
  to each language's short-link manifest and search index.
"""
from pathlib import Path
from types import SimpleNamespace

import _path  # noqa: F401
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_build_datetime

from scripts.core import site_config
from scripts.directory import directory_pages, page_shell, services, writer
from scripts.leaflets import shortlinks
from scripts.site import background, hook_marks, search_page

_build = {}  # the language being built: view, entries, root, languages, index, nav, files, env
_run = {}  # the outermost build: what its jobs share, the jobs started {lang: job}, the pages' sources {lang: {id: file}}
_depth = [0]  # builds running: the i18n plugin nests each language's build in the first one's


class _WrittenFile(File):
    """A directory page in mkdocs' file list: links and anchors to it are checked; mkdocs neither
    renders nor copies it (a job of scripts/directory/writer.py writes it)."""

    def __init__(self, config, src_uri: str, dest_uri: str, anchors: set):  # no super(): it would parse paths 12,000 times
        self.src_uri, self.dest_uri, self.url = src_uri, dest_uri, dest_uri
        self.src_dir, self.dest_dir, self.use_directory_urls, self.abs_src_path = None, config.site_dir, False, None
        self.inclusion, self.generated_by = InclusionLevel.NOT_IN_NAV, "overrides/hooks/directory.py"
        self.page = SimpleNamespace(present_anchor_ids=anchors)  # what mkdocs' anchor check reads

    def is_documentation_page(self) -> bool:
        return False

    def is_static_page(self) -> bool:
        return False

    def copy_file(self, dirty: bool = False) -> None:
        pass


# Hooks

def on_serve(server, config, builder):
    server.watch(str(services.DATA_DIR))
    return server


def on_config(config):
    if _depth[0] == 0:  # not a language nested in a build (the i18n plugin configures each)
        services.start(get_build_datetime().date())  # checked beside the build while it prepares
    return config


def on_pre_build(config):
    hook_marks.leave(__file__, config)
    _depth[0] += 1
    if _depth[0] == 1:
        _run.clear()
        _run.update(build=writer.Build(get_build_datetime().date(), config.site_dir), jobs={}, sources={})
    today = _run["build"].today  # one date for every language of the build
    i18n = config.plugins.get("i18n")
    lang = config.theme["language"]
    _build.clear()
    _build.update(today=today, view=directory_pages.View(lang, today), config=config,
                  languages=list(i18n.build_languages) if i18n else [lang], root=i18n.default_language if i18n else lang)


@event_priority(-200)  # after the i18n plugin (-100), which drops files it did not find in docs/
def on_files(files, config):
    entries = _entries()
    view, root = _build["view"], _build["root"]
    lang = view.lang
    index = _file(config, "index.md", content="")
    index.content_string, lists = directory_pages.index_markdown(entries, view, _relative_root(lang, root) + "data/")
    files.append(index)
    pages = [(entry.id, directory_pages.service_anchors(entry)) for entry in entries]
    ids = {entry.id: entry.path for entry in entries}
    for listing in directory_pages.listings(entries, view):
        pages.append((listing.page.name, listing.page.anchors))
        ids[listing.page.id] = listing.page.source
    folder = f"{_prefix(lang, root)}directory/"
    for name, anchors in pages:
        files.append(_WrittenFile(config, f"{lang}/directory/{name}.md", f"{folder}{name}.html", anchors))
    _run["sources"][lang] = ids
    _build.update(index=index, lists=lists, files=files)
    if "open data" not in _run:  # the outermost build has cleaned the site: the open data, while mkdocs builds
        created = get_build_datetime().isoformat(timespec="seconds")
        prefixes = {code: _prefix(code, root) for code in _build["languages"]}
        _run["open data"] = background.start(writer.open_data_files, _run["build"], prefixes, created)
    return files


def on_nav(nav, config, files):
    _build["nav"] = nav
    return nav


def on_page_markdown(markdown, page, config, files):
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
    lists = _build["lists"]

    def listed(match) -> str:  # the list goes in once the page is HTML (on_page_content)
        place = directory_pages.LIST_PLACE.format(key=f"marker-{len(lists)}")
        lists[place] = directory_pages.marker_html(match["names"].split(), _entries(), _build["view"], prefix)
        return f"\n\n{place}\n\n"
    return directory_pages.MARKER.sub(listed, markdown)


@event_priority(100)  # before the search index reads the page
def on_page_content(html, page, config, files):
    return directory_pages.fill_lists(html, _build["lists"])


@event_priority(-100)  # after the other hooks and the i18n plugin have set up the theme
def on_env(env, config, files):
    _build["env"] = env
    lang, root = _build["view"].lang, _build["root"]
    frames = {fallback: _frame(fallback) for fallback in (False, True)}
    _run["jobs"][lang] = background.start(writer.language_files, _run["build"], lang, _prefix(lang, root), frames)
    return env


@event_priority(-200)  # after the i18n plugin (-100) has built the other languages
def on_post_build(config):
    _depth[0] -= 1
    if _depth[0] > 0 or not _run:
        return
    site_dir = _run["build"].site_dir
    try:
        done = background.results([*_run["jobs"].values(), _run["open data"]])
        for lang, (records, entries) in zip(_run["jobs"], done):
            problems = shortlinks.add_to_manifest(Path(site_dir), lang, records, _run["sources"][lang])
            if problems:
                raise PluginError("\n".join(problems))
            search_page.add_to_index(str(Path(site_dir, "assets", "search", f"{lang}.js")), entries)
    except services.ServicesError as error:
        raise PluginError(str(error)) from None
    finally:
        _run.clear()


def on_build_error(error):  # its jobs are stopped with the worker (overrides/hooks/background.py)
    _run.clear()
    _depth[0] = 0


# Helpers

def _entries() -> tuple:
    """The checked entries, once a build. Asked as late as mkdocs allows, once it has gathered its
    files and the theme's while the worker checked them (asked in on_pre_build, the build waited
    0.4 s for them at 2,000 entries); a problem stops the build before mkdocs writes a page."""
    if "entries" not in _run:
        try:
            _run["entries"] = services.load(today=_run["build"].today)
        except services.ServicesError as error:
            raise PluginError(str(error)) from None
    return _run["entries"]


def _frame(fallback: bool) -> page_shell.Shell:
    config = _build["config"]
    file = _file(config, f"{page_shell.SLOT_TEXT['name']}.md", content="")
    meta = {"type": "directory", "summary": [], "reviewed": None, "translation": {"fallback": fallback}}
    try:
        return page_shell.render(config, _build["env"], _build["nav"], _build["files"], file, meta)
    except page_shell.ShellError as error:
        raise PluginError(str(error)) from None


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
