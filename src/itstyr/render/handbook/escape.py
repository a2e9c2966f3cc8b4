"""User text made safe for the three places the handbook puts it: a line of Markdown (names, table
cells), a block of Markdown (descriptions, where the schemas allow Markdown), and a Mermaid label.

The handbook is published on a Git host and as a static site, where the Markdown becomes HTML. So
no user text may open a link, run a script, break a table, start a heading that upsets the page's
outline, or end a diagram's label early. Escaping happens here and nowhere else.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote

# A backslash first, so the escapes added after it are not escaped again.
_INLINE = str.maketrans(
    {
        "\\": "\\\\",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "~": "\\~",
        "[": "\\[",
        "]": "\\]",
        "|": "\\|",
        "<": "&lt;",
        ">": "&gt;",
        "\r": " ",
        "\n": " ",
        "\t": " ",
    }
)
# At the start of a line these would make a heading, a quote, a list or a rule of a plain name.
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")


_PLAIN = re.compile(r"[\\`*_~\[\]|<>\r\n\t]|^\s|\s$|^(?:[#>+=-]|\d+[.)])")


def md(value: object) -> str:
    """One line of plain text, shown as written: no Markdown, no HTML, safe inside a table cell."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if not _PLAIN.search(text):  # most names need nothing done
        return text
    return _escape_line(text)


@lru_cache(maxsize=16384)
def _escape_line(text: str) -> str:
    text = text.translate(_INLINE).strip()
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


_SAFE_TARGET = re.compile(r"^(?:https?://|mailto:|#|[^:&]*$)", re.IGNORECASE)
_INLINE_LINK = re.compile(r"\]\(\s*<?([^)>\s]*)")
_REFERENCE = re.compile(r"^(\s{0,3})\[([^\]]*)\]:\s*<?(\S*?)>?(\s|$)")
_HEADING = re.compile(r"^(\s{0,3})(#)")
_SETEXT = re.compile(r"^(\s{0,3})([=-]+\s*)$")


def _defuse_links(line: str) -> str:
    def inline(match: re.Match[str]) -> str:
        return match.group(0) if _SAFE_TARGET.match(match.group(1)) else "]\\(" + match.group(0)[2:]

    line = _INLINE_LINK.sub(inline, line)
    reference = _REFERENCE.match(line)
    if reference and not _SAFE_TARGET.match(reference.group(3)):
        line = reference.group(1) + "\\[" + line[len(reference.group(1)) + 1 :]
    return line


def md_block(value: object) -> str:
    """Multi-line text where the schemas allow Markdown (descriptions, remits): paragraphs, lists,
    emphasis and web links are kept; HTML is shown, not run; a link to anything but http(s),
    mailto or a relative page is shown as text; a heading is demoted to text so the page's
    outline stays the handbook's own."""
    if value is None:
        return ""
    lines = []
    for line in str(value).replace("\r\n", "\n").replace("\r", "\n").strip().split("\n"):
        line = line.replace("<", "&lt;").replace(">", "&gt;")
        line = _HEADING.sub(lambda m: m.group(1) + "\\" + m.group(2), line)
        line = _SETEXT.sub(lambda m: m.group(1) + "\\" + m.group(2), line)
        lines.append(_defuse_links(line))
    return "\n".join(lines)


def url(value: object) -> str | None:
    """A web address usable as a link target, or None: only http(s), with the characters that would
    end a Markdown link or open HTML percent-encoded."""
    if not isinstance(value, str) or not re.match(r"^https?://", value, re.IGNORECASE):
        return None
    return quote(value.strip(), safe=":/?#@!$'*+,;=%-._~&")


# Mermaid reads "#name;" and "#123;" as character codes inside a label, so "#" goes first.
_MERMAID = [("#", "#35;"), ('"', "#34;"), ("<", "#60;"), (">", "#62;"), ("&", "#38;"), ("`", "#96;"), ("|", "#124;")]


def mermaid_label(value: object) -> str:
    """Text inside a quoted Mermaid label: quotes, HTML and Markdown strings cannot escape it."""
    text = " ".join(str(value if value is not None else "").split())
    for char, code in _MERMAID:
        text = text.replace(char, code)
    return text
