"""Scoring checks: follow-up of the IT and digitalisation work (audit R7, Q5, Q6).

What the audit found (§3.3, §3.3.1): the executive board does no collective follow-up of the IT and
digitalisation work; IT delivery is not followed up regularly against agreements and expected
quality; the city's benefits realisation model (effekthemtagningsmodellen) exists but is used
unevenly, so effects are not followed up in a structured, equal way. R7 asks the board to state in
steering documents how the overall work is followed up and what every project must do to show that
it delivers the expected effect and benefit.

The checks below look for the opposite, as of the evaluation date: a plan or model decided after
that date, a follow-up presented after it or a measurement taken after it does not count yet. Every
interval, component, threshold and effect type is a parameter of the criterion (framework YAML).
Where a lint rule already makes the same test (follow-up-overdue, service-report-overdue, the
benefit rules, action-overdue), its violations are counted, not rewritten.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from itstyr.dates import add_months, parse_period, period_end, period_start
from itstyr.lint.context import LintContext
from itstyr.messages import Message, Text
from itstyr.model import Document
from itstyr.scoring.checks._common import name, not_ended, started
from itstyr.scoring.registry import check
from itstyr.scoring.result import CheckResult, Evidence, Status

IN_FORCE = ("gallande", "under_revidering")
DECIDED = ("beslutad", "pagaende", "realisering", "avslutad")
DELIVERED = ("realisering", "avslutad")
STRUCK = "avford"
ASSESSED = ("under_realisering", "realiserad", "delvis_realiserad", "ej_realiserad")
FREQUENCY_MONTHS = {"manad": 1, "kvartal": 3, "tertial": 4, "halvar": 6, "ar": 12}
BOARD = ["kommunstyrelse"]


# --- shared helpers -------------------------------------------------------------------------------


def happened(value: object, as_of: date) -> bool:
    """A dated event (a decision, a meeting, a measurement) that had taken place by the as-of date."""
    start = period_start(value)
    return start is not None and start <= as_of


def in_force(data: dict, as_of: date, statuses: Iterable[str]) -> bool:
    """Status in force, decided (if it records a decision) by the as-of date, and within its validity."""
    if data.get("status") not in set(statuses):
        return False
    decision = data.get("decision")
    if isinstance(decision, dict) and not happened(decision.get("date"), as_of):
        return False
    return started(data.get("valid_from"), as_of) and not_ended(data.get("valid_to"), as_of)


def document_in_force(ctx: LintContext, document_id: object) -> Document | None:
    """The steering document with this id if it is in force and decided as of the date."""
    document = ctx.get(document_id, "steering_document")
    if document is None or not in_force(document.data, ctx.as_of, IN_FORCE):
        return None
    if not isinstance(document.data.get("decision"), dict):
        return None
    return document


def lint_violations(rule_id: str, ctx: LintContext, overrides: dict | None = None) -> list:
    """The violations a lint rule finds, with the rule's default options (overridden where the
    criterion's params name them): the same test, written once."""
    from itstyr.lint.registry import registry

    spec = registry()[rule_id]
    options = {option.name: option.default for option in spec.options.values()}
    options.update(overrides or {})
    return list(spec.check(ctx, options))


def lint_message(rule_id: str, violation) -> Message:
    return Message(f"rule.{rule_id}.{violation.message}", **violation.params)


def interval(ctx: LintContext, params: dict) -> int:
    """The longest allowed gap between follow-ups, in months: the criterion's, else the repository's."""
    if "max_interval_months" in params:
        return int(params["max_interval_months"])
    return int(ctx.thresholds.get("follow_up_max_interval_months", 12))


def board_records(ctx: LintContext, bodies: Iterable[str]) -> list[tuple[date, Document]]:
    """Follow-ups presented to the board (one of `bodies`) by the as-of date, oldest first."""
    bodies = set(bodies)
    found = []
    for record in ctx.of_kind("follow_up_record"):
        presented = record.data["presented_to"]
        held = period_start(presented.get("date"))
        if presented.get("body") in bodies and held is not None and held <= ctx.as_of:
            found.append((held, record))
    return sorted(found, key=lambda item: (item[0], item[1].id or ""))


