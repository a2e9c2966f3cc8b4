"""Writing the handbook folder in one step, and only where itstyr may.

The pages are written into a new hidden folder beside the target and then renamed into place, so a
reader (or a web server) sees the old handbook or the new one, never half of one, and a failure
leaves the old one as it was. itstyr replaces only a folder it made itself, which it recognises by
its marker file; it refuses a folder holding anything else, and a folder inside the governance data
(where the pages could be taken for data, or the data overwritten).
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from itstyr.errors import UserError
from itstyr.globs import matches
from itstyr.messages import Message

MARKER = ".itstyr-handbook"
MARKER_TEXT = (
    "Den här mappen skrevs av itstyr (itstyr render handbook). itstyr ersätter hela mappen nästa gång;\n"
    "ändra i styrningsförrådet eller i dess mallar, inte här.\n"
    "This folder was written by itstyr; itstyr replaces all of it next time.\n"
)


def check_target(out: Path, root: Path, exclude: list[str]) -> None:
    """Refuse an output folder that itstyr must not replace. Nothing is touched here."""
    target, data = out.resolve(), root.resolve()
    if target == data or target in data.parents:
        raise UserError(Message("handbook.out_contains_data", out=str(out)), Message("handbook.out_inside_data.hint"))
    if data in target.parents:
        relative = target.relative_to(data).as_posix()
        hidden = any(part.startswith(".") for part in relative.split("/"))
        # Excluded: the folder itself, or every file in it and in its subfolders.
        probes = (f"{relative}/handbook.yaml", f"{relative}/folder/handbook.yaml")
        excluded = matches(relative, exclude) or all(matches(probe, exclude) for probe in probes)
        if not hidden and not excluded:
            raise UserError(
                Message("handbook.out_inside_data", out=str(out), folder=relative),
                Message("handbook.out_inside_data.exclude_hint", folder=relative),
            )
    if target.exists() or target.is_symlink():
        if not target.is_dir():
            raise UserError(Message("handbook.out_not_folder", out=str(out)), Message("handbook.out_foreign.hint"))
        if not (target / MARKER).is_file() and any(target.iterdir()):
            raise UserError(Message("handbook.out_foreign", out=str(out)), Message("handbook.out_foreign.hint"))


def write_folder(out: Path, files: Mapping[str, str]) -> Path:
    """Write `files` (relative path → text) as the folder `out`, replacing an earlier itstyr folder.
    Call `check_target` first."""
    return fill_folder(out, lambda staging: write_files(staging, files))


def fill_folder(out: Path, fill: Callable[[Path], None]) -> Path:
    """Make the folder `out` by letting `fill` write into a new hidden folder beside it, then put
    that in place of `out` in one rename. If `fill` fails, nothing is left behind and `out` is as
    it was. Call `check_target` first."""
    target = Path(out)
    parent = target.parent
    staging = parent / f".{target.name}.itstyr-{secrets.token_hex(6)}"
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging.mkdir()
        try:
            fill(staging)
            (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8", newline="\n")
            _swap(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    except OSError as error:
        raise UserError(
            Message("handbook.output_failed", out=str(out), error=error.strerror or str(error)), Message("usage.output.hint")
        ) from None
    return target


def write_files(folder: Path, files: Iterable[tuple[str, str]] | Mapping[str, str]) -> None:
    """Write each (relative path, text) under `folder`, as UTF-8 with \\n line ends."""
    made: set[Path] = set()
    for relative, content in files.items() if isinstance(files, Mapping) else files:
        path = folder / relative
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        with open(path, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(content)


def _swap(staging: Path, target: Path) -> None:
    if not (target.exists() or target.is_symlink()):
        os.rename(staging, target)
        return
    retired = target.parent / f".{target.name}.itstyr-old-{secrets.token_hex(6)}"
    os.rename(target, retired)
    try:
        os.rename(staging, target)
    except OSError:
        os.rename(retired, target)  # put the old handbook back
        raise
    shutil.rmtree(retired, ignore_errors=True)
