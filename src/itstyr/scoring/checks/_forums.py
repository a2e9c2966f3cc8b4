"""Helpers the forum checks share (council.py, council_work.py, governance_model.py,
decision_process.py): which forum is the digitalisation council, the governance models and forums in
force, where escalation from a forum leads, who sits at a forum's table, whether a forum records its
meetings, and who holds the right to decide what."""

from __future__ import annotations

import re

from itstyr.dates import add_months, period_end
from itstyr.lint.context import LintContext
from itstyr.lint.rules.forums._common import FORUM_IN_FORCE
from itstyr.lint.rules.forums.record_missing import after_gap
from itstyr.messages import Text
from itstyr.model import Document
from itstyr.scoring.checks._common import name, started
from itstyr.scoring.checks.goals import (
    decision_of,
    defined_by,
    document_in_force,
    in_force,
    indexed,
)
from itstyr.scoring.result import CheckResult

DEFAULT_COUNCIL_PATTERN = "digitaliseringsr[aå]d"
STATUS_PREFERENCE = ("etablerat", "under_oversyn", "planerat", "vilande", "avvecklat")


def find_council(ctx: LintContext, params: dict) -> Document | None:
    """The digitalisation council: by `council_id`, else the forum whose id or name matches
    `council_pattern` (case-insensitive), preferring one in force."""
    if params.get("council_id"):
        return ctx.get(params["council_id"], "forum")
    pattern = re.compile(params.get("council_pattern", DEFAULT_COUNCIL_PATTERN), re.IGNORECASE)
    matches = [f for f in ctx.of_kind("forum") if pattern.search(f.id or "") or pattern.search(f.name or "")]
    if not matches:
        return None
    return min(matches, key=lambda f: STATUS_PREFERENCE.index(f.data["status"]))


def no_council(params: dict) -> CheckResult:
    wanted = params.get("council_id") or params.get("council_pattern", DEFAULT_COUNCIL_PATTERN)
    return CheckResult.nothing_found(
        [
            Text(
                f"Det finns inget digitaliseringsråd i förrådet (forum som matchar '{wanted}').",
                f"There is no digitalisation council in the repository (a forum matching '{wanted}').",
            )
        ]
    )


def forum_decided(ctx: LintContext, forum: Document) -> bool:
    """The forum's remit and mandate are decided: a decision of its own, or an in-force steering
    document that defines it (`defined_in`, or the document's `defines`)."""
    if decision_of(forum.data, ctx.as_of) is not None or document_in_force(ctx, forum.data.get("defined_in")):
        return True
    return bool(defined_by(ctx, forum.id))


def models_in_force(ctx: LintContext) -> list[Document]:
    """Governance models in force: gallande, decided (or defined in an in-force document) by the date."""
    result = []
    for model in ctx.of_kind("governance_model"):
        data = model.data
        if not in_force(data, ctx.as_of, ["gallande"]):
            continue
        if decision_of(data, ctx.as_of) is None and document_in_force(ctx, data.get("defined_in")) is None:
            continue
        result.append(model)
    return result


def model_forums(model: Document) -> list[str]:
    return [forum_id for level in model.data["levels"] for forum_id in level.get("forums", [])]


def forums_in_force(ctx: LintContext, statuses) -> list[Document]:
    statuses = set(statuses)
    return [f for f in ctx.of_kind("forum") if f.data["status"] in statuses and started(f.data.get("valid_from"), ctx.as_of)]


def _escalation_edges(ctx: LintContext) -> tuple[dict[str, list[tuple[str, bool]]], dict[str, Document]]:
    """Edges out of every forum below the political level: (target, decided), where decided means
    the edge is set by an in-force governance model or by a forum whose remit is decided."""
    forums = {f.id: f for f in ctx.of_kind("forum") if f.data["status"] != "avvecklat"}
    edges: dict[str, list[tuple[str, bool]]] = {}
    for forum in forums.values():
        if forum.data["level"] != "politisk" and "escalates_to" in forum.data:
            edges.setdefault(forum.id, []).append((forum.data["escalates_to"], forum_decided(ctx, forum)))
    for model in models_in_force(ctx):
        for rule in model.data["escalation_rules"]:
            source = forums.get(rule["from"])
            if source is None or source.data["level"] == "politisk":
                continue
            entries = edges.setdefault(source.id, [])
            entries[:] = [(t, d) for t, d in entries if t != rule["to"]] + [(rule["to"], True)]
    return edges, forums


