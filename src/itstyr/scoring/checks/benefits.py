"""Scoring checks: the benefits of the IT and digitalisation work (audit R7.3, R7.4, R7.6, R7.8, Q6).

What the audit found (§3.3, §3.3.1): the city's benefits realisation model (effekthemtagningsmodellen)
exists but is used unevenly, so effects are not followed up in a structured, equal way, and the board
does not follow up the effects of the work as a whole. R7 asks the board to state in steering
documents what every project must do to show that it delivers the expected effect and benefit.

As in `follow_up.py`, a model decided or a measurement taken after the evaluation date does not count
yet; every threshold and effect type is a parameter of the criterion, and the benefit lint rules are
counted, not rewritten. The shared helpers are in `_follow_up.py`.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from itstyr.dates import add_months, period_end, period_start
from itstyr.lint.context import LintContext
from itstyr.messages import Message, Text
from itstyr.model import Document
from itstyr.scoring.checks._common import name, problems_of
from itstyr.scoring.checks._follow_up import (
    BOARD,
    DELIVERED,
    STRUCK,
    benefit_due,
    board_records,
    decided_initiatives,
    document_in_force,
    in_force,
    interval,
    lint_message,
    lint_violations,
    measured_since,
    model_applies,
    plan_anchored,
    plans_in_force,
    post_delivery_months,
    realisation_start,
    within_interval,
)
from itstyr.scoring.registry import check
from itstyr.scoring.result import CheckResult, Evidence

# --- R7.3: decided projects carry specified benefits -----------------------------------------


@check("benefits_specified")
def benefits_specified(ctx: LintContext, params: dict) -> CheckResult:
    """The share of decided initiatives whose live benefits can be followed up: complete (the fields
    in `required_fields` plus those the initiative's benefits model requires), linked to a goal,
    owned in the line organisation and with dates in order (the benefit lint rules in `rules`)."""
    rules = list(
        params.get(
            "rules",
            ["initiative-benefits", "benefit-incomplete", "benefit-owner-is-project-manager", "benefit-target-before-baseline"],
        )
    )
    overrides = {
        "benefit-incomplete": {
            "required_fields": list(
                params.get("required_fields", ["indicator", "baseline", "target", "measurement_method", "owner"])
            )
        }
    }
    problems: dict[str, list[Message]] = defaultdict(list)
    for rule_id in rules:
        for violation in lint_violations(rule_id, ctx, overrides.get(rule_id)):
            problems[violation.document.id].append(lint_message(rule_id, violation))
    passed, total, evidence, missing = 0, 0, [], []
    for initiative in decided_initiatives(ctx, params):
        total += 1
        found = problems.get(initiative.id)
        if found:
            missing.append(
                Text(
                    f"Initiativet '{name(initiative)}': " + "; ".join(m.render("sv", nested=True) for m in found),
                    f"The initiative '{name(initiative)}': " + "; ".join(m.render("en", nested=True) for m in found),
                )
            )
        else:
            passed += 1
            evidence.append(Evidence.of(initiative, ("benefits",)))
    return CheckResult.ratio_of(passed, total, evidence, missing, threshold=float(params.get("pass_ratio", 1.0)))


# --- R7.4: benefits are measured once realisation has begun, and after delivery ------------------


@check("benefits_measured")
def benefits_measured(ctx: LintContext, params: dict) -> CheckResult:
    """The share of benefits due for follow-up that have been followed up: measured after their
    realisation began, as often as their frequency says (the lint rule benefit-measurement-overdue),
    and, once the benefits model's months after delivery have passed, measured after that point."""
    grace = int(params.get("grace_months", 4))
    after_delivery = bool(params.get("after_delivery", True))
    overdue = {(v.document.id, v.params.get("benefit")): v for v in lint_violations("benefit-measurement-overdue", ctx)}
    passed, total, evidence, missing = 0, 0, [], []
    for initiative in decided_initiatives(ctx, params):
        data = initiative.data
        months_after = post_delivery_months(ctx, data) if after_delivery else None
        delivered = period_start(data.get("delivered")) if data["status"] in DELIVERED else None
        for index, benefit in enumerate(data.get("benefits", [])):
            if not benefit_due(ctx, data, benefit, grace):
                continue
            total += 1
            start = realisation_start(data, benefit)
            problems: list[Message] = []
            measured = measured_since(ctx, benefit, start)
            if not measured:
                problems.append(
                    Text(
                        f"ingen mätning sedan realiseringen började {start.isoformat()}",
                        f"no measurement since its realisation began on {start.isoformat()}",
                    )
                    if start
                    else Text("ingen mätning efter utgångsvärdet", "no measurement after the baseline")
                )
            violation = overdue.get((initiative.id, benefit["id"]))
            if months_after is not None and delivered is not None:
                point = add_months(delivered, months_after)
                if point <= ctx.as_of and not measured_since(ctx, benefit, point):
                    problems.append(
                        Text(
                            f"ingen uppföljning {months_after} månader efter leveransen ({point.isoformat()} eller senare)",
                            f"no follow-up {months_after} months after delivery ({point.isoformat()} or later)",
                        )
                    )
            if problems:
                missing.append(
                    problems_of(
                        Text(
                            f"Nyttan '{benefit['id']}' ({benefit['name']}) i '{name(initiative)}'",
                            f"The benefit '{benefit['id']}' ({benefit['name']}) of '{name(initiative)}'",
                        ),
                        problems,
                    )
                )
            if violation is not None:
                missing.append(lint_message("benefit-measurement-overdue", violation))
            if not problems and violation is None:
                passed += 1
                evidence.append(Evidence.of(initiative, ("benefits", index, "measurements", measured[-1][0])))
    return CheckResult.ratio_of(passed, total, evidence, missing, threshold=float(params.get("pass_ratio", 1.0)))


# --- R7.6: one benefits method across the city -------------------------------------------------


def city_models(ctx: LintContext, params: dict) -> list[Document]:
    scopes = set(params.get("scopes", ["stadsovergripande"]))
    return [
        model
        for model in ctx.of_kind("benefits_model")
        if model.data["scope"] in scopes and in_force(model.data, ctx.as_of, ["gallande"])
    ]


@check("benefits_model_used")
def benefits_model_used(ctx: LintContext, params: dict) -> CheckResult:
    """The share of decided initiatives that follow the city-wide benefits model in force (where the
    model applies to their size). Initiatives finished before the model took effect are left out."""
    models = city_models(ctx, params)
    if not models:
        others = ctx.of_kind("benefits_model")
        message = Text(
            f"Det finns ingen gällande stadsövergripande effekthemtagningsmodell (benefits_model) per {ctx.as_of.isoformat()}.",
            f"There is no city-wide benefits model (benefits_model) in force as of {ctx.as_of.isoformat()}.",
        )
        if others:
            notes = [
                Text(
                    f"'{name(m)}' har status {m.data['status']} och omfattning {m.data['scope']}.",
                    f"'{name(m)}' has the status {m.data['status']} and the scope {m.data['scope']}.",
                )
                for m in others
            ]
            return CheckResult.failed([message, *notes], [Evidence.of(m, ("scope",)) for m in others])
        return CheckResult.nothing_found([message])
    ids = {model.id: model for model in models}
    model_start = min(
        (period_start(m.data.get("valid_from")) or period_start((m.data.get("decision") or {}).get("date")) or date.min)
        for m in models
    )
    passed, total, evidence, missing = 0, 0, [], []
    for initiative in decided_initiatives(ctx, params):
        data = initiative.data
        if data["status"] == "avslutad" and (period_end(data.get("delivered")) or date.max) < model_start:
            continue
        used = ids.get(data.get("benefits_model"))
        if not model_applies(models[0].data if used is None else used.data, data):
            continue
        total += 1
        if used is not None:
            passed += 1
            evidence.append(Evidence.of(initiative, ("benefits_model",)))
        else:
            other = data.get("benefits_model")
            missing.append(
                Text(
                    f"Initiativet '{name(initiative)}' följer "
                    + (f"en annan modell ({other})" if other else "ingen angiven effekthemtagningsmodell")
                    + f", inte stadens ({', '.join(sorted(ids))}).",
                    f"The initiative '{name(initiative)}' follows "
                    + (f"another model ({other})" if other else "no stated benefits model")
                    + f", not the city's ({', '.join(sorted(ids))}).",
                )
            )
    return CheckResult.ratio_of(passed, total, evidence, missing, threshold=float(params.get("pass_ratio", 1.0)))


# --- R7.8: requirements on how each project is followed up, in a steering document ------------


@check("project_requirements_regulated")
def project_requirements_regulated(ctx: LintContext, params: dict) -> CheckResult:
    """A city-wide benefits model in force, set in a steering document (itself, or through the
    follow-up plan that requires it), compulsory for every project above at most
    `max_applies_above_sek`, requiring the benefit fields follow-up needs, and saying how often
    projects report and how long after delivery benefits are followed up."""
    scopes = set(params.get("scopes", ["stadsovergripande"]))
    required = list(params.get("required_fields", ["goal", "indicator", "baseline", "target", "measurement_method", "owner"]))
    max_threshold = float(params.get("max_applies_above_sek", 0))
    parts = {"anchored": 0.4, "scope": 0.2, "fields": 0.2, "rhythm": 0.2, **params.get("parts", {})}
    models = ctx.of_kind("benefits_model")
    if not models:
        return CheckResult.nothing_found(
            [
                Text(
                    "Det finns ingen effekthemtagningsmodell (benefits_model): inget styrande dokument ställer krav på hur enskilda projekt följs upp.",
                    "There is no benefits model (benefits_model): no steering document sets requirements on how each project is followed up.",
                )
            ]
        )
    requiring = [
        plan
        for plan in plans_in_force(ctx)
        if (plan.data.get("project_requirements") or {}).get("benefits_model") and plan_anchored(ctx, plan) is not None
    ]
    best: tuple[float, list, list] | None = None
    for model in models:
        data = model.data
        if not in_force(data, ctx.as_of, ["gallande"]):
            result = (
                0.0,
                [Evidence.of(model, ("status",))],
                [
                    Text(
                        f"Effekthemtagningsmodellen '{name(model)}' har status {data['status']} och gäller inte per {ctx.as_of.isoformat()}.",
                        f"The benefits model '{name(model)}' has the status {data['status']} and is not in force as of {ctx.as_of.isoformat()}.",
                    )
                ],
            )
        else:
            ratio, evidence, missing = 0.0, [Evidence.of(model)], []
            plans = [p for p in requiring if p.data["project_requirements"]["benefits_model"] == model.id]
            document = document_in_force(ctx, data.get("defined_in"))
            if document is not None or plans:
                ratio += parts["anchored"]
                evidence.append(
                    Evidence.of(document, ("decision",)) if document else Evidence.of(plans[0], ("project_requirements",))
                )
            else:
                if isinstance(data.get("decision"), dict):
                    ratio += parts["anchored"] / 2
                missing.append(
                    Text(
                        f"Kraven i '{name(model)}' är inte fastställda i ett gällande styrdokument (defined_in, eller en uppföljningsplan vars project_requirements hänvisar till modellen).",
                        f"The requirements of '{name(model)}' are not set in a steering document in force (defined_in, or a follow-up plan whose project_requirements refer to the model).",
                    )
                )
            thresholds = [data.get("applies_above_sek") or 0] + [
                p.data["project_requirements"].get("applies_above_sek") or 0 for p in plans
            ]
            threshold = min(thresholds)
            if data["scope"] in scopes and threshold <= max_threshold:
                ratio += parts["scope"]
            else:
                if data["scope"] not in scopes:
                    missing.append(
                        Text(
                            f"'{name(model)}' gäller {data['scope']}, inte hela staden.",
                            f"'{name(model)}' applies to {data['scope']}, not to the whole city.",
                        )
                    )
                else:
                    ratio += parts["scope"] / 2
                if threshold > max_threshold:
                    missing.append(
                        Text(
                            f"Kraven gäller bara projekt över {threshold:,.0f} kr; gränsen får vara högst {max_threshold:,.0f} kr.".replace(
                                ",", " "
                            ),
                            f"The requirements apply only to projects above SEK {threshold:,.0f}; the limit may be at most SEK {max_threshold:,.0f}.",
                        )
                    )
            fields = data["required_benefit_fields"]
            covered = [f for f in required if f in fields]
            ratio += parts["fields"] * (len(covered) / len(required) if required else 1.0)
            if len(covered) < len(required):
                missing.append(
                    Text(
                        f"'{name(model)}' kräver inte {', '.join(f for f in required if f not in covered)} för varje nytta.",
                        f"'{name(model)}' does not require {', '.join(f for f in required if f not in covered)} for every benefit.",
                    )
                )
            after = data.get("follow_up_months_after_delivery") is not None or any(
                p.data["project_requirements"].get("post_closure_follow_up_months") is not None for p in plans
            )
            during = "frequency" in fields or any(p.data["project_requirements"].get("report_frequency") for p in plans)
            ratio += parts["rhythm"] / 2 * (int(after) + int(during))
            if not after:
                missing.append(
                    Text(
                        "Det anges inte hur länge efter leveransen nyttorna följs upp (follow_up_months_after_delivery).",
                        "It is not stated how long after delivery the benefits are followed up (follow_up_months_after_delivery).",
                    )
                )
            if not during:
                missing.append(
                    Text(
                        "Det anges inte hur ofta projekten rapporterar sina nyttor (report_frequency, eller frequency bland nyttans uppgifter).",
                        "It is not stated how often projects report their benefits (report_frequency, or frequency among a benefit's fields).",
                    )
                )
            result = (ratio, evidence, missing)
        if best is None or result[0] > best[0]:
            best = result
    ratio, evidence, missing = best
    return CheckResult.partial(round(ratio, 6), evidence, missing)


# --- Q6.x: the board follows up the effects of the work as a whole --------------------------


@check("effects_followed_up_collectively")
def effects_followed_up_collectively(ctx: LintContext, params: dict) -> CheckResult:
    """The board follows up the effects of the IT and digitalisation work as a whole: a board
    follow-up within the interval covers benefits, reports them (a finding or a measured value), and
    every kind of effect the portfolio expects (`effect_types`) has a benefit followed up once due."""
    bodies = list(params.get("bodies", BOARD))
    components = set(params.get("components", ["nyttor"]))
    effect_types = list(params.get("effect_types", ["kostnadsbesparing", "kvalitetshojning", "tidseffektivisering"]))
    months = interval(ctx, params)
    grace = int(params.get("grace_months", 2))
    measure_grace = int(params.get("measurement_grace_months", 4))
    parts = {"board": 0.5, "content": 0.25, "effect_types": 0.25, **params.get("parts", {})}
    records = [
        record
        for held, record in board_records(ctx, bodies)
        if within_interval(held, ctx, months, grace) and components & set(record.data["components_covered"])
    ]
    # Effect types: expected (some live benefit of a decided initiative has it), and followed up once due.
    expected: dict[str, list[tuple[Document, int, dict]]] = defaultdict(list)
    for initiative in decided_initiatives(ctx, params):
        for index, benefit in enumerate(initiative.data.get("benefits", [])):
            if benefit["status"] != STRUCK and benefit["effect_type"] in effect_types:
                expected[benefit["effect_type"]].append((initiative, index, benefit))
    if not records and not expected and not ctx.of_kind("follow_up_record"):
        return CheckResult.nothing_found(
            [
                Text(
                    "Styrelsen följer inte upp vilka effekter it- och digitaliseringsarbetet ger: det finns varken uppföljningar eller nyttor i förrådet.",
                    "The board does not follow up the effects of the IT and digitalisation work: there are neither follow-ups nor benefits in the repository.",
                )
            ]
        )
    score, weight, evidence, missing = 0.0, 0.0, [], []
    weight += parts["board"] + parts["content"]
    if records:
        latest = records[-1]
        score += parts["board"]
        evidence.append(Evidence.of(latest, ("presented_to",)))
        data = latest.data
        plan = ctx.get(data["plan"], "follow_up_plan")
        indicator_components = {i["id"]: i["component"] for i in (plan.data.get("indicators", []) if plan else [])}
        findings = [i for i, f in enumerate(data.get("findings", [])) if f["component"] in components]
        metrics = [
            i
            for i, m in enumerate(data.get("metrics", []))
            if indicator_components.get(m.get("indicator")) in components
            or (ctx.get(m.get("subject")) is not None and ctx.get(m.get("subject")).kind in ("initiative", "benefits_model"))
        ]
        if findings or metrics:
            score += parts["content"]
            evidence.append(Evidence.of(latest, ("findings", findings[0]) if findings else ("metrics", metrics[0])))
        else:
            missing.append(
                Text(
                    f"Uppföljningen '{name(latest)}' anger nyttor som del men redovisar inga iakttagelser eller nyckeltal om dem.",
                    f"The follow-up '{name(latest)}' lists benefits as covered but reports no findings or indicators on them.",
                )
            )
    else:
        missing.append(
            Text(
                f"Ingen uppföljning för styrelsen ({', '.join(bodies)}) de senaste {months} månaderna omfattar {', '.join(sorted(components))}: kommunstyrelsen följer inte samlat upp effekterna.",
                f"No follow-up presented to the board ({', '.join(bodies)}) in the last {months} months covers {', '.join(sorted(components))}: the board does not follow up the effects as a whole.",
            )
        )
    due_types, followed_types = 0, 0
    for effect_type in effect_types:
        due = [(i, n, b) for i, n, b in expected.get(effect_type, []) if benefit_due(ctx, i.data, b, measure_grace)]
        if not due:
            continue
        due_types += 1
        followed = [(i, n) for i, n, b in due if measured_since(ctx, b, realisation_start(i.data, b))]
        if followed:
            followed_types += 1
            evidence.append(Evidence.of(followed[0][0], ("benefits", followed[0][1])))
        else:
            missing.append(
                Text(
                    f"Ingen nytta av typen {effect_type} har mätts, fast {len(due)} borde ha följts upp.",
                    f"No benefit of the type {effect_type} has been measured, though {len(due)} should have been followed up.",
                )
            )
    if due_types:
        weight += parts["effect_types"]
        score += parts["effect_types"] * followed_types / due_types
    return CheckResult.partial(round(score / weight, 6) if weight else 0.0, evidence, missing)
