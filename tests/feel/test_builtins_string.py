"""String built-ins, including Java regular expressions on Python's ``re``.

Expected values are feel-scala 1.12.4's (``StringBuiltinFunctions.scala``): positions are
1-based, ``0`` means "past the end", a range leaving the string is null (Java throws
``StringIndexOutOfBoundsException``), ``substring before`` answers ``""`` for a match at the
start, ``split`` keeps trailing empty strings (``Pattern.split(s, -1)``), and ``replace`` uses
Java's ``$1`` replacement syntax. FEEL strings have no escapes in 1.12, so ``"\\d"`` in these
expressions is a backslash followed by ``d``, exactly what the regex engine sees.
"""

from __future__ import annotations

import pytest

from pytest_zeebe.feel import compile_expression
from tests.feel.test_builtins_support import CLOCK, D, check

CASES = [
    # substring
    ('substring("foobar", 3)', "obar"),
    ('substring("foobar", 3, 3)', "oba"),
    ('substring("foobar", -2, 1)', "a"),
    ('substring("foobar", -6)', "foobar"),
    ('substring("foobar", 0)', ""),
    ('substring("foobar", 7)', ""),
    ('substring("foobar", 8)', None),
    ('substring("foobar", 3, 10)', None),
    ('substring("foobar", 1.9)', "foobar"),
    ('substring(string: "foobar", start position: 2)', "oobar"),
    ('substring(string: "foobar", start position: 2, length: 2)', "oo"),
    ("substring(1, 2)", None),
    # length and case
    ('string length("foo")', D("3")),
    ('string length("")', D("0")),
    ('string length("a😀")', D("3")),
    ('substring("😀ab", 3)', "ab"),
    ('substring("a😀b", 2, 2)', "😀"),
    ("string length(1)", None),
    ('upper case("aBc4")', "ABC4"),
    ('lower case("aBc4")', "abc4"),
    ('upper case(string: "x")', "X"),
    ("lower case(true)", None),
    # substring before / after
    ('substring before("foobar", "bar")', "foo"),
    ('substring before("foobar", "xyz")', ""),
    ('substring before("foobar", "f")', ""),
    ('substring after("foobar", "ob")', "ar"),
    ('substring after("foobar", "")', "foobar"),
    ('substring after("foobar", "x")', ""),
    ('substring after(string: "a-b", match: "-")', "b"),
    ("substring before(1, 2)", None),
    # contains / starts with / ends with
    ('contains("foobar", "ob")', True),
    ('contains("foobar", "x")', False),
    ('starts with("foobar", "fo")', True),
    ('starts with("foobar", "o")', False),
    ('ends with("foobar", "r")', True),
    ('ends with(string: "foobar", match: "b")', False),
    ('contains(1, "a")', None),
    # matches
    ('matches("foobar", "^fo*b")', True),
    ('matches("foobar", "^o")', False),
    ('matches("FooBar", "foo", "i")', True),
    ('matches(two_lines, "a.b")', False),
    ('matches(two_lines, "a.b", "s")', True),
    ('matches(two_lines, "^b", "m")', True),
    ('matches("line1", "^line\\d$", "m")', True),
    ('matches("abc", "a b c", "x")', True),
    ('matches("abc", "[")', None),
    ('matches("abc", "\\p{Alpha}+")', True),
    ('matches("x", "\\p{L}")', None),
    ('matches("aaa", "a*+a")', False),
    ('matches("a+b", "\\Qa+b\\E")', True),
    ('matches("2020", "(?<year>\\d{4})")', True),
    ('matches("é", "\\w")', False),
    ('matches(input: "abc", pattern: "B", flags: "i")', True),
    ("matches(1, 2)", None),
    # replace
    ('replace("abcd", "(ab)|(a)", "[1=$1][2=$2]")', "[1=ab][2=]cd"),
    ('replace("a1b22", "\\d+", "#")', "a#b#"),
    ('replace("Abc", "a", "x", "i")', "xbc"),
    ('replace("2020-04", "(?<y>\\d+)-(?<m>\\d+)", "${m}/${y}")', "04/2020"),
    ('replace("a", "a", "\\$")', "$"),
    ('replace("abcdefghijkl", "(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)", "$11")', "kl"),
    ('replace("abcdefghijkl", "(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)", "$12")', "a2l"),
    ('replace("ab", "(x)?b", "[$1]")', "a[]"),
    ('replace("ab", "b", "$")', None),
    ('replace("abc", "b", "$2")', None),
    ('replace("a.b", "[", "x")', None),
    ('replace(input: "aaa", pattern: "a", replacement: "b")', "bbb"),
    ("replace(1, 2, 3)", None),
    # split
    ('split("John Doe", "\\s")', ["John", "Doe"]),
    ('split("a;b;;", ";")', ["a", "b", "", ""]),
    ('split("a1b", "(\\d)")', ["a", "b"]),
    ('split("", ",")', [""]),
    ('split(string: "a-b", delimiter: "-")', ["a", "b"]),
    ('split("abc", "[")', None),
    ("split(1, 2)", None),
]


@pytest.mark.parametrize(("expression", "expected"), CASES)
def test_string(expression: str, expected: object) -> None:
    check(expression, expected)


def test_replace_that_would_square_the_input_is_null() -> None:
    """``replace(s, "", s)`` inserts ``s`` between every character; past 10M characters: null."""
    expression = compile_expression('replace(s, "", s)')
    assert expression.evaluate({"s": "ab"}, CLOCK) == "abaabbab"
    assert expression.evaluate({"s": "x" * 4000}, CLOCK) is None
