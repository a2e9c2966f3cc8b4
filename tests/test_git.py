"""Git as a source of evidence, on real repositories made in temporary folders from the template:
--changed-since, file history, the history rule, and the safety rules (no program that a repository's
configuration names ever runs, nothing is written, Git missing or the repository owned by another
user gives a clear message and exit code 2). The tests never see the user's own Git configuration."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from datetime import date
from pathlib import Path

import pytest

from conftest import TEMPLATE

AS_OF = "2026-11-30"


@pytest.fixture(name="git_env")
def git_env_fixture(tmp_path, monkeypatch) -> dict[str, str]:
    """Git isolated from the user's configuration, with a fixed identity; itstyr sees the same."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_CEILING_DIRECTORIES"):
        monkeypatch.delenv(name, raising=False)
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "Anna Test")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "anna@example.org")
    return dict(os.environ)


def git(cwd: Path, *args: str, when: str | None = None, author: str | None = None) -> str:
    env = dict(os.environ)
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{when}T12:00:00+01:00"
    if author:
        env["GIT_AUTHOR_NAME"] = env["GIT_COMMITTER_NAME"] = author
    result = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def commit_all(repo: Path, message: str, when: str, author: str | None = None) -> str:
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", message, when=when, author=author)
    return git(repo, "rev-parse", "HEAD").strip()


