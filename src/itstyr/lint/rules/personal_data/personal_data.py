"""E-mail addresses, phone numbers and Swedish personal identity numbers anywhere in the published text.

Every string value of every document is scanned with one compiled pattern, after cheap pre-filters
(substring searches in C) that every match must pass: first on all of a document's text at once, so
that a clean document costs one walk and a few searches, then string by string in a document that
may hold something. Each distinct string is scanned once however often it recurs. The finding never
repeats what it found in full: the message shows it masked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from fnmatch import fnmatchcase

from itstyr.lint.context import LintContext
from itstyr.lint.rule import Violation

ID = "personal-data"

# Numbers are not taken from inside words, ids, dates (2024-09-12), registry numbers (KS 2024/0123),
# decimals or ranges: they may not touch a letter or digit, or follow '+', '-', '/', '.' or ','.
_BEFORE = r"(?<![\w+\-/.,])"
_AFTER = r"(?!\w|[\-/.,]\d)"
# 12 or 10 digits, optionally with '-' (or '+', 100 years or older) before the last four.
_PNR = r"(?P<pnr>(?:(?:18|19|20)\d{6}|\d{6})[-+]?\d{4})"
# Swedish phone numbers: 0 (or +46 / 0046, optionally with "(0)") and an area code, then groups of
# digits separated by single spaces or hyphens: 070-123 45 67, 08-123 456 78, +46 70 123 45 67,
# 0431-12 34 56, (08) 123 45 67, 070 - 123 45 67. Dots are not separators, so times (07.00) never match.
_PHONE = (
    r"(?P<phone>(?:(?:\+|00)46[ \-]?(?:\(0\)[ \-]?)?[1-9]\d{0,2}|\(0[1-9]\d{0,2}\)|0[1-9]\d{0,2})"
    r"(?: ?- ?|[ /])?\d{2,4}(?:[ \-]?\d{2,4}){0,3})"
)
_EMAIL = r"(?P<email>[\w.%+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[A-Za-z]{2,})"
_SCAN = re.compile(rf"{_EMAIL}|{_BEFORE}(?:{_PNR}{_AFTER}|{_PHONE}{_AFTER})")
_PHONE_ONLY = re.compile(rf"{_BEFORE}{_PHONE}{_AFTER}")
_DIGITS = re.compile(r"\d+")
_DIGIT = re.compile(r"\d")
# The pre-filter: a '0' starting a number (a literal first, so the search is fast), and six digits.
_PHONE_START = re.compile(r"0(?<![\w+\-/.,]0)[1-9]")
_DIGITS_TO_NINE = bytes.maketrans(b"012345678", b"999999999")
_SIX_DIGITS = b"999999"


def _luhn(digits: str) -> bool:
    total = 0
    for position, char in enumerate(digits):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _real_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def identity_number(text: str) -> str | None:
    """'personnummer' or 'samordningsnummer' if `text` is a valid one (date and check digit), else None."""
    digits = text.replace("-", "").replace("+", "")
    if len(digits) == 12:
        centuries = [int(digits[:2])]
        digits = digits[2:]
    else:
        centuries = [18, 19, 20]
    if len(digits) != 10 or not _luhn(digits):
        return None
    month, day = int(digits[2:4]), int(digits[4:6])
    kind = "personnummer"
    if day > 60:
        kind, day = "samordningsnummer", day - 60
    if any(_real_date(century * 100 + int(digits[:2]), month, day) for century in centuries):
        return kind
    return None


def _national(text: str) -> str:
    """The digits of a phone number in national form (0 and the area code)."""
    digits = "".join(_DIGIT.findall(text))
    if text.startswith("+46"):
        digits = "0" + digits[2:]
    elif text.startswith("0046"):
        digits = "0" + digits[4:]
    if digits.startswith("00"):  # +46 (0)8 ...
        digits = digits[1:]
    return digits


def phone_number(text: str) -> str | None:
    """The phone number at the start of `text`, or None: trailing groups of digits are dropped until the
    length is a Swedish number's, 8 to 10 digits in national form (a year after a number is not part of it)."""
    ends = [run.end() for run in _DIGITS.finditer(text)]
    while ends:
        candidate = text[: ends.pop()]
        length = len(_national(candidate))
        if 8 <= length <= 10:
            return candidate
        if length < 8:
            return None
    return None


