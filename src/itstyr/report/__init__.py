"""Reporters by name: `--format` offers exactly the keys of REPORTERS. Each takes a `Report`, the
language and a text stream; each is imported only when chosen."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TextIO

from itstyr.report.model import Report

Reporter = Callable[[Report, str, TextIO], None]

_MODULES = {"text": "text", "json": "json", "sarif": "sarif", "github": "github", "junit": "junit", "gitlab": "gitlab"}


def _load(module_name: str) -> Reporter:
    def run(report: Report, language: str, stream: TextIO) -> None:
        import_module(f"itstyr.report.{module_name}").report(report, language, stream)

    return run


REPORTERS: dict[str, Reporter] = {name: _load(module) for name, module in _MODULES.items()}
