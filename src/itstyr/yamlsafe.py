"""The only module that reads YAML.

Safety and speed come from the same choice: libyaml (PyYAML's C parser) builds the node graph, and
this module turns nodes into plain Python values itself. So no tag can ever construct an object, dates
stay strings, duplicate keys are caught, alias expansion and nesting are bounded, and the node graph is
kept so that any value's line and column can be looked up later, only when a finding needs it.

Scalars are resolved with the YAML 1.2 core schema: `yes`, `no`, `on` and `off` stay text (the
"Norway problem"), and `2024-09-12` stays the string it looks like.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from itstyr.messages import Message

STR_TAG = "tag:yaml.org,2002:str"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
BOOL_TAG = "tag:yaml.org,2002:bool"
NULL_TAG = "tag:yaml.org,2002:null"
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"
MERGE_TAG = "tag:yaml.org,2002:merge"
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"

_BOOL_VALUES = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULL_VALUES = frozenset({"~", "null", "Null", "NULL", ""})
_INT_RE = re.compile(r"[-+]?[0-9]+$|0o[0-7]+$|0x[0-9a-fA-F]+$")
_FLOAT_RE = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$|[-+]?\.(inf|Inf|INF)$|\.(nan|NaN|NAN)$")
# Characters a YAML 1.2 core int, float, bool or null can start with; any other plain scalar is text.
_NON_TEXT_START = frozenset("0123456789+-.~tTfFnN<")
# The C composer recurses once per nesting level and has no guard: keep its input far from the stack limit.
_C_COMPOSER_SAFE_DEPTH = 1000
_LEADING_INDICATORS = re.compile(r"^[ \t?:-]*", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds that keep a hostile or broken file from exhausting memory or time."""

    max_file_bytes: int = 2 * 1024 * 1024
    max_depth: int = 64
    max_nodes: int = 250_000


@dataclass(frozen=True, slots=True)
class YamlProblem:
    """Something wrong with a file's YAML, with the 1-based position it was found at."""

    rule_id: str
    message: Message
    line: int = 1
    column: int = 1
    hint: Message | None = None
    document_index: int | None = None


class SourceText:
    """A file's text, from which its node graphs are composed again only if a position is asked for.

    Keeping every node of every file alive would cost far more memory and garbage-collector time
    than composing the few files that have findings a second time.
    """

    __slots__ = ("text", "_nodes")

    def __init__(self, text: str):
        self.text = text
        self._nodes: list[Node] | None = None

    def node(self, index: int) -> Node | None:
        if self._nodes is None:
            self._nodes = _compose_nodes(self.text)
        return self._nodes[index] if 0 <= index < len(self._nodes) else None


@dataclass(slots=True)
class ParsedDocument:
    data: Any
    index: int
    line: int
    source: SourceText
    column: int = 1

    @property
    def node(self) -> Node | None:
        return self.source.node(self.index)


@dataclass(slots=True)
class ParsedFile:
    documents: list[ParsedDocument] = field(default_factory=list)
    problems: list[YamlProblem] = field(default_factory=list)


class _Resolver(yaml.resolver.BaseResolver):
    """YAML 1.2 core schema resolution, and nothing that turns text into dates."""

    def resolve(self, kind, value, implicit):  # noqa: D102 - called by the C parser
        if kind is ScalarNode:
            if implicit[0]:
                if not value or value[0] in _NON_TEXT_START:
                    if value in _NULL_VALUES:
                        return NULL_TAG
                    if value in _BOOL_VALUES:
                        return BOOL_TAG
                    if _INT_RE.match(value):
                        return INT_TAG
                    if _FLOAT_RE.match(value):
                        return FLOAT_TAG
                    if value == "<<":
                        return MERGE_TAG
            return STR_TAG
        if kind is SequenceNode:
            return SEQ_TAG
        return MAP_TAG


try:
    from yaml.cyaml import CParser as _Parser

    HAVE_LIBYAML = True
except ImportError:  # a PyYAML built without libyaml: same results, slower
    HAVE_LIBYAML = False

    class _Parser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer):
        def __init__(self, stream):
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)


class _NodeLoader(_Parser, _Resolver):
    def __init__(self, stream):
        _Parser.__init__(self, stream)
        _Resolver.__init__(self)


