"""What every reporter receives: the findings of one run, the waived ones apart, and the metadata of
every rule that can appear. Built once by the command; reporters only format it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from itstyr.findings import Finding, Location, Severity
from itstyr.messages import Text


@dataclass(frozen=True, slots=True)
class RuleInfo:
    id: str
    default_severity: Severity
    title: Text  # one line
    help: Text  # why it matters and what to do
    origin: str  # "validate" or "lint"


@dataclass(frozen=True, slots=True)
class Waived:
    """A finding that a waiver covers: never dropped, always reported apart with the reason."""

    finding: Finding
    reason: str
    until: str | None
    waiver: Location  # where the waiver is written


@dataclass(slots=True)
class Report:
    command: str  # "validate" or "lint"
    root: Path
    files: list[str]
    documents: int
    findings: list[Finding]
    rules: dict[str, RuleInfo]
    waived: list[Waived] = field(default_factory=list)
    as_of: str | None = None
    _lines: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity is severity)

    @property
    def errors(self) -> int:
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        return self.count(Severity.WARNING)

    @property
    def infos(self) -> int:
        return self.count(Severity.INFO)

    def source_line(self, location: Location) -> str | None:
        """The text of the line a finding points at, for reporters that show it (each file read once per report)."""
        if location.path not in self._lines:
            try:
                text = (self.root / location.path).read_text(encoding="utf-8-sig", errors="replace")
                self._lines[location.path] = tuple(text.splitlines())
            except OSError:
                self._lines[location.path] = ()
        lines = self._lines[location.path]
        return lines[location.line - 1] if 0 < location.line <= len(lines) else None
