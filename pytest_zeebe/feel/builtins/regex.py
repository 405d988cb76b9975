"""Java regular expressions (as ``matches``, ``replace`` and ``split`` take them) on Python's ``re``.

feel-scala 1.12 hands patterns to ``java.util.regex.Pattern``; this module translates the
parts of Java's syntax that Python spells differently, and runs everything else unchanged.

Translated, so they behave as in Zeebe:

* flags ``"i"``, ``"s"``, ``"m"``, ``"x"`` (any other letter is ignored, as 1.12 ignores it);
* ``\\w``, ``\\d``, ``\\s``, ``\\b`` and case-insensitive matching are ASCII-only, as Java's
  defaults are (patterns compile with ``re.ASCII``);
* named groups ``(?<name>...)`` and back-references ``\\k<name>``;
* quoting ``\\Q...\\E``; ``\\z`` (end of input) and ``\\Z`` (end, before a final newline);
* the POSIX classes ``\\p{Alpha}``, ``\\p{Digit}``, ``\\p{Alnum}``, ``\\p{Upper}``,
  ``\\p{Lower}``, ``\\p{Punct}``, ``\\p{Space}`` (and ``\\P{...}``), ASCII as in Java;
* replacement strings: ``$1``, ``${name}`` and ``\\$`` (Java's syntax), not Python's ``\\1``.

Not supported (the function returns null where Java would match):

* other ``\\p{...}`` classes (Unicode categories and scripts such as ``\\p{L}``,
  ``\\p{IsLatin}``), class intersections ``[a-z&&[^aeiou]]``, ``\\h``, ``\\R``, ``\\X``;
* inline flags anywhere but at the start of the pattern (``a(?i)b``).

Behaves slightly differently:

* ``.`` excludes only ``\\n`` (Java also excludes ``\\r``, ``\\u0085``, ``\\u2028``, ``\\u2029``);
* ``^``/``$`` in multi-line mode break lines at ``\\n`` only.

Possessive quantifiers (``a*+``) and atomic groups (``(?>...)``) work as in Java (Python 3.11+).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

_FLAGS = {"i": re.IGNORECASE, "s": re.DOTALL, "m": re.MULTILINE, "x": re.VERBOSE}
_POSIX = {
    "Alpha": "a-zA-Z",
    "Digit": "0-9",
    "Alnum": "a-zA-Z0-9",
    "Upper": "A-Z",
    "Lower": "a-z",
    "Punct": re.escape("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"),
    "Space": " \\t\\n\\x0b\\f\\r",
}
_PROPERTY = re.compile(r"([pP])\{(\w+)\}")


class UnsupportedPattern(ValueError):
    """Raised for Java regex syntax that has no Python translation (the built-in gives null)."""


def _escape(pattern: str, i: int, in_class: bool) -> tuple[str, int]:
    """Translate the escape starting at ``pattern[i] == '\\'``; return (text, next index)."""
    nxt = pattern[i + 1] if i + 1 < len(pattern) else ""
    if nxt == "Q":
        end = pattern.find("\\E", i + 2)
        literal = pattern[i + 2 :] if end < 0 else pattern[i + 2 : end]
        return re.escape(literal), len(pattern) if end < 0 else end + 2
    if nxt in ("p", "P"):
        m = _PROPERTY.match(pattern, i + 1)
        if m is None or m.group(2) not in _POSIX:
            raise UnsupportedPattern(pattern)
        chars = _POSIX[m.group(2)]
        if in_class:
            if nxt == "P":
                raise UnsupportedPattern(pattern)
            return chars, m.end()
        return ("[^" if nxt == "P" else "[") + chars + "]", m.end()
    if not in_class:
        if nxt == "z":
            return r"\Z", i + 2
        if nxt == "Z":
            return r"(?=\n?\Z)", i + 2
        if nxt == "k" and i + 2 < len(pattern) and pattern[i + 2] == "<":
            end = pattern.index(">", i + 3)
            return f"(?P={pattern[i + 3 : end]})", end + 1
    if nxt in ("h", "H", "R", "X"):
        raise UnsupportedPattern(pattern)
    return pattern[i : i + 2], i + 2


def translate(pattern: str) -> str:
    """The Python spelling of a Java regular expression."""
    out: list[str] = []
    i, depth = 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            text, i = _escape(pattern, i, depth > 0)
            out.append(text)
            continue
        if depth == 0 and pattern.startswith("(?<", i) and i + 3 < len(pattern) and pattern[i + 3] not in "=!":
            out.append("(?P<")
            i += 3
            continue
        if c == "[":
            if depth > 0 and pattern.startswith("&&", i - 2):
                raise UnsupportedPattern(pattern)
            depth += 1
        elif c == "]" and depth > 0:
            depth -= 1
        elif c == "&" and depth > 0 and pattern.startswith("&&", i):
            raise UnsupportedPattern(pattern)
        out.append(c)
        i += 1
    return "".join(out)


@lru_cache(maxsize=256)
def compile_java(pattern: str, flags: str = "") -> re.Pattern[str]:
    """Compile a Java pattern with XPath-style flag letters; raises ``re.error``/``ValueError``."""
    bits = re.ASCII
    for letter, bit in _FLAGS.items():
        if letter in flags:
            bits |= bit
    return re.compile(translate(pattern), bits)


class ResultTooLong(ValueError):
    """Raised when a replacement would build a string longer than the caller's limit."""


