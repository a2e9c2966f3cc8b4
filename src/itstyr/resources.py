"""Bundled data (schemas, messages, glossary), read through importlib.resources so that an installed
wheel works exactly like the source tree."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any


def package_root() -> Traversable:
    return resources.files("itstyr")


def schema_dir() -> Traversable:
    return package_root().joinpath("schemas")


def read_bundled_text(relative: str) -> str:
    return package_root().joinpath(relative).read_text(encoding="utf-8")


def read_bundled_yaml(relative: str) -> Any:
    from itstyr.yamlsafe import parse_text

    parsed = parse_text(read_bundled_text(relative))
    if parsed.problems or len(parsed.documents) != 1:
        raise RuntimeError(f"bundled file {relative} is broken: {parsed.problems}")
    return parsed.documents[0].data


@cache
def read_schema(file_name: str) -> dict[str, Any]:
    return json.loads(schema_dir().joinpath(file_name).read_text(encoding="utf-8"))


def schema_file_names() -> list[str]:
    return sorted(entry.name for entry in schema_dir().iterdir() if entry.name.endswith(".schema.json"))
