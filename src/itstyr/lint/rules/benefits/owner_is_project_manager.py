"""A benefit owned by the initiative's project manager.

The benefit owner carries the strategic responsibility for realising the benefit in the line
organisation after the project has ended; DIGG says that responsibility cannot be delegated to a
project manager, and COBIT EDM02 asks for a named benefit owner, not just a project manager (domain
reference §2.6, §4.3 rule 5). The owner is taken to be the project manager when it is the same
assignment: the same unit and either the same role or the same job title (`holder_title`, compared
without regard to case), so that a project manager recorded under the benefit-owner role is found
too. Struck benefits (`avford`) are not checked.
"""

from __future__ import annotations

from collections.abc import Iterator

from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation

ID = "benefit-owner-is-project-manager"
STRUCK = "avford"


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    for initiative in ctx.of_kind("initiative"):
        data = initiative.data
        manager = data.get("project_manager")
        if manager is None:
            continue
        for index, benefit in enumerate(data.get("benefits", [])):
            owner = benefit.get("owner")
            if owner is None or benefit["status"] == STRUCK or not _same(owner, manager):
                continue
            yield Violation(
                initiative,
                ("benefits", index, "owner"),
                "default",
                {"benefit": benefit["id"], "name": benefit["name"], "role": manager["role"], "unit": manager["unit"]},
                key=True,
            )


def _same(owner: dict, manager: dict) -> bool:
    if owner["unit"] != manager["unit"]:
        return False
    if owner["role"] == manager["role"]:
        return True
    title, other = owner.get("holder_title"), manager.get("holder_title")
    return title is not None and other is not None and title.casefold() == other.casefold()
