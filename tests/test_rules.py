"""Lint rules tested as data: every rule's documented examples, and its cases in tests/rules/<id>.yaml,
each run through the real lint engine on a small repository written to a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from itstyr.api import lint
from itstyr.lint.registry import ENGINE_RULES, registry
from itstyr.yamlsafe import parse_text

CASES = Path(__file__).resolve().parent / "rules"
DEFAULT_AS_OF = "2026-11-30"
# Findings that a case may have besides the rule's: references to entities a small case leaves out.
TOLERATED = {"ref-unknown", "ref-wrong-kind"}


def _load_cases():
    for path in sorted(CASES.glob("*.yaml")):
        parsed = parse_text(path.read_text(encoding="utf-8"))
        assert not parsed.problems, f"{path}: {parsed.problems}"
        data = parsed.documents[0].data
        assert data["rule"] == path.stem, f"{path.name} must describe rule {path.stem}"
        for index, case in enumerate(data["cases"]):
            yield pytest.param(data["rule"], case, id=f"{data['rule']}[{index}] {case['name']}")


def _run(tmp_path: Path, rule_id: str, files: dict[str, str], as_of: str, settings: str | None = None):
    for name, content in files.items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    if settings is not None:
        (tmp_path / "itstyr.yaml").write_text(settings, encoding="utf-8")
    result = lint(tmp_path, as_of)
    unexpected = [f for f in result.findings if f.rule_id not in TOLERATED and f.rule_id not in registry()]
    assert not unexpected, "the case itself is broken: " + "; ".join(
        f"{f.location} [{f.rule_id}] {f.message.render()}" for f in unexpected
    )
    return [f for f in result.findings if f.rule_id == rule_id], result


@pytest.mark.parametrize(("rule_id", "case"), list(_load_cases()))
def test_rule_case(tmp_path, rule_id, case):
    found, _ = _run(tmp_path, rule_id, case["files"], str(case.get("as_of", DEFAULT_AS_OF)), case.get("settings"))
    actual = sorted((f.location.path, f.location.line) for f in found)
    expected = sorted((item["path"], item["line"]) for item in case["expect"])
    assert actual == expected, [f"{f.location} {f.message.render()}" for f in found]
    for finding in found:
        assert finding.message.render("sv") and finding.message.render("en")


RULES_WITH_CHECKS = [rule_id for rule_id, spec in registry().items() if spec.check is not None]


@pytest.mark.parametrize("rule_id", sorted(registry()))
def test_rule_is_documented(rule_id):
    spec = registry()[rule_id]
    assert spec.title.sv and spec.title.en
    assert len(spec.why.sv) > 80 and len(spec.why.en) > 80, "explain why the rule matters, in both languages"
    if rule_id not in ENGINE_RULES:
        assert spec.audit, "say where in the audit (or practice) the rule comes from"
        assert spec.examples.get("pass") and spec.examples.get("fail"), "a passing and a failing example"
        assert (CASES / f"{rule_id}.yaml").is_file(), "cases in tests/rules/<id>.yaml"


@pytest.mark.parametrize("rule_id", RULES_WITH_CHECKS)
def test_documented_examples_behave_as_documented(tmp_path, rule_id):
    examples = registry()[rule_id].examples
    as_of = str(examples.get("as_of", DEFAULT_AS_OF))
    passing, _ = _run(tmp_path / "pass", rule_id, {"example.yaml": examples["pass"]}, as_of)
    assert passing == [], [f.message.render() for f in passing]
    failing, _ = _run(tmp_path / "fail", rule_id, {"example.yaml": examples["fail"]}, as_of)
    assert failing, "the failing example must produce a finding"


def test_every_rule_has_cases_that_pass_and_fail():
    cases_by_rule: dict[str, list] = {}
    for param in _load_cases():
        rule_id, case = param.values
        cases_by_rule.setdefault(rule_id, []).append(case)
    for rule_id in RULES_WITH_CHECKS:
        cases = cases_by_rule.get(rule_id, [])
        assert any(case["expect"] for case in cases), f"{rule_id}: no failing case"
        assert any(not case["expect"] for case in cases), f"{rule_id}: no passing case"
