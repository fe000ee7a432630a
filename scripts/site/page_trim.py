"""Every page without what no reader uses: the next page then stays under 6 KB (issue 16).

Left out: the templates' indentation (<pre> and <textarea> are left as they are); the data-md-*
attributes that only Material's JavaScript reads (the site ships none; the stylesheet reads
data-md-toggle only) and the parts only it fills or opens (search toggle, announcement, dialog);
the generator meta and prev/next links; the other languages' <link rel=alternate> (the sitemap
lists them for search engines, the language menu for readers); xmlns on inline SVG (HTML needs none).
Used by overrides/hooks/stylesheet.py for every page mkdocs writes, and for the directory's frame
(scripts/directory/page_shell.py), which passes through the hooks' on_post_page too.
"""
from __future__ import annotations

import re

_INDENTATION = re.compile(r"\n\s+")
_KEPT_AS_IS = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.S)
_UNUSED = re.compile(r' data-md-(?!toggle)[\w-]+(?:="[^"]*")?|<meta name="generator"[^>]*>'
                     r'|<link rel="(?:prev|next)"[^>]*>|<link rel="alternate" href="[^"]*" hreflang="[^"]*">'
                     r'|(?<=<svg) xmlns="http://www.w3.org/2000/svg"'
                     r'|<input class="md-toggle" data-md-toggle="search"[^>]*>|<div data-md-component="announce">\s*</div>'
                     r'|<div class="md-dialog" data-md-component="dialog">\s*<div class="md-dialog__inner md-typeset"></div>\s*</div>')


def trimmed(html: str) -> str:
    parts = _KEPT_AS_IS.split(html)
    parts[::2] = [_INDENTATION.sub("\n", _UNUSED.sub("", part)) for part in parts[::2]]
    return "".join(parts)
