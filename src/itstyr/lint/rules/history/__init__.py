"""History as evidence (audit R1, Q1): what the repository's Git history shows about the documents,
such as an overdue review that nobody has begun."""

from itstyr.lint.rules.history import review_untouched

RULES = [review_untouched]
