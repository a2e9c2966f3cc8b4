"""Labels for vocabulary values (enum slugs), in Swedish and English, from data/glossary/*.yaml."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def glossary() -> dict[str, dict[str, str]]:
    from itstyr.resources import package_root, read_bundled_yaml

    merged: dict[str, dict[str, str]] = {}
    folder = package_root().joinpath("data", "glossary")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            merged.update(read_bundled_yaml(f"data/glossary/{entry.name}"))
    return merged


def label(slug: str | None, language: str = "sv") -> str:
    """The proper label for a slug (`kommunfullmaktige` → "Kommunfullmäktige"); the slug itself if unknown."""
    if slug is None:
        return ""
    entry = glossary().get(slug)
    return entry[language] if entry else slug
