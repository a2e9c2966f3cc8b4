"""The bundled schemas: valid, documented for editors, and proven by valid and invalid examples."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from conftest import EXAMPLES, ROOT
from itstyr.checks.schema import check_documents
from itstyr.model import Document, Workspace
from itstyr.resources import read_bundled_yaml
from itstyr.schemaset import schema_set
from itstyr.yamlsafe import parse_text

SCHEMAS = ROOT / "schemas"
KINDS = [
    "organisation", "unit", "steering_document", "goal", "role", "responsibility_matrix", "system",
    "management_object", "it_service", "forum", "governance_model", "prioritisation_model", "initiative",
    "benefits_model", "portfolio", "cost_model", "funding_process", "follow_up_plan", "follow_up_record",
    "internal_control_plan", "audit", "action", "commission",
]  # fmt: skip
SCHEMA_FILES = sorted(SCHEMAS.glob("*.schema.json"))


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_every_required_kind_has_a_schema():
    assert sorted(schema_set().kinds) == sorted(KINDS)


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_schema_is_valid_against_the_metaschema(path):
    schema = load(path)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def _walk_properties(schema, trail=""):
    """Every property definition in a schema, with a readable trail."""
    if isinstance(schema, dict):
        for name, sub in schema.get("properties", {}).items():
            yield f"{trail}/{name}", sub
            yield from _walk_properties(sub, f"{trail}/{name}")
        for key, sub in schema.items():
            if key in ("properties", "x-if", "if", "not"):
                continue  # conditions name properties without defining them
            if isinstance(sub, (dict, list)):
                yield from _walk_properties(sub, f"{trail}" if key in ("items", "allOf", "then", "else", "anyOf", "oneOf", "$defs", "additionalProperties") else trail)
    elif isinstance(schema, list):
        for item in schema:
            yield from _walk_properties(item, trail)


def _resolved(schema: dict, file_name: str) -> dict:
    """A property's own title/description, or those of the definition it refers to."""
    if "$ref" in schema and ("title" not in schema or "description" not in schema):
        _, target = schema_set().resolve(file_name, schema["$ref"])
        return {**target, **schema}
    return schema


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_every_property_has_a_swedish_title_and_description(path):
    missing = []
    for trail, sub in _walk_properties(load(path)):
        if not isinstance(sub, dict):
            continue
        resolved = _resolved(sub, path.name) if "$ref" in sub else sub
        if not resolved.get("title") or not resolved.get("description"):
            missing.append(trail)
    assert not missing, f"properties without title or description: {missing}"


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_objects_are_closed_and_conditions_explained(path):
    def visit(schema, trail):
        if isinstance(schema, dict):
            if schema.get("type") == "object" and "properties" in schema:
                assert schema.get("additionalProperties") is False, f"{trail} must set additionalProperties: false"
            if "then" in schema:
                assert schema["then"].get("description"), f"{trail}: every then needs a Swedish description"
            for key, sub in schema.items():
                visit(sub, f"{trail}/{key}")
        elif isinstance(schema, list):
            for index, sub in enumerate(schema):
                visit(sub, f"{trail}/{index}")

    schema = load(path)
    if path.name not in ("document.schema.json",):
        visit(schema, path.name)


def test_every_enum_value_has_a_label_in_both_languages():
    glossary = {}
    for path in sorted((ROOT / "src/itstyr/data/glossary").glob("*.yaml")):
        entries = read_bundled_yaml(f"data/glossary/{path.name}")
        for slug, labels in entries.items():
            assert set(labels) == {"sv", "en"}, f"{path.name}: {slug}"
            if slug in glossary:
                assert glossary[slug] == labels, f"{slug} has different labels in two glossary files"
            glossary[slug] = labels
    missing = set()

    def visit(schema):
        if isinstance(schema, dict):
            for value in schema.get("enum", []):
                if isinstance(value, str) and value not in glossary:
                    missing.add(value)
            for key, sub in schema.items():
                if key not in ("x-if", "if"):
                    visit(sub)
        elif isinstance(schema, list):
            for sub in schema:
                visit(sub)

    for path in SCHEMA_FILES:
        if path.name not in ("document.schema.json", "itstyr-config.schema.json"):
            visit(load(path))
    assert not missing, f"enum values without a glossary label: {sorted(missing)}"


def test_document_schema_dispatches_every_kind():
    schema = load(SCHEMAS / "document.schema.json")
    assert sorted(schema["properties"]["kind"]["enum"]) == sorted(KINDS)
    targets = sorted(rule["then"]["$ref"] for rule in schema["allOf"])
    assert targets == sorted(f"{kind}.schema.json" for kind in KINDS)


def _examples(kind: str, prefix: str) -> list[Path]:
    return sorted((EXAMPLES / kind).glob(f"{prefix}-*.yaml"))


def _schema_findings(path: Path):
    parsed = parse_text(path.read_text(encoding="utf-8"))
    assert not parsed.problems, f"{path}: {parsed.problems}"
    documents = [Document(path.name, d) for d in parsed.documents]
    return list(check_documents(Workspace(documents), schema_set()))


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_has_valid_and_invalid_examples(kind):
    assert _examples(kind, "valid"), f"no valid example for {kind}"
    assert len(_examples(kind, "invalid")) >= 3, f"fewer than three invalid examples for {kind}"


VALID = [p for kind in KINDS for p in _examples(kind, "valid")]
INVALID = [p for kind in KINDS for p in _examples(kind, "invalid")]


@pytest.mark.parametrize("path", VALID, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_valid_example_passes(path):
    assert _schema_findings(path) == []


@pytest.mark.parametrize("path", INVALID, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_invalid_example_fails_where_it_says(path):
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.match(r"#\s*expect:\s*(\S+)", first_line)
    assert match, f"{path} must start with '# expect: <json-pointer>'"
    expected = match.group(1)
    found = _schema_findings(path)
    assert found, f"{path} was accepted"
    assert expected in [finding.location.json_path for finding in found], [
        (f.location.json_path, f.message.render()) for f in found
    ]
    for finding in found:
        assert finding.message.render("sv") and finding.message.render("en")
