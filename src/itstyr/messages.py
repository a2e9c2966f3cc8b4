"""Messages people read, in Swedish or English, from one catalogue (`data/messages/*.yaml`).

Findings carry a `Message` (a key and its parameters), not a finished string, so the same finding can
be shown in either language and compared in tests without depending on wording.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"


class Message:
    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: Any):
        self.key = key
        self.params = params

    def render(self, language: str = DEFAULT_LANGUAGE, *, nested: bool = False) -> str:
        """The message as a sentence (first letter capitalised), or as a phrase inside another one."""
        template = catalogue()[self.key][language]
        values = {name: _render_value(value, language) for name, value in self.params.items()}
        result = template.format_map(values)
        return result if nested or not result else result[0].upper() + result[1:]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and (self.key, self.params) == (other.key, other.params)

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        return f"Message({self.key!r}, {self.params!r})"


class Text(Message):
    """Text that comes from data (a schema description, a user's name) rather than the catalogue.

    Without an English version it shows the Swedish one, unless `en_fallback` is off, in which
    case it shows nothing in English.
    """

    __slots__ = ("sv", "en", "en_fallback")

    def __init__(self, sv: str, en: str | None = None, *, en_fallback: bool = True):
        super().__init__("text", sv=sv, en=en)
        self.sv, self.en, self.en_fallback = sv, en, en_fallback

    def render(self, language: str = DEFAULT_LANGUAGE, *, nested: bool = False) -> str:
        if language == "en":
            return self.en if self.en else (self.sv if self.en_fallback else "")
        return self.sv


def _render_value(value: Any, language: str) -> str:
    if isinstance(value, Message):
        return value.render(language, nested=True)
    if isinstance(value, (list, tuple)):
        return ", ".join(_render_value(item, language) for item in value)
    return str(value)


def text(key: str, language: str = DEFAULT_LANGUAGE, **params: Any) -> str:
    """A catalogue phrase as written (a label, not a sentence: no capitalisation)."""
    return Message(key, **params).render(language, nested=True)


def count(noun: str, number: int) -> Message:
    """"1 fil", "2 filer": the catalogue holds `count.<noun>.one` and `count.<noun>.other`."""
    return Message(f"count.{noun}.{'one' if number == 1 else 'other'}", n=number)


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """Every message: data/messages/*.yaml (one file per area; a key may be defined once), and every
    lint rule's own (from its data file)."""
    from itstyr.lint.registry import rule_messages
    from itstyr.resources import package_root, read_bundled_yaml

    messages: dict[str, dict[str, str]] = {}
    for entry in sorted(package_root().joinpath("data", "messages").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            for key, value in read_bundled_yaml(f"data/messages/{entry.name}").items():
                if key in messages:
                    raise RuntimeError(f"message {key} is defined twice (data/messages/{entry.name})")
                messages[key] = value
    messages.update(rule_messages())
    return messages
