"""Organisation: a chart of the political organisation and the administrations, a chart of the
digitalisation department (the city's IT function) with its units and teams, both stated in text
under the diagram, and a table of every unit."""

from __future__ import annotations

from itstyr.render.handbook import links
from itstyr.render.handbook.mermaid import Flowchart
from itstyr.render.handbook.pages import Page, section_title

# Unit types drawn in the city's chart; the IT function and the units above it are drawn as well.
CHART_TYPES = ("kommunfullmaktige", "kommunstyrelse", "namnd", "utskott", "forvaltning", "revision", "bolag")


def build(hb) -> list[Page]:
    units = [unit for unit in hb.of_kind("unit") if unit.data.get("status") != "nedlagd"]
    by_id = {unit.id: unit for unit in units}
    children = _children(units, by_id)
    it_functions = [unit for unit in units if unit.data.get("is_it_function") is True]

    city = {unit.id for unit in units if unit.data.get("type") in CHART_TYPES}
    for unit in it_functions:
        city |= _ancestors(unit, by_id)
    departments = []
    for unit in it_functions:
        below = list(_walk(unit.id, children, 1))
        departments.append(
            {
                "unit": unit,
                "members": [{"unit": child, "depth": depth, "capacity": _capacity(child, hb.as_of.year)} for child, depth in below],
                "chart": _chart({unit.id} | {child.id for child, _ in below}, by_id, children, hb, "LR"),
            }
        )
    everything = []
    for root in _roots(units, by_id):
        everything.append((root, 0))
        everything.extend(_walk(root.id, children, 1))
    return [
        Page(
            links.ORGANISATION,
            "handbook/organisation.md.j2",
            section_title("organisation", hb.language),
            {
                "organisation": hb.organisation,
                "chart": _chart(city, by_id, children, hb, "TD"),
                "departments": departments,
                "units": everything,
                "closed": [unit for unit in hb.of_kind("unit") if unit.data.get("status") == "nedlagd"],
            },
        )
    ]


def _capacity(unit, year: int) -> list[dict]:
    """The unit's capacity for portfolio work in the periods of the year the handbook is as of."""
    from itstyr.dates import period_start

    found = []
    for entry in unit.data.get("capacity", []) or []:
        start = period_start(entry.get("period"))
        if start is not None and start.year == year:
            found.append(entry)
    return found


def _children(units, by_id) -> dict[str, list]:
    children: dict[str, list] = {}
    for unit in units:  # units are in name order, so each list is too
        parent = unit.data.get("parent")
        if parent in by_id and parent != unit.id:
            children.setdefault(parent, []).append(unit)
    return children


def _roots(units, by_id) -> list:
    return [unit for unit in units if unit.data.get("parent") not in by_id or unit.data.get("parent") == unit.id]


def _walk(unit_id: str, children, depth: int, seen: set[str] | None = None):
    """The units below one, depth first, in name order; a loop in the data is walked once."""
    seen = seen if seen is not None else {unit_id}
    for child in children.get(unit_id, []):
        if child.id in seen:
            continue
        seen.add(child.id)
        yield child, depth
        yield from _walk(child.id, children, depth + 1, seen)


def _ancestors(unit, by_id) -> set[str]:
    found = {unit.id}
    parent = unit.data.get("parent")
    while parent in by_id and parent not in found:
        found.add(parent)
        parent = by_id[parent].data.get("parent")
    return found


def _chart(members: set[str], by_id, children, hb, direction: str) -> dict:
    """A Mermaid chart of the given units (each under its parent), and the same as an outline."""
    chart = Flowchart(direction)
    roots = [unit for unit_id, unit in by_id.items() if unit_id in members and unit.data.get("parent") not in members]
    outline: list[tuple[int, str]] = []
    seen: set[str] = set()

    def place(unit, depth: int) -> None:
        seen.add(unit.id)
        chart.node(unit.id, hb.name(unit))
        outline.append((depth, unit.id))
        for child in children.get(unit.id, []):
            if child.id in members and child.id not in seen:
                place(child, depth + 1)
                chart.edge(unit.id, child.id)

    for root in links.by_name(roots, hb.language):
        place(root, 0)
    return {"code": None if chart.too_large() else chart.render(), "outline": outline, "size": chart.size}
