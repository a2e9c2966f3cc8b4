"""Descriptions of the rules behind findings, read from data: the validate rules here, the lint rules
from their own files (see itstyr.lint.registry)."""

from __future__ import annotations

from functools import lru_cache

from itstyr.findings import Severity
from itstyr.messages import Text
from itstyr.report.model import RuleInfo


@lru_cache(maxsize=1)
def validate_rules() -> dict[str, RuleInfo]:
    from itstyr.resources import read_bundled_yaml

    data = read_bundled_yaml("data/validate_rules.yaml")
    return {
        rule_id: RuleInfo(
            rule_id,
            Severity(entry["severity"]),
            Text(entry["title"]["sv"], entry["title"]["en"]),
            Text(entry["help"]["sv"], entry["help"]["en"]),
            "validate",
        )
        for rule_id, entry in data.items()
    }
