"""An active administration with no allocation for the current fiscal year in the cost model in force."""

from __future__ import annotations

from collections.abc import Iterator

from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation
from itstyr.lint.rules.cost_follow_up._common import administration_keys, cost_model_in_force, label

ID = "cost-allocation-missing"


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    model = cost_model_in_force(ctx)
    if model is None:
        return
    year = ctx.as_of.year
    allocated = {item["unit"] for item in model.data.get("allocations", []) if item["fiscal_year"] == year}
    where = ("allocations",) if "allocations" in model.data else ()
    if not allocated:
        # One finding for the model rather than one per administration: the whole year is missing.
        yield Violation(model, where, "no_year", {"year": year}, key=bool(where))
        return
    for unit, keys in administration_keys(ctx).values():
        if not keys & allocated:
            yield Violation(model, where, "default", {"unit": label(unit), "unit_id": unit.id, "year": year}, key=bool(where))
