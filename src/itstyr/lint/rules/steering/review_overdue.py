"""An in-force steering document past its review date, or older than one term of office."""

from __future__ import annotations

from collections.abc import Iterator

from itstyr.dates import add_years, period_end
from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation

ID = "steering-review-overdue"
IN_FORCE = ("gallande", "under_revidering")


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    max_age = ctx.threshold("document_max_age_years")
    for document in ctx.of_kind("steering_document"):
        data = document.data
        if data["status"] not in IN_FORCE:
            continue
        next_review = period_end(data.get("next_review"))
        if next_review is not None:
            if next_review < ctx.as_of:
                yield Violation(document, ("next_review",), "review_passed", {"date": data["next_review"]})
            continue
        decided = period_end(data.get("decision", {}).get("date"))
        if decided is not None and add_years(decided, max_age) < ctx.as_of:
            yield Violation(
                document, ("decision", "date"), "too_old", {"date": data["decision"]["date"], "years": max_age}
            )
