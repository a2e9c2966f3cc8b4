"""Forums and the governance model: the model as a Mermaid flowchart of its levels, the forums and
units at each, and the escalation between them (stated in text under the chart); a table of the
forums; and a page per forum with its remit, mandate, decision rights, members, cadence,
escalation and latest records. Without a governance model the chart is drawn from the forums'
own levels and escalation, so the reader still sees how questions travel."""

from __future__ import annotations

from itstyr.glossary import label
from itstyr.messages import text
from itstyr.render.handbook import links
from itstyr.render.handbook.mermaid import Flowchart
from itstyr.render.handbook.pages import Page, section_title
from itstyr.render.handbook.pages._common import date_key, newest_first

LEVELS = ("politisk", "strategisk", "taktisk", "operativ")
RECORDS_SHOWN = 5
MEETINGS_SHOWN = 6


def build(hb) -> list[Page]:
    forums = hb.of_kind("forum")
    models = [_model(hb, model) for model in hb.of_kind("governance_model")]
    fallback = None if models else _from_forums(hb, forums)
    rows = []
    for forum in forums:
        records = newest_first(forum.data.get("records", []), "date")
        rows.append({"document": forum, "latest": records[0].get("date") if records else None, "next": _next_meetings(hb, forum)[:1]})
    pages = [
        Page(
            links.FORUMS,
            "handbook/forums.md.j2",
            section_title("forums", hb.language),
            {"models": models, "fallback": fallback, "forums": rows},
        )
    ]
    for forum in forums:
        records = [_with_attendance(forum, record) for record in newest_first(forum.data.get("records", []), "date")]
        pages.append(
            Page(
                links.entity_page("forum", forum.id),
                "handbook/forum.md.j2",
                hb.name(forum),
                {
                    "forum": forum,
                    "records": records[:RECORDS_SHOWN],
                    "records_total": len(records),
                    "meetings": _next_meetings(hb, forum)[:MEETINGS_SHOWN],
                },
                section=links.FORUMS,
            )
        )
    return pages


def _with_attendance(forum, record: dict) -> dict:
    """The record with who came, said against the units that have members in the forum: how many of
    them attended, and which did not (representation is what the audit asked about)."""
    members = list(dict.fromkeys(member.get("unit") for member in forum.data.get("members", []) or [] if member.get("unit")))
    attendees = set(record.get("attendees") or [])
    if not attendees:
        return dict(record, attendance=None)
    absent = [unit for unit in members if unit not in attendees]
    others = sorted(attendees - set(members))
    return dict(record, attendance={"present": len(attendees) - len(others), "of": len(members), "absent": absent, "others": others})


def _next_meetings(hb, forum) -> list:
    planned = [value for value in forum.data.get("planned_meetings", []) if date_key(value) >= hb.as_of]
    return sorted(planned, key=lambda value: (date_key(value), str(value)))


def _model(hb, model) -> dict:
    language = hb.language
    chart = Flowchart("TB")
    levels = []
    placed: set[str] = set()
    for level in sorted(model.data.get("levels", []), key=lambda entry: _level_order(entry.get("level"))):
        keys = []
        for unit_id in level.get("units", []) or []:
            keys.append(chart.node(unit_id, hb.linker.name(unit_id)))
        for forum_id in level.get("forums", []) or []:
            keys.append(chart.node(forum_id, hb.linker.name(forum_id), "stadium"))
        placed.update(keys)
        chart.subgraph(label(level.get("level"), language), keys)
        levels.append(level)
    edges = []
    for rule in model.data.get("escalation_rules", []) or []:
        for end in (rule.get("from"), rule.get("to")):
            if isinstance(end, str) and not chart.has(end):
                chart.node(end, hb.linker.name(end), "stadium" if hb.get(end, "forum") else "box")
        chart.edge(rule.get("from"), rule.get("to"), text("handbook.chart.escalates", language))
        edges.append({"from": rule.get("from"), "to": rule.get("to"), "kind": "escalates"})
    _forum_edges(hb, chart, edges, [hb.get(key, "forum") for key in placed if hb.get(key, "forum")])
    return {
        "document": model,
        "levels": levels,
        "rules": model.data.get("escalation_rules", []) or [],
        "edges": edges,
        "chart": None if chart.too_large() else chart.render(),
    }


def _from_forums(hb, forums) -> dict | None:
    language = hb.language
    active = [forum for forum in forums if forum.data.get("status") != "avvecklat"]
    if not active:
        return None
    chart = Flowchart("TB")
    levels = []
    for level in (*LEVELS, None):
        members = [f for f in active if (f.data.get("level") == level if level else f.data.get("level") not in LEVELS)]
        if not members:
            continue
        keys = [chart.node(forum.id, hb.name(forum), "stadium") for forum in members]
        title = label(level, language) if level else text("handbook.forums.no_level", language)
        chart.subgraph(title, keys)
        levels.append({"level": level, "forums": [forum.id for forum in members]})
    edges: list[dict] = []
    _forum_edges(hb, chart, edges, active)
    return {"levels": levels, "edges": edges, "chart": None if chart.too_large() else chart.render()}


def _forum_edges(hb, chart: Flowchart, edges: list[dict], forums) -> None:
    """Each forum's own escalation and advice, where the model's rules do not already say it."""
    language = hb.language
    known = {(edge["from"], edge["to"]) for edge in edges}
    for forum in links.by_name(forums, language):
        for field, kind, dotted in (("escalates_to", "escalates", False), ("advises", "advises", True)):
            target = forum.data.get(field)
            if not isinstance(target, str) or (forum.id, target) in known:
                continue
            if not chart.has(target):
                chart.node(target, hb.linker.name(target), "stadium" if hb.get(target, "forum") else "box")
            chart.edge(forum.id, target, text(f"handbook.chart.{kind}", language), dotted=dotted)
            edges.append({"from": forum.id, "to": target, "kind": kind})
            known.add((forum.id, target))


def _level_order(level: object) -> int:
    return LEVELS.index(level) if level in LEVELS else len(LEVELS)
