"""Steering documents (audit R1, Q1): current, decided at the right level, anchored, consistent."""

from itstyr.lint.rules.steering import (
    decision_incomplete,
    decision_level,
    review_overdue,
    stale_unit,
    supersession,
    unanchored_support,
)

RULES = [review_overdue, decision_incomplete, decision_level, stale_unit, unanchored_support, supersession]
