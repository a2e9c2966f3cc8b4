"""The Jinja2 environment every template runs in.

Sandboxed (a repository may bring its own templates), StrictUndefined (a misspelt name is an error,
not an empty string), and filters for what templates need: the language's text from {sv, en} data,
vocabulary labels, Markdown-safe user text.
"""

from __future__ import annotations

from functools import lru_cache

from itstyr.glossary import label
from itstyr.messages import Message, text


def md(value: object) -> str:
    """User text made safe inside Markdown, including table cells: no table breaks, no HTML that runs."""
    if value is None:
        return ""
    rendered = value.render() if isinstance(value, Message) else str(value)
    return (
        rendered.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\r", " ")
        .replace("\n", " ")
    )


def md_block(value: object) -> str:
    """Multi-line user text (descriptions) as Markdown paragraphs: HTML neutralised, lines kept."""
    if value is None:
        return ""
    return str(value).replace("<", "&lt;").replace(">", "&gt;").strip()


@lru_cache(maxsize=1)
def _template_source() -> dict[str, str]:
    from itstyr.resources import package_root

    folder = package_root().joinpath("data", "templates")
    sources = {}

    def walk(node, prefix: str) -> None:
        for entry in node.iterdir():
            name = f"{prefix}{entry.name}"
            if entry.is_dir():
                walk(entry, name + "/")
            elif entry.name.endswith(".j2"):
                sources[name] = entry.read_text(encoding="utf-8")

    walk(folder, "")
    return sources


def environment(language: str):
    from jinja2 import DictLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(
        loader=DictLoader(_template_source()),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = md
    env.filters["md_block"] = md_block
    env.filters["label"] = lambda slug: label(slug, language)
    env.filters["lang"] = lambda entry: entry[language] if isinstance(entry, dict) else entry
    env.filters["render"] = lambda message: message.render(language) if isinstance(message, Message) else str(message)
    env.globals["t"] = lambda key, **params: text(key, language, **params)
    env.globals["language"] = language
    return env
