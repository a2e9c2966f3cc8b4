"""The machine-readable reports CI systems read: SARIF (schema-valid, with suppressions), GitHub
workflow commands (escaped as the runner expects), JUnit XML, GitLab Code Quality (stable
fingerprints), and golden files for every format so that any change in output is deliberate.

Regenerate the golden files with `ITSTYR_UPDATE_GOLDEN=1 python -m pytest tests/test_reports.py`."""

from __future__ import annotations

import io
import json
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from itstyr import __version__
from itstyr.api import validate
from itstyr.findings import Finding, Location, Severity
from itstyr.messages import Text
from itstyr.report import REPORTERS
from itstyr.report.github import checkout_path, escape_data, escape_property
from itstyr.report.model import Report, RuleInfo, Waived

GOLDEN = Path(__file__).resolve().parent / "golden"
GOLDEN_FILES = {
    "sarif": "report.sarif.json",
    "github": "report.github.txt",
    "junit": "report.junit.xml",
    "gitlab": "report.gitlab.json",
    "json": "report.json.json",
    "text": "report.text.txt",
}
WORKFLOW_COMMAND = re.compile(
    r"^::(?P<command>error|warning|notice) "
    r"file=(?P<file>[^,:\r\n]*),line=(?P<line>\d+),col=(?P<col>\d+),title=(?P<title>[^,:\r\n]*)"
    r"::(?P<message>[^\r\n]*)$"
)


# --- Reports to render --------------------------------------------------------------------------


def _schema_path() -> Path:
    """The official SARIF 2.1.0 schema: the project's shared copy beside the clone when there is one,
    else the identical copy kept with the tests (so the test runs in any checkout)."""
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "data" / "sarif-schema-2.1.0.json"
        if candidate.is_file():
            return candidate
    vendored = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"
    if vendored.is_file():
        return vendored
    pytest.fail("sarif-schema-2.1.0.json not found (shared/data/ beside the clone, or tests/data/); it is required")


def _break(repo: Path) -> None:
    """Three realistic mistakes: a misspelt status, an unknown key, and a stray document separator."""
    policy = repo / "styrdokument" / "it-policy-2025.yaml"
    policy.write_text(policy.read_text(encoding="utf-8").replace("status: gallande", "status: galande", 1), encoding="utf-8")
    with (repo / "system" / "arendehantering.yaml").open("a", encoding="utf-8") as file:
        file.write("farg: bla\n")
    with (repo / "forum" / "arkitekturradet.yaml").open("a", encoding="utf-8") as file:
        file.write("---\n")


def _waive(report: Report, finding: Finding, waiver_path: str) -> Report:
    """Move one finding to the waived list, as `itstyr lint` does for a finding a waiver covers."""
    waived = Waived(finding, "Ersätts vid upphandlingen 2026", "2026-12-31", Location(waiver_path, 3, 5))
    return replace(report, findings=[f for f in report.findings if f is not finding], waived=[*report.waived, waived])


@pytest.fixture
def broken(template_copy) -> Report:
    """A validated copy of the template with three findings, one of them waived in another file."""
    _break(template_copy)
    report = validate(template_copy).report()
    unknown_key = next(f for f in report.findings if f.location.path == "system/arendehantering.yaml")
    return _waive(report, unknown_key, "undantag/upphandling.yaml")


