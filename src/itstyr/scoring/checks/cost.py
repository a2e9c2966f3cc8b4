"""Scoring checks: the price and cost model and resource allocation (audit R6, Q4c).

The audit found a decided price and cost model (in force since 2023-01-01) that was not generally known
in the administrations, only by their finance functions; no city-wide process or model for funding
digitalisation initiatives, each administration having its own; and a portfolio management that was
to be in place in 2024. The checks look at the model in force (the one with the latest valid_from on
or before the as-of date, as the lint rules pick it): decided and described, allocated to every
administration for the year and reconciled, priced, traceable, communicated beyond the finance
functions, maintained; and at the funding process for initiatives.
"""

from __future__ import annotations

from itstyr.dates import add_months, period_end, period_start
from itstyr.lint.context import LintContext
from itstyr.lint.rules.cost_follow_up import allocation_missing, allocations_sum
from itstyr.lint.rules.cost_follow_up._common import administration_keys, cost_model_in_force
from itstyr.lint.rules.steering._common import label
from itstyr.messages import Text
from itstyr.model import Document
from itstyr.scoring.checks.documents import at, cap, joined, name, rule_violations, violation_text, vocabulary
from itstyr.scoring.registry import check
from itstyr.scoring.result import CheckResult

FIELD_WORDS = {
    "purpose": ("syfte (purpose)", "purpose"),
    "owner": ("ägare (owner)", "owner"),
    "provider_unit": (
        "vilken enhets arbete modellen finansierar (provider_unit)",
        "the unit whose work it funds (provider_unit)",
    ),
    "defined_in": ("styrdokument som beskriver modellen (defined_in)", "the steering document describing it (defined_in)"),
    "price_items": ("prislista (price_items)", "price list (price_items)"),
}


def _field(slug: str) -> Text:
    return Text(*FIELD_WORDS.get(slug, (slug, slug)))


def _model_or_gap(ctx: LintContext) -> tuple[Document | None, CheckResult | None]:
    """The cost model in force, or the result that says why there is none."""
    model = cost_model_in_force(ctx)
    if model is not None:
        return model, None
    models = ctx.of_kind("cost_model")
    if not models:
        return None, CheckResult.nothing_found(
            [Text("Det finns ingen pris- och kostnadsmodell i förrådet.", "There is no price and cost model in the repository.")]
        )
    day = ctx.as_of.isoformat()
    missing = [
        Text(
            f"{name(m).sv} gäller inte {day} (från {m.data['valid_from']}{' till ' + m.data['valid_to'] if m.data.get('valid_to') else ''}).",
            f"{name(m).en} does not apply on {day} (from {m.data['valid_from']}{' to ' + m.data['valid_to'] if m.data.get('valid_to') else ''}).",
        )
        for m in models
    ]
    return None, CheckResult.failed(missing, cap(at(m, ("valid_from",)) for m in models))


@check("cost_model_decided")
def cost_model_decided(ctx: LintContext, params: dict) -> CheckResult:
    """A price and cost model in force at the as-of date: decided, with scope and principle (the schema
    requires them) and the fields in `describe_fields`. Partial 0.5 + 0.5 × the share of those fields
    present when the model is decided but not fully described."""
    model, gap = _model_or_gap(ctx)
    if gap is not None:
        return gap
    fields = params.get("describe_fields", ["purpose"])
    lacking = [f for f in fields if not model.data.get(f)]
    evidence = [at(model, ("decision",)), at(model, ("valid_from",))]
    if not lacking:
        return CheckResult.passed(cap(evidence))
    what = joined(_field(f) for f in lacking)
    missing = [Text(f"{name(model).sv} anger inte {what.sv}.", f"{name(model).en} does not state {what.en}.")]
    return CheckResult.partial(0.5 + 0.5 * (len(fields) - len(lacking)) / len(fields), cap(evidence), missing)


