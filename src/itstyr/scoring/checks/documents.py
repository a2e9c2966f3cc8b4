"""Scoring checks: steering documents (audit R1, Q1, Q1a).

The audit's finding was not that the city had no steering document at all: an IT policy from 2008 was
formally in force. It was that there were no *current* documents ("det saknas aktuella styrande
dokument") that made responsibility, requirements and ways of working clear. The checks therefore
look at documents that are in force at the as-of date and, where it matters, current: not past their
planned review, and not older than one term of office when no review is planned (the lint rule
steering-review-overdue, with the repository's threshold `document_max_age_years` unless the
criterion's `max_age_years` says otherwise).

Where a lint rule already tests the same thing (decision level, stale unit names, unanchored supporting
documents, overdue reviews), the check runs that rule and counts its violations.

The helpers at the top are shared with the responsibility and cost checks.
"""

from __future__ import annotations

import copy
import weakref
from collections.abc import Iterable
from functools import cache

from itstyr.dates import period_end, period_start
from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation
from itstyr.lint.rules.steering import decision_level, review_overdue, stale_unit, unanchored_support
from itstyr.lint.rules.steering._common import in_force
from itstyr.messages import Message, Text
from itstyr.model import Document
from itstyr.scoring.registry import check
from itstyr.scoring.result import CheckResult, Evidence

DEFAULT_DOMAINS = ("it", "digitalisering")
POLITICAL = ("kommunfullmaktige", "kommunstyrelse", "namnd", "utskott")
# Evidence per criterion: enough to find and check the entities, not a copy of the register (each
# piece is located in its file, which costs a parse on a large repository). What is missing is always
# listed in full.
MAX_EVIDENCE = 8


# --- shared helpers -------------------------------------------------------------------------------


@cache
def _rule_defaults(rule_id: str) -> dict:
    """A lint rule's option defaults, read from its data file (not from the whole registry, so one
    rule being edited elsewhere cannot break scoring)."""
    from itstyr.resources import read_bundled_yaml

    data = read_bundled_yaml(f"data/rules/{rule_id}.yaml")
    return {name: spec.get("default") for name, spec in (data.get("options") or {}).items()}


_MEMO: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def memo(ctx: LintContext, key: tuple, compute):
    """A value computed once per context (several criteria need the same rule run or unit tree)."""
    store = _MEMO.setdefault(ctx, {})
    if key not in store:
        store[key] = compute()
    return store[key]


def unit_tree(ctx: LintContext):
    from itstyr.lint.rules.responsibility._common import UnitTree

    return memo(ctx, ("unit_tree",), lambda: UnitTree(ctx))


def at(document: Document, path: Iterable = ()) -> tuple[Document, tuple]:
    """A place in a document to show as evidence; located only if it is among the first shown."""
    return document, tuple(path)


def cap(places: Iterable[tuple[Document, tuple]]) -> list[Evidence]:
    """The first MAX_EVIDENCE distinct places as evidence."""
    result: list[Evidence] = []
    seen: set[tuple[int, tuple]] = set()
    for document, path in places:
        key = (id(document), path)
        if key in seen:
            continue
        seen.add(key)
        result.append(Evidence.of(document, path))
        if len(result) >= MAX_EVIDENCE:
            break
    return result


def rule_violations(module, ctx: LintContext, options: dict | None = None) -> list[Violation]:
    """Run a lint rule (its module's `check`) with its default options, overlaid with `options`."""
    merged = dict(_rule_defaults(module.ID))
    merged.update(options or {})
    return memo(ctx, ("rule", module.ID, repr(sorted(merged.items()))), lambda: list(module.check(ctx, merged)))


def with_threshold(ctx: LintContext, name: str, value) -> LintContext:
    """The context with one threshold replaced (for a criterion that sets its own)."""
    if value is None or ctx.thresholds.get(name) == value:
        return ctx
    changed = copy.copy(ctx)
    changed.thresholds = {**ctx.thresholds, name: value}
    return changed


def message_text(message: Message) -> Text:
    """A catalogue message (a lint rule's) as a Text in both languages."""
    return Text(message.render("sv"), message.render("en"))


