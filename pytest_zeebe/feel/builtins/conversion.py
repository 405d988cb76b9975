"""Conversion built-ins: ``date``, ``time``, ``date and time``, ``duration``, ``number``, ...

Behaviour is feel-scala 1.12.4's ``ConversionBuiltinFunctions``. Notable details users meet:
``date and time("2020-01-01")`` is a *local* date-time at midnight; ``time(date)`` is
``00:00:00Z``; ``time(h, m, s, null)`` drops the fraction of ``s``; ``number("1,000")`` is
null (only ``number(from, grouping separator)`` strips separators), and an invalid separator
argument is a failure, not null.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

from pytest_zeebe.feel import temporal
from pytest_zeebe.feel.builtins._base import Builtin, date_part, number
from pytest_zeebe.feel.errors import FeelEvaluationError
from pytest_zeebe.feel.temporal_text import in_zone
from pytest_zeebe.feel.values import YearMonthDuration, ZonedTime, is_temporal, java_number_text, to_java_int

# what java.math.BigDecimal(String) accepts (ASCII digits)
_JAVA_DECIMAL = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def _date(value: object) -> object:
    if isinstance(value, str):
        return temporal.parse_date(value)
    return date_part(value)


def _date_of(year: object, month: object, day: object) -> object:
    y, m, d = number(year), number(month), number(day)
    if y is None or m is None or d is None:
        return None
    try:
        return dt.date(to_java_int(y), to_java_int(m), to_java_int(d))
    except ValueError:
        return None


def _date_and_time(value: object) -> object:
    return temporal.parse_date_time(value) if isinstance(value, str) else None


def _combine(date: object, time: object) -> object:
    day = date_part(date)
    if day is None:
        return None
    if isinstance(time, ZonedTime):
        return in_zone(dt.datetime.combine(day, time.time), time.zone)
    if isinstance(time, dt.time):
        return dt.datetime.combine(day, time)
    return None


def _time(value: object) -> object:
    if isinstance(value, str):
        return temporal.parse_time(value)
    if isinstance(value, dt.datetime):
        local = value.time()
        offset = value.utcoffset()
        if offset is None:
            return local
        if isinstance(value.tzinfo, ZoneInfo):
            return ZonedTime(local, offset, value.tzinfo)
        return local.replace(tzinfo=dt.timezone(offset) if offset else dt.UTC)
    if isinstance(value, dt.date):
        return dt.time(0, tzinfo=dt.UTC)
    return None


def _local_time(hour: Decimal, minute: Decimal, second: Decimal, with_fraction: bool) -> dt.time | None:
    micros = 0
    if with_fraction:
        # 1.12: (second mod 1) moved 9 places, as an int of nanoseconds
        nanos = to_java_int((second % 1).scaleb(9))
        if not 0 <= nanos < 1_000_000_000:
            return None
        micros = nanos // 1000
    try:
        return dt.time(to_java_int(hour), to_java_int(minute), to_java_int(second), micros)
    except ValueError:
        return None


def _time_of(hour: object, minute: object, second: object) -> object:
    h, m, s = number(hour), number(minute), number(second)
    if h is None or m is None or s is None:
        return None
    return _local_time(h, m, s, with_fraction=True)


def _time_with_offset(hour: object, minute: object, second: object, offset: object) -> object:
    h, m, s = number(hour), number(minute), number(second)
    if h is None or m is None or s is None:
        return None
    if offset is None:
        return _local_time(h, m, s, with_fraction=False)
    if not isinstance(offset, dt.timedelta):
        return None
    local = _local_time(h, m, s, with_fraction=True)
    seconds = offset.days * 86400 + offset.seconds  # Duration.getSeconds(): floored
    if local is None or abs(seconds) > 18 * 3600:
        return None
    return local.replace(tzinfo=dt.timezone(dt.timedelta(seconds=seconds)) if seconds else dt.UTC)


def _java_decimal(text: str) -> Decimal | None:
    return Decimal(text) if _JAVA_DECIMAL.fullmatch(text) else None


def _number(value: object) -> object:
    return _java_decimal(value) if isinstance(value, str) else None


def _number_grouped(value: object, grouping: object) -> object:
    if not (isinstance(value, str) and isinstance(grouping, str)):
        return None
    if grouping not in (" ", ",", "."):
        raise FeelEvaluationError("illegal argument for grouping. Must be one of ' ', ',' or '.'")
    return _java_decimal(value.replace(grouping, ""))


def _number_separated(value: object, grouping: object, decimal: object) -> object:
    if not (isinstance(value, str) and isinstance(grouping, str) and isinstance(decimal, str)):
        return None
    if grouping not in (" ", ",", ".") or decimal not in (",", ".") or grouping == decimal:
        raise FeelEvaluationError(
            "illegal arguments for grouping or decimal. Must be one of ' ' (grouping only), ',' or '.'"
        )
    return _java_decimal(value.replace(grouping, "").replace(decimal, "."))


def _string(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, Decimal):
        return java_number_text(value)
    if is_temporal(value):
        return temporal.to_iso_string(value)
    return None


def _duration(value: object) -> object:
    return temporal.parse_duration(value) if isinstance(value, str) else None


def _months_between(start: dt.date, end: dt.date) -> int:
    """``Period.between(start, end)`` in whole months (days dropped)."""
    months = (end.year * 12 + end.month) - (start.year * 12 + start.month)
    days = end.day - start.day
    if months > 0 and days < 0:
        months -= 1
    elif months < 0 and days > 0:
        months += 1
    return months


def _years_and_months(start: object, end: object) -> object:
    first, last = date_part(start), date_part(end)
    if first is None or last is None:
        return None
    return YearMonthDuration(_months_between(first, last))


FUNCTIONS = (
    Builtin("date", ("from",), _date),
    Builtin("date", ("year", "month", "day"), _date_of),
    Builtin("date and time", ("from",), _date_and_time),
    Builtin("date and time", ("date", "time"), _combine),
    Builtin("time", ("from",), _time),
    Builtin("time", ("hour", "minute", "second"), _time_of),
    Builtin("time", ("hour", "minute", "second", "offset"), _time_with_offset),
    Builtin("number", ("from",), _number),
    Builtin("number", ("from", "grouping separator"), _number_grouped),
    Builtin("number", ("from", "grouping separator", "decimal separator"), _number_separated),
    Builtin("string", ("from",), _string),
    Builtin("duration", ("from",), _duration),
    Builtin("years and months duration", ("from", "to"), _years_and_months),
)
