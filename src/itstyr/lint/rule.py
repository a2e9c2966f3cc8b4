"""What a rule is: its metadata and documentation (from data) and its check (from code)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from itstyr.findings import Severity
from itstyr.messages import Text
from itstyr.model import Document


@dataclass(frozen=True, slots=True)
class Violation:
    """One breach found by a rule: where (document and path), and which of the rule's messages
    (`message` names an entry of the rule's `messages`), with its parameters."""

    document: Document
    path: tuple = ()
    message: str = "default"
    params: dict[str, Any] = field(default_factory=dict)
    key: bool = False  # point at the key rather than its value


@dataclass(frozen=True, slots=True)
class OptionSpec:
    name: str
    type: str  # integer, number, string, boolean, array, object
    default: Any
    description: Text


@dataclass(frozen=True, slots=True)
class RuleSpec:
    id: str
    group: str
    default_severity: Severity
    title: Text
    why: Text
    audit: str  # where in the audit (or practice) the rule comes from
    options: dict[str, OptionSpec]
    examples: dict[str, str]  # "pass" and "fail": YAML documents
    check: Callable[..., Iterator[Violation]] | None  # None for findings the engine itself makes
