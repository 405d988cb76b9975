"""The typed result layer: Zeebe 0.26 ``ExpressionProcessor`` result types and messages.

Messages as in Zeebe 0.26's ``ExpressionProcessor`` (typeCheck, evaluateIntervalExpression,
evaluateDateTimeExpression, CorrelationKeyResultHandler); results written back to variables as
``FeelToMessagePackTransformer`` writes them (whole numbers as integers, temporal values as nil).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from pytest_zeebe.feel import (
    FeelEvaluationError,
    FeelResultTypeError,
    FixedClock,
    compile_expression,
    evaluate_any,
    evaluate_array,
    evaluate_boolean,
    evaluate_correlation_key,
    evaluate_date_time,
    evaluate_interval,
    evaluate_long,
    evaluate_object,
    evaluate_string,
    parse_attribute,
    result_type,
    to_variable_value,
)
from pytest_zeebe.feel.typed import parse_interval, parse_zoned_date_time
from pytest_zeebe.feel.values import YearMonthDuration

VARIABLES: dict[str, object] = {"x": 7, "s": "foo", "nothing": None, "l": [1, 2.5], "flag": True}


def test_boolean_condition() -> None:
    assert evaluate_boolean(parse_attribute("=x > 5"), VARIABLES) is True
    assert evaluate_boolean(parse_attribute("=x < 5"), VARIABLES) is False


@pytest.mark.parametrize(
    ("attribute", "actual"),
    [
        ("=nothing", "NULL"),
        ("=true and null", "NULL"),
        ("=x", "NUMBER"),
        ("=s", "STRING"),
        ("=l", "ARRAY"),
        ("={a: 1}", "OBJECT"),
        ("static", "STRING"),
        ("1", "NUMBER"),
    ],
)
def test_boolean_type_mismatch_message(attribute: str, actual: str) -> None:
    expression = parse_attribute(attribute)
    with pytest.raises(FeelResultTypeError) as caught:
        evaluate_boolean(expression, VARIABLES)
    assert str(caught.value) == (
        f"Expected result of the expression '{expression.text}' to be 'BOOLEAN', but was '{actual}'."
    )


def test_evaluation_failure_passes_through_typed_layer() -> None:
    with pytest.raises(FeelEvaluationError) as caught:
        evaluate_boolean(parse_attribute("=missing > 5"), VARIABLES)
    assert str(caught.value).startswith("failed to evaluate expression 'missing > 5': ")


def test_string_long_array_object_any() -> None:
    assert evaluate_string(parse_attribute('="job-" + s'), VARIABLES) == "job-foo"
    assert evaluate_string(parse_attribute("payment"), VARIABLES) == "payment"
    assert evaluate_long(parse_attribute("=x / 2"), VARIABLES) == 3
    assert evaluate_long(parse_attribute("=-x / 2"), VARIABLES) == -3
    assert evaluate_long(parse_attribute("3"), VARIABLES) == 3
    assert evaluate_array(parse_attribute("=l"), VARIABLES) == [1, 2.5]
    assert evaluate_object(parse_attribute("={a: x, b: {c: l}}"), VARIABLES) == {
        "a": 7,
        "b": {"c": [1, 2.5]},
    }
    assert evaluate_any(parse_attribute("=x / 2"), VARIABLES) == 3.5
    assert evaluate_any(parse_attribute("=nothing"), VARIABLES) is None


@pytest.mark.parametrize(
    ("function", "attribute", "expected", "actual"),
    [
        (evaluate_string, "=x", "STRING", "NUMBER"),
        (evaluate_long, "=s", "NUMBER", "STRING"),
        (evaluate_array, "=s", "ARRAY", "STRING"),
        (evaluate_object, "=l", "OBJECT", "ARRAY"),
        (evaluate_object, "=nothing", "OBJECT", "NULL"),
        # Zeebe's FeelEvaluationResult.getType is Java null for a date, a time or a function
        (evaluate_string, '=date("2020-01-01")', "STRING", "null"),
        (evaluate_boolean, '=time("10:00:00")', "BOOLEAN", "null"),
        (evaluate_object, "=function(a) a", "OBJECT", "null"),
    ],
)
def test_type_mismatch_messages(function: object, attribute: str, expected: str, actual: str) -> None:
    expression = parse_attribute(attribute)
    with pytest.raises(FeelResultTypeError) as caught:
        function(expression, VARIABLES)  # type: ignore[operator]
    assert str(caught.value) == (
        f"Expected result of the expression '{expression.text}' to be '{expected}', but was '{actual}'."
    )


def test_correlation_key_from_string_and_number() -> None:
    assert evaluate_correlation_key(parse_attribute("=s"), VARIABLES) == "foo"
    assert evaluate_correlation_key(parse_attribute("=x"), VARIABLES) == "7"
    assert evaluate_correlation_key(parse_attribute("=l[2]"), VARIABLES) == "2"
    assert evaluate_correlation_key(parse_attribute("order-1"), VARIABLES) == "order-1"
    assert evaluate_correlation_key(parse_attribute("123"), VARIABLES) == "123"


def test_numbers_are_read_as_java_longs() -> None:
    """Zeebe reads NUMBER results with ``Number.longValue``: the fraction is dropped and values
    beyond 64 bits wrap (retries, ``Long.toString(longValue)`` for a correlation key, and whole
    numbers that ``FeelToMessagePackTransformer`` writes with ``writeInteger(longValue)``)."""
    assert evaluate_correlation_key(parse_attribute("=2 ** 64 + 5"), VARIABLES) == "5"
    assert evaluate_correlation_key(parse_attribute("=2 ** 63"), VARIABLES) == str(-(2**63))
    assert evaluate_correlation_key(parse_attribute("=-7.9"), VARIABLES) == "-7"
    assert evaluate_long(parse_attribute("=2 ** 64 + 3"), VARIABLES) == 3
    assert to_variable_value(Decimal(2**64 + 1)) == 1
    assert evaluate_any(parse_attribute("=[(2 ** 63)]"), VARIABLES) == [-(2**63)]


@pytest.mark.parametrize(("attribute", "actual"), [("=flag", "BOOLEAN"), ("=nothing", "NULL"), ("=l", "ARRAY")])
def test_correlation_key_message(attribute: str, actual: str) -> None:
    expression = parse_attribute(attribute)
    with pytest.raises(FeelResultTypeError) as caught:
        evaluate_correlation_key(expression, VARIABLES)
    assert str(caught.value) == (
        f"Failed to extract the correlation key for '{expression.text}': "
        f"The value must be either a string or a number, but was {actual}."
    )


def test_interval_from_string() -> None:
    assert evaluate_interval(parse_attribute("PT5M")) == timedelta(minutes=5)
    assert evaluate_interval(parse_attribute('="P1D"')) == timedelta(days=1)
    assert evaluate_interval(parse_attribute("P1Y2M")) == YearMonthDuration(14)
    assert evaluate_interval(parse_attribute("P2W")) == timedelta(weeks=2)
    assert evaluate_interval(parse_attribute("P1DT1.5S")) == timedelta(days=1, seconds=1.5)


def test_interval_sign_and_java_ranges() -> None:
    """Zeebe 0.26's ``Interval.parse`` strips a leading sign and negates (``Duration.parse("-PT1H")``,
    ``Period.parse("-P1Y")``); ``Period`` fields are Java ints and ``Duration`` seconds a long,
    so larger fields are a ``DateTimeParseException``: an invalid format."""
    assert parse_interval("-PT1H") == timedelta(hours=-1)
    assert parse_interval("+PT1H") == timedelta(hours=1)
    assert parse_interval("-P1Y2M") == YearMonthDuration(-14)
    assert parse_interval("-P1DT1H") == timedelta(days=-1, hours=-1)
    assert parse_interval("P2147483647Y") == YearMonthDuration(2147483647 * 12)
    assert parse_interval("P2147483648Y") is None
    assert parse_interval("P306783379W") is None
    assert parse_interval("PT2562047788015216H") is None


@pytest.mark.parametrize("text", ["5 minutes", "P", "PT", "P1DT", "--PT1H", "P1Y1D", "P-"])
def test_interval_invalid_string(text: str) -> None:
    assert parse_interval(text) is None
    with pytest.raises(FeelResultTypeError) as caught:
        evaluate_interval(parse_attribute(f'="{text}"'))
    assert str(caught.value) == f"Invalid duration format '{text}' for expression '\"{text}\"'"


def test_interval_wrong_type() -> None:
    with pytest.raises(FeelResultTypeError) as caught:
        evaluate_interval(parse_attribute("=x"), VARIABLES)
    assert str(caught.value) == (
        "Expected result of the expression 'x' to be one of '[DURATION, PERIOD, STRING]', but was 'NUMBER'"
    )


def test_date_time_from_string() -> None:
    assert evaluate_date_time(parse_attribute("2020-01-01T10:00:00Z")) == datetime(2020, 1, 1, 10, tzinfo=UTC)
    berlin = evaluate_date_time(parse_attribute("2020-07-01T10:00:00+02:00[Europe/Berlin]"))
    assert berlin.tzinfo == ZoneInfo("Europe/Berlin")
    assert berlin == datetime(2020, 7, 1, 8, tzinfo=UTC)
    assert parse_zoned_date_time("2020-01-01T10:00:00.5-01:30") == datetime(
        2020, 1, 1, 10, 0, 0, 500000, tzinfo=timezone(-timedelta(hours=1, minutes=30))
    )


@pytest.mark.parametrize("text", ["2020-01-01T10:00:00", "2020-01-01", "tomorrow", "2020-13-01T10:00Z"])
def test_date_time_invalid_string(text: str) -> None:
    with pytest.raises(FeelResultTypeError) as caught:
        evaluate_date_time(parse_attribute(text))
    assert str(caught.value) == f"Invalid date-time format '{text}' for expression '{text}'"


def test_date_time_wrong_type() -> None:
    with pytest.raises(FeelResultTypeError) as caught:
        evaluate_date_time(parse_attribute("=x"), VARIABLES)
    assert str(caught.value) == (
        "Expected result of the expression 'x' to be one of '[DATE_TIME, STRING]', but was 'NUMBER'"
    )


def test_result_types() -> None:
    assert result_type(None) == "NULL"
    assert result_type(True) == "BOOLEAN"
    assert result_type(Decimal(1)) == "NUMBER"
    assert result_type("a") == "STRING"
    assert result_type([]) == "ARRAY"
    assert result_type({}) == "OBJECT"
    assert result_type(timedelta(1)) == "DURATION"
    assert result_type(YearMonthDuration(1)) == "PERIOD"
    assert result_type(datetime(2020, 1, 1)) == "DATE_TIME"
    assert result_type(datetime(2020, 1, 1, tzinfo=UTC)) == "DATE_TIME"
    assert result_type(date(2020, 1, 1)) == "null"
    assert result_type(time(10)) == "null"


def test_to_variable_value() -> None:
    assert to_variable_value(Decimal("3")) == 3
    assert isinstance(to_variable_value(Decimal("3.0")), int)
    assert to_variable_value(Decimal("3.5")) == 3.5
    assert to_variable_value([Decimal(1), {"a": Decimal("0.25")}]) == [1, {"a": 0.25}]
    assert to_variable_value(date(2020, 1, 1)) is None
    assert to_variable_value(timedelta(1)) is None
    assert to_variable_value({"d": datetime(2020, 1, 1, tzinfo=UTC)}) == {"d": None}
    assert to_variable_value("s") == "s"
    assert to_variable_value(True) is True


def test_local_date_time_takes_the_engine_zone() -> None:
    """ValLocalDateTime is DATE_TIME in Zeebe, read in the system default zone (ours: the clock's)."""
    clock = FixedClock(datetime(2020, 1, 1, tzinfo=ZoneInfo("Europe/Berlin")))
    result = evaluate_date_time(parse_attribute('=date and time("2020-06-01T12:00:00")'), {}, clock)
    assert result == datetime(2020, 6, 1, 12, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.mark.parametrize(
    ("number", "text"),
    [(2.5, "2.5"), (3.0, "3.0"), (1e7, "1.0E+7"), (1e-5, "0.000010"), (123456789.0, "123456789"), (1e22, "1.0E+22")],
)
def test_float_variables_read_as_java_doubles(number: float, text: str) -> None:
    """Zeebe 0.26's ``MessagePackValueMapper`` reads a msgpack float as ``ValNumber(double)``,
    which Scala turns into ``BigDecimal(Double.toString(d))``: the scale shows in ``string()``."""
    assert compile_expression("string(v)").evaluate({"v": number}) == text
