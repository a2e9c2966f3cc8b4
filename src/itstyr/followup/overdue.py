"""What is overdue on the as-of date, found by the lint rules that watch deadlines (run through the
lint engine, so the repository's rule settings and waivers apply): a waived item is listed apart with
its reason, never dropped."""

from __future__ import annotations

from typing import Any

from itstyr.followup.common import Scope
from itstyr.lint.registry import registry

SECTION = "overdue"
# In the order the report lists them: the audit response first, then follow-up, then the rest.
RULES = (
    "audit-recommendation-without-action",
    "action-overdue",
    "commission-overdue",
    "follow-up-overdue",
    "service-report-overdue",
    "benefit-measurement-overdue",
    "steering-review-overdue",
)


def build(scope: Scope, validation) -> dict[str, Any]:
    from itstyr.lint.engine import run_rules

    result = run_rules(validation, scope.as_of, only=frozenset(RULES))
    specs = registry()

    def row(finding) -> dict[str, Any]:
        return {
            "rule": finding.rule_id,
            "title": specs[finding.rule_id].title.render(scope.language),
            "entity": scope.name_of(finding.entity_id) if finding.entity_id else "",
            "message": finding.message.render(scope.language),
            "where": f"{finding.location.path}:{finding.location.line}",
        }

    def order(finding) -> tuple:
        return (RULES.index(finding.rule_id), finding.sort_key())

    items = [row(f) for f in sorted((f for f in result.findings if f.rule_id in RULES), key=order)]
    waived = [
        {**row(w.finding), "reason": w.reason, "until": w.until or ""}
        for w in sorted((w for w in result.waived if w.finding.rule_id in RULES), key=lambda w: order(w.finding))
    ]
    return {"entries": items, "waived": waived}
