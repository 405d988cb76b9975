"""Mock workers: they act through the normal activation path, after every command (gRPC ones
too) and at every moment the clock steps to, with no threads."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from pytest_zeebe import assert_that
from pytest_zeebe.errors import MockWorkerError
from pytest_zeebe.testing.harness import ZeebeHarness
from pytest_zeebe.testing.mock_workers import MOCK_WORKER

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def zeebe_claims(zeebe: ZeebeHarness) -> ZeebeHarness:
    zeebe.deploy(EXAMPLES / "claim.bpmn")
    return zeebe


def test_a_mock_worker_activates_through_job_batches_and_completes(zeebe_claims: ZeebeHarness) -> None:
    zeebe = zeebe_claims
    assess = zeebe.worker("assess-claim").complete({"amount": 10}, checked=True)
    claim = zeebe.create_instance("claim-handling", {"claimId": "C-1"})
    batch = zeebe.records.job_batches(intent="ACTIVATED", type="assess-claim").first()
    assert batch.value.worker == MOCK_WORKER and len(batch.value.job_keys) == 1
    assert [r.intent for r in zeebe.records.jobs(key=batch.value.job_keys[0]).events()] == ["CREATED", "COMPLETED"]
    (invocation,) = assess.invocations
    assert invocation.action == "complete" and invocation.at == zeebe.clock.now()
    assert invocation.job.variables == {"claimId": "C-1"} and assess.jobs == [invocation.job]
    assert_that(claim).is_waiting_for_job("pay-out").has_variables(amount=10, checked=True)
    zeebe.server.engine.check_replay()


def test_workers_act_after_grpc_commands_too(zeebe_claims: ZeebeHarness) -> None:
    zeebe = zeebe_claims
    zeebe.worker("assess-claim").complete(amount=10)
    zeebe.worker("pay-out").complete()
    messages = zeebe.stub.messages
    response = zeebe.stub.CreateWorkflowInstanceWithResult(
        messages.CreateWorkflowInstanceWithResultRequest(
            request=messages.CreateWorkflowInstanceRequest(
                bpmnProcessId="claim-handling", version=-1, variables='{"claimId":"C"}'
            ),
            requestTimeout=5_000,
        ),
        timeout=10,
    )
    assert json.loads(response.variables) == {"claimId": "C", "amount": 10}


def test_fail_counts_retries_down_to_an_incident(zeebe_claims: ZeebeHarness) -> None:
    zeebe = zeebe_claims
    zeebe.worker("assess-claim").fail(message="no assessor")
    claim = zeebe.create_instance("claim-handling", {"claimId": "C-1"})
    failed = zeebe.records.jobs(intent="FAILED")
    assert [r.value.retries for r in failed] == [2, 1, 0]
    assert_that(claim).has_incident("JOB_NO_RETRIES", element="assess-claim")


def test_a_handler_gets_the_job_and_its_exception_fails_it(zeebe_claims: ZeebeHarness) -> None:
    zeebe = zeebe_claims
    seen = []

    def assess(job):  # type: ignore[no-untyped-def]
        seen.append(job.variables["claimId"])
        if job.retries == 3:
            raise RuntimeError("the assessor is out")
        return {"amount": 7}

    zeebe.worker("assess-claim").handle(assess)
    zeebe.worker("pay-out").handle(lambda job: zeebe.throw_error(job, "account-closed"))
    claim = zeebe.create_instance("claim-handling", {"claimId": "C-9"})
    assert seen == ["C-9", "C-9"]
    assert zeebe.records.jobs(intent="FAILED").first().value.error_message == "RuntimeError: the assessor is out"
    assert_that(claim).is_completed().has_passed("account-closed").has_variables(amount=7)


def test_after_acts_on_the_virtual_clock_since_the_job_was_created(zeebe_claims: ZeebeHarness) -> None:
    zeebe = zeebe_claims
    clock = zeebe.clock  # taken before the first mock worker exists: it steps for them all the same
    assess = zeebe.worker("assess-claim").after(timedelta(minutes=5)).complete(amount=10)
    claim = zeebe.create_instance("claim-handling", {"claimId": "C-1"})
    assert clock.next_due() == clock.now() + timedelta(minutes=5)
    clock.advance(timedelta(minutes=4))
    assert assess.invocations == []
    clock.advance(timedelta(hours=1))  # one long step: the worker still acts at minute 5
    (invocation,) = assess.invocations
    assert invocation.at.isoformat() == "2021-01-01T00:05:00+00:00"
    completed = zeebe.records.jobs(intent="COMPLETED").first()
    assert completed.timestamp == zeebe.clock.millis() - 59 * 60_000
    assert_that(claim).is_waiting_for_job("pay-out")


def test_a_job_cancelled_before_the_deferred_moment_is_left_alone(zeebe_claims: ZeebeHarness) -> None:
    zeebe = zeebe_claims
    assess = zeebe.worker("assess-claim").after(timedelta(minutes=5)).complete()
    claim = zeebe.create_instance("claim-handling", {"claimId": "C-1"})
    zeebe.cancel_instance(claim)
    zeebe.clock.advance(timedelta(minutes=10))
    assert assess.invocations == []
    assert_that(claim).is_terminated()


def test_a_worker_failing_forever_is_stopped_with_a_clear_error(zeebe_claims: ZeebeHarness) -> None:
    zeebe = zeebe_claims
    zeebe.worker("assess-claim").fail(retries=3)
    zeebe.create_instance("claim-handling", {"claimId": "C-1"})  # the idle listener records the error
    with pytest.raises(MockWorkerError, match="the mock workers acted 10000 times without the engine settling"):
        zeebe.run_until_idle()
    zeebe.worker("assess-claim").stop()
    zeebe.reset()


def test_create_instance_with_result_says_where_it_is_stuck(zeebe_claims: ZeebeHarness) -> None:
    zeebe = zeebe_claims
    zeebe.worker("assess-claim").complete(amount=5_000)
    with pytest.raises(AssertionError) as error:
        zeebe.create_instance_with_result("claim-handling", {"claimId": "C-1"})
    text = str(error.value)
    assert text.startswith(
        "Expected workflow instance 2251799813685251 (claim-handling) to complete, but nothing moves any more and "
        "it is waiting at [await-documents (timer documents-overdue due 2021-01-08 00:00:00.000; "
        "message 'documents-received')]. The clock does not move by itself: the next "
        "work falls due at 2021-01-08 00:00:00.000 (zeebe.clock.advance_to('2021-01-08T00:00:00+00:00')).\n\n"
        "State: active since 2021-01-01 00:00:00.000 (version 1)."
    ), text
    assert len(text) < 5000


def test_create_instance_with_result_rejections_and_fetch(zeebe_claims: ZeebeHarness) -> None:
    zeebe = zeebe_claims
    from pytest_zeebe.errors import CommandRejectedError

    with pytest.raises(CommandRejectedError, match="Expected to find workflow definition with process ID 'nope'"):
        zeebe.create_instance_with_result("nope")
    zeebe.worker("assess-claim").complete(amount=1)
    zeebe.worker("pay-out").complete(paid=True)
    result = zeebe.create_instance_with_result("claim-handling", {"claimId": "C"}, fetch_variables=["paid"])
    assert result.variables == {"paid": True} and result.bpmn_process_id == "claim-handling"
