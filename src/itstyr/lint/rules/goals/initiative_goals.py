"""An initiative at or past `prioriterad` none of whose goals is a decided goal still in force.

The schema requires the `goals` key from `prioriterad` on (at least one id), and the reference check
reports ids that do not exist; neither says whether the goals are real goals of the organisation.
This rule asks that at least one of them:

- exists as a goal;
- is decided: it has a `decision`, or it is set in a steering document in force (`defined_in`), or
  one of its parent goals (followed up the goal chain, `parent_goals`) is, so that an initiative's
  own effect goal counts when it is linked to a decided goal;
- is in force: its `period` has not ended before the as-of date. A goal whose period has ended still
  counts for an initiative that is finished (`avslutad`), since it was in force when the work was done.

The message names each goal and why it does not count.
"""

from __future__ import annotations

from collections.abc import Iterator

from itstyr.dates import period_end
from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation
from itstyr.messages import Message

ID = "initiative-goals"
# The initiative status enum in flow order: ide, inkommen, kvalificerad, prioriterad, beslutad,
# pagaende, realisering, avslutad (then stoppad and avslagen, which leave the flow).
PRIORITISED = ("prioriterad", "beslutad", "pagaende", "realisering", "avslutad")
FINISHED = ("avslutad",)
DOCUMENT_IN_FORCE = ("gallande", "under_revidering")


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    decided: dict[str, bool] = {}  # goal id -> decided (itself or up its chain), memoised across initiatives
    for initiative in ctx.of_kind("initiative"):
        data = initiative.data
        if data["status"] not in PRIORITISED:
            continue
        reasons = []
        for goal_id in data.get("goals", []):
            goal = ctx.get(goal_id, "goal")
            if goal is None:
                reasons.append(_reason("reason_unknown", goal=goal_id))
            elif not _decided(ctx, goal_id, decided):
                reasons.append(_reason("reason_undecided", goal=goal_id))
            elif data["status"] not in FINISHED and _ended(goal.data, ctx):
                reasons.append(_reason("reason_ended", goal=goal_id, date=goal.data["period"]["to"]))
            else:
                break
        else:
            if reasons:
                yield Violation(initiative, ("goals",), "default", {"status": data["status"], "reasons": reasons})


def _reason(name: str, **params) -> Message:
    return Message(f"rule.{ID}.{name}", **params)


def _ended(goal: dict, ctx: LintContext) -> bool:
    end = period_end(goal.get("period", {}).get("to"))
    return end is not None and end < ctx.as_of


def _decided(ctx: LintContext, goal_id: str, memo: dict[str, bool]) -> bool:
    """Whether the goal, or a goal up its chain, is decided. Iterative, cycle-safe, memoised."""
    if goal_id in memo:
        return memo[goal_id]
    seen: set[str] = set()
    stack = [goal_id]
    order = []
    result = False
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        known = memo.get(current)
        if known is not None:
            if known:
                result = True
                break
            continue
        goal = ctx.get(current, "goal")
        if goal is None:
            continue
        order.append(current)
        if _decided_itself(ctx, goal.data):
            result = True
            break
        stack.extend(parent for parent in goal.data.get("parent_goals", []) if parent not in seen)
    if result:
        memo[goal_id] = True
    else:
        # Nothing reachable from these goals is decided.
        for visited in order:
            memo[visited] = False
    return result


def _decided_itself(ctx: LintContext, goal: dict) -> bool:
    if "decision" in goal:
        return True
    document = ctx.get(goal.get("defined_in"), "steering_document")
    return document is not None and document.data["status"] in DOCUMENT_IN_FORCE
