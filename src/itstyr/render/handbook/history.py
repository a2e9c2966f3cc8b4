"""History as evidence in the handbook: the change-log page (what changed, month by month, in
words a reader understands) and the day each entity's file last changed ("senast ändrad").

Both are read from Git once, while the handbook is gathered, before its pages are shared out
between processes; they come from committed history only (HEAD), so rendering the same commit
twice gives the same bytes, uncommitted edits or not. The handbook is public and names people
only by role, so no author is kept here.

Where Git or a repository is absent the history is unavailable, with the reason the change-log
page gives in a sentence; the other pages then show no dates. A folder with no `.git` above it is
known not to be a repository without starting Git or importing GitPython, so a plain folder
renders as fast as it did before there was history.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from itstyr.render.handbook import links
from itstyr.render.handbook.pages import Page, section_title

ENTRIES_SHOWN = 300  # per month; the rest are counted (itstyr diff shows them all)
UNAVAILABLE = "handbook.history.unavailable."  # + the reason Git gave (its message key after "git.")


@dataclass(frozen=True, slots=True)
class LastChange:
    day: str  # YYYY-MM-DD, the committer's day of the last commit that touched the entity's file
    on_or_before: bool  # a shallow clone: the file's history stops there, the change may be older
    logged: str | None  # the change-log month (YYYY-MM) that lists a change to this entity that day


@dataclass(slots=True)
class HandbookHistory:
    available: bool = False
    reason: str | None = None  # the message key saying why the history is unavailable
    months: list = field(default_factory=list)  # itstyr.diff.changelog.ChangeLogMonth, newest first
    changed: dict[str, LastChange] = field(default_factory=dict)  # entity id → its file's last change
    starts: str | None = None  # in a shallow clone, the day the visible history starts

    def last_changed(self, entity_id: object) -> LastChange | None:
        return self.changed.get(entity_id) if isinstance(entity_id, str) else None  # type: ignore[return-value]


def gather(handbook) -> HandbookHistory:
    """The change log and the last change of every entity's file, for the handbook's language; an
    unavailable history (with its reason) where there is no Git, repository or commit. Never raises
    for that."""
    from itstyr.errors import UserError

    if _outside_git(handbook.root):
        return HandbookHistory(False, UNAVAILABLE + "not_repository")
    from itstyr.diff.changelog import change_log
    from itstyr.git.history import entity_history, repository_history

    workspace = handbook.validation.workspace
    try:
        log = change_log(handbook.root, handbook.language, workspace=workspace)
        files = repository_history(handbook.root) if log.available else None
    except UserError as error:  # Git failing half-way (reading blobs): no history rather than no handbook
        return HandbookHistory(False, _reason(error.message))
    if not log.available or files is None or not files.available:
        return HandbookHistory(False, _reason(log.note if not log.available else files.note if files else None))
    logged: dict[str, list[str]] = {}  # entity id → the days the log lists a change to it, oldest first
    for month in reversed(log.months):
        for entry in reversed(month.entries):
            if entry.id is not None:
                logged.setdefault(entry.id, []).append(entry.date)
    changed: dict[str, LastChange] = {}
    for entity_id, entry in entity_history(handbook.root, workspace).items():  # the same one `git log`, kept
        day = entry.last.date[:10]
        # In a shallow clone a file last touched by the boundary commit may have changed long before.
        on_or_before = entry.truncated is not None and entry.last.date == entry.truncated
        # The log dates a merged change by its merge, which may come after the commit that made it.
        listed = next((logged_day for logged_day in logged.get(entity_id, ()) if logged_day >= day), None)
        changed[entity_id] = LastChange(day, on_or_before, listed[:7] if listed else None)
    starts = min((entry.truncated[:10] for entry in files.files.values() if entry.truncated), default=None)
    return HandbookHistory(True, None, log.months, changed, starts)


def _outside_git(folder: Path) -> bool:
    """True when no folder from `folder` up holds `.git` (and the environment names no repository):
    Git would say the same, but starting it (and importing GitPython) costs a plain folder time."""
    if os.environ.get("GIT_DIR") or os.environ.get("GIT_WORK_TREE"):
        return False
    start = Path(folder).resolve()
    return not any((parent / ".git").exists() for parent in (start, *start.parents))


def _reason(note) -> str:
    """The page's sentence for Git's reason (`git.not_repository` → `…unavailable.not_repository`);
    a reason without a sentence of its own (a failing Git command) is said generally, since its
    detail (a local path, Git's own words) has no place in a public handbook."""
    from itstyr.messages import catalogue

    key = getattr(note, "key", "") or ""
    wanted = UNAVAILABLE + key.removeprefix("git.")
    return wanted if key.startswith("git.") and wanted in catalogue() else UNAVAILABLE + "failed"


def build(hb) -> list[Page]:
    """The change-log page: every month of the log with its changes (date, sentence, the entity it
    concerns, linked where the handbook shows it), or why there is no history."""
    history: HandbookHistory = hb.history
    months = []
    for month in history.months:
        entries = [
            {
                "date": entry.date,
                "text": entry.text,
                "id": entry.id,
                "name": entry.name,
                "linked": entry.id is not None and entry.id in hb.linker.targets,
            }
            for entry in month.entries[:ENTRIES_SHOWN]
        ]
        months.append({"month": month.month, "anchor": month_anchor(month.month), "entries": entries,
                       "more": max(0, len(month.entries) - ENTRIES_SHOWN)})  # fmt: skip
    return [
        Page(
            links.CHANGELOG,
            "handbook/changelog.md.j2",
            section_title("changelog", hb.language),
            {
                "available": history.available,
                "reason": history.reason or UNAVAILABLE + "failed",
                "months": months,
                "starts": history.starts,
            },
        )
    ]


def month_anchor(month: str) -> str:
    """The anchor of a month's section on the change-log page (2026-10 → manad-2026-10)."""
    return f"manad-{month}"
