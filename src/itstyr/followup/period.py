"""The period a follow-up report covers: a year (2026), a half year (2026-H1), a tertial (2026-T2), a
quarter (2026-Q3) or a month (2026-09), the periods Swedish municipalities report in. An exact date is
not a period: a report always covers a span of time."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from itstyr.dates import parse_period
from itstyr.errors import UserError
from itstyr.messages import Message

_FORMS = (
    (re.compile(r"^(\d{4})$"), "ar"),
    (re.compile(r"^(\d{4})-H([12])$"), "halvar"),
    (re.compile(r"^(\d{4})-T([1-3])$"), "tertial"),
    (re.compile(r"^(\d{4})-Q([1-4])$"), "kvartal"),
    (re.compile(r"^(\d{4})-(\d{2})$"), "manad"),
)


@dataclass(frozen=True, slots=True)
class Period:
    text: str  # as written: 2026-T2
    kind: str  # the frequency slug it is one step of: ar, halvar, tertial, kvartal, manad
    year: int
    number: int  # which half, tertial, quarter or month of the year; 0 for a year
    start: date
    end: date

    def contains(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    def overlaps(self, first: date | None, last: date | None) -> bool:
        return first is not None and last is not None and first <= self.end and last >= self.start

    def label(self) -> Message:
        """ "tertial 2 2026", "four-month period 2 2026"."""
        return Message(f"follow_up.period.{self.kind}", year=self.year, n=self.number, text=self.text)


def parse_report_period(value: str) -> Period:
    """The period written on the command line; a bad one is a usage error that shows the forms."""
    text = (value or "").strip()
    for pattern, kind in _FORMS:
        match = pattern.match(text)
        if match is None:
            continue
        bounds = parse_period(text)
        if bounds is None:  # 2026-13
            break
        number = int(match.group(2)) if match.lastindex and match.lastindex > 1 else 0
        return Period(text, kind, int(match.group(1)), number, bounds[0], bounds[1])
    raise UserError(Message("follow_up.period_invalid", value=value), Message("follow_up.period_invalid.hint"))
