"""A score as text (a table with a bar per recommendation and the question verdicts), as JSON (stable,
documented in the README) or as Markdown; `explain` adds every criterion with its result, evidence,
what is missing and what to do."""

from __future__ import annotations

import json
from typing import Any, TextIO

from itstyr import __version__
from itstyr.glossary import label
from itstyr.messages import Message, Text, text
from itstyr.scoring.engine import CriterionResult, ScoreResult

FORMAT_VERSION = 1
BAR_WIDTH = 20


def _t(entry: dict, language: str) -> str:
    return entry[language]


def status_label(criterion: CriterionResult, language: str) -> str:
    return text(f"status.{criterion.label}", language)


def assessment_label(slug: str, language: str) -> str:
    return text("status.ej_bedomd", language) if slug == "ej_bedomd" else label(slug, language)


def bar(score: float | None) -> str:
    if score is None:
        return "·" * BAR_WIDTH
    filled = round(score / 100 * BAR_WIDTH)
    return "█" * filled + "░" * (BAR_WIDTH - filled)


def shown(score: float | None) -> str:
    return "–" if score is None else f"{score:.0f}"


def _selected(result: ScoreResult, explain: str | None) -> list[CriterionResult]:
    if explain is None:
        return []
    if explain == "all":
        return result.criteria
    for recommendation in result.recommendations:
        if recommendation.id == explain:
            return recommendation.criteria
    for question in result.questions:
        if question.id == explain:
            return question.criteria
    return []


def to_dict(result: ScoreResult, language: str) -> dict[str, Any]:
    framework = result.framework
    return {
        "tool": "itstyr",
        "version": __version__,
        "format_version": FORMAT_VERSION,
        "command": "score",
        "language": language,
        "framework": {"id": framework.id, "title": framework.title.render(language)},
        "as_of": result.as_of.isoformat(),
        "overall": {"score": result.score, "label": result.label},
        "recommendations": [
            {
                "id": r.id,
                "text": _t(r.recommendation["text"], language),
                "score": r.score,
                "label": r.label,
                "criteria": [c.id for c in r.criteria],
            }
            for r in result.recommendations
        ],
        "questions": [
            {
                "id": q.id,
                "parent": q.question.get("parent"),
                "text": _t(q.question["text"], language),
                "score": q.score,
                "verdict": q.verdict,
                "auditor_verdict": q.question.get("auditor_verdict"),
                "criteria": [c.id for c in q.criteria],
            }
            for q in result.questions
        ],
        "criteria": [_criterion_dict(c, language) for c in result.criteria],
    }


def _criterion_dict(criterion: CriterionResult, language: str) -> dict[str, Any]:
    data = criterion.criterion
    outcome = criterion.result
    return {
        "id": criterion.id,
        "recommendation": data.get("recommendation"),
        "title": _t(data["title"], language),
        "weight": criterion.weight,
        "check": data["check"]["name"],
        "status": criterion.label,
        "ratio": outcome.ratio,
        "evidence": [
            {"id": e.entity_id, "kind": e.kind, "name": e.name, "path": e.location.path, "line": e.location.line}
            for e in outcome.evidence
        ],
        "evidence_total": criterion.evidence_total,
        "missing": [m.render(language) for m in outcome.missing],
        "remedy": _t(data["remedy"], language),
    }