def violation_text(rule_id: str, violation: Violation) -> Text:
    return message_text(Message(f"rule.{rule_id}.{violation.message}", **violation.params))


def name(document: Document | None, fallback: str = "") -> Text:
    """An entity as the messages name it: its name and id, in English where it has an English name."""
    if document is None:
        return Text(fallback, fallback)
    data = document.data
    plain = data.get("name") or document.id or fallback
    return Text(f"{plain} ({document.id})", f"{data.get('name_en') or plain} ({document.id})")


def joined(texts: Iterable[Text], conjunction: tuple[str, str] = ("och", "and")) -> Text:
    """Texts joined as a list: "a, b och c" / "a, b and c"."""
    items = list(texts)

    def join(parts: list[str], word: str) -> str:
        if len(parts) <= 1:
            return "".join(parts)
        return ", ".join(parts[:-1]) + f" {word} " + parts[-1]

    return Text(join([t.sv for t in items], conjunction[0]), join([t.en or t.sv for t in items], conjunction[1]))


def vocabulary(slugs: Iterable[str], conjunction: tuple[str, str] = ("eller", "or")) -> Text:
    """Vocabulary values by their glossary labels, in a sentence ("policy, program eller strategi")."""
    from itstyr.lint.rules.steering._common import label

    return joined((label(slug) for slug in slugs), conjunction)


DOMAIN_WORDS = {
    "it": ("it", "IT"),
    "digitalisering": ("digitalisering", "digitalisation"),
    "informationssakerhet": ("informationssäkerhet", "information security"),
    "ekonomi": ("ekonomi", "finance"),
    "arkitektur": ("arkitektur", "architecture"),
    "data": ("data", "data"),
    "upphandling": ("upphandling", "procurement"),
}


def domain_words(domains: Iterable[str]) -> Text:
    return joined((Text(*DOMAIN_WORDS.get(d, (d, d))) for d in domains), ("eller", "or"))


def in_domains(document: Document, domains: Iterable[str]) -> bool:
    return bool(set(document.data.get("domains", ())) & set(domains))


def select_documents(ctx: LintContext, params: dict, *, default_domains=DEFAULT_DOMAINS) -> list[Document]:
    """Steering documents matching the criterion's filters (any status): domains, categories, types,
    scopes. A filter that is absent does not restrict."""
    domains = params.get("domains", default_domains)
    categories, types, scopes = params.get("categories"), params.get("types"), params.get("scopes")
    return [
        doc
        for doc in ctx.of_kind("steering_document")
        if in_domains(doc, domains)
        and (not categories or doc.data["category"] in categories)
        and (not types or doc.data["type"] in types)
        and (not scopes or doc.data["scope"] in scopes)
    ]


def overdue(ctx: LintContext, max_age_years=None) -> dict[str, Violation]:
    """In-force steering documents past their review (lint rule steering-review-overdue), by id."""
    checked = with_threshold(ctx, "document_max_age_years", max_age_years)
    years = checked.thresholds.get("document_max_age_years")
    return memo(ctx, ("overdue", years), lambda: {v.document.id: v for v in rule_violations(review_overdue, checked)})


def decided_by(document: Document, bodies: Iterable[str] | None) -> bool:
    if not bodies:
        return True
    decision = document.data.get("decision")
    return isinstance(decision, dict) and decision.get("body") in bodies


def current_documents(ctx: LintContext, documents: list[Document], params: dict) -> list[Document]:
    """The documents that are in force and current, decided by one of `params['bodies']` if given."""
    late = overdue(ctx, params.get("max_age_years"))
    return [doc for doc in documents if in_force(doc, ctx.as_of) and doc.id not in late and decided_by(doc, params.get("bodies"))]


