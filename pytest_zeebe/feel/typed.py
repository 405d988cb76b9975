"""Typed evaluation for BPMN attributes, with Zeebe 0.26's result types and messages.

Zeebe's ``ExpressionProcessor`` evaluates an attribute and then checks the result type
(NULL, BOOLEAN, NUMBER, STRING, DURATION, PERIOD, DATE_TIME, ARRAY, OBJECT). Dates, times
without a date part and functions have no result type: Zeebe's ``getType`` is Java ``null``
there, which its messages print as ``'null'`` (lowercase, unlike the ``NULL`` of a FEEL null). A mismatch is an
incident with Zeebe's text, raised here as :class:`FeelResultTypeError`; a failed evaluation
raises :class:`FeelEvaluationError` unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .api import Expression, FeelEnv
from .convert import to_variable_value
from .errors import FeelResultTypeError
from .values import YearMonthDuration, to_java_long

Variables = Mapping[str, object] | None


def result_type(value: object) -> str:
    """Zeebe's ``ResultType`` of a FEEL value (``"null"`` when Zeebe has none)."""
    cls = type(value)
    if value is None:
        return "NULL"
    if cls is bool:
        return "BOOLEAN"
    if cls is Decimal:
        return "NUMBER"
    if cls is str:
        return "STRING"
    if cls is list:
        return "ARRAY"
    if cls is dict:
        return "OBJECT"
    if isinstance(value, datetime):
        return "DATE_TIME"
    if isinstance(value, timedelta):
        return "DURATION"
    if isinstance(value, YearMonthDuration):
        return "PERIOD"
    return "null"


def _typed(expr: Expression, variables: Variables, env: FeelEnv | None, expected: str) -> object:
    value = expr.evaluate(variables, env)
    actual = result_type(value)
    if actual != expected:
        raise FeelResultTypeError(
            f"Expected result of the expression '{expr.text}' to be '{expected}', but was '{actual}'."
        )
    return value


def evaluate_boolean(expr: Expression, variables: Variables = None, env: FeelEnv | None = None) -> bool:
    """A condition (exclusive gateway): BOOLEAN only; null is a type error."""
    return _typed(expr, variables, env, "BOOLEAN") is True


def evaluate_string(expr: Expression, variables: Variables = None, env: FeelEnv | None = None) -> str:
    """Job type, message name, called process id: STRING only."""
    value = _typed(expr, variables, env, "STRING")
    assert isinstance(value, str)
    return value


def evaluate_long(expr: Expression, variables: Variables = None, env: FeelEnv | None = None) -> int:
    """Job retries: NUMBER, truncated and wrapped to 64 bits like Java's ``longValue``."""
    value = _typed(expr, variables, env, "NUMBER")
    assert isinstance(value, Decimal)
    return to_java_long(value)


def evaluate_array(expr: Expression, variables: Variables = None, env: FeelEnv | None = None) -> list[object]:
    """Multi-instance input collection: ARRAY, items converted to variable values."""
    value = _typed(expr, variables, env, "ARRAY")
    assert isinstance(value, list)
    return [to_variable_value(item) for item in value]


def evaluate_object(expr: Expression, variables: Variables = None, env: FeelEnv | None = None) -> dict[str, object]:
    """Variable mappings (compiled to one context literal): OBJECT."""
    value = to_variable_value(_typed(expr, variables, env, "OBJECT"))
    assert isinstance(value, dict)
    return value


def evaluate_any(expr: Expression, variables: Variables = None, env: FeelEnv | None = None) -> object:
    """Multi-instance output element: any result, as a variable value."""
    return to_variable_value(expr.evaluate(variables, env))


def evaluate_correlation_key(expr: Expression, variables: Variables = None, env: FeelEnv | None = None) -> str:
    """A message correlation key: a STRING, or a NUMBER as ``Long.toString(longValue)``."""
    value = expr.evaluate(variables, env)
    kind = result_type(value)
    if kind == "STRING":
        assert isinstance(value, str)
        return value
    if kind == "NUMBER":
        assert isinstance(value, Decimal)
        return str(to_java_long(value))
    raise FeelResultTypeError(
        f"Failed to extract the correlation key for '{expr.text}': "
        f"The value must be either a string or a number, but was {kind}."
    )


# Zeebe's Interval.parse: an optional Period part (P..Y..M..W..D) and a Duration part (T..H..M..S).
_INTERVAL = re.compile(
    r"P(?:([-+]?\d+)Y)?(?:([-+]?\d+)M)?(?:([-+]?\d+)W)?(?:([-+]?\d+)D)?"
    r"(?:T(?:([-+]?\d+)H)?(?:([-+]?\d+)M)?(?:([-+]?\d+)(?:[.,](\d{0,9}))?S)?)?",
    re.IGNORECASE,
)


_INT = 1 << 31
_LONG = 1 << 63


