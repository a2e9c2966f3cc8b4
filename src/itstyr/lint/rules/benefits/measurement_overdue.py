"""A benefit under realisation that has not been measured as often as its frequency says.

The audit found that the city's benefits model was used unevenly and that benefits were not followed
up (Q6, R7). A benefit under realisation (`under_realisering`) with a frequency (`frequency`) is due
for a measurement one step of that frequency after the later of its latest measurement and the start
of its realisation period (a measurement dated by a period counts at the period's end); with neither,
after its baseline date. It is overdue when that day, plus the option `grace_days`, is before the
as-of date. A benefit without a frequency is not checked here (benefit-incomplete reports it when the
benefits model requires one).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from itstyr.dates import period_end, period_start, step
from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation

ID = "benefit-measurement-overdue"
UNDER_REALISATION = "under_realisering"


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    grace = timedelta(days=options["grace_days"])
    for initiative in ctx.of_kind("initiative"):
        for index, benefit in enumerate(initiative.data.get("benefits", [])):
            frequency = benefit.get("frequency")
            if benefit["status"] != UNDER_REALISATION or frequency is None:
                continue
            measured = [
                (day, position)
                for position, day in enumerate(period_end(m["date"]) for m in benefit.get("measurements", []))
                if day is not None
            ]
            last, latest = max(measured) if measured else (None, None)
            start = period_start(benefit.get("realisation_period", {}).get("from"))
            candidates = [day for day in (last, start) if day is not None]
            if candidates:
                reference = max(candidates)
            else:
                reference = period_end(benefit.get("baseline", {}).get("date"))
                if reference is None:
                    continue
            due = step(reference, frequency)
            if due is None or due + grace >= ctx.as_of:
                continue
            params = {"benefit": benefit["id"], "name": benefit["name"], "frequency": frequency, "due": due.isoformat()}
            if last is not None and last == reference:
                path = ("benefits", index, "measurements", latest)  # the latest measurement
                yield Violation(initiative, path, "since_measurement", {**params, "last": last.isoformat()})
            elif start is not None and start == reference:
                path = ("benefits", index, "realisation_period", "from")
                yield Violation(initiative, path, "since_start", {**params, "start": start.isoformat()})
            else:
                yield Violation(initiative, ("benefits", index), "since_baseline", {**params, "baseline": reference.isoformat()})
