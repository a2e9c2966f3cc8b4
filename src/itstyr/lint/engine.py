"""Run the lint rules over a validated workspace and turn their violations into findings: the engine,
not the rule, decides each finding's severity, message text and whether a waiver covers it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from itstyr.findings import Finding
from itstyr.lint import waivers as waiver_rules
from itstyr.lint.config import effective_rules, effective_thresholds
from itstyr.lint.context import LintContext
from itstyr.lint.registry import registry
from itstyr.lint.rule import Violation
from itstyr.messages import Message, catalogue
from itstyr.report.model import Report, RuleInfo, Waived


@dataclass(slots=True)
class LintResult:
    validation: object  # itstyr.api.ValidationResult
    as_of: date
    findings: list[Finding] = field(default_factory=list)
    waived: list[Waived] = field(default_factory=list)

    def report(self) -> Report:
        from itstyr.ruleinfo import validate_rules

        validation = self.validation
        rules: dict[str, RuleInfo] = dict(validate_rules())
        for rule_id, spec in registry().items():
            rules[rule_id] = RuleInfo(rule_id, spec.default_severity, spec.title, spec.why, "lint")
        return Report(
            "lint",
            validation.root,
            validation.files,
            len(validation.workspace),
            self.findings,
            rules,
            self.waived,
            self.as_of.isoformat(),
        )


def _to_finding(rule_id: str, severity, violation: Violation) -> Finding:
    key = f"rule.{rule_id}.{violation.message}"
    hint_key = key + ".hint"
    hint = Message(hint_key, **violation.params) if hint_key in catalogue() else None
    document = violation.document
    return Finding(
        rule_id,
        severity,
        Message(key, **violation.params),
        document.location(violation.path, key=violation.key),
        hint=hint,
        kind=document.kind,
        entity_id=document.id,
    )


def run_rules(
    validation, as_of: date, only: frozenset[str] | None = None, context: LintContext | None = None
) -> LintResult:
    """Every rule (or, with `only`, just those rules and none of validate's findings) as the
    repository configures them, with its waivers applied. Reports that need a few rules (what is
    overdue) ask for those, rather than running them all or calling rules directly."""
    settings = validation.settings
    rule_settings = effective_rules(settings.extends, settings.rules)
    if context is None:
        context = LintContext(
            validation.workspace,
            as_of,
            effective_thresholds(settings.extends, settings.thresholds),
            validation.invalid,
            validation.root,
        )
    findings = list(validation.findings) if only is None else []
    for rule_id, spec in registry().items():
        setting = rule_settings[rule_id]
        if spec.check is None or setting.severity is None or (only is not None and rule_id not in only):
            continue
        for violation in spec.check(context, setting.options):
            findings.append(_to_finding(rule_id, setting.severity, violation))
    known = set(registry())
    from itstyr.ruleinfo import validate_rules

    known |= set(validate_rules())
    collected = waiver_rules.collect(validation.workspace, settings.document, settings.waivers)
    severity = {rule_id: setting.severity for rule_id, setting in rule_settings.items()}
    active, waived, about_waivers = waiver_rules.apply(findings, collected, as_of, known, severity)
    if only is None:
        active.extend(about_waivers)
    active.sort(key=Finding.sort_key)
    waived.sort(key=lambda item: item.finding.sort_key())
    return LintResult(validation, as_of, active, waived)
