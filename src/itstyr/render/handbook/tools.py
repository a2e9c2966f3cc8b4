"""What a template may call: links to entities and pages, and the formats the handbook writes dates,
decisions, assignments, amounts and durations in. Every function returns finished Markdown with the
user's text already escaped, so templates print the result as it is (and pass only raw data
through the `md` filter)."""

from __future__ import annotations

import re
from typing import Any

from itstyr.glossary import label as glossary_label
from itstyr.messages import text
from itstyr.render.handbook import links
from itstyr.render.handbook.escape import md, url

_DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$")
_DURATION_UNITS = ("year", "month", "week", "day", "hour", "minute", "second")
_ANCHOR = re.compile(r"[^a-z0-9-]+")


def anchor_id(*parts: object) -> str:
    """An anchor from ids (`audit-x`, `R1` → `audit-x-r1`): lower case, only a–z, 0–9 and hyphens."""
    return _ANCHOR.sub("-", "-".join(str(part) for part in parts if part not in (None, "")).lower()).strip("-") or "x"


class PageTools:
    def __init__(self, handbook, page: str):
        self.handbook = handbook
        self.page = page
        self.language = handbook.language

    # --- links -----------------------------------------------------------------------------------

    def ref(self, entity_id: object, shown: object = None) -> str:
        """A link to the entity (its name as the text), or the id as text if the handbook lacks it."""
        return self.handbook.linker.link(self.page, entity_id, shown)

    def refs(self, entity_ids: Any, separator: str = ", ") -> str:
        if not isinstance(entity_ids, list):
            return self.ref(entity_ids) if entity_ids else ""
        return separator.join(self.ref(entity_id) for entity_id in entity_ids)

    def href(self, entity_id: object, anchor: str | None = None) -> str:
        return self.handbook.linker.href(self.page, entity_id, anchor) or ""

    def to(self, page: str, anchor: str | None = None) -> str:
        """The relative address of a handbook page (given from the handbook's root), with an anchor."""
        return links.page_href(self.page, page, anchor)

    def anchor(self, *parts: object) -> str:
        return f'<a id="{anchor_id(*parts)}"></a>'

    def web(self, address: object, shown: object = None) -> str:
        """A link to a web address (http and https only); anything else is shown as text."""
        target = url(address)
        if target is None:
            return md(shown if shown is not None else address)
        return f"[{md(shown if shown is not None else address)}]({target})"

    def price_item(self, value: object) -> str:
        """A link to a price item ({cost_model, item}) in the cost model's price list."""
        if not isinstance(value, dict):
            return ""
        model = self.handbook.get(value.get("cost_model"), "cost_model")
        item_id = value.get("item")
        if model is None:
            return md(item_id)
        items = model.data.get("price_items", []) or []
        name = next((item.get("name") for item in items if item.get("id") == item_id), None) or item_id
        return f"[{md(name)}]({self.href(model.id, anchor_id(model.id, item_id))})"

    # --- words and values ------------------------------------------------------------------------

    def label(self, slug: object) -> str:
        return md(glossary_label(slug, self.language)) if isinstance(slug, str) else md(slug)

    def labels(self, slugs: Any) -> str:
        return ", ".join(self.label(slug) for slug in slugs) if isinstance(slugs, list) else self.label(slugs)

    def yes_no(self, value: object) -> str:
        if value is None:
            return ""
        return text("handbook.yes" if value else "handbook.no", self.language)

    def number(self, value: object) -> str:
        """12 345 and 99,5 in Swedish; 12,345 and 99.5 in English."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return md(value)
        if isinstance(value, float) and not value.is_integer():
            formatted = f"{value:,.2f}".rstrip("0").rstrip(".")
        else:
            formatted = f"{int(value):,}"
        if self.language == "sv":
            return formatted.replace(",", "\u00a0").replace(".", ",")
        return formatted

    def sek(self, value: object) -> str:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return md(value)
        return text("handbook.sek", self.language, amount=self.number(value))

    def duration(self, value: object) -> str:
        """An ISO 8601 duration (PT4H, P2W) in words: "4 timmar", "2 veckor"."""
        match = _DURATION.match(value) if isinstance(value, str) else None
        if not match or not any(match.groups()):
            return md(value)
        parts = []
        for unit, amount in zip(_DURATION_UNITS, match.groups(), strict=True):
            if amount:
                number = int(amount)
                parts.append(text(f"handbook.unit.{unit}.{'one' if number == 1 else 'other'}", self.language, n=number))
        return " ".join(parts)

    def period(self, value: object) -> str:
        if isinstance(value, dict):
            return f"{md(value.get('from'))}–{md(value.get('to'))}"
        return md(value)

    def measured(self, value: object) -> str:
        """A measured value ({value, date}) as "38 (2024-12-31)"."""
        if not isinstance(value, dict):
            return md(value)
        shown = self.number(value.get("value"))
        return f"{shown} ({md(value.get('date'))})" if value.get("date") else shown

    # --- decisions and people --------------------------------------------------------------------

    def decider(self, decision: object) -> str:
        """Who decided: the body, or the committee, forum or role that did."""
        if not isinstance(decision, dict):
            return ""
        body = decision.get("body")
        if body in ("namnd", "utskott") and decision.get("unit"):
            return self.ref(decision["unit"])
        if body == "forum" and decision.get("forum"):
            return self.ref(decision["forum"])
        if body == "tjansteperson" and decision.get("role"):
            return f"{self.ref(decision['role'])} ({self.label('tjansteperson')})"
        return self.label(body)

    def decided_when(self, decision: object) -> str:
        """Date and paragraph: "2025-03-26 § 48"; an explicitly unknown paragraph is said to be missing."""
        if not isinstance(decision, dict):
            return ""
        shown = md(decision.get("date"))
        if "paragraph" in decision:
            paragraph = decision["paragraph"]
            shown += " " + (md(paragraph) if paragraph else text("handbook.paragraph_missing", self.language))
        return shown

    def decision(self, decision: object) -> str:
        """The whole decision: "Kommunfullmäktige 2025-03-26 § 48 (dnr KS 2024/0877)"."""
        if not isinstance(decision, dict):
            return ""
        shown = f"{self.decider(decision)} {self.decided_when(decision)}"
        if decision.get("registry_no"):
            shown += f" ({text('handbook.registry_no', self.language)} {md(decision['registry_no'])})"
        return shown

    def assignment(self, assignment: object) -> str:
        """A role in a unit, with the holder's title when it says more than the role's name."""
        if not isinstance(assignment, dict):
            return self.ref(assignment) if isinstance(assignment, str) else ""
        parts = [part for part in (self.ref(assignment.get("role")), self.ref(assignment.get("unit"))) if part]
        shown = ", ".join(parts)
        title = assignment.get("holder_title")
        role_name = self.handbook.linker.name(assignment.get("role"))
        if title and str(title).casefold() != role_name.casefold():
            shown += f" ({md(title)})"
        return shown

    # --- state -----------------------------------------------------------------------------------

    def overdue(self, entity_id: object, rule: str) -> bool:
        return self.handbook.is_overdue(entity_id, rule)

    def last_changed(self, entity_id: object) -> str:
        """The day the entity's file last changed in Git, linked to the change log's month where it
        lists the change ("2026-10-05"; in a shallow clone "2026-10-05 eller tidigare"); "" without
        history."""
        from itstyr.render.handbook.history import month_anchor

        change = self.handbook.history.last_changed(entity_id)
        if change is None:
            return ""
        shown = text("handbook.history.on_or_before", self.language, date=change.day) if change.on_or_before else change.day
        return f"[{shown}]({self.to(links.CHANGELOG, month_anchor(change.logged))})" if change.logged else shown

    def overdue_messages(self, entity_id: object) -> list[str]:
        return [md(item.message) for item in self.handbook.overdue_by_id.get(entity_id, ())]  # type: ignore[arg-type]

    def letter_anchor(self, letter: str) -> str:
        """The anchor of a letter's section in an alphabetical list (Å → bokstav-aa)."""
        ascii_letter = {"Å": "aa", "Ä": "ae", "Ö": "oe", "#": "ovrigt"}.get(letter, letter.lower())
        return f"bokstav-{ascii_letter}"

    def name(self, document: object) -> str:
        """An entity's name as shown (in English where the data has one), escaped."""
        return md(links.display_name(document, self.language)) if hasattr(document, "data") else md(document)

    def kind_of(self, entity_id: object) -> str | None:
        target = self.handbook.linker.targets.get(entity_id) if isinstance(entity_id, str) else None
        return target.kind if target else None

    def kind_title(self, kind: object) -> str:
        return md(self.handbook.kind_titles.get(kind, kind))

    def functions(self) -> dict[str, Any]:
        return {"anchor_key": anchor_id, **{name: getattr(self, name) for name in TOOLS}}


TOOLS = (
    "ref", "refs", "href", "to", "anchor", "web", "price_item", "label", "labels", "yes_no", "number", "sek",
    "duration", "period", "measured", "decider", "decided_when", "decision", "assignment", "overdue",
    "overdue_messages", "letter_anchor", "name", "kind_of", "kind_title", "last_changed",
)  # fmt: skip
TRUSTED = frozenset({anchor_id, *(vars(PageTools)[name] for name in TOOLS)})
