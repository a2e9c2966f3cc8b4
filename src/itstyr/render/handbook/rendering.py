"""From the gathered handbook to `{relative path: Markdown}`: each page through its template, with
the values every page has (the tools, the breadcrumb, the list of sections), tidied so the same
input always gives the same bytes.

A large repository has thousands of pages that do not depend on each other. On Linux, with more
than one processor and enough pages, they are shared out between forked processes (which inherit
the gathered handbook without copying it); the result is the same dict, in the same order, as
rendering them one by one.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from itstyr.errors import UserError
from itstyr.messages import Message, text
from itstyr.render.handbook import links
from itstyr.render.handbook.model import Handbook

PARALLEL_FROM = 400  # pages; below this, starting processes costs more than it saves
_TRAILING = re.compile(r"[ \t]+$", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n{3,}")


def render_pages(handbook: Handbook, workers: int | None = None) -> dict[str, str]:
    """Every page of the handbook as `{relative path: Markdown}`, in memory. `workers` forces the
    number of processes (1: none); by default they are used only where they pay."""
    return dict(_render(handbook, None, workers))


def render_into(handbook: Handbook, folder: Path, workers: int | None = None) -> list[str]:
    """Render every page straight into `folder` (each process writes what it renders, so writing
    overlaps rendering and no page is held in memory longer than it takes to write it); returns
    the relative paths, in page order."""
    return [path for path, _text in _render(handbook, folder, workers)]


def _render(handbook: Handbook, folder: Path | None, workers: int | None) -> list[tuple[str, str | None]]:
    from itstyr.render.handbook.pages import build_pages

    renderer = Renderer(handbook)
    pages = build_pages(handbook)
    count = workers if workers is not None else (_processors() if len(pages) >= PARALLEL_FROM else 1)
    if count > 1 and sys.platform.startswith("linux"):
        rendered = _in_processes(renderer, pages, count, folder)
    else:
        rendered = _share(renderer, pages, folder)
    order = {page.path: index for index, page in enumerate(pages)}
    return sorted(rendered, key=lambda item: order[item[0]])


def _share(renderer: Renderer, pages: list, folder: Path | None) -> list[tuple[str, str | None]]:
    """Render pages; with a folder, write each one there and keep only its path."""
    from itstyr.render.handbook.writing import write_files

    rendered = [(page.path, renderer.page(page)) for page in pages]
    if folder is None:
        return rendered
    write_files(folder, rendered)
    return [(path, None) for path, _text in rendered]


class Renderer:
    def __init__(self, handbook: Handbook):
        from itstyr.render.handbook.pages import SECTIONS, section_title
        from itstyr.render.handbook.templates import handbook_environment

        self.handbook = handbook
        self.env = handbook_environment(handbook.language, handbook.root)
        organisation = handbook.organisation
        self.site = {
            "title": text("handbook.start.title", handbook.language),
            "organisation": handbook.name(organisation) if organisation else None,
            "as_of": handbook.as_of.isoformat(),
            "language": handbook.language,
            "omitted": handbook.omitted,
            "history": handbook.history.available,
        }
        self.sections = [(key, page, section_title(key, handbook.language)) for key, page in SECTIONS]
        self.titles = {page: title for _key, page, title in self.sections}

    def page(self, page) -> str:
        """One page: its own values, plus what every page has (the tools, the breadcrumb, the sections)."""
        from itstyr.render.handbook.record import view
        from itstyr.render.handbook.templates import render
        from itstyr.render.handbook.tools import PageTools

        tools = PageTools(self.handbook, page.path)
        crumbs: list[dict[str, Any]] = []
        if page.path != links.START:
            crumbs.append({"title": text("handbook.start.short", self.handbook.language), "href": tools.to(links.START)})
            if page.section:
                crumbs.append({"title": self.titles.get(page.section, page.section), "href": tools.to(page.section)})
        context = {
            **tools.functions(),
            "site": self.site,
            "page": {"path": page.path, "title": page.title, "breadcrumb": crumbs},
            "sections": [{"key": key, "title": title, "href": tools.to(target)} for key, target, title in self.sections],
            "as_of": self.site["as_of"],
            **{name: view(value) for name, value in page.context.items()},
        }
        return tidy(render(self.env, page.template, context))


def tidy(markdown: str) -> str:
    """No trailing spaces (so no hard line breaks either), at most one blank line in a row, one final newline."""
    if " \n" in markdown or "\t\n" in markdown:
        markdown = _TRAILING.sub("", markdown)
    if "\n\n\n" in markdown:
        markdown = _BLANK_LINES.sub("\n\n", markdown)
    return markdown.strip("\n") + "\n"


# --- Sharing pages out between processes ----------------------------------------------------------

_JOB: tuple[Renderer, list, int, Path | None] | None = None  # set before forking; the children inherit it


@dataclass(frozen=True)
class _Failed:
    """A UserError from a child, carried back whole (the exception itself does not pickle)."""

    message: Message
    hint: Message | None


def _processors() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _render_share(share: int) -> list | _Failed:
    renderer, pages, count, folder = _JOB  # type: ignore[misc]
    try:
        return _share(renderer, pages[share::count], folder)
    except UserError as error:
        return _Failed(error.message, error.hint)


def _in_processes(renderer: Renderer, pages: list, count: int, folder: Path | None) -> list[tuple[str, str | None]]:
    import multiprocessing

    global _JOB
    _JOB = (renderer, pages, count, folder)
    try:
        with multiprocessing.get_context("fork").Pool(count - 1) as pool:
            others = pool.map_async(_render_share, range(1, count), chunksize=1)
            shares = [_render_share(0), *others.get()]  # this process renders a share too
    finally:
        _JOB = None
    rendered = []
    for share in shares:
        if isinstance(share, _Failed):
            raise UserError(share.message, share.hint)
        rendered.extend(share)
    return rendered
