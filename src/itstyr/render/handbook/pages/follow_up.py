"""Follow-up: the follow-up plan (what the board receives, how often, its indicators and schedule),
the board's follow-ups carried out, a calendar of what comes in the next twelve months (reviews,
reports, meetings, deadlines), and the internal control plans."""

from __future__ import annotations

from itstyr.dates import add_months
from itstyr.render.handbook import links
from itstyr.render.handbook.pages import Page, section_title
from itstyr.render.handbook.pages._common import date_key, upcoming

HORIZON_MONTHS = 12
IN_FORCE = ("gallande", "under_revidering", "remiss", "utkast")
OPEN = ("ej_paborjad", "pagaende", "forsenad")


def build(hb) -> list[Page]:
    records = sorted(
        hb.of_kind("follow_up_record"),
        key=lambda r: (date_key((r.data.get("presented_to") or {}).get("date")), str((r.data.get("presented_to") or {}).get("date")), r.id),
        reverse=True,
    )
    horizon = add_months(hb.as_of, HORIZON_MONTHS)
    return [
        Page(
            links.FOLLOW_UP,
            "handbook/follow_up.md.j2",
            section_title("follow_up", hb.language),
            {
                "plans": [
                    {"document": plan, "schedule": sorted(plan.data.get("schedule", []) or [], key=lambda s: (date_key(s.get("date")), str(s.get("date"))))}
                    for plan in hb.of_kind("follow_up_plan")
                ],
                "records": records,
                "calendar": _calendar(hb, horizon),
                "horizon": horizon.isoformat(),
                "control_plans": sorted(hb.of_kind("internal_control_plan"), key=lambda p: (-(p.data.get("year") or 0), links.collation_key(hb.name(p)))),
            },
        )
    ]


def _calendar(hb, horizon) -> list[dict]:
    """Everything dated between the as-of date and the horizon, in date order."""
    events: list[dict] = []

    def add(value, key: str, entity_id, detail=None) -> None:
        if upcoming(value, hb.as_of, horizon):
            events.append({"date": value, "key": key, "id": entity_id, "detail": detail})

    for document in hb.of_kind("steering_document"):
        if document.data.get("status") in IN_FORCE:
            add(document.data.get("next_review"), "review", document.id)
    for kind in ("governance_model", "prioritisation_model", "cost_model"):
        for document in hb.of_kind(kind):
            add(document.data.get("next_review"), "review", document.id)
    for forum in hb.of_kind("forum"):
        meetings = sorted((m for m in forum.data.get("planned_meetings", []) or [] if date_key(m) >= hb.as_of), key=date_key)
        if meetings:
            add(meetings[0], "meeting", forum.id)
    for plan in hb.of_kind("follow_up_plan"):
        for entry in plan.data.get("schedule", []) or []:
            add(entry.get("date"), "report", plan.id, entry.get("report_type"))
    for action in hb.of_kind("action"):
        if action.data.get("status") in OPEN:
            add(action.data.get("due"), "action_due", action.id)
    for commission in hb.of_kind("commission"):
        if commission.data.get("status") in OPEN:
            add(commission.data.get("due"), "commission_due", commission.id)
    for audit in hb.of_kind("audit"):
        if not audit.data.get("response"):
            add(audit.data.get("response_due"), "response_due", audit.id)
    for service in hb.of_kind("it_service"):
        for level in service.data.get("service_levels", []) or []:
            add(level.get("review_by"), "service_review", service.id, level.get("id"))
    return sorted(events, key=lambda e: (date_key(e["date"]), str(e["date"]), e["key"], links.collation_key(hb.linker.name(e["id"])), str(e["id"]), str(e["detail"])))

