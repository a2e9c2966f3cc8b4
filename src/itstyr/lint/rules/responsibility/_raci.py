"""Shared by the responsibility-matrix rules: which matrices are checked and how parties are named."""

from __future__ import annotations

from itstyr.lint.context import LintContext
from itstyr.messages import Text
from itstyr.model import Document

# A repealed matrix no longer assigns anything; drafts are checked, so mistakes are caught before the decision.
CHECKED_STATUSES = ("utkast", "gallande")


def matrices(ctx: LintContext) -> list[Document]:
    return [doc for doc in ctx.of_kind("responsibility_matrix") if doc.data["status"] in CHECKED_STATUSES]


def party_label(ctx: LintContext, party: dict) -> Text:
    """A party by its id and its column heading (its name, else its unit's or role's name)."""
    party_id = party["id"]
    if party.get("name"):
        return Text(f"{party_id} ({party['name']})")
    for field in ("unit", "role"):
        document = ctx.get(party.get(field))
        if document is not None and document.name:
            name_en = document.data.get("name_en") or document.name
            return Text(f"{party_id} ({document.name})", f"{party_id} ({name_en})")
    return Text(party_id)
