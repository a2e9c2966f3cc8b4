"""benefits rules."""

RULES: list = []
