"""`itstyr score` and the reports: the template scores high, the 2023 baseline reproduces the audit's
verdicts, a partly remediated baseline moves only what it should, an empty repository is assessed as
lacking evidence, and the reports are deterministic Markdown with working links."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, TEMPLATE
from itstyr.api import score

BASELINE = ROOT / "examples" / "helsingborg-2023"
AUDIT_DATE = "2023-11-27"
AS_OF = "2026-11-30"
AUDITORS = {
    "Q1": "nej", "Q1a": "delvis", "Q2": "nej", "Q3": "nej", "Q4": "nej", "Q4a": "delvis",
    "Q4b": "nej", "Q4c": "delvis", "Q4d": "delvis", "Q5": "nej", "Q6": "nej",
}  # fmt: skip


def test_framework_has_at_least_40_criteria_over_r1_to_r7():
    result = score(TEMPLATE, AS_OF)
    assert len(result.criteria) >= 40
    assert {r.id for r in result.recommendations} == {f"R{n}" for n in range(1, 8)}
    for recommendation in result.recommendations:
        assert sum(c.weight for c in recommendation.criteria) == pytest.approx(100)


def test_template_scores_at_least_90_on_every_recommendation():
    result = score(TEMPLATE, AS_OF)
    low = {r.id: r.score for r in result.recommendations if r.score is None or r.score < 90}
    assert not low, low
    assert result.label == "uppfylld"


def test_template_stays_fulfilled_for_two_years():
    result = score(TEMPLATE, "2028-11-26")
    assert result.label == "uppfylld"


@pytest.mark.parametrize(("question", "verdict"), sorted(AUDITORS.items()))
def test_baseline_reproduces_the_auditors_verdict(question, verdict):
    result = score(BASELINE, AUDIT_DATE)
    found = {q.id: q for q in result.questions}[question]
    assert found.verdict == verdict, f"{question}: {found.score} {[(c.id, c.label) for c in found.criteria]}"


def test_baseline_overall_verdict_is_not_fulfilled():
    result = score(BASELINE, AUDIT_DATE)
    assert result.label == "ej_uppfylld"
    for question in result.questions:
        assert question.question.get("auditor_verdict") == AUDITORS[question.id]


def test_a_new_it_policy_moves_r1_and_only_the_questions_that_depend_on_it(tmp_path):
    before = score(BASELINE, AUDIT_DATE)
    copy = tmp_path / "baseline"
    shutil.copytree(BASELINE, copy)
    policy = next(
        p for p in sorted(copy.rglob("*.yaml")) if "type: policy" in (t := p.read_text(encoding="utf-8")) and "2008-09-12" in t
    )
    old_id = re.search(r"(?m)^id: (\S+)", policy.read_text(encoding="utf-8")).group(1)
    (copy / "styrdokument" / "ny-it-policy.yaml").write_text(
        f"""kind: steering_document
