"""Timer and message-name evaluation with Zeebe's result types and failure texts.

Zeebe evaluates some expressions while it validates a deployment, without any variables: the
message names of process-level message start events, and the timers of static timer events and of
process-level timer start events (`ProcessMessageStartEventMessageNameValidator`,
`TimerCatchEventExpressionValidator`). The timer functions here are the same ones
`ExpressionProcessor` applies when a timer is armed at run time, so the engine can call them with
an element's variables and get the same values and the same failure texts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from pytest_zeebe.feel import FeelError, parse_attribute, result_type
from pytest_zeebe.feel.values import YearMonthDuration
from pytest_zeebe.model.elements import TimerDefinition, TimerKind
from pytest_zeebe.model.timers import (
    Interval,
    RepeatingInterval,
    TimerFormatError,
    parse_interval,
    parse_repeating_interval,
    parse_zoned_date_time,
)

if TYPE_CHECKING:
    from pytest_zeebe.feel import Expression, FeelEnv

Variables = Mapping[str, object] | None


class EvaluationFailed(Exception):
    """Raised when a constant expression cannot be evaluated; `str()` is Zeebe's failure text."""


def expression_text(expression: Expression) -> str:
    """What Zeebe's messages quote for an expression: the FEEL text, or the static value."""
    return str(expression.text)


def evaluate(expression: Expression, variables: Variables = None, env: FeelEnv | None = None) -> object:
    """The expression's FEEL value; a static value is a NUMBER or a STRING (Java BigDecimal rule)."""
    try:
        return expression.evaluate(variables, env)
    except FeelError as error:
        raise EvaluationFailed(str(error)) from None


def evaluate_duration(expression: Expression, variables: Variables = None, env: FeelEnv | None = None) -> Interval:
    """`evaluateIntervalExpression`: a DURATION, a PERIOD, or an ISO 8601 interval STRING."""
    value = evaluate(expression, variables, env)
    if isinstance(value, timedelta):
        return Interval(duration=value)
    if isinstance(value, YearMonthDuration):
        return Interval(months=value.months)
    if isinstance(value, str):
        try:
            return parse_interval(value)
        except TimerFormatError:
            raise EvaluationFailed(
                f"Invalid duration format '{value}' for expression '{expression_text(expression)}'"
            ) from None
    raise EvaluationFailed(
        f"Expected result of the expression '{expression_text(expression)}' to be one of "
        f"'[DURATION, PERIOD, STRING]', but was '{result_type(value)}'"
    )


def evaluate_cycle(
    expression: Expression, variables: Variables = None, env: FeelEnv | None = None
) -> RepeatingInterval:
    """`evaluateStringExpression` followed by `RepeatingInterval.parse`."""
    value = evaluate(expression, variables, env)
    if not isinstance(value, str):
        raise EvaluationFailed(
            f"Expected result of the expression '{expression_text(expression)}' to be 'STRING', "
            f"but was '{result_type(value)}'."
        )
    try:
        return parse_repeating_interval(value)
    except TimerFormatError as error:
        raise EvaluationFailed(str(error)) from None


def evaluate_date(expression: Expression, variables: Variables = None, env: FeelEnv | None = None) -> datetime:
    """`evaluateDateTimeExpression`: a DATE_TIME or an ISO zoned date-time STRING.

    A local date-time is taken in the engine's zone (the zone of `env.now()`, else UTC), as Zeebe
    takes it in the broker's default zone.
    """
    value = evaluate(expression, variables, env)
    if isinstance(value, datetime):
        if value.tzinfo is None:
            zone = env.now().tzinfo if env is not None else None
            return value.replace(tzinfo=zone or UTC)
        return value
    if isinstance(value, str):
        try:
            return parse_zoned_date_time(value)
        except TimerFormatError:
            raise EvaluationFailed(
                f"Invalid date-time format '{value}' for expression '{expression_text(expression)}'"
            ) from None
    raise EvaluationFailed(
        f"Expected result of the expression '{expression_text(expression)}' to be one of "
        f"'[DATE_TIME, STRING]', but was '{result_type(value)}'"
    )


@dataclass(frozen=True, slots=True)
class Timer:
    """An evaluated timer (Zeebe's `Timer`): how often it fires, and when it falls due.

    A duration is `RepeatingInterval(1, interval)`, a cycle its parsed `RepeatingInterval`, a date
    `TimeDateTimer` (one repetition, due at the date whenever it is armed).
    """

    repetitions: int
    interval: Interval
    date_millis: int | None = None
    """Epoch milliseconds of a date timer; None for durations and cycles."""

    def due_date(self, now_millis: int, zone: tzinfo) -> int:
        """When the timer falls due if armed at `now_millis` (`Timer.getDueDate`).

        :raises EvaluationFailed: a calendar due date past the year 9999.
        """
        if self.date_millis is not None:
            return self.date_millis
        try:
            return self.interval.add_to(now_millis, zone)
        except TimerFormatError as error:
            raise EvaluationFailed(str(error)) from None


def evaluate_timer(definition: TimerDefinition, variables: Variables = None, env: FeelEnv | None = None) -> Timer:
    """Zeebe's timer factory (`CatchEventTransformer`) for one timer definition.

    The same evaluation deployment applies to static and start-event timers, so deploy time and
    run time cannot disagree.
    """
    if definition.kind is TimerKind.DURATION:
        return Timer(1, evaluate_duration(definition.expression, variables, env))
    if definition.kind is TimerKind.CYCLE:
        cycle = evaluate_cycle(definition.expression, variables, env)
        return Timer(cycle.repetitions, cycle.interval)
    moment = evaluate_date(definition.expression, variables, env)
    millis = (moment - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(milliseconds=1)
    return Timer(1, Interval(duration=timedelta(milliseconds=millis)), millis)


def check_message_name(text: str, env: FeelEnv | None) -> None:
    """A process-level message start event's name must be a constant STRING."""
    try:
        value = evaluate(parse_attribute(text), None, env)
    except (EvaluationFailed, FeelError) as failure:
        raise EvaluationFailed(
            f"Expected constant expression but found '{text}', which could not be evaluated without context: {failure}"
        ) from None
    if result_type(value) != "STRING":
        raise EvaluationFailed(
            f"Expected constant expression of type String for message name '{text}', but was {result_type(value)}"
        )
