"""The report as Markdown: the bundled template, then blank lines evened out (the template's
optional parts leave runs of them), so the file reads well as text too."""

from __future__ import annotations

import re
from typing import Any


def render_follow_up(context: dict[str, Any], language: str) -> str:
    from itstyr.render.reports import render_report

    text = render_report("follow_up", context, language)
    return re.sub(r"\n{3,}", "\n\n", text).rstrip("\n") + "\n"
