"""`itstyr validate` as a user runs it: on the template, and on copies of it broken in every way a rule
catches, with the exit codes, positions, messages and hints the user sees."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from conftest import TEMPLATE, findings, first_file_with, rules


def test_template_is_clean(cli):
    run = cli("validate", str(TEMPLATE), "--format", "json")
    assert run.code == 0, run.out
    report = run.json()
    assert report["findings"] == []
    assert report["summary"]["errors"] == 0
    assert report["summary"]["documents"] >= 100


def test_template_has_every_kind():
    from itstyr.api import validate
    from itstyr.schemaset import schema_set

    result = validate(TEMPLATE)
    assert set(result.workspace.kinds()) == set(schema_set().kinds)


def test_text_output_is_clean_and_summarised(cli):
    run = cli("validate", str(TEMPLATE))
    assert run.code == 0
    assert "Inga problem" in run.out
    assert "\x1b[" not in run.out  # no colour codes when not writing to a terminal


def _replace(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_schema_error_is_located_and_explained(cli, template_copy):
    target = first_file_with(template_copy, "status: gallande")
    _replace(target, "status: gallande", "status: galande")
    run = cli("validate", str(template_copy), "--format", "json")
    assert run.code == 1
    [finding] = [f for f in findings(run) if f["rule"] == "schema"]
    assert finding["path"] == target.relative_to(template_copy).as_posix()
    line = next(i for i, text in enumerate(target.read_text(encoding="utf-8").splitlines(), 1) if "galande" in text)
    assert finding["line"] == line
    assert finding["json_path"].endswith("/status")
    assert "'galande'" in finding["message"]
    assert finding["hint"] == "Menade du 'gallande'?"


def test_unknown_key_gets_did_you_mean(cli, template_copy):
    target = first_file_with(template_copy, "kind: steering_document")
    _replace(target, "\nname:", "\nnamn: x\nname:")
    run = cli("validate", str(template_copy), "--format", "json")
    assert run.code == 1
    finding = next(f for f in findings(run) if f["rule"] == "schema")
    assert finding["message"] == "Okänd nyckel 'namn'."
    assert finding["hint"] == "Menade du 'name'?"


def test_conditional_requirement_names_the_rule(cli, template_copy):
    target = first_file_with(template_copy, "kind: steering_document")
    text = target.read_text(encoding="utf-8")
    # drop the decision block of the first in-force document
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("decision:"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith((" ", "\t")))
    target.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    run = cli("validate", str(template_copy), "--format", "json")
    assert run.code == 1
    messages = [f["message"] for f in findings(run) if f["rule"] == "schema"]
    assert any("'decision'" in m and "status" in m for m in messages), messages


def test_bad_web_address_is_explained(cli, template_copy):
    target = first_file_with(template_copy, "kind: steering_document")
    text = target.read_text(encoding="utf-8")
    target.write_text(text.rstrip("\n") + "\ndocument_url: https://www.exempel .se/policy\n", encoding="utf-8")
    run = cli("validate", str(template_copy), "--format", "json")
    [finding] = [f for f in findings(run) if f["rule"] == "schema"]
    assert finding["json_path"] == "/document_url"
    assert "giltig webbadress" in finding["message"]


def test_english_messages(cli, template_copy):
    target = first_file_with(template_copy, "status: gallande")
    _replace(target, "status: gallande", "status: galande")
    run = cli("validate", str(template_copy), "--format", "json", "--lang", "en")
    finding = next(f for f in findings(run) if f["rule"] == "schema")
    assert "is not an allowed value" in finding["message"]
    assert finding["hint"] == "Did you mean 'gallande'?"


def test_language_from_settings(cli, template_copy):
    (template_copy / "itstyr.yaml").write_text("language: en\n", encoding="utf-8")
    target = first_file_with(template_copy, "status: gallande")
    _replace(target, "status: gallande", "status: galande")
    run = cli("validate", str(template_copy))
    assert "is not an allowed value" in run.out


def test_duplicate_id_names_the_first_place(cli, template_copy):
    source = first_file_with(template_copy, "kind: system")
    copy = source.with_name("kopia-" + source.name)
    copy.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    run = cli("validate", str(template_copy), "--format", "json")
    assert run.code == 1
    duplicates = [f for f in findings(run) if f["rule"] == "id-duplicate"]
    assert duplicates
    assert source.relative_to(template_copy).as_posix() in duplicates[0]["message"]


def test_unknown_reference_suggests_the_closest_id(cli, template_copy):
    target = first_file_with(template_copy, "kind: system")
    text = target.read_text(encoding="utf-8")
    cost_bearer = re.search(r"cost_bearer: (\S+)", text).group(1)
    _replace(target, f"cost_bearer: {cost_bearer}", f"cost_bearer: {cost_bearer}x")
    run = cli("validate", str(template_copy), "--format", "json")
    assert run.code == 1
    [finding] = [f for f in findings(run) if f["rule"] == "ref-unknown"]
    assert finding["json_path"] == "/cost_bearer"
    assert finding["hint"] == f"Menade du '{cost_bearer}'?"


def test_reference_to_the_wrong_kind(cli, template_copy):
    target = first_file_with(template_copy, "kind: system")
    text = target.read_text(encoding="utf-8")
    cost_bearer = re.search(r"cost_bearer: (\S+)", text).group(1)
    system_id = re.search(r"^id: (\S+)", text, re.MULTILINE).group(1)
    _replace(target, f"cost_bearer: {cost_bearer}", f"cost_bearer: {system_id}")
    run = cli("validate", str(template_copy), "--format", "json")
    assert run.code == 1
    [finding] = [f for f in findings(run) if f["rule"] == "ref-wrong-kind"]
    assert finding["json_path"] == "/cost_bearer"


def test_missing_and_unknown_kind(cli, template_copy):
    (template_copy / "utan-kind.yaml").write_text("id: x-1\nname: Något\n", encoding="utf-8")
    (template_copy / "fel-kind.yaml").write_text("kind: sytem\nid: x-2\nname: Något\n", encoding="utf-8")
    run = cli("validate", str(template_copy), "--format", "json")
    assert run.code == 1
    by_rule = {f["rule"]: f for f in findings(run)}
    assert by_rule["kind-missing"]["path"] == "utan-kind.yaml"
    assert by_rule["kind-unknown"]["hint"] == "Menade du 'system'?"


@pytest.mark.parametrize(
    ("content", "rule", "line"),
    [
        (b"kind: unit\nid: [x\n", "yaml-syntax", 3),
        (b"kind: unit\nid: a\nid: b\n", "yaml-duplicate-key", 3),
        (b"kind: unit\nid: !!python/object/apply:os.system ['true']\n", "yaml-tag", 2),
        (b"kind: unit\nname: F\xf6rvaltning\n", "yaml-encoding", 2),
        (b"", "yaml-empty", 1),
        (b"- kind: unit\n", "yaml-not-mapping", 1),
        (b"? [a, b]\n: c\n", "yaml-key", 1),
        (b"x: " + b"[" * 100 + b"]" * 100 + b"\n", "yaml-limit", None),
    ],
)
def test_yaml_rules_through_the_cli(cli, template_copy, content, rule, line):
    (template_copy / "trasig.yaml").write_bytes(content)
    run = cli("validate", str(template_copy), "--format", "json")
    found = [f for f in findings(run) if f["path"] == "trasig.yaml"]
    matching = [f for f in found if f["rule"] == rule]
    assert len(matching) == 1, found
    if line is not None:
        assert matching[0]["line"] == line
    assert matching[0]["message"] and matching[0]["hint"]
    assert run.code == (0 if all(f["severity"] == "warning" for f in found) else 1)


def test_one_bad_file_does_not_hide_the_others(cli, template_copy):
    (template_copy / "a-trasig.yaml").write_text("kind: unit\nid: [x\n", encoding="utf-8")
    target = first_file_with(template_copy, "status: gallande")
    _replace(target, "status: gallande", "status: galande")
    run = cli("validate", str(template_copy), "--format", "json")
    assert {"yaml-syntax", "schema"} <= rules(run)


def test_unreadable_file(cli, template_copy):
    os.symlink(template_copy / "finns-inte.yaml", template_copy / "brusten-lank.yaml")
    run = cli("validate", str(template_copy), "--format", "json")
    assert run.code == 1
    assert "file-unreadable" in rules(run)


def test_file_size_limit_from_settings(cli, template_copy):
    (template_copy / "itstyr.yaml").write_text("language: sv\nlimits:\n  max_file_bytes: 1024\n", encoding="utf-8")
    (template_copy / "stor.yaml").write_text("kind: unit\ndescription: '" + "x" * 2000 + "'\n", encoding="utf-8")
    run = cli("validate", str(template_copy), "--format", "json")
    assert [f["rule"] for f in findings(run) if f["path"] == "stor.yaml"] == ["yaml-limit"]


def test_settings_errors_exit_2_with_position(cli, template_copy):
    (template_copy / "itstyr.yaml").write_text("language: sv\nlanguge: en\nas_of: 2026-02-30\n", encoding="utf-8")
    run = cli("validate", str(template_copy), "--format", "json")
    assert run.code == 2
    config = [f for f in findings(run) if f["rule"] == "config"]
    assert [(f["path"], f["line"]) for f in config] == [("itstyr.yaml", 2), ("itstyr.yaml", 3)]
    assert config[0]["hint"] == "Menade du 'language'?"


def test_include_and_exclude_globs(cli, template_copy):
    (template_copy / "utkast").mkdir()
    (template_copy / "utkast" / "trasig.yaml").write_text("kind: [\n", encoding="utf-8")
    assert cli("validate", str(template_copy)).code == 1
    (template_copy / "itstyr.yaml").write_text("exclude: ['utkast/**']\n", encoding="utf-8")
    assert cli("validate", str(template_copy)).code == 0


def test_usage_errors_exit_2_without_traceback(cli, tmp_path):
    missing = cli("validate", str(tmp_path / "finns-inte"))
    assert missing.code == 2
    assert "finns inte" in missing.err and "Traceback" not in missing.err
    a_file = tmp_path / "fil.yaml"
    a_file.write_text("kind: unit\n", encoding="utf-8")
    assert cli("validate", str(a_file)).code == 2
    assert cli("validate", str(tmp_path), "--format", "xml").code == 2
    assert cli("nonsense").code == 2


def test_empty_folder_is_clean(cli, tmp_path):
    run = cli("validate", str(tmp_path), "--format", "json")
    assert run.code == 0
    assert run.json()["summary"] == {"files": 0, "documents": 0, "errors": 0, "warnings": 0, "infos": 0, "waived": 0}


def test_json_output_shape_is_stable(cli, template_copy):
    target = first_file_with(template_copy, "status: gallande")
    _replace(target, "status: gallande", "status: galande")
    report = cli("validate", str(template_copy), "--format", "json").json()
    assert set(report) == {"tool", "version", "format_version", "command", "language", "as_of", "summary", "findings", "waived"}
    assert report["format_version"] == 1
    assert set(report["findings"][0]) == {
        "rule", "severity", "path", "line", "column", "json_path", "kind", "id", "message", "hint",
    }  # fmt: skip


def test_runs_as_a_module_in_a_subprocess(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "itstyr", "validate", str(TEMPLATE)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Inga problem" in result.stdout
