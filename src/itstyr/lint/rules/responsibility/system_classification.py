"""A system used by two or more administrations, classified as business-specific without a rationale.

The schema makes `classification_rationale` optional for every system; whether a system needs one
depends on who uses it, which only the organisation's units can tell."""

from __future__ import annotations

from collections.abc import Iterator

from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation
from itstyr.lint.rules.responsibility._common import UnitTree, name

ID = "system-classification"
RETIRED = "avvecklad"


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    minimum = options["min_administrations"]
    tree: UnitTree | None = None
    for system in ctx.of_kind("system"):
        data = system.data
        if data["classification"] != "verksamhetsspecifikt" or data["lifecycle"] == RETIRED:
            continue
        if data.get("classification_rationale", "").strip():
            continue
        tree = tree or UnitTree(ctx)
        administrations = tree.administrations_of(data["used_by"])
        if len(administrations) >= minimum:
            yield Violation(
                system,
                ("classification",),
                "shared_without_rationale",
                {"count": len(administrations), "administrations": [name(ctx.get(a, "unit"), a) for a in administrations]},
            )
