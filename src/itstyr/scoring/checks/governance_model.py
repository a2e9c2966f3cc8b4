"""Scoring checks: the forums and the governance and collaboration model (audit R5).

What the audit found (§3.2.2, §3.2.3): forums whose remit and interplay are unclear, and no
established governance and collaboration model. The helpers shared with the other forum checks are
in `_forums.py`.
"""

from __future__ import annotations

from itstyr.lint.context import LintContext
from itstyr.lint.rules.forums._common import FORUM_IN_FORCE
from itstyr.messages import Text
from itstyr.model import Document
from itstyr.scoring.checks._common import name, not_ended, started
from itstyr.scoring.checks._forums import (
    deciders_by_type,
    escalation_paths,
    forum_decided,
    forums_in_force,
    it_function_ids,
    members_present,
    model_forums,
    models_in_force,
    records_recent,
)
from itstyr.scoring.checks.goals import (
    POLITICAL_BODIES,
    Evidences,
    deciding_body,
    evidence_of,
    lint_message,
    lint_violations,
    listing,
    unit_resolver,
)
from itstyr.scoring.registry import check
from itstyr.scoring.result import CheckResult, Evidence

# --- R5: the governance and collaboration model ---------------------------------------------------


@check("governance_model_decided")
def governance_model_decided(ctx: LintContext, params: dict) -> CheckResult:
    """A governance and collaboration model in force, decided by a political body, with at least
    `min_levels` levels that each name a forum or unit, and the decision types placed on levels."""
    bodies = set(params.get("bodies", POLITICAL_BODIES))
    min_levels = int(params.get("min_levels", 2))
    current = models_in_force(ctx)
    if not current:
        all_models = ctx.of_kind("governance_model")
        message = Text(
            f"Det finns ingen styr- och samverkansmodell som gäller per {ctx.as_of.isoformat()}.",
            f"There is no governance and collaboration model in force as of {ctx.as_of.isoformat()}.",
        )
        if all_models:
            return CheckResult.failed(
                [
                    message,
                    *(
                        Text(f"'{name(m)}' har status {m.data['status']}.", f"'{name(m)}' has the status {m.data['status']}.")
                        for m in all_models
                    ),
                ],
                evidence_of(all_models, ("status",)),
            )
        return CheckResult.nothing_found([message])
    best = None
    for model in current:
        data = model.data
        ratio, missing = 0.0, []
        body, _document = deciding_body(ctx, data)
        if body in bodies:
            ratio += 0.25
        else:
            ratio += 0.125
            missing.append(
                Text(
                    f"'{name(model)}' är beslutad av {body}, inte av {', '.join(sorted(bodies))}.",
                    f"'{name(model)}' was decided by {body}, not by {', '.join(sorted(bodies))}.",
                )
            )
        levels = data["levels"]
        if len({level["level"] for level in levels}) >= min_levels:
            ratio += 0.25
        else:
            missing.append(
                Text(f"'{name(model)}' har färre än {min_levels} nivåer.", f"'{name(model)}' has fewer than {min_levels} levels.")
            )
        empty = [level["level"] for level in levels if not level.get("forums") and not level.get("units")]
        if not empty:
            ratio += 0.25
        else:
            missing.append(
                Text(
                    f"Nivåerna {', '.join(empty)} i '{name(model)}' har inga forum eller enheter.",
                    f"The levels {', '.join(empty)} of '{name(model)}' have no forums or units.",
                )
            )
        if any(level.get("decision_types") for level in levels):
            ratio += 0.25
        else:
            missing.append(
                Text(
                    f"'{name(model)}' anger inte vilka beslut som fattas på vilken nivå (decision_types).",
                    f"'{name(model)}' does not say which decisions are taken at which level (decision_types).",
                )
            )
        if best is None or ratio > best[0]:
            best = (ratio, model, missing)
    ratio, model, missing = best
    return CheckResult.partial(ratio, [Evidence.of(model, ("levels",))], missing)


FORUM_FIELDS = {
    "remit": ("uppdrag", "remit"),
    "mandate_type": ("mandat", "mandate"),
    "convener": ("sammankallande", "convener"),
    "cadence": ("mötesfrekvens", "meeting cadence"),
    "members": ("ledamöter", "members"),
}


