"""Shared table machinery for the built-in and temporal tests (plus checks of the helpers themselves).

Every case goes through the public API, ``compile_expression(text).evaluate(variables, env)``,
so a case checks the built-in *as Zeebe users call it*: overload choice, named arguments,
variadic collection and failure propagation included.

Results are compared strictly: a number must also print the same (``4.0`` is not ``4``, because
``string()`` shows the difference), a ``bool`` is never equal to a number, and nested lists
and contexts are compared item by item.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from pytest_zeebe.feel import FeelEvaluationError, FixedClock, compile_expression

#: The clock the tables assume: ``now()`` is 2020-09-21T07:20:00Z (FEEL.md's matrix).
CLOCK = FixedClock(dt.datetime(2020, 9, 21, 7, 20, tzinfo=dt.UTC))
VARIABLES: dict[str, object] = {"l": [1, 2, 3], "ctx": {"a": 1, "b": "x"}, "nothing": None, "two_lines": "a\nb"}


@dataclass(frozen=True)
class Fails:
    """Expected outcome: evaluation fails (an incident) with a cause containing ``text``."""

    text: str


def D(text: str) -> Decimal:
    """A FEEL number literal."""
    return Decimal(text)


def evaluate(expression: str) -> object:
    """Evaluate through the public API with the table variables and clock."""
    return compile_expression(expression).evaluate(VARIABLES, CLOCK)


def assert_same(actual: object, expected: object) -> None:
    """Strict FEEL-value equality (type, printed form of numbers, offsets/zones of times)."""
    assert type(actual) is type(expected), f"{actual!r} is not {expected!r}"
    if isinstance(expected, Decimal):
        assert str(actual) == str(expected)
    elif isinstance(expected, list):
        assert isinstance(actual, list)
        assert len(actual) == len(expected), f"{actual!r} != {expected!r}"
        for a, e in zip(actual, expected, strict=True):
            assert_same(a, e)
    elif isinstance(expected, dict):
        assert isinstance(actual, dict)
        assert list(actual) == list(expected)
        for key, value in expected.items():
            assert_same(actual[key], value)
    elif isinstance(expected, (dt.datetime, dt.time)):
        assert actual == expected
        assert repr(getattr(actual, "tzinfo", None)) == repr(expected.tzinfo)
    else:
        assert actual == expected


def check(expression: str, expected: Any) -> None:
    """Run one table row."""
    if isinstance(expected, Fails):
        with pytest.raises(FeelEvaluationError) as caught:
            evaluate(expression)
        assert expected.text in caught.value.cause
    else:
        assert_same(evaluate(expression), expected)


def test_assert_same_is_strict() -> None:
    """The comparison the tables rely on tells apart what FEEL tells apart."""
    with pytest.raises(AssertionError):
        assert_same(Decimal("4"), Decimal("4.0"))
    with pytest.raises(AssertionError):
        assert_same(True, Decimal(1))
    with pytest.raises(AssertionError):
        assert_same([Decimal(1)], [Decimal(1), Decimal(2)])
    with pytest.raises(AssertionError):
        assert_same(dt.time(10, tzinfo=dt.UTC), dt.time(10))
