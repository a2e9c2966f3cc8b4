"""Forums and the governance model (audit R4, R5, Q3, Q4a): forums that are fully described, advise
someone who exists, escalate to the political level, record their meetings, have the administrations
and the IT function at the table, and do not share a decision right."""

from itstyr.lint.rules.forums import (
    advisory_target,
    decision_right_conflict,
    escalation,
    incomplete,
    record_missing,
    representation,
)

RULES = [incomplete, advisory_target, escalation, record_missing, representation, decision_right_conflict]
