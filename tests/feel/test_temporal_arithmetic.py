"""Temporal arithmetic through the public API, with feel-scala 1.12.4's results.

Read from ``FeelInterpreter.scala`` (``addOp``/``subOp``/``mulOp``/``divOp``) and
``ZonedTime.scala``. Quirks kept on purpose because real Zeebe 0.26 shows them:
``duration * 1.5`` multiplies by 1 (``intValue``), ``duration / n`` works in whole milliseconds,
``duration / duration`` is a whole number, ``time - time`` with offsets is the *absolute*
difference, ``-duration(...)`` is null, and a day-time duration added to a zoned date-time moves
the instant (so ``PT24H`` across the spring DST change lands an hour later on the wall clock).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from pytest_zeebe.feel.values import YearMonthDuration, ZonedTime
from tests.feel.test_builtins_support import D, check

BERLIN = ZoneInfo("Europe/Berlin")
UTC_ZONE = ZoneInfo("UTC")

CASES = [
    # date +/- durations
    ('date("2020-01-31") + duration("P1M")', dt.date(2020, 2, 29)),
    ('duration("P1Y") + date("2020-02-29")', dt.date(2021, 2, 28)),
    ('date("2020-01-01") + duration("PT25H")', dt.date(2020, 1, 2)),
    ('duration("P2D") + date("2020-01-01")', dt.date(2020, 1, 3)),
    ('date("2020-01-01") - duration("PT1H")', dt.date(2019, 12, 31)),
    ('date("2020-03-31") - duration("P1M")', dt.date(2020, 2, 29)),
    ('date("2020-03-01") - date("2020-01-01")', dt.timedelta(days=60)),
    ('date("2020-01-01") - date("2020-01-02")', dt.timedelta(days=-1)),
    ('date("9999-12-31") + duration("P1D")', None),
    # local date-time
    ('date and time("2020-01-31T10:00:00") + duration("P1M")', dt.datetime(2020, 2, 29, 10)),
    ('date and time("2020-01-01T10:00:00") + duration("PT14H")', dt.datetime(2020, 1, 2, 0)),
    ('date and time("2020-01-02T10:00:00") - date and time("2020-01-01T08:00:00")', dt.timedelta(hours=26)),
    ('string(date and time("2020-01-02T10:00:00") - date and time("2020-01-01T08:00:00"))', "PT26H"),
    ('date and time("2020-01-01T10:00:00") - duration("P1Y")', dt.datetime(2019, 1, 1, 10)),
    # zoned date-time
    (
        'date and time("2020-04-06T15:30:00@UTC") + duration("P1D")',
        dt.datetime(2020, 4, 7, 15, 30, tzinfo=UTC_ZONE),
    ),
    (
        'date and time("2020-03-28T12:00:00@Europe/Berlin") + duration("PT24H")',
        dt.datetime(2020, 3, 29, 13, 0, tzinfo=BERLIN),
    ),
    (
        'date and time("2020-03-28T12:00:00@Europe/Berlin") + duration("P1M")',
        dt.datetime(2020, 4, 28, 12, 0, tzinfo=BERLIN),
    ),
    (
        'string(date and time("2020-10-25T01:30:00@Europe/Berlin") + duration("PT1H"))',
        "2020-10-25T02:30:00@Europe/Berlin",
    ),
    # a year-month duration keeps the offset inside the autumn overlap (ZonedDateTime.ofLocal)
    ('(date and time("2020-09-25T02:30:00@Europe/Berlin") + duration("P1M")).time offset', dt.timedelta(hours=2)),
    ('(date and time("2020-11-25T02:30:00@Europe/Berlin") - duration("P1M")).time offset', dt.timedelta(hours=1)),
    # ... and skips forward over the spring gap
    (
        'string(date and time("2020-02-29T02:30:00@Europe/Berlin") + duration("P1M"))',
        "2020-03-29T03:30:00@Europe/Berlin",
    ),
    (
        'date and time("2020-01-01T10:00:00+02:00") - duration("PT3H")',
        dt.datetime(2020, 1, 1, 7, tzinfo=dt.timezone(dt.timedelta(hours=2))),
    ),
    ('date and time("2020-01-01T10:00:00Z") - date and time("2020-01-01T10:00:00+01:00")', dt.timedelta(hours=1)),
    (
        'date and time("2020-03-30T00:00:00@Europe/Berlin") - date and time("2020-03-29T00:00:00@Europe/Berlin")',
        dt.timedelta(hours=23),
    ),
    ('date and time("2020-01-01T10:00:00Z") - date and time("2020-01-01T10:00:00")', None),
    ('date and time("2020-01-01T10:00:00Z") - date("2020-01-01")', None),
    # times
    ('time("10:00:00") + duration("PT15H")', dt.time(1)),
    ('duration("PT30M") + time("23:45:00")', dt.time(0, 15)),
    ('time("10:00:00") - duration("PT11H")', dt.time(23)),
    ('time("10:00:00") - time("12:00:00")', dt.timedelta(hours=-2)),
    ('time("10:00:00Z") - time("12:00:00Z")', dt.timedelta(hours=2)),
    ('time("10:00:00+01:00") - time("10:00:00Z")', dt.timedelta(hours=1)),
    (
        'time("10:00:00@Europe/Paris") + duration("PT1H")',
        ZonedTime(dt.time(11), dt.timedelta(hours=1), ZoneInfo("Europe/Paris")),
    ),
    ('time("10:00:00") + duration("P1Y")', None),
    ('time("10:00:00") - time("10:00:00Z")', None),
    # durations with durations and numbers
    ('duration("PT1H") + duration("PT30M")', dt.timedelta(minutes=90)),
    ('duration("P1Y") + duration("P6M")', YearMonthDuration(18)),
    ('duration("P1Y") - duration("P13M")', YearMonthDuration(-1)),
    ('duration("PT1H") - duration("PT2H")', dt.timedelta(hours=-1)),
    ('duration("P1Y") + duration("PT1H")', None),
    ('duration("PT1H") * 2', dt.timedelta(hours=2)),
    ('2 * duration("PT1H")', dt.timedelta(hours=2)),
    ('duration("PT1H") * 1.5', dt.timedelta(hours=1)),
    ('duration("P1Y") * 2', YearMonthDuration(24)),
    ('duration("PT1H") / 2', dt.timedelta(minutes=30)),
    ('duration("PT1S") / 3', dt.timedelta(milliseconds=333)),
    ('duration("P1Y") / 5', YearMonthDuration(2)),
    ('duration("PT90M") / duration("PT1H")', D("1")),
    ('duration("P3Y") / duration("P1Y")', D("3")),
    ('duration("PT1H") / 0', None),
    ('duration("P1Y") / duration("P0M")', None),
    ('2 / duration("PT1H")', None),
    ('duration("PT1H") * duration("PT1H")', None),
    ('-duration("PT1H")', None),
    # mixing with non-temporal values
    ('date("2020-01-01") + 1', None),
    ('"a" + duration("PT1H")', None),
    ('date("2020-01-01") + date("2020-01-01")', None),
    ('duration("PT1H") + null', None),
]


@pytest.mark.parametrize(("expression", "expected"), CASES)
def test_temporal_arithmetic(expression: str, expected: object) -> None:
    check(expression, expected)
