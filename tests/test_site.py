"""`itstyr render handbook --site`: the handbook as a MkDocs project (Material theme) that
`mkdocs build --strict` turns into a static site working without internet access, checked as a
publisher and a reader see it: the project's files, the configuration (Swedish, search, Mermaid
from the site itself, no CDN), the built HTML (page language, one title per page and headings in
order, header cells in every table, a text alternative under every diagram, no asset from another
host), hostile names, the same bytes for the same input, and the folder rules."""

from __future__ import annotations

import hashlib
import html
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, TEMPLATE

AS_OF = "2026-11-30"
BUNDLED = ROOT / "src" / "itstyr" / "data" / "site"
MERMAID = "assets/itstyr/mermaid.min.js"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs does, keeping `!!python/name:` values as their text."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: f"python/name:{suffix}")


def config_of(project: Path) -> dict:
    return yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)


def render_site(cli, repo: Path, out: Path, *extra: str):
    return cli("render", "handbook", str(repo), "--out", str(out), "--site", "--as-of", AS_OF, *extra)


def mkdocs_build(project: Path) -> subprocess.CompletedProcess:
    import material  # noqa: F401 - the test extra installs the site tools; missing means a broken install
    import mkdocs  # noqa: F401 - the test extra installs the site tools; missing means a broken install
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml")],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def nav_pages(nav: list) -> list[str]:
    found = []
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        found.extend(nav_pages(value) if isinstance(value, list) else [value])
    return found


class Page(HTMLParser):
    """What the accessibility checks need from a built page."""

    def __init__(self, html: str):
        super().__init__()
        self.lang = None
        self.title = ""
        self.headings: list[tuple[int, str]] = []  # inside the article
        self.tables: list[dict] = []
        self.assets: list[str] = []  # scripts, stylesheets, images, frames: what the browser fetches
        self.scripts: list[str] = []  # the text of inline scripts
        self.attribute_names: set[str] = set()
        self.links: list[str] = []
        self._script: list[str] | None = None
        self._stack: list[str] = []
        self._in_article = 0
        self._text: list[str] | None = None
        self._title = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        self.attribute_names.update(name for name, _value in attrs)
        if tag == "script":
            self._script = []
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        if tag == "html":
            self.lang = values.get("lang")
        if tag == "title":
            self._title = True
        if tag == "article":
            self._in_article += 1
        if self._in_article and re.fullmatch(r"h[1-6]", tag):
            self._text = []
        if tag == "table":
            self.tables.append({"th": 0, "head": False})
        if tag == "thead" and self.tables:
            self.tables[-1]["head"] = True
        if tag == "th" and self.tables:
            self.tables[-1]["th"] += 1
        if tag in ("script", "img", "iframe", "source", "audio", "video") and values.get("src"):
            self.assets.append(values["src"])
        if tag == "link" and values.get("rel") in ("stylesheet", "icon", "preload", "modulepreload") and values.get("href"):
            self.assets.append(values["href"])

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None
        if tag == "title":
            self._title = False
        if tag == "article":
            self._in_article -= 1
        if self._text is not None and re.fullmatch(r"h[1-6]", tag):
            self.headings.append((int(tag[1]), "".join(self._text).strip()))
            self._text = None

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)
        if self._title:
            self.title += data
        if self._text is not None:
            self._text.append(data)


@pytest.fixture(scope="module")
def site_project(tmp_path_factory) -> Path:
    from itstyr.render.site import render_site as render

    project = tmp_path_factory.mktemp("site") / "handbok"
    render(TEMPLATE, project, None, AS_OF)
    return project


@pytest.fixture(scope="module")
def built(site_project) -> Path:
    """The template's site, built by MkDocs (strict: any warning fails)."""
    build = mkdocs_build(site_project)
    assert build.returncode == 0, build.stderr
    return site_project / "site"


# --- The project ----------------------------------------------------------------------------------


def test_the_cli_writes_a_mkdocs_project_and_says_how_to_build_it(cli, tmp_path):
    out = tmp_path / "webbplats"
    run = render_site(cli, TEMPLATE, out)
    assert run.code == 0, run.err
    assert f"Webbplatsen är förberedd i {out}" in run.out
    assert f"mkdocs build -f {out}/mkdocs.yml" in run.out
    assert (out / "mkdocs.yml").is_file() and (out / ".itstyr-handbook").is_file()
    assert (out / "docs" / "index.md").is_file() and (out / "docs" / "forum" / "index.md").is_file()
    # Mermaid and its licence travel with the site, byte for byte.
    assert (out / "docs" / MERMAID).read_bytes() == (BUNDLED / "mermaid.min.js").read_bytes()
    assert "MIT License" in (out / "docs" / "assets" / "itstyr" / "LICENSE-mermaid.txt").read_text(encoding="utf-8")


