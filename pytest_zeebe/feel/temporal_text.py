"""Reading and printing temporal values exactly as feel-scala 1.12 does.

Parsing is two-stage in 1.12: a regular expression decides which kind of value a string is
(``isValidDate``, ``isOffsetTime``, ``isOffsetDateTime``, ``isDayTimeDuration`` ...), then a
``java.time`` formatter parses it in its default SMART mode. Both stages are reproduced,
including SMART's quirks: a day past the month's end is clamped (``2021-02-30`` reads as
``2021-02-28``) and ``24:00:00`` means midnight of the next day.

Printing follows ``string()``: times always show seconds, fractions lose trailing zeros,
a date-time with a zone prints ``2020-04-06T15:30:00@UTC`` (offset dropped), day-time
durations print as Java's ``Duration.toString`` does (``PT24H``, never ``P1D``), year-month
durations as ``Period.toString`` (``P1Y2M``, zero is ``P0D``).

Python cannot hold everything Java can; those inputs read as null (see :mod:`temporal`):
years outside 1..9999, durations beyond ``timedelta``'s ±999,999,999 days, and digits past
microseconds (dropped, not rounded).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pytest_zeebe.feel.values import YearMonthDuration, ZonedTime

UTC = dt.UTC

# stage 1: the classifying patterns of 1.12's package object (anchored: Java's matches())
_DATE = re.compile(r"-?(?:[1-9]\d{0,4})?\d{4}-[01]\d-[0-3]\d")
_OFFSET_TIME = re.compile(r"T?\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:[+-]\d{2}:\d{2}|Z|@.*)", re.S)
_DT_PREFIX = r"-?(?:[1-9]\d{0,4})?\d{4}-[01]\d-[0-3]\dT[0-2]\d:[0-5]\d(?::[0-5]\d)?(?:\.\d{1,9})?"
_OFFSET_DATE_TIME = re.compile(_DT_PREFIX + r"(?:[+-][01]\d:[0-5]\d|Z|@.*)", re.S)
_LOCAL_DATE_TIME = re.compile(_DT_PREFIX)
_YEAR_MONTH = re.compile(r"-?P(?:\d+Y)?(?:\d+M)?")
_DAY_TIME = re.compile(r"-?P(?:(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:.\d*)?S)?)?)", re.S)

# stage 2: what the java.time formatters accept
_DATE_FIELDS = re.compile(r"(-?)(\d{4,9})-(\d{2})-(\d{2})")
_TIME_FIELDS = re.compile(r"(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{0,9}))?)?")
_ZONE_PART = re.compile(r"(Z|[+-]\d{2}:\d{2}(?::\d{2})?)?(?:@(.+))?", re.S)
_DURATION_FIELDS = re.compile(
    r"([-+]?)P(?:([-+]?\d+)D)?(T(?:([-+]?\d+)H)?(?:([-+]?\d+)M)?"
    r"(?:([-+]?\d+)(?:[.,](\d{0,9}))?S)?)?",
    re.I,
)
_PERIOD_FIELDS = re.compile(r"([-+]?)P(?:([-+]?\d+)Y)?(?:([-+]?\d+)M)?", re.I)
_JAVA_INT_MAX = 2**31 - 1
_JAVA_LONG_MAX = 2**63 - 1
# the instant at which a zone's "standard offset" is taken for a parsed time-with-zone:
# 1.12 uses Instant.now(); a fixed instant (Zeebe 0.26.0's release day) keeps runs repeatable
_STANDARD_OFFSET_INSTANT = dt.datetime(2021, 1, 7, tzinfo=UTC)


class _Invalid(Exception):
    """Raised internally when stage 2 rejects a string stage 1 accepted."""


def _date_fields(text: str) -> dt.date:
    m = _DATE_FIELDS.fullmatch(text)
    if m is None or m.group(1):
        raise _Invalid(text)
    year, month, day = int(m.group(2)), int(m.group(3)), int(m.group(4))
    if not (1 <= year <= 9999 and 1 <= month <= 12 and 1 <= day <= 31):
        raise _Invalid(text)
    # SMART resolution: a day-of-month 1..31 that the month lacks becomes its last day
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _time_fields(text: str) -> tuple[dt.time, int]:
    """``HH:mm[:ss[.fraction]]`` -> (time, excess days); ``24:00`` is next-day midnight."""
    m = _TIME_FIELDS.fullmatch(text)
    if m is None:
        raise _Invalid(text)
    hour, minute = int(m.group(1)), int(m.group(2))
    second = int(m.group(3) or 0)
    micros = int(((m.group(4) or "") + "000000")[:6])
    if hour == 24 and minute == 0 and second == 0 and not (m.group(4) or "").strip("0"):
        return dt.time(0), 1
    if hour > 23 or minute > 59 or second > 59:
        raise _Invalid(text)
    return dt.time(hour, minute, second, micros), 0


@functools.cache
def _region_ids() -> frozenset[str]:
    """The IANA region ids Java knows; ``localtime`` would read the host's zone, so it is out."""
    return frozenset(available_timezones() - {"localtime", "Factory"})


