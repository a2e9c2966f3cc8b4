"""cost_follow_up rules."""

RULES: list = []
