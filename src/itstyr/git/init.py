"""`itstyr init DIR`: a new governance repository from the bundled template (the city of Hamnköping),
with a first commit so that its history is evidence from the first day.

Everything is made in a temporary folder beside DIR and moved into place at the end, so a failure
(Git missing, a full disk) leaves nothing half-made; a folder that already has something in it is
never touched.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path

from itstyr.errors import UserError
from itstyr.messages import Message


@dataclass(frozen=True, slots=True)
class InitResult:
    path: Path
    files: int
    commit: str | None  # None with --no-git


def template() -> Traversable:
    """The template repository shipped with itstyr (`governance-repo-template/` in the source tree)."""
    from itstyr.resources import package_root

    return package_root().joinpath("template")


def init_repository(directory: str | Path, *, git: bool = True, language: str = "sv") -> InitResult:
    from itstyr.messages import text

    target = Path(directory)
    if target.exists() and not target.is_dir():
        raise UserError(Message("init.not_folder", path=str(target)), Message("init.not_empty.hint"))
    if target.is_dir() and any(target.iterdir()):
        raise UserError(Message("init.not_empty", path=str(target)), Message("init.not_empty.hint"))
    parent = target.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=parent, prefix=".itstyr-init-"))
        umask = os.umask(0)
        os.umask(umask)
        staging.chmod(0o777 & ~umask)  # mkdtemp makes a private folder; the repository is an ordinary one
    except OSError as error:
        raise UserError(Message("usage.output", path=str(target), error=error.strerror or str(error)), Message("usage.output.hint")) from None
    try:
        files = _copy(template(), staging)
        commit = None
        if git:
            from itstyr.git.adapter import init_repository as git_init

            commit = git_init(staging, text("init.commit_message", language))
        if target.is_dir():
            target.rmdir()  # empty: checked above
        os.replace(staging, target)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise UserError(Message("usage.output", path=str(target), error=error.strerror or str(error)), Message("usage.output.hint")) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return InitResult(target, files, commit)


def _copy(source: Traversable, destination: Path) -> int:
    count = 0
    for entry in sorted(source.iterdir(), key=lambda e: e.name):
        if entry.is_dir():
            (destination / entry.name).mkdir()
            count += _copy(entry, destination / entry.name)
        else:
            (destination / entry.name).write_bytes(entry.read_bytes())
            count += 1
    return count
