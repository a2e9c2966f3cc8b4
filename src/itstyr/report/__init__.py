"""Reporters by name: `--format` offers exactly the keys of REPORTERS."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from itstyr.api import ValidationResult

Reporter = Callable[[ValidationResult, str, TextIO], None]


def _text(result: ValidationResult, language: str, stream: TextIO) -> None:
    from itstyr.report.text import report

    report(result, language, stream)


def _json(result: ValidationResult, language: str, stream: TextIO) -> None:
    from itstyr.report.json import report

    report(result, language, stream)


REPORTERS: dict[str, Reporter] = {"text": _text, "json": _json}
