"""The follow-up report's context: everything the template shows, built from a validated workspace,
the period and the as-of date. Each section is built by its own module; this one frames them (the
organisation, the plan, what was presented for the period) and gathers the missing data."""

from __future__ import annotations

from datetime import date
from typing import Any

from itstyr.followup import actions, benefits, costs, delivery, goals, internal_control, overdue, portfolio
from itstyr.followup.common import Scope
from itstyr.followup.period import Period
from itstyr.followup.records import chosen_plan, period_records, record_summary, scheduled
from itstyr.lint.config import effective_thresholds
from itstyr.lint.context import LintContext

# The sections in the order of the report, with the plan's components each one answers for.
SECTIONS = (
    (goals, goals.COMPONENTS),
    (portfolio, portfolio.COMPONENTS),
    (benefits, benefits.COMPONENTS),
    (delivery, delivery.COMPONENTS),
    (costs, costs.COMPONENTS),
    (internal_control, internal_control.COMPONENTS),
    (actions, actions.COMPONENTS),
)
PLAN = "plan"


def build_context(validation, period: Period, as_of: date, language: str) -> dict[str, Any]:
    """`validation` is an `itstyr.api.ValidationResult` whose settings are sound. Documents that break
    their schema are left out (and counted), as the lint rules leave them out."""
    settings = validation.settings
    thresholds = effective_thresholds(settings.extends, settings.thresholds)
    ctx = LintContext(validation.workspace, as_of, thresholds, validation.invalid)
    at_cutoff = LintContext(validation.workspace, min(period.end, as_of), thresholds, validation.invalid)
    scope = Scope(ctx, at_cutoff, period, as_of, language)

    plan = chosen_plan(scope)
    records = period_records(scope, plan)
    schedule = scheduled(scope, plan)
    if plan is None:
        scope.lack(PLAN, "follow_up.missing.plan")
    elif not records and not any(entry["to_come"] for entry in schedule):
        scope.lack(PLAN, "follow_up.missing.record", period=period.text, recipient=scope.name_of(plan.data["recipient"]))

    sections = {}
    for module, _components in SECTIONS:
        sections[module.SECTION] = module.build(scope, plan, records)
    sections[overdue.SECTION] = overdue.build(scope, validation)

    covered = {component for record in records for component in record.data.get("components_covered", [])}
    summary = []
    for module, components in SECTIONS:
        summary.append(
            {
                "key": module.SECTION,
                "missing": sum(1 for item in scope.missing if item["section"] == module.SECTION),
                "covered": bool(components & covered) if records else None,
                "assessments": sorted(
                    {o["assessment"] for o in sections[module.SECTION]["observations"] if o["assessment"] != "–"}
                ),
            }
        )
    organisations = sorted(ctx.of_kind("organisation"), key=lambda o: o.id or "")
    plan_data = plan.data if plan else {}
    return {
        "organisation": scope.name(organisations[0]) if organisations else "",
        "period": {
            "text": period.text,
            "year": period.year,
            "label": period.label().render(language, nested=True),
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "state": "not_started" if as_of < period.start else "ongoing" if as_of < period.end else "ended",
        },
        "as_of": as_of.isoformat(),
        "cutoff": scope.cutoff.isoformat(),
        "plan": {
            "name": scope.name(plan),
            "frequency": scope.label(plan_data["frequency"]),
            "matches_period": plan_data["frequency"] == period.kind or period.kind == "ar",
            "recipient": scope.name_of(plan_data["recipient"]),
            "responsible": scope.assignment(plan_data.get("responsible")),
            "components": [scope.label(c) for c in plan_data.get("components", [])],
        }
        if plan
        else None,
        "records": [record_summary(scope, record) for record in records],
        "schedule": schedule,
        "skipped": len(validation.invalid),
        "summary": summary,
        "sections": sections,
        "missing": [item for item in scope.missing],
        "missing_plan": [item["text"] for item in scope.missing if item["section"] == PLAN],
    }
