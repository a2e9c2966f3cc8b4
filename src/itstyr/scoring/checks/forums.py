"""Scoring checks: the digitalisation council, the forums and the governance and collaboration model
(audit R4, R5, Q3, Q4, Q4a, Q4d), and the decision process for prioritisation (Q4).

What the audit found (§3.2.2, §3.2.3): a council that only advises the digitalisation director, has
no decision mandate, is under review and has not found a structured, documented way of working;
other forums whose remit and interplay are unclear; no established governance and collaboration
model; and no decided process for prioritisation. The council is found by a parameter (its id, or a
pattern matched against ids and names), so a city that calls it something else can say so.
"""

from __future__ import annotations

import re
from datetime import date

from itstyr.dates import add_months, period_end
from itstyr.lint.context import LintContext
from itstyr.lint.rules.forums._common import FORUM_IN_FORCE
from itstyr.lint.rules.forums.record_missing import after_gap
from itstyr.messages import Text
from itstyr.model import Document
from itstyr.scoring.checks.goals import (
    POLITICAL_BODIES,
    Evidences,
    deciding_body,
    decision_of,
    defined_by,
    document_in_force,
    evidence_of,
    in_force,
    indexed,
    lint_message,
    lint_violations,
    listing,
    name,
    started,
    unit_resolver,
)
from itstyr.scoring.registry import check
from itstyr.scoring.result import CheckResult, Evidence

DEFAULT_COUNCIL_PATTERN = "digitaliseringsr[aå]d"
STATUS_PREFERENCE = ("etablerat", "under_oversyn", "planerat", "vilande", "avvecklat")


# --- shared ---------------------------------------------------------------------------------------


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


def _no_council(params: dict) -> CheckResult:
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


def _model_forums(model: Document) -> list[str]:
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


def _it_ids(resolve) -> set[str]:
    return {unit_id for unit_id, kind in resolve.kinds.items() if kind == "it"}


def _present(forum: Document, resolve, memberships, count_convener: bool) -> set[str]:
    """The administrations and IT function at the forum's table: its ordinary members, and (with
    `count_convener`) an IT-function convener or chair."""
    present = set()
    for member in forum.data.get("members", []):
        if member.get("membership", "ledamot") in memberships:
            target = resolve(member["unit"])
            if target:
                present.add(target)
    if count_convener:
        it_ids = _it_ids(resolve)
        for key in ("convener", "chair"):
            assignment = forum.data.get(key)
            if assignment and resolve(assignment["unit"]) in it_ids:
                present.add(resolve(assignment["unit"]))
    return present


# --- R4: the digitalisation council ---------------------------------------------------------------


@check("council_remit_decided")
def council_remit_decided(ctx: LintContext, params: dict) -> CheckResult:
    """The council's remit and mandate are written (remit, mandate_type) and decided: by its own
    decision or an in-force steering document, by a political body (in part if by an official)."""
    council = find_council(ctx, params)
    if council is None:
        return _no_council(params)
    bodies = set(params.get("bodies", [*POLITICAL_BODIES, "namnd"]))
    data = council.data
    ratio, evidence, missing = 0.0, Evidences([(council,)]), []
    for field, weight, sv, en in (
        ("remit", 0.25, "uppdrag (remit)", "remit (remit)"),
        ("mandate_type", 0.25, "mandat (mandate_type)", "mandate (mandate_type)"),
    ):
        if field in data:
            ratio += weight
            evidence.add(council, (field,))
        else:
            missing.append(Text(f"{name(council)} saknar {sv}.", f"{name(council)} has no {en}."))
    body, document = deciding_body(ctx, data)
    if body is None:
        definers = defined_by(ctx, council.id)
        if definers:
            document = definers[0]
            body = (decision_of(document.data, ctx.as_of) or {}).get("body")
    if body in bodies:
        ratio += 0.5
        evidence.add(document or council, ("decision",))
    else:
        if body is not None:
            ratio += 0.25
        missing.append(
            Text(
                f"Uppdraget och mandatet för {name(council)} är inte beslutade av {', '.join(sorted(bodies))}"
                + (
                    f" (beslutat av {body})." if body else " (inget beslut och inget gällande styrdokument som definierar rådet)."
                ),
                f"The remit and mandate of {name(council)} are not decided by {', '.join(sorted(bodies))}"
                + (
                    f" (decided by {body})."
                    if body
                    else " (no decision and no steering document in force that defines the council)."
                ),
            )
        )
    if data["status"] != "etablerat":
        missing.append(Text(f"{name(council)} har status {data['status']}.", f"{name(council)} has the status {data['status']}."))
    return CheckResult.partial(ratio, evidence, missing)


