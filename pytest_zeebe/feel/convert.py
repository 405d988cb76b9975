"""Python JSON-like values <-> FEEL values.

Inbound (variables): the engine stores variables as JSON-like Python values; FEEL sees numbers
as ``Decimal`` (msgpack int/float -> ``BigDecimal`` in Zeebe). Conversion happens lazily, when
an expression reads a variable, so an expression touching one variable of a large scope pays only
for that one.

Outbound (results written back to variables, Zeebe's ``FeelToMessagePackTransformer``): whole
numbers become ``int`` (wrapped to 64 bits: Zeebe writes ``longValue``), other numbers ``float``;
dates, times and durations have no msgpack form and become ``None``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, time, timedelta
from decimal import Decimal

from . import values
from .errors import FeelEvaluationError


def to_feel(value: object) -> object:
    """A JSON-like Python value as a FEEL value (recursively)."""
    cls = type(value)
    if cls is str or cls is bool or value is None or cls is Decimal:
        return value
    if cls is int:
        return Decimal(value)  # type: ignore[arg-type]
    if cls is float:
        # Zeebe reads a msgpack float as ``ValNumber(double)``: Scala's BigDecimal.decimal, i.e.
        # BigDecimal(Double.toString(d)), so 1e7 carries Java's scale (``string()`` is 1.0E+7)
        assert isinstance(value, float)
        return values.decimal_from_float(value)
    if isinstance(value, Mapping):
        return {str(key): to_feel(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_feel(item) for item in value]
    if isinstance(value, int):  # int subclasses such as IntEnum
        return Decimal(int(value))
    if isinstance(value, (date, time, timedelta, values.YearMonthDuration)) or values.is_temporal(value):
        return value
    raise FeelEvaluationError(f"unsupported variable value of type '{cls.__name__}'")


def to_variable_value(value: object) -> object:
    """A FEEL value as Zeebe writes it to a variable (JSON-like; temporal values as None)."""
    cls = type(value)
    if cls is str or cls is bool or value is None:
        return value
    if cls is Decimal:
        assert isinstance(value, Decimal)
        if value == value.to_integral_value():
            return values.to_java_long(value)
        return float(value)
    if cls is list:
        assert isinstance(value, list)
        return [to_variable_value(item) for item in value]
    if cls is dict:
        assert isinstance(value, dict)
        return {key: to_variable_value(item) for key, item in value.items()}
    return None
