"""Scoring checks: goals, prioritisation criteria and the initiatives they are applied to (audit R3,
Q2, Q4b, Q4d).

What the audit found (§3.1.2, §3.2): no goals or strategies for IT and digitalisation, no decided
prioritisation criteria, needs arriving through informal channels, and no joint picture that would
show two administrations working on the same system. The checks below look for the opposite in the
repository, as of the evaluation date: a goal or model decided after that date does not count yet.

The helpers at the top (what is in force, what is decided, lint rules reused) are shared with the
forum checks (`_forums.py`, `council.py`, `council_work.py`, `governance_model.py`, `decision_process.py`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from weakref import WeakKeyDictionary

from itstyr.dates import add_months, parse_period, period_start
from itstyr.lint.context import LintContext
from itstyr.messages import Message, Text
from itstyr.model import Document
from itstyr.scoring.checks._common import name, not_ended, problems_of, started
from itstyr.scoring.registry import check
from itstyr.scoring.result import CheckResult, Evidence

DOCUMENT_IN_FORCE = ("gallande", "under_revidering")
POLITICAL_BODIES = ("kommunfullmaktige", "kommunstyrelse")


# --- shared helpers -------------------------------------------------------------------------------

# How many entities a result names as evidence. Locating a value (file, line) composes its file's YAML
# again, so a coverage check over a large register names the first ones, not all of them; what is
# missing is always listed in full.
EVIDENCE_LIMIT = 20


class Evidences(list):
    """Evidence collected while a check walks a register: the first `limit` entries are located."""

    def __init__(self, items=(), limit: int = EVIDENCE_LIMIT):
        super().__init__()
        self.limit = limit
        for item in items:
            self.add(*item)

    def add(self, document: Document, path: tuple = ()) -> None:
        if len(self) < self.limit:
            self.append(Evidence.of(document, path))


def evidence_of(documents: Iterable[Document], path: tuple = ()) -> Evidences:
    return Evidences((document, path) for document in documents)


def decision_of(data: dict, as_of: date) -> dict | None:
    """The entity's decision, if it was taken by the as-of date."""
    decision = data.get("decision")
    if isinstance(decision, dict) and started(decision.get("date"), as_of):
        return decision
    return None


def in_force(data: dict, as_of: date, statuses: Iterable[str]) -> bool:
    """Status in force, decided (if it records a decision) by the as-of date, and within its validity."""
    if data.get("status") not in set(statuses):
        return False
    if "decision" in data and decision_of(data, as_of) is None:
        return False
    return started(data.get("valid_from"), as_of) and not_ended(data.get("valid_to"), as_of)


def document_in_force(ctx: LintContext, document_id: object) -> Document | None:
    """The steering document with this id if it is in force as of the date."""
    document = ctx.get(document_id, "steering_document")
    if document is not None and in_force(document.data, ctx.as_of, DOCUMENT_IN_FORCE):
        return document
    return None


def deciding_body(ctx: LintContext, data: dict) -> tuple[str | None, Document | None]:
    """Who decided the entity: its own decision's body, else the body that decided the in-force
    steering document that defines it (`defined_in`). Returns (body, the document) or (None, None)."""
    decision = decision_of(data, ctx.as_of)
    if decision is not None:
        return decision["body"], None
    document = document_in_force(ctx, data.get("defined_in"))
    if document is not None:
        decision = decision_of(document.data, ctx.as_of)
        return (decision["body"] if decision else None), document
    return None, None


_INDEXES: WeakKeyDictionary = WeakKeyDictionary()


def indexed(ctx: LintContext, key: str, build):
    """An index built once per context (scoring runs many checks over the same repository)."""
    cache = _INDEXES.setdefault(ctx, {})
    if key not in cache:
        cache[key] = build(ctx)
    return cache[key]


def defined_by(ctx: LintContext, entity_id: str) -> list[Document]:
    """The in-force steering documents whose `defines` lists the entity."""

    def build(ctx: LintContext) -> dict[str, list[Document]]:
        index: dict[str, list[Document]] = {}
        for document in ctx.of_kind("steering_document"):
            if in_force(document.data, ctx.as_of, DOCUMENT_IN_FORCE):
                for target in document.data.get("defines", []):
                    index.setdefault(target, []).append(document)
        return index

    return indexed(ctx, "defined_by", build).get(entity_id, [])


