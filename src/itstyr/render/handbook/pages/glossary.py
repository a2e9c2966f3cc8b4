"""The glossary: the Swedish terms a reader meets in the handbook and in the files, with the English
term where there is one, the word used in the YAML files, and what it means. Built from the
vocabulary labels (`data/glossary/*.yaml`) and the schemas' titles and descriptions; entries with
the same Swedish term are merged."""

from __future__ import annotations

import re

from itstyr.render.handbook import links
from itstyr.render.handbook.pages import Page, section_title

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])")


def build(hb) -> list[Page]:
    entries = glossary_entries()
    groups: dict[str, list[dict]] = {}
    for entry in entries:
        groups.setdefault(links.initial(entry["term"]), []).append(entry)
    ordered = [{"letter": letter, "entries": groups[letter]} for letter in sorted(groups, key=_letter_order)]
    return [Page(links.GLOSSARY, "handbook/glossary.md.j2", section_title("glossary", hb.language), {"groups": ordered, "total": len(entries)})]


def glossary_entries() -> list[dict]:
    """[{term, english, in_files: [...], explanation}] in Swedish alphabetical order."""
    from itstyr.api import schema_catalogue
    from itstyr.glossary import glossary
    from itstyr.resources import read_schema

    merged: dict[str, dict] = {}

    def add(term: str, english: str | None, in_files: str, explanation: str | None, source: str) -> None:
        """source: "kind", "def", "field" or "word"; a field's own description explains the term only
        when every field of that title says the same, since "Ansvarig" means one thing per kind."""
        key = term.casefold()
        entry = merged.setdefault(key, {"term": term, "english": None, "in_files": set(), "explanations": {}})
        entry["english"] = entry["english"] or english
        entry["in_files"].add(in_files)
        if explanation:
            entry["explanations"].setdefault(source, set()).add(explanation)

    for info in schema_catalogue():
        schema = read_schema(info.file_name)
        add(info.title, info.title_en, f"kind: {info.kind}", _first_sentence(schema.get("description")), "kind")
        for key, field in sorted(schema.get("properties", {}).items()):
            if isinstance(field, dict) and field.get("title") and key != "kind":
                add(field["title"], None, key, _first_sentence(field.get("description")), "field")
    for name, definition in sorted(read_schema("defs.schema.json").get("$defs", {}).items()):
        if isinstance(definition, dict) and definition.get("title"):
            add(definition["title"], None, name, _first_sentence(definition.get("description")), "def")
    for slug, labels in sorted(glossary().items()):
        add(labels["sv"], labels["en"], slug, None, "word")
    for entry in merged.values():
        entry["explanation"] = None
        for source in ("kind", "def", "field"):
            found = sorted(entry["explanations"].get(source, ()))
            if len(found) == 1 or (found and source != "field"):
                entry["explanation"] = found[0]
                break
        del entry["explanations"]
    entries = [dict(entry, in_files=sorted(entry["in_files"])) for entry in merged.values()]
    return sorted(entries, key=lambda entry: (links.collation_key(entry["term"]), entry["term"]))


def _first_sentence(description: object) -> str | None:
    if not isinstance(description, str) or not description.strip():
        return None
    return _SENTENCE.split(" ".join(description.split()), maxsplit=1)[0]


def _letter_order(letter: str) -> str:
    return "~" if letter == "#" else links.collation_key(letter)
