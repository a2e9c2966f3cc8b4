"""Benefits realised against planned: every benefit of an initiative that is still going (not stopped
or rejected, the benefit not struck off), its latest measurement by the cutoff against baseline and
target, and the sums in kronor of the valued benefits by status. A benefit counts as realised only
when its owner has recorded it so (status realiserad); a partly realised benefit is summed apart,
never pro rata."""

from __future__ import annotations

from typing import Any

from itstyr.followup.common import Scope, day, pie, progress
from itstyr.followup.records import indicators, observations
from itstyr.model import Document

SECTION = "benefits"
COMPONENTS = {"nyttor"}
STATUSES = ("planerad", "under_realisering", "delvis_realiserad", "realiserad", "ej_realiserad")
CLOSED_INITIATIVES = ("stoppad", "avslagen")
MEASURED = ("under_realisering", "delvis_realiserad", "realiserad", "ej_realiserad")  # should have measurements


def _row(scope: Scope, initiative: Document, benefit: dict) -> dict[str, Any]:
    unit = benefit.get("unit_of_measure") or ""
    baseline, target = benefit.get("baseline") or {}, benefit.get("target") or {}
    measured = [
        (when, i, m) for i, m in enumerate(benefit.get("measurements", [])) if (when := day(m["date"])) and when <= scope.cutoff
    ]
    latest = max(measured, key=lambda item: item[:2])[2] if measured else None
    row = {
        "initiative": scope.name(initiative),
        "name": benefit["name"],
        "status": scope.label(benefit["status"]),
        "valuation": scope.sek(benefit["valuation_sek"]) if "valuation_sek" in benefit else "–",
        "indicator": benefit.get("indicator", ""),
        "unit": unit,
        "baseline": scope.number(baseline["value"]) if baseline else "–",
        "target": f"{scope.number(target['value'])} ({target['date']})" if target else "–",
        "value": f"{scope.number(latest['value'])} ({latest['date']})" if latest else "",
        "progress": progress(baseline.get("value"), target.get("value"), latest["value"]) if latest else None,
        "missing": "",
    }
    if latest is None and benefit["status"] in MEASURED:
        row["missing"] = scope.lack(
            SECTION,
            "follow_up.missing.benefit_measurement",
            benefit=benefit["name"],
            initiative=row["initiative"],
            cutoff=scope.cutoff.isoformat(),
        )
    return row


def build(scope: Scope, plan: Document | None, records: list[Document]) -> dict[str, Any]:
    rows = []
    sums = {status: 0 for status in STATUSES}
    counts = {status: 0 for status in STATUSES}
    valued = {status: 0 for status in STATUSES}
    unvalued = 0
    for initiative in sorted(scope.ctx.of_kind("initiative"), key=lambda i: i.id or ""):
        if initiative.data["status"] in CLOSED_INITIATIVES:
            continue
        for benefit in initiative.data.get("benefits", []):
            if benefit["status"] not in STATUSES:  # avford: struck off
                continue
            rows.append(_row(scope, initiative, benefit))
            counts[benefit["status"]] += 1
            if "valuation_sek" in benefit:
                sums[benefit["status"]] += benefit["valuation_sek"]
                valued[benefit["status"]] += 1
            else:
                unvalued += 1
    if not rows:
        scope.lack(SECTION, "follow_up.missing.benefits")
    planned = sum(sums.values())
    totals = [
        {"status": scope.label(status), "count": counts[status], "sek": scope.sek(sums[status]) if valued[status] else "–"}
        for status in STATUSES
        if counts[status]
    ]
    return {
        "rows": rows,
        "totals": totals,
        "planned_sek": scope.sek(planned) if planned else "",
        "realised_sek": scope.sek(sums["realiserad"]),
        "realised_share": round(100 * sums["realiserad"] / planned) if planned else None,
        "partly_sek": scope.sek(sums["delvis_realiserad"]) if sums["delvis_realiserad"] else "",
        "unvalued": unvalued,
        "indicators": indicators(scope, plan, records, COMPONENTS, SECTION),
        "observations": observations(scope, records, COMPONENTS),
        "chart": pie(scope.phrase("follow_up.benefits.chart"), [(scope.label(s), sums[s]) for s in STATUSES]),
    }