def lint_violations(rule_id: str, ctx: LintContext, overrides: dict | None = None) -> list:
    """The violations a lint rule finds, with the rule's default options (overridden by a criterion's
    params where it names them): the same test, written once."""
    from itstyr.lint.registry import registry

    spec = registry()[rule_id]
    options = {option.name: option.default for option in spec.options.values()}
    options.update(overrides or {})
    key = ("lint", rule_id, repr(sorted(options.items())))
    return indexed(ctx, key, lambda ctx: list(spec.check(ctx, options)))


def lint_message(rule_id: str, violation) -> Message:
    return Message(f"rule.{rule_id}.{violation.message}", **violation.params)


def unit_resolver(ctx: LintContext):
    """A function from a unit id to the administration (förvaltning) or IT function it belongs to:
    the nearest one up the unit tree, so a team inside the digitalisation department counts for the
    IT function, not for the administration the department sits in."""
    targets = {unit.id: "forvaltning" for unit in ctx.administrations}
    targets.update({unit.id: "it" for unit in ctx.it_functions if unit.data.get("status") == "aktiv"})
    parents = {unit.id: unit.data.get("parent") for unit in ctx.of_kind("unit")}
    memo: dict[str, str | None] = {}

    def resolve(unit_id: object) -> str | None:
        if not isinstance(unit_id, str):
            return None
        if unit_id not in memo:
            seen, current, found = set(), unit_id, None
            while isinstance(current, str) and current not in seen:
                if current in targets:
                    found = current
                    break
                seen.add(current)
                current = parents.get(current)
            memo[unit_id] = found
        return memo[unit_id]

    resolve.kinds = targets  # type: ignore[attr-defined]
    return resolve


def listing(values: Iterable[str], limit: int = 8) -> str:
    values = list(values)
    shown = ", ".join(values[:limit])
    return shown + (f" … (+{len(values) - limit})" if len(values) > limit else "")


# --- R3.1, R3.2: goals ----------------------------------------------------------------------------


def _goal_in_force(ctx: LintContext, goal: Document) -> bool:
    data = goal.data
    period = data.get("period") or {}
    if not (started(period.get("from"), ctx.as_of) and not_ended(period.get("to"), ctx.as_of)):
        return False
    if "defined_in" in data and ctx.get(data["defined_in"], "steering_document") is not None:
        if document_in_force(ctx, data["defined_in"]) is None:
            return False
    return decision_of(data, ctx.as_of) is not None or document_in_force(ctx, data.get("defined_in")) is not None


def _domain_goals(ctx: LintContext, params: dict) -> list[Document]:
    domains = set(params.get("domains", ["it", "digitalisering"]))
    return [goal for goal in ctx.of_kind("goal") if domains & set(goal.data.get("domains", []))]


@check("goals_decided")
def goals_decided(ctx: LintContext, params: dict) -> CheckResult:
    """Decided goals for IT and digitalisation at city level, in force as of the date. Goals only at
    a lower level (a committee's own), or only a direction (inriktning), count in part."""
    levels = set(params.get("levels", POLITICAL_BODIES))
    goal_types = set(params.get("goal_types", ["mal", "effektmal"]))
    partial_levels = set(params.get("partial_levels", ["namnd"]))
    partial_types = set(params.get("partial_goal_types", ["inriktning"]))
    partial_ratio = float(params.get("partial_ratio", 0.5))
    candidates = _domain_goals(ctx, params)
    if not candidates:
        return CheckResult.nothing_found(
            [
                Text(
                    "Det finns inga mål för it och digitalisering i förrådet.",
                    "There are no goals for IT and digitalisation in the repository.",
                )
            ]
        )
    full, partial, missing = [], [], []
    for goal in candidates:
        data = goal.data
        if not _goal_in_force(ctx, goal):
            missing.append(
                Text(
                    f"Målet '{name(goal)}' är inte beslutat eller gäller inte per {ctx.as_of.isoformat()}.",
                    f"The goal '{name(goal)}' is not decided or not in force as of {ctx.as_of.isoformat()}.",
                )
            )
            continue
        level_full = data["level"] in levels
        type_full = data["goal_type"] in goal_types
        if level_full and type_full:
            full.append(goal)
        elif (level_full or data["level"] in partial_levels) and (type_full or data["goal_type"] in partial_types):
            partial.append(goal)
    if full:
        return CheckResult.passed(Evidences((goal, ("decision",) if "decision" in goal.data else ()) for goal in full))
    evidence = evidence_of(partial) or evidence_of(candidates)
    missing.insert(
        0,
        Text(
            f"Det finns inga beslutade mål ({', '.join(sorted(goal_types))}) för it och digitalisering på nivån {', '.join(sorted(levels))}.",
            f"There are no decided goals ({', '.join(sorted(goal_types))}) for IT and digitalisation at the level of {', '.join(sorted(levels))}.",
        ),
    )
    if partial:
        return CheckResult.partial(partial_ratio, evidence, missing)
    return CheckResult.failed(missing, evidence)


