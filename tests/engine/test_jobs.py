"""Jobs through gRPC: complete, fail, update retries, cancellation, rejections, batch cutting.

Record sequences and texts from Zeebe 0.26's `ET/job/*Test`, `ET/incident/JobFailIncidentTest`,
`ET/incident/JobActivationIncidentTest` and `QA/*JobTest`; SEMANTICS §5.
"""

from __future__ import annotations

import json

import grpc
import pytest

from pytest_zeebe.testing.harness import ZeebeHarness
from tests.support.bpmn import Process
from tests.support.wire import (
    ON_PARTITION_1_UNUSED,
    TERMINATED,
    Wire,
    element_key,
    incidents,
    kinds,
    of_element,
    rejected,
    rpc_error,
)


@pytest.fixture
def wire(zeebe: ZeebeHarness) -> Wire:
    p = Process("p")
    p.start("s").task("task", "work", headers={"h": "v"}).end("e")
    Wire(zeebe).deploy(p)
    return Wire(zeebe)


def _job_records(zeebe: ZeebeHarness) -> list[tuple[str, str, str]]:
    return kinds([r for r in zeebe.records if r.value_type.value in ("JOB", "JOB_BATCH")])


def test_complete_an_activated_job(zeebe: ZeebeHarness, wire: Wire) -> None:
    """CompleteJobTest#shouldCompleteJob: COMPLETED carries the completion variables; the job is gone."""
    key = wire.create("p")
    job = wire.job("work")
    assert json.loads(job.customHeaders) == {"h": "v"}
    assert (job.worker, job.retries, job.elementId, job.workflowInstanceKey) == ("wire", 3, "task", key)
    assert job.deadline == zeebe.clock.millis() + 60_000
    wire.complete(job.key, {"done": True})
    assert _job_records(zeebe) == [
        ("COMMAND", "JOB", "CREATE"),
        ("EVENT", "JOB", "CREATED"),
        ("COMMAND", "JOB_BATCH", "ACTIVATE"),
        ("EVENT", "JOB_BATCH", "ACTIVATED"),
        ("COMMAND", "JOB", "COMPLETE"),
        ("EVENT", "JOB", "COMPLETED"),
    ]
    completed = zeebe.records.jobs(intent="COMPLETED").first()
    assert completed.key == job.key
    assert dict(completed.value.variables) == {"done": True}  # type: ignore[attr-defined]
    assert completed.value.worker == "wire"  # type: ignore[attr-defined]
    assert of_element(zeebe, key, "p")[-1] == "ELEMENT_COMPLETED"
    assert zeebe.server.engine.state.jobs.get(job.key) is None
    zeebe.server.engine.check_replay()


def test_a_job_need_not_be_activated_to_be_completed_or_failed(zeebe: ZeebeHarness, wire: Wire) -> None:
    """DefaultJobCommandProcessor: ACTIVATABLE is as good as ACTIVATED (FailJobTest#shouldFailIfJobCreated)."""
    wire.create("p")
    wire.create("p")
    first, second = [r.key for r in zeebe.records.jobs(intent="CREATED")]
    wire.fail(first, 2, "later")
    wire.complete(second)
    assert [r.intent.value for r in zeebe.records.jobs().events()][-2:] == ["FAILED", "COMPLETED"]
    (again,) = wire.activate("work")
    assert (again.key, again.retries) == (first, 2)


