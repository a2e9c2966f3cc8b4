"""What changed inside one entity, field by field: the smallest values that differ, with their paths.

Lists are compared the way a reader thinks of them: items that carry an identity (an `id`, or the
decision type of a decision right, the unit of a member ...) are matched by it, so adding one member
is one change, not a shift of every member after it; other lists of records are aligned by content;
a list of plain values (domains, tags) is one value.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from typing import Any


class _Missing:
    """The side of a change where the value is not written at all."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Any = _Missing()

# Keys that identify an item of a list of records, in order of preference; the first one that every
# item on both sides has, with no two items sharing a value, is used.
IDENTITY_KEYS = ("id", "holder", "decision_type", "unit", "role", "party", "fiscal_year", "year", "period", "control", "date", "name")


@dataclass(frozen=True, slots=True)
class FieldChange:
    path: tuple  # keys and list indexes in the new version (in the old one for a removal)
    old: Any  # MISSING when the value was added
    new: Any  # MISSING when it was removed
    old_path: tuple = ()  # the same value's path in the old version (list indexes may differ)

    @property
    def pointer(self) -> str:
        from itstyr.findings import json_pointer

        return json_pointer(self.path)


def diff_values(old: Any, new: Any, path: tuple = (), old_path: tuple | None = None) -> list[FieldChange]:
    old_path = path if old_path is None else old_path
    if old == new and type(old) is type(new):
        return []
    if isinstance(old, dict) and isinstance(new, dict):
        changes: list[FieldChange] = []
        for key in [*old, *(key for key in new if key not in old)]:
            changes += diff_values(old.get(key, MISSING), new.get(key, MISSING), (*path, key), (*old_path, key))
        return changes
    if isinstance(old, list) and isinstance(new, list) and _records(old) and _records(new):
        key = _identity(old, new)
        return _by_identity(old, new, path, old_path, key) if key else _aligned(old, new, path, old_path)
    return [FieldChange(path, old, new, old_path)]


def _records(items: list) -> bool:
    return bool(items) and all(isinstance(item, dict) for item in items)


def _identity(old: list[dict], new: list[dict]) -> str | None:
    for key in IDENTITY_KEYS:
        ok = True
        for items in (old, new):
            values = [json.dumps(item.get(key), sort_keys=True) for item in items if key in item]
            if len(values) != len(items) or len(set(values)) != len(values):
                ok = False
                break
        if ok:
            return key
    return None


def _by_identity(old: list[dict], new: list[dict], path: tuple, old_path: tuple, key: str) -> list[FieldChange]:
    def token(item: dict) -> str:
        return json.dumps(item[key], sort_keys=True)

    before = {token(item): (index, item) for index, item in enumerate(old)}
    after = {token(item): (index, item) for index, item in enumerate(new)}
    changes: list[FieldChange] = []
    for name, (index, item) in before.items():
        if name not in after:
            changes.append(FieldChange((*old_path, index), item, MISSING, (*old_path, index)))
    for name, (index, item) in after.items():
        if name in before:
            changes += diff_values(before[name][1], item, (*path, index), (*old_path, before[name][0]))
        else:
            changes.append(FieldChange((*path, index), MISSING, item, (*path, index)))
    return changes


def _aligned(old: list, new: list, path: tuple, old_path: tuple) -> list[FieldChange]:
    canonical_old = [json.dumps(item, sort_keys=True) for item in old]
    canonical_new = [json.dumps(item, sort_keys=True) for item in new]
    changes: list[FieldChange] = []
    matcher = difflib.SequenceMatcher(a=canonical_old, b=canonical_new, autojunk=False)
    for operation, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if operation == "equal":
            continue
        if operation == "replace" and a_end - a_start == b_end - b_start:
            for offset in range(a_end - a_start):
                changes += diff_values(old[a_start + offset], new[b_start + offset], (*path, b_start + offset), (*old_path, a_start + offset))
            continue
        changes += [FieldChange((*old_path, index), old[index], MISSING, (*old_path, index)) for index in range(a_start, a_end)]
        changes += [FieldChange((*path, index), MISSING, new[index], (*path, index)) for index in range(b_start, b_end)]
    return changes
