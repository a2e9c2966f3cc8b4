"""`itstyr diff` and the change log on real Git repositories made from the template: what a council
member sees in a pull request (a mandate change field by field, the R4 score moving, new and fixed
findings), renames, shallow clones, detached HEADs, the working tree left alone, and the CI examples'
own diff commands run as CI would run them."""

from __future__ import annotations

import os
import re
import shlex

from conftest import TEMPLATE
from test_git import AS_OF, commit_all, edit, git, git_env_fixture, repo_fixture, tree_state  # noqa: F401 - fixtures

COUNCIL = "forum/digitaliseringsradet.yaml"
FUNDING = "ekonomi/resursfordelningsprocess.yaml"


def _weaken_the_council(repo) -> None:
    """The council back to what the audit found: advisory, preparing what it used to decide (in its
    own file and in the funding process that delegates to it)."""
    path = repo / COUNCIL
    edit(path, "mandate_type: beslutande", "mandate_type: radgivande\nadvises: role-digitaliseringsdirektor")
    edit(path, "right: beslutar", "right: bereder")
    edit(path, "right: beslutar", "right: bereder")
    edit(repo / FUNDING, "  - holder: forum-digitaliseringsradet\n    rights:\n      - decision_type: prioritering_gemensamma_initiativ\n        right: beslutar",
         "  - holder: forum-digitaliseringsradet\n    rights:\n      - decision_type: prioritering_gemensamma_initiativ\n        right: bereder")
    edit(repo / FUNDING, "      - decision_type: portfolj\n        right: beslutar", "      - decision_type: portfolj\n        right: bereder")


def test_a_mandate_change_shows_field_by_field_and_moves_r4(cli, repo):
    _weaken_the_council(repo)
    commit_all(repo, "Rådet blir rådgivande", "2026-02-01")
    run = cli("diff", "HEAD~1", "HEAD", "--path", str(repo), "--as-of", AS_OF, "--format", "json")
    assert run.code == 0, run.err
    result = run.json()
    council, funding = result["entities"]  # by kind, then id
    assert (council["kind"], council["id"], council["status"]) == ("forum", "forum-digitaliseringsradet", "changed")
    assert [(f["path"], f["old"], f["new"]) for f in funding["fields"]] == [
        ("/decision_rights/0/rights/0/right", "beslutar", "bereder"), ("/decision_rights/0/rights/1/right", "beslutar", "bereder")
    ]
    fields = {field["path"]: (field["old"], field["new"]) for field in council["fields"]}
    assert fields == {
        "/mandate_type": ("beslutande", "radgivande"),
        "/advises": (None, "role-digitaliseringsdirektor"),
        "/decision_rights/0/right": ("beslutar", "bereder"),
        "/decision_rights/1/right": ("beslutar", "bereder"),
    }
    r4 = next(r for r in result["scores"]["recommendations"] if r["id"] == "R4")
    assert r4["after"] < r4["before"]
    assert result["scores"]["overall"]["after"] < result["scores"]["overall"]["before"]

    text = cli("diff", "HEAD~1", "HEAD", "--path", str(repo), "--as-of", AS_OF).out
    assert "Mandat: Beslutande → Rådgivande" in text
    assert "Beslutsrätter › Prioritering av gemensamma initiativ › Rätt: Beslutar → Bereder" in text
    assert "Ger råd åt: Digitaliseringsdirektör (ny)" in text
    assert re.search(r"R4 +\d+ → +\d+ +−\d+", text)
    english = cli("diff", "HEAD~1", "HEAD", "--path", str(repo), "--as-of", AS_OF, "--lang", "en").out
    assert "mandate type: Decision-making → Advisory" in english


