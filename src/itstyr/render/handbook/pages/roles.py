"""Roles and responsibilities: every role with what it answers for and may decide, grouped by side
(the administrations, the IT function, both), and each responsibility matrix as a RACI table with
one column per party."""

from __future__ import annotations

from itstyr.glossary import label
from itstyr.render.handbook import links
from itstyr.render.handbook.pages import Page, section_title

SIDES = ("verksamhet", "it", "bada")


def build(hb) -> list[Page]:
    roles = hb.of_kind("role")
    groups = []
    for side in (*SIDES, None):
        members = [r for r in roles if (r.data.get("side") == side if side else r.data.get("side") not in SIDES)]
        if members:
            groups.append({"side": side, "roles": members})
    return [
        Page(
            links.ROLES,
            "handbook/roles.md.j2",
            section_title("roles", hb.language),
            {"groups": groups, "matrices": [_matrix(hb, matrix) for matrix in hb.of_kind("responsibility_matrix")]},
        )
    ]


def _matrix(hb, matrix) -> dict:
    parties = []
    for party in matrix.data.get("parties", []):
        if party.get("unit"):
            name, what = party.get("name") or hb.linker.name(party["unit"]), {"unit": party["unit"]}
        elif party.get("role"):
            name, what = party.get("name") or hb.linker.name(party["role"]), {"role": party["role"]}
        else:
            unit_type = party.get("unit_type")
            name, what = party.get("name") or label(unit_type, hb.language), {"unit_type": unit_type}
        parties.append({"id": party.get("id"), "name": name, **{"unit": None, "role": None, "unit_type": None}, **what})
    activities = []
    for activity in matrix.data.get("activities", []):
        assignments = activity.get("assignments", {}) or {}
        activities.append(
            {
                "id": activity.get("id"),
                "name": activity.get("name"),
                "area": activity.get("area"),
                "description": activity.get("description"),
                "cells": [assignments.get(party["id"], "") for party in parties],
            }
        )
    return {"document": matrix, "parties": parties, "activities": activities}
