"""Scoring checks: responsibility and the boundary between the IT function and the administrations
(audit R2, Q1a).

The audit found the split described only at a high level in an outdated policy; any system could be
argued to be common or business-specific, so it was unclear who decides and who pays; the contact
persons for each administration had been removed. The checks look at the boundary responsibility
matrix (its coverage, its form, its decision), at the systems (classification, cost bearer, one
management object with an owner and a manager pair) and at the administrations' contacts.
"""

from __future__ import annotations

from itstyr.lint.context import LintContext
from itstyr.lint.rules.responsibility import (
    object_roles,
    raci_accountable,
    raci_unknown_party,
    system_classification,
    system_cost_bearer,
    system_multiple_objects,
)
from itstyr.lint.rules.steering._common import in_force
from itstyr.messages import Text
from itstyr.model import Document
from itstyr.scoring.checks.documents import (
    at,
    cap,
    joined,
    name,
    overdue,
    rule_violations,
    unit_tree,
    violation_text,
    vocabulary,
)
from itstyr.scoring.registry import check
from itstyr.scoring.result import CheckResult

RETIRED = "avvecklad"

AREA_WORDS = {
    "beslut_gemensamma_system": ("beslut om gemensamma system", "decisions on common systems"),
    "beslut_verksamhetsspecifika_system": ("beslut om verksamhetsspecifika system", "decisions on business-specific systems"),
    "infrastruktur_drift": ("infrastruktur och drift", "infrastructure and operations"),
    "support": ("support", "support"),
    "systemforvaltning": ("systemförvaltning", "system management"),
    "behorigheter": ("behörigheter", "access rights"),
    "upphandling_avtal": ("upphandling och avtal", "procurement and contracts"),
    "bestallning_prioritering": ("beställning och prioritering", "ordering and prioritisation"),
    "verksamhetsutveckling": ("verksamhetsutveckling", "business development"),
    "innovation": ("innovation", "innovation"),
    "informationssakerhet": ("informationssäkerhet", "information security"),
    "utbildning": ("utbildning", "training"),
    "arkitektur": ("arkitektur", "architecture"),
    "ekonomi": ("ekonomi och kostnader", "finance and costs"),
}


def _area(slug: str) -> Text:
    return Text(*AREA_WORDS.get(slug, (slug, slug)))


def _matrix_in_force(matrix: Document, as_of, statuses) -> bool:
    from itstyr.dates import period_start

    if matrix.data["status"] not in statuses:
        return False
    starts = period_start(matrix.data.get("valid_from"))
    return starts is None or starts <= as_of


class _Sides:
    """Which matrix parties stand for the IT function and which for the administrations."""

    def __init__(self, ctx: LintContext):
        self.ctx = ctx
        self.tree = unit_tree(ctx)
        self.it_roots = {unit.id for unit in ctx.it_functions}

    def _role_side(self, role_id) -> str | None:
        role = self.ctx.get(role_id, "role")
        return role.data.get("side") if role is not None else None

    def is_it(self, party: dict) -> bool:
        unit = party.get("unit")
        if isinstance(unit, str) and self.it_roots and self.tree.under(unit, self.it_roots):
            return True
        return "unit" not in party and "unit_type" not in party and self._role_side(party.get("role")) == "it"

    def is_business(self, party: dict) -> bool:
        if party.get("unit_type") in ("forvaltning", "namnd"):
            return True
        unit = party.get("unit")
        if isinstance(unit, str):
            document = self.ctx.get(unit, "unit")
            if document is not None and document.data.get("type") in ("forvaltning", "namnd"):
                return not (self.it_roots and self.tree.under(unit, self.it_roots))
            return False
        return self._role_side(party.get("role")) == "verksamhet"


def boundary_matrices(ctx: LintContext, params: dict) -> tuple[list[Document], list[Document]]:
    """(in-force matrices with the IT function and the administrations as parties, every matrix)."""
    statuses = params.get("statuses", ["gallande"])
    sides = _Sides(ctx)
    every = ctx.of_kind("responsibility_matrix")
    boundary = [
        matrix
        for matrix in every
        if _matrix_in_force(matrix, ctx.as_of, statuses)
        and any(sides.is_it(p) for p in matrix.data["parties"])
        and any(sides.is_business(p) for p in matrix.data["parties"])
    ]
    return boundary, every