@check("goals_measurable")
def goals_measurable(ctx: LintContext, params: dict) -> CheckResult:
    """The share of decided IT and digitalisation goals that can be measured: at least one indicator
    with a baseline and a target (the lint rule goal-measurable)."""
    levels = set(params.get("levels", [*POLITICAL_BODIES, "namnd"]))
    goal_types = list(params.get("goal_types", ["mal", "effektmal"]))
    goals = [
        goal
        for goal in _domain_goals(ctx, params)
        if goal.data["level"] in levels and goal.data["goal_type"] in goal_types and _goal_in_force(ctx, goal)
    ]
    violations = {v.document.id: v for v in lint_violations("goal-measurable", ctx, {"goal_types": goal_types})}
    evidence, missing, passed = Evidences(), [], 0
    for goal in goals:
        violation = violations.get(goal.id)
        if violation is None:
            passed += 1
            evidence.add(goal, ("indicators",))
        else:
            missing.append(lint_message("goal-measurable", violation))
    return CheckResult.ratio_of(passed, len(goals), evidence, missing, threshold=float(params.get("pass_ratio", 1.0)))


# --- R3.3–R3.6: prioritisation --------------------------------------------------------------------


def models_in_force(ctx: LintContext) -> list[Document]:
    return [m for m in ctx.of_kind("prioritisation_model") if in_force(m.data, ctx.as_of, ["gallande"])]


def _model_assessment(ctx: LintContext, model: Document, params: dict) -> tuple[float, list[Message]]:
    bodies = set(params.get("bodies", POLITICAL_BODIES))
    min_criteria = int(params.get("min_criteria", 3))
    data = model.data
    ratio, missing = 0.0, []
    body, _document = deciding_body(ctx, data)
    if body in bodies:
        ratio += 0.5
    else:
        missing.append(
            Text(
                f"Prioriteringsgrunderna '{name(model)}' är beslutade av {body or 'okänd'}, inte av {', '.join(sorted(bodies))}.",
                f"The prioritisation criteria '{name(model)}' were decided by {body or 'unknown'}, not by {', '.join(sorted(bodies))}.",
            )
        )
        if body is not None:
            ratio += 0.25
    if len(data["criteria"]) >= min_criteria:
        ratio += 0.25
    else:
        missing.append(
            Text(
                f"Prioriteringsgrunderna '{name(model)}' har {len(data['criteria'])} kriterier; minst {min_criteria} behövs.",
                f"The prioritisation criteria '{name(model)}' have {len(data['criteria'])} criteria; at least {min_criteria} are needed.",
            )
        )
    weights = [v for v in lint_violations("prioritisation-weights", ctx) if v.document is model]
    if weights:
        missing.extend(lint_message("prioritisation-weights", v) for v in weights)
    else:
        ratio += 0.25
    return ratio, missing


def _best_model(ctx: LintContext, params: dict) -> tuple[Document | None, float, list[Message]]:
    best, best_ratio, best_missing = None, -1.0, []
    for model in models_in_force(ctx):
        ratio, missing = _model_assessment(ctx, model, params)
        if ratio > best_ratio:
            best, best_ratio, best_missing = model, ratio, missing
    return best, max(best_ratio, 0.0), best_missing


def _no_model(ctx: LintContext) -> CheckResult:
    drafts = [m for m in ctx.of_kind("prioritisation_model")]
    message = Text(
        f"Det finns inga prioriteringsgrunder (prioritisation_model) som gäller per {ctx.as_of.isoformat()}.",
        f"There are no prioritisation criteria (prioritisation_model) in force as of {ctx.as_of.isoformat()}.",
    )
    if drafts:
        notes = [
            Text(
                f"'{name(m)}' har status {m.data['status']} och är inte beslutad och gällande.",
                f"'{name(m)}' has the status {m.data['status']} and is not decided and in force.",
            )
            for m in drafts
        ]
        return CheckResult.failed([message, *notes], evidence_of(drafts, ("status",)))
    return CheckResult.nothing_found([message])


