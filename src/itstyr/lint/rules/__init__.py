"""Rule modules, one per rule, in packages by group (see itstyr.lint.registry.GROUPS)."""
