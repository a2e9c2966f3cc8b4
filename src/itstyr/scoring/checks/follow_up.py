"""Scoring checks: follow-up of the IT and digitalisation work (audit R7.1, R7.2, R7.5, R7.7).

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
benefit rules, action-overdue), its violations are counted, not rewritten. The benefits checks (R7.3,
R7.4, R7.6, R7.8, Q6) are in `benefits.py`, internal control (Q5) in `internal_control.py`, and the
shared helpers in `_follow_up.py`.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from itstyr.dates import add_months, period_end, period_start
from itstyr.lint.context import LintContext
from itstyr.messages import Message, Text
from itstyr.model import Document
from itstyr.scoring.checks._common import name, started
from itstyr.scoring.checks._follow_up import (
    BOARD,
    FREQUENCY_MONTHS,
    IN_FORCE,
    board_records,
    happened,
    in_force,
    interval,
    lint_message,
    lint_violations,
    plan_anchored,
    plans_in_force,
    share,
    within_interval,
)
from itstyr.scoring.registry import check
from itstyr.scoring.result import CheckResult, Evidence

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
