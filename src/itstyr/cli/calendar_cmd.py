"""`itstyr calendar`: what falls due, overdue first; optionally as an iCalendar file to subscribe to."""

from __future__ import annotations

import sys
from enum import Enum

import typer

from itstyr.cli.boundary import boundary
from itstyr.cli.options import AS_OF_OPTION, LANG_OPTION, PATH_ARGUMENT, Language


class CalendarFormat(str, Enum):
    text = "text"
    markdown = "markdown"


WITHIN_OPTION = typer.Option("90d", "--within", help="Hur långt fram kalendern når: dagar, veckor, månader eller år (90d, 12w, 6m, 1y).")
FORMAT_OPTION = typer.Option(CalendarFormat.text, "--format", "-f", help="text eller markdown.")
ICS_OPTION = typer.Option(None, "--ics", help="Skriv också kalendern som en iCalendar-fil (.ics) att prenumerera på.")


def register(app: typer.Typer) -> None:
    @app.command("calendar")
    @boundary
    def calendar(
        path: str = PATH_ARGUMENT,
        as_of: str | None = AS_OF_OPTION,
        within: str = WITHIN_OPTION,
        format: CalendarFormat = FORMAT_OPTION,  # noqa: A002 - the option is called --format
        ics: str | None = ICS_OPTION,
        lang: Language | None = LANG_OPTION,
    ) -> None:
        """Uppföljningskalendern: allt som infaller, det försenade först. Styrdokumentens översyner,
        forumens möten, styrelsens uppföljningar, nyttomätningar, åtgärdernas och uppdragens
        tidsgränser och yttrandet till revisorerna, och det som saknas för att kunna planera dem.

        Exempel:

            itstyr calendar governance-repo-template --as-of 2026-11-30

            itstyr calendar . --within 6m --ics uppfoljning.ics

            itstyr calendar . --format markdown --lang en
        """
        from itstyr.api import resolve_language
        from itstyr.calendar import build_calendar
        from itstyr.calendar.output import CALENDAR_FORMATS
        from itstyr.messages import Message

        result = build_calendar(path, as_of, within)
        language = resolve_language(lang.value if lang else None, result.settings)
        if ics is not None:
            from itstyr.calendar.ics import to_ical
            from itstyr.render.atomic import write_text_atomically

            write_text_atomically(ics, to_ical(result, language).decode("utf-8"))
        CALENDAR_FORMATS[format.value](result, language, sys.stdout)
        if ics is not None:
            count = len(result.overdue) + len(result.upcoming)
            sys.stderr.write(Message("calendar.ics.written", path=ics, count=count).render(language) + "\n")
