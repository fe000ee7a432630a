"""Material's inline icons (menu, search, languages, logo, arrows) drawn by the stylesheet instead.

Each page carried its header's and footer's icons as inline SVG paths: about 450 bytes gzipped on
every page, which the next page then downloads again. The icon's shape moves into the stylesheet,
downloaded once and cached, as a mask painted in the text colour (as Material draws its
navigation arrows); the page keeps an empty <svg> of the same size, so Material's rules size and
place it as before. Only Material's one-path 24x24 icons are moved.

The pages are written so (replaced(), while the build writes them); the stylesheet's rules for them
are made at the end, from the class names the pages hold (stylesheet()).
"""
from __future__ import annotations

import hashlib
import re

INLINE = re.compile(r'<svg viewBox="0 0 24 24"><path d="([^"<>&]+)"/></svg>')
_paths: dict[str, str] = {}  # class name -> path of each icon this process has replaced in a page
# An empty <svg> keeps the icon's box; the mask gives it the icon's shape in the text's colour.
# In forced colours (Windows high contrast) backgrounds are replaced: draw it in the text colour.
BASE = ("svg.site-i{background-color:currentcolor;-webkit-mask:var(--site-i) center/contain no-repeat;"
        "mask:var(--site-i) center/contain no-repeat}"
        "@media (forced-colors:active){svg.site-i{forced-color-adjust:none;background-color:CanvasText}}")


def name(path: str) -> str:
    return "site-i-" + hashlib.sha256(path.encode("utf-8")).hexdigest()[:6]


def stylesheet(names: set[str]) -> str:
    """The rules that draw the icons whose classes (".site-i-…") are among these names (empty when none is)."""
    paths = {_paths[name[1:]] for name in names if name[1:] in _paths}
    if not paths:
        return ""
    shapes = "".join(f".{name(path)}{{--site-i:url(\"data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' "
                     f"viewBox='0 0 24 24'><path d='{path}'/></svg>\")}}" for path in sorted(paths))
    return BASE + shapes


def replaced(page: str) -> str:
    """The page with each inline icon as an empty <svg> the stylesheet draws."""
    def drawn(match: re.Match) -> str:
        _paths[name(match[1])] = match[1]
        return f'<svg viewBox="0 0 24 24" class="site-i {name(match[1])}"></svg>'
    return INLINE.sub(drawn, page)
