"""One small stylesheet: a page's first view fits in one round trip (and mkdocs.yml's favicon is
an empty data: address, so no third request follows).

- on_post_page, on_post_template (the 404 page): each page without what no reader uses
  (scripts/site/page_trim.py);
- on_post_build of the outermost build, after every language and the directory's pages:
  Material's rules and the site's own (docs/assets/site.css), reduced to those the pages use and
  minified (scripts/site/stylesheet.py), and the header's and footer's icons
  (scripts/site/icons.py) become one stylesheet named by its content,
  assets/stylesheets/site.<8 hex>.min.css, which every page then links instead of assets/site.css;
  hosts cache it for a year (deploy/nginx/http.conf). main.html links no other stylesheet.
"""
from pathlib import Path

import _path  # noqa: F401
from mkdocs.plugins import event_priority

from scripts.site import hook_marks, icons, page_trim, stylesheet

_depth = [0]  # the i18n plugin nests each language's build in the first one's


def on_pre_build(config):
    hook_marks.leave(__file__, config)
    _depth[0] += 1


@event_priority(-100)  # after the hooks that fill the page
def on_post_page(output, page, config):
    return page_trim.trimmed(output)


def on_post_template(output_content, template_name, config):  # the 404 page, rendered outside on_post_page
    return page_trim.trimmed(output_content) if template_name.endswith(".html") else output_content


@event_priority(-300)  # after the directory hook (-200) has written its pages
def on_post_build(config):
    _depth[0] -= 1
    if _depth[0] > 0:
        return
    site = Path(config.site_dir)
    material = next(site.glob("assets/stylesheets/main.*.min.css"))
    own = [site / css for css in config.extra_css]
    words = stylesheet.vocabulary(site)
    # Each selector is also matched against every page, parsed: for a few hundred pages; for thousands
    # (a directory of 2,000 services) that alone took 6.6 s of 17, so only the names are compared there.
    pages = words.pages if len(words.pages) < stylesheet.MATCHING_UP_TO else None
    css = stylesheet.reduce(material.read_text(encoding="utf-8") + "".join(path.read_text(encoding="utf-8") for path in own),
                            words.names, pages) + icons.stylesheet(words.icons)
    stylesheet.publish(site, css, replacing=config.extra_css, drawn=words.icons)


def on_build_error(error):
    _depth[0] = 0