@check("forums_described")
def forums_described(ctx: LintContext, params: dict) -> CheckResult:
    """How fully the working forums are described: remit, mandate, convener, cadence, ordinary
    members, and a remit that is decided (its own decision or an in-force steering document)."""
    statuses = params.get("statuses", list(FORUM_IN_FORCE))
    fields = list(params.get("fields", list(FORUM_FIELDS)))
    require_decided = bool(params.get("require_decided", True))
    forums = forums_in_force(ctx, statuses)
    if not forums:
        return CheckResult.nothing_found([Text("Det finns inga forum i förrådet.", "There are no forums in the repository.")])
    total_score, evidence, missing = 0.0, Evidences(), []
    for forum in forums:
        data = forum.data
        lacking = [f for f in fields if f not in data]
        if (
            "members" in fields
            and "members" in data
            and not any(m.get("membership", "ledamot") == "ledamot" for m in data["members"])
        ):
            lacking.append("members")
        count = len(fields) + (1 if require_decided else 0)
        undecided = require_decided and not forum_decided(ctx, forum)
        score = (count - len(lacking) - (1 if undecided else 0)) / count
        total_score += score
        if score >= 1.0:
            evidence.add(forum, ("remit",))
            continue
        gaps_sv = [FORUM_FIELDS.get(f, (f, f))[0] + f" ({f})" for f in lacking] + (
            ["beslutat uppdrag (defined_in/decision)"] if undecided else []
        )
        gaps_en = [FORUM_FIELDS.get(f, (f, f))[1] + f" ({f})" for f in lacking] + (
            ["decided remit (defined_in/decision)"] if undecided else []
        )
        missing.append(Text(f"{name(forum)} saknar {', '.join(gaps_sv)}.", f"{name(forum)} lacks {', '.join(gaps_en)}."))
    return CheckResult.partial(total_score / len(forums), evidence or [Evidence.of(forums[0])], missing)


@check("forums_representation")
def forums_representation(ctx: LintContext, params: dict) -> CheckResult:
    """Representation from the administrations and the IT function in the forums of the model's
    representation rule (or, with no model in force, every working forum below the political level
    whose members are recorded): per forum the share of administrations seated (up to the rule's minimum), reduced when the IT
    function is not at the table; the mean over the forums."""
    statuses = set(params.get("statuses", list(FORUM_IN_FORCE)))
    levels = set(params.get("levels", ["strategisk", "taktisk", "operativ"]))
    memberships = set(params.get("memberships", ["ledamot"]))
    without_it = float(params.get("it_missing_factor", 0.5))
    count_convener = bool(params.get("count_convener", True))
    resolve = unit_resolver(ctx)
    administrations = ctx.administrations
    it_ids = it_function_ids(resolve)
    scope: list[tuple[Document, set[str], int | None]] = []
    seen: set[str] = set()
    models = models_in_force(ctx)
    for model in models:
        rule = model.data["representation_rule"]
        for forum_id in rule["forums"]:
            forum = ctx.get(forum_id, "forum")
            if forum is not None and forum.id not in seen and forum.data["status"] in statuses:
                seen.add(forum.id)
                scope.append((forum, set(rule["must_include"]), rule.get("min_forvaltningar")))
    unrecorded: list[Document] = []
    if not models:
        # Without a model, the forums whose membership is recorded: a forum with no members written
        # down is a gap in its description (forums_described), not evidence about representation.
        for forum in forums_in_force(ctx, statuses):
            if forum.data["level"] not in levels:
                continue
            if any(m.get("membership", "ledamot") in memberships for m in forum.data.get("members", [])):
                scope.append((forum, {"forvaltningar", "it_funktion"}, None))
            else:
                unrecorded.append(forum)
    if not scope:
        return CheckResult.nothing_found(
            [
                Text(
                    "Det finns inga forum där representationen kan bedömas.",
                    "There are no forums whose representation can be assessed.",
                )
            ]
        )
    if not administrations:
        return CheckResult.not_applicable(
            [Text("Det finns inga aktiva förvaltningar i förrådet.", "There are no active administrations in the repository.")]
        )
    admin_ids = {u.id for u in administrations}
    total_score, evidence, missing = 0.0, Evidences(), []
    for forum, must, minimum in scope:
        present = members_present(forum, resolve, memberships, count_convener)
        score = 1.0
        gaps_sv, gaps_en = [], []
        if "forvaltningar" in must:
            seated = len(present & admin_ids)
            required = len(administrations) if minimum is None else min(minimum, len(administrations))
            score = min(1.0, seated / required) if required else 1.0
            if seated < required:
                absent = [name(u) for u in administrations if u.id not in present]
                gaps_sv.append(f"ledamöter från {seated} av {required} förvaltningar (saknas: {listing(absent)})")
                gaps_en.append(f"members from {seated} of {required} administrations (missing: {listing(absent)})")
        if "it_funktion" in must and it_ids and not present & it_ids:
            score *= without_it
            gaps_sv.append("ingen från it-funktionen")
            gaps_en.append("no one from the IT function")
        total_score += score
        if gaps_sv:
            missing.append(Text(f"{name(forum)}: {'; '.join(gaps_sv)}.", f"{name(forum)}: {'; '.join(gaps_en)}."))
        else:
            evidence.add(forum, ("members",))
    if not models:
        missing.insert(
            0,
            Text(
                "Ingen gällande styrmodell anger vilka forum som ska ha representation; de arbetande forum under den politiska nivån som har angivna ledamöter har bedömts.",
                "No governance model in force says which forums must have representation; the working forums below the political level with recorded members were assessed.",
            ),
        )
        if unrecorded:
            missing.insert(
                1,
                Text(
                    f"Inte bedömda, eftersom inga ledamöter är angivna: {listing(name(f) for f in unrecorded)}.",
                    f"Not assessed, since no members are recorded: {listing(name(f) for f in unrecorded)}.",
                ),
            )
    return CheckResult.partial(total_score / len(scope), evidence or [Evidence.of(scope[0][0])], missing)