def _no_boundary(ctx: LintContext, every: list[Document], params: dict) -> CheckResult:
    wanted = Text(
        "Det finns ingen gällande ansvarsmatris med it-funktionen och förvaltningarna som parter.",
        "There is no responsibility matrix in force with the IT function and the administrations as parties.",
    )
    if not ctx.it_functions:
        wanted = Text(
            wanted.sv + " Ingen enhet är markerad som stadens it-funktion (is_it_function).",
            wanted.en + " No unit is marked as the city's IT function (is_it_function).",
        )
    if not every:
        return CheckResult.nothing_found([wanted])
    from itstyr.lint.rules.steering._common import label

    missing = [wanted] + [
        Text(f"{name(m).sv}: status {label(m.data['status']).sv}.", f"{name(m).en}: status {label(m.data['status']).en}.")
        for m in every
        if m.data["status"] not in params.get("statuses", ["gallande"])
    ]
    return CheckResult.failed(missing, cap(at(m, ("status",)) for m in every))


@check("boundary_matrix_coverage")
def boundary_matrix_coverage(ctx: LintContext, params: dict) -> CheckResult:
    """A responsibility matrix in force between the IT function and the administrations, covering the
    activity areas the audit found unclear (`required_areas`); partial: areas covered / required,
    over the in-force boundary matrices together."""
    required = params.get("required_areas", [])
    boundary, every = boundary_matrices(ctx, params)
    if not boundary:
        return _no_boundary(ctx, every, params)
    covered: dict[str, tuple] = {}
    for matrix in boundary:
        for index, activity in enumerate(matrix.data["activities"]):
            covered.setdefault(activity["area"], at(matrix, ("activities", index, "area")))
    lacking = [area for area in required if area not in covered]
    evidence = [at(m) for m in boundary] + [covered[a] for a in required if a in covered]
    missing = []
    if lacking:
        areas = joined(_area(a) for a in lacking)
        missing.append(
            Text(
                f"Ansvarsmatrisen saknar aktiviteter för {areas.sv}.",
                f"The responsibility matrix has no activities for {areas.en}.",
            )
        )
    if not required:
        return CheckResult.passed(cap(evidence))
    return CheckResult.partial((len(required) - len(lacking)) / len(required), cap(evidence), missing)


@check("boundary_matrix_well_formed")
def boundary_matrix_well_formed(ctx: LintContext, params: dict) -> CheckResult:
    """Share of the boundary matrices' activities with exactly one accountable party and someone
    responsible, every letter given to a known party (lint rules raci-accountable and
    raci-unknown-party)."""
    boundary, every = boundary_matrices(ctx, params)
    if not boundary:
        return _no_boundary(ctx, every, params)
    ids = {m.id for m in boundary}
    problems: dict[tuple[str, int], list[Text]] = {}
    for module in (raci_accountable, raci_unknown_party):
        for violation in rule_violations(module, ctx):
            path = violation.path
            if violation.document.id in ids and len(path) >= 2 and path[0] == "activities":
                problems.setdefault((violation.document.id, path[1]), []).append(violation_text(module.ID, violation))
    total = sum(len(m.data["activities"]) for m in boundary)
    evidence, missing = [], []
    for matrix in boundary:
        for index, _activity in enumerate(matrix.data["activities"]):
            found = problems.get((matrix.id, index))
            if found:
                evidence.append(at(matrix, ("activities", index, "assignments")))
                missing.extend(Text(f"{name(matrix).sv}: {t.sv}", f"{name(matrix).en}: {t.en}") for t in found)
    evidence = evidence or [at(m, ("activities",)) for m in boundary]
    return CheckResult.ratio_of(total - len(problems), total, cap(evidence), missing)


