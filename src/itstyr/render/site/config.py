"""`mkdocs.yml` for the handbook's site, from the template `site/mkdocs.yml.j2` (a governance
repository may replace it from its own `templates/site/`, to set a logo or colours).

The template gets the site's name, language and footer, the navigation and the assets' paths. The
navigation follows the handbook: the start page, then its sections in the handbook's order; a
section with pages of its own (a steering document, a forum, an initiative each have one) lists
them under it unless there are more than `NAV_LIMIT`, when the section's page, which links to every
one of them, stands for them all: every page repeats the navigation, so thousands of entries would
make every page of a large city's site heavy.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from typing import Any

from itstyr.messages import text
from itstyr.render.handbook import Handbook

TEMPLATE = "site/mkdocs.yml.j2"
NAV_LIMIT = 60

# Characters YAML does not allow as they are in a double-quoted scalar (it reads U+0085, U+2028 and
# U+2029 as line breaks, and refuses other non-printable characters), written as escapes.
_NOT_YAML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def yaml_string(value: object) -> str:
    """Any value as a YAML double-quoted string: nothing in a name can end it or add a key."""
    quoted = json.dumps("" if value is None else str(value), ensure_ascii=False)
    return _NOT_YAML.sub(lambda match: f"\\u{ord(match.group()):04x}", quoted)


def navigation(pages: Mapping[str, str], language: str) -> tuple[list[dict[str, Any]], list[str]]:
    """The navigation (`[{title, page, children}]`, titles HTML-safe) and the folders whose pages it
    leaves out."""
    from itstyr.render.handbook import links
    from itstyr.render.handbook.pages import SECTIONS, section_title

    nav: list[dict[str, Any]] = []
    left_out: list[str] = []
    if links.START in pages:
        nav.append({"title": html.escape(text("handbook.start.short", language)), "page": links.START, "children": []})
    for key, page in SECTIONS:
        if page not in pages:
            continue
        # A page's own title (its front matter) names it; a section with pages under it needs a name.
        entry = {"title": html.escape(section_title(key, language)), "page": page, "children": []}
        if page.endswith("/index.md"):
            folder = page[: -len("index.md")]
            own = [path for path in pages if path.startswith(folder) and path != page]
            if len(own) > NAV_LIMIT:
                left_out.append(folder)
            else:
                entry["children"] = own  # in the handbook's order
        nav.append(entry)
    return nav, left_out


def mkdocs_config(handbook: Handbook, pages: Mapping[str, str]) -> str:
    from itstyr.render.handbook import links
    from itstyr.render.handbook.templates import handbook_environment, render
    from itstyr.render.site.assets import MERMAID

    language = handbook.language
    organisation = handbook.organisation
    title = text("handbook.start.title", language)
    name = links.display_name(organisation, language) if organisation is not None else None
    nav, left_out = navigation(pages, language)
    env = handbook_environment(language, handbook.root)
    env.filters["yaml"] = yaml_string
    site = {
        "name": text("site.name", language, title=title, organisation=name) if name else title,
        "description": text("site.description", language, organisation=name) if name else title,
        "copyright": text("site.copyright", language, organisation=name or title, date=handbook.as_of.isoformat()),
    }
    context = {
        # HTML-safe: Material writes these into its pages as they are.
        "site": {key: html.escape(value, quote=True) for key, value in site.items()} | {"language": language},
        "nav": nav,
        "not_in_nav": [f"/{folder}*.md" for folder in left_out],
        "assets": {"mermaid": MERMAID},
    }
    return render(env, TEMPLATE, context).rstrip("\n") + "\n"
