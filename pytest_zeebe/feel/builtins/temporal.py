"""Temporal built-ins: ``now``, ``today`` and the calendar functions (feel-scala 1.12.4).

``now()`` and ``today()`` read the evaluation's clock (``env.now()``, Zeebe's controllable
actor clock in the engine's zone), never the wall clock. The calendar functions take a date,
a local date-time or a date-time and look only at its date; names are English
(``day of week`` gives ``"Monday"``) and ``week of year`` is the ISO-8601 week.
"""

from __future__ import annotations

import calendar
from decimal import Decimal
from typing import Protocol

from pytest_zeebe.feel.builtins._base import Builtin, date_part


class _Clock(Protocol):
    def now(self) -> object: ...


def _now(env: _Clock) -> object:
    return env.now()


def _today(env: _Clock) -> object:
    return date_part(env.now())


def _day_of_year(value: object) -> object:
    day = date_part(value)
    return None if day is None else Decimal(day.timetuple().tm_yday)


def _day_of_week(value: object) -> object:
    day = date_part(value)
    return None if day is None else calendar.day_name[day.weekday()]


def _month_of_year(value: object) -> object:
    day = date_part(value)
    return None if day is None else calendar.month_name[day.month]


def _week_of_year(value: object) -> object:
    day = date_part(value)
    return None if day is None else Decimal(day.isocalendar().week)


FUNCTIONS = (
    Builtin("now", (), _now, needs_env=True),
    Builtin("today", (), _today, needs_env=True),
    Builtin("day of year", ("date",), _day_of_year),
    Builtin("day of week", ("date",), _day_of_week),
    Builtin("month of year", ("date",), _month_of_year),
    Builtin("week of year", ("date",), _week_of_year),
)