def test_fail_with_retries_left_makes_the_job_activatable_again(zeebe: ZeebeHarness, wire: Wire) -> None:
    """FailJobTest#shouldFailJobAndRetry: same key, the new retries, the error message kept."""
    wire.create("p")
    job = wire.job("work")
    wire.fail(job.key, 2, "try again")
    failed = zeebe.records.jobs(intent="FAILED").first()
    assert failed.key == job.key
    assert (failed.value.retries, failed.value.error_message) == (2, "try again")  # type: ignore[attr-defined]
    (again,) = wire.activate("work")
    assert (again.key, again.retries) == (job.key, 2)
    assert _job_records(zeebe) == [
        ("COMMAND", "JOB", "CREATE"),
        ("EVENT", "JOB", "CREATED"),
        ("COMMAND", "JOB_BATCH", "ACTIVATE"),
        ("EVENT", "JOB_BATCH", "ACTIVATED"),
        ("COMMAND", "JOB", "FAIL"),
        ("EVENT", "JOB", "FAILED"),
        ("COMMAND", "JOB_BATCH", "ACTIVATE"),
        ("EVENT", "JOB_BATCH", "ACTIVATED"),
    ]
    assert not zeebe.records.incidents()
    zeebe.server.engine.check_replay()


@pytest.mark.parametrize(("message", "incident_message"), [("", "No more retries left."), ("boom", "boom")])
def test_fail_without_retries_raises_a_job_incident(
    zeebe: ZeebeHarness, wire: Wire, message: str, incident_message: str
) -> None:
    """JobFailIncidentTest#shouldCreateIncidentIfJobHasNoRetriesLeft / #shouldCreateIncidentWithJobErrorMessage."""
    key = wire.create("p")
    job = wire.job("work")
    wire.fail(job.key, 0, message)
    (incident,) = incidents(zeebe, key)
    task = element_key(zeebe, key, "task")
    value = incident.value
    assert value.to_dict() == {
        "errorType": "JOB_NO_RETRIES",
        "errorMessage": incident_message,
        "bpmnProcessId": "p",
        "workflowKey": value.workflow_key,  # type: ignore[attr-defined]
        "workflowInstanceKey": key,
        "elementId": "task",
        "elementInstanceKey": task,
        "jobKey": job.key,
        "variableScopeKey": task,
    }
    create = zeebe.records.incidents(intent="CREATE").first()
    assert create.source_record_position == zeebe.records.jobs(intent="FAILED").first().position
    assert wire.activate("work") == []
    code, details = rpc_error(lambda: wire.complete(job.key))
    assert code is grpc.StatusCode.FAILED_PRECONDITION
    assert details == rejected(
        "COMPLETE", "INVALID_STATE", f"Expected to complete job with key '{job.key}', but it is in state 'FAILED'"
    )
    code, details = rpc_error(lambda: wire.fail(job.key, 1))
    assert details == rejected(
        "FAIL", "INVALID_STATE", f"Expected to fail job with key '{job.key}', but it is in state 'FAILED'"
    )
    zeebe.server.engine.check_replay()


def test_update_retries_then_resolve_reactivates_the_job(zeebe: ZeebeHarness, wire: Wire) -> None:
    """JobFailIncidentTest#shouldResolveIncidentIfJobRetriesIncreased: the FAILED job stays FAILED
    after UpdateJobRetries; resolving its incident makes it activatable with the new retries."""
    key = wire.create("p")
    job = wire.job("work")
    wire.fail(job.key, 0)
    (incident,) = incidents(zeebe, key)
    wire.update_retries(job.key, 1)
    assert wire.activate("work") == []
    wire.resolve(incident.key)
    (again,) = wire.activate("work")
    assert (again.key, again.retries) == (job.key, 1)
    assert [r.intent.value for r in zeebe.records.jobs()] == [
        "CREATE",
        "CREATED",
        "FAIL",
        "FAILED",
        "UPDATE_RETRIES",
        "RETRIES_UPDATED",
    ]
    resolved = zeebe.records.incidents(intent="RESOLVED").first()
    assert resolved.source_record_position == zeebe.records.incidents(intent="RESOLVE").first().position
    wire.complete(again.key)
    assert of_element(zeebe, key, "p")[-1] == "ELEMENT_COMPLETED"
    zeebe.server.engine.check_replay()


