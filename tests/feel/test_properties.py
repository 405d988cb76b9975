"""Arithmetic and comparisons agree with Python's Decimal/str semantics where FEEL's do.

FEEL numbers are DECIMAL128 (34 digits, half-even), as Python's ``Decimal`` in such a context;
strings compare by UTF-16 code units in Java, which equals Python's code-point order below the
surrogate range (the alphabet used here).
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Context, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from pytest_zeebe.feel import compile_expression

DEC128 = Context(prec=34, rounding=ROUND_HALF_EVEN)

numbers = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e30, max_value=1e30),
    st.decimals(allow_nan=False, allow_infinity=False, places=6, min_value=-(10**12), max_value=10**12),
)
texts = st.text(alphabet=st.characters(max_codepoint=0xD7FF), max_size=20)


def _feel(value: object) -> Decimal:
    """How a variable value enters FEEL."""
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)  # type: ignore[arg-type]


def _literal(value: Decimal) -> str:
    """A FEEL literal for ``value`` (FEEL has no exponent notation; minus is an operator)."""
    text = format(value, "f")
    return f"(-{text[1:]})" if text.startswith("-") else text


ARITHMETIC = {"+": DEC128.add, "-": DEC128.subtract, "*": DEC128.multiply}


@settings(max_examples=300, deadline=None)
@given(numbers, numbers, st.sampled_from(sorted(ARITHMETIC)))
def test_arithmetic_matches_decimal128(x: object, y: object, op: str) -> None:
    result = compile_expression(f"x {op} y").evaluate({"x": x, "y": y})
    assert result == ARITHMETIC[op](_feel(x), _feel(y))


@settings(max_examples=300, deadline=None)
@given(numbers, numbers)
def test_division_matches_decimal128_and_zero_gives_null(x: object, y: object) -> None:
    result = compile_expression("x / y").evaluate({"x": x, "y": y})
    if _feel(y) == 0:
        assert result is None
    else:
        assert result == DEC128.divide(_feel(x), _feel(y))


@settings(max_examples=300, deadline=None)
@given(numbers, numbers)
def test_comparisons_match_decimal(x: object, y: object) -> None:
    a, b = _feel(x), _feel(y)
    expression = compile_expression("[(x < y), (x <= y), (x > y), (x >= y), (x = y), (x != y)]")
    assert expression.evaluate({"x": x, "y": y}) == [a < b, a <= b, a > b, a >= b, a == b, a != b]


@settings(max_examples=200, deadline=None)
@given(st.decimals(allow_nan=False, allow_infinity=False, places=8, min_value=-(10**20), max_value=10**20))
def test_number_literals_round_trip(value: Decimal) -> None:
    assert compile_expression(_literal(value)).evaluate() == DEC128.plus(value)


@settings(max_examples=300, deadline=None)
@given(texts, texts)
def test_strings_match_python(s: str, t: str) -> None:
    result = compile_expression("[(s + t), (s < t), (s <= t), (s > t), (s = t), (s != t)]").evaluate({"s": s, "t": t})
    assert result == [s + t, s < t, s <= t, s > t, s == t, s != t]


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.characters(max_codepoint=0xD7FF, exclude_characters='"', exclude_categories=("Cc", "Cs")),
        max_size=20,
    )
)
def test_string_literals_are_taken_verbatim(text: str) -> None:
    """1.12 does no escape processing: the characters between the quotes are the value."""
    assert compile_expression(f'"{text}"').evaluate() == text


@settings(max_examples=200, deadline=None)
@given(numbers, st.one_of(st.none(), st.booleans(), texts))
def test_mixed_type_arithmetic_is_null(x: object, other: object) -> None:
    assert compile_expression("x + y").evaluate({"x": x, "y": other}) is None
    assert compile_expression("y - x").evaluate({"x": x, "y": other}) is None
    assert compile_expression("x * y").evaluate({"x": x, "y": other}) is None