@check("cost_allocations_current_year")
def cost_allocations_current_year(ctx: LintContext, params: dict) -> CheckResult:
    """Every active administration (or its committee) has an allocation in the model in force for the
    fiscal year of the as-of date (lint rule cost-allocation-missing), and the year's allocations add
    up to the year's total (cost-allocations-sum; with `require_total`, a year without a total does not
    reconcile). Partial: (administrations allocated + reconciled) / (administrations + 1)."""
    model, gap = _model_or_gap(ctx)
    if gap is not None:
        return gap
    administrations = administration_keys(ctx)
    if not administrations:
        return CheckResult.not_applicable(
            [Text("Det finns inga aktiva förvaltningar i förrådet.", "There are no active administrations in the repository.")]
        )
    year = ctx.as_of.year
    violations = [v for v in rule_violations(allocation_missing, ctx) if v.document is model]
    missing = [violation_text(allocation_missing.ID, v) for v in violations]
    allocated = 0 if any(v.message == "no_year" for v in violations) else len(administrations) - len(violations)
    rows = [i for i, a in enumerate(model.data.get("allocations", [])) if a["fiscal_year"] == year]
    totals = [i for i, t in enumerate(model.data.get("totals", [])) if t["fiscal_year"] == year]
    mismatch = [v for v in rule_violations(allocations_sum, ctx) if v.document is model and v.params.get("year") == year]
    missing += [violation_text(allocations_sum.ID, v) for v in mismatch]
    reconciled = bool(rows) and not mismatch and (bool(totals) or not params.get("require_total", True))
    if rows and not totals and params.get("require_total", True):
        missing.append(
            Text(
                f"{name(model).sv} anger ingen total för {year} (totals) att stämma av fördelningen mot.",
                f"{name(model).en} states no total for {year} (totals) to reconcile the allocations against.",
            )
        )
    evidence = [at(model, ("allocations", i)) for i in rows[:20]] + [at(model, ("totals", i)) for i in totals]
    evidence = evidence or [at(model, ("allocations",))]
    return CheckResult.ratio_of(allocated + reconciled, len(administrations) + 1, cap(evidence), missing)


def _price_index(model: Document) -> tuple[set[str], dict[str, set[str]]]:
    """The model's price item ids, and for each service or system id the items that cover it."""
    item_ids: set[str] = set()
    covering: dict[str, set[str]] = {}
    for item in model.data.get("price_items", []):
        item_ids.add(item["id"])
        for entity_id in item.get("services", []) + item.get("systems", []):
            covering.setdefault(entity_id, set()).add(item["id"])
    return item_ids, covering


@check("cost_model_priced")
def cost_model_priced(ctx: LintContext, params: dict) -> CheckResult:
    """Share of the IT services in delivery and the common systems in use that the model in force
    prices: listed in one of its price items, or pointing to one with `price_item`."""
    model, gap = _model_or_gap(ctx)
    if gap is not None:
        return gap
    excluded_services = set(params.get("excluded_service_lifecycles", ["planerad", "avvecklad"]))
    classifications = set(params.get("system_classifications", ["gemensamt"]))
    entities = [s for s in ctx.of_kind("it_service") if s.data.get("lifecycle") not in excluded_services]
    entities += [
        s for s in ctx.of_kind("system") if s.data["classification"] in classifications and s.data["lifecycle"] != "avvecklad"
    ]
    if not entities:
        return CheckResult.not_applicable(
            [
                Text(
                    "Det finns inga it-tjänster eller gemensamma system att prissätta.",
                    "There are no IT services or common systems to price.",
                )
            ]
        )
    item_ids, covering = _price_index(model)
    evidence, missing, priced = [], [], 0
    for entity in entities:
        link = entity.data.get("price_item")
        linked = isinstance(link, dict) and link.get("cost_model") == model.id and link.get("item") in item_ids
        if linked or entity.id in covering:
            priced += 1
        else:
            evidence.append(at(entity, ("price_item",)))
            missing.append(
                Text(
                    f"{name(entity).sv} har ingen prispost i {name(model).sv}.",
                    f"{name(entity).en} has no price item in {name(model).en}.",
                )
            )
    if not item_ids:
        missing.insert(
            0, Text(f"{name(model).sv} har ingen prislista (price_items).", f"{name(model).en} has no price list (price_items).")
        )
    evidence = [at(model, ("price_items",))] + evidence[:30]
    return CheckResult.ratio_of(priced, len(entities), cap(evidence), missing)