def _scalar_value(node: ScalarNode, problems: list[YamlProblem]):
    tag = node.tag
    value = node.value
    if tag == STR_TAG or tag == TIMESTAMP_TAG:
        return value
    if tag == INT_TAG:
        text = value.replace("_", "")
        try:
            if text.startswith("0o"):
                return int(text[2:], 8)
            if text.startswith("0x"):
                return int(text[2:], 16)
            return int(text)
        except ValueError:
            pass
    elif tag == FLOAT_TAG:
        lowered = value.lower()
        if lowered.endswith(".inf"):
            return float("-inf") if lowered.startswith("-") else float("inf")
        if lowered == ".nan":
            return float("nan")
        try:
            return float(value)
        except ValueError:
            pass
    elif tag == BOOL_TAG:
        if value in _BOOL_VALUES:
            return _BOOL_VALUES[value]
    elif tag == NULL_TAG:
        if value in _NULL_VALUES:
            return None
    else:
        problems.append(_tag_problem(node))
        return value
    problems.append(
        YamlProblem(
            "yaml-tag",
            Message("yaml.tag_value", tag=_short_tag(tag), value=value),
            *_position(node),
            hint=Message("yaml.tag_value.hint"),
        )
    )
    return value


def limit_problem(key: str, limit: int, line: int = 1, column: int = 1, index: int | None = None) -> YamlProblem:
    return YamlProblem("yaml-limit", Message(key, limit=limit), line, column, hint=Message(key + ".hint"), document_index=index)


