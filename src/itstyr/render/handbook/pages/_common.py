"""Small helpers the page builders share: ordering by dates written as dates or periods."""

from __future__ import annotations

from datetime import date

from itstyr.dates import period_end, period_start


def date_key(value: object) -> date:
    """A sort key for a date or period (its last day); anything else sorts first."""
    return period_end(value) or date.min


def newest_first(items: list, field: str) -> list:
    return sorted(items, key=lambda item: (date_key(item.get(field)), str(item.get(field))), reverse=True)


def upcoming(value: object, start: date, end: date) -> bool:
    """True if a date or period falls (at least partly) between start and end."""
    first, last = period_start(value), period_end(value)
    return first is not None and last is not None and last >= start and first <= end
