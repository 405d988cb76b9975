"""Path access ``a.b`` and list indexing ``l[i]``, as feel-scala 1.12 evaluates them."""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from . import ops, temporal
from .errors import FeelEvaluationError

#: feel-scala's texts for a missing temporal property (its typos included), by value kind.
_PROPERTY_LISTS: Final = {
    "date": "date properies {year, month, day}",
    "time": "time properies {hour, minute, second, time offset, timezone}",
    "local time": "(local) time properies {hour, minute, second}",
    "date time": "date-time properies {year, month, day, hour, minute, second, time offset, "
    "timezone}",
    "local date time": "(local) date-time properies {year, month, day, hour, minute, second}",
    "year-month-duration": "duration properies {years, months}",
    "day-time-duration": "duration properies {days, hours, minutes, seconds}",
}


def property_of(value: object, key: str) -> object:
    """``value.key``: a context entry, a projection over a list, or a temporal property.

    A missing key is a failure (``context contains no entry with key 'k'``), and so is a path on
    null: feel-scala 1.12 has no null-safe navigation (``x.y = null`` is still true, because ``=``
    treats a failure as null).
    """
    cls = type(value)
    if cls is dict:
        try:
            return value[key]  # type: ignore[index]
        except KeyError:
            raise FeelEvaluationError(f"context contains no entry with key '{key}'") from None
    if cls is list:
        # feel-scala keeps a failing item as an error inside the list; we fail instead.
        return [property_of(item, key) for item in value]  # type: ignore[attr-defined]
    kind = ops.kind(value)
    properties = _PROPERTY_LISTS.get(kind)
    if properties is not None:
        result = temporal.get_property(value, key)
        if result is temporal.NO_PROPERTY:
            raise FeelEvaluationError(f"expected one of the {properties} but fount '{key}'")
        return result
    raise FeelEvaluationError(
        f"expected Context or List of Contextes but found '{ops.describe(value)}'"
    )


def index(items: object, position: Decimal) -> object:
    """``items[position]``: 1-based, negative from the end, null when out of range."""
    if type(items) is not list:
        raise FeelEvaluationError(f"expect List but found '{ops.describe(items)}'")
    assert isinstance(items, list)
    offset = position - 1 if position > 0 else len(items) + position
    if offset < 0 or offset >= len(items):
        return None
    return items[int(offset)]