def share(value: float, total: int, evidence, missing, threshold: float = 1.0) -> CheckResult:
    """Coverage with partial credit per item: `value` is the sum of the items' scores (0–1 each).
    An empty register is not applicable."""
    if total == 0:
        return CheckResult(Status.NOT_APPLICABLE, None, tuple(evidence), tuple(missing))
    ratio = value / total
    if ratio >= threshold:
        return CheckResult.passed(evidence, missing)
    return CheckResult.partial(ratio, evidence, missing)


def joined(messages: list[Text]) -> Text:
    return Text(
        "; ".join(m.render("sv", nested=True) for m in messages),
        "; ".join(m.render("en", nested=True) for m in messages),
    )


def within_interval(held: date, ctx: LintContext, months: int, grace: int) -> bool:
    return add_months(held, months + grace) >= ctx.as_of


def plans_in_force(ctx: LintContext) -> list[Document]:
    return [plan for plan in ctx.of_kind("follow_up_plan") if in_force(plan.data, ctx.as_of, IN_FORCE)]


def plan_anchored(ctx: LintContext, plan: Document) -> Document | None:
    """The steering document in force that regulates the plan (`defined_in`), if any."""
    return document_in_force(ctx, plan.data.get("defined_in"))


def investment_at_least(initiative: dict, minimum: float) -> bool:
    """Unknown investment counts: a missing budget must not exempt an initiative."""
    investment = (initiative.get("budget") or {}).get("investment_sek")
    return minimum <= 0 or investment is None or investment >= minimum


def model_applies(model: dict | None, initiative: dict) -> bool:
    """A benefits model applies unless its amount is above zero and the initiative's known
    investment does not exceed it."""
    if model is None:
        return True
    threshold = model.get("applies_above_sek") or 0
    investment = (initiative.get("budget") or {}).get("investment_sek")
    return threshold == 0 or investment is None or investment > threshold


def decided_initiatives(ctx: LintContext, params: dict) -> list[Document]:
    statuses = set(params.get("statuses", DECIDED))
    minimum = float(params.get("min_investment_sek", 0))
    return [
        initiative
        for initiative in ctx.of_kind("initiative")
        if initiative.data["status"] in statuses and investment_at_least(initiative.data, minimum)
    ]


# --- benefits: when is a benefit due for follow-up, and has it been followed up? -------------------


def realisation_start(initiative: dict, benefit: dict) -> date | None:
    """When the benefit starts to be realised: its realisation period, else the initiative's delivery."""
    start = period_start((benefit.get("realisation_period") or {}).get("from"))
    if start is None and initiative.get("status") in DELIVERED:
        start = period_start(initiative.get("delivered"))
    return start


def benefit_due(ctx: LintContext, initiative: dict, benefit: dict, grace_months: int) -> bool:
    """A benefit is due for follow-up once its realisation began at least `grace_months` ago (time for
    a first measurement), or once it is being realised or has been assessed, unless its realisation
    period had not begun by the as-of date."""
    if benefit["status"] == STRUCK:
        return False
    start = realisation_start(initiative, benefit)
    if start is None:
        return benefit["status"] in ASSESSED
    if benefit["status"] in ASSESSED and start <= ctx.as_of:
        return True
    return add_months(start, grace_months) <= ctx.as_of


def measured_since(ctx: LintContext, benefit: dict, since: date | None) -> list[tuple[int, date]]:
    """Measurements (index, date) taken by the as-of date and after `since` (else after the baseline)."""
    if since is None:
        baseline = period_end((benefit.get("baseline") or {}).get("date"))
        found = []
        for index, measurement in enumerate(benefit.get("measurements", [])):
            day = period_end(measurement["date"])
            if day is not None and day <= ctx.as_of and (baseline is None or day > baseline):
                found.append((index, day))
        return found
    found = []
    for index, measurement in enumerate(benefit.get("measurements", [])):
        day = period_end(measurement["date"])
        if day is not None and since <= day <= ctx.as_of:
            found.append((index, day))
    return found


