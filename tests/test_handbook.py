"""`itstyr render handbook`: the handbook rendered from the template and the baseline, checked as a
reader and a publisher see it: every page is there, every internal link and anchor resolves, every
Mermaid diagram is well formed and has a text alternative, the RACI table has a column per party,
hostile text stays text, the same input gives the same bytes, and the output folder is replaced
only when itstyr made it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, TEMPLATE
from itstyr.api import validate

AS_OF = "2026-11-30"
BASELINE = ROOT / "examples" / "helsingborg-2023"
SECTION_PAGES = [
    "index.md",
    "styrdokument/index.md",
    "organisation.md",
    "roller.md",
    "system.md",
    "forum/index.md",
    "mal.md",
    "portfolj/index.md",
    "ekonomi.md",
    "uppfoljning.md",
    "granskning.md",
    "andringar.md",
    "ordlista.md",
    "register.md",
]
MERMAID_TYPES = ("flowchart", "graph", "xychart-beta", "pie", "sequenceDiagram", "classDiagram", "stateDiagram", "timeline")
TEXT_ALTERNATIVE = {"sv": "*Diagrammet i text:*", "en": "*The diagram in text:*"}
LINK = re.compile(r"(?<!\\)\]\(([^)\s]*)\)")
ANCHOR = re.compile(r'<a id="([^"]+)"></a>')
FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


# --- Helpers ------------------------------------------------------------------------------------


def render(cli, repo: Path, out: Path, *extra: str):
    return cli("render", "handbook", str(repo), "--out", str(out), *extra)


def pages(out: Path) -> dict[str, str]:
    return {path.relative_to(out).as_posix(): path.read_text(encoding="utf-8") for path in sorted(out.rglob("*.md"))}


def without_code(markdown: str) -> str:
    return FENCE.sub("", markdown)


def broken_links(out: Path) -> list[str]:
    """Every relative link that does not lead to a page of the handbook, or to an anchor on it."""
    files = pages(out)
    anchors = {path: set(ANCHOR.findall(text)) for path, text in files.items()}
    broken = []
    for path, text in files.items():
        folder = Path(path).parent
        for target in LINK.findall(without_code(text)):
            if re.match(r"^(https?:|mailto:)", target):
                continue
            page, _, anchor = target.partition("#")
            resolved = os.path.normpath((folder / page).as_posix()) if page else path
            resolved = resolved.replace(os.sep, "/")
            if resolved not in files:
                broken.append(f"{path}: {target} (no page {resolved})")
            elif anchor and anchor not in anchors[resolved]:
                broken.append(f"{path}: {target} (no anchor {anchor} on {resolved})")
    return broken


def mermaid_blocks(markdown: str) -> list[tuple[str, str]]:
    """(diagram, the text that follows it) for every Mermaid block."""
    found = []
    for match in FENCE.finditer(markdown):
        if match.group(1) == "mermaid":
            found.append((match.group(2), markdown[match.end() :].lstrip("\n")))
    return found


def mermaid_problems(diagram: str) -> list[str]:
    """Structural sanity: a known diagram type first, and on every line balanced quotes and, outside
    quoted labels, balanced brackets."""
    problems = []
    lines = diagram.strip("\n").split("\n")
    if not lines[0].strip().startswith(MERMAID_TYPES):
        problems.append(f"unknown diagram type: {lines[0]!r}")
    for line in lines[1:]:
        if line.count('"') % 2:
            problems.append(f"unbalanced quotes: {line!r}")
            continue
        outside = re.sub(r'"[^"]*"', "", line)
        stack = []
        for char in outside:
            if char in "([{":
                stack.append(char)
            elif char in ")]}":
                if not stack or "([{"[")]}".index(char)] != stack.pop():
                    problems.append(f"unbalanced brackets: {line!r}")
                    break
        else:
            if stack:
                problems.append(f"unbalanced brackets: {line!r}")
    return problems


def table_rows(markdown: str, header_start: str) -> list[list[str]]:
    """The rows (header first, separator left out) of the table whose header starts as given."""
    lines = markdown.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(header_start))
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        if re.fullmatch(r"\|(\s*:?-+:?\s*\|)+", line):
            continue
        rows.append([cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]])
    return rows


@pytest.fixture(scope="module")
def template_handbook(tmp_path_factory) -> Path:
    from itstyr.render.handbook import render_handbook

    out = tmp_path_factory.mktemp("handbook") / "handbok"
    render_handbook(TEMPLATE, out, None, AS_OF)
    return out


# --- The template rendered ----------------------------------------------------------------------


def test_the_cli_writes_the_handbook_and_says_where(cli, tmp_path):
    run = render(cli, TEMPLATE, tmp_path / "handbok", "--as-of", AS_OF)
    assert run.code == 0, run.err
    assert run.out.startswith(f"Handboken är skriven till {tmp_path / 'handbok'}: ")
    assert run.out.rstrip().endswith(f"sidor, per {AS_OF}.")
    assert (tmp_path / "handbok" / "index.md").is_file()
    assert run.err == ""


def test_every_section_and_entity_has_its_page(template_handbook):
    workspace = validate(TEMPLATE).workspace
    expected = set(SECTION_PAGES)
    expected |= {f"styrdokument/{d.id}.md" for d in workspace.of_kind("steering_document")}
    expected |= {f"forum/{d.id}.md" for d in workspace.of_kind("forum")}
    expected |= {f"portfolj/{d.id}.md" for d in workspace.of_kind("initiative")}
    assert set(pages(template_handbook)) == expected
    assert (template_handbook / ".itstyr-handbook").is_file()


def test_every_internal_link_resolves_to_a_page_and_anchor(template_handbook):
    assert broken_links(template_handbook) == []


def test_every_entity_is_in_the_index_with_a_working_link(template_handbook):
    register = pages(template_handbook)["register.md"]
    workspace = validate(TEMPLATE).workspace
    for document in workspace:
        if document.id:
            assert f"#{document.id})" in register or f"{document.id}.md)" in register, document.id


def test_every_mermaid_diagram_is_well_formed_and_has_a_text_alternative(template_handbook):
    diagrams = 0
    for path, text in pages(template_handbook).items():
        for diagram, after in mermaid_blocks(text):
            diagrams += 1
            assert mermaid_problems(diagram) == [], path
            assert after.startswith(TEXT_ALTERNATIVE["sv"]), path
    assert diagrams >= 3  # the city, the digitalisation department, the governance model


def test_every_page_has_one_title_and_headings_in_order(template_handbook):
    """Accessibility: one h1 per page and no level skipped on the way down (WCAG 1.3.1, 2.4.6)."""
    for path, text in pages(template_handbook).items():
        levels = [len(m.group(1)) for m in re.finditer(r"^(#{1,6}) ", without_code(text), re.MULTILINE)]
        assert levels[0] == 1 and levels.count(1) == 1, path
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, f"{path}: h{before} followed by h{after}"


def test_the_governance_model_is_drawn_with_levels_forums_and_escalation(template_handbook):
    text = pages(template_handbook)["forum/index.md"]
    (diagram, _after), = mermaid_blocks(text)
    assert diagram.startswith("flowchart")
    assert '["Strategisk nivå"]' in diagram and '(["Digitaliseringsrådet"])' in diagram
    assert '-->|"eskalerar till"|' in diagram
    assert "- [Digitaliseringsrådet](forum-digitaliseringsradet.md) eskalerar till [Kommunstyrelsen]" in text


def test_the_raci_table_has_one_column_per_party(template_handbook):
    matrix = validate(TEMPLATE).workspace.get("raci-digitalisering-forvaltningar").data
    rows = table_rows(pages(template_handbook)["roller.md"], "| Aktivitet |")
    header, body = rows[0], rows[1:]
    assert header == ["Aktivitet"] + [party["name"] for party in matrix["parties"]]
    assert len(body) == len(matrix["activities"])
    assert all(len(row) == len(header) for row in body)
    first = matrix["activities"][0]
    cells = dict(zip(header[1:], body[0][1:], strict=True))
    for party in matrix["parties"]:
        assert cells[party["name"]] == first["assignments"].get(party["id"], "")


def test_the_start_page_shows_scores_counts_overdue_and_where_to_begin(template_handbook):
    start = pages(template_handbook)["index.md"]
    assert start.startswith("# Handbok för styrning av it och digitalisering – Hamnköpings stad\n")
    assert "| [R1 Styrande dokument](granskning.md#audit-styrning-it-2023-r1) | 96 | Uppfylld |" in start
    assert "| [Gällande styrdokument](styrdokument/index.md) | 14 |" in start
    assert f"Inget är försenat per {AS_OF}." in start
    assert "- [Forum och styrmodell](forum/index.md): " in start


def test_overdue_steering_documents_are_highlighted(cli, tmp_path):
    run = render(cli, TEMPLATE, tmp_path / "h", "--as-of", "2029-06-01")
    assert run.code == 0, run.err
    register = (tmp_path / "h" / "styrdokument" / "index.md").read_text(encoding="utf-8")
    assert "| [IT-policy för Hamnköpings stad](doc-it-policy-2025.md) |" in register
    assert "**Försenad:** 2029-03 |" in register
    start = (tmp_path / "h" / "index.md").read_text(encoding="utf-8")
    assert "- [IT-policy för Hamnköpings stad](styrdokument/doc-it-policy-2025.md) (styrdokument): " in start


def test_initiatives_are_ranked_by_total_score(template_handbook):
    rows = table_rows(pages(template_handbook)["portfolj/index.md"], "| Plats |")[1:]
    totals = [float(row[3].replace(",", ".").replace("\u00a0", "")) for row in rows if row[3] != "–"]
    assert totals == sorted(totals, reverse=True) and len(totals) > 5
    assert [row[0] for row in rows[:3]] == ["1", "2", "3"]


def test_costs_are_shown_for_the_as_of_year_per_administration(template_handbook):
    costs = pages(template_handbook)["ekonomi.md"]
    assert "### Fördelning per förvaltning 2026" in costs
    assert "| **Summa** | **135\u00a0245\u00a0000 kr** |" in costs


def test_english(cli, tmp_path):
    run = render(cli, TEMPLATE, tmp_path / "en", "--as-of", AS_OF, "--lang", "en")
    assert run.code == 0, run.err
    assert run.out.startswith("The handbook was written to ")
    files = pages(tmp_path / "en")
    assert files["index.md"].startswith("# Handbook of the governance of IT and digitalisation – City of Hamnköping\n")
    assert "## The state at a glance" in files["index.md"]
    assert "| Activity |" in files["roller.md"]
    assert "SEK 135,245,000" in files["ekonomi.md"]
    assert "\n# Digitalisation council\n" in files["forum/forum-digitaliseringsradet.md"]  # name_en where there is one
    assert broken_links(tmp_path / "en") == []
    for text in files.values():
        for _diagram, after in mermaid_blocks(text):
            assert after.startswith(TEXT_ALTERNATIVE["en"])


def test_the_baseline_renders_with_what_it_lacks_said_plainly(cli, tmp_path):
    out = tmp_path / "baseline"
    run = render(cli, BASELINE, out)  # as_of 2023-11-27 from its itstyr.yaml
    assert run.code == 0, run.err
    files = pages(out)
    assert broken_links(out) == []
    assert "| [R2 Ansvar och gränsdragning](granskning.md#audit-styrning-it-2023-r2) | 0 | Ej uppfylld |" in files["index.md"]
    assert "Ingen ansvarsmatris är registrerad." in files["roller.md"]
    assert "Förrådet har ingen beslutad styr- och samverkansmodell." in files["forum/index.md"]
    for text in files.values():
        for diagram, _after in mermaid_blocks(text):
            assert mermaid_problems(diagram) == []


def test_every_valid_example_renders_with_only_some_fields_filled(cli, tmp_path):
    """The kinds' examples fill few optional fields and refer to ids that do not exist: each page
    must still render, with a missing reference shown as text rather than a broken link."""
    repo = tmp_path / "examples"
    repo.mkdir()
    for path in sorted(EXAMPLES.glob("*/valid-*.yaml")):
        (repo / f"{path.parent.name}-{path.name}").write_bytes(path.read_bytes())
    out = tmp_path / "h"
    run = render(cli, repo, out, "--as-of", AS_OF)
    assert run.code == 0, run.err
    assert broken_links(out) == []
    for text in pages(out).values():
        for diagram, _after in mermaid_blocks(text):
            assert mermaid_problems(diagram) == []


# --- Escaping -----------------------------------------------------------------------------------

HOSTILE_NAME = "Evil | <script>alert(1)</script> `code` [x](javascript:alert(1)) \"]; n1 --> n2"
HOSTILE_TEXT = "Läs [mer](javascript:alert(2)) och <img src=x onerror=alert(3)>.\n# Rubrik\n[ref]: javascript:alert(4)"


def _make_hostile(repo: Path) -> None:
    for relative, old in (
        ("system/gis.yaml", "name: GIS-plattform"),
        ("organisation/digitaliseringsavdelningen.yaml", "name: Datafabriken"),
        ("forum/arkitekturradet.yaml", "name: Arkitekturrådet"),
        ("styrdokument/it-policy-2025.yaml", "name: IT-policy för Hamnköpings stad"),
    ):
        path = repo / relative
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, "name: '" + HOSTILE_NAME.replace("'", "''") + "'", 1), encoding="utf-8")
    path = repo / "system" / "gis.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("description:")
    end = text.index("\n", start)
    block = "description: |\n" + "".join(f"  {line}\n" for line in HOSTILE_TEXT.split("\n"))
    path.write_text(text[:start] + block + text[end + 1 :], encoding="utf-8")


def test_hostile_text_stays_text(cli, template_copy, tmp_path):
    _make_hostile(template_copy)
    assert validate(template_copy).errors == 0
    out = tmp_path / "h"
    run = render(cli, template_copy, out, "--as-of", AS_OF)
    assert run.code == 0, run.err
    files = pages(out)
    everything = "\n".join(files.values())
    assert "<script" not in everything and "<img" not in everything
    assert not re.search(r"(?<!\\)\]\(javascript:", without_code(everything))
    assert not re.search(r"^\s{0,3}\[ref\]:", everything, re.MULTILINE)
    assert "\n# Rubrik" not in everything
    assert broken_links(out) == []
    # The name is shown as written, and the table it sits in keeps its columns.
    rows = table_rows(files["system.md"], "| System |")
    assert all(len(row) == len(rows[0]) for row in rows)
    assert any("Evil \\| &lt;script&gt;alert(1)&lt;/script&gt; \\`code\\` \\[x\\](javascript:alert(1))" in row[0] for row in rows)
    for path, text in files.items():
        for diagram, _after in mermaid_blocks(text):
            assert mermaid_problems(diagram) == [], path
            assert "<script" not in diagram and '"]; n1' not in diagram


def test_hostile_text_is_inert_html_when_published(cli, template_copy, tmp_path):
    import markdown
    _make_hostile(template_copy)
    out = tmp_path / "h"
    assert render(cli, template_copy, out, "--as-of", AS_OF).code == 0
    for path, text in pages(out).items():
        html = markdown.markdown(text, extensions=["tables"])
        assert "<script" not in html and "<img" not in html, path
        assert 'href="javascript:' not in html.lower(), path


def test_md_escaping_unit():
    from itstyr.render.handbook.escape import md, md_block, mermaid_label, url

    assert md("a | b") == "a \\| b"
    assert md("# not a heading") == "\\# not a heading"
    assert md("[x](javascript:y)") == "\\[x\\](javascript:y)"
    assert md_block("[ok](https://example.org) [bad](javascript:alert(1))") == "[ok](https://example.org) [bad]\\(javascript:alert(1))"
    assert md_block("[bad](java&#115;cript:x)").startswith("[bad]\\(")
    assert mermaid_label('a "b" <c> #d |e|') == "a #34;b#34; #60;c#62; #35;d #124;e#124;"
    assert url("javascript:alert(1)") is None and url("https://x.se/a b(c)") == "https://x.se/a%20b%28c%29"


# --- Same input, same bytes ---------------------------------------------------------------------


def test_the_same_input_gives_the_same_bytes_whatever_the_hash_seed(tmp_path):
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"h{seed}"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run(
            [sys.executable, "-m", "itstyr", "render", "handbook", str(TEMPLATE), "--out", str(out), "--as-of", AS_OF],
            check=True, capture_output=True, env=env,
        )
        outputs.append({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert outputs[0] == outputs[1]
    assert not any(re.search(rb"\d{2}:\d{2}:\d{2}", content) for content in outputs[0].values())


# --- The output folder --------------------------------------------------------------------------


def test_a_foreign_folder_is_refused_and_left_untouched(cli, tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "important.txt").write_text("keep me", encoding="utf-8")
    run = render(cli, TEMPLATE, out, "--as-of", AS_OF)
    assert run.code == 2
    assert "innehåller annat än en handbok från itstyr" in run.err and "Traceback" not in run.err
    assert [p.name for p in out.iterdir()] == ["important.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no temporary folder left behind


def test_a_file_is_refused(cli, tmp_path):
    target = tmp_path / "handbok"
    target.write_text("a file", encoding="utf-8")
    run = render(cli, TEMPLATE, target, "--as-of", AS_OF)
    assert run.code == 2 and "är en fil" in run.err
    assert target.read_text(encoding="utf-8") == "a file"


def test_an_earlier_handbook_is_replaced_whole(cli, tmp_path):
    out = tmp_path / "handbok"
    assert render(cli, TEMPLATE, out, "--as-of", AS_OF).code == 0
    (out / "stale.md").write_text("left from last time", encoding="utf-8")
    assert render(cli, BASELINE, out).code == 0
    assert not (out / "stale.md").exists()
    assert "Helsingborgs stad" in (out / "index.md").read_text(encoding="utf-8")
    assert (out / ".itstyr-handbook").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["handbok"]


def test_an_empty_folder_is_used(cli, tmp_path):
    out = tmp_path / "empty"
    out.mkdir()
    assert render(cli, TEMPLATE, out, "--as-of", AS_OF).code == 0
    assert (out / "index.md").is_file()


def test_a_folder_inside_the_governance_data_is_refused_unless_excluded(cli, template_copy):
    for inside in (template_copy, template_copy / "handbok", template_copy.parent):
        run = render(cli, template_copy, inside, "--as-of", AS_OF)
        assert run.code == 2, inside
        assert "förrådet" in run.err
    assert not (template_copy / "handbok").exists()
    settings = template_copy / "itstyr.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + 'exclude: ["handbok/**"]\n', encoding="utf-8")
    assert render(cli, template_copy, template_copy / "handbok", "--as-of", AS_OF).code == 0
    assert validate(template_copy).errors == 0  # the pages are not read as governance data


# --- Templates ----------------------------------------------------------------------------------


def test_a_repository_template_replaces_the_bundled_one(cli, template_copy, tmp_path):
    own = template_copy / "templates" / "handbook"
    own.mkdir(parents=True)
    (own / "start.md.j2").write_text("# {{ page.title | md }}\n\nVår egen startsida per {{ as_of }}.\n", encoding="utf-8")
    out = tmp_path / "h"
    assert render(cli, template_copy, out, "--as-of", AS_OF).code == 0
    assert (out / "index.md").read_text(encoding="utf-8") == (
        f"# Handbok för styrning av it och digitalisering\n\nVår egen startsida per {AS_OF}.\n"
    )
    assert "| Dokument |" in (out / "styrdokument" / "index.md").read_text(encoding="utf-8")
    assert validate(template_copy).errors == 0  # templates/ is not read as governance data


@pytest.mark.parametrize(
    "source, said",
    [
        ("{{ no_such_name }}", "no_such_name"),
        ("{% if %}", "start.md.j2"),
        ("{{ ''.__class__.__mro__ }}", "start.md.j2"),
        ("{{ ref(1, 2, 3, 4) }}", "(rad 1): TypeError"),
    ],
    ids=["undefined", "syntax", "sandbox", "wrong-call"],
)
def test_a_failing_template_is_a_clear_error_and_leaves_the_old_handbook(cli, template_copy, tmp_path, source, said):
    out = tmp_path / "h"
    assert render(cli, template_copy, out, "--as-of", AS_OF).code == 0
    before = pages(out)
    own = template_copy / "templates" / "handbook"
    own.mkdir(parents=True)
    (own / "start.md.j2").write_text(source + "\n", encoding="utf-8")
    run = render(cli, template_copy, out, "--as-of", AS_OF)
    assert run.code == 2
    assert "Mallen" in run.err and said in run.err and "Traceback" not in run.err
    assert pages(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h", "repo"]  # no temporary folder left behind


# --- The command line ---------------------------------------------------------------------------


def test_help_has_an_example(cli):
    for command in (["render"], ["render", "handbook"]):
        run = cli(*command, "--help")
        assert run.code == 0 and "Exempel" in run.out


def test_bad_input_is_exit_2_without_traceback(cli, tmp_path):
    run = render(cli, tmp_path / "missing", tmp_path / "h")
    assert run.code == 2 and "Traceback" not in run.err
    run = render(cli, TEMPLATE, tmp_path / "h", "--as-of", "30/11/2026")
    assert run.code == 2 and "Traceback" not in run.err
    assert not (tmp_path / "h").exists()


def test_invalid_documents_are_left_out_with_a_warning(cli, template_copy, tmp_path):
    path = template_copy / "system" / "gis.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("classification: gemensamt", "classification: oklart"), encoding="utf-8")
    run = render(cli, template_copy, tmp_path / "h", "--as-of", AS_OF)
    assert run.code == 0
    assert "1 poster följer inte sitt schema" in run.err
    assert "sys-gis" not in (tmp_path / "h" / "system.md").read_text(encoding="utf-8").split("## Förvaltningsobjekt")[0]
    assert broken_links(tmp_path / "h") == []


# --- Many pages at once -------------------------------------------------------------------------


def test_pages_rendered_in_several_processes_are_the_same_bytes(tmp_path):
    from itstyr.render.handbook import prepare, render_pages
    from itstyr.render.handbook.rendering import render_into

    handbook = prepare(TEMPLATE, None, AS_OF)
    alone = render_pages(handbook, workers=1)
    shared = render_pages(handbook, workers=3)
    assert shared == alone and list(shared) == list(alone)
    assert render_into(handbook, tmp_path, workers=2) == list(alone)  # each process writes its own pages
    assert pages(tmp_path) == alone


def test_a_failing_template_in_another_process_is_still_a_clear_error(template_copy):
    from itstyr.errors import UserError
    from itstyr.render.handbook import prepare, render_pages

    own = template_copy / "templates" / "handbook"
    own.mkdir(parents=True)
    (own / "forum.md.j2").write_text("{{ no_such_name }}\n", encoding="utf-8")
    with pytest.raises(UserError) as raised:
        render_pages(prepare(template_copy, None, AS_OF), workers=2)
    assert raised.value.message.key == "handbook.template_error"
    assert "no_such_name" in raised.value.message.render()
