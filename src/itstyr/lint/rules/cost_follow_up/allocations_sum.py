"""A cost model whose allocations for a fiscal year do not add up to that year's total."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation
from itstyr.lint.rules.cost_follow_up._common import sek

ID = "cost-allocations-sum"


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    for model in ctx.of_kind("cost_model"):
        data = model.data
        sums: dict[int, int] = defaultdict(int)
        for allocation in data.get("allocations", []):
            sums[allocation["fiscal_year"]] += allocation["amount_sek"]
        # A year with a total but no allocations yet is a plan, not a mismatch: only years that have
        # been allocated are reconciled (the domain reference's rule 12: "if both are present").
        for index, total in enumerate(data.get("totals", [])):
            year = total["fiscal_year"]
            if year not in sums or sums[year] == total["total_sek"]:
                continue
            yield Violation(
                model,
                ("totals", index, "total_sek"),
                "default",
                {
                    "year": year,
                    "sum": sek(sums[year]),
                    "total": sek(total["total_sek"]),
                    "difference": sek(sums[year] - total["total_sek"]),
                },
            )
