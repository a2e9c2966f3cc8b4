"""Which entities a change adds, removes and changes, matched by kind and id, so a file that is renamed
or split is a move of the entities in it, not a removal and an addition."""

from __future__ import annotations

from dataclasses import dataclass, field

from itstyr.diff.fields import FieldChange, diff_values
from itstyr.model import Document, Workspace


@dataclass(slots=True)
class EntityChange:
    kind: str
    id: str
    before: Document | None  # None: added
    after: Document | None  # None: removed
    fields: list[FieldChange] = field(default_factory=list)

    @property
    def document(self) -> Document:
        return self.after or self.before

    @property
    def name(self) -> str:
        return self.document.name or self.id

    @property
    def moved(self) -> bool:
        return self.before is not None and self.after is not None and self.before.path != self.after.path

    @property
    def status(self) -> str:
        """added, removed, changed or moved (moved only: the same content in another file)."""
        if self.before is None:
            return "added"
        if self.after is None:
            return "removed"
        return "changed" if self.fields else "moved"


def _entities(workspace: Workspace) -> dict[tuple[str, str], Document]:
    found: dict[tuple[str, str], Document] = {}
    for document in workspace:
        if document.kind is not None and document.id is not None:
            found.setdefault((document.kind, document.id), document)
    return found


def compare(before: Workspace, after: Workspace) -> list[EntityChange]:
    """Every entity that differs, sorted by kind and id."""
    old, new = _entities(before), _entities(after)
    changes = []
    for key in sorted(old.keys() | new.keys()):
        previous, current = old.get(key), new.get(key)
        if previous is not None and current is not None:
            if previous is current or previous.data == current.data:  # unchanged files share their documents
                if previous.path == current.path:
                    continue
                changes.append(EntityChange(*key, previous, current))
                continue
            changes.append(EntityChange(*key, previous, current, diff_values(previous.data, current.data)))
        else:
            changes.append(EntityChange(*key, previous, current))
    return changes
