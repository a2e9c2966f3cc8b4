"""What a rule sees: the schema-valid documents of the workspace, indexed by kind, by id and by who
refers to whom, the evaluation date, and the repository's thresholds. Indexes are built once, so
rules look things up instead of scanning inside scans."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from functools import cached_property
from typing import Any

from itstyr.model import Document, Workspace


class LintContext:
    def __init__(
        self,
        workspace: Workspace,
        as_of: date,
        thresholds: dict[str, Any],
        invalid: set[int] | None = None,
        root=None,
    ):
        invalid = invalid or set()
        self.root = root  # the repository folder, for rules that read its Git history
        self.documents = [doc for doc in workspace if id(doc) not in invalid and doc.kind]
        self.as_of = as_of
        self.thresholds = thresholds
        self._by_kind: dict[str, list[Document]] = defaultdict(list)
        self._by_id: dict[str, Document] = {}
        for document in self.documents:
            self._by_kind[document.kind].append(document)
            if document.id is not None:
                self._by_id.setdefault(document.id, document)

    def of_kind(self, kind: str) -> list[Document]:
        return self._by_kind.get(kind, [])

    def get(self, entity_id: Any, kind: str | None = None) -> Document | None:
        """The entity with this id (of this kind, if given), or None."""
        if not isinstance(entity_id, str):
            return None
        document = self._by_id.get(entity_id)
        if document is None or (kind is not None and document.kind != kind):
            return None
        return document

    @cached_property
    def _referrers(self) -> dict[str, list[tuple[Document, tuple]]]:
        from itstyr.checks.references import iter_references
        from itstyr.schemaset import schema_set

        schemas = schema_set()
        index: dict[str, list[tuple[Document, tuple]]] = defaultdict(list)
        for document in self.documents:
            if document.kind in schemas.kind_files:
                for parts, target, _kinds in iter_references(document, schemas.ref_specs(document.kind)):
                    index[target].append((document, parts))
        return index

    def referrers(self, entity_id: str) -> list[tuple[Document, tuple]]:
        """Every (document, path) that refers to the entity."""
        return self._referrers.get(entity_id, [])

    @cached_property
    def administrations(self) -> list[Document]:
        """The active förvaltningar: the units the audit's "nine administrations" are."""
        return [unit for unit in self.of_kind("unit") if unit.data.get("type") == "forvaltning" and unit.data.get("status") == "aktiv"]

    @cached_property
    def it_functions(self) -> list[Document]:
        """The central IT function (digitaliseringsavdelningen), marked `is_it_function`."""
        return [unit for unit in self.of_kind("unit") if unit.data.get("is_it_function") is True]

    def threshold(self, name: str) -> Any:
        return self.thresholds[name]
