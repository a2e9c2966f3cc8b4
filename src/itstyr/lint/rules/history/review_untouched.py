"""An overdue steering document that nobody has begun to review: its file has not changed since the
decision, it is not marked as under revision, and no draft is on its way to replace it.

The history comes from Git, read once per run (`itstyr.git.history`). Where it is unavailable the
rule still reports the overdue document, saying that the history could not be read: missing evidence
that work has begun is reported, as the scoring does, never taken as a pass.
"""

from __future__ import annotations

from collections.abc import Iterator

from itstyr.dates import period_end
from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation
from itstyr.lint.rules.steering import review_overdue

ID = "steering-review-untouched"
DRAFTS = ("utkast", "remiss")


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    history = None  # read only when an overdue document needs it
    for overdue in review_overdue.check(ctx, {}):
        document = overdue.document
        data = document.data
        if data["status"] != "gallande":  # under_revidering: the review has begun
            continue
        if any(
            parts == ("supersedes",) and successor.data.get("status") in DRAFTS for successor, parts in ctx.referrers(document.id)
        ):
            continue
        decided = period_end(data.get("decision", {}).get("date"))
        if decided is None:
            continue
        if history is None:
            from itstyr.git.history import repository_history

            history = repository_history(getattr(ctx, "root", None))
        where = ("decision", "date")
        if not history.available:
            yield Violation(document, where, "no_history", {"decided": data["decision"]["date"], "reason": history.note})
            continue
        if history.changed_after(document.path, decided) is False:
            entry = history.of(document.path)
            last = entry.modified or entry.last  # the last change to its content, else when it was added
            params = {"decided": data["decision"]["date"], "changed": last.date[:10], "commit": last.commit[:10]}
            yield Violation(document, where, "untouched", params)
