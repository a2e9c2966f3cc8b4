"""Where the calendar's dates come from: one function per kind of thing that falls due.

Each reads only what the model holds and yields the days up to the end of the window (the ones
already passed included: they are what is overdue), and a `Gap` for whatever it cannot place for want
of data, never a guessed date. What counts as open (a document in force, a working forum, an action
not done) follows the lint rules that report the same things overdue.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from itstyr.calendar.recurrence import next_after, occurrences, schedule
from itstyr.calendar.result import Due, Gap
from itstyr.dates import add_months, add_years, period_end, period_start
from itstyr.glossary import label
from itstyr.lint.context import LintContext
from itstyr.messages import Message, Text
from itstyr.model import Document

DOCUMENT_IN_FORCE = ("gallande", "under_revidering")
WORKING_FORUM = ("etablerat", "under_oversyn")
PLAN_IN_FORCE = ("gallande", "under_revidering")
ACTION_CLOSED = ("klar", "stoppad")
LEFT_THE_FLOW = ("stoppad", "avslagen")
MEASURED = ("planerad", "under_realisering")

Item = Due | Gap


def name(document: Document | None, fallback: str = "") -> str:
    if document is None:
        return fallback
    return document.name or document.id or fallback


def _slug(value: str) -> Text:
    """A vocabulary value as its label in both languages, for a message parameter."""
    return Text(label(value, "sv").lower(), label(value, "en").lower())


def reviews(ctx: LintContext, until: date) -> Iterator[Item]:
    """Steering documents in force and decided prioritisation models, on their review date: `next_review`,
    else the decision plus `review_interval_months`, else the decision plus the repository's maximum age."""
    documents = [d for d in ctx.of_kind("steering_document") if d.data.get("status") in DOCUMENT_IN_FORCE]
    documents += [m for m in ctx.of_kind("prioritisation_model") if m.data.get("status") == "gallande"]
    for document in documents:
        data = document.data
        written = data.get("next_review")
        due = period_end(written)
        if due is not None:
            detail = Message("calendar.review.next_review", date=written)
        else:
            decided_text = (data.get("decision") or {}).get("date")
            decided = period_end(decided_text)
            if decided is None:
                yield Gap(Message("calendar.missing.review", name=name(document)), document)
                continue
            months = data.get("review_interval_months")
            if months:
                due = add_months(decided, months)
                detail = Message("calendar.review.interval", date=decided_text, months=months)
            else:
                years = ctx.threshold("document_max_age_years")
                due = add_years(decided, years)
                detail = Message("calendar.review.max_age", date=decided_text, years=years)
        if due <= until:
            yield Due(due, "review", document, Message("calendar.title.review", name=name(document)), detail)


def meetings(ctx: LintContext, until: date) -> Iterator[Item]:
    """Working forums' meetings: the planned ones, then by cadence after the plan or the latest minutes."""
    for forum in ctx.of_kind("forum"):
        data = forum.data
        if data.get("status") not in WORKING_FORUM:
            continue
        cadence = data.get("cadence")
        rhythm = cadence if cadence and cadence != "vid_behov" else None
        planned = [day for day in map(period_start, data.get("planned_meetings") or []) if day is not None]
        held = [day for day in (period_start(r.get("date")) for r in data.get("records") or []) if day is not None]
        if rhythm is None and not planned:
            if cadence is None:
                yield Gap(Message("calendar.missing.forum_cadence", name=name(forum)), forum)
            continue
        start = period_start(data.get("valid_from")) or period_start((data.get("decision") or {}).get("date"))
        slots, no_anchor = schedule(planned, held, rhythm, start, ctx.as_of, until)
        if no_anchor:
            yield Gap(Message("calendar.missing.forum_anchor", name=name(forum)), forum)
        title = Message("calendar.title.meeting", name=name(forum))
        for slot in slots:
            since = slot.since.isoformat() if slot.since else None
            detail = {
                "planned": Message("calendar.meeting.planned"),
                "missed": Message("calendar.meeting.missed", since=since) if since else Message("calendar.meeting.missed_never"),
                "late": Message("calendar.meeting.late", cadence=_slug(rhythm or ""), since=since),
                "rhythm": Message("calendar.meeting.rhythm", cadence=_slug(rhythm or ""), since=since),
            }[slot.kind]
            yield Due(slot.day, "meeting", forum, title, detail, "plan" if slot.kind in ("planned", "missed") else "rytm")


def follow_ups(ctx: LintContext, until: date) -> Iterator[Item]:
    """Board follow-ups: each plan in force on its schedule, then by its frequency; a follow-up counts as
    held when a record under the plan was presented."""
    plans = [plan for plan in ctx.of_kind("follow_up_plan") if plan.data.get("status") in PLAN_IN_FORCE]
    if not plans:
        yield Gap(Message("calendar.missing.no_plan"))
        return
    presented: dict[str, list[date]] = {}
    for record in ctx.of_kind("follow_up_record"):
        held = period_start((record.data.get("presented_to") or {}).get("date"))
        if held is not None:
            presented.setdefault(record.data.get("plan"), []).append(held)
    for plan in plans:
        data = plan.data
        recipient = name(ctx.get(data.get("recipient")), data.get("recipient") or "")
        entries = {}
        for entry in data.get("schedule") or []:
            day = period_start(entry.get("date"))
            if day is not None:
                entries.setdefault(day, entry)
        frequency = data.get("frequency")
        start = period_start(data.get("valid_from")) or period_start((data.get("decision") or {}).get("date"))
        slots, no_anchor = schedule(list(entries), presented.get(plan.id, []), frequency, start, ctx.as_of, until)
        if no_anchor:
            yield Gap(Message("calendar.missing.plan_anchor", name=name(plan)), plan)
        for slot in slots:
            entry = entries.get(slot.day) if slot.kind in ("planned", "missed") else None
            report = _slug(entry["report_type"]) if entry and entry.get("report_type") else Message("calendar.follow_up.default_report")
            title = Message("calendar.title.follow_up", recipient=recipient, report=report)
            since = slot.since.isoformat() if slot.since else None
            if slot.kind == "planned":
                covers = entry.get("covers") or {}
                detail = (
                    Message("calendar.follow_up.covers", start=covers["from"], end=covers["to"])
                    if covers.get("from") and covers.get("to")
                    else Message("calendar.follow_up.planned")
                )
            elif slot.kind == "missed":
                detail = Message("calendar.follow_up.missed")
            else:
                detail = Message(f"calendar.follow_up.{slot.kind}", frequency=_slug(frequency or ""), since=since)
            yield Due(slot.day, "follow_up", plan, title, detail, "plan" if entry else "rytm")