def _council_rights(ctx: LintContext, council: Document) -> list[tuple[Document, tuple, dict]]:
    rights = [(council, ("decision_rights", i), r) for i, r in enumerate(council.data.get("decision_rights", []))]
    for process in ctx.of_kind("funding_process"):
        if not in_force(process.data, ctx.as_of, ["gallande"]):
            continue
        for i, entry in enumerate(process.data.get("decision_rights", [])):
            if entry["holder"] == council.id:
                rights += [(process, ("decision_rights", i, "rights", j), r) for j, r in enumerate(entry["rights"])]
    return rights


@check("council_decision_right")
def council_decision_right(ctx: LintContext, params: dict) -> CheckResult:
    """The council holds a right to decide (beslutar), from an in-force steering document, on the
    prioritisation of joint initiatives or the portfolio. A right to decide something else counts in
    part, and so does a right only to prepare (bereder) or endorse (tillstyrker)."""
    council = find_council(ctx, params)
    if council is None:
        return _no_council(params)
    wanted = set(params.get("decision_types", ["prioritering_gemensamma_initiativ", "portfolj"]))
    partial_rights = dict(params.get("partial_rights", {"bereder": 0.5, "tillstyrker": 0.5}))
    other_type = float(params.get("other_type_ratio", 0.75))
    if council.data["status"] not in FORUM_IN_FORCE:
        return CheckResult.failed(
            [
                Text(
                    f"{name(council)} har status {council.data['status']} och håller inga rättigheter.",
                    f"{name(council)} has the status {council.data['status']} and holds no rights.",
                )
            ],
            [Evidence.of(council, ("status",))],
        )
    best, best_evidence, notes = 0.0, [], []
    for document, path, right in _council_rights(ctx, council):
        held = document_in_force(ctx, right["source"]) is not None
        if right["right"] == "beslutar" and held:
            value = 1.0 if right["decision_type"] in wanted else other_type
        elif right["right"] == "beslutar":
            value = 0.0  # a right from a document not in force (a draft, a repealed order) is not held
            notes.append(
                Text(
                    f"Beslutsrätten {right['decision_type']} kommer från {right['source']}, som inte gäller.",
                    f"The decision right {right['decision_type']} comes from {right['source']}, which is not in force.",
                )
            )
        else:
            value = float(partial_rights.get(right["right"], 0.0))
        if value > best:
            best, best_evidence = value, [Evidence.of(document, path)]
    if best >= 1.0:
        return CheckResult.passed(best_evidence)
    missing = [
        Text(
            f"{name(council)} har ingen beslutsrätt (beslutar) om {', '.join(sorted(wanted))}"
            + (f"; mandatet är {council.data['mandate_type']}." if "mandate_type" in council.data else "."),
            f"{name(council)} has no right to decide (beslutar) on {', '.join(sorted(wanted))}"
            + (f"; its mandate is {council.data['mandate_type']}." if "mandate_type" in council.data else "."),
        ),
        *notes,
    ]
    return CheckResult.partial(
        best, best_evidence or [Evidence.of(council, ("mandate_type",) if "mandate_type" in council.data else ())], missing
    )


@check("council_representation")
def council_representation(ctx: LintContext, params: dict) -> CheckResult:
    """The share of active administrations with an ordinary member in the council, reduced when the
    IT function is not at the table (as member, convener or chair)."""
    council = find_council(ctx, params)
    if council is None:
        return _no_council(params)
    memberships = set(params.get("memberships", ["ledamot"]))
    without_it = float(params.get("it_missing_factor", 0.5))
    resolve = unit_resolver(ctx)
    present = _present(council, resolve, memberships, bool(params.get("count_convener", True)))
    administrations = ctx.administrations
    if not administrations:
        return CheckResult.not_applicable(
            [Text("Det finns inga aktiva förvaltningar i förrådet.", "There are no active administrations in the repository.")]
        )
    absent = [u for u in administrations if u.id not in present]
    ratio = (len(administrations) - len(absent)) / len(administrations)
    missing = []
    if absent:
        missing.append(
            Text(
                f"{name(council)} saknar ledamöter från {listing(name(u) for u in absent)}.",
                f"{name(council)} has no members from {listing(name(u) for u in absent)}.",
            )
        )
    if _it_ids(resolve) and not present & _it_ids(resolve):
        ratio *= without_it
        missing.append(Text(f"It-funktionen sitter inte i {name(council)}.", f"The IT function does not sit on {name(council)}."))
    evidence = [Evidence.of(council, ("members",) if "members" in council.data else ())]
    return CheckResult.partial(ratio, evidence, missing)


