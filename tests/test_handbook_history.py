"""The handbook's history, on real Git repositories made in temporary folders from the template: the
change-log page says what changed, month by month, in words (Swedish, and English with --lang en);
entity pages and the register of steering documents say when each file last changed; no author's
name appears anywhere; the same commit gives the same bytes, uncommitted edits or not; and without
Git, a repository or a commit the handbook still renders and says why there is no history. The
tests never see the user's own Git configuration."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TEMPLATE
from test_handbook import broken_links, pages

AS_OF = "2026-11-30"
COUNCIL = "forum/digitaliseringsradet.yaml"
POLICY = "styrdokument/it-policy-2025.yaml"
AUTHORS = ("Anna Författare", "Bo Författare", "Cia Författare")
MESSAGES = ("Commit-text ett", "Commit-text två", "Commit-text tre")  # words the data does not hold
NEW_RIGHT = "decision_rights:\n  - decision_type: arkitekturbeslut\n    right: beslutar\n    source: doc-ks-delegeringsordning\n"


@pytest.fixture(name="git_env")
def git_env_fixture(tmp_path, monkeypatch) -> None:
    """Git isolated from the user's and the system's configuration; itstyr sees the same."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_CEILING_DIRECTORIES"):
        monkeypatch.delenv(name, raising=False)
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "forfattare@example.org")


def git(cwd: Path, *args: str, when: str | None = None, author: str = AUTHORS[0]) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME=author, GIT_COMMITTER_NAME=author)
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when if "T" in when else f"{when}T12:00:00+01:00"
    result = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def commit_all(repo: Path, message: str, when: str, author: str) -> None:
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", message, when=when, author=author)


def edit(path: Path, old: str, new: str) -> None:
    content = path.read_text(encoding="utf-8")
    assert old in content, f"{old!r} not in {path}"
    path.write_text(content.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(name="repo")
def repo_fixture(tmp_path, git_env) -> Path:
    """The template in Git with three commits in three months, each by another person: the template
    (January), the digitalisation council given the right to decide on architecture (October), the
    IT policy under revision (November)."""
    repo = tmp_path / "styrning"
    shutil.copytree(TEMPLATE, repo)
    git(repo, "init", "--quiet", "--initial-branch=main")
    commit_all(repo, MESSAGES[0], "2026-01-15", AUTHORS[0])
    edit(repo / COUNCIL, "decision_rights:\n", NEW_RIGHT)
    commit_all(repo, MESSAGES[1], "2026-10-05T09:30:00+02:00", AUTHORS[1])
    edit(repo / POLICY, "status: gallande", "status: under_revidering")
    commit_all(repo, MESSAGES[2], "2026-11-12", AUTHORS[2])
    return repo


def render(cli, repo: Path, out: Path, *extra: str) -> dict[str, str]:
    run = cli("render", "handbook", str(repo), "--out", str(out), "--as-of", AS_OF, *extra)
    assert run.code == 0, run.err
    assert run.err == ""
    return pages(out)


def month_sections(page: str) -> dict[str, str]:
    """The change-log page's sections by their heading (without the anchor)."""
    parts = re.split(r"^## (?:<a id=\"[^\"]+\"></a>)?(.+)$", page, flags=re.MULTILINE)
    return {heading: body for heading, body in zip(parts[1::2], parts[2::2], strict=True)}


def rows(section: str) -> list[list[str]]:
    """The table rows of a section, header and separator left out."""
    lines = [line for line in section.split("\n") if line.startswith("|")]
    return [[cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]] for line in lines[2:]]


# --- The change log -------------------------------------------------------------------------------


def test_the_change_log_lists_the_changes_month_by_month_in_swedish(cli, repo, tmp_path):
    handbook = render(cli, repo, tmp_path / "handbok")
    page = handbook["andringar.md"]

    assert page.startswith("[Startsida](index.md) › Ändringslogg\n\n# Ändringslogg\n")
    months = month_sections(page)
    assert list(months) == ["November 2026", "Oktober 2026", "Januari 2026"]
    assert "[Oktober 2026](#manad-2026-10)" in page  # the months at the top lead to their sections
    assert rows(months["Oktober 2026"]) == [
        [
            "2026-10-05",
            "Digitaliseringsrådet fick beslutsrätt över arkitekturbeslut.",
            "[Digitaliseringsrådet](forum/forum-digitaliseringsradet.md)",
        ]
    ]
    assert rows(months["November 2026"]) == [
        ["2026-11-12", "IT-policy för Hamnköpings stad fick status under revidering (tidigare gällande).",
         "[IT-policy för Hamnköpings stad](styrdokument/doc-it-policy-2025.md)"]
    ]  # fmt: skip
    [(day, added, concerns)] = rows(months["Januari 2026"])
    assert day == "2026-01-15" and concerns == ""
    assert re.fullmatch(r"\d+ poster lades till \(organisationsenhet: \d+, .*\)\.", added)