@check("forums_escalation")
def forums_escalation(ctx: LintContext, params: dict) -> CheckResult:
    """The share of working forums below the political level (those of the in-force model, else all)
    whose escalation path is decided (set by the model or by the forum's decided remit) and reaches
    the political level without a loop (the lint rule forum-escalation)."""
    statuses = set(params.get("statuses", list(FORUM_IN_FORCE)))
    political = params.get("political_unit_types", ["kommunfullmaktige", "kommunstyrelse", "namnd"])
    models = models_in_force(ctx)
    in_model = {forum_id for model in models for forum_id in model_forums(model)}
    forums = [f for f in forums_in_force(ctx, statuses) if f.data["level"] != "politisk" and (not models or f.id in in_model)]
    if not forums:
        return CheckResult.nothing_found(
            [Text("Det finns inga forum under den politiska nivån.", "There are no forums below the political level.")]
        )
    paths = escalation_paths(ctx, political)
    messages = {}
    for violation in lint_violations("forum-escalation", ctx, {"political_unit_types": political}):
        messages.setdefault(violation.document.id, []).append(lint_message("forum-escalation", violation))
    passed, evidence, missing = 0, Evidences(), []
    for forum in forums:
        reaches, decided = paths.get(forum.id, (False, False))
        if reaches and decided:
            passed += 1
            evidence.add(forum, ("escalates_to",) if "escalates_to" in forum.data else ())
            continue
        if not reaches:
            missing.extend(
                messages.get(forum.id)
                or [
                    Text(
                        f"Eskaleringen från {name(forum)} når inte den politiska nivån.",
                        f"Escalation from {name(forum)} does not reach the political level.",
                    )
                ]
            )
        if not decided:
            missing.append(
                Text(
                    f"Eskaleringsvägen från {name(forum)} är inte beslutad (inte i en gällande styrmodell eller i forumets beslutade uppdrag).",
                    f"The escalation path from {name(forum)} is not decided (not in a governance model in force or in the forum's decided remit).",
                )
            )
    for model in models:
        missing.extend(messages.get(model.id, []))
    return CheckResult.ratio_of(passed, len(forums), evidence, missing, threshold=float(params.get("pass_ratio", 1.0)))


