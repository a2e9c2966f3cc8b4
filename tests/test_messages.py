"""The message catalogue: every message in both languages, with the same placeholders, and every
message the code can show is in it."""

from __future__ import annotations

import re
import string

from conftest import ROOT
from itstyr.messages import catalogue


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_message_has_swedish_and_english_with_the_same_placeholders():
    for key, languages in catalogue().items():
        assert set(languages) == {"sv", "en"}, key
        assert languages["sv"].strip() and languages["en"].strip(), key
        assert _placeholders(languages["sv"]) == _placeholders(languages["en"]), key


def test_every_message_key_used_in_the_code_exists():
    used = set()
    for path in (ROOT / "src" / "itstyr").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        used |= set(re.findall(r'(?<![\w.])Message\(\s*"([a-z_.-]+)"', source))
        used |= set(re.findall(r'(?<![\w.])text\(\s*"([a-z_.-]+)"', source))
    missing = sorted(key for key in used if key not in catalogue())
    assert not missing, missing
    assert len(used) > 40
