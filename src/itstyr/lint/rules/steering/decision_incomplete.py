"""A steering document's decision that cannot be traced or does not add up.

The schema already requires a decision (body and date) for a document that is in force, repealed or
superseded, and a paragraph key for a political decision; it cannot tell that the paragraph was
written as null (explicitly unknown), that the date lies after the evaluation date, or that the
document is said to apply before it was decided. This rule covers those.
"""

from __future__ import annotations

from collections.abc import Iterator

from itstyr.dates import period_end, period_start
from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation
from itstyr.lint.rules.steering._common import IN_FORCE, label

ID = "steering-decision-incomplete"
POLITICAL = ("kommunfullmaktige", "kommunstyrelse", "namnd", "utskott")
DRAFT = ("utkast", "remiss")


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    report_unknown_paragraph = options.get("unknown_paragraph", True)
    for document in ctx.of_kind("steering_document"):
        data = document.data
        decision = data.get("decision")
        if not isinstance(decision, dict):
            continue
        decided = decision["date"]
        body = decision["body"]
        if (
            report_unknown_paragraph
            and data["status"] in IN_FORCE
            and body in POLITICAL
            and "paragraph" in decision
            and decision["paragraph"] is None
        ):
            yield Violation(document, ("decision", "paragraph"), "paragraph_unknown", {"body": label(body), "date": decided})
        decided_from = period_start(decided)
        # A draft may carry the date its decision is planned for; any other status says it was taken.
        if data["status"] not in DRAFT and decided_from is not None and decided_from > ctx.as_of:
            yield Violation(
                document, ("decision", "date"), "decided_after_as_of", {"date": decided, "as_of": ctx.as_of.isoformat()}
            )
        valid_from = data.get("valid_from")
        applies_until = period_end(valid_from)
        if decided_from is not None and applies_until is not None and applies_until < decided_from:
            yield Violation(document, ("valid_from",), "valid_before_decision", {"valid_from": valid_from, "date": decided})
