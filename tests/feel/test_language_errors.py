"""Syntax errors, caps and the compile/static-value API.

Parse failures follow Zeebe's deployment rejection text, which embeds feel-scala's Scala
parser-combinator failure: ``[line.col] failure: <reason>``, a blank line, the line, a caret.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from pytest_zeebe.feel import (
    CompiledExpression,
    FeelEvaluationError,
    FeelSyntaxError,
    StaticValue,
    compile_expression,
    parse_attribute,
)
from pytest_zeebe.feel.parser import MAX_EXPRESSION_LENGTH


def test_parse_error_text_matches_feel_scala() -> None:
    with pytest.raises(FeelSyntaxError) as caught:
        compile_expression("?!")
    assert str(caught.value) == ("failed to parse expression '?!': [1.2] failure: end of input expected\n\n?!\n ^")


def test_parse_error_text_for_a_lone_operator_matches_zeebe() -> None:
    """Zeebe 0.26's ``TimerValidationTest#notParsableTimerExpression`` expects this exact text:
    where an operand must start, 1.12's parser tries a context literal last and names its ``{``."""
    with pytest.raises(FeelSyntaxError) as caught:
        compile_expression("!")
    assert str(caught.value) == "failed to parse expression '!': [1.1] failure: '{' expected but '!' found\n\n!\n^"


#: Derived from feel-scala 1.12.4's FeelParser and scala-parser-combinators 1.1.2 (docs/feel.md,
#: "Syntax errors"): the furthest failure wins, a failure after ``~!`` is an ``error``, and a parse
#: that stops early reports ``end of input expected`` where it stopped.
@pytest.mark.parametrize(
    ("expression", "verdict"),
    [
        ("1 +", "[1.3] failure: end of input expected"),
        ("", "[1.1] failure: '{' expected but end of source found"),
        ("(1", "[1.3] failure: ')' expected but end of source found"),
        ("a < b < c", "[1.7] failure: end of input expected"),
        ("a b", "[1.3] failure: end of input expected"),
        ('"say \\"hi\\""', "[1.8] failure: end of input expected"),
        ("1 ~ 2", "[1.3] failure: end of input expected"),
        ("x = = 1", "[1.5] error: '{' expected but '=' found"),
        ("if x 1 else 2", "[1.6] failure: 'then' expected but '1' found"),
        ("some i in l i > 1", "[1.6] failure: end of input expected"),
        ("[1, 2", "[1.6] failure: ']' expected but end of source found"),
        ("[1..2", "[1.6] error: ']' expected but end of source found"),
        ("{a: 1 b", "[1.7] failure: '}' expected but 'b' found"),
        ("{a 1}", "[1.2] failure: '}' expected but 'a' found"),
        ("for return 1", "[1.12] failure: 'in' expected but '1' found"),
        ('"line\nbreak"', "[1.1] failure: '{' expected but '\"' found"),
        ("1e3", "[1.2] failure: end of input expected"),
        ("x between 1", "[1.12] error: 'and' expected but end of source found"),
        ("x in (1, 2", "[1.3] failure: end of input expected"),
        ("f(a: )", "[1.6] error: '{' expected but ')' found"),
        ("l[", "[1.3] error: '{' expected but end of source found"),
        ("x instance of", "[1.14] error: end of input"),
        ("x instance of null", "[1.15] error: 'time offset' expected but 'n' found"),
        ("{a: }", "[1.5] error: '{' expected but '}' found"),
        ("forest in [1, 2]", "[1.17] error: 'return' expected but end of source found"),
        ("date(", "[1.5] failure: end of input expected"),
    ],
)
def test_parse_error_position_and_reason(expression: str, verdict: str) -> None:
    with pytest.raises(FeelSyntaxError) as caught:
        compile_expression(expression)
    assert caught.value.reason.startswith(f"{verdict}\n\n")
    assert str(caught.value).startswith(f"failed to parse expression '{expression}': ")


def test_parse_error_on_later_line_shows_that_line() -> None:
    with pytest.raises(FeelSyntaxError) as caught:
        compile_expression("1 +\n\t2 )")
    assert caught.value.reason == "[2.4] failure: end of input expected\n\n\t2 )\n\t  ^"


def test_expression_length_is_capped() -> None:
    with pytest.raises(FeelSyntaxError, match="longer than"):
        compile_expression("1" * (MAX_EXPRESSION_LENGTH + 1))


@pytest.mark.parametrize(
    "expression",
    [
        "(" * 500 + "1" + ")" * 500,
        "-(" * 500 + "1" + ")" * 500,
        "[" * 500 + "]" * 500,
        "1" + "+1" * 1000,
        "f(" * 130 + ")" * 130,
        "if true then " * 130 + "1" + " else 1" * 130,
    ],
)
def test_deep_nesting_is_a_syntax_error(expression: str) -> None:
    with pytest.raises(FeelSyntaxError, match="nested deeper than"):
        compile_expression(expression)


