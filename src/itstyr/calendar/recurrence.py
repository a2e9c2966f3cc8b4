"""Recurring dates and the calendar's window, on top of `itstyr.dates`.

Every occurrence is counted from its anchor (anchor + n steps), never from the previous occurrence,
so month ends do not drift: from 31 January a monthly rhythm gives 29 February (in a leap year),
31 March, 30 April, 31 May; stepping from 29 February would give 29 March and lose the month's end.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from itstyr.dates import add_months, add_years, step

_WITHIN = re.compile(r"^\s*(\d{1,4})\s*([dwmy])\s*$", re.IGNORECASE)
# A rhythm over a century is the most a repository can mean; the bound keeps a weekly cadence from
# an anchor in the distant past from looping for long.
_MAX_STEPS = 100 * 53


def window_end(within: str, as_of: date) -> date | None:
    """The last day of the window that starts on `as_of`: 90d, 12w, 6m or 1y. None if it cannot be read."""
    match = _WITHIN.match(within or "")
    if not match:
        return None
    count, unit = int(match.group(1)), match.group(2).lower()
    if unit == "d":
        return as_of + timedelta(days=count)
    if unit == "w":
        return as_of + timedelta(weeks=count)
    if unit == "m":
        return add_months(as_of, count)
    return add_years(as_of, count)


def next_after(anchor: date, cadence: str) -> date | None:
    """The first occurrence after the anchor; None for a cadence without rhythm (vid_behov)."""
    return step(anchor, cadence)


def occurrences(anchor: date, cadence: str, first: date, last: date) -> list[date]:
    """Every anchor + n steps (n ≥ 1) from `first` to `last`, both included."""
    found: list[date] = []
    if step(anchor, cadence) is None or last < first:
        return found
    for times in range(1, _MAX_STEPS + 1):
        day = step(anchor, cadence, times)
        if day > last:
            break
        if day >= first:
            found.append(day)
    return found


class Slot:
    """A day in a rhythm: `planned` (on the plan, still to come), `missed` (on the plan, passed with
    nothing held since), `late` (due by the rhythm after the last one held, and passed) or `rhythm`
    (due by the rhythm, still to come). `since` is the day it was counted from."""

    __slots__ = ("day", "kind", "since")

    def __init__(self, day: date, kind: str, since: date | None = None):
        self.day, self.kind, self.since = day, kind, since

    def __repr__(self) -> str:
        return f"Slot({self.day.isoformat()}, {self.kind!r}, {self.since})"


def schedule(
    planned: list[date], held: list[date], rhythm: str | None, start: date | None, as_of: date, until: date
) -> tuple[list[Slot], bool]:
    """The days something recurring falls due up to `until`, and whether a rhythm had nothing to count from.

    The plan (`planned`) comes first: its days still to come, and its past days with nothing held on
    or after them. The rhythm fills in after the plan's last day; with no plan ahead it counts from
    the latest day held or planned (else `start`), and the first day it gives is late if it has
    passed, unless a missed planned day already says so.
    """
    held = sorted(day for day in held if day <= as_of)
    latest = held[-1] if held else None
    planned = sorted(set(planned))
    slots: list[Slot] = []
    missed = False
    for day in planned:
        if day < as_of:
            if latest is None or latest < day:
                slots.append(Slot(day, "missed", latest))
                missed = True
        elif day <= until:
            slots.append(Slot(day, "planned"))
    if rhythm is None or next_after(as_of, rhythm) is None:
        return slots, False
    ahead = [day for day in planned if day >= as_of]
    if ahead:
        anchor = ahead[-1]
    else:
        past = [day for day in (latest, planned[-1] if planned else None) if day is not None]
        anchor = max(past) if past else start
        if anchor is None:
            return slots, True
        base = latest or start
        if not missed and base is not None:
            due = next_after(base, rhythm)
            if due < as_of:
                slots.append(Slot(due, "late", base))
    slots.extend(Slot(day, "rhythm", anchor) for day in occurrences(anchor, rhythm, as_of, until))
    return slots, False
