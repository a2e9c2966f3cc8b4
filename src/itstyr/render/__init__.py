"""Rendering documents people read (reports, later the handbook) from Jinja2 templates: sandboxed,
undefined names are errors, user text escaped for Markdown, output deterministic and written atomically."""
