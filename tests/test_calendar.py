"""`itstyr calendar`: every cadence counted from its anchor (month ends and leap years included), the
window, each kind of thing that falls due, overdue first, what is missing, and an .ics file that the
icalendar library parses back into the same events, byte for byte the same on every run."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT, TEMPLATE
from itstyr.calendar.recurrence import occurrences, schedule, window_end

BASELINE = ROOT / "examples" / "helsingborg-2023"
AS_OF = "2026-11-30"


def edit(repo: Path, relative: str, old: str, new: str) -> None:
    path = repo / relative
    source = path.read_text(encoding="utf-8")
    assert source.count(old) == 1, f"{old!r} is not once in {relative}"
    path.write_text(source.replace(old, new), encoding="utf-8")


def d(text: str) -> date:
    return date.fromisoformat(text)


def section(out: str, heading: str) -> list[str]:
    """The item lines under a heading of the text output (`Försenat (2)` → its lines)."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(heading + " ("))
    found = []
    for line in lines[start + 1 :]:
        if not line.startswith("  "):
            break
        found.append(line.strip())
    return found


# --- Cadences, month ends, leap years -----------------------------------------------------------


@pytest.mark.parametrize(
    ("anchor", "cadence", "first", "last", "expected"),
    [
        ("2026-11-30", "vecka", "2026-12-01", "2026-12-31", ["2026-12-07", "2026-12-14", "2026-12-21", "2026-12-28"]),
        ("2026-12-28", "varannan_vecka", "2026-12-29", "2027-02-10", ["2027-01-11", "2027-01-25", "2027-02-08"]),
        # 31 January + 1 month is the last day of February, and the month's end is kept after it.
        ("2027-01-31", "manad", "2027-02-01", "2027-05-31", ["2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31"]),
        ("2024-01-31", "manad", "2024-02-01", "2024-03-31", ["2024-02-29", "2024-03-31"]),
        ("2026-11-30", "kvartal", "2026-12-01", "2027-12-31", ["2027-02-28", "2027-05-30", "2027-08-30", "2027-11-30"]),
        ("2026-10-31", "tertial", "2026-11-01", "2027-12-31", ["2027-02-28", "2027-06-30", "2027-10-31"]),
        ("2023-08-31", "halvar", "2023-09-01", "2024-12-31", ["2024-02-29", "2024-08-31"]),
        # 29 February once a year: 28 February in common years, 29 February again in 2028.
        ("2024-02-29", "ar", "2024-03-01", "2028-12-31", ["2025-02-28", "2026-02-28", "2027-02-28", "2028-02-29"]),
        ("2026-01-15", "vid_behov", "2026-01-01", "2030-12-31", []),
    ],
)
def test_every_cadence_is_counted_from_its_anchor(anchor, cadence, first, last, expected):
    assert [day.isoformat() for day in occurrences(d(anchor), cadence, d(first), d(last))] == expected


@pytest.mark.parametrize(
    ("within", "as_of", "until"),
    [
        ("90d", "2026-11-30", "2027-02-28"),
        ("12w", "2026-11-30", "2027-02-22"),
        ("6m", "2026-08-31", "2027-02-28"),
        ("1m", "2024-01-31", "2024-02-29"),
        ("1y", "2024-02-29", "2025-02-28"),
        ("0d", "2026-11-30", "2026-11-30"),
    ],
)
def test_the_window(within, as_of, until):
    assert window_end(within, d(as_of)) == d(until)


@pytest.mark.parametrize("within", ["90", "tre månader", "-1m", "6q", ""])
def test_a_window_that_cannot_be_read(within):
    assert window_end(within, d("2026-11-30")) is None


def test_a_plan_comes_first_and_the_rhythm_fills_in_after_it():
    slots, no_anchor = schedule(
        planned=[d("2026-11-26"), d("2026-12-10")], held=[d("2026-11-12")], rhythm="varannan_vecka", start=None,
        as_of=d("2026-11-30"), until=d("2027-01-10"),
    )
    assert not no_anchor
    assert [(s.day.isoformat(), s.kind) for s in slots] == [
        ("2026-11-26", "missed"), ("2026-12-10", "planned"), ("2026-12-24", "rhythm"), ("2027-01-07", "rhythm"),
    ]
    slots, _ = schedule([], [d("2026-09-10")], "manad", None, d("2026-11-30"), d("2027-01-31"))
    assert [(s.day.isoformat(), s.kind) for s in slots] == [("2026-10-10", "late"), ("2026-12-10", "rhythm"), ("2027-01-10", "rhythm")]
    assert schedule([], [], "manad", None, d("2026-11-30"), d("2027-01-31")) == ([], True)


# --- The calendar of the template ---------------------------------------------------------------


def test_template_calendar_overdue_first_then_in_date_order(cli):
    run = cli("calendar", str(TEMPLATE), "--as-of", AS_OF)
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0] == "Uppföljningskalender för Hamnköpings stad per 2026-11-30, till och med 2027-02-28"
    overdue = section(run.out, "Försenat")
    assert overdue == ["2026-11-26  Möte          Möte i Beredningsrådet – planerat möte utan protokoll (senaste protokoll 2026-11-12)"]
    upcoming = section(run.out, "Kommande")
    days = [line[:10] for line in upcoming]
    assert days == sorted(days) and days[0] == "2026-12-03" and days[-1] == "2027-02-28"
    assert "2026-12-16  Uppföljning   Uppföljning till Kommunstyrelsen: särskild rapport – avser 2026-09–2026-11" in upcoming
    # A benefit last measured on 31 October, four-monthly: due on the last day of February.
    assert upcoming[-1] == (
        "2027-02-28  Nyttomätning  Mätning av nyttan Mer tid för brukarna (Mobil dokumentation i hemtjänsten)"
        " – mäts per tertial; senast mätt 2026-10-31"
    )
    # Beredningsrådet's plan ends on 28 January; its fortnightly cadence carries on from there.
    assert "2027-02-11  Möte          Möte i Beredningsrådet – enligt mötesfrekvensen (varannan vecka) räknat från 2027-01-28" in upcoming
    assert section(run.out, "Saknat underlag") == ["Inget saknas för kalendern."]


