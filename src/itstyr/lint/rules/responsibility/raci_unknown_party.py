"""An assignment in a responsibility matrix given to a party the matrix does not have.

The schema checks the shape of each key (a local id), not that it names one of the matrix's own
parties: a misspelt key silently drops that party's letter from the row."""

from __future__ import annotations

from collections.abc import Iterator

from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation
from itstyr.lint.rules.responsibility._raci import matrices
from itstyr.suggest import did_you_mean

ID = "raci-unknown-party"


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    for matrix in matrices(ctx):
        party_ids = [party["id"] for party in matrix.data["parties"]]
        known = set(party_ids)
        # A key written as the party's unit or role id (unit-digitaliseringsavdelningen for digavd).
        by_reference = {}
        for party in matrix.data["parties"]:
            for field in ("unit", "role"):
                if isinstance(party.get(field), str):
                    by_reference.setdefault(party[field], party["id"])
        for index, activity in enumerate(matrix.data["activities"]):
            for key in activity["assignments"]:
                if key in known:
                    continue
                suggestion = by_reference.get(key) or did_you_mean(key, party_ids)
                params = {"party": key, "activity": activity["name"], "parties": party_ids}
                path = ("activities", index, "assignments", key)
                if suggestion:
                    yield Violation(matrix, path, "unknown_party_suggest", {**params, "suggestion": suggestion}, key=True)
                else:
                    yield Violation(matrix, path, "unknown_party", params, key=True)