@check("council_member_mandate")
def council_member_mandate(ctx: LintContext, params: dict) -> CheckResult:
    """The share of the council's members from the administrations who carry a mandate from their
    administration's management (`mandate_from`)."""
    council = find_council(ctx, params)
    if council is None:
        return _no_council(params)
    memberships = set(params.get("memberships", ["ledamot"]))
    resolve = unit_resolver(ctx)
    administrations = {u.id for u in ctx.administrations}
    passed, total, evidence, missing = 0, 0, Evidences(), []
    for index, member in enumerate(council.data.get("members", [])):
        represents = resolve(member["unit"])
        if member.get("membership", "ledamot") not in memberships or represents not in administrations:
            continue
        total += 1
        if resolve(member.get("mandate_from")) == represents:
            passed += 1
            evidence.add(council, ("members", index, "mandate_from"))
        else:
            missing.append(
                Text(
                    f"Ledamoten från {name(ctx.get(represents))} i {name(council)} har inget mandat från sin förvaltningsledning (mandate_from).",
                    f"The member from {name(ctx.get(represents))} on {name(council)} has no mandate from their administration's management (mandate_from).",
                )
            )
    return CheckResult.ratio_of(passed, total, evidence, missing, threshold=float(params.get("pass_ratio", 1.0)))


def _records_recent(ctx: LintContext, forum: Document, fallback_months: int) -> tuple[bool, Text | None, tuple]:
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


@check("council_working_form")
def council_working_form(ctx: LintContext, params: dict) -> CheckResult:
    """The council works in a structured, documented way: a convener, a set meeting cadence, and
    minutes recent enough for that cadence."""
    council = find_council(ctx, params)
    if council is None:
        return _no_council(params)
    data = council.data
    ratio, evidence, missing = 0.0, Evidences(), []
    if "convener" in data:
        ratio += 0.25
        evidence.add(council, ("convener",))
    else:
        missing.append(
            Text(f"{name(council)} har ingen sammankallande (convener).", f"{name(council)} has no convener (convener).")
        )
    if data.get("cadence") not in (None, "vid_behov"):
        ratio += 0.25
        evidence.add(council, ("cadence",))
    else:
        missing.append(
            Text(
                f"{name(council)} har ingen fast mötesfrekvens (cadence).",
                f"{name(council)} has no set meeting cadence (cadence).",
            )
        )
    ok, problem, path = _records_recent(ctx, council, int(params.get("fallback_months", 12)))
    if ok:
        ratio += 0.5
        evidence.add(council, path)
    else:
        missing.append(problem)
    if not evidence:
        evidence.add(council)
    return CheckResult.partial(ratio, evidence, missing)


@check("council_overview")
def council_overview(ctx: LintContext, params: dict) -> CheckResult:
    """The council holds the joint picture of the city's digitalisation work: an established
    portfolio that it steers and has reviewed recently (within `review_gap_factor` review periods),
    holding the active initiatives of every administration."""
    council = find_council(ctx, params)
    if council is None:
        return _no_council(params)
    established = set(params.get("portfolio_statuses", ["etablerad"]))
    active_statuses = set(
        params.get("active_statuses", ["inkommen", "kvalificerad", "prioriterad", "beslutad", "pagaende", "realisering"])
    )
    gap = float(params.get("review_gap_factor", 1.5))
    portfolios = [
        p
        for p in ctx.of_kind("portfolio")
        if p.data.get("steering_forum") == council.id or any(r["by"] == council.id for r in p.data.get("reviews", []))
    ]
    if not portfolios:
        return CheckResult.nothing_found(
            [
                Text(
                    f"Det finns ingen portfölj som {name(council)} styr eller går igenom.",
                    f"There is no portfolio that {name(council)} steers or reviews.",
                )
            ]
        )
    working = [p for p in portfolios if p.data["status"] in established]
    if not working:
        return CheckResult.failed(
            [
                Text(
                    f"Portföljen '{name(p)}' har status {p.data['status']}"
                    + (f" (planerad {p.data['planned_go_live']})." if "planned_go_live" in p.data else "."),
                    f"The portfolio '{name(p)}' has the status {p.data['status']}"
                    + (f" (planned for {p.data['planned_go_live']})." if "planned_go_live" in p.data else "."),
                )
                for p in portfolios
            ],
            evidence_of(portfolios, ("status",)),
        )
    evidence, missing, parts = Evidences(), [], []
    latest, where = None, None
    for portfolio in working:
        for index, review in enumerate(portfolio.data.get("reviews", [])):
            day = period_end(review["date"])
            if review["by"] == council.id and day is not None and day <= ctx.as_of and (latest is None or day > latest[0]):
                latest, where = (day, portfolio), (portfolio, ("reviews", index, "date"))
    recent = False
    if latest is not None:
        day, portfolio = latest
        deadline = (
            after_gap(day, portfolio.data["review_cadence"], gap)
            if portfolio.data["review_cadence"] != "vid_behov"
            else add_months(day, 12)
        )
        recent = deadline is not None and deadline >= ctx.as_of
    if recent:
        evidence.add(*where)
    else:
        missing.append(
            Text(
                f"{name(council)} har inte gått igenom portföljen inom den senaste granskningsperioden"
                + (f" (senast {latest[0].isoformat()})." if latest else " (ingen genomgång finns)."),
                f"{name(council)} has not reviewed the portfolio within the latest review period"
                + (f" (last {latest[0].isoformat()})." if latest else " (no review recorded)."),
            )
        )
    parts.append((0.5, 1.0 if recent else 0.0))
    ids = {p.id for p in working}
    active = [
        i for i in ctx.of_kind("initiative") if i.data["status"] in active_statuses and started(i.data.get("received"), ctx.as_of)
    ]
    if active:
        inside = [i for i in active if i.data.get("portfolio") in ids]
        outside = [i for i in active if i.data.get("portfolio") not in ids]
        parts.append((0.5, len(inside) / len(active)))
        evidence.add(working[0])
        if outside:
            missing.append(
                Text(
                    f"{len(outside)} av {len(active)} pågående eller planerade initiativ ligger utanför portföljen: {listing(name(i) for i in outside)}.",
                    f"{len(outside)} of {len(active)} ongoing or planned initiatives are outside the portfolio: {listing(name(i) for i in outside)}.",
                )
            )
    ratio = sum(w * v for w, v in parts) / sum(w for w, _ in parts)
    return CheckResult.partial(ratio, evidence or [Evidence.of(working[0])], missing)


