"""The calendar as an iCalendar file (RFC 5545) that people subscribe to.

Every item is an all-day event. The bytes depend only on the repository and the as-of date, so a file
regenerated from the same data is identical and a subscriber's calendar changes only when the data
does: an event's UID comes from what falls due, the entity and the day (never a counter or a random
value), and DTSTAMP, which the standard requires, is the as-of date rather than the clock.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from itstyr.calendar.result import CalendarResult
from itstyr.messages import Message, text

PRODID = "-//itstyr//Uppfoljningskalender//SV"


def to_ical(result: CalendarResult, language: str) -> bytes:
    from icalendar import Calendar, Event

    organisation = result.organisation
    named = Message("calendar.heading.organisation", name=organisation.name or organisation.id) if organisation else ""
    domain = f"{organisation.id}.itstyr" if organisation and organisation.id else "itstyr"
    stamp = datetime.combine(result.as_of, time(0, 0), tzinfo=UTC)

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", Message("calendar.ics.name", organisation=named).render(language))
    items = [(item, True) for item in result.overdue] + [(item, False) for item in result.upcoming]
    for item, overdue in items:
        title = Message("calendar.ics.overdue", title=item.title) if overdue else item.title
        detail = item.detail.render(language) if item.detail else ""
        where = f"{item.document.path}:{item.document.line}"
        event = Event()
        event.add("uid", f"{item.uid_key}@{domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.day)
        event.add("dtend", item.day + timedelta(days=1))
        event.add("summary", title.render(language))
        event.add("description", f"{detail}\n{where}" if detail else where)
        event.add("categories", [text(f"calendar.category.{item.category}", language)])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
