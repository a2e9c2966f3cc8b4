"""Findings the engine makes itself; no rule modules."""

RULES: list = []
