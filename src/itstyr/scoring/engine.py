"""Weigh the criteria's results into a score per recommendation (0–100), a verdict per audit question
and an overall verdict. Not-applicable criteria leave the denominator; missing evidence counts as a
fail ("saknat underlag")."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from itstyr.lint.context import LintContext
from itstyr.scoring.framework import Framework
from itstyr.scoring.registry import checks
from itstyr.scoring.result import CheckResult, Status

NO_EVIDENCE = "saknat_underlag"
# Evidence shown per criterion: enough to verify a result, few enough that a report of a large
# repository stays readable and locating each item in its file stays cheap. The total is kept.
EVIDENCE_SHOWN = 10
NOT_ASSESSED = "ej_bedomd"


@dataclass(slots=True)
class CriterionResult:
    criterion: dict
    result: CheckResult
    evidence_total: int = 0


    @property
    def id(self) -> str:
        return self.criterion["id"]

    @property
    def weight(self) -> float:
        return float(self.criterion["weight"])

    @property
    def label(self) -> str:
        """pass, partial, fail, not_applicable, or saknat_underlag when nothing was found at all."""
        if self.result.no_evidence:
            return NO_EVIDENCE
        return self.result.status.value


@dataclass(slots=True)
class RecommendationScore:
    recommendation: dict
    criteria: list[CriterionResult]
    score: float | None  # None when no criterion applied
    label: str  # uppfylld, delvis, ej_uppfylld, or ej_bedomd

    @property
    def id(self) -> str:
        return self.recommendation["id"]


@dataclass(slots=True)
class QuestionVerdict:
    question: dict
    criteria: list[CriterionResult]
    score: float | None
    verdict: str  # ja, delvis, nej, or ej_bedomd

    @property
    def id(self) -> str:
        return self.question["id"]


@dataclass(slots=True)
class ScoreResult:
    framework: Framework
    as_of: date
    validation: object  # itstyr.api.ValidationResult
    recommendations: list[RecommendationScore] = field(default_factory=list)
    questions: list[QuestionVerdict] = field(default_factory=list)
    criteria: list[CriterionResult] = field(default_factory=list)
    score: float | None = None
    label: str = NOT_ASSESSED


def weighted(results: list[CriterionResult]) -> float | None:
    applicable = [r for r in results if r.result.status is not Status.NOT_APPLICABLE]
    total = sum(r.weight for r in applicable)
    if total == 0:
        return None
    return round(100 * sum(r.weight * (r.result.ratio or 0.0) for r in applicable) / total, 1)


def band(framework: Framework, score: float | None, key: str) -> str:
    if score is None:
        return NOT_ASSESSED
    for entry in framework.bands:
        if score >= entry["min"]:
            return entry[key]
    return framework.bands[-1][key]


def score(validation, framework: Framework, as_of: date) -> ScoreResult:
    from itstyr.lint.config import effective_thresholds

    settings = validation.settings
    context = LintContext(
        validation.workspace,
        as_of,
        effective_thresholds(settings.extends, settings.thresholds),
        validation.invalid,
        validation.root,
    )
    registered = checks()
    by_id: dict[str, CriterionResult] = {}
    for criterion in framework.criteria:
        check = registered[criterion["check"]["name"]]
        outcome = check(context, criterion["check"].get("params", {}))
        shown = replace(outcome, evidence=tuple(outcome.evidence[:EVIDENCE_SHOWN]))
        by_id[criterion["id"]] = CriterionResult(criterion, shown, len(outcome.evidence))
    result = ScoreResult(framework, as_of, validation, criteria=list(by_id.values()))
    for recommendation in framework.recommendations:
        own = [c for c in by_id.values() if c.criterion.get("recommendation") == recommendation["id"]]
        value = weighted(own)
        result.recommendations.append(RecommendationScore(recommendation, own, value, band(framework, value, "label")))
    for question in framework.questions:
        own = [by_id[criterion_id] for criterion_id in question["criteria"]]
        value = weighted(own)
        result.questions.append(QuestionVerdict(question, own, value, band(framework, value, "verdict")))
    scored = [(r.recommendation["weight"], r.score) for r in result.recommendations if r.score is not None]
    if scored:
        result.score = round(sum(w * s for w, s in scored) / sum(w for w, _ in scored), 1)
    result.label = band(framework, result.score, "label")
    return result