def java_replacement(template: str, rx: re.Pattern[str], budget: int | None = None) -> Callable[[re.Match[str]], str]:
    """A ``re.sub`` callback applying Java's ``Matcher.replaceAll`` replacement syntax.

    ``budget`` bounds the total length of the inserted text (``replace(s, "", s)`` squares the
    input's length); exceeding it raises :class:`ResultTooLong`.
    """
    parts: list[str | int] = []
    literal: list[str] = []
    i = 0
    while i < len(template):
        c = template[i]
        if c == "\\":
            if i + 1 >= len(template):
                raise ValueError("character to be escaped is missing")
            literal.append(template[i + 1])
            i += 2
            continue
        if c != "$":
            literal.append(c)
            i += 1
            continue
        if template.startswith("{", i + 1):
            end = template.index("}", i + 2)
            name = template[i + 2 : end]
            if name not in rx.groupindex:
                raise ValueError(f"No group with name {{{name}}}")
            group, i = rx.groupindex[name], end + 1
        else:
            group, i = _group_number(template, i + 1, rx.groups)
        parts.extend(["".join(literal), group])
        literal = []
    parts.append("".join(literal))

    spent = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal spent
        text = "".join(p if isinstance(p, str) else (match.group(p) or "") for p in parts)
        spent += len(text)
        if budget is not None and spent > budget:
            raise ResultTooLong(budget)
        return text

    return replace


def _group_number(template: str, i: int, groups: int) -> tuple[int, int]:
    """Java's greedy group reference: take digits while the number is still a group."""
    if i >= len(template) or not template[i].isdigit():
        raise ValueError("Illegal group reference")
    number = int(template[i])
    if number > groups:
        raise IndexError(f"No group {number}")
    i += 1
    while i < len(template) and template[i].isdigit() and number * 10 + int(template[i]) <= groups:
        number = number * 10 + int(template[i])
        i += 1
    return number, i


def java_split(text: str, rx: re.Pattern[str]) -> list[str]:
    """``Pattern.split(text, -1)``: trailing empty strings kept, no groups in the result."""
    parts: list[str] = []
    index = 0
    for match in rx.finditer(text):
        if match.end() == 0:
            continue  # a zero-width match at the very start yields no leading empty string
        parts.append(text[index : match.start()])
        index = match.end()
    if not parts and index == 0:
        return [text]
    parts.append(text[index:])
    return parts
