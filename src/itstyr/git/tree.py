"""A commit's files seen as a read-only folder, so the loaders that read a folder (settings, documents,
a repository's own framework) read a commit the same way, with no checkout and no temporary copy."""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass

from itstyr.git.adapter import GitRepository, TreeEntry


@dataclass(frozen=True, slots=True)
class _Stat:
    st_size: int


class TreeFolder:
    """The folder at one commit. Contents are fetched on first use, or all at once with `prefetch`."""

    def __init__(self, repository: GitRepository, commit: str, entries: dict[str, TreeEntry]):
        self.repository = repository
        self.commit = commit
        self.entries = entries
        self._contents: dict[str, bytes] = {}

    def prefetch(self, paths) -> None:
        blobs = {self.entries[path].blob for path in paths if path in self.entries} - set(self._contents)
        self._contents.update(self.repository.read(blobs))

    def content(self, path: str) -> bytes:
        entry = self.entries.get(path)
        if entry is None:
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), path)
        if entry.blob not in self._contents:
            self._contents.update(self.repository.read([entry.blob]))
        return self._contents[entry.blob]

    def __truediv__(self, relative: str) -> TreePath:
        return TreePath(self, str(relative).replace(os.sep, "/").strip("/"))

    def __str__(self) -> str:
        return f"{self.commit[:12]}:{self.repository.prefix or '.'}"


class TreePath:
    """A path inside a `TreeFolder`, with the few pathlib methods the loaders use."""

    def __init__(self, folder: TreeFolder, relative: str):
        self.folder = folder
        self.relative = relative

    def __truediv__(self, relative: str) -> TreePath:
        return TreePath(self.folder, f"{self.relative}/{relative}".strip("/"))

    def __str__(self) -> str:
        return f"{self.folder}/{self.relative}"

    def is_file(self) -> bool:
        return self.relative in self.folder.entries

    def exists(self) -> bool:
        return self.is_file() or self.is_dir()

    def is_dir(self) -> bool:
        prefix = self.relative + "/" if self.relative else ""
        return any(path.startswith(prefix) for path in self.folder.entries)

    def stat(self) -> _Stat:
        entry = self.folder.entries.get(self.relative)
        if entry is None:
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), self.relative)
        return _Stat(entry.size)

    def read_bytes(self) -> bytes:
        return self.folder.content(self.relative)

    def read_text(self, encoding: str = "utf-8", errors: str = "strict") -> str:
        return self.read_bytes().decode(encoding, errors)
