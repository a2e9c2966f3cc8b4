"""The governance handbook: the repository as Swedish (or English) Markdown pages that the
administrations, elected members, auditors and the public read, cross-linked with relative links
that work in a Git host, in a folder and on a static site.

`render_handbook` is the front door. The steps are public for commands built on top of it (a
static site, `itstyr build`): `prepare` gathers the repository, `render_pages` turns it into
`{relative path: Markdown}`, `writing.check_target` and `writing.write_folder` put a folder of files
in place atomically. Templates are `data/templates/handbook/*.md.j2`; a repository overrides any of
them from its own `templates/handbook/`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from itstyr.render.handbook.model import Handbook, prepare

__all__ = ["Handbook", "HandbookResult", "prepare", "render_handbook", "render_pages"]


@dataclass
class HandbookResult:
    out: Path
    language: str
    as_of: date
    pages: list[str] = field(default_factory=list)  # relative paths, sorted
    omitted: int = 0  # documents left out because they break their schema
    errors: int = 0  # lint errors (validation included) as of the date
    warnings: int = 0


def render_handbook(path: str | Path, out: str | Path, language: str | None = None, as_of: str | None = None) -> HandbookResult:
    """Render the handbook of the repository at `path` into the folder `out`.

    `language` is "sv" or "en" (default: the repository's setting, else Swedish); `as_of` an ISO date
    (default: the setting, else today) that decides what is overdue, which year's cost allocation is
    shown and what is upcoming. The output depends only on the files and these two values, so the
    same input gives the same bytes. `out` must be new, empty or an earlier handbook (it holds the
    marker file `.itstyr-handbook`), and not inside the governance data unless `itstyr.yaml` excludes
    it. Everything is rendered before anything is written; a failing template leaves `out` as it was.
    Raises `UserError` for every problem a user can fix (exit code 2 in the CLI)."""
    from itstyr.findings import Severity
    from itstyr.render.handbook.writing import check_target, write_folder

    handbook = prepare(path, language, as_of)
    target = Path(out)
    check_target(target, handbook.root, handbook.validation.settings.exclude)
    files = render_pages(handbook)
    write_folder(target, files)
    return HandbookResult(
        target,
        handbook.language,
        handbook.as_of,
        sorted(files),
        handbook.omitted,
        sum(1 for finding in handbook.lint.findings if finding.severity is Severity.ERROR),
        sum(1 for finding in handbook.lint.findings if finding.severity is Severity.WARNING),
    )


def render_pages(handbook: Handbook) -> dict[str, str]:
    """Every page of the handbook as `{relative path: Markdown}`, in memory."""
    from itstyr.messages import text
    from itstyr.render.handbook import links
    from itstyr.render.handbook.pages import SECTIONS, build_pages, section_title
    from itstyr.render.handbook.templates import handbook_environment, render
    from itstyr.render.handbook.tools import PageTools

    env = handbook_environment(handbook.language, handbook.root)
    organisation = handbook.organisation
    site = {
        "title": text("handbook.start.title", handbook.language),
        "organisation": organisation.name if organisation else None,
        "as_of": handbook.as_of.isoformat(),
        "language": handbook.language,
        "omitted": handbook.omitted,
    }
    titles = {page: section_title(key, handbook.language) for key, page in SECTIONS}
    files: dict[str, str] = {}
    for page in build_pages(handbook):
        tools = PageTools(handbook, page.path)
        crumbs: list[dict[str, Any]] = []
        if page.path != links.START:
            crumbs.append({"title": text("handbook.start.short", handbook.language), "href": tools.to(links.START)})
            if page.section:
                crumbs.append({"title": titles.get(page.section, page.section), "href": tools.to(page.section)})
        context = {
            **tools.functions(),
            "site": site,
            "page": {"path": page.path, "title": page.title, "breadcrumb": crumbs},
            "sections": [{"key": key, "title": titles[target], "href": tools.to(target)} for key, target in SECTIONS],
            "as_of": site["as_of"],
            **page.context,
        }
        files[page.path] = _tidy(render(env, page.template, context))
    return files


def _tidy(markdown: str) -> str:
    """No trailing spaces except Markdown's hard breaks, at most one blank line in a row, one final newline."""
    lines = []
    for line in markdown.split("\n"):
        stripped = line.rstrip()
        lines.append(line if line.endswith("  ") and stripped else stripped)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"
