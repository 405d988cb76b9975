"""feel-scala 1.12.4's parser verdicts, which Zeebe 0.26 puts into its deployment rejections.

Where a test of feel-scala or Zeebe pins a text, the test below cites it. Every other text is
derived from ``FeelParser.scala`` (1.12.4) and scala-parser-combinators 1.1.2's rules, as
docs/feel.md explains: the furthest failure wins, a failure after a ``~!`` commit point is an
``error``, and a parse that stops early reports ``end of input expected`` where it stopped.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from pytest_zeebe.feel import FeelEvaluationError, FeelSyntaxError, compile_expression


def _rejection(expression: str) -> str:
    with pytest.raises(FeelSyntaxError) as caught:
        compile_expression(expression)
    return str(caught.value)


# --- texts that tests pin ------------------------------------------------------------------------


def test_a_complete_prefix_ends_the_parse_feel_engine_test() -> None:
    """feel-scala 1.12.4 ``FeelEngineTest``: "fail to parse an expression 'x+'"."""
    assert _rejection("x+") == "failed to parse expression 'x+': [1.2] failure: end of input expected\n\nx+\n ^"


def test_zeebe_runtime_validation_test_text() -> None:
    """Zeebe 0.26.6 ``ZeebeRuntimeValidationTest``: the invalid expression ``?!``."""
    assert _rejection("?!") == "failed to parse expression '?!': [1.2] failure: end of input expected\n\n?!\n ^"


def test_zeebe_timer_validation_test_text() -> None:
    """Zeebe 0.26.6 ``TimerValidationTest``: the timer expression ``!``."""
    assert _rejection("!") == "failed to parse expression '!': [1.1] failure: '{' expected but '!' found\n\n!\n^"


def test_zeebe_expression_language_test_prefix() -> None:
    """Zeebe 0.26.6 ``ExpressionLanguageTest``: ``x ?! 5`` fails at ``[1.3] failure:``."""
    assert _rejection("x ?! 5").startswith("failed to parse expression 'x ?! 5': [1.3] failure: ")


def test_a_lone_comparison_operator_as_feel_engine_test_parses_it() -> None:
    """``FeelEngineTest`` pins ``<`` as unary tests; as an expression 1.12 reaches the same rule
    (simplePositiveUnaryTest, inside expression9), so the text is the same."""
    assert _rejection("<") == (
        "failed to parse expression '<': [1.2] failure: '{' expected but end of source found\n\n<\n ^"
    )


# --- derived: where 1.12 stops, and where it commits ----------------------------------------------


@pytest.mark.parametrize(
    ("expression", "verdict"),
    [
        ("1 +", "[1.3] failure: end of input expected\n\n1 +\n  ^"),
        ("a +", "[1.3] failure: end of input expected\n\na +\n  ^"),  # after the whitespace
        ("x and", "[1.3] failure: end of input expected\n\nx and\n  ^"),
        ("if x then 1", "[1.12] error: 'else' expected but end of source found\n\nif x then 1\n           ^"),
        ("for i in l i", "[1.12] error: 'return' expected but 'i' found\n\nfor i in l i\n           ^"),
        ("some i in l satisfies", "[1.22] error: '{' expected but end of source found\n\nsome i in l satisfies\n"),
        ("x >", "[1.4] error: '{' expected but end of source found\n\nx >\n   ^"),
        ("x between 1", "[1.12] error: 'and' expected but end of source found\n\nx between 1\n           ^"),
        ("x in", "[1.5] error: '{' expected but end of source found\n\nx in\n    ^"),
        ("[1..", "[1.5] error: '{' expected but end of source found\n\n[1..\n    ^"),
        ("{a: }", "[1.5] error: '{' expected but '}' found\n\n{a: }\n    ^"),
    ],
)
def test_failure_or_error(expression: str, verdict: str) -> None:
    assert _rejection(expression).startswith(f"failed to parse expression '{expression}': {verdict}")


# --- derived: reserved words are no names ---------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "verdict"),
    [
        ("then = true", "[1.1] failure: '{' expected but 't' found"),
        ("else", "[1.1] failure: '{' expected but 'e' found"),
        ("between > 1", "[1.1] failure: '{' expected but 'b' found"),
        ("instance + 1", "[1.1] failure: '{' expected but 'i' found"),
        ("of", "[1.1] failure: '{' expected but 'o' found"),
        ("a.then", "[1.2] failure: end of input expected"),
        ("a.of", "[1.2] failure: end of input expected"),
        ("{then: 1}", "[1.2] failure: '}' expected but 't' found"),
        ("{else: 1, b: 2}", "[1.2] failure: '}' expected but 'e' found"),
        ("for then in l return 1", "[1.5] failure: 'time offset' expected but 't' found"),
        ("function(of) of", "[1.10] error: ')' expected but 'o' found"),
        ("x instance of null", "[1.15] error: 'time offset' expected but 'n' found"),
    ],
)
def test_reserved_words_are_refused_as_names(expression: str, verdict: str) -> None:
    """``identifier = not(reservedWord) ~> ident``: null, true, false, function, if, then, else,
    for, between, instance and of are never names (Zeebe lists the same words for mapping targets)."""
    assert _rejection(expression).startswith(f"failed to parse expression '{expression}': {verdict}\n")


def test_a_reserved_word_in_backticks_is_a_name() -> None:
    """``escapedIdentifier`` is not checked against the reserved words."""
    assert compile_expression("{`then`: 1}.`then`").evaluate() == Decimal(1)


def test_reserved_words_inside_names_are_names() -> None:
    assert compile_expression("iffy + offset + nullable").evaluate({"iffy": 1, "offset": 2, "nullable": 3}) == 6


# --- derived: the former leniencies are 1.12's parse errors ---------------------------------------


@pytest.mark.parametrize(
    ("expression", "verdict"),
    [
        ("order.items[1].price", "[1.15] failure: end of input expected"),
        ("a.b[1].c", "[1.7] failure: end of input expected"),
        ("l[1][2][3]", "[1.8] failure: end of input expected"),
        ("[1 + 1, 2]", "[1.4] failure: ']' expected but '+' found"),
        ("[x > 1]", "[1.4] failure: ']' expected but '>' found"),
        ("x in a + 1", "[1.8] failure: end of input expected"),
        ("x instance of date time", "[1.20] failure: end of input expected"),
        ("--x", "[1.2] failure: '{' expected but '-' found"),
        ('string join(["a"], ",")', "[1.8] failure: end of input expected"),
        ("round up(1.5, 0)", "[1.7] failure: end of input expected"),
    ],
)
def test_what_1_12_does_not_parse(expression: str, verdict: str) -> None:
    assert _rejection(expression).startswith(f"failed to parse expression '{expression}': {verdict}\n")


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("(order.items[1]).price", Decimal(5)),  # the workaround of feel-scala issue #258
        ("order.items[1]", {"price": Decimal(5)}),
        ("items[1].price", Decimal(5)),
        ("[(1 + 1), x]", [Decimal(2), Decimal(7)]),
        ("x in ]1..10]", True),  # 1.12 also accepts the reversed brackets for open ends
        ("x in [1..7[", False),
        ("--1", Decimal(1)),  # one minus, then the number literal -1
        ("x index", True),  # "in" matches a prefix: `x in dex`
    ],
)
def test_what_1_12_parses(expression: str, expected: object) -> None:
    variables = {"x": 7, "items": [{"price": 5}], "order": {"items": [{"price": 5}]}, "dex": 7}
    assert compile_expression(expression).evaluate(variables) == expected


def test_a_standalone_unary_test_reads_the_unset_input() -> None:
    """``< 5`` is an expression in 1.12 (simplePositiveUnaryTest in expression9); Zeebe never sets
    the input value, so it fails when evaluated."""
    with pytest.raises(FeelEvaluationError, match="no variable found for name 'cellInput'"):
        compile_expression("< 5").evaluate({})


def test_external_functions_fail_validation() -> None:
    """``FeelEngine.parseExpression`` validates after parsing; ``ExpressionValidator`` refuses
    external functions with this text (feel-scala 1.12.4)."""
    expression = 'function(a) external {java: {class: "java.lang.Math", method signature: "abs(int)"}}'
    assert _rejection(expression) == (
        f"validation of expression '{expression}' failed: External functions are disabled. Use the "
        "FunctionProvider SPI (recommended) or enable external function in the configuration."
    )


def test_positions_count_utf16_units_and_keep_tabs() -> None:
    """Scala positions are offsets in a ``CharSequence``; the caret line keeps tabs."""
    assert _rejection("\t'😀' +").endswith("[1.2] failure: '{' expected but ''' found\n\n\t'😀' +\n\t^")
    assert _rejection('"😀" +').startswith("failed to parse expression '\"😀\" +': [1.6] failure: end of input")
