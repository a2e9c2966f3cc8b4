"""Scoring checks: how the digitalisation council works (audit R4.5–R4.7): a structured,
documented way of working, the joint picture of the city's digitalisation work, and its interplay
with the other forums and the governance model.

What the audit found (§3.2.2, §3.2.3): a council that holds what overview there is of the city's
digitalisation work but has not found a structured, documented way of working. The council's
remit, mandate and members (R4.1–R4.4) are checked in `council.py`; the helpers the forum checks
share are in `_forums.py`.
"""

from __future__ import annotations

from itstyr.dates import add_months, period_end
from itstyr.lint.context import LintContext
from itstyr.lint.rules.forums.record_missing import after_gap
from itstyr.messages import Text
from itstyr.scoring.checks._common import name, started
from itstyr.scoring.checks._forums import (
    escalation_paths,
    find_council,
    model_forums,
    models_in_force,
    no_council,
    records_recent,
)
from itstyr.scoring.checks.goals import (
    Evidences,
    evidence_of,
    lint_message,
    lint_violations,
    listing,
)
from itstyr.scoring.registry import check
from itstyr.scoring.result import CheckResult, Evidence

# --- R4: the digitalisation council, how it works ----------------------------------------------------


@check("council_working_form")
def council_working_form(ctx: LintContext, params: dict) -> CheckResult:
    """The council works in a structured, documented way: a convener, a set meeting cadence, and
    minutes recent enough for that cadence."""
    council = find_council(ctx, params)
    if council is None:
        return no_council(params)
    data = council.data
    ratio, evidence, missing = 0.0, Evidences(), []
    if "convener" in data:
        ratio += 0.25
        evidence.add(council, ("convener",))
    else:
        missing.append(
            Text(f"{name(council)} har ingen sammankallande (convener).", f"{name(council)} has no convener (convener).")
        )
    if data.get("cadence") not in (None, "vid_behov"):
        ratio += 0.25
        evidence.add(council, ("cadence",))
    else:
        missing.append(
            Text(
                f"{name(council)} har ingen fast mötesfrekvens (cadence).",
                f"{name(council)} has no set meeting cadence (cadence).",
            )
        )
    ok, problem, path = records_recent(ctx, council, int(params.get("fallback_months", 12)))
    if ok:
        ratio += 0.5
        evidence.add(council, path)
    else:
        missing.append(problem)
    if not evidence:
        evidence.add(council)
    return CheckResult.partial(ratio, evidence, missing)


@check("council_overview")
def council_overview(ctx: LintContext, params: dict) -> CheckResult:
    """The council holds the joint picture of the city's digitalisation work: an established
    portfolio that it steers and has reviewed recently (within `review_gap_factor` review periods),
    holding the active initiatives of every administration."""
    council = find_council(ctx, params)
    if council is None:
        return no_council(params)
    established = set(params.get("portfolio_statuses", ["etablerad"]))
    active_statuses = set(
        params.get("active_statuses", ["inkommen", "kvalificerad", "prioriterad", "beslutad", "pagaende", "realisering"])
    )
    gap = float(params.get("review_gap_factor", 1.5))
    portfolios = [
        p
        for p in ctx.of_kind("portfolio")
        if p.data.get("steering_forum") == council.id or any(r["by"] == council.id for r in p.data.get("reviews", []))
    ]
    if not portfolios:
        return CheckResult.nothing_found(
            [
                Text(
                    f"Det finns ingen portfölj som {name(council)} styr eller går igenom.",
                    f"There is no portfolio that {name(council)} steers or reviews.",
                )
            ]
        )
    working = [p for p in portfolios if p.data["status"] in established]
    if not working:
        return CheckResult.failed(
            [
                Text(
                    f"Portföljen '{name(p)}' har status {p.data['status']}"
                    + (f" (planerad {p.data['planned_go_live']})." if "planned_go_live" in p.data else "."),
                    f"The portfolio '{name(p)}' has the status {p.data['status']}"
                    + (f" (planned for {p.data['planned_go_live']})." if "planned_go_live" in p.data else "."),
                )
                for p in portfolios
            ],
            evidence_of(portfolios, ("status",)),
        )
    evidence, missing, parts = Evidences(), [], []
    latest, where = None, None
    for portfolio in working:
        for index, review in enumerate(portfolio.data.get("reviews", [])):
            day = period_end(review["date"])
            if review["by"] == council.id and day is not None and day <= ctx.as_of and (latest is None or day > latest[0]):
                latest, where = (day, portfolio), (portfolio, ("reviews", index, "date"))
    recent = False
    if latest is not None:
        day, portfolio = latest
        deadline = (
            after_gap(day, portfolio.data["review_cadence"], gap)
            if portfolio.data["review_cadence"] != "vid_behov"
            else add_months(day, 12)
        )
        recent = deadline is not None and deadline >= ctx.as_of
    if recent:
        evidence.add(*where)
    else:
        missing.append(
            Text(
                f"{name(council)} har inte gått igenom portföljen inom den senaste granskningsperioden"
                + (f" (senast {latest[0].isoformat()})." if latest else " (ingen genomgång finns)."),
                f"{name(council)} has not reviewed the portfolio within the latest review period"
                + (f" (last {latest[0].isoformat()})." if latest else " (no review recorded)."),
            )
        )
    parts.append((0.5, 1.0 if recent else 0.0))
    ids = {p.id for p in working}
    active = [
        i for i in ctx.of_kind("initiative") if i.data["status"] in active_statuses and started(i.data.get("received"), ctx.as_of)
    ]
    if active:
        inside = [i for i in active if i.data.get("portfolio") in ids]
        outside = [i for i in active if i.data.get("portfolio") not in ids]
        parts.append((0.5, len(inside) / len(active)))
        evidence.add(working[0])
        if outside:
            missing.append(
                Text(
                    f"{len(outside)} av {len(active)} pågående eller planerade initiativ ligger utanför portföljen: {listing(name(i) for i in outside)}.",
                    f"{len(outside)} of {len(active)} ongoing or planned initiatives are outside the portfolio: {listing(name(i) for i in outside)}.",
                )
            )
    ratio = sum(w * v for w, v in parts) / sum(w for w, _ in parts)
    return CheckResult.partial(ratio, evidence or [Evidence.of(working[0])], missing)


