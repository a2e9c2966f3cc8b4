"""A responsibility-matrix party that no activity gives any letter (a warning: a column left empty
is usually a party that was forgotten in the rows, or one that no longer belongs in the matrix)."""

from __future__ import annotations

from collections.abc import Iterator

from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation
from itstyr.lint.rules.responsibility._raci import matrices, party_label

ID = "raci-unused-party"


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    for matrix in matrices(ctx):
        used = set()
        for activity in matrix.data["activities"]:
            used.update(activity["assignments"])
        for index, party in enumerate(matrix.data["parties"]):
            if party["id"] not in used:
                yield Violation(matrix, ("parties", index, "id"), "unused", {"party": party_label(ctx, party)})
