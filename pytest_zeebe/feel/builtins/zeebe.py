"""Zeebe 0.26's own functions: ``cycle`` (timer cycles) and ``appendTo`` (output mappings).

Unlike 1.12's built-ins, these fail (an incident) instead of answering null on bad arguments,
with Zeebe's messages (`FeelFunctionProvider.scala`: "cycle function expected an interval
(duration) parameter, but found 'ValNull'", as TimerIncidentTest shows). ``appendTo(x, y)`` is
how Zeebe compiles output mappings to nested targets; a first argument that is null *or
missing* yields ``y``, so ``appendTo`` receives failed arguments (``accepts_errors``). ``cycle``
prints the interval with Java's ``toString``: ``cycle(duration("P1D"))`` is ``"R/PT24H"``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pytest_zeebe.feel.builtins._base import Builtin
from pytest_zeebe.feel.errors import FeelEvaluationError
from pytest_zeebe.feel.ops import ErrVal, describe
from pytest_zeebe.feel.temporal_text import to_iso_string
from pytest_zeebe.feel.values import YearMonthDuration, to_java_int


def _append_to(x: object, y: object) -> object:
    if isinstance(x, dict) and isinstance(y, dict):
        return {**x, **y}
    if (x is None or isinstance(x, ErrVal)) and isinstance(y, dict):
        return y
    if isinstance(x, dict) and y is None:
        return x
    for argument in (x, y):
        if isinstance(argument, ErrVal):
            raise argument.fail()
    raise FeelEvaluationError(
        f"append function expected two context parameters, but found '{describe(x)}', '{describe(y)}'"
    )


def _interval(value: object) -> str | None:
    if isinstance(value, (dt.timedelta, YearMonthDuration)):
        return to_iso_string(value)
    return None


def _cycle(repetitions: object, interval: object) -> object:
    text = _interval(interval)
    if text is not None and repetitions is None:
        return f"R/{text}"
    if text is not None and isinstance(repetitions, Decimal):
        return f"R{to_java_int(repetitions)}/{text.upper()}"
    raise FeelEvaluationError(
        "cycle function expected a repetitions (number) and an interval (duration) parameter, "
        f"but found '{describe(repetitions)}' and '{describe(interval)}'"
    )


def _cycle_infinite(interval: object) -> object:
    text = _interval(interval)
    if text is None:
        found = describe(interval)
        raise FeelEvaluationError(f"cycle function expected an interval (duration) parameter, but found '{found}'")
    return f"R/{text}"


FUNCTIONS = (
    Builtin("appendTo", ("x", "y"), _append_to, accepts_errors=True),
    Builtin("cycle", ("repetitions", "interval"), _cycle),
    Builtin("cycle", ("interval",), _cycle_infinite),
)
