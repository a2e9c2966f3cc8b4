"""`itstyr report follow-up`: the board's follow-up report for a period. On the template (2026-T2,
as of 2026-11-30) every section shows the city's own figures; on a repository without follow-up
data, and on the 2023 baseline, every section names what is missing instead of guessing; the report
is English with --lang en, user text cannot break it, two runs give the same bytes, and a bad period
is a usage error that leaves the output untouched."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT, TEMPLATE
from itstyr.errors import UserError
from itstyr.followup import parse_report_period

BASELINE = ROOT / "examples" / "helsingborg-2023"
AS_OF = "2026-11-30"
SECTIONS_SV = (
    "1. Mål och nyckeltal",
    "2. Portföljen",
    "3. Nyttor",
    "4. It-leverans mot servicenivåer",
    "5. Pris- och kostnadsmodellen",
    "6. Intern kontroll",
    "7. Åtgärder efter granskningen och politiska uppdrag",
    "8. Försenat",
)


def report(cli, repo: Path, out: Path, *args: str) -> str:
    run = cli("report", "follow-up", str(repo), "--out", str(out), *args)
    assert run.code == 0, run.err
    return out.read_text(encoding="utf-8")


def section(text: str, anchor: str) -> str:
    """The text of one section, from its heading to the next section's."""
    start = text.index(f'<a id="{anchor}"></a>')
    following = text.find("\n## ", start)
    return text[start : following if following != -1 else len(text)]


@pytest.fixture(scope="module")
def template_t2(tmp_path_factory) -> str:
    from itstyr.cli.app import main

    out = tmp_path_factory.mktemp("t2") / "uppfoljning.md"
    try:
        main(["report", "follow-up", str(TEMPLATE), "--period", "2026-T2", "--out", str(out), "--as-of", AS_OF])
    except SystemExit as exit_:
        assert exit_.code in (0, None)
    return out.read_text(encoding="utf-8")


# --- The period -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "start", "end"),
    [
        ("2026-T2", "tertial", date(2026, 5, 1), date(2026, 8, 31)),
        ("2026-H1", "halvar", date(2026, 1, 1), date(2026, 6, 30)),
        ("2026", "ar", date(2026, 1, 1), date(2026, 12, 31)),
        ("2026-Q3", "kvartal", date(2026, 7, 1), date(2026, 9, 30)),
        ("2024-02", "manad", date(2024, 2, 1), date(2024, 2, 29)),
    ],
)
def test_periods_cover_their_whole_span(text, kind, start, end):
    period = parse_report_period(text)
    assert (period.kind, period.start, period.end) == (kind, start, end)


@pytest.mark.parametrize("text", ["2026-T4", "2026-H3", "2026-Q5", "2026-13", "2026-05-01", "2026-t2", "T2", ""])
def test_a_bad_period_is_a_user_error(text):
    with pytest.raises(UserError):
        parse_report_period(text)


# --- The template: every section with the city's own figures ---------------------------------------


def test_template_report_has_every_section(template_t2):
    assert template_t2.startswith("# Uppföljning av it och digitalisering: tertial 2 2026\n")
    assert "**Period:** tertial 2 2026 (2026-05-01 – 2026-08-31)" in template_t2
    for heading in SECTIONS_SV:
        assert f"</a>{heading}\n" in template_t2, heading
    assert "Delårsrapport 2026 – it och digitalisering" in template_t2
    assert "redovisad för Kommunstyrelsen 2026-09-23 § 178" in template_t2


