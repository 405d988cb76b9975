"""Assertion failures as a user sees them in pytest's report, on workflows the engine runs today."""

from __future__ import annotations

from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def order(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makefile(".bpmn", order=(EXAMPLES / "order.bpmn").read_text())
    return pytester


def test_passing_assertions_chain(order: pytest.Pytester) -> None:
    order.makepyfile(
        """
        import pytest
        from pytest_zeebe import assert_that

        @pytest.mark.zeebe_deploy("order.bpmn")
        def test_order(zeebe):
            order = zeebe.create_instance("order-fulfilment", {"orderId": "A-42"})
            assert_that(order).is_started().is_active().is_waiting_exactly_at("charge-card")
            (charge,) = zeebe.activate_jobs("charge-card")
            assert_that(charge).has_type("charge-card").has_headers(provider="acme-pay").has_variables(orderId="A-42")
            zeebe.complete_job(charge.key, {"receipt": "R-1"})
            assert_that(charge).is_completed()
            assert_that(order).is_waiting_at("ship-parcel").is_not_waiting_at("charge-card").has_passed("charge-card")
            (ship,) = zeebe.activate_jobs("ship-parcel")
            zeebe.complete_job(ship.key)
            (
                assert_that(order.key)
                .is_completed()
                .has_passed("order-received", "to-charge", "charge-card", "ship-parcel", "order-fulfilled")
                .has_passed_in_order("charge-card", "ship-parcel")
                .has_passed_times("charge-card", 1)
                .has_not_passed("order-fulfilment-cancelled")
                .has_variable("receipt")
                .has_variable_with_value("orderId", "A-42")
                .has_variables(orderId="A-42", receipt="R-1")
                .has_no_incidents()
            )
        """
    )
    order.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_completed_too_early_names_where_it_waits(order: pytest.Pytester) -> None:
    """The README's old first example: it asserted completion after the first of two jobs."""
    order.makepyfile(
        """
        import pytest
        from pytest_zeebe import assert_that

        @pytest.mark.zeebe_deploy("order.bpmn")
        def test_order(zeebe):
            order = zeebe.create_instance("order-fulfilment", {"orderId": "A-42"})
            (job,) = zeebe.activate_jobs("charge-card", worker="billing")
            zeebe.complete_job(job.key, {"receipt": "R-1"})
            assert_that(order).is_completed()
        """
    )
    result = order.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "E * AssertionError: Expected workflow instance 2251799813685251 (order-fulfilment) to be completed, "
            "but it is waiting at [[]ship-parcel (job ship-parcel, retries 3)].",
            "E * State: active since 2021-01-01 00:00:00.000 (version 1).",
            "E * Waiting at:",
            "E *   ship-parcel (job ship-parcel, retries 3)",
            "E * Path taken (engine time, element, type, state):",
            "E *   2021-01-01 00:00:00.000  order-received  START_EVENT   completed",
            "E *   2021-01-01 00:00:00.000  charge-card     SERVICE_TASK  completed",
            "E *   2021-01-01 00:00:00.000  ship-parcel     SERVICE_TASK  activated",
            "E * Variables (by scope):",
            'E *   order-fulfilment (root scope): orderId = "A-42", receipt = "R-1"',
            "E * Open incidents: none.",
            "E * Latest records of the instance (10 of *):",
        ]
    )
    assert "zeebe_deploy" not in result.stdout.str().split("AssertionError")[1]  # no plugin frames in the trace
    assert "assert_instance.py" not in result.stdout.str()  # __tracebackhide__


def test_waiting_at_another_element_shows_the_job_and_its_worker(order: pytest.Pytester) -> None:
    order.makepyfile(
        """
        from datetime import timedelta
        import pytest
        from pytest_zeebe import assert_that

        @pytest.mark.zeebe_deploy("order.bpmn")
        def test_order(zeebe):
            order = zeebe.create_instance("order-fulfilment", {"orderId": "A-42"})
            zeebe.clock.advance(timedelta(minutes=5))
            zeebe.activate_jobs("charge-card", worker="billing")
            assert_that(order).is_waiting_at("ship-parcel")
        """
    )
    result = order.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "E * Expected workflow instance 2251799813685251 (order-fulfilment) to be waiting at [[]ship-parcel], "
            "but it is waiting at [[]charge-card (job charge-card, activated by 'billing', retries 3)].",
            "E *   2021-01-01 00:05:00.000  EVENT JOB_BATCH ACTIVATED charge-card key=*",
        ]
    )


