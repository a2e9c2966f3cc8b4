"""Ranking the open initiatives by the decided prioritisation model (audit R3, Q4b).

An initiative is ranked against the model it names, else its portfolio's, else the one in-force model
that applies to its type. The order:

1. Must-requirements first: an initiative that fails one (`must_requirements_met: false`) is listed
   apart and never ranked, whatever it scores.
2. Then the weighted score, 0–100: Σ weight × score / scale max, divided by the sum of the weights
   (with weights summing to 100, as the model's lint rule requires, that is the plain weighted sum).
   Shown and compared to one decimal.
3. Ties are broken by the scores on the model's criteria, heaviest weight first (in the model's order
   among equal weights), then by the earlier `received` date, then by id, so the order never depends
   on file order.

Only open initiatives are ranked (idé to pågående); those delivered (realisering, avslutad) or out of
the flow (stoppad, avslagen) are not competing for a place, though one stopped or rejected on a
must-requirement is listed with the failing ones, as the requirements at work. An open initiative is set apart, with its
reasons, when the ranking cannot use it: no model, a model not in force, no or incomplete scores,
scores off the scale, no goal that exists, an informal intake channel, must-requirements not recorded.
"""

from __future__ import annotations

from datetime import date

from itstyr.dates import period_start
from itstyr.lint.context import LintContext
from itstyr.messages import Message
from itstyr.model import Document
from itstyr.portfolio.result import MustFailed, NotRanked, Ranked

OPEN = ("ide", "inkommen", "kvalificerad", "prioriterad", "beslutad", "pagaende")
LEFT_THE_FLOW = ("stoppad", "avslagen")
INFORMAL = "informell"
MODEL_IN_FORCE = "gallande"


def model_for(ctx: LintContext, initiative: Document, in_force: list[Document]) -> tuple[Document | None, str | None]:
    """The model the initiative is ranked against, or None and the reason code."""
    data = initiative.data
    named = (data.get("prioritisation") or {}).get("model")
    if named:
        model = ctx.get(named, "prioritisation_model")
        return (model, None) if model is not None else (None, "no_model")
    portfolio = ctx.get(data.get("portfolio"), "portfolio")
    if portfolio is not None and portfolio.data.get("prioritisation_model"):
        model = ctx.get(portfolio.data["prioritisation_model"], "prioritisation_model")
        return (model, None) if model is not None else (None, "no_model")
    kind = data.get("type")
    applicable = [model for model in in_force if kind in model.data.get("applies_to", [kind])]
    if len(applicable) == 1:
        return applicable[0], None
    return None, "several_models" if applicable else "no_model"


def criteria_by_weight(model: Document) -> list[dict]:
    """The model's criteria, heaviest first; the model's own order among equal weights (sort is stable)."""
    return sorted(model.data.get("criteria") or [], key=lambda criterion: -criterion.get("weight", 0))


def weighted_total(model: Document, scores: dict) -> float | None:
    """The weighted score 0–100, or None when a criterion is unscored, or the weights or scales leave
    nothing to compute with (weights summing to zero, a scale whose maximum is not above zero)."""
    criteria = model.data.get("criteria") or []
    weights = sum(criterion.get("weight", 0) for criterion in criteria)
    if not criteria or weights <= 0 or any(criterion["id"] not in scores for criterion in criteria):
        return None
    if any(criterion["scale"]["max"] <= 0 for criterion in criteria):
        return None
    total = sum(criterion.get("weight", 0) * scores[criterion["id"]] / criterion["scale"]["max"] for criterion in criteria)
    return round(100 * total / weights, 1)


def _failed(model: Document, initiative: Document) -> list[dict]:
    """The model's must-requirements the initiative is recorded as failing (`false`)."""
    met = (initiative.data.get("prioritisation") or {}).get("must_requirements_met") or {}
    return [{"id": r["id"], "text": r.get("text", "")} for r in model.data.get("must_requirements") or [] if met.get(r["id"]) is False]


def _total(model: Document, initiative: Document) -> float | None:
    scores = (initiative.data.get("prioritisation") or {}).get("scores") or {}
    return weighted_total(model, scores)


def _tie_key(model: Document, initiative: Document, scores: dict) -> tuple:
    by_weight = tuple(-scores[criterion["id"]] / criterion["scale"]["max"] for criterion in criteria_by_weight(model))
    received = period_start(initiative.data.get("received")) or date.max
    return (by_weight, received, initiative.id or "")


