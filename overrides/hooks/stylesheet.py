"""One small stylesheet: a page's first view fits in one round trip (and mkdocs.yml's favicon is
an empty data: address, so no third request follows).

- on_post_page: each page without its templates' indentation (as scripts/directory/page_shell.py
  does for the directory's pages; <pre> and <textarea> are left as they are), and without what
  no reader uses: the data-md-* attributes that only Material's JavaScript reads
  (the site ships none; the stylesheet reads data-md-toggle only), the parts only it fills or
  opens (search toggle, announcement, dialog), the generator meta, prev/next links, the other
  languages' <link rel=alternate> (the sitemap lists them for search engines, the language menu for
  readers) and xmlns on inline SVG (HTML needs none). The next page then stays under 6 KB;
- on_post_build of the outermost build, after every language and the directory's pages:
  Material's rules and the site's own (docs/assets/site.css), reduced to those the pages use and
  minified (scripts/site/stylesheet.py), and the header's and footer's icons
  (scripts/site/icons.py) become one stylesheet named by its content,
  assets/stylesheets/site.<8 hex>.min.css, which every page then links instead of assets/site.css;
  hosts cache it for a year (deploy/nginx/http.conf). main.html links no other stylesheet.
"""
import re
from pathlib import Path

import _path  # noqa: F401
from mkdocs.plugins import event_priority

from scripts.site import hook_marks, icons, stylesheet

_depth = [0]  # the i18n plugin nests each language's build in the first one's
_INDENTATION = re.compile(r"\n\s+")
_KEPT_AS_IS = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.S)
_UNUSED = re.compile(r' data-md-(?!toggle)[\w-]+(?:="[^"]*")?|<meta name="generator"[^>]*>'
                     r'|<link rel="(?:prev|next)"[^>]*>|<link rel="alternate" href="[^"]*" hreflang="[^"]*">'
                     r'|(?<=<svg) xmlns="http://www.w3.org/2000/svg"'
                     r'|<input class="md-toggle" data-md-toggle="search"[^>]*>|<div data-md-component="announce">\s*</div>'
                     r'|<div class="md-dialog" data-md-component="dialog">\s*<div class="md-dialog__inner md-typeset"></div>\s*</div>')


def on_pre_build(config):
    hook_marks.leave(__file__, config)
    _depth[0] += 1


@event_priority(-100)  # after the hooks that fill the page
def on_post_page(output, page, config):
    parts = _KEPT_AS_IS.split(output)
    parts[::2] = [_INDENTATION.sub("\n", _UNUSED.sub("", part)) for part in parts[::2]]
    return "".join(parts)


@event_priority(-300)  # after the directory hook (-200) has written its pages
def on_post_build(config):
    _depth[0] -= 1
    if _depth[0] > 0:
        return
    site = Path(config.site_dir)
    material = next(site.glob("assets/stylesheets/main.*.min.css"))
    own = [site / css for css in config.extra_css]
    words = stylesheet.vocabulary(site)
    css = stylesheet.reduce(material.read_text(encoding="utf-8") + "".join(path.read_text(encoding="utf-8") for path in own),
                            words.names, words.pages) + icons.stylesheet(words.icons)
    stylesheet.publish(site, css, replacing=config.extra_css, drawn=words.icons)


def on_build_error(error):
    _depth[0] = 0
