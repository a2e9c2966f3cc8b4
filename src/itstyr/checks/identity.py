"""Every entity id is unique in the repository: references would otherwise be ambiguous."""

from __future__ import annotations

from collections.abc import Iterator

from itstyr.findings import Finding, Severity
from itstyr.messages import Message
from itstyr.model import Workspace

RULE = "id-duplicate"


def check_unique_ids(workspace: Workspace) -> Iterator[Finding]:
    for document in workspace:
        entity_id = document.id
        if entity_id is None:
            continue
        first = workspace.get(entity_id)
        if first is document:
            continue
        where = first.location(("id",))
        yield Finding(
            RULE,
            Severity.ERROR,
            Message("id.duplicate", id=entity_id, first=f"{where.path}:{where.line}"),
            document.location(("id",)),
            hint=Message("id.duplicate.hint"),
            kind=document.kind,
            entity_id=entity_id,
        )
