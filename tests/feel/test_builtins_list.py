"""List built-ins, including the variadic aggregates and ``sort`` with a user function.

Expected values are feel-scala 1.12.4's (``ListBuiltinFunctions.scala``): aggregates accept
``f(1, 2, 3)`` or ``f([1, 2, 3])``; ``min``/``max`` of incomparable items are null but the
numeric aggregates *fail* on a non-number; ``mode([])`` is ``[]``; ``stddev`` is a Java
double; out-of-range positions clamp like Scala's ``slice``; ``remove(l, 0)`` returns the list
twice (1.12's ``listIndex`` maps 0 to the size); ``append(l, [2])`` appends the list as one item
unless ``items`` is passed by name. Equality inside lists is FEEL's: ``true`` is not ``1``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pytest_zeebe.feel import compile_expression
from tests.feel.test_builtins_support import CLOCK, D, Fails, check

CASES = [
    ("list contains([1, 2, 3], 2)", True),
    ('list contains([1, 2, 3], "2")', False),
    ("list contains([true], 1)", False),
    ("list contains([1.0], 1)", True),
    ("list contains(list: [null], element: null)", True),
    ("list contains(null, 1)", None),
    ("count([1, 2, 3])", D("3")),
    ("count([])", D("0")),
    ('count("a")', None),
    # min / max
    ("min([3, 1, 2])", D("1")),
    ("min(3, 1, 2)", D("1")),
    ("min(1)", D("1")),
    ('min("b", "a")', "a"),
    ("min([])", None),
    ('min([1, "a"])', None),
    ("min([1, null])", None),
    ("max(l)", D("3")),
    ("max(list: [1, 5])", D("5")),
    ("string(max(1.0, 1))", "1.0"),
    ('string(max(date("2020-01-01"), date("2021-01-01")))', "2021-01-01"),
    # numeric aggregates
    ("sum([1, 2, 3])", D("6")),
    ("sum(1, 2.5)", D("3.5")),
    ("sum([])", None),
    ('sum([1, "a"])', Fails("expected number but found 'ValString(a)'")),
    ("sum(null)", Fails("expected number but found 'ValNull'")),
    ("product([2, 3, 4])", D("24")),
    ("product(2, 0.5)", D("1.0")),
    ("product([])", None),
    ("mean([1, 2, 3])", D("2")),
    ("mean(1, 2)", D("1.5")),
    ("mean([])", None),
    ("mean([true])", Fails("expected number but found 'ValBoolean(true)'")),
    ("median(8, 2, 5, 3, 4)", D("4")),
    ("median([6, 1, 2, 3])", D("2.5")),
    ("median([])", None),
    ("stddev(2, 4, 7, 5)", D("2.0816659994661326")),
    ("stddev([1])", None),
    ("stddev([])", None),
    ("mode(6, 3, 9, 6, 6)", [D("6")]),
    ("mode([6, 1, 9, 6, 1])", [D("1"), D("6")]),
    ("mode([])", []),
    ('mode(["a"])', Fails("expected number but found 'ValString(a)'")),
    # and / all / or / any
    ("all([true, false])", False),
    ("all([])", True),
    ("all([true, null])", None),
    ("all([false, null])", False),
    ("all(true, true)", True),
    ("and([true])", True),
    ('all(["a"])', None),
    ("any([false, true])", True),
    ("any([])", False),
    ("any([false, null])", None),
    ("any([true, null])", True),
    ("or(false)", False),
    # sublist
    ("sublist([1, 2, 3], 2)", [D("2"), D("3")]),
    ("sublist([1, 2, 3], 1, 2)", [D("1"), D("2")]),
    ("sublist([1, 2, 3], -2, 1)", [D("2")]),
    ("sublist([1, 2, 3], 5)", []),
    ("sublist([1, 2, 3], 2, 10)", [D("2"), D("3")]),
    ("sublist(list: [1, 2, 3], start: 2, length: 1)", [D("2")]),
    ('sublist("abc", 1)', None),
    # append / concatenate / insert / remove
    ("append([1], 2, 3)", [D("1"), D("2"), D("3")]),
    ("append([1], [2])", [D("1"), [D("2")]]),
    ("append(list: [1], items: [2])", [D("1"), D("2")]),
    ("append(1, 2)", None),
    ("concatenate([1, 2], [3])", [D("1"), D("2"), D("3")]),
    ("concatenate([1], [2], [[3]])", [D("1"), D("2"), [D("3")]]),
    ("concatenate(lists: [[1], [2]])", [D("1"), D("2")]),
    ("insert before([1, 3], 2, 2)", [D("1"), D("2"), D("3")]),
    ("insert before([1, 2], -1, 0)", [D("1"), D("0"), D("2")]),
    ('insert before(list: [1], position: 1, newItem: "a")', ["a", D("1")]),
    ("insert before(1, 1, 1)", None),
    ("remove([1, 2, 3], 2)", [D("1"), D("3")]),
    ("remove([1, 2, 3], -1)", [D("1"), D("2")]),
    ("remove([1, 2, 3], 0)", [D("1"), D("2"), D("3"), D("1"), D("2"), D("3")]),
    ('remove([1], "a")', None),
    # reverse / index of / union / distinct / flatten
    ("reverse([1, 2, 3])", [D("3"), D("2"), D("1")]),
    ("reverse(list: [])", []),
    ("index of([1, 2, 3, 2], 2)", [D("2"), D("4")]),
    ("index of([1, 2], 5)", []),
    ("union([1, 2], [2, 3])", [D("1"), D("2"), D("3")]),
    ("union([1, 1.0], [true])", [D("1"), True]),
    ("distinct values([1, 2, 3, 2, 1])", [D("1"), D("2"), D("3")]),
    ('distinct values([{a: 1}, {a: 1}, "a"])', [{"a": D("1")}, "a"]),
    ("flatten([[1, 2], [[3]], 4])", [D("1"), D("2"), D("3"), D("4")]),
    ("flatten(list: [])", []),
    ("flatten(1)", None),
    # sort
    ("sort([3, 1, 2], function(x, y) x < y)", [D("1"), D("2"), D("3")]),
    ("sort(list: [3, 1, 2], precedes: function(a, b) a > b)", [D("3"), D("2"), D("1")]),
    ('sort(["b", "a"], function(x, y) x < y)', ["a", "b"]),
    ("sort([1, 2], function(x) true)", Fails("expect boolean function with 2 arguments, but found '1'")),
    (
        'sort([1, "a"], function(x, y) x < y)',
        Fails("fail to sort list by given precedes function: expected boolean but found 'ValError("),
    ),
    ("sort([2, 1], function(x, y) null)", Fails("expected boolean but found 'ValNull'")),
    ("sort([1, 2], 5)", None),
]


@pytest.mark.parametrize(("expression", "expected"), CASES)
def test_list(expression: str, expected: object) -> None:
    check(expression, expected)


def test_geometric_list_growth_is_capped_to_null() -> None:
    """Doubling through context entries reaches a million items in ten steps; past it: null."""
    names = "abcdefghijk"
    entries = ", ".join(f"{names[i + 1]}: concatenate({names[i]}, {names[i]})" for i in range(10))
    result = compile_expression(f"{{a: for i in 1..1000 return i, {entries}}}").evaluate({}, CLOCK)
    assert isinstance(result, dict)
    assert len(result["j"]) == 512_000
    assert result["k"] is None


#: 1.12 hands failed arguments to built-ins as ``ValError`` values (``BuiltinFunction.scala``):
#: the variadic aggregates collect them into their list before looking at it
#: (``FeelInterpreter.invokeFunction``), and ``list contains`` / ``index of`` match any element.
#: Only a failed argument that no case accepts fails the call.
FAILED_ARGUMENT_CASES = [
    ("all(true, missing)", None),
    ("all(false, missing)", False),
    ("any(true, missing)", True),
    ("or(false, missing)", None),
    ("min(1, missing)", None),
    ("max(missing)", None),
    ("sum(1, missing)", Fails("expected number but found 'ValError(no variable found for name 'missing')'")),
    ("mean(missing)", Fails("expected number but found 'ValError(no variable found for name 'missing')'")),
    ("min(list: missing)", Fails("no variable found for name 'missing'")),
    ("append(l, missing)", Fails("no variable found for name 'missing'")),
    ("list contains(l, missing)", False),
    ("list contains(list: l, element: missing)", False),
    ("list contains(missing, 1)", Fails("no variable found for name 'missing'")),
    ("index of(l, missing)", []),
    ("index of(missing, 1)", Fails("no variable found for name 'missing'")),
]


@pytest.mark.parametrize(("expression", "expected"), FAILED_ARGUMENT_CASES)
def test_failed_arguments_reach_the_builtin(expression: str, expected: object) -> None:
    check(expression, expected)


def test_distinct_lists_and_contexts_are_linear(monkeypatch: pytest.MonkeyPatch) -> None:
    """``distinct values`` / ``union`` of 100,000 small lists must answer well within a second:
    lists and contexts of scalars are deduplicated by key, not compared pairwise."""
    from pytest_zeebe.feel.builtins import _base

    calls = 0
    pairwise = _base.same_value

    def counting(a: object, b: object) -> bool:
        nonlocal calls
        calls += 1
        return pairwise(a, b)

    monkeypatch.setattr(_base, "same_value", counting)
    items = [[D(str(i))] for i in range(2000)] + [{"a": D("1")}, {"a": D("1.0")}, [D("1.0")]]
    result = _base.distinct(items)
    assert len(result) == 2001
    assert calls == 0
    check(
        'distinct values([[1], [1.0], [true], {a: 1}, {a: 1.0}, [date("2020-01-01")], [date("2020-01-01")]])',
        [[D("1")], [True], {"a": D("1")}, [dt.date(2020, 1, 1)]],
    )