def test_every_kind_of_deadline_appears_on_its_day(cli, template_copy):
    edit(template_copy, "styrdokument/it-policy-2025.yaml", "next_review: 2029-03", "next_review: 2027-01")
    edit(template_copy, "granskning/atgarder.yaml", 'started: 2026-05\ndue: "2027-06-30"', "started: 2026-05\ndue: 2026-10")
    edit(template_copy, "granskning/politiska-uppdrag.yaml", "due: 2027-06", "due: 2027-02")
    edit(template_copy, "granskning/granskning-revisionsbyran-2023.yaml", 'response_due: "2024-03-01"', 'response_due: "2027-01-15"')
    audit = (template_copy / "granskning/granskning-revisionsbyran-2023.yaml").read_text(encoding="utf-8")
    head, _, tail = audit.partition("\nresponse:\n")
    rest = tail.split("\n")
    kept = [line for line in rest if not line.startswith(" ")]  # drop the response block: not answered yet
    (template_copy / "granskning/granskning-revisionsbyran-2023.yaml").write_text(head + "\n" + "\n".join(kept), encoding="utf-8")
    edit(template_copy, "forum/produktradet.yaml", 'planned_meetings: ["2026-12-10", "2027-01-14", "2027-02-11"]\n', "")
    run = cli("calendar", str(template_copy), "--as-of", AS_OF)
    assert run.code == 0, run.err
    overdue, upcoming = section(run.out, "Försenat"), section(run.out, "Kommande")
    assert any(line.startswith("2026-10-31  Åtgärd") and "status pågående" in line for line in overdue)
    assert overdue[0].startswith("2026-10-31")  # overdue in date order
    assert any(line.startswith("2027-01-31  Översyn") and "IT-policy för Hamnköpings stad" in line for line in upcoming)
    assert any(line.startswith("2027-01-15  Yttrande") for line in upcoming)
    assert any(line.startswith("2027-02-28  Uppdrag") for line in upcoming)
    # Produktrådet without its plan: monthly from its latest minutes (2026-11-12).
    assert "2026-12-12  Möte          Möte i Produktrådet – enligt mötesfrekvensen (månad) räknat från 2026-11-12" in upcoming


def test_the_follow_up_schedule_is_checked_against_the_follow_ups_held(cli, template_copy):
    edit(template_copy, "uppfoljning/uppfoljningsplan.yaml", '  - date: "2026-12-16"', '  - date: "2026-10-14"')
    run = cli("calendar", str(template_copy), "--as-of", AS_OF)
    assert "2026-10-14  Uppföljning   Uppföljning till Kommunstyrelsen: särskild rapport – planerad redovisning som inte finns som uppföljning (follow_up_record)" in section(run.out, "Försenat")


def test_missing_data_is_named_not_guessed(cli, template_copy):
    edit(template_copy, "forum/produktradet.yaml", "cadence: manad", "cadence: vid_behov")
    edit(template_copy, "forum/produktradet.yaml", 'planned_meetings: ["2026-12-10", "2027-01-14", "2027-02-11"]\n', "")
    edit(template_copy, "portfolj/initiativ/mobil-dokumentation-hemtjanst.yaml", "Verksamhetssystemet för vård och omsorg\n    frequency: tertial\n", "Verksamhetssystemet för vård och omsorg\n")
    run = cli("calendar", str(template_copy), "--as-of", AS_OF, "--lang", "en")
    missing = section(run.out, "Missing evidence")
    assert len(missing) == 1
    assert any("The benefit" in line and "does not say how often it is measured" in line for line in missing)
    assert not any("Produktrådet" in line for line in run.out.splitlines())  # as needed: nothing to place, nothing missing