def test_template_goals_against_targets(template_t2):
    goals = section(template_t2, "goals")
    # baseline 38, target 70, 52 measured on 2026-08-31: (52 - 38) / (70 - 38) = 44 %
    assert (
        "| Andel ärenden till staden som kommer in via e-tjänst (procent) | 38 (2024-12-31) | 70 (2030-12-31) | 52 | 2026-08-31 | 44 % |"
        in goals
    )
    assert "**Bedömning för perioden:** Delvis (2026-T2)" in goals
    assert (
        "| Frigjord arbetstid genom automatisering (timmar per år) | 17 800 | 16 000 | 20 000 (2026-12-31) | 2026-08-31 | Uppfylld |"
        in goals
    )
    assert "xychart-beta horizontal" in goals
    # the committee goal has no assessment for the period: named, not assumed
    assert "Målet Mer tid för omsorg genom digitala arbetssätt i hemtjänsten har ingen bedömning för 2026-T2." in goals


def test_template_portfolio_state(template_t2):
    portfolio = section(template_t2, "portfolio")
    assert "budget 2026: 18 500 000 kr" in portfolio
    assert "2026-06-11: Digitaliseringsrådet gick igenom portföljen (8 initiativ)." in portfolio
    assert "| Pågående | 6 |" in portfolio and "| **Totalt** | **14** |" in portfolio
    assert "pie showData" in portfolio
    assert "Grön – enligt plan (2026-08-31)" in portfolio
    # under way with no status report dated in May–August
    assert "Initiativet Digital ansökan om ekonomiskt bistånd pågår men har ingen lägesrapport från 2026-T2." in portfolio
    assert "Andel pågående initiativ med grön eller gul status har inget värde i uppföljningen för 2026-T2." in portfolio


def test_template_benefits_in_kronor(template_t2):
    benefits = section(template_t2, "benefits")
    assert "Värderade nyttor: 18 755 000 kr per år planerat, varav 310 000 kr realiserat (2 %)." in benefits
    assert "| Realiserad | 2 | 310 000 kr |" in benefits
    assert "| Delvis realiserad | 1 | – |" in benefits  # a benefit not valued in kronor is not 0 kr
    assert (
        "Nyttan Mer tid för brukarna (Mobil dokumentation i hemtjänsten) har ingen mätning till och med 2026-08-31." in benefits
    )


def test_template_delivery_against_service_levels(template_t2):
    delivery = section(template_t2, "delivery")
    support = next(line for line in delivery.splitlines() if line.startswith("| It-support |"))
    assert "| 2026-T2 | SLA standard | **Nej** |" in support and "87 / 90 procent" in support
    assert '"servicenivån uppnådd" : 3' in delivery and '"servicenivån inte uppnådd" : 2' in delivery


def test_template_cost_model_allocations(template_t2):
    costs = section(template_t2, "costs")
    assert "| Skol- och fritidsförvaltningen | 62 465 000 kr | -62 465 000 kr | 2026-04-15 (Budgetanvisning) |" in costs
    assert "| **Summa** | **135 245 000 kr** | | |" in costs
    assert "Modellens total för 2026: 135 245 000 kr. Fördelningen stämmer med totalen." in costs


def test_template_internal_control_results(template_t2):
    control = section(template_t2, "internal-control")
    assert "| ik-2 Behörigheter i verksamhetssystem | 12 | 2026-T1, 2026-T2, 2026-T3 | Avvikelse (2026-08-25) |" in control
    assert "| ik-4 Prioritering av initiativ | 6 | 2026-T2 | Ingen avvikelse (2026-08-28) | – |" in control
    assert "ik-1 " not in control  # planned for T1 only, no result in T2
    assert "Resultaten redovisades: Kommunstyrelsen 2026-09-23 § 179." in control


def test_template_audit_actions_and_nothing_overdue(template_t2):
    actions = section(template_t2, "actions")
    assert "| R2 | Alla system i förvaltningsobjekt med klassning och kostnadsbärare |" in actions
    assert "| 2027-06-30 | Pågående |" in actions
    assert "Uppdrag att ta fram riktlinjer för användning av AI i stadens verksamheter" in actions
    assert "Inget är försenat per 2026-11-30." in section(template_t2, "overdue")