def why_not_current(ctx: LintContext, document: Document, params: dict, late: dict[str, Violation]) -> Text:
    """Why an in-scope document does not count: not in force, decided by the wrong body, or overdue."""
    from itstyr.lint.rules.steering._common import label

    data = document.data
    who = name(document)
    if not in_force(document, ctx.as_of):
        status = label(data["status"])
        if data["status"] in ("gallande", "under_revidering"):
            return Text(
                f"{who.sv} gäller inte {ctx.as_of.isoformat()} (giltighetstid {data.get('valid_from', '–')}–{data.get('valid_to', '')}).",
                f"{who.en} does not apply on {ctx.as_of.isoformat()} (valid {data.get('valid_from', '–')}–{data.get('valid_to', '')}).",
            )
        return Text(f"{who.sv} har status {status.sv}.", f"{who.en} has the status {status.en}.")
    if not decided_by(document, params.get("bodies")):
        body = label(data.get("decision", {}).get("body", "annat"))
        allowed = vocabulary(params["bodies"])
        return Text(
            f"{who.sv} är beslutat av {body.sv}, inte av {allowed.sv}.",
            f"{who.en} was decided by {body.en}, not by {allowed.en}.",
        )
    reason = violation_text(review_overdue.ID, late[document.id])
    return Text(f"Dokumentet {who.sv} är inaktuellt: {reason.sv}", f"The document {who.en} is out of date: {reason.en}")


def where_decided(document: Document) -> tuple:
    return ("decision",) if isinstance(document.data.get("decision"), dict) else ()


def describe(params: dict, what: tuple[str, str]) -> Text:
    """The document a criterion looks for, in words: "gällande och aktuellt stadsövergripande
    styrdokument (policy eller program) för it eller digitalisering, beslutat av kommunfullmäktige
    eller kommunstyrelsen". `what` is the qualifier before the noun ("gällande och aktuellt")."""
    city_wide = params.get("scopes") == ["stadsovergripande"]
    text_sv = " ".join(filter(None, [what[0], "stadsövergripande" if city_wide else "", "styrdokument"]))
    text_en = " ".join(filter(None, [what[1], "city-wide" if city_wide else "", "steering document"]))
    if params.get("types"):
        types = vocabulary(params["types"])
        text_sv += f" ({types.sv.lower()})"
        text_en += f" ({types.en.lower()})"
    domains = domain_words(params.get("domains", DEFAULT_DOMAINS))
    text_sv += f" för {domains.sv}"
    text_en += f" for {domains.en}"
    if params.get("bodies"):
        bodies = vocabulary(params["bodies"])
        text_sv += f", beslutat av {bodies.sv}"
        text_en += f", decided by {bodies.en}"
    return Text(text_sv, text_en)


# --- R1.1, R1.2, R1.3: the documents that should exist ----------------------------------------------


@check("steering_document_current")
def steering_document_current(ctx: LintContext, params: dict) -> CheckResult:
    """A steering document of the given kind that is in force and current. With `require: any` (the
    default) one is enough; with `require: all` the result is the share of the in-force documents of
    that kind that are current (an outdated one beside a current one is a half-done revision)."""
    candidates = select_documents(ctx, params)
    wanted = describe(params, ("gällande och aktuellt", "in-force, current"))
    if not candidates:
        return CheckResult.nothing_found([Text(f"Det finns inget {wanted.sv}.", f"There is no {wanted.en}.")])
    late = overdue(ctx, params.get("max_age_years"))
    current = current_documents(ctx, candidates, params)
    if params.get("require", "any") == "all":
        considered = [d for d in candidates if in_force(d, ctx.as_of) and decided_by(d, params.get("bodies"))]
        if considered:
            missing = [why_not_current(ctx, d, params, late) for d in considered if d not in current]
            evidence = [at(d, where_decided(d)) for d in considered]
            return CheckResult.ratio_of(len(current), len(considered), cap(evidence), missing)
    if current:
        return CheckResult.passed(cap(at(d, where_decided(d)) for d in current))
    missing = [Text(f"Det finns inget {wanted.sv}.", f"There is no {wanted.en}.")]
    missing += [why_not_current(ctx, d, params, late) for d in candidates]
    return CheckResult.failed(missing, cap(at(d, ("status",)) for d in candidates))


# --- R1.4: the administrations' own plans ------------------------------------------------------------


def _units_under(ctx: LintContext) -> dict[str, str]:
    """Each unit's active administration (itself or the nearest förvaltning above it)."""
    tree = unit_tree(ctx)
    return {unit.id: found for unit in ctx.of_kind("unit") if unit.id and (found := tree.administration(unit.id))}