def test_the_markdown_comment_puts_the_summary_first_and_folds_the_details(cli, repo, tmp_path):
    _weaken_the_council(repo)
    edit(repo / "system" / "gis.yaml", "name: ", "name: <img src=x onerror=alert(1)> | ")
    commit_all(repo, "Rådet blir rådgivande", "2026-02-01")
    out = tmp_path / "kommentar.md"
    run = cli("diff", "HEAD~1", "HEAD", "--path", str(repo), "--as-of", AS_OF, "--format", "markdown", "--output", str(out))
    assert run.code == 0 and run.out == ""
    comment = out.read_text(encoding="utf-8")
    summary, _, details = comment.partition("<details>")
    assert "Poster – ändrade: 3" in summary
    assert re.search(r"Rekommendationer som rör sig: .*R4 \d+ → \d+ \(−\d+\)", summary)
    assert "Digitaliseringsrådet" in summary and "Mandat" not in summary
    assert "Mandat: Beslutande → Rådgivande" in details
    assert comment.count("<details>") == comment.count("</details>") >= 2
    assert "<img" not in comment and "&lt;img src=x onerror=alert(1)&gt; \\|" in comment


def test_a_renamed_file_is_a_move_not_a_removal_and_an_addition(cli, repo):
    git(repo, "mv", "system/gis.yaml", "system/kartplattform.yaml")
    git(repo, "mv", COUNCIL, "forum/radet.yaml")
    edit(repo / "forum" / "radet.yaml", "cadence: manad", "cadence: kvartal")
    commit_all(repo, "Nya filnamn", "2026-02-01")
    result = cli("diff", "HEAD~1", "HEAD", "--path", str(repo), "--as-of", AS_OF, "--format", "json").json()
    assert result["summary"] == {"changed": 1, "added": 0, "removed": 0, "moved": 1, "findings_introduced": 0, "findings_fixed": 0}
    by_id = {entity["id"]: entity for entity in result["entities"]}
    moved = by_id[next(i for i, e in by_id.items() if e["status"] == "moved")]
    assert (moved["old_path"], moved["path"]) == ("system/gis.yaml", "system/kartplattform.yaml")
    council = by_id["forum-digitaliseringsradet"]
    assert (council["old_path"], council["path"]) == (COUNCIL, "forum/radet.yaml")
    assert [field["path"] for field in council["fields"]] == ["/cadence"]


def test_the_working_tree_is_the_default_head_and_is_left_untouched(cli, repo):
    _weaken_the_council(repo)
    (repo / "system" / "ny.yaml").write_text("kind: system\nid: sys-ny\nname: Nytt system\n", encoding="utf-8")
    status = git(repo, "status", "--porcelain")
    before = tree_state(repo)
    result = cli("diff", "main", "--path", str(repo), "--as-of", AS_OF, "--format", "json").json()
    assert result["head"] == {"ref": None, "commit": None}
    assert {(e["id"], e["status"]) for e in result["entities"]} == {
        ("forum-digitaliseringsradet", "changed"), ("fund-digitaliseringsinitiativ", "changed"), ("sys-ny", "added")
    }
    assert {f["rule"] for f in result["findings"]["introduced"]} >= {"schema"}  # the new system lacks required fields
    assert tree_state(repo) == before
    assert git(repo, "status", "--porcelain") == status


def test_findings_introduced_and_fixed(cli, repo):
    (repo / "system" / "trasig.yaml").write_text("kind: system\nid: sys-trasig\nname: Trasigt\n", encoding="utf-8")
    commit_all(repo, "Trasig", "2026-02-01")
    (repo / "system" / "trasig.yaml").unlink()
    edit(repo / "system" / "gis.yaml", "cost_bearer: unit-", "cost_bearer: unit-finns-inte-")
    commit_all(repo, "Lagad och trasig", "2026-02-02")
    result = cli("diff", "HEAD~1", "HEAD", "--path", str(repo), "--as-of", AS_OF, "--format", "json").json()
    assert {(f["rule"], f["path"]) for f in result["findings"]["fixed"]} == {("schema", "system/trasig.yaml")}
    assert ("ref-unknown", "system/gis.yaml") in {(f["rule"], f["path"]) for f in result["findings"]["introduced"]}


def test_renaming_an_entity_named_in_messages_does_not_renew_its_findings(cli, repo):
    (repo / "system" / "trasig.yaml").write_text("kind: system\nid: sys-trasig\nname: Trasigt\n", encoding="utf-8")
    commit_all(repo, "Trasig", "2026-02-01")
    edit(repo / COUNCIL, "name: Digitaliseringsrådet", "name: Rådet för digitalisering")
    commit_all(repo, "Nytt namn", "2026-02-02")
    result = cli("diff", "HEAD~1", "HEAD", "--path", str(repo), "--as-of", AS_OF, "--format", "json").json()
    assert result["findings"] == {"introduced": [], "fixed": []}


