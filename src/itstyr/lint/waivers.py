"""Waivers: a decided, reasoned and time-limited exception to a rule, written in `itstyr.yaml` or on
the entity itself. A waived finding is moved to the report's waived list, never dropped; an expired
waiver no longer waives and is itself a finding; a waiver naming an unknown rule is an error."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from itstyr.findings import Finding, Location, Severity
from itstyr.globs import matches
from itstyr.messages import Message
from itstyr.model import Document, Workspace
from itstyr.report.model import Waived
from itstyr.suggest import did_you_mean


@dataclass(frozen=True, slots=True)
class Waiver:
    rule: str
    reason: str
    until: date
    location: Location
    entity_id: str | None = None  # only findings about this entity
    path: str | None = None  # only findings in files matching this glob


def collect(workspace: Workspace, settings_document: Document | None, settings_waivers: list) -> list[Waiver]:
    waivers = []
    for index, entry in enumerate(settings_waivers):
        waivers.append(
            Waiver(
                entry["rule"],
                entry["reason"],
                date.fromisoformat(entry["until"]),
                settings_document.location(("waivers", index)) if settings_document else Location("itstyr.yaml"),
                entry.get("id"),
                entry.get("path"),
            )
        )
    for document in workspace:
        entries = document.data.get("waivers") if isinstance(document.data, dict) else None
        if not isinstance(entries, list):
            continue
        for index, entry in enumerate(entries):
            try:
                until = date.fromisoformat(entry["until"])
            except (KeyError, TypeError, ValueError):
                continue  # a schema finding already says what is wrong with it
            waivers.append(Waiver(entry["rule"], entry["reason"], until, document.location(("waivers", index)), document.id))
    return waivers


def _covers(waiver: Waiver, finding: Finding) -> bool:
    if waiver.rule != finding.rule_id:
        return False
    if waiver.entity_id is not None and waiver.entity_id != finding.entity_id:
        return False
    return waiver.path is None or matches(finding.location.path, [waiver.path])


def apply(findings: list[Finding], waivers: list[Waiver], as_of: date, known_rules: set[str], severity: dict[str, Severity | None]):
    """(active findings, waived findings, findings about the waivers themselves)."""
    active, waived, about_waivers = [], [], []
    current = [waiver for waiver in waivers if waiver.until >= as_of]
    for finding in findings:
        waiver = next((w for w in current if _covers(w, finding)), None)
        if waiver is None:
            active.append(finding)
        else:
            waived.append(Waived(finding, waiver.reason, waiver.until.isoformat(), waiver.location))
    for waiver in waivers:
        if waiver.rule not in known_rules:
            suggestion = did_you_mean(waiver.rule, sorted(known_rules))
            level = severity.get("waiver-invalid")
            if level is not None:
                about_waivers.append(
                    Finding(
                        "waiver-invalid",
                        level,
                        Message("rule.waiver-invalid.default", rule=waiver.rule),
                        waiver.location,
                        hint=Message("hint.did_you_mean", value=suggestion) if suggestion else None,
                        entity_id=waiver.entity_id,
                    )
                )
        elif waiver.until < as_of and severity.get("waiver-expired") is not None:
            about_waivers.append(
                Finding(
                    "waiver-expired",
                    severity["waiver-expired"],
                    Message("rule.waiver-expired.default", rule=waiver.rule, until=waiver.until.isoformat()),
                    waiver.location,
                    hint=Message("rule.waiver-expired.default.hint"),
                    entity_id=waiver.entity_id,
                )
            )
    return active, waived, about_waivers