def rank(ctx: LintContext) -> tuple[list[Document], list[Ranked], list[MustFailed], list[NotRanked], list[Document]]:
    """The models used, the ranking, the initiatives failing must-requirements, those set apart, and
    those not ranked because they are delivered or closed."""
    in_force = [model for model in ctx.of_kind("prioritisation_model") if model.data.get("status") == MODEL_IN_FORCE]
    candidates: dict[str, list[tuple[tuple, Ranked]]] = {}
    must_failed: list[MustFailed] = []
    not_ranked: list[NotRanked] = []
    closed: list[Document] = []
    models: dict[str, Document] = {}
    for initiative in sorted(ctx.of_kind("initiative"), key=lambda document: document.id or ""):
        data = initiative.data
        model, problem = model_for(ctx, initiative, in_force)
        if data.get("status") not in OPEN:
            failed = _failed(model, initiative) if data.get("status") in LEFT_THE_FLOW and model is not None else []
            if failed:  # rejected or stopped on a must-requirement: the requirements at work, listed apart
                must_failed.append(MustFailed(initiative, model, failed, _total(model, initiative)))
                models.setdefault(model.id, model)
            else:
                closed.append(initiative)
            continue
        reasons: list[tuple[str, Message]] = []
        if problem:
            reasons.append((problem, Message(f"portfolio.reason.{problem}")))
        elif model.data.get("status") != MODEL_IN_FORCE:
            reasons.append(("model_not_in_force", Message("portfolio.reason.model_not_in_force", model=model.id)))
        if not any(ctx.get(goal, "goal") for goal in data.get("goals") or []):
            reasons.append(("no_goals", Message("portfolio.reason.no_goals")))
        if data.get("intake_channel") == INFORMAL:
            reasons.append(("informal", Message("portfolio.reason.informal")))
        prioritisation = data.get("prioritisation") or {}
        scores = prioritisation.get("scores") or {}
        total = None
        if model is not None:
            criteria = {criterion["id"]: criterion for criterion in model.data.get("criteria") or []}
            unscored = [criterion_id for criterion_id in criteria if criterion_id not in scores]
            off_scale = [
                criterion_id
                for criterion_id, score in scores.items()
                if criterion_id in criteria and not criteria[criterion_id]["scale"]["min"] <= score <= criteria[criterion_id]["scale"]["max"]
            ]
            if not scores:
                reasons.append(("no_scores", Message("portfolio.reason.no_scores", model=model.id)))
            elif unscored:
                reasons.append(("incomplete_scores", Message("portfolio.reason.incomplete_scores", criteria=unscored)))
            if off_scale:
                reasons.append(("off_scale", Message("portfolio.reason.off_scale", criteria=off_scale)))
            total = weighted_total(model, scores) if not off_scale else None
            failed = _failed(model, initiative)
            if failed:
                must_failed.append(MustFailed(initiative, model, failed, total))
                models.setdefault(model.id, model)
                continue
            met = prioritisation.get("must_requirements_met") or {}
            unrecorded = [r["id"] for r in model.data.get("must_requirements") or [] if r["id"] not in met]
            if unrecorded:
                reasons.append(("must_unrecorded", Message("portfolio.reason.must_unrecorded", requirements=unrecorded)))
        if reasons or total is None:
            if not reasons:  # scored on every criterion, yet no total: the model's weights or scales are broken
                reasons.append(("bad_model", Message("portfolio.reason.bad_model", model=model.id)))
            not_ranked.append(NotRanked(initiative, reasons))
            continue
        models.setdefault(model.id, model)
        entry = Ranked(initiative, model, total)
        candidates.setdefault(model.id, []).append(((-total, *_tie_key(model, initiative, scores)), entry))
    ranking: list[Ranked] = []
    for model_id in sorted(candidates):
        ordered = sorted(candidates[model_id], key=lambda pair: pair[0])
        for position, (key, entry) in enumerate(ordered, start=1):
            entry.rank = position
            if position > 1 and ordered[position - 2][0][0] == key[0]:
                _explain_tie(entry, ordered[position - 2], key)
            ranking.append(entry)
    return sorted(models.values(), key=lambda m: m.id or ""), ranking, must_failed, not_ranked, closed


def _explain_tie(entry: Ranked, above: tuple[tuple, Ranked], key: tuple) -> None:
    """Say what put `entry` below the initiative with the same total just above it."""
    above_key, above_entry = above
    entry.tie_with = above_entry.initiative
    by_weight = criteria_by_weight(entry.model)
    for index, (mine, theirs) in enumerate(zip(key[1], above_key[1], strict=True)):
        if mine != theirs:
            entry.tie_break, entry.tie_criterion = "criterion", by_weight[index]["id"]
            return
    entry.tie_break = "received" if key[2] != above_key[2] else "id"
