"""Writing a report where the user asked, and the exit code that follows from it."""

from __future__ import annotations

import io
import sys

from itstyr import exitcodes
from itstyr.findings import Severity
from itstyr.report import REPORTERS
from itstyr.report.model import Report

FAIL_ON = {"error": (Severity.ERROR,), "warning": (Severity.ERROR, Severity.WARNING), "never": ()}


def emit(report: Report, format_name: str, language: str, output: str | None) -> None:
    """To stdout, or to a file written in one step (a half-written report is never left behind)."""
    if output is None:
        REPORTERS[format_name](report, language, sys.stdout)
        return
    from itstyr.render.atomic import write_text_atomically

    buffer = io.StringIO()
    REPORTERS[format_name](report, language, buffer)
    write_text_atomically(output, buffer.getvalue())


def exit_code(report: Report, fail_on: str, config_broken: bool) -> int:
    if config_broken:
        return exitcodes.USAGE
    failing = FAIL_ON[fail_on]
    return exitcodes.FINDINGS if any(finding.severity in failing for finding in report.findings) else exitcodes.OK
