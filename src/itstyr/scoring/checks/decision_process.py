"""Scoring checks: the decision process for prioritisation (audit Q4).

What the audit found (§3.2.2, §3.2.3): no decided process for prioritisation. The helpers shared
with the other forum checks are in `_forums.py`.
"""

from __future__ import annotations

from itstyr.lint.context import LintContext
from itstyr.messages import Text
from itstyr.scoring.checks._common import name
from itstyr.scoring.checks._forums import (
    deciders_by_type,
    models_in_force,
)
from itstyr.scoring.checks.goals import (
    Evidences,
    evidence_of,
    in_force,
    lint_message,
    lint_violations,
)
from itstyr.scoring.registry import check
from itstyr.scoring.result import CheckResult

# --- Q4.x: a decided decision process for prioritisation ------------------------------------------


@check("decision_process_defined")
def decision_process_defined(ctx: LintContext, params: dict) -> CheckResult:
    """A decided process for prioritising initiatives: someone in force holds the right to decide
    (beslutar, from an in-force document) the prioritisation of initiatives; the process is decided
    with its steps (a funding process in force) or placed in the in-force governance model; and the
    right is not held twice (decision-right-conflict)."""
    types = set(params.get("decision_types", ["prioritering_gemensamma_initiativ"]))
    deciders = {t: places for t, places in deciders_by_type(ctx).items() if t in types}
    processes = [p for p in ctx.of_kind("funding_process") if in_force(p.data, ctx.as_of, ["gallande"]) and p.data.get("steps")]
    models = [m for m in models_in_force(ctx) if any(types & set(level.get("decision_types", [])) for level in m.data["levels"])]
    drafts = [p for p in ctx.of_kind("funding_process") if p not in processes]
    if not deciders and not processes and not models:
        message = Text(
            f"Det finns ingen beslutad process för prioritering ({', '.join(sorted(types))}): ingen har beslutsrätten, och ingen gällande resursfördelningsprocess eller styrmodell anger den.",
            f"There is no decided process for prioritisation ({', '.join(sorted(types))}): no one holds the decision right, and no funding process or governance model in force sets it.",
        )
        notes = [
            Text(f"'{name(p)}' har status {p.data['status']}.", f"'{name(p)}' has the status {p.data['status']}.") for p in drafts
        ]
        if drafts:
            return CheckResult.failed([message, *notes], evidence_of(drafts, ("status",)))
        return CheckResult.nothing_found([message])
    ratio, evidence, missing = 0.0, Evidences(), []
    if deciders:
        ratio += 1 / 3
        evidence.add(*next(iter(deciders.values()))[0])
        conflicts = [v for v in lint_violations("decision-right-conflict", ctx) if v.params.get("decision_type") in types]
        if conflicts:
            missing.extend(lint_message("decision-right-conflict", v) for v in conflicts)
        else:
            ratio += 1 / 3
    else:
        missing.append(
            Text(
                f"Ingen har rätt att besluta (beslutar) om {', '.join(sorted(types))} enligt ett gällande styrdokument.",
                f"No one has the right to decide (beslutar) on {', '.join(sorted(types))} under a steering document in force.",
            )
        )
    if processes or models:
        ratio += 1 / 3
        evidence.add(*((processes[0], ("steps",)) if processes else (models[0], ("levels",))))
    else:
        missing.append(
            Text(
                "Processen är inte beslutad: ingen gällande resursfördelningsprocess med steg och ingen gällande styrmodell som placerar beslutet.",
                "The process is not decided: no funding process in force with steps and no governance model in force that places the decision.",
            )
        )
    return CheckResult.partial(round(ratio, 6), evidence, missing)
