"""Timer evaluation as `ExpressionProcessor` does it, with variables (what the engine arms timers with)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from pytest_zeebe.feel import FixedClock, parse_attribute
from pytest_zeebe.model.expressions import (
    EvaluationFailed,
    evaluate_cycle,
    evaluate_date,
    evaluate_duration,
    result_type,
)
from pytest_zeebe.model.timers import INFINITE, Interval, RepeatingInterval

CLOCK = FixedClock(datetime(2021, 1, 1, 12, tzinfo=timezone(timedelta(hours=2))))


def test_durations_from_feel_values_and_iso_texts() -> None:
    assert evaluate_duration(parse_attribute("=wait"), {"wait": "PT5M"}) == Interval(duration=timedelta(minutes=5))
    assert evaluate_duration(parse_attribute('=duration("P2D")')) == Interval(duration=timedelta(days=2))
    assert evaluate_duration(parse_attribute('=duration("P1Y2M")')) == Interval(months=14)
    assert evaluate_duration(parse_attribute("P1M1DT1H")) == Interval(months=1, days=1, duration=timedelta(hours=1))


def test_cycles_and_dates() -> None:
    assert evaluate_cycle(parse_attribute("=c"), {"c": "R/PT1S"}) == RepeatingInterval(
        INFINITE, Interval(duration=timedelta(seconds=1))
    )
    assert evaluate_date(parse_attribute("=d"), {"d": "2021-06-01T10:00:00Z"}) == datetime(2021, 6, 1, 10, tzinfo=UTC)
    local = evaluate_date(parse_attribute('=date and time("2021-06-01T10:00:00")'), env=CLOCK)
    assert local.utcoffset() == timedelta(hours=2)  # a local date-time is taken in the engine's zone


@pytest.mark.parametrize(
    ("evaluate", "text", "variables", "message"),
    [
        (evaluate_duration, "=x", {}, "failed to evaluate expression 'x': no variable found for name 'x'"),
        (evaluate_duration, "=x", {"x": "soon"}, "Invalid duration format 'soon' for expression 'x'"),
        (
            evaluate_duration,
            "=x",
            {"x": [1]},
            "Expected result of the expression 'x' to be one of '[DURATION, PERIOD, STRING]', but was 'ARRAY'",
        ),
        (evaluate_cycle, "=x", {"x": 3}, "Expected result of the expression 'x' to be 'STRING', but was 'NUMBER'."),
        (evaluate_cycle, "=x", {"x": "R3"}, "No interval given"),
        (evaluate_date, "=x", {"x": "noon"}, "Invalid date-time format 'noon' for expression 'x'"),
        (
            evaluate_date,
            "=x",
            {"x": {"a": 1}},
            "Expected result of the expression 'x' to be one of '[DATE_TIME, STRING]', but was 'OBJECT'",
        ),
    ],
)
def test_failures_carry_zeebes_texts(evaluate: object, text: str, variables: dict[str, object], message: str) -> None:
    with pytest.raises(EvaluationFailed) as failure:
        evaluate(parse_attribute(text), variables)  # type: ignore[operator]
    assert str(failure.value) == message


def test_result_type_names() -> None:
    values: tuple[object, ...] = (None, True, "s", [], {}, timedelta(0))
    assert [result_type(value) for value in values] == [
        "NULL",
        "BOOLEAN",
        "STRING",
        "ARRAY",
        "OBJECT",
        "DURATION",
    ]
    assert result_type(datetime(2021, 1, 1).date()) == "null"  # Zeebe has no result type for a date
