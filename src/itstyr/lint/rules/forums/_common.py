"""What the forum rules share: which forums are in force, and words for cadences."""

from __future__ import annotations

from itstyr.messages import Text

# A forum that works: established, or still meeting while its remit is reviewed.
FORUM_IN_FORCE = ("etablerat", "under_oversyn")

CADENCE = {
    "vecka": Text("vecka", "week"),
    "varannan_vecka": Text("varannan vecka", "fortnight"),
    "manad": Text("månad", "month"),
    "kvartal": Text("kvartal", "quarter"),
    "tertial": Text("tertial", "four months"),
    "halvar": Text("halvår", "half-year"),
    "ar": Text("år", "year"),
    "vid_behov": Text("vid behov", "as needed"),
}


def name(document) -> str:
    """The entity's name as written (every entity has one), for messages."""
    return document.data.get("name") or document.id or "?"