def test_unknown_refs_detached_heads_and_shallow_clones(cli, repo, tmp_path):
    _weaken_the_council(repo)
    commit_all(repo, "Rådet blir rådgivande", "2026-02-01")
    unknown = cli("diff", "no-such-branch", "--path", str(repo))
    assert unknown.code == 2 and "no-such-branch" in unknown.err
    option_like = cli("diff", "--", "--output=x", "--path", str(repo))
    assert option_like.code == 2

    git(repo, "checkout", "--quiet", "--detach", "HEAD~1")
    detached = cli("diff", "HEAD", "main", "--path", str(repo), "--format", "json", "--as-of", AS_OF)
    assert detached.code == 0 and detached.json()["summary"]["changed"] == 2
    assert cli("lint", str(repo), "--as-of", AS_OF, "--changed-since", "main").code in (0, 1)

    shallow = tmp_path / "ci"
    git(tmp_path, "clone", "--quiet", "--depth", "2", "--branch", "main", f"file://{repo}", str(shallow))
    run = cli("diff", "HEAD~1", "HEAD", "--path", str(shallow), "--format", "json", "--as-of", AS_OF)
    assert run.code == 0 and run.json()["summary"]["changed"] == 2
    too_shallow = tmp_path / "ci1"
    git(tmp_path, "clone", "--quiet", "--depth", "1", "--branch", "main", f"file://{repo}", str(too_shallow))
    missing = cli("diff", "HEAD~1", "--path", str(too_shallow))
    assert missing.code == 2 and "grund klon" in missing.err and "fetch-depth" in missing.err


def test_a_side_with_broken_settings_is_reported_not_fatal(cli, repo):
    (repo / "itstyr.yaml").write_text("language: sv\nokand_nyckel: 1\n", encoding="utf-8")
    commit_all(repo, "Trasiga inställningar", "2026-02-01")
    (repo / "itstyr.yaml").write_text("language: sv\n", encoding="utf-8")
    result = cli("diff", "HEAD", "--path", str(repo), "--as-of", AS_OF, "--format", "json").json()
    assert any("itstyr.yaml" in note for note in result["notes"])
    assert result["scores"]["overall"]["after"] is not None and result["scores"]["overall"]["before"] is None


def test_a_governance_folder_inside_a_larger_repository(cli, tmp_path, git_env):
    import shutil

    top = tmp_path / "kommun"
    shutil.copytree(TEMPLATE, top / "styrning")
    git(top, "init", "--quiet", "--initial-branch=main")
    commit_all(top, "Allt", "2026-01-15")
    _weaken_the_council(top / "styrning")
    (top / "annat.yaml").write_text("kind: system\nid: sys-utanfor\n", encoding="utf-8")
    commit_all(top, "Rådet", "2026-02-01")
    result = cli("diff", "HEAD~1", "HEAD", "--path", str(top / "styrning"), "--format", "json", "--as-of", AS_OF).json()
    assert [e["id"] for e in result["entities"]] == ["forum-digitaliseringsradet", "fund-digitaliseringsinitiativ"]


def _ci_command(path, prefix: str) -> list[str]:
    """The `itstyr diff` line of a CI example, with its variables filled in from the environment."""
    for line in (TEMPLATE / path).read_text(encoding="utf-8").splitlines():
        if line.strip().startswith(prefix):
            return shlex.split(os.path.expandvars(line.strip()))[1:]
    raise AssertionError(f"no {prefix!r} in {path}")