@check("cost_allocation_basis")
def cost_allocation_basis(ctx: LintContext, params: dict) -> CheckResult:
    """Share of the current fiscal year's allocation rows that state what they are based on (one of
    `basis_fields`: the price item, the number of charging units), so an administration can see what
    it pays for. Not applicable when the year has no allocations (R6.2 reports that)."""
    model, gap = _model_or_gap(ctx)
    if gap is not None:
        return gap
    fields = params.get("basis_fields", ["price_item", "basis_quantity"])
    year = ctx.as_of.year
    rows = [(i, a) for i, a in enumerate(model.data.get("allocations", [])) if a["fiscal_year"] == year]
    if not rows:
        return CheckResult.not_applicable(
            [Text(f"{name(model).sv} har ingen fördelning för {year}.", f"{name(model).en} has no allocations for {year}.")]
        )
    evidence, missing, ok = [], [], 0
    for index, row in rows:
        if any(row.get(f) not in (None, "") for f in fields):
            ok += 1
        else:
            unit = ctx.get(row["unit"], "unit")
            evidence.append(at(model, ("allocations", index)))
            missing.append(
                Text(
                    f"Fördelningen {year} till {name(unit, row['unit']).sv} anger inte vad beloppet bygger på ({' eller '.join(fields)}).",
                    f"The {year} allocation to {name(unit, row['unit']).en} does not state what the amount is based on ({' or '.join(fields)}).",
                )
            )
    evidence = evidence or [at(model, ("allocations", rows[0][0]))]
    return CheckResult.ratio_of(ok, len(rows), cap(evidence), missing)


@check("cost_model_communicated")
def cost_model_communicated(ctx: LintContext, params: dict) -> CheckResult:
    """Share of the active administrations (or their committees) that the model in force has been
    communicated to, on or before the as-of date, through one of `channels`: channels that reach the
    administration's management and staff, not only its finance function (the audit: the model was
    known to the finance functions, which took part in the planning, but not generally)."""
    model, gap = _model_or_gap(ctx)
    if gap is not None:
        return gap
    administrations = administration_keys(ctx)
    if not administrations:
        return CheckResult.not_applicable(
            [Text("Det finns inga aktiva förvaltningar i förrådet.", "There are no active administrations in the repository.")]
        )
    channels = params.get("channels")
    reached: dict[str, int] = {}
    other: dict[str, int] = {}
    for index, entry in enumerate(model.data.get("communicated_to", [])):
        start = period_start(entry["date"])
        if start is None or start > ctx.as_of:
            continue
        target = reached if not channels or entry["channel"] in channels else other
        target.setdefault(entry["unit"], index)
    evidence, missing, ok = [], [], 0
    for unit, keys in administrations.values():
        hit = next((reached[k] for k in sorted(keys) if k in reached), None)
        if hit is not None:
            ok += 1
            evidence.append(at(model, ("communicated_to", hit)))
            continue
        partial = next((other[k] for k in sorted(keys) if k in other), None)
        if partial is not None:
            channel = model.data["communicated_to"][partial]["channel"]
            evidence.append(at(model, ("communicated_to", partial)))
            missing.append(
                Text(
                    f"{name(unit).sv} har bara fått modellen genom {label(channel).sv.lower()}, inte genom {vocabulary(channels).sv.lower()}.",
                    f"{name(unit).en} has only had the model through {label(channel).en.lower()}, not through {vocabulary(channels).en.lower()}.",
                )
            )
        else:
            missing.append(
                Text(
                    f"Modellen har inte kommunicerats till {name(unit).sv} (senast {ctx.as_of.isoformat()}).",
                    f"The model has not been communicated to {name(unit).en} (by {ctx.as_of.isoformat()}).",
                )
            )
    evidence = evidence or [at(model, ("communicated_to",))]
    return CheckResult.ratio_of(ok, len(administrations), cap(evidence), missing, threshold=params.get("pass_ratio", 1.0))


