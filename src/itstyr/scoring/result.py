"""What a check returns: pass, partial (with a ratio), fail or not applicable, the evidence it found
(entities with file and line) and what is missing."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from itstyr.findings import Location
from itstyr.messages import Message
from itstyr.model import Document


class Status(str, Enum):
    PASS = "pass"
    PARTIAL = "partial"
    FAIL = "fail"
    NOT_APPLICABLE = "not_applicable"


class Evidence:
    """An entity a check found, and where: the line and column are looked up only when a report
    shows them, since finding a position means reading the file's YAML again."""

    __slots__ = ("document", "path", "_location")

    def __init__(self, document: Document, path: tuple = ()):
        self.document = document
        self.path = tuple(path)
        self._location: Location | None = None

    @classmethod
    def of(cls, document: Document, path: tuple = ()) -> Evidence:
        return cls(document, path)

    @property
    def entity_id(self) -> str | None:
        return self.document.id

    @property
    def kind(self) -> str | None:
        return self.document.kind

    @property
    def name(self) -> str | None:
        return self.document.name

    @property
    def location(self) -> Location:
        if self._location is None:
            self._location = self.document.location(self.path)
        return self._location

    def __repr__(self) -> str:
        return f"Evidence({self.entity_id!r}, {self.path!r})"


@dataclass(frozen=True, slots=True)
class CheckResult:
    status: Status
    ratio: float | None  # 1.0 pass, 0.0 fail, between for partial, None when not applicable
    evidence: tuple[Evidence, ...] = ()
    missing: tuple[Message, ...] = ()
    no_evidence: bool = False  # failed because nothing at all was found: "saknat underlag"

    @classmethod
    def ratio_of(cls, passed: int, total: int, evidence=(), missing=(), *, threshold: float = 1.0) -> CheckResult:
        """Coverage: the share of a register that meets the criterion. An empty register is not
        applicable (never a pass); a full share at or above `threshold` is a pass."""
        if total == 0:
            return cls(Status.NOT_APPLICABLE, None, tuple(evidence), tuple(missing))
        ratio = passed / total
        status = Status.PASS if ratio >= threshold else (Status.FAIL if passed == 0 else Status.PARTIAL)
        return cls(status, 1.0 if status is Status.PASS else ratio, tuple(evidence), tuple(missing))

    @classmethod
    def passed(cls, evidence=(), missing=()) -> CheckResult:
        return cls(Status.PASS, 1.0, tuple(evidence), tuple(missing))

    @classmethod
    def failed(cls, missing=(), evidence=()) -> CheckResult:
        return cls(Status.FAIL, 0.0, tuple(evidence), tuple(missing))

    @classmethod
    def nothing_found(cls, missing=()) -> CheckResult:
        """Missing evidence is a fail, reported as "saknat underlag"."""
        return cls(Status.FAIL, 0.0, (), tuple(missing), no_evidence=True)

    @classmethod
    def partial(cls, ratio: float, evidence=(), missing=()) -> CheckResult:
        ratio = max(0.0, min(1.0, ratio))
        status = Status.PASS if ratio >= 1.0 else (Status.FAIL if ratio <= 0.0 else Status.PARTIAL)
        return cls(status, ratio, tuple(evidence), tuple(missing))

    @classmethod
    def not_applicable(cls, missing=()) -> CheckResult:
        return cls(Status.NOT_APPLICABLE, None, (), tuple(missing))


@dataclass(slots=True)
class Issue:
    """For checks that collect problems while they walk a register."""

    evidence: list[Evidence] = field(default_factory=list)
    missing: list[Message] = field(default_factory=list)
