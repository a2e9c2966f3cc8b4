"""What every section of the follow-up report shares: the scope it is built for (repository, period,
dates, language), names in the reader's language, numbers and kronor written as the language writes
them, the list of missing data, and charts whose labels cannot break out of Mermaid."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from itstyr.dates import parse_period
from itstyr.followup.period import Period
from itstyr.glossary import label
from itstyr.lint.context import LintContext
from itstyr.messages import Message, Text
from itstyr.model import Document

# The domains that make an internal control or a steering document one of IT and digitalisation
# (the same set the scoring of R7 uses).
IT_DOMAINS = frozenset({"it", "digitalisering", "informationssakerhet"})


@dataclass(slots=True)
class Scope:
    """The report's frame. Values are read up to `cutoff`: the period's end, or the as-of date if
    the period has not ended; statuses (an action's, an initiative's) are as recorded on `as_of`."""

    ctx: LintContext  # as of the as-of date
    at_cutoff: LintContext  # the same documents, as of the cutoff
    period: Period
    as_of: date
    language: str
    missing: list[dict[str, str]] = field(default_factory=list)

    @property
    def cutoff(self) -> date:
        return min(self.period.end, self.as_of)

    def text(self, message: Message) -> str:
        return message.render(self.language)

    def phrase(self, key: str, **params: Any) -> str:
        return Message(key, **params).render(self.language, nested=True)

    def lack(self, section: str, key: str, **params: Any) -> str:
        """Record missing data ("saknat underlag") for a section and return the sentence."""
        sentence = Message(key, **params).render(self.language)
        self.missing.append({"section": section, "text": sentence})
        return sentence

    def name(self, document: Document | None, fallback: Any = "") -> str:
        """An entity's name in the reader's language (name_en in English where it has one)."""
        if document is None:
            return str(fallback or "")
        data = document.data
        return Text(data.get("name") or document.id or "", data.get("name_en")).render(self.language)

    def name_of(self, entity_id: Any) -> str:
        return self.name(self.ctx.get(entity_id), entity_id)

    def label(self, slug: Any) -> str:
        return label(slug, self.language) if isinstance(slug, str) else ""

    def assignment(self, value: Any) -> str:
        """ "Digitaliseringsdirektör, Digitaliseringsavdelningen": the role (or the title held) and the unit."""
        if not isinstance(value, dict):
            return ""
        role = self.name_of(value.get("role")) if value.get("role") else ""
        unit = self.name_of(value.get("unit")) if value.get("unit") else ""
        return ", ".join(part for part in (role, unit) if part)

    def decision(self, value: Any) -> str:
        """ "Kommunstyrelsen 2026-09-23 § 178"."""
        if not isinstance(value, dict):
            return ""
        body = self.name_of(value.get("unit") or value.get("forum")) if value.get("unit") or value.get("forum") else ""
        parts = [body or self.label(value.get("body")), str(value.get("date") or ""), str(value.get("paragraph") or "")]
        return " ".join(part for part in parts if part)

    def number(self, value: Any) -> str:
        """12, 99.92 as 99,92 in Swedish, 17800 as 17 800 / 17,800."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return "–"
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int):
            grouped = f"{value:,}"
            return grouped.replace(",", " ") if self.language == "sv" else grouped
        written = f"{value:.4f}".rstrip("0").rstrip(".")
        whole, _, decimals = written.partition(".")
        whole = self.number(int(whole)) if whole not in ("-0", "") else whole
        separator = "," if self.language == "sv" else "."
        return f"{whole}{separator}{decimals}" if decimals else whole

    def sek(self, amount: Any) -> str:
        if isinstance(amount, bool) or not isinstance(amount, (int, float)):
            return "–"
        return self.phrase("follow_up.sek", amount=self.number(int(amount)))


def day(value: Any, *, end: bool = True) -> date | None:
    """A date or period as a day: its last day (a deadline, a measurement) or its first."""
    bounds = parse_period(value)
    if bounds is None:
        return None
    return bounds[1] if end else bounds[0]


def progress(baseline: Any, target: Any, value: Any) -> int | None:
    """How far a value has come from its baseline towards its target, in whole percent; None when
    it cannot be computed (no baseline or target, or both the same)."""
    numbers = (baseline, target, value)
    if any(isinstance(n, bool) or not isinstance(n, (int, float)) for n in numbers) or target == baseline:
        return None
    return round(100 * (value - baseline) / (target - baseline))


_UNSAFE = re.compile(r"[^\w .,:;%()/+-]", re.UNICODE)


def chart_label(text: str, limit: int = 40) -> str:
    """A label Mermaid shows as it is: no quotes, brackets or markup, on one line, not too long."""
    flat = " ".join(_UNSAFE.sub(" ", str(text)).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def pie(title: str, slices: list[tuple[str, float]]) -> dict[str, Any] | None:
    """A Mermaid pie chart, or None when there is less than two slices to compare."""
    shown = [(chart_label(name), value) for name, value in slices if value and value > 0]
    if len(shown) < 2:
        return None
    return {"type": "pie", "title": chart_label(title, 80), "slices": [{"label": n, "value": _plain(v)} for n, v in shown]}


def bars(title: str, axis: str, items: list[tuple[str, float]]) -> dict[str, Any] | None:
    """A horizontal Mermaid bar chart (xychart-beta), or None with less than two bars."""
    if len(items) < 2:
        return None
    values = [value for _, value in items]
    return {
        "type": "bar",
        "title": chart_label(title, 80),
        "axis": chart_label(axis, 40),
        "labels": [chart_label(name, 30) for name, _ in items],
        "points": [_plain(value) for value in values],
        "min": min(0, math.floor(min(values))),
        "max": max(100, math.ceil(max(values))),
    }


def _plain(value: float) -> str:
    """A number as Mermaid reads it: a dot for decimals, no grouping."""
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0")
