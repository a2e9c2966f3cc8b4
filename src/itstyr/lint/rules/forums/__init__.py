"""forums rules."""

RULES: list = []
