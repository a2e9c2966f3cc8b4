"""The one place itstyr talks to Git, through GitPython, which is imported here, lazily, and nowhere else.

itstyr reads repositories it does not trust (a pull request's, a CI cache's, a colleague's clone), so
every command runs with configuration that stops the repository from naming a program for Git to
run, and Git is only ever asked about objects (commits, trees, blobs), never about the working tree:
clean and smudge filters, textconv and the fsmonitor hook only run when Git reads working files or
the index. Nothing here writes to a repository; `init_repository` only writes to the new one it makes.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from itstyr.errors import UserError
from itstyr.messages import Message

# Given with -c on every command line (the highest-priority configuration), each one overriding a
# setting through which a repository's own .git/config could make Git run a program.
SAFE_CONFIG = (
    "core.fsmonitor=",  # the fsmonitor hook (empty: off, in old and new Git alike)
    "core.hooksPath=/dev/null",  # hooks, in every command
    "core.pager=cat",
    "log.showSignature=false",  # signature checks run gpg.program
    "protocol.allow=never",  # no transport at all: no ssh command, no credential helper
    "core.quotePath=false",
)
# Environment for every command: no prompts, no optional locks (reading never rewrites the index),
# no replacement objects (history is shown as recorded).
SAFE_ENV = {
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_OPTIONAL_LOCKS": "0",
    "GIT_NO_REPLACE_OBJECTS": "1",
    "GIT_PAGER": "cat",
    "GIT_ASKPASS": "",
    "SSH_ASKPASS": "",
}
BLOB_MODES = ("100644", "100755")  # regular files; symlinks (120000) and submodules (160000) are not read


@dataclass(frozen=True, slots=True)
class TreeEntry:
    blob: str
    size: int


@dataclass(frozen=True, slots=True)
class FileChange:
    status: str  # A added, M modified, D deleted, T type changed
    path: str  # relative to the governance folder
    old_blob: str
    new_blob: str


@dataclass(slots=True)
class Commit:
    sha: str
    date: str  # committer date, ISO 8601 with offset
    author: str
    changes: list[FileChange] = field(default_factory=list)


def _gitpython():
    """GitPython, or a clear user error when it or the git program is missing."""
    # Without this GitPython fails at import when git is missing; itstyr reports it on first use instead.
    os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")
    try:
        import git
    except ImportError:
        raise UserError(Message("git.unavailable"), Message("git.unavailable.hint")) from None
    return git


def _run(cwd: Path, args: list[str], stdin: bytes | None = None) -> tuple[int, bytes, str]:
    git = _gitpython()
    command = [git.Git.GIT_PYTHON_GIT_EXECUTABLE or "git"]
    for setting in SAFE_CONFIG:
        command += ["-c", setting]
    command += args
    with tempfile.TemporaryFile() as stream:
        if stdin is not None:
            stream.write(stdin)
            stream.seek(0)
        try:
            status, out, err = git.Git(str(cwd)).execute(
                command,
                istream=stream if stdin is not None else None,
                with_extended_output=True,
                with_exceptions=False,
                stdout_as_string=False,
                strip_newline_in_stdout=False,
                env=SAFE_ENV,
            )
        except git.exc.GitCommandNotFound:
            raise UserError(Message("git.unavailable"), Message("git.unavailable.hint")) from None
    return status, out or b"", err if isinstance(err, str) else (err or b"").decode("utf-8", "replace")


def _failure(folder: Path, args: list[str], stderr: str) -> UserError:
    """Git's refusal as a message saying what to do; the dubious-ownership case is common in CI containers."""
    lowered = stderr.lower()
    if "dubious ownership" in lowered:
        # safe.directory names the repository's top folder, which Git gives in its message
        named = re.search(r"dubious ownership in repository at '([^'\n]+)'", stderr)
        where = named.group(1) if named else str(folder)
        return UserError(Message("git.dubious_ownership", path=where), Message("git.dubious_ownership.hint", path=where))
    if "not a git repository" in lowered:
        return UserError(Message("git.not_repository", path=str(folder)), Message("git.not_repository.hint"))
    detail = next((line for line in reversed(stderr.strip().splitlines()) if line.strip()), "")
    command = next((arg for arg in args if not arg.startswith("-") and "=" not in arg), "")
    return UserError(Message("git.failed", command=f"git {command}", detail=detail))