@check("prioritisation_decided")
def prioritisation_decided(ctx: LintContext, params: dict) -> CheckResult:
    """Prioritisation criteria in force, decided by the executive board or the council, with enough
    criteria whose weights add up to 100. Decided by someone else counts in part."""
    model, ratio, missing = _best_model(ctx, params)
    if model is None:
        return _no_model(ctx)
    evidence = [Evidence.of(model, ("decision",) if "decision" in model.data else ("status",))]
    return CheckResult.partial(ratio, evidence, missing)


@check("prioritisation_linked")
def prioritisation_linked(ctx: LintContext, params: dict) -> CheckResult:
    """The criteria show which needs the investments serve: at least one criterion is tied to a
    decided goal, and the model uses the city's benefits model (effekthemtagningsmodellen)."""
    model, _ratio, _missing = _best_model(ctx, params)
    if model is None:
        return _no_model(ctx)
    data = model.data
    evidence, missing, ratio = Evidences([(model,)]), [], 0.0
    linked = [
        (index, goal_id)
        for index, criterion in enumerate(data["criteria"])
        for goal_id in criterion.get("linked_goals", [])
        if (goal := ctx.get(goal_id, "goal")) is not None and _goal_in_force(ctx, goal)
    ]
    if linked:
        ratio += 0.5
        evidence.add(model, ("criteria", linked[0][0], "linked_goals"))
    else:
        missing.append(
            Text(
                f"Inget kriterium i '{name(model)}' är kopplat till ett beslutat mål (linked_goals).",
                f"No criterion of '{name(model)}' is linked to a decided goal (linked_goals).",
            )
        )
    benefits = ctx.get(data.get("benefits_model"), "benefits_model")
    if benefits is not None and in_force(benefits.data, ctx.as_of, ["gallande"]):
        ratio += 0.5
        evidence.add(benefits)
    else:
        missing.append(
            Text(
                f"'{name(model)}' hänvisar inte till en gällande effekthemtagningsmodell (benefits_model).",
                f"'{name(model)}' does not refer to a benefits model in force (benefits_model).",
            )
        )
    return CheckResult.partial(ratio, evidence, missing)


def _model_start(model: Document) -> date | None:
    return period_start(model.data.get("valid_from")) or period_start((model.data.get("decision") or {}).get("date"))


@check("prioritisation_applied")
def prioritisation_applied(ctx: LintContext, params: dict) -> CheckResult:
    """The share of prioritised initiatives assessed against the criteria: scored on every criterion
    of a decided model (the lint rule initiative-scores), with a prioritisation decision, and not
    started below the model's threshold. Initiatives the city council prioritised itself, initiatives
    below the model's amount and finished ones decided before the criteria existed are left out."""
    statuses = set(params.get("statuses", ["prioriterad", "beslutad", "pagaende", "realisering", "avslutad"]))
    finished = set(params.get("finished_statuses", ["avslutad"]))
    started_statuses = set(params.get("started_statuses", ["beslutad", "pagaende", "realisering", "avslutad"]))
    exempt_bodies = list(params.get("exempt_bodies", ["kommunfullmaktige"]))
    current = models_in_force(ctx)
    if not current:
        return _no_model(ctx)
    earliest = min((d for d in map(_model_start, current) if d is not None), default=None)
    scoring = {}
    for violation in lint_violations("initiative-scores", ctx, {"exempt_bodies": exempt_bodies}):
        if violation.message == "missing":
            scoring.setdefault(violation.document.id, violation)
    passed, total, evidence, missing = 0, 0, Evidences(), []
    for initiative in ctx.of_kind("initiative"):
        data = initiative.data
        if data["status"] not in statuses:
            continue
        prioritisation = data.get("prioritisation") or {}
        decided = prioritisation.get("decided") or {}
        decided_on = period_start(decided.get("date"))
        if "model" not in prioritisation and decided.get("body") in exempt_bodies:
            continue
        if data["status"] in finished and earliest and decided_on and decided_on < earliest:
            continue
        model = ctx.get(prioritisation.get("model"), "prioritisation_model")
        threshold = (model.data.get("applies_above_sek") if model else None) or 0
        investment = (data.get("budget") or {}).get("investment_sek")
        if threshold and investment is not None and investment < threshold:
            continue
        total += 1
        problems = []
        if model is None or model.data["status"] == "utkast":
            problems.append(
                Text("inte bedömt mot beslutade prioriteringsgrunder", "not assessed against decided prioritisation criteria")
            )
        elif initiative.id in scoring:
            problems.append(lint_message("initiative-scores", scoring[initiative.id]))
        if decided_on is None or decided_on > ctx.as_of:
            problems.append(Text("inget prioriteringsbeslut", "no prioritisation decision"))
        minimum = ((model.data.get("thresholds") or {}).get("min_score_to_start")) if model else None
        score_total = prioritisation.get("total")
        if minimum is not None and score_total is not None and data["status"] in started_statuses and score_total < minimum:
            problems.append(
                Text(
                    f"startat med {score_total:g} poäng, under modellens gräns {minimum:g}",
                    f"started with {score_total:g} points, below the model's threshold of {minimum:g}",
                )
            )
        if problems:
            missing.append(
                problems_of(
                    Text(f"Initiativet '{name(initiative)}' ({data['status']})", f"The initiative '{name(initiative)}' ({data['status']})"),
                    problems,
                )
            )
        else:
            passed += 1
            evidence.add(initiative, ("prioritisation",))
    return CheckResult.ratio_of(passed, total, evidence, missing, threshold=float(params.get("pass_ratio", 1.0)))


