"""How FEEL values are represented in Python, and how feel-scala 1.12 names and prints them.

The representation is the one in the package contract: ``None`` (null), ``bool``, ``Decimal``
(number), ``str``, ``list``, ``dict`` (context), ``datetime.date``, ``datetime.time`` (naive:
local time; aware with a fixed ``timezone``: offset time), :class:`ZonedTime` (time with a zone
id), ``datetime.datetime`` (naive: local; aware: offset or ``ZoneInfo`` zone), ``timedelta``
(day-time duration) and :class:`YearMonthDuration`.

feel-scala keeps ten distinct value classes (``ValLocalTime`` and ``ValTime`` are different, as
are ``ValLocalDateTime`` and ``ValDateTime``), and comparisons and built-ins only accept two
values of the same class; :func:`val_class` recovers that class from the Python value, so every
caller decides "same type?" the way 1.12 does. ``bool`` is a subclass of ``int`` and ``datetime``
a subclass of ``date`` in Python, so type tests here always check the narrower type first.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
from dataclasses import dataclass
from zoneinfo import ZoneInfo

#: feel-scala computes with Scala's ``BigDecimal`` under DECIMAL128 (34 digits, half-even).
#: The exponent bounds are DECIMAL128's; trapping overflow keeps ``10 ** 999999999`` from
#: allocating gigabytes (the caller turns the ``ArithmeticError`` into null).
DECIMAL_CONTEXT = decimal.Context(
    prec=34,
    rounding=decimal.ROUND_HALF_EVEN,
    Emax=6144,
    Emin=-6143,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)


@dataclass(frozen=True, slots=True)
class YearMonthDuration:
    """A year-month duration (Java ``Period`` without days), kept as total months."""

    months: int

    @property
    def years_part(self) -> int:
        """Whole years, truncated towards zero as ``Period.normalized`` does."""
        whole = abs(self.months) // 12
        return whole if self.months >= 0 else -whole

    @property
    def months_part(self) -> int:
        """Months left after the whole years, with the sign of the duration."""
        return self.months - 12 * self.years_part


@dataclass(frozen=True, slots=True)
class ZonedTime:
    """A time of day with a zone id (``10:00:00@Europe/Paris``).

    ``time`` is naive; ``offset`` is the offset 1.12 attaches (the zone's standard offset
    when parsed, the actual offset when taken from a date-time). Equality is 1.12's: same local
    time, offset and zone.
    """

    time: dt.time
    offset: dt.timedelta
    zone: ZoneInfo


def to_java_int(n: decimal.Decimal) -> int:
    """Java ``BigDecimal.intValue()``: drop the fraction, keep the low 32 bits (it wraps).

    1.12 passes numbers through ``intValue`` wherever Java wants an ``int`` (substring
    positions, duration factors, rounding scales), so FEEL users see the same truncation.
    Works on the digits, so ``1E+999999999`` costs no more than ``1``.
    """
    return _java_integer(n, 32)


def to_java_long(n: decimal.Decimal) -> int:
    """Java ``BigDecimal.longValue()``: drop the fraction, keep the low 64 bits (it wraps).

    Zeebe reads numeric results this way: job retries, a numeric correlation key
    (``Long.toString(longValue)``) and whole numbers written back to variables.
    """
    return _java_integer(n, 64)


def _java_integer(n: decimal.Decimal, bits: int) -> int:
    if not n.is_finite():
        return 0
    size = 1 << bits
    sign, digits, exponent = n.as_tuple()
    assert isinstance(exponent, int)
    if exponent >= 0:
        whole = int("".join(map(str, digits))) * pow(10, exponent, size)
    else:
        kept = digits[: max(len(digits) + exponent, 0)]
        whole = int("".join(map(str, kept)) or "0")
    low = (-whole if sign else whole) % size
    return low - size if low >= size >> 1 else low


def decimal_from_float(f: float) -> decimal.Decimal | None:
    """A Java ``double`` as 1.12 turns it into a number (``BigDecimal(Double.toString(d))``).

    ``sqrt``, ``log``, ``exp`` and ``stddev`` compute in doubles, so ``sqrt(16)`` is ``4.0``
    and ``exp(20)`` is ``4.851651954097903E+8``, scale and all. NaN and infinities give None
    (null): 1.12 throws there, and the contract turns that into null.
    """
    if not math.isfinite(f):
        return None
    if f == 0.0:
        return decimal.Decimal("0.0")
    magnitude = abs(f)
    if 1e-3 <= magnitude < 1e7:
        return decimal.Decimal(repr(f))
    sign, digits, exponent = decimal.Decimal(repr(f)).normalize().as_tuple()
    assert isinstance(exponent, int)
    text = "".join(str(d) for d in digits)
    scientific = len(text) - 1 + exponent
    mantissa = text[0] + "." + (text[1:] or "0")
    return decimal.Decimal(f"{'-' if sign else ''}{mantissa}E{scientific}")


def java_number_text(n: decimal.Decimal) -> str:
    """Java ``BigDecimal.toString()``: Python's scientific string, minus the negative zero.

    Both follow the General Decimal Arithmetic to-scientific-string rule (``1E+3``, ``1.0``,
    ``1E-7``); only ``Decimal`` has a signed zero (``0 * -1`` is ``-0``), which Java prints ``0``.
    """
    return str(n.copy_abs() if n.is_zero() else n)


def val_class(v: object) -> str:
    """The name of the feel-scala 1.12 value class ``v`` belongs to (``ValNumber`` ...)."""
    if v is None:
        return "ValNull"
    if isinstance(v, bool):
        return "ValBoolean"
    if isinstance(v, decimal.Decimal):
        return "ValNumber"
    if isinstance(v, str):
        return "ValString"
    if isinstance(v, dt.datetime):
        return "ValLocalDateTime" if v.tzinfo is None else "ValDateTime"
    if isinstance(v, dt.date):
        return "ValDate"
    if isinstance(v, dt.time):
        return "ValLocalTime" if v.tzinfo is None else "ValTime"
    if isinstance(v, ZonedTime):
        return "ValTime"
    if isinstance(v, dt.timedelta):
        return "ValDayTimeDuration"
    if isinstance(v, YearMonthDuration):
        return "ValYearMonthDuration"
    if isinstance(v, list):
        return "ValList"
    if isinstance(v, dict):
        return "ValContext"
    if isinstance(getattr(v, "cause", None), str):  # ops.ErrVal: a failed item kept inside a list
        return "ValError"
    return "ValFunction"


_TYPE_NAMES = {
    "ValNull": "null",
    "ValBoolean": "boolean",
    "ValNumber": "number",
    "ValString": "string",
    "ValDate": "date",
    "ValLocalTime": "time",
    "ValTime": "time",
    "ValLocalDateTime": "date time",
    "ValDateTime": "date time",
    "ValDayTimeDuration": "day-time-duration",
    "ValYearMonthDuration": "year-month-duration",
    "ValList": "list",
    "ValContext": "context",
    "ValFunction": "function",
}


def feel_type_name(v: object) -> str:
    """The type name ``instance of`` tests against, as 1.12's interpreter names it."""
    return _TYPE_NAMES.get(val_class(v), "function")


