"""Steering documents: the register (type, who decided, date and §, status, next review, overdue
highlighted), grouped by category, and a page per document with what it defines and what refers
to it."""

from __future__ import annotations

from itstyr.render.handbook import links
from itstyr.render.handbook.pages import Page, section_title

CATEGORIES = ("regelverk", "styrdokument", "stodjande")
OVERDUE_RULE = "steering-review-overdue"


def build(hb) -> list[Page]:
    documents = hb.of_kind("steering_document")
    groups = []
    for category in (*CATEGORIES, None):
        members = [d for d in documents if (d.data.get("category") == category if category else d.data.get("category") not in CATEGORIES)]
        if members:
            groups.append({"category": category, "documents": members})
    title = section_title("documents", hb.language)
    pages = [
        Page(
            links.DOCUMENTS,
            "handbook/documents.md.j2",
            title,
            {"groups": groups, "overdue_rule": OVERDUE_RULE, "total": len(documents)},
        )
    ]
    referrers = _referrers(hb, {d.id for d in documents})
    for document in documents:
        pages.append(
            Page(
                links.entity_page("steering_document", document.id),
                "handbook/document.md.j2",
                hb.name(document),
                {
                    "document": document,
                    "overdue_rule": OVERDUE_RULE,
                    "defines": [entity_id for entity_id in document.data.get("defines", []) if isinstance(entity_id, str)],
                    "referred_by": referrers.get(document.id, []),
                },
                section=links.DOCUMENTS,
            )
        )
    return pages


def _referrers(hb, wanted: set[str]) -> dict[str, list]:
    """For each steering document, the entities that refer to it (each once, in name order). Only
    the reference fields that may hold a steering document are walked."""
    from itstyr.checks.references import iter_references
    from itstyr.schemaset import schema_set

    schemas = schema_set()
    specs: dict[str, tuple] = {}
    found: dict[str, dict[str, object]] = {}
    for document in hb.context.documents:
        kind = document.kind
        if kind not in specs:
            known = schemas.ref_specs(kind) if kind in schemas.kind_files else ()
            specs[kind] = tuple(spec for spec in known if "steering_document" in spec.kinds or "*" in spec.kinds)
        if not specs[kind] or not document.id:
            continue
        for _path, target, _kinds in iter_references(document, specs[kind]):
            if target in wanted and target != document.id:
                found.setdefault(target, {})[document.id] = document
    return {entity_id: links.by_name(documents.values(), hb.language) for entity_id, documents in found.items()}
