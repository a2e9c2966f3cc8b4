"""Write a file in one step: render into a temporary file beside the target, then rename it into
place, so a failure never leaves a half-written report and a reader never sees one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from itstyr.errors import UserError
from itstyr.messages import Message


def write_text_atomically(target: str | Path, content: str) -> Path:
    path = Path(target)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".itstyr-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(content)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise UserError(
            Message("usage.output", path=str(target), error=error.strerror or str(error)), Message("usage.output.hint")
        ) from None
    return path
