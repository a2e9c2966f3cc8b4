"""Two holders with the right to decide the same type of decision.

Decision rights are written on forums, on roles and in the funding process. A holder is a forum in
force (etablerat, under_oversyn), a role, or a unit or role that an in-force funding process gives
rights. Two holders of `beslutar` for the same decision type conflict unless their amount limits
(`limit_sek`) make them disjoint: limits are read as tiers of a delegation (one decides up to
3 MSEK, the one without a limit above it), so two holders conflict when they have the same limit,
or both have none. The same holder written in two places is one holder.
"""

from __future__ import annotations

from collections.abc import Iterator

from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation
from itstyr.lint.rules.forums._common import FORUM_IN_FORCE, name

ID = "decision-right-conflict"


def _holds(document) -> bool:
    """Whether this forum, role or unit can hold a right now."""
    if document.kind == "forum":
        return document.data["status"] in FORUM_IN_FORCE
    if document.kind == "unit":
        return document.data["status"] == "aktiv"
    return document.kind == "role"


def _rights(ctx: LintContext) -> Iterator[tuple[object, object, tuple, dict]]:
    """(holder, document, path, right) for every decision right in the repository, in file order."""
    for document in ctx.documents:
        kind = document.kind
        if kind in ("forum", "role"):
            if not _holds(document):
                continue
            for index, right in enumerate(document.data.get("decision_rights", [])):
                yield document, document, ("decision_rights", index), right
        elif kind == "funding_process" and document.data["status"] == "gallande":
            for index, entry in enumerate(document.data.get("decision_rights", [])):
                holder = ctx.get(entry["holder"])
                if holder is None or holder.kind not in ("forum", "role", "unit") or not _holds(holder):
                    continue
                for position, right in enumerate(entry["rights"]):
                    yield holder, document, ("decision_rights", index, "rights", position), right


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    ignored = set(options["ignore_decision_types"])
    # (decision type, limit) -> holder id -> (holder, document, path), the first place each holder is written.
    tiers: dict[tuple[str, int | None], dict[str, tuple]] = {}
    for holder, document, path, right in _rights(ctx):
        if right["right"] != "beslutar" or right["decision_type"] in ignored:
            continue
        tier = tiers.setdefault((right["decision_type"], right.get("limit_sek")), {})
        tier.setdefault(holder.id, (holder, document, path))
    for (decision_type, limit), holders in tiers.items():
        if len(holders) < 2:
            continue
        first, *others = holders.values()
        for holder, document, path in others:
            params = {"decision_type": decision_type, "holder": name(holder), "other": name(first[0])}
            if limit is None:
                yield Violation(document, path, "conflict", params)
            else:
                yield Violation(document, path, "conflict_limit", {**params, "limit": f"{limit:,}".replace(",", " ")})