def test_the_ci_examples_diff_commands_work_as_ci_runs_them(cli, repo, tmp_path, monkeypatch):
    base = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "checkout", "--quiet", "-b", "radet")
    _weaken_the_council(repo)
    commit_all(repo, "Rådet blir rådgivande", "2026-02-01")

    # GitHub: actions/checkout checks out the pull request merged into its target, two commits deep
    git(repo, "checkout", "--quiet", "--detach", "main")
    git(repo, "merge", "--quiet", "--no-ff", "-m", "Merge radet", "radet", when="2026-02-02")
    github = tmp_path / "github"
    git(tmp_path, "clone", "--quiet", "--depth", "2", "--no-single-branch", f"file://{repo}", str(github))
    git(github, "checkout", "--quiet", "--detach", git(repo, "rev-parse", "HEAD").strip())
    monkeypatch.chdir(github)
    args = _ci_command(".github/workflows/itstyr.yml", "itstyr diff")
    run = cli(*args)
    assert run.code == 0, run.err
    comment = (github / "itstyr-diff.md").read_text(encoding="utf-8")
    assert "Mandat: Beslutande → Rådgivande" in comment and "R4" in comment

    # GitLab: the merge request's head, with its base commit in a variable
    gitlab = tmp_path / "gitlab"
    git(tmp_path, "clone", "--quiet", "--branch", "radet", f"file://{repo}", str(gitlab))
    monkeypatch.chdir(gitlab)
    monkeypatch.setenv("CI_MERGE_REQUEST_DIFF_BASE_SHA", base)
    run = cli(*_ci_command(".gitlab-ci.yml", "itstyr diff"))
    assert run.code == 0, run.err
    assert "Mandat: Beslutande → Rådgivande" in (gitlab / "itstyr-diff.md").read_text(encoding="utf-8")


def test_the_change_log_lists_the_changes_month_by_month(repo):
    from itstyr.diff.changelog import change_log

    edit(
        repo / COUNCIL,
        "decision_rights:\n",
        "decision_rights:\n  - decision_type: arkitekturbeslut\n    right: beslutar\n    source: doc-ks-delegeringsordning\n",
    )
    commit_all(repo, "Rådet beslutar om arkitektur", "2026-10-05")
    git(repo, "rm", "--quiet", "system/gis.yaml")
    edit(repo / "styrdokument" / "it-policy-2025.yaml", "status: gallande", "status: under_revidering")
    commit_all(repo, "GIS-plattformen avvecklas; policyn ses över", "2026-11-12")

    log = change_log(repo)
    assert log.available
    assert [month.month for month in log.months] == ["2026-11", "2026-10", "2026-01"]
    november = [entry.text for entry in log.months[0].entries]
    assert "Gemensam GIS-plattform (system) togs bort." in november or any(t.endswith("(system) togs bort.") for t in november)
    assert "IT-policy för Hamnköpings stad fick status under revidering (tidigare gällande)." in november
    october = [entry.text for entry in log.months[1].entries]
    assert october == ["Digitaliseringsrådet fick beslutsrätt över arkitekturbeslut."]
    [initial] = log.months[2].entries
    assert re.fullmatch(r"\d+ poster lades till \(.*organisationsenhet: \d+.*\)\.", initial.text)

    english = change_log(repo, "en")
    assert [entry.text for entry in english.months[1].entries] == ["Digitaliseringsrådet was given the right to decide over architecture decisions."]
    assert [month.month for month in change_log(repo, since="2026-10").months] == ["2026-11", "2026-10"]


def test_the_change_log_without_git_says_why(tmp_path, git_env):
    from itstyr.diff.changelog import change_log

    log = change_log(tmp_path)
    assert not log.available and log.note.key == "git.not_repository" and log.months == []


def test_diff_and_init_have_help_with_examples(cli):
    for command in (["diff"], ["init"], ["lint"], ["validate"]):
        run = cli(*command, "--help")
        assert run.code == 0 and "Exempel" in run.out
    assert "--changed-since" in cli("lint", "--help").out and "--changed-since" in cli("validate", "--help").out


def test_a_large_change_still_fits_in_a_pull_request_comment(cli, repo, tmp_path):
    for path in sorted(repo.rglob("*.yaml")):
        content = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^name: (.*)$", r"name: \1 (ny lydelse)", content), encoding="utf-8")
    commit_all(repo, "Alla namn", "2026-02-01")
    out = tmp_path / "kommentar.md"
    assert cli("diff", "HEAD~1", "HEAD", "--path", str(repo), "--format", "markdown", "--output", str(out)).code == 0
    comment = out.read_text(encoding="utf-8")
    changed = cli("diff", "HEAD~1", "HEAD", "--path", str(repo), "--format", "json").json()["summary"]["changed"]
    assert changed > 100
    assert len(comment) <= 60_000 and f"… och {changed - 100} till" in comment
    assert comment.count("<details>") == comment.count("</details>")
