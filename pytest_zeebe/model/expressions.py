"""Deploy-time evaluation of constant expressions, with Zeebe's result types and failure texts.

Zeebe evaluates two kinds of expressions while it validates a deployment, without any variables:
the message names of process-level message start events and the timer definitions of static timers
and process-level timer start events (`ProcessMessageStartEventMessageNameValidator`,
`TimerCatchEventExpressionValidator`, `ExpressionProcessor`). Their failures become validation
messages, so the wording here follows those classes.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from pytest_zeebe.feel import FeelError, parse_attribute
from pytest_zeebe.feel.values import YearMonthDuration
from pytest_zeebe.model.timers import (
    TimerFormatError,
    parse_interval,
    parse_repeating_interval,
    parse_zoned_date_time,
)

if TYPE_CHECKING:
    from pytest_zeebe.feel import Expression, FeelEnv

class EvaluationFailed(Exception):
    """Raised when a constant expression cannot be evaluated; `str()` is Zeebe's failure text."""


def result_type(value: object) -> str:
    """Zeebe's `ResultType` name for a FEEL value ('null' for types Zeebe has no name for)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "BOOLEAN"
    if isinstance(value, int | float | Decimal):
        return "NUMBER"
    if isinstance(value, str):
        return "STRING"
    if isinstance(value, list):
        return "ARRAY"
    if isinstance(value, dict):
        return "OBJECT"
    if isinstance(value, timedelta):
        return "DURATION"
    if isinstance(value, datetime):
        return "DATE_TIME"
    if isinstance(value, YearMonthDuration):
        return "PERIOD"
    return "null"


def expression_text(expression: Expression) -> str:
    """What Zeebe's messages quote for an expression: the FEEL text, or the static value."""
    return str(expression.text)


def evaluate_constant(text: str, env: FeelEnv | None) -> tuple[Expression, object]:
    """Parse `text` as an attribute and evaluate it without variables.

    A static value is a NUMBER when Java's BigDecimal would parse it, a STRING otherwise.
    Raises EvaluationFailed with the parse or evaluation failure message.
    """
    try:
        expression = parse_attribute(text)
        return expression, expression.evaluate(None, env)
    except FeelError as error:
        raise EvaluationFailed(str(error)) from None


def check_interval(text: str, env: FeelEnv | None) -> None:
    """`evaluateIntervalExpression`: a DURATION, a PERIOD, or an ISO 8601 interval STRING."""
    expression, value = evaluate_constant(text, env)
    kind = result_type(value)
    if kind in ("DURATION", "PERIOD"):
        return
    if kind == "STRING":
        try:
            parse_interval(str(value))
        except TimerFormatError:
            raise EvaluationFailed(
                f"Invalid duration format '{value}' for expression '{expression_text(expression)}'"
            ) from None
        return
    raise EvaluationFailed(
        f"Expected result of the expression '{expression_text(expression)}' to be one of "
        f"'[DURATION, PERIOD, STRING]', but was '{kind}'"
    )


def check_cycle(text: str, env: FeelEnv | None) -> None:
    """`evaluateStringExpression` followed by `RepeatingInterval.parse`."""
    expression, value = evaluate_constant(text, env)
    kind = result_type(value)
    if kind != "STRING":
        raise EvaluationFailed(
            f"Expected result of the expression '{expression_text(expression)}' to be 'STRING', "
            f"but was '{kind}'."
        )
    try:
        parse_repeating_interval(str(value))
    except TimerFormatError as error:
        raise EvaluationFailed(str(error)) from None


def check_date(text: str, env: FeelEnv | None) -> None:
    """`evaluateDateTimeExpression`: a DATE_TIME or an ISO zoned date-time STRING."""
    expression, value = evaluate_constant(text, env)
    kind = result_type(value)
    if kind == "DATE_TIME":
        return
    if kind == "STRING":
        try:
            parse_zoned_date_time(str(value))
        except TimerFormatError:
            raise EvaluationFailed(
                f"Invalid date-time format '{value}' for expression '{expression_text(expression)}'"
            ) from None
        return
    raise EvaluationFailed(
        f"Expected result of the expression '{expression_text(expression)}' to be one of "
        f"'[DATE_TIME, STRING]', but was '{kind}'"
    )


def check_message_name(text: str, env: FeelEnv | None) -> None:
    """A process-level message start event's name must be a constant STRING."""
    try:
        _, value = evaluate_constant(text, env)
    except EvaluationFailed as failure:
        raise EvaluationFailed(
            f"Expected constant expression but found '{text}', which could not be evaluated "
            f"without context: {failure}"
        ) from None
    if result_type(value) != "STRING":
        raise EvaluationFailed(
            f"Expected constant expression of type String for message name '{text}', "
            f"but was {result_type(value)}"
        )