def _zone(zone_id: str) -> dt.tzinfo:
    """A ``@zone`` suffix: an offset-like id is an offset, anything else an IANA region."""
    if zone_id == "Z" or re.fullmatch(r"[+-]\d{2}:\d{2}", zone_id):
        return _offset(zone_id)
    if zone_id not in _region_ids():
        raise _Invalid(zone_id)
    try:
        return ZoneInfo(zone_id)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise _Invalid(zone_id) from exc


def _offset(text: str) -> dt.timezone:
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    parts = [int(p) for p in text[1:].split(":")]
    hours, minutes, seconds = [*parts, 0, 0][:3]
    if hours > 18 or minutes > 59 or seconds > 59:
        raise _Invalid(text)
    delta = dt.timedelta(hours=hours, minutes=minutes, seconds=seconds) * sign
    if abs(delta) > dt.timedelta(hours=18):
        raise _Invalid(text)
    return UTC if not delta else dt.timezone(delta)


def _split_zone(text: str, start: int) -> tuple[str, dt.tzinfo | None]:
    """Split ``text`` into its local part and its optional offset / ``@zone`` suffix."""
    for i in range(start, len(text)):
        if text[i] in "Z+-@":
            m = _ZONE_PART.fullmatch(text, i)
            if m is None or not (m.group(1) or m.group(2)):
                raise _Invalid(text)
            if m.group(2) is not None:
                return text[:i], _zone(m.group(2))
            return text[:i], _offset(m.group(1))
    return text, None


def standard_offset(zone: ZoneInfo) -> dt.timedelta:
    """The zone's standard (non-DST) offset, which 1.12 gives a parsed ``time@zone``."""
    ref = _STANDARD_OFFSET_INSTANT.astimezone(zone)
    total = ref.utcoffset()
    daylight = ref.dst()
    assert total is not None
    return total - (daylight or dt.timedelta(0))


def in_zone(local: dt.datetime, zone: dt.tzinfo, preferred: dt.timedelta | None = None) -> dt.datetime:
    """``ZonedDateTime.ofLocal``: keep ``preferred`` in an overlap, skip forward over a gap."""
    if not isinstance(zone, ZoneInfo):
        return local.replace(tzinfo=zone)
    for fold in (0, 1):
        candidate = local.replace(tzinfo=zone, fold=fold)
        if preferred is not None and candidate.utcoffset() == preferred:
            return candidate.astimezone(UTC).astimezone(zone)
    # fold=0 is the earlier offset in an overlap; in a gap the UTC round trip moves the local
    # time later by the gap's length, as Java does
    return local.replace(tzinfo=zone, fold=0).astimezone(UTC).astimezone(zone)


def parse_date(text: str) -> dt.date | None:
    """``date(string)``: ``2020-04-06``; null for anything else."""
    if not _DATE.fullmatch(text):
        return None
    try:
        return _date_fields(text)
    except _Invalid:
        return None