def _goal_current(goal: Document, as_of) -> bool:
    period = goal.data.get("period")
    if not isinstance(period, dict):
        return True
    starts, ends = period_start(period.get("from")), period_end(period.get("to"))
    return (starts is None or starts <= as_of) and (ends is None or ends >= as_of)


@check("administrations_digitalisation_plans")
def administrations_digitalisation_plans(ctx: LintContext, params: dict) -> CheckResult:
    """Share of the active administrations whose digitalisation work is planned at their own level: a
    current in-force document (program, plan, handlingsplan, strategi) scoped to the administration
    or its committee, or a decided goal of the committee or administration that breaks down the city's
    goals (has parent goals)."""
    administrations = ctx.administrations
    if not administrations:
        return CheckResult.not_applicable(
            [Text("Det finns inga aktiva förvaltningar i förrådet.", "There are no active administrations in the repository.")]
        )
    administration_of = _units_under(ctx)
    committees: dict[str, set[str]] = {}
    for unit in administrations:
        if isinstance(unit.data.get("governed_by"), str):
            committees.setdefault(unit.data["governed_by"], set()).add(unit.id)

    def covered_by(unit_id: str) -> set[str]:
        found = {administration_of[unit_id]} if unit_id in administration_of else set()
        return found | committees.get(unit_id, set())

    evidence_for: dict[str, Evidence] = {}
    documents = select_documents(ctx, {**params, "scopes": params.get("scopes", ["forvaltning", "avdelning"])})
    for document in current_documents(ctx, documents, params):
        for index, unit_id in enumerate(document.data.get("scope_units", [])):
            for administration in covered_by(unit_id):
                evidence_for.setdefault(administration, at(document, ("scope_units", index)))
    goal_levels = params.get("goal_levels", ["namnd", "forvaltning"])
    domains = params.get("domains", DEFAULT_DOMAINS)
    for goal in ctx.of_kind("goal"):
        data = goal.data
        if data["level"] not in goal_levels or not in_domains(goal, domains) or not data.get("parent_goals"):
            continue
        if not _goal_current(goal, ctx.as_of):
            continue
        for administration in covered_by(data["owner_unit"]):
            evidence_for.setdefault(administration, at(goal, ("parent_goals",)))
    missing = [
        Text(
            f"{name(unit).sv} har ingen egen plan eller inget eget mål för digitaliseringen som bryter ned stadens.",
            f"{name(unit).en} has no plan or goal of its own for digitalisation that breaks down the city's.",
        )
        for unit in administrations
        if unit.id not in evidence_for
    ]
    evidence = [evidence_for[unit.id] for unit in administrations if unit.id in evidence_for]
    found = len(evidence)
    evidence += [at(unit) for unit in administrations if unit.id not in evidence_for]
    return CheckResult.ratio_of(found, len(administrations), cap(evidence), missing, threshold=params.get("pass_ratio", 1.0))


# --- R1.5: maintained documents -----------------------------------------------------------------


@check("steering_documents_maintained")
def steering_documents_maintained(ctx: LintContext, params: dict) -> CheckResult:
    """Mean, over the in-force documents in the domains, of the maintenance items present: an owner,
    a traceable decision (a known paragraph for a political decision), a planned review (next_review,
    review_interval_months, or a limited validity valid_to), and not overdue."""
    items = params.get("items", ["owner", "decision", "review", "current"])
    documents = [d for d in select_documents(ctx, params) if in_force(d, ctx.as_of)]
    if not documents:
        return CheckResult.not_applicable(
            [Text("Det finns inga gällande styrdokument inom området.", "There are no steering documents in force in the area.")]
        )
    late = overdue(ctx, params.get("max_age_years"))
    total = 0.0
    evidence, missing = [], []
    for document in documents:
        data = document.data
        decision = data.get("decision") if isinstance(data.get("decision"), dict) else {}
        present = {
            "owner": isinstance(data.get("owner"), dict),
            "decision": bool(decision.get("date"))
            and not (decision.get("body") in POLITICAL and decision.get("paragraph") is None),
            "review": any(data.get(field) for field in ("next_review", "review_interval_months", "valid_to")),
            "current": document.id not in late,
        }
        lacking = [item for item in items if not present.get(item, False)]
        total += (len(items) - len(lacking)) / len(items)
        evidence.append(at(document))
        if lacking:
            words = {
                "owner": ("dokumentägare", "document owner"),
                "decision": ("spårbart beslut (paragraf)", "traceable decision (paragraph)"),
                "review": ("planerad översyn", "planned review"),
                "current": ("aktualitet (översynen har passerat)", "currency (the review has passed)"),
            }
            what = joined(Text(*words.get(item, (item, item))) for item in lacking)
            missing.append(Text(f"{name(document).sv} saknar {what.sv}.", f"{name(document).en} lacks {what.en}."))
    return CheckResult.partial(total / len(documents), cap(evidence), missing)


