"""`itstyr lint` and `itstyr rules` as a user runs them: settings and presets, waivers, --as-of,
--fail-on, --output, and the rules' documentation."""

from __future__ import annotations

from conftest import TEMPLATE, findings

AS_OF = "2026-11-30"
POLICY = "styrdokument/it-policy-2025.yaml"


def _make_review_overdue(repo):
    path = repo / POLICY
    text = path.read_text(encoding="utf-8")
    assert "next_review: 2029-03" in text
    path.write_text(text.replace("next_review: 2029-03", "next_review: 2026-03"), encoding="utf-8")


def _settings(repo, text):
    (repo / "itstyr.yaml").write_text(text, encoding="utf-8")


def test_lint_finds_a_governance_failure_with_a_hint(cli, template_copy):
    _make_review_overdue(template_copy)
    run = cli("lint", str(template_copy), "--as-of", AS_OF, "--format", "json")
    assert run.code == 1
    [finding] = [f for f in findings(run) if f["rule"] == "steering-review-overdue"]
    assert finding["path"] == POLICY
    assert finding["json_path"] == "/next_review"
    assert "2026-03" in finding["message"] and finding["hint"]
    assert run.json()["command"] == "lint" and run.json()["as_of"] == AS_OF


def _rules_found(cli, repo, *extra) -> set[str]:
    return {f["rule"] for f in findings(cli("lint", str(repo), "--format", "json", *extra))}


def test_as_of_decides_what_is_overdue(cli, template_copy):
    _make_review_overdue(template_copy)
    assert "steering-review-overdue" not in _rules_found(cli, template_copy, "--as-of", "2026-02-01")
    _settings(template_copy, "as_of: 2026-02-01\n")
    assert "steering-review-overdue" not in _rules_found(cli, template_copy)
    assert "steering-review-overdue" in _rules_found(cli, template_copy, "--as-of", AS_OF)


def test_bad_as_of_is_a_usage_error(cli):
    run = cli("lint", str(TEMPLATE), "--as-of", "30/11/2026")
    assert run.code == 2
    assert "ÅÅÅÅ-MM-DD" in run.err and "Traceback" not in run.err


def test_severity_can_be_lowered_and_fail_on_decides_the_exit_code(cli, template_copy):
    _make_review_overdue(template_copy)
    _settings(template_copy, "rules:\n  steering-review-overdue: {severity: warning}\n")
    run = cli("lint", str(template_copy), "--as-of", AS_OF, "--format", "json")
    assert run.code == 0
    assert [f["severity"] for f in findings(run) if f["rule"] == "steering-review-overdue"] == ["warning"]
    assert cli("lint", str(template_copy), "--as-of", AS_OF, "--fail-on", "warning").code == 1
    _settings(template_copy, "rules:\n  steering-review-overdue: {severity: 'off'}\n")
    assert cli("lint", str(template_copy), "--as-of", AS_OF, "--fail-on", "warning").code == 0


def test_fail_on_never(cli, template_copy):
    _make_review_overdue(template_copy)
    assert cli("lint", str(template_copy), "--as-of", AS_OF, "--fail-on", "never").code == 0


def test_unknown_rule_in_settings_is_exit_2_naming_it(cli, template_copy):
    _settings(template_copy, "rules:\n  steering-revew-overdue: {severity: warning}\n")
    run = cli("lint", str(template_copy), "--as-of", AS_OF, "--format", "json")
    assert run.code == 2
    [finding] = findings(run)
    assert finding["rule"] == "config" and finding["line"] == 2
    assert "steering-revew-overdue" in finding["message"]
    assert finding["hint"] == "Menade du 'steering-review-overdue'?"


def test_unknown_option_and_wrong_type_are_exit_2(cli, template_copy):
    _settings(template_copy, "rules:\n  steering-review-overdue: {max_age: 3}\n")
    run = cli("lint", str(template_copy), "--format", "json")
    assert run.code == 2 and "max_age" in findings(run)[0]["message"]
    _settings(template_copy, "rules:\n  steering-review-overdue: {severity: loud}\n")
    run = cli("lint", str(template_copy), "--format", "json")
    assert run.code == 2 and "loud" in findings(run)[0]["message"]
    _settings(template_copy, "thresholds:\n  document_max_age_years: fyra\n")
    run = cli("lint", str(template_copy), "--format", "json")
    assert run.code == 2 and findings(run)[0]["json_path"] == "/thresholds/document_max_age_years"


def test_thresholds_change_what_is_too_old(cli, template_copy):
    path = template_copy / POLICY
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("next_review: 2029-03\n", ""), encoding="utf-8")
    _settings(template_copy, "thresholds: {document_max_age_years: 1}\n")
    run = cli("lint", str(template_copy), "--as-of", "2027-06-01", "--format", "json")
    assert "steering-review-overdue" in {f["rule"] for f in findings(run)}
    _settings(template_copy, "thresholds: {document_max_age_years: 4}\n")
    run = cli("lint", str(template_copy), "--as-of", "2027-06-01", "--format", "json")
    assert "steering-review-overdue" not in {f["rule"] for f in findings(run)}


