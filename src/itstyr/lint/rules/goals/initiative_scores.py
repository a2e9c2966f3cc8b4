"""An initiative at or past `prioriterad` that is not scored on every criterion of its prioritisation
model, or one scored outside a criterion's scale or on a criterion the model does not have.

The schema requires a prioritisation with a decision from `prioriterad` on, and scores when a model
is named, but it cannot see the model's criteria. This rule compares the scores with the model the
initiative names or, if it names none, with the in-force (gällande) model that applies to its type:
an initiative prioritised without the decided criteria is what the audit found (Q4b).

An initiative whose prioritisation names no model and was decided by a body listed in the option
`exempt_bodies` (by default the city council, whose decision stands above the criteria) is not
required to be scored. If no in-force model applies, or more than one does, there is no model to
compare with and the initiative is not checked for missing scores. Nor is an initiative whose
investment is below the model's `applies_above_sek`, which the model itself exempts.

A score outside its criterion's scale, or for a criterion the model does not have (often a typo in
the criterion's id), is reported for every scored initiative, whatever its status: the score was
given and it is wrong.
"""

from __future__ import annotations

from collections.abc import Iterator

from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation

ID = "initiative-scores"
# The initiative status enum in flow order: ide, inkommen, kvalificerad, prioriterad, beslutad,
# pagaende, realisering, avslutad (then stoppad and avslagen, which leave the flow).
PRIORITISED = ("prioriterad", "beslutad", "pagaende", "realisering", "avslutad")


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    exempt_bodies = set(options["exempt_bodies"])
    in_force = [model for model in ctx.of_kind("prioritisation_model") if model.data["status"] == "gallande"]
    by_type: dict[str, object] = {}  # initiative type -> the in-force model that applies, found once per type
    for initiative in ctx.of_kind("initiative"):
        data = initiative.data
        prioritisation = data.get("prioritisation")
        if prioritisation is None:
            continue
        named = prioritisation.get("model")
        # A named model that does not exist is None here: ref-unknown reports it.
        if named is not None:
            model = ctx.get(named, "prioritisation_model")
        else:
            if data["type"] not in by_type:
                by_type[data["type"]] = _applicable(in_force, data["type"])
            model = by_type[data["type"]]
        if model is None:
            continue
        criteria = {criterion["id"]: criterion for criterion in model.data["criteria"]}
        scores = prioritisation.get("scores") or {}
        for criterion_id, score in scores.items():
            criterion = criteria.get(criterion_id)
            if criterion is None:
                yield Violation(
                    initiative,
                    ("prioritisation", "scores", criterion_id),
                    "unknown_criterion",
                    {"criterion": criterion_id, "model": model.id, "criteria": list(criteria)},
                    key=True,
                )
            elif not criterion["scale"]["min"] <= score <= criterion["scale"]["max"]:
                yield Violation(
                    initiative,
                    ("prioritisation", "scores", criterion_id),
                    "out_of_scale",
                    {
                        "criterion": criterion_id,
                        "score": f"{score:g}",
                        "min": criterion["scale"]["min"],
                        "max": criterion["scale"]["max"],
                    },
                )
        if data["status"] not in PRIORITISED:
            continue
        if named is None and prioritisation.get("decided", {}).get("body") in exempt_bodies:
            continue
        if _below_threshold(model, data):
            continue
        missing = [criterion_id for criterion_id in criteria if criterion_id not in scores]
        if missing:
            yield Violation(
                initiative,
                ("prioritisation", "scores") if scores else ("prioritisation",),
                "missing",
                {"status": data["status"], "model": model.id, "missing": missing},
                key=not scores,
            )


def _applicable(models: list, initiative_type: str):
    """The one in-force model that applies to the initiative's type, or None if none or several do."""
    matching = [model for model in models if initiative_type in model.data.get("applies_to", [initiative_type])]
    return matching[0] if len(matching) == 1 else None


def _below_threshold(model, initiative: dict) -> bool:
    threshold = model.data.get("applies_above_sek")
    investment = initiative.get("budget", {}).get("investment_sek")
    return bool(threshold) and investment is not None and investment < threshold