def edit(path: Path, old: str, new: str) -> None:
    content = path.read_text(encoding="utf-8")
    assert old in content, f"{old!r} not in {path}"
    path.write_text(content.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(name="repo")
def repo_fixture(tmp_path, git_env) -> Path:
    """The template as a Git repository with one commit (15 January 2026) on main."""
    target = tmp_path / "styrning"
    shutil.copytree(TEMPLATE, target)
    git(target, "init", "--quiet", "--initial-branch=main")
    commit_all(target, "Mallen", "2026-01-15")
    return target


def tree_state(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under a folder with its size and modification time: what "nothing written" means."""
    return {str(path.relative_to(folder)): (path.stat().st_size, path.stat().st_mtime_ns) for path in folder.rglob("*") if path.is_file()}


# --- --changed-since --------------------------------------------------------------------------------


def test_changed_since_reports_the_change_and_the_entities_that_refer_to_it(cli, repo):
    (repo / "system" / "gammal-brist.yaml").write_text(
        "kind: system\nid: sys-gammal\nname: Gammalt system\n", encoding="utf-8"
    )  # a problem that was there before the change
    commit_all(repo, "Gammal brist", "2026-02-01")
    edit(repo / "system" / "bibliotekssystem.yaml", "id: sys-bibliotekssystem", "id: sys-bibliotek")

    everything = cli("lint", str(repo), "--as-of", AS_OF, "--format", "json")
    changed = cli("lint", str(repo), "--as-of", AS_OF, "--format", "json", "--changed-since", "HEAD")

    assert "system/gammal-brist.yaml" in {f["path"] for f in everything.json()["findings"]}
    paths = {f["path"] for f in changed.json()["findings"]}
    assert changed.code == 1
    assert "system/gammal-brist.yaml" not in paths
    # the entities that referred to the old id, in files the change did not touch
    assert {"system/forvaltningsobjekt/kultur.yaml", "portfolj/initiativ/meroppet-bibliotek.yaml"} <= paths
    assert all(f["rule"] in ("ref-unknown", "system-multiple-objects") or f["path"] == "system/bibliotekssystem.yaml"
               for f in changed.json()["findings"]), changed.out
    validated = cli("validate", str(repo), "--format", "json", "--changed-since", "main")
    assert {f["rule"] for f in validated.json()["findings"]} == {"ref-unknown"}


def test_changed_since_with_no_change_reports_nothing(cli, repo):
    (repo / "system" / "gammal-brist.yaml").write_text("kind: system\nid: sys-gammal\nname: Gammalt\n", encoding="utf-8")
    commit_all(repo, "Gammal brist", "2026-02-01")
    assert cli("validate", str(repo)).code == 1
    run = cli("validate", str(repo), "--changed-since", "HEAD", "--format", "json")
    assert run.code == 0 and run.json()["findings"] == []


def test_changed_since_an_unknown_ref_is_exit_2(cli, repo):
    run = cli("lint", str(repo), "--changed-since", "origin/nosuch")
    assert run.code == 2
    assert "origin/nosuch" in run.err and "Traceback" not in run.err


def test_changed_since_outside_a_git_repository_is_exit_2_but_validate_works(cli, tmp_path, git_env):
    plain = tmp_path / "kopia"
    shutil.copytree(TEMPLATE, plain)
    assert cli("validate", str(plain)).code == 0
    run = cli("validate", str(plain), "--changed-since", "main")
    assert run.code == 2
    assert "inte i något Git-förråd" in run.err


# --- Git missing, another owner, untrusted configuration, nothing written --------------------------------


def test_without_git_validate_lint_and_score_work_and_git_features_say_why(cli, repo, tmp_path, monkeypatch):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert cli("validate", str(repo)).code == 0
    assert cli("lint", str(repo), "--as-of", AS_OF).code == 0
    assert cli("score", str(repo), "--as-of", AS_OF).code == 0
    for args in (["diff", "HEAD", "--path", str(repo)], ["lint", str(repo), "--changed-since", "HEAD"]):
        run = cli(*args)
        assert run.code == 2, args
        assert "Git finns inte" in run.err and "Traceback" not in run.err
    english = cli("diff", "HEAD", "--path", str(repo), "--lang", "en")
    assert "Git is not installed" in english.err

    from itstyr.git.history import repository_history

    history = repository_history(repo)
    assert not history.available and history.note.key == "git.unavailable"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give the repository to another user")
def test_a_repository_owned_by_another_user_gets_the_safe_directory_advice(cli, repo):
    subprocess.run(["chown", "-R", "nobody", str(repo)], check=True)
    run = cli("diff", "HEAD", "--path", str(repo))
    assert run.code == 2
    assert "dubious ownership" in run.err
    assert f"git config --global --add safe.directory {repo}" in run.err
    assert cli("validate", str(repo)).code == 0  # no Git feature: no Git, no problem

    git(repo, "config", "--global", "--add", "safe.directory", str(repo))  # what the message says to do
    assert cli("diff", "HEAD", "--path", str(repo)).code == 0


def _trap(repo: Path, tmp_path: Path) -> Path:
    """Configure the repository to run a program at every opportunity Git offers; returns the file
    that program creates."""
    marker = tmp_path / "ran"
    script = tmp_path / "evil.sh"
    script.write_text(f"#!/bin/sh\necho ran \"$@\" >> {marker}\ncat\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    for hook in ("pre-commit", "post-commit", "post-checkout", "reference-transaction", "fsmonitor-watchman", "post-index-change"):
        shutil.copy(script, hooks / hook)
    settings = {
        "core.fsmonitor": str(script),
        "core.hooksPath": str(hooks),
        "core.pager": str(script),
        "pager.log": str(script),
        "diff.external": str(script),
        "diff.evil.textconv": str(script),
        "filter.evil.clean": str(script),
        "filter.evil.smudge": str(script),
        "log.showSignature": "true",
        "gpg.program": str(script),
        "core.sshCommand": str(script),
    }
    for key, value in settings.items():
        git(repo, "config", key, value)
    (repo / ".git" / "info").mkdir(exist_ok=True)
    (repo / ".git" / "info" / "attributes").write_text("* filter=evil diff=evil\n", encoding="utf-8")
    return marker


def test_a_repository_configuration_never_makes_itstyr_run_a_program(cli, repo, tmp_path):
    from itstyr.diff.changelog import change_log
    from itstyr.git.history import repository_history

    edit(repo / "forum" / "digitaliseringsradet.yaml", "cadence: manad", "cadence: kvartal")
    commit_all(repo, "Kvartalsvis", "2026-03-01")
    edit(repo / "forum" / "beredningsradet.yaml", "name: ", "name: Nya ")
    marker = _trap(repo, tmp_path)
    git(repo, "status")  # the trap works: plain Git runs the program
    assert marker.exists()
    marker.unlink()

    assert cli("diff", "HEAD~1", "--path", str(repo), "--as-of", AS_OF).code == 0
    assert cli("diff", "HEAD~1", "HEAD", "--path", str(repo), "--format", "markdown").code == 0
    assert cli("lint", str(repo), "--as-of", AS_OF, "--changed-since", "HEAD~1").code in (0, 1)
    assert repository_history(repo).available
    assert change_log(repo).available
    assert not marker.exists(), marker.read_text()


def test_reading_history_and_diffs_writes_nothing(cli, repo):
    edit(repo / "forum" / "digitaliseringsradet.yaml", "cadence: manad", "cadence: kvartal")
    commit_all(repo, "Kvartalsvis", "2026-03-01")
    edit(repo / "forum" / "beredningsradet.yaml", "name: ", "name: Nya ")
    status = git(repo, "status", "--porcelain")
    before = tree_state(repo)  # taken after `git status`, which may itself refresh the index; itstyr must not

    from itstyr.diff.changelog import change_log
    from itstyr.git.history import repository_history

    assert cli("diff", "HEAD~1", "--path", str(repo)).code == 0
    assert cli("diff", "HEAD~1", "HEAD", "--path", str(repo)).code == 0
    cli("validate", str(repo), "--changed-since", "HEAD~1")
    repository_history(repo)
    change_log(repo)
    assert tree_state(repo) == before
    assert git(repo, "status", "--porcelain") == status


# --- history ------------------------------------------------------------------------------------------


def test_history_gives_each_entity_the_last_change_to_its_file(repo):
    from itstyr.api import validate
    from itstyr.git.history import entity_history, repository_history

    edit(repo / "forum" / "digitaliseringsradet.yaml", "cadence: manad", "cadence: kvartal")
    commit_all(repo, "Kvartalsvis", "2026-03-02", author="Bo Test")
    git(repo, "mv", "system/bibliotekssystem.yaml", "system/bibliotek.yaml")
    commit_all(repo, "Nytt filnamn", "2026-04-10", author="Cia Test")

    history = entity_history(repo, validate(repo).workspace)
    council = history["forum-digitaliseringsradet"]
    assert (council.last.day, council.last.author) == (date(2026, 3, 2), "Bo Test")
    assert council.modified == council.last
    untouched = history["doc-it-policy-2025"]
    assert (untouched.last.day, untouched.last.author, untouched.modified) == (date(2026, 1, 15), "Anna Test", None)
    moved = history["sys-bibliotekssystem"]
    assert (moved.path, moved.last.author) == ("system/bibliotek.yaml", "Cia Test")
    assert repository_history(repo) is repository_history(repo)  # read once, not once per question

    from itstyr.git.adapter import open_repository
    from itstyr.git.tree import TreeFolder

    repository = open_repository(repo)
    first = repository.resolve("HEAD~2")  # a side of `itstyr diff`: history as of that commit
    then = repository_history(TreeFolder(repository, first, repository.files(first)))
    assert then.of("forum/digitaliseringsradet.yaml").last.day == date(2026, 1, 15)
    assert then.of("system/bibliotek.yaml") is None


def test_history_of_a_governance_folder_inside_a_larger_repository(tmp_path, git_env):
    from itstyr.git.history import repository_history

    top = tmp_path / "kommun"
    shutil.copytree(TEMPLATE, top / "styrning")
    (top / "annat.txt").write_text("annat\n", encoding="utf-8")
    git(top, "init", "--quiet", "--initial-branch=main")
    commit_all(top, "Allt", "2026-01-15")
    history = repository_history(top / "styrning")
    assert history.of("forum/digitaliseringsradet.yaml") is not None
    assert history.of("annat.txt") is None and history.of("../annat.txt") is None


def test_history_in_a_shallow_clone_knows_where_it_stops(repo, tmp_path):
    from itstyr.git.history import repository_history

    edit(repo / "forum" / "digitaliseringsradet.yaml", "cadence: manad", "cadence: kvartal")
    commit_all(repo, "Kvartalsvis", "2026-05-04")
    clone = tmp_path / "grund"
    git(tmp_path, "clone", "--quiet", "--depth", "1", f"file://{repo}", str(clone))
    history = repository_history(clone)
    assert history.available
    policy = "styrdokument/it-policy-2025.yaml"
    assert history.of(policy).truncated is not None
    assert history.changed_after(policy, date(2026, 1, 1)) is None  # the answer lies before the clone's history
    assert history.changed_after(policy, date(2026, 6, 1)) is False
    full = repository_history(repo)
    assert full.changed_after(policy, date(2025, 1, 1)) is False  # added, never changed in place
    assert full.changed_after("forum/digitaliseringsradet.yaml", date(2026, 4, 1)) is True


def test_history_is_unavailable_without_a_repository_and_says_why(tmp_path, git_env):
    from itstyr.git.history import repository_history

    assert repository_history(None).note.key == "git.history_no_folder"
    assert repository_history(tmp_path).note.key == "git.not_repository"
    git(tmp_path, "init", "--quiet")
    assert repository_history(tmp_path).note.key == "git.history_no_commits"


def _untouched(repo: Path) -> list:
    """The history rule run as the lint engine runs it, with the repository's root in the context."""
    from itstyr.api import validate
    from itstyr.lint.config import effective_thresholds
    from itstyr.lint.context import LintContext
    from itstyr.lint.rules.history import review_untouched

    validation = validate(repo)
    settings = validation.settings
    context = LintContext(validation.workspace, date(2026, 11, 30), effective_thresholds(settings.extends, settings.thresholds),
                          validation.invalid)
    context.root = validation.root
    return list(review_untouched.check(context, {}))


def test_the_history_rule_reports_an_overdue_review_nobody_has_begun(tmp_path, git_env):
    repo = tmp_path / "styrning"
    shutil.copytree(TEMPLATE, repo)
    policy = repo / "styrdokument" / "it-policy-2025.yaml"
    edit(policy, "next_review: 2029-03", "next_review: 2026-03")
    git(repo, "init", "--quiet", "--initial-branch=main")
    commit_all(repo, "Mallen, med översynen planerad till mars", "2026-01-20")
    [violation] = _untouched(repo)
    assert violation.message == "untouched" and violation.document.id == "doc-it-policy-2025"
    assert violation.params["changed"] == "2026-01-20"

    clone = tmp_path / "grund"
    git(tmp_path, "clone", "--quiet", "--depth", "1", f"file://{repo}", str(clone))
    assert _untouched(clone) == []  # the shallow history cannot show whether it changed after 2025-03-26

    edit(policy, "Policyn ersätter", "Policyn, som nu ses över, ersätter")
    commit_all(repo, "Översynen har börjat", "2026-06-01")
    assert _untouched(repo) == []
