"""A forum that is meant to work but is not described well enough to do so.

The schema already requires remit, mandate_type, convener, members and cadence of an `etablerat`
forum, a non-empty members list, and a `beslutar` right of a `beslutande` one. This rule covers what
the schema cannot see: a forum under review (`under_oversyn`) still meets, so it needs the same
description; members that are all substitutes or co-opted, so no one actually sits on the forum; and
a `beslutande` forum whose every `beslutar` right comes from a steering document that is not in
force, so the forum does not actually hold a decision right.
"""

from __future__ import annotations

from collections.abc import Iterator

from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation
from itstyr.lint.rules.forums._common import FORUM_IN_FORCE, name
from itstyr.messages import Text

ID = "forum-incomplete"
DOCUMENT_IN_FORCE = ("gallande", "under_revidering")
REQUIRED = {
    "remit": Text("uppdrag (remit)", "remit (remit)"),
    "mandate_type": Text("mandat (mandate_type)", "mandate (mandate_type)"),
    "convener": Text("sammankallande (convener)", "convener (convener)"),
    "members": Text("ledamöter (members)", "members (members)"),
    "cadence": Text("mötesfrekvens (cadence)", "meeting cadence (cadence)"),
}


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    for forum in ctx.of_kind("forum"):
        data = forum.data
        status = data["status"]
        if status not in FORUM_IN_FORCE:
            continue
        if status == "under_oversyn":
            missing = [label for field, label in REQUIRED.items() if field not in data]
            if missing:
                yield Violation(forum, ("status",), "under_review", {"forum": name(forum), "fields": missing})
        members = data.get("members")
        if members and not any(member.get("membership", "ledamot") == "ledamot" for member in members):
            yield Violation(forum, ("members",), "no_members", {"forum": name(forum)})
        if data.get("mandate_type") == "beslutande":
            yield from _decision_right_held(ctx, forum)


def _decision_right_held(ctx: LintContext, forum) -> Iterator[Violation]:
    deciding = [
        (index, right) for index, right in enumerate(forum.data.get("decision_rights", [])) if right["right"] == "beslutar"
    ]
    if not deciding:
        return  # the schema reports a beslutande forum without a beslutar right
    sources = []
    for _index, right in deciding:
        source = ctx.get(right["source"], "steering_document")
        if source is None or source.data["status"] in DOCUMENT_IN_FORCE:
            return  # held (an unknown source is reported by validate, not judged here)
        sources.append(f"{name(source)} (status {source.data['status']})")
    first = deciding[0][0]
    yield Violation(
        forum,
        ("decision_rights", first, "source"),
        "right_not_held",
        {"forum": name(forum), "sources": list(dict.fromkeys(sources))},
    )
