"""SARIF 2.1.0, the format code-scanning tools read (GitHub code scanning, Azure DevOps, VS Code's
SARIF viewer). One run; waived findings stay in the log as suppressed results so that a reviewer
sees what was waived and why, instead of the finding silently disappearing.

The fingerprint defined here is shared with the GitLab report: both CI systems should recognise the
same finding as the same issue from one commit to the next, even when lines above it move."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from itstyr import __version__
from itstyr.findings import Finding, Severity
from itstyr.messages import Text
from itstyr.report.model import Report, RuleInfo, Waived

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/itstyr/itstyr"
ROOT_BASE_ID = "%SRCROOT%"
FINGERPRINT_KEY = "itstyr/v1"

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def fingerprints(findings: Iterable[Finding]) -> list[str]:
    """A stable hex identity per finding, in the order given.

    Built from what survives an unrelated edit (rule, file, JSON pointer, entity id) and not from the
    line, so a finding keeps its identity when lines above it move. Findings that share all four
    (two schema errors on the same value) get an ordinal, so every identity in one report is unique.
    """
    seen: Counter[str] = Counter()
    result = []
    for finding in findings:
        base = _identity_hash(finding)
        seen[base] += 1
        result.append(base if seen[base] == 1 else _hash(f"{base}\0{seen[base]}"))
    return result


def _identity_hash(finding: Finding) -> str:
    location = finding.location
    return _hash("\0".join((finding.rule_id, location.path, location.json_path, finding.entity_id or "")))


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def rule_info(report: Report, finding: Finding) -> RuleInfo:
    """The rule's metadata, or a stand-in named after the id when the report lacks it, so that a
    reporter never fails over a missing description."""
    known = report.rules.get(finding.rule_id)
    if known is not None:
        return known
    return RuleInfo(finding.rule_id, finding.severity, Text(finding.rule_id), Text(""), report.command)


def finding_text(finding: Finding, language: str, separator: str = "\n") -> str:
    """The message, and the hint after it when there is one: a reader of a CI log gets both."""
    message = finding.message.render(language)
    hint = finding.hint.render(language) if finding.hint is not None else ""
    return f"{message}{separator}{hint}" if hint else message


def _all_findings(report: Report) -> list[Finding]:
    return [*report.findings, *(waived.finding for waived in report.waived)]


def _rule_ids(report: Report) -> list[str]:
    return sorted({finding.rule_id for finding in _all_findings(report)})


def _pascal_case(rule_id: str) -> str:
    """SARIF recommends a rule name that reads as an identifier: "ref-unknown" → "RefUnknown"."""
    return "".join(part[:1].upper() + part[1:] for part in rule_id.replace("_", "-").split("-"))


def _rule(info: RuleInfo, language: str) -> dict[str, Any]:
    title, help_text = info.title.render(language), info.help.render(language)
    descriptor: dict[str, Any] = {
        "id": info.id,
        "name": _pascal_case(info.id),
        "shortDescription": {"text": title},
        "defaultConfiguration": {"level": _LEVEL[info.default_severity]},
        "properties": {"tags": [info.origin]},
    }
    if help_text:
        descriptor["fullDescription"] = {"text": help_text}
        descriptor["help"] = {"text": help_text}
    return descriptor


def _physical_location(path: str, line: int, column: int) -> dict[str, Any]:
    return {
        "artifactLocation": {"uri": quote(path), "uriBaseId": ROOT_BASE_ID},
        "region": {"startLine": max(line, 1), "startColumn": max(column, 1)},
    }


def _result(finding: Finding, rule_index: int, fingerprint: str, language: str) -> dict[str, Any]:
    location = finding.location
    return {
        "ruleId": finding.rule_id,
        "ruleIndex": rule_index,
        "level": _LEVEL[finding.severity],
        "message": {"text": finding_text(finding, language)},
        "locations": [{"physicalLocation": _physical_location(location.path, location.line, location.column)}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        # An empty list says "checked, not suppressed"; a missing one would mean "unknown".
        "suppressions": [],
    }


def _suppression(waived: Waived) -> dict[str, Any]:
    """Where the waiver is written decides its kind: beside the finding it is "inSource"."""
    inside = waived.waiver.path == waived.finding.location.path
    suppression: dict[str, Any] = {
        "kind": "inSource" if inside else "external",
        "status": "accepted",
        "justification": waived.reason,
        "location": {"physicalLocation": _physical_location(waived.waiver.path, waived.waiver.line, waived.waiver.column)},
    }
    if waived.until:
        suppression["properties"] = {"until": waived.until}
    return suppression


def root_uri(root: Path) -> str:
    """The repository root as a file URI ending in "/", so relative URIs resolve inside it."""
    uri = root.absolute().as_uri()
    return uri if uri.endswith("/") else uri + "/"


def sarif_log(report: Report, language: str) -> dict[str, Any]:
    """The whole log as plain data; `report` only serialises it."""
    rule_ids = _rule_ids(report)
    index = {rule_id: position for position, rule_id in enumerate(rule_ids)}
    infos = {finding.rule_id: rule_info(report, finding) for finding in _all_findings(report)}
    prints = fingerprints(_all_findings(report))
    active, waived_prints = prints[: len(report.findings)], prints[len(report.findings) :]
    results = [
        _result(finding, index[finding.rule_id], fingerprint, language)
        for finding, fingerprint in zip(report.findings, active, strict=True)
    ]
    for waived, fingerprint in zip(report.waived, waived_prints, strict=True):
        result = _result(waived.finding, index[waived.finding.rule_id], fingerprint, language)
        result["suppressions"] = [_suppression(waived)]
        results.append(result)
    driver = {
        "name": "itstyr",
        "version": __version__,
        "informationUri": INFORMATION_URI,
        "rules": [_rule(infos[rule_id], language) for rule_id in rule_ids],
    }
    run = {
        "tool": {"driver": driver},
        "language": language,
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {ROOT_BASE_ID: {"uri": root_uri(report.root)}},
        "results": results,
        "properties": {"command": report.command, **({"asOf": report.as_of} if report.as_of else {})},
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def report(report: Report, language: str, stream: TextIO) -> None:
    json.dump(sarif_log(report, language), stream, ensure_ascii=False, indent=2, sort_keys=True)
    stream.write("\n")
