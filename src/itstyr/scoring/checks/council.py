"""Scoring checks: the digitalisation council (audit R4).

What the audit found (§3.2.2, §3.2.3): a council that only advises the digitalisation director, has
no decision mandate, is under review and has not found a structured, documented way of working. The
council is found by a parameter (its id, or a pattern matched against ids and names), so a city that
calls it something else can say so (`find_council` in `_forums.py`, with the other helpers the forum
checks share). This module holds the council's remit, mandate and members (R4.1–R4.4); how it works
(R4.5–R4.7) is in `council_work.py`.
"""

from __future__ import annotations

from itstyr.lint.context import LintContext
from itstyr.lint.rules.forums._common import FORUM_IN_FORCE
from itstyr.messages import Text
from itstyr.model import Document
from itstyr.scoring.checks._common import name
from itstyr.scoring.checks._forums import (
    find_council,
    it_function_ids,
    members_present,
    no_council,
)
from itstyr.scoring.checks.goals import (
    POLITICAL_BODIES,
    Evidences,
    deciding_body,
    decision_of,
    defined_by,
    document_in_force,
    in_force,
    listing,
    unit_resolver,
)
from itstyr.scoring.registry import check
from itstyr.scoring.result import CheckResult, Evidence

# --- R4: the digitalisation council ---------------------------------------------------------------


@check("council_remit_decided")
def council_remit_decided(ctx: LintContext, params: dict) -> CheckResult:
    """The council's remit and mandate are written (remit, mandate_type) and decided: by its own
    decision or an in-force steering document, by a political body (in part if by an official)."""
    council = find_council(ctx, params)
    if council is None:
        return no_council(params)
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
        return no_council(params)
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
        return no_council(params)
    memberships = set(params.get("memberships", ["ledamot"]))
    without_it = float(params.get("it_missing_factor", 0.5))
    resolve = unit_resolver(ctx)
    present = members_present(council, resolve, memberships, bool(params.get("count_convener", True)))
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
    if it_function_ids(resolve) and not present & it_function_ids(resolve):
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
        return no_council(params)
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
