"""`itstyr build`: the one command that publishes. Checked as a CI job and a person see it: the
folder it writes (the handbook, optionally as a site, and the reports, the same as the single
commands write them), what it prints (lint's findings and a summary), its exit codes (as lint's),
the follow-up report's period, the same bytes for the same input, and the folder rules."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, TEMPLATE

AS_OF = "2026-11-30"
BASELINE = ROOT / "examples" / "helsingborg-2023"
REPORTS = ["rapporter/gapanalys.md", "rapporter/uppfoljning-2026-T3.md", "rapporter/yttrande.md"]


def build(cli, repo: Path, out: Path, *extra: str):
    return cli("build", str(repo), "--out", str(out), "--as-of", AS_OF, *extra)


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """The template published by the installed command, as CI runs it."""
    out = tmp_path_factory.mktemp("build") / "publicerat"
    run = subprocess.run(
        [sys.executable, "-m", "itstyr", "build", str(TEMPLATE), "--out", str(out), "--as-of", AS_OF],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "1"},
    )
    return out, run


def test_the_template_is_published_with_exit_code_0(published):
    out, run = published
    assert run.returncode == 0, run.stderr
    written = files(out)
    assert "handbok/index.md" in written and "handbok/forum/index.md" in written
    assert all(report in written for report in REPORTS)
    assert {".itstyr-handbook", "handbok/.itstyr-handbook"} <= written.keys()
    assert run.stderr == ""  # no progress display off a terminal


def test_it_prints_the_findings_and_a_summary(published):
    out, run = published
    lines = run.stdout.splitlines()
    assert lines[0].startswith("Inga problem: 177 poster i")  # what itstyr lint says
    assert lines[1] == f"Publicerat i {out.as_posix()}, per {AS_OF}:"
    assert lines[2].startswith(f"  {out.as_posix()}/handbok/ ") and lines[2].split()[1:2] == ["handboken,"]
    assert lines[2].endswith(" sidor")
    assert lines[3].split()[0] == f"{out.as_posix()}/rapporter/gapanalys.md"
    assert "uppföljningsrapporten för tertial 3 2026" in run.stdout
    assert lines[-1] == "Samlad bedömning: Uppfylld (99 av 100)."


def test_the_handbook_and_reports_are_what_the_single_commands_write(cli, published, tmp_path):
    out, _run = published
    handbook = tmp_path / "handbok"
    assert cli("render", "handbook", str(TEMPLATE), "--out", str(handbook), "--as-of", AS_OF).code == 0
    assert {f"handbok/{name}": content for name, content in files(handbook).items()} == {
        name: content for name, content in files(out).items() if name.startswith("handbok/")
    }
    response = tmp_path / "yttrande.md"
    assert cli("report", "response", str(TEMPLATE), "--out", str(response), "--as-of", AS_OF).code == 0
    assert (out / "rapporter" / "yttrande.md").read_bytes() == response.read_bytes()
    follow_up = tmp_path / "uppfoljning.md"
    assert cli("report", "follow-up", str(TEMPLATE), "--period", "2026-T3", "--out", str(follow_up), "--as-of", AS_OF).code == 0
    assert (out / "rapporter" / "uppfoljning-2026-T3.md").read_bytes() == follow_up.read_bytes()
    # The gap report links to the repository's files from where it lies.
    gap = (out / "rapporter" / "gapanalys.md").read_text(encoding="utf-8")
    target = os.path.relpath(TEMPLATE / "styrdokument", out / "rapporter").replace(os.sep, "/")
    assert f"]({target}/" in gap


def test_the_same_input_gives_the_same_bytes_and_output(published, tmp_path):
    out, run = published
    again = tmp_path / "publicerat"
    second = subprocess.run(
        [sys.executable, "-m", "itstyr", "build", str(TEMPLATE), "--out", str(again), "--as-of", AS_OF],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "2"},
    )
    assert second.returncode == 0
    assert files(again) == files(out)
    assert second.stdout == run.stdout.replace(out.as_posix(), again.as_posix())


def test_with_site_the_handbook_is_a_mkdocs_project(cli, tmp_path):
    out = tmp_path / "publicerat"
    run = build(cli, TEMPLATE, out, "--site")
    assert run.code == 0, run.err
    assert (out / "handbok" / "mkdocs.yml").is_file() and (out / "handbok" / "docs" / "index.md").is_file()
    assert (out / "handbok" / "docs" / "assets" / "itstyr" / "mermaid.min.js").is_file()
    assert all((out / report).is_file() for report in REPORTS)
    assert f"mkdocs build -f {out.as_posix()}/handbok/mkdocs.yml" in run.out
    import material  # noqa: F401 - the test extra installs the site tools; missing means a broken install
    import mkdocs  # noqa: F401 - the test extra installs the site tools; missing means a broken install
    site = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(out / "handbok" / "mkdocs.yml")],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert site.returncode == 0, site.stderr
    assert (out / "handbok" / "site" / "forum" / "index.html").is_file()


def test_english(cli, tmp_path):
    run = build(cli, TEMPLATE, tmp_path / "published", "--lang", "en")
    assert run.code == 0
    assert "Published in" in run.out and "the follow-up report for four-month period 3 2026" in run.out
    assert run.out.rstrip().endswith("Overall: Fulfilled (99 out of 100).")
    assert (tmp_path / "published" / "handbok" / "index.md").read_text(encoding="utf-8").startswith("# Handbook")


# --- Exit codes, as for lint ----------------------------------------------------------------------


def test_errors_give_exit_code_1_and_are_published_anyway(cli, tmp_path):
    out = tmp_path / "publicerat"
    run = build(cli, BASELINE, out)
    lint = cli("lint", str(BASELINE), "--as-of", AS_OF)
    assert lint.code == 1 and run.code == 1
    assert run.out.startswith(lint.out)  # the same findings, the same words
    assert (out / "handbok" / "index.md").is_file() and (out / "rapporter" / "gapanalys.md").is_file()
    assert build(cli, BASELINE, out, "--fail-on", "never").code == 0


def test_warnings_fail_only_when_asked(cli, template_copy, tmp_path):
    assert build(cli, template_copy, tmp_path / "a", "--fail-on", "warning").code == 0
    waiver = "waivers:\n  - rule: follow-up-overdue\n    reason: Prov.\n    until: 2020-01-01\n"
    (template_copy / "itstyr.yaml").write_text("language: sv\n" + waiver, encoding="utf-8")  # an expired waiver warns
    assert build(cli, template_copy, tmp_path / "b").code == 0
    run = build(cli, template_copy, tmp_path / "c", "--fail-on", "warning")
    assert run.code == 1 and "waiver-expired" in run.out


def test_bad_usage_is_exit_code_2_and_writes_nothing(cli, tmp_path):
    out = tmp_path / "publicerat"
    run = build(cli, tmp_path / "missing", out)
    assert run.code == 2 and "Traceback" not in run.err
    run = build(cli, TEMPLATE, out, "--period", "2026-T9")
    assert run.code == 2 and "2026-T9" in run.err
    run = cli("build", str(TEMPLATE), "--out", str(out), "--as-of", "2026-13-01")
    assert run.code == 2
    assert not out.exists()


def test_a_broken_template_leaves_the_earlier_publication(cli, template_copy, tmp_path):
    out = tmp_path / "publicerat"
    assert build(cli, template_copy, out).code == 0
    before = files(out)
    own = template_copy / "templates" / "handbook"
    own.mkdir(parents=True)
    (own / "start.md.j2").write_text("{{ no_such_name }}\n", encoding="utf-8")
    run = build(cli, template_copy, out)
    assert run.code == 2 and "start.md.j2" in run.err
    assert files(out) == before


# --- The output folder --------------------------------------------------------------------------


def test_a_foreign_folder_is_refused_and_left_alone(cli, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    run = build(cli, TEMPLATE, out)
    assert run.code == 2
    assert "innehåller annat än det itstyr publicerar" in run.err and ".itstyr-handbook" in run.err
    assert files(out) == {"notes.txt": b"mine"}


def test_a_folder_inside_the_repository_is_refused(cli, template_copy):
    run = build(cli, template_copy, template_copy / "publicerat")
    assert run.code == 2 and "ligger i styrningsförrådet" in run.err
    assert not (template_copy / "publicerat").exists()


def test_an_earlier_publication_is_replaced_and_its_handbook_can_be_rendered_alone(cli, tmp_path):
    out = tmp_path / "publicerat"
    assert build(cli, TEMPLATE, out, "--site").code == 0
    assert build(cli, TEMPLATE, out).code == 0
    assert not (out / "handbok" / "mkdocs.yml").exists() and (out / "handbok" / "index.md").is_file()
    assert cli("render", "handbook", str(TEMPLATE), "--out", str(out / "handbok"), "--as-of", AS_OF).code == 0


# --- The follow-up report's period -------------------------------------------------------------------


def test_the_follow_up_period_follows_the_plan_or_the_option(cli, template_copy, tmp_path):
    run = build(cli, template_copy, tmp_path / "a", "--period", "2026-T2")
    assert run.code == 0 and (tmp_path / "a" / "rapporter" / "uppfoljning-2026-T2.md").is_file()
    plan = template_copy / "uppfoljning" / "uppfoljningsplan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("frequency: tertial", "frequency: kvartal", 1), encoding="utf-8")
    run = build(cli, template_copy, tmp_path / "b")
    assert run.code == 0, run.out
    assert (tmp_path / "b" / "rapporter" / "uppfoljning-2026-Q4.md").is_file()
    assert "uppföljningsrapporten för kvartal 4 2026" in run.out


def test_without_a_follow_up_plan_the_period_is_the_tertial(cli, template_copy, tmp_path):
    (template_copy / "uppfoljning" / "uppfoljningsplan.yaml").unlink()
    run = build(cli, template_copy, tmp_path / "a", "--fail-on", "never")
    assert run.code == 0
    assert (tmp_path / "a" / "rapporter" / "uppfoljning-2026-T3.md").is_file()


# --- The progress display -------------------------------------------------------------------------


def test_a_terminal_sees_each_step(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("TTY_INTERACTIVE", "1")
    run = build(cli, TEMPLATE, tmp_path / "publicerat")
    assert run.code == 0
    for step in (
        "Validerar och poängsätter förrådet",
        "Granskar mot reglerna",
        "Skriver handboken",
        "Skriver rapporterna",
        "Sparar mappen",
    ):
        assert f"{step} – klart (" in run.err
    assert "Förbereder webbplatsen" not in run.err
    assert "Publicerat i" in run.out and "klart" not in run.out
