"""An in-force supporting document (principles, guidelines, procedures) that hangs under no in-force
parent: the audit's digital principles, decided to fit into a digitalisation programme that did not
exist yet. Which categories and types count as supporting is configurable."""

from __future__ import annotations

from collections.abc import Iterator

from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation
from itstyr.lint.rules.steering._common import IN_FORCE, in_force, label, named
from itstyr.messages import Text

ID = "steering-unanchored-support"


def _parent_state(ctx: LintContext, parent_id: str) -> Text:
    parent = ctx.get(parent_id, "steering_document")
    if parent is None:
        return Text(f"{parent_id} (saknas)", f"{parent_id} (not found)")
    status = label(parent.data["status"])
    if parent.data["status"] in IN_FORCE:
        # In force by status, but outside its validity period.
        day = ctx.as_of.isoformat()
        return Text(f"{named(parent)} (gäller inte {day})", f"{named(parent)} (not valid on {day})")
    return Text(f"{named(parent)} ({status.sv})", f"{named(parent)} ({status.en})")


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    categories = set(options.get("categories", ["stodjande"]))
    types = set(options.get("types", ["principer", "riktlinje", "rutin"]))
    for document in ctx.of_kind("steering_document"):
        data = document.data
        by_category = data["category"] in categories
        if not (by_category or data["type"] in types) or not in_force(document, ctx.as_of):
            continue
        params = {"type": label(data["type"])}
        parents = data.get("parent_documents", [])
        if not parents:
            yield Violation(document, ("category",) if by_category else ("type",), "no_parent", params)
            continue
        if any((parent := ctx.get(pid, "steering_document")) is not None and in_force(parent, ctx.as_of) for pid in parents):
            continue
        params["parents"] = [_parent_state(ctx, pid) for pid in parents]
        yield Violation(document, ("parent_documents",), "parent_not_in_force", params)