def test_overdue_items_are_named_and_waivers_listed_apart(cli, template_copy, tmp_path):
    settings = template_copy / "itstyr.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8")
        + "waivers:\n  - rule: commission-overdue\n    reason: Återredovisas i samband med budgeten.\n    until: 2027-12-31\n",
        encoding="utf-8",
    )
    text = report(cli, template_copy, tmp_path / "sent.md", "--period", "2027-T2", "--as-of", "2027-10-01")
    overdue = section(text, "overdue")
    assert "| Förbättrade åtgärdstider i it-supporten | **Åtgärden är inte klar fast slutdatumet har passerat.**" in overdue
    assert "granskning/atgarder.yaml:" in overdue
    waived = overdue.split("### Undantaget genom beslut (waiver)")[1]
    assert "Uppdrag att ta fram riktlinjer för användning av AI" in waived and "Återredovisas i samband med budgeten." in waived


def test_a_period_not_yet_ended_shows_the_scheduled_follow_up(cli, tmp_path):
    text = report(cli, TEMPLATE, tmp_path / "t3.md", "--period", "2026-T3", "--as-of", AS_OF)
    assert "Perioden har inte tagit slut per 2026-11-30" in text
    assert "Uppföljningen är planerad till 2026-12-16 (särskild rapport)." in text


# --- Without follow-up data: everything named as missing -------------------------------------------


def test_a_repository_without_follow_up_data_names_everything_missing(cli, tmp_path):
    repo = tmp_path / "tomt"
    repo.mkdir()
    text = report(cli, repo, tmp_path / "tom.md", "--period", "2026-T2", "--as-of", AS_OF)
    for heading in SECTIONS_SV:
        assert heading in text
    expected = {
        "goals": "Inga mätbara mål",
        "portfolio": "Det finns ingen portfölj",
        "benefits": "Inga nyttor är registrerade",
        "delivery": "Inga it-tjänster är registrerade",
        "costs": "Ingen pris- och kostnadsmodell gäller per 2026-08-31.",
        "internal-control": "Det finns ingen internkontrollplan för 2026.",
        "actions": "Inga granskningar, åtgärder eller uppdrag",
    }
    for anchor, sentence in expected.items():
        part = section(text, anchor)
        assert "**Saknat underlag:**" in part and sentence in part, anchor
    assert "**Uppföljningsplan:** *saknat underlag*" in text
    assert "```mermaid" not in text  # nothing to draw


def test_template_without_its_follow_up_folder(cli, template_copy, tmp_path):
    shutil.rmtree(template_copy / "uppfoljning")
    text = report(cli, template_copy, tmp_path / "utan.md", "--period", "2026-T2", "--as-of", AS_OF)
    assert "**Uppföljningsplan:** *saknat underlag*" in text
    assert "Det finns ingen internkontrollplan för 2026." in text
    assert "| It-support | 2026-T2 |" in text  # what the repository still holds is still reported


def test_baseline_shows_what_the_audit_found_missing(cli, tmp_path):
    text = report(cli, BASELINE, tmp_path / "2023.md", "--period", "2023", "--as-of", "2023-11-27")
    assert text.startswith("# Uppföljning av it och digitalisering: år 2023\n")
    assert "Ingen uppföljningsplan gäller" in text
    for recommendation in ("R1", "R2", "R3", "R4", "R5", "R6", "R7"):
        assert f"| {recommendation} | *saknat underlag* |" in text
        assert f"Rekommendation {recommendation} i Granskning styrning av it och digitalisering har ingen åtgärd." in text
    assert "Inga it-tjänster är registrerade" in text and "Inga nyttor är registrerade" in text
    assert "Det finns ingen internkontrollplan för 2023." in text
    assert "styrdokument/it-policy-2008.yaml:" in section(text, "overdue")


# --- Language, escaping, determinism, errors ------------------------------------------------------


