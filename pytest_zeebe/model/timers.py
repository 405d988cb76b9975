"""ISO 8601 timer texts as Zeebe 0.26 reads them: intervals, repeating intervals, date-times.

Zeebe parses timer values with `java.time` (`Interval`, `RepeatingInterval` in bpmn-model and
`ZonedDateTime.parse`). Their grammar and failure texts leak into deployment rejections
(`Invalid timer cycle expression (Repetition spec must start with R)`) and incidents, so this module
follows the Java parsers: `Period` accepts years, months, weeks and days; `Duration` accepts days,
hours, minutes and seconds; an interval with a `T` after other fields combines both.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

INFINITE = -1
_INT_MAX = 2**31 - 1
_LONG_MAX = 2**63 - 1

_PERIOD = re.compile(
    r"([-+]?)P(?:([-+]?[0-9]+)Y)?(?:([-+]?[0-9]+)M)?(?:([-+]?[0-9]+)W)?(?:([-+]?[0-9]+)D)?",
    re.IGNORECASE,
)
_DURATION = re.compile(
    r"([-+]?)P(?:([-+]?[0-9]+)D)?"
    r"(T(?:([-+]?[0-9]+)H)?(?:([-+]?[0-9]+)M)?(?:([-+]?[0-9]+)(?:[.,]([0-9]{0,9}))?S)?)?",
    re.IGNORECASE,
)
_DATE_TIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?"
    r"(Z|[+-]\d{2}:\d{2}(?::\d{2})?)(?:\[([^\]]+)\])?"
)


class TimerFormatError(ValueError):
    """Raised when a timer text does not parse; `str()` is the text java.time would give."""


@dataclass(frozen=True, slots=True)
class Interval:
    """A `java.time.Period` (years, months, days) plus a `java.time.Duration`."""

    years: int = 0
    months: int = 0
    days: int = 0
    duration: timedelta = timedelta(0)

    @property
    def is_calendar_based(self) -> bool:
        """Zeebe adds calendar units in the local zone, and so any duration of a day or longer."""
        return bool(self.years or self.months or self.days) or self.duration >= timedelta(days=1)

    def add_to(self, millis: int, zone: tzinfo) -> int:
        """`Interval.toEpochMilli`: `millis` plus this interval, in epoch milliseconds.

        The period is added to the local date-time in `zone` as `ZonedDateTime.plus` does (months
        clamp to the month's last day, each step keeps its offset where it can, a gap moves the
        time later), then the duration to the instant; a purely time-based interval is plain
        arithmetic. Calendar arithmetic past year 9999 raises TimerFormatError (Java goes further).
        """
        result = millis
        if self.years or self.months or self.days:
            try:
                result = _plus_period(millis, self.years, self.months, self.days, zone)
            except (OverflowError, ValueError):
                raise TimerFormatError("the due date lies beyond the year 9999") from None
        return result + self.duration // timedelta(milliseconds=1)


@dataclass(frozen=True, slots=True)
class RepeatingInterval:
    """`R<n>/<interval>`; `repetitions` is INFINITE (-1) for `R/<interval>`."""

    repetitions: int
    interval: Interval


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _plus_period(millis: int, years: int, months: int, days: int, zone: tzinfo) -> int:
    """`ZonedDateTime.plus(Period)`: months (or years) then days on the local date-time."""
    moment = (_EPOCH + timedelta(milliseconds=millis)).astimezone(zone)
    if years and months:
        moment = _plus_months(moment, years * 12 + months, zone)
    else:
        if years:
            moment = _plus_months(moment, years * 12, zone)
        if months:
            moment = _plus_months(moment, months, zone)
    if days:
        moment = _resolve_local(moment.replace(tzinfo=None) + timedelta(days=days), zone, moment.utcoffset())
    return (moment - _EPOCH) // timedelta(milliseconds=1)


def _plus_months(moment: datetime, months: int, zone: tzinfo) -> datetime:
    """`LocalDateTime.plusMonths`: the day of month clamps to the new month's length."""
    total = moment.year * 12 + moment.month - 1 + months
    year, month = divmod(total, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    local = moment.replace(tzinfo=None, year=year, month=month + 1, day=day)
    return _resolve_local(local, zone, moment.utcoffset())


def _resolve_local(local: datetime, zone: tzinfo, preferred: timedelta | None) -> datetime:
    """`ZonedDateTime.ofLocal`: keep the preferred offset in an overlap; a gap moves the time later."""
    earlier = local.replace(tzinfo=zone, fold=0)
    later = local.replace(tzinfo=zone, fold=1)
    if earlier.utcoffset() == later.utcoffset():
        return earlier
    in_gap = earlier.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != local
    if in_gap:
        return earlier.astimezone(UTC).astimezone(zone)
    return later if later.utcoffset() == preferred else earlier


def _java_int(text: str | None, limit: int, message: str) -> int:
    value = int(text) if text else 0
    if not -limit - 1 <= value <= limit:
        raise TimerFormatError(message)
    return value


def parse_period(text: str) -> Interval:
    """`java.time.Period.parse`: `PnYnMnWnD`, each part optional but at least one present."""
    message = "Text cannot be parsed to a Period"
    match = _PERIOD.fullmatch(text)
    if match is None or not any(match.group(i) for i in range(2, 6)):
        raise TimerFormatError(message)
    sign = -1 if match.group(1) == "-" else 1
    years, months, weeks, days = (_java_int(match.group(i), _INT_MAX, message) for i in range(2, 6))
    total_days = _java_int(str(weeks * 7 + days), _INT_MAX, message)
    return Interval(years=sign * years, months=sign * months, days=sign * total_days)


def parse_duration(text: str) -> timedelta:
    """`java.time.Duration.parse`: `PnDTnHnMn.nS`."""
    message = "Text cannot be parsed to a Duration"
    match = _DURATION.fullmatch(text)
    if match is None or match.group(3) in ("T", "t") or not (match.group(2) or match.group(3)):
        raise TimerFormatError(message)
    sign = -1 if match.group(1) == "-" else 1
    days, hours, minutes, seconds = (_java_int(match.group(i), _LONG_MAX, message) for i in (2, 4, 5, 6))
    fraction = match.group(7) or ""
    nanos = int(fraction.ljust(9, "0")) if fraction else 0
    if match.group(6) and match.group(6).startswith("-"):
        nanos = -nanos
    total_micro = ((days * 86400 + hours * 3600 + minutes * 60 + seconds) * 1_000_000_000 + nanos) // 1000
    try:
        return sign * timedelta(microseconds=total_micro)
    except OverflowError:
        raise TimerFormatError(message) from None


def parse_interval(text: str) -> Interval:
    """Zeebe's `Interval.parse`: a period, a duration, or a period followed by a `T` duration."""
    sign = ""
    start = 0
    if text.startswith("-"):
        sign, start = "-", 1
    elif text.startswith("+"):
        start = 1
    t_index = text.find("T")
    if t_index == -1:
        return parse_period(text)
    if t_index == start + 1:
        return Interval(duration=parse_duration(text))
    period = parse_period(text[:t_index])
    duration = parse_duration(sign + "P" + text[t_index:])
    return Interval(period.years, period.months, period.days, duration)


def parse_repeating_interval(text: str) -> RepeatingInterval:
    """Zeebe's `RepeatingInterval.parse`: `R/<interval>` (infinite) or `R<n>/<interval>`."""
    if not text.startswith("R"):
        raise TimerFormatError("Repetition spec must start with R")
    slash = text.find("/")
    if slash == -1:
        raise TimerFormatError("No interval given")
    if slash == 1:
        return RepeatingInterval(INFINITE, parse_interval(text[2:]))
    count = text[1:slash]
    if not re.fullmatch(r"[-+]?[0-9]+", count) or not -(2**31) <= int(count) <= _INT_MAX:
        raise TimerFormatError("Cannot parse repetitions count")
    return RepeatingInterval(int(count), parse_interval(text[slash + 1 :]))


def parse_zoned_date_time(text: str) -> datetime:
    """`ZonedDateTime.parse` (ISO_ZONED_DATE_TIME): an offset is required, a `[zone]` optional."""
    match = _DATE_TIME.fullmatch(text)
    if match is None:
        raise TimerFormatError(f"Text '{text}' could not be parsed")
    year, month, day, hour, minute = (int(match.group(i)) for i in range(1, 6))
    second = int(match.group(6) or 0)
    micro = int(Decimal("0." + match.group(7)) * 1_000_000) if match.group(7) else 0
    offset_text, zone_text = match.group(8), match.group(9)
    try:
        if offset_text == "Z":
            offset = UTC
        else:
            offset_sign = -1 if offset_text[0] == "-" else 1
            parts = [int(part) for part in offset_text[1:].split(":")]
            offset = timezone(
                offset_sign * timedelta(hours=parts[0], minutes=parts[1], seconds=parts[2] if len(parts) > 2 else 0)
            )
        value = datetime(year, month, day, hour, minute, second, micro, tzinfo=offset)
        if zone_text is not None:
            value = value.astimezone(ZoneInfo(zone_text))
    except (ValueError, ZoneInfoNotFoundError):
        raise TimerFormatError(f"Text '{text}' could not be parsed") from None
    return value