def test_the_pages_are_the_handbook_without_the_breadcrumb_trail(site_project, tmp_path):
    from itstyr.render.handbook import render_handbook

    plain = tmp_path / "handbok"
    render_handbook(TEMPLATE, plain, None, AS_OF)
    handbook = {p.relative_to(plain).as_posix(): p.read_text(encoding="utf-8") for p in plain.rglob("*.md")}
    docs = site_project / "docs"
    site = {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in docs.rglob("*.md")}
    assert site.keys() == handbook.keys()
    for path, markdown in site.items():
        markdown = re.sub(r"\A---\ntitle: .*\n---\n\n", "", markdown)  # the page's title, as front matter
        assert markdown.startswith("# "), path
        assert handbook[path].endswith(markdown), path
        dropped = handbook[path][: len(handbook[path]) - len(markdown)]
        assert "#" not in dropped and dropped.count("\n\n") <= 1, path


def test_the_configuration_is_swedish_with_search_and_mermaid_from_the_site(site_project):
    config = config_of(site_project)
    assert config["docs_dir"] == "docs" and config["strict"] is True
    assert config["site_name"] == "Handbok för styrning av it och digitalisering – Hamnköpings stad"
    assert AS_OF in config["copyright"]
    theme = config["theme"]
    assert theme["name"] == "material" and theme["language"] == "sv"
    assert theme["font"] is False  # no Google Fonts
    assert config["plugins"] == [{"search": {"lang": "sv"}}]
    fences = next(
        ext["pymdownx.superfences"]
        for ext in config["markdown_extensions"]
        if isinstance(ext, dict) and "pymdownx.superfences" in ext
    )
    assert fences["custom_fences"] == [
        {"name": "mermaid", "class": "mermaid", "format": "python/name:pymdownx.superfences.fence_code_format"}
    ]
    assert config["extra_javascript"] == [MERMAID]
    # Nothing in the configuration points off the site.
    assert not re.search(r"https?://|//[a-z]", (site_project / "mkdocs.yml").read_text(encoding="utf-8"))


def test_the_navigation_follows_the_handbook_and_lists_every_page(site_project):
    config = config_of(site_project)
    nav = config["nav"]
    assert nav[0] == {"Startsida": "index.md"}
    # A section with pages of its own is named; any other page is named by its own title.
    assert next(iter(nav[1])) == "Styrdokument" and nav[1]["Styrdokument"][0] == "styrdokument/index.md"
    assert nav[2:4] == ["organisation.md", "roller.md"] and nav[-2:] == ["ordlista.md", "register.md"]
    docs = site_project / "docs"
    listed = nav_pages(nav)
    assert sorted(listed) == sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    forums = next(entry["Forum och styrmodell"] for entry in nav if isinstance(entry, dict) and "Forum och styrmodell" in entry)
    assert forums[0] == "forum/index.md" and "forum/forum-digitaliseringsradet.md" in forums


def test_every_page_but_the_start_page_has_its_heading_as_title(site_project):
    docs = site_project / "docs"
    assert (docs / "index.md").read_text(encoding="utf-8").startswith("# Handbok för styrning")
    forum = (docs / "forum" / "forum-digitaliseringsradet.md").read_text(encoding="utf-8")
    assert forum.startswith('---\ntitle: "Digitaliseringsrådet"\n---\n\n# Digitaliseringsrådet\n')


def test_a_title_is_html_safe_text():
    from itstyr.render.site.pages import heading_title

    assert heading_title('# R&D \\| &lt;IT&gt; \\[x\\] "q" it\'s &amp; &foo;\n') == (
        "R&amp;D | &lt;IT&gt; [x] &quot;q&quot; it&#x27;s &amp; &amp;foo;"
    )
    assert heading_title("no heading\n") is None


def test_a_section_with_very_many_pages_is_listed_by_its_own_page():
    from itstyr.render.site.config import NAV_LIMIT, navigation

    pages = {"index.md": "", "forum/index.md": "", "styrdokument/index.md": "", "styrdokument/doc-a.md": ""}
    pages.update({f"forum/forum-{n}.md": "" for n in range(NAV_LIMIT + 1)})
    nav, left_out = navigation(pages, "sv")
    by_title = {entry["title"]: entry for entry in nav}
    assert by_title["Forum och styrmodell"]["children"] == [] and left_out == ["forum/"]
    assert by_title["Styrdokument"]["children"] == ["styrdokument/doc-a.md"]