def parse_time(text: str) -> dt.time | ZonedTime | None:
    """``time(string)``: local ``10:00[:00[.5]]``, or ``10:00:00`` with ``Z``/``+01:00``/``@zone``."""
    body = text[1:] if text.startswith("T") else text
    try:
        if _OFFSET_TIME.fullmatch(text):
            local_text, zone = _split_zone(body, 5)
            local, _ = _time_fields(local_text)
            if isinstance(zone, ZoneInfo):
                return ZonedTime(local, standard_offset(zone), zone)
            return local.replace(tzinfo=zone)
        local, _ = _time_fields(body)
        return local
    except _Invalid:
        return None


def parse_date_time(text: str) -> dt.datetime | None:
    """``date and time(string)``: a date (midnight), a local, offset or ``@zone`` date-time."""
    try:
        if _DATE.fullmatch(text):
            return dt.datetime.combine(_date_fields(text), dt.time(0))
        offset_form = _OFFSET_DATE_TIME.fullmatch(text) is not None
        if not offset_form and not _LOCAL_DATE_TIME.fullmatch(text):
            return None
        date_text, _, rest = text.partition("T")
        local_text, zone = _split_zone(rest, 5) if offset_form else (rest, None)
        time, excess = _time_fields(local_text)
        local = dt.datetime.combine(_date_fields(date_text), time) + dt.timedelta(days=excess)
        return local if zone is None else in_zone(local, zone)
    except (_Invalid, OverflowError):
        return None


def parse_duration(text: str) -> dt.timedelta | YearMonthDuration | None:
    """``duration(string)``: ``P1Y2M`` (year-month) or ``P1DT2H3M4.5S`` (day-time)."""
    if _YEAR_MONTH.fullmatch(text):
        return _parse_period(text)
    if _DAY_TIME.fullmatch(text):
        return _parse_day_time(text)
    return None


def _parse_period(text: str) -> YearMonthDuration | None:
    m = _PERIOD_FIELDS.fullmatch(text)
    if m is None or (m.group(2) is None and m.group(3) is None):
        return None
    years, months = int(m.group(2) or 0), int(m.group(3) or 0)
    if abs(years) > _JAVA_INT_MAX or abs(months) > _JAVA_INT_MAX:
        return None
    total = (years * 12 + months) * (-1 if m.group(1) == "-" else 1)
    if abs(total) // 12 > _JAVA_INT_MAX:
        return None
    return YearMonthDuration(total)


def _parse_day_time(text: str) -> dt.timedelta | None:
    m = _DURATION_FIELDS.fullmatch(text)
    if m is None or m.group(3) == "T" or not any(m.group(i) for i in (2, 4, 5, 6)):
        return None
    seconds = (
        int(m.group(2) or 0) * 86400 + int(m.group(4) or 0) * 3600 + int(m.group(5) or 0) * 60 + int(m.group(6) or 0)
    )
    fraction = int(((m.group(7) or "") + "000000")[:6])
    micros = seconds * 1_000_000 + (-fraction if (m.group(6) or "").startswith("-") else fraction)
    if abs(seconds) > _JAVA_LONG_MAX:
        return None
    try:
        delta = dt.timedelta(microseconds=micros)
    except OverflowError:
        return None
    return -delta if m.group(1) == "-" else delta


def _fraction(micros: int) -> str:
    return f".{micros:06d}".rstrip("0") if micros else ""


def _iso_time(t: dt.time) -> str:
    return f"{t.hour:02d}:{t.minute:02d}:{t.second:02d}{_fraction(t.microsecond)}"


def offset_id(delta: dt.timedelta | None) -> str:
    """Java's ``ZoneOffset`` id: ``Z``, ``+01:00``, ``-03:30``, ``+00:09:21``."""
    if not delta:
        return "Z"
    sign = "-" if delta < dt.timedelta(0) else "+"
    total = int(abs(delta).total_seconds())
    text = f"{sign}{total // 3600:02d}:{total // 60 % 60:02d}"
    return text + (f":{total % 60:02d}" if total % 60 else "")


