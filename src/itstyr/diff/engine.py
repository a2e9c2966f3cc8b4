"""`itstyr diff BASE [HEAD]`: what a change does to governance.

Both sides are read straight from Git objects (HEAD left out: the working tree as it is), each with
its own settings, validated, linted and scored as of one date, so that what moves is the content and
not the calendar. The result holds the entities added, removed and changed (field by field), the
findings the change introduces and fixes, and each recommendation's score before and after.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from itstyr.diff.entities import EntityChange, compare
from itstyr.errors import UserError
from itstyr.findings import Finding
from itstyr.git.snapshot import Snapshot


@dataclass(slots=True)
class ScoreChange:
    id: str
    text: dict  # {sv, en}
    before: float | None
    after: float | None
    label_before: str | None
    label_after: str | None

    @property
    def delta(self) -> float | None:
        return None if self.before is None or self.after is None else round(self.after - self.before, 1)


@dataclass(slots=True)
class CriterionChange:
    id: str
    recommendation: str | None
    title: dict  # {sv, en}
    before: str | None  # pass, partial, fail, saknat_underlag, not_applicable; None: not scored on that side
    after: str | None
    ratio_before: float | None
    ratio_after: float | None


@dataclass(slots=True)
class DiffResult:
    base: Snapshot
    head: Snapshot
    as_of: date
    entities: list[EntityChange] = field(default_factory=list)
    introduced: list[Finding] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)
    framework: object | None = None  # the head side's Framework
    overall: ScoreChange | None = None
    recommendations: list[ScoreChange] = field(default_factory=list)
    criteria: list[CriterionChange] = field(default_factory=list)
    notes: list = field(default_factory=list)  # Messages: a side that could not be scored, and why

    def of_status(self, status: str) -> list[EntityChange]:
        return [change for change in self.entities if change.status == status]


def diff(path: str | Path, base: str, head: str | None = None, as_of: str | None = None, framework: str | None = None) -> DiffResult:
    """Compare the governance repository in `path` at `base` with `head` (default: the working tree)."""
    from itstyr.api import open_repository as open_folder
    from itstyr.dates import parse_as_of
    from itstyr.git.adapter import open_repository
    from itstyr.git.snapshot import load_snapshot
    from itstyr.messages import Message

    open_folder(path)  # a missing folder is reported as everywhere else
    repository = open_repository(path)
    before = load_snapshot(repository, base)
    after = load_snapshot(repository, head, reuse=before)
    try:
        evaluation_date = parse_as_of(as_of or after.settings.as_of or before.settings.as_of)
    except ValueError:
        raise UserError(Message("usage.as_of", value=str(as_of)), Message("usage.as_of.hint")) from None
    result = DiffResult(before, after, evaluation_date, compare(before.validation.workspace, after.validation.workspace))
    base_findings = _lint(before, evaluation_date)
    head_findings = _lint(after, evaluation_date)
    result.introduced, result.fixed = _compare_findings(base_findings, head_findings)
    chosen = framework or after.settings.framework
    head_score = _score(after, chosen, evaluation_date, result.notes, required=True)
    base_score = _score(before, chosen, evaluation_date, result.notes, required=False)
    _compare_scores(result, base_score, head_score)
    return result


def _lint(snapshot: Snapshot, as_of: date) -> list[Finding]:
    from itstyr.gcpause import paused_gc
    from itstyr.lint.engine import run_rules

    validation = snapshot.validation
    if validation.config_broken:
        return list(validation.findings)
    with paused_gc():
        return run_rules(validation, as_of).findings


def _score(snapshot: Snapshot, framework: str | None, as_of: date, notes: list, required: bool):
    from itstyr.gcpause import paused_gc
    from itstyr.messages import Message
    from itstyr.scoring.engine import score
    from itstyr.scoring.framework import load_framework

    side = Message("diff.side.head") if required else Message("diff.side.base")
    validation = snapshot.validation
    if validation.config_broken:
        notes.append(Message("diff.not_scored_settings", side=side))
        return None
    try:
        chosen = load_framework(framework, snapshot.root, snapshot.settings.frameworks)
    except UserError as error:
        if required:
            raise
        notes.append(Message("diff.not_scored", side=side, reason=error.message))
        return None
    with paused_gc():
        return score(validation, chosen, as_of)


def finding_key(finding: Finding, exact: bool = True) -> tuple:
    """What makes two findings the same one on both sides: the rule, the entity (or, for a finding
    outside any entity, the file), the place in it and the message, not the line, which moves. Without
    `exact`, the message's values are left out, so that renaming an entity that a message names does
    not make its findings look fixed and new again."""
    where = (finding.kind, finding.entity_id) if finding.entity_id is not None else (finding.location.path,)
    key = (finding.rule_id, where, finding.location.json_path, finding.message.key)
    if not exact:
        return key
    return (*key, tuple(sorted((name, repr(value)) for name, value in finding.message.params.items())))


def _compare_findings(before: list[Finding], after: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """Findings only after (introduced) and only before (fixed): matched exactly first, then, among
    the rest, by everything but the message's values."""
    introduced, fixed = list(after), list(before)
    for exact in (True, False):
        remaining = Counter(finding_key(finding, exact) for finding in fixed)
        kept = []
        for finding in introduced:
            key = finding_key(finding, exact)
            if remaining[key] > 0:
                remaining[key] -= 1
            else:
                kept.append(finding)
        matched = Counter(finding_key(finding, exact) for finding in introduced) - Counter(finding_key(finding, exact) for finding in kept)
        still_fixed = []
        for finding in fixed:
            key = finding_key(finding, exact)
            if matched[key] > 0:
                matched[key] -= 1
            else:
                still_fixed.append(finding)
        introduced, fixed = kept, still_fixed
    return introduced, fixed


def _compare_scores(result: DiffResult, before, after) -> None:
    if after is None and before is None:
        return
    reference = after or before
    result.framework = reference.framework
    old = {r.id: r for r in before.recommendations} if before else {}
    new = {r.id: r for r in after.recommendations} if after else {}
    order = [r.id for r in reference.recommendations] + [key for key in old if key not in new]
    for recommendation_id in order:
        previous, current = old.get(recommendation_id), new.get(recommendation_id)
        entry = (current or previous).recommendation
        result.recommendations.append(
            ScoreChange(
                recommendation_id,
                entry["text"],
                previous.score if previous else None,
                current.score if current else None,
                previous.label if previous else None,
                current.label if current else None,
            )
        )
    result.overall = ScoreChange(
        "overall",
        {},
        before.score if before else None,
        after.score if after else None,
        before.label if before else None,
        after.label if after else None,
    )
    old_criteria = {c.id: c for c in before.criteria} if before else {}
    new_criteria = {c.id: c for c in after.criteria} if after else {}
    for criterion_id in [c.id for c in reference.criteria] + [key for key in old_criteria if key not in new_criteria]:
        previous, current = old_criteria.get(criterion_id), new_criteria.get(criterion_id)
        if previous is not None and current is not None and (previous.label, previous.result.ratio) == (current.label, current.result.ratio):
            continue
        entry = (current or previous).criterion
        result.criteria.append(
            CriterionChange(
                criterion_id,
                entry.get("recommendation"),
                entry.get("title", {}),
                previous.label if previous else None,
                current.label if current else None,
                previous.result.ratio if previous else None,
                current.result.ratio if current else None,
            )
        )
