"""List built-ins, as feel-scala 1.12.4's ``ListBuiltinFunctions`` behave.

The aggregate functions (``min`` ... ``and``/``or``) are variadic: ``sum(1, 2, 3)`` and
``sum([1, 2, 3])`` are the same call. ``min``/``max`` of mixed or incomparable items are null,
but ``sum``, ``product``, ``mean``, ``median``, ``stddev`` and ``mode`` *fail* on a non-number
item (``expected number but found 'ValString(a)'``), as 1.12 does; on an empty list they are
null, except ``mode``, which gives ``[]``. Positions are 1-based, negative from the end; out of
range positions clamp as Scala's ``slice``/``take``/``drop`` do, and ``remove(list, 0)`` keeps
1.12's oddity of returning the list twice.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from decimal import Decimal

from pytest_zeebe.feel import temporal
from pytest_zeebe.feel.builtins._base import Builtin, capped, clamp, distinct, list_index, number, same_value
from pytest_zeebe.feel.errors import FeelEvaluationError
from pytest_zeebe.feel.ops import ErrVal, describe
from pytest_zeebe.feel.values import DECIMAL_CONTEXT, decimal_from_float, to_java_int, val_class

_COMPARABLE = frozenset(
    {
        "ValNumber",
        "ValString",
        "ValDate",
        "ValLocalTime",
        "ValTime",
        "ValLocalDateTime",
        "ValDateTime",
        "ValYearMonthDuration",
        "ValDayTimeDuration",
    }
)


def _list_contains(items: object, element: object) -> object:
    # 1.12 matches any element, a failed one too (never equal to an item); a failed list fails
    if isinstance(items, ErrVal):
        raise items.fail()
    if not isinstance(items, list):
        return None
    return any(same_value(item, element) for item in items)


def _count(items: object) -> object:
    return Decimal(len(items)) if isinstance(items, list) else None


def _order(a: object, b: object) -> int:
    if isinstance(a, (Decimal, str)):
        return (a > b) - (a < b)  # type: ignore[operator]
    result = temporal.compare(a, b)
    assert result is not None
    return result


def _extreme(items: object, keep_first: Callable[[int], bool]) -> object:
    if not isinstance(items, list) or not items:
        return None
    kind = val_class(items[0])
    if kind not in _COMPARABLE or any(val_class(item) != kind for item in items):
        return None
    best = items[0]
    for item in items[1:]:
        if not keep_first(_order(best, item)):
            best = item
    return best


def _min(items: object) -> object:
    return _extreme(items, lambda order: order <= 0)


def _max(items: object) -> object:
    return _extreme(items, lambda order: order >= 0)


def _numbers(items: list[object]) -> list[Decimal]:
    """The items as numbers, or 1.12's failure for the first item that is not one."""
    numbers: list[Decimal] = []
    for item in items:
        value = number(item)
        if value is None:
            raise FeelEvaluationError(f"expected number but found '{describe(item)}'")
        numbers.append(value)
    return numbers


def _total(numbers: list[Decimal]) -> Decimal:
    return functools.reduce(DECIMAL_CONTEXT.add, numbers, Decimal(0))


def _sum(items: object) -> object:
    if not isinstance(items, list) or not items:
        return None
    return _total(_numbers(items))


def _product(items: object) -> object:
    if not isinstance(items, list) or not items:
        return None
    return functools.reduce(DECIMAL_CONTEXT.multiply, _numbers(items), Decimal(1))


def _mean(items: object) -> object:
    if not isinstance(items, list) or not items:
        return None
    numbers = _numbers(items)
    return DECIMAL_CONTEXT.divide(_total(numbers), Decimal(len(numbers)))


def _median(items: object) -> object:
    if not isinstance(items, list) or not items:
        return None
    ordered = sorted(_numbers(items))
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return DECIMAL_CONTEXT.divide(DECIMAL_CONTEXT.add(ordered[middle - 1], ordered[middle]), Decimal(2))


def _stddev(items: object) -> object:
    if not isinstance(items, list) or not items:
        return None
    numbers = _numbers(items)
    if len(numbers) < 2:
        return None  # 1.12 divides by n - 1 = 0 and throws
    mean = DECIMAL_CONTEXT.divide(_total(numbers), Decimal(len(numbers)))
    squares = [DECIMAL_CONTEXT.power(DECIMAL_CONTEXT.subtract(n, mean), 2) for n in numbers]
    variance = float(DECIMAL_CONTEXT.divide(_total(squares), Decimal(len(numbers) - 1)))
    return decimal_from_float(math.sqrt(variance)) if math.isfinite(variance) else None


def _mode(items: object) -> object:
    if not isinstance(items, list):
        return None
    counts: dict[Decimal, int] = {}
    for value in _numbers(items):
        counts[value] = counts.get(value, 0) + 1
    if not counts:
        return []
    top = max(counts.values())
    result: list[object] = [value for value in sorted(counts) if counts[value] == top]
    return result


def _all(items: object) -> object:
    if not isinstance(items, list):
        return None
    if any(item is False for item in items):
        return False
    return True if all(item is True for item in items) else None


def _any(items: object) -> object:
    if not isinstance(items, list):
        return None
    if any(item is True for item in items):
        return True
    return False if all(item is False for item in items) else None