def test_the_english_site_is_english(cli, tmp_path):
    out = tmp_path / "site"
    assert render_site(cli, TEMPLATE, out, "--lang", "en").code == 0
    config = config_of(out)
    assert config["theme"]["language"] == "en" and config["plugins"] == [{"search": {"lang": "en"}}]
    assert config["site_name"].endswith("City of Hamnköping")
    assert config["nav"][0] == {"Start": "index.md"} and "Steering documents" in config["nav"][1]


def test_the_vendored_mermaid_is_the_one_its_readme_names():
    script = (BUNDLED / "mermaid.min.js").read_bytes()
    readme = (BUNDLED / "README.md").read_text(encoding="utf-8")
    version = re.search(r"Mermaid (\d+\.\d+\.\d+)", readme).group(1)
    assert f"npm pack mermaid@{version}" in readme
    assert hashlib.sha256(script).hexdigest() in readme
    assert f"{len(script):,} bytes" in readme
    assert version.encode() in script  # the script reports the same version
    assert len(script) < 5_000_000  # a reasonable size for every page of an intranet site to load once
    assert b'globalThis["mermaid"]' in script  # defines the global Material looks for
    licence = (BUNDLED / "LICENSE-mermaid.txt").read_text(encoding="utf-8")
    assert licence.startswith("The MIT License (MIT)")


# --- The built site ---------------------------------------------------------------------------------


def test_mkdocs_builds_the_template_strictly_into_a_site(built, site_project):
    docs = site_project / "docs"
    for markdown in docs.rglob("*.md"):
        assert (built / markdown.relative_to(docs)).with_suffix(".html").is_file(), markdown
    assert (built / MERMAID).read_bytes() == (BUNDLED / "mermaid.min.js").read_bytes()
    assert (built / "search" / "search_index.json").is_file()


def test_every_page_is_swedish_titled_and_in_order(built):
    site_name = "Handbok för styrning av it och digitalisering – Hamnköpings stad"
    for path in sorted(built.rglob("*.html")):
        if path.name == "404.html":
            continue
        page = Page(path.read_text(encoding="utf-8"))
        where = path.relative_to(built).as_posix()
        assert page.lang == "sv", where
        levels = [level for level, _text in page.headings]
        assert levels.count(1) == 1 and levels[0] == 1, where
        assert all(after <= before + 1 for before, after in zip(levels, levels[1:], strict=False)), (where, levels)
        heading = page.headings[0][1]
        assert page.title in (heading, f"{heading} - {site_name}"), where  # a real page title, not a file name


def test_every_table_has_header_cells(built):
    for path in built.rglob("*.html"):
        for table in Page(path.read_text(encoding="utf-8")).tables:
            assert table["head"] and table["th"] >= 1, path


def test_every_diagram_has_a_text_alternative_right_under_it(built, site_project):
    diagrams = 0
    for path in built.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for match in re.finditer(r'<pre class="mermaid"><code>.*?</code></pre>\s*', html, re.DOTALL):
            diagrams += 1
            following = html[match.end() : match.end() + 200]
            assert following.startswith(("<p><em>Diagrammet i text:</em></p>", "<p><em>Diagrammet ritas inte")), path
    markdown = "".join(p.read_text(encoding="utf-8") for p in (site_project / "docs").rglob("*.md"))
    assert diagrams == markdown.count("```mermaid") >= 3


def test_nothing_is_fetched_from_another_host(built):
    local = []
    for path in built.rglob("*.html"):
        for asset in Page(path.read_text(encoding="utf-8")).assets:
            assert not re.match(r"^(https?:)?//", asset), (path, asset)
            local.append(asset)
    assert any(asset.endswith(MERMAID) for asset in local)
    assert any("assets/javascripts/bundle." in asset for asset in local)


# --- Hostile names ------------------------------------------------------------------------------------

HOSTILE = 'Evil" stad: <script>alert(1)</script> # [x](javascript:alert(2))\u2028\x7f{{ 7*7 }}'
HOSTILE_FORUM = 'Ark</title><script>alert(3)</script> &lt;/title&gt;&lt;script&gt;alert(4)&lt;/script&gt; "\' x="y'