id: doc-it-policy-2024
name: IT-policy för Helsingborgs stad
category: styrdokument
type: policy
scope: stadsovergripande
domains: [it, digitalisering]
status: gallande
decision: {{body: kommunfullmaktige, date: 2024-06-12, paragraph: § 101}}
owner: {{role: {_owner_role(policy)}, unit: {_owner_unit(policy)}}}
next_review: 2028-06
supersedes: {old_id}
""",
        encoding="utf-8",
    )
    text = policy.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^status: .*$", "status: ersatt", text, count=1).rstrip("\n") + "\nsuperseded_by: doc-it-policy-2024\n"
    policy.write_text(text, encoding="utf-8")
    after = score(copy, "2024-07-01")
    before_r = {r.id: r.score for r in before.recommendations}
    after_r = {r.id: r.score for r in after.recommendations}
    assert after_r["R1"] > before_r["R1"]
    r1_criteria = {c.id for c in before.criteria if c.criterion.get("recommendation") == "R1"}
    for question_before, question_after in zip(before.questions, after.questions, strict=True):
        depends = {c.id for c in question_before.criteria} & (r1_criteria | {"Q1.x", "Q1a.x", "Q2.x"})
        if not depends:
            assert question_after.score == question_before.score, question_before.id


def _owner_role(path: Path) -> str:
    return re.search(r"role: ([a-z0-9-]+)", path.read_text(encoding="utf-8")).group(1)


def _owner_unit(path: Path) -> str:
    return re.search(r"unit: ([a-z0-9-]+)", path.read_text(encoding="utf-8")).group(1)


def test_empty_repository_is_assessed_as_lacking_evidence(cli, tmp_path):
    run = cli("score", str(tmp_path), "--as-of", AS_OF, "--format", "json")
    assert run.code == 0, run.err
    report = run.json()
    assert report["overall"]["label"] == "ej_uppfylld"
    statuses = {c["status"] for c in report["criteria"]}
    assert statuses <= {"saknat_underlag", "not_applicable"}
    assert "saknat_underlag" in statuses
    assert "pass" not in statuses


def test_score_text_shows_bars_and_verdicts(cli):
    run = cli("score", str(TEMPLATE), "--as-of", AS_OF)
    assert run.code == 0
    assert "█" in run.out and "R7" in run.out and "Q4d" in run.out
    assert "Samlad bedömning" in run.out
    english = cli("score", str(TEMPLATE), "--as-of", AS_OF, "--lang", "en")
    assert "Overall" in english.out


def test_score_explain_lists_criteria_with_evidence(cli):
    run = cli("score", str(BASELINE), "--as-of", AUDIT_DATE, "--explain", "R4")
    assert run.code == 0
    assert "R4.1" in run.out and "Att göra" in run.out
    assert cli("score", str(TEMPLATE), "--explain", "R9").code == 2


def test_score_json_is_stable(cli):
    report = cli("score", str(TEMPLATE), "--as-of", AS_OF, "--format", "json").json()
    assert set(report) == {
        "tool", "version", "format_version", "command", "language", "framework", "as_of", "overall",
        "recommendations", "questions", "criteria",
    }  # fmt: skip
    assert set(report["criteria"][0]) == {"id", "recommendation", "title", "weight", "check", "status", "ratio", "evidence", "evidence_total", "missing", "remedy"}
    evidence = next(e for c in report["criteria"] for e in c["evidence"])
    assert (TEMPLATE / evidence["path"]).is_file() and evidence["line"] >= 1


def test_fail_under(cli):
    assert cli("score", str(BASELINE), "--as-of", AUDIT_DATE, "--fail-under", "50").code == 1
    assert cli("score", str(TEMPLATE), "--as-of", AS_OF, "--fail-under", "80").code == 0


def test_unknown_framework_is_a_usage_error(cli):
    run = cli("score", str(TEMPLATE), "--framework", "revision-2032")
    assert run.code == 2 and "revision-2023" in run.err


def test_markdown_score(cli):
    run = cli("score", str(TEMPLATE), "--as-of", AS_OF, "--format", "markdown", "--explain", "all")
    assert run.code == 0
    assert run.out.startswith("# ") and "| R1" in run.out


def test_gap_report_is_deterministic_and_links_to_the_files(cli, tmp_path):
    first, second = tmp_path / "a" / "gap.md", tmp_path / "b" / "gap.md"
    first.parent.mkdir()
    second.parent.mkdir()
    assert cli("report", "gap", str(BASELINE), "--out", str(first), "--as-of", AUDIT_DATE).code == 0
    assert cli("report", "gap", str(BASELINE), "--out", str(second), "--as-of", AUDIT_DATE).code == 0
    text = first.read_text(encoding="utf-8")
    assert text == second.read_text(encoding="utf-8")
    assert "## Sammanfattning" in text and "saknat underlag" in text and "```mermaid" in text
    assert "Etablera styrande dokument avseende stadens it-styrning och digitalisering." in text
    for target, _line in re.findall(r"\]\(([^)#]+\.yaml)#L(\d+)\)", text):
        assert (first.parent / target).resolve().is_file(), target


def test_gap_report_in_english_with_actions(cli, tmp_path):
    out = tmp_path / "gap.md"
    assert cli("report", "gap", str(TEMPLATE), "--out", str(out), "--as-of", AS_OF, "--lang", "en").code == 0
    text = out.read_text(encoding="utf-8")
    assert "## Summary" in text and "| Action |" in text


def test_response_draft(cli, tmp_path):
    out = tmp_path / "yttrande.md"
    assert cli("report", "response", str(TEMPLATE), "--out", str(out), "--as-of", AS_OF).code == 0
    text = out.read_text(encoding="utf-8")
    assert "Rekommendation R7" in text and "Styrelsen delar bedömningen" in text
    assert "Ordförande" in text and "(fylls i)" in text


def test_user_text_cannot_break_a_table_or_run_html(cli, template_copy, tmp_path):
    action = next(p for p in sorted(template_copy.rglob("*.yaml")) if "kind: action" in p.read_text(encoding="utf-8"))
    text = action.read_text(encoding="utf-8")
    name = re.search(r"(?m)^name: (.*)$", text).group(1)
    action.write_text(text.replace(f"name: {name}", "name: 'Åtgärd | med <script>alert(1)</script>'", 1), encoding="utf-8")
    out = tmp_path / "gap.md"
    assert cli("report", "gap", str(template_copy), "--out", str(out), "--as-of", AS_OF).code == 0
    written = out.read_text(encoding="utf-8")
    assert "<script>" not in written and "Åtgärd \\| med &lt;script&gt;" in written


def test_report_refuses_an_unwritable_path(cli, tmp_path):
    run = cli("report", "gap", str(TEMPLATE), "--out", str(tmp_path / "finns-inte" / "gap.md"))
    assert run.code == 2 and "Traceback" not in run.err


def test_reports_on_an_empty_repository(cli, tmp_path):
    repo = tmp_path / "tomt"
    repo.mkdir()
    for kind in ("gap", "response"):
        out = tmp_path / f"{kind}.md"
        run = cli("report", kind, str(repo), "--out", str(out), "--as-of", AS_OF)
        assert run.code == 0, run.err
        assert out.read_text(encoding="utf-8").startswith("# ")
    assert "saknat underlag" in (tmp_path / "gap.md").read_text(encoding="utf-8")


def test_a_repository_can_bring_its_own_framework(cli, template_copy):
    (template_copy / "ramverk").mkdir()
    (template_copy / "ramverk" / "intern-standard.yaml").write_text(
        """id: intern-standard
