"""The CI examples shipped with the template and the pre-commit hooks: valid YAML, and every itstyr
command in them is one the CLI accepts (so a renamed option cannot silently break users' pipelines)."""

from __future__ import annotations

import re
import shlex

import pytest

from conftest import ROOT, TEMPLATE
from itstyr.yamlsafe import parse_text

CI_FILES = [
    TEMPLATE / ".github" / "workflows" / "itstyr.yml",
    TEMPLATE / ".gitlab-ci.yml",
    TEMPLATE / "azure-pipelines.yml",
    TEMPLATE / ".pre-commit-config.yaml",
    ROOT / ".pre-commit-hooks.yaml",
]


@pytest.mark.parametrize("path", CI_FILES, ids=lambda p: p.name)
def test_ci_file_is_valid_yaml(path):
    parsed = parse_text(path.read_text(encoding="utf-8"))
    assert not parsed.problems and parsed.documents


def _itstyr_commands():
    for path in CI_FILES:
        for match in re.finditer(r"(?m)(?:run:|script:|-|entry:)\s*(itstyr [^\n#]+)", path.read_text(encoding="utf-8")):
            yield pytest.param(match.group(1).strip(), id=f"{path.name}: {match.group(1).strip()}")


@pytest.mark.parametrize("command", list(_itstyr_commands()))
def test_ci_commands_are_accepted_by_the_cli(cli, tmp_path, command):
    args = shlex.split(command)[1:]
    args = [str(TEMPLATE) if arg == "." else arg for arg in args]
    if "--output" in args:
        index = args.index("--output") + 1
        args[index] = str(tmp_path / args[index])
    if len(args) == 1:
        args.append(str(TEMPLATE))
    run = cli(*args, *(["--as-of", "2026-11-30"] if args[0] == "lint" else []))
    assert run.code == 0, run.out + run.err
