"""The documents the board uses: the gap report against the audit's recommendations, and a draft of
its formal response (yttrande) to the auditors. Both are Markdown from bundled templates, built from
a score result and the repository's own records (actions, the audit, the organisation)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from itstyr.glossary import label
from itstyr.model import Document
from itstyr.scoring.engine import NO_EVIDENCE, ScoreResult


def _name(document: Document | None) -> str:
    return document.name or document.id or "" if document else ""


def _find_audit(result: ScoreResult) -> Document | None:
    workspace = result.validation.workspace
    wanted = result.framework.data.get("source", {}).get("audit")
    audits = workspace.of_kind("audit")
    if wanted:
        return next((a for a in audits if a.id == wanted), None)
    return audits[0] if len(audits) == 1 else None


def _assignment(workspace, assignment: dict | None) -> str:
    if not assignment:
        return ""
    role = workspace.get(assignment.get("role", ""))
    unit = workspace.get(assignment.get("unit", ""))
    parts = [_name(role) or assignment.get("role", ""), _name(unit) or assignment.get("unit", "")]
    return ", ".join(part for part in parts if part)


def _actions(result: ScoreResult, audit: Document | None, language: str) -> dict[str, list[dict[str, Any]]]:
    workspace = result.validation.workspace
    by_recommendation: dict[str, list[dict[str, Any]]] = {}
    for action in workspace.of_kind("action"):
        for response in action.data.get("responds_to", []) or []:
            if audit is not None and response.get("audit") != audit.id:
                continue
            by_recommendation.setdefault(response.get("recommendation"), []).append(
                {
                    "id": action.id,
                    "name": action.name,
                    "owner": _assignment(workspace, action.data.get("owner")),
                    "due": action.data.get("due", ""),
                    "status": label(action.data.get("status"), language),
                    "completed": action.data.get("completed", ""),
                    "path": action.path,
                    "line": action.line,
                }
            )
    for actions in by_recommendation.values():
        actions.sort(key=lambda item: (str(item["due"]), item["id"] or ""))
    return by_recommendation


def _link(root: Path, out: Path, path: str, line: int) -> str:
    target = os.path.relpath(root.resolve() / path, out.resolve().parent).replace(os.sep, "/")
    return f"{target}#L{line}"


def _status(recommendation) -> str:
    applicable = [c for c in recommendation.criteria if c.label != "not_applicable"]
    if applicable and all(c.label == NO_EVIDENCE for c in applicable):
        return NO_EVIDENCE
    return recommendation.label


def gap_context(result: ScoreResult, language: str, out: Path) -> dict[str, Any]:
    root = result.validation.root
    workspace = result.validation.workspace
    organisations = workspace.of_kind("organisation")
    audit = _find_audit(result)
    actions = _actions(result, audit, language)
    recommendations = []
    for recommendation in result.recommendations:
        in_place, seen, missing, remedies = [], set(), [], []
        for criterion in recommendation.criteria:
            if criterion.label in ("pass", "partial"):
                for evidence in criterion.result.evidence:
                    key = (evidence.location.path, evidence.location.line)
                    if key not in seen:
                        seen.add(key)
                        in_place.append(
                            {
                                "name": evidence.name or evidence.entity_id or evidence.location.path,
                                "where": f"{evidence.location.path}:{evidence.location.line}",
                                "link": _link(root, out, evidence.location.path, evidence.location.line),
                            }
                        )
            if criterion.label not in ("pass", "not_applicable"):
                for message in criterion.result.missing:
                    rendered = message.render(language)
                    if rendered not in missing:
                        missing.append(rendered)
                remedies.append({"id": criterion.id, "text": criterion.criterion["remedy"][language]})
        recommendations.append(
            {
                "id": recommendation.id,
                "short": recommendation.recommendation.get("short", recommendation.recommendation["text"])[language],
                "text": recommendation.recommendation["text"]["sv"],
                "text_translated": recommendation.recommendation["text"]["en"] if language == "en" else None,
                "score": recommendation.score,
                "status": _status(recommendation),
                "in_place": in_place,
                "missing": missing,
                "remedies": remedies,
                "actions": actions.get(recommendation.id, []),
            }
        )
    return {
        "organisation": _name(organisations[0]) if organisations else "",
        "as_of": result.as_of.isoformat(),
        "framework": result.framework.title.render(language),
        "source": result.framework.data.get("source", {}),
        "overall_score": result.score,
        "overall_label": result.label,
        "recommendations": recommendations,
        "questions": [
            {
                "id": q.id,
                "parent": q.question.get("parent"),
                "text": q.question["text"][language],
                "score": q.score,
                "verdict": q.verdict,
                "auditor_verdict": q.question.get("auditor_verdict"),
            }
            for q in result.questions
        ],
        "criteria": [
            {
                "id": c.id,
                "recommendation": c.criterion.get("recommendation", ""),
                "title": c.criterion["title"][language],
                "weight": c.weight,
                "status": c.label,
                "ratio": c.result.ratio,
            }
            for c in result.criteria
        ],
    }


def response_context(result: ScoreResult, language: str) -> dict[str, Any]:
    workspace = result.validation.workspace
    audit = _find_audit(result)
    data = audit.data if audit else {}
    actions = _actions(result, audit, language)
    organisations = workspace.of_kind("organisation")
    recorded = {entry.get("id"): entry for entry in data.get("recommendations", [])}
    recommendations = []
    for recommendation in result.recommendations:
        position = recorded.get(recommendation.id, {}).get("board_response") or {}
        recommendations.append(
            {
                "id": recommendation.id,
                "text": recommendation.recommendation["text"]["sv"],
                "text_translated": recommendation.recommendation["text"]["en"] if language == "en" else None,
                "shares": position.get("shares_assessment"),
                "comment": position.get("comment"),
                "actions": actions.get(recommendation.id, []),
            }
        )
    return {
        "organisation": _name(organisations[0]) if organisations else "",
        "audit_found": audit is not None,
        "audit_name": _name(audit),
        "report_date": data.get("report_date", ""),
        "response_due": data.get("response_due", ""),
        "auditor": _name(workspace.get(data.get("auditor", ""))) or data.get("auditor", ""),
        "addressee": _name(workspace.get(data.get("commissioned_by", ""))) or data.get("commissioned_by", ""),
        "sender": _name(workspace.get(data.get("addressee", ""))) or data.get("addressee", ""),
        "as_of": result.as_of.isoformat(),
        "recommendations": recommendations,
    }


def render_report(name: str, context: dict[str, Any], language: str) -> str:
    from itstyr.render.environment import environment

    return environment(language).get_template(f"reports/{name}.md.j2").render(**context)
