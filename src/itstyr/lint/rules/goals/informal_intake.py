"""An initiative that came in through an informal channel (e-mail, a call, a corridor conversation).

The audit found that needs reached the digitalisation department both through the order form and
through informal channels, with no stated priority order (R3, Q4). A need that came in informally has
not been through the intake's must-requirements and the prioritisation criteria unless someone has
re-registered it. Initiatives that are closed (by default avslutad, stoppad, avslagen: option
`skip_statuses`) are history and are not reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation

ID = "initiative-informal-intake"
INFORMAL = "informell"


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    skip = set(options["skip_statuses"])
    for initiative in ctx.of_kind("initiative"):
        data = initiative.data
        if data["intake_channel"] == INFORMAL and data["status"] not in skip:
            yield Violation(initiative, ("intake_channel",), "default", {"status": data["status"]})
