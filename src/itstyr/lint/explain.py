"""A rule's documentation as text, for `itstyr rules explain`."""

from __future__ import annotations

import json
import textwrap

from itstyr.errors import UserError
from itstyr.lint.registry import registry
from itstyr.messages import Message, text
from itstyr.suggest import did_you_mean

WIDTH = 100


def explain_rule(rule_id: str, language: str) -> str:
    rules = registry()
    if rule_id not in rules:
        suggestion = did_you_mean(rule_id, list(rules))
        raise UserError(
            Message("usage.rule_unknown", rule=rule_id), Message("hint.did_you_mean", value=suggestion) if suggestion else None
        )
    spec = rules[rule_id]
    lines = [
        f"{spec.id}: {spec.title.render(language)}",
        "",
        f"{text('explain.severity', language)}: {text(f'severity.{spec.default_severity.value}', language)}",
        f"{text('explain.group', language)}: {spec.group}",
    ]
    if spec.audit:
        lines.append(f"{text('explain.source', language)}: {spec.audit}")
    lines += ["", textwrap.fill(spec.why.render(language), width=WIDTH)]
    if spec.options:
        lines += ["", text("explain.options", language) + ":"]
        for option in spec.options.values():
            default = json.dumps(option.default, ensure_ascii=False)
            described = f"{option.name} ({option.type}, {text('explain.default', language)} {default}): {option.description.render(language)}"
            lines.append(textwrap.fill(described, width=WIDTH, initial_indent="  ", subsequent_indent="    "))
    for name in ("pass", "fail"):
        example = spec.examples.get(name)
        if example:
            lines += ["", text(f"explain.example_{name}", language) + ":", ""]
            lines += ["    " + line for line in example.rstrip().splitlines()]
    return "\n".join(lines) + "\n"
