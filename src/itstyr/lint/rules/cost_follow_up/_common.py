"""What the cost-model and follow-up rules share: the cost model in force, follow-up plans in force
and their intervals, and labels that read well in both languages."""

from __future__ import annotations

import calendar
from datetime import date

from itstyr.dates import add_months, period_end, period_start
from itstyr.lint.context import LintContext
from itstyr.messages import Text
from itstyr.model import Document

# Months covered by one step of the schema's `frequency`.
FREQUENCY_MONTHS = {"manad": 1, "kvartal": 3, "tertial": 4, "halvar": 6, "ar": 12}
PLAN_IN_FORCE = ("gallande", "under_revidering")


def label(document: Document) -> Text:
    """An entity's name, in English where it has one."""
    data = document.data
    return Text(data.get("name") or document.id or "", data.get("name_en"))


def cost_model_in_force(ctx: LintContext) -> Document | None:
    """The cost model with the latest valid_from on or before the as-of date, unless it has ended."""
    best: tuple[date, str] | None = None
    chosen = None
    for model in ctx.of_kind("cost_model"):
        start = period_start(model.data["valid_from"])
        if start is None or start > ctx.as_of:
            continue
        rank = (start, model.id or "")
        if best is None or rank > best:
            best, chosen = rank, model
    if chosen is not None:
        end = period_end(chosen.data.get("valid_to"))
        if end is not None and end < ctx.as_of:
            return None
    return chosen


def plans_in_force(ctx: LintContext) -> list[Document]:
    """Follow-up plans in force at the as-of date (decided, not replaced, not ended)."""
    plans = []
    for plan in ctx.of_kind("follow_up_plan"):
        if plan.data["status"] not in PLAN_IN_FORCE:
            continue
        end = period_end(plan.data.get("valid_to"))
        if end is not None and end < ctx.as_of:
            continue
        plans.append(plan)
    return plans


def administration_keys(ctx: LintContext) -> dict[str, tuple[Document, set[str]]]:
    """Every active administration with the unit ids that stand for it in a cost model: its own id
    and that of the committee (nämnd or kommunstyrelse) that governs it."""
    result = {}
    for unit in ctx.administrations:
        keys = {unit.id}
        governed_by = unit.data.get("governed_by")
        if isinstance(governed_by, str):
            keys.add(governed_by)
        result[unit.id] = (unit, keys)
    return result


def sek(amount: int) -> str:
    """135245000 as "135 245 000"."""
    sign = "-" if amount < 0 else ""
    return sign + f"{abs(amount):,}".replace(",", " ")


def months_later(day: date, months: int) -> date:
    """`day` moved `months` forward; the last day of a month stays the last day (30 April + 1 = 31 May),
    so that a period's end plus an interval is the next period's end."""
    moved = add_months(day, months)
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        return moved.replace(day=calendar.monthrange(moved.year, moved.month)[1])
    return moved


def every(months: int) -> Text:
    """Every `months` months in words: varje månad, var 2:a månad, var 4:e månad / every month, every 4 months."""
    if months == 1:
        return Text("varje månad", "every month")
    suffix = "a" if months % 10 in (1, 2) and months % 100 not in (11, 12) else "e"
    return Text(f"var {months}:{suffix} månad", f"every {months} months")
