"""Documents against their kind's JSON Schema, with every error turned into a finding a person can act on:
the field's Swedish name, the allowed values, "menade du …?" for typos, and the rule behind a
conditional requirement."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from itstyr.findings import Finding, Severity
from itstyr.messages import Message, Text
from itstyr.model import Document, Workspace
from itstyr.schemaset import SchemaSet
from itstyr.suggest import did_you_mean

RULE = "schema"

_TYPE_KEYS = {
    "string": "type.string",
    "integer": "type.integer",
    "number": "type.number",
    "boolean": "type.boolean",
    "array": "type.array",
    "object": "type.object",
    "null": "type.null",
}


def check_documents(workspace: Workspace, schemas: SchemaSet, invalid: set[int] | None = None) -> Iterator[Finding]:
    """Findings for documents that break their schema; their `id()`s are added to `invalid`, so
    that lint rules, which rely on the schema's shapes, can leave them out."""
    invalid = set() if invalid is None else invalid
    kind_files = schemas.kind_files
    known_kinds = sorted(kind_files)
    for document in workspace:
        data = document.data
        if not isinstance(data, dict):
            continue  # reported by the loader
        kind = data.get("kind")
        if kind is None:
            invalid.add(id(document))
            yield _finding(document, "kind-missing", Message("kind.missing"), (), hint=Message("kind.missing.hint", kinds=known_kinds))
            continue
        if not isinstance(kind, str) or kind not in kind_files:
            suggestion = did_you_mean(str(kind), known_kinds)
            hint = Message("hint.did_you_mean", value=suggestion) if suggestion else Message("kind.unknown.hint", kinds=known_kinds)
            invalid.add(id(document))
            yield _finding(document, "kind-unknown", Message("kind.unknown", kind=str(kind)), ("kind",), hint=hint)
            continue
        file_name = kind_files[kind]
        if schemas.fast_validator(file_name).is_valid(data):
            continue
        invalid.add(id(document))
        yield from _explain(document, schemas, file_name)


def _explain(document: Document, schemas: SchemaSet, file_name: str) -> Iterator[Finding]:
    errors = list(schemas.detailed_validator(file_name).iter_errors(document.data))
    if not errors:
        # The two validators disagree (a format only one of them checks): trust the stricter one.
        for error in schemas.fast_validator(file_name).iter_errors(document.data):
            parts = tuple(error.instance_path)
            yield _finding(document, RULE, Message("schema.other", keyword=type(getattr(error, "kind", error)).__name__), parts)
        return
    yield from translate_errors(document, errors)


def translate_errors(document: Document, errors) -> Iterator[Finding]:
    """Findings for python-jsonschema errors about one document."""
    for error in errors:
        yield from _translate(document, error)


def _translate(document: Document, error) -> Iterator[Finding]:
    validator = error.validator
    parts = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    if validator in ("anyOf", "oneOf"):
        yield from _translate_alternatives(document, error, parts, schema)
        return
    if validator == "required":
        yield from _translate_required(document, error, parts)
        return
    if validator == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        patterns = list(schema.get("patternProperties", {}))
        for key in _extra_keys(error.instance, allowed, patterns):
            suggestion = did_you_mean(key, allowed)
            hint = Message("hint.did_you_mean", value=suggestion) if suggestion else Message("schema.unknown_key.hint", keys=allowed)
            yield _finding(document, RULE, Message("schema.unknown_key", key=key), parts + (key,), hint=hint, key=True)
        return
    if validator == "enum":
        options = [str(option) for option in error.validator_value]
        suggestion = did_you_mean(str(error.instance), options) if isinstance(error.instance, str) else None
        hint = Message("hint.did_you_mean", value=suggestion) if suggestion else Message("schema.enum.hint", values=options)
        yield _finding(document, RULE, Message("schema.enum", value=_show(error.instance), field=_field(schema, parts)), parts, hint=hint)
        return
    if validator == "contains":
        yield _finding(
            document, RULE, Message("schema.contains", field=_field(schema, parts)), parts, hint=_description_hint(schema)
        )
        return
    if validator == "not":
        rule_text = schema.get("description")
        message = Message("schema.rule", rule=Text(rule_text)) if rule_text else Message("schema.not")
        yield _finding(document, RULE, message, parts)
        return
    if validator == "const":
        yield _finding(
            document, RULE, Message("schema.const", value=_show(error.instance), expected=_show(error.validator_value)), parts
        )
        return
    if validator == "type":
        yield _translate_type(document, error, parts, schema)
        return
    if validator == "format":
        yield _finding(
            document,
            RULE,
            Message("schema.format", value=_show(error.instance), format=Message(f"format.{error.validator_value}")),
            parts,
            hint=_description_hint(schema),
        )
        return
    if validator == "pattern":
        yield _finding(
            document, RULE, Message("schema.pattern", value=_show(error.instance), field=_field(schema, parts)), parts, hint=_description_hint(schema)
        )
        return
    simple = {
        "minItems": "schema.min_items",
        "maxItems": "schema.max_items",
        "minLength": "schema.min_length",
        "maxLength": "schema.max_length",
        "minimum": "schema.minimum",
        "maximum": "schema.maximum",
        "exclusiveMinimum": "schema.exclusive_minimum",
        "exclusiveMaximum": "schema.exclusive_maximum",
        "uniqueItems": "schema.unique_items",
        "minProperties": "schema.min_properties",
        "multipleOf": "schema.multiple_of",
    }
    if validator in simple:
        yield _finding(
            document,
            RULE,
            Message(simple[validator], field=_field(schema, parts), limit=_show(error.validator_value), value=_show(error.instance)),
            parts,
            hint=_description_hint(schema),
        )
        return
    yield _finding(document, RULE, Message("schema.other", keyword=validator), parts, hint=_description_hint(schema))