@check("council_escalation")
def council_escalation(ctx: LintContext, params: dict) -> CheckResult:
    """The council's interplay is defined: a decided escalation path that reaches the political level
    without a loop, interfaces to the other forums (inputs_from, outputs_to, or forums escalating to
    it), and a place in the in-force governance model."""
    council = find_council(ctx, params)
    if council is None:
        return _no_council(params)
    political = params.get("political_unit_types", ["kommunfullmaktige", "kommunstyrelse", "namnd"])
    ratio, evidence, missing = 0.0, Evidences(), []
    if council.data["level"] == "politisk":
        reaches, decided = True, True
    else:
        reaches, decided = escalation_paths(ctx, political).get(council.id, (False, False))
    if reaches and decided:
        ratio += 1 / 3
        evidence.add(council, ("escalates_to",) if "escalates_to" in council.data else ())
    else:
        problems = [
            lint_message("forum-escalation", v)
            for v in lint_violations("forum-escalation", ctx, {"political_unit_types": political})
            if name(council) in str(v.params.get("chain", ""))
        ]
        missing.extend(problems)
        if not reaches and not problems:
            missing.append(
                Text(
                    f"Eskaleringen från {name(council)} når inte den politiska nivån.",
                    f"Escalation from {name(council)} does not reach the political level.",
                )
            )
        if reaches and not decided:
            missing.append(
                Text(
                    f"Eskaleringsvägen från {name(council)} är inte beslutad (inte i en gällande styrmodell eller ett gällande styrdokument).",
                    f"The escalation path from {name(council)} is not decided (not in a governance model or steering document in force).",
                )
            )
    feeders = [
        f
        for f in ctx.of_kind("forum")
        if f is not council
        and (
            f.data.get("escalates_to") == council.id
            or council.id in f.data.get("outputs_to", [])
            or council.id in f.data.get("inputs_from", [])
        )
    ]
    if council.data.get("inputs_from") or council.data.get("outputs_to") or feeders:
        ratio += 1 / 3
        key = "inputs_from" if council.data.get("inputs_from") else ("outputs_to" if council.data.get("outputs_to") else None)
        evidence.add(*((council, (key,)) if key else (feeders[0],)))
    else:
        missing.append(
            Text(
                f"{name(council)} har inga angivna kopplingar till andra forum (inputs_from, outputs_to).",
                f"{name(council)} has no stated links to other forums (inputs_from, outputs_to).",
            )
        )
    placed = [m for m in models_in_force(ctx) if council.id in _model_forums(m)]
    if placed:
        ratio += 1 / 3
        evidence.add(placed[0], ("levels",))
    else:
        missing.append(
            Text(
                f"{name(council)} ingår inte i någon gällande styr- och samverkansmodell.",
                f"{name(council)} is not part of any governance and collaboration model in force.",
            )
        )
    return CheckResult.partial(round(ratio, 6), evidence or [Evidence.of(council)], missing)


# --- R5: the governance and collaboration model ---------------------------------------------------