title: {sv: Intern standard för it-styrning, en: Internal IT governance standard}
source: {title: Stadens interna standard 2026}
bands:
  - {min: 90, label: uppfylld, verdict: ja}
  - {min: 50, label: delvis, verdict: delvis}
  - {min: 0, label: ej_uppfylld, verdict: nej}
recommendations:
  - id: S1
    weight: 1
    text: {sv: Systemen ska vara klassificerade och ha ägare., en: Systems shall be classified and owned.}
questions:
  - id: F1
    text: {sv: Är systemen klassificerade?, en: Are the systems classified?}
    criteria: [S1.1]
criteria:
""",
        encoding="utf-8",
    )
    from itstyr.scoring.framework import _bundled

    borrowed = next(c for c in _bundled("revision-2023")["criteria"] if c["id"] == "R2.4")
    import json

    criterion = {**borrowed, "id": "S1.1", "recommendation": "S1"}
    with (template_copy / "ramverk" / "intern-standard.yaml").open("a", encoding="utf-8") as stream:
        stream.write("  - " + json.dumps(criterion, ensure_ascii=False) + "\n")
    (template_copy / "itstyr.yaml").write_text("frameworks: [ramverk/intern-standard.yaml]\n", encoding="utf-8")
    assert cli("validate", str(template_copy)).code == 0  # the framework file is not read as governance data
    run = cli("score", str(template_copy), "--as-of", AS_OF, "--framework", "intern-standard", "--format", "json")
    assert run.code == 0, run.err
    report = run.json()
    assert report["framework"]["id"] == "intern-standard"
    assert [r["id"] for r in report["recommendations"]] == ["S1"]
    assert report["questions"][0]["verdict"] == "ja"
    (template_copy / "itstyr.yaml").write_text(
        "framework: intern-standard\nframeworks: [ramverk/intern-standard.yaml]\n", encoding="utf-8"
    )
    assert cli("score", str(template_copy), "--format", "json").json()["framework"]["id"] == "intern-standard"


def test_a_broken_framework_is_a_usage_error(cli, template_copy):
    (template_copy / "ramverk.yaml").write_text("id: trasigt\ntitle: {sv: x, en: x}\n", encoding="utf-8")
    (template_copy / "itstyr.yaml").write_text("frameworks: [ramverk.yaml]\n", encoding="utf-8")
    run = cli("score", str(template_copy), "--framework", "trasigt")
    assert run.code == 2 and "trasigt" in run.err and "Traceback" not in run.err
