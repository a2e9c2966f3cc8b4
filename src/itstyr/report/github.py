"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request's diff.

Waived findings are not annotated (the waiver exists so they stop drawing attention); the summary
line still counts them. Values are escaped as the Actions runner unescapes them, or a message with a
comma or a newline would be cut short or end the command."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TextIO

from itstyr.findings import Finding, Severity
from itstyr.messages import Message, count, text
from itstyr.report.model import Report
from itstyr.report.sarif import finding_text

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    """The message part, after "::"."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """A property value (file=, title=): ":" and "," separate properties, so they are escaped too."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def checkout_path(root: Path, path: str, cwd: Path | None = None) -> str:
    """The finding's path as the CI checkout sees it.

    Annotations and code-quality reports name files relative to the checkout, which is the working
    directory of a CI job. A governance repository checked in as a sub-folder
    (`itstyr validate styrning/`) therefore needs its folder in front; a root outside the working
    directory is left as it is, since no better guess exists.
    """
    base = Path.cwd() if cwd is None else cwd
    try:
        prefix = Path(os.path.relpath(root.absolute(), base.absolute()))
    except ValueError:  # another drive on Windows
        return path
    if prefix.parts[:1] == ("..",) or prefix == Path("."):
        return path
    return f"{prefix.as_posix()}/{path}"


def annotation(finding: Finding, path: str, language: str) -> str:
    location = finding.location
    properties = {"file": path, "line": str(location.line), "col": str(location.column), "title": finding.rule_id}
    joined = ",".join(f"{name}={escape_property(value)}" for name, value in properties.items())
    return f"::{_COMMAND[finding.severity]} {joined}::{escape_data(finding_text(finding, language))}"


def summary(report: Report, language: str) -> str:
    """The same one-line summary the text report ends with, without colour."""
    counts = {"documents": count("document", report.documents), "files": count("file", len(report.files))}
    if report.findings:
        line = Message(
            "report.summary", errors=count("error", report.errors), warnings=count("warning", report.warnings), **counts
        ).render(language)
    else:
        line = Message("report.clean", **counts).render(language)
    if report.waived:  # "listed above" (report.waived_count) would be untrue here: they are not annotated
        line += f" {text('report.waived_heading', language)}: {len(report.waived)}."
    return line


def report(report: Report, language: str, stream: TextIO) -> None:
    for finding in report.findings:
        stream.write(annotation(finding, checkout_path(report.root, finding.location.path), language) + "\n")
    stream.write(summary(report, language) + "\n")
