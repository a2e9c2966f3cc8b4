"""Writing a report where the user asked, and the exit code that follows from it."""

from __future__ import annotations

import io
import os
import sys
import tempfile
from pathlib import Path

from itstyr import exitcodes
from itstyr.errors import UserError
from itstyr.findings import Severity
from itstyr.messages import Message
from itstyr.report import REPORTERS
from itstyr.report.model import Report

FAIL_ON = {"error": (Severity.ERROR,), "warning": (Severity.ERROR, Severity.WARNING), "never": ()}


def emit(report: Report, format_name: str, language: str, output: str | None) -> None:
    """To stdout, or to a file written in one step (a half-written report is never left behind)."""
    if output is None:
        REPORTERS[format_name](report, language, sys.stdout)
        return
    buffer = io.StringIO()
    REPORTERS[format_name](report, language, buffer)
    target = Path(output)
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent if str(target.parent) else ".", prefix=".itstyr-", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(buffer.getvalue())
        os.replace(temporary, target)
    except OSError as error:
        raise UserError(Message("usage.output", path=output, error=error.strerror or str(error)), Message("usage.output.hint")) from None


def exit_code(report: Report, fail_on: str, config_broken: bool) -> int:
    if config_broken:
        return exitcodes.USAGE
    failing = FAIL_ON[fail_on]
    return exitcodes.FINDINGS if any(finding.severity in failing for finding in report.findings) else exitcodes.OK