@check("boundary_matrix_decided")
def boundary_matrix_decided(ctx: LintContext, params: dict) -> CheckResult:
    """The boundary matrix is decided by the board (or the council): by its own decision within
    `max_age_years` (else the repository's document_max_age_years), or as part of a steering
    document in force and current that the board decided (`defined_in`, or the document's
    `defines`)."""
    from itstyr.dates import add_years, period_end

    bodies = params.get("bodies", ["kommunfullmaktige", "kommunstyrelse"])
    boundary, every = boundary_matrices(ctx, params)
    if not boundary:
        return _no_boundary(ctx, every, params)
    late = overdue(ctx, params.get("max_age_years"))
    max_age = params.get("max_age_years") or ctx.threshold("document_max_age_years")
    defining: dict[str, list[Document]] = {}
    for document in ctx.of_kind("steering_document"):
        for entity_id in document.data.get("defines", []):
            defining.setdefault(entity_id, []).append(document)
    missing, evidence = [], []
    for matrix in boundary:
        decision = matrix.data.get("decision")
        if isinstance(decision, dict) and decision.get("body") in bodies:
            decided = period_end(decision.get("date"))
            if decided is not None and add_years(decided, max_age) >= ctx.as_of:
                return CheckResult.passed(cap([at(matrix, ("decision",))]))
        parents = list(defining.get(matrix.id, []))
        parent = ctx.get(matrix.data.get("defined_in"), "steering_document")
        if parent is not None and parent not in parents:
            parents.insert(0, parent)
        for document in parents:
            body = (document.data.get("decision") or {}).get("body")
            if in_force(document, ctx.as_of) and document.id not in late and body in bodies:
                return CheckResult.passed(
                    cap([at(matrix, ("defined_in",) if document is parent else ()), at(document, ("decision",))])
                )
        evidence.append(at(matrix, ("decision",) if decision else ("status",)))
        for document in parents:
            evidence.append(at(document, ("decision",)))
            if not in_force(document, ctx.as_of):
                reason = Text(
                    f"dokumentet {name(document).sv}, som inte gäller.",
                    f"the document {name(document).en}, which is not in force.",
                )
            elif document.id in late:
                text = violation_text("steering-review-overdue", late[document.id])
                reason = Text(
                    f"dokumentet {name(document).sv}, som är inaktuellt: {text.sv}",
                    f"the document {name(document).en}, which is out of date: {text.en}",
                )
            else:
                reason = Text(
                    f"dokumentet {name(document).sv}, som inte är beslutat av {vocabulary(bodies).sv.lower()}.",
                    f"the document {name(document).en}, which was not decided by {vocabulary(bodies).en.lower()}.",
                )
            missing.append(Text(f"{name(matrix).sv} fastställs i {reason.sv}", f"{name(matrix).en} is set out in {reason.en}"))
        if not parents:
            missing.append(
                Text(
                    f"{name(matrix).sv} är inte beslutad av {vocabulary(bodies).sv.lower()} under de senaste {max_age} åren och ingår inte i något aktuellt styrdokument som de har beslutat.",
                    f"{name(matrix).en} was not decided by {vocabulary(bodies).en.lower()} in the last {max_age} years and is part of no current steering document they decided.",
                )
            )
    return CheckResult.failed(missing, cap(evidence))


def _systems_in_use(ctx: LintContext) -> list[Document]:
    return [s for s in ctx.of_kind("system") if s.data["lifecycle"] != RETIRED]


def _system_of(violation) -> str | None:
    """The system a violation is about: the system itself, or the one a management object lists at
    the violation's path (system-multiple-objects reports the second listing on the object)."""
    document = violation.document
    if document.kind == "system":
        return document.id
    path = violation.path
    if document.kind == "management_object" and len(path) >= 2 and path[0] == "systems":
        return document.data["systems"][path[1]]
    return None


def _system_ratio(ctx: LintContext, systems: list[Document], modules, what: Text) -> CheckResult:
    if not systems:
        return CheckResult.not_applicable(
            [Text(f"Det finns inga {what.sv} i förrådet.", f"There are no {what.en} in the repository.")]
        )
    ids = {s.id for s in systems}
    problems: dict[str, list[Text]] = {}
    where: dict[str, object] = {}
    for module in modules:
        for violation in rule_violations(module, ctx):
            system_id = _system_of(violation)
            if system_id in ids:
                problems.setdefault(system_id, []).append(violation_text(module.ID, violation))
                where.setdefault(system_id, at(violation.document, violation.path))
    missing = [
        Text(f"{name(system).sv}: {t.sv}", f"{name(system).en}: {t.en}")
        for system in systems
        if system.id in problems
        for t in problems[system.id]
    ]
    evidence = [where[s.id] for s in systems if s.id in where] or [at(s, ("cost_bearer",)) for s in systems]
    return CheckResult.ratio_of(len(systems) - len(problems), len(systems), cap(evidence), missing)


@check("systems_responsibility_settled")
def systems_responsibility_settled(ctx: LintContext, params: dict) -> CheckResult:
    """Share of the systems in use whose cost bearer follows their classification (lint rule
    system-cost-bearer) and that belong to at most one management object (system-multiple-objects):
    who decides, who pays and who manages is settled."""
    return _system_ratio(
        ctx, _systems_in_use(ctx), (system_cost_bearer, system_multiple_objects), Text("system i bruk", "systems in use")
    )