def mask(text: str) -> str:
    """Every digit but the first two and the last two replaced by x; for an e-mail address, the local
    part but its first character."""
    if "@" in text:
        local, _, domain = text.partition("@")
        return local[:1] + "***@" + domain
    positions = [index for index, char in enumerate(text) if char.isdigit()]
    hidden = set(positions[2:-2])
    return "".join("x" if index in hidden else char for index, char in enumerate(text))


def email_allowed(address: str, patterns: list[str]) -> bool:
    """A pattern ending in '@' names a local part (kontaktcenter@), one starting with '@' a domain
    (@hamnkoping.se); one with '*' or '?' is matched as a whole; anything else is a whole address."""
    address = address.lower()
    for pattern in patterns:
        pattern = pattern.lower()
        if "*" in pattern or "?" in pattern:
            if fnmatchcase(address, pattern):
                return True
        elif pattern.endswith("@") and not pattern.startswith("@"):
            if address.startswith(pattern):
                return True
        elif pattern.startswith("@"):
            if address.endswith(pattern):
                return True
        elif address == pattern:
            return True
    return False


def scan(text: str, options: dict) -> list[tuple[str, str]]:
    """The personal data in one string: (message name, masked value) pairs."""
    found: list[tuple[str, str]] = []
    position = 0
    while (match := _SCAN.search(text, position)) is not None:
        start = match.start()
        position = match.end()
        address = match.group("email")
        if address is not None:
            if not email_allowed(address, options["allowed_emails"]):
                found.append(("email", mask(address)))
            continue
        number = match.group("pnr")
        if number is not None:
            kind = identity_number(number)
            if kind is not None:
                found.append((kind, mask(number)))
                continue
            match = _PHONE_ONLY.match(text, start)  # 0701234567 has the shape of a date too
        phone = phone_number(match.group("phone")) if match is not None else None
        if phone is None:
            position = _next(text, start)
            continue
        position = start + len(phone)
        if options["check_phone_numbers"] and _national(phone) not in options["_allowed_phones"]:
            found.append(("phone", mask(phone)))
    return found


def _next(text: str, start: int) -> int:
    """Where to look next after a number that was not personal data: past its first run of digits."""
    end = start
    while end < len(text) and not text[end].isdigit():
        end += 1
    while end < len(text) and text[end].isdigit():
        end += 1
    return max(end, start + 1)


def _texts(value, out: list[str]) -> None:
    """Every string value under `value`, without paths (the fast pass)."""
    for item in value.values() if isinstance(value, dict) else value:
        if type(item) is str:
            out.append(item)
        elif isinstance(item, (dict, list)):
            _texts(item, out)


def _may_hold(text: str) -> bool:
    """Cheap tests, each a substring search in C, that every e-mail address, phone number and identity
    number passes: an '@'; '+46', '0046' or '(0'; a '0' and a digit 1-9 that do not continue a word,
    a date or a number; or six digits in a row."""
    return (
        "@" in text
        or "+46" in text
        or "0046" in text
        or "(0" in text
        or _PHONE_START.search(text) is not None
        or _SIX_DIGITS in text.encode("utf-8", "surrogatepass").translate(_DIGITS_TO_NINE)
    )


def check(ctx: LintContext, options: dict) -> Iterator[Violation]:
    # The options are declared as arrays; their items are read as text whatever YAML made of them.
    options = {
        **options,
        "allowed_emails": [str(pattern) for pattern in options["allowed_emails"]],
        "_allowed_phones": {_national(str(number)) for number in options["allowed_phone_numbers"]},
    }
    cache: dict[str, list[tuple[str, str]]] = {}
    for document in ctx.documents:
        texts: list[str] = []
        _texts(document.data, texts)
        # One test per document on all its text (joined by a character no pattern crosses); only a
        # document that may hold something is walked again string by string, with paths.
        if not _may_hold("\x00".join(texts)):
            continue
        for path, text in _strings(document.data):
            found = cache.get(text)
            if found is None:
                found = scan(text, options) if _may_hold(text) else []
                cache[text] = found
            for message, masked in found:
                yield Violation(document, path, message, {"value": masked})


def _strings(value, path: tuple = ()):
    """(path, text) of every string value, depth first."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str):
                yield (*path, key), item
            elif isinstance(item, (dict, list)):
                yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str):
                yield (*path, index), item
            elif isinstance(item, (dict, list)):
                yield from _strings(item, (*path, index))
