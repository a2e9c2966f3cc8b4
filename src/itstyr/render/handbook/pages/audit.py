"""The audit: each audit's questions (the auditors' verdict beside itstyr's), its recommendations
with the board's response, the score and the actions that answer each; then every action and every
political commission with its owner, deadline and status."""

from __future__ import annotations

from itstyr.render.handbook import links
from itstyr.render.handbook.pages import Page, section_title
from itstyr.render.handbook.pages._common import date_key
from itstyr.render.handbook.pages.start import scored_audit
from itstyr.render.handbook.tools import anchor_id

OPEN = ("ej_paborjad", "pagaende", "forsenad")


def build(hb) -> list[Page]:
    actions = hb.of_kind("action")
    responding: dict[tuple[str, str], list] = {}
    for action in actions:
        for response in action.data.get("responds_to", []) or []:
            key = (response.get("audit"), response.get("recommendation"))
            if action not in responding.get(key, []):
                responding.setdefault(key, []).append(action)
    target = scored_audit(hb)
    scored_id = target.id if target else None
    recommendation_scores = {r.id: r for r in hb.score.recommendations}
    question_verdicts = {q.id: q for q in hb.score.questions}
    audits = []
    for audit in sorted(hb.of_kind("audit"), key=lambda a: (date_key(a.data.get("report_date")), links.collation_key(hb.name(a))), reverse=True):
        scored = audit.id == scored_id
        recommendations = []
        for recommendation in audit.data.get("recommendations", []) or []:
            rec_id = recommendation.get("id")
            score = recommendation_scores.get(rec_id) if scored else None
            recommendations.append(
                {
                    "recommendation": recommendation,
                    "anchor": anchor_id(audit.id, rec_id),
                    "short": (score.recommendation.get("short") or {}).get(hb.language) if score else None,
                    "score": score.score if score else None,
                    "label": score.label if score else None,
                    "actions": _by_due(responding.get((audit.id, rec_id), [])),
                }
            )
        questions = []
        for question in audit.data.get("questions", []) or []:
            verdict = question_verdicts.get(question.get("id")) if scored else None
            questions.append({"question": question, "verdict": verdict.verdict if verdict else None})
        audits.append({"document": audit, "scored": scored, "recommendations": recommendations, "questions": questions})
    return [
        Page(
            links.AUDIT,
            "handbook/audit.md.j2",
            section_title("audit", hb.language),
            {
                "audits": audits,
                "framework": hb.score.framework.title.render(hb.language),
                "actions": _by_due(actions),
                "commissions": _by_due(hb.of_kind("commission")),
                "open": OPEN,
            },
        )
    ]


def _by_due(documents) -> list:
    return sorted(documents, key=lambda d: (date_key(d.data.get("due")), str(d.data.get("due")), links.collation_key(d.name), d.id or ""))