@check("funding_process_decided")
def funding_process_decided(ctx: LintContext, params: dict) -> CheckResult:
    """A decided model for allocating resources to initiatives: a funding process in force (status
    gallande, decided, valid_from passed), or an established portfolio that names its funding process.
    A draft, a process marked as missing (saknas) or a portfolio under construction is reported, not
    counted."""
    processes = ctx.of_kind("funding_process")
    portfolios = ctx.of_kind("portfolio")
    for process in processes:
        starts = period_start(process.data.get("valid_from"))
        if (
            process.data["status"] == "gallande"
            and isinstance(process.data.get("decision"), dict)
            and (starts is None or starts <= ctx.as_of)
        ):
            return CheckResult.passed(cap([at(process, ("decision",))]))
    for portfolio in portfolios:
        if (
            portfolio.data["status"] == "etablerad"
            and ctx.get(portfolio.data.get("funding_process"), "funding_process") is not None
        ):
            return CheckResult.passed(cap([at(portfolio, ("funding_process",))]))
    if not processes and not portfolios:
        return CheckResult.nothing_found(
            [
                Text(
                    "Det finns ingen resursfördelningsmodell (funding_process) eller portfölj för initiativen.",
                    "There is no resource allocation model (funding_process) or portfolio for initiatives.",
                )
            ]
        )
    missing = [
        Text(
            "Det finns ingen beslutad resursfördelningsmodell för digitaliseringsinitiativ.",
            "There is no decided resource allocation model for digitalisation initiatives.",
        )
    ]
    evidence = []
    for process in processes:
        evidence.append(at(process, ("status",)))
        status = label(process.data["status"])
        missing.append(
            Text(f"{name(process).sv} har status {status.sv.lower()}.", f"{name(process).en} has the status {status.en.lower()}.")
        )
    for portfolio in portfolios:
        evidence.append(at(portfolio, ("status",)))
        status = label(portfolio.data["status"])
        planned = portfolio.data.get("planned_go_live")
        when_sv, when_en = (f", planerad till {planned}", f", planned for {planned}") if planned else ("", "")
        if portfolio.data["status"] == "etablerad":
            missing.append(
                Text(
                    f"{name(portfolio).sv} anger ingen resursfördelningsprocess (funding_process).",
                    f"{name(portfolio).en} names no funding process (funding_process).",
                )
            )
        else:
            missing.append(
                Text(
                    f"{name(portfolio).sv} är inte etablerad ({status.sv.lower()}{when_sv}).",
                    f"{name(portfolio).en} is not established ({status.en.lower()}{when_en}).",
                )
            )
    return CheckResult.failed(missing, cap(evidence))


@check("cost_model_maintained")
def cost_model_maintained(ctx: LintContext, params: dict) -> CheckResult:
    """The model in force is kept up: it has an owner, was reviewed within `review_within_months`, and
    has a next review that has not passed. Partial: parts met / 3."""
    model, gap = _model_or_gap(ctx)
    if gap is not None:
        return gap
    months = params.get("review_within_months", 12)
    data = model.data
    evidence, missing, met = [], [], 0
    if isinstance(data.get("owner"), dict):
        met += 1
        evidence.append(at(model, ("owner",)))
    else:
        missing.append(Text(f"{name(model).sv} har ingen ägare (owner).", f"{name(model).en} has no owner (owner)."))
    reviews = [(period_end(r["date"]), i) for i, r in enumerate(data.get("reviews", []))]
    reviews = [(day, i) for day, i in reviews if day is not None and day <= ctx.as_of]
    if reviews and add_months(max(reviews)[0], months) >= ctx.as_of:
        met += 1
        evidence.append(at(model, ("reviews", max(reviews)[1])))
    else:
        last_sv = f" (senast {data['reviews'][max(reviews)[1]]['date']})" if reviews else ""
        last_en = f" (last {data['reviews'][max(reviews)[1]]['date']})" if reviews else ""
        missing.append(
            Text(
                f"{name(model).sv} har inte setts över de senaste {months} månaderna{last_sv}.",
                f"{name(model).en} has not been reviewed in the last {months} months{last_en}.",
            )
        )
    next_review = period_end(data.get("next_review"))
    if next_review is not None and next_review >= ctx.as_of:
        met += 1
        evidence.append(at(model, ("next_review",)))
    elif next_review is not None:
        evidence.append(at(model, ("next_review",)))
        missing.append(
            Text(
                f"{name(model).sv}: nästa översyn ({data['next_review']}) har passerat.",
                f"{name(model).en}: the next review ({data['next_review']}) has passed.",
            )
        )
    else:
        missing.append(
            Text(
                f"{name(model).sv} har ingen planerad översyn (next_review).",
                f"{name(model).en} has no planned review (next_review).",
            )
        )
    return CheckResult.partial(met / 3, cap(evidence or [at(model)]), missing)
