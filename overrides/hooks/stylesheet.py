"""One small stylesheet: a page's first view fits in one round trip.

- on_post_page: each page without its templates' indentation (as scripts/directory/page_shell.py
  does for the directory's pages; <pre> and <textarea> are left as they are), and without what
  no reader uses: the data-md-* attributes that only Material's JavaScript reads
  (the site ships none; the stylesheet reads data-md-toggle only), the generator meta, prev/next
  links, and xmlns on inline SVG (HTML needs none). The next page then stays under 6 KB;
- on_post_build of the outermost build, after every language and the directory's pages:
  assets/site.css becomes Material's rules that the pages use, then the site's own
  (scripts/site/stylesheet.py). main.html links no other stylesheet.
"""
import re
from pathlib import Path

import _path  # noqa: F401
from mkdocs.plugins import event_priority

from scripts.site import hook_marks, stylesheet

_depth = [0]  # the i18n plugin nests each language's build in the first one's
_INDENTATION = re.compile(r"\n\s+")
_KEPT_AS_IS = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.S)
_UNUSED = re.compile(r' data-md-(?!toggle)[\w-]+(?:="[^"]*")?|<meta name="generator"[^>]*>'
                     r'|<link rel="(?:prev|next)"[^>]*>|(?<=<svg) xmlns="http://www.w3.org/2000/svg"')


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
    reduced = stylesheet.reduce(material.read_text(encoding="utf-8"), stylesheet.vocabulary(site))
    own[0].write_text(reduced + "".join(css.read_text(encoding="utf-8") for css in own), encoding="utf-8")


def on_build_error(error):
    _depth[0] = 0
