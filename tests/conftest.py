"""Shared fixtures: the bundled template as a realistic starting point, and the CLI run as a user runs it."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from itstyr.cli.app import main

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "governance-repo-template"
EXAMPLES = Path(__file__).resolve().parent / "examples"


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run `itstyr ARGS` in-process and return exit code, stdout and stderr."""
    monkeypatch.delenv("ITSTYR_DEBUG", raising=False)
    monkeypatch.delenv("ITSTYR_LANG", raising=False)

    def run(*args: str) -> Run:
        capsys.readouterr()
        try:
            main(list(args))
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 2)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def template_copy(tmp_path) -> Path:
    """A private copy of the template repository that a test may break."""
    target = tmp_path / "repo"
    shutil.copytree(TEMPLATE, target)
    return target


def findings(run: Run) -> list[dict]:
    return run.json()["findings"]


def rules(run: Run) -> set[str]:
    return {finding["rule"] for finding in findings(run)}


def first_file_with(repo: Path, text: str) -> Path:
    for path in sorted(repo.rglob("*.yaml")):
        if text in path.read_text(encoding="utf-8"):
            return path
    raise AssertionError(f"no file in {repo} contains {text!r}")
