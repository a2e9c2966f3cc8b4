"""The bundled JSON Schemas: which kinds exist, a fast and a detailed validator per kind, and where
each kind keeps its references to other entities.

Most documents are valid, so they are checked by jsonschema-rs alone (compiled once per kind); only a
document that fails is validated again by python-jsonschema, whose errors carry the detail needed for
a good message. Both are built lazily and once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from itstyr.resources import read_schema, schema_file_names

BASE_URI = "https://itstyr.local/schemas/"
DEFS_FILE = "defs.schema.json"
CONFIG_FILE = "itstyr-config.schema.json"
DOCUMENT_FILE = "document.schema.json"
_NOT_KIND_FILES = {DEFS_FILE, CONFIG_FILE, DOCUMENT_FILE}

ANY = "*"  # a path step meaning every item of a list, or every value of a free-keyed mapping


@dataclass(frozen=True, slots=True)
class RefSpec:
    """At `path` (keys, with ANY for list items and map values) a document holds an id of one of `kinds`."""

    path: tuple[str, ...]
    kinds: tuple[str, ...]


class SchemaSet:
    @cached_property
    def kind_files(self) -> dict[str, str]:
        kinds: dict[str, str] = {}
        for file_name in schema_file_names():
            if file_name in _NOT_KIND_FILES:
                continue
            kind = read_schema(file_name).get("x-kind")
            if kind:
                kinds[kind] = file_name
        return kinds

    @property
    def kinds(self) -> list[str]:
        return sorted(self.kind_files)

    def schema(self, kind: str) -> dict[str, Any]:
        return read_schema(self.kind_files[kind])

    def kind_label(self, kind: str):
        """The kind's name for people, from its schema's titles."""
        from itstyr.messages import Text

        if kind == ANY:
            return Text("valfri posttyp", "any kind")
        schema = self.schema(kind)
        return Text(schema.get("title", kind), schema.get("x-title-en", kind))

    def _with_id(self, file_name: str) -> dict[str, Any]:
        """The schema as validators see it: with an `$id`, and each `if` copied into its `then`."""
        return {**_annotate_conditions(read_schema(file_name)), "$id": BASE_URI + file_name}

    @cached_property
    def _resources(self) -> list[tuple[str, dict[str, Any]]]:
        return [(BASE_URI + name, self._with_id(name)) for name in schema_file_names()]

    @cached_property
    def _fast_registry(self):
        import jsonschema_rs

        return jsonschema_rs.Registry(self._resources)

    @cached_property
    def _detailed_registry(self):
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012

        return Registry().with_resources(
            (uri, Resource.from_contents(contents, default_specification=DRAFT202012)) for uri, contents in self._resources
        )

    def fast_validator(self, file_name: str):
        cache = self.__dict__.setdefault("_fast", {})
        if file_name not in cache:
            import jsonschema_rs

            cache[file_name] = jsonschema_rs.Draft202012Validator(
                self._with_id(file_name), validate_formats=True, registry=self._fast_registry
            )
        return cache[file_name]

    def detailed_validator(self, file_name: str):
        cache = self.__dict__.setdefault("_detailed", {})
        if file_name not in cache:
            from jsonschema import Draft202012Validator

            cache[file_name] = Draft202012Validator(
                self._with_id(file_name), registry=self._detailed_registry, format_checker=_format_checker()
            )
        return cache[file_name]

    def resolve(self, file_name: str, ref: str) -> tuple[str, dict[str, Any]]:
        """Follow a `$ref` written in `file_name`; returns the file it lands in and the subschema."""
        target_file, _, pointer = ref.partition("#")
        target_file = target_file or file_name
        node: Any = read_schema(target_file)
        for part in [p for p in pointer.split("/") if p]:
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return target_file, node

    def ref_specs(self, kind: str) -> tuple[RefSpec, ...]:
        cache = self.__dict__.setdefault("_ref_specs", {})
        if kind not in cache:
            found: dict[tuple[str, ...], tuple[str, ...]] = {}
            self._collect_refs(self.kind_files[kind], self.schema(kind), (), found, 0)
            cache[kind] = tuple(RefSpec(path, kinds) for path, kinds in sorted(found.items()))
        return cache[kind]

    def _collect_refs(self, file_name: str, schema: Any, path: tuple, found: dict, depth: int) -> None:
        if not isinstance(schema, dict) or depth > 40:
            return
        ref_kind = schema.get("x-ref-kind")
        if ref_kind:
            kinds = (ref_kind,) if isinstance(ref_kind, str) else tuple(ref_kind)
            found[path] = tuple(sorted(set(found.get(path, ())) | set(kinds)))
        if "$ref" in schema:
            target_file, target = self.resolve(file_name, schema["$ref"])
            self._collect_refs(target_file, target, path, found, depth + 1)
        for name, sub in schema.get("properties", {}).items():
            self._collect_refs(file_name, sub, path + (name,), found, depth + 1)
        for keyword in ("items", "additionalProperties"):
            if isinstance(schema.get(keyword), dict):
                self._collect_refs(file_name, schema[keyword], path + (ANY,), found, depth + 1)
        for sub in schema.get("patternProperties", {}).values():
            self._collect_refs(file_name, sub, path + (ANY,), found, depth + 1)
        for keyword in ("allOf", "anyOf", "oneOf"):
            for sub in schema.get(keyword, []):
                self._collect_refs(file_name, sub, path, found, depth + 1)
        for keyword in ("then", "else"):
            if keyword in schema:
                self._collect_refs(file_name, schema[keyword], path, found, depth + 1)


def _format_checker():
    """python-jsonschema's format checks, plus `uri`, which it only checks with an optional package:
    without it, a value jsonschema-rs rejects would get no explanation."""
    from urllib.parse import urlsplit

    from jsonschema import FormatChecker

    checker = FormatChecker()

    @checker.checks("uri", raises=ValueError)
    def is_uri(value: object) -> bool:
        if not isinstance(value, str):
            return True
        parts = urlsplit(value)
        return bool(parts.scheme and (parts.netloc or parts.path)) and not any(c.isspace() for c in value)

    return checker


def _annotate_conditions(schema: Any) -> Any:
    if isinstance(schema, list):
        return [_annotate_conditions(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    copy = {key: _annotate_conditions(value) for key, value in schema.items()}
    if isinstance(copy.get("if"), dict) and isinstance(copy.get("then"), dict):
        copy["then"] = {**copy["then"], "x-if": schema["if"]}
    return copy


_shared: SchemaSet | None = None


def schema_set() -> SchemaSet:
    """The process-wide schema set: schemas are bundled and immutable, so compile them once."""
    global _shared
    if _shared is None:
        _shared = SchemaSet()
    return _shared
