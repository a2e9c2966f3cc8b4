"""A governance repository as it stands at a commit, or in the working tree, validated as `itstyr
validate` would validate it there: with that side's own itstyr.yaml, files and schemas.

A pull request changes a few files among thousands, so a snapshot reuses the parsed documents of every
file whose content (its blob id) is the same in the snapshot it is compared with: each side's checks
still run over its whole repository, but an unchanged file is parsed once, not twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from itstyr.findings import Finding
from itstyr.git.adapter import GitRepository
from itstyr.git.tree import TreeFolder
from itstyr.globs import matches
from itstyr.model import Document, Workspace
from itstyr.settings import SETTINGS_FILE, Settings


@dataclass(slots=True)
class Snapshot:
    ref: str | None  # as the user gave it; None for the working tree
    commit: str | None  # None for the working tree
    root: Path | TreeFolder
    validation: object  # itstyr.api.ValidationResult
    blobs: dict[str, str] = field(default_factory=dict)  # governance file → blob id
    _documents: dict[str, list[Document]] = field(default_factory=dict)
    _load_findings: dict[str, list[Finding]] = field(default_factory=dict)

    @property
    def settings(self) -> Settings:
        return self.validation.settings


def select(paths, settings: Settings) -> list[str]:
    """The governance files among a commit's paths, chosen as `itstyr validate` chooses them in a
    folder: hidden files and folders, itstyr.yaml and excluded folders skipped, include globs applied."""
    chosen = []
    for relative in sorted(paths):
        parts = relative.split("/")
        if relative == SETTINGS_FILE or any(part.startswith(".") for part in parts):
            continue
        if any(matches("/".join(parts[:depth]), settings.exclude) for depth in range(1, len(parts))):
            continue
        if matches(relative, settings.include) and not matches(relative, settings.exclude):
            chosen.append(relative)
    return chosen


def load_snapshot(repository: GitRepository, ref: str | None, reuse: Snapshot | None = None) -> Snapshot:
    """The repository at `ref` (read from Git objects) or, for None, in the working tree; validated."""
    from itstyr.api import ValidationResult
    from itstyr.checks.identity import check_unique_ids
    from itstyr.checks.references import check_references
    from itstyr.checks.schema import check_documents
    from itstyr.gcpause import paused_gc
    from itstyr.model.loading import LoadResult, discover, load_file
    from itstyr.schemaset import schema_set
    from itstyr.settings import load_settings

    commit = repository.resolve(ref) if ref is not None else None
    if commit is not None:
        entries = repository.files(commit)
        root: Path | TreeFolder = TreeFolder(repository, commit, entries)
    else:
        root = repository.folder
    settings, broken = load_settings(root)
    if broken:
        validation = ValidationResult(root, settings, Workspace(), sorted(broken, key=Finding.sort_key))
        return Snapshot(ref, commit, root, validation)
    with paused_gc():
        loaded = LoadResult(Workspace())
        if commit is not None:
            loaded.files = select(entries, settings)
            blobs = {path: entries[path].blob for path in loaded.files}
        else:
            loaded.files = discover(root, settings, loaded.findings)
            blobs = _working_blobs(repository, root, loaded.files)
        reusable = reuse is not None and reuse.blobs and reuse.settings.limits == settings.limits
        fresh = [path for path in loaded.files if not (reusable and path in blobs and reuse.blobs.get(path) == blobs[path])]
        if isinstance(root, TreeFolder):
            root.prefetch(path for path in fresh if root.entries[path].size <= settings.limits.max_file_bytes)
        fresh_set = set(fresh)
        for relative in loaded.files:
            if relative in fresh_set:
                load_file(root, relative, settings, loaded)
            else:
                loaded.findings.extend(reuse._load_findings.get(relative, ()))
                for document in reuse._documents.get(relative, ()):
                    loaded.workspace.add(document)
        schemas = schema_set()
        findings = list(loaded.findings)
        invalid: set[int] = set()
        findings.extend(check_documents(loaded.workspace, schemas, invalid))
        findings.extend(check_unique_ids(loaded.workspace))
        findings.extend(check_references(loaded.workspace, schemas))
        findings.sort(key=Finding.sort_key)
    validation = ValidationResult(root, settings, loaded.workspace, findings, loaded.files, invalid)
    snapshot = Snapshot(ref, commit, root, validation, blobs)
    for document in loaded.workspace:
        snapshot._documents.setdefault(document.path, []).append(document)
    for finding in loaded.findings:
        snapshot._load_findings.setdefault(finding.location.path, []).append(finding)
    return snapshot


def _working_blobs(repository: GitRepository, root: Path, files: list[str]) -> dict[str, str]:
    """Blob ids of the working tree's files, computed by itstyr (Git never reads the working tree)."""
    blobs = {}
    for relative in files:
        try:
            blobs[relative] = repository.blob_id((root / relative).read_bytes())
        except OSError:
            continue  # the loader reports an unreadable file
    return blobs
