"""Steering documents (audit R1, Q1): current, decided at the right level, anchored, consistent."""

from itstyr.lint.rules.steering import review_overdue

RULES = [review_overdue]
