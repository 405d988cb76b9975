"""Numeric built-ins, with 1.12.4's Java arithmetic.

Expected values follow ``NumericBuiltinFunctions.scala``: rounding is ``BigDecimal.setScale``
(half-even unless a Java ``RoundingMode`` name is given; a wrong name or ``UNNECESSARY`` with
rounding needed fails); ``modulo`` keeps the dividend's sign, hence ``odd(-3)`` is false;
``sqrt``/``log``/``exp`` are Java doubles turned into numbers through ``Double.toString``
(``sqrt(16)`` prints ``4.0``, ``exp(20)`` prints ``4.851651954097903E+8``), and non-finite
results are null. Huge inputs must answer quickly with null, never hang or raise.
"""

from __future__ import annotations

import pytest

from tests.feel.test_builtins_support import D, Fails, check

CASES = [
    ("decimal(1 / 3, 2)", D("0.33")),
    ("decimal(1.5, 0)", D("2")),
    ("decimal(2.5, 0)", D("2")),
    ("decimal(1.255, 2)", D("1.26")),
    ("decimal(1234, -2)", D("1.2E+3")),
    ("decimal(1 / 3, 40)", D("0.3333333333333333333333333333333333000000")),
    ('decimal(2.5, 0, "half_up")', D("3")),
    ('decimal(1.239, 2, "FLOOR")', D("1.23")),
    ('decimal(-1.231, 2, "up")', D("-1.24")),
    ('decimal(1.50, 1, "unnecessary")', D("1.5")),
    ('decimal(1.55, 1, "unnecessary")', Fails("Failed to apply rounding mode 'UNNECESSARY': Rounding necessary")),
    (
        'decimal(1.5, 0, "foo")',
        Fails(
            "Illegal argument 'foo' for rounding mode. Must be one of: "
            "UP, DOWN, CEILING, FLOOR, HALF_UP, HALF_DOWN, HALF_EVEN, UNNECESSARY"
        ),
    ),
    ("decimal(n: 1.25, scale: 1)", D("1.2")),
    ("decimal(1, 999999999)", None),
    ('decimal("1", 1)', None),
    ("floor(1.5)", D("1")),
    ("floor(-1.5)", D("-2")),
    ("floor(n: 3)", D("3")),
    ("ceiling(1.2)", D("2")),
    ("ceiling(-1.2)", D("-1")),
    ('floor("a")', None),
    ("abs(-10)", D("10")),
    ("abs(number: 1.5)", D("1.5")),
    ("abs(true)", None),
    ("modulo(12, 5)", D("2")),
    ("modulo(-12, 5)", D("-2")),
    ("modulo(12, -5)", D("2")),
    ("modulo(10.5, 3)", D("1.5")),
    ("modulo(dividend: 7, divisor: 7)", D("0")),
    ("modulo(12, 0)", None),
    ("sqrt(16)", D("4.0")),
    ("sqrt(2)", D("1.4142135623730951")),
    ("sqrt(-1)", None),
    ("sqrt(number: 0)", D("0.0")),
    ("log(10)", D("2.302585092994046")),
    ("log(0)", None),
    ("log(-1)", None),
    ('log(number("1e-400"))', None),
    ('sqrt(number("1e300"))', D("1.0E+150")),
    ('sqrt(number("1e400"))', None),
    ('modulo(number("1e999999999"), 7)', None),
    ('odd(number("1e999999999"))', None),
    ('floor(number("1e999999999"))', None),
    ("exp(1)", D("2.718281828459045")),
    ("exp(0)", D("1.0")),
    ("exp(20)", D("4.851651954097903E+8")),
    ("exp(-20)", D("2.061153622438558E-9")),
    ("exp(1000)", None),
    ("exp(10 ** 400)", None),
    ('exp("1")', None),
    ("odd(5)", True),
    ("odd(2)", False),
    ("odd(-3)", False),
    ("odd(1.5)", False),
    ("even(2)", True),
    ("even(-2)", True),
    ("even(number: 3)", False),
    ('odd("a")', None),
]


@pytest.mark.parametrize(("expression", "expected"), CASES)
def test_numeric(expression: str, expected: object) -> None:
    check(expression, expected)