def test_variable_and_path_failures_say_what_is_there(order: pytest.Pytester) -> None:
    order.makepyfile(
        """
        import pytest
        from pytest_zeebe import assert_that

        @pytest.fixture
        def order(zeebe):
            instance = zeebe.create_instance("order-fulfilment", {"orderId": "A-42", "paid": True})
            return instance

        pytestmark = pytest.mark.zeebe_deploy("order.bpmn")

        def test_value(order):
            assert_that(order).has_variable_with_value("paid", 1)

        def test_missing(order):
            assert_that(order).has_variable("receipt")

        def test_not_passed(order):
            assert_that(order).has_passed("charge-card")

        def test_exactly(order):
            assert_that(order).is_waiting_exactly_at("ship-parcel")

        def test_not_waiting(order):
            assert_that(order).is_not_waiting_at("charge-card")

        def test_terminated(order):
            assert_that(order).is_terminated()
        """
    )
    result = order.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=6)
    name = "workflow instance 2251799813685251 (order-fulfilment)"
    result.stdout.fnmatch_lines(
        [
            f"E * Expected variable 'paid' of {name} in its root scope to be 1, but it is true.",
            f"E * Expected {name} to have a variable 'receipt' in its root scope, but it has none there.",
            f"E * Expected {name} to have passed [[]charge-card], but it has not passed [[]charge-card]; "
            "it passed [[]order-received, to-charge].",
            f"E * Expected {name} to be waiting exactly at [[]ship-parcel], but it is waiting at "
            "[[]charge-card (job charge-card, retries 3)] (not waiting at [[]ship-parcel]; also waiting at "
            "[[]charge-card]).",
            f"E * Expected {name} not to be waiting at [[]charge-card], but it is waiting at "
            "[[]charge-card (job charge-card, retries 3)].",
            f"E * Expected {name} to be terminated, but it is waiting at [[]charge-card (job charge-card, retries 3)].",
        ],
        consecutive=False,
    )


def test_job_and_deployment_failures(order: pytest.Pytester) -> None:
    order.makepyfile(
        """
        from datetime import timedelta
        from pytest_zeebe import assert_that

        def test_job(zeebe):
            zeebe.deploy("order.bpmn")
            zeebe.create_instance("order-fulfilment")
            (job,) = zeebe.activate_jobs("charge-card", timeout_ms=1000)
            zeebe.clock.advance(timedelta(seconds=2))
            assert_that(job).is_timed_out().has_retries(3)
            assert_that(job).is_completed()

        def test_deployment(zeebe):
            deployment = zeebe.deploy("order.bpmn")
            assert_that(deployment).contains_workflows("order-fulfilment").has_version("order-fulfilment", 1)
            assert_that(deployment).contains_resources("order.bpmn").contains_workflows("billing")
        """
    )
    result = order.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(
        [
            "E * Expected job 2251799813685256 (charge-card at charge-card) to be completed, but its last outcome is "
            "TIMED_OUT (state ACTIVATABLE, retries 3; events: CREATED 00:00:00.000, ACTIVATED 00:00:00.000, "
            "TIMED_OUT 00:00:01.001).",
            "E * Expected deployment 2251799813685250 to contain the workflows [[]billing], but [[]billing] are "
            "missing; it contains [[]order-fulfilment v1 (order.bpmn)].",
        ],
        consecutive=False,
    )


def test_assert_that_names_what_it_accepts_and_when_it_works(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest
        from pytest_zeebe import assert_that
        from pytest_zeebe.errors import NoHarnessError

        def test_without_the_fixture():
            with pytest.raises(NoHarnessError, match="needs an active pytest-zeebe harness"):
                assert_that(2251799813685251)

        def test_wrong_type(zeebe):
            with pytest.raises(TypeError, match="assert_that[(][)] takes one of int, WorkflowInstance, "
                                                "InstanceResult, ActivatedJob, Job, PublishedMessage, Incident, "
                                                "Deployment; got str 'x'"):
                assert_that("x")
            with pytest.raises(TypeError, match="got bool True"):
                assert_that(True)
        """
    )
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=2)