@check("governance_model_decided")
def governance_model_decided(ctx: LintContext, params: dict) -> CheckResult:
    """A governance and collaboration model in force, decided by a political body, with at least
    `min_levels` levels that each name a forum or unit, and the decision types placed on levels."""
    bodies = set(params.get("bodies", POLITICAL_BODIES))
    min_levels = int(params.get("min_levels", 2))
    current = models_in_force(ctx)
    if not current:
        all_models = ctx.of_kind("governance_model")
        message = Text(
            f"Det finns ingen styr- och samverkansmodell som gäller per {ctx.as_of.isoformat()}.",
            f"There is no governance and collaboration model in force as of {ctx.as_of.isoformat()}.",
        )
        if all_models:
            return CheckResult.failed(
                [
                    message,
                    *(
                        Text(f"'{name(m)}' har status {m.data['status']}.", f"'{name(m)}' has the status {m.data['status']}.")
                        for m in all_models
                    ),
                ],
                evidence_of(all_models, ("status",)),
            )
        return CheckResult.nothing_found([message])
    best = None
    for model in current:
        data = model.data
        ratio, missing = 0.0, []
        body, _document = deciding_body(ctx, data)
        if body in bodies:
            ratio += 0.25
        else:
            ratio += 0.125
            missing.append(
                Text(
                    f"'{name(model)}' är beslutad av {body}, inte av {', '.join(sorted(bodies))}.",
                    f"'{name(model)}' was decided by {body}, not by {', '.join(sorted(bodies))}.",
                )
            )
        levels = data["levels"]
        if len({level["level"] for level in levels}) >= min_levels:
            ratio += 0.25
        else:
            missing.append(
                Text(f"'{name(model)}' har färre än {min_levels} nivåer.", f"'{name(model)}' has fewer than {min_levels} levels.")
            )
        empty = [level["level"] for level in levels if not level.get("forums") and not level.get("units")]
        if not empty:
            ratio += 0.25
        else:
            missing.append(
                Text(
                    f"Nivåerna {', '.join(empty)} i '{name(model)}' har inga forum eller enheter.",
                    f"The levels {', '.join(empty)} of '{name(model)}' have no forums or units.",
                )
            )
        if any(level.get("decision_types") for level in levels):
            ratio += 0.25
        else:
            missing.append(
                Text(
                    f"'{name(model)}' anger inte vilka beslut som fattas på vilken nivå (decision_types).",
                    f"'{name(model)}' does not say which decisions are taken at which level (decision_types).",
                )
            )
        if best is None or ratio > best[0]:
            best = (ratio, model, missing)
    ratio, model, missing = best
    return CheckResult.partial(ratio, [Evidence.of(model, ("levels",))], missing)


FORUM_FIELDS = {
    "remit": ("uppdrag", "remit"),
    "mandate_type": ("mandat", "mandate"),
    "convener": ("sammankallande", "convener"),
    "cadence": ("mötesfrekvens", "meeting cadence"),
    "members": ("ledamöter", "members"),
}


@check("forums_described")
def forums_described(ctx: LintContext, params: dict) -> CheckResult:
    """How fully the working forums are described: remit, mandate, convener, cadence, ordinary
    members, and a remit that is decided (its own decision or an in-force steering document)."""
    statuses = params.get("statuses", list(FORUM_IN_FORCE))
    fields = list(params.get("fields", list(FORUM_FIELDS)))
    require_decided = bool(params.get("require_decided", True))
    forums = forums_in_force(ctx, statuses)
    if not forums:
        return CheckResult.nothing_found([Text("Det finns inga forum i förrådet.", "There are no forums in the repository.")])
    total_score, evidence, missing = 0.0, Evidences(), []
    for forum in forums:
        data = forum.data
        lacking = [f for f in fields if f not in data]
        if (
            "members" in fields
            and "members" in data
            and not any(m.get("membership", "ledamot") == "ledamot" for m in data["members"])
        ):
            lacking.append("members")
        count = len(fields) + (1 if require_decided else 0)
        undecided = require_decided and not forum_decided(ctx, forum)
        score = (count - len(lacking) - (1 if undecided else 0)) / count
        total_score += score
        if score >= 1.0:
            evidence.add(forum, ("remit",))
            continue
        gaps_sv = [FORUM_FIELDS.get(f, (f, f))[0] + f" ({f})" for f in lacking] + (
            ["beslutat uppdrag (defined_in/decision)"] if undecided else []
        )
        gaps_en = [FORUM_FIELDS.get(f, (f, f))[1] + f" ({f})" for f in lacking] + (
            ["decided remit (defined_in/decision)"] if undecided else []
        )
        missing.append(Text(f"{name(forum)} saknar {', '.join(gaps_sv)}.", f"{name(forum)} lacks {', '.join(gaps_en)}."))
    return CheckResult.partial(total_score / len(forums), evidence or [Evidence.of(forums[0])], missing)


