"""The change log: what changed in the governance, month by month, in sentences a reader understands
("Digitaliseringsrådet fick beslutsrätt över prioritering av gemensamma initiativ.").

Built from the history of the current branch as it was merged (first parent: a merged pull request
is one change, dated when it was merged), each commit compared with the one before it entity by
entity, reading only the files it touched. How a change is put into words is data: a phrase in
data/messages/git.yaml for the field (`changelog.field.<key>.<change>`) if there is one, else a
general one. Files are chosen with today's include and exclude settings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from itstyr.diff.describe import Describer, shorten
from itstyr.diff.entities import EntityChange, compare
from itstyr.diff.fields import MISSING, FieldChange
from itstyr.errors import UserError
from itstyr.messages import Message, catalogue, text
from itstyr.model import Document, Workspace

MAX_PER_ENTITY = 4  # sentences per entity and commit; the rest are counted
MANY = 8  # more additions or removals than this in one commit are summed up by kind
REWRITTEN = 60  # a text longer than this is "rewritten", not quoted


@dataclass(frozen=True, slots=True)
class ChangeLogEntry:
    date: str  # the day the change was merged, YYYY-MM-DD
    commit: str
    kind: str | None  # None for a summary of many entities
    id: str | None
    name: str | None
    text: str


@dataclass(slots=True)
class ChangeLogMonth:
    month: str  # YYYY-MM
    entries: list[ChangeLogEntry] = field(default_factory=list)


@dataclass(slots=True)
class ChangeLog:
    available: bool
    note: Message | None = None  # why the history is unavailable
    months: list[ChangeLogMonth] = field(default_factory=list)  # newest first


def change_log(folder: str | Path, language: str = "sv", since: str | None = None, workspace: Workspace | None = None) -> ChangeLog:
    """The change log of the governance repository in `folder`, newest month first, from `since`
    (YYYY-MM or YYYY-MM-DD) if given. `workspace` (the current repository, if already loaded) names the
    entities that changes refer to. Where Git or the history is missing, the log is unavailable, with a
    note saying why; this never raises for that."""
    from itstyr.git.adapter import open_repository
    from itstyr.git.snapshot import select
    from itstyr.settings import load_settings

    try:
        repository = open_repository(folder)
        head = repository.resolve("HEAD")
        commits = list(repository.log(head, first_parent=True))
    except UserError as error:
        note = Message("git.history_no_commits") if error.message.key == "git.unknown_ref" else error.message
        return ChangeLog(False, note)
    settings, broken = load_settings(repository.folder)
    if broken:
        from itstyr.settings import Settings

        settings = Settings()
    wanted = set(select({change.path for commit in commits for change in commit.changes}, settings))
    commits = [commit for commit in commits if not since or commit.date[: len(since)] >= since]
    blobs = {
        blob
        for commit in commits
        for change in commit.changes
        if change.path in wanted
        for blob in (change.old_blob, change.new_blob)
        if blob.strip("0")
    }
    contents = repository.read(blobs)
    describe = Describer(language, *([workspace] if workspace is not None else []))
    parsed: dict[str, list[Document]] = {}
    by_month: dict[str, list[ChangeLogEntry]] = {}
    for commit in commits:
        before, after = Workspace(), Workspace()
        for change in commit.changes:
            if change.path in wanted:
                for document in _documents(change.path, change.old_blob, contents, parsed):
                    before.add(document)
                for document in _documents(change.path, change.new_blob, contents, parsed):
                    after.add(document)
        for workspace_side in (after, before):  # names as they were, where the current repository has none
            for document in workspace_side:
                if document.id is not None:
                    describe.names.setdefault(document.id, document.name or document.id)
        by_month.setdefault(commit.date[:7], []).extend(_entries(compare(before, after), commit, describe))
    months = [ChangeLogMonth(month, entries) for month, entries in sorted(by_month.items(), reverse=True) if entries]
    return ChangeLog(True, None, months)


def _documents(path: str, blob: str, contents: dict[str, bytes], parsed: dict[str, list[Document]]) -> list[Document]:
    from itstyr.yamlsafe import parse_bytes

    if not blob.strip("0") or blob not in contents:
        return []
    if blob not in parsed:
        result = parse_bytes(contents[blob])
        parsed[blob] = [Document(path, document) for document in result.documents if isinstance(document.data, dict)]
    return [document if document.path == path else Document(path, document.parsed) for document in parsed[blob]]


def _entries(changes: list[EntityChange], commit, describe: Describer) -> list[ChangeLogEntry]:
    from itstyr.schemaset import schema_set

    schemas = schema_set()
    language = describe.language

    def kind_label(kind: str) -> str:
        label = schemas.kind_label(kind).render(language) if kind in schemas.kind_files else kind
        return label[:1].lower() + label[1:]

    day = commit.date[:10]
    entries: list[ChangeLogEntry] = []
    for status in ("added", "removed"):
        group = [change for change in changes if change.status == status]
        if len(group) > MANY:
            kinds: dict[str, int] = {}
            for change in group:
                kinds[kind_label(change.kind)] = kinds.get(kind_label(change.kind), 0) + 1
            listed = [f"{kind}: {count}" for kind, count in sorted(kinds.items(), key=lambda item: (-item[1], item[0]))]
            sentence = text(f"changelog.{status}_many", language, count=len(group), kinds=listed)
            entries.append(ChangeLogEntry(day, commit.sha, None, None, None, sentence))
            continue
        for change in group:
            sentence = Message(f"changelog.{status}", name=change.name, kind=kind_label(change.kind)).render(language)
            entries.append(ChangeLogEntry(day, commit.sha, change.kind, change.id, change.name, sentence))
    for change in changes:
        if change.status != "changed":
            continue
        sentences = [_sentence(change, field_change, describe) for field_change in _collapsed(change)]
        if len(sentences) > MAX_PER_ENTITY:
            extra = len(sentences) - MAX_PER_ENTITY + 1
            sentences = sentences[: MAX_PER_ENTITY - 1] + [Message("changelog.more", name=change.name, count=extra).render(language)]
        entries += [ChangeLogEntry(day, commit.sha, change.kind, change.id, change.name, sentence) for sentence in sentences]
    return entries


def _collapsed(change: EntityChange) -> list[FieldChange]:
    """The entity's field changes, with a record that has a phrase of its own (a decision) as one change."""
    changes: list[FieldChange] = []
    for field_change in change.fields:
        top = field_change.path[0]
        whole = (top,)
        if len(field_change.path) > 1 and any(key.startswith(f"changelog.field.{top}.") for key in _phrases()) and top != "decision_rights":
            if not changes or changes[-1].path != whole:
                changes.append(FieldChange(whole, change.before.data.get(top, MISSING), change.after.data.get(top, MISSING), whole))
            continue
        changes.append(field_change)
    return changes


