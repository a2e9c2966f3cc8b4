"""The cost model: its principle, price list and what each administration is charged for the year
the handbook is written as of (summed per administration), how it was communicated, and the
funding process that gives money and capacity to initiatives."""

from __future__ import annotations

from itstyr.render.handbook import links
from itstyr.render.handbook.pages import Page, section_title
from itstyr.render.handbook.pages._common import newest_first


def build(hb) -> list[Page]:
    year = hb.as_of.year
    return [
        Page(
            links.COSTS,
            "handbook/costs.md.j2",
            section_title("costs", hb.language),
            {
                "year": year,
                "models": [_model(hb, model, year) for model in hb.of_kind("cost_model")],
                "processes": hb.of_kind("funding_process"),
            },
        )
    ]


def _model(hb, model, year: int) -> dict:
    data = model.data
    per_unit: dict[str, dict] = {}
    years: dict[int, int] = {}
    for allocation in data.get("allocations", []) or []:
        fiscal_year, amount = allocation.get("fiscal_year"), allocation.get("amount_sek") or 0
        if isinstance(fiscal_year, int):
            years[fiscal_year] = years.get(fiscal_year, 0) + amount
        if fiscal_year != year:
            continue
        row = per_unit.setdefault(
            allocation.get("unit"), {"unit": allocation.get("unit"), "amount": 0, "change": None, "quantity": None, "comments": []}
        )
        row["amount"] += amount
        change = allocation.get("kommunbidrag_change_sek")
        if isinstance(change, int):
            row["change"] = (row["change"] or 0) + change
        if isinstance(allocation.get("basis_quantity"), (int, float)):
            row["quantity"] = (row["quantity"] or 0) + allocation["basis_quantity"]
        if allocation.get("comment"):
            row["comments"].append(allocation["comment"])
    rows = sorted(per_unit.values(), key=lambda row: (links.collation_key(hb.linker.name(row["unit"])), str(row["unit"])))
    recorded_totals = {entry.get("fiscal_year"): entry for entry in data.get("totals", []) or []}
    return {
        "document": model,
        "allocations": rows,
        "allocated": sum(row["amount"] for row in rows),
        "recorded_total": recorded_totals.get(year),
        "other_years": [{"year": y, "amount": years[y]} for y in sorted(years) if y != year],
        "communicated": sorted(data.get("communicated_to", []) or [], key=lambda c: (str(c.get("date")), links.collation_key(hb.linker.name(c.get("unit"))))),
        "reviews": newest_first(data.get("reviews", []) or [], "date"),
    }