def _golden_report() -> Report:
    """Small and fixed: two findings in two files, one waived finding, a root that exists nowhere."""
    rules = {
        "schema": RuleInfo(
            "schema",
            Severity.ERROR,
            Text("Bryter mot schemat", "Breaks the schema"),
            Text("Värdet följer inte posttypens schema.", "The value does not follow the kind's schema."),
            "validate",
        ),
        "owner-missing": RuleInfo(
            "owner-missing",
            Severity.WARNING,
            Text("Ägare saknas", "Missing owner"),
            Text("Ange en ägare.", "Name an owner."),
            "lint",
        ),
        "review-overdue": RuleInfo(
            "review-overdue",
            Severity.WARNING,
            Text("Revision försenad", "Review overdue"),
            Text("Revidera dokumentet.", "Review the document."),
            "lint",
        ),
    }
    status = Finding(
        "schema",
        Severity.ERROR,
        Text(
            "Värdet 'galande' är inte tillåtet för status: välj gallande, upphävd eller utkast.",
            "The value 'galande' is not allowed.",
        ),
        Location("system/ärendehantering.yaml", 7, 9, "/status"),
        hint=Text("Menade du 'gallande'?", "Did you mean 'gallande'?"),
        kind="system",
        entity_id="sys-arendehantering",
    )
    owner = Finding(
        "owner-missing",
        Severity.WARNING,
        Text("Tjänsten saknar ägare; 100% av tjänsterna behöver en.", "The service has no owner."),
        Location("tjanster/e-tjanster.yaml", 3, 1, "/"),
        kind="it_service",
        entity_id="svc-e-tjanster",
    )
    overdue = Finding(
        "review-overdue",
        Severity.WARNING,
        Text("Dokumentet skulle ha reviderats 2024-12-31.", "The document was due for review on 2024-12-31."),
        Location("styrdokument/it-policy.yaml", 12, 1, "/review_date"),
        kind="steering_document",
        entity_id="doc-it-policy",
    )
    waiver = Waived(overdue, "Revideras med ny mandatperiod", "2026-12-31", Location("styrdokument/it-policy.yaml", 30, 3))
    files = ["styrdokument/it-policy.yaml", "system/ärendehantering.yaml", "tjanster/e-tjanster.yaml"]
    return Report("lint", Path("/srv/styrning"), files, 3, [status, owner], rules, [waiver], "2025-06-01")


def _render(report: Report, name: str, language: str = "sv") -> str:
    stream = io.StringIO()
    REPORTERS[name](report, language, stream)
    return stream.getvalue()


def _sarif(report: Report, language: str = "sv") -> dict:
    return json.loads(_render(report, "sarif", language))


def _junit(report: Report) -> ET.Element:
    return ET.fromstring(_render(report, "junit").encode("utf-8"))


# --- SARIF --------------------------------------------------------------------------------------


def _sarif_validator():
    """A Draft 7 validator for a whole SARIF log, proven not to accept everything.

    The copy in shared/ keeps the log's own definition under `definitions/Root` with nothing at the
    top level; validated as it stands it would accept any document. So the log is checked against
    that definition, and the validator must reject an obviously wrong log before it is trusted."""
    from jsonschema import Draft7Validator

    schema = json.loads(_schema_path().read_text(encoding="utf-8"))
    if "properties" not in schema and "Root" in schema.get("definitions", {}):
        schema = {**schema, "$ref": "#/definitions/Root"}
    validator = Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)
    if validator.is_valid({"version": "9.9", "runs": [{"results": [{"level": "loud"}]}]}):
        pytest.fail(f"{_schema_path()} accepts an invalid SARIF log; it cannot be used to check ours")
    return validator


def test_sarif_is_valid_against_the_official_schema(broken):
    validator = _sarif_validator()
    for log in (_sarif(broken), _sarif(_golden_report(), "en")):
        errors = sorted(validator.iter_errors(log), key=lambda error: list(error.absolute_path))
        assert errors == [], [f"{list(error.absolute_path)}: {error.message}" for error in errors]


def test_sarif_schema_check_catches_a_wrong_level(broken):
    log = _sarif(broken)
    log["runs"][0]["results"][0]["level"] = "fatal"
    log["runs"][0]["results"][-1]["suppressions"][0]["kind"] = "elsewhere"
    assert len(list(_sarif_validator().iter_errors(log))) == 2