def test_resolving_a_job_incident_without_new_retries_activates_it_with_zero(wire: Wire, zeebe: ZeebeHarness) -> None:
    """ResolveIncidentProcessor#attemptToSolveJobIncident does not check retries (SEMANTICS §8 [derived])."""
    key = wire.create("p")
    job = wire.job("work")
    wire.fail(job.key, 0)
    wire.resolve(incidents(zeebe, key)[0].key)
    (again,) = wire.activate("work")
    assert again.retries == 0


def test_update_retries_in_any_state_changes_only_the_retries(zeebe: ZeebeHarness, wire: Wire) -> None:
    """JobUpdateRetriesTest#shouldUpdateRetriesIfJobCreated / #IfJobActivated."""
    wire.create("p")
    wire.create("p")
    first, second = [r.key for r in zeebe.records.jobs(intent="CREATED")]
    wire.update_retries(first, 7)
    (activated, _other) = wire.activate("work")
    assert (activated.key, activated.retries) == (first, 7)
    wire.update_retries(second, 9)
    updated = zeebe.records.jobs(intent="RETRIES_UPDATED").last()
    assert (updated.key, updated.value.retries, updated.value.worker) == (second, 9, "wire")  # type: ignore[attr-defined]
    assert wire.activate("work") == []  # still ACTIVATED


@pytest.mark.parametrize("retries", [0, -1])
def test_update_retries_rejections(zeebe: ZeebeHarness, wire: Wire, retries: int) -> None:
    """UpdateRetriesProcessor's texts: INVALID_ARGUMENT before NOT_FOUND."""
    wire.create("p")
    job = zeebe.records.jobs(intent="CREATED").first().key
    code, details = rpc_error(lambda: wire.update_retries(job, retries))
    assert code is grpc.StatusCode.INVALID_ARGUMENT
    assert details == rejected(
        "UPDATE_RETRIES",
        "INVALID_ARGUMENT",
        f"Expected to update retries for job with key '{job}' with a positive amount of retries, "
        f"but the amount given was '{retries}'",
    )
    code, details = rpc_error(lambda: wire.update_retries(ON_PARTITION_1_UNUSED, 1))
    assert code is grpc.StatusCode.NOT_FOUND
    assert details == rejected(
        "UPDATE_RETRIES",
        "NOT_FOUND",
        f"Expected to update retries for job with key '{ON_PARTITION_1_UNUSED}', but no such job was found",
    )


@pytest.mark.parametrize(("rpc", "intent", "verb"), [("complete", "COMPLETE", "complete"), ("fail", "FAIL", "fail")])
def test_commands_on_a_job_that_is_gone(zeebe: ZeebeHarness, wire: Wire, rpc: str, intent: str, verb: str) -> None:
    """CompleteJobTest#shouldRejectCompletionIfJobIsCompleted, FailJobTest#shouldRejectFailIfJobCompleted."""
    wire.create("p")
    job = wire.job("work")
    wire.complete(job.key)
    for key in (job.key, ON_PARTITION_1_UNUSED):
        call = (lambda k=key: wire.complete(k)) if rpc == "complete" else (lambda k=key: wire.fail(k, 1))
        code, details = rpc_error(call)  # type: ignore[arg-type]
        assert code is grpc.StatusCode.NOT_FOUND
        assert details == rejected(
            intent, "NOT_FOUND", f"Expected to {verb} job with key '{key}', but no such job was found"
        )
    rejection = zeebe.records.rejections(value_type="JOB").first()
    assert (rejection.key, rejection.intent.value, rejection.rejection_type.value) == (job.key, intent, "NOT_FOUND")


