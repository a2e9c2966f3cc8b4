"""The handbook as a static site: the handbook's pages plus the configuration MkDocs (with the
Material theme, the `site` extra) needs to turn them into HTML with `mkdocs build --strict`.

The site must work on a city's intranet with no internet access, so nothing is fetched from a CDN:
Material's own scripts, styles, icons and search come from its pip package, web fonts are switched
off, and Mermaid (which Material would otherwise load from unpkg.com) is a copy bundled with itstyr
(`data/site/`) that the configuration loads before Material looks for it.

With `--site` the output folder is a MkDocs project: `mkdocs.yml`, the pages under `docs/` (MkDocs
will not take the folder that holds its configuration as the pages' folder) and the assets under
`docs/assets/itstyr/`; each page gets its title as front matter (see `pages`). `render_site` is the
front door; `site_files` turns rendered pages into the project's files for commands that write them
elsewhere (`itstyr build`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from itstyr.render.handbook import Handbook, HandbookResult

__all__ = ["DOCS", "render_site", "site_files"]

DOCS = "docs"  # the pages' folder inside the project


def render_site(path: str | Path, out: str | Path, language: str | None = None, as_of: str | None = None) -> HandbookResult:
    """Render the handbook of the repository at `path` as a MkDocs project in the folder `out`.

    The same rules as `render_handbook`: `out` must be new, empty or earlier itstyr output, not
    inside the governance data; everything is rendered before anything is written; the same input
    gives the same bytes. Raises `UserError` for every problem a user can fix."""
    from itstyr.render.handbook import prepare, render_pages
    from itstyr.render.handbook.writing import check_target, write_folder

    handbook = prepare(path, language, as_of)
    target = Path(out)
    check_target(target, handbook.root, handbook.validation.settings.exclude)
    pages = render_pages(handbook)
    write_folder(target, site_files(handbook, pages))
    return HandbookResult(target, handbook.language, handbook.as_of, sorted(pages), handbook.omitted)


def site_files(handbook: Handbook, pages: Mapping[str, str]) -> dict[str, str]:
    """The MkDocs project for rendered pages: `{relative path: text}`, the pages moved under `docs/`."""
    from itstyr.render.handbook.links import START
    from itstyr.render.site.assets import assets
    from itstyr.render.site.config import mkdocs_config
    from itstyr.render.site.pages import site_page

    files = {"mkdocs.yml": mkdocs_config(handbook, pages)}
    # The start page is the site's home: its title is the site's name, and "Startsida" in the navigation.
    files.update((f"{DOCS}/{page}", site_page(markdown, with_title=page != START)) for page, markdown in pages.items())
    files.update((f"{DOCS}/{name}", content) for name, content in assets().items())
    return files
