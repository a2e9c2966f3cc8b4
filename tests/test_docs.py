"""The README's "The kinds" section: one small example per kind, and each one valid against its kind's schema.

The README is read from the repository root; set ITSTYR_README to check another file (for example a
draft of the section) instead.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT
from itstyr.checks.schema import check_documents
from itstyr.model import Document, Workspace
from itstyr.schemaset import schema_set
from itstyr.yamlsafe import parse_text

README = Path(os.environ.get("ITSTYR_README") or ROOT / "README.md")
SECTION_HEADING = "## The kinds"

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)")
_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")


@dataclass(frozen=True)
class Block:
    """A fenced code block in the section, and the `###` heading it stands under."""

    heading: str | None  # the first word of the heading, without backticks; None before the first ###
    line: int  # 1-based line of the block's first content line in the README
    info: str  # the fence's info string, lower case: "yaml", "sh", ""
    text: str


@dataclass(frozen=True)
class Section:
    found: int  # how many "## The kinds" headings the README has
    headings: list[tuple[str, int]]  # every ### heading in the section: (first word, line)
    blocks: list[Block]


def read_section(path: Path = README) -> Section:
    """The "## The kinds" section: from its heading to the next heading of level 1 or 2, skipping
    fenced code blocks, so that a comment line such as "## …" inside an example does not end it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = 0
    inside = False
    heading: str | None = None
    headings: list[tuple[str, int]] = []
    blocks: list[Block] = []
    fence: str | None = None
    info = ""
    start = 0
    body: list[str] = []
    for number, line in enumerate(lines, start=1):
        if fence is not None:
            if line.strip() and set(line.strip()) == {fence[0]} and len(line.strip()) >= len(fence):
                if inside:
                    blocks.append(Block(heading, start, info, "\n".join(body) + "\n"))
                fence = None
            else:
                body.append(line)
            continue
        opening = _FENCE.match(line)
        if opening:
            fence, info, start, body = opening.group(1), opening.group(2).lower(), number + 1, []
            continue
        match = _HEADING.match(line)
        if not match:
            continue
        level, title = len(match.group(1)), match.group(2)
        if level <= 2:
            inside = line.strip() == SECTION_HEADING
            if inside:
                found += 1
            heading = None
        elif level == 3 and inside:
            heading = title.split()[0].strip("`") if title.split() else ""
            headings.append((heading, number))
    return Section(found, headings, blocks)


SECTION = read_section() if README.is_file() else Section(0, [], [])
KINDS = sorted(schema_set().kinds)


def _yaml_blocks() -> list[Block]:
    return [block for block in SECTION.blocks if block.info in ("yaml", "yml")]


def _where(block: Block) -> str:
    return f"{README}:{block.line}"


def test_readme_has_the_kinds_section():
    assert README.is_file(), f"{README} does not exist"
    assert SECTION.found == 1, f"{README} must have exactly one '{SECTION_HEADING}' section, found {SECTION.found}"


def test_every_heading_and_example_in_the_section_belongs_to_a_kind():
    unknown = [f"{README}:{line}: ### {name}" for name, line in SECTION.headings if name not in KINDS]
    assert not unknown, f"### headings that are not a kind: {unknown}"
    names = [name for name, _ in SECTION.headings]
    twice = sorted({name for name in names if names.count(name) > 1})
    assert not twice, f"kinds with more than one ### heading: {twice}"
    stray = [_where(block) for block in _yaml_blocks() if block.heading not in KINDS]
    assert not stray, f"yaml examples that are not under a '### <kind>' heading: {stray}"


@pytest.mark.parametrize("kind", KINDS)
def test_kind_has_one_valid_example(kind):
    examples = [block for block in _yaml_blocks() if block.heading == kind]
    assert len(examples) == 1, (
        f"'{SECTION_HEADING}' in {README} must have exactly one ```yaml example under '### {kind}', "
        f"found {len(examples)}"
    )
    block = examples[0]
    parsed = parse_text(block.text)
    if parsed.problems:
        pytest.fail(f"{_where(block)}: the example is not valid YAML: " + "; ".join(
            f"{README}:{block.line + problem.line - 1}: {problem.message.render('en')}" for problem in parsed.problems
        ), pytrace=False)
    assert len(parsed.documents) == 1, f"{_where(block)}: one document per example, found {len(parsed.documents)}"
    data = parsed.documents[0].data
    assert isinstance(data, dict), f"{_where(block)}: the example is not a mapping"
    assert data.get("kind") == kind, f"{_where(block)}: the example under '### {kind}' has kind {data.get('kind')!r}"
    documents = [Document(f"README.md#{kind}", d) for d in parsed.documents]
    findings = list(check_documents(Workspace(documents), schema_set()))
    if findings:
        pytest.fail(f"{_where(block)}: the example breaks its schema:\n" + "\n".join(
            f"  {README}:{block.line + finding.location.line - 1}: {finding.location.json_path}: "
            f"{finding.message.render('en')}" + (f" ({finding.hint.render('en')})" if finding.hint else "")
            for finding in findings
        ), pytrace=False)


def test_readme_lists_every_lint_rule():
    from itstyr.lint.registry import registry

    text = README.read_text(encoding="utf-8")
    missing = [rule_id for rule_id in registry() if f"`{rule_id}`" not in text]
    assert not missing, f"rules missing from the README's table: {missing}"
