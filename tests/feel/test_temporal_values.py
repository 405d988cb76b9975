"""Temporal parsing, printing, properties and comparison, plus the value helpers' contracts.

Expected values are feel-scala 1.12.4's: properties from ``FeelInterpreter.path`` (dates have
only ``year``/``month``/``day``; local values answer null for ``time offset``/``timezone``);
comparison from ``Val.compare`` (same value class only) and equality from the Java objects'
``equals`` (a ``ZonedDateTime`` equals another only with the same local time, offset and zone,
while ``<`` orders by instant first); printing from Java's ``toString``s.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from pytest_zeebe.feel import temporal
from pytest_zeebe.feel.values import (
    YearMonthDuration,
    ZonedTime,
    decimal_from_float,
    describe,
    feel_type_name,
    is_temporal,
    to_java_int,
)
from tests.feel.test_builtins_support import D, Fails, check

PROPERTIES: list[tuple[str, object]] = [
    ('date("2020-04-06").year', D("2020")),
    ('date("2020-04-06").month', D("4")),
    ('date("2020-04-06").day', D("6")),
    ('date("2020-04-06").hour', Fails("expected one of the date properies {year, month, day} but fount 'hour'")),
    ('date("2020-04-06").weekday', Fails("fount 'weekday'")),
    ('date and time("2020-04-06T15:30:45@Europe/Paris").hour', D("15")),
    ('date and time("2020-04-06T15:30:45@Europe/Paris").minute', D("30")),
    ('date and time("2020-04-06T15:30:45@Europe/Paris").second', D("45")),
    ('date and time("2020-04-06T15:30:45@Europe/Paris").time offset', dt.timedelta(hours=2)),
    ('date and time("2020-04-06T15:30:45@Europe/Paris").timezone', "Europe/Paris"),
    ('date and time("2020-04-06T15:30:45-05:00").timezone', None),
    ('date and time("2020-04-06T15:30:45-05:00").time offset', dt.timedelta(hours=-5)),
    ('date and time("2020-04-06T15:30:45").time offset', None),
    ('date and time("2020-04-06T15:30:45").year', D("2020")),
    ('time("10:20:30").hour', D("10")),
    ('time("10:20:30").timezone', None),
    ('time("10:20:30@Europe/Paris").timezone', "Europe/Paris"),
    ('time("10:20:30+01:00").time offset', dt.timedelta(hours=1)),
    ('time("10:20:30").year', Fails("expected one of the (local) time properies {hour, minute, second}")),
    ('duration("P1Y2M").years', D("1")),
    ('duration("P1Y2M").months', D("2")),
    ('duration("P14M").years', D("1")),
    ('duration("-P14M").months', D("-2")),
    ('duration("P2DT3H4M5S").days', D("2")),
    ('duration("P2DT3H4M5S").hours', D("3")),
    ('duration("P2DT3H4M5S").minutes', D("4")),
    ('duration("P2DT3H4M5S").seconds', D("5")),
    ('duration("PT49H").days', D("2")),
    ('duration("PT49H").hours', D("1")),
    ('duration("-PT90M").hours', D("-1")),
    ('duration("-PT90M").minutes', D("-30")),
    ('duration("PT1H").years', Fails("expected one of the duration properies {days, hours, minutes, seconds}")),
]

COMPARISONS: list[tuple[str, object]] = [
    ('date("2020-01-01") < date("2020-01-02")', True),
    ('date("2020-01-01") = date("2020-01-01")', True),
    ('duration("PT1H") > duration("PT59M")', True),
    ('duration("P1D") = duration("PT24H")', True),
    ('duration("P1Y") = duration("P12M")', True),
    ('duration("P1Y") > duration("P11M")', True),
    ('time("10:00:00") < time("11:00:00")', True),
    ('time("10:00:00Z") = time("10:00:00Z")', True),
    ('time("10:00:00+01:00") < time("10:00:00Z")', True),
    ('time("10:00:00+01:00") = time("09:00:00Z")', False),
    ('date and time("2020-01-01T10:00:00Z") < date and time("2020-01-01T10:00:01Z")', True),
    ('date and time("2020-01-01T10:00:00Z") = date and time("2020-01-01T11:00:00+01:00")', False),
    ('date and time("2020-01-01T10:00:00Z") < date and time("2020-01-01T11:00:00+01:00")', True),
    ('date and time("2020-01-01T10:00:00@Europe/Paris") = date and time("2020-01-01T10:00:00+01:00")', False),
    ('date and time("2020-01-01T10:00:00@Europe/Paris") = date and time("2020-01-01T10:00:00@Europe/Paris")', True),
    ('date and time("2020-01-01T10:00:00") > date and time("2019-12-31T23:00:00")', True),
    ('date("2020-01-01") = date and time("2020-01-01T00:00:00")', Fails("expected Date")),
    ('date("2020-01-01") < time("10:00:00")', Fails("can not be compared")),
    ('time("10:00:00") < time("10:00:00Z")', Fails("can not be compared")),
    ('date and time("2020-01-01T10:00:00") < date and time("2020-01-01T10:00:00Z")', Fails("can not be compared")),
    ('date("2020-01-02") between date("2020-01-01") and date("2020-01-03")', True),
    ('duration("PT2H") in [duration("PT1H")..duration("PT3H")]', True),
]

PARSING_AND_PRINTING: list[tuple[str, object]] = [
    ('string(date and time("2020-04-06T15:30:00.500+01:00"))', "2020-04-06T15:30:00.5+01:00"),
    ('string(date and time("2020-03-29T02:30:00@Europe/Berlin"))', "2020-03-29T03:30:00@Europe/Berlin"),
    ('string(date and time("2020-04-06T15:30:00+00:00"))', "2020-04-06T15:30:00Z"),
    ('string(time("10:30"))', "10:30:00"),
    ('string(time("10:30:00.120"))', "10:30:00.12"),
    ('string(duration("PT0S"))', "PT0S"),
    ('string(duration("-PT0.5S"))', "PT-0.5S"),
    ('string(duration("-PT1H30M"))', "PT-1H-30M"),
    ('string(duration("PT1,5S"))', "PT1.5S"),
    ('string(duration("P1DT0.25S"))', "PT24H0.25S"),
    ('string(duration("P0M"))', "P0D"),
    ('string(duration("-P14M"))', "P-1Y-2M"),
    ('string(duration("P25M"))', "P2Y1M"),
    ('duration("PT")', None),
    ('duration("P")', None),
    ('duration("P1DT")', None),
    ('duration("PT1.1234567891S")', None),
    ('date("10000-01-01")', None),
    ('time("10:00:00@Mars/Olympus")', None),
    ('date and time("2020-01-01T10:00:00@localtime")', None),
    ('string(date and time("2020-01-01T10:00:00@US/Eastern"))', "2020-01-01T10:00:00@US/Eastern"),
    ('date and time("2020-01-01T10:00:00+19:00")', None),
]


@pytest.mark.parametrize(("expression", "expected"), PROPERTIES + COMPARISONS + PARSING_AND_PRINTING)
def test_temporal_value(expression: str, expected: object) -> None:
    check(expression, expected)


PARIS = ZoneInfo("Europe/Paris")


@pytest.mark.parametrize(
    ("value", "type_name", "description"),
    [
        (None, "null", "ValNull"),
        (True, "boolean", "ValBoolean(true)"),
        (Decimal("10"), "number", "ValNumber(10)"),
        (Decimal("1.50"), "number", "ValNumber(1.50)"),
        ("bar", "string", "ValString(bar)"),
        (dt.date(2020, 1, 2), "date", "ValDate(2020-01-02)"),
        (dt.time(10, 0), "time", "ValLocalTime(10:00)"),
        (dt.time(10, 0, 5, 250000), "time", "ValLocalTime(10:00:05.250)"),
        (dt.time(10, 0, tzinfo=dt.UTC), "time", "ValTime(ZonedTime(10:00,Z,None))"),
        (
            ZonedTime(dt.time(10), dt.timedelta(hours=1), PARIS),
            "time",
            "ValTime(ZonedTime(10:00,+01:00,Some(Europe/Paris)))",
        ),
        (dt.datetime(2020, 1, 2, 3, 4), "date time", "ValLocalDateTime(2020-01-02T03:04)"),
        (dt.datetime(2020, 1, 2, 3, 4, tzinfo=PARIS), "date time", "ValDateTime(2020-01-02T03:04+01:00[Europe/Paris])"),
        (dt.timedelta(hours=1), "day-time-duration", "ValDayTimeDuration(PT1H)"),
        (YearMonthDuration(14), "year-month-duration", "ValYearMonthDuration(P1Y2M)"),
        ([Decimal(1), "a"], "list", "ValList(List(ValNumber(1), ValString(a)))"),
        ({"a": Decimal(1)}, "context", "ValContext(Map(a -> ValNumber(1)))"),
    ],
)
def test_type_names_and_descriptions(value: object, type_name: str, description: str) -> None:
    """``instance of`` names and the ``Val...`` texts 1.12 puts into failure messages."""
    assert feel_type_name(value) == type_name
    assert describe(value) == description
    assert is_temporal(value) == (type_name in {"date", "time", "date time"} or "duration" in type_name)


@pytest.mark.parametrize(
    ("number", "java_int"),
    [(Decimal("1.9"), 1), (Decimal("-1.9"), -1), (Decimal(2**31), -(2**31)), (Decimal(2**32 + 5), 5)],
)
def test_to_java_int_truncates_and_wraps(number: Decimal, java_int: int) -> None:
    """``BigDecimal.intValue()``: fraction dropped, low 32 bits kept."""
    assert to_java_int(number) == java_int


@pytest.mark.parametrize(
    ("value", "printed"),
    [(4.0, "4.0"), (1e7, "1.0E+7"), (0.001, "0.001"), (1.5e-4, "0.00015"), (-2.5e10, "-2.5E+10"), (0.0, "0.0")],
)
def test_decimal_from_float_follows_double_to_string(value: float, printed: str) -> None:
    """``BigDecimal(Double.toString(d))`` keeps Java's scale, which ``string()`` then shows."""
    assert str(decimal_from_float(value)) == printed


def test_non_finite_doubles_are_null() -> None:
    assert decimal_from_float(float("inf")) is None
    assert decimal_from_float(float("nan")) is None


def test_direct_api_rejects_incompatible_operands() -> None:
    """The operations the evaluator calls answer None / NO_PROPERTY rather than raising."""
    assert temporal.compare(dt.date(2020, 1, 1), Decimal(1)) is None
    assert temporal.equals(dt.time(10), dt.time(10, tzinfo=dt.UTC)) is None
    assert temporal.get_property(dt.date(2020, 1, 1), "hour") is temporal.NO_PROPERTY
    assert temporal.negate(dt.timedelta(hours=1)) is None
    assert temporal.multiply(dt.timedelta(days=999_999_999), Decimal(2)) is None
    assert temporal.add(dt.date(9999, 12, 31), YearMonthDuration(1)) is None
