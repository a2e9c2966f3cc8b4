"""An in-force steering document decided by a body that the decision-level matrix does not allow for
its type (a policy decided by an official, a reglemente decided by the executive board).

The matrix is the option `allowed_bodies` (type -> list of bodies). A repository's value is laid over
the default type by type, so a city can change one type without restating the others; a type mapped
to null, or absent from the matrix, is not checked.
"""

from __future__ import annotations

from collections.abc import Iterator

from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation
from itstyr.lint.rules.steering._common import IN_FORCE, label, labels

ID = "steering-decision-level"


def _default_matrix() -> dict:
    from itstyr.lint.registry import registry

    return registry()[ID].options["allowed_bodies"].default


def matrix(options: dict) -> dict[str, tuple[str, ...] | None]:
    """The default matrix with the repository's types laid over it; a single body may be a string."""
    merged = dict(_default_matrix())
    configured = options.get("allowed_bodies")
    if isinstance(configured, dict):
        merged.update(configured)
    result: dict[str, tuple[str, ...] | None] = {}
    for doc_type, bodies in merged.items():
        if bodies is None:
            result[doc_type] = None
        elif isinstance(bodies, str):
            result[doc_type] = (bodies,)
        else:
            result[doc_type] = tuple(body for body in bodies if isinstance(body, str))
    return result


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    allowed = matrix(options)
    for document in ctx.of_kind("steering_document"):
        data = document.data
        decision = data.get("decision")
        if data["status"] not in IN_FORCE or not isinstance(decision, dict):
            continue
        bodies = allowed.get(data["type"])
        if bodies is None or decision["body"] in bodies:
            continue
        yield Violation(
            document,
            ("decision", "body"),
            "default" if bodies else "none_allowed",
            {"type": label(data["type"]), "body": label(decision["body"]), "allowed": labels(bodies)},
        )