# --- R1.6, R1.7, R1.8: lint rules counted over the documents ------------------------------------


def _ratio_without(documents: list[Document], violations: list[Violation], rule_id: str, *, fail_path=()) -> CheckResult:
    """Share of `documents` that have no violation of the rule; the violations become the messages."""
    bad: dict[str, list[Violation]] = {}
    ids = {doc.id for doc in documents}
    for violation in violations:
        if violation.document.id in ids:
            bad.setdefault(violation.document.id, []).append(violation)
    evidence, missing = [], []
    for document in documents:
        found = bad.get(document.id)
        if found:
            evidence.append(at(document, found[0].path))
            for violation in found:
                text = violation_text(rule_id, violation)
                missing.append(Text(f"{name(document).sv}: {text.sv}", f"{name(document).en}: {text.en}"))
        else:
            evidence.append(at(document, fail_path))
    return CheckResult.ratio_of(len(documents) - len(bad), len(documents), cap(evidence), missing)


@check("steering_decision_level")
def steering_decision_level(ctx: LintContext, params: dict) -> CheckResult:
    """Share of the in-force documents in the domains decided at the level their type calls for (lint
    rule steering-decision-level; `allowed_bodies` overrides its matrix type by type)."""
    documents = [d for d in select_documents(ctx, params) if in_force(d, ctx.as_of)]
    options = {"allowed_bodies": params["allowed_bodies"]} if "allowed_bodies" in params else {}
    violations = rule_violations(decision_level, ctx, options)
    return _ratio_without(documents, violations, decision_level.ID, fail_path=("decision",))


@check("steering_current_organisation")
def steering_current_organisation(ctx: LintContext, params: dict) -> CheckResult:
    """Share of the in-force documents in the domains that name organisation units (mentions_units,
    scope_units, mentions_names) and name only current ones (lint rule steering-stale-unit). A
    document that names no unit cannot be judged and is left out."""
    documents = [
        d
        for d in select_documents(ctx, params)
        if in_force(d, ctx.as_of) and any(d.data.get(f) for f in ("mentions_units", "scope_units", "mentions_names"))
    ]
    return _ratio_without(documents, rule_violations(stale_unit, ctx), stale_unit.ID)


@check("steering_support_anchored")
def steering_support_anchored(ctx: LintContext, params: dict) -> CheckResult:
    """Share of the in-force supporting documents in the domains (principles, guidelines, procedures:
    the rule's categories and types) that hang under an in-force parent (lint rule
    steering-unanchored-support)."""
    options = {key: params[key] for key in ("categories", "types") if key in params}
    settings = {**_rule_defaults(unanchored_support.ID), **options}
    documents = [
        d
        for d in select_documents(ctx, {"domains": params.get("domains", DEFAULT_DOMAINS)})
        if in_force(d, ctx.as_of) and (d.data["category"] in settings["categories"] or d.data["type"] in settings["types"])
    ]
    return _ratio_without(documents, rule_violations(unanchored_support, ctx, options), unanchored_support.ID)


# --- Q1.x, Q1a.x: what the documents say ---------------------------------------------------------