@check("council_escalation")
def council_escalation(ctx: LintContext, params: dict) -> CheckResult:
    """The council's interplay is defined: a decided escalation path that reaches the political level
    without a loop, interfaces to the other forums (inputs_from, outputs_to, or forums escalating to
    it), and a place in the in-force governance model."""
    council = find_council(ctx, params)
    if council is None:
        return no_council(params)
    political = params.get("political_unit_types", ["kommunfullmaktige", "kommunstyrelse", "namnd"])
    ratio, evidence, missing = 0.0, Evidences(), []
    if council.data["level"] == "politisk":
        reaches, decided = True, True
    else:
        reaches, decided = escalation_paths(ctx, political).get(council.id, (False, False))
    if reaches and decided:
        ratio += 1 / 3
        evidence.add(council, ("escalates_to",) if "escalates_to" in council.data else ())
    else:
        problems = [
            lint_message("forum-escalation", v)
            for v in lint_violations("forum-escalation", ctx, {"political_unit_types": political})
            if name(council) in str(v.params.get("chain", ""))
        ]
        missing.extend(problems)
        if not reaches and not problems:
            missing.append(
                Text(
                    f"Eskaleringen från {name(council)} når inte den politiska nivån.",
                    f"Escalation from {name(council)} does not reach the political level.",
                )
            )
        if reaches and not decided:
            missing.append(
                Text(
                    f"Eskaleringsvägen från {name(council)} är inte beslutad (inte i en gällande styrmodell eller ett gällande styrdokument).",
                    f"The escalation path from {name(council)} is not decided (not in a governance model or steering document in force).",
                )
            )
    feeders = [
        f
        for f in ctx.of_kind("forum")
        if f is not council
        and (
            f.data.get("escalates_to") == council.id
            or council.id in f.data.get("outputs_to", [])
            or council.id in f.data.get("inputs_from", [])
        )
    ]
    if council.data.get("inputs_from") or council.data.get("outputs_to") or feeders:
        ratio += 1 / 3
        key = "inputs_from" if council.data.get("inputs_from") else ("outputs_to" if council.data.get("outputs_to") else None)
        evidence.add(*((council, (key,)) if key else (feeders[0],)))
    else:
        missing.append(
            Text(
                f"{name(council)} har inga angivna kopplingar till andra forum (inputs_from, outputs_to).",
                f"{name(council)} has no stated links to other forums (inputs_from, outputs_to).",
            )
        )
    placed = [m for m in models_in_force(ctx) if council.id in model_forums(m)]
    if placed:
        ratio += 1 / 3
        evidence.add(placed[0], ("levels",))
    else:
        missing.append(
            Text(
                f"{name(council)} ingår inte i någon gällande styr- och samverkansmodell.",
                f"{name(council)} is not part of any governance and collaboration model in force.",
            )
        )
    return CheckResult.partial(round(ratio, 6), evidence or [Evidence.of(council)], missing)
