"""A benefit whose target date is before its baseline date (domain reference §4.3 rule 6).

Dates may be periods (2027, 2027-T2): the target is reported only when its period ends before the
baseline's period starts, so overlapping periods are never called wrong. Struck benefits (`avford`)
are not checked.
"""

from __future__ import annotations

from collections.abc import Iterator

from itstyr.dates import period_end, period_start
from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation

ID = "benefit-target-before-baseline"
STRUCK = "avford"


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    for initiative in ctx.of_kind("initiative"):
        for index, benefit in enumerate(initiative.data.get("benefits", [])):
            if benefit["status"] == STRUCK or "baseline" not in benefit or "target" not in benefit:
                continue
            baseline, target = benefit["baseline"]["date"], benefit["target"]["date"]
            target_end, baseline_start = period_end(target), period_start(baseline)
            if target_end is not None and baseline_start is not None and target_end < baseline_start:
                yield Violation(
                    initiative,
                    ("benefits", index, "target", "date"),
                    "default",
                    {"benefit": benefit["id"], "name": benefit["name"], "target": target, "baseline": baseline},
                )
