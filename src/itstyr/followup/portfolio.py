"""The portfolio's state: initiatives by status, the health of those under way by their latest status
report by the cutoff, the portfolio's reviews in the period and its budget for the year. Initiatives
under way that gave no status report in the period are named; a health is never assumed."""

from __future__ import annotations

from typing import Any

from itstyr.followup.common import Scope, day, pie
from itstyr.followup.records import indicators, observations
from itstyr.model import Document

SECTION = "portfolio"
COMPONENTS = {"portfolj"}
# The order of the flow (the schema's), so the table and the chart read from intake to closure.
STATUSES = (
    "ide",
    "inkommen",
    "kvalificerad",
    "prioriterad",
    "beslutad",
    "pagaende",
    "realisering",
    "avslutad",
    "stoppad",
    "avslagen",
)
ACTIVE = ("beslutad", "pagaende", "realisering")
REPORTING = "pagaende"  # under way: expected to report its status every period


def _health(scope: Scope, initiative: Document) -> tuple[dict | None, bool]:
    """The latest status report by the cutoff, and whether one was given within the period."""
    reports = [
        (when, i, p)
        for i, p in enumerate(initiative.data.get("progress", []))
        if (when := day(p["date"])) and when <= scope.cutoff
    ]
    if not reports:
        return None, False
    latest = max(reports, key=lambda item: item[:2])
    return latest[2], any(scope.period.contains(when) for when, _, _ in reports)


def _started_by_period_end(scope: Scope, initiative: Document) -> bool:
    planned = initiative.data.get("planned_period")
    start = day(planned.get("from"), end=False) if isinstance(planned, dict) else None
    return start is None or start <= scope.period.end


def build(scope: Scope, plan: Document | None, records: list[Document]) -> dict[str, Any]:
    portfolios = sorted(scope.ctx.of_kind("portfolio"), key=lambda p: p.id or "")
    initiatives = sorted(scope.ctx.of_kind("initiative"), key=lambda i: (STATUSES.index(i.data["status"]), i.id or ""))
    if not portfolios:
        scope.lack(SECTION, "follow_up.missing.portfolio")
    if not initiatives:
        scope.lack(SECTION, "follow_up.missing.initiatives")
    summaries = []
    for portfolio in portfolios:
        data = portfolio.data
        budget = next((b for b in data.get("budget", []) if b["fiscal_year"] == scope.period.year), None)
        reviews = [
            {
                "date": r["date"],
                "by": scope.name_of(r.get("by")),
                "count": len(r.get("initiatives_reviewed", [])),
                "decisions": len(r.get("decisions", [])),
            }
            for r in sorted(data.get("reviews", []), key=lambda r: r["date"])
            if scope.period.contains(day(r["date"])) and day(r["date"]) <= scope.as_of
        ]
        summary = {
            "name": scope.name(portfolio),
            "status": scope.label(data["status"]),
            "forum": scope.name_of(data.get("steering_forum")) if data.get("steering_forum") else "–",
            "cadence": scope.label(data.get("review_cadence")),
            "budget": scope.sek(budget["amount_sek"]) if budget else "",
            "reviews": reviews,
        }
        if budget is None:
            scope.lack(SECTION, "follow_up.missing.portfolio_budget", portfolio=summary["name"], year=scope.period.year)
        if not reviews:
            scope.lack(SECTION, "follow_up.missing.portfolio_review", portfolio=summary["name"], period=scope.period.text)
        summaries.append(summary)
    counts = {status: 0 for status in STATUSES}
    active = []
    for initiative in initiatives:
        data = initiative.data
        counts[data["status"]] += 1
        if data["status"] not in ACTIVE:
            continue
        health, reported = _health(scope, initiative)
        row = {
            "name": scope.name(initiative),
            "status": scope.label(data["status"]),
            "origin": scope.name_of(data.get("origin_unit")) if data.get("origin_unit") else "–",
            "health": (scope.label(health.get("health")) or "–") if health else "",
            "health_date": health["date"] if health else "",
            "note": health.get("note", "") if health else "",
            "planned": f"{data['planned_period']['from']} – {data['planned_period']['to']}"
            if data.get("planned_period")
            else "–",
            "missing": "",
        }
        if data["status"] == REPORTING and not reported and _started_by_period_end(scope, initiative):
            row["missing"] = scope.lack(
                SECTION, "follow_up.missing.status_report", initiative=row["name"], period=scope.period.text
            )
        active.append(row)
    by_status = [{"status": scope.label(status), "count": count} for status, count in counts.items() if count]
    return {
        "portfolios": summaries,
        "by_status": by_status,
        "active": active,
        "total": len(initiatives),
        "indicators": indicators(scope, plan, records, COMPONENTS, SECTION),
        "observations": observations(scope, records, COMPONENTS),
        "chart": pie(scope.phrase("follow_up.portfolio.chart"), [(row["status"], row["count"]) for row in by_status]),
    }
