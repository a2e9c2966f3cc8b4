"""A forum that the governance model says must seat the administrations and the IT function, but
does not.

The in-force governance model's `representation_rule` lists forums that must have every active
administration (förvaltning) and the IT function as members (`min_forvaltningar` lowers the number of
administrations). Only ordinary members count (`membership` ledamot, the default; the option `memberships`
widens it), not substitutes or co-opted ones. A member from a unit inside an administration counts for that administration, and a
member from a unit inside the IT function counts for the IT function (not for the administration the
IT function itself sits in: the audit asks for both sides at the table).
"""

from __future__ import annotations

from collections.abc import Iterator

from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation
from itstyr.lint.rules.forums._common import FORUM_IN_FORCE, name
from itstyr.messages import Text

ID = "forum-representation"


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    models = [m for m in ctx.of_kind("governance_model") if m.data["status"] == "gallande"]
    if not models:
        return
    administrations = ctx.administrations
    it_functions = [u for u in ctx.it_functions if u.data["status"] == "aktiv"]
    administration_ids = {u.id for u in administrations}
    targets = administration_ids | {u.id for u in it_functions}
    parents = {u.id: u.data.get("parent") for u in ctx.of_kind("unit")}
    counts_for: dict[str, frozenset] = {}

    def represented_by(unit_id: str) -> frozenset:
        """The administration or IT function a member from this unit stands for (the nearest one up)."""
        if unit_id not in counts_for:
            seen, current, found = set(), unit_id, frozenset()
            while current is not None and current not in seen:
                if current in targets:
                    found = frozenset({current})
                    break
                seen.add(current)
                current = parents.get(current)
            counts_for[unit_id] = found
        return counts_for[unit_id]

    memberships = set(options["memberships"])
    checked: set[str] = set()
    for model in models:
        rule = model.data["representation_rule"]
        must = set(rule["must_include"])
        minimum = rule.get("min_forvaltningar")
        for forum_id in rule["forums"]:
            forum = ctx.get(forum_id, "forum")
            if forum is None or forum.id in checked or forum.data["status"] not in FORUM_IN_FORCE:
                continue
            checked.add(forum.id)
            present: set[str] = set()
            for member in forum.data.get("members", []):
                if member.get("membership", "ledamot") in memberships:
                    present |= represented_by(member["unit"])
            missing = []
            short = False
            count = len(present & administration_ids)
            if "forvaltningar" in must:
                required = len(administrations) if minimum is None else min(minimum, len(administrations))
                if count < required:
                    missing += [name(u) for u in administrations if u.id not in present]
                    short = required < len(administrations)
            if "it_funktion" in must and it_functions and not any(u.id in present for u in it_functions):
                missing.append(name(it_functions[0]))
            if not missing:
                continue
            path = ("members",) if "members" in forum.data else ("status",)
            params = {"forum": name(forum), "model": name(model), "missing": missing, "required": _required(must, minimum)}
            if short:
                params["count"] = count
            yield Violation(forum, path, "too_few" if short else "missing", params)


def _required(must: set[str], minimum: int | None) -> Text:
    """What the rule asks for, in words: "alla förvaltningar och it-funktionen", "minst 5 förvaltningar"..."""
    parts_sv, parts_en = [], []
    if "forvaltningar" in must:
        parts_sv.append("alla förvaltningar" if minimum is None else f"minst {minimum} förvaltningar")
        parts_en.append("every administration" if minimum is None else f"at least {minimum} administrations")
    if "it_funktion" in must:
        parts_sv.append("it-funktionen")
        parts_en.append("the IT function")
    return Text(" och ".join(parts_sv), " and ".join(parts_en))