@check("forums_representation")
def forums_representation(ctx: LintContext, params: dict) -> CheckResult:
    """Representation from the administrations and the IT function in the forums of the model's
    representation rule (or, with no model in force, every working forum below the political level
    whose members are recorded): per forum the share of administrations seated (up to the rule's minimum), reduced when the IT
    function is not at the table; the mean over the forums."""
    statuses = set(params.get("statuses", list(FORUM_IN_FORCE)))
    levels = set(params.get("levels", ["strategisk", "taktisk", "operativ"]))
    memberships = set(params.get("memberships", ["ledamot"]))
    without_it = float(params.get("it_missing_factor", 0.5))
    count_convener = bool(params.get("count_convener", True))
    resolve = unit_resolver(ctx)
    administrations = ctx.administrations
    it_ids = _it_ids(resolve)
    scope: list[tuple[Document, set[str], int | None]] = []
    seen: set[str] = set()
    models = models_in_force(ctx)
    for model in models:
        rule = model.data["representation_rule"]
        for forum_id in rule["forums"]:
            forum = ctx.get(forum_id, "forum")
            if forum is not None and forum.id not in seen and forum.data["status"] in statuses:
                seen.add(forum.id)
                scope.append((forum, set(rule["must_include"]), rule.get("min_forvaltningar")))
    unrecorded: list[Document] = []
    if not models:
        # Without a model, the forums whose membership is recorded: a forum with no members written
        # down is a gap in its description (forums_described), not evidence about representation.
        for forum in forums_in_force(ctx, statuses):
            if forum.data["level"] not in levels:
                continue
            if any(m.get("membership", "ledamot") in memberships for m in forum.data.get("members", [])):
                scope.append((forum, {"forvaltningar", "it_funktion"}, None))
            else:
                unrecorded.append(forum)
    if not scope:
        return CheckResult.nothing_found(
            [
                Text(
                    "Det finns inga forum där representationen kan bedömas.",
                    "There are no forums whose representation can be assessed.",
                )
            ]
        )
    if not administrations:
        return CheckResult.not_applicable(
            [Text("Det finns inga aktiva förvaltningar i förrådet.", "There are no active administrations in the repository.")]
        )
    admin_ids = {u.id for u in administrations}
    total_score, evidence, missing = 0.0, Evidences(), []
    for forum, must, minimum in scope:
        present = _present(forum, resolve, memberships, count_convener)
        score = 1.0
        gaps_sv, gaps_en = [], []
        if "forvaltningar" in must:
            seated = len(present & admin_ids)
            required = len(administrations) if minimum is None else min(minimum, len(administrations))
            score = min(1.0, seated / required) if required else 1.0
            if seated < required:
                absent = [name(u) for u in administrations if u.id not in present]
                gaps_sv.append(f"ledamöter från {seated} av {required} förvaltningar (saknas: {listing(absent)})")
                gaps_en.append(f"members from {seated} of {required} administrations (missing: {listing(absent)})")
        if "it_funktion" in must and it_ids and not present & it_ids:
            score *= without_it
            gaps_sv.append("ingen från it-funktionen")
            gaps_en.append("no one from the IT function")
        total_score += score
        if gaps_sv:
            missing.append(Text(f"{name(forum)}: {'; '.join(gaps_sv)}.", f"{name(forum)}: {'; '.join(gaps_en)}."))
        else:
            evidence.add(forum, ("members",))
    if not models:
        missing.insert(
            0,
            Text(
                "Ingen gällande styrmodell anger vilka forum som ska ha representation; de arbetande forum under den politiska nivån som har angivna ledamöter har bedömts.",
                "No governance model in force says which forums must have representation; the working forums below the political level with recorded members were assessed.",
            ),
        )
        if unrecorded:
            missing.insert(
                1,
                Text(
                    f"Inte bedömda, eftersom inga ledamöter är angivna: {listing(name(f) for f in unrecorded)}.",
                    f"Not assessed, since no members are recorded: {listing(name(f) for f in unrecorded)}.",
                ),
            )
    return CheckResult.partial(total_score / len(scope), evidence or [Evidence.of(scope[0][0])], missing)


@check("forums_escalation")
def forums_escalation(ctx: LintContext, params: dict) -> CheckResult:
    """The share of working forums below the political level (those of the in-force model, else all)
    whose escalation path is decided (set by the model or by the forum's decided remit) and reaches
    the political level without a loop (the lint rule forum-escalation)."""
    statuses = set(params.get("statuses", list(FORUM_IN_FORCE)))
    political = params.get("political_unit_types", ["kommunfullmaktige", "kommunstyrelse", "namnd"])
    models = models_in_force(ctx)
    in_model = {forum_id for model in models for forum_id in _model_forums(model)}
    forums = [f for f in forums_in_force(ctx, statuses) if f.data["level"] != "politisk" and (not models or f.id in in_model)]
    if not forums:
        return CheckResult.nothing_found(
            [Text("Det finns inga forum under den politiska nivån.", "There are no forums below the political level.")]
        )
    paths = escalation_paths(ctx, political)
    messages = {}
    for violation in lint_violations("forum-escalation", ctx, {"political_unit_types": political}):
        messages.setdefault(violation.document.id, []).append(lint_message("forum-escalation", violation))
    passed, evidence, missing = 0, Evidences(), []
    for forum in forums:
        reaches, decided = paths.get(forum.id, (False, False))
        if reaches and decided:
            passed += 1
            evidence.add(forum, ("escalates_to",) if "escalates_to" in forum.data else ())
            continue
        if not reaches:
            missing.extend(
                messages.get(forum.id)
                or [
                    Text(
                        f"Eskaleringen från {name(forum)} når inte den politiska nivån.",
                        f"Escalation from {name(forum)} does not reach the political level.",
                    )
                ]
            )
        if not decided:
            missing.append(
                Text(
                    f"Eskaleringsvägen från {name(forum)} är inte beslutad (inte i en gällande styrmodell eller i forumets beslutade uppdrag).",
                    f"The escalation path from {name(forum)} is not decided (not in a governance model in force or in the forum's decided remit).",
                )
            )
    for model in models:
        missing.extend(messages.get(model.id, []))
    return CheckResult.ratio_of(passed, len(forums), evidence, missing, threshold=float(params.get("pass_ratio", 1.0)))


