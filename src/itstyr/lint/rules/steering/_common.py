"""What the steering-document rules share: when a document is in force, and how to name things in a
message (an entity by name and id, a vocabulary value by its glossary label in either language)."""

from __future__ import annotations

from datetime import date
from functools import cache

from itstyr.dates import period_end, period_start
from itstyr.messages import Text
from itstyr.model import Document

# Statuses of a document that is decided and applies; under_revidering still applies until replaced.
IN_FORCE = ("gallande", "under_revidering")
# Statuses of a document that no longer applies: history, not something to keep current.
HISTORICAL = ("upphavd", "ersatt")


def in_force(document: Document, as_of: date) -> bool:
    """In force at `as_of`: an in-force status, and within valid_from..valid_to where they are given."""
    data = document.data
    if data.get("status") not in IN_FORCE:
        return False
    starts = period_start(data.get("valid_from"))
    ends = period_end(data.get("valid_to"))
    return (starts is None or starts <= as_of) and (ends is None or ends >= as_of)


def named(document: Document) -> str:
    """An entity as a message names it: its name and, in brackets, its id."""
    return f"{document.data.get('name', document.id)} ({document.id})"


@cache
def _glossary() -> dict[str, dict[str, str]]:
    from itstyr.resources import package_root, read_bundled_yaml

    labels: dict[str, dict[str, str]] = {}
    for entry in sorted(package_root().joinpath("data", "glossary").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            labels.update(read_bundled_yaml(f"data/glossary/{entry.name}") or {})
    return labels


def _lower_first(value: str) -> str:
    return value[:1].lower() + value[1:]


def label(slug: str) -> Text:
    """A vocabulary value's label for use inside a sentence ("kommunfullmäktige", "municipal council");
    the slug itself when the glossary has no label for it."""
    entry = _glossary().get(slug)
    if not isinstance(entry, dict):
        return Text(slug, slug)
    return Text(_lower_first(entry.get("sv", slug)), _lower_first(entry.get("en", slug)))


def labels(slugs) -> list[Text]:
    return [label(slug) for slug in slugs]
