"""Temporal arithmetic, comparison and properties with feel-scala 1.12.4's semantics.

The evaluator calls these when an operand is temporal; each returns the FEEL result, or None
when 1.12 reports an error (arithmetic errors become null in FEEL anyway). Quirks of 1.12 that
are reproduced on purpose, because real Zeebe 0.26 shows them:

* ``duration * 1.5`` multiplies by ``1`` and ``duration / n`` works on whole milliseconds and
  an ``int`` result (Java ``intValue``: truncated, wrapping past ±2^31 ms, about 24.8 days);
  ``duration / duration`` is a whole number (Java long division).
* ``time - time`` between times with an offset or zone is the *absolute* difference.
* ``-duration("PT1H")`` is null (unary minus only accepts numbers); use ``duration("-PT1H")``.
* Two date-times are equal only with the same local date-time, offset and zone
  (``ZonedDateTime.equals``): ``10:00Z`` and ``11:00+01:00`` are not ``=``, and ``<`` orders
  them by instant, then local date-time, then zone id.
* Adding a day-time duration to a zoned date-time moves the instant (``PT24H`` across a DST
  change lands at a different wall-clock hour); adding a year-month duration moves the
  wall clock and keeps the offset where it can.
"""

from __future__ import annotations

import calendar
import datetime as dt
import decimal
from typing import Final
from zoneinfo import ZoneInfo

from pytest_zeebe.feel.temporal_text import (
    UTC,
    in_zone,
    offset_id,
    parse_date,
    parse_date_time,
    parse_duration,
    parse_time,
    to_iso_string,
)
from pytest_zeebe.feel.values import (
    DECIMAL_CONTEXT,
    YearMonthDuration,
    ZonedTime,
    to_java_int,
    val_class,
)

__all__ = [
    "NO_PROPERTY",
    "add",
    "compare",
    "divide",
    "equals",
    "get_property",
    "missing_property_message",
    "multiply",
    "negate",
    "parse_date",
    "parse_date_time",
    "parse_duration",
    "parse_time",
    "subtract",
    "to_iso_string",
    "zone_id",
]

NO_PROPERTY: Final = object()
_DAY_MICROS = 86_400_000_000
_JAVA_INT_MAX = 2**31 - 1


def _micros(d: dt.timedelta) -> int:
    return (d.days * 86400 + d.seconds) * 1_000_000 + d.microseconds


def _plus_months(d: dt.date, months: int) -> dt.date:
    """``LocalDate.plusMonths``: clamp the day to the target month's length."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return d.replace(year=year, month=month + 1, day=min(d.day, calendar.monthrange(year, month + 1)[1]))


def _time_plus(t: dt.time, d: dt.timedelta) -> dt.time:
    """``LocalTime.plus``: wraps around midnight, keeps any offset."""
    of_day = ((t.hour * 3600 + t.minute * 60 + t.second) * 1_000_000 + t.microsecond + _micros(d)) % _DAY_MICROS
    seconds, micros = divmod(of_day, 1_000_000)
    return dt.time(seconds // 3600, seconds // 60 % 60, seconds % 60, micros, tzinfo=t.tzinfo)


def _zoned_plus(v: dt.datetime, d: dt.timedelta) -> dt.datetime:
    """Instant arithmetic (Java adds time-based units to the instant)."""
    if isinstance(v.tzinfo, ZoneInfo):
        return (v.astimezone(UTC) + d).astimezone(v.tzinfo)
    return v + d


def _plus_period(v: dt.date, months: int) -> dt.date:
    if not isinstance(v, dt.datetime):
        return _plus_months(v, months)
    local = dt.datetime.combine(_plus_months(v.date(), months), v.time().replace(tzinfo=None))
    if v.tzinfo is None:
        return local
    return in_zone(local, v.tzinfo, v.utcoffset())


def _plus(a: object, b: object) -> object:
    ka, kb = val_class(a), val_class(b)
    if isinstance(b, YearMonthDuration) and isinstance(a, dt.date):
        return _plus_period(a, b.months)
    if kb != "ValDayTimeDuration":
        return None
    assert isinstance(b, dt.timedelta)
    if ka == "ValDayTimeDuration":
        assert isinstance(a, dt.timedelta)
        return a + b
    if ka == "ValLocalTime":
        assert isinstance(a, dt.time)
        return _time_plus(a, b)
    if ka == "ValTime":
        if isinstance(a, ZonedTime):
            return ZonedTime(_time_plus(a.time, b), a.offset, a.zone)
        assert isinstance(a, dt.time)
        return _time_plus(a, b)
    if ka == "ValLocalDateTime":
        assert isinstance(a, dt.datetime)
        return a + b
    if ka == "ValDateTime":
        assert isinstance(a, dt.datetime)
        return _zoned_plus(a, b)
    if ka == "ValDate":
        assert isinstance(a, dt.date)
        return (dt.datetime.combine(a, dt.time(0)) + b).date()
    return None


_DURATIONS = ("ValYearMonthDuration", "ValDayTimeDuration")


def _checked_period(months: int) -> YearMonthDuration | None:
    return None if abs(months) // 12 > _JAVA_INT_MAX else YearMonthDuration(months)


def add(a: object, b: object) -> object:
    """``a + b`` for temporal operands (a duration may come first, as 1.12 allows)."""
    try:
        if isinstance(a, YearMonthDuration) and isinstance(b, YearMonthDuration):
            return _checked_period(a.months + b.months)
        if val_class(a) in _DURATIONS and val_class(b) not in _DURATIONS:
            a, b = b, a
        return _plus(a, b)
    except (OverflowError, ValueError):
        return None


def _offset_nanos(t: dt.time | ZonedTime) -> int:
    """1.12's ``ZonedTime.nanos``: nano-of-day minus the offset (defines order and difference)."""
    local = t.time if isinstance(t, ZonedTime) else t
    offset = t.offset if isinstance(t, ZonedTime) else local.utcoffset()
    of_day = (local.hour * 3600 + local.minute * 60 + local.second) * 1_000_000 + local.microsecond
    return (of_day - _micros(offset or dt.timedelta(0))) * 1000


