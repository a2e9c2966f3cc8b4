"""Data as templates read it. A schema leaves most fields optional, so in a template a missing field
is None (`d["remit"]`, `d.remit`), never an error; a misspelt variable name still is one
(StrictUndefined). Nested mappings are wrapped as they are read, so the same holds at any depth,
and reading by subscript needs none of the sandbox's per-attribute checks."""

from __future__ import annotations

from typing import Any


class Record(dict):
    __slots__ = ()

    def __getitem__(self, key: Any) -> Any:
        return view(dict.get(self, key))

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return view(dict.get(self, name))


def view(value: Any) -> Any:
    """A value ready for a template: mappings as Records, lists of mappings as lists of Records."""
    kind = type(value)
    if kind is dict:
        return Record(value)
    if kind is list:
        return [Record(item) if type(item) is dict else item for item in value]
    return value


def data(entity: Any) -> Record:
    """The `data` filter: an entity's data, or a mapping, as a Record (empty for anything else, so
    `x | data` reads every field of a missing `x` as None)."""
    value = entity if isinstance(entity, dict) else getattr(entity, "data", None)
    return Record(value) if isinstance(value, dict) else Record()
