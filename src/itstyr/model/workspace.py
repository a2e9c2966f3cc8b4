"""All documents of a repository, indexed by kind and by id: the one structure every check reads."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from itstyr.model.document import Document


class Workspace:
    def __init__(self, documents: Iterable[Document] = ()):
        self.documents: list[Document] = []
        self._by_id: dict[str, Document] = {}
        self._by_kind: dict[str, list[Document]] = defaultdict(list)
        for document in documents:
            self.add(document)

    def add(self, document: Document) -> None:
        self.documents.append(document)
        kind = document.kind
        if kind is not None:
            self._by_kind[kind].append(document)
        entity_id = document.id
        if entity_id is not None:
            self._by_id.setdefault(entity_id, document)

    def get(self, entity_id: str) -> Document | None:
        """The first document with this id (a duplicate is a finding, not a second entry)."""
        return self._by_id.get(entity_id)

    def of_kind(self, kind: str) -> list[Document]:
        return self._by_kind.get(kind, [])

    def ids(self) -> Iterable[str]:
        return self._by_id.keys()

    def kinds(self) -> list[str]:
        return sorted(self._by_kind)

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def __len__(self) -> int:
        return len(self.documents)
