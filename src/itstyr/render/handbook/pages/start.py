"""The start page: what the handbook is, the state of governance at a glance (the score per audit
recommendation, counts, what is overdue) and where to begin."""

from __future__ import annotations

from itstyr.messages import text
from itstyr.render.handbook import links
from itstyr.render.handbook.pages import SECTIONS, Page, section_title
from itstyr.render.handbook.tools import anchor_id

OVERDUE_SHOWN = 50  # the rest are counted; `itstyr lint` lists them all

IN_FORCE = ("gallande", "under_revidering")
DONE = ("klar",)


def build(hb) -> list[Page]:
    language = hb.language
    organisation = hb.organisation
    title = text("handbook.start.title", language)
    return [
        Page(
            links.START,
            "handbook/start.md.j2",
            title,
            {
                "organisation": organisation,
                "framework": hb.score.framework.title.render(language),
                "overall": {"score": hb.score.score, "label": hb.score.label},
                "recommendations": _recommendations(hb),
                "counts": _counts(hb),
                "overdue": hb.overdue[:OVERDUE_SHOWN],
                "overdue_more": max(0, len(hb.overdue) - OVERDUE_SHOWN),
                "sections": [
                    {"key": key, "page": page, "title": section_title(key, language), "intro": text(f"handbook.section.{key}.intro", language)}
                    for key, page in SECTIONS
                ],
            },
        )
    ]


def _recommendations(hb) -> list[dict]:
    language = hb.language
    audit = scored_audit(hb)
    rows = []
    for recommendation in hb.score.recommendations:
        data = recommendation.recommendation
        rows.append(
            {
                "id": recommendation.id,
                "short": data.get("short", data["text"])[language],
                "score": recommendation.score,
                "label": recommendation.label,
                "page": links.AUDIT,
                "anchor": anchor_id(audit.id, recommendation.id) if audit else None,
            }
        )
    return rows


def scored_audit(hb):
    """The audit the framework scores: the one it names, else the repository's only audit."""
    wanted = hb.score.framework.data.get("source", {}).get("audit")
    if wanted:
        return hb.get(wanted, "audit")
    audits = hb.of_kind("audit")
    return audits[0] if len(audits) == 1 else None


def _counts(hb) -> list[dict]:
    """What the repository holds, each count linked to the page that lists it."""

    def count(kind: str, where=None) -> int:
        return sum(1 for document in hb.context.of_kind(kind) if where is None or where(document.data))

    rows = [
        ("documents_in_force", count("steering_document", lambda d: d.get("status") in IN_FORCE), links.DOCUMENTS),
        ("units", count("unit", lambda d: d.get("status") == "aktiv"), links.ORGANISATION),
        ("roles", count("role"), links.ROLES),
        ("systems", count("system", lambda d: d.get("lifecycle") != "avvecklad"), links.SYSTEMS),
        ("services", count("it_service", lambda d: d.get("lifecycle") != "avvecklad"), links.SYSTEMS),
        ("forums", count("forum", lambda d: d.get("status") == "etablerat"), links.FORUMS),
        ("goals", count("goal"), links.GOALS),
        ("initiatives", count("initiative", lambda d: d.get("status") not in ("avslutad", "stoppad", "avslagen")), links.PORTFOLIO),
        ("follow_ups", count("follow_up_record"), links.FOLLOW_UP),
        ("actions_done", count("action", lambda d: d.get("status") in DONE), links.AUDIT),
        ("actions", count("action"), links.AUDIT),
    ]
    return [{"key": key, "value": value, "page": page} for key, value, page in rows]