def _sublist(items: object, start: object, length: object = None) -> object:
    first = number(start)
    if not isinstance(items, list) or first is None:
        return None
    begin = list_index(len(items), to_java_int(first))
    if length is None:
        end = len(items)
    else:
        count = number(length)
        if count is None:
            return None
        end = begin + to_java_int(count)
    return items[clamp(begin, len(items)) : max(clamp(end, len(items)), clamp(begin, len(items)))]


def _sublist_length(items: object, start: object, length: object) -> object:
    return None if length is None else _sublist(items, start, length)


def _append(items: object, more: object) -> object:
    if not (isinstance(items, list) and isinstance(more, list)):
        return None
    return capped([*items, *more])


def _one_level(lists: list[object]) -> list[object]:
    flat: list[object] = []
    for item in lists:
        flat.extend(item if isinstance(item, list) else [item])
    return flat


def _concatenate(lists: object) -> object:
    return capped(_one_level(lists)) if isinstance(lists, list) else None


def _insert_before(items: object, position: object, new_item: object) -> object:
    at = number(position)
    if not isinstance(items, list) or at is None:
        return None
    index = clamp(list_index(len(items), to_java_int(at)), len(items))
    return capped([*items[:index], new_item, *items[index:]])


def _remove(items: object, position: object) -> object:
    at = number(position)
    if not isinstance(items, list) or at is None:
        return None
    size, where = len(items), to_java_int(at)
    return capped([*items[: clamp(list_index(size, where), size)], *items[clamp(list_index(size, where + 1), size) :]])


def _reverse(items: object) -> object:
    return items[::-1] if isinstance(items, list) else None


def _index_of(items: object, match: object) -> object:
    if isinstance(items, ErrVal):
        raise items.fail()
    if not isinstance(items, list):
        return None
    return [Decimal(i) for i, item in enumerate(items, start=1) if same_value(item, match)]


def _union(lists: object) -> object:
    return capped(distinct(_one_level(lists))) if isinstance(lists, list) else None


def _distinct_values(items: object) -> object:
    return distinct(items) if isinstance(items, list) else None


def _flatten(items: object) -> object:
    if not isinstance(items, list):
        return None
    flat: list[object] = []
    for item in items:
        if isinstance(item, list):
            nested = _flatten(item)
            assert isinstance(nested, list)
            flat.extend(nested)
        else:
            flat.append(item)
    return capped(flat)


def _sort(items: object, precedes: object) -> object:
    params = getattr(precedes, "params", None)
    invoke = getattr(precedes, "invoke", None)
    if not isinstance(items, list) or params is None or not callable(invoke):
        return None
    if len(params) != 2:
        raise FeelEvaluationError(f"expect boolean function with 2 arguments, but found '{len(params)}'")

    def before(x: object, y: object) -> bool:
        try:
            result = invoke([x, y])
        except FeelEvaluationError as error:
            found = f"ValError({error.cause})"
        else:
            if isinstance(result, bool):
                return result
            found = describe(result)
        raise FeelEvaluationError(f"fail to sort list by given precedes function: expected boolean but found '{found}'")

    def order(x: object, y: object) -> int:
        return -1 if before(x, y) else (1 if before(y, x) else 0)

    return sorted(items, key=functools.cmp_to_key(order))


_VARIADIC = ("list",)
FUNCTIONS = (
    Builtin("list contains", ("list", "element"), _list_contains, accepts_errors=True),
    Builtin("count", ("list",), _count),
    Builtin("min", _VARIADIC, _min, variadic=True, collects_errors=True),
    Builtin("max", _VARIADIC, _max, variadic=True, collects_errors=True),
    Builtin("sum", _VARIADIC, _sum, variadic=True, collects_errors=True),
    Builtin("product", _VARIADIC, _product, variadic=True, collects_errors=True),
    Builtin("mean", _VARIADIC, _mean, variadic=True, collects_errors=True),
    Builtin("median", _VARIADIC, _median, variadic=True, collects_errors=True),
    Builtin("stddev", _VARIADIC, _stddev, variadic=True, collects_errors=True),
    Builtin("mode", _VARIADIC, _mode, variadic=True, collects_errors=True),
    Builtin("and", _VARIADIC, _all, variadic=True, collects_errors=True),
    Builtin("all", _VARIADIC, _all, variadic=True, collects_errors=True),
    Builtin("or", _VARIADIC, _any, variadic=True, collects_errors=True),
    Builtin("any", _VARIADIC, _any, variadic=True, collects_errors=True),
    Builtin("sublist", ("list", "start"), _sublist),
    Builtin("sublist", ("list", "start", "length"), _sublist_length),
    Builtin("append", ("list", "items"), _append, variadic=True),
    Builtin("concatenate", ("lists",), _concatenate, variadic=True),
    Builtin("insert before", ("list", "position", "newItem"), _insert_before),
    Builtin("remove", ("list", "position"), _remove),
    Builtin("reverse", ("list",), _reverse),
    Builtin("index of", ("list", "match"), _index_of, accepts_errors=True),
    Builtin("union", ("lists",), _union, variadic=True),
    Builtin("distinct values", ("list",), _distinct_values),
    Builtin("flatten", ("list",), _flatten),
    Builtin("sort", ("list", "precedes"), _sort),
)
