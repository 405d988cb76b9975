"""Context, boolean and calendar built-ins, Zeebe's ``cycle``/``appendTo``, and the registry's extent.

``now()``/``today()`` read the injected clock (``env.now()``), never the wall clock. ``cycle``
and ``appendTo`` follow Zeebe 0.26's ``FeelFunctionProvider``: bad arguments fail (an incident)
rather than answer null, and ``appendTo`` ignores a missing first argument, which output
mappings to nested targets depend on. Functions that arrived after feel-scala 1.12 must fail
with ``no function found``, as they do in Zeebe 0.26, or not parse at all when their name has a
space (1.12 knows only its own built-in names with spaces).
"""

from __future__ import annotations

import datetime as dt

import pytest

from pytest_zeebe.feel import FeelSyntaxError, compile_expression
from pytest_zeebe.feel.builtins import BUILTINS
from tests.feel.test_builtins_support import CLOCK, D, Fails, check

CASES = [
    # context
    ("get entries({a: 1, b: 2})", [{"key": "a", "value": D("1")}, {"key": "b", "value": D("2")}]),
    ("get entries({})", []),
    ("get entries(context: ctx)", [{"key": "a", "value": D("1")}, {"key": "b", "value": "x"}]),
    ("get entries(null)", None),
    ('get value({a: 1}, "a")', D("1")),
    ('get value({a: 1}, "b")', None),
    ('get value(context: ctx, key: "b")', "x"),
    ('get value(1, "a")', None),
    # boolean
    ("not(true)", False),
    ("not(false)", True),
    ("not(null)", None),
    ("not(2)", None),
    ("not(missing)", None),
    ("not(negand: false)", True),
    # clock and calendar
    ("now()", CLOCK.now()),
    ("today()", dt.date(2020, 9, 21)),
    ('day of year(date("2020-09-21"))', D("265")),
    ('day of year(date: date("2020-01-01"))', D("1")),
    ('day of week(date("2020-09-21"))', "Monday"),
    ('day of week(date and time("2020-09-27T23:00:00"))', "Sunday"),
    ('month of year(date("2020-09-21"))', "September"),
    ('month of year(date and time("2020-02-01T00:00:00@Europe/Paris"))', "February"),
    ('week of year(date("2021-01-01"))', D("53")),
    ('week of year(date("2020-09-21"))', D("39")),
    ('day of year("2020-01-01")', None),
    ("day of week(1)", None),
    # Zeebe's cycle
    ('cycle(3, duration("PT1H"))', "R3/PT1H"),
    ('cycle(duration("P7D"))', "R/PT168H"),
    ('cycle(null, duration("P1M"))', "R/P1M"),
    ('cycle(2, duration("P1Y"))', "R2/P1Y"),
    ('cycle(repetitions: 1, interval: duration("PT30S"))', "R1/PT30S"),
    ('cycle(interval: duration("PT1M"))', "R/PT1M"),
    ('cycle("x")', Fails("cycle function expected an interval (duration) parameter, but found 'ValString(x)'")),
    (
        "cycle(1, 2)",
        Fails(
            "cycle function expected a repetitions (number) and an interval (duration) parameter, "
            "but found 'ValNumber(1)' and 'ValNumber(2)'"
        ),
    ),
    # Zeebe's appendTo
    ("appendTo({a: 1}, {b: 2})", {"a": D("1"), "b": D("2")}),
    ("appendTo({a: 1, b: 1}, {a: 2})", {"a": D("2"), "b": D("1")}),
    ("appendTo(null, {b: 1})", {"b": D("1")}),
    ("appendTo(missing, {b: 1})", {"b": D("1")}),
    ("appendTo({a: 1}, null)", {"a": D("1")}),
    ("appendTo(x: ctx, y: {c: 3})", {"a": D("1"), "b": "x", "c": D("3")}),
    (
        "appendTo(1, 2)",
        Fails("append function expected two context parameters, but found 'ValNumber(1)', 'ValNumber(2)'"),
    ),
    ("appendTo({a: 1}, missing)", Fails("no variable found for name 'missing'")),
    ("appendTo(missing, 1)", Fails("no variable found for name 'missing'")),
]


@pytest.mark.parametrize(("expression", "expected"), CASES)
def test_builtin(expression: str, expected: object) -> None:
    check(expression, expected)


@pytest.mark.parametrize("expression", ['extract("a", "a")', "assert(true, true)", 'put({}, "a", 1)'])
def test_functions_added_after_1_12_are_unknown(expression: str) -> None:
    """feel-scala 1.13-1.17 added these; Zeebe 0.26 (1.12.4) fails to find them."""
    check(expression, Fails("no function found with name"))


@pytest.mark.parametrize(
    ("expression", "stop"),
    [
        ('string join(["a"])', "[1.8]"),
        ('string join(["a"], ",")', "[1.8]"),
        ("get or else(null, 1)", "[1.5]"),
        ('context put({}, "a", 1)', "[1.9]"),
        ("context merge([{}])", "[1.9]"),
        ("round up(1.5, 0)", "[1.7]"),
        ("round down(1.5, 0)", "[1.7]"),
        ("round half up(1.5, 0)", "[1.7]"),
        ("round half down(1.5, 0)", "[1.7]"),
        ('last day of month(date("2020-01-01"))', "[1.6]"),
        ("random number()", "[1.8]"),
        ("duplicate values([1, 1])", "[1.11]"),
    ],
)
def test_later_names_with_spaces_do_not_parse(expression: str, stop: str) -> None:
    """1.12 reads the first word as a name and stops there (its builtinFunctionName list)."""
    with pytest.raises(FeelSyntaxError) as caught:
        compile_expression(expression)
    assert caught.value.reason.startswith(f"{stop} failure: end of input expected\n")


def test_registry_holds_the_1_12_names_plus_zeebe_ones() -> None:
    """63 of 1.12.4's 64 names (``is defined`` is the evaluator's) plus ``appendTo`` and ``cycle``."""
    assert len(BUILTINS) == 65
    assert "is defined" not in BUILTINS
    assert {"appendTo", "cycle", "years and months duration", "week of year"} <= set(BUILTINS)
    for name, overloads in BUILTINS.items():
        assert all(builtin.name == name for builtin in overloads)
        assert len({len(builtin.params) for builtin in overloads}) == len(overloads), name
