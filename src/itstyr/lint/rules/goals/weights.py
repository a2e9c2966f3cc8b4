"""A prioritisation model whose criteria weights do not sum to 100 (domain reference §4.3, rule 7).

The schema checks each weight (above 0, at most 100) but cannot add them up. A superseded (upphävd)
model is history and is not checked; a draft is, so that it is right before it is decided.
"""

from __future__ import annotations

from collections.abc import Iterator

from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation

ID = "prioritisation-weights"
TOTAL = 100
TOLERANCE = 0.01


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    for model in ctx.of_kind("prioritisation_model"):
        data = model.data
        if data["status"] == "upphavd":
            continue
        total = sum(criterion["weight"] for criterion in data["criteria"])
        if abs(total - TOTAL) > TOLERANCE:
            weights = [f"{criterion['id']} {criterion['weight']:g}" for criterion in data["criteria"]]
            yield Violation(model, ("criteria",), "default", {"model": data["id"], "total": f"{total:g}", "weights": weights})
