"""Every criterion of the bundled framework, tested as data: tests/criteria/<file>.yaml holds, per
criterion, small repositories and the result the criterion's check must give on each (pass, partial,
fail, not_applicable or saknat_underlag). Each criterion needs a case that passes and one that fails."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from itstyr.api import validate
from itstyr.scoring.engine import CriterionResult
from itstyr.scoring.framework import load_framework
from itstyr.scoring.registry import checks
from itstyr.yamlsafe import parse_text

CASES = Path(__file__).resolve().parent / "criteria"
DEFAULT_AS_OF = "2026-11-30"


def _framework():
    return load_framework("revision-2023", Path("."), [])


def _cases():
    for path in sorted(CASES.glob("*.yaml")):
        parsed = parse_text(path.read_text(encoding="utf-8"))
        assert not parsed.problems, f"{path}: {parsed.problems}"
        for entry in parsed.documents[0].data:
            for index, case in enumerate(entry["cases"]):
                yield pytest.param(entry["criterion"], case, id=f"{entry['criterion']}[{index}] {case['name']}")


def _evaluate(tmp_path: Path, criterion_id: str, case: dict) -> CriterionResult:
    from itstyr.lint.config import effective_thresholds
    from itstyr.lint.context import LintContext

    for name, content in case["files"].items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    validation = validate(tmp_path)
    broken = [f for f in validation.findings if f.rule_id not in ("ref-unknown", "ref-wrong-kind")]
    assert not broken, "the case itself is broken: " + "; ".join(f"{f.location} {f.message.render()}" for f in broken)
    criterion = next(c for c in _framework().criteria if c["id"] == criterion_id)
    as_of = date.fromisoformat(str(case.get("as_of", DEFAULT_AS_OF)))
    context = LintContext(validation.workspace, as_of, effective_thresholds("default", {}), validation.invalid)
    check = checks()[criterion["check"]["name"]]
    return CriterionResult(criterion, check(context, criterion["check"].get("params", {})))


@pytest.mark.parametrize(("criterion_id", "case"), list(_cases()))
def test_criterion_case(tmp_path, criterion_id, case):
    result = _evaluate(tmp_path, criterion_id, case)
    assert result.label == case["expect"], [m.render() for m in result.result.missing]
    if "ratio" in case:
        assert result.result.ratio == pytest.approx(case["ratio"], abs=0.01)
    for message in result.result.missing:
        assert message.render("sv") and message.render("en")
    for evidence in result.result.evidence:
        assert evidence.location.line >= 1


def test_every_criterion_has_a_passing_and_a_failing_case():
    outcomes: dict[str, set[str]] = {}
    for param in _cases():
        criterion_id, case = param.values
        outcomes.setdefault(criterion_id, set()).add(case["expect"])
    missing = [
        c["id"]
        for c in _framework().criteria
        if "pass" not in outcomes.get(c["id"], set()) or not outcomes.get(c["id"], set()) & {"fail", "saknat_underlag", "partial"}
    ]
    assert not missing, f"criteria without a passing and a failing case: {missing}"