def post_delivery_months(ctx: LintContext, initiative: dict) -> int | None:
    """How long after delivery benefits must be followed up: the initiative's benefits model, else
    the project requirements of a follow-up plan in force."""
    model = ctx.get(initiative.get("benefits_model"), "benefits_model")
    if model is not None and model.data.get("follow_up_months_after_delivery") is not None:
        return int(model.data["follow_up_months_after_delivery"])
    for plan in plans_in_force(ctx):
        months = (plan.data.get("project_requirements") or {}).get("post_closure_follow_up_months")
        if months is not None:
            return int(months)
    return None


# --- R7.1: the overall follow-up is regulated in a steering document ---------------------------


@check("follow_up_regulated")
def follow_up_regulated(ctx: LintContext, params: dict) -> CheckResult:
    """A follow-up plan in force, set in a decided steering document in force, that reports to the
    executive board at least as often as the interval and covers the required components."""
    required = list(params.get("components", ["mal", "portfolj", "it_leverans", "nyttor"]))
    recipient_types = set(params.get("recipient_types", BOARD))
    months = interval(ctx, params)
    parts = {"anchored": 0.3, "board": 0.2, "frequency": 0.1, "components": 0.4, **params.get("parts", {})}
    plans = ctx.of_kind("follow_up_plan")
    if not plans:
        return CheckResult.nothing_found(
            [
                Text(
                    "Det finns ingen uppföljningsplan (follow_up_plan): inget styrande dokument anger hur det samlade it- och digitaliseringsarbetet följs upp.",
                    "There is no follow-up plan (follow_up_plan): no steering document states how the overall IT and digitalisation work is followed up.",
                )
            ]
        )
    best: tuple[float, list, list] | None = None
    for plan in plans:
        data = plan.data
        if not in_force(data, ctx.as_of, IN_FORCE):
            result = (
                0.0,
                [Evidence.of(plan, ("status",))],
                [
                    Text(
                        f"Uppföljningsplanen '{name(plan)}' har status {data['status']} och gäller inte per {ctx.as_of.isoformat()}.",
                        f"The follow-up plan '{name(plan)}' has the status {data['status']} and is not in force as of {ctx.as_of.isoformat()}.",
                    )
                ],
            )
        else:
            ratio, evidence, missing = 0.0, [Evidence.of(plan)], []
            document = plan_anchored(ctx, plan)
            if document is not None:
                ratio += parts["anchored"]
                evidence.append(Evidence.of(document, ("decision",)))
            else:
                missing.append(
                    Text(
                        f"Uppföljningsplanen '{name(plan)}' är inte fastställd i ett gällande, beslutat styrdokument (defined_in).",
                        f"The follow-up plan '{name(plan)}' is not set in a decided steering document in force (defined_in).",
                    )
                )
            recipient = ctx.get(data["recipient"], "unit")
            if recipient is not None and recipient.data["type"] in recipient_types:
                ratio += parts["board"]
                evidence.append(Evidence.of(plan, ("recipient",)))
            else:
                missing.append(
                    Text(
                        f"Uppföljningen redovisas för {data['recipient']}, inte för styrelsen ({', '.join(sorted(recipient_types))}).",
                        f"The follow-up is reported to {data['recipient']}, not to the board ({', '.join(sorted(recipient_types))}).",
                    )
                )
            if FREQUENCY_MONTHS[data["frequency"]] <= months:
                ratio += parts["frequency"]
            else:
                missing.append(
                    Text(
                        f"Uppföljningen sker {data['frequency']}, glesare än var {months}:e månad.",
                        f"The follow-up is {data['frequency']}, less often than every {months} months.",
                    )
                )
            covered = [c for c in required if c in data["components"]]
            ratio += parts["components"] * (len(covered) / len(required) if required else 1.0)
            absent = [c for c in required if c not in covered]
            if absent:
                missing.append(
                    Text(
                        f"Uppföljningsplanen '{name(plan)}' omfattar inte {', '.join(absent)}.",
                        f"The follow-up plan '{name(plan)}' does not cover {', '.join(absent)}.",
                    )
                )
            result = (ratio, evidence, missing)
        if best is None or result[0] > best[0]:
            best = result
    ratio, evidence, missing = best
    return CheckResult.partial(round(ratio, 6), evidence, missing)


