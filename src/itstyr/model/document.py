"""One YAML document of a governance repository, with the means to point back into its file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from itstyr.findings import Location, json_pointer
from itstyr.yamlsafe import ParsedDocument, locate


def _text_field(data: Any, key: str) -> str | None:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


@dataclass(slots=True, eq=False)
class Document:
    """`kind`, `id` and `name` are read once: every check looks them up, many times over."""

    path: str  # relative to the repository root, forward slashes
    parsed: ParsedDocument
    data: Any = field(init=False)
    kind: str | None = field(init=False)
    id: str | None = field(init=False)
    name: str | None = field(init=False)

    def __post_init__(self) -> None:
        self.data = self.parsed.data
        self.kind = _text_field(self.data, "kind")
        self.id = _text_field(self.data, "id")
        self.name = _text_field(self.data, "name")

    @property
    def index(self) -> int:
        """Position in the file, from 0."""
        return self.parsed.index

    @property
    def line(self) -> int:
        return self.parsed.line

    def location(self, parts: tuple = (), *, key: bool = False) -> Location:
        """Where the value at `parts` (keys and list indexes) is written; with `key`, where its key is."""
        if not parts:  # the document itself: known from loading, no need to read the file again
            return Location(self.path, self.parsed.line, self.parsed.column, json_pointer(()))
        line, column = locate(self.parsed.node, tuple(parts), key=key)
        return Location(self.path, line, column, json_pointer(parts))

    def get(self, parts: tuple, default: Any = None) -> Any:
        value = self.data
        for part in parts:
            if isinstance(value, dict) and isinstance(part, str):
                if part not in value:
                    return default
                value = value[part]
            elif isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
                value = value[part]
            else:
                return default
        return value
