"""IT delivery against service levels: for each IT service in delivery, the service-level reports
for periods ending within the report's period (met or not, the measured values against the agreed
ones, the explanation). A service in delivery without a report, or without an agreed level, is named."""

from __future__ import annotations

from typing import Any

from itstyr.followup.common import Scope, day, pie
from itstyr.followup.records import indicators, observations
from itstyr.model import Document

SECTION = "delivery"
COMPONENTS = {"it_leverans", "servicenivaer"}
DELIVERING = ("inforande", "i_forvaltning")  # as the rule service-report-overdue counts them


def _level(scope: Scope, service: Document, level_id: Any) -> str:
    for level in service.data.get("service_levels", []):
        if level.get("id") == level_id:
            parts = [str(level.get("agreement_type", "")).upper(), level.get("tier", "")]
            return " ".join(part for part in parts if part) or str(level_id)
    return str(level_id or "")


def build(scope: Scope, plan: Document | None, records: list[Document]) -> dict[str, Any]:
    services = sorted((s for s in scope.ctx.of_kind("it_service") if s.data["lifecycle"] in DELIVERING), key=lambda s: s.id or "")
    if not scope.ctx.of_kind("it_service"):
        scope.lack(SECTION, "follow_up.missing.services")
    rows, counts = [], {"met": 0, "not_met": 0, "missing": 0}
    for service in services:
        data = service.data
        name = scope.name(service)
        reports = [
            report
            for report in data.get("reports", [])
            if scope.period.contains(day(report["period"])) and day(report["period"], end=False) <= scope.as_of
        ]
        if not data.get("service_levels"):
            scope.lack(SECTION, "follow_up.missing.service_level", service=name)
        if not reports:
            counts["missing"] += 1
            rows.append(
                {
                    "service": name,
                    "provider": scope.name_of(data.get("provider")),
                    "period": "",
                    "level": "",
                    "met": None,
                    "metrics": [],
                    "comment": "",
                    "missing": scope.lack(SECTION, "follow_up.missing.service_report", service=name, period=scope.period.text),
                }
            )
            continue
        for report in sorted(reports, key=lambda r: (day(r["period"]), str(r.get("service_level", "")))):
            met = report.get("met")
            counts["met" if met is True else "not_met" if met is False else "missing"] += 1
            rows.append(
                {
                    "service": name,
                    "provider": scope.name_of(data.get("provider")),
                    "period": report["period"],
                    "level": _level(scope, service, report.get("service_level")),
                    "met": met,
                    "metrics": [
                        {
                            "name": metric["name"],
                            "value": scope.number(metric["value"]),
                            "target": scope.number(metric["target"]) if "target" in metric else "–",
                            "unit": metric.get("unit_of_measure", ""),
                        }
                        for metric in report.get("metrics", [])
                    ],
                    "comment": report.get("comment", ""),
                    "missing": "",
                }
            )
    slices = [
        (scope.phrase("follow_up.delivery.met"), counts["met"]),
        (scope.phrase("follow_up.delivery.not_met"), counts["not_met"]),
        (scope.phrase("status.saknat_underlag"), counts["missing"]),
    ]
    return {
        "rows": rows,
        "counts": counts,
        "indicators": indicators(scope, plan, records, COMPONENTS, SECTION),
        "observations": observations(scope, records, COMPONENTS),
        "chart": pie(scope.phrase("follow_up.delivery.chart"), slices),
    }
