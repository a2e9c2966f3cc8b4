"""A handbook page as the site's page: the breadcrumb trail left out (the theme's navigation shows
where a page is) and the title given as front matter.

The title is given, not left for MkDocs to take from the heading, because of how the theme uses it:
Material writes a page's title into the HTML as it is, and into the browser tab's `<title>` through
Jinja's `striptags`, which turns `&lt;` back into `<`. A forum named `</title><script>…` would then
run on the site. So the title is handed over as HTML-safe text (every `<`, `>`, `&`, `"` and `'` as
an entity), which Material then writes unchanged everywhere it uses it.
"""

from __future__ import annotations

import html
import re

# A page's first paragraph when its title comes right after it: the handbook's breadcrumb trail.
_TRAIL = re.compile(r"\A(?:[^\n#][^\n]*\n)+\n(?=# )")
# Markdown's backslash escapes, as the handbook's `md` filter writes them.
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>=])")
_ENTITY = re.compile(r"&(#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def site_page(markdown: str, with_title: bool = True) -> str:
    from itstyr.render.site.config import yaml_string

    page = without_trail(markdown)
    title = heading_title(page) if with_title else None
    return f"---\ntitle: {yaml_string(title)}\n---\n\n{page}" if title else page


def without_trail(markdown: str) -> str:
    """The page without the breadcrumb trail above its title."""
    return _TRAIL.sub("", markdown, count=1)


def heading_title(markdown: str) -> str | None:
    """The page's first-level heading as HTML-safe text (`R&amp;D &lt;IT&gt;`), or None."""
    line = next((line for line in markdown.split("\n") if line.startswith("# ")), None)
    if line is None:
        return None
    text = _ESCAPED.sub(r"\1", line[2:].strip())
    # As Markdown shows it: an entity stays the character it stands for, any other & is an &.
    parts = _ENTITY.split(text)
    shown = "".join(html.unescape(f"&{part};") if index % 2 else part for index, part in enumerate(parts))
    return html.escape(shown, quote=True) or None
