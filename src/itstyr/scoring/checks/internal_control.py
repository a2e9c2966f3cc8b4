"""Scoring checks: the board's internal control of IT and digitalisation (audit Q5).

The board's internal control plan for the year (Kommunallagen 6 kap. 6 §) should cover IT and
digitalisation, and its results should reach the board, as of the evaluation date. The shared helpers
are in `_follow_up.py`.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from itstyr.dates import add_months, parse_period, period_start
from itstyr.lint.context import LintContext
from itstyr.messages import Message, Text
from itstyr.scoring.checks._common import name
from itstyr.scoring.checks._follow_up import (
    BOARD,
    happened,
)
from itstyr.scoring.registry import check
from itstyr.scoring.result import CheckResult, Evidence

# --- Q5.x: the board's internal control covers IT, and its results reach the board ---------------


@check("internal_control_it")
def internal_control_it(ctx: LintContext, params: dict) -> CheckResult:
    """The board's decided internal control plan for the year (Kommunallagen 6 kap. 6 §) has controls
    in IT and digitalisation; the controls whose time has come have results, and the results were
    reported to the board."""
    unit_types = set(params.get("unit_types", BOARD))
    domains = set(params.get("domains", ["it", "digitalisering", "informationssakerhet"]))
    bodies = set(params.get("bodies", BOARD))
    previous_grace = int(params.get("previous_year_grace_months", 3))
    report_grace = int(params.get("report_grace_months", 2))
    parts = {"plan": 0.5, "results": 0.25, "reported": 0.25, **params.get("parts", {})}
    plans = [
        plan
        for plan in ctx.of_kind("internal_control_plan")
        if (unit := ctx.get(plan.data["unit"], "unit")) is not None and unit.data["type"] in unit_types
    ]
    if not plans:
        return CheckResult.nothing_found(
            [
                Text(
                    f"Det finns ingen internkontrollplan för styrelsen ({', '.join(sorted(unit_types))}).",
                    f"There is no internal control plan for the board ({', '.join(sorted(unit_types))}).",
                )
            ]
        )
    years = [ctx.as_of.year] + ([ctx.as_of.year - 1] if ctx.as_of.month <= previous_grace else [])
    current = None
    for year in years:
        candidates = [p for p in plans if p.data["year"] == year and happened(p.data["decision"]["date"], ctx.as_of)]
        if candidates:
            current = candidates[0]
            break
    if current is None:
        return CheckResult.failed(
            [
                Text(
                    f"Styrelsen har ingen beslutad internkontrollplan för {ctx.as_of.year} per {ctx.as_of.isoformat()}.",
                    f"The board has no decided internal control plan for {ctx.as_of.year} as of {ctx.as_of.isoformat()}.",
                )
            ],
            [Evidence.of(p, ("year",)) for p in plans],
        )
    data = current.data
    controls = [(i, c) for i, c in enumerate(data["controls"]) if domains & set(c.get("domains", []))]
    if not controls:
        return CheckResult.failed(
            [
                Text(
                    f"Internkontrollplanen '{name(current)}' har ingen kontroll inom {', '.join(sorted(domains))} (domains).",
                    f"The internal control plan '{name(current)}' has no control in {', '.join(sorted(domains))} (domains).",
                )
            ],
            [Evidence.of(current, ("controls",))],
        )
    ratio = parts["plan"]
    evidence = [Evidence.of(current, ("controls", controls[0][0]))]
    missing: list[Message] = []
    results: dict[str, list[date]] = defaultdict(list)
    for result in data.get("results", []):
        day = period_start(result["date"])
        if day is not None and day <= ctx.as_of:
            results[result["control"]].append(day)
    due, done = 0, 0
    for _index, control in controls:
        dates = sorted(results.get(control["id"], []))
        used: set[int] = set()
        for timing in sorted(control["timing"], key=lambda t: period_start(t) or date.max):
            period = parse_period(timing)
            if period is None or add_months(period[1], report_grace) > ctx.as_of:
                continue
            due += 1
            match = next((i for i, day in enumerate(dates) if i not in used and day >= period[0]), None)
            if match is None:
                missing.append(
                    Text(
                        f"Kontrollen '{control['id']}' ({control['process']}) skulle göras {timing} men har inget resultat.",
                        f"The control '{control['id']}' ({control['process']}) was due in {timing} but has no result.",
                    )
                )
            else:
                used.add(match)
                done += 1
    ratio += parts["results"] * (done / due if due else 1.0)
    if due:
        reports = [r for r in data.get("result_reports", []) if r.get("body") in bodies and happened(r.get("date"), ctx.as_of)]
        if reports:
            ratio += parts["reported"]
            evidence.append(Evidence.of(current, ("result_reports",)))
        else:
            missing.append(
                Text(
                    f"Resultatet av internkontrollen i '{name(current)}' har inte redovisats för styrelsen (result_reports).",
                    f"The results of the internal control in '{name(current)}' have not been reported to the board (result_reports).",
                )
            )
    else:
        ratio += parts["reported"]
    return CheckResult.partial(round(ratio, 6), evidence, missing)
