"""The follow-up calendar: everything in the repository that falls due, overdue first.

`build_calendar` is the front door (it returns a `CalendarResult` and never prints); `sources` says
where each kind of date comes from, `recurrence` how rhythms are counted, `output` and `ics` how the
result is shown and subscribed to.
"""

from __future__ import annotations

from pathlib import Path

from itstyr.calendar.result import CalendarResult, Due, Gap

__all__ = ["CalendarResult", "Due", "Gap", "build_calendar"]

DEFAULT_WITHIN = "90d"


def build_calendar(path: str | Path, as_of: str | None = None, within: str = DEFAULT_WITHIN) -> CalendarResult:
    """What falls due in the repository at `path`: overdue items (all of them) and those due from the
    as-of date to the end of the window (`within`: 90d, 12w, 6m or 1y), each list in date order."""
    from itstyr.api import validate
    from itstyr.calendar.recurrence import window_end
    from itstyr.calendar.sources import SOURCES
    from itstyr.dates import parse_as_of
    from itstyr.errors import UserError
    from itstyr.lint.config import effective_thresholds
    from itstyr.lint.context import LintContext
    from itstyr.messages import Message, count

    validation = validate(path)
    if validation.config_broken:
        raise UserError(Message("usage.settings_broken"), Message("usage.settings_broken.hint"))
    try:
        day = parse_as_of(as_of or validation.settings.as_of)
    except ValueError:
        raise UserError(Message("usage.as_of", value=str(as_of)), Message("usage.as_of.hint")) from None
    until = window_end(within, day)
    if until is None:
        raise UserError(Message("calendar.usage.within", value=within), Message("calendar.usage.within.hint"))
    settings = validation.settings
    thresholds = effective_thresholds(settings.extends, settings.thresholds)
    ctx = LintContext(validation.workspace, day, thresholds, validation.invalid)
    organisations = ctx.of_kind("organisation")
    result = CalendarResult(day, until, within, organisations[0] if organisations else None, settings)
    if validation.invalid:
        result.missing.append(Gap(Message("calendar.missing.invalid", count=count("document", len(validation.invalid)))))
    seen: set[str] = set()
    for source in SOURCES:
        for item in source(ctx, until):
            if isinstance(item, Gap):
                result.missing.append(item)
            elif item.uid_key not in seen:
                seen.add(item.uid_key)
                (result.overdue if item.day < day else result.upcoming).append(item)
    result.overdue.sort(key=Due.sort_key)
    result.upcoming.sort(key=Due.sort_key)
    return result
