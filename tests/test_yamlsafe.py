"""The safe loader: what a user's YAML becomes, and every way a file can be refused."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from itstyr.yamlsafe import Limits, locate, parse_bytes, parse_text


def only(parsed):
    assert not parsed.problems, [p.message for p in parsed.problems]
    assert len(parsed.documents) == 1
    return parsed.documents[0].data


def rule_ids(parsed) -> list[str]:
    return [problem.rule_id for problem in parsed.problems]


def test_dates_stay_strings_and_yaml_1_1_booleans_stay_text():
    data = only(parse_text("date: 2024-09-12\nwhen: 2024-09-12T10:00:00\nanswer: no\nflag: yes\nok: true\nn: 12\nf: 1.5\nnothing: ~\n"))
    assert data == {
        "date": "2024-09-12",
        "when": "2024-09-12T10:00:00",
        "answer": "no",
        "flag": "yes",
        "ok": True,
        "n": 12,
        "f": 1.5,
        "nothing": None,
    }


def test_mapping_keys_are_always_text():
    assert only(parse_text("total_sek:\n  2026: 100\n  true: 1\n")) == {"total_sek": {"2026": 100, "true": 1}}


def test_every_value_can_be_located():
    text = "kind: forum\nmembers:\n  - unit: unit-a\n  - unit: unit-b\n    role: role-x\n"
    document = parse_text(text).documents[0]
    assert locate(document.node, ("members", 1, "role")) == (5, 11)
    assert locate(document.node, ("members", 1, "role"), key=True) == (5, 5)
    # a path that does not exist points at the deepest part that does
    assert locate(document.node, ("members", 1, "missing")) == (4, 5)


def test_duplicate_key_is_an_error_naming_both_lines():
    parsed = parse_text("id: a\nname: x\nid: b\n")
    assert rule_ids(parsed) == ["yaml-duplicate-key"]
    problem = parsed.problems[0]
    assert (problem.line, problem.column) == (3, 1)
    assert problem.message.params["first_line"] == 1 and problem.message.params["line"] == 3


def test_python_tag_is_a_finding_and_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    text = f"kind: unit\nx: !!python/object/apply:os.system ['touch {marker}']\n"
    parsed = parse_text(text)
    assert "yaml-tag" in rule_ids(parsed)
    assert not marker.exists()


def test_custom_tag_is_a_finding():
    parsed = parse_text("kind: unit\nname: !Ref other\n")
    assert rule_ids(parsed) == ["yaml-tag"]
    assert parsed.problems[0].line == 2


def test_standard_tags_are_accepted():
    assert only(parse_text("a: !!str 12\nb: !!int '7'\n")) == {"a": "12", "b": 7}


def test_billion_laughs_is_rejected_quickly():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]")
    start = time.perf_counter()
    parsed = parse_text("\n".join(lines) + "\n")
    elapsed = time.perf_counter() - start
    assert rule_ids(parsed) == ["yaml-limit"]
    assert parsed.documents == []
    assert elapsed < 1.0


def test_recursive_alias_is_rejected():
    parsed = parse_text("a: &a\n  - *a\n")
    assert rule_ids(parsed) == ["yaml-limit"]


def test_nesting_depth_limit():
    deep = "a:\n" + "".join("  " * level + "- \n" for level in range(1, 3)) + "[" * 80 + "]" * 80 + "\n"
    parsed = parse_text("x: " + "[" * 80 + "]" * 80 + "\n")
    assert rule_ids(parsed) == ["yaml-limit"]
    assert "yaml-limit" in rule_ids(parse_text(deep)) or rule_ids(parse_text(deep))[0] == "yaml-syntax"
    assert only(parse_text("x: " + "[" * 10 + "]" * 10 + "\n")) == {"x": [[[[[[[[[[]]]]]]]]]]}


def test_pathological_nesting_does_not_crash_the_parser():
    # libyaml's composer recurses in C and would crash the process on this; it must be a finding.
    parsed = parse_text("[" * 200_000 + "]" * 200_000)
    assert rule_ids(parsed) == ["yaml-limit"]
    parsed = parse_text("- " * 50_000 + "x")
    assert rule_ids(parsed) == ["yaml-limit"]


def test_file_size_limit():
    parsed = parse_bytes(b"a: " + b"x" * 5000, Limits(max_file_bytes=1024))
    assert rule_ids(parsed) == ["yaml-limit"]
    assert parsed.problems[0].message.params["limit"] == 1024


def test_utf8_with_bom_and_crlf():
    data = only(parse_bytes("\ufeffname: Digitaliseringsrådet\r\nkind: forum\r\n".encode("utf-8")))
    assert data == {"name": "Digitaliseringsrådet", "kind": "forum"}


def test_other_encodings_get_a_clear_finding_with_the_line():
    parsed = parse_bytes("kind: unit\nname: Förvaltning\n".encode("latin-1"))
    assert rule_ids(parsed) == ["yaml-encoding"]
    assert (parsed.problems[0].line, parsed.problems[0].column) == (2, 8)
    utf16 = parse_bytes("kind: unit\n".encode("utf-16"))
    assert rule_ids(utf16) == ["yaml-encoding"]


def test_syntax_error_keeps_the_documents_before_it():
    parsed = parse_text("kind: unit\nid: a\n---\nkind: unit\nid: [b\n")
    assert [d.data["id"] for d in parsed.documents] == ["a"]
    assert rule_ids(parsed) == ["yaml-syntax"]
    assert parsed.problems[0].line >= 5


def test_merge_keys_and_anchors():
    data = only(parse_text("base: &b {unit: u1, role: r1}\nowner:\n  <<: *b\n  role: r2\n"))
    assert data["owner"] == {"unit": "u1", "role": "r2"}


def test_control_character_is_a_syntax_finding():
    parsed = parse_text("kind: unit\nname: a\x07b\n")
    assert rule_ids(parsed) == ["yaml-syntax"]
    assert parsed.problems[0].line == 2


def test_empty_and_comment_only_text_has_no_documents():
    assert parse_text("").documents == []
    assert parse_text("# bara en kommentar\n").documents == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_no_input_raises(text):
    parsed = parse_text(text)
    for problem in parsed.problems:
        assert problem.line >= 1 and problem.column >= 1


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_no_bytes_raise(raw):
    parse_bytes(raw)
