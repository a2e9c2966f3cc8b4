"""Findings for a person at a terminal: one line per finding, clickable as path:line:column, with the
hint under it, and a summary. Colour only when the stream is a terminal."""

from __future__ import annotations

from typing import TextIO

from itstyr.api import ValidationResult
from itstyr.findings import Severity
from itstyr.messages import Message, count, text

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def report(result: ValidationResult, language: str, stream: TextIO) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = Console(file=stream, highlight=False, soft_wrap=True)
    hint_label = text("report.hint", language)
    for finding in result.findings:
        severity = text(f"severity.{finding.severity.value}", language)
        style = _STYLE[finding.severity]
        console.print(
            f"{escape(str(finding.location))}: [{style}]{severity}[/] [dim]\\[{finding.rule_id}][/] "
            f"{escape(finding.message.render(language))}"
            + (f" [dim]({escape(finding.location.json_path)})[/]" if finding.location.json_path not in ("", "/") else "")
        )
        if finding.hint is not None:
            hint = finding.hint.render(language)
            if hint:
                console.print(f"    [dim]{hint_label}:[/] {escape(hint)}")
    counts = {"documents": count("document", len(result.workspace)), "files": count("file", len(result.files))}
    if result.findings:
        summary = Message("report.summary", errors=count("error", result.errors), warnings=count("warning", result.warnings), **counts)
        console.print(escape(summary.render(language)))
    else:
        console.print("[green]" + escape(Message("report.clean", **counts).render(language)) + "[/]")
