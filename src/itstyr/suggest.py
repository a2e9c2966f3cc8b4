""""Menade du …?": the closest known name to a misspelt one."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(value: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    candidates = list(candidates)
    if not value or not candidates:
        return None
    lowered = value.lower()
    for candidate in candidates:
        if candidate.lower() == lowered:
            return candidate
    matches = difflib.get_close_matches(value, candidates, n=1, cutoff=cutoff)
    return matches[0] if matches else None
