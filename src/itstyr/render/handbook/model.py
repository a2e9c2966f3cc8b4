"""Everything the handbook shows, gathered once: the repository validated, then scored and checked
for what is overdue on that one validation as of one date, the schema-valid entities indexed,
where each entity lives in the handbook, and its history in Git (see `history.py`). Page builders
read this; nothing here writes or prints."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from itstyr.errors import UserError
from itstyr.lint.context import LintContext
from itstyr.messages import Message
from itstyr.model import Document
from itstyr.render.handbook import links
from itstyr.render.handbook.history import HandbookHistory
from itstyr.render.handbook.history import gather as gather_history

# The lint rules that say something is late: the start page lists their findings as "overdue", and
# the register of steering documents highlights the documents `steering-review-overdue` names.
OVERDUE_RULES = (
    "steering-review-overdue",
    "follow-up-overdue",
    "action-overdue",
    "commission-overdue",
    "service-report-overdue",
    "benefit-measurement-overdue",
    "forum-record-missing",
)


@dataclass
class Overdue:
    rule: str
    entity_id: str | None
    kind: str | None
    message: str


@dataclass
class Handbook:
    """The repository as the page builders see it. `context` holds only schema-valid documents."""

    root: Path
    language: str
    as_of: date
    validation: Any  # itstyr.api.ValidationResult
    context: LintContext
    score: Any  # itstyr.scoring.engine.ScoreResult
    linker: links.Linker
    kind_titles: dict[str, str]
    overdue: list[Overdue] = field(default_factory=list)
    overdue_by_id: dict[str, list[Overdue]] = field(default_factory=dict)
    history: HandbookHistory = field(default_factory=HandbookHistory)  # from Git; unavailable without it

    def of_kind(self, kind: str) -> list[Document]:
        """The schema-valid entities of a kind, in alphabetical order of their shown names."""
        return links.by_name(self.context.of_kind(kind), self.language)

    def name(self, document: Document) -> str:
        """The entity's name as the reader sees it (in English where the data has one)."""
        return links.display_name(document, self.language)

    def get(self, entity_id: object, kind: str | None = None) -> Document | None:
        return self.context.get(entity_id, kind)

    @property
    def organisation(self) -> Document | None:
        organisations = self.of_kind("organisation")
        return organisations[0] if organisations else None

    @property
    def omitted(self) -> int:
        """Documents left out of the handbook because they break their schema or have no kind."""
        return len(self.validation.workspace) - len(self.context.documents)

    def is_overdue(self, entity_id: object, rule: str) -> bool:
        return any(item.rule == rule for item in self.overdue_by_id.get(entity_id, ()))  # type: ignore[arg-type]


def prepare(path: str | Path, language: str | None = None, as_of: str | None = None) -> Handbook:
    """Validate and score the repository once, as of one date, find what is overdue, and index what
    the pages need. Documents that break their schema are left out (`Handbook.omitted` counts them)."""
    from itstyr.api import resolve_language, schema_catalogue, validate
    from itstyr.dates import parse_as_of
    from itstyr.gcpause import paused_gc
    from itstyr.lint.config import effective_thresholds
    from itstyr.scoring.engine import score as run_score
    from itstyr.scoring.framework import load_framework

    validation = validate(path)
    if validation.config_broken:
        raise UserError(Message("usage.settings_broken"), Message("usage.settings_broken.hint"))
    settings = validation.settings
    chosen_language = resolve_language(language, settings)
    try:
        evaluation_date = parse_as_of(as_of or settings.as_of)
    except ValueError:
        raise UserError(Message("usage.as_of", value=str(as_of)), Message("usage.as_of.hint")) from None
    framework = load_framework(settings.framework, validation.root, settings.frameworks)
    with paused_gc():
        scored = run_score(validation, framework, evaluation_date)
        context = LintContext(
            validation.workspace, evaluation_date, effective_thresholds(settings.extends, settings.thresholds), validation.invalid
        )
        overdue = _overdue_findings(validation, context)
    titles = {info.kind: (info.title if chosen_language == "sv" else info.title_en) for info in schema_catalogue()}
    linker = _linker(context, chosen_language)
    handbook = Handbook(validation.root, chosen_language, evaluation_date, validation, context, scored, linker, titles)
    _collect_overdue(handbook, overdue)
    handbook.history = gather_history(handbook)
    return handbook


def _linker(context: LintContext, language: str) -> links.Linker:
    linker = links.Linker()
    for document in context.documents:
        kind, entity_id = document.kind, document.id
        if entity_id is None:
            continue
        name = links.display_name(document, language)
        if kind in links.OWN_PAGE:
            linker.add(entity_id, links.entity_page(kind, entity_id), None, name, kind)
        elif kind in links.ON_PAGE:
            linker.add(entity_id, links.ON_PAGE[kind], entity_id, name, kind)
    return linker


def _overdue_findings(validation, context: LintContext) -> list:
    """The findings of the overdue rules only, as `itstyr lint` reports them: with the repository's
    severities (a rule turned off finds nothing) and its waivers (a waived finding is not overdue).
    Running just these rules keeps the handbook fast on large repositories."""
    from itstyr.lint.engine import run_rules

    return run_rules(validation, context.as_of, only=frozenset(OVERDUE_RULES), context=context).findings


def _collect_overdue(handbook: Handbook, findings: list) -> None:
    by_id: dict[str, list[Overdue]] = defaultdict(list)
    for finding in findings:
        if finding.rule_id in OVERDUE_RULES:
            item = Overdue(finding.rule_id, finding.entity_id, finding.kind, finding.message.render(handbook.language))
            handbook.overdue.append(item)
            if finding.entity_id:
                by_id[finding.entity_id].append(item)
    handbook.overdue_by_id = dict(by_id)
