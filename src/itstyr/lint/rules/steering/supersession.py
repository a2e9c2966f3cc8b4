"""Supersession that does not add up: `supersedes` and `superseded_by` that disagree, a superseded
document still in force, or a document marked superseded (ersatt) whose successor is not in force yet.

The schema already requires superseded_by when the status is ersatt; it cannot compare two documents.
A document whose successor was itself superseded or later repealed is history and is fine.
"""

from __future__ import annotations

from collections.abc import Iterator

from itstyr.dates import period_start
from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation
from itstyr.lint.rules.steering._common import IN_FORCE, in_force, label, named

ID = "steering-supersession"
DRAFT = ("utkast", "remiss")


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    documents = ctx.of_kind("steering_document")
    # Who says, from the newer side, that it supersedes a document: old id -> in-force successors.
    superseded_by_in_force: dict[str, list] = {}
    for document in documents:
        old = document.data.get("supersedes")
        if isinstance(old, str) and in_force(document, ctx.as_of):
            superseded_by_in_force.setdefault(old, []).append(document)

    for document in documents:
        data = document.data
        old_id, new_id = data.get("supersedes"), data.get("superseded_by")
        if document.id in (old_id, new_id):
            field = "supersedes" if old_id == document.id else "superseded_by"
            yield Violation(document, (field,), "self", {})
            continue

        old = ctx.get(old_id, "steering_document")
        if old is not None and old.data.get("superseded_by") != document.id:
            other = ctx.get(old.data.get("superseded_by"), "steering_document")
            if other is None:
                # A draft may name the document it is to replace; the old one is marked when this is decided.
                if data["status"] not in DRAFT:
                    yield Violation(document, ("supersedes",), "old_not_marked", {"old": named(old), "new": document.id})
            else:
                yield Violation(document, ("supersedes",), "old_names_other", {"old": named(old), "other": named(other)})

        new = ctx.get(new_id, "steering_document")
        if new is not None and new.data.get("supersedes") != document.id:
            other = ctx.get(new.data.get("supersedes"), "steering_document")
            if other is None:
                yield Violation(document, ("superseded_by",), "new_not_marked", {"new": named(new), "old": document.id})
            else:
                yield Violation(document, ("superseded_by",), "new_names_other", {"new": named(new), "other": named(other)})

        status = data["status"]
        if status in IN_FORCE:
            successors = {s.id: s for s in superseded_by_in_force.get(document.id, [])}
            if new is not None and in_force(new, ctx.as_of):
                successors.setdefault(new.id, new)
            if successors:
                yield Violation(
                    document,
                    ("status",),
                    "still_in_force",
                    {"status": label(status), "new": [named(s) for s in successors.values()]},
                )
        elif status == "ersatt" and new is not None:
            new_status = new.data["status"]
            starts = new.data.get("valid_from")
            if new_status in DRAFT:
                yield Violation(document, ("status",), "successor_draft", {"new": named(new), "status": label(new_status)})
            elif new_status in IN_FORCE and (period_start(starts) or ctx.as_of) > ctx.as_of:
                yield Violation(document, ("status",), "successor_not_yet", {"new": named(new), "valid_from": starts})
