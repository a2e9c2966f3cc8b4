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
    # A ratio of at least `cutoff` is impossible when the lengths differ too much: skip those cheaply.
    low, high = len(value) * cutoff / (2 - cutoff), len(value) * (2 - cutoff) / cutoff
    near = [candidate for candidate in candidates if low <= len(candidate) <= high]
    matches = difflib.get_close_matches(value, near, n=1, cutoff=cutoff)
    return matches[0] if matches else None


class Suggester:
    """Suggestions from one large candidate list, remembered per misspelling (the same wrong id is
    often written many times)."""

    def __init__(self, candidates: Iterable[str]):
        self.candidates = list(candidates)
        self._memo: dict[str, str | None] = {}

    def __call__(self, value: str) -> str | None:
        if value not in self._memo:
            self._memo[value] = did_you_mean(value, self.candidates)
        return self._memo[value]
