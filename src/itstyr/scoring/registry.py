"""Checks registered by name. A criterion in a framework names its check; an unknown name is an
error in the framework, found when it is loaded."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from itstyr.lint.context import LintContext
from itstyr.scoring.result import CheckResult

Check = Callable[[LintContext, dict], CheckResult]

# Modules under itstyr.scoring.checks that register checks, listed explicitly.
MODULES = [
    "documents",
    "responsibility",
    "goals",
    "council",
    "council_work",
    "governance_model",
    "decision_process",
    "cost",
    "follow_up",
    "benefits",
    "internal_control",
]

_CHECKS: dict[str, Check] = {}


def check(name: str) -> Callable[[Check], Check]:
    def register(function: Check) -> Check:
        if name in _CHECKS:
            raise ValueError(f"check {name} is registered twice")
        _CHECKS[name] = function
        return function

    return register


def checks() -> dict[str, Check]:
    if not _CHECKS:
        for module in MODULES:
            import_module(f"itstyr.scoring.checks.{module}")
    return _CHECKS
