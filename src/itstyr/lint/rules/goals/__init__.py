"""Goals and prioritisation (audit R3, Q2, Q4, Q4b): measurable goals, decided criteria that add up,
initiatives scored on every criterion and linked to decided goals, and demand through the formal intake."""

from itstyr.lint.rules.goals import informal_intake, initiative_goals, initiative_scores, measurable, weights

RULES = [measurable, weights, initiative_scores, initiative_goals, informal_intake]
