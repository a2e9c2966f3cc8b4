"""GitLab Code Quality (a subset of the Code Climate format): merge requests show which findings a
change introduces or fixes. GitLab compares reports by fingerprint, so it uses the SARIF report's
stable identity and not the line; waived findings are left out, since there is nothing to fix."""

from __future__ import annotations

import json
from typing import Any, TextIO

from itstyr.findings import Finding, Severity
from itstyr.report.github import checkout_path
from itstyr.report.model import Report
from itstyr.report.sarif import finding_text, fingerprints

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def issue(finding: Finding, fingerprint: str, path: str, language: str) -> dict[str, Any]:
    return {
        "description": finding_text(finding, language, " "),
        "check_name": finding.rule_id,
        "fingerprint": fingerprint,
        "severity": _SEVERITY[finding.severity],
        "location": {"path": path, "lines": {"begin": finding.location.line}},
    }


def code_quality(report: Report, language: str) -> list[dict[str, Any]]:
    return [
        issue(finding, fingerprint, checkout_path(report.root, finding.location.path), language)
        for finding, fingerprint in zip(report.findings, fingerprints(report.findings), strict=True)
    ]


def report(report: Report, language: str, stream: TextIO) -> None:
    json.dump(code_quality(report, language), stream, ensure_ascii=False, indent=2, sort_keys=True)
    stream.write("\n")
