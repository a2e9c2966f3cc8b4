"""goals rules."""

RULES: list = []
