"""`itstyr init`: a new governance repository from the bundled template, with a first commit, the next
steps printed; a folder with something in it is never touched; no hook runs; the template ships in the
wheel."""

from __future__ import annotations

import stat
import subprocess
import sys
import zipfile

from conftest import ROOT, TEMPLATE
from test_git import git, git_env_fixture  # noqa: F401 - fixture


def _files(folder) -> set[str]:
    return {str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file() and ".git" not in path.relative_to(folder).parts}


def test_init_creates_a_repository_from_the_template_with_a_first_commit(cli, tmp_path, git_env):
    marker = tmp_path / "hook-ran"
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    for name in ("pre-commit", "commit-msg", "post-commit"):
        hook = hooks / name
        hook.write_text(f"#!/bin/sh\ntouch {marker}\n", encoding="utf-8")
        hook.chmod(hook.stat().st_mode | stat.S_IEXEC)
    git(tmp_path, "config", "--global", "core.hooksPath", str(hooks))  # a user's global hooks do not run either

    target = tmp_path / "styrning"
    run = cli("init", str(target))
    assert run.code == 0, run.err
    assert f"Skapade ett styrningsförråd i {target}" in run.out and "första commit" in run.out
    assert "Nästa steg:" in run.out and f"cd {target}" in run.out and "itstyr validate ." in run.out
    assert _files(target) == _files(TEMPLATE)
    assert (target / ".github" / "workflows" / "itstyr.yml").is_file()
    assert git(target, "log", "--format=%s").splitlines() == ["Nytt styrningsförråd från itstyrs mall"]
    assert git(target, "status", "--porcelain") == ""
    assert git(target, "branch", "--show-current").strip() == "main"
    assert not marker.exists()
    assert cli("validate", str(target)).code == 0
    assert not any(path.name.startswith(".itstyr-init-") for path in tmp_path.iterdir())


def test_init_refuses_a_folder_that_is_not_empty(cli, tmp_path, git_env):
    target = tmp_path / "befintlig"
    target.mkdir()
    (target / "anteckningar.txt").write_text("mina anteckningar", encoding="utf-8")
    run = cli("init", str(target))
    assert run.code == 2
    assert "inte tom" in run.err
    assert [path.name for path in target.iterdir()] == ["anteckningar.txt"]
    assert cli("init", str(target / "anteckningar.txt")).code == 2


def test_init_into_an_empty_folder_without_git(cli, tmp_path, git_env):
    target = tmp_path / "tom"
    target.mkdir()
    run = cli("init", str(target), "--no-git", "--lang", "en")
    assert run.code == 0
    assert not (target / ".git").exists()
    assert "Created a governance repository" in run.out and "git init" in run.out
    assert _files(target) == _files(TEMPLATE)


def test_init_without_a_git_identity_still_commits(cli, tmp_path, git_env, monkeypatch):
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.delenv(f"GIT_{role}_NAME")
        monkeypatch.delenv(f"GIT_{role}_EMAIL")
    monkeypatch.setenv("EMAIL", "")
    target = tmp_path / "styrning"
    assert cli("init", str(target)).code == 0
    assert git(target, "log", "--format=%an").strip() == "itstyr"


def test_init_without_git_changes_nothing_and_says_why(cli, tmp_path, git_env, monkeypatch):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    target = tmp_path / "styrning"
    run = cli("init", str(target))
    assert run.code == 2 and "Git finns inte" in run.err and "Traceback" not in run.err
    assert not target.exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["bin", "home"]


def test_the_template_ships_in_the_wheel(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True, timeout=600,
    )
    [wheel] = list(tmp_path.glob("itstyr-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {"itstyr/template/" + name for name in _files(TEMPLATE)}
    assert expected <= names, sorted(expected - names)
    assert "itstyr/diff/comment.md.j2" in names and "itstyr/data/messages/git.yaml" in names
