"""An action past its due date that is neither done nor stopped."""

from __future__ import annotations

from collections.abc import Iterator

from itstyr.dates import period_end
from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation
from itstyr.messages import Text

ID = "action-overdue"
CLOSED = ("klar", "stoppad")
STATUS = {
    "ej_paborjad": Text("ej påbörjad", "not started"),
    "pagaende": Text("pågående", "in progress"),
    "forsenad": Text("försenad", "delayed"),
}


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    for action in ctx.of_kind("action"):
        data = action.data
        status = data["status"]
        if status in CLOSED:
            continue
        due = period_end(data["due"])
        if due is None or due >= ctx.as_of:
            continue
        message = "delayed" if status == "forsenad" else "default"
        yield Violation(action, ("due",), message, {"due": data["due"], "status": STATUS.get(status, status)})
