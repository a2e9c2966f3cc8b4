"""Errors that stop a command before any finding can be reported (exit code 2)."""

from __future__ import annotations

from itstyr.messages import Message


class UserError(Exception):
    """Bad usage, bad settings or unreadable input: shown as one clear message and a hint, no traceback."""

    def __init__(self, message: Message, hint: Message | None = None, details: list[str] | None = None):
        super().__init__(message.key)
        self.message = message
        self.hint = hint
        self.details = details or []