def test_terminating_the_task_cancels_its_job_and_resolves_its_incident(zeebe: ZeebeHarness, wire: Wire) -> None:
    """JobFailIncidentTest#shouldDeleteIncidentIfJobIsCanceled, CancelWorkflowInstanceTest#shouldCancelJobForActivity:
    the task's TERMINATING writes JOB CANCEL and the incident's RESOLVED, both caused by it."""
    key = wire.create("p")
    job = wire.job("work")
    wire.fail(job.key, 0)
    (incident,) = incidents(zeebe, key)
    wire.cancel(key)
    terminating = zeebe.records.workflow_instance(intent="ELEMENT_TERMINATING", element_id="task").first()
    cancel = zeebe.records.jobs(intent="CANCEL").first()
    canceled = zeebe.records.jobs(intent="CANCELED").first()
    resolved = zeebe.records.incidents(intent="RESOLVED").first()
    assert cancel.source_record_position == terminating.position
    assert resolved.source_record_position == terminating.position
    assert canceled.source_record_position == cancel.position
    assert (canceled.key, resolved.key) == (job.key, incident.key)
    assert of_element(zeebe, key, "task")[-2:] == TERMINATED
    assert zeebe.server.engine.state.jobs.get(job.key) is None
    assert not zeebe.server.engine.state.incidents.incidents
    zeebe.server.engine.check_replay()


# -- batches --------------------------------------------------------------------------------------

MAX_BATCH_LENGTH = (4 * 1024 * 1024 - 8) // 2
"""JobBatchActivateProcessor: (maxFragmentSize - Long.BYTES) / 2, the dispatcher's fragment being the
4 MB maxMessageSize (DispatcherBuilder, PartitionContext)."""
METADATA_LENGTH = 42
"""RecordMetadata#getLength of a command: SBE header 8 + block 30 + rejection reason header 4."""


def _str(text: str) -> int:
    n = len(text.encode())
    return n + (1 if n < 32 else 2 if n < 256 else 3 if n < 65536 else 5)


def _int(value: int) -> int:
    if -32 <= value < 128:
        return 1
    if -(2**7) <= value < 2**8:
        return 2
    if -(2**15) <= value < 2**16:
        return 3
    return 5 if -(2**31) <= value < 2**32 else 9


def _job_length(job: object, big: str) -> int:
    """JobRecord#getLength as Zeebe's MsgPackWriter writes it, for a job whose only variable is
    `big` (a string); `variables` is a DocumentProperty (MessagePack bin around the document) and
    `customHeaders` a PackedProperty (the document as it is)."""
    document = 1 + _str("big") + _str(big)
    variables = document + (2 if document < 256 else 3 if document < 65536 else 5)
    headers = 1 + _str("h") + _str("v")
    fields = {
        "deadline": _int(job.deadline),  # type: ignore[attr-defined]
        "worker": _str(job.worker),  # type: ignore[attr-defined]
        "retries": _int(job.retries),  # type: ignore[attr-defined]
        "type": _str(job.type),  # type: ignore[attr-defined]
        "customHeaders": headers,
        "variables": variables,
        "errorMessage": _str(""),
        "errorCode": _str(""),
        "bpmnProcessId": _str(job.bpmnProcessId),  # type: ignore[attr-defined]
        "workflowDefinitionVersion": _int(job.workflowDefinitionVersion),  # type: ignore[attr-defined]
        "workflowKey": _int(job.workflowKey),  # type: ignore[attr-defined]
        "workflowInstanceKey": _int(job.workflowInstanceKey),  # type: ignore[attr-defined]
        "elementId": _str(job.elementId),  # type: ignore[attr-defined]
        "elementInstanceKey": _int(job.elementInstanceKey),  # type: ignore[attr-defined]
    }
    return 1 + sum(_str(name) + length for name, length in fields.items())


def _empty_batch_length(job_type: str, worker: str, timeout: int, max_jobs: int) -> int:
    """JobBatchRecord#getLength before any job is added (no fetched variables)."""
    return (
        1
        + _str("type")
        + _str(job_type)
        + _str("worker")
        + _str(worker)
        + _str("timeout")
        + _int(timeout)
        + _str("maxJobsToActivate")
        + _int(max_jobs)
        + sum(_str(name) + 1 for name in ("jobKeys", "jobs", "variables", "truncated"))
    )


