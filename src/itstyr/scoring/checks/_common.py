"""Small helpers the scoring checks share: how to name an entity, and whether a date or period has
begun or not yet ended at the evaluation date."""

from __future__ import annotations

from datetime import date

from itstyr.dates import period_end, period_start
from itstyr.messages import Text
from itstyr.model import Document


def name(document: Document) -> str:
    return document.name or document.id or "?"


def started(value: object, as_of: date) -> bool:
    """A date or period that has begun by the as-of date (no date: nothing stops it)."""
    start = period_start(value)
    return start is None or start <= as_of


def not_ended(value: object, as_of: date) -> bool:
    end = period_end(value)
    return end is None or end >= as_of


def problems_of(subject: Text, problems: list[Text]) -> Text:
    """One line naming what is wrong with an entity: "Subject: problem; problem." in both languages."""
    return Text(
        f"{subject.sv}: " + "; ".join(p.render("sv", nested=True) for p in problems) + ".",
        f"{subject.en}: " + "; ".join(p.render("en", nested=True) for p in problems) + ".",
    )
