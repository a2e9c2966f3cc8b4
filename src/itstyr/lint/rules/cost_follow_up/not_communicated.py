"""An active administration that the cost model in force has not been communicated to."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from itstyr.dates import period_start
from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation
from itstyr.lint.rules.cost_follow_up._common import administration_keys, cost_model_in_force, label

ID = "cost-not-communicated"


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    model = cost_model_in_force(ctx)
    if model is None:
        return
    done: set[str] = set()  # units told on or before the as-of date
    planned: dict[str, tuple[date, str]] = {}  # units only told later: the first such date
    for entry in model.data.get("communicated_to", []):
        start = period_start(entry["date"])
        if start is None:
            continue
        if start <= ctx.as_of:
            done.add(entry["unit"])
        elif entry["unit"] not in planned or start < planned[entry["unit"]][0]:
            planned[entry["unit"]] = (start, entry["date"])
    where = ("communicated_to",) if "communicated_to" in model.data else ()
    administrations = administration_keys(ctx)
    if len(administrations) > 1 and not done and not planned:
        # One finding for the model rather than one per administration: nobody has been told.
        yield Violation(model, where, "nobody", {"count": len(administrations)}, key=bool(where))
        return
    for unit, keys in administrations.values():
        if keys & done:
            continue
        later = sorted(planned[key] for key in keys if key in planned)
        params = {"unit": label(unit), "unit_id": unit.id, "as_of": ctx.as_of.isoformat()}
        if later:
            yield Violation(model, where, "only_later", {**params, "date": later[0][1]}, key=bool(where))
        else:
            yield Violation(model, where, "default", params, key=bool(where))