def parse_interval(text: str) -> timedelta | YearMonthDuration | None:
    """Zeebe's ISO 8601 interval text as a duration, or None when it is not one.

    As Zeebe's ``Interval.parse``: a leading sign negates the whole interval (``-PT1H``), and the
    fields must fit Java's ``Period`` (ints) and ``Duration`` (long seconds) or the text is
    invalid. A text mixing years/months with days or time (``P1Y2D``) is valid in Zeebe but has no
    single FEEL type; it is refused (None) here.
    """
    negative = text.startswith("-")
    body = text[1:] if text[:1] in ("-", "+") else text
    match = _INTERVAL.fullmatch(body)
    if match is None or body.upper() in ("P", "PT") or body.upper().endswith("T"):
        return None
    years, months, weeks, days, hours, minutes, seconds, fraction = match.groups()
    y, mo, w, d = (int(field or 0) for field in (years, months, weeks, days))
    h, mi, sec = (int(field or 0) for field in (hours, minutes, seconds))
    if any(not -_INT <= field < _INT for field in (y, mo, w, d, w * 7, d + w * 7)):
        return None  # Period.parse: int fields, weeks folded into days with exact arithmetic
    if any(not -_LONG <= field < _LONG for field in (h * 3600, mi * 60, h * 3600 + mi * 60 + sec)):
        return None  # Duration.parse: long seconds, exact arithmetic
    sign = -1 if negative else 1
    month_total = sign * (y * 12 + mo)
    micros = int((fraction or "").ljust(6, "0")[:6] or 0)
    span = sign * timedelta(
        weeks=w,
        days=d,
        hours=h,
        minutes=mi,
        seconds=sec,
        microseconds=-micros if (seconds or "").startswith("-") else micros,
    )
    if month_total and span:
        return None
    if years is not None or months is not None:
        if span:
            return None
        return YearMonthDuration(month_total)
    return span


def evaluate_interval(
    expr: Expression, variables: Variables = None, env: FeelEnv | None = None
) -> timedelta | YearMonthDuration:
    """Timer duration/cycle interval: DURATION, PERIOD, or a STRING in ISO 8601."""
    value = expr.evaluate(variables, env)
    kind = result_type(value)
    if isinstance(value, (timedelta, YearMonthDuration)):
        return value
    if isinstance(value, str):
        try:
            parsed = parse_interval(value)
        except (OverflowError, ValueError):
            parsed = None
        if parsed is None:
            raise FeelResultTypeError(f"Invalid duration format '{value}' for expression '{expr.text}'")
        return parsed
    raise FeelResultTypeError(
        f"Expected result of the expression '{expr.text}' to be one of '[DURATION, PERIOD, STRING]', but was '{kind}'"
    )


_ZONED = re.compile(
    r"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)"
    r"(Z|[+-]\d{2}:\d{2}(?::\d{2})?)(?:\[([^\]]+)\])?"
)


def parse_zoned_date_time(text: str) -> datetime | None:
    """Java's ``ZonedDateTime.parse`` (ISO offset date-time, optional ``[zone]``), or None."""
    match = _ZONED.fullmatch(text)
    if match is None:
        return None
    local, offset_text, zone_id = match.groups()
    whole, _, fraction = local.partition(".")
    try:
        moment = datetime.fromisoformat(whole)
        moment = moment.replace(microsecond=int(fraction.ljust(6, "0")[:6]) if fraction else 0)
        if offset_text == "Z":
            offset = timedelta(0)
        else:
            sign = -1 if offset_text[0] == "-" else 1
            parts = [int(p) for p in offset_text[1:].split(":")]
            offset = sign * timedelta(hours=parts[0], minutes=parts[1], seconds=parts[2] if len(parts) > 2 else 0)
        aware = moment.replace(tzinfo=timezone(offset))
        if zone_id is None:
            return aware
        return aware.astimezone(ZoneInfo(zone_id))
    except (ValueError, ZoneInfoNotFoundError):
        return None


def evaluate_date_time(expr: Expression, variables: Variables = None, env: FeelEnv | None = None) -> datetime:
    """Timer date: DATE_TIME (a local date-time is taken in the engine's zone) or a STRING."""
    value = expr.evaluate(variables, env)
    if isinstance(value, datetime):
        if value.tzinfo is None:
            zone = env.now().tzinfo if env is not None else None
            return value.replace(tzinfo=zone or UTC)
        return value
    if isinstance(value, str):
        parsed = parse_zoned_date_time(value)
        if parsed is None:
            raise FeelResultTypeError(f"Invalid date-time format '{value}' for expression '{expr.text}'")
        return parsed
    raise FeelResultTypeError(
        f"Expected result of the expression '{expr.text}' to be one of "
        f"'[DATE_TIME, STRING]', but was '{result_type(value)}'"
    )