def test_the_change_log_in_english(cli, repo, tmp_path):
    page = render(cli, repo, tmp_path / "handbook", "--lang", "en")["andringar.md"]

    assert "# Change log\n" in page and "The changes to the governance repository" in page
    months = month_sections(page)
    assert list(months) == ["November 2026", "October 2026", "January 2026"]
    [(day, change, concerns)] = rows(months["October 2026"])
    assert (day, change) == ("2026-10-05", "Digitaliseringsrådet was given the right to decide over architecture decisions.")
    assert concerns.startswith("[") and concerns.endswith("](forum/forum-digitaliseringsradet.md)")


def test_the_start_page_the_index_and_the_site_lead_to_the_change_log(cli, repo, tmp_path):
    out = tmp_path / "handbok"
    handbook = render(cli, repo, out)

    assert "- [Ändringslogg](andringar.md): vad som har ändrats i styrningen" in handbook["index.md"]
    assert "Vad som har ändrats och när står i [ändringsloggen](andringar.md)." in handbook["register.md"]
    assert "[Ändringslogg](../andringar.md)" not in handbook["forum/forum-digitaliseringsradet.md"]  # not on every page
    assert broken_links(out) == []  # the month anchors included

    from itstyr.render.site.config import navigation

    nav, _left_out = navigation(handbook, "sv")
    assert {"title": "Ändringslogg", "page": "andringar.md", "children": []} in nav


def test_a_month_with_very_many_changes_shows_the_first_and_counts_the_rest(repo, monkeypatch):
    from itstyr.render.handbook import history, prepare, render_pages

    edit(repo / "forum" / "produktradet.yaml", "cadence: manad", "cadence: kvartal")
    edit(repo / "forum" / "arkitekturradet.yaml", "cadence: manad", "cadence: kvartal")
    commit_all(repo, MESSAGES[2], "2026-11-20", AUTHORS[2])
    monkeypatch.setattr(history, "ENTRIES_SHOWN", 1)

    november = month_sections(render_pages(prepare(repo, None, AS_OF), workers=1)["andringar.md"])["November 2026"]
    assert len(rows(november)) == 1
    assert "… och 2 ändringar till den här månaden (itstyr diff visar alla)." in november


# --- "Senast ändrad" ------------------------------------------------------------------------------


def test_entity_pages_and_the_register_of_steering_documents_say_when_the_file_last_changed(cli, repo, tmp_path):
    handbook = render(cli, repo, tmp_path / "handbok")

    council = handbook["forum/forum-digitaliseringsradet.md"]
    assert f"*Källfil: {COUNCIL} · senast ändrad [2026-10-05](../andringar.md#manad-2026-10)*" in council
    assert (
        f"*Källfil: {POLICY} · senast ändrad [2026-11-12](../andringar.md#manad-2026-11)*"
        in handbook["styrdokument/doc-it-policy-2025.md"]
    )
    # unchanged since the template was added with many others (summed up in the log): the date alone
    assert "*Källfil: forum/beredningsradet.yaml · senast ändrad 2026-01-15*" in handbook["forum/forum-beredningsradet.md"]
    initiative = next(text for path, text in handbook.items() if path.startswith("portfolj/") and not path.endswith("index.md"))
    assert "· senast ändrad 2026-01-15*" in initiative

    register = handbook["styrdokument/index.md"]
    header = next(line for line in register.split("\n") if line.startswith("| Dokument |"))
    assert header.endswith("| Nästa översyn | Senast ändrad |")
    policy_row = next(line for line in register.split("\n") if line.startswith("| [IT-policy för Hamnköpings stad]"))
    assert policy_row.endswith("| [2026-11-12](../andringar.md#manad-2026-11) |")

    english = render(cli, repo, tmp_path / "handbook", "--lang", "en")
    assert "· last changed [2026-10-05](../andringar.md#manad-2026-10)*" in english["forum/forum-digitaliseringsradet.md"]
    assert "| Next review | Last changed |" in english["styrdokument/index.md"]