def _phrases() -> list[str]:
    return [key for key in catalogue() if key.startswith("changelog.field.")]


def _sentence(change: EntityChange, field_change: FieldChange, describe: Describer) -> str:
    language = describe.language
    old_data, new_data = change.before.data, change.after.data
    path = field_change.path
    top = path[0]
    what = "added" if field_change.old is MISSING else "removed" if field_change.new is MISSING else "changed"
    label = describe.field(change.kind, field_change, old_data, new_data)
    params = {"name": change.name, "field": _lower(label), "old": _value(describe, field_change.old), "new": _value(describe, field_change.new)}
    whole_item = len(path) == 2 and isinstance(path[1], int) and what != "changed"
    if top == "decision_rights" and whole_item:
        right = field_change.new if what == "added" else field_change.old
        item = _lower(describe.item(right) or "")
        return Message(f"changelog.field.decision_rights.{what}", **params, item=item, right=_right(right.get("right"), language)).render(language)
    if top == "decision_rights" and len(path) == 3 and path[2] == "right" and what == "changed":
        item = _lower(describe.item(new_data[top][path[1]]) or "")
        return Message(
            "changelog.field.decision_rights.right", **params, item=item, right=_right(field_change.new, language),
            old_right=_right(field_change.old, language),
        ).render(language)
    if whole_item:
        entry = field_change.new if what == "added" else field_change.old
        parent = describe.field(change.kind, FieldChange(path[:1], None, None, path[:1]), old_data, new_data)
        item = describe.item(entry) or describe.value(entry)
        return text(f"changelog.item.{what}", language, name=change.name, item=item, field=_lower(parent))
    specific = f"changelog.field.{top}.{what}"
    if len(path) == 1 and specific in catalogue():
        return Message(specific, **params).render(language)
    if any(isinstance(value, (dict, list)) for value in (field_change.old, field_change.new)):  # records are named, not listed
        return text(f"changelog.record.{what}", language, name=change.name, field=params["field"])
    if what == "changed" and any(isinstance(value, str) and len(value) > REWRITTEN for value in (field_change.old, field_change.new)):
        return text("changelog.field.rewritten", language, **params)
    return Message(f"changelog.field.{what}", **params).render(language)


def _lower(label: str) -> str:
    """A title or label inside a sentence: "Gällande" becomes "gällande"; "IT-policy" keeps its case."""
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


def _value(describe: Describer, value) -> str:
    from itstyr.glossary import glossary

    shown = describe.value(value, limit=REWRITTEN)
    return _lower(shown) if isinstance(value, str) and value in glossary() else shown


def _right(slug, language: str) -> str:
    key = f"changelog.right.{slug}"
    return text(key, language) if key in catalogue() else shorten(str(slug))
