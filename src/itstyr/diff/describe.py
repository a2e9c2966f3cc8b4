"""Changes in words people read: a field by its title in the schema ("Mandat", "Beslutsrätter ›
Portfölj › Rätt"), a vocabulary value by its label ("Rådgivande"), a reference by the name of the entity
it names, long text shortened. English uses the field's key, since the schemas title fields in Swedish."""

from __future__ import annotations

from typing import Any

from itstyr.diff.fields import IDENTITY_KEYS, MISSING, FieldChange
from itstyr.glossary import glossary, label
from itstyr.messages import text
from itstyr.model import Workspace

SEPARATOR = " › "
TEXT_LIMIT = 90
CONTEXT_WORDS = 3  # words shown before the first difference in a long text


def shorten(value: str, limit: int = TEXT_LIMIT) -> str:
    flat = " ".join(value.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


class Describer:
    def __init__(self, language: str, *workspaces: Workspace):
        self.language = language
        self.names: dict[str, str] = {}
        for workspace in reversed(workspaces):  # the first workspace's names win
            for document in workspace:
                if document.id is not None:
                    self.names[document.id] = document.name or document.id

    def value(self, value: Any, limit: int = TEXT_LIMIT) -> str:
        if value is MISSING or value is None:
            return "–"
        if isinstance(value, bool):
            return text("diff.yes" if value else "diff.no", self.language)
        if isinstance(value, str):
            if value in self.names:
                return self.names[value]
            if value in glossary():
                return label(value, self.language)
            return shorten(value, limit)
        if isinstance(value, int):
            return f"{value:,}".replace(",", "\u00a0") if abs(value) >= 10000 else str(value)
        if isinstance(value, float):
            return f"{value:g}"
        if isinstance(value, list):
            return shorten(", ".join(self.value(item, limit) for item in value), limit)
        if isinstance(value, dict):
            identity = self.item(value)
            if identity is not None:
                rest = [self.value(item, limit) for key, item in value.items() if not isinstance(item, (dict, list)) and self.value(item) != identity]
                return shorten(", ".join([identity, *rest]), limit)
            return shorten(", ".join(self.value(item, limit) for item in value.values()), limit)
        return shorten(str(value), limit)

    def change(self, old: Any, new: Any) -> tuple[str, str]:
        """Two versions of a value, shown so that the difference is visible: of two long texts, the
        words that differ with a little of what surrounds them."""
        if isinstance(old, str) and isinstance(new, str) and max(len(old), len(new)) > TEXT_LIMIT:
            before, after = old.split(), new.split()
            start = 0
            while start < min(len(before), len(after)) and before[start] == after[start]:
                start += 1
            end = 0
            while end < min(len(before), len(after)) - start and before[-1 - end] == after[-1 - end]:
                end += 1
            context = max(0, start - CONTEXT_WORDS)
            return _excerpt(before, context, len(before) - end), _excerpt(after, context, len(after) - end)
        return self.value(old), self.value(new)

    def item(self, value: Any) -> str | None:
        """What a list item is called: its name, or the value of its identity (a decision type, a unit)."""
        if not isinstance(value, dict):
            return None
        for key in ("name", *IDENTITY_KEYS):
            if key in value and isinstance(value[key], (str, int)):
                return self.value(value[key])
        return None

    def field(self, kind: str | None, change: FieldChange, old: Any, new: Any) -> str:
        """The path of a changed value as titles; `old` and `new` are the entity's two versions, from
        which the list items on the way are named."""
        from itstyr.schemaset import schema_set

        schemas = schema_set()
        file_name = schemas.kind_files.get(kind or "")
        node: Any = schemas.schema(kind) if file_name else None
        parts: list[str] = []
        removed = change.new is MISSING  # then `path` is a path in the old version
        before, after = old, None if removed else new
        for step, old_step in zip(change.path, change.old_path or change.path, strict=False):
            before, after = _step(before, old_step), _step(after, step)
            if isinstance(step, int):
                named = self.item(after) or self.item(before)
                parts.append(named or text("diff.item_number", self.language, number=step + 1))
                file_name, node = _resolve(schemas, file_name, node.get("items") if isinstance(node, dict) else None)
                continue
            child = node.get("properties", {}).get(step) if isinstance(node, dict) else None
            title = child.get("title") if isinstance(child, dict) else None
            file_name, node = _resolve(schemas, file_name, child)
            if title is None and isinstance(node, dict):
                title = node.get("title")
            parts.append(title if title and self.language == "sv" else str(step).replace("_", " "))
        return SEPARATOR.join(parts)


def _excerpt(words: list[str], start: int, end: int) -> str:
    shown = shorten(" ".join(words[start : max(end, start)]) or "–", TEXT_LIMIT)
    return ("…" if start > 0 else "") + shown + ("…" if end < len(words) and not shown.endswith("…") else "")


def _step(container: Any, step: Any) -> Any:
    if isinstance(step, int):
        return container[step] if isinstance(container, list) and 0 <= step < len(container) else None
    return container.get(step) if isinstance(container, dict) else None


def _resolve(schemas, file_name: str | None, node: Any) -> tuple[str | None, Any]:
    depth = 0
    while isinstance(node, dict) and "$ref" in node and file_name and depth < 10:
        file_name, node = schemas.resolve(file_name, node["$ref"])
        depth += 1
    return file_name, node