def test_hostile_names_stay_text_on_the_site(cli, template_copy, tmp_path):
    organisation = template_copy / "organisation" / "organisation.yaml"
    text = organisation.read_text(encoding="utf-8")
    quoted = HOSTILE.replace("\\", "\\\\").replace('"', '\\"').replace("\u2028", "\\L").replace("\x7f", "\\x7f")
    organisation.write_text(text.replace("name: Hamnköpings stad", f'name: "{quoted}"', 1), encoding="utf-8")
    forum = template_copy / "forum" / "arkitekturradet.yaml"
    text = forum.read_text(encoding="utf-8")
    forum.write_text(
        text.replace("name: Arkitekturrådet", "name: '" + HOSTILE_FORUM.replace("'", "''") + "'", 1), encoding="utf-8"
    )
    out = tmp_path / "site"
    run = render_site(cli, template_copy, out)
    assert run.code == 0, run.err
    config = config_of(out)
    # Material writes the site's name into its pages as it is: it is given as HTML-safe text.
    assert html.unescape(config["site_name"]) == f"Handbok för styrning av it och digitalisering – {HOSTILE}"
    assert "<" not in config["site_name"] and '"' not in config["site_name"]
    assert config["theme"]["language"] == "sv" and config["extra_javascript"] == [MERMAID]
    build = mkdocs_build(out)
    assert build.returncode == 0, build.stderr
    for path in (out / "site").rglob("*.html"):
        page = Page(path.read_text(encoding="utf-8"))
        assert not [script for script in page.scripts if "alert" in script], path
        assert not {name for name in page.attribute_names if name == "x" or name.startswith("on")}, path
        assert not [link for link in page.links if link.lower().startswith("javascript:")], path
    shown = Page((out / "site" / "forum" / "forum-arkitekturradet.html").read_text(encoding="utf-8"))
    assert shown.headings[0][1] == HOSTILE_FORUM.replace("&lt;", "<").replace("&gt;", ">")  # as Markdown shows entities
    assert shown.title.startswith(shown.headings[0][1] + " - ")


# --- Same input, same bytes; the folder -----------------------------------------------------------------


def test_the_same_input_gives_the_same_bytes(cli, tmp_path):
    outputs = []
    for name in ("a", "b"):
        assert render_site(cli, TEMPLATE, tmp_path / name).code == 0
        outputs.append(
            {
                p.relative_to(tmp_path / name).as_posix(): p.read_bytes()
                for p in sorted((tmp_path / name).rglob("*"))
                if p.is_file()
            }
        )
    assert outputs[0] == outputs[1]


def test_a_foreign_folder_is_refused_and_left_alone(cli, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    run = render_site(cli, TEMPLATE, out)
    assert run.code == 2
    assert "innehåller annat än en handbok från itstyr" in run.err
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


def test_an_earlier_plain_handbook_becomes_a_site_and_back(cli, tmp_path):
    out = tmp_path / "handbok"
    assert cli("render", "handbook", str(TEMPLATE), "--out", str(out), "--as-of", AS_OF).code == 0
    assert render_site(cli, TEMPLATE, out).code == 0
    assert (out / "mkdocs.yml").is_file() and not (out / "index.md").exists()
    assert cli("render", "handbook", str(TEMPLATE), "--out", str(out), "--as-of", AS_OF).code == 0
    assert (out / "index.md").is_file() and not (out / "mkdocs.yml").exists()


def test_the_repository_may_bring_its_own_configuration(cli, template_copy, tmp_path):
    own = template_copy / "templates" / "site"
    own.mkdir(parents=True)
    (own / "mkdocs.yml.j2").write_text(
        "site_name: {{ site.name | yaml }}\ntheme:\n  name: material\n  language: {{ site.language | yaml }}\n"
        "  palette: {primary: teal}\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    assert render_site(cli, template_copy, out).code == 0
    assert config_of(out)["theme"]["palette"] == {"primary": "teal"}


def test_a_broken_configuration_template_leaves_the_old_site(cli, template_copy, tmp_path):
    out = tmp_path / "site"
    assert render_site(cli, template_copy, out).code == 0
    before = (out / "mkdocs.yml").read_bytes()
    own = template_copy / "templates" / "site"
    own.mkdir(parents=True)
    (own / "mkdocs.yml.j2").write_text("site_name: {{ site.nmae | yaml }}\n", encoding="utf-8")
    run = render_site(cli, template_copy, out)
    assert run.code == 2 and "mkdocs.yml.j2" in run.err
    assert (out / "mkdocs.yml").read_bytes() == before
