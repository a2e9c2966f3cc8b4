"""`itstyr portfolio`: the ranking by the decided prioritisation model (must-requirements first, then the
weighted score, ties broken in a stated order), demand against capacity with the initiatives beyond it
in rank order, what the ranking could not use, and coordination across administrations (Q4d). Run
through the CLI on the template, on copies of it broken in one place, and on the 2023 baseline."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, TEMPLATE

BASELINE = ROOT / "examples" / "helsingborg-2023"
AS_OF = "2026-11-30"
INITIATIVES = Path("portfolj") / "initiativ"


def edit(repo: Path, relative: str | Path, old: str, new: str) -> None:
    """Replace one exact passage in a file of the copy (and fail loudly if the template changed)."""
    path = repo / relative
    source = path.read_text(encoding="utf-8")
    assert source.count(old) == 1, f"{old!r} is not once in {relative}"
    path.write_text(source.replace(old, new), encoding="utf-8")


def portfolio(cli, repo: Path, *args: str):
    run = cli("portfolio", str(repo), "--as-of", AS_OF, "--format", "json", *args)
    assert run.code == 0, run.err
    return run.json()


def ranked_ids(data: dict) -> list[str]:
    return [entry["id"] for entry in data["ranking"]]


# --- The ranking ---------------------------------------------------------------------------------


def test_template_ranks_its_open_initiatives_by_the_decided_model(cli):
    run = cli("portfolio", str(TEMPLATE), "--as-of", AS_OF)
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0] == "Portföljen för Hamnköpings stad per 2026-11-30"
    assert "Rangordning enligt Prioriteringsgrunder för digitaliseringsinitiativ (prio-digitalisering)" in lines
    top = [line.split()[0:2] for line in lines if line[:5].strip().isdigit()][:5]
    assert top == [["1", "85"], ["2", "83"], ["3", "82"], ["4", "81"], ["5", "78"]]
    assert "Digital ansökan om ekonomiskt bistånd" in next(line for line in lines if line.lstrip().startswith("1 "))
    data = portfolio(cli, TEMPLATE)
    assert ranked_ids(data)[:5] == [
        "init-digitalt-ekonomiskt-bistand",
        "init-gemensam-bokning",
        "init-automatiserad-fakturahantering",
        "init-digital-bygglovsprocess",
        "init-verksamhetssystem-ifo",
    ]
    # Delivered initiatives (realisering, avslutad) do not compete for a place.
    assert "init-mobil-dokumentation-hemtjanst" not in ranked_ids(data)
    assert {"init-mobil-dokumentation-hemtjanst", "init-meroppet-bibliotek"} <= {c["id"] for c in data["closed"]}
    assert data["missing"] == [] and data["not_ranked"] == []


def test_the_total_is_computed_from_the_scores_not_taken_from_the_file(cli, template_copy):
    edit(template_copy, INITIATIVES / "gemensam-bokning.yaml", "total: 83.0", "total: 99.0")
    data = portfolio(cli, template_copy)
    booking = next(entry for entry in data["ranking"] if entry["id"] == "init-gemensam-bokning")
    assert (booking["rank"], booking["total"], booking["recorded_total"]) == (2, 83.0, 99)
    run = cli("portfolio", str(template_copy), "--as-of", AS_OF)
    assert "angiven totalpoäng 99 stämmer inte med poängen" in run.out


def test_a_tie_is_broken_by_the_heaviest_criterion_that_differs(cli, template_copy):
    # In the template, GIS (#6) and mobile inspection (#7) both score 76; benefit (nytta, weight 30) is
    # equal, so the next heaviest criterion (strategi, 20, first in the model's order) decides.
    data = portfolio(cli, TEMPLATE)
    sixth, seventh = data["ranking"][5], data["ranking"][6]
    assert (sixth["id"], sixth["total"], sixth["tie"]) == ("init-gemensam-gis-plattform", 76.0, None)
    assert (seventh["id"], seventh["total"]) == ("init-mobil-miljotillsyn", 76.0)
    assert seventh["tie"] == {"with": "init-gemensam-gis-plattform", "by": "criterion", "criterion": "strategi"}
    assert data["models"][0]["tie_break_order"] == ["nytta", "strategi", "angelagenhet", "genomforbarhet", "risk"]
    # Turn it round: still 76, now higher on strategi, so mobile inspection goes first.
    edit(
        template_copy,
        INITIATIVES / "mobil-miljotillsyn.yaml",
        "scores: {strategi: 3, angelagenhet: 4, nytta: 4, genomforbarhet: 4, risk: 4}",
        "scores: {strategi: 5, angelagenhet: 2, nytta: 4, genomforbarhet: 4, risk: 4}",
    )
    data = portfolio(cli, template_copy)
    assert ranked_ids(data)[5:7] == ["init-mobil-miljotillsyn", "init-gemensam-gis-plattform"]
    assert data["ranking"][6]["tie"]["by"] == "criterion"
    run = cli("portfolio", str(template_copy), "--as-of", AS_OF)
    assert "lika poäng som #6, avgjort på kriteriet Bidrag till stadens mål" in run.out


def test_equal_scores_everywhere_go_by_the_earlier_received_date_then_by_id(cli, template_copy):
    same = "scores: {strategi: 4, angelagenhet: 3, nytta: 4, genomforbarhet: 4, risk: 4}"
    edit(template_copy, INITIATIVES / "mobil-miljotillsyn.yaml", "scores: {strategi: 3, angelagenhet: 4, nytta: 4, genomforbarhet: 4, risk: 4}", same)
    edit(template_copy, INITIATIVES / "mobil-miljotillsyn.yaml", 'received: "2026-03-02"', 'received: "2025-06-01"')
    data = portfolio(cli, template_copy)
    assert ranked_ids(data)[5:7] == ["init-mobil-miljotillsyn", "init-gemensam-gis-plattform"]
    assert data["ranking"][6]["tie"] == {"with": "init-mobil-miljotillsyn", "by": "received", "criterion": None}
    edit(template_copy, INITIATIVES / "mobil-miljotillsyn.yaml", 'received: "2025-06-01"', 'received: "2025-11-03"')
    data = portfolio(cli, template_copy)
    assert ranked_ids(data)[5:7] == ["init-gemensam-gis-plattform", "init-mobil-miljotillsyn"]
    assert data["ranking"][6]["tie"]["by"] == "id"


def test_an_initiative_failing_a_must_requirement_is_listed_apart_whatever_it_scores(cli, template_copy):
    edit(
        template_copy,
        INITIATIVES / "digitalt-ekonomiskt-bistand.yaml",
        "ska-2: true",
        "ska-2: false",
    )
    data = portfolio(cli, template_copy)
    assert "init-digitalt-ekonomiskt-bistand" not in ranked_ids(data)
    assert ranked_ids(data)[0] == "init-gemensam-bokning"  # the next one moves up to first place
    failed = {entry["id"]: entry for entry in data["must_failed"]}
    assert failed["init-digitalt-ekonomiskt-bistand"]["failed"] == [
        {"id": "ska-2", "text": "En beställare och en nyttoägare i linjen är utsedda."}
    ]
    assert failed["init-digitalt-ekonomiskt-bistand"]["total"] == 85.0
    # The rejected sensor initiative is the must-requirements at work in the template itself.
    assert failed["init-sensorer-inomhusklimat"]["status"] == "avslagen"
    run = cli("portfolio", str(template_copy), "--as-of", AS_OF)
    assert "Uppfyller inte ska-kraven (2)" in run.out
    assert "Digital ansökan om ekonomiskt bistånd [Pågående, 85]: ska-2" in run.out


def test_what_the_ranking_could_not_use_is_listed_with_every_reason(cli, template_copy):
    ai = INITIATIVES / "ai-stod-kontaktcenter.yaml"
    edit(template_copy, ai, "goals: [goal-digitala-tjanster]\n", "")
    edit(template_copy, ai, "intake_channel: bestallningsformular", "intake_channel: informell")
    edit(template_copy, ai, "scores: {strategi: 4, angelagenhet: 3, nytta: 3, genomforbarhet: 3, risk: 2}", "scores: {strategi: 4, nytta: 3}")
    data = portfolio(cli, template_copy)
    assert "init-ai-stod-kontaktcenter" not in ranked_ids(data)
    (entry,) = data["not_ranked"]
    assert [reason["code"] for reason in entry["reasons"]] == ["no_goals", "informal", "incomplete_scores"]
    assert entry["reasons"][2]["text"] == "saknar poäng på angelagenhet, genomforbarhet, risk"
    run = cli("portfolio", str(template_copy), "--as-of", AS_OF, "--lang", "en")
    assert "Could not be ranked (1)" in run.out
    assert "no goals; came in through an informal channel; has no score on angelagenhet, genomforbarhet, risk" in run.out


# --- Capacity ------------------------------------------------------------------------------------


def test_demand_beyond_capacity_names_the_initiatives_in_rank_order(cli, template_copy):
    # Datafabriken in 2027-T1: 300 h for #1, 400 h for #6, 200 h for #7 and 300 h for #8 = 1,200 h.
    edit(template_copy, "organisation/digitaliseringsavdelningen.yaml", "  - period: 2027-T1\n    hours: 2200", "  - period: 2027-T1\n    hours: 800")
    data = portfolio(cli, template_copy)
    row = next(r for r in data["capacity"] if r["unit"] == "unit-team-datafabriken" and r["period"] == "2027-T1")
    assert (row["measure"], row["capacity"], row["demand"], row["free"], row["over"]) == ("hours", 800, 1200, -400, True)
    assert [(i["rank"], i["amount"], i["beyond"]) for i in row["initiatives"]] == [(1, 300, 0), (6, 400, 0), (7, 200, 100), (8, 300, 300)]
    others = [r for r in data["capacity"] if r is not row]
    assert not any(r["over"] for r in others)
    run = cli("portfolio", str(template_copy), "--as-of", AS_OF)
    assert "ÖVER KAPACITET" in run.out
    beyond = [line.strip() for line in run.out.splitlines() if line.strip().startswith("över kapaciteten:")]
    assert beyond == [
        "över kapaciteten: #7 Mobil inspektion i miljö- och livsmedelstillsynen: 200 h, varav 100 h över",
        "över kapaciteten: #8 Gemensamt beslutsstöd för mål- och tertialuppföljning: 300 h, varav 300 h över",
    ]


def test_capacity_and_effort_in_different_measures_are_not_converted(cli, template_copy):
    edit(template_copy, "organisation/digitaliseringsavdelningen.yaml", "  - period: 2027-T1\n    hours: 2200", "  - period: 2027-T1\n    fte: 4")
    data = portfolio(cli, template_copy)
    row = next(r for r in data["capacity"] if r["unit"] == "unit-team-datafabriken" and r["period"] == "2027-T1")
    assert row["measure"] is None and row["over"] is False and row["free"] is None
    assert "olika mått" in row["missing"]


def test_effort_where_a_team_declares_no_capacity_is_named_as_missing(cli, template_copy):
    edit(
        template_copy,
        INITIATIVES / "gemensam-bokning.yaml",
        "unit: unit-team-digital-utveckling\n    period: 2027-T3",
        "unit: unit-team-digital-utveckling\n    period: 2028-T1",
    )
    data = portfolio(cli, template_copy)
    assert data["missing"] == [
        "Digital utveckling anger ingen kapacitet för 2028-T1, men init-gemensam-bokning behöver insats där."
    ]


# --- Coordination (Q4d) --------------------------------------------------------------------------


def test_initiatives_of_two_administrations_on_one_system_without_a_link_are_listed(cli, template_copy):
    building = INITIATIVES / "digital-bygglovsprocess.yaml"
    booking = INITIATIVES / "gemensam-bokning.yaml"
    edit(template_copy, building, "init-digitalt-ekonomiskt-bistand, init-gemensam-bokning, ", "init-digitalt-ekonomiskt-bistand, ")
    assert portfolio(cli, template_copy)["coordination"] == []  # the link is still there, from the other side
    edit(template_copy, booking, "coordinated_with: [init-digital-bygglovsprocess, ", "coordinated_with: [")
    data = portfolio(cli, template_copy)
    assert data["coordination"] == [
        {
            "initiatives": ["init-digital-bygglovsprocess", "init-gemensam-bokning"],
            "names": ["Digital bygglovsprocess hela vägen", "Gemensam bokningsplattform för lokaler och anläggningar"],
            "administrations": ["unit-stadsbyggnadsforvaltningen", "unit-fastighetsforvaltningen"],
            "administration_names": ["Stadsbyggnadsförvaltningen", "Fastighetsförvaltningen"],
            "systems": ["sys-e-tjansteplattform"],
        }
    ]
    run = cli("portfolio", str(template_copy), "--as-of", AS_OF)
    assert "Möjlig suboptimering mellan förvaltningar (Q4d) (1)" in run.out
    assert "berör sys-e-tjansteplattform utan att vara samordnade" in run.out


def test_initiatives_of_the_same_administration_need_no_link(cli, template_copy):
    # Invoice automation and the decision support both come from the city executive office and share
    # the finance system; with their link removed they are still not a cross-administration finding.
    edit(template_copy, INITIATIVES / "automatiserad-fakturahantering.yaml", "coordinated_with: [init-beslutsstod-uppfoljning]\n", "")
    edit(template_copy, INITIATIVES / "beslutsstod-uppfoljning.yaml", "init-automatiserad-fakturahantering, ", "")
    assert portfolio(cli, template_copy)["coordination"] == []


# --- Output and the baseline ---------------------------------------------------------------------


def test_json_shape_is_stable(cli):
    data = portfolio(cli, TEMPLATE)
    assert list(data) == [
        "tool", "version", "format_version", "command", "language", "as_of", "organisation", "models", "ranking",
        "must_failed", "not_ranked", "closed", "capacity", "coordination", "missing",
    ]
    assert (data["format_version"], data["command"], data["as_of"]) == (1, "portfolio", AS_OF)
    assert list(data["models"][0]) == ["id", "name", "status", "must_requirements", "criteria", "tie_break_order", "min_score_to_start"]
    assert list(data["ranking"][0]) == [
        "rank", "id", "name", "path", "line", "model", "status", "total", "recorded_total", "decided_rank",
        "below_start", "origin_unit", "tie",
    ]
    assert list(data["must_failed"][0]) == ["id", "name", "path", "line", "model", "status", "failed", "total"]
    assert list(data["capacity"][0]) == [
        "unit", "unit_name", "period", "measure", "capacity", "demand", "confirmed", "free", "utilisation", "over",
        "initiatives", "missing",
    ]
    assert list(data["capacity"][0]["initiatives"][0]) == ["id", "name", "rank", "amount", "confirmed", "beyond"]
    assert data["ranking"][0]["path"] == "portfolj/initiativ/digitalt-ekonomiskt-bistand.yaml"


def test_markdown_in_both_languages(cli):
    run = cli("portfolio", str(TEMPLATE), "--as-of", AS_OF, "--format", "markdown")
    assert run.code == 0 and run.out.startswith("# Portföljen för Hamnköpings stad per 2026-11-30\n")
    assert "| 1 | 85 | Digital ansökan om ekonomiskt bistånd | Pågående |  |" in run.out
    assert "| Datafabriken | 2026-T3 | 2\u00a0200 h | 1\u00a0900 | 300 | 86 % |  |" in run.out
    english = cli("portfolio", str(TEMPLATE), "--as-of", AS_OF, "--format", "markdown", "--lang", "en")
    assert english.code == 0 and "## Failing must-requirements (1)" in english.out
    assert "| Datafabriken | 2026-T3 | 2,200 h | 1,900 | 300 | 86 % |  |" in english.out


def test_the_baseline_shows_what_the_audit_found_missing(cli):
    run = cli("portfolio", str(BASELINE))
    assert run.code == 0, run.err
    assert run.out.startswith("Portföljen för Helsingborgs stad per 2023-11-27\n")
    data = cli("portfolio", str(BASELINE), "--format", "json").json()
    assert data["ranking"] == [] and data["capacity"] == []
    assert data["missing"] == [
        "Det finns inga initiativ (initiative): portföljen är tom.",
        "Det finns ingen gällande prioriteringsmodell (prioritisation_model): initiativen kan inte rangordnas efter beslutade grunder.",
        "Ingen enhet eller inget team anger sin kapacitet (capacity): efterfrågan kan inte jämföras med kapaciteten.",
        "Inget initiativ anger sin arbetsinsats (effort): efterfrågan på teamens tid är okänd.",
    ]


def test_bad_input_is_exit_code_2_without_a_traceback(cli, tmp_path):
    run = cli("portfolio", str(TEMPLATE), "--as-of", "2026-13-01")
    assert run.code == 2 and "Traceback" not in run.err and "2026-13-01" in run.err
    run = cli("portfolio", str(tmp_path / "finns-inte"))
    assert run.code == 2 and "Traceback" not in run.err


def test_help_has_an_example(cli):
    run = cli("portfolio", "--help")
    assert run.code == 0 and "Exempel" in run.out