def _defined_kinds(ctx: LintContext, documents: list[Document]) -> dict[str, dict[str, list[tuple[Document, tuple]]]]:
    """For each document: the kinds of entity it establishes, with where — its own `defines`, or an
    entity's `defined_in` pointing at it."""
    ids = {doc.id: doc for doc in documents}
    found: dict[str, dict[str, list[tuple[Document, tuple]]]] = {doc.id: {} for doc in documents}
    for document in documents:
        for index, entity_id in enumerate(document.data.get("defines", [])):
            entity = ctx.get(entity_id)
            if entity is not None and entity.kind:
                found[document.id].setdefault(entity.kind, []).append((document, ("defines", index)))
    for kind in ("role", "responsibility_matrix", "governance_model", "prioritisation_model", "funding_process",
                 "follow_up_plan", "benefits_model", "portfolio", "cost_model", "forum", "goal"):  # fmt: skip
        for entity in ctx.of_kind(kind):
            parent = entity.data.get("defined_in")
            if isinstance(parent, str) and parent in ids:
                found[parent].setdefault(kind, []).append((entity, ("defined_in",)))
    return found


@check("steering_responsibility_requirements_method")
def steering_responsibility_requirements_method(ctx: LintContext, params: dict) -> CheckResult:
    """The audit question's three elements, each in a current in-force document for IT or
    digitalisation established by the board (or the council): responsibility (it establishes roles or
    a responsibility matrix), requirements (a normative document: policy, guideline, rules) and how the
    work is done (it establishes a working model: governance model, prioritisation, funding, portfolio,
    follow-up, benefits model, management objects; or it is a procedure). Partial: elements met / 3."""
    in_scope = select_documents(ctx, params)
    if not in_scope:
        wanted = describe(params, ("", ""))
        return CheckResult.nothing_found([Text(f"Det finns inget {wanted.sv}.", f"There is no {wanted.en}.")])
    documents = current_documents(ctx, in_scope, params)
    established = _defined_kinds(ctx, documents)
    responsibility_kinds = set(params.get("responsibility_kinds", ["role", "responsibility_matrix"]))
    requirement_types = set(params.get("requirement_types", ["policy", "riktlinje", "regler"]))
    method_kinds = set(params.get("method_kinds", []))
    method_types = set(params.get("method_types", ["rutin"]))
    elements = {
        "ansvar": (
            ("ansvar (roller eller ansvarsmatris)", "responsibility (roles or a responsibility matrix)"),
            [hit for doc in documents for kind, hits in established[doc.id].items() if kind in responsibility_kinds for hit in hits[:1]],
        ),
        "krav": (
            ("krav (policy, riktlinje eller regler)", "requirements (policy, guideline or rules)"),
            [(doc, ("type",)) for doc in documents if doc.data["type"] in requirement_types],
        ),
        "arbetssatt": (
            ("hur arbetet ska bedrivas (styrmodell, prioritering, finansiering, uppföljning, förvaltning eller rutin)",
             "how the work is done (governance model, prioritisation, funding, follow-up, management or procedure)"),
            [hit for doc in documents for kind, hits in established[doc.id].items() if kind in method_kinds for hit in hits[:1]]
            + [(doc, ("type",)) for doc in documents if doc.data["type"] in method_types],
        ),
    }  # fmt: skip
    evidence, missing, met = [], [], 0
    for (words_sv, words_en), hits in elements.values():
        if hits:
            met += 1
            evidence.extend(at(doc, path) for doc, path in hits[:3])
        else:
            missing.append(
                Text(
                    f"Inget gällande och aktuellt styrdokument beslutat av styrelsen eller fullmäktige tydliggör {words_sv}.",
                    f"No in-force, current steering document decided by the board or the council makes clear {words_en}.",
                )
            )
    if met < len(elements):
        # Say why the other documents in scope did not count (a draft, an outdated policy).
        late = overdue(ctx, params.get("max_age_years"))
        others = [d for d in in_scope if d not in documents]
        missing += [why_not_current(ctx, d, params, late) for d in others]
        evidence += [at(d, ("status",)) for d in others]
        evidence = evidence or [at(d, ("type",)) for d in documents]
    return CheckResult.partial(met / len(elements), cap(evidence), missing)


