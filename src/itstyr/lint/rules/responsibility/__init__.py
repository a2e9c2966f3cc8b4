"""responsibility rules."""

RULES: list = []