def test_english(cli, tmp_path):
    text = report(cli, TEMPLATE, tmp_path / "en.md", "--period", "2026-T2", "--as-of", AS_OF, "--lang", "en")
    assert text.startswith("# Follow-up of IT and digitalisation: four-month period 2 2026\n")
    for heading in ("1. Goals and indicators", "3. Benefits", "4. IT delivery against service levels", "8. Overdue"):
        assert heading in text
    assert "Valued benefits: SEK 18,755,000 a year planned, of which SEK 310,000 realised (2 %)." in text
    assert "City of Hamnköping" in text and "| Service |" in text
    assert "Mål och nyckeltal" not in text and "saknat underlag" not in text


def test_user_text_cannot_break_a_table_a_chart_or_run_html(cli, template_copy, tmp_path):
    units = template_copy / "organisation" / "forvaltningar.yaml"
    source = units.read_text(encoding="utf-8")
    hostile = 'Miljö | "x" <script>alert(1)</script>'
    units.write_text(source.replace("name: Miljöförvaltningen", f"name: '{hostile}'", 1), encoding="utf-8")
    text = report(cli, template_copy, tmp_path / "elak.md", "--period", "2026-T2", "--as-of", AS_OF)
    assert "<script>" not in text
    assert '| Miljö \\| "x" &lt;script&gt;alert(1)&lt;/script&gt; | 1 791 000 kr |' in text
    chart = section(text, "costs").split("```mermaid")[1].split("```")[0]
    label = next(line for line in chart.splitlines() if "1791000" in line)
    assert re.fullmatch(r'    "[^"<>|]+" : 1791000', label), label


def test_two_runs_give_the_same_bytes(cli, tmp_path):
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    report(cli, TEMPLATE, first, "--period", "2026-T2", "--as-of", AS_OF)
    report(cli, TEMPLATE, second, "--period", "2026-T2", "--as-of", AS_OF)
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("period", ["2026-T4", "2026-05-01", "tertial 2"])
def test_bad_period_is_exit_2_and_leaves_the_output_untouched(cli, tmp_path, period):
    out = tmp_path / "uppfoljning.md"
    out.write_text("förra rapporten\n", encoding="utf-8")
    run = cli("report", "follow-up", str(TEMPLATE), "--period", period, "--out", str(out))
    assert run.code == 2
    assert f"'{period}' är ingen period som en uppföljning kan gälla." in run.err and "2026-T2" in run.err
    assert "Traceback" not in run.err
    assert out.read_text(encoding="utf-8") == "förra rapporten\n"


def test_bad_as_of_and_unwritable_output_are_exit_2(cli, tmp_path):
    assert (
        cli("report", "follow-up", str(TEMPLATE), "--period", "2026-T2", "--out", str(tmp_path / "x.md"), "--as-of", "30/11").code
        == 2
    )
    run = cli("report", "follow-up", str(TEMPLATE), "--period", "2026-T2", "--out", str(tmp_path / "saknas" / "x.md"))
    assert run.code == 2 and "Traceback" not in run.err


def test_help_has_an_example(cli):
    run = cli("report", "follow-up", "--help")
    assert run.code == 0 and "Exempel" in run.out and "--period" in run.out


def test_every_message_the_report_uses_exists():
    from itstyr.messages import catalogue

    sources = [path.read_text(encoding="utf-8") for path in (ROOT / "src" / "itstyr" / "followup").glob("*.py")]
    sources.append((ROOT / "src" / "itstyr" / "data" / "templates" / "reports" / "follow_up.md.j2").read_text(encoding="utf-8"))
    used = {key for source in sources for key in re.findall(r'"(follow_up\.[a-z_.]+[a-z_])"', source)}
    sections = {
        f"follow_up.section.{key}"
        for key in ("goals", "portfolio", "benefits", "delivery", "costs", "internal_control", "actions", "overdue")
    }
    periods = {f"follow_up.period.{kind}" for kind in ("ar", "halvar", "tertial", "kvartal", "manad")}
    assert used, "no keys found"
    assert sorted((used | sections | periods) - set(catalogue())) == []
