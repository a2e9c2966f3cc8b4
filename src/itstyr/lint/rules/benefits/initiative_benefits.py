"""A decided initiative (at or past `beslutad`) without a live benefit linked to a goal.

The schema requires `benefits` (at least one) from `beslutad` on, so an initiative with no benefits
at all never reaches lint. What it cannot see is a list that only looks like benefits. This rule
reports a decided initiative

- whose benefits are all struck (`avford`): nothing is left to realise, so the decision rests on no
  expected benefit; or
- none of whose remaining benefits is linked to a goal that exists (`goal`): a benefit that serves no
  goal does not show which need the investment meets (R3), and the effect chain from initiative to
  goal that the benefits model asks for is broken.

Completeness of each benefit (indicator, baseline, target, ...) is the rule benefit-incomplete.
"""

from __future__ import annotations

from collections.abc import Iterator

from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation

ID = "initiative-benefits"
# The initiative status enum in flow order: ide, inkommen, kvalificerad, prioriterad, beslutad,
# pagaende, realisering, avslutad (then stoppad and avslagen, which leave the flow).
DECIDED = ("beslutad", "pagaende", "realisering", "avslutad")
STRUCK = "avford"


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    for initiative in ctx.of_kind("initiative"):
        data = initiative.data
        if data["status"] not in DECIDED:
            continue
        live = [benefit for benefit in data.get("benefits", []) if benefit["status"] != STRUCK]
        if not live:
            yield Violation(initiative, ("benefits",), "all_struck", {"status": data["status"]}, key=True)
        elif not any(ctx.get(benefit.get("goal"), "goal") is not None for benefit in live):
            yield Violation(
                initiative,
                ("benefits",),
                "no_goal",
                {"status": data["status"], "benefits": [benefit["id"] for benefit in live]},
                key=True,
            )