@check("intake_formal")
def intake_formal(ctx: LintContext, params: dict) -> CheckResult:
    """The share of recently received initiatives that came in through a formal channel (order
    form, portfolio process, political commission, an administration's plan), not informally."""
    channels = set(
        params.get("formal_channels", ["bestallningsformular", "portfoljprocess", "politiskt_uppdrag", "forvaltningsplan"])
    )
    lookback = int(params.get("lookback_months", 24))
    since = add_months(ctx.as_of, -lookback)
    passed, total, evidence, missing = 0, 0, Evidences(), []
    for initiative in ctx.of_kind("initiative"):
        data = initiative.data
        received = parse_period(data.get("received"))
        if received is None:
            if data["status"] != "ide":
                continue
        elif received[0] > ctx.as_of or received[1] < since:
            continue
        total += 1
        if data["intake_channel"] in channels:
            passed += 1
            evidence.add(initiative, ("intake_channel",))
        else:
            missing.append(
                Text(
                    f"Initiativet '{name(initiative)}' kom in via kanalen {data['intake_channel']}.",
                    f"The initiative '{name(initiative)}' came in through the channel {data['intake_channel']}.",
                )
            )
    return CheckResult.ratio_of(passed, total, evidence, missing, threshold=float(params.get("pass_ratio", 1.0)))


# --- Q2.x: a strategy that sets goals anchored in the city's overall goals ---------------------


@check("strategy_goals_anchored")
def strategy_goals_anchored(ctx: LintContext, params: dict) -> CheckResult:
    """A decided strategy or programme for IT and digitalisation, in force, that sets goals, and
    goals that are anchored in the city's overall steering (a parent goal such as the vision, or the
    document placed under the city's governing model)."""
    types = set(params.get("types", ["strategi", "program"]))
    domains = set(params.get("domains", ["it", "digitalisering"]))
    bodies = set(params.get("bodies", POLITICAL_BODIES))
    candidates = [
        d for d in ctx.of_kind("steering_document") if d.data["type"] in types and domains & set(d.data.get("domains", []))
    ]
    if not candidates:
        return CheckResult.nothing_found(
            [
                Text(
                    f"Det finns ingen strategi eller inget program ({', '.join(sorted(types))}) för it och digitalisering.",
                    f"There is no strategy or programme ({', '.join(sorted(types))}) for IT and digitalisation.",
                )
            ]
        )
    governing = {o.data.get("governing_model_doc") for o in ctx.of_kind("organisation")} - {None}
    best: tuple[float, list, list] = (-1.0, [], [])
    for document in candidates:
        data = document.data
        if not in_force(data, ctx.as_of, DOCUMENT_IN_FORCE):
            result = (
                0.0,
                [(document, ("status",))],
                [
                    Text(
                        f"'{name(document)}' har status {data['status']} och gäller inte per {ctx.as_of.isoformat()}.",
                        f"'{name(document)}' has the status {data['status']} and is not in force as of {ctx.as_of.isoformat()}.",
                    )
                ],
            )
        else:
            ratio, evidence, missing = 0.0, [(document, ("decision",))], []
            body = decision_of(data, ctx.as_of)["body"]
            if body in bodies:
                ratio += 0.5
            else:
                ratio += 0.25
                missing.append(
                    Text(
                        f"'{name(document)}' är beslutat av {body}, inte av {', '.join(sorted(bodies))}.",
                        f"'{name(document)}' was decided by {body}, not by {', '.join(sorted(bodies))}.",
                    )
                )
            goals = [g for g in ctx.of_kind("goal") if g.data.get("defined_in") == document.id]
            goals += [g for g in (ctx.get(i, "goal") for i in data.get("defines", [])) if g is not None and g not in goals]
            if goals:
                ratio += 0.25
                evidence.extend((goal,) for goal in goals[:5])
            else:
                missing.append(Text(f"'{name(document)}' sätter inga mål.", f"'{name(document)}' sets no goals."))
            parents = [p for g in goals for p in g.data.get("parent_goals", []) if ctx.get(p, "goal") is not None]
            if parents or governing & set(data.get("parent_documents", [])):
                ratio += 0.25
            else:
                missing.append(
                    Text(
                        f"Målen i '{name(document)}' är inte förankrade i stadens övergripande mål (parent_goals) eller styrmodell.",
                        f"The goals of '{name(document)}' are not anchored in the city's overall goals (parent_goals) or governing model.",
                    )
                )
            result = (ratio, evidence, missing)
        if result[0] > best[0]:
            best = result
    ratio, evidence, missing = best
    return CheckResult.partial(ratio, Evidences(evidence), missing)