def test_huge_literals_keep_their_exponent() -> None:
    """Java's BigDecimal has no exponent limit; arithmetic beyond DECIMAL128's range is null."""
    assert compile_expression("1" + "0" * 7000 + " > 1").evaluate() is True
    assert compile_expression("0." + "0" * 7000 + "1").evaluate() == Decimal("1E-7001")
    assert compile_expression("1" + "0" * 7000 + " * 10").evaluate() is None


def test_huge_range_is_refused() -> None:
    with pytest.raises(FeelEvaluationError, match="has more than 100000 elements"):
        compile_expression("for i in 1..1000000 return i").evaluate()


def test_nested_loops_stop_at_the_work_limit() -> None:
    expression = "for i in 1..100000 return for j in 1..100000 return i + j"
    with pytest.raises(FeelEvaluationError, match="exceeds the work limit"):
        compile_expression(expression).evaluate()


def test_ranges_rebuilt_per_iteration_are_charged() -> None:
    """The inner range is built again for every outer item and each ``some`` stops early, so
    only charging the range construction stops this within the budget (it ran for minutes)."""
    expression = "every i in 1..100000 satisfies some j in 1..100000 satisfies i = j"
    with pytest.raises(FeelEvaluationError, match="exceeds the work limit"):
        compile_expression(expression).evaluate()


def test_work_limit_is_not_suppressed_by_null_rules() -> None:
    """A spent budget aborts even inside constructs that turn failures into null."""
    expression = "if (for i in 1..100000 return for j in 1..100 return j) = null then 1 else 2"
    with pytest.raises(FeelEvaluationError, match="exceeds the work limit"):
        compile_expression(expression).evaluate()


def test_string_concatenation_beyond_the_cap_is_null() -> None:
    big = "x" * 6_000_000
    assert compile_expression("s + s").evaluate({"s": big}) is None


def test_compile_is_cached_and_reusable() -> None:
    first = compile_expression("x + 1")
    assert compile_expression("x + 1") is first
    assert first.evaluate({"x": 1}) == 2
    assert first.evaluate({"x": 41}) == 42


def test_parse_attribute_expression_and_static_values() -> None:
    expression = parse_attribute("=x > 5")
    assert isinstance(expression, CompiledExpression)
    assert expression.text == "x > 5"
    assert not expression.is_static
    static = parse_attribute("order-created")
    assert isinstance(static, StaticValue)
    assert static.is_static
    assert static.evaluate() == "order-created"
    assert parse_attribute("3").evaluate() == Decimal(3)
    assert parse_attribute("-1.5e2").evaluate() == Decimal("-150")
    assert parse_attribute("1.").evaluate() == Decimal(1)
    assert parse_attribute("1,5").evaluate() == "1,5"
    assert parse_attribute("=").evaluate() == "="
    assert parse_attribute("").evaluate() == ""


def test_parse_attribute_keeps_the_text_after_equals() -> None:
    """Zeebe's regex ``=(.+)``: a leading space stays part of the expression text."""
    expression = parse_attribute("= x")
    assert expression.text == " x"
    with pytest.raises(FeelEvaluationError) as caught:
        expression.evaluate({})
    assert str(caught.value) == "failed to evaluate expression ' x': no variable found for name 'x'"


def test_parse_attribute_multiline_expression() -> None:
    assert parse_attribute("=1 +\n2").evaluate() == 3


def test_parse_attribute_syntax_error() -> None:
    with pytest.raises(FeelSyntaxError) as caught:
        parse_attribute("=x >")
    assert str(caught.value).startswith("failed to parse expression 'x >': [1.4] error: ")


def test_variables_are_read_lazily() -> None:
    """Only the names an expression reads are looked up (the engine passes a lazy scope view)."""

    class Scope(dict[str, object]):
        reads: list[str]

        def __getitem__(self, key: str) -> object:
            self.reads.append(key)
            return super().__getitem__(key)

    scope = Scope(x=1, y=2, unrelated=[1] * 1000)
    scope.reads = []
    assert compile_expression("x + y").evaluate(scope) == 3
    assert scope.reads == ["x", "y"]


def test_now_without_clock_fails_clearly() -> None:
    with pytest.raises(FeelEvaluationError, match="needs a clock"):
        compile_expression("now()").evaluate()


def test_unsupported_variable_type_fails() -> None:
    with pytest.raises(FeelEvaluationError, match="unsupported variable value of type 'set'"):
        compile_expression("x").evaluate({"x": {1}})
