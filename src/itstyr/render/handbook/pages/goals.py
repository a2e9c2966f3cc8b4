"""Goals: the chain of goals from the vision down (as an outline), then each goal with its
indicators (baseline, target, latest measurement) and latest assessment, grouped by level."""

from __future__ import annotations

from itstyr.render.handbook import links
from itstyr.render.handbook.pages import Page, section_title
from itstyr.render.handbook.pages._common import newest_first

LEVELS = ("kommunfullmaktige", "kommunstyrelse", "namnd", "forvaltning", "avdelning", "initiativ")


def build(hb) -> list[Page]:
    goals = hb.of_kind("goal")
    by_id = {goal.id: goal for goal in goals}
    children: dict[str, list] = {}
    roots = []
    for goal in goals:
        parents = [parent for parent in goal.data.get("parent_goals", []) or [] if parent in by_id and parent != goal.id]
        if parents:
            children.setdefault(parents[0], []).append(goal)
        else:
            roots.append(goal)
    outline: list[tuple[int, str]] = []
    seen: set[str] = set()

    def walk(goal, depth: int) -> None:
        if goal.id in seen:
            return
        seen.add(goal.id)
        outline.append((depth, goal.id))
        for child in children.get(goal.id, []):
            walk(child, depth + 1)

    for root in roots:
        walk(root, 0)
    groups = []
    for level in (*LEVELS, None):
        members = [g for g in goals if (g.data.get("level") == level if level else g.data.get("level") not in LEVELS)]
        if members:
            groups.append({"level": level, "goals": [_goal(goal) for goal in members]})
    return [Page(links.GOALS, "handbook/goals.md.j2", section_title("goals", hb.language), {"outline": outline, "groups": groups})]


def _goal(goal) -> dict:
    indicators = []
    for indicator in goal.data.get("indicators", []) or []:
        measurements = newest_first(indicator.get("measurements", []) or [], "date")
        indicators.append({"indicator": indicator, "latest": measurements[0] if measurements else None})
    assessments = newest_first(goal.data.get("assessments", []) or [], "period")
    return {"document": goal, "indicators": indicators, "assessment": assessments[0] if assessments else None}