# --- Q4d.x: initiatives that share a system across administrations are coordinated -------------


@check("initiatives_coordinated")
def initiatives_coordinated(ctx: LintContext, params: dict) -> CheckResult:
    """The share of pairs of active initiatives from different administrations that touch the same
    system and are coordinated: linked with `coordinated_with`, or named together in a forum's or the
    portfolio's decision. An unlinked pair is possible sub-optimisation."""
    statuses = set(params.get("statuses", ["kvalificerad", "prioriterad", "beslutad", "pagaende", "realisering"]))
    resolve = unit_resolver(ctx)
    active = [i for i in ctx.of_kind("initiative") if i.data["status"] in statuses and i.data.get("systems_affected")]
    # Initiative id -> the forum decisions and portfolio reviews that name it (indexes, not a scan per pair).
    named_in: dict[str, set[int]] = {}
    decisions = [
        decision
        for document in ctx.of_kind("forum")
        for record in document.data.get("records", [])
        if started(record.get("date"), ctx.as_of)
        for decision in record.get("decisions", [])
    ] + [
        decision
        for document in ctx.of_kind("portfolio")
        for review in document.data.get("reviews", [])
        if started(review.get("date"), ctx.as_of)
        for decision in review.get("decisions", [])
    ]
    for number, decision in enumerate(decisions):
        for concerned in decision.get("concerns", []):
            named_in.setdefault(concerned, set()).add(number)
    by_system: dict[str, list[int]] = {}
    for position, initiative in enumerate(active):
        for system in initiative.data["systems_affected"]:
            by_system.setdefault(system, []).append(position)
    pairs: dict[tuple[int, int], list[str]] = {}
    for system, positions in by_system.items():
        for index, a in enumerate(positions):
            for b in positions[index + 1 :]:
                pairs.setdefault((a, b), []).append(system)
    passed, total, evidence, missing = 0, 0, Evidences(), []
    for (a, b), shared in sorted(pairs.items()):
        first, second = active[a], active[b]
        origin_a = resolve(first.data["origin_unit"]) or first.data["origin_unit"]
        origin_b = resolve(second.data["origin_unit"]) or second.data["origin_unit"]
        if origin_a == origin_b:
            continue
        total += 1
        forward = second.id in first.data.get("coordinated_with", [])
        backward = first.id in second.data.get("coordinated_with", [])
        if forward or backward or named_in.get(first.id, set()) & named_in.get(second.id, set()):
            passed += 1
            if forward:
                evidence.add(first, ("coordinated_with",))
            elif backward:
                evidence.add(second, ("coordinated_with",))
            else:
                evidence.add(first)
        else:
            missing.append(
                Text(
                    f"'{name(first)}' och '{name(second)}' berör båda {listing(sorted(shared))} men är inte samordnade (coordinated_with): möjlig suboptimering.",
                    f"'{name(first)}' and '{name(second)}' both touch {listing(sorted(shared))} but are not coordinated (coordinated_with): possible sub-optimisation.",
                )
            )
    return CheckResult.ratio_of(passed, total, evidence, missing, threshold=float(params.get("pass_ratio", 1.0)))
