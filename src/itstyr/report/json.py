"""Machine-readable findings. The shape is an interface others parse: change it only by raising
FORMAT_VERSION (documented in the README)."""

from __future__ import annotations

import json
from typing import Any, TextIO

from itstyr import __version__
from itstyr.api import ValidationResult
from itstyr.findings import Finding

FORMAT_VERSION = 1


def finding_to_dict(finding: Finding, language: str) -> dict[str, Any]:
    location = finding.location
    return {
        "rule": finding.rule_id,
        "severity": finding.severity.value,
        "path": location.path,
        "line": location.line,
        "column": location.column,
        "json_path": location.json_path,
        "kind": finding.kind,
        "id": finding.entity_id,
        "message": finding.message.render(language),
        "hint": finding.hint.render(language) if finding.hint else None,
    }


def result_to_dict(result: ValidationResult, language: str) -> dict[str, Any]:
    return {
        "tool": "itstyr",
        "version": __version__,
        "format_version": FORMAT_VERSION,
        "language": language,
        "summary": {
            "files": len(result.files),
            "documents": len(result.workspace),
            "errors": result.errors,
            "warnings": result.warnings,
        },
        "findings": [finding_to_dict(finding, language) for finding in result.findings],
    }


def report(result: ValidationResult, language: str, stream: TextIO) -> None:
    json.dump(result_to_dict(result, language), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
