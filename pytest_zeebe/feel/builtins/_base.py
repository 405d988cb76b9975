"""The shape of a built-in function and the value tests every group of built-ins shares.

feel-scala 1.12 defines each built-in as a partial function over argument lists: arguments of
the wrong type match no case and the call yields null. Here an implementation returns ``None``
for that, so each impl reads as "the cases 1.12 matches, then null".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from pytest_zeebe.feel import temporal
from pytest_zeebe.feel.values import is_temporal, val_class


@dataclass(frozen=True, slots=True)
class Builtin:
    """One overload of a built-in function, as the evaluator resolves and calls it."""

    name: str
    #: FEEL parameter names, used for named arguments (``substring(string: "a", start position: 1)``)
    params: tuple[str, ...]
    #: called with positional FEEL values (``env`` first when ``needs_env``)
    impl: Callable[..., object]
    #: the last parameter collects the remaining positional arguments (``min(1, 2, 3)``)
    variadic: bool = False
    #: ``impl(env, *args)``; ``env.now()`` is the engine's clock
    needs_env: bool = False
    #: receives a failed argument as ``ops.ErrVal`` instead of the call failing
    accepts_errors: bool = False
    #: a variadic whose collected list may hold failed arguments as ``ops.ErrVal`` items: 1.12
    #: collects the variadic arguments before anything checks them (``all(true, missing)`` is
    #: null there, ``sum(1, missing)`` fails with ``expected number but found 'ValError(...)'``)
    collects_errors: bool = False


def number(v: object) -> Decimal | None:
    """``v`` if it is a FEEL number (never a ``bool``), else None."""
    return v if isinstance(v, Decimal) else None


#: Longest list a built-in builds; longer results are null. Built-ins can grow lists
#: geometrically (``{a: concatenate(l, l), b: concatenate(a, a), ...}``); 1.12 would run out of
#: memory there, a test harness should answer instead.
MAX_LIST_LENGTH = 1_000_000
#: Longest string a built-in builds (the evaluator caps ``+`` at the same length).
MAX_STRING_LENGTH = 10_000_000


def capped(items: list[object]) -> list[object] | None:
    """``items``, or None (null) when it is longer than :data:`MAX_LIST_LENGTH`."""
    return items if len(items) <= MAX_LIST_LENGTH else None


def date_part(v: object) -> dt.date | None:
    """The date of a date, local date-time or date-time (1.12's ``toLocalDate``), else None."""
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    return None


def same_value(a: object, b: object) -> bool:
    """Value equality as 1.12's ``List.contains`` / ``distinct`` see it (``Val.equals``).

    Values of different FEEL types are never equal (``true`` is not ``1`` here, unlike in
    Python); numbers compare by value (``1 = 1.0``); date-times need the same local time,
    offset and zone. Lists and contexts compare element by element.
    """
    kind = val_class(a)
    if kind != val_class(b):
        return False
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_value(a[k], b[k]) for k in a)
    if kind == "ValFunction":
        return a is b
    if is_temporal(a):
        return temporal.equals(a, b) is True
    return a == b


_HASHABLE = (type(None), bool, Decimal, str)


def _key(value: object) -> object | None:
    """A hashable stand-in equal exactly when :func:`same_value` holds, or None (compare pairwise).

    Scalars are keyed by value class (``true`` and ``1`` stay apart); lists and contexts of such
    values by their items' keys, so lists of lists deduplicate in linear time too.
    """
    if isinstance(value, _HASHABLE):
        return (val_class(value), value)
    if isinstance(value, list):
        keys = tuple(_key(item) for item in value)
        return None if None in keys else ("ValList", keys)
    if isinstance(value, dict):
        entries = frozenset((name, _key(item)) for name, item in value.items())
        return None if any(key is None for _, key in entries) else ("ValContext", entries)
    return None


def distinct(items: list[object]) -> list[object]:
    """The items without repeats, first occurrences kept in order.

    Items with a hashable key (:func:`_key`) are deduplicated through a set, keeping ``distinct
    values`` and ``union`` linear on long lists; other values (temporal, functions) compare pairwise.
    """
    kept: list[object] = []
    unkeyed: list[object] = []
    seen: set[object] = set()
    for item in items:
        key = _key(item)
        if key is not None:
            if key not in seen:
                seen.add(key)
                kept.append(item)
        elif not any(same_value(item, other) for other in unkeyed):
            unkeyed.append(item)
            kept.append(item)
    return kept


def list_index(size: int, position: int) -> int:
    """1.12's 1-based / negative-from-the-end position to a 0-based index (may be out of range)."""
    return position - 1 if position > 0 else size + position


def clamp(index: int, size: int) -> int:
    """Scala's ``take``/``drop``/``slice`` bounds: out-of-range indexes stick to the ends."""
    return min(max(index, 0), size)