def _difference(a: object, b: object) -> object:
    """``a - b`` for two values of the same value class (``kind``)."""
    kind = val_class(a)
    if kind == "ValDateTime" and isinstance(a, dt.datetime) and isinstance(b, dt.datetime):
        return a.astimezone(UTC) - b.astimezone(UTC)
    if isinstance(a, dt.datetime) and isinstance(b, dt.datetime):
        return a - b
    if isinstance(a, dt.date) and isinstance(b, dt.date):
        return dt.timedelta(days=a.toordinal() - b.toordinal())
    if isinstance(a, dt.timedelta) and isinstance(b, dt.timedelta):
        return a - b
    if isinstance(a, YearMonthDuration) and isinstance(b, YearMonthDuration):
        return _checked_period(a.months - b.months)
    if isinstance(a, (dt.time, ZonedTime)) and isinstance(b, (dt.time, ZonedTime)):
        nanos = _offset_nanos(a) - _offset_nanos(b)
        # Duration.between for local times; ZonedTime.between (absolute) for zoned ones
        return dt.timedelta(microseconds=(abs(nanos) if kind == "ValTime" else nanos) // 1000)
    return None


_POINTS_IN_TIME = ("ValDate", "ValLocalDateTime", "ValDateTime", "ValLocalTime", "ValTime")


def subtract(a: object, b: object) -> object:
    """``a - b`` for temporal operands."""
    kind = val_class(a)
    try:
        if kind == val_class(b):
            return _difference(a, b)
        if isinstance(b, YearMonthDuration):
            return _plus(a, YearMonthDuration(-b.months))
        if isinstance(b, dt.timedelta) and kind in _POINTS_IN_TIME:
            return _plus(a, -b)
    except (OverflowError, ValueError):
        return None
    return None


def multiply(a: object, b: object) -> object:
    """``duration * number`` / ``number * duration``; the number is cut to a Java ``int``."""
    if isinstance(a, decimal.Decimal) and not isinstance(b, decimal.Decimal):
        a, b = b, a
    if not isinstance(b, decimal.Decimal) or isinstance(b, bool):
        return None
    factor = to_java_int(b)
    try:
        if isinstance(a, YearMonthDuration):
            return _checked_period(a.months * factor)
        if isinstance(a, dt.timedelta):
            return a * factor
    except OverflowError:
        return None
    return None


def divide(a: object, b: object) -> object:
    """``duration / number`` (whole ms / months) and ``duration / duration`` (a whole number)."""
    try:
        if isinstance(b, decimal.Decimal) and not isinstance(b, bool) and b != 0:
            if isinstance(a, YearMonthDuration):
                quotient = DECIMAL_CONTEXT.divide(decimal.Decimal(a.months), b)
                return _checked_period(to_java_int(quotient))
            if isinstance(a, dt.timedelta):
                quotient = DECIMAL_CONTEXT.divide(decimal.Decimal(_micros(a) // 1000), b)
                return dt.timedelta(milliseconds=to_java_int(quotient))
            return None
        if isinstance(a, YearMonthDuration) and isinstance(b, YearMonthDuration) and b.months:
            return decimal.Decimal(_java_div(a.months, b.months))
        if isinstance(a, dt.timedelta) and isinstance(b, dt.timedelta) and b:
            divisor = _micros(b) // 1000
            return None if divisor == 0 else decimal.Decimal(_java_div(_micros(a) // 1000, divisor))
    except (ArithmeticError, OverflowError):
        return None
    return None


def _java_div(a: int, b: int) -> int:
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def negate(a: object) -> object:
    """``-a`` of a temporal value: always null in 1.12 (unary minus only takes numbers)."""
    del a
    return None


def zone_id(tz: dt.tzinfo | None, when: dt.datetime | None = None) -> str:
    """Java's zone id: an IANA key, or the offset id (``Z``, ``+01:00``) of a fixed offset."""
    if isinstance(tz, ZoneInfo):
        return tz.key
    return offset_id(tz.utcoffset(when) if tz is not None else None)


def _datetime_key(v: dt.datetime) -> tuple[dt.datetime, dt.datetime, str]:
    return v.astimezone(UTC), v.replace(tzinfo=None), zone_id(v.tzinfo, v)


def _order_key(v: object) -> object:
    """What 1.12's ``compareTo`` orders a value by (within one value class)."""
    if isinstance(v, ZonedTime) or (isinstance(v, dt.time) and v.tzinfo is not None):
        return _offset_nanos(v)
    if isinstance(v, dt.datetime) and v.tzinfo is not None:
        return _datetime_key(v)
    if isinstance(v, YearMonthDuration):
        return v.months
    return v


_ORDERED = frozenset(_POINTS_IN_TIME + _DURATIONS)


def compare(a: object, b: object) -> int | None:
    """-1/0/1 for two values 1.12 can order (same value class), None otherwise."""
    kind = val_class(a)
    if kind != val_class(b) or kind not in _ORDERED:
        return None
    left, right = _order_key(a), _order_key(b)
    return int(left > right) - int(left < right)  # type: ignore[operator]


def equals(a: object, b: object) -> bool | None:
    """FEEL ``=`` of two temporal values; None when 1.12 fails (different value classes)."""
    kind = val_class(a)
    if kind != val_class(b):
        return None
    if isinstance(a, dt.datetime) and isinstance(b, dt.datetime) and kind == "ValDateTime":
        return _datetime_key(a)[1:] == _datetime_key(b)[1:] and a.utcoffset() == b.utcoffset()
    if kind == "ValTime":
        return _time_identity(a) == _time_identity(b)
    return a == b


def _time_identity(t: object) -> tuple[object, ...]:
    if isinstance(t, ZonedTime):
        return (t.time, t.offset, t.zone.key)
    assert isinstance(t, dt.time)
    return (t.replace(tzinfo=None), t.utcoffset(), None)


def _number(n: int) -> decimal.Decimal:
    return decimal.Decimal(n)


def _duration_property(d: dt.timedelta, name: str) -> object:
    seconds = _micros(d) // 1_000_000  # Java getSeconds(): floored
    parts = {"days": _java_div(seconds, 86400), "hours": _java_div(seconds, 3600), "minutes": _java_div(seconds, 60)}
    if name == "days":
        return _number(parts["days"])
    if name == "hours":
        return _number(_java_rem(parts["hours"], 24))
    if name == "minutes":
        return _number(_java_rem(parts["minutes"], 60))
    if name == "seconds":
        return _number(_java_rem(seconds, 60))
    return NO_PROPERTY


def _java_rem(a: int, b: int) -> int:
    return a - b * _java_div(a, b)


_DATE_FIELDS = {"year": "year", "month": "month", "day": "day"}
_TIME_FIELDS = {"hour": "hour", "minute": "minute", "second": "second"}


def get_property(v: object, name: str) -> object:
    """``v.name`` for a temporal ``v`` (1.12's property set); :data:`NO_PROPERTY` if absent."""
    kind = val_class(v)
    if kind == "ValYearMonthDuration":
        assert isinstance(v, YearMonthDuration)
        props = {"years": v.years_part, "months": v.months_part}
        return _number(props[name]) if name in props else NO_PROPERTY
    if kind == "ValDayTimeDuration":
        assert isinstance(v, dt.timedelta)
        return _duration_property(v, name)
    fields = dict(_DATE_FIELDS) if kind in ("ValDate", "ValLocalDateTime", "ValDateTime") else {}
    if kind != "ValDate":
        fields.update(_TIME_FIELDS)
    source = v.time if isinstance(v, ZonedTime) else v
    if name in fields:
        return _number(getattr(source, fields[name]))
    if kind == "ValDate" or name not in ("time offset", "timezone"):
        return NO_PROPERTY
    if kind in ("ValLocalTime", "ValLocalDateTime"):
        return None
    if name == "time offset":
        offset = v.offset if isinstance(v, ZonedTime) else getattr(source, "utcoffset", lambda: None)()
        return dt.timedelta(seconds=int(_micros(offset or dt.timedelta(0)) // 1_000_000))
    if isinstance(v, ZonedTime):
        return v.zone.key
    tz = getattr(v, "tzinfo", None)
    return tz.key if isinstance(tz, ZoneInfo) else None


_PROPERTY_SETS = {
    "ValDate": "date properies {year, month, day}",
    "ValTime": "time properies {hour, minute, second, time offset, timezone}",
    "ValLocalTime": "(local) time properies {hour, minute, second}",
    "ValDateTime": "date-time properies {year, month, day, hour, minute, second, time offset, timezone}",
    "ValLocalDateTime": "(local) date-time properies {year, month, day, hour, minute, second}",
    "ValYearMonthDuration": "duration properies {years, months}",
    "ValDayTimeDuration": "duration properies {days, hours, minutes, seconds}",
}


def missing_property_message(v: object, name: str) -> str:
    """1.12's failure text for an unknown property of a temporal value (typos included)."""
    return f"expected one of the {_PROPERTY_SETS[val_class(v)]} but fount '{name}'"
