"""Numeric built-ins, as feel-scala 1.12.4's ``NumericBuiltinFunctions`` behave.

``decimal``/``floor``/``ceiling`` round with Java's ``setScale`` (``decimal(1/3, 2)`` is
``0.33``, half-even by default; a third argument names a Java ``RoundingMode``). ``modulo``
keeps the dividend's sign (``modulo(-12, 5)`` is ``-2``, not the DMN spec's ``3``), and so
``odd(-3)`` is false (``-3 % 2`` is ``-1``). ``sqrt``, ``log`` and ``exp`` compute in Java
doubles: ``sqrt(16)`` is ``4.0`` and results carry a double's 17 digits; a result that is not
finite (``exp(1000)``, ``log(0)``) is null.
"""

from __future__ import annotations

import decimal
import math
from decimal import Decimal

from pytest_zeebe.feel.builtins._base import Builtin, number
from pytest_zeebe.feel.errors import FeelEvaluationError
from pytest_zeebe.feel.values import DECIMAL_CONTEXT, decimal_from_float, to_java_int

_MODES = {
    "UP": decimal.ROUND_UP,
    "DOWN": decimal.ROUND_DOWN,
    "CEILING": decimal.ROUND_CEILING,
    "FLOOR": decimal.ROUND_FLOOR,
    "HALF_UP": decimal.ROUND_HALF_UP,
    "HALF_DOWN": decimal.ROUND_HALF_DOWN,
    "HALF_EVEN": decimal.ROUND_HALF_EVEN,
    "UNNECESSARY": "UNNECESSARY",
}
#: digits a rounded result may have; beyond it the result is null (Java would build it)
_MAX_DIGITS = 10_000


def _set_scale(n: Decimal, scale: int, mode: str) -> Decimal | None:
    """Java ``BigDecimal.setScale(scale, mode)``; raises FeelEvaluationError like 1.12."""
    digits = n.adjusted() + 1 + scale
    if digits > _MAX_DIGITS or scale > _MAX_DIGITS or scale < -_MAX_DIGITS:
        return None
    context = decimal.Context(prec=max(digits, 1) + 1, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
    quantum = Decimal(1).scaleb(-scale, context)
    if mode == "UNNECESSARY":
        rounded = n.quantize(quantum, rounding=decimal.ROUND_DOWN, context=context)
        if rounded != n:
            raise FeelEvaluationError("Failed to apply rounding mode 'UNNECESSARY': Rounding necessary")
        return rounded
    return n.quantize(quantum, rounding=mode, context=context)


def _decimal(n: object, scale: object) -> object:
    value, places = number(n), number(scale)
    if value is None or places is None:
        return None
    return _set_scale(value, to_java_int(places), decimal.ROUND_HALF_EVEN)


def _decimal_mode(n: object, scale: object, mode: object) -> object:
    value, places = number(n), number(scale)
    if value is None or places is None or not isinstance(mode, str):
        return None
    rounding = _MODES.get(mode.upper())
    if rounding is None:
        raise FeelEvaluationError(f"Illegal argument '{mode}' for rounding mode. Must be one of: {', '.join(_MODES)}")
    return _set_scale(value, to_java_int(places), rounding)


def _floor(n: object) -> object:
    value = number(n)
    return None if value is None else _set_scale(value, 0, decimal.ROUND_FLOOR)


def _ceiling(n: object) -> object:
    value = number(n)
    return None if value is None else _set_scale(value, 0, decimal.ROUND_CEILING)


def _abs(n: object) -> object:
    value = number(n)
    return None if value is None else DECIMAL_CONTEXT.abs(value)


def _remainder(a: Decimal, b: Decimal) -> Decimal | None:
    """Scala's ``%`` (the dividend's sign); null when the quotient exceeds 34 digits, as in Java."""
    try:
        return DECIMAL_CONTEXT.remainder(a, b)
    except decimal.InvalidOperation:
        return None


def _modulo(dividend: object, divisor: object) -> object:
    a, b = number(dividend), number(divisor)
    if a is None or b is None or b == 0:
        return None
    return _remainder(a, b)


def _double(n: Decimal) -> float | None:
    value = float(n)
    return value if math.isfinite(value) else None


def _sqrt(n: object) -> object:
    value = number(n)
    if value is None or value < 0:
        return None
    x = _double(value)
    return None if x is None else decimal_from_float(math.sqrt(x))


def _log(n: object) -> object:
    value = number(n)
    if value is None or value <= 0:
        return None  # Java gives -Infinity / NaN there, which no number can hold
    x = _double(value)
    return None if x is None or x <= 0.0 else decimal_from_float(math.log(x))


def _exp(n: object) -> object:
    value = number(n)
    if value is None:
        return None
    x = _double(value)
    if x is None or x > 709.8:
        return None  # overflows a double
    return decimal_from_float(math.exp(x))


def _odd(n: object) -> object:
    value = number(n)
    rest = None if value is None else _remainder(value, Decimal(2))
    return None if rest is None else rest == 1


def _even(n: object) -> object:
    value = number(n)
    rest = None if value is None else _remainder(value, Decimal(2))
    return None if rest is None else rest == 0


FUNCTIONS = (
    Builtin("decimal", ("n", "scale"), _decimal),
    Builtin("decimal", ("n", "scale", "mode"), _decimal_mode),
    Builtin("floor", ("n",), _floor),
    Builtin("ceiling", ("n",), _ceiling),
    Builtin("abs", ("number",), _abs),
    Builtin("modulo", ("dividend", "divisor"), _modulo),
    Builtin("sqrt", ("number",), _sqrt),
    Builtin("log", ("number",), _log),
    Builtin("exp", ("number",), _exp),
    Builtin("odd", ("number",), _odd),
    Builtin("even", ("number",), _even),
)