def escalation_paths(ctx: LintContext, political_types) -> dict[str, tuple[bool, bool]]:
    """Per forum below the political level: (every path reaches the political level without a loop,
    every edge on the way is decided)."""
    political_types = set(political_types)
    edges, forums = _escalation_edges(ctx)
    memo: dict[str, tuple[bool, bool]] = {}

    def end_ok(target_id: str) -> bool | None:
        """True/False for an end of the chain; None when the chain continues through a forum."""
        forum = forums.get(target_id)
        if forum is not None:
            return True if forum.data["level"] == "politisk" else None
        unit = ctx.get(target_id, "unit")
        return unit is not None and unit.data["status"] != "nedlagd" and unit.data["type"] in political_types

    def walk(forum_id: str, trail: tuple[str, ...]) -> tuple[bool, bool]:
        if forum_id in memo:
            return memo[forum_id]
        if forum_id in trail:
            return False, False
        out = edges.get(forum_id, [])
        reaches, decided = bool(out), True
        for target, edge_decided in out:
            decided = decided and edge_decided
            end = end_ok(target)
            if end is None:
                sub_reaches, sub_decided = walk(target, trail + (forum_id,))
                reaches, decided = reaches and sub_reaches, decided and sub_decided
            else:
                reaches = reaches and end
        memo[forum_id] = (reaches, decided)
        return memo[forum_id]

    return {forum_id: walk(forum_id, ()) for forum_id, forum in forums.items() if forum.data["level"] != "politisk"}


def it_function_ids(resolve) -> set[str]:
    return {unit_id for unit_id, kind in resolve.kinds.items() if kind == "it"}


def members_present(forum: Document, resolve, memberships, count_convener: bool) -> set[str]:
    """The administrations and IT function at the forum's table: its ordinary members, and (with
    `count_convener`) an IT-function convener or chair."""
    present = set()
    for member in forum.data.get("members", []):
        if member.get("membership", "ledamot") in memberships:
            target = resolve(member["unit"])
            if target:
                present.add(target)
    if count_convener:
        it_ids = it_function_ids(resolve)
        for key in ("convener", "chair"):
            assignment = forum.data.get(key)
            if assignment and resolve(assignment["unit"]) in it_ids:
                present.add(resolve(assignment["unit"]))
    return present


def records_recent(ctx: LintContext, forum: Document, fallback_months: int) -> tuple[bool, Text | None, tuple]:
    """Whether the forum has a record recent enough for its cadence (within the repository's
    forum_record_gap_factor meeting periods), or is too new to have one. Returns (ok, problem, path)."""
    data = forum.data
    factor = ctx.threshold("forum_record_gap_factor")
    cadence = data.get("cadence")
    latest, index = None, None
    for i, record in enumerate(data.get("records", [])):
        day = period_end(record["date"])
        if day is not None and day <= ctx.as_of and (latest is None or day > latest):
            latest, index = day, i
    established = period_end(data.get("valid_from")) or period_end((decision_of(data, ctx.as_of) or {}).get("date"))
    if cadence and cadence != "vid_behov":
        if established is not None and after_gap(established, cadence, factor) >= ctx.as_of:
            return True, None, ("valid_from",) if "valid_from" in data else ()
        if latest is not None and after_gap(latest, cadence, factor) >= ctx.as_of:
            return True, None, ("records", index, "date")
    else:
        since = add_months(ctx.as_of, -fallback_months)
        if latest is not None and latest >= since:
            return True, None, ("records", index, "date")
    if latest is None:
        return (
            False,
            Text(f"{name(forum)} har inga protokoll eller minnesanteckningar.", f"{name(forum)} has no protocol or minutes."),
            (),
        )
    return (
        False,
        Text(
            f"{name(forum)} har inga protokoll eller minnesanteckningar efter {latest.isoformat()}.",
            f"{name(forum)} has no protocol or minutes after {latest.isoformat()}.",
        ),
        ("records", index, "date"),
    )


def deciders_by_type(ctx: LintContext) -> dict[str, list[tuple[Document, tuple]]]:
    """Decision type -> the places where an in-force holder is given `beslutar` from an in-force document."""
    return indexed(ctx, "deciders", _build_deciders)


def _build_deciders(ctx: LintContext) -> dict[str, list[tuple[Document, tuple]]]:
    result: dict[str, list[tuple[Document, tuple]]] = {}
    for document in ctx.documents:
        if document.kind == "forum" and document.data["status"] in FORUM_IN_FORCE or document.kind == "role":
            for i, right in enumerate(document.data.get("decision_rights", [])):
                if right["right"] == "beslutar" and document_in_force(ctx, right["source"]):
                    result.setdefault(right["decision_type"], []).append((document, ("decision_rights", i)))
        elif document.kind == "funding_process" and in_force(document.data, ctx.as_of, ["gallande"]):
            for i, entry in enumerate(document.data.get("decision_rights", [])):
                for j, right in enumerate(entry["rights"]):
                    if right["right"] == "beslutar" and document_in_force(ctx, right["source"]):
                        result.setdefault(right["decision_type"], []).append((document, ("decision_rights", i, "rights", j)))
    return result
