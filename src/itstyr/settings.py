"""A repository's settings (`itstyr.yaml`), read and checked before anything else."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from itstyr.findings import Finding, Location, Severity
from itstyr.messages import DEFAULT_LANGUAGE, Message
from itstyr.model import Document
from itstyr.yamlsafe import Limits

SETTINGS_FILE = "itstyr.yaml"
DEFAULT_INCLUDE = ["**/*.yaml", "**/*.yml"]
# CI and tool configuration that sits at a repository's root but is not governance data; hidden files
# and folders (.github, .gitlab-ci.yml, .pre-commit-config.yaml) are skipped anyway.
ALWAYS_EXCLUDE = ["**/azure-pipelines.yml", "**/azure-pipelines.yaml", "**/bitbucket-pipelines.yml", "**/mkdocs.yml", "**/mkdocs.yaml"]


@dataclass(slots=True)
class Settings:
    language: str = DEFAULT_LANGUAGE
    as_of: str | None = None
    include: list[str] = field(default_factory=lambda: list(DEFAULT_INCLUDE))
    exclude: list[str] = field(default_factory=lambda: list(ALWAYS_EXCLUDE))
    limits: Limits = field(default_factory=Limits)
    extends: str = "default"
    rules: dict = field(default_factory=dict)
    thresholds: dict = field(default_factory=dict)
    waivers: list = field(default_factory=list)
    framework: str | None = None  # the framework `itstyr score` uses by default
    frameworks: list = field(default_factory=list)  # the repository's own framework files
    document: Document | None = None  # the settings file, for pointing at waivers


def load_settings(root: Path) -> tuple[Settings, list[Finding]]:
    """Settings from `root/itstyr.yaml` (defaults if absent), and `config` findings for what is wrong."""
    from itstyr.checks.schema import translate_errors
    from itstyr.lint.config import rule_settings_errors
    from itstyr.schemaset import CONFIG_FILE, schema_set
    from itstyr.yamlsafe import parse_bytes

    path = root / SETTINGS_FILE
    settings = Settings()
    if not path.is_file():
        return settings, []
    try:
        raw = path.read_bytes()
    except OSError as error:
        return settings, [_config(Message("config.unreadable", error=error.strerror or str(error)), Location(SETTINGS_FILE))]
    parsed = parse_bytes(raw)
    findings = [
        Finding("config", Severity.ERROR, problem.message, Location(SETTINGS_FILE, problem.line, problem.column), hint=problem.hint)
        for problem in parsed.problems
    ]
    if findings:
        return settings, findings
    if not parsed.documents or parsed.documents[0].data is None:
        return settings, []
    if len(parsed.documents) > 1:
        where = Location(SETTINGS_FILE, parsed.documents[1].line)
        return settings, [_config(Message("config.several_documents"), where)]
    parsed_document = parsed.documents[0]
    document = Document(SETTINGS_FILE, parsed_document)
    schemas = schema_set()
    if not isinstance(document.data, dict) or not schemas.fast_validator(CONFIG_FILE).is_valid(document.data):
        errors = schemas.detailed_validator(CONFIG_FILE).iter_errors(document.data)
        return settings, [_as_config(finding) for finding in translate_errors(document, errors)]
    data = document.data
    # only a repository that configures rules pays for loading their declarations
    rule_errors = list(rule_settings_errors(data["rules"])) if data.get("rules") else []
    if rule_errors:
        return settings, [_as_config(finding) for finding in translate_errors(document, _under("rules", rule_errors))]
    settings.document = document
    settings.extends = data.get("extends", settings.extends)
    settings.rules = data.get("rules", {})
    settings.thresholds = data.get("thresholds", {})
    settings.waivers = data.get("waivers", [])
    settings.framework = data.get("framework")
    settings.frameworks = list(data.get("frameworks", []))
    # a repository's framework files are not governance documents
    settings.exclude = ALWAYS_EXCLUDE + list(data.get("exclude", [])) + settings.frameworks
    settings.language = data.get("language", settings.language)
    settings.as_of = data.get("as_of")
    settings.include = list(data.get("include", settings.include))
    settings.limits = Limits(**data.get("limits", {}))
    return settings, []


def _under(key: str, errors):
    """Errors found in one section, with paths made relative to the whole file."""
    for error in errors:
        error.path.appendleft(key)
        yield error


def _config(message: Message, location: Location, hint: Message | None = None) -> Finding:
    return Finding("config", Severity.ERROR, message, location, hint=hint)


def _as_config(finding: Finding) -> Finding:
    return Finding("config", Severity.ERROR, finding.message, finding.location, hint=finding.hint)