# --- R7.2: board-level follow-up happens, regularly -------------------------------------------


def _expected_per_window(ctx: LintContext, params: dict, window_start: date) -> int:
    """How many follow-ups the window should hold: the tightest plan in force (counted from the
    later of the window's start and the plan's), at least `min_per_year`."""
    expected = int(params.get("min_per_year", 1))
    for plan in plans_in_force(ctx):
        step = FREQUENCY_MONTHS[plan.data["frequency"]]
        begin = period_start(plan.data.get("valid_from")) or period_start((plan.data.get("decision") or {}).get("date"))
        begin = max(begin, window_start) if begin else window_start
        months = (ctx.as_of.year - begin.year) * 12 + ctx.as_of.month - begin.month
        expected = max(expected, min(12 // step, max(1, months // step)))
    return expected


@check("board_follow_up_regular")
def board_follow_up_regular(ctx: LintContext, params: dict) -> CheckResult:
    """Follow-ups of the IT and digitalisation work presented to the board: the latest within the
    interval (plus a margin), and as many in the last year as the plan in force promises (at least
    `min_per_year`). A plan whose own rhythm is broken (the lint rule follow-up-overdue) caps the
    result."""
    bodies = list(params.get("bodies", BOARD))
    months = interval(ctx, params)
    grace = int(params.get("grace_months", 2))
    window = int(params.get("window_months", 12))
    cap = float(params.get("cap_when_overdue", 0.5))
    records = board_records(ctx, bodies)
    if not records:
        others = [r for r in ctx.of_kind("follow_up_record") if happened(r.data["presented_to"].get("date"), ctx.as_of)]
        message = Text(
            f"Ingen uppföljning av it- och digitaliseringsarbetet har redovisats för styrelsen ({', '.join(bodies)}) per {ctx.as_of.isoformat()}.",
            f"No follow-up of the IT and digitalisation work has been presented to the board ({', '.join(bodies)}) as of {ctx.as_of.isoformat()}.",
        )
        if others:
            return CheckResult.failed([message], [Evidence.of(r, ("presented_to",)) for r in others])
        return CheckResult.nothing_found([message])
    latest_day, latest = records[-1]
    if not within_interval(latest_day, ctx, months, grace):
        return CheckResult.failed(
            [
                Text(
                    f"Senaste uppföljningen för styrelsen ('{name(latest)}') redovisades {latest_day.isoformat()}, mer än {months} månader (+{grace}) före {ctx.as_of.isoformat()}.",
                    f"The latest follow-up presented to the board ('{name(latest)}') was on {latest_day.isoformat()}, more than {months} months (+{grace}) before {ctx.as_of.isoformat()}.",
                )
            ],
            [Evidence.of(latest, ("presented_to",))],
        )
    window_start = add_months(ctx.as_of, -(window + grace))
    held = [(day, record) for day, record in records if day >= window_start]
    expected = _expected_per_window(ctx, params, window_start)
    evidence = [Evidence.of(record, ("presented_to",)) for _day, record in held]
    missing: list[Message] = []
    ratio = min(1.0, len(held) / expected)
    if len(held) < expected:
        missing.append(
            Text(
                f"{len(held)} uppföljningar har redovisats för styrelsen sedan {window_start.isoformat()}; uppföljningsplanen förutsätter {expected}.",
                f"{len(held)} follow-ups were presented to the board since {window_start.isoformat()}; the follow-up plan expects {expected}.",
            )
        )
    overdue = lint_violations("follow-up-overdue", ctx)
    if overdue:
        missing.extend(lint_message("follow-up-overdue", v) for v in overdue)
        ratio = min(ratio, cap)
    return CheckResult.partial(ratio, evidence, missing)


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
                    Text(
                        f"Nyttan '{benefit['id']}' ({benefit['name']}) i '{name(initiative)}': "
                        + "; ".join(p.render("sv", nested=True) for p in problems)
                        + ".",
                        f"The benefit '{benefit['id']}' ({benefit['name']}) of '{name(initiative)}': "
                        + "; ".join(p.render("en", nested=True) for p in problems)
                        + ".",
                    )
                )
            if violation is not None:
                missing.append(lint_message("benefit-measurement-overdue", violation))
            if not problems and violation is None:
                passed += 1
                evidence.append(Evidence.of(initiative, ("benefits", index, "measurements", measured[-1][0])))
    return CheckResult.ratio_of(passed, total, evidence, missing, threshold=float(params.get("pass_ratio", 1.0)))


# --- R7.5: IT delivery is followed up against agreements ----------------------------------------


def _reported_to_board(ctx: LintContext, report: dict, bodies: set[str], components: set[str]) -> Document | None:
    """The board follow-up a service report was brought to: the one it names (`reported_in`), or a
    board follow-up of IT delivery presented after the report's period ended."""
    record = ctx.get(report.get("reported_in"), "follow_up_record")
    if record is not None:
        presented = record.data["presented_to"]
        if presented.get("body") in bodies and happened(presented.get("date"), ctx.as_of):
            return record
    end = period_end(report.get("period"))
    for held, candidate in board_records(ctx, bodies):
        if end is not None and held >= end and components & set(candidate.data["components_covered"]):
            return candidate
    return None


@check("it_delivery_followed_up")
def it_delivery_followed_up(ctx: LintContext, params: dict) -> CheckResult:
    """The share of IT services in delivery that are followed up against an agreed service level: a
    report within the follow-up interval (the lint rule service-report-overdue) that was brought to
    the board. A report not brought to the board counts in part. With no services registered, a
    board follow-up that covers IT delivery counts in part; with neither, nothing was found."""
    lifecycles = set(params.get("lifecycles", ["inforande", "i_forvaltning"]))
    agreements = set(params.get("agreement_types", ["sla"]))
    bodies = set(params.get("bodies", BOARD))
    components = set(params.get("components", ["it_leverans", "servicenivaer"]))
    months = interval(ctx, params)
    grace = int(params.get("grace_months", 2))
    unreported = float(params.get("unreported_to_board_ratio", 0.5))
    services = [s for s in ctx.of_kind("it_service") if s.data["lifecycle"] in lifecycles]
    if not services:
        recent = [
            record
            for held, record in board_records(ctx, bodies)
            if within_interval(held, ctx, months, grace) and components & set(record.data["components_covered"])
        ]
        register = Text(
            "Det finns inga it-tjänster i leverans (it_service) att följa upp mot servicenivåer.",
            "There are no IT services in delivery (it_service) to follow up against service levels.",
        )
        if recent:
            return CheckResult.partial(
                float(params.get("without_register_ratio", 0.5)), [Evidence.of(recent[-1], ("components_covered",))], [register]
            )
        return CheckResult.nothing_found(
            [
                register,
                Text(
                    f"Ingen uppföljning av it-leveransen ({', '.join(sorted(components))}) har redovisats för styrelsen de senaste {months} månaderna.",
                    f"No follow-up of IT delivery ({', '.join(sorted(components))}) has been presented to the board in the last {months} months.",
                ),
            ]
        )
    overdue = {v.document.id: v for v in lint_violations("service-report-overdue", ctx)}
    value, total, evidence, missing = 0.0, 0, [], []
    for service in services:
        data = service.data
        levels = [
            level
            for level in data.get("service_levels", [])
            if level["agreement_type"] in agreements and started(level["valid_from"], ctx.as_of)
        ]
        if not levels:
            total += 1
            missing.append(
                Text(
                    f"It-tjänsten '{name(service)}' har ingen gällande överenskommen servicenivå ({', '.join(sorted(agreements))}) att följas upp mot.",
                    f"The IT service '{name(service)}' has no agreed service level ({', '.join(sorted(agreements))}) in force to be followed up against.",
                )
            )
            continue
        if service.id in overdue:
            total += 1
            missing.append(lint_message("service-report-overdue", overdue[service.id]))
            continue
        reports = [
            (period_end(report["period"]), index, report)
            for index, report in enumerate(data.get("reports", []))
            if period_end(report["period"]) is not None and period_end(report["period"]) <= ctx.as_of
        ]
        if not reports:
            continue  # agreed too recently for a first report to be due
        total += 1
        _end, index, report = max(reports, key=lambda item: (item[0], item[1]))
        record = _reported_to_board(ctx, report, bodies, components)
        if record is not None:
            value += 1.0
            evidence.append(Evidence.of(service, ("reports", index)))
        else:
            value += unreported
            evidence.append(Evidence.of(service, ("reports", index)))
            missing.append(
                Text(
                    f"Rapporten för '{name(service)}' ({report['period']}) har inte redovisats för styrelsen (reported_in).",
                    f"The report for '{name(service)}' ({report['period']}) has not been presented to the board (reported_in).",
                )
            )
    return share(value, total, evidence, missing, float(params.get("pass_ratio", 1.0)))


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


# --- R7.7: the actions that answer the audit are tracked and on time ----------------------------


@check("audit_actions_tracked")
def audit_actions_tracked(ctx: LintContext, params: dict) -> CheckResult:
    """The share of the audit's recommendations answered by at least one action, none overdue (the
    lint rule action-overdue); answered but overdue counts in part. Until the board's response is
    due, an audit with no actions yet is not applicable."""
    wanted = params.get("audit")
    audits = [a for a in ctx.of_kind("audit") if wanted is None or a.id == wanted]
    if not audits:
        return CheckResult.nothing_found(
            [
                Text(
                    "Granskningen finns inte i förrådet (audit), så åtgärderna kan inte följas upp mot den.",
                    "The audit is not in the repository (audit), so the actions cannot be followed up against it.",
                )
            ]
        )
    partly = float(params.get("overdue_ratio", 0.5))
    actions: dict[tuple[str, str], list[Document]] = defaultdict(list)
    for action in ctx.of_kind("action"):
        for response in action.data.get("responds_to", []):
            actions[(response["audit"], response["recommendation"])].append(action)
    overdue = {v.document.id: v for v in lint_violations("action-overdue", ctx)}
    value, total, evidence, missing = 0.0, 0, [], []
    for audit in audits:
        data = audit.data
        answered_any = any(key[0] == audit.id for key in actions)
        due = period_end(data.get("response_due"))
        if not answered_any and due is not None and due >= ctx.as_of:
            missing.append(
                Text(
                    f"Styrelsens yttrande över '{name(audit)}' ska lämnas senast {data['response_due']}; inga åtgärder är registrerade ännu.",
                    f"The board's response to '{name(audit)}' is due by {data['response_due']}; no actions are recorded yet.",
                )
            )
            continue
        for recommendation in data["recommendations"]:
            total += 1
            responding = actions.get((audit.id, recommendation["id"]), [])
            if not responding:
                missing.append(
                    Text(
                        f"Ingen åtgärd svarar mot rekommendation {recommendation['id']} i '{name(audit)}'.",
                        f"No action answers recommendation {recommendation['id']} of '{name(audit)}'.",
                    )
                )
                continue
            late = [a for a in responding if a.id in overdue]
            if late:
                value += partly
                missing.extend(lint_message("action-overdue", overdue[a.id]) for a in late)
            else:
                value += 1.0
                evidence.append(Evidence.of(responding[0], ("status",)))
    return share(value, total, evidence, missing, float(params.get("pass_ratio", 1.0)))


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
