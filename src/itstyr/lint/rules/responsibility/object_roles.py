"""A management object without exactly one owner, or without a business-side and an IT-side manager.

The schema already allows exactly one `owner` entry and requires at least one manager. What it
cannot see is what the roles are: whether the owner holds an owner role, whether a second owner
hides among the managers or specialists, and whether the managers are a pair from the business and
from IT (the roles' `side`, in the role documents)."""

from __future__ import annotations

from collections.abc import Iterator

from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation
from itstyr.lint.rules.responsibility._common import label, name

ID = "object-roles"
CLOSED = "nedlagd"


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    owner_keys = set(options["owner_role_keys"])
    for obj in ctx.of_kind("management_object"):
        data = obj.data
        if data["status"] == CLOSED:
            continue
        owner_role = ctx.get(data["owner"]["role"], "role")
        if owner_role is not None and owner_role.data["key"] not in owner_keys:
            yield Violation(
                obj,
                ("owner", "role"),
                "owner_not_owner_role",
                {"role": label(owner_role), "key": owner_role.data["key"], "keys": sorted(owner_keys)},
            )
        for field in ("managers", "specialists"):
            for index, assignment in enumerate(data.get(field, [])):
                role = ctx.get(assignment["role"], "role")
                if role is not None and role.data["key"] in owner_keys:
                    yield Violation(obj, (field, index, "role"), "second_owner", {"role": name(role)})

        roles = [ctx.get(assignment["role"], "role") for assignment in data["managers"]]
        if any(role is None for role in roles):
            continue  # a manager's role is unknown (reported by ref-unknown): its side cannot be judged
        # An owner listed among the managers (reported above) is not one of the pair.
        sides = [role.data["side"] for role in roles if role.data["key"] not in owner_keys]
        business = sides.count("verksamhet")
        it = sides.count("it")
        both = sides.count("bada")
        params = {"managers": [name(role) for role in roles]}
        if business + both == 0 and it + both == 0:
            yield Violation(obj, ("managers",), "missing_both", params)
        elif business + both == 0:
            yield Violation(obj, ("managers",), "missing_business", params)
        elif it + both == 0:
            yield Violation(obj, ("managers",), "missing_it", params)
        elif business + it + both < 2:
            # One manager whose role is on both sides: a pair needs two people.
            yield Violation(obj, ("managers",), "single_both_sides", params)
