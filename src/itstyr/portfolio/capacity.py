"""Demand against capacity per team and period, and the initiatives beyond capacity in rank order.

Capacity is what a unit or team declares it can give portfolio initiatives in a period
(`unit.capacity`); demand is the effort initiatives ask of it (`initiative.effort`). Only periods that
have not ended by the as-of date are shown: the past cannot be re-planned.

An effort counts towards a capacity period of the same unit when it lies within it, so a team that
declares capacity per tertial is compared with the effort asked per tertial, or per month within the
tertial. Hours add up across shorter periods; full-time equivalents are a rate, so they are compared
only for the very same period. No conversion between hours and FTE is made, since the model holds no
working hours per FTE: a period whose capacity and effort are in different measures is reported as
missing evidence rather than guessed.

The capacity is handed out in rank order (the ranking's initiatives first, by rank; then those the
ranking could not use or that are delivered, by id): whatever is left when an initiative's turn comes
is what it gets, and the rest of its effort is beyond capacity.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from itstyr.dates import parse_period
from itstyr.lint.context import LintContext
from itstyr.messages import Message
from itstyr.model import Document
from itstyr.portfolio.result import CapacityRow, Demand

LEFT_THE_FLOW = ("stoppad", "avslagen")


@dataclass(frozen=True, slots=True)
class _Effort:
    initiative: Document
    period: str
    start: date
    end: date
    hours: float | None
    fte: float | None
    confirmed: bool


def demand_against_capacity(
    ctx: LintContext, ranks: dict[str, int]
) -> tuple[list[CapacityRow], list[Message]]:
    """The capacity rows (by unit, then period) and what could not be compared."""
    missing: list[Message] = []
    efforts: dict[str, list[_Effort]] = {}
    any_effort = False
    for initiative in ctx.of_kind("initiative"):
        if initiative.data.get("status") in LEFT_THE_FLOW:
            continue
        for entry in initiative.data.get("effort") or []:
            any_effort = True
            period = parse_period(entry.get("period"))
            if period is None or period[1] < ctx.as_of:
                continue
            efforts.setdefault(entry.get("unit"), []).append(
                _Effort(initiative, entry["period"], *period, entry.get("hours"), entry.get("fte"), entry.get("confirmed") is True)
            )
    teams = [unit for unit in ctx.of_kind("unit") if unit.data.get("capacity")]
    if not teams:
        missing.append(Message("portfolio.missing.no_capacity"))
    if not any_effort:
        missing.append(Message("portfolio.missing.no_effort"))
    order = {initiative_id: (0, rank, initiative_id) for initiative_id, rank in ranks.items()}
    rows: list[CapacityRow] = []
    matched: set[int] = set()
    for unit in sorted(teams, key=lambda u: (u.name or "", u.id or "")):
        unit_efforts = efforts.get(unit.id, [])
        entries = []
        for entry in unit.data["capacity"]:
            period = parse_period(entry.get("period"))
            if period is not None and period[1] >= ctx.as_of:
                entries.append((period, entry))
        for (start, end), entry in sorted(entries, key=lambda pair: (pair[0], pair[1]["period"])):
            within = [effort for effort in unit_efforts if start <= effort.start and effort.end <= end]
            matched.update(id(effort) for effort in within)
            rows.append(_row(unit, entry, start, end, within, order, ranks))
    for unit_id, unit_efforts in sorted(efforts.items(), key=lambda pair: str(pair[0])):
        unmatched = sorted({effort.period for effort in unit_efforts if id(effort) not in matched})
        for period in unmatched:
            initiatives = sorted({e.initiative.id for e in unit_efforts if e.period == period and id(e) not in matched})
            unit = ctx.get(unit_id, "unit")
            missing.append(
                Message("portfolio.missing.no_capacity_for", unit=(unit.name if unit else None) or unit_id, period=period, initiatives=initiatives)
            )
    return rows, missing


def _row(unit, entry: dict, start: date, end: date, within: list[_Effort], order: dict, ranks: dict[str, int]) -> CapacityRow:
    ordered = sorted(within, key=lambda e: order.get(e.initiative.id, (1, 0, e.initiative.id or "")))
    hours_comparable = entry.get("hours") is not None and all(e.hours is not None for e in ordered)
    fte_comparable = entry.get("fte") is not None and all(e.fte is not None and (e.start, e.end) == (start, end) for e in ordered)
    if hours_comparable:
        measure, capacity = "hours", float(entry["hours"])
    elif fte_comparable:
        measure, capacity = "fte", float(entry["fte"])
    else:
        row = CapacityRow(unit, entry["period"], start, end, None, None)
        row.missing = Message("portfolio.missing.measures", period=entry["period"])
        row.demand = [Demand(e.initiative, ranks.get(e.initiative.id), e.hours or e.fte or 0, e.confirmed) for e in ordered]
        return row
    row = CapacityRow(unit, entry["period"], start, end, measure, capacity)
    left = capacity
    for effort in ordered:
        amount = float(effort.hours if measure == "hours" else effort.fte)
        given = max(0.0, min(amount, left))
        left -= given
        row.demand.append(Demand(effort.initiative, ranks.get(effort.initiative.id), amount, effort.confirmed, amount - given))
    return row
