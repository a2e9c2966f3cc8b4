"""`--changed-since REF`: the findings a change is responsible for.

The whole repository is still loaded and checked (a reference resolves against everything), and then
only the findings that concern the change are kept: those in a file added, changed or removed since
REF, and those of entities that refer to an entity in such a file (including one that is gone now, or
whose id was renamed: the entities that referred to it break because of the change).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from itstyr.model import Workspace
from itstyr.report.model import Report
from itstyr.settings import SETTINGS_FILE, Settings


@dataclass(slots=True)
class ChangeSet:
    ref: str
    commit: str
    paths: set[str] = field(default_factory=set)  # governance files added, changed or removed
    ids: set[str] = field(default_factory=set)  # entities in those files, before and after


def changes_since(root: str | Path, ref: str, workspace: Workspace, files: list[str], settings: Settings) -> ChangeSet:
    """What changed in the working tree's governance `files` since `ref`; Git errors are user errors."""
    from itstyr.git.adapter import open_repository
    from itstyr.git.snapshot import select
    from itstyr.yamlsafe import parse_bytes

    repository = open_repository(root)
    commit = repository.resolve(ref)
    before = repository.files(commit)
    folder = Path(root)
    changes = ChangeSet(ref, commit)
    for relative in [*files, SETTINGS_FILE]:
        try:
            content = (folder / relative).read_bytes()
        except OSError:
            if relative in before or relative != SETTINGS_FILE:
                changes.paths.add(relative)
            continue
        entry = before.get(relative)
        if entry is None or (entry.blob != repository.blob_id(content) and not _same_text(repository, entry.blob, content)):
            changes.paths.add(relative)
    current = set(files)
    changes.paths |= {path for path in select(before, settings) if path not in current}  # removed since
    for document in workspace:
        if document.path in changes.paths and document.id is not None:
            changes.ids.add(document.id)
    old = repository.read(before[path].blob for path in changes.paths if path in before)
    for path in changes.paths:
        if path in before and before[path].blob in old:
            for parsed in parse_bytes(old[before[path].blob]).documents:
                if isinstance(parsed.data, dict) and isinstance(parsed.data.get("id"), str):
                    changes.ids.add(parsed.data["id"])
    return changes


def report_changed_since(report: Report, validation, ref: str) -> Report:
    """`--changed-since REF`: the report of a whole-repository run, narrowed to the change since REF."""
    changes = changes_since(validation.root, ref, validation.workspace, validation.files, validation.settings)
    return restrict_report(report, validation.workspace, changes)


def _same_text(repository, blob: str, content: bytes) -> bool:
    """A checkout with CRLF line endings (core.autocrlf) is the same file as the LF blob."""
    if b"\r\n" not in content:
        return False
    return repository.blob_id(content.replace(b"\r\n", b"\n")) == blob


def restrict_report(report: Report, workspace: Workspace, changes: ChangeSet) -> Report:
    """The report with only the findings that concern the change (see the module docstring). A change
    to itstyr.yaml can change any finding, so then every finding is kept."""
    if SETTINGS_FILE in changes.paths:
        return report
    from itstyr.checks.references import iter_references
    from itstyr.schemaset import schema_set

    schemas = schema_set()
    referrers: set[tuple[str, str | None]] = set()
    referrer_paths: set[str] = set()
    for document in workspace:
        if document.kind in schemas.kind_files and document.path not in changes.paths:
            if any(target in changes.ids for _, target, _ in iter_references(document, schemas.ref_specs(document.kind))):
                referrers.add((document.path, document.id))
                referrer_paths.add(document.path)

    def concerns(finding) -> bool:
        path = finding.location.path
        if path in changes.paths or path == SETTINGS_FILE:
            return True
        if finding.entity_id is None:
            return path in referrer_paths
        return (path, finding.entity_id) in referrers

    return dataclasses.replace(
        report,
        findings=[finding for finding in report.findings if concerns(finding)],
        waived=[item for item in report.waived if concerns(item.finding)],
        _lines={},
    )
