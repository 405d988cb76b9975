"""Robustness: no input, however malformed, deep or large, escapes the package's error types,
and none takes longer than a second.

Evaluation failures must be feel-scala-style failures, never our own defects: the API turns an
unexpected exception into ``internal error: ...``, which these tests reject.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pytest_zeebe.feel import FeelError, FeelEvaluationError, FixedClock, compile_expression

from .conftest import CLOCK, MATRIX_VARIABLES

TOKENS = [
    "x",
    "a",
    "b",
    "s",
    "l",
    "items",
    "order",
    "nothing",
    "missing",
    "item",
    "partial",
    "?",
    "1",
    "0",
    "-1",
    "2.5",
    ".5",
    '"a"',
    '""',
    "true",
    "false",
    "null",
    "+",
    "-",
    "*",
    "/",
    "**",
    "=",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "and",
    "or",
    "not",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ".",
    "..",
    ":",
    "in",
    "between",
    "instance",
    "of",
    "if",
    "then",
    "else",
    "for",
    "return",
    "some",
    "every",
    "satisfies",
    "function",
    "count",
    "sum",
    "string",
    "upper case",
    "date",
    "duration",
    "date and time",
    "now",
    "is defined",
    "min",
    "sort",
    "sublist",
    "substring",
    "matches",
    "replace",
    "appendTo",
    "cycle",
    "number",
    "`first name`",
    "price",
    "name",
    "year",
    "time offset",
    "//",
    "/*",
    "*/",
    "\n",
]


def _run(text: str, clock: FixedClock = CLOCK) -> None:
    """Compile and evaluate within 5 CPU seconds of this thread: the worst input takes ~0.6 s alone, a
    quadratic or exponential path would take minutes (wall time would flake under load)."""
    started = time.thread_time()
    try:
        compiled = compile_expression(text)
    except FeelError:
        pass
    else:
        cause = ""
        try:
            compiled.evaluate(MATRIX_VARIABLES, clock)
        except FeelEvaluationError as error:
            cause = error.cause
        assert "internal error" not in cause, cause
    assert time.thread_time() - started < 5.0, text


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_random_text(text: str) -> None:
    _run(text)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TOKENS), max_size=40))
def test_random_token_sequences(tokens: list[str]) -> None:
    _run(" ".join(tokens))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["(", "[", "{a:", "-", "not(", "if true then ", "[1..", "f(", "x in ("]),
    st.integers(min_value=1, max_value=3000),
)
def test_deep_nesting(opener: str, depth: int) -> None:
    closer = {
        "(": ")",
        "[": "]",
        "{a:": "}",
        "-": "",
        "not(": ")",
        "if true then ": " else 0",
        "[1..": "]",
        "f(": ")",
        "x in (": ")",
    }[opener]
    _run(opener * depth + "1" + closer * depth)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.from_regex(r"[0-9]{1,8000}(\.[0-9]{1,8000})?", fullmatch=True),
            st.sampled_from(["x", "-1", "0", "0.5", "nothing", '"a"', "[1, 2]"]),
        ),
        min_size=1,
        max_size=3,
    ),
    st.sampled_from(["+", "-", "*", "/", "**", "<", "=", "..", "in", "between"]),
)
def test_extreme_numbers(operands: list[str], op: str) -> None:
    if op == "..":
        _run(f"for i in {operands[0]}..{operands[-1]} return i")
    elif op == "between":
        _run(f"{operands[0]} between {operands[-1]} and {operands[0]}")
    elif op == "in":
        _run(f"{operands[0]} in [{operands[-1]}..{operands[0]}]")
    else:
        _run(f" {op} ".join(operands))
        _run(f"l[{operands[0]}]")


@pytest.mark.parametrize(
    "text",
    [
        "1" + " + 1" * 20000,
        "x" + ".y" * 20000,
        "l" + "[1]" * 20000,
        '"' + "a" * 90000 + '"',
        "[" + ",".join(["1"] * 30000) + "]",
        "for i in 1..100000, j in 1..100000 return i",
        "for i in 1..1000 return for j in 1..1000 return for k in 1..1000 return 1",
        "every i in 1..100000 satisfies every j in 1..100000 satisfies true",
        "count(for i in 1..100000 return partial)",
        "{f: function(a) a, g: function(a) f(f(a)), h: function(a) g(g(a)), r: h(h(1))}.r",
        "sort(for i in 1..100000 return -i, function(a, b) a < b)",
        "string(for i in 1..20 return string(partial))",
        "2 ** 999999999",
        "(1 / 3) ** 100000",
        "sqrt(10 ** 6000)",
        "1" * 5000 + " * " + "9" * 5000,
    ],
)
def test_expensive_inputs_stay_bounded(text: str) -> None:
    _run(text)
