"""The library's front door: what the CLI calls, and what other programs may import.

Functions here return results and raise `UserError`; they never print and never exit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from itstyr.errors import UserError
from itstyr.findings import Finding, Severity
from itstyr.messages import LANGUAGES, Message
from itstyr.model import Workspace
from itstyr.report.model import Report
from itstyr.settings import Settings, load_settings


@dataclass(slots=True)
class ValidationResult:
    root: Path
    settings: Settings
    workspace: Workspace
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    invalid: set[int] = field(default_factory=set)  # id() of documents that break their schema

    @property
    def errors(self) -> int:
        return sum(1 for finding in self.findings if finding.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for finding in self.findings if finding.severity is Severity.WARNING)

    @property
    def config_broken(self) -> bool:
        return any(finding.rule_id == "config" for finding in self.findings)

    def report(self) -> Report:
        from itstyr.ruleinfo import validate_rules

        return Report("validate", self.root, self.files, len(self.workspace), self.findings, dict(validate_rules()))


def open_repository(path: str | Path) -> tuple[Path, Settings, list[Finding]]:
    root = Path(path)
    if not root.exists():
        raise UserError(Message("usage.path_missing", path=str(path)), Message("usage.path_missing.hint"))
    if not root.is_dir():
        raise UserError(Message("usage.path_not_folder", path=str(path)), Message("usage.path_not_folder.hint"))
    settings, findings = load_settings(root)
    return root, settings, findings


def resolve_language(requested: str | None, settings: Settings) -> str:
    language = requested or settings.language
    if language not in LANGUAGES:
        raise UserError(Message("usage.language", language=language, languages=list(LANGUAGES)))
    return language


def validate(path: str | Path) -> ValidationResult:
    """Everything `itstyr validate` checks: YAML, schemas, unique ids, references, settings."""
    from itstyr.checks.identity import check_unique_ids
    from itstyr.checks.references import check_references
    from itstyr.checks.schema import check_documents
    from itstyr.gcpause import paused_gc
    from itstyr.model.loading import load_workspace
    from itstyr.schemaset import schema_set

    root, settings, findings = open_repository(path)
    if findings:  # broken settings: the include/exclude globs and limits cannot be trusted
        return ValidationResult(root, settings, Workspace(), sorted(findings, key=Finding.sort_key))
    with paused_gc():
        loaded = load_workspace(root, settings)
        schemas = schema_set()
        findings = list(loaded.findings)
        invalid: set[int] = set()
        findings.extend(check_documents(loaded.workspace, schemas, invalid))
        findings.extend(check_unique_ids(loaded.workspace))
        findings.extend(check_references(loaded.workspace, schemas))
        findings.sort(key=Finding.sort_key)
    return ValidationResult(root, settings, loaded.workspace, findings, loaded.files, invalid)


def lint(path: str | Path, as_of: str | None = None):
    """Everything `validate` checks, then the lint rules, as of a date (else the setting, else today).
    Returns an `itstyr.lint.engine.LintResult`."""
    from itstyr.dates import parse_as_of
    from itstyr.gcpause import paused_gc
    from itstyr.lint.engine import LintResult, run_rules

    validation = validate(path)
    try:
        evaluation_date = parse_as_of(as_of or validation.settings.as_of)
    except ValueError:
        raise UserError(Message("usage.as_of", value=str(as_of)), Message("usage.as_of.hint")) from None
    if validation.config_broken:
        return LintResult(validation, evaluation_date, list(validation.findings))
    with paused_gc():
        return run_rules(validation, evaluation_date)


def score(path: str | Path, as_of: str | None = None, framework: str | None = None):
    """The repository scored against a framework (default: the setting, else the bundled 2023 audit),
    as of a date. Returns an `itstyr.scoring.engine.ScoreResult`."""
    from itstyr.dates import parse_as_of
    from itstyr.gcpause import paused_gc
    from itstyr.scoring.engine import score as run_score
    from itstyr.scoring.framework import load_framework

    validation = validate(path)
    if validation.config_broken:
        raise UserError(Message("usage.settings_broken"), Message("usage.settings_broken.hint"))
    try:
        evaluation_date = parse_as_of(as_of or validation.settings.as_of)
    except ValueError:
        raise UserError(Message("usage.as_of", value=str(as_of)), Message("usage.as_of.hint")) from None
    chosen = load_framework(framework or validation.settings.framework, validation.root, validation.settings.frameworks)
    with paused_gc():
        return run_score(validation, chosen, evaluation_date)


@dataclass(frozen=True, slots=True)
class SchemaInfo:
    kind: str
    title: str
    title_en: str
    file_name: str


def schema_catalogue() -> list[SchemaInfo]:
    from itstyr.schemaset import schema_set

    schemas = schema_set()
    return [
        SchemaInfo(kind, schemas.schema(kind).get("title", kind), schemas.schema(kind).get("x-title-en", kind), schemas.kind_files[kind])
        for kind in schemas.kinds
    ]


def schema_text(kind: str) -> str:
    from itstyr.resources import read_bundled_text
    from itstyr.schemaset import schema_set
    from itstyr.suggest import did_you_mean

    schemas = schema_set()
    if kind not in schemas.kind_files:
        suggestion = did_you_mean(kind, schemas.kinds)
        hint = Message("hint.did_you_mean", value=suggestion) if suggestion else Message("kind.unknown.hint", kinds=schemas.kinds)
        raise UserError(Message("usage.schema_kind", kind=kind), hint)
    return read_bundled_text("schemas/" + schemas.kind_files[kind])


def export_schemas(directory: str | Path) -> list[Path]:
    """Copy every bundled schema into `directory`, which must be new, empty or an earlier export."""
    import os
    import tempfile

    from itstyr.resources import read_bundled_text, schema_file_names

    target = Path(directory)
    names = schema_file_names()
    if target.exists():
        foreign = [entry for entry in target.iterdir() if entry.name not in names]
        if not target.is_dir() or foreign:
            raise UserError(Message("usage.export_not_empty", path=str(target)), Message("usage.export_not_empty.hint"))
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name in names:
        handle, temporary = tempfile.mkstemp(dir=target, prefix=".itstyr-", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(read_bundled_text("schemas/" + name))
        os.replace(temporary, target / name)
        written.append(target / name)
    return written