def test_sarif_rules_and_results_match_the_findings(broken):
    run = _sarif(broken)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    every = [*broken.findings, *(waived.finding for waived in broken.waived)]
    assert [rule["id"] for rule in rules] == sorted({finding.rule_id for finding in every}) == ["schema", "yaml-empty"]
    by_id = {rule["id"]: rule for rule in rules}
    assert by_id["yaml-empty"]["defaultConfiguration"]["level"] == "warning"
    assert by_id["schema"]["shortDescription"]["text"] == "Bryter mot schemat"
    assert by_id["schema"]["help"]["text"] == by_id["schema"]["fullDescription"]["text"]
    assert len(run["results"]) == len(every)
    for result, finding in zip(run["results"], every, strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == finding.rule_id
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {"uri": finding.location.path, "uriBaseId": "%SRCROOT%"}
        assert location["region"] == {"startLine": finding.location.line, "startColumn": finding.location.column}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == broken.root.absolute().as_uri() + "/"


def test_sarif_message_carries_the_hint_in_the_chosen_language(broken):
    status = next(
        r for r in _sarif(broken)["runs"][0]["results"] if r["locations"][0]["physicalLocation"]["region"]["startLine"] == 18
    )
    assert status["message"]["text"].splitlines()[1] == "Menade du 'gallande'?"
    english = _sarif(broken, "en")["runs"][0]
    assert "Did you mean 'gallande'?" in "\n".join(r["message"]["text"] for r in english["results"])
    assert english["tool"]["driver"]["rules"][0]["shortDescription"]["text"] == "Breaks the schema"


def test_sarif_waived_finding_is_a_suppressed_result(broken):
    results = _sarif(broken)["runs"][0]["results"]
    suppressed = [result for result in results if result["suppressions"]]
    assert len(suppressed) == 1
    (suppression,) = suppressed[0]["suppressions"]
    assert suppression["kind"] == "external"  # the waiver is written in another file
    assert suppression["justification"] == "Ersätts vid upphandlingen 2026"
    assert suppressed[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "system/arendehantering.yaml"
    assert all(result["suppressions"] == [] for result in results if result is not suppressed[0])


def test_sarif_waiver_in_the_same_file_is_in_source():
    (result,) = [r for r in _sarif(_golden_report())["runs"][0]["results"] if r["suppressions"]]
    assert result["suppressions"][0]["kind"] == "inSource"


def test_sarif_fingerprints_survive_a_line_shift(template_copy):
    _break(template_copy)
    before = _sarif(validate(template_copy).report())["runs"][0]["results"]
    policy = template_copy / "styrdokument" / "it-policy-2025.yaml"
    policy.write_text("# En ny kommentar överst\n" + policy.read_text(encoding="utf-8"), encoding="utf-8")
    after = _sarif(validate(template_copy).report())["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in before] == [r["partialFingerprints"] for r in after]
    assert [r["locations"] for r in before] != [r["locations"] for r in after]


def test_sarif_uri_is_percent_encoded():
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in _sarif(_golden_report())["runs"][0]["results"]
    ]
    assert "system/%C3%A4rendehantering.yaml" in uris


# --- JUnit --------------------------------------------------------------------------------------


def test_junit_has_a_failing_case_per_rule_and_file_and_skips_the_waived(broken):
    root = _junit(broken)
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "itstyr"
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors"), suite.get("skipped")) == ("3", "2", "0", "1")
    cases = {(case.get("classname"), case.get("name")): case for case in suite.findall("testcase")}
    status = cases[("schema", "styrdokument/it-policy-2025.yaml")].find("failure")
    assert status.get("type") == "error" and status.get("message") == "Bryter mot schemat"
    assert status.text.startswith("styrdokument/it-policy-2025.yaml:18:9: 'galande'")
    assert "tips: Menade du 'gallande'?" in status.text
    empty = cases[("yaml-empty", "forum/arkitekturradet.yaml")].find("failure")
    assert empty.get("type") == "warning"  # warnings fail too
    (skipped_case,) = [case for case in suite.findall("testcase") if case.find("skipped") is not None]
    assert skipped_case.get("classname") == "schema"
    assert skipped_case.get("name").startswith("system/arendehantering.yaml:")
    assert "Ersätts vid upphandlingen 2026" in skipped_case.find("skipped").get("message")


def test_junit_infos_pass_with_output():
    report = _golden_report()
    info = replace(report.findings[1], severity=Severity.INFO)
    suite = _junit(replace(report, findings=[info], waived=[])).find("testsuite")
    (case,) = suite.findall("testcase")
    assert case.find("failure") is None and "100% av tjänsterna" in case.find("system-out").text
    assert (suite.get("tests"), suite.get("failures")) == ("1", "0")


def test_junit_without_findings_still_has_one_passing_case(template_copy):
    suite = _junit(validate(template_copy).report()).find("testsuite")
    (case,) = suite.findall("testcase")
    assert (case.get("classname"), case.get("name")) == ("itstyr", "all files")
    assert list(case) == [] and suite.get("failures") == "0"


def test_junit_starts_with_an_utf8_declaration_and_survives_control_characters():
    report = _golden_report()
    odd = replace(report.findings[0], message=Text("Värdet 'a\x01b' är fel"))
    output = _render(replace(report, findings=[odd]), "junit")
    assert output.startswith("<?xml version='1.0' encoding='UTF-8'?>")
    assert "a\ufffdb" in ET.fromstring(output.encode("utf-8")).find("testsuite/testcase/failure").text


# --- GitHub -------------------------------------------------------------------------------------


def test_github_lines_follow_the_workflow_command_grammar(broken):
    *annotations, summary = _render(broken, "github").splitlines()
    assert len(annotations) == len(broken.findings)  # the waived finding is not annotated
    for line, finding in zip(annotations, broken.findings, strict=True):
        match = WORKFLOW_COMMAND.match(line)
        assert match, line
        assert match["command"] == {"error": "error", "warning": "warning"}[finding.severity.value]
        assert (match["file"], int(match["line"]), int(match["col"])) == (
            finding.location.path,
            finding.location.line,
            finding.location.column,
        )
        assert match["title"] == finding.rule_id
    assert not summary.startswith("::")
    assert re.fullmatch(r"1 fel och 1 varning i \d+ poster från \d+ filer\. Undantagna \(med beviljat undantag\): 1\.", summary)


def test_github_escapes_data_and_properties():
    report = _golden_report()
    nasty = Finding(
        "schema",
        Severity.INFO,
        Text("Värde, kolon: 50% klart\r\nrad två"),
        Location("a,b:c.yaml", 2, 3),
        hint=Text("Tips: 100%"),
    )
    (line, _summary) = _render(replace(report, findings=[nasty], waived=[]), "github").splitlines()
    assert line == "::notice file=a%2Cb%3Ac.yaml,line=2,col=3,title=schema::Värde, kolon: 50%25 klart%0D%0Arad två%0ATips: 100%25"
    assert WORKFLOW_COMMAND.match(line)
    assert escape_property("100%,a:b\n") == "100%25%2Ca%3Ab%0A"
    assert escape_data("100%,a:b\r\n") == "100%25,a:b%0D%0A"


def test_checkout_path_prefixes_a_governance_folder_inside_the_working_directory(tmp_path):
    assert checkout_path(tmp_path / "styrning", "system/a.yaml", cwd=tmp_path) == "styrning/system/a.yaml"
    assert checkout_path(tmp_path, "system/a.yaml", cwd=tmp_path) == "system/a.yaml"
    assert checkout_path(tmp_path, "system/a.yaml", cwd=tmp_path / "annan") == "system/a.yaml"


# --- GitLab -------------------------------------------------------------------------------------


def test_gitlab_issues_have_the_required_keys(broken):
    issues = json.loads(_render(broken, "gitlab"))
    assert len(issues) == len(broken.findings)  # waived findings are left out
    for issue, finding in zip(issues, broken.findings, strict=True):
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["check_name"] == finding.rule_id
        assert issue["severity"] == {"error": "major", "warning": "minor"}[finding.severity.value]
        assert issue["location"] == {"path": finding.location.path, "lines": {"begin": finding.location.line}}
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
    assert "Menade du 'gallande'?" in next(issue["description"] for issue in issues if issue["location"]["lines"]["begin"] == 18)


def test_gitlab_fingerprints_are_stable_and_distinct(template_copy):
    _break(template_copy)
    first = [issue["fingerprint"] for issue in json.loads(_render(validate(template_copy).report(), "gitlab"))]
    second = [issue["fingerprint"] for issue in json.loads(_render(validate(template_copy).report(), "gitlab"))]
    assert first == second
    assert len(set(first)) == len(first) == 3


def test_gitlab_fingerprints_stay_unique_for_findings_on_the_same_value():
    report = _golden_report()
    twin = replace(report.findings[0], message=Text("Ett annat fel på samma värde"))
    issues = json.loads(_render(replace(report, findings=[report.findings[0], twin]), "gitlab"))
    assert issues[0]["fingerprint"] != issues[1]["fingerprint"]


def test_gitlab_and_sarif_share_the_fingerprint(broken):
    sarif = [r["partialFingerprints"]["itstyr/v1"] for r in _sarif(broken)["runs"][0]["results"] if not r["suppressions"]]
    assert sarif == [issue["fingerprint"] for issue in json.loads(_render(broken, "gitlab"))]


# --- Golden files -------------------------------------------------------------------------------


def _stable(output: str) -> str:
    """The itstyr version changes with every release; the golden files should not."""
    return output.replace(f'"version": "{__version__}"', '"version": "<itstyr version>"')


@pytest.mark.parametrize("name", sorted(GOLDEN_FILES))
def test_golden(name, monkeypatch):
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    output = _stable(_render(_golden_report(), name))
    assert output == _stable(_render(_golden_report(), name)), "output is not deterministic"
    path = GOLDEN / GOLDEN_FILES[name]
    if os.environ.get("ITSTYR_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(output, encoding="utf-8", newline="\n")
    assert path.is_file(), f"{path} is missing: run with ITSTYR_UPDATE_GOLDEN=1 to create it"
    assert output == path.read_text(encoding="utf-8"), (
        f"{path.name} differs: run with ITSTYR_UPDATE_GOLDEN=1 if the change is intended"
    )


# --- End to end ---------------------------------------------------------------------------------


def test_every_reporter_is_offered():
    assert {"text", "json", "sarif", "github", "junit", "gitlab"} <= set(REPORTERS)


def test_cli_sarif(cli, template_copy):
    _break(template_copy)
    run = cli("validate", str(template_copy), "--format", "sarif")
    assert run.code == 1
    assert len(json.loads(run.out)["runs"][0]["results"]) == 3


def test_cli_github(cli, template_copy):
    _break(template_copy)
    run = cli("validate", str(template_copy), "--format", "github", "--lang", "en")
    assert run.code == 1
    lines = run.out.splitlines()
    assert sum(bool(WORKFLOW_COMMAND.match(line)) for line in lines) == 3
    assert lines[-1].startswith("2 errors and 1 warning in ")


def test_cli_junit(cli, template_copy):
    _break(template_copy)
    run = cli("validate", str(template_copy), "--format", "junit")
    assert run.code == 1
    assert ET.fromstring(run.out.encode("utf-8")).find("testsuite").get("failures") == "3"


def test_cli_gitlab(cli, template_copy):
    _break(template_copy)
    run = cli("validate", str(template_copy), "--format", "gitlab")
    assert run.code == 1
    assert sorted(issue["severity"] for issue in json.loads(run.out)) == ["major", "major", "minor"]
