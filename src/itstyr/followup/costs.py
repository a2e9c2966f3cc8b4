"""The cost model's allocations for the period's fiscal year: the model in force at the cutoff, what
each administration (or its committee) is allocated, the sum against the year's total, and when the
model was communicated to each. Administrations with no allocation are named, not assumed at zero."""

from __future__ import annotations

from typing import Any

from itstyr.followup.common import Scope, day, pie
from itstyr.followup.records import indicators, observations
from itstyr.lint.rules.cost_follow_up._common import administration_keys, cost_model_in_force
from itstyr.model import Document

SECTION = "costs"
COMPONENTS = {"kostnadsmodell"}


def _communicated(scope: Scope, model: dict, keys: set[str]) -> str:
    """The latest time by the cutoff the model was explained to the unit (or its committee)."""
    told = [
        (when, entry)
        for entry in model.get("communicated_to", [])
        if entry["unit"] in keys and (when := day(entry["date"], end=False)) and when <= scope.cutoff
    ]
    if not told:
        return ""
    entry = max(told, key=lambda item: (item[0], str(item[1].get("channel", ""))))[1]
    channel = scope.label(entry.get("channel"))
    return f"{entry['date']} ({channel})" if channel else str(entry["date"])


def build(scope: Scope, plan: Document | None, records: list[Document]) -> dict[str, Any]:
    year = scope.period.year
    model = cost_model_in_force(scope.at_cutoff)
    result: dict[str, Any] = {
        "model": None,
        "year": year,
        "rows": [],
        "sum": "",
        "total": "",
        "difference": "",
        "reviews": [],
        "indicators": indicators(scope, plan, records, COMPONENTS, SECTION),
        "observations": observations(scope, records, COMPONENTS),
        "chart": None,
    }
    if model is None:
        scope.lack(SECTION, "follow_up.missing.cost_model", cutoff=scope.cutoff.isoformat())
        return result
    data = model.data
    result["model"] = {
        "name": scope.name(model),
        "principle": scope.label(data.get("principle")),
        "decision": scope.decision(data.get("decision")),
    }
    allocations = [a for a in data.get("allocations", []) if a["fiscal_year"] == year]
    administrations = administration_keys(scope.ctx)
    allocated_units: set[str] = set()
    rows = []
    for allocation in sorted(allocations, key=lambda a: (-a["amount_sek"], a["unit"])):
        allocated_units.add(allocation["unit"])
        keys = {allocation["unit"]} | next((k for _, k in administrations.values() if allocation["unit"] in k), set())
        change = allocation.get("kommunbidrag_change_sek")
        rows.append(
            {
                "unit": scope.name_of(allocation["unit"]),
                "amount": scope.sek(allocation["amount_sek"]),
                "change": scope.sek(change) if change is not None else "–",
                "communicated": _communicated(scope, data, keys),
                "value": allocation["amount_sek"],
            }
        )
    result["rows"] = rows
    if not allocations:
        scope.lack(SECTION, "follow_up.missing.allocations", model=result["model"]["name"], year=year)
    else:
        for unit, keys in sorted(administrations.values(), key=lambda item: item[0].id or ""):
            if not keys & allocated_units:
                scope.lack(SECTION, "follow_up.missing.allocation_unit", unit=scope.name(unit), year=year)
        total = next((t["total_sek"] for t in data.get("totals", []) if t["fiscal_year"] == year), None)
        allocated = sum(a["amount_sek"] for a in allocations)
        result["sum"] = scope.sek(allocated)
        if total is None:
            scope.lack(SECTION, "follow_up.missing.cost_total", model=result["model"]["name"], year=year)
        else:
            result["total"] = scope.sek(total)
            difference = allocated - total
            result["difference"] = scope.sek(difference) if difference else ""
    result["reviews"] = [
        {"date": r["date"], "by": scope.name_of(r.get("by")) if r.get("by") else "–", "outcome": r.get("outcome", "")}
        for r in sorted(data.get("reviews", []), key=lambda r: str(r["date"]))
        if scope.period.contains(day(r["date"], end=False)) and day(r["date"], end=False) <= scope.as_of
    ]
    result["chart"] = pie(scope.phrase("follow_up.costs.chart", year=year), [(row["unit"], row["value"]) for row in rows])
    return result
