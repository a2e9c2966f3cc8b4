"""Goals meet money here: the portfolio, the prioritisation model (must requirements, weighted
criteria, the threshold to start), the benefits model, and the initiatives ranked by their total
score, each with a page of its own showing its scores and benefits.

The ranking is a plain ordering by total score (recorded, or computed from the model's weights when
only the per-criterion scores are recorded); a richer portfolio analysis can replace
`rank_initiatives` without touching the templates."""

from __future__ import annotations

from itstyr.render.handbook import links
from itstyr.render.handbook.pages import Page, section_title

CLOSED = ("avslutad", "stoppad", "avslagen")


def build(hb) -> list[Page]:
    initiatives = hb.of_kind("initiative")
    ranked = rank_initiatives(hb, [i for i in initiatives if i.data.get("status") not in CLOSED])
    closed = [{"document": i, "total": total(hb, i)} for i in initiatives if i.data.get("status") in CLOSED]
    pages = [
        Page(
            links.PORTFOLIO,
            "handbook/portfolio.md.j2",
            section_title("portfolio", hb.language),
            {
                "portfolios": hb.of_kind("portfolio"),
                "models": hb.of_kind("prioritisation_model"),
                "benefits_models": hb.of_kind("benefits_model"),
                "ranked": ranked,
                "closed": closed,
            },
        )
    ]
    for initiative in initiatives:
        pages.append(
            Page(
                links.entity_page("initiative", initiative.id),
                "handbook/initiative.md.j2",
                hb.name(initiative),
                {"initiative": initiative, "total": total(hb, initiative), "scores": _scores(hb, initiative)},
                section=links.PORTFOLIO,
            )
        )
    return pages


def rank_initiatives(hb, initiatives) -> list[dict]:
    """Scored initiatives from the highest total down (name order breaks ties), then the unscored."""
    rows = [{"document": initiative, "total": total(hb, initiative)} for initiative in initiatives]
    scored = sorted((row for row in rows if row["total"] is not None), key=lambda row: -row["total"]["value"])
    for rank, row in enumerate(scored, start=1):
        row["rank"] = rank
    unscored = [dict(row, rank=None) for row in rows if row["total"] is None]
    return scored + unscored


def total(hb, initiative) -> dict | None:
    """{value, computed}: the recorded total, else the weighted sum of the scores on a 0–100 scale."""
    prioritisation = initiative.data.get("prioritisation") or {}
    recorded = prioritisation.get("total")
    if isinstance(recorded, (int, float)) and not isinstance(recorded, bool):
        return {"value": float(recorded), "computed": False}
    rows = _scores(hb, initiative)
    weights = sum(row["weight"] for row in rows if row["weight"])
    if not rows or not weights or any(row["score"] is None or not row["max"] for row in rows):
        return None
    value = sum(row["weight"] * row["score"] / row["max"] for row in rows) * 100 / weights
    return {"value": round(value, 1), "computed": True}


def _scores(hb, initiative) -> list[dict]:
    """One row per criterion of the initiative's model: name, weight, its score and the scale's top."""
    prioritisation = initiative.data.get("prioritisation") or {}
    model = hb.get(prioritisation.get("model"), "prioritisation_model")
    scores = prioritisation.get("scores") or {}
    if model is None:
        return [{"id": key, "name": key, "weight": None, "score": value, "max": None} for key, value in sorted(scores.items())]
    rows = []
    for criterion in model.data.get("criteria", []) or []:
        value = scores.get(criterion.get("id"))
        rows.append(
            {
                "id": criterion.get("id"),
                "name": criterion.get("name") or criterion.get("id"),
                "weight": criterion.get("weight"),
                "score": value if isinstance(value, (int, float)) and not isinstance(value, bool) else None,
                "max": (criterion.get("scale") or {}).get("max"),
            }
        )
    return rows