def _short_tag(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


def _tag_problem(node: Node) -> YamlProblem:
    return YamlProblem(
        "yaml-tag",
        Message("yaml.tag", tag=_short_tag(node.tag)),
        *_position(node),
        hint=Message("yaml.tag.hint"),
    )


def _position(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    """Turns one file's node graphs into plain values, counting every node it visits.

    Aliases are expanded (each use is a copy, as validation sees it), so the count bounds the work
    and memory that every later step will spend on the file.
    """

    __slots__ = ("limits", "budget", "problems", "stopped")

    def __init__(self, limits: Limits, problems: list[YamlProblem]):
        self.limits = limits
        self.budget = limits.max_nodes
        self.problems = problems
        self.stopped = False

    def build(self, node: Node, depth: int = 0):
        self.budget -= 1
        if self.budget < 0:
            if not self.stopped:
                self.stopped = True
                self.problems.append(limit_problem("yaml.limit_nodes", self.limits.max_nodes, *_position(node)))
            raise _Stop
        cls = type(node)
        if cls is ScalarNode:
            return _scalar_value(node, self.problems)
        if depth >= self.limits.max_depth:
            self.problems.append(limit_problem("yaml.limit_depth", self.limits.max_depth, *_position(node)))
            raise _Stop
        if cls is SequenceNode:
            if node.tag != SEQ_TAG:
                self.problems.append(_tag_problem(node))
            return [self.build(item, depth + 1) for item in node.value]
        if node.tag != MAP_TAG:
            self.problems.append(_tag_problem(node))
        return self.build_mapping(node, depth)

    def build_mapping(self, node: MappingNode, depth: int) -> dict:
        result: dict = {}
        seen: dict[str, Node] = {}
        merges: list[Node] = []
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode:
                self.problems.append(
                    YamlProblem("yaml-key", Message("yaml.complex_key"), *_position(key_node), hint=Message("yaml.complex_key.hint"))
                )
                continue
            if key_node.tag == MERGE_TAG:
                merges.append(value_node)
                continue
            key = key_node.value
            first = seen.get(key)
            if first is not None:
                self.problems.append(
                    YamlProblem(
                        "yaml-duplicate-key",
                        Message("yaml.duplicate_key", key=key, first_line=first.start_mark.line + 1, line=key_node.start_mark.line + 1),
                        *_position(key_node),
                        hint=Message("yaml.duplicate_key.hint"),
                    )
                )
                continue
            seen[key] = key_node
            result[key] = self.build(value_node, depth + 1)
        for merge in merges:
            sources = merge.value if type(merge) is SequenceNode else [merge]
            for source in sources:
                if type(source) is not MappingNode:
                    self.problems.append(YamlProblem("yaml-syntax", Message("yaml.merge"), *_position(source)))
                    continue
                merged = self.build_mapping(source, depth)
                for key, value in merged.items():
                    result.setdefault(key, value)
        return result


class _Stop(Exception):
    """Raised inside the builder when a limit is hit; the problem is already recorded."""


def decode(raw: bytes) -> tuple[str | None, YamlProblem | None]:
    """UTF-8 with or without a byte-order mark; anything else is named, with the line it failed on."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, YamlProblem("yaml-encoding", Message("yaml.encoding_utf16"), hint=Message("yaml.encoding.hint"))
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        byte = raw[error.start]
        return None, YamlProblem(
            "yaml-encoding",
            Message("yaml.encoding", byte=f"0x{byte:02X}"),
            line,
            column,
            hint=Message("yaml.encoding.hint"),
        )


def _too_deep_for_c_composer(text: str, limits: Limits) -> YamlProblem | None:
    """Guard the C composer, which would crash on a few tens of thousands of nested levels.

    Block nesting needs indentation or leading indicators, flow nesting needs brackets; their sum
    bounds the depth. Only when that cheap bound is high is the real depth measured from events.
    """
    leading = max(map(len, _LEADING_INDICATORS.findall(text)), default=0)
    bound = text.count("[") + text.count("{") + 2 * (leading + 2)
    if bound <= _C_COMPOSER_SAFE_DEPTH:
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader if HAVE_LIBYAML else yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > limits.max_depth:
                    mark = event.start_mark
                    return limit_problem("yaml.limit_depth", limits.max_depth, mark.line + 1, mark.column + 1)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None  # the composer reports the syntax error with its position
    return None


def parse_text(text: str, limits: Limits = Limits()) -> ParsedFile:
    """Every document in the text, or as many as could be read, and every problem met on the way."""
    parsed = ParsedFile()
    problems = parsed.problems
    deep = _too_deep_for_c_composer(text, limits)
    if deep is not None:
        problems.append(deep)
        return parsed
    loader = _NodeLoader(text)
    builder = _Builder(limits, problems)
    source = SourceText(text)
    index = 0
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is None:
                break
            before = len(problems)
            try:
                data = builder.build(node)
            except _Stop:
                data = _Stop
            for position in range(before, len(problems)):
                problems[position] = _with_document(problems[position], index)
            if builder.stopped:
                break  # the file's node budget is spent: later documents would only repeat the message
            if data is not _Stop:
                mark = node.start_mark
                parsed.documents.append(ParsedDocument(data, index, mark.line + 1, source, mark.column + 1))
            index += 1
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = error.problem or str(error)
        context = f" ({error.context})" if error.context else ""
        if "nesting depth" in problem:  # libyaml's own bound on flow nesting
            problems.append(limit_problem("yaml.limit_depth", limits.max_depth, line, column, index))
            return parsed
        problems.append(
            YamlProblem(
                "yaml-syntax",
                Message("yaml.syntax", problem=f"{problem}{context}"),
                line,
                column,
                hint=Message("yaml.syntax.hint"),
                document_index=index,
            )
        )
    except yaml.YAMLError as error:  # reader errors: control characters and the like
        position = getattr(error, "position", 0) or 0
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        character = getattr(error, "character", None)
        shown = f"U+{ord(character):04X}" if isinstance(character, str) else str(character)
        problems.append(
            YamlProblem("yaml-syntax", Message("yaml.control_character", character=shown), line, column, hint=Message("yaml.control_character.hint"))
        )
    finally:
        loader.dispose()
    return parsed


def _compose_nodes(text: str) -> list[Node]:
    """The root node of every document that composes without error (text already checked once)."""
    nodes: list[Node] = []
    loader = _NodeLoader(text)
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is None:
                break
            nodes.append(node)
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return nodes


def _with_document(problem: YamlProblem, index: int) -> YamlProblem:
    if problem.document_index is not None:
        return problem
    return YamlProblem(problem.rule_id, problem.message, problem.line, problem.column, problem.hint, index)


def parse_bytes(raw: bytes, limits: Limits = Limits()) -> ParsedFile:
    if len(raw) > limits.max_file_bytes:
        parsed = ParsedFile()
        parsed.problems.append(
            YamlProblem(
                "yaml-limit",
                Message("yaml.limit_size", size=len(raw), limit=limits.max_file_bytes),
                hint=Message("yaml.limit_size.hint"),
            )
        )
        return parsed
    text, problem = decode(raw)
    if problem is not None:
        parsed = ParsedFile()
        parsed.problems.append(problem)
        return parsed
    return parse_text(text, limits)


def locate(root: Node | None, parts: tuple, *, key: bool = False) -> tuple[int, int]:
    """Line and column (1-based) of the value at a JSON path, or of the deepest part of it that exists.

    With `key`, the position of the mapping key itself (where an unknown key is best pointed at).
    """
    if root is None:
        return 1, 1
    node = root
    for position, part in enumerate(parts):
        last = position == len(parts) - 1
        if type(node) is MappingNode:
            found = _find_key(node, str(part))
            if found is None:
                break
            key_node, value_node = found
            if last and key:
                return _position(key_node)
            node = value_node
        elif type(node) is SequenceNode and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
        else:
            break
    return _position(node)


def _find_key(node: MappingNode, name: str, _depth: int = 0):
    merges = []
    for key_node, value_node in node.value:
        if type(key_node) is ScalarNode:
            if key_node.tag == MERGE_TAG:
                merges.append(value_node)
            elif key_node.value == name:
                return key_node, value_node
    if _depth < 8:
        for merge in merges:
            for source in merge.value if type(merge) is SequenceNode else [merge]:
                if type(source) is MappingNode:
                    found = _find_key(source, name, _depth + 1)
                    if found is not None:
                        return found
    return None
