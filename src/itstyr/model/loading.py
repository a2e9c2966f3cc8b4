"""From a folder to a workspace: find the repository's YAML files, read each safely, and keep every
document with its origin. A file that cannot be read is a finding; the others are still loaded."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from itstyr.findings import Finding, Location, Severity
from itstyr.globs import matches
from itstyr.messages import Message
from itstyr.model.document import Document
from itstyr.model.workspace import Workspace
from itstyr.settings import SETTINGS_FILE, Settings
from itstyr.yamlsafe import parse_bytes


@dataclass(slots=True)
class LoadResult:
    workspace: Workspace
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def discover(root: Path, settings: Settings, unreadable: list[Finding] | None = None) -> list[str]:
    """Repository-relative paths of the files to read, sorted. Hidden folders and files are skipped;
    a folder that cannot be listed is reported in `unreadable`, not silently passed over."""
    found = []

    def on_error(error: OSError) -> None:
        if unreadable is not None:
            relative = os.path.relpath(error.filename or str(root), root).replace(os.sep, "/")
            unreadable.append(
                Finding(
                    "file-unreadable",
                    Severity.ERROR,
                    Message("file.unreadable_folder", error=error.strerror or str(error)),
                    Location(relative),
                    hint=Message("file.unreadable.hint"),
                )
            )

    for folder, subfolders, files in os.walk(root, onerror=on_error):
        relative_folder = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if relative_folder == "." else relative_folder + "/"
        subfolders[:] = sorted(
            name for name in subfolders if not name.startswith(".") and not matches(prefix + name, settings.exclude)
        )
        for name in files:
            relative = prefix + name
            if name.startswith(".") or relative == SETTINGS_FILE:
                continue
            if matches(relative, settings.include) and not matches(relative, settings.exclude):
                found.append(relative)
    return sorted(found)


def load_workspace(root: Path, settings: Settings, files: list[str] | None = None) -> LoadResult:
    result = LoadResult(Workspace())
    result.files = discover(root, settings, result.findings) if files is None else files
    for relative in result.files:
        load_file(root, relative, settings, result)
    return result


def load_file(root: Path, relative: str, settings: Settings, result: LoadResult) -> None:
    path = root / relative
    try:
        size = path.stat().st_size
        if size > settings.limits.max_file_bytes:
            result.findings.append(
                Finding(
                    "yaml-limit",
                    Severity.ERROR,
                    Message("yaml.limit_size", size=size, limit=settings.limits.max_file_bytes),
                    Location(relative),
                    hint=Message("yaml.limit_size.hint"),
                )
            )
            return
        raw = path.read_bytes()
    except OSError as error:
        result.findings.append(
            Finding(
                "file-unreadable",
                Severity.ERROR,
                Message("file.unreadable", error=error.strerror or str(error)),
                Location(relative),
                hint=Message("file.unreadable.hint"),
            )
        )
        return
    parsed = parse_bytes(raw, settings.limits)
    for problem in parsed.problems:
        result.findings.append(
            Finding(problem.rule_id, Severity.ERROR, problem.message, Location(relative, problem.line, problem.column), hint=problem.hint)
        )
    if not parsed.documents and not parsed.problems:
        result.findings.append(
            Finding("yaml-empty", Severity.WARNING, Message("yaml.empty_file"), Location(relative), hint=Message("yaml.empty_file.hint"))
        )
        return
    for parsed_document in parsed.documents:
        document = Document(relative, parsed_document)
        if parsed_document.data is None:
            if len(parsed.documents) > 1 or parsed.problems:
                result.findings.append(
                    Finding(
                        "yaml-empty",
                        Severity.WARNING,
                        Message("yaml.empty_document", number=parsed_document.index + 1),
                        document.location(),
                        hint=Message("yaml.empty_document.hint"),
                    )
                )
            else:
                result.findings.append(
                    Finding("yaml-empty", Severity.WARNING, Message("yaml.empty_file"), Location(relative), hint=Message("yaml.empty_file.hint"))
                )
            continue
        if not isinstance(parsed_document.data, dict):
            result.findings.append(
                Finding(
                    "yaml-not-mapping",
                    Severity.ERROR,
                    Message("yaml.not_mapping", number=parsed_document.index + 1, actual=_shape(parsed_document.data)),
                    document.location(),
                    hint=Message("yaml.not_mapping.hint"),
                )
            )
            continue
        result.workspace.add(document)


def _shape(value) -> Message:
    if isinstance(value, list):
        return Message("type.array")
    if isinstance(value, str):
        return Message("type.string")
    if isinstance(value, bool):
        return Message("type.boolean")
    if isinstance(value, (int, float)):
        return Message("type.number")
    return Message("type.null")
