"""A political commission past its due date that has not been reported back."""

from __future__ import annotations

from collections.abc import Iterator

from itstyr.dates import period_end, period_start
from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation

ID = "commission-overdue"


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    # The schema requires reported_back only of a commission marked klar; a commission whose status was
    # never updated slips through it, so the rule goes by the due date and the report back alone.
    for commission in ctx.of_kind("commission"):
        data = commission.data
        due = period_end(data["due"])
        if due is None or due >= ctx.as_of:
            continue
        reported = data.get("reported_back")
        if reported is not None:
            held = period_start(reported["date"])
            if held is not None and held <= ctx.as_of:
                continue
            yield Violation(commission, ("reported_back", "date"), "later", {"due": data["due"], "date": reported["date"]})
            continue
        yield Violation(commission, ("due",), "default", {"due": data["due"]})
