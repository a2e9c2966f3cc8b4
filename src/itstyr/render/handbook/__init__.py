"""The governance handbook: the repository as Swedish (or English) Markdown pages that the
administrations, elected members, auditors and the public read, cross-linked with relative links
that work in a Git host, in a folder and on a static site.

`render_handbook` is the front door. The steps are public for commands built on top of it (a
static site, `itstyr build`): `prepare` gathers the repository, `render_pages` turns it into
`{relative path: Markdown}` (or `rendering.render_into` writes them into a folder), and
`writing.check_target` with `writing.write_folder` (or `fill_folder`) put a folder of files in
place atomically. Templates are `data/templates/handbook/*.md.j2`; a repository overrides any of
them from its own `templates/handbook/`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from itstyr.render.handbook.model import Handbook, prepare
from itstyr.render.handbook.rendering import render_pages

__all__ = ["Handbook", "HandbookResult", "prepare", "render_handbook", "render_pages"]


@dataclass
class HandbookResult:
    out: Path
    language: str
    as_of: date
    pages: list[str] = field(default_factory=list)  # relative paths, sorted
    omitted: int = 0  # documents left out because they break their schema


def render_handbook(path: str | Path, out: str | Path, language: str | None = None, as_of: str | None = None) -> HandbookResult:
    """Render the handbook of the repository at `path` into the folder `out`.

    `language` is "sv" or "en" (default: the repository's setting, else Swedish); `as_of` an ISO date
    (default: the setting, else today) that decides what is overdue, which year's cost allocation is
    shown and what is upcoming. The output depends only on the files and these two values, so the
    same input gives the same bytes. `out` must be new, empty or an earlier handbook (it holds the
    marker file `.itstyr-handbook`), and not inside the governance data unless `itstyr.yaml` excludes
    it. Everything is rendered before anything is written; a failing template leaves `out` as it was.
    Raises `UserError` for every problem a user can fix (exit code 2 in the CLI)."""
    from itstyr.api import open_repository
    from itstyr.render.handbook.rendering import render_into
    from itstyr.render.handbook.writing import check_target, fill_folder

    target = Path(out)
    root, settings, _problems = open_repository(path)
    check_target(target, root, settings.exclude)  # refuse before the work, not after it
    handbook = prepare(path, language, as_of)
    written: list[str] = []

    def fill(staging: Path) -> None:
        written.extend(render_into(handbook, staging))
        check_target(target, handbook.root, handbook.validation.settings.exclude)  # still ours to replace?

    fill_folder(target, fill)
    return HandbookResult(target, handbook.language, handbook.as_of, sorted(written), handbook.omitted)
