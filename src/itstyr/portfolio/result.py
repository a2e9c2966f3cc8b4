"""What the portfolio analysis finds: the ranking, the initiatives set apart from it, demand against
capacity per team and period, and initiatives that may sub-optimise each other."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from itstyr.messages import Message
from itstyr.model import Document


@dataclass(slots=True)
class Ranked:
    """An initiative with its place in the ranking of its prioritisation model."""

    initiative: Document
    model: Document
    total: float
    rank: int = 0
    tie_with: Document | None = None  # the initiative just above, with the same total
    tie_break: str | None = None  # what put this one below it: "criterion", "received" or "id"
    tie_criterion: str | None = None  # the criterion's id, when a criterion decided


@dataclass(slots=True)
class MustFailed:
    """An initiative that fails one or more must-requirements: never ranked, whatever it scores."""

    initiative: Document
    model: Document
    failed: list[dict[str, Any]]  # the model's requirements ({id, text}) it fails
    total: float | None


@dataclass(slots=True)
class NotRanked:
    """An open initiative the ranking could not use, with every reason (code and message)."""

    initiative: Document
    reasons: list[tuple[str, Message]]


@dataclass(slots=True)
class Demand:
    """One initiative's effort on a team in a capacity period, in the row's measure."""

    initiative: Document
    rank: int | None
    amount: float
    confirmed: bool
    beyond: float = 0.0  # the part of `amount` that does not fit in the capacity


@dataclass(slots=True)
class CapacityRow:
    """A team's capacity for one period against the effort initiatives ask of it in that period."""

    unit: Document
    period: str
    start: date
    end: date
    measure: str | None  # "hours" or "fte"; None when capacity and effort cannot be compared
    capacity: float | None
    demand: list[Demand] = field(default_factory=list)
    missing: Message | None = None

    @property
    def total(self) -> float:
        return sum(entry.amount for entry in self.demand)

    @property
    def over(self) -> bool:
        return self.capacity is not None and self.measure is not None and self.total > self.capacity


@dataclass(slots=True)
class CoordinationGap:
    """Two open initiatives from different administrations touching the same systems, neither listing
    the other in `coordinated_with` (audit question Q4d: possible sub-optimisation)."""

    first: Document
    second: Document
    administrations: tuple[Document, Document]
    systems: list[str]


@dataclass(slots=True)
class PortfolioResult:
    as_of: date
    organisation: Document | None
    settings: Any
    models: list[Document] = field(default_factory=list)
    ranking: list[Ranked] = field(default_factory=list)
    must_failed: list[MustFailed] = field(default_factory=list)
    not_ranked: list[NotRanked] = field(default_factory=list)
    closed: list[Document] = field(default_factory=list)  # delivered, closed, stopped or rejected: not ranked
    capacity: list[CapacityRow] = field(default_factory=list)
    coordination: list[CoordinationGap] = field(default_factory=list)
    missing: list[Message] = field(default_factory=list)
