"""Value types every layer shares: where something is, and what is wrong with it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from itstyr.messages import Message


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True, slots=True)
class Location:
    """A place in the repository: file (relative, with forward slashes), 1-based line and column,
    and the JSON pointer of the value inside the document."""

    path: str
    line: int = 1
    column: int = 1
    json_path: str = ""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Finding:
    rule_id: str
    severity: Severity
    message: Message
    location: Location
    hint: Message | None = None
    kind: str | None = None
    entity_id: str | None = None

    def sort_key(self) -> tuple:
        loc = self.location
        return (loc.path, loc.line, loc.column, self.severity.rank, self.rule_id, loc.json_path)


def json_pointer(parts: tuple | list) -> str:
    """RFC 6901 pointer for a path of keys and indexes; the document itself is "/"."""
    if not parts:
        return "/"
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in parts)