def open_repository(folder: str | Path) -> GitRepository:
    """The Git repository that holds `folder` (a governance repository, or a folder inside one)."""
    path = Path(folder).resolve()
    if not path.is_dir():
        raise UserError(Message("usage.path_not_folder", path=str(folder)), Message("usage.path_not_folder.hint"))
    args = ["rev-parse", "--show-toplevel", "--show-prefix", "--is-shallow-repository", "--git-path", "shallow"]
    status, out, err = _run(path, args)
    if status != 0:
        raise _failure(path, args, err)
    lines = out.decode("utf-8", "surrogateescape").split("\n")
    if len(lines) < 4 or not lines[0]:  # a bare repository or the inside of .git: no working tree to speak of
        raise UserError(Message("git.not_repository", path=str(folder)), Message("git.not_repository.hint"))
    top = Path(lines[0])
    shallow_file = Path(lines[3]) if os.path.isabs(lines[3]) else path / lines[3]
    return GitRepository(path, top, lines[1], lines[2] == "true", shallow_file)


class GitRepository:
    """A governance folder inside a Git repository: paths given and returned are relative to the folder."""

    def __init__(self, folder: Path, top: Path, prefix: str, shallow: bool, shallow_file: Path):
        self.folder = folder
        self.top = top
        self.prefix = prefix  # the folder's path inside the repository, "" or ending in "/"
        self.shallow = shallow
        self._shallow_file = shallow_file
        self._object_format: str | None = None

    def _git(self, args: list[str], stdin: bytes | None = None) -> bytes:
        status, out, err = _run(self.top, args, stdin)
        if status != 0:
            raise _failure(self.folder, args, err)
        return out

    def _pathspec(self) -> str:
        return f":(top,literal){self.prefix}" if self.prefix else ":(top)"

    def resolve(self, ref: str) -> str:
        """The commit a ref names (branch, tag, sha, HEAD~2 ...); an unknown ref is a user error."""
        if not ref or ref.startswith("-") or "\n" in ref:
            raise UserError(Message("git.unknown_ref", ref=ref), Message("git.unknown_ref.hint"))
        status, out, err = _run(self.top, ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"])
        if status != 0:
            if "dubious ownership" in err.lower():
                raise _failure(self.folder, ["rev-parse"], err)
            hint = Message("git.unknown_ref.shallow_hint") if self.shallow else Message("git.unknown_ref.hint")
            raise UserError(Message("git.unknown_ref", ref=ref), hint)
        return out.decode("ascii").strip()

    def object_format(self) -> str:
        if self._object_format is None:
            out = self._git(["rev-parse", "--show-object-format"])
            self._object_format = out.decode("ascii").strip() or "sha1"
        return self._object_format

    def blob_id(self, data: bytes) -> str:
        """The id Git gives this content, computed here, so the working tree never goes through Git."""
        digest = hashlib.new("sha256" if self.object_format() == "sha256" else "sha1")
        digest.update(b"blob %d\0" % len(data))
        digest.update(data)
        return digest.hexdigest()

    def files(self, commit: str) -> dict[str, TreeEntry]:
        """Every regular file of the folder at a commit: relative path → blob and size (empty if the
        folder did not exist then)."""
        treeish = f"{commit}:{self.prefix}" if self.prefix else f"{commit}^{{tree}}"
        status, out, err = _run(self.top, ["ls-tree", "-r", "-z", "-l", "--end-of-options", treeish])
        if status != 0:
            if self.prefix and ("not a valid object name" in err.lower() or "not a tree object" in err.lower()):
                return {}
            raise _failure(self.folder, ["ls-tree"], err)
        entries: dict[str, TreeEntry] = {}
        for record in out.split(b"\0"):
            if not record:
                continue
            meta, _, name = record.partition(b"\t")
            mode, kind, blob, size = meta.split()
            if kind == b"blob" and mode.decode() in BLOB_MODES:
                entries[name.decode("utf-8", "surrogateescape")] = TreeEntry(blob.decode("ascii"), int(size))
        return entries

    def read(self, blobs: Iterable[str]) -> dict[str, bytes]:
        """The content of many blobs, in one `git cat-file --batch` (no filters, no textconv)."""
        wanted = sorted(set(blobs))
        if not wanted:
            return {}
        out = self._git(["cat-file", "--batch"], ("\n".join(wanted) + "\n").encode("ascii"))
        contents: dict[str, bytes] = {}
        position = 0
        while position < len(out):
            end = out.index(b"\n", position)
            header = out[position:end].split(b" ")
            position = end + 1
            if len(header) < 3:  # "<id> missing"
                continue
            size = int(header[2])
            contents[header[0].decode("ascii")] = out[position : position + size]
            position += size + 1
        return contents

    def log(self, commit: str = "HEAD", *, first_parent: bool = False) -> Iterator[Commit]:
        """Commits that touched the folder, newest first, with the files each added, changed or removed;
        with `first_parent`, the history of the branch itself, a merge diffed against its first parent."""
        args = ["log", "-z", "--raw", "--no-renames", "--no-abbrev", "--no-show-signature", "--format=%x01%H%x00%cI%x00%an"]
        if first_parent:
            args += ["--first-parent", "-m"]
        out = self._git([*args, "--end-of-options", commit, "--", self._pathspec()])
        for chunk in out.decode("utf-8", "surrogateescape").split("\x01"):
            if not chunk:
                continue
            parts = chunk.split("\0")
            entry = Commit(parts[0], parts[1], parts[2])
            rest = parts[3:]
            for raw, path in zip(rest[0::2], rest[1::2], strict=False):
                raw = raw.strip()
                if not raw.startswith(":") or not path.startswith(self.prefix):
                    continue
                old_mode, new_mode, old_blob, new_blob, state = raw[1:].split(" ")
                if new_mode not in BLOB_MODES and old_mode not in BLOB_MODES:
                    continue
                entry.changes.append(FileChange(state[0], path[len(self.prefix) :], old_blob, new_blob))
            yield entry

    def shallow_commits(self) -> set[str]:
        """Where history stops in a shallow clone: the commits whose parents were not fetched."""
        if not self.shallow:
            return set()
        try:
            return set(self._shallow_file.read_text(encoding="ascii").split())
        except OSError:
            return set()


def init_repository(folder: Path, message: str) -> str:
    """`git init` and a first commit of everything in `folder`, which itstyr has just created. No
    template folder is copied and no hook runs; a missing identity falls back to "itstyr"."""
    _checked(folder, ["init", "--quiet", "--template=", "--initial-branch=main"])
    _checked(folder, ["add", "--all"])
    identity = []
    for key, fallback in (("user.name", "itstyr"), ("user.email", "itstyr@localhost")):
        status, out, _err = _run(folder, ["config", "--get", key])
        if status != 0 or not out.strip():
            identity += ["-c", f"{key}={fallback}"]
    _checked(folder, [*identity, "-c", "commit.gpgSign=false", "commit", "--quiet", "--no-verify", "-m", message])
    return _checked(folder, ["rev-parse", "HEAD"]).decode("ascii").strip()


def _checked(folder: Path, args: list[str]) -> bytes:
    status, out, err = _run(folder, args)
    if status != 0:
        raise _failure(folder, args, err)
    return out
