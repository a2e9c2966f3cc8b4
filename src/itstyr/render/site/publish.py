"""`itstyr build`: everything a city publishes, from one run over the repository, into one folder.

The repository is read, validated and scored once (`handbook.prepare`), the lint rules run on that
same validation, and from it come the handbook (optionally as a MkDocs project) and the reports: the
gap report, the draft response to the auditors and the follow-up report for the current period. The
folder is laid out the same every time, so a CI job or a web server can rely on the paths:

    OUT/handbok/                    the handbook's pages (with --site: mkdocs.yml and docs/)
    OUT/rapporter/gapanalys.md      the gap report against the audit's recommendations
    OUT/rapporter/yttrande.md       the draft response (yttrande)
    OUT/rapporter/uppfoljning-<period>.md   the follow-up report (for example 2026-T3)

Everything is rendered in memory and the folder is written in one step, with the handbook's rules:
only a new or empty folder, or one itstyr wrote before, and not inside the governance data. The
steps are announced through `progress` (a step's key as it starts) so the CLI can show them; this
module never prints.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from itstyr.errors import UserError
from itstyr.messages import Message

HANDBOOK = "handbok"
REPORTS = "rapporter"
GAP = f"{REPORTS}/gapanalys.md"
RESPONSE = f"{REPORTS}/yttrande.md"
FOLLOW_UP = REPORTS + "/uppfoljning-{period}.md"

STEPS = ("prepare", "lint", "handbook", "site", "reports", "write")

# The period a follow-up plan reports in, as `itstyr report follow-up --period` writes it.
_PERIOD_OF = {
    "ar": lambda day: f"{day.year}",
    "halvar": lambda day: f"{day.year}-H{1 if day.month <= 6 else 2}",
    "tertial": lambda day: f"{day.year}-T{(day.month - 1) // 4 + 1}",
    "kvartal": lambda day: f"{day.year}-Q{(day.month - 1) // 3 + 1}",
    "manad": lambda day: f"{day.year}-{day.month:02d}",
}
DEFAULT_FREQUENCY = "tertial"  # the board's rhythm in most Swedish municipalities


@dataclass
class PublishResult:
    out: Path
    language: str
    as_of: date
    site: bool
    period: str  # the follow-up report's period
    pages: list[str] = field(default_factory=list)  # the handbook's pages, relative to its folder
    reports: dict[str, str] = field(default_factory=dict)  # kind (gap, response, follow_up) → path in out
    files: list[str] = field(default_factory=list)  # everything written, relative to out
    lint: Any = None  # itstyr.lint.engine.LintResult
    score: Any = None  # itstyr.scoring.engine.ScoreResult
    omitted: int = 0  # entries left out because they break their schema


def publish(
    path: str | Path,
    out: str | Path,
    *,
    language: str | None = None,
    as_of: str | None = None,
    site: bool = False,
    period: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> PublishResult:
    """Validate, lint and score the repository at `path` and write the handbook and the reports
    into `out`. `period` chooses the follow-up report's period (default: the one the follow-up plan
    in force reports in that holds the as-of date, else the tertial). Raises `UserError` for every
    problem a user can fix; lint findings are returned, not raised."""
    from itstyr.gcpause import paused_gc
    from itstyr.lint.engine import run_rules
    from itstyr.render.handbook import prepare, render_pages
    from itstyr.render.handbook.writing import check_target, write_folder

    announce = progress or (lambda step: None)
    announce("prepare")
    handbook = prepare(path, language, as_of)
    target = Path(out)
    _check_target(check_target, target, handbook)
    chosen = _report_period(handbook, period)  # a bad --period is a usage error before the long steps

    announce("lint")
    with paused_gc():
        linted = run_rules(handbook.validation, handbook.as_of)

    announce("handbook")
    pages = render_pages(handbook)
    files: dict[str, str] = {}
    if site:
        from itstyr.render.site import site_files

        announce("site")
        files.update((f"{HANDBOOK}/{name}", content) for name, content in site_files(handbook, pages).items())
    else:
        files.update((f"{HANDBOOK}/{name}", content) for name, content in pages.items())
    from itstyr.render.handbook.writing import MARKER, MARKER_TEXT

    files[f"{HANDBOOK}/{MARKER}"] = MARKER_TEXT  # `itstyr render handbook` may replace the handbook alone

    announce("reports")
    reports = _reports(handbook, target, chosen)
    files.update((name, content) for name, (_kind, content) in reports.items())

    announce("write")
    _write(write_folder, target, files)
    return PublishResult(
        target,
        handbook.language,
        handbook.as_of,
        site,
        chosen.text,
        sorted(pages),
        {kind: name for name, (kind, _content) in reports.items()},
        sorted(files),
        linted,
        handbook.score,
        handbook.omitted,
    )


def _report_period(handbook, requested: str | None):
    """The follow-up report's period: as asked, else the plan's reporting period holding the date."""
    from itstyr.followup import parse_report_period
    from itstyr.followup.common import Scope
    from itstyr.followup.records import chosen_plan

    if requested is not None:
        return parse_report_period(requested)
    provisional = parse_report_period(_PERIOD_OF[DEFAULT_FREQUENCY](handbook.as_of))
    plan = chosen_plan(Scope(handbook.context, handbook.context, provisional, handbook.as_of, handbook.language))
    frequency = plan.data.get("frequency") if plan is not None else None
    if frequency not in _PERIOD_OF or frequency == DEFAULT_FREQUENCY:
        return provisional
    return parse_report_period(_PERIOD_OF[frequency](handbook.as_of))


def _reports(handbook, target: Path, period) -> dict[str, tuple[str, str]]:
    """`{path in out: (kind, Markdown)}` for the gap report, the response and the follow-up report."""
    from itstyr.followup import build_context, render_follow_up
    from itstyr.render.reports import gap_context, render_report, response_context

    language, result = handbook.language, handbook.score
    follow_up = FOLLOW_UP.format(period=period.text)
    return {
        # The gap report links to the repository's files, relative to where it will be read.
        GAP: ("gap", render_report("gap", gap_context(result, language, target / GAP), language)),
        RESPONSE: ("response", render_report("response", response_context(result, language), language)),
        follow_up: (
            "follow_up",
            render_follow_up(build_context(handbook.validation, period, handbook.as_of, language), language),
        ),
    }


def _check_target(check, target: Path, handbook) -> None:
    """The handbook's rules for an output folder, in words about publishing rather than a handbook."""
    try:
        check(target, handbook.root, handbook.validation.settings.exclude)
    except UserError as error:
        raise UserError(_reworded(error.message), _reworded(error.hint)) from None


def _write(write, target: Path, files: dict[str, str]) -> None:
    try:
        write(target, files)
    except UserError as error:
        raise UserError(_reworded(error.message), _reworded(error.hint)) from None


def _reworded(message: Message | None) -> Message | None:
    """`handbook.out_foreign` → `build.out_foreign`, where this module has its own words."""
    from itstyr.messages import catalogue

    if message is None or not message.key.startswith("handbook."):
        return message
    key = "build." + message.key.removeprefix("handbook.")
    return Message(key, **message.params) if key in catalogue() else message
