"""The layering the code relies on: the library never imports the CLI, and importing it stays cheap."""

from __future__ import annotations

import ast
import subprocess
import sys

from conftest import ROOT

PACKAGE = ROOT / "src" / "itstyr"


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_nothing_outside_the_cli_imports_the_cli():
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "cli" not in path.relative_to(PACKAGE).parts[:1] and path.name != "__main__.py"
        and any(name.startswith("itstyr.cli") for name in _imports(path))
    ]
    assert offenders == []


def test_checks_depend_only_on_the_model_and_shared_values():
    allowed = ("itstyr.findings", "itstyr.messages", "itstyr.model", "itstyr.schemaset", "itstyr.suggest", "itstyr.checks")
    for path in (PACKAGE / "checks").rglob("*.py"):
        for name in _imports(path):
            if name.startswith("itstyr"):
                assert name.startswith(allowed), f"{path.name} imports {name}"


def test_importing_the_library_loads_no_cli_or_validation_libraries():
    code = (
        "import sys, itstyr.api, itstyr.model, itstyr.findings;"
        "print(sorted(m for m in ('typer', 'click', 'rich', 'jsonschema', 'jsonschema_rs', 'jinja2', 'git') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
