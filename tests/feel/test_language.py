"""The FEEL language as feel-scala 1.12 evaluates it: values, null rules, unary tests, failures.

Each row is (expression, extra variables, expected). Expected is a JSON-like value (numbers as
int/float via ``to_variable_value``), ``Fails(cause)`` for an evaluation failure with that exact
cause, or a Decimal when the exact number matters. Rules read off feel-scala 1.12.4's
``FeelInterpreter.scala`` (checkEquality, dualOp, withValOrNull, atLeastOne/all, filterList).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from pytest_zeebe.feel import FeelEvaluationError, compile_expression, to_variable_value

from .conftest import CLOCK, MATRIX_VARIABLES


@dataclass(frozen=True)
class Fails:
    """The evaluation fails with exactly this cause."""

    cause: str


NO_MISSING = Fails("no variable found for name 'missing'")

CASES: list[tuple[str, dict[str, object], object]] = [
    # literals
    ("null", {}, None),
    ("true", {}, True),
    ("false", {}, False),
    ("42", {}, 42),
    ("0.5", {}, 0.5),
    (".5", {}, 0.5),
    ("-3", {}, -3),
    ('"a b"', {}, "a b"),
    ('""', {}, ""),
    ('"é ü 日本"', {}, "é ü 日本"),
    ("[]", {}, []),
    ("{}", {}, {}),
    ('{"a b": 1}', {}, {"a b": 1}),
    ("1.10", {}, Decimal("1.10")),
    ("12345678901234567890123456789012345", {}, Decimal("1.234567890123456789012345678901234E+34")),
    # arithmetic: 34 digits, half-even, errors become null
    ("7 - 10", {}, -3),
    ("2 * 3.5", {}, 7),
    ("1 / 3", {}, Decimal("0.3333333333333333333333333333333333")),
    ("2 / 3", {}, Decimal("0.6666666666666666666666666666666667")),
    ("2 ** 10", {}, 1024),
    ("2 ** -1", {}, 0.5),
    ("-2 ** 2", {}, 4),
    ("2 ** 3 ** 2", {}, 64),
    ("4 ** 0.5", {}, Decimal("2.0")),
    ("0 ** -1", {}, None),
    ("10 ** 999999999999", {}, None),
    ("10 ** 6145", {}, None),
    ("0.1 + 0.2 = 0.3", {}, True),
    ("0.1 * 3", {}, Decimal("0.3")),
    ("-x", {}, -7),
    ("x - -1", {}, 8),
    ("1 - 1 - 1", {}, -1),
    ("8 / 2 / 2", {}, 2),
    ("(1 + 2) * 3", {}, 9),
    ("true + 1", {}, None),
    ("null + 1", {}, None),
    ("[1] + [2]", {}, None),
    ('"a" * 2', {}, None),
    ("nothing - 1", {}, None),
    ("-nothing", {}, None),
    ('-"a"', {}, None),
    ("-missing", {}, None),
    ("missing * 2", {}, None),
    ("99999999999999999999999999999999999 + 1", {}, Decimal("1.000000000000000000000000000000000E+35")),
    ("f + 0.2 = 0.3", {"f": 0.1}, True),
    ("big + 1", {"big": 12345678901234567890}, 12345678901234567891),
    # strings
    ('"a" + "b" + "c"', {}, "abc"),
    ('"a" < "b"', {}, True),
    ('"B" < "a"', {}, True),
    ('"a\\tb"', {}, "a\\tb"),
    # comparisons and equality
    ("1 = 1.0", {}, True),
    ("1 != 2", {}, True),
    ("x >= 7", {}, True),
    ("x <= 6", {}, False),
    ("x < 7.5", {}, True),
    ("nothing < 5", {}, False),
    ("5 > nothing", {}, False),
    ("nothing = nothing", {}, True),
    ("null = 0", {}, False),
    ("0 = null", {}, False),
    ("null = missing", {}, True),
    ("missing != null", {}, False),
    ("true = true", {}, True),
    ("true != false", {}, True),
    ("[1, 2] = [1, 2]", {}, True),
    ("[1, 2] = [2, 1]", {}, False),
    ("[1, 2] = [1]", {}, False),
    ('[1, "a"] = [1, 1]', {}, False),
    ("{a: 1} = {a: 1}", {}, True),
    ("{a: 1} = {a: 2}", {}, False),
    ("{a: 1, b: 2} = {b: 2, a: 1}", {}, True),
    ("true < false", {}, Fails("ValBoolean(true) is not comparable")),
    ('1 < "a"', {}, Fails("ValNumber(1) can not be compared to ValString(a)")),
    ("true = 1", {}, Fails("expected Boolean but found 'ValNumber(1)'")),
    ('"a" = 1', {}, Fails("expected String but found 'ValNumber(1)'")),
    ("[1] = 1", {}, Fails("expect List but found 'ValNumber(1)'")),
    ("{a: 1} = 1", {}, Fails("expect Context but found 'ValNumber(1)'")),
    ("missing = 1", {}, NO_MISSING),
    ("1 = missing", {}, NO_MISSING),
    ("nothing > missing", {}, NO_MISSING),
    ("missing > nothing", {}, NO_MISSING),
    ("5 > missing", {}, Fails("ValError(no variable found for name 'missing') is not comparable")),
    (
        "[1, 2] < [3]",
        {},
        Fails("ValList(List(ValNumber(1), ValNumber(2))) can not be compared to ValList(List(ValNumber(3)))"),
    ),
    ("1 != true", {}, None),
    # three-valued logic
    ("true and true", {}, True),
    ("true and false", {}, False),
    ("false or false", {}, False),
    ("false or true", {}, True),
    ("null or true", {}, True),
    ("null or false", {}, None),
    ("null or null", {}, None),
    ("1 and true", {}, None),
    ("true and 1", {}, None),
    ("missing and false", {}, False),
    ("missing or true", {}, True),
    ("missing and true", {}, None),
    ("false and missing", {}, False),
    ("true or missing", {}, True),
    ("x > 5 and x < 10", {}, True),
    ("a = 2 or b = 2", {}, True),
    # if
    ("if true then 1 else 2", {}, 1),
    ("if false then 1 else 2", {}, 2),
    ("if null then 1 else 2", {}, 2),
    ("if 1 then 1 else 2", {}, 2),
    ('if "true" then 1 else 2', {}, 2),
    ("if x > 5 then missing else 0", {}, NO_MISSING),
    ("if x < 5 then missing else 0", {}, 0),
    # between
    ("x between 7 and 7", {}, True),
    ("x between 8 and 10", {}, False),
    ("nothing between 1 and 10", {}, False),
    ("missing between 1 and 2", {}, None),
    ('"b" between "a" and "c"', {}, True),
    ('x between "a" and "c"', {}, None),
    # in / unary tests
    ("x in (1, 2)", {}, False),
    ("x in < 10", {}, True),
    ("x in > 10", {}, False),
    ("x in <= 7", {}, True),
    ("x in >= 8", {}, False),
    ("x in (< 5, > 6)", {}, True),
    ("x in (< 5)", {}, False),
    ("x in (>= 7)", {}, True),
    ("x in (1..7)", {}, False),
    ("x in (1..7]", {}, True),
    ("x in (7..10]", {}, False),
    ("x in [7..10)", {}, True),
    ("x in [a..b]", {}, False),
    ("x in [a..10]", {}, True),
    ("x in [1..nothing]", {}, False),
    ("nothing in [1..10]", {}, False),
    ('x in ["a".."z"]', {}, Fails("ValNumber(7) can not be compared to ValString(a)")),
    ("x in 7", {}, True),
    ('x in "7"', {}, Fails("expected Number but found 'ValString(7)'")),
    ("x in true", {}, Fails("expected Number but found 'ValBoolean(true)'")),
    ("x in [1, 7]", {}, True),
    ("x in [1, 2]", {}, False),
    ("x in l", {}, Fails("expected Number but found 'ValList(List(ValNumber(1), ValNumber(2), ValNumber(3)))'")),
    ('s in ("foo", "bar")', {}, True),
    ("nothing in null", {}, True),
    ("x in null", {}, False),
    ("missing in (1, 2)", {}, NO_MISSING),
    ("x in (missing, 7)", {}, True),
    ("x in (missing, 8)", {}, None),
    ("x in x", {}, True),
    ("x in (? > 5)", {}, True),
    ("5 in < x", {}, True),
    ("x in < missing", {}, Fails("ValError(no variable found for name 'missing') is not comparable")),
    ("[1..10]", {}, Fails("no variable found for name 'cellInput'")),
    ("?", {}, Fails("no variable found for name 'cellInput'")),
    # paths, projection, indexes, filters
    ("order.id", {}, "o-1"),
    ("(order.items[2]).name", {}, "b"),
    ("(order.items[-1]).price", {}, 15),
    ("(order.items[price > 10]).name", {}, ["b", "c"]),
    ("items[1].price", {}, 5),
    ("items[item.price > 10]", {}, [{"price": 20}, {"price": 15}]),
    ("items.price", {}, [5, 20, 15]),
    ("items[price > a * 5]", {}, [{"price": 20}, {"price": 15}]),
    ("l[0]", {}, None),
    ("l[-4]", {}, None),
    ("l[1.5]", {}, 1),
    ("l[a]", {}, 2),
    ("l[a - 3]", {}, 3),
    ("l[item > 5]", {}, []),
    ("l[item = 2]", {}, [2]),
    ("l[item != 2]", {}, [1, 3]),
    ("l[true]", {}, [1, 2, 3]),
    ("l[null]", {}, Fails("expected Boolean but found 'ValNull'")),
    ("l[item]", {}, Fails("expected Boolean but found 'ValNumber(1)'")),
    ("x[1]", {}, Fails("expect List but found 'ValNumber(7)'")),
    ("nothing[1]", {}, Fails("expect List but found 'ValNull'")),
    ("[[1, 2], [3]][1][2]", {}, 2),
    ("{a: {b: [1, 2]}}.a.b[2]", {}, 2),
    ("order.missing", {}, Fails("context contains no entry with key 'missing'")),
    # 1.12 keeps a failed item inside a projected list (FeelInterpreter.path maps over the list);
    # Zeebe writes it as nil, and it fails only once taken out of the list
    ("items.missing", {}, [None, None, None]),
    ("items.missing[1]", {}, Fails("context contains no entry with key 'missing'")),
    ("count(items.missing)", {}, 3),
    ("list contains(parts.price, 20)", {"parts": [{"price": 5}, {}, {"price": 20}]}, True),
    ("parts.price = [5, null]", {"parts": [{"price": 5}, {}]}, True),
    ("some p in parts.price satisfies p > 10", {"parts": [{}, {"price": 20}]}, True),
    (
        "parts.price[item > 10]",
        {"parts": [{}]},
        Fails("ValError(context contains no entry with key 'price') is not comparable"),
    ),
    ("nothing.y", {}, Fails("expected Context or List of Contextes but found 'ValNull'")),
    ("missing.y", {}, NO_MISSING),
    ("items[price > missing]", {}, Fails("ValError(no variable found for name 'missing') is not comparable")),
    ("items[price > 10 and missing]", {}, Fails("expected Boolean but found 'ValNull'")),
    ("[{item: 1}][item.item = 1]", {}, [{"item": 1}]),
    # context literals
    ("{a: 1, b: a + 1, c: b * 2}", {}, {"a": 1, "b": 2, "c": 4}),
    ("{a: 1, a: 2}", {}, {"a": 2}),
    ("{c: d}", {}, Fails("no variable found for name 'd'")),
    ("{x: x + 1}.x", {}, 8),
    ("{a: {b: a}}", {}, {"a": {"b": 2}}),
    ('{"first name": 1}.`first name`', {}, 1),
    ("{a: missing}", {}, NO_MISSING),
    # for, some, every
    ("for i in 1..3 return i", {}, [1, 2, 3]),
    ("for i in 3..1 return i", {}, [3, 2, 1]),
    ("for i in 1..1 return i", {}, [1]),
    ("for i in [] return i", {}, []),
    ("for x in l return x * 10", {}, [10, 20, 30]),
    ("for i in 1..2, j in [10, 20] return i + j", {}, [11, 21, 12, 22]),
    ("for i in 1..a return i", {}, [1, 2]),
    ("for i in 1..3 return partial = []", {}, [True, False, False]),
    ("for i in x return i", {}, Fails("expect List but found 'ValNumber(7)'")),
    ("for i in missing return i", {}, NO_MISSING),
    ('for i in 1.."a" return i', {}, Fails("expected Number but found 'ValString(a)'")),
    ("for i in l return missing", {}, [None, None, None]),
    ("(for i in l return missing)[2]", {}, NO_MISSING),
    (
        "sum(for i in [1] return missing)",
        {},
        Fails("expected number but found 'ValError(no variable found for name 'missing')'"),
    ),
    ("some i in l satisfies i > 5", {}, False),
    ("some i in [] satisfies true", {}, False),
    ("every i in [] satisfies false", {}, True),
    ("every i in l satisfies i > 1", {}, False),
    ('some i in [1, "a"] satisfies i > 0', {}, True),
    ('some i in ["a", 0] satisfies i > 0', {}, None),
    ('every i in [1, "a"] satisfies i > 0', {}, None),
    ('every i in [0, "a"] satisfies i > 0', {}, False),
    ("some i in l, j in l satisfies i + j = 6", {}, True),
    ("some i in missing satisfies true", {}, NO_MISSING),
    # user functions and calls
    ("{f: function(a, b) a - b, r: f(5, 3)}.r", {}, 2),
    ("{f: function(a, b) a - b, r: f(b: 3, a: 5)}.r", {}, 2),
    ("{f: function(a, b) a - b, r: f(a: 5)}.r", {}, None),
    ("{f: function(a) a, r: f(1, 2)}.r", {}, Fails("no function found with name 'f' and 2 parameters")),
    ("{f: function(a) a, r: f(c: 1)}.r", {}, Fails("no function found with name 'f' and parameters: c")),
    ("{m: {inc: function(n) n + 1}, r: m.inc(1)}.r", {}, 2),
    ("x.f(1)", {}, Fails("expect Context but found 'ValNumber(7)'")),
    ("{y: 10, f: function(a) a + y, r: f(1)}.r", {}, 11),
    ("{f: function(n) f(n), r: f(1)}.r", {}, Fails("no function found with name 'f' and 1 parameters")),
    ("unknown(1)", {}, Fails("no function found with name 'unknown' and 1 parameters")),
    ('put({}, "a", 1)', {}, Fails("no function found with name 'put' and 3 parameters")),
    ("is defined(x)", {}, True),
    ("is defined(order.missing)", {}, False),
    ("is defined(value: missing)", {}, False),
    ("is defined(1, 2)", {}, Fails("no function found with name 'is defined' and 2 parameters")),
    # calling built-ins: named arguments, variadics, failing and illegal arguments, shadowing
    ('substring(string: "abcdef", start position: 3)', {}, "cdef"),
    ('substring(start position: 3, string: "abcdef")', {}, "cdef"),
    ('substring("abcdef", 3, 2)', {}, "cd"),
    ('substring(text: "a")', {}, Fails("no function found with name 'substring' and parameters: text")),
    ("max(1, 5, 3)", {}, 5),
    ("max([1, 5, 3])", {}, 5),
    ("max(l)", {}, 3),
    ("max()", {}, Fails("no function found with name 'max' and 0 parameters")),
    ("count(missing)", {}, NO_MISSING),
    ("count([missing])", {}, NO_MISSING),
    ("not(missing)", {}, None),
    ("not(2)", {}, None),
    ("appendTo(missing, {a: 1})", {}, {"a": 1}),
    ("upper case(1)", {}, None),
    ("sort([3, 1, 2], function(a, b) a < b)", {}, [1, 2, 3]),
    ("{count: function(list) 42, r: count([1])}.r", {}, 42),
    ("{count: function(a, b) 42, r: count([1])}.r", {}, 1),
    ("is defined(missing.y)", {}, False),
    # instance of
    ('"a" instance of string', {}, True),
    ("true instance of boolean", {}, True),
    ("l instance of list", {}, True),
    ("order instance of context", {}, True),
    ("x instance of string", {}, False),
    ("missing instance of number", {}, NO_MISSING),
    # comments, whitespace, names
    ("1 + // comment\n 2", {}, 3),
    ("/* a */ 1 /* b */", {}, 1),
    ("1\n+\n2", {}, 3),
    ("`a-b` + 1", {"a-b": 1}, 2),
    ("x_1 * 2", {"x_1": 4}, 8),
    ("größe", {"größe": "L"}, "L"),
    ("and", {"and": 1}, 1),
]


def _plain(value: object) -> object:
    return value if isinstance(value, Decimal) else to_variable_value(value)


@pytest.mark.parametrize(("expression", "extra", "expected"), CASES, ids=[c[0] for c in CASES])
def test_expression(expression: str, extra: dict[str, object], expected: object) -> None:
    compiled = compile_expression(expression)
    variables = {**MATRIX_VARIABLES, **extra}
    if isinstance(expected, Fails):
        with pytest.raises(FeelEvaluationError) as caught:
            compiled.evaluate(variables, CLOCK)
        assert caught.value.cause == expected.cause
        assert str(caught.value) == f"failed to evaluate expression '{expression}': {expected.cause}"
        return
    result = compiled.evaluate(variables, CLOCK)
    if isinstance(expected, Decimal):
        assert isinstance(result, Decimal)
        assert str(result) == str(expected)
    else:
        assert _plain(result) == expected
