"""A goal of a measurable type (mål, effektmål) without an indicator that has both a baseline and a target.

The schema already requires at least one indicator for these goal types, but not the indicator's
baseline and target; this rule covers what the schema leaves open: a goal is only measurable when at
least one of its indicators says where it starts and where it should end up. For goal types the
`goal_types` option adds beyond the schema's (for example projektmal), a goal without indicators at
all is reported too.
"""

from __future__ import annotations

from collections.abc import Iterator

from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation

ID = "goal-measurable"


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    goal_types = set(options["goal_types"])
    for goal in ctx.of_kind("goal"):
        data = goal.data
        if data["goal_type"] not in goal_types:
            continue
        indicators = data.get("indicators") or []
        if any("baseline" in indicator and "target" in indicator for indicator in indicators):
            continue
        if not indicators:
            yield Violation(goal, ("goal_type",), "no_indicators", {"goal": data["id"], "type": data["goal_type"]})
            continue
        gaps = [
            f"{indicator['id']} ({', '.join(field for field in ('baseline', 'target') if field not in indicator)})"
            for indicator in indicators
        ]
        yield Violation(goal, ("indicators",), "incomplete", {"goal": data["id"], "type": data["goal_type"], "indicators": gaps})
