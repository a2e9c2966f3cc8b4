"""The handbook's static site in a real browser, offline: the template rendered with
`itstyr render handbook --site`, built with `mkdocs build`, served from 127.0.0.1 and opened in
headless Chromium whose every request goes through a recording proxy that refuses anything not for
that server, and whose every host name but 127.0.0.1 resolves to nothing. The start page and the
forum pages must render, their Mermaid diagrams must be drawn as SVG by the site's own copy of
Mermaid, and no request may have been for anything but the local server.

Not part of the default test run (it needs Chromium and the `site` extra): run it with

    apt-get install -y chromium && pip install ".[test,site]" && python -m pytest tests/browser

A screenshot of the start page is saved (to $ITSTYR_SCREENSHOT if set) and its path printed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from harness import Browser, RecordingProxy, attributes, chromium_path, serve_folder, text_of, walk

from conftest import TEMPLATE

AS_OF = "2026-11-30"
START = "index.html"
FORUMS = "forum/index.html"
FORUM = "forum/forum-digitaliseringsradet.html"
DIAGRAM_PAGES = [FORUMS, "organisation.html"]


@pytest.fixture(scope="module")
def built_site(tmp_path_factory) -> tuple[Path, Path]:
    """(the built HTML, the Markdown it was built from)."""
    import mkdocs  # noqa: F401 - the test extra installs the site tools; missing means a broken install

    from itstyr.render.site import render_site

    project = tmp_path_factory.mktemp("site") / "handbok"
    render_site(TEMPLATE, project, as_of=AS_OF)
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml")],
        capture_output=True,
        text=True,
        env=environment,
    )
    assert build.returncode == 0, build.stderr
    return project / "site", project / "docs"


@pytest.fixture(scope="module")
def server(built_site):
    site, _docs = built_site
    http_server, port = serve_folder(site)
    proxy = RecordingProxy(port)
    yield port, proxy
    proxy.close()
    http_server.shutdown()
    http_server.server_close()


@pytest.fixture(scope="module")
def browser(server, tmp_path_factory):
    executable = chromium_path()
    if executable is None:
        pytest.fail("Chromium was not found: apt-get install -y chromium (or set CHROMIUM to its path)")
    _port, proxy = server
    profile = tmp_path_factory.mktemp("chromium") / "profile"
    opened = Browser(executable, profile, proxy.port)
    try:
        opened.open_tab()
    except Exception:
        print(opened.close())
        raise
    yield opened
    opened.close()


def url(server, page: str) -> str:
    return f"http://127.0.0.1:{server[0]}/{page}"


def diagrams_in(markdown: Path) -> int:
    return len(re.findall(r"^```mermaid$", markdown.read_text(encoding="utf-8"), re.MULTILINE))


def drawn_diagrams(browser: Browser) -> list[dict]:
    """The SVG elements Material drew into each diagram's (closed) shadow root."""
    svgs = []
    for node in walk(browser.document()):
        if node.get("nodeName") == "DIV" and "mermaid" in attributes(node).get("class", "").split():
            for root in node.get("shadowRoots", []):
                svgs.extend(child for child in walk(root) if child.get("nodeName", "").lower() == "svg")
    return svgs


def test_the_start_page_renders_in_swedish(browser, server, tmp_path_factory, capsys):
    browser.goto(url(server, START))
    assert browser.evaluate("document.documentElement.lang") == "sv"
    assert browser.evaluate("document.querySelector('article h1').textContent").startswith(
        "Handbok för styrning av it och digitalisering"
    )
    assert browser.evaluate("document.querySelectorAll('article h1').length") == 1
    # The state at a glance: the recommendations' table, with header cells.
    assert browser.evaluate("document.querySelectorAll('article table').length") >= 2
    assert browser.evaluate("[...document.querySelectorAll('article table')].every(t => t.querySelector('thead th'))")
    assert "R1 Styrande dokument" in browser.evaluate("document.querySelector('article table').innerText")
    # The navigation lists the handbook's sections, and search is there.
    navigation = browser.evaluate("document.querySelector('nav.md-nav--primary').innerText")
    for section in ("Styrdokument", "Forum och styrmodell", "Granskning och åtgärder", "Register"):
        assert section in navigation
    assert browser.evaluate("document.querySelector('input.md-search__input') !== null")
    # Rendered by the browser, not just delivered: the main text has a size on the screen.
    assert browser.evaluate("document.querySelector('article').getBoundingClientRect().height") > 500

    target = Path(os.environ.get("ITSTYR_SCREENSHOT") or tmp_path_factory.mktemp("screenshot") / "startsida.png")
    browser.evaluate("document.fonts.ready.then(() => true)")
    browser.screenshot(target)
    assert target.read_bytes().startswith(b"\x89PNG\r\n\x1a\n") and target.stat().st_size > 10_000
    with capsys.disabled():
        print(f"\nScreenshot of the start page: {target}")


@pytest.mark.parametrize("page", DIAGRAM_PAGES)
def test_the_diagrams_are_drawn_as_svg(browser, server, built_site, page):
    expected = diagrams_in(built_site[1] / page.replace(".html", ".md"))
    assert expected >= 1
    browser.goto(url(server, page))
    # Material replaces each <pre class="mermaid"> with a <div class="mermaid"> once Mermaid has drawn it.
    browser.wait_for(f"document.querySelectorAll('article div.mermaid').length === {expected}", timeout=60)
    svgs = drawn_diagrams(browser)
    assert len(svgs) == expected
    for svg in svgs:
        label = text_of(svg)
        assert "Syntax error" not in label
        assert len([node for node in walk(svg) if node.get("nodeName", "").lower() == "g"]) > 3
    labels = " ".join(text_of(svg) for svg in svgs)
    if page == FORUMS:
        for forum in ("Digitaliseringsrådet", "Beredningsrådet", "Kommunstyrelsen"):
            assert forum in labels
    # The diagram is on the screen, with a size, and the text alternative follows it.
    assert browser.evaluate("document.querySelector('article div.mermaid').getBoundingClientRect().height") > 100
    assert browser.evaluate("document.querySelector('article').innerText").count("Diagrammet i text:") == expected


def test_a_forum_page_renders(browser, server):
    browser.goto(url(server, FORUM))
    assert browser.evaluate("document.querySelector('article h1').textContent").strip() == "Digitaliseringsrådet"
    assert "Beslutsrätter" in browser.evaluate("[...document.querySelectorAll('article h2')].map(h => h.textContent).join('|')")


def test_no_request_left_the_machine(browser, server):
    port, proxy = server
    for page in (START, FORUM, FORUMS):
        browser.goto(url(server, page))
    browser.wait_for("document.querySelectorAll('article div.mermaid').length === 1", timeout=60)

    local = f"127.0.0.1:{port}"
    hosts = {host for _method, host, _path in proxy.requests}
    assert hosts == {local}, f"requests that were not for the local site: {sorted(hosts - {local})}"
    fetched = {path for _method, _host, path in proxy.requests}
    # The proxy really saw the browser's traffic: the pages, Material's scripts and the site's own Mermaid.
    assert {f"/{START}", f"/{FORUMS}", "/assets/itstyr/mermaid.min.js"} <= fetched
    assert any(path.startswith("/assets/javascripts/bundle.") for path in fetched)
    # And the page asked for nothing else (what the browser requested, as DevTools saw it).
    requested = {event["request"]["url"] for event in browser.event_params("Network.requestWillBeSent")}
    assert requested and all(address.startswith((f"http://{local}/", "data:", "blob:")) for address in requested), requested
    assert browser.event_params("Runtime.exceptionThrown") == []