@check("systems_classification_consistent")
def systems_classification_consistent(ctx: LintContext, params: dict) -> CheckResult:
    """Share of the systems in use by `min_administrations` or more administrations that are common
    or whose business-specific classification is argued (lint rule system-classification). Not
    applicable when no system is shared."""
    minimum = params.get("min_administrations", 2)
    tree = unit_tree(ctx)
    shared = [s for s in _systems_in_use(ctx) if len(tree.administrations_of(s.data["used_by"])) >= minimum]
    if not shared:
        return CheckResult.not_applicable(
            [
                Text(
                    f"Inget system i bruk används av {minimum} eller fler förvaltningar.",
                    f"No system in use is used by {minimum} or more administrations.",
                )
            ]
        )
    ids = {s.id for s in shared}
    violations = [
        v for v in rule_violations(system_classification, ctx, {"min_administrations": minimum}) if v.document.id in ids
    ]
    bad = {v.document.id: v for v in violations}
    evidence = [at(s, ("classification",)) for s in shared]
    missing = [
        Text(f"{name(bad[s.id].document).sv}: {t.sv}", f"{name(bad[s.id].document).en}: {t.en}")
        for s in shared
        if s.id in bad
        for t in [violation_text(system_classification.ID, bad[s.id])]
    ]
    return CheckResult.ratio_of(len(shared) - len(bad), len(shared), cap(evidence), missing)


@check("administrations_it_contact")
def administrations_it_contact(ctx: LintContext, params: dict) -> CheckResult:
    """Share of the active administrations with a named contact (`it_contact`) at the IT function:
    a role in the IT function or a unit under it."""
    administrations = ctx.administrations
    if not administrations:
        return CheckResult.not_applicable(
            [Text("Det finns inga aktiva förvaltningar i förrådet.", "There are no active administrations in the repository.")]
        )
    tree = unit_tree(ctx)
    roots = {unit.id for unit in ctx.it_functions}
    evidence, missing, ok = [], [], 0
    for unit in administrations:
        contact = unit.data.get("it_contact")
        if isinstance(contact, dict) and roots and tree.under(contact["unit"], roots):
            ok += 1
            evidence.append(at(unit, ("it_contact",)))
        elif isinstance(contact, dict):
            evidence.append(at(unit, ("it_contact", "unit")))
            missing.append(
                Text(
                    f"{name(unit).sv} har en kontaktperson som inte finns på it-funktionen ({contact['unit']}).",
                    f"{name(unit).en} has a contact who is not at the IT function ({contact['unit']}).",
                )
            )
        else:
            evidence.append(at(unit))
            missing.append(
                Text(
                    f"{name(unit).sv} saknar kontaktperson på it-funktionen.",
                    f"{name(unit).en} has no contact at the IT function.",
                )
            )
    if not roots:
        missing.append(
            Text(
                "Ingen enhet är markerad som stadens it-funktion (is_it_function).",
                "No unit is marked as the city's IT function (is_it_function).",
            )
        )
    return CheckResult.ratio_of(ok, len(administrations), cap(evidence), missing, threshold=params.get("pass_ratio", 1.0))


@check("systems_in_management_objects")
def systems_in_management_objects(ctx: LintContext, params: dict) -> CheckResult:
    """Share of the systems in use that belong to an active management object with one owner and a
    manager pair from the business and IT (lint rule object-roles)."""
    systems = _systems_in_use(ctx)
    if not systems:
        return CheckResult.not_applicable(
            [Text("Det finns inga system i bruk i förrådet.", "There are no systems in use in the repository.")]
        )
    active = [o for o in ctx.of_kind("management_object") if o.data["status"] == "aktiv"]
    object_of: dict[str, Document] = {}
    for obj in active:
        for system_id in obj.data["systems"]:
            object_of.setdefault(system_id, obj)
    for system in systems:
        target = ctx.get(system.data.get("management_object"), "management_object")
        if system.id not in object_of and target is not None and target.data["status"] == "aktiv":
            object_of[system.id] = target
    problems: dict[str, list[Text]] = {}
    for violation in rule_violations(object_roles, ctx):
        problems.setdefault(violation.document.id, []).append(violation_text(object_roles.ID, violation))
    evidence, missing, ok = [], [], 0
    reported: set[str] = set()
    for system in systems:
        obj = object_of.get(system.id)
        if obj is None:
            evidence.append(at(system, ("management_object",)))
            missing.append(
                Text(
                    f"{name(system).sv} ingår inte i något aktivt förvaltningsobjekt.",
                    f"{name(system).en} belongs to no active management object.",
                )
            )
        elif obj.id in problems:
            if obj.id not in reported:
                reported.add(obj.id)
                evidence.append(at(obj, ("managers",)))
                missing.extend(Text(f"{name(obj).sv}: {t.sv}", f"{name(obj).en}: {t.en}") for t in problems[obj.id])
        else:
            ok += 1
    evidence = evidence or [at(o) for o in active[:20]]
    return CheckResult.ratio_of(ok, len(systems), cap(evidence), missing)
