"""Where everything lives in the handbook, and links between its pages.

Every entity has one home: its own page (steering documents, forums, initiatives) or an anchor on
its section's page (`system.md#sys-gis`). Links are relative (`../forum/forum-x.md`), so the same
files work in a Git host, in a folder on disk and on a static site; anchors are the entity's id,
written as `<a id="...">` so that no host's heading-slug rules matter. Ids are `[a-z0-9-]`, safe as
file names and anchors.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from itstyr.render.handbook.escape import md

# The section pages, by role. Folder pages are `<folder>/index.md`.
START = "index.md"
DOCUMENTS = "styrdokument/index.md"
ORGANISATION = "organisation.md"
ROLES = "roller.md"
SYSTEMS = "system.md"
FORUMS = "forum/index.md"
GOALS = "mal.md"
PORTFOLIO = "portfolj/index.md"
COSTS = "ekonomi.md"
FOLLOW_UP = "uppfoljning.md"
AUDIT = "granskning.md"
CHANGELOG = "andringar.md"
GLOSSARY = "ordlista.md"
REGISTER = "register.md"

# Kinds with a page of their own, in the folder of their section.
OWN_PAGE = {"steering_document": "styrdokument", "forum": "forum", "initiative": "portfolj"}
# Kinds shown as an anchored part of a section page.
ON_PAGE = {
    "organisation": ORGANISATION,
    "unit": ORGANISATION,
    "role": ROLES,
    "responsibility_matrix": ROLES,
    "system": SYSTEMS,
    "management_object": SYSTEMS,
    "it_service": SYSTEMS,
    "governance_model": FORUMS,
    "goal": GOALS,
    "prioritisation_model": PORTFOLIO,
    "portfolio": PORTFOLIO,
    "benefits_model": PORTFOLIO,
    "cost_model": COSTS,
    "funding_process": COSTS,
    "follow_up_plan": FOLLOW_UP,
    "follow_up_record": FOLLOW_UP,
    "internal_control_plan": FOLLOW_UP,
    "audit": AUDIT,
    "action": AUDIT,
    "commission": AUDIT,
}


def entity_page(kind: str, entity_id: str) -> str:
    folder = OWN_PAGE[kind]
    # "index" is a valid id but the folder's own page: the entity's page gets another name.
    return f"{folder}/{entity_id if entity_id != 'index' else 'index-' + kind}.md"


def relative(from_page: str, to_page: str) -> str:
    """The link from one handbook page to another, both given from the handbook's root."""
    from_folder = from_page.rpartition("/")[0]
    to_folder, _, to_name = to_page.rpartition("/")
    if from_folder == to_folder:
        return to_name
    return "../" * (from_folder.count("/") + 1 if from_folder else 0) + to_page


@dataclass(frozen=True, slots=True)
class Target:
    page: str
    anchor: str | None
    name: str
    kind: str


class Linker:
    """Resolves an id to where its entity is shown and writes Markdown links to it from a page."""

    def __init__(self) -> None:
        self.targets: dict[str, Target] = {}
        self._links: dict[tuple[str, str], str] = {}  # (folder or own page, id) → link

    def add(self, entity_id: str, page: str, anchor: str | None, name: str, kind: str) -> None:
        self.targets.setdefault(entity_id, Target(page, anchor, name, kind))

    def href(self, from_page: str, entity_id: object, anchor: str | None = None) -> str | None:
        target = self.targets.get(entity_id) if isinstance(entity_id, str) else None
        if target is None:
            return None
        return page_href(from_page, target.page, anchor or target.anchor)

    def link(self, from_page: str, entity_id: object, text: object = None) -> str:
        """`[Name](../page.md#id)`, or the id as plain text when nothing in the handbook has it."""
        target = self.targets.get(entity_id) if isinstance(entity_id, str) else None
        if target is None:
            return md(text if text is not None else entity_id)
        if text is not None:
            return f"[{md(text)}]({page_href(from_page, target.page, target.anchor)})"
        # The same link is written from every page in a folder (or, on its own page, as an anchor).
        key = (from_page if target.page == from_page else from_page.rpartition("/")[0], entity_id)
        link = self._links.get(key)
        if link is None:
            link = self._links[key] = f"[{md(target.name)}]({page_href(from_page, target.page, target.anchor)})"
        return link

    def name(self, entity_id: object) -> str:
        target = self.targets.get(entity_id) if isinstance(entity_id, str) else None
        return target.name if target else str(entity_id or "")


def page_href(from_page: str, to_page: str, anchor: str | None = None) -> str:
    if to_page == from_page:
        return f"#{anchor}" if anchor else to_page.rpartition("/")[2]
    return relative(from_page, to_page) + (f"#{anchor}" if anchor else "")


# Swedish alphabetical order: å, ä and ö after z; accents otherwise ignored (é as e, ü as y).
_SWEDISH = str.maketrans({"å": "{", "ä": "|", "ö": "}", "æ": "|", "ø": "}", "ü": "y"})


@lru_cache(maxsize=65536)
def _collation_key(text: str) -> str:
    folded = text.lower().translate(_SWEDISH)
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def collation_key(text: object) -> str:
    return _collation_key(text if isinstance(text, str) else str(text or ""))


def display_name(document, language: str = "sv") -> str:
    """The name a reader sees: the English name (`name_en`) in English where there is one."""
    if language == "en":
        english = document.data.get("name_en") if isinstance(document.data, dict) else None
        if isinstance(english, str) and english:
            return english
    return document.name or document.id or ""


def by_name(documents, language: str = "sv") -> list:
    """Documents in alphabetical order (Swedish rules) of the names shown, the id breaking ties."""
    return sorted(documents, key=lambda document: (collation_key(display_name(document, language)), document.id or ""))


def initial(text: object) -> str:
    """The letter a name is filed under in an alphabetical list (A–Ö; # for anything else)."""
    for char in str(text or "").strip():
        upper = char.upper()
        if upper in "ÅÄÖ":
            return upper
        base = unicodedata.normalize("NFKD", upper)[0]
        if "A" <= base <= "Z":
            return base
        if char.isalnum():
            return "#"
    return "#"
