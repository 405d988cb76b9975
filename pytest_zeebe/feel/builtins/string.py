"""String built-ins, as feel-scala 1.12.4's ``StringBuiltinFunctions`` behave.

Positions are 1-based, negative ones count from the end, and ``0`` means "after the end"
(``substring("abc", 0)`` is ``""``); a range that leaves the string is null, as the
``StringIndexOutOfBoundsException`` behind it is. ``substring before`` returns ``""`` when
the match is at position 1. Regular expressions are Java's (see :mod:`.regex`). Positions and
lengths count UTF-16 code units, as Java does: ``string length("😀")`` is 2.
"""

from __future__ import annotations

import re
from decimal import Decimal

from pytest_zeebe.feel.builtins._base import MAX_STRING_LENGTH, Builtin, list_index, number
from pytest_zeebe.feel.builtins.regex import compile_java, java_replacement, java_split
from pytest_zeebe.feel.values import to_java_int

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _java_length(text: str) -> int:
    """``String.length()``: UTF-16 code units (a character beyond U+FFFF counts twice)."""
    return len(text) + len(_ASTRAL.findall(text))


def _slice(text: str, begin: int, end: int) -> str | None:
    """Java ``String.substring(begin, end)`` in UTF-16 units: null where Java throws."""
    if begin < 0 or end > _java_length(text) or begin > end:
        return None
    if not _ASTRAL.search(text):
        return text[begin:end]
    units = text.encode("utf-16-le", "surrogatepass")
    return units[2 * begin : 2 * end].decode("utf-16-le", "surrogatepass")


def _substring(string: object, start: object) -> object:
    n = number(start)
    if not isinstance(string, str) or n is None:
        return None
    size = _java_length(string)
    return _slice(string, list_index(size, to_java_int(n)), size)


def _substring_length(string: object, start: object, length: object) -> object:
    n, count = number(start), number(length)
    if not isinstance(string, str) or n is None or count is None:
        return None
    begin = list_index(_java_length(string), to_java_int(n))
    return _slice(string, begin, begin + to_java_int(count))


def _length(string: object) -> object:
    return Decimal(_java_length(string)) if isinstance(string, str) else None


def _upper(string: object) -> object:
    return string.upper() if isinstance(string, str) else None


def _lower(string: object) -> object:
    return string.lower() if isinstance(string, str) else None


def _before(string: object, match: object) -> object:
    if not (isinstance(string, str) and isinstance(match, str)):
        return None
    index = string.find(match)
    return string[:index] if index > 0 else ""


def _after(string: object, match: object) -> object:
    if not (isinstance(string, str) and isinstance(match, str)):
        return None
    index = string.find(match)
    return string[index + len(match) :] if index >= 0 else ""


def _replace(text: object, pattern: object, replacement: object, flags: object = "") -> object:
    if not (
        isinstance(text, str) and isinstance(pattern, str) and isinstance(replacement, str) and isinstance(flags, str)
    ):
        return None
    try:
        rx = compile_java(pattern, flags)
        return rx.sub(java_replacement(replacement, rx, MAX_STRING_LENGTH - len(text)), text)
    except (re.error, ValueError, IndexError):
        return None


def _contains(string: object, match: object) -> object:
    return match in string if isinstance(string, str) and isinstance(match, str) else None


def _starts(string: object, match: object) -> object:
    return string.startswith(match) if isinstance(string, str) and isinstance(match, str) else None


def _ends(string: object, match: object) -> object:
    return string.endswith(match) if isinstance(string, str) and isinstance(match, str) else None


def _matches(text: object, pattern: object, flags: object = "") -> object:
    if not (isinstance(text, str) and isinstance(pattern, str) and isinstance(flags, str)):
        return None
    try:
        return compile_java(pattern, flags).search(text) is not None
    except (re.error, ValueError):
        return None


def _split(string: object, delimiter: object) -> object:
    if not (isinstance(string, str) and isinstance(delimiter, str)):
        return None
    try:
        parts: list[object] = list(java_split(string, compile_java(delimiter)))
        return parts
    except (re.error, ValueError):
        return None


FUNCTIONS = (
    Builtin("substring", ("string", "start position"), _substring),
    Builtin("substring", ("string", "start position", "length"), _substring_length),
    Builtin("string length", ("string",), _length),
    Builtin("upper case", ("string",), _upper),
    Builtin("lower case", ("string",), _lower),
    Builtin("substring before", ("string", "match"), _before),
    Builtin("substring after", ("string", "match"), _after),
    Builtin("replace", ("input", "pattern", "replacement"), _replace),
    Builtin("replace", ("input", "pattern", "replacement", "flags"), _replace),
    Builtin("contains", ("string", "match"), _contains),
    Builtin("starts with", ("string", "match"), _starts),
    Builtin("ends with", ("string", "match"), _ends),
    Builtin("matches", ("input", "pattern"), _matches),
    Builtin("matches", ("input", "pattern", "flags"), _matches),
    Builtin("split", ("string", "delimiter"), _split),
)
