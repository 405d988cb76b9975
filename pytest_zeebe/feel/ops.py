"""Operator semantics of feel-scala 1.12: equality, ordering, arithmetic, ``instance of``.

Operands may be an :class:`ErrVal`: feel-scala evaluates both sides of an operator to values, one
of which may be an error, and each operator decides what an error operand means (``=`` treats it
as null when the other side is null, ``<`` reports it as "not comparable", arithmetic turns it
into null). Messages reproduce feel-scala's wording, including its typos, because Zeebe copies
them into incidents.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Final

from . import temporal, values
from .errors import FeelEvaluationError

CTX: Final = values.DECIMAL_CONTEXT
#: Longest string ``+`` builds; longer results are an arithmetic error, hence null.
MAX_STRING_LENGTH: Final = 10_000_000


class ErrVal:
    """An evaluation failure held as an operand (feel-scala's ``ValError``)."""

    __slots__ = ("cause",)

    def __init__(self, cause: str) -> None:
        self.cause = cause

    def fail(self) -> FeelEvaluationError:
        """The failure to raise when the operator propagates the error."""
        return FeelEvaluationError(self.cause)


class FeelFunction:
    """A user function value: ``function(a, b) body`` with the scope it was defined in."""

    __slots__ = ("invoke", "params")

    def __init__(self, params: tuple[str, ...], invoke: Callable[[list[object]], object]) -> None:
        self.params = params
        self.invoke = invoke


def describe(value: object) -> str:
    """feel-scala's ``toString`` of a value, as it appears inside messages."""
    if isinstance(value, ErrVal):
        return f"ValError({value.cause})"
    if isinstance(value, FeelFunction):
        return f"ValFunction(List({', '.join(value.params)}))"
    return values.describe(value)


def kind(value: object) -> str:
    """The runtime class of a value in feel-scala's sense (``ValTime`` vs ``ValLocalTime`` etc.)."""
    if value is None:
        return "null"
    cls = type(value)
    if cls is Decimal:
        return "number"
    if cls is str:
        return "string"
    if cls is bool:
        return "boolean"
    if cls is list:
        return "list"
    if cls is dict:
        return "context"
    if isinstance(value, ErrVal):
        return "error"
    if isinstance(value, FeelFunction):
        return "function"
    if isinstance(value, datetime):
        return "local date time" if value.tzinfo is None else "date time"
    if isinstance(value, date):
        return "date"
    if isinstance(value, time):
        return "local time" if value.tzinfo is None else "time"
    if isinstance(value, timedelta):
        return "day-time-duration"
    if isinstance(value, values.YearMonthDuration):
        return "year-month-duration"
    return values.feel_type_name(value)


def type_name(value: object) -> str:
    """The name ``instance of`` compares with."""
    name = kind(value)
    return {"local date time": "date time", "local time": "time"}.get(name, name)


# --- equality (feel-scala checkEquality) -------------------------------------------------------

_EXPECTED = {
    "number": "expected Number",
    "boolean": "expected Boolean",
    "string": "expected String",
    "date": "expected Date",
    "local time": "expect Local Time",
    "time": "expect Time",
    "local date time": "expect Local Date Time",
    "date time": "expect Date Time",
    "year-month-duration": "expect Year-Month-Duration",
    "day-time-duration": "expect Day-Time-Duration",
    "list": "expect List",
    "context": "expect Context",
}


def equals(x: object, y: object) -> bool:
    """``x = y``: a bool, or raise FeelEvaluationError (type mismatch, error operand)."""
    if x is None:
        return y is None or isinstance(y, ErrVal)
    if y is None:
        return isinstance(x, ErrVal)
    kx = kind(x)
    expected = _EXPECTED.get(kx)
    if expected is None:
        if isinstance(x, ErrVal):
            raise x.fail()
        raise FeelEvaluationError(
            f"expected Number, Boolean, String, Date, Time, Duration, List or Context but found '{describe(x)}'"
        )
    if isinstance(y, ErrVal):
        raise y.fail()
    if kind(y) != kx:
        raise FeelEvaluationError(f"{expected} but found '{describe(y)}'")
    if kx == "list":
        assert isinstance(x, list)
        assert isinstance(y, list)
        return len(x) == len(y) and all(equal_or_false(a, b) for a, b in zip(x, y, strict=False))
    if kx == "context":
        assert isinstance(x, dict)
        assert isinstance(y, dict)
        return x.keys() == y.keys() and all(equal_or_false(x[k], y[k]) for k in x)
    if kx in ("number", "string", "boolean"):
        return x == y
    return temporal.equals(x, y) is True


def equal_or_false(x: object, y: object) -> bool:
    """Element equality inside lists and contexts: a failure counts as 'not equal'."""
    try:
        return equals(x, y)
    except FeelEvaluationError:
        return False


# --- ordering (feel-scala dualOp) --------------------------------------------------------------

_ORDERED = frozenset(
    {
        "number",
        "string",
        "date",
        "local time",
        "time",
        "local date time",
        "date time",
        "year-month-duration",
        "day-time-duration",
    }
)


def is_comparable(value: object) -> bool:
    """feel-scala's ``isComparable``: ordered scalars and non-empty homogeneous such lists."""
    k = kind(value)
    if k == "list":
        assert isinstance(value, list)
        return bool(value) and is_comparable(value[0]) and all(kind(item) == kind(value[0]) for item in value)
    return k in _ORDERED


def order(x: object, y: object) -> int | None:
    """-1/0/1 for ``x`` against ``y``; None when either is null (then ``<`` etc. are false).

    Raises FeelEvaluationError for errors and incomparable operands, with feel-scala's texts.
    """
    if x is None:
        if isinstance(y, ErrVal):
            raise y.fail()
        return None
    if y is None:
        if isinstance(x, ErrVal):
            raise x.fail()
        return None
    if not is_comparable(x):
        raise FeelEvaluationError(f"{describe(x)} is not comparable")
    if not is_comparable(y):
        raise FeelEvaluationError(f"{describe(y)} is not comparable")
    k = kind(x)
    if k != kind(y) or k == "list":
        raise FeelEvaluationError(f"{describe(x)} can not be compared to {describe(y)}")
    if isinstance(x, (Decimal, str)) and isinstance(y, (Decimal, str)):
        return int(x > y) - int(x < y)  # type: ignore[operator]
    result = temporal.compare(x, y)
    if result is None:
        raise FeelEvaluationError(f"{describe(x)} can not be compared to {describe(y)}")
    return result


COMPARATORS: Final[dict[str, Callable[[int], bool]]] = {
    "<": lambda c: c < 0,
    "<=": lambda c: c <= 0,
    ">": lambda c: c > 0,
    ">=": lambda c: c >= 0,
}


def compare(op: str, x: object, y: object) -> bool:
    """``x <op> y`` for op in ``< <= > >=`` (null operand: false)."""
    c = order(x, y)
    return False if c is None else COMPARATORS[op](c)


# --- arithmetic (errors become null) -----------------------------------------------------------


def _number(result: Decimal) -> Decimal | None:
    return result if result.is_finite() else None


def add(x: object, y: object) -> object:
    """``x + y``: numbers, string concatenation, temporal arithmetic; otherwise null."""
    if type(x) is Decimal and type(y) is Decimal:
        return _number(CTX.add(x, y))
    if type(x) is str and type(y) is str:
        return x + y if len(x) + len(y) <= MAX_STRING_LENGTH else None
    if values.is_temporal(x) or values.is_temporal(y):
        return temporal.add(x, y)
    return None


def subtract(x: object, y: object) -> object:
    """``x - y``."""
    if type(x) is Decimal and type(y) is Decimal:
        return _number(CTX.subtract(x, y))
    if values.is_temporal(x) or values.is_temporal(y):
        return temporal.subtract(x, y)
    return None


def multiply(x: object, y: object) -> object:
    """``x * y``."""
    if type(x) is Decimal and type(y) is Decimal:
        return _number(CTX.multiply(x, y))
    if values.is_temporal(x) or values.is_temporal(y):
        return temporal.multiply(x, y)
    return None


def divide(x: object, y: object) -> object:
    """``x / y``; division by zero is null."""
    if type(x) is Decimal and type(y) is Decimal:
        return None if y == 0 else _number(CTX.divide(x, y))
    if values.is_temporal(x) or values.is_temporal(y):
        return temporal.divide(x, y)
    return None


#: feel-scala hands whole exponents to BigDecimal.pow(int), which accepts |n| <= 999999999.
_MAX_EXPONENT: Final = 999_999_999


def power(x: object, y: object) -> object:
    """``x ** y``: exact for whole exponents, via binary floating point otherwise (as 1.12)."""
    if type(x) is not Decimal or type(y) is not Decimal:
        return None
    assert isinstance(x, Decimal)
    assert isinstance(y, Decimal)
    if y == y.to_integral_value():
        if abs(y) > _MAX_EXPONENT:
            return None
        if x == 0 and y < 0:
            return None
        return _number(CTX.power(x, int(y)))
    return values.decimal_from_float(math.pow(float(x), float(y)))


def negate(x: object) -> object:
    """Unary minus."""
    if type(x) is Decimal:
        return CTX.minus(x)
    if values.is_temporal(x):
        return temporal.negate(x)
    return None


ARITHMETIC: Final[dict[str, Callable[[object, object], object]]] = {
    "+": add,
    "-": subtract,
    "*": multiply,
    "/": divide,
    "**": power,
}