_TEMPORAL_CLASSES = frozenset(
    {
        "ValDate",
        "ValLocalTime",
        "ValTime",
        "ValLocalDateTime",
        "ValDateTime",
        "ValDayTimeDuration",
        "ValYearMonthDuration",
    }
)


def is_temporal(v: object) -> bool:
    """True for dates, times, date-times and both kinds of duration."""
    return val_class(v) in _TEMPORAL_CLASSES


def describe(v: object) -> str:
    """Print ``v`` the way 1.12 prints a value inside a failure message.

    These are Scala case-class ``toString``s over Java's ``toString``s (``ValNumber(10)``,
    ``ValString(bar)``, ``ValDayTimeDuration(PT1H)``, ``ValLocalTime(10:00)``). A context
    prints as ``ValContext(Map(a -> ValNumber(1)))``: 1.12 prints an object identity there,
    which no test could match, so we print the entries instead.
    """
    # temporal formatting lives with the temporal types; imported late to avoid a cycle
    from pytest_zeebe.feel import temporal_text

    kind = val_class(v)
    if kind == "ValNull":
        return "ValNull"
    if kind == "ValBoolean":
        return f"ValBoolean({'true' if v else 'false'})"
    if isinstance(v, decimal.Decimal):
        return f"ValNumber({java_number_text(v)})"
    if kind == "ValString":
        return f"ValString({v})"
    if kind == "ValList":
        assert isinstance(v, list)
        return f"ValList(List({', '.join(describe(x) for x in v)}))"
    if kind == "ValContext":
        assert isinstance(v, dict)
        entries = ", ".join(f"{k} -> {describe(x)}" for k, x in v.items())
        return f"ValContext(Map({entries}))"
    if kind == "ValError":
        return f"ValError({getattr(v, 'cause', '')})"
    if kind == "ValFunction":
        params = ", ".join(str(p) for p in getattr(v, "params", ()))
        return f"ValFunction(List({params}),<function>,false)"
    return f"{kind}({temporal_text.java_to_string(v)})"
