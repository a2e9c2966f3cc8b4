"""personal_data rules."""

RULES: list = []
