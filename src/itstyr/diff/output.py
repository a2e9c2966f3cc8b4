"""A diff for people and programs: text for the terminal, Markdown for a pull-request comment (the
short summary first, the details folded), JSON (shape documented in the README).

Text and Markdown share one view, built here in the reader's language: entities by kind with each
changed field in words, findings, and the score per recommendation before and after.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from itstyr import __version__
from itstyr.diff.describe import Describer, shorten
from itstyr.diff.engine import DiffResult, ScoreChange
from itstyr.diff.fields import MISSING
from itstyr.messages import Message, text

FORMAT_VERSION = 1
STATUSES = ("changed", "added", "removed", "moved")
SUMMARY_NAMES = 4  # entities named in the one-line summary of each status
SUMMARY_NAME = 50  # characters of each name there
MAX_FINDINGS = 50  # findings listed per section; the rest are counted
COMMENT_LIMIT = 60_000  # characters: GitHub refuses a comment over 65,536 (GitLab allows 1,000,000)
COMMENT_ENTITIES = 100  # entities listed per section of a comment at first; halved until it fits
COMMENT_FIELDS = 20  # changed fields listed per entity in a comment
RECOMMENDATION_TEXT = 70  # characters of a recommendation's text in the score table


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def _delta(change: ScoreChange) -> str:
    delta = change.delta
    if delta is None or round(delta) == 0:
        return "±0" if delta is not None else ""
    return f"+{delta:.0f}" if delta > 0 else f"−{abs(delta):.0f}"


def _moves(change: ScoreChange) -> bool:
    return change.before != change.after if change.delta is None else round(change.delta) != 0


def _side(snapshot, language: str) -> str:
    if snapshot.commit is None:
        return text("diff.working_tree", language)
    return f"{snapshot.ref} ({snapshot.commit[:10]})" if snapshot.ref != snapshot.commit else snapshot.commit[:10]


def view(result: DiffResult, language: str, entities: int | None = None, findings: int = MAX_FINDINGS,
         fields: int | None = None) -> dict[str, Any]:
    """Everything the text and Markdown outputs show, as strings in `language`; at most `entities`
    entities per section, `fields` fields per entity and `findings` findings per section (None: all)."""
    from itstyr.schemaset import schema_set

    describe = Describer(language, result.head.validation.workspace, result.base.validation.workspace)
    schemas = schema_set()

    def kind_label(kind: str) -> str:
        return schemas.kind_label(kind).render(language) if kind in schemas.kind_files else kind

    groups: dict[str, list[dict]] = {}
    unlisted: dict[str, str] = {}
    for status in STATUSES:
        by_kind: dict[str, list[dict]] = {}
        for change in result.of_status(status)[:entities]:
            entry = _entity(change, describe, fields)
            by_kind.setdefault(kind_label(change.kind), []).append(entry)
        groups[status] = [{"kind": kind, "entities": listed} for kind, listed in sorted(by_kind.items())]
        unlisted[status] = _more(len(result.of_status(status)), entities, language)

    counts = {status: len(result.of_status(status)) for status in STATUSES}
    moved_scores = [
        f"{change.id} {_number(change.before)} → {_number(change.after)} ({_delta(change)})" for change in result.recommendations if _moves(change)
    ]
    summary = [
        Message("diff.summary.entities", **counts).render(language) if result.entities else Message("diff.summary.nothing").render(language),
        Message("diff.summary.findings", introduced=len(result.introduced), fixed=len(result.fixed)).render(language),
    ]
    if result.overall is not None:
        summary.append(
            Message("diff.summary.score", before=_number(result.overall.before), after=_number(result.overall.after)).render(language)
            + (f" ({_delta(result.overall)})" if _delta(result.overall) else "")
        )
        summary.append(
            Message("diff.summary.moved_scores", scores=moved_scores).render(language)
            if moved_scores
            else Message("diff.summary.no_score_change").render(language)
        )
    return {
        "title": text("diff.title", language),
        "refs": text("diff.refs", language, base=_side(result.base, language), head=_side(result.head, language),
                     as_of=result.as_of.isoformat()),
        "summary": summary,
        "names": {status: _names(groups[status], counts[status], language) for status in STATUSES},
        "counts": counts,
        "groups": groups,
        "unlisted": unlisted,
        "introduced": [_finding(finding, language) for finding in result.introduced[:findings]],
        "introduced_more": _more(len(result.introduced), findings, language),
        "fixed": [_finding(finding, language) for finding in result.fixed[:findings]],
        "fixed_more": _more(len(result.fixed), findings, language),
        "totals": {"introduced": len(result.introduced), "fixed": len(result.fixed)},
        "scores": [
            {
                "id": c.id,
                "text": shorten(c.text.get(language, ""), RECOMMENDATION_TEXT),
                "before": _number(c.before),
                "after": _number(c.after),
                "delta": _delta(c),
            }
            for c in result.recommendations
        ],
        "overall": None if result.overall is None else {
            "before": _number(result.overall.before), "after": _number(result.overall.after), "delta": _delta(result.overall)
        },
        "criteria": [
            {
                "id": c.id,
                "title": c.title.get(language, ""),
                "before": _status(c.before, c.ratio_before, language),
                "after": _status(c.after, c.ratio_after, language),
            }
            for c in result.criteria
        ],
        "notes": [note.render(language) for note in result.notes],
    }


def _entity(change, describe: Describer, fields: int | None) -> dict[str, Any]:
    language = describe.language
    lines = [_field_line(describe, change, field) for field in change.fields[:fields]]
    if fields is not None and len(change.fields) > fields:
        lines.append(text("diff.more", language, count=len(change.fields) - fields))
    return {
        "name": change.name,
        "id": change.id,
        "path": change.document.path,
        "moved_from": text("diff.moved_from", language, path=change.before.path) if change.moved else None,
        "fields": lines,
    }


def _more(total: int, shown: int | None, language: str) -> str:
    return text("diff.more", language, count=total - shown) if shown is not None and total > shown else ""


def _names(groups: list[dict], count: int, language: str) -> str:
    names = [shorten(entity["name"], SUMMARY_NAME) for group in groups for entity in group["entities"]][:SUMMARY_NAMES]
    shown = ", ".join(names)
    return shown + (" " + text("diff.more", language, count=count - len(names)) if count > len(names) else "")


def _field_line(describe: Describer, change, field) -> str:
    label = describe.field(change.kind, field, change.before.data if change.before else None, change.after.data if change.after else None)
    if field.old is MISSING:
        return text("diff.field.added", describe.language, field=label, new=describe.value(field.new))
    if field.new is MISSING:
        return text("diff.field.removed", describe.language, field=label, old=describe.value(field.old))
    old, new = describe.change(field.old, field.new)
    return text("diff.field.changed", describe.language, field=label, old=old, new=new)


def _status(label: str | None, ratio: float | None, language: str) -> str:
    if label is None:
        return "–"
    shown = text(f"status.{label}", language)
    return f"{shown} ({ratio:.0%})" if label == "partial" and ratio is not None else shown


def _finding(finding, language: str) -> dict[str, str]:
    return {
        "severity": text(f"severity.{finding.severity.value}", language),
        "where": f"{finding.location.path}:{finding.location.line}",
        "rule": finding.rule_id,
        "message": finding.message.render(language),
    }


def write_text(result: DiffResult, language: str, stream: TextIO) -> None:
    shown = view(result, language)
    out = [f"{shown['title']}: {shown['refs']}", ""]
    out += [f"  {line}" for line in shown["summary"]]
    for note in shown["notes"]:
        out.append(f"  ! {note}")
    for status in STATUSES:
        if not shown["groups"][status]:
            continue
        out += ["", text(f"diff.heading.{status}", language)]
        for group in shown["groups"][status]:
            out.append(f"  {group['kind']}")
            for entity in group["entities"]:
                where = entity["path"] + (f", {entity['moved_from']}" if entity["moved_from"] else "")
                out.append(f"    {entity['name']} ({entity['id']}) {where}")
                out += [f"      {line}" for line in entity["fields"]]
    for section in ("introduced", "fixed"):
        if shown[section]:
            out += ["", text(f"diff.heading.{section}", language)]
            out += [f"  {f['where']}: {f['severity']} [{f['rule']}] {f['message']}" for f in shown[section]]
            if shown[f"{section}_more"]:
                out.append("  " + shown[f"{section}_more"])
    if shown["scores"]:
        out += ["", text("diff.heading.scores", language)]
        for score in shown["scores"]:
            out.append(f"  {score['id']:<4} {score['before']:>3} → {score['after']:>3}  {score['delta']}")
        if shown["overall"]:
            overall = shown["overall"]
            out.append(f"  {text('diff.overall', language)}: {overall['before']} → {overall['after']}  {overall['delta']}")
    if shown["criteria"]:
        out += ["", text("diff.heading.criteria", language)]
        out += [f"  {c['id']:<6} {c['before']} → {c['after']}  {c['title']}" for c in shown["criteria"]]
    stream.write("\n".join(out) + "\n")


def write_markdown(result: DiffResult, language: str, stream: TextIO) -> None:
    from importlib import resources

    from itstyr.render.environment import environment

    source = resources.files("itstyr.diff").joinpath("comment.md.j2").read_text(encoding="utf-8")
    template = environment(language).from_string(source)
    entities, findings = COMMENT_ENTITIES, MAX_FINDINGS
    while True:  # a comment too long to post is shortened, never cut off mid-table
        comment = template.render(view=view(result, language, entities, findings, COMMENT_FIELDS))
        if len(comment) <= COMMENT_LIMIT or entities <= 1:
            break
        entities, findings = entities // 2, max(1, findings // 2)
    stream.write(comment)


def to_dict(result: DiffResult, language: str) -> dict[str, Any]:
    from itstyr.report.json import finding_to_dict

    def side(snapshot) -> dict[str, Any]:
        return {"ref": snapshot.ref, "commit": snapshot.commit}

    def entity(change) -> dict[str, Any]:
        entry = {"kind": change.kind, "id": change.id, "name": change.name, "status": change.status, "path": change.document.path}
        if change.before is not None and change.after is not None:
            entry["old_path"] = change.before.path
            entry["fields"] = [
                {
                    "path": field.pointer,
                    "old": None if field.old is MISSING else field.old,
                    "new": None if field.new is MISSING else field.new,
                    "change": "added" if field.old is MISSING else "removed" if field.new is MISSING else "changed",
                }
                for field in change.fields
            ]
        return entry

    def score(change: ScoreChange | None) -> dict[str, Any] | None:
        if change is None:
            return None
        return {"before": change.before, "after": change.after, "label_before": change.label_before, "label_after": change.label_after}

    return {
        "tool": "itstyr",
        "version": __version__,
        "format_version": FORMAT_VERSION,
        "command": "diff",
        "language": language,
        "base": side(result.base),
        "head": side(result.head),
        "as_of": result.as_of.isoformat(),
        "framework": None if result.framework is None else result.framework.id,
        "summary": {
            **{status: len(result.of_status(status)) for status in STATUSES},
            "findings_introduced": len(result.introduced),
            "findings_fixed": len(result.fixed),
        },
        "entities": [entity(change) for change in result.entities],
        "findings": {
            "introduced": [finding_to_dict(finding, language) for finding in result.introduced],
            "fixed": [finding_to_dict(finding, language) for finding in result.fixed],
        },
        "scores": {
            "overall": score(result.overall),
            "recommendations": [{"id": change.id, **score(change)} for change in result.recommendations],
            "criteria": [
                {"id": c.id, "recommendation": c.recommendation, "before": c.before, "after": c.after,
                 "ratio_before": c.ratio_before, "ratio_after": c.ratio_after}
                for c in result.criteria
            ],
        },
        "notes": [note.render(language) for note in result.notes],
    }


def write_json(result: DiffResult, language: str, stream: TextIO) -> None:
    json.dump(to_dict(result, language), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


DIFF_FORMATS = {"text": write_text, "markdown": write_markdown, "json": write_json}
