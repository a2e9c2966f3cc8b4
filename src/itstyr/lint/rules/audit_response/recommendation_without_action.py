"""A recommendation of an audit that no action responds to."""

from __future__ import annotations

from collections.abc import Iterator

from itstyr.dates import period_end
from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation

ID = "audit-recommendation-without-action"
SHORT = 70  # characters of a recommendation's text shown in the message


def shorten(text: str, limit: int = SHORT) -> str:
    """The text on one line, cut at a word before `limit` characters, with an ellipsis if cut."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0] or flat[:limit]
    return cut.rstrip(" ,;:.") + "…"


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    audits = ctx.of_kind("audit")
    if not audits:
        return
    answered: set[tuple[str, str]] = set()
    for action in ctx.of_kind("action"):
        for response in action.data.get("responds_to", []):
            answered.add((response["audit"], response["recommendation"]))
    for audit in audits:
        data = audit.data
        # Until the board's response is due, it may still be deciding what to do.
        response_due = period_end(data.get("response_due"))
        if response_due is not None and response_due >= ctx.as_of:
            continue
        for index, recommendation in enumerate(data["recommendations"]):
            if (audit.id, recommendation["id"]) in answered:
                continue
            yield Violation(
                audit,
                ("recommendations", index, "id"),
                "default",
                {"recommendation": recommendation["id"], "text": shorten(recommendation["text"]), "audit": audit.id},
            )
