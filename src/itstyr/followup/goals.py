"""Goals and indicators against their targets: every measurable goal above initiative level that
applies in the period, its indicators' latest values by the cutoff and how far they have come from
baseline to target, the owner's assessment for the period, and the plan's goal indicators."""

from __future__ import annotations

from typing import Any

from itstyr.followup.common import Scope, bars, day, progress
from itstyr.followup.records import indicators, observations
from itstyr.model import Document

SECTION = "goals"
COMPONENTS = {"mal"}
MEASURABLE = ("mal", "effektmal")
LEVELS = ("kommunfullmaktige", "kommunstyrelse", "namnd", "forvaltning", "avdelning")


def _applies(scope: Scope, goal: Document) -> bool:
    period = goal.data.get("period")
    if not isinstance(period, dict):
        return True
    return scope.period.overlaps(day(period.get("from"), end=False), day(period.get("to")))


def _assessment(scope: Scope, goal: Document) -> dict[str, Any] | None:
    """The assessment for the latest follow-up period ending within the report's period."""
    best = None
    for entry in goal.data.get("assessments", []):
        end = day(entry["period"])
        if scope.period.contains(end) and end <= scope.as_of and (best is None or end >= best[0]):
            best = (end, entry)
    if best is None:
        return None
    entry = best[1]
    return {"period": entry["period"], "attainment": scope.label(entry["attainment"]), "comment": entry.get("comment", "")}


def _indicator(scope: Scope, goal: Document, indicator: dict) -> dict[str, Any]:
    unit = indicator.get("unit_of_measure") or ""
    measured = [
        (when, index, m)
        for index, m in enumerate(indicator.get("measurements", []))
        if (when := day(m["date"])) and when <= scope.cutoff
    ]
    baseline, target = indicator.get("baseline") or {}, indicator.get("target") or {}
    row: dict[str, Any] = {
        "name": indicator["name"],
        "unit": unit,
        "baseline": f"{scope.number(baseline['value'])} ({baseline['date']})" if baseline else "–",
        "target": f"{scope.number(target['value'])} ({target['date']})" if target else "–",
        "value": "",
        "date": "",
        "before_period": False,
        "progress": None,
        "missing": "",
    }
    if not measured:
        row["missing"] = scope.lack(
            SECTION,
            "follow_up.missing.measurement",
            name=indicator["name"],
            goal=scope.name(goal),
            cutoff=scope.cutoff.isoformat(),
        )
        return row
    when, _, latest = max(measured, key=lambda item: item[:2])
    row.update(value=scope.number(latest["value"]), date=str(latest["date"]), before_period=when < scope.period.start)
    row["progress"] = progress(baseline.get("value"), target.get("value"), latest["value"])
    if not baseline or not target:
        row["missing"] = scope.lack(SECTION, "follow_up.missing.baseline_target", name=indicator["name"], goal=scope.name(goal))
    return row


def build(scope: Scope, plan: Document | None, records: list[Document]) -> dict[str, Any]:
    goals = [
        goal
        for goal in scope.ctx.of_kind("goal")
        if goal.data.get("goal_type") in MEASURABLE and goal.data.get("level") in LEVELS and _applies(scope, goal)
    ]
    goals.sort(key=lambda goal: (LEVELS.index(goal.data["level"]), goal.id or ""))
    rows = []
    for goal in goals:
        assessment = _assessment(scope, goal)
        entry = {
            "name": scope.name(goal),
            "level": scope.label(goal.data["level"]),
            "owner": scope.name_of(goal.data.get("owner_unit")),
            "assessment": assessment,
            "indicators": [_indicator(scope, goal, indicator) for indicator in goal.data.get("indicators", [])],
            "missing": "",
        }
        if assessment is None:
            entry["missing"] = scope.lack(
                SECTION, "follow_up.missing.goal_assessment", goal=entry["name"], period=scope.period.text
            )
        rows.append(entry)
    if not goals:
        scope.lack(SECTION, "follow_up.missing.goals")
    chart_items = [
        (indicator["name"], indicator["progress"])
        for goal in rows
        for indicator in goal["indicators"]
        if indicator["progress"] is not None
    ]
    return {
        "goals": rows,
        "indicators": indicators(scope, plan, records, COMPONENTS, SECTION),
        "observations": observations(scope, records, COMPONENTS),
        "chart": bars(scope.phrase("follow_up.goals.chart"), scope.phrase("follow_up.goals.chart_axis"), chart_items),
    }
