"""A responsibility-matrix activity without exactly one Accountable, or without a Responsible.

The schema only checks that each letter is R, A, C, I, AR or RA; how many parties hold A or R in a
row is this rule's (the README: "exactly-one-A is a lint rule, not a schema rule")."""

from __future__ import annotations

from collections.abc import Iterator

from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation
from itstyr.lint.rules.responsibility._raci import matrices, party_label
from itstyr.messages import Text

ID = "raci-accountable"


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    require_responsible = options["require_responsible"]
    for matrix in matrices(ctx):
        parties = {party["id"]: party for party in matrix.data["parties"]}
        for index, activity in enumerate(matrix.data["activities"]):
            assignments = activity["assignments"]
            accountable = [key for key, letters in assignments.items() if "A" in letters]
            responsible = [key for key, letters in assignments.items() if "R" in letters]
            params = {"activity": activity["name"], "activity_id": activity["id"]}
            path = ("activities", index, "assignments")
            if not accountable:
                yield Violation(matrix, path, "no_accountable", params)
            elif len(accountable) > 1:
                holders = [party_label(ctx, parties[key]) if key in parties else Text(key) for key in accountable]
                yield Violation(matrix, path, "several_accountable", {**params, "count": len(accountable), "parties": holders})
            if require_responsible and not responsible:
                yield Violation(matrix, path, "no_responsible", params)
