"""A system in more than one management object, or whose `management_object` disagrees with the
objects that list it.

The schema can only check that each object's own `systems` list has no repeats and that every
reference resolves; that the lists are disjoint across objects, and that the system's back-reference
agrees with them, needs every object at once."""

from __future__ import annotations

from collections.abc import Iterator

from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation
from itstyr.lint.rules.responsibility._common import label

ID = "system-multiple-objects"
CLOSED = "nedlagd"


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    include_closed = options["include_closed_objects"]
    listed: dict[str, list[tuple]] = {}
    for obj in sorted(ctx.of_kind("management_object"), key=lambda doc: doc.id or ""):
        if obj.data["status"] == CLOSED and not include_closed:
            continue
        for index, system_id in enumerate(obj.data["systems"]):
            listed.setdefault(system_id, []).append((obj, index))

    for system_id, listings in listed.items():
        if len(listings) < 2:
            continue
        system = ctx.get(system_id, "system")
        back = system.data.get("management_object") if system is not None else None
        keep = back if any(obj.id == back for obj, _ in listings) else listings[0][0].id
        kept = next(obj for obj, _ in listings if obj.id == keep)
        for obj, index in listings:
            if obj.id != keep:
                yield Violation(
                    obj,
                    ("systems", index),
                    "several_objects",
                    {"system": label(system, system_id), "other": label(kept)},
                )

    for system in ctx.of_kind("system"):
        back = system.data.get("management_object")
        objects = [obj for obj, _ in listed.get(system.id, [])]
        names = [label(obj) for obj in objects]
        if back is None:
            if objects:
                yield Violation(system, (), "no_back_reference", {"objects": names})
            continue
        if any(obj.id == back for obj in objects):
            continue
        target = ctx.get(back, "management_object")
        if objects:
            yield Violation(system, ("management_object",), "listed_elsewhere", {"object": label(target, back), "objects": names})
        elif target is not None and system.id not in target.data["systems"]:
            yield Violation(system, ("management_object",), "not_listed", {"object": label(target)})