def _translate_required(document: Document, error, parts: tuple) -> Iterator[Finding]:
    properties = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
    instance = error.instance if isinstance(error.instance, dict) else {}
    condition = _condition_of(error)
    for name in error.validator_value:
        if name in instance:
            continue
        title = _title(properties.get(name)) if properties else None
        field = Message("field.named", key=name, title=title) if title else Message("field.key", key=name)
        if condition is not None:
            rule_text, when = condition
            message = Message("schema.required_when", field=field, when=when)
            hint = Text(rule_text, en_fallback=False) if rule_text else None
        else:
            message = Message("schema.required", field=field)
            hint = None
        yield _finding(document, RULE, message, parts, hint=hint)


def _condition_of(error) -> tuple[str | None, Message] | None:
    """For an error under an `if`/`then`: the rule as the schema states it, and what triggers it.

    The schema set copies each `if` into its `then` as `x-if`, so the failing `then` knows its condition.
    """
    then_schema = error.schema if isinstance(error.schema, dict) else {}
    if "x-if" not in then_schema:
        return None
    conditions = []
    for name, sub in then_schema["x-if"].get("properties", {}).items():
        if not isinstance(sub, dict):
            continue
        if "const" in sub:
            conditions.append(Message("when.equals", key=name, value=_show(sub["const"])))
        elif "enum" in sub:
            conditions.append(Message("when.one_of", key=name, values=[str(v) for v in sub["enum"]]))
        elif isinstance(sub.get("not"), dict) and "const" in sub["not"]:
            conditions.append(Message("when.not_equals", key=name, value=_show(sub["not"]["const"])))
    when = Message("when.all", conditions=conditions) if conditions else Message("when.condition")
    return then_schema.get("description"), when


def _translate_alternatives(document: Document, error, parts: tuple, schema: dict) -> Iterator[Finding]:
    context = list(error.context or [])
    if context and all(sub.validator == "required" for sub in context):
        # "one of these fields" (anyOf of required): name them, and the rule behind it
        names = sorted({name for sub in context for name in sub.validator_value if name not in (error.instance or {})})
        rule_text = schema.get("description")
        hint = Text(rule_text, en_fallback=False) if rule_text else None
        yield _finding(document, RULE, Message("schema.required_one_of", fields=names), parts, hint=hint)
        return
    deeper = [sub for sub in context if len(sub.absolute_path) > len(error.absolute_path)]
    if deeper:
        from jsonschema.exceptions import best_match

        best = best_match(deeper)
        if best is not None:
            yield from _translate(document, best)
            return
    title = _title(schema)
    label = Message("field.title", title=title) if title else _field(schema, parts)
    yield _finding(
        document, RULE, Message("schema.alternatives", value=_show(error.instance), expected=label), parts, hint=_description_hint(schema)
    )


def _translate_type(document: Document, error, parts: tuple, schema: dict) -> Finding:
    expected = error.validator_value
    expected_list = expected if isinstance(expected, list) else [expected]
    names = [Message(_TYPE_KEYS.get(name, "type.string")) for name in expected_list]
    actual = _type_of(error.instance)
    hint = _description_hint(schema)
    if "string" in expected_list and actual in ("integer", "number", "boolean"):
        hint = Message("schema.type.quote_hint", value=_show(error.instance))
    elif "boolean" in expected_list and isinstance(error.instance, str):
        hint = Message("schema.type.boolean_hint")
    return _finding(
        document,
        RULE,
        Message("schema.type", field=_field(schema, parts), expected=names, actual=Message(_TYPE_KEYS[actual])),
        parts,
        hint=hint,
    )


def _type_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _extra_keys(instance: Any, allowed: list[str], patterns: list[str]) -> list[str]:
    import re

    if not isinstance(instance, dict):
        return []
    compiled = [re.compile(pattern) for pattern in patterns]
    return [key for key in instance if key not in allowed and not any(p.search(key) for p in compiled)]


def _title(schema: Any) -> str | None:
    if isinstance(schema, dict):
        title = schema.get("title")
        return title if isinstance(title, str) else None
    return None


def _field(schema: dict, parts: tuple) -> Message:
    key = next((str(part) for part in reversed(parts) if isinstance(part, str)), None)
    title = _title(schema)
    if key and title:
        return Message("field.named", key=key, title=title)
    if key:
        return Message("field.key", key=key)
    if title:
        return Message("field.title", title=title)
    return Message("field.value")


def _description_hint(schema: dict) -> Message | None:
    description = schema.get("description") if isinstance(schema, dict) else None
    return Text(description) if isinstance(description, str) else None


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= 60 else f"'{value[:57]}…'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (dict, list)):
        return "{…}" if isinstance(value, dict) else "[…]"
    return str(value)


def _finding(
    document: Document,
    rule_id: str,
    message: Message,
    parts: tuple,
    *,
    hint: Message | None = None,
    key: bool = False,
) -> Finding:
    return Finding(
        rule_id,
        Severity.ERROR,
        message,
        document.location(parts, key=key),
        hint=hint,
        kind=document.kind,
        entity_id=document.id,
    )