def _deciders(ctx: LintContext) -> dict[str, list[tuple[Document, tuple]]]:
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


@check("decision_rights_clear")
def decision_rights_clear(ctx: LintContext, params: dict) -> CheckResult:
    """The share of key decision types (the params' list and those the model places on levels) that
    have one clear decider: a `beslutar` right from an in-force document or a level of the in-force
    model, and no two holders with the same right (the lint rule decision-right-conflict)."""
    ignored = set(params.get("ignore_decision_types", ["annat"]))
    wanted = list(
        params.get(
            "decision_types", ["prioritering_gemensamma_initiativ", "portfolj", "prioriteringsgrunder", "budgetfordelning"]
        )
    )
    models = models_in_force(ctx)
    placed: dict[str, tuple[Document, tuple]] = {}
    for model in models:
        for index, level in enumerate(model.data["levels"]):
            if level.get("forums") or level.get("units"):
                for decision_type in level.get("decision_types", []):
                    placed.setdefault(decision_type, (model, ("levels", index, "decision_types")))
    scope = [t for t in dict.fromkeys(wanted + list(placed)) if t not in ignored]
    deciders = _deciders(ctx)
    if not deciders and not models:
        return CheckResult.nothing_found(
            [
                Text(
                    "Inga beslutsrätter är angivna och ingen styrmodell gäller: det framgår inte vem som beslutar vad.",
                    "No decision rights are recorded and no governance model is in force: who decides what is not set.",
                )
            ]
        )
    conflicts: dict[str, list] = {}
    for violation in lint_violations("decision-right-conflict", ctx, {"ignore_decision_types": sorted(ignored)}):
        conflicts.setdefault(violation.params["decision_type"], []).append(violation)
    passed, evidence, missing = 0, Evidences(), []
    for decision_type in scope:
        where = deciders.get(decision_type) or ([placed[decision_type]] if decision_type in placed else [])
        if not where:
            missing.append(
                Text(
                    f"Ingen har beslutsrätt för {decision_type} (varken beslutar-rätt ur ett gällande styrdokument eller en nivå i styrmodellen).",
                    f"No one holds the decision right for {decision_type} (neither a beslutar right from a steering document in force nor a level of the governance model).",
                )
            )
        elif decision_type in conflicts:
            missing.extend(lint_message("decision-right-conflict", v) for v in conflicts[decision_type])
        else:
            passed += 1
            evidence.add(*where[0])
    return CheckResult.ratio_of(passed, len(scope), evidence, missing, threshold=float(params.get("pass_ratio", 1.0)))


@check("forums_recorded")
def forums_recorded(ctx: LintContext, params: dict) -> CheckResult:
    """The share of working forums that record their meetings: minutes within the repository's
    forum_record_gap_factor meeting periods (the lint rule forum-record-missing), or within
    `fallback_months` for a forum that meets as needed."""
    statuses = list(params.get("statuses", list(FORUM_IN_FORCE)))
    fallback = int(params.get("fallback_months", 12))
    forums = forums_in_force(ctx, statuses)
    if not forums:
        return CheckResult.nothing_found([Text("Det finns inga forum i förrådet.", "There are no forums in the repository.")])
    lint = {v.document.id: v for v in lint_violations("forum-record-missing", ctx, {"statuses": statuses})}
    passed, evidence, missing = 0, Evidences(), []
    for forum in forums:
        ok, problem, path = _records_recent(ctx, forum, fallback)
        if ok:
            passed += 1
            evidence.add(forum, path)
        else:
            missing.append(lint_message("forum-record-missing", lint[forum.id]) if forum.id in lint else problem)
    return CheckResult.ratio_of(passed, len(forums), evidence, missing, threshold=float(params.get("pass_ratio", 1.0)))


