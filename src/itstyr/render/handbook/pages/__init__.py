"""The handbook's pages: one builder module per section, each turning the gathered `Handbook` into
pages (a path, a template and the values the template shows). Builders choose, order and compute;
templates word and lay out. The order of `SECTIONS` is the order of the handbook."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from itstyr.render.handbook import links


@dataclass
class Page:
    path: str  # from the handbook's root, forward slashes
    template: str  # under data/templates/ (or the repository's templates/)
    title: str  # plain text; the template escapes it
    context: dict[str, Any] = field(default_factory=dict)
    section: str | None = None  # the section page above this one, if any


# (key, page): titles and introductions are messages `handbook.section.<key>.title` / `.intro`.
SECTIONS = [
    ("documents", links.DOCUMENTS),
    ("organisation", links.ORGANISATION),
    ("roles", links.ROLES),
    ("systems", links.SYSTEMS),
    ("forums", links.FORUMS),
    ("goals", links.GOALS),
    ("portfolio", links.PORTFOLIO),
    ("costs", links.COSTS),
    ("follow_up", links.FOLLOW_UP),
    ("audit", links.AUDIT),
    ("changelog", links.CHANGELOG),
    ("glossary", links.GLOSSARY),
    ("register", links.REGISTER),
]


def section_title(key: str, language: str) -> str:
    from itstyr.messages import text

    return text(f"handbook.section.{key}.title", language)


def build_pages(handbook) -> list[Page]:
    from itstyr.render.handbook import history
    from itstyr.render.handbook.pages import (
        audit,
        costs,
        documents,
        follow_up,
        forums,
        glossary,
        goals,
        organisation,
        portfolio,
        register,
        roles,
        start,
        systems,
    )

    pages: list[Page] = []
    for module in (start, documents, organisation, roles, systems, forums, goals, portfolio, costs, follow_up, audit, history, glossary, register):
        pages.extend(module.build(handbook))
    return pages
