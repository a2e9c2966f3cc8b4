"""History as evidence: when each file of a governance repository last changed, and who changed it.

Computed from one `git log` over the folder (not one per file or per entity) and kept for the rest of
the run. Where Git, the repository or its commits are missing, the history is "unavailable" with a
note saying why; nothing that reads it fails because of that.

In a shallow clone (the CI default) history stops at the clone's boundary: every file that existed
there appears to have been added there. Such a file's history is marked `truncated`, and the
question "changed after this date?" is answered "unknown" where the answer lies beyond the boundary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from itstyr.errors import UserError
from itstyr.messages import Message
from itstyr.model import Workspace


@dataclass(frozen=True, slots=True)
class Change:
    """One commit as evidence: which, when (committer date, ISO 8601 with offset) and by whom."""

    commit: str
    date: str
    author: str

    @property
    def day(self) -> date:
        return date.fromisoformat(self.date[:10])


@dataclass(frozen=True, slots=True)
class FileHistory:
    path: str
    last: Change  # the last commit that touched the file: added, changed or moved it here
    modified: Change | None  # the last commit that changed it where it lies (not the one that added it)
    truncated: str | None = None  # in a shallow clone: the date where the file's visible history stops


@dataclass(slots=True)
class History:
    available: bool
    note: Message | None = None  # why the history is unavailable
    files: dict[str, FileHistory] = field(default_factory=dict)
    head: str | None = None

    def of(self, path: str) -> FileHistory | None:
        return self.files.get(path)

    def changed_after(self, path: str, day: date) -> bool | None:
        """Whether the file's content changed after `day` (adding or moving it is no change); None
        when the history cannot tell: unavailable, a file not yet committed, or a shallow clone that
        does not reach back to `day`."""
        entry = self.files.get(path) if self.available else None
        if entry is None:
            return None
        if entry.modified is not None and entry.modified.day > day:
            return True
        if entry.truncated is not None and date.fromisoformat(entry.truncated[:10]) > day:
            return None
        return False


def repository_history(folder) -> History:
    """The history of every file in the folder (paths relative to it), up to HEAD; for a commit read
    by `itstyr diff` (a `TreeFolder`), up to that commit. Never raises."""
    from itstyr.git.adapter import open_repository
    from itstyr.git.tree import TreeFolder

    if isinstance(folder, TreeFolder):
        return _history(str(folder.repository.folder), folder.commit)
    if not isinstance(folder, (str, Path)):
        return History(False, Message("git.history_no_folder"))
    try:
        repository = open_repository(folder)
        head = repository.resolve("HEAD")
    except UserError as error:
        note = Message("git.history_no_commits") if error.message.key == "git.unknown_ref" else error.message
        return History(False, note)
    return _history(str(repository.folder), head)


@lru_cache(maxsize=8)
def _history(folder: str, head: str) -> History:
    from itstyr.git.adapter import open_repository

    try:
        repository = open_repository(folder)
        boundary = repository.shallow_commits()
        last: dict[str, Change] = {}
        modified: dict[str, Change] = {}
        truncated: dict[str, str] = {}
        for commit in repository.log(head):
            change = Change(commit.sha, commit.date, commit.author)
            for file_change in commit.changes:
                path = file_change.path
                last.setdefault(path, change)
                if file_change.status in ("M", "T"):
                    modified.setdefault(path, change)
                if commit.sha in boundary:
                    truncated.setdefault(path, commit.date)
    except UserError as error:
        return History(False, error.message)
    files = {path: FileHistory(path, change, modified.get(path), truncated.get(path)) for path, change in last.items()}
    return History(True, None, files, head)


def entity_history(folder: str | Path | None, workspace: Workspace) -> dict[str, FileHistory]:
    """Per entity id, the history of the file it is written in (the handbook's "senast ändrad")."""
    history = repository_history(folder)
    found = {}
    for document in workspace:
        entry = history.of(document.path)
        if document.id is not None and entry is not None:
            found.setdefault(document.id, entry)
    return found
