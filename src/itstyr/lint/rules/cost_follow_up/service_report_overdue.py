"""An IT service in delivery without a service-level report within the follow-up interval."""

from __future__ import annotations

from collections.abc import Iterator

from itstyr.dates import period_end, period_start
from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation
from itstyr.lint.rules.cost_follow_up._common import FREQUENCY_MONTHS, every, label, months_later, plans_in_force

ID = "service-report-overdue"
# Services that deliver: a planned service has nothing to report yet, and one being phased out or
# phased out is followed up through its decommissioning, not through service levels.
DELIVERING = ("inforande", "i_forvaltning")
SERVICE_COMPONENTS = {"servicenivaer", "it_leverans"}


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    services = [s for s in ctx.of_kind("it_service") if s.data["lifecycle"] in DELIVERING]
    if not services:
        return
    # The interval: the repository's maximum, or the rhythm of a plan in force that follows up IT
    # delivery or service levels, if that is shorter.
    months = ctx.threshold("follow_up_max_interval_months")
    for plan in plans_in_force(ctx):
        if SERVICE_COMPONENTS & set(plan.data["components"]):
            months = min(months, FREQUENCY_MONTHS[plan.data["frequency"]])
    grace = options["grace_months"]
    for service in services:
        data = service.data
        params = {"service": label(service), "every": every(months)}
        reports = data.get("reports", [])
        if reports:
            index, last = max(
                ((i, period_end(report["period"])) for i, report in enumerate(reports)),
                key=lambda item: (item[1] is not None, item[1]),
            )
            if last is None:
                continue
            due = months_later(last, months + grace)
            if due < ctx.as_of:
                yield Violation(
                    service,
                    ("reports", index, "period"),
                    "default",
                    {**params, "period": reports[index]["period"], "due": due.isoformat()},
                )
            continue
        # No report yet: due one interval after the first service level took effect. A service with no
        # agreed service levels has nothing to report against (the agreements are checked elsewhere).
        starts = [
            (start, level["valid_from"])
            for level in data.get("service_levels", [])
            if (start := period_start(level["valid_from"])) is not None and start <= ctx.as_of
        ]
        if not starts:
            continue
        start, start_text = min(starts)
        due = months_later(start, months + grace)
        if due < ctx.as_of:
            yield Violation(
                service, ("service_levels",), "none", {**params, "start": start_text, "due": due.isoformat()}, key=True
            )
