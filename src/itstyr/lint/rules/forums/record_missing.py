"""A working forum with no minutes or protocol within a few meeting periods.

The threshold `forum_record_gap_factor` (default 2) says how many meeting periods (`cadence`) may
pass after the latest record before the as-of date. A forum that meets as needed (`vid_behov`) has no
rhythm to measure against, and a forum established less than one gap ago (by `valid_from`, else its
decision) has not had the time.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from itstyr.dates import period_end, step
from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation
from itstyr.lint.rules.forums._common import CADENCE, name
from itstyr.messages import Text

ID = "forum-record-missing"


def after_gap(day: date, cadence: str, factor: float) -> date | None:
    """`day` moved forward by `factor` meeting periods (a fraction of a period counted in days)."""
    whole = int(factor)
    moved = step(day, cadence, whole) if whole else day
    if moved is None:
        return None
    fraction = factor - whole
    if fraction:
        next_step = step(moved, cadence)
        moved += timedelta(days=round((next_step - moved).days * fraction))
    return moved


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    factor = ctx.threshold("forum_record_gap_factor")
    statuses = set(options["statuses"])
    shown_factor = Text(str(factor).replace(".", ","), str(factor)) if not float(factor).is_integer() else int(factor)
    for forum in ctx.of_kind("forum"):
        data = forum.data
        cadence = data.get("cadence")
        if data["status"] not in statuses or cadence is None or cadence == "vid_behov":
            continue
        established = period_end(data.get("valid_from")) or period_end(data.get("decision", {}).get("date"))
        if established is not None and after_gap(established, cadence, factor) >= ctx.as_of:
            continue
        latest, latest_index = None, None
        for index, record in enumerate(data.get("records", [])):
            day = period_end(record["date"])
            if day is not None and day <= ctx.as_of and (latest is None or day > latest):
                latest, latest_index = day, index
        params = {"forum": name(forum), "cadence": CADENCE[cadence], "factor": shown_factor}
        if latest is None:
            yield Violation(forum, ("cadence",), "no_records", params)
            continue
        deadline = after_gap(latest, cadence, factor)
        if deadline < ctx.as_of:
            yield Violation(
                forum,
                ("records", latest_index, "date"),
                "gap",
                {**params, "date": latest.isoformat(), "deadline": deadline.isoformat()},
            )