def _it_function_units(ctx: LintContext) -> set[str]:
    """The IT function and every unit under it."""
    roots = {unit.id for unit in ctx.it_functions}
    if not roots:
        return set()
    tree = unit_tree(ctx)
    return {unit.id for unit in ctx.of_kind("unit") if unit.id and tree.under(unit.id, roots)}


def _it_function_names(ctx: LintContext) -> set[str]:
    names = set()
    for unit in ctx.it_functions:
        names.add(" ".join(unit.data["name"].casefold().split()))
        for former in unit.data.get("former_names", []):
            names.add(" ".join(former["name"].casefold().split()))
    return names


@check("steering_it_function_role")
def steering_it_function_role(ctx: LintContext, params: dict) -> CheckResult:
    """Two things the audit found in place, at a high level (Q1a: "delvis"): (1) the board's standing
    orders (reglemente), in force, give it the IT and digitalisation remit (the one the board's unit
    names in `reglemente`, if it names one); (2) an in-force steering
    document for IT or digitalisation sets out the IT function's part against the administrations: it
    establishes a responsibility matrix or IT-side roles, or names the IT function (by unit or by its
    current or former name). Whether that document is current is judged by R1.7 and R2.5, not here.
    Partial: parts met / 2."""
    charter_types = params.get("charter_types", ["reglemente"])
    documents = [d for d in select_documents(ctx, params) if in_force(d, ctx.as_of)]
    if not documents:
        wanted = describe(params, ("gällande", "in-force"))
        return CheckResult.nothing_found([Text(f"Det finns inget {wanted.sv}.", f"There is no {wanted.en}.")])
    evidence, missing, met = [], [], 0

    charters = [d for d in documents if d.data["type"] in charter_types]
    # The board's own standing orders where the board's unit names them (unit.reglemente).
    named = {
        unit.data["reglemente"]
        for unit in ctx.of_kind("unit")
        if unit.data.get("type") in params.get("board_types", ["kommunstyrelse"]) and isinstance(unit.data.get("reglemente"), str)
    }
    if named:
        charters = [d for d in charters if d.id in named]
    if charters:
        met += 1
        evidence.extend(at(d, ("type",)) for d in charters)
    else:
        missing.append(
            Text(
                f"Inget gällande {vocabulary(charter_types).sv.lower()} ger styrelsen uppdraget inom {domain_words(params.get('domains', DEFAULT_DOMAINS)).sv}.",
                f"No in-force {vocabulary(charter_types).en.lower()} gives the board its remit for {domain_words(params.get('domains', DEFAULT_DOMAINS)).en}.",
            )
        )

    sides = set(params.get("it_role_sides", ["it", "bada"]))
    it_units = _it_function_units(ctx)
    it_names = _it_function_names(ctx)
    established = _defined_kinds(ctx, documents)
    describing: list[tuple[Document, tuple]] = []
    for document in documents:
        if document.data["type"] in charter_types:
            continue
        for kind, hits in established[document.id].items():
            for entity_or_doc, path in hits:
                entity = entity_or_doc if entity_or_doc is not document else ctx.get(document.data["defines"][path[1]])
                if kind == "responsibility_matrix" or (
                    kind == "role" and entity is not None and entity.data.get("side") in sides
                ):
                    describing.append((entity_or_doc, path))
        for index, unit_id in enumerate(document.data.get("mentions_units", [])):
            if unit_id in it_units:
                describing.append((document, ("mentions_units", index)))
        for index, mentioned in enumerate(document.data.get("mentions_names", [])):
            if " ".join(mentioned.casefold().split()) in it_names:
                describing.append((document, ("mentions_names", index)))
    if describing:
        met += 1
        seen = set()
        for doc, path in describing:
            if doc.id not in seen:
                seen.add(doc.id)
                evidence.append(at(doc, path))
    else:
        missing.append(
            Text(
                "Inget gällande styrdokument beskriver it-funktionens roll och ansvar gentemot förvaltningarna (ansvarsmatris, it-roller eller it-funktionen nämnd).",
                "No in-force steering document describes the IT function's role and responsibility towards the administrations (responsibility matrix, IT roles, or the IT function named).",
            )
        )
    return CheckResult.partial(met / 2, cap(evidence), missing)
