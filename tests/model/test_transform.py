"""transform_resource end to end: deploy-time evaluation, the clock, and the safety net."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pytest_zeebe.feel import FixedClock
from pytest_zeebe.model import ResourceKind, ResourceRejectedError, transform_resource
from pytest_zeebe.model import transform as transform_module


def _timer_start(kind: str, text: str) -> bytes:
    return (
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:t">'
        '<bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s"><bpmn:timerEventDefinition>'
        f"<bpmn:{kind}>{text}</bpmn:{kind}>"
        "</bpmn:timerEventDefinition></bpmn:startEvent></bpmn:process></bpmn:definitions>"
    ).encode()


def _report(content: bytes) -> str:
    with pytest.raises(ResourceRejectedError) as rejected:
        transform_resource(content, ResourceKind.BPMN, env=FixedClock(datetime(2021, 1, 1, tzinfo=UTC)))
    return rejected.value.report


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("timeDate", "=now() + duration(&quot;PT1H&quot;)"),
        ("timeDate", '=string(date and time("2030-01-01T00:00:00Z"))'.replace('"', "&quot;")),
        ("timeCycle", "=cycle(3, duration(&quot;PT1H&quot;))"),
        ("timeDuration", "=duration(&quot;P1D&quot;)"),
        ("timeDuration", "=duration(&quot;P1Y&quot;)"),
        ("timeDuration", "P1Y2M10DT2H30M"),
    ],
)
def test_process_timer_start_expressions_that_zeebe_accepts(kind: str, text: str) -> None:
    env = FixedClock(datetime(2021, 1, 1, tzinfo=UTC))
    (workflow,) = transform_resource(_timer_start(kind, text), ResourceKind.BPMN, env=env).workflows
    assert workflow.bpmn_process_id == "p"


@pytest.mark.parametrize(
    ("kind", "text", "message"),
    [
        (
            "timeDate",
            "=today()",
            "Invalid timer date expression (Expected result of the expression 'today()' to be one of "
            "'[DATE_TIME, STRING]', but was 'null')",
        ),
        (
            "timeDuration",
            "=true",
            "Invalid timer duration expression (Expected result of the expression 'true' to be one of "
            "'[DURATION, PERIOD, STRING]', but was 'BOOLEAN')",
        ),
        ("timeCycle", "R2/P", "Invalid timer cycle expression (Text cannot be parsed to a Period)"),
        ("timeCycle", "R-/PT1S", "Invalid timer cycle expression (Cannot parse repetitions count)"),
        ("timeCycle", "=&quot;R5&quot;", "Invalid timer cycle expression (No interval given)"),
    ],
)
def test_process_timer_start_expressions_that_zeebe_rejects(kind: str, text: str, message: str) -> None:
    assert _report(_timer_start(kind, text)) == f"- Element: s\n    - ERROR: {message}\n"


def test_an_unexpected_failure_becomes_a_rejection_with_its_message(monkeypatch: pytest.MonkeyPatch) -> None:
    """DeploymentTransformer reports any RuntimeException of a resource with its message."""

    def broken(*_: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(transform_module, "read_workflows", broken)
    with pytest.raises(ResourceRejectedError) as rejected:
        transform_resource(_timer_start("timeCycle", "R/PT1H"), ResourceKind.BPMN)
    assert rejected.value.report == "boom"


def test_conditions_and_timers_are_trimmed_as_java_trims() -> None:
    """A no-break space is not trimmed by Java's String.trim(), so the value is not an expression."""
    content = _timer_start("timeDuration", "\u00a0=duration(&quot;PT1S&quot;)")
    assert _report(content) == (
        "- Element: s\n"
        "    - ERROR: Invalid timer duration expression (Invalid duration format "
        "'\u00a0=duration(\"PT1S\")' for expression '\u00a0=duration(\"PT1S\")')\n"
    )
