"""The internal control plan's results for the period: the IT controls of the plans for the period's
year that were planned in the period or have a result dated in it, each result's outcome, deviations
and measures, and when the results were reported to the board. A control planned in the period
without a result is named; a result is never assumed."""

from __future__ import annotations

from typing import Any

from itstyr.followup.common import IT_DOMAINS, Scope, day, pie
from itstyr.followup.records import indicators, observations
from itstyr.model import Document

SECTION = "internal_control"
COMPONENTS = {"internkontroll", "informationssakerhet"}
OUTCOMES = ("ingen_avvikelse", "avvikelse", "ej_genomford")


def _planned_in_period(scope: Scope, control: dict) -> bool:
    return any(scope.period.overlaps(day(t, end=False), day(t)) for t in control.get("timing", []))


def _reported(scope: Scope, plan: dict, latest_result) -> str:
    """The first report of results to the board on or after the period's latest result, by the as-of date."""
    if latest_result is None:
        return ""
    reports = sorted(
        (when, index, entry)
        for index, entry in enumerate(plan.get("result_reports", []))
        if (when := day(entry["date"], end=False)) and latest_result <= when <= scope.as_of
    )
    return scope.decision(reports[0][2]) if reports else ""


def build(scope: Scope, plan: Document | None, records: list[Document]) -> dict[str, Any]:
    plans = sorted(
        (p for p in scope.ctx.of_kind("internal_control_plan") if p.data["year"] == scope.period.year), key=lambda p: p.id or ""
    )
    if not plans:
        scope.lack(SECTION, "follow_up.missing.control_plan", year=scope.period.year)
    counts = {outcome: 0 for outcome in (*OUTCOMES, "missing")}
    result_plans = []
    for control_plan in plans:
        data = control_plan.data
        name = scope.name(control_plan)
        results_by_control: dict[str, list] = {}
        latest = None
        for result in data.get("results", []):
            when = day(result["date"], end=False)
            if scope.period.contains(when) and when <= scope.as_of:
                results_by_control.setdefault(result["control"], []).append((when, result))
                latest = when if latest is None or when > latest else latest
        rows = []
        for control in data["controls"]:
            if not IT_DOMAINS & set(control.get("domains", [])):
                continue
            results = sorted(results_by_control.get(control["id"], []), key=lambda item: item[0])
            if not results and not _planned_in_period(scope, control):
                continue
            row = {
                "id": control["id"],
                "process": control["process"],
                "risk_value": control["risk_value"],
                "timing": ", ".join(str(t) for t in control.get("timing", [])),
                "responsible": scope.assignment(control.get("responsible")),
                "results": [
                    {
                        "date": result["date"],
                        "outcome": scope.label(result["outcome"]),
                        "deviations": result.get("deviations", ""),
                        "measures": result.get("measures", ""),
                        "actions": [scope.name_of(a) for a in result.get("actions", [])],
                    }
                    for _, result in results
                ],
                "missing": "",
            }
            for _, result in results:
                counts[result["outcome"]] += 1
            if not results:
                counts["missing"] += 1
                row["missing"] = scope.lack(
                    SECTION,
                    "follow_up.missing.control_result",
                    control=f"{control['id']} {control['process']}",
                    plan=name,
                    period=scope.period.text,
                )
            rows.append(row)
        reported = _reported(scope, data, latest)
        if latest is not None and not reported:
            scope.lack(SECTION, "follow_up.missing.control_report", plan=name)
        result_plans.append(
            {"name": name, "decision": scope.decision(data.get("decision")), "controls": rows, "reported": reported}
        )
    slices = [(scope.label(outcome), counts[outcome]) for outcome in OUTCOMES]
    slices.append((scope.phrase("status.saknat_underlag"), counts["missing"]))
    return {
        "plans": result_plans,
        "indicators": indicators(scope, plan, records, COMPONENTS, SECTION),
        "observations": observations(scope, records, COMPONENTS),
        "chart": pie(scope.phrase("follow_up.control.chart"), slices),
    }