def test_strict_preset_promotes_warnings(cli, template_copy):
    _make_review_overdue(template_copy)
    _settings(template_copy, "extends: strict\nrules:\n  steering-review-overdue: {severity: warning}\n")
    run = cli("lint", str(template_copy), "--as-of", AS_OF, "--format", "json")
    # the repository's own setting wins over the preset
    assert [f["severity"] for f in findings(run) if f["rule"] == "steering-review-overdue"] == ["warning"]


def test_waiver_in_settings_moves_the_finding_apart(cli, template_copy):
    _make_review_overdue(template_copy)
    _settings(
        template_copy,
        "waivers:\n"
        "  - rule: steering-review-overdue\n"
        "    id: doc-it-policy-2025\n"
        "    reason: Översynen väntar på det nya digitaliseringsprogrammet, beslut KS 2026-10-01 § 12.\n"
        "    until: 2027-03-31\n",
    )
    run = cli("lint", str(template_copy), "--as-of", AS_OF, "--format", "json")
    assert run.code == 0
    report = run.json()
    assert [f["rule"] for f in report["waived"]] == ["steering-review-overdue"]
    assert report["waived"][0]["waiver"]["reason"].startswith("Översynen väntar")
    assert report["summary"]["waived"] == 1
    text = cli("lint", str(template_copy), "--as-of", AS_OF)
    assert "Undantagna" in text.out and "Översynen väntar" in text.out


def test_expired_waiver_is_a_finding_and_no_longer_waives(cli, template_copy):
    _make_review_overdue(template_copy)
    _settings(
        template_copy,
        "waivers:\n  - {rule: steering-review-overdue, reason: Tillfälligt undantag., until: 2026-06-30}\n",
    )
    run = cli("lint", str(template_copy), "--as-of", AS_OF, "--format", "json")
    rules = [f["rule"] for f in findings(run)]
    assert "steering-review-overdue" in rules and "waiver-expired" in rules
    expired = next(f for f in findings(run) if f["rule"] == "waiver-expired")
    assert (expired["path"], expired["line"]) == ("itstyr.yaml", 2)


def test_waiver_on_the_entity(cli, template_copy):
    path = template_copy / POLICY
    text = path.read_text(encoding="utf-8").replace("next_review: 2029-03", "next_review: 2026-03")
    text = text.rstrip("\n") + (
        "\nwaivers:\n  - rule: steering-review-overdue\n    reason: Översyn pågår, klar i mars.\n    until: 2027-03-31\n"
    )
    path.write_text(text, encoding="utf-8")
    run = cli("lint", str(template_copy), "--as-of", AS_OF, "--format", "json")
    assert run.code == 0
    assert run.json()["waived"][0]["waiver"]["path"] == POLICY


def test_waiver_for_an_unknown_rule(cli, template_copy):
    _settings(template_copy, "waivers:\n  - {rule: steering-revew-overdue, reason: Stavfel., until: 2027-01-01}\n")
    run = cli("lint", str(template_copy), "--as-of", AS_OF, "--format", "json")
    assert run.code == 1
    [finding] = [f for f in findings(run) if f["rule"] == "waiver-invalid"]
    assert finding["hint"] == "Menade du 'steering-review-overdue'?"


def test_waiver_needs_a_reason(cli, template_copy):
    _settings(template_copy, "waivers:\n  - {rule: steering-review-overdue, until: 2027-01-01}\n")
    assert cli("lint", str(template_copy), "--as-of", AS_OF).code == 2


def test_output_file_is_written_whole(cli, template_copy, tmp_path):
    _make_review_overdue(template_copy)
    target = tmp_path / "rapport.json"
    run = cli("lint", str(template_copy), "--as-of", AS_OF, "--format", "json", "--output", str(target))
    assert run.code == 1 and run.out == ""
    assert '"steering-review-overdue"' in target.read_text(encoding="utf-8")
    assert cli("lint", str(template_copy), "--output", str(tmp_path / "finns-inte" / "r.json")).code == 2


def test_rules_lists_every_rule_and_explains_one(cli):
    from itstyr.lint.registry import registry

    listing = cli("rules")
    assert listing.code == 0
    assert all(rule_id in listing.out for rule_id in registry())
    explained = cli("rules", "explain", "steering-review-overdue")
    assert explained.code == 0
    assert "Godkänt exempel" in explained.out and "Exempel som ger fynd" in explained.out
    english = cli("rules", "explain", "steering-review-overdue", "--lang", "en")
    assert "Passing example" in english.out
    unknown = cli("rules", "explain", "steering-revew-overdue")
    assert unknown.code == 2 and "Menade du 'steering-review-overdue'?" in unknown.err


def test_lint_and_rules_have_help_with_examples(cli):
    for command in (["lint"], ["rules"], ["rules", "explain"]):
        run = cli(*command, "--help")
        assert run.code == 0 and "Exempel" in run.out
