"""Findings for a person at a terminal: grouped by file, each as path:line:column (clickable in
editors) with the source line under it and the hint, waived findings apart, and a summary. Colour
only when the stream is a terminal."""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from itstyr.findings import Finding, Severity
from itstyr.messages import Message, count, text
from itstyr.report.model import Report

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def report(report: Report, language: str, stream: TextIO) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = Console(file=stream, highlight=False, soft_wrap=True)
    hint_label = text("report.hint", language)

    def show(finding: Finding, suffix: str = "") -> None:
        severity = text(f"severity.{finding.severity.value}", language)
        style = _STYLE[finding.severity]
        pointer = finding.location.json_path
        console.print(
            f"  {escape(str(finding.location))}: [{style}]{severity}[/] [dim]\\[{finding.rule_id}][/] "
            f"{escape(finding.message.render(language))}"
            + (f" [dim]({escape(pointer)})[/]" if pointer not in ("", "/") else "")
            + suffix
        )
        source = report.source_line(finding.location)
        if source is not None and source.strip():
            console.print(f"      [dim]{finding.location.line:>4} |[/] {escape(source.rstrip())}")
        if finding.hint is not None:
            hint = finding.hint.render(language)
            if hint:
                console.print(f"      [dim]{hint_label}:[/] {escape(hint)}")

    for path, group in groupby(report.findings, key=lambda finding: finding.location.path):
        console.print(f"[bold]{escape(path)}[/]")
        for finding in group:
            show(finding)
    if report.waived:
        console.print(f"[bold]{escape(text('report.waived_heading', language))}[/]")
        for waived in report.waived:
            reason = Message("report.waived_reason", reason=waived.reason, until=waived.until or "–")
            show(waived.finding, f" [dim]— {escape(reason.render(language, nested=True))}[/]")

    counts = {"documents": count("document", report.documents), "files": count("file", len(report.files))}
    if report.findings:
        summary = Message(
            "report.summary", errors=count("error", report.errors), warnings=count("warning", report.warnings), **counts
        )
        console.print(escape(summary.render(language)))
    else:
        console.print("[green]" + escape(Message("report.clean", **counts).render(language)) + "[/]")
    if report.waived:
        console.print(escape(Message("report.waived_count", waived=len(report.waived)).render(language)))
