"""The template lints clean; a deliberately broken copy of it triggers every rule at least once.

The breakages are data, one file per rule group in tests/lint_broken/: files to add and text to
replace in the template copy, each naming the rule it is meant to trigger."""

from __future__ import annotations

from pathlib import Path

from conftest import TEMPLATE
from itstyr.api import lint
from itstyr.lint.registry import ENGINE_RULES, registry
from itstyr.yamlsafe import parse_text

AS_OF = "2026-11-30"
BROKEN = Path(__file__).resolve().parent / "lint_broken"


def test_template_lints_clean(cli):
    run = cli("lint", str(TEMPLATE), "--as-of", AS_OF, "--format", "json", "--fail-on", "warning")
    assert run.code == 0, [f"{f['path']}:{f['line']} [{f['rule']}] {f['message']}" for f in run.json()["findings"]]
    assert run.json()["findings"] == []


def test_template_lints_clean_for_two_years():
    result = lint(TEMPLATE, "2028-11-26")
    errors = [f"{f.location} [{f.rule_id}] {f.message.render()}" for f in result.findings if f.severity.value == "error"]
    assert errors == []


def _breakages():
    for path in sorted(BROKEN.glob("*.yaml")):
        parsed = parse_text(path.read_text(encoding="utf-8"))
        assert not parsed.problems, f"{path}: {parsed.problems}"
        yield from parsed.documents[0].data


def test_broken_template_triggers_every_rule(template_copy):
    intended = set()
    for breakage in _breakages():
        intended.add(breakage["rule"])
        for name, content in breakage.get("add", {}).items():
            target = template_copy / name
            assert not target.exists(), f"{name} already exists"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
        for change in breakage.get("replace", []):
            target = template_copy / change["file"]
            text = target.read_text(encoding="utf-8")
            assert change["old"] in text, f"{breakage['rule']}: {change['old']!r} not in {change['file']}"
            target.write_text(text.replace(change["old"], change["new"], 1), encoding="utf-8")
    result = lint(template_copy, AS_OF)
    fired = {finding.rule_id for finding in result.findings}
    expected = set(registry()) - set(ENGINE_RULES)
    assert intended >= expected, f"no breakage for: {sorted(expected - intended)}"
    assert fired >= expected, f"rules that did not fire: {sorted(expected - fired)}"
