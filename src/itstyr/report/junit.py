"""JUnit XML, the test-report format Azure DevOps, GitLab and Jenkins all show without plug-ins.

A test case is one rule in one file: that is the unit a maintainer fixes and the one a CI history
can follow from run to run. Errors and warnings fail it; infos are passed on as output only, so
that advice never turns a pipeline red. Waived findings are skipped test cases, visible with their
reason. A report with nothing to say still holds one passing test case, because some CI systems
treat an empty report as a broken one."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import TextIO

from itstyr.findings import Finding, Severity
from itstyr.messages import Message, text
from itstyr.report.model import Report, Waived
from itstyr.report.sarif import finding_text, rule_info

SUITE_NAME = "itstyr"
_FAILING = (Severity.ERROR, Severity.WARNING)
# XML 1.0 cannot hold most control characters, not even escaped; a YAML value may contain them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value)


def _finding_line(finding: Finding, language: str) -> str:
    """One finding as `path:line:column: message`, the hint indented below it."""
    separator = f"\n    {text('report.hint', language)}: "
    return f"{finding.location}: {finding_text(finding, language, separator)}"


def _by_rule_and_file(findings: list[Finding]) -> dict[tuple[str, str], list[Finding]]:
    groups: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in findings:
        groups[(finding.rule_id, finding.location.path)].append(finding)
    return dict(sorted(groups.items()))


def _testcase(parent: ET.Element, classname: str, name: str) -> ET.Element:
    return ET.SubElement(parent, "testcase", {"classname": _xml_safe(classname), "name": _xml_safe(name)})


def _finding_case(suite: ET.Element, report: Report, findings: list[Finding], language: str) -> bool:
    """One rule in one file; returns whether it failed."""
    first = findings[0]
    case = _testcase(suite, first.rule_id, first.location.path)
    failing = [finding for finding in findings if finding.severity in _FAILING]
    advisory = [finding for finding in findings if finding.severity not in _FAILING]
    if failing:
        worst = min(failing, key=lambda finding: finding.severity.rank).severity
        failure = ET.SubElement(
            case,
            "failure",
            {"message": _xml_safe(rule_info(report, first).title.render(language)), "type": worst.value},
        )
        failure.text = _xml_safe("\n".join(_finding_line(finding, language) for finding in failing))
    if advisory:
        ET.SubElement(case, "system-out").text = _xml_safe("\n".join(_finding_line(f, language) for f in advisory))
    return bool(failing)


def _waived_case(suite: ET.Element, waived: Waived, language: str) -> None:
    """Named by the exact location, so it never collides with the same rule's failing test case."""
    case = _testcase(suite, waived.finding.rule_id, str(waived.finding.location))
    reason = Message("report.waived_reason", reason=waived.reason, until=waived.until or "–").render(language, nested=True)
    skipped = ET.SubElement(case, "skipped", {"message": _xml_safe(reason)})
    skipped.text = _xml_safe(_finding_line(waived.finding, language))


def junit_tree(report: Report, language: str) -> ET.Element:
    """The `<testsuites>` element; counts are filled in after the cases are built."""
    suites = ET.Element("testsuites", {"name": SUITE_NAME})
    suite = ET.SubElement(suites, "testsuite", {"name": SUITE_NAME})
    failures = sum(_finding_case(suite, report, group, language) for group in _by_rule_and_file(report.findings).values())
    for waived in report.waived:
        _waived_case(suite, waived, language)
    if len(suite) == 0:
        _testcase(suite, SUITE_NAME, "all files")
    counts = {"tests": str(len(suite)), "failures": str(failures), "errors": "0", "skipped": str(len(report.waived))}
    for element in (suites, suite):
        element.attrib.update(counts)
    return suites


def report(report: Report, language: str, stream: TextIO) -> None:
    root = junit_tree(report, language)
    ET.indent(root)
    stream.write(ET.tostring(root, encoding="UTF-8", xml_declaration=True).decode("utf-8"))
    stream.write("\n")
