"""Coordination across administrations (audit question Q4d: is the digitalisation work coordinated so
that sub-optimisation is avoided?).

Two open initiatives (idé to pågående) from different administrations that change the same system
(`systems_affected`) without either naming the other in `coordinated_with` are listed as possible
sub-optimisation, with every system they share. An initiative's administration is the förvaltning its
`origin_unit` belongs to (the unit itself or the nearest förvaltning above it by `parent`); a unit with
no förvaltning above it (the executive board, say) stands for itself. An initiative that names no
origin or no systems cannot be checked, and is named as missing evidence.
"""

from __future__ import annotations

from itertools import combinations

from itstyr.lint.context import LintContext
from itstyr.messages import Message
from itstyr.model import Document
from itstyr.portfolio.ranking import OPEN
from itstyr.portfolio.result import CoordinationGap

ADMINISTRATION = "forvaltning"


def administration(ctx: LintContext, unit_id: str | None) -> Document | None:
    """The förvaltning the unit belongs to; the unit itself if none is above it; None if it does not exist."""
    unit = ctx.get(unit_id, "unit")
    current, seen = unit, set()
    while current is not None and current.id not in seen:
        if current.data.get("type") == ADMINISTRATION:
            return current
        seen.add(current.id)
        current = ctx.get(current.data.get("parent"), "unit")
    return unit


def uncoordinated(ctx: LintContext) -> tuple[list[CoordinationGap], list[Message]]:
    open_initiatives = sorted(
        (i for i in ctx.of_kind("initiative") if i.data.get("status") in OPEN), key=lambda document: document.id or ""
    )
    owners: dict[str, Document] = {}
    unchecked_origin, unchecked_systems = [], []
    by_system: dict[str, list[Document]] = {}
    for initiative in open_initiatives:
        owner = administration(ctx, initiative.data.get("origin_unit"))
        systems = initiative.data.get("systems_affected") or []
        if owner is None:
            unchecked_origin.append(initiative.id)
            continue
        if not systems:
            unchecked_systems.append(initiative.id)
            continue
        owners[initiative.id] = owner
        for system in systems:
            by_system.setdefault(system, []).append(initiative)
    pairs: dict[tuple[str, str], CoordinationGap] = {}
    for system, initiatives in sorted(by_system.items()):
        for first, second in combinations(initiatives, 2):
            if owners[first.id] is owners[second.id] or _linked(first, second):
                continue
            gap = pairs.setdefault(
                (first.id, second.id), CoordinationGap(first, second, (owners[first.id], owners[second.id]), [])
            )
            if system not in gap.systems:
                gap.systems.append(system)
    missing = []
    if unchecked_origin:
        missing.append(Message("portfolio.missing.no_origin", initiatives=unchecked_origin))
    if unchecked_systems:
        missing.append(Message("portfolio.missing.no_systems", initiatives=unchecked_systems))
    return [pairs[key] for key in sorted(pairs)], missing


def _linked(first: Document, second: Document) -> bool:
    return second.id in (first.data.get("coordinated_with") or []) or first.id in (second.data.get("coordinated_with") or [])
