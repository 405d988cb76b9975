"""The `zeebe` fixture as a user meets it: through pytest, in a test file of their own."""

from __future__ import annotations

import pytest

from tests.support.client import RESOURCES

ORDER_BPMN = (RESOURCES / "order.bpmn").read_text()


def test_a_user_test_runs_a_workflow_and_each_test_gets_a_fresh_engine(pytester: pytest.Pytester) -> None:
    pytester.makefile(".bpmn", order=ORDER_BPMN)
    pytester.makepyfile(
        """
        from datetime import timedelta
        from pathlib import Path

        def test_first(zeebe):
            deployment = zeebe.deploy(Path("order.bpmn"))
            assert deployment.workflows[0].workflow_key == 2251799813685249
            instance = zeebe.create_instance("order-process", {"total": 10})
            (job,) = zeebe.activate_jobs("payment-service")
            assert job.variables == {"total": 10}
            assert job.custom_headers == {"method": "credit-card"}
            zeebe.complete_job(job.key, {"paid": True})
            intents = [(r.value_type.value, r.intent.value) for r in zeebe.records if r.key == instance.key]
            assert intents[-1] == ("WORKFLOW_INSTANCE", "ELEMENT_COMPLETED")
            assert zeebe.clock.now().isoformat() == "2021-01-01T00:00:00+00:00"
            zeebe.clock.advance(timedelta(hours=1))

        def test_second_sees_a_fresh_engine(zeebe):
            assert len(zeebe.records) == 0
            assert zeebe.clock.now().isoformat() == "2021-01-01T00:00:00+00:00"
            deployment = zeebe.deploy(("order.bpmn", Path("order.bpmn").read_bytes()))
            assert deployment.workflows[0].workflow_key == 2251799813685249
            assert deployment.key == 2251799813685250
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)


def test_rejections_raise_with_zeebes_text(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest
        from pytest_zeebe.errors import CommandRejectedError, DeploymentRejectedError, InvalidResourceError

        def test_rejections(zeebe):
            with pytest.raises(DeploymentRejectedError) as error:
                zeebe.deploy()
            assert str(error.value) == "Expected to deploy at least one resource, but none given"
            with pytest.raises(CommandRejectedError) as error:
                zeebe.create_instance("missing")
            assert error.value.grpc_message == (
                "Command 'CREATE' rejected with code 'NOT_FOUND': "
                "Expected to find workflow definition with process ID 'missing', but none found"
            )
            with pytest.raises(InvalidResourceError):
                zeebe.deploy(("notes.txt", "hello"))
        """
    )
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_clock_start_is_configurable(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_clock(zeebe):
            assert zeebe.clock.now().isoformat() == "2020-05-01T12:00:00+00:00"
            assert zeebe.clock.millis() == 1588334400000
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider", "--zeebe-clock-start=2020-05-01T12:00:00Z")
    result.assert_outcomes(passed=1)


def test_engine_failures_fail_the_test_at_teardown(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(
        """
        import pytest
        from pytest_zeebe.engine.intents import DeploymentIntent, RecordType, ValueType
        from pytest_zeebe.engine.processors import PROCESSORS

        @pytest.fixture
        def broken_deployment(monkeypatch):
            def explode(ctx, record):
                raise RuntimeError("boom")
            key = (RecordType.COMMAND, ValueType.DEPLOYMENT, DeploymentIntent.CREATE)
            monkeypatch.setitem(PROCESSORS, key, explode)
        """
    )
    pytester.makepyfile(
        """
        import pytest
        from pytest_zeebe.errors import CommandRejectedError

        def test_bug(broken_deployment, zeebe):
            with pytest.raises(CommandRejectedError) as error:
                zeebe.deploy(("a.bpmn", "<x/>"))
            assert error.value.rejection_type == "PROCESSING_ERROR"
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*the fake Zeebe failed during this test*boom*"])


def test_the_resource_size_limit_is_configurable(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nzeebe_max_resource_size = 100\n")
    pytester.makepyfile(
        """
        import pytest
        from pytest_zeebe.errors import DeploymentRejectedError

        def test_limit(zeebe):
            with pytest.raises(DeploymentRejectedError) as error:
                zeebe.deploy(("big.bpmn", b"x" * 101))
            assert str(error.value) == (
                "Expected to deploy new resources, but encountered the following errors:\\n"
                "'big.bpmn': Expected resource to be at most 100 bytes, but it has 101 bytes"
            )
        """
    )
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_feel_now_reads_the_engine_clock_in_the_configured_zone(pytester: pytest.Pytester) -> None:
    """Zeebe's FEEL clock is the engine clock in the JVM's default zone (ZeebeFeelEngineClock)."""
    pytester.makeini("[pytest]\nzeebe_time_zone = America/Los_Angeles\n")
    pytester.makepyfile(
        """
        from datetime import timedelta
        from tests_support import bpmn

        def test_today(zeebe):
            zeebe.deploy(("p.bpmn", bpmn('type="=string(today())"')))
            zeebe.create_instance("p")
            assert [job.type for job in zeebe.activate_jobs("2020-12-31")] == ["2020-12-31"]
            zeebe.clock.advance(timedelta(hours=8))
            zeebe.create_instance("p")
            assert len(zeebe.activate_jobs("2021-01-01")) == 1
        """,
        tests_support=(
            f"def bpmn(task_attributes):\n    return {_TEMPLATE!r}.replace('TASK', task_attributes).encode()\n"
        ),
    )
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=1)


_TEMPLATE = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="urn:x">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task" />
    <bpmn:serviceTask id="task">
      <bpmn:extensionElements><zeebe:taskDefinition TASK /></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming>
    </bpmn:serviceTask>
  </bpmn:process>
</bpmn:definitions>"""
