"""Timer texts parse as java.time parses them in Zeebe 0.26 (`Interval`, `RepeatingInterval`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from pytest_zeebe.model.timers import (
    INFINITE,
    Interval,
    RepeatingInterval,
    TimerFormatError,
    parse_interval,
    parse_repeating_interval,
    parse_zoned_date_time,
)


@pytest.mark.parametrize(
    ("text", "interval"),
    [
        ("PT5M", Interval(duration=timedelta(minutes=5))),
        ("PT1.5S", Interval(duration=timedelta(seconds=1.5))),
        ("-PT1H", Interval(duration=timedelta(hours=-1))),
        ("P2DT1H", Interval(days=2, duration=timedelta(hours=1))),
        ("P1Y2M3W4D", Interval(years=1, months=2, days=25)),
        ("p1d", Interval(days=1)),
        ("P1M1DT12H", Interval(months=1, days=1, duration=timedelta(hours=12))),
    ],
)
def test_intervals(text: str, interval: Interval) -> None:
    assert parse_interval(text) == interval


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Text cannot be parsed to a Period"),
        ("P", "Text cannot be parsed to a Period"),
        ("5M", "Text cannot be parsed to a Period"),
        ("PT", "Text cannot be parsed to a Duration"),
        ("PT1X", "Text cannot be parsed to a Duration"),
        ("PT1Y", "Text cannot be parsed to a Duration"),
    ],
)
def test_invalid_intervals(text: str, message: str) -> None:
    with pytest.raises(TimerFormatError, match=f"^{message}$"):
        parse_interval(text)


def test_repeating_intervals() -> None:
    assert parse_repeating_interval("R/PT1H") == RepeatingInterval(INFINITE, Interval(duration=timedelta(hours=1)))
    assert parse_repeating_interval("R3/P1D") == RepeatingInterval(3, Interval(days=1))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("PT1H", "Repetition spec must start with R"),
        ("R5", "No interval given"),
        ("Rx/PT1H", "Cannot parse repetitions count"),
        ("R99999999999/PT1H", "Cannot parse repetitions count"),
        ("R/PT1X", "Text cannot be parsed to a Duration"),
    ],
)
def test_invalid_repeating_intervals(text: str, message: str) -> None:
    with pytest.raises(TimerFormatError, match=f"^{message}$"):
        parse_repeating_interval(text)


def test_zoned_date_times() -> None:
    assert parse_zoned_date_time("2021-06-01T12:00:00Z") == datetime(2021, 6, 1, 12, tzinfo=UTC)
    assert parse_zoned_date_time("2021-06-01T12:00+02:00").utcoffset() == timedelta(hours=2)
    berlin = parse_zoned_date_time("2030-01-01T00:00:00+01:00[Europe/Berlin]")
    assert berlin == datetime(2029, 12, 31, 23, tzinfo=UTC)
    assert str(berlin.tzinfo) == "Europe/Berlin"


@pytest.mark.parametrize(
    "text", ["2021-06-01T12:00:00", "2021-06-01", "2021-13-01T00:00:00Z", "2021-06-01T12:00:00Z[Nowhere/City]"]
)
def test_invalid_zoned_date_times(text: str) -> None:
    with pytest.raises(TimerFormatError):
        parse_zoned_date_time(text)


def test_calendar_based_intervals() -> None:
    assert parse_interval("P1D").is_calendar_based
    assert parse_interval("PT24H").is_calendar_based
    assert not parse_interval("PT23H59M").is_calendar_based
