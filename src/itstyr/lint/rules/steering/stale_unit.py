"""A current steering document that names a unit that no longer exists, or a unit by a former name
(the audit's example: an IT policy still naming "kommunikations- och utvecklingsavdelningen").

Units named by reference (mentions_units, scope_units) are inactive when their status is nedlagd or
their valid_to has passed. Names written in the text (mentions_names) are compared, ignoring case and
spacing, with every unit's current and former names: a name that is some active unit's current name
is fine; a former name (no longer in use at the as-of date) or the name of an inactive unit is not.
Repealed and superseded documents are history and are not checked.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from itstyr.dates import period_end
from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation
from itstyr.lint.rules.steering._common import HISTORICAL, named
from itstyr.model import Document

ID = "steering-stale-unit"


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def _inactive(unit: Document, as_of: date) -> bool:
    data = unit.data
    if data.get("status") == "nedlagd":
        return True
    ends = period_end(data.get("valid_to"))
    return ends is not None and ends < as_of


def _successor(ctx: LintContext, unit: Document) -> Document | None:
    """The active unit that took over, following a chain of successors."""
    seen = {unit.id}
    current = ctx.get(unit.data.get("successor"), "unit")
    while current is not None and current.id not in seen:
        if not _inactive(current, ctx.as_of):
            return current
        seen.add(current.id)
        current = ctx.get(current.data.get("successor"), "unit")
    return None


def _unit_params(ctx: LintContext, unit: Document, message: str) -> tuple[str, dict]:
    params = {"unit": named(unit), "date": unit.data.get("valid_to") or unit.data.get("status")}
    successor = _successor(ctx, unit)
    if successor is not None:
        params["successor"] = named(successor)
        return message + "_successor", params
    return message, params


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    units = ctx.of_kind("unit")
    inactive = {unit.id for unit in units if _inactive(unit, ctx.as_of)}
    current_names: set[str] = set()  # names of active units
    inactive_names: dict[str, Document] = {}
    former_names: dict[str, Document] = {}
    for unit in units:
        if unit.id in inactive:
            inactive_names.setdefault(_key(unit.data["name"]), unit)
        else:
            current_names.add(_key(unit.data["name"]))
        for former in unit.data.get("former_names", []):
            until = period_end(former.get("until"))
            if until is None or until < ctx.as_of:
                former_names.setdefault(_key(former["name"]), unit)

    for document in ctx.of_kind("steering_document"):
        data = document.data
        if data["status"] in HISTORICAL:
            continue
        for field, message in (("mentions_units", "inactive_unit"), ("scope_units", "inactive_scope")):
            for index, unit_id in enumerate(data.get(field, [])):
                if unit_id in inactive:
                    name, params = _unit_params(ctx, ctx.get(unit_id, "unit"), message)
                    yield Violation(document, (field, index), name, params)
        for index, mentioned in enumerate(data.get("mentions_names", [])):
            key = _key(mentioned)
            if key in current_names:
                continue
            unit = former_names.get(key)
            if unit is not None and unit.id not in inactive:
                yield Violation(
                    document,
                    ("mentions_names", index),
                    "former_name",
                    {"name": mentioned, "unit": named(unit), "current": unit.data["name"]},
                )
                continue
            unit = unit or inactive_names.get(key)
            if unit is not None:
                name, params = _unit_params(ctx, unit, "inactive_name")
                params["name"] = mentioned
                yield Violation(document, ("mentions_names", index), name, params)
