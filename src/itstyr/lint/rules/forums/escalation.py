"""Escalation that goes in a circle or stops below the political level.

Every forum escalates (`escalates_to`, and the in-force governance model's `escalation_rules`) until
the question reaches a forum at level `politisk` or a political body (by default kommunstyrelsen,
kommunfullmäktige or a nämnd). The schema requires `escalates_to` below the political level but
cannot follow the chain: this rule does, and reports each loop once (at the first forum of the loop)
and each edge that ends the chain too low (at that edge), with the chain of names.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation
from itstyr.lint.rules.forums._common import name

ID = "forum-escalation"
ARROW = " → "


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    political_types = set(options["political_unit_types"])
    forums = {f.id: f for f in ctx.of_kind("forum") if f.data["status"] != "avvecklat"}
    order = {forum_id: index for index, forum_id in enumerate(forums)}
    # Edges out of every forum below the political level: (target id, document, path), first mention wins.
    edges: dict[str, list[tuple[str, object, tuple]]] = defaultdict(list)
    for forum in forums.values():
        if forum.data["level"] != "politisk" and "escalates_to" in forum.data:
            edges[forum.id].append((forum.data["escalates_to"], forum, ("escalates_to",)))
    for model in ctx.of_kind("governance_model"):
        if model.data["status"] != "gallande":
            continue
        for index, rule in enumerate(model.data["escalation_rules"]):
            source = forums.get(rule["from"])
            if source is None or source.data["level"] == "politisk":
                continue
            if all(target != rule["to"] for target, _doc, _path in edges[source.id]):
                edges[source.id].append((rule["to"], model, ("escalation_rules", index, "to")))

    def inner(target_id: str) -> bool:
        """A forum the chain passes through (not yet at the political level)."""
        forum = forums.get(target_id)
        return forum is not None and forum.data["level"] != "politisk"

    predecessors: dict[str, list[str]] = defaultdict(list)
    for source_id in forums:
        for target_id, _doc, _path in edges.get(source_id, ()):
            if inner(target_id) and source_id not in predecessors[target_id]:
                predecessors[target_id].append(source_id)

    def upstream(forum_id: str) -> list[str]:
        """One chain of forums that escalates into this one, ending with it (the first feeder each step)."""
        chain = [forum_id]
        seen = {forum_id}
        while True:
            feeders = [p for p in predecessors.get(chain[0], ()) if p not in seen]
            if not feeders:
                return chain
            chain.insert(0, feeders[0])
            seen.add(feeders[0])

    # Dead ends: an edge to a body below the political level, or to one that no longer exists.
    for source_id in forums:
        for target_id, document, path in edges.get(source_id, ()):
            if inner(target_id):
                continue
            problem = _dead_end(ctx, target_id, political_types)
            if problem is None:
                continue
            message, params = problem
            chain = [name(forums[f]) for f in upstream(source_id)] + [params["end"]]
            yield Violation(document, path, message, {"chain": ARROW.join(chain), **params})

    # Loops: each strongly connected group of forums that can reach itself, reported once.
    graph = {f: [t for t, _d, _p in edges.get(f, ()) if inner(t)] for f in forums if inner(f)}
    for component in _strongly_connected(graph):
        members = set(component)
        if len(component) == 1 and component[0] not in graph[component[0]]:
            continue
        start = min(component, key=order.__getitem__)
        cycle = _cycle(graph, start, members)
        target = cycle[1]
        document, path = next((d, p) for t, d, p in edges[start] if t == target)
        yield Violation(
            document, path, "loop", {"chain": ARROW.join(name(forums[f]) for f in cycle), "forum": name(forums[start])}
        )


def _dead_end(ctx: LintContext, target_id: str, political_types: set[str]):
    target = ctx.get(target_id)
    if target is None:
        return None  # validate reports a reference to nothing
    if target.kind == "forum":  # a forum at the political level, or a discontinued one
        if target.data["status"] != "avvecklat":
            return None
        return "inactive_end", {"end": name(target), "status": target.data["status"]}
    if target.kind != "unit":
        return None  # validate reports the wrong kind
    if target.data["status"] == "nedlagd":
        return "inactive_end", {"end": name(target), "status": "nedlagd"}
    if target.data["type"] in political_types:
        return None
    return "below_political", {"end": name(target), "type": target.data["type"]}


def _cycle(graph: dict[str, list[str]], start: str, members: set[str]) -> list[str]:
    """The shortest way from `start` back to itself inside its component, as a list of ids."""
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for target in graph[node]:
                if target not in members:
                    continue
                if target == start:
                    path = [node]
                    while path[0] != start:
                        path.insert(0, previous[path[0]])
                    return path + [start]
                if target not in previous:
                    previous[target] = node
                    following.append(target)
        frontier = following
    return [start, start]


def _strongly_connected(graph: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative (no recursion limit on long chains)."""
    index_of: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    result: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index_of:
            continue
        work = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index_of[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            targets = graph[node]
            if position < len(targets):
                work.append((node, position + 1))
                target = targets[position]
                if target not in index_of:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index_of[target])
                continue
            if low[node] == index_of[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                result.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return result