@check("services_defined")
def services_defined(ctx: LintContext, params: dict) -> CheckResult:
    """The share of IT services in use that are in the service catalogue, have a service owner and an
    agreement in force (SLA or OLA) with response and resolution times: the delivery interface
    between the IT function and the administrations."""
    lifecycles = set(params.get("lifecycles", ["inforande", "i_forvaltning", "avveckling"]))
    agreement_types = set(params.get("agreement_types", ["sla", "ola"]))
    required = list(params.get("required_times", ["response_time", "resolution_time"]))
    services = [s for s in ctx.of_kind("it_service") if s.data["lifecycle"] in lifecycles]
    passed, evidence, missing = 0, Evidences(), []
    for service in services:
        data = service.data
        gaps_sv, gaps_en = [], []
        if data.get("catalogued") is not True:
            gaps_sv.append("finns inte i tjänstekatalogen")
            gaps_en.append("is not in the service catalogue")
        agreements = [
            (i, level)
            for i, level in enumerate(data.get("service_levels", []))
            if level["agreement_type"] in agreement_types
            and started(level.get("valid_from"), ctx.as_of)
            and not _ended(level.get("valid_to"), ctx.as_of)
        ]
        complete = [(i, level) for i, level in agreements if all(level.get(t) for t in required)]
        if not complete:
            gaps_sv.append(
                f"har ingen gällande överenskommelse ({', '.join(sorted(agreement_types))}) med {' och '.join(required)}"
            )
            gaps_en.append(f"has no agreement in force ({', '.join(sorted(agreement_types))}) with {' and '.join(required)}")
        if gaps_sv:
            missing.append(
                Text(f"Tjänsten {name(service)} {', '.join(gaps_sv)}.", f"The service {name(service)} {', '.join(gaps_en)}.")
            )
        else:
            passed += 1
            evidence.add(service, ("service_levels", complete[0][0]))
    return CheckResult.ratio_of(passed, len(services), evidence, missing, threshold=float(params.get("pass_ratio", 1.0)))


def _ended(value: object, as_of: date) -> bool:
    end = period_end(value)
    return end is not None and end < as_of


# --- Q4.x: a decided decision process for prioritisation ------------------------------------------


@check("decision_process_defined")
def decision_process_defined(ctx: LintContext, params: dict) -> CheckResult:
    """A decided process for prioritising initiatives: someone in force holds the right to decide
    (beslutar, from an in-force document) the prioritisation of initiatives; the process is decided
    with its steps (a funding process in force) or placed in the in-force governance model; and the
    right is not held twice (decision-right-conflict)."""
    types = set(params.get("decision_types", ["prioritering_gemensamma_initiativ"]))
    deciders = {t: places for t, places in _deciders(ctx).items() if t in types}
    processes = [p for p in ctx.of_kind("funding_process") if in_force(p.data, ctx.as_of, ["gallande"]) and p.data.get("steps")]
    models = [m for m in models_in_force(ctx) if any(types & set(level.get("decision_types", [])) for level in m.data["levels"])]
    drafts = [p for p in ctx.of_kind("funding_process") if p not in processes]
    if not deciders and not processes and not models:
        message = Text(
            f"Det finns ingen beslutad process för prioritering ({', '.join(sorted(types))}): ingen har beslutsrätten, och ingen gällande resursfördelningsprocess eller styrmodell anger den.",
            f"There is no decided process for prioritisation ({', '.join(sorted(types))}): no one holds the decision right, and no funding process or governance model in force sets it.",
        )
        notes = [
            Text(f"'{name(p)}' har status {p.data['status']}.", f"'{name(p)}' has the status {p.data['status']}.") for p in drafts
        ]
        if drafts:
            return CheckResult.failed([message, *notes], evidence_of(drafts, ("status",)))
        return CheckResult.nothing_found([message])
    ratio, evidence, missing = 0.0, Evidences(), []
    if deciders:
        ratio += 1 / 3
        evidence.add(*next(iter(deciders.values()))[0])
        conflicts = [v for v in lint_violations("decision-right-conflict", ctx) if v.params.get("decision_type") in types]
        if conflicts:
            missing.extend(lint_message("decision-right-conflict", v) for v in conflicts)
        else:
            ratio += 1 / 3
    else:
        missing.append(
            Text(
                f"Ingen har rätt att besluta (beslutar) om {', '.join(sorted(types))} enligt ett gällande styrdokument.",
                f"No one has the right to decide (beslutar) on {', '.join(sorted(types))} under a steering document in force.",
            )
        )
    if processes or models:
        ratio += 1 / 3
        evidence.add(*((processes[0], ("steps",)) if processes else (models[0], ("levels",))))
    else:
        missing.append(
            Text(
                "Processen är inte beslutad: ingen gällande resursfördelningsprocess med steg och ingen gällande styrmodell som placerar beslutet.",
                "The process is not decided: no funding process in force with steps and no governance model in force that places the decision.",
            )
        )
    return CheckResult.partial(round(ratio, 6), evidence, missing)
