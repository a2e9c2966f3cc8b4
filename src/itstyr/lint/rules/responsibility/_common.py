"""Shared by the responsibility rules: how entities are named in messages, and where a unit sits
among the administrations (förvaltningar). Indexes are built once per check from the context."""

from __future__ import annotations

from itstyr.lint.context import LintContext
from itstyr.messages import Text
from itstyr.model import Document


def label(document: Document | None, fallback: str = "") -> Text:
    """An entity as messages name it: its name and id, in English where it has an English name."""
    if document is None:
        return Text(fallback)
    name, name_en = document.data.get("name"), document.data.get("name_en")
    return Text(f"{name} ({document.id})", f"{name_en or name} ({document.id})")


def name(document: Document | None, fallback: str = "") -> Text:
    """An entity by name only, for lists inside parentheses."""
    if document is None:
        return Text(fallback)
    return Text(document.data["name"], document.data.get("name_en") or document.data["name"])


def unit_parents(ctx: LintContext) -> dict[str, str]:
    return {unit.id: unit.data["parent"] for unit in ctx.of_kind("unit") if unit.id and isinstance(unit.data.get("parent"), str)}


class UnitTree:
    """Where units sit: the active administration each unit belongs to (itself or the nearest
    förvaltning above it), the administrations a nämnd governs, and whether a unit lies under another."""

    def __init__(self, ctx: LintContext):
        self.ctx = ctx
        self.parents = unit_parents(ctx)
        self.active_administrations = {unit.id for unit in ctx.administrations}
        self.governed: dict[str, set[str]] = {}
        for unit in ctx.of_kind("unit"):
            body = unit.data.get("governed_by")
            if unit.id in self.active_administrations and isinstance(body, str):
                self.governed.setdefault(body, set()).add(unit.id)
        self._administration: dict[str, str | None] = {}

    def ancestors(self, unit_id: str):
        """The unit itself and every unit above it (stops at a loop)."""
        seen = set()
        current: str | None = unit_id
        while current is not None and current not in seen:
            seen.add(current)
            yield current
            current = self.parents.get(current)

    def administration(self, unit_id: str) -> str | None:
        """The active förvaltning the unit is or lies under; None if there is none (a nämnd, the
        council, an outside party) or if the nearest förvaltning above it is not active."""
        if unit_id not in self._administration:
            found = None
            for current in self.ancestors(unit_id):
                document = self.ctx.get(current, "unit")
                if document is not None and document.data.get("type") == "forvaltning":
                    found = current if current in self.active_administrations else None
                    break
            self._administration[unit_id] = found
        return self._administration[unit_id]

    def administrations_of(self, unit_ids) -> list[str]:
        """The distinct active administrations that the units are, lie under or (for a nämnd) govern,
        in the order first met."""
        result: list[str] = []
        for unit_id in unit_ids:
            if not isinstance(unit_id, str):
                continue
            found = self.administration(unit_id)
            candidates = [found] if found else sorted(self.governed.get(unit_id, ()))
            for candidate in candidates:
                if candidate not in result:
                    result.append(candidate)
        return result

    def under(self, unit_id: str, roots: set[str]) -> bool:
        """Whether the unit is one of `roots` or lies under one of them."""
        return any(current in roots for current in self.ancestors(unit_id))
