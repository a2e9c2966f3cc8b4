"""Governance lint: rules over well-formed documents that find what the audit found.

A rule is a module with `ID` and a pure `check(ctx, options)` that yields `Violation`s; its metadata,
documentation, examples and messages are data (`data/rules/<id>.yaml`). The engine stamps rule ids
and severities, applies waivers, and never lets a rule print.
"""