_OFFSET_BEFORE_ZONE = re.compile(r"(.*)([+-]\d{2}:\d{2}|Z)(@.*)", re.S)


def to_iso_string(v: object) -> str:
    """``string()`` of a temporal value, character for character as 1.12 prints it."""
    if isinstance(v, dt.datetime):
        text = f"{v.date().isoformat()}T{_iso_time(v.time())}"
        if v.tzinfo is None:
            return text
        text += offset_id(v.utcoffset())
        if isinstance(v.tzinfo, ZoneInfo):
            return _OFFSET_BEFORE_ZONE.sub(r"\1\3", text + "@" + v.tzinfo.key)
        return text
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, ZonedTime):
        return f"{_iso_time(v.time)}@{v.zone.key}"
    if isinstance(v, dt.time):
        return _iso_time(v) + ("" if v.tzinfo is None else offset_id(v.utcoffset()))
    if isinstance(v, dt.timedelta):
        return duration_to_string(v)
    if isinstance(v, YearMonthDuration):
        return period_to_string(v)
    raise TypeError(f"not a temporal value: {v!r}")


def _truncating_div(a: int, b: int) -> int:
    """Java's ``/`` on longs: rounds towards zero."""
    q = abs(a) // b
    return q if a >= 0 else -q


def duration_to_string(d: dt.timedelta) -> str:
    """Java's ``Duration.toString()``: hours, minutes, seconds; ``PT-1H-30M``; ``PT0S``."""
    total_micros = (d.days * 86400 + d.seconds) * 1_000_000 + d.microseconds
    if total_micros == 0:
        return "PT0S"
    seconds, nanos = total_micros // 1_000_000, total_micros % 1_000_000 * 1000
    effective = seconds + 1 if seconds < 0 < nanos else seconds
    hours = _truncating_div(effective, 3600)
    minutes = _truncating_div(effective - hours * 3600, 60)
    secs = effective - hours * 3600 - minutes * 60
    text = "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    if secs == 0 and nanos == 0 and len(text) > 2:
        return text
    text += "-0" if seconds < 0 < nanos and secs == 0 else str(secs)
    if nanos:
        digits = str(2_000_000_000 - nanos if seconds < 0 else nanos + 1_000_000_000).rstrip("0")
        text += "." + digits[1:]
    return text + "S"


def period_to_string(p: YearMonthDuration) -> str:
    """Java's ``Period.toString()`` of a normalized period: ``P1Y2M``, ``P-3M``, ``P0D``."""
    if p.months == 0:
        return "P0D"
    years, months = p.years_part, p.months_part
    return "P" + (f"{years}Y" if years else "") + (f"{months}M" if months else "")


def _java_local_time(t: dt.time) -> str:
    text = f"{t.hour:02d}:{t.minute:02d}"
    if t.second or t.microsecond:
        text += f":{t.second:02d}"
    if t.microsecond:
        text += f".{t.microsecond // 1000:03d}" if t.microsecond % 1000 == 0 else f".{t.microsecond:06d}"
    return text


def java_to_string(v: object) -> str:
    """Java's ``toString()`` of the temporal object 1.12 holds (used in failure messages)."""
    if isinstance(v, dt.datetime):
        text = f"{v.date().isoformat()}T{_java_local_time(v.time())}"
        if v.tzinfo is None:
            return text
        text += offset_id(v.utcoffset())
        return text + (f"[{v.tzinfo.key}]" if isinstance(v.tzinfo, ZoneInfo) else "")
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, ZonedTime):
        return f"ZonedTime({_java_local_time(v.time)},{offset_id(v.offset)},Some({v.zone.key}))"
    if isinstance(v, dt.time):
        if v.tzinfo is None:
            return _java_local_time(v)
        return f"ZonedTime({_java_local_time(v)},{offset_id(v.utcoffset())},None)"
    return to_iso_string(v)
