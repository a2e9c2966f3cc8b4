"""The index of everything: every entity in the handbook, in alphabetical order under its initial,
with its kind and a link to where it is shown."""

from __future__ import annotations

from itstyr.render.handbook import links
from itstyr.render.handbook.pages import Page, section_title


def build(hb) -> list[Page]:
    targets = hb.linker.targets
    ordered = sorted(targets, key=lambda entity_id: (links.collation_key(targets[entity_id].name), entity_id))
    groups: dict[str, list[dict]] = {}
    for entity_id in ordered:
        target = targets[entity_id]
        groups.setdefault(links.initial(target.name), []).append({"id": entity_id, "kind": target.kind})
    letters = sorted(groups, key=lambda letter: "~" if letter == "#" else links.collation_key(letter))
    return [
        Page(
            links.REGISTER,
            "handbook/register.md.j2",
            section_title("register", hb.language),
            {"groups": [{"letter": letter, "entries": groups[letter]} for letter in letters], "total": len(ordered)},
        )
    ]
