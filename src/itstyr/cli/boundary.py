"""The one error boundary: user errors become a clear message, a hint and exit code 2; anything
unexpected too, with a traceback only under --debug."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Any

from itstyr import exitcodes
from itstyr.errors import UserError
from itstyr.messages import DEFAULT_LANGUAGE, Message


def debug_enabled() -> bool:
    return os.environ.get("ITSTYR_DEBUG", "") not in ("", "0")


def error_language() -> str:
    language = os.environ.get("ITSTYR_LANG", "")
    return language if language in ("sv", "en") else DEFAULT_LANGUAGE


def print_error(message: Message, hint: Message | None, language: str) -> None:
    from itstyr.messages import text

    sys.stderr.write(f"itstyr: {text('severity.error', language)}: {message.render(language)}\n")
    if hint is not None:
        sys.stderr.write(f"    {text('report.hint', language)}: {hint.render(language)}\n")


def boundary(command: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        import typer

        language = kwargs.get("lang") or error_language()
        if language not in ("sv", "en"):
            language = DEFAULT_LANGUAGE
        try:
            return command(*args, **kwargs)
        except typer.Exit:
            raise
        except UserError as error:
            print_error(error.message, error.hint, language)
            raise typer.Exit(exitcodes.USAGE) from None
        except KeyboardInterrupt:
            raise typer.Exit(130) from None
        except BrokenPipeError:  # the reader (head, less) went away: stop quietly
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(exitcodes.FINDINGS) from None
        except Exception as error:  # noqa: BLE001 - the boundary: never a traceback for the user
            if debug_enabled():
                raise
            print_error(
                Message("internal.error", error=f"{type(error).__name__}: {error}"), Message("internal.error.hint"), language
            )
            raise typer.Exit(exitcodes.USAGE) from None

    return wrapper
