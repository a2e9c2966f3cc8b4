"""The follow-up plan and what was presented for the period: the plan in force, the follow-up records
whose covered period ends in the report's period, the presentations the plan schedules for it, and,
per component, the records' observations and the plan's indicators with their values."""

from __future__ import annotations

from typing import Any

from itstyr.followup.common import Scope, day
from itstyr.lint.rules.cost_follow_up._common import plans_in_force
from itstyr.model import Document

BOARD = "kommunstyrelse"
# Where a record's metric belongs when it names no indicator of the plan: by the kind it measures.
COMPONENT_OF_KIND = {
    "goal": "mal",
    "portfolio": "portfolj",
    "initiative": "portfolj",
    "it_service": "it_leverans",
    "system": "it_leverans",
    "cost_model": "kostnadsmodell",
    "benefits_model": "nyttor",
    "internal_control_plan": "internkontroll",
}


def chosen_plan(scope: Scope) -> Document | None:
    """The plan in force that reports to the executive board (else any plan in force), first by id."""

    def rank(plan: Document) -> tuple:
        recipient = scope.ctx.get(plan.data.get("recipient"), "unit")
        to_board = recipient is not None and recipient.data.get("type") == BOARD
        return (not to_board, plan.id or "")

    plans = sorted(plans_in_force(scope.ctx), key=rank)
    return plans[0] if plans else None


def period_records(scope: Scope, plan: Document | None) -> list[Document]:
    """Records presented by the as-of date whose covered period ends within the report's period,
    in the order they were presented."""
    chosen = []
    for record in scope.ctx.of_kind("follow_up_record"):
        data = record.data
        if plan is not None and data.get("plan") != plan.id:
            continue
        covered_end = day(data["period"]["to"])
        presented = day(data["presented_to"].get("date"), end=False)
        if scope.period.contains(covered_end) and presented is not None and presented <= scope.as_of:
            chosen.append((presented, covered_end, record.id or "", record))
    return [item[-1] for item in sorted(chosen, key=lambda item: item[:3])]


def scheduled(scope: Scope, plan: Document | None) -> list[dict[str, Any]]:
    """The plan's scheduled presentations of a follow-up whose covered period ends in the period."""
    if plan is None:
        return []
    entries = []
    for entry in plan.data.get("schedule", []):
        covered_end = day(entry.get("covers", {}).get("to"))
        if not scope.period.contains(covered_end):
            continue
        held = day(entry["date"], end=False)
        entries.append(
            {
                "date": entry["date"],
                "report_type": scope.label(entry.get("report_type")),
                "to_come": held is not None and held > scope.as_of,
                "note": entry.get("note", ""),
            }
        )
    return sorted(entries, key=lambda entry: str(entry["date"]))


def record_summary(scope: Scope, record: Document) -> dict[str, Any]:
    data = record.data
    return {
        "id": record.id,
        "name": scope.name(record),
        "report_type": scope.label(data.get("report_type")),
        "covers": f"{data['period']['from']} – {data['period']['to']}",
        "presented_to": scope.decision(data["presented_to"]),
        "assessment": scope.label(data.get("overall_assessment")) or "–",
        "summary": data.get("summary", ""),
        "components": [scope.label(component) for component in data.get("components_covered", [])],
        "where": f"{record.path}:{record.line}",
    }


def observations(scope: Scope, records: list[Document], components: set[str]) -> list[dict[str, Any]]:
    """The records' findings for these components, in the order the records were presented."""
    result = []
    for record in records:
        for finding in record.data.get("findings", []):
            if finding["component"] not in components:
                continue
            result.append(
                {
                    "record": scope.name(record),
                    "component": scope.label(finding["component"]),
                    "text": finding["text"],
                    "assessment": scope.label(finding.get("assessment")) or "–",
                    "actions": [scope.name_of(action) for action in finding.get("actions", [])],
                }
            )
    return result


def _metric_component(scope: Scope, metric: dict, plan_components: dict[str, str]) -> str | None:
    if metric.get("indicator") in plan_components:
        return plan_components[metric["indicator"]]
    subject = scope.ctx.get(metric.get("subject"))
    return COMPONENT_OF_KIND.get(subject.kind if subject else "", "mal")


def indicators(
    scope: Scope, plan: Document | None, records: list[Document], components: set[str], section: str
) -> list[dict[str, Any]]:
    """The plan's indicators for these components with the latest value the period's records give
    (missing values named), then metrics the records report that the plan does not list."""
    plan_indicators = plan.data.get("indicators", []) if plan else []
    plan_components = {indicator["id"]: indicator["component"] for indicator in plan_indicators}
    latest: dict[str, dict] = {}
    extra: list[dict] = []
    for record in records:  # in presentation order: a later record's value replaces an earlier one
        for metric in record.data.get("metrics", []):
            if _metric_component(scope, metric, plan_components) not in components:
                continue
            if metric.get("indicator") in plan_components:
                latest[metric["indicator"]] = metric
            else:
                extra.append(metric)
    rows = []
    for indicator in plan_indicators:
        if indicator["component"] not in components:
            continue
        metric = latest.get(indicator["id"])
        target = indicator.get("target") or {}
        row = _row(scope, indicator["name"], indicator.get("unit_of_measure"), metric)
        row["plan_target"] = f"{scope.number(target['value'])} ({target['date']})" if target else "–"
        if metric is None:
            row["missing"] = scope.lack(
                section, "follow_up.missing.indicator_value", name=indicator["name"], period=scope.period.text
            )
        rows.append(row)
    for metric in extra:
        row = _row(scope, metric["name"], metric.get("unit_of_measure"), metric)
        row["plan_target"] = "–"
        rows.append(row)
    return rows


def _row(scope: Scope, name: str, unit: Any, metric: dict | None) -> dict[str, Any]:
    unit = unit or (metric or {}).get("unit_of_measure") or ""
    if metric is None:
        return {"name": name, "unit": unit, "value": "", "target": "", "date": "", "assessment": "", "missing": ""}
    target = metric.get("target")
    return {
        "name": name,
        "unit": unit,
        "value": scope.number(metric["value"]),
        "target": scope.number(target) if target is not None else "–",
        "date": str(metric.get("date", "")),
        "assessment": scope.label(metric.get("assessment")) or "–",
        "missing": "",
    }
