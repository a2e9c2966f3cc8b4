"""Every reference names an existing entity of a kind the schema allows there.

Where references sit comes from the schemas (`x-ref-kind`), so a new field needs no code here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from itstyr.findings import Finding, Severity
from itstyr.messages import Message
from itstyr.model import Document, Workspace
from itstyr.schemaset import ANY, RefSpec, SchemaSet
from itstyr.suggest import Suggester

_LISTED_KINDS = 4  # name the expected kinds only when they are few enough to read


def iter_references(document: Document, specs: tuple[RefSpec, ...]) -> Iterator[tuple[tuple, str, tuple[str, ...]]]:
    """(path, referenced id, allowed kinds) for every reference the document holds."""
    for spec in specs:
        for parts, value in _walk(document.data, spec.path, ()):
            if isinstance(value, str):
                yield parts, value, spec.kinds


def _walk(value: Any, path: tuple, parts: tuple) -> Iterator[tuple[tuple, Any]]:
    if not path:
        yield parts, value
        return
    step, rest = path[0], path[1:]
    if step == ANY:
        if isinstance(value, list):
            for index, item in enumerate(value):
                yield from _walk(item, rest, parts + (index,))
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from _walk(item, rest, parts + (key,))
    elif isinstance(value, dict) and step in value:
        yield from _walk(value[step], rest, parts + (step,))


def check_references(workspace: Workspace, schemas: SchemaSet) -> Iterator[Finding]:
    kind_files = schemas.kind_files
    suggesters: dict[tuple[str, ...], Suggester] = {}
    for document in workspace:
        kind = document.kind
        if kind not in kind_files:
            continue
        for parts, target_id, kinds in iter_references(document, schemas.ref_specs(kind)):
            target = workspace.get(target_id)
            any_kind = ANY in kinds
            if target is None:
                if kinds not in suggesters:
                    suggesters[kinds] = Suggester(
                        workspace.ids() if any_kind else [d.id for k in kinds for d in workspace.of_kind(k) if d.id]
                    )
                suggestion = suggesters[kinds](target_id)
                hint = (
                    Message("hint.did_you_mean", value=suggestion)
                    if suggestion
                    else Message("ref.unknown.hint")
                )
                message = (
                    Message("ref.unknown_any", id=target_id)
                    if any_kind or len(kinds) > _LISTED_KINDS
                    else Message("ref.unknown", id=target_id, kinds=[schemas.kind_label(k) for k in kinds])
                )
                yield Finding(
                    "ref-unknown",
                    Severity.ERROR,
                    message,
                    document.location(parts),
                    hint=hint,
                    kind=kind,
                    entity_id=document.id,
                )
            elif target.kind not in kinds and not any_kind:
                where = target.location()
                yield Finding(
                    "ref-wrong-kind",
                    Severity.ERROR,
                    Message(
                        "ref.wrong_kind",
                        id=target_id,
                        actual=schemas.kind_label(target.kind) if target.kind in kind_files else str(target.kind),
                        kinds=[schemas.kind_label(k) for k in kinds],
                    ),
                    document.location(parts),
                    hint=Message("ref.wrong_kind.hint", where=f"{where.path}:{where.line}"),
                    kind=kind,
                    entity_id=document.id,
                )
