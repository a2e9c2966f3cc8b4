"""A benefit of a decided initiative (at or past `beslutad`) that lacks what it takes to follow it up.

The schema requires indicator, baseline, target and owner only once a benefit is under realisation
(or assessed). A decided initiative's planned benefits must already be specified, or there is
nothing to follow up against (R7, Q6); this rule covers them, and measurement_method, which the
schema never requires. The fields required are the option `required_fields` (default: indicator,
baseline, target, measurement_method, owner) plus, when the initiative names a benefits model
(`benefits_model`) that applies to it, the model's `required_benefit_fields`: the city's own decided
model is the rule. A model applies unless its `applies_above_sek` is above zero and the initiative's
investment is known and does not exceed it. Struck benefits (`avford`) are not checked.
"""

from __future__ import annotations

from collections.abc import Iterator

from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation

ID = "benefit-incomplete"
# The initiative status enum in flow order: ide, inkommen, kvalificerad, prioriterad, beslutad,
# pagaende, realisering, avslutad (then stoppad and avslagen, which leave the flow).
DECIDED = ("beslutad", "pagaende", "realisering", "avslutad")
STRUCK = "avford"


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    base = list(options["required_fields"])
    for initiative in ctx.of_kind("initiative"):
        data = initiative.data
        if data["status"] not in DECIDED:
            continue
        required = base
        model = ctx.get(data.get("benefits_model"), "benefits_model")
        if model is not None and _applies(model.data, data):
            required = base + [name for name in model.data["required_benefit_fields"] if name not in base]
        for index, benefit in enumerate(data.get("benefits", [])):
            if benefit["status"] == STRUCK:
                continue
            missing = [name for name in required if name not in benefit]
            if missing:
                yield Violation(
                    initiative,
                    ("benefits", index),
                    "default",
                    {"benefit": benefit["id"], "name": benefit["name"], "missing": missing},
                )


def _applies(model: dict, initiative: dict) -> bool:
    threshold = model.get("applies_above_sek") or 0
    investment = initiative.get("budget", {}).get("investment_sek")
    return threshold == 0 or investment is None or investment > threshold
