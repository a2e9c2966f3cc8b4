"""Dates as the model writes them: exact (2024-09-12) or a period (2024, 2024-09, 2024-Q1, 2024-T2,
2024-H1). A deadline written as a period is met until the period's last day; a period starts on its
first day. Cadences and frequencies become calendar steps."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_PERIOD = re.compile(r"^(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|Q([1-4])|T([1-3])|H([12])))?$")

# Months covered by one step of a cadence or frequency; weeks are handled apart.
_CADENCE_MONTHS = {"manad": 1, "kvartal": 3, "tertial": 4, "halvar": 6, "ar": 12}
_CADENCE_WEEKS = {"vecka": 1, "varannan_vecka": 2}


def parse_period(value: object) -> tuple[date, date] | None:
    """First and last day of a date or period; None for anything else (schema errors are reported elsewhere)."""
    if not isinstance(value, str):
        return None
    match = _PERIOD.match(value)
    if not match:
        return None
    year = int(match.group(1))
    month, day, quarter, tertial, half = match.group(2, 3, 4, 5, 6)
    try:
        if day:
            exact = date(year, int(month), int(day))
            return exact, exact
        if month:
            return _months(year, int(month), 1)
        if quarter:
            return _months(year, 3 * int(quarter) - 2, 3)
        if tertial:
            return _months(year, 4 * int(tertial) - 3, 4)
        if half:
            return _months(year, 6 * int(half) - 5, 6)
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def _months(year: int, first_month: int, count: int) -> tuple[date, date]:
    last_month = first_month + count - 1
    return date(year, first_month, 1), date(year, last_month, calendar.monthrange(year, last_month)[1])


def period_end(value: object) -> date | None:
    period = parse_period(value)
    return period[1] if period else None


def period_start(value: object) -> date | None:
    period = parse_period(value)
    return period[0] if period else None


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 January + 1 month = 28/29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: date, years: int) -> date:
    return add_months(day, 12 * years)


def step(day: date, cadence: str, times: int = 1) -> date | None:
    """`day` moved forward by `times` steps of a cadence or frequency; None for `vid_behov` (no rhythm)."""
    if cadence in _CADENCE_MONTHS:
        return add_months(day, _CADENCE_MONTHS[cadence] * times)
    if cadence in _CADENCE_WEEKS:
        return day + timedelta(weeks=_CADENCE_WEEKS[cadence] * times)
    return None


def parse_as_of(value: str | None) -> date:
    """The evaluation date: an exact ISO date, or today."""
    if value is None:
        return date.today()
    return date.fromisoformat(value)
