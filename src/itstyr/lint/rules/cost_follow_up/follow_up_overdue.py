"""A follow-up plan in force without a follow-up presented to the board within the plan's interval."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from itstyr.dates import period_end, period_start
from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation
from itstyr.lint.rules.cost_follow_up._common import FREQUENCY_MONTHS, every, label, months_later, plans_in_force
from itstyr.messages import Text

ID = "follow-up-overdue"
BOARD = "kommunstyrelse"


def _presented_to_recipient(record: dict, recipient: str, recipient_is_board: bool) -> bool:
    """Board level: the executive board, or the plan's own recipient (a committee) by name."""
    presented = record["presented_to"]
    if presented["body"] == BOARD:
        return True
    return not recipient_is_board and presented.get("unit") == recipient


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    plans = plans_in_force(ctx)
    if not plans:
        return
    records: dict[str, list[dict]] = defaultdict(list)
    for record in ctx.of_kind("follow_up_record"):
        records[record.data["plan"]].append(record.data)
    max_months = ctx.threshold("follow_up_max_interval_months")
    grace = options["grace_months"]
    for plan in plans:
        data = plan.data
        # The plan's own rhythm, never looser than the repository's maximum interval.
        months = min(FREQUENCY_MONTHS[data["frequency"]], max_months)
        if months < FREQUENCY_MONTHS[data["frequency"]]:
            basis = Text("gränsvärdet follow_up_max_interval_months", "the threshold follow_up_max_interval_months")
        else:
            basis = Text(f"planens frekvens {data['frequency']}", f"the plan's frequency {data['frequency']}")
        recipient = data["recipient"]
        recipient_unit = ctx.get(recipient, "unit")
        recipient_is_board = recipient_unit is None or recipient_unit.data["type"] == BOARD
        last: date | None = None
        last_text = None
        for record in records.get(plan.id, []):
            if not _presented_to_recipient(record, recipient, recipient_is_board):
                continue
            held = period_start(record["presented_to"]["date"])
            if held is None or held > ctx.as_of:
                continue  # a meeting still to come is not a follow-up yet
            if last is None or held > last:
                last, last_text = held, record["presented_to"]["date"]
        start_text = data.get("valid_from") or data.get("decision", {}).get("date")
        start = period_end(start_text)
        params = {
            "plan": label(plan),
            "every": every(months),
            "basis": basis,
            "recipient": label(recipient_unit) if recipient_unit else recipient,
        }
        if last is not None:
            due = months_later(last, months + grace)
            if due < ctx.as_of:
                yield Violation(plan, ("frequency",), "default", {**params, "last": last_text, "due": due.isoformat()})
        elif start is None:
            yield Violation(plan, ("frequency",), "never", params)
        else:
            # A plan younger than one interval (and the grace) is not yet due its first follow-up.
            due = months_later(start, months + grace)
            if due < ctx.as_of:
                yield Violation(plan, ("frequency",), "none_since", {**params, "start": start_text, "due": due.isoformat()})
