"""The audit actions' status and the political commissions: for every audit, each recommendation with
the actions that answer it (owner, deadline and any moved deadline, status as recorded on the as-of
date, completion), other actions, and the commissions with their report-back. A recommendation no
action answers is named."""

from __future__ import annotations

from typing import Any

from itstyr.followup.common import Scope, day, pie
from itstyr.followup.records import indicators, observations
from itstyr.model import Document

SECTION = "actions"
COMPONENTS = {"atgarder", "politiska_uppdrag"}
STATUSES = ("ej_paborjad", "pagaende", "forsenad", "klar", "stoppad")


def _action(scope: Scope, action: Document) -> dict[str, Any]:
    data = action.data
    completed = data.get("completed")
    return {
        "id": action.id,
        "name": scope.name(action),
        "owner": scope.assignment(data.get("owner")),
        "due": str(data["due"]),
        "original_due": str(data.get("original_due", "")),
        "status": scope.label(data["status"]),
        "completed": str(completed or ""),
        "completed_in_period": scope.period.contains(day(completed, end=False)) if completed else False,
        "comment": data.get("status_comment", ""),
    }


def _commission(scope: Scope, commission: Document) -> dict[str, Any]:
    data = commission.data
    return {
        "name": scope.name(commission),
        "issuer": scope.name_of(data.get("issuer")),
        "decision": scope.decision(data.get("decision")),
        "due": str(data["due"]),
        "original_due": str(data.get("original_due", "")),
        "status": scope.label(data["status"]),
        "reported_back": scope.decision(data.get("reported_back")),
    }


def build(scope: Scope, plan: Document | None, records: list[Document]) -> dict[str, Any]:
    actions = sorted(scope.ctx.of_kind("action"), key=lambda a: (str(day(a.data["due"]) or ""), a.id or ""))
    answering: dict[tuple[str, str], list[Document]] = {}
    others = []
    for action in actions:
        responses = action.data.get("responds_to", [])
        for response in responses:
            answering.setdefault((response["audit"], response["recommendation"]), []).append(action)
        if not responses:
            others.append(action)
    audits = []
    for audit in sorted(scope.ctx.of_kind("audit"), key=lambda a: (str(a.data.get("report_date", "")), a.id or "")):
        recommendations = []
        for recommendation in audit.data.get("recommendations", []):
            answered = answering.get((audit.id, recommendation["id"]), [])
            entry = {
                "id": recommendation["id"],
                "text": recommendation["text"],
                "actions": [_action(scope, a) for a in answered],
                "missing": "",
            }
            if not answered:
                entry["missing"] = scope.lack(
                    SECTION,
                    "follow_up.missing.recommendation_action",
                    recommendation=recommendation["id"],
                    audit=scope.name(audit),
                )
            recommendations.append(entry)
        audits.append(
            {"name": scope.name(audit), "report_date": str(audit.data.get("report_date", "")), "recommendations": recommendations}
        )
    if not audits and not actions:
        scope.lack(SECTION, "follow_up.missing.actions")
    counts = {status: 0 for status in STATUSES}
    for action in actions:
        counts[action.data["status"]] += 1
    commissions = sorted(scope.ctx.of_kind("commission"), key=lambda c: (str(day(c.data["due"]) or ""), c.id or ""))
    return {
        "audits": audits,
        "others": [_action(scope, action) for action in others],
        "by_status": [{"status": scope.label(s), "count": n} for s, n in counts.items() if n],
        "commissions": [_commission(scope, c) for c in commissions],
        "indicators": indicators(scope, plan, records, COMPONENTS, SECTION),
        "observations": observations(scope, records, COMPONENTS),
        "chart": pie(scope.phrase("follow_up.actions.chart"), [(scope.label(s), n) for s, n in counts.items()]),
    }
