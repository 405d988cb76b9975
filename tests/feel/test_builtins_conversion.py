"""Conversion built-ins (``date``, ``time``, ``date and time``, ``number``, ``string``, durations).

Expected values are feel-scala 1.12.4's, read from ``ConversionBuiltinFunctions.scala`` and the
``java.time`` formatters in ``org/camunda/feel/package.scala``: SMART resolution clamps
``2021-02-30`` to the month's last day, ``time(date)`` is midnight UTC, ``time(h, m, s, null)``
drops the fraction, ``string(duration("P1D"))`` is Java's ``PT24H``, and a bad separator given
to ``number`` fails instead of answering null.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from pytest_zeebe.feel.values import YearMonthDuration, ZonedTime
from tests.feel.test_builtins_support import D, Fails, check

PARIS = ZoneInfo("Europe/Paris")
PLUS_ONE = dt.timezone(dt.timedelta(hours=1))

CASES = [
    # date
    ('date("2020-04-06")', dt.date(2020, 4, 6)),
    ('date("2021-02-30")', dt.date(2021, 2, 28)),
    ('date("2020-02-31")', dt.date(2020, 2, 29)),
    ('date("2021-02-32")', None),
    ('date("2020-4-6")', None),
    ('date("2020-13-01")', None),
    ("date(2020, 4, 6)", dt.date(2020, 4, 6)),
    ("date(2021, 2, 30)", None),
    ('date(date and time("2020-04-06T23:30:00@Europe/Paris"))', dt.date(2020, 4, 6)),
    ('date(date and time("2020-04-06T23:30:00"))', dt.date(2020, 4, 6)),
    ('date(from: "2020-04-06")', dt.date(2020, 4, 6)),
    ("date(year: 2020, month: 1, day: 2)", dt.date(2020, 1, 2)),
    ("date(1)", None),
    # date and time
    ('date and time("2020-04-06T15:30:00@UTC")', dt.datetime(2020, 4, 6, 15, 30, tzinfo=ZoneInfo("UTC"))),
    ('date and time("2020-04-06T15:30:00Z")', dt.datetime(2020, 4, 6, 15, 30, tzinfo=dt.UTC)),
    ('date and time("2020-04-06T15:30:00+01:00")', dt.datetime(2020, 4, 6, 15, 30, tzinfo=PLUS_ONE)),
    ('date and time("2020-04-06T15:30")', dt.datetime(2020, 4, 6, 15, 30)),
    ('date and time("2020-04-06")', dt.datetime(2020, 4, 6)),
    ('date and time("2020-04-06T24:00:00")', dt.datetime(2020, 4, 7)),
    ('date and time("2020-04-06T25:00:00")', None),
    ('date and time("2020-04-06 15:30:00")', None),
    ('date and time("2020-04-06T15:30:00@Mars/Olympus")', None),
    ('date and time(date("2020-04-06"), time("10:00:00+01:00"))', dt.datetime(2020, 4, 6, 10, tzinfo=PLUS_ONE)),
    ('date and time(date("2020-04-06"), time("10:00:00@Europe/Paris"))', dt.datetime(2020, 4, 6, 10, tzinfo=PARIS)),
    ('date and time(date: date("2020-04-06"), time: time("10:00:00"))', dt.datetime(2020, 4, 6, 10)),
    ('date and time(date and time("2020-04-06T08:00:00Z"), time("10:00:00"))', dt.datetime(2020, 4, 6, 10)),
    ('date and time(1, time("10:00:00"))', None),
    ("date and time(1)", None),
    # time
    ('time("10:30:00")', dt.time(10, 30)),
    ('time("10:30")', dt.time(10, 30)),
    ('time("T10:30:00.25")', dt.time(10, 30, 0, 250000)),
    ('time("10:30:00Z")', dt.time(10, 30, tzinfo=dt.UTC)),
    ('time("10:30:00+01:00")', dt.time(10, 30, tzinfo=PLUS_ONE)),
    ('time("10:30:00@Europe/Paris")', ZonedTime(dt.time(10, 30), dt.timedelta(hours=1), PARIS)),
    ('time("10:30Z")', None),
    ('time("25:00:00")', None),
    ("time(10, 30, 15.5)", dt.time(10, 30, 15, 500000)),
    ('time(10, 30, 0, duration("PT1H"))', dt.time(10, 30, tzinfo=PLUS_ONE)),
    ('time(10, 30, 0, duration("PT0S"))', dt.time(10, 30, tzinfo=dt.UTC)),
    ("time(10, 30, 15.5, null)", dt.time(10, 30, 15)),
    ('time(10, 30, 0, duration("PT19H"))', None),
    ("time(25, 0, 0)", None),
    ("time(hour: 1, minute: 2, second: 3)", dt.time(1, 2, 3)),
    ('time(date("2020-01-01"))', dt.time(0, tzinfo=dt.UTC)),
    ('time(date and time("2020-01-01T10:00:00+01:00"))', dt.time(10, tzinfo=PLUS_ONE)),
    ('time(date and time("2020-07-01T10:00:00@Europe/Paris"))', ZonedTime(dt.time(10), dt.timedelta(hours=2), PARIS)),
    ('time(date and time("2020-07-01T10:00:00"))', dt.time(10)),
    ("time(true)", None),
    # number
    ('number("1500.5")', D("1500.5")),
    ('number("-.5")', D("-0.5")),
    ('number("1e3")', D("1E+3")),
    ('number("abc")', None),
    ('number(" 1")', None),
    ('number("1 000", " ")', D("1000")),
    ('number("1.000.000,5", ".", ",")', D("1000000.5")),
    ('number(from: "1,000", grouping separator: ",")', D("1000")),
    ('number("1,000", "x")', Fails("illegal argument for grouping. Must be one of ' ', ',' or '.'")),
    ('number("1", ".", ".")', Fails("illegal arguments for grouping or decimal")),
    ("number(12)", None),
    # string
    ("string(1.0)", "1.0"),
    ("string(1 / 3)", "0.3333333333333333333333333333333333"),
    ("string(1000 * 1000)", "1000000"),
    ("string(0 * -1)", "0"),
    ("string(0.0000001)", "1E-7"),
    ("string(true)", "true"),
    ('string("a")', "a"),
    ('string(date("2020-01-01"))', "2020-01-01"),
    ('string(time("10:00"))', "10:00:00"),
    ('string(time("10:00:00.500+01:00"))', "10:00:00.5+01:00"),
    ('string(time("10:00:00@Europe/Paris"))', "10:00:00@Europe/Paris"),
    ('string(date and time("2020-04-06T15:30"))', "2020-04-06T15:30:00"),
    ('string(date and time("2020-04-06T15:30:00@UTC"))', "2020-04-06T15:30:00@UTC"),
    ('string(date and time("2020-04-06T15:30:00Z"))', "2020-04-06T15:30:00Z"),
    ('string(date and time("2020-04-06T15:30:00-05:00"))', "2020-04-06T15:30:00-05:00"),
    ('string(duration("P1D"))', "PT24H"),
    ('string(duration("P14M"))', "P1Y2M"),
    ("string(from: 5)", "5"),
    ("string(null)", None),
    ("string([1])", None),
    ("string({a: 1})", None),
    # duration, years and months duration
    ('duration("P2DT3H")', dt.timedelta(days=2, hours=3)),
    ('duration("PT1.5S")', dt.timedelta(seconds=1.5)),
    ('duration("-PT90M")', dt.timedelta(minutes=-90)),
    ('duration("P1Y")', YearMonthDuration(12)),
    ('duration("-P1Y2M")', YearMonthDuration(-14)),
    ('duration("P1Y2D")', None),
    ('duration("P1W")', None),
    ('duration("pt1h")', None),
    ("duration(5)", None),
    ('years and months duration(date("2011-12-22"), date("2013-08-24"))', YearMonthDuration(20)),
    ('years and months duration(date("2013-08-24"), date("2011-12-22"))', YearMonthDuration(-20)),
    ('years and months duration(date("2020-01-31"), date("2020-02-29"))', YearMonthDuration(0)),
    (
        'years and months duration(from: date and time("2020-01-01T10:00:00Z"), to: date("2021-03-01"))',
        YearMonthDuration(14),
    ),
    ('years and months duration(date("2020-01-01"), "2021-01-01")', None),
]


@pytest.mark.parametrize(("expression", "expected"), CASES)
def test_conversion(expression: str, expected: object) -> None:
    check(expression, expected)
