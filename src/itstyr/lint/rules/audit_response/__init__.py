"""audit_response rules."""

RULES: list = []
