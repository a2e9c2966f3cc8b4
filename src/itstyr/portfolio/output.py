"""The portfolio as JSON (stable, `format_version` 1, documented in the README), as plain text for the
terminal and as Markdown from a bundled template. Text and Markdown are built from the JSON dictionary
plus labels, so the three never disagree."""

from __future__ import annotations

import json
from typing import Any, TextIO

from itstyr import __version__
from itstyr.glossary import label
from itstyr.messages import Message, text
from itstyr.model import Document
from itstyr.portfolio.ranking import criteria_by_weight
from itstyr.portfolio.result import CapacityRow, PortfolioResult

FORMAT_VERSION = 1


def number(value: float | None) -> float | int | None:
    """Whole numbers as integers (1900, not 1900.0), the rest as they are."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(float(value), 2)


def _ref(document: Document) -> dict[str, Any]:
    return {"id": document.id, "name": document.name, "path": document.path, "line": document.line}


def _model(model: Document) -> dict[str, Any]:
    data = model.data
    return {
        "id": model.id,
        "name": model.name,
        "status": data.get("status"),
        "must_requirements": [{"id": r["id"], "text": r.get("text", "")} for r in data.get("must_requirements") or []],
        "criteria": [
            {"id": c["id"], "name": c.get("name", c["id"]), "weight": number(c.get("weight", 0)), "max": c["scale"]["max"]}
            for c in data.get("criteria") or []
        ],
        "tie_break_order": [c["id"] for c in criteria_by_weight(model)],
        "min_score_to_start": number((data.get("thresholds") or {}).get("min_score_to_start")),
    }


def _capacity_row(row: CapacityRow, language: str) -> dict[str, Any]:
    total = row.total
    return {
        "unit": row.unit.id,
        "unit_name": row.unit.name,
        "period": row.period,
        "measure": row.measure,
        "capacity": number(row.capacity),
        "demand": number(total),
        "confirmed": number(sum(d.amount for d in row.demand if d.confirmed)),
        "free": number(row.capacity - total) if row.measure else None,
        "utilisation": round(100 * total / row.capacity) if row.measure and row.capacity else None,
        "over": row.over,
        "initiatives": [
            {
                "id": d.initiative.id,
                "name": d.initiative.name,
                "rank": d.rank,
                "amount": number(d.amount),
                "confirmed": d.confirmed,
                "beyond": number(d.beyond),
            }
            for d in row.demand
        ],
        "missing": row.missing.render(language) if row.missing else None,
    }


def to_dict(result: PortfolioResult, language: str) -> dict[str, Any]:
    thresholds = {m.id: (m.data.get("thresholds") or {}).get("min_score_to_start") for m in result.models}
    return {
        "tool": "itstyr",
        "version": __version__,
        "format_version": FORMAT_VERSION,
        "command": "portfolio",
        "language": language,
        "as_of": result.as_of.isoformat(),
        "organisation": result.organisation.name if result.organisation else None,
        "models": [_model(model) for model in result.models],
        "ranking": [
            {
                "rank": entry.rank,
                **_ref(entry.initiative),
                "model": entry.model.id,
                "status": entry.initiative.data.get("status"),
                "total": entry.total,
                "recorded_total": number((entry.initiative.data.get("prioritisation") or {}).get("total")),
                "decided_rank": (entry.initiative.data.get("prioritisation") or {}).get("rank"),
                "below_start": thresholds.get(entry.model.id) is not None and entry.total < thresholds[entry.model.id],
                "origin_unit": entry.initiative.data.get("origin_unit"),
                "tie": (
                    {"with": entry.tie_with.id, "by": entry.tie_break, "criterion": entry.tie_criterion}
                    if entry.tie_with is not None
                    else None
                ),
            }
            for entry in result.ranking
        ],
        "must_failed": [
            {
                **_ref(entry.initiative),
                "model": entry.model.id,
                "status": entry.initiative.data.get("status"),
                "failed": entry.failed,
                "total": entry.total,
            }
            for entry in result.must_failed
        ],
        "not_ranked": [
            {
                **_ref(entry.initiative),
                "status": entry.initiative.data.get("status"),
                "reasons": [{"code": code, "text": message.render(language, nested=True)} for code, message in entry.reasons],
            }
            for entry in result.not_ranked
        ],
        "closed": [{"id": d.id, "name": d.name, "status": d.data.get("status")} for d in result.closed],
        "capacity": [_capacity_row(row, language) for row in result.capacity],
        "coordination": [
            {
                "initiatives": [gap.first.id, gap.second.id],
                "names": [gap.first.name, gap.second.name],
                "administrations": [unit.id for unit in gap.administrations],
                "administration_names": [unit.name for unit in gap.administrations],
                "systems": gap.systems,
            }
            for gap in result.coordination
        ],
        "missing": [message.render(language) for message in result.missing],
    }


def write_json(result: PortfolioResult, language: str, stream: TextIO) -> None:
    json.dump(to_dict(result, language), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


# --- For people ----------------------------------------------------------------------------------


def shown(value: float | int | None, language: str) -> str:
    """A number as people write it: 1 900, 85, 85,5 (Swedish) or 1,900, 85, 85.5 (English)."""
    if value is None:
        return "–"
    value = number(value)
    whole = f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"
    if language == "sv":
        return whole.replace(",", "\u00a0").replace(".", ",")
    return whole


def view(result: PortfolioResult, language: str) -> dict[str, Any]:
    """The JSON dictionary with what people need besides: labels, formatted numbers, sentences."""
    data = to_dict(result, language)
    names = {c["id"]: c["name"] for model in data["models"] for c in model["criteria"]}
    ranked_by_id = {entry["id"]: entry for entry in data["ranking"]}
    for model in data["models"]:
        model["tie_break_names"] = [names[c] for c in model["tie_break_order"]]
        model["ranking"] = [entry for entry in data["ranking"] if entry["model"] == model["id"]]
    for entry in data["ranking"]:
        entry["status_label"] = label(entry["status"], language)
        entry["total_text"] = shown(entry["total"], language)
        entry["note"] = _note(entry, ranked_by_id, names, language)
    for entry in data["must_failed"] + data["not_ranked"]:
        entry["status_label"] = label(entry["status"], language)
    for entry in data["must_failed"]:
        entry["total_text"] = shown(entry["total"], language)
    for row in data["capacity"]:
        unit = text(f"portfolio.measure.{row['measure']}", language) if row["measure"] else ""
        row["capacity_text"] = shown(row["capacity"], language)
        row["demand_text"] = shown(row["demand"], language)
        row["free_text"] = shown(row["free"], language)
        row["utilisation_text"] = f"{row['utilisation']} %" if row["utilisation"] is not None else "–"
        row["measure_text"] = unit
        row["beyond"] = [
            {
                **item,
                "text": Message(
                    "portfolio.capacity.beyond",
                    rank=f"#{item['rank']}" if item["rank"] else "–",
                    name=item["name"],
                    amount=shown(item["amount"], language),
                    beyond=shown(item["beyond"], language),
                    unit=unit,
                ).render(language, nested=True),
            }
            for item in row["initiatives"]
            if item["beyond"]
        ]
    data["heading"] = Message(
        "portfolio.heading",
        organisation=Message("portfolio.heading.organisation", name=data["organisation"]) if data["organisation"] else "",
        as_of=data["as_of"],
    ).render(language)
    return data


def _note(entry: dict, ranked_by_id: dict, names: dict, language: str) -> str:
    notes = []
    tie = entry["tie"]
    if tie:
        above = ranked_by_id[tie["with"]]
        by = Message(f"portfolio.tie.{tie['by']}", criterion=names.get(tie["criterion"], tie["criterion"] or ""))
        notes.append(Message("portfolio.tie", rank=above["rank"], by=by).render(language, nested=True))
    if entry["below_start"]:
        notes.append(text("portfolio.below_start", language))
    if entry["recorded_total"] is not None and abs(entry["recorded_total"] - entry["total"]) > 0.05:
        notes.append(text("portfolio.recorded_total", language, total=shown(entry["recorded_total"], language)))
    return "; ".join(notes)


def _table(rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]) for i, cell in enumerate(row)]
        lines.append("  " + "  ".join(cells).rstrip())
    return lines


def write_text(result: PortfolioResult, language: str, stream: TextIO) -> None:
    data = view(result, language)
    t = lambda key, **params: text(key, language, **params)  # noqa: E731 - a local shorthand
    lines = [data["heading"], ""]
    for model in data["models"]:
        lines.append(Message("portfolio.ranking_heading", model=model["name"], id=model["id"]).render(language))
        lines.append(Message("portfolio.method", criteria=model["tie_break_names"]).render(language))
        if model["min_score_to_start"] is not None:
            lines.append(t("portfolio.start_threshold", score=shown(model["min_score_to_start"], language)))
        rows = [["#", t("portfolio.col.total"), t("portfolio.col.initiative"), t("portfolio.col.status"), ""]]
        rows += [[str(e["rank"]), e["total_text"], e["name"], e["status_label"], e["note"]] for e in model["ranking"]]
        lines += _table(rows, {0, 1}) if model["ranking"] else [f"  {t('portfolio.none_ranked')}"]
        lines.append("")
    lines.append(f"{t('portfolio.must_failed')} ({len(data['must_failed'])})")
    for entry in data["must_failed"]:
        failed = ", ".join(f"{r['id']} ({r['text']})" for r in entry["failed"])
        lines.append(f"  {entry['name']} [{entry['status_label']}, {entry['total_text']}]: {failed}")
    if not data["must_failed"]:
        lines.append(f"  {t('portfolio.none_must_failed')}")
    lines.append("")
    lines.append(f"{t('portfolio.not_ranked')} ({len(data['not_ranked'])})")
    for entry in data["not_ranked"]:
        reasons = "; ".join(reason["text"] for reason in entry["reasons"])
        lines.append(f"  {entry['name']} [{entry['status_label']}]: {reasons}")
    if not data["not_ranked"]:
        lines.append(f"  {t('portfolio.none_not_ranked')}")
    if data["closed"]:
        lines.append(f"  {t('portfolio.closed', count=len(data['closed']))}")
    lines.append("")
    lines.append(t("portfolio.capacity_heading", as_of=data["as_of"]))
    if data["capacity"]:
        header = [t("portfolio.col.unit"), t("portfolio.col.period"), t("portfolio.col.capacity"), t("portfolio.col.demand"),
                  t("portfolio.col.free"), t("portfolio.col.utilisation"), ""]
        rows = [header]
        extra: dict[int, list[str]] = {}
        for row in data["capacity"]:
            flag = t("portfolio.over") if row["over"] else (row["missing"] or "")
            rows.append([row["unit_name"], row["period"], f"{row['capacity_text']} {row['measure_text']}".strip(),
                         row["demand_text"], row["free_text"], row["utilisation_text"], flag])
            if row["beyond"]:
                extra[len(rows) - 1] = [item["text"] for item in row["beyond"]]
        for index, line in enumerate(_table(rows, {2, 3, 4, 5})):
            lines.append(line)
            lines += [f"      {t('portfolio.beyond_capacity')}: {item}" for item in extra.get(index, [])]
    else:
        lines.append(f"  {t('portfolio.none_capacity')}")
    lines.append("")
    lines.append(f"{t('portfolio.coordination')} ({len(data['coordination'])})")
    for gap in data["coordination"]:
        lines.append("  " + Message(
            "portfolio.coordination.item",
            first=gap["names"][0], first_unit=gap["administration_names"][0],
            second=gap["names"][1], second_unit=gap["administration_names"][1],
            systems=gap["systems"],
        ).render(language))
    if not data["coordination"]:
        lines.append(f"  {t('portfolio.none_coordination')}")
    lines.append("")
    lines.append(f"{t('portfolio.missing')} ({len(data['missing'])})")
    lines += [f"  {message}" for message in data["missing"]] or [f"  {t('portfolio.none_missing')}"]
    stream.write("\n".join(lines) + "\n")


def write_markdown(result: PortfolioResult, language: str, stream: TextIO) -> None:
    from itstyr.render.environment import environment

    template = environment(language).get_template("portfolio/portfolio.md.j2")
    stream.write(template.render(**view(result, language)))


PORTFOLIO_FORMATS = {"text": write_text, "markdown": write_markdown, "json": write_json}
