"""Machine-readable findings. The shape is an interface others parse: change it only by raising
FORMAT_VERSION (documented in the README)."""

from __future__ import annotations

import json
from typing import Any, TextIO

from itstyr import __version__
from itstyr.findings import Finding
from itstyr.report.model import Report, Waived

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
        "hint": finding.hint.render(language) or None if finding.hint else None,
    }


def waived_to_dict(waived: Waived, language: str) -> dict[str, Any]:
    return {
        **finding_to_dict(waived.finding, language),
        "waiver": {"reason": waived.reason, "until": waived.until, "path": waived.waiver.path, "line": waived.waiver.line},
    }


def report_to_dict(report: Report, language: str) -> dict[str, Any]:
    return {
        "tool": "itstyr",
        "version": __version__,
        "format_version": FORMAT_VERSION,
        "command": report.command,
        "language": language,
        "as_of": report.as_of,
        "summary": {
            "files": len(report.files),
            "documents": report.documents,
            "errors": report.errors,
            "warnings": report.warnings,
            "infos": report.infos,
            "waived": len(report.waived),
        },
        "findings": [finding_to_dict(finding, language) for finding in report.findings],
        "waived": [waived_to_dict(waived, language) for waived in report.waived],
    }


def report(report: Report, language: str, stream: TextIO) -> None:
    json.dump(report_to_dict(report, language), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