def _spare_bytes(wire: Wire, zeebe: ZeebeHarness, big: str) -> int:
    """How far under the batch limit one job with variable `big` is, measured by activating it."""
    (job,) = wire.activate("work", max_jobs=1)
    wire.fail(job.key, 5)  # activatable again, same size once re-activated with the same deadline
    used = METADATA_LENGTH + _empty_batch_length("work", "wire", 60_000, 1) + _job_length(job, big)
    return MAX_BATCH_LENGTH - used


@pytest.mark.parametrize("extra", [0, 1])
def test_a_job_too_large_for_a_batch_raises_an_incident(zeebe: ZeebeHarness, wire: Wire, extra: int) -> None:
    """JobActivationIncidentTest, JobBatchActivateProcessor: a job fits when metadata + batch + job
    length <= (4 MB - 8) / 2; one byte more and, alone in its batch, it is disabled with a
    MESSAGE_SIZE_EXCEEDED incident and the batch is empty and truncated."""
    small = "x" * 70_000
    key = wire.create("p", {"big": small})
    spare = _spare_bytes(wire, zeebe, small)
    wire.set_variables(key, {"big": "x" * (len(small) + spare + extra)})
    before = len(zeebe.records.job_batches(intent="ACTIVATED"))
    jobs = wire.activate("work", max_jobs=1)
    batches = [r.value for r in zeebe.records.job_batches(intent="ACTIVATED")][before:]
    if extra == 0:
        assert len(jobs) == 1
        assert [(len(b.jobs), b.truncated) for b in batches] == [(1, False)]  # type: ignore[attr-defined]
        assert not zeebe.records.incidents()
        return
    # empty and truncated; the gateway asks the partition again, which has nothing left
    assert jobs == []
    assert [(len(b.jobs), b.truncated) for b in batches] == [(0, True), (0, False)]  # type: ignore[attr-defined]
    (incident,) = incidents(zeebe, key)
    job_key = zeebe.records.jobs(intent="CREATED").first().key
    assert incident.value.error_type == "MESSAGE_SIZE_EXCEEDED"  # type: ignore[attr-defined]
    assert incident.value.error_message == (  # type: ignore[attr-defined]
        f"The job with key '{job_key}' can not be activated because it is larger than the configured message "
        "size (4.0 MB). Try to reduce the size by reducing the number of fetched variables or modifying the "
        "variable values."
    )
    assert (incident.value.job_key, incident.value.element_id) == (job_key, "task")  # type: ignore[attr-defined]
    assert wire.activate("work") == []  # disabled: no record says so, the incident's CREATE does
    zeebe.server.engine.check_replay()

    wire.set_variables(key, {"big": "small now"})
    wire.resolve(incident.key)
    (job,) = wire.activate("work")
    assert json.loads(job.variables) == {"big": "small now"}


def test_a_full_batch_is_cut_and_the_gateway_asks_again(zeebe: ZeebeHarness, wire: Wire) -> None:
    """A batch that would outgrow the limit is cut and marked truncated; the 0.26 gateway then polls
    the same partition again for the rest (RoundRobinActivateJobsHandler, pollPrevPartition), so
    the client gets every job, in two responses."""
    for _ in range(3):
        wire.create("p", {"big": "y" * 800_000})
    request = wire.m.ActivateJobsRequest(
        type="work", worker="wire", timeout=1000, maxJobsToActivate=3, requestTimeout=-1
    )
    responses = list(wire.stub.ActivateJobs(request, timeout=10))
    assert [len(response.jobs) for response in responses] == [2, 1]
    batches = [r.value for r in zeebe.records.job_batches(intent="ACTIVATED")]
    assert [(len(b.jobs), b.truncated) for b in batches] == [(2, True), (1, False)]  # type: ignore[attr-defined]
    assert [b.max_jobs_to_activate for b in batches] == [3, 1]  # type: ignore[attr-defined]
