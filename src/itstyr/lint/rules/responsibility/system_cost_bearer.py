"""A system's cost bearer that contradicts its classification.

A common system (gemensamt) is decided by the executive board and paid through the price and cost
model, so its cost is borne by the board, the administration that serves it (stadsledningsförvaltningen)
or the IT function, or a unit under them; a business-specific system is a committee's own, so its
cost is borne by an administration that uses it, a unit under one, or that administration's nämnd.
The schema only requires that a cost bearer is named."""

from __future__ import annotations

from collections.abc import Iterator

from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation
from itstyr.lint.rules.responsibility._common import UnitTree, label, name

ID = "system-cost-bearer"
RETIRED = "avvecklad"


def common_bearers(ctx: LintContext, configured: list) -> set[str]:
    """The units that, with every unit under them, may bear a common system's cost."""
    if configured:
        return {unit for unit in configured if isinstance(unit, str)}
    roots = {unit.id for unit in ctx.it_functions}
    for unit in ctx.of_kind("unit"):
        if unit.data.get("type") == "kommunstyrelse" and unit.data.get("status") == "aktiv":
            roots.add(unit.id)
    # The administrations that work for the board (stadsledningsförvaltningen).
    for unit in ctx.administrations:
        board = ctx.get(unit.data.get("governed_by"), "unit")
        if board is not None and board.data.get("type") == "kommunstyrelse":
            roots.add(unit.id)
    roots.discard(None)
    return roots


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    tree: UnitTree | None = None
    common: set[str] | None = None
    for system in ctx.of_kind("system"):
        data = system.data
        bearer = ctx.get(data["cost_bearer"], "unit")
        if bearer is None or data["lifecycle"] == RETIRED:
            continue  # an unknown cost bearer is reported by ref-unknown
        tree = tree or UnitTree(ctx)
        if data["classification"] == "gemensamt":
            if common is None:
                common = common_bearers(ctx, options["common_cost_bearers"])
            if common and not tree.under(bearer.id, common):  # no board or IT function recorded: nothing to test against
                allowed = sorted((name(ctx.get(unit, "unit"), unit) for unit in common), key=lambda text: text.sv)
                yield Violation(system, ("cost_bearer",), "common", {"bearer": label(bearer), "allowed": allowed})
            continue
        users = [unit for unit in data["used_by"] if isinstance(unit, str)]
        administrations = tree.administrations_of(users)
        if administrations:
            bearer_administration = tree.administration(bearer.id)
            committees = {ctx.get(a, "unit").data.get("governed_by") for a in administrations}
            if bearer_administration in administrations or bearer.id in committees:
                continue
            names = [name(ctx.get(a, "unit"), a) for a in administrations]
            yield Violation(system, ("cost_bearer",), "specific", {"bearer": label(bearer), "administrations": names})
        elif not any(tree.under(unit, {bearer.id}) for unit in users):
            # Used by no administration (only by units outside them): the cost bearer is a user or above one.
            names = [name(ctx.get(unit, "unit"), unit) for unit in users]
            yield Violation(system, ("cost_bearer",), "specific_not_user", {"bearer": label(bearer), "users": names})