def write_json(result: ScoreResult, language: str, stream: TextIO, explain: str | None = None) -> None:
    json.dump(to_dict(result, language), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def write_text(result: ScoreResult, language: str, stream: TextIO, explain: str | None = None) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(file=stream, highlight=False, soft_wrap=True)
    heading = Message("score.heading", framework=result.framework.title, as_of=result.as_of.isoformat())
    console.print(f"[bold]{escape(heading.render(language))}[/]")
    table = Table(show_edge=False, pad_edge=False)
    for column in ("score.recommendation", "score.score", "", "score.assessment"):
        table.add_column(text(column, language) if column else "")
    for r in result.recommendations:
        short = r.recommendation.get("short", r.recommendation["text"])
        table.add_row(f"{r.id} {escape(_t(short, language))}", shown(r.score), bar(r.score), assessment_label(r.label, language))
    console.print(table)
    questions = Table(show_edge=False, pad_edge=False)
    for column in ("score.question", "score.score", "score.itstyr_verdict", "score.auditor_verdict"):
        questions.add_column(text(column, language))
    for q in result.questions:
        auditor = q.question.get("auditor_verdict")
        questions.add_row(
            ("  " if q.question.get("parent") else "") + q.id,
            shown(q.score),
            assessment_label(q.verdict, language),
            label(auditor, language) if auditor else "–",
        )
    console.print(questions)
    console.print(escape(Message("score.overall", label=Text(assessment_label(result.label, "sv"), assessment_label(result.label, "en")), score=shown(result.score)).render(language)))
    for criterion in _selected(result, explain):
        _explain_text(console, criterion, language)


def _explain_text(console, criterion: CriterionResult, language: str) -> None:
    from rich.markup import escape

    data = criterion.criterion
    ratio = "" if criterion.result.ratio is None else f" ({criterion.result.ratio:.0%})"
    console.print(
        f"\n[bold]{criterion.id}[/] {escape(_t(data['title'], language))} "
        f"[dim]({text('score.weight', language)} {criterion.weight:g})[/]: {status_label(criterion, language)}{ratio}"
    )
    console.print(f"  [dim]{text('score.looks_for', language)}:[/] {escape(_t(data['evidence'], language))}")
    for evidence in criterion.result.evidence:
        console.print(f"  [dim]{text('score.evidence', language)}:[/] {escape(str(evidence.location))} {escape(evidence.name or evidence.entity_id or '')}")
    for message in criterion.result.missing:
        console.print(f"  [dim]{text('score.missing', language)}:[/] {escape(message.render(language))}")
    if criterion.label not in ("pass", "not_applicable"):
        console.print(f"  [dim]{text('score.remedy', language)}:[/] {escape(_t(data['remedy'], language))}")


def _md(value: str) -> str:
    """User and framework text inside a Markdown table cell."""
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;")


def write_markdown(result: ScoreResult, language: str, stream: TextIO, explain: str | None = None) -> None:
    heading = Message("score.heading", framework=result.framework.title, as_of=result.as_of.isoformat())
    lines = [f"# {_md(heading.render(language))}", ""]
    lines += [
        f"| {text('score.recommendation', language)} | {text('score.score', language)} | | {text('score.assessment', language)} |",
        "|---|---:|---|---|",
    ]
    for r in result.recommendations:
        short = r.recommendation.get("short", r.recommendation["text"])
        lines.append(f"| {r.id} {_md(_t(short, language))} | {shown(r.score)} | `{bar(r.score)}` | {assessment_label(r.label, language)} |")
    lines += [
        "",
        f"| {text('score.question', language)} | {text('score.score', language)} | {text('score.itstyr_verdict', language)} | {text('score.auditor_verdict', language)} |",
        "|---|---:|---|---|",
    ]
    for q in result.questions:
        auditor = q.question.get("auditor_verdict")
        lines.append(
            f"| {q.id} {_md(_t(q.question['text'], language))} | {shown(q.score)} | {assessment_label(q.verdict, language)} | {label(auditor, language) if auditor else '–'} |"
        )
    overall = Message("score.overall", label=Text(assessment_label(result.label, "sv"), assessment_label(result.label, "en")), score=shown(result.score))
    lines += ["", overall.render(language), ""]
    for criterion in _selected(result, explain):
        data = criterion.criterion
        lines += [f"## {criterion.id} {_md(_t(data['title'], language))}", "", f"**{status_label(criterion, language)}**", ""]
        for evidence in criterion.result.evidence:
            lines.append(f"- {text('score.evidence', language)}: [{_md(evidence.name or evidence.entity_id or evidence.location.path)}]({evidence.location.path}#L{evidence.location.line})")
        for message in criterion.result.missing:
            lines.append(f"- {text('score.missing', language)}: {_md(message.render(language))}")
        if criterion.label not in ("pass", "not_applicable"):
            lines.append(f"- {text('score.remedy', language)}: {_md(_t(data['remedy'], language))}")
        lines.append("")
    stream.write("\n".join(lines).rstrip("\n") + "\n")


SCORE_FORMATS = {"text": write_text, "json": write_json, "markdown": write_markdown}
