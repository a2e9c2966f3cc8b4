"""What the calendar holds: dated items (overdue or coming), and what could not be placed on it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from itstyr.messages import Message
from itstyr.model import Document

# The order items of the same day are listed in, and the categories' message keys.
CATEGORIES = ("audit_response", "commission", "action", "follow_up", "review", "benefit", "meeting")


@dataclass(frozen=True, slots=True)
class Due:
    """One thing that falls due on a day: a meeting, a review, a report, a deadline."""

    day: date
    category: str
    document: Document
    title: Message
    detail: Message | None = None
    part: str = ""  # what within the entity: a benefit's id, "plan" or "rytm"; keeps the event id unique

    @property
    def uid_key(self) -> str:
        parts = [self.category, self.document.id or self.document.path, self.part, self.day.strftime("%Y%m%d")]
        return "-".join(part for part in parts if part)

    def sort_key(self) -> tuple:
        return (self.day, CATEGORIES.index(self.category), self.document.id or "", self.part)


@dataclass(frozen=True, slots=True)
class Gap:
    """Something the calendar should hold but cannot place, for want of data (saknat underlag)."""

    message: Message
    document: Document | None = None


@dataclass(slots=True)
class CalendarResult:
    as_of: date
    until: date
    within: str
    organisation: Document | None
    settings: Any = None  # the repository's itstyr.Settings (its language, for one)
    overdue: list[Due] = field(default_factory=list)
    upcoming: list[Due] = field(default_factory=list)
    missing: list[Gap] = field(default_factory=list)
