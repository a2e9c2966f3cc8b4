"""Helpers the follow-up checks share (follow_up.py, benefits.py, internal_control.py): what is in
force and decided as of the evaluation date, the board's follow-ups, lint rules reused, coverage with
partial credit, and when a benefit is due for follow-up and has been followed up.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from itstyr.dates import add_months, period_end, period_start
from itstyr.lint.context import LintContext
from itstyr.messages import Message, Text
from itstyr.model import Document
from itstyr.scoring.checks._common import not_ended, started
from itstyr.scoring.result import CheckResult, Status

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
