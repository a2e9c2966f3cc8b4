"""Rule settings: the preset (`extends`), then the repository's `rules:` and `thresholds:`, checked
against the rules' own option declarations so that an unknown rule, an unknown option or a wrong
type is a `config` error naming the rule and the key."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from itstyr.findings import Severity
from itstyr.lint.registry import registry

SEVERITY_CHOICES = ["error", "warning", "info", "off"]


@dataclass(frozen=True, slots=True)
class RuleSetting:
    severity: Severity | None  # None: off
    options: dict[str, Any]


@cache
def preset(name: str) -> dict[str, Any]:
    from itstyr.resources import read_bundled_yaml

    return read_bundled_yaml(f"data/presets/{name}.yaml")


@lru_cache(maxsize=1)
def rules_schema() -> dict[str, Any]:
    """A JSON Schema for the `rules:` section, made from the rules' declarations."""
    properties = {}
    for rule_id, spec in registry().items():
        rule_properties: dict[str, Any] = {
            "severity": {
                "title": "Allvarlighetsgrad",
                "description": "error, warning, info eller off (regeln körs inte).",
                "enum": SEVERITY_CHOICES,
            }
        }
        for name, option in spec.options.items():
            rule_properties[name] = {"type": option.type, "title": name, "description": option.description.sv}
        properties[rule_id] = {
            "title": spec.title.sv,
            "description": spec.why.sv,
            "type": "object",
            "additionalProperties": False,
            "properties": rule_properties,
        }
    return {"type": "object", "additionalProperties": False, "properties": properties}


def rule_settings_errors(rules_section: Any):
    """python-jsonschema errors for a `rules:` section (paths relative to the section)."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(rules_schema()).iter_errors(rules_section)


def effective_rules(extends: str, user_rules: dict[str, Any]) -> dict[str, RuleSetting]:
    """Every rule's severity and options: rule defaults, then the preset, then the repository."""
    chosen = preset(extends)
    promote = bool(chosen.get("promote_warnings"))
    result = {}
    for rule_id, spec in registry().items():
        severity = spec.default_severity
        if promote and severity is Severity.WARNING:
            severity = Severity.ERROR
        options = {name: option.default for name, option in spec.options.items()}
        for layer in (chosen.get("rules", {}).get(rule_id, {}), user_rules.get(rule_id, {})):
            layer = dict(layer)
            if "severity" in layer:
                level = layer.pop("severity")
                severity = None if level == "off" else Severity(level)
            options.update(layer)
        result[rule_id] = RuleSetting(severity, options)
    return result


def effective_thresholds(extends: str, user_thresholds: dict[str, Any]) -> dict[str, Any]:
    return {**preset(extends).get("thresholds", {}), **user_thresholds}