# --- iCalendar ---------------------------------------------------------------------------------


def test_ics_parses_back_into_the_same_all_day_events_and_is_stable(cli, tmp_path):
    from icalendar import Calendar

    target = tmp_path / "kalender.ics"
    run = cli("calendar", str(TEMPLATE), "--as-of", AS_OF, "--ics", str(target))
    assert run.code == 0, run.err
    assert "Kalenderfilen" in run.err and "(29 händelser)" in run.err
    first = target.read_bytes()
    calendar = Calendar.from_ical(first)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 29 == len(section(run.out, "Försenat")) + len(section(run.out, "Kommande"))
    assert str(calendar["X-WR-CALNAME"]) == "Uppföljningskalender för Hamnköpings stad"
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == len(uids)
    assert uids[0] == "meeting-forum-beredningsradet-plan-20261126@org-hamnkopings-stad.itstyr"
    starts = [event.decoded("DTSTART") for event in events]
    assert all(type(day) is date for day in starts)  # all-day events, not timed ones
    assert all(event.decoded("DTEND") - event.decoded("DTSTART") == date(2000, 1, 2) - date(2000, 1, 1) for event in events)
    assert str(events[0]["SUMMARY"]) == "Försenat: möte i Beredningsrådet"
    assert str(events[-1]["SUMMARY"]) == "Mätning av nyttan Mer tid för brukarna (Mobil dokumentation i hemtjänsten)"
    assert starts[-1] == date(2027, 2, 28)
    assert {event.decoded("DTSTAMP").isoformat() for event in events} == {"2026-11-30T00:00:00+00:00"}
    cli("calendar", str(TEMPLATE), "--as-of", AS_OF, "--ics", str(target))
    assert target.read_bytes() == first  # deterministic: same data and date, same bytes


def test_unwritable_ics_is_exit_code_2(cli, tmp_path):
    run = cli("calendar", str(TEMPLATE), "--as-of", AS_OF, "--ics", str(tmp_path / "finns-inte" / "k.ics"))
    assert run.code == 2 and "Traceback" not in run.err


# --- The baseline and the command line ---------------------------------------------------------


def test_the_baseline_calendar_shows_what_the_audit_found_missing(cli):
    run = cli("calendar", str(BASELINE))
    assert run.code == 0, run.err
    assert run.out.startswith("Uppföljningskalender för Helsingborgs stad per 2023-11-27, till och med 2024-02-25\n")
    assert section(run.out, "Försenat") == [
        "2012-09-12  Översyn  Översyn av IT-policy för Helsingborgs stad – beslutat 2008-09-12 utan översynsdatum;"
        " senast 4 år efter beslutet (document_max_age_years)"
    ]
    missing = section(run.out, "Saknat underlag")
    assert "Det finns ingen gällande uppföljningsplan (follow_up_plan): styrelsens uppföljning kan inte läggas i kalendern." in missing
    assert "Det finns inga åtgärder (action) med anledning av granskningen, och därmed inga tidsgränser att följa." in missing
    assert "Det finns inga initiativ, och därmed inga nyttor att mäta." in missing
    assert sum("anger varken mötesfrekvens" in line for line in missing) == 6
    longer = cli("calendar", str(BASELINE), "--within", "6m")
    assert any(line.startswith("2024-03-01  Yttrande") for line in section(longer.out, "Kommande"))


def test_markdown(cli):
    run = cli("calendar", str(TEMPLATE), "--as-of", AS_OF, "--format", "markdown", "--lang", "en")
    assert run.code == 0, run.err
    assert run.out.startswith("# Follow-up calendar for Hamnköpings stad as of 2026-11-30, up to and including 2027-02-28\n")
    assert "| 2026-11-26 | Meeting | Meeting of Beredningsrådet – planned meeting with no minutes (latest minutes 2026-11-12) | `forum/beredningsradet.yaml:1` |" in run.out
    assert "## Missing evidence (0)\n\nNothing the calendar needs is missing.\n" in run.out


def test_bad_window_is_exit_code_2(cli):
    run = cli("calendar", str(TEMPLATE), "--within", "tre månader")
    assert run.code == 2 and "--within" in run.err and "90d, 12w, 6m" in run.err and "Traceback" not in run.err


def test_help_has_an_example(cli):
    run = cli("calendar", "--help")
    assert run.code == 0 and "Exempel" in run.out


def test_an_entry_that_breaks_its_schema_is_left_out_and_named(cli, template_copy):
    edit(template_copy, "forum/produktradet.yaml", "planned_meetings:", "planerade_moten:")
    run = cli("calendar", str(template_copy), "--as-of", AS_OF)
    assert run.code == 0
    assert section(run.out, "Saknat underlag") == ["1 post som bryter mot sitt schema är inte med i kalendern; kör itstyr validate."]
    assert "Produktrådet" not in run.out
