"""Path access ``a.b`` and list indexing ``l[i]``, as feel-scala 1.12 evaluates them."""

from __future__ import annotations

from decimal import Decimal

from . import ops, temporal, values
from .errors import FeelEvaluationError


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
        # a projection keeps a failing item as an error value inside the list, as 1.12 does
        return [_projected(item, key) for item in value]  # type: ignore[attr-defined]
    if values.is_temporal(value):
        result = temporal.get_property(value, key)
        if result is temporal.NO_PROPERTY:
            raise FeelEvaluationError(temporal.missing_property_message(value, key))
        return result
    raise FeelEvaluationError(f"expected Context or List of Contextes but found '{ops.describe(value)}'")


def _projected(item: object, key: str) -> object:
    if isinstance(item, ops.ErrVal):
        return item
    try:
        return property_of(item, key)
    except FeelEvaluationError as error:
        return ops.ErrVal(error.cause)


def index(items: object, position: Decimal) -> object:
    """``items[position]``: 1-based, negative from the end, null when out of range."""
    if type(items) is not list:
        raise FeelEvaluationError(f"expect List but found '{ops.describe(items)}'")
    assert isinstance(items, list)
    offset = position - 1 if position > 0 else len(items) + position
    if offset < 0 or offset >= len(items):
        return None
    item = items[int(offset)]
    if isinstance(item, ops.ErrVal):
        raise item.fail()  # a failed item is a failure once taken out of its list
    return item