@check("decision_rights_clear")
def decision_rights_clear(ctx: LintContext, params: dict) -> CheckResult:
    """The share of key decision types (the params' list and those the model places on levels) that
    have one clear decider: a `beslutar` right from an in-force document or a level of the in-force
    model, and no two holders with the same right (the lint rule decision-right-conflict)."""
    ignored = set(params.get("ignore_decision_types", ["annat"]))
    wanted = list(
        params.get(
            "decision_types", ["prioritering_gemensamma_initiativ", "portfolj", "prioriteringsgrunder", "budgetfordelning"]
        )
    )
    models = models_in_force(ctx)
    placed: dict[str, tuple[Document, tuple]] = {}
    for model in models:
        for index, level in enumerate(model.data["levels"]):
            if level.get("forums") or level.get("units"):
                for decision_type in level.get("decision_types", []):
                    placed.setdefault(decision_type, (model, ("levels", index, "decision_types")))
    scope = [t for t in dict.fromkeys(wanted + list(placed)) if t not in ignored]
    deciders = deciders_by_type(ctx)
    if not deciders and not models:
        return CheckResult.nothing_found(
            [
                Text(
                    "Inga beslutsrätter är angivna och ingen styrmodell gäller: det framgår inte vem som beslutar vad.",
                    "No decision rights are recorded and no governance model is in force: who decides what is not set.",
                )
            ]
        )
    conflicts: dict[str, list] = {}
    for violation in lint_violations("decision-right-conflict", ctx, {"ignore_decision_types": sorted(ignored)}):
        conflicts.setdefault(violation.params["decision_type"], []).append(violation)
    passed, evidence, missing = 0, Evidences(), []
    for decision_type in scope:
        where = deciders.get(decision_type) or ([placed[decision_type]] if decision_type in placed else [])
        if not where:
            missing.append(
                Text(
                    f"Ingen har beslutsrätt för {decision_type} (varken beslutar-rätt ur ett gällande styrdokument eller en nivå i styrmodellen).",
                    f"No one holds the decision right for {decision_type} (neither a beslutar right from a steering document in force nor a level of the governance model).",
                )
            )
        elif decision_type in conflicts:
            missing.extend(lint_message("decision-right-conflict", v) for v in conflicts[decision_type])
        else:
            passed += 1
            evidence.add(*where[0])
    return CheckResult.ratio_of(passed, len(scope), evidence, missing, threshold=float(params.get("pass_ratio", 1.0)))


@check("forums_recorded")
def forums_recorded(ctx: LintContext, params: dict) -> CheckResult:
    """The share of working forums that record their meetings: minutes within the repository's
    forum_record_gap_factor meeting periods (the lint rule forum-record-missing), or within
    `fallback_months` for a forum that meets as needed."""
    statuses = list(params.get("statuses", list(FORUM_IN_FORCE)))
    fallback = int(params.get("fallback_months", 12))
    forums = forums_in_force(ctx, statuses)
    if not forums:
        return CheckResult.nothing_found([Text("Det finns inga forum i förrådet.", "There are no forums in the repository.")])
    lint = {v.document.id: v for v in lint_violations("forum-record-missing", ctx, {"statuses": statuses})}
    passed, evidence, missing = 0, Evidences(), []
    for forum in forums:
        ok, problem, path = records_recent(ctx, forum, fallback)
        if ok:
            passed += 1
            evidence.add(forum, path)
        else:
            missing.append(lint_message("forum-record-missing", lint[forum.id]) if forum.id in lint else problem)
    return CheckResult.ratio_of(passed, len(forums), evidence, missing, threshold=float(params.get("pass_ratio", 1.0)))


@check("services_defined")
def services_defined(ctx: LintContext, params: dict) -> CheckResult:
    """The share of IT services in use that are in the service catalogue, have a service owner and an
    agreement in force (SLA or OLA) with response and resolution times: the delivery interface
    between the IT function and the administrations."""
    lifecycles = set(params.get("lifecycles", ["inforande", "i_forvaltning", "avveckling"]))
    agreement_types = set(params.get("agreement_types", ["sla", "ola"]))
    required = list(params.get("required_times", ["response_time", "resolution_time"]))
    services = [s for s in ctx.of_kind("it_service") if s.data["lifecycle"] in lifecycles]
    passed, evidence, missing = 0, Evidences(), []
    for service in services:
        data = service.data
        gaps_sv, gaps_en = [], []
        if data.get("catalogued") is not True:
            gaps_sv.append("finns inte i tjänstekatalogen")
            gaps_en.append("is not in the service catalogue")
        agreements = [
            (i, level)
            for i, level in enumerate(data.get("service_levels", []))
            if level["agreement_type"] in agreement_types
            and started(level.get("valid_from"), ctx.as_of)
            and not_ended(level.get("valid_to"), ctx.as_of)
        ]
        complete = [(i, level) for i, level in agreements if all(level.get(t) for t in required)]
        if not complete:
            gaps_sv.append(
                f"har ingen gällande överenskommelse ({', '.join(sorted(agreement_types))}) med {' och '.join(required)}"
            )
            gaps_en.append(f"has no agreement in force ({', '.join(sorted(agreement_types))}) with {' and '.join(required)}")
        if gaps_sv:
            missing.append(
                Text(f"Tjänsten {name(service)} {', '.join(gaps_sv)}.", f"The service {name(service)} {', '.join(gaps_en)}.")
            )
        else:
            passed += 1
            evidence.add(service, ("service_levels", complete[0][0]))
    return CheckResult.ratio_of(passed, len(services), evidence, missing, threshold=float(params.get("pass_ratio", 1.0)))
