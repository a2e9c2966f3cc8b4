"""The handbook's templates: the bundled ones (`data/templates/handbook/*.md.j2`), any of which a
governance repository may replace with a file of the same name under its own `templates/` folder
(`templates/handbook/start.md.j2`). They run in the sandboxed environment every itstyr template
runs in (an undefined name is an error; a field the data lacks is None, see `record.py`), with
the handbook's stricter escaping."""

from __future__ import annotations

import os
from pathlib import Path

from itstyr.errors import UserError
from itstyr.messages import Message, text
from itstyr.render.handbook.escape import md, md_block
from itstyr.render.handbook.record import data
from itstyr.render.handbook.tools import TRUSTED

OVERRIDES = "templates"


def handbook_environment(language: str, root: Path):
    from jinja2 import ChoiceLoader, FileSystemLoader

    from itstyr.render.environment import environment

    env = environment(language)
    own = root / OVERRIDES
    if own.is_dir():
        env.loader = ChoiceLoader([FileSystemLoader(str(own), encoding="utf-8"), env.loader])
    # Names, table cells and descriptions from the data: the handbook is published as HTML, so
    # Markdown links, code and emphasis in a name are shown as written, never interpreted.
    env.filters["md"] = md
    env.filters["md_block"] = md_block
    env.filters["data"] = data
    phrases: dict[str, str] = {}

    def phrase(key: str, **params) -> str:
        if params:
            return text(key, language, **params)
        if key not in phrases:
            phrases[key] = text(key, language)
        return phrases[key]

    env.globals["t"] = phrase
    _trust(env, TRUSTED | {phrase})
    return env


def _trust(env, trusted: frozenset) -> None:
    """Calls to the handbook's own tools skip the sandbox's per-call inspection (they are plain
    functions of ours that templates can call but not change); every other call, and every
    attribute a template reads, is still checked by the sandbox."""
    checked = env.call

    def call(context, function, *args, **kwargs):
        if getattr(function, "__func__", function) in trusted:
            kwargs.pop("_loop_vars", None)
            kwargs.pop("_block_vars", None)
            return function(*args, **kwargs)
        return checked(context, function, *args, **kwargs)

    env.call = call


def render(env, template: str, context: dict) -> str:
    """One page from its template; a broken or failing template is a clear error (exit 2)."""
    from jinja2 import TemplateError, TemplateSyntaxError

    try:
        return env.get_template(template).render(**context)
    except TemplateSyntaxError as error:
        raise UserError(
            Message("handbook.template_error", template=error.filename or error.name or template, line=error.lineno, error=error.message or ""),
            Message("handbook.template_error.hint"),
        ) from None
    except TemplateError as error:
        where, line = _where(error, template)
        raise UserError(
            Message("handbook.template_error", template=where, line=line, error=str(error)),
            Message("handbook.template_error.hint"),
        ) from None
    except (TypeError, ValueError, KeyError, IndexError, AttributeError) as error:
        # A template calling a tool the wrong way (too many arguments, a list where a text goes).
        where, line = _where(error, template)
        if line == "?" or os.environ.get("ITSTYR_DEBUG", "") not in ("", "0"):
            raise
        raise UserError(
            Message("handbook.template_error", template=where, line=line, error=f"{type(error).__name__}: {error}"),
            Message("handbook.template_error.hint"),
        ) from None


def _where(error: Exception, template: str) -> tuple[str, object]:
    """The template file and line a runtime error happened on (Jinja puts template lines in the
    traceback), or the page's template and "?" when it cannot be told."""
    import traceback

    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.endswith(".j2"):
            return frame.filename, frame.lineno
    return template, "?"
