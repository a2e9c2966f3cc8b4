"""The rule registry: every rule's data file paired with its module, listed explicitly by group.

A rule id that appears twice, a module without data or data without a module is a programming error
caught at start-up (and by the tests), not something a user can trigger.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import import_module

from itstyr.findings import Severity
from itstyr.lint.rule import OptionSpec, RuleSpec
from itstyr.messages import Text

# Rule groups, each a package under itstyr.lint.rules whose __init__ lists its rule modules in RULES.
GROUPS = ["engine", "steering", "responsibility", "forums", "goals", "benefits", "cost_follow_up", "audit_response", "personal_data", "history"]
# Findings the engine makes itself (waivers); they have data files but no module.
ENGINE_RULES = ("waiver-expired", "waiver-invalid")


class RegistryError(Exception):
    pass


def _text(entry: dict) -> Text:
    return Text(entry["sv"], entry["en"])


def _rule_data() -> dict[str, dict]:
    from itstyr.resources import package_root, read_bundled_yaml

    data = {}
    for entry in sorted(package_root().joinpath("data", "rules").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            content = read_bundled_yaml(f"data/rules/{entry.name}")
            if content["id"] in data or entry.name != f"{content['id']}.yaml":
                raise RegistryError(f"rule data {entry.name}: duplicate id or file name not <id>.yaml")
            data[content["id"]] = content
    return data


def _modules() -> dict[str, object]:
    modules: dict[str, object] = {}
    for group in GROUPS:
        package = import_module(f"itstyr.lint.rules.{group}")
        for module in package.RULES:
            rule_id = module.ID
            if rule_id in modules:
                raise RegistryError(f"rule id {rule_id} is registered twice")
            modules[rule_id] = module
    return modules


@lru_cache(maxsize=1)
def registry() -> dict[str, RuleSpec]:
    data = _rule_data()
    modules = _modules()
    missing_data = sorted(set(modules) - set(data))
    missing_code = sorted(set(data) - set(modules) - set(ENGINE_RULES))
    if missing_data or missing_code:
        raise RegistryError(f"rules without data: {missing_data}; rules without a module: {missing_code}")
    rules = {}
    for rule_id, entry in sorted(data.items()):
        module = modules.get(rule_id)
        rules[rule_id] = RuleSpec(
            id=rule_id,
            group=entry["group"],
            default_severity=Severity(entry["severity"]),
            title=_text(entry["title"]),
            why=_text(entry["why"]),
            audit=entry.get("audit", ""),
            options={
                name: OptionSpec(name, spec["type"], spec["default"], _text(spec["description"]))
                for name, spec in entry.get("options", {}).items()
            },
            examples=entry.get("examples", {}),
            check=getattr(module, "check", None) if module else None,
        )
    return rules


def rule_messages() -> dict[str, dict[str, str]]:
    """The rules' messages for the catalogue, as `rule.<id>.<name>`."""
    messages = {}
    for rule_id, entry in _rule_data().items():
        for name, text in entry.get("messages", {}).items():
            messages[f"rule.{rule_id}.{name}"] = text
    return messages