def test_no_author_appears_anywhere_in_the_handbook(cli, repo, tmp_path):
    out = tmp_path / "handbok"
    render(cli, repo, out)
    render(cli, repo, tmp_path / "handbook", "--lang", "en")
    for folder in (out, tmp_path / "handbook"):
        for path in folder.rglob("*"):
            if path.is_file():
                content = path.read_text(encoding="utf-8")
                for name in (*AUTHORS, "Författare", "forfattare@example.org", *MESSAGES, "Commit-text"):
                    assert name not in content, (path, name)  # neither who, nor the commit's own words


# --- The same commit, the same bytes ---------------------------------------------------------------


def test_the_same_commit_gives_the_same_bytes_and_uncommitted_edits_do_not_enter_the_history(cli, repo, tmp_path):
    first = render(cli, repo, tmp_path / "a")
    assert render(cli, repo, tmp_path / "b") == first

    edit(repo / COUNCIL, "cadence: manad", "cadence: kvartal")  # in the working tree only
    edited = render(cli, repo, tmp_path / "c")
    assert edited["andringar.md"] == first["andringar.md"]
    assert "senast ändrad [2026-10-05](../andringar.md#manad-2026-10)" in edited["forum/forum-digitaliseringsradet.md"]
    assert (
        edited["forum/forum-digitaliseringsradet.md"] != first["forum/forum-digitaliseringsradet.md"]
    )  # the page shows the edit


def test_pages_rendered_in_several_processes_carry_the_history_too(repo):
    from itstyr.render.handbook import prepare, render_pages

    handbook = prepare(repo, None, AS_OF)
    alone = render_pages(handbook, workers=1)
    assert render_pages(handbook, workers=3) == alone
    assert "senast ändrad [2026-10-05]" in alone["forum/forum-digitaliseringsradet.md"]


# --- Where there is no history ------------------------------------------------------------------------


def test_a_folder_outside_git_renders_and_says_the_history_is_unavailable(cli, template_copy, tmp_path, git_env):
    out = tmp_path / "handbok"
    handbook = render(cli, template_copy, out)

    page = handbook["andringar.md"]
    assert "Ändringshistoriken är inte tillgänglig: handboken är gjord från en mapp som inte ligger i ett Git-förråd." in page
    assert "## " not in page and str(template_copy) not in page
    assert not any("senast ändrad" in text.lower() for text in handbook.values())
    assert "| Nästa översyn |\n" in handbook["styrdokument/index.md"]  # no empty column either
    assert "[Ändringslogg](andringar.md)" in handbook["index.md"] and broken_links(out) == []

    english = render(cli, template_copy, tmp_path / "handbook", "--lang", "en")["andringar.md"]
    assert "The change history is unavailable: this handbook was made from a folder that is not in a Git repository." in english


def test_a_folder_outside_git_does_not_start_git(template_copy, tmp_path, git_env):
    """No `git` process and no GitPython for a plain folder: its handbook is as fast as before."""
    code = (
        "import sys; from itstyr.render.handbook import prepare;"
        f"h = prepare({str(template_copy)!r}, None, {AS_OF!r});"
        "print(h.history.reason, 'git' in sys.modules)"
    )
    empty = tmp_path / "bin"
    empty.mkdir()  # no git on the PATH: starting it would show as another reason
    env = dict(os.environ, PATH=str(empty))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert result.stdout.split() == ["handbook.history.unavailable.not_repository", "False"]


def test_a_repository_without_commits_says_so(cli, template_copy, tmp_path, git_env):
    git(template_copy, "init", "--quiet", "--initial-branch=main")
    page = render(cli, template_copy, tmp_path / "handbok")["andringar.md"]
    assert "Ändringshistoriken är inte tillgänglig: förrådet har ännu inga commits." in page


def test_without_git_the_handbook_of_a_repository_still_renders(cli, repo, tmp_path, monkeypatch):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    handbook = render(cli, repo, tmp_path / "handbok")
    assert "Ändringshistoriken är inte tillgänglig: Git fanns inte på datorn där handboken gjordes." in handbook["andringar.md"]
    assert not any("senast ändrad" in text for text in handbook.values())


def test_a_shallow_clone_says_where_its_history_starts(cli, repo, tmp_path):
    clone = tmp_path / "grund"
    git(tmp_path, "clone", "--quiet", "--depth", "1", f"file://{repo}", str(clone))
    handbook = render(cli, clone, tmp_path / "handbok")

    page = handbook["andringar.md"]
    assert "Historiken börjar 2026-11-12: förrådet är en grund klon (shallow clone)" in page
    assert list(month_sections(page)) == ["November 2026"]
    # the council last changed in October, before the clone's history: it can only say "or earlier"
    assert "· senast ändrad 2026-11-12 eller tidigare*" in handbook["forum/forum-digitaliseringsradet.md"]