def benefits(ctx: LintContext, until: date) -> Iterator[Item]:
    """Benefit measurements by frequency, counted as the lint rule counts them: from the later of the latest
    measurement and the start of realisation, else from the baseline. A planned benefit is due only once its
    realisation period has a start; measurements after the realisation period are not due."""
    initiatives = ctx.of_kind("initiative")
    if not initiatives:
        yield Gap(Message("calendar.missing.no_initiatives"))
        return
    for initiative in initiatives:
        if initiative.data.get("status") in LEFT_THE_FLOW:
            continue
        for benefit in initiative.data.get("benefits") or []:
            status = benefit.get("status")
            if status not in MEASURED:
                continue
            period = benefit.get("realisation_period") or {}
            start, end = period_start(period.get("from")), period_end(period.get("to"))
            if status == "planerad" and start is None:
                continue
            params = {"benefit": benefit.get("id", ""), "name": benefit.get("name", ""), "initiative": name(initiative)}
            frequency = benefit.get("frequency")
            if frequency is None or next_after(ctx.as_of, frequency) is None:
                yield Gap(Message("calendar.missing.benefit_frequency", **params), initiative)
                continue
            measured = [day for day in (period_end(m.get("date")) for m in benefit.get("measurements") or []) if day]
            last = max(measured) if measured else None
            candidates = [day for day in (last, start) if day is not None]
            if candidates:
                anchor = max(candidates)
                basis = "since_measurement" if anchor == last else "since_start"
            else:
                anchor = period_end((benefit.get("baseline") or {}).get("date"))
                basis = "since_baseline"
                if anchor is None:
                    yield Gap(Message("calendar.missing.benefit_anchor", **params), initiative)
                    continue
            title = Message("calendar.title.benefit", name=params["name"], initiative=params["initiative"])
            detail = Message(f"calendar.benefit.{basis}", frequency=_slug(frequency), date=anchor.isoformat())
            part = str(benefit.get("id", ""))
            first = next_after(anchor, frequency)
            if first < ctx.as_of:
                yield Due(first, "benefit", initiative, title, detail, part)
            last_day = min(until, end) if end is not None else until
            for day in occurrences(anchor, frequency, ctx.as_of, last_day):
                yield Due(day, "benefit", initiative, title, detail, part)


def actions(ctx: LintContext, until: date) -> Iterator[Item]:
    """Actions not done (neither klar nor stoppad), on their due date (a period counts as its last day)."""
    found = ctx.of_kind("action")
    if not found and ctx.of_kind("audit"):
        yield Gap(Message("calendar.missing.no_actions"))
    for action in found:
        data = action.data
        if data.get("status") in ACTION_CLOSED:
            continue
        due = period_end(data.get("due"))
        if due is None:
            yield Gap(Message("calendar.missing.action_due", name=name(action)), action)
            continue
        if due <= until:
            owner = data.get("owner") or {}
            detail = Message(
                "calendar.action.detail",
                due=data.get("due"),
                status=_slug(data.get("status", "")),
                owner=name(ctx.get(owner.get("role")), owner.get("role") or "–"),
            )
            yield Due(due, "action", action, Message("calendar.title.action", name=name(action)), detail)


def commissions(ctx: LintContext, until: date) -> Iterator[Item]:
    """Political commissions not yet reported back, on the day they must be (as commission-overdue reads them)."""
    for commission in ctx.of_kind("commission"):
        data = commission.data
        reported = period_start((data.get("reported_back") or {}).get("date"))
        if reported is not None and reported <= ctx.as_of:
            continue
        due = period_end(data.get("due"))
        if due is None:
            yield Gap(Message("calendar.missing.commission_due", name=name(commission)), commission)
            continue
        if due <= until:
            detail = Message(
                "calendar.commission.detail",
                due=data.get("due"),
                issuer=name(ctx.get(data.get("issuer")), data.get("issuer") or "–"),
                recipient=name(ctx.get(data.get("recipient")), data.get("recipient") or "–"),
            )
            yield Due(due, "commission", commission, Message("calendar.title.commission", name=name(commission)), detail)


def audit_responses(ctx: LintContext, until: date) -> Iterator[Item]:
    """The board's response to an audit, until it has been decided or sent."""
    for audit in ctx.of_kind("audit"):
        data = audit.data
        due = period_end(data.get("response_due"))
        response = data.get("response") or {}
        if due is None or response.get("sent_date") or response.get("decision"):
            continue
        if due <= until:
            auditor = name(ctx.get(data.get("auditor")), data.get("auditor") or "–")
            detail = Message("calendar.audit_response.detail", due=data.get("response_due"), auditor=auditor)
            yield Due(due, "audit_response", audit, Message("calendar.title.audit_response", name=name(audit)), detail)


SOURCES = (audit_responses, commissions, actions, follow_ups, reviews, benefits, meetings)
