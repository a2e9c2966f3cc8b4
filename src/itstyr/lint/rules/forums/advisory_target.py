"""An advisory forum that advises no one who can act on its advice.

The schema requires `advises` of a `radgivande` forum and that it names a role or a unit; it cannot
see what the reference points at. This rule checks that the unit it advises is active (a planned
forum may advise a planned unit) and that the forum does not advise itself. A reference that points
at nothing or at the wrong kind is reported by validate (ref-unknown, ref-wrong-kind).
"""

from __future__ import annotations

from collections.abc import Iterator

from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation
from itstyr.lint.rules.forums._common import name

ID = "forum-advisory-target"


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    for forum in ctx.of_kind("forum"):
        data = forum.data
        if data.get("mandate_type") != "radgivande" or data["status"] == "avvecklat" or "advises" not in data:
            continue
        target_id = data["advises"]
        if target_id == forum.id:
            yield Violation(forum, ("advises",), "itself", {"forum": name(forum)})
            continue
        unit = ctx.get(target_id, "unit")
        if unit is None:
            continue  # a role, or something validate reports
        status = unit.data["status"]
        if status == "aktiv" or (status == "planerad" and data["status"] == "planerat"):
            continue
        yield Violation(forum, ("advises",), "inactive_unit", {"forum": name(forum), "unit": name(unit), "status": status})
