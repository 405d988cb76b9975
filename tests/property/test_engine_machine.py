"""The runtime core as a state machine: random commands over gRPC against a small reference model.

Hypothesis drives create / activate / complete / fail / update-retries / resolve / cancel /
set-variables / clock-advance (and commands on keys that name nothing) through the gateway; after
every step the engine is held to the model (engine_model.py) and to the core's invariants:

- a job is never active for two workers at once;
- keys are unique and increasing per partition (every key a step introduces is new and above
  every key of the steps before), positions count up by one per partition;
- every instance is active, completed or terminated, exactly as the model says;
- no incident outlives its element (or its job);
- replaying the log rebuilds the live state;
- no RPC answers INTERNAL or UNKNOWN, and each answers the status the model expects.

At the end of each run the same commands are sent again to a reset engine: the record log must
be identical (determinism). The default run takes a few seconds (a fifth of the profile's
examples, 25 steps each); `HYPOTHESIS_MAX_EXAMPLES=1000 STATEFUL_STEPS=80` runs a long one.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from datetime import timedelta
from typing import Any, ClassVar

import grpc
import pytest

pytest.importorskip("hypothesis")

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from pytest_zeebe.engine.engine import Engine, EngineConfig
from pytest_zeebe.engine.intents import RecordType
from pytest_zeebe.gateway.server import GatewayServer
from pytest_zeebe.testing.harness import ZeebeHarness
from tests.property.engine_model import PROCESS_IDS, Incident, Instance, Job, Model, processes
from tests.support.wire import ON_PARTITION_1_UNUSED, Wire

NEVER_ANSWERED = {grpc.StatusCode.INTERNAL, grpc.StatusCode.UNKNOWN}
CREATE_VARIABLES = [{}, {"n": 1}, {"n": 9}, {"x": 1}, {"result": "r"}, {"n": 9, "x": 1, "result": "r"}]
SET_VARIABLES = [{"n": 1}, {"n": 9}, {"x": 2}, {"result": "r"}]
JOB_VARIABLES = [{}, {"result": "done"}, {"x": 3}]
Operation = Callable[[Wire, ZeebeHarness], Any]


class EngineMachine(RuleBasedStateMachine):
    """One gateway for the whole run (class attributes), a fresh engine per example."""

    zeebe: ClassVar[ZeebeHarness]
    wire: ClassVar[Wire]

    def __init__(self) -> None:
        super().__init__()
        self.engine = self.zeebe.server.engine
        self.engine.reset()
        self.model = Model()
        self.operations: list[Operation] = []
        self.checked = 0
        self.max_key: dict[int, int] = {}
        self.key_types: dict[int, str] = {}
        self.positions: dict[int, int] = {}
        self.known_jobs: list[Job] = []
        self.known_incidents: list[Incident] = []
        self._send(lambda wire, zeebe: wire.deploy(*processes()))
        self._learn()

    # -- driving ------------------------------------------------------------------------------

    def _send(self, operation: Operation, expect: grpc.StatusCode | None = None) -> Any:
        """Run one operation, record it for the determinism replay, check its status."""
        self.operations.append(operation)
        try:
            result = operation(self.wire, self.zeebe)
        except grpc.RpcError as error:
            code, details = error.code(), error.details()  # type: ignore[attr-defined]
            assert code not in NEVER_ANSWERED, f"{code}: {details}"
            assert code == expect, f"expected {expect}, got {code}: {details}"
            return None
        assert expect is None, f"expected {expect}, but the call was accepted"
        return result

    def _job(self, index: int) -> Job | None:
        return self.known_jobs[index % len(self.known_jobs)] if self.known_jobs else None

    def _instance(self, index: int) -> Instance | None:
        created = [i for i in self.model.instances if i.key > 0]
        return created[index % len(created)] if created else None

    @rule(process=st.sampled_from(PROCESS_IDS), variables=st.sampled_from(CREATE_VARIABLES))
    def create(self, process: str, variables: dict[str, Any]) -> None:
        key = self._send(lambda wire, zeebe: wire.create(process, variables))
        instance = Instance(len(self.model.instances) + 1, process, key, variables=dict(variables))
        self.model.instances.append(instance)
        self.model.start(instance)
        self._learn()

    @rule(max_jobs=st.integers(1, 4), timeout=st.sampled_from([1_000, 60_000]))
    def activate(self, max_jobs: int, timeout: int) -> None:
        worker = f"worker-{len(self.operations)}"
        expected = self.model.activatable()[:max_jobs]
        jobs = self._send(lambda wire, zeebe: _activate(wire, worker, max_jobs, timeout))
        now = self.zeebe.clock.millis()
        assert [job.key for job in jobs] == [job.key for job in expected]
        for activated, job in zip(jobs, expected, strict=True):
            assert job.state != "ACTIVATED", f"job {job.key} is active for {job.worker} and {worker}"
            assert activated.worker == worker and activated.retries == job.retries
            job.state, job.deadline, job.worker = "ACTIVATED", now + timeout, worker
        self._learn()

    @rule(job=st.integers(0, 50), variables=st.sampled_from(JOB_VARIABLES))
    def complete(self, job: int, variables: dict[str, Any]) -> None:
        target = self._job(job)
        key = target.key if target else ON_PARTITION_1_UNUSED
        expect = _job_command_status(self.model, target)
        self._send(lambda wire, zeebe: wire.complete(key, variables), expect)
        if expect is None:
            assert target is not None
            self.model.complete(target, variables)
        self._learn()

    @rule(job=st.integers(0, 50), retries=st.integers(-1, 2))
    def fail(self, job: int, retries: int) -> None:
        target = self._job(job)
        key = target.key if target else ON_PARTITION_1_UNUSED
        expect = _job_command_status(self.model, target)
        self._send(lambda wire, zeebe: wire.fail(key, retries, f"failed with {retries}"), expect)
        if expect is None:
            assert target is not None
            self.model.fail(target, retries)
        self._learn()

    @rule(job=st.integers(0, 50), retries=st.integers(-1, 3))
    def update_retries(self, job: int, retries: int) -> None:
        target = self._job(job)
        key = target.key if target else ON_PARTITION_1_UNUSED
        exists = target is not None and target.key in self.model.jobs
        expect = grpc.StatusCode.INVALID_ARGUMENT if retries <= 0 else None if exists else grpc.StatusCode.NOT_FOUND
        self._send(lambda wire, zeebe: wire.update_retries(key, retries), expect)
        if expect is None:
            assert target is not None
            target.retries = retries
        self._learn()

    @rule(incident=st.integers(0, 50))
    def resolve(self, incident: int) -> None:
        target = self.known_incidents[incident % len(self.known_incidents)] if self.known_incidents else None
        key = target.key if target else ON_PARTITION_1_UNUSED
        is_open = target is not None and target.key in self.model.incidents
        self._send(lambda wire, zeebe: wire.resolve(key), None if is_open else grpc.StatusCode.NOT_FOUND)
        if is_open:
            assert target is not None
            self.model.resolve(target)
        self._learn()

    @rule(instance=st.integers(0, 50))
    def cancel(self, instance: int) -> None:
        target = self._instance(instance)
        key = target.key if target else ON_PARTITION_1_UNUSED
        active = target is not None and target.status == "active"
        self._send(lambda wire, zeebe: wire.cancel(key), None if active else grpc.StatusCode.NOT_FOUND)
        if active:
            assert target is not None
            self.model.cancel(target)
        self._learn()

    @rule(instance=st.integers(0, 50), variables=st.sampled_from(SET_VARIABLES), local=st.booleans())
    def set_variables(self, instance: int, variables: dict[str, Any], local: bool) -> None:
        target = self._instance(instance)
        key = target.key if target else ON_PARTITION_1_UNUSED
        active = target is not None and target.status == "active"
        expect = None if active else grpc.StatusCode.NOT_FOUND
        self._send(lambda wire, zeebe: wire.set_variables(key, variables, local=local), expect)
        if active:
            assert target is not None
            target.variables.update(variables)
        self._learn()

    @rule(instance=st.integers(0, 50), document=st.sampled_from(["[]", "1", "{oops"]))
    def set_a_bad_document(self, instance: int, document: str) -> None:
        target = self._instance(instance)
        key = target.key if target else ON_PARTITION_1_UNUSED
        self._send(lambda wire, zeebe: wire.set_variables(key, document), grpc.StatusCode.INVALID_ARGUMENT)
        self._learn()

    @rule(millis=st.sampled_from([500, 1_000, 30_000, 90_000]))
    def advance_clock(self, millis: int) -> None:
        self._send(lambda wire, zeebe: zeebe.clock.advance(timedelta(milliseconds=millis)))
        self.model.time_passes(self.zeebe.clock.millis())
        self._learn()

    # -- learning what the engine wrote ---------------------------------------------------------

    def _learn(self) -> None:
        """Read the step's records: check keys and positions, match new jobs and incidents to the model."""
        records = list(self.zeebe.records[self.checked :])
        self.checked += len(records)
        before = dict(self.max_key)
        for record in records:
            partition = record.partition_id
            assert record.position == self.positions.get(partition, 0) + 1, record
            self.positions[partition] = record.position
            if record.record_type is RecordType.EVENT and record.key > 0:
                known = self.key_types.get(record.key)
                if known is None:
                    # a key first seen is new: above every key its partition handed out in earlier
                    # steps (within a step Zeebe writes some before their key's elder, e.g. the
                    # creation's VARIABLE CREATED before the instance's ELEMENT_ACTIVATING)
                    owner = record.key >> 51
                    assert record.key > before.get(owner, 0), f"key {record.key} is not new: {record}"
                    self.max_key[owner] = max(record.key, self.max_key.get(owner, 0))
                    self.key_types[record.key] = record.value_type.value
                else:
                    assert known == record.value_type.value, f"key {record.key} names a {known} and a {record}"
        self._match_jobs([r for r in records if r.value_type.value == "JOB" and r.intent.value == "CREATED"])
        self._match_incidents([r for r in records if r.value_type.value == "INCIDENT" and r.intent.value == "CREATED"])

    def _match_jobs(self, created: list[Any]) -> None:
        expected = {(instance.key, element): instance for instance, element in self.model.expected_jobs()}
        assert sorted((r.value.workflow_instance_key, r.value.element_id) for r in created) == sorted(expected)
        for record in created:
            instance = expected[(record.value.workflow_instance_key, record.value.element_id)]
            job = Job(record.key, instance, record.value.element_id, retries=record.value.retries)
            self.model.jobs[job.key] = job
            self.known_jobs.append(job)

    def _match_incidents(self, created: list[Any]) -> None:
        expected = self.model.expected_incidents
        self.model.expected_incidents = []
        described = sorted(
            (instance.key, element, error_type, job.key if job else -1)
            for instance, element, error_type, job in expected
        )
        observed = sorted(
            (r.value.workflow_instance_key, r.value.element_id, r.value.error_type, r.value.job_key) for r in created
        )
        assert observed == described
        for record, (instance, element, error_type, job) in zip(
            sorted(created, key=lambda r: (r.value.workflow_instance_key, r.value.element_id, r.value.job_key)),
            sorted(expected, key=lambda e: (e[0].key, e[1], e[3].key if e[3] else -1)),
            strict=True,
        ):
            incident = Incident(record.key, instance, element, error_type, job)
            self.model.incidents[record.key] = incident
            self.known_incidents.append(incident)

    # -- invariants -----------------------------------------------------------------------------

    @invariant()
    def jobs_are_as_the_model_says(self) -> None:
        state = self.engine.state.jobs.jobs
        assert {key: job.state.value for key, job in state.items()} == {
            key: job.state for key, job in self.model.jobs.items()
        }
        for key, job in self.model.jobs.items():
            if job.state == "ACTIVATED":
                assert state[key].record.deadline == job.deadline
            assert state[key].record.retries == job.retries

    @invariant()
    def instances_are_active_completed_or_terminated(self) -> None:
        ended = {
            r.key: r.intent.value
            for r in self.zeebe.records.workflow_instance(
                bpmn_element_type="PROCESS", intent=["ELEMENT_COMPLETED", "ELEMENT_TERMINATED"]
            )
        }
        live = self.engine.state.elements.instances
        for instance in self.model.instances:
            status = {"ELEMENT_COMPLETED": "completed", "ELEMENT_TERMINATED": "terminated"}.get(
                ended.get(instance.key, "")
            )
            assert (status or "active") == instance.status, instance
            assert (instance.key in live) == (status is None), instance

    @invariant()
    def no_incident_outlives_its_element(self) -> None:
        state = self.engine.state
        assert set(state.incidents.incidents) == set(self.model.incidents)
        for incident in state.incidents.incidents.values():
            assert incident.element_instance_key in state.elements.instances, incident
            if incident.job_key > 0:
                assert incident.job_key in state.jobs.jobs, incident

    @invariant()
    def replay_rebuilds_the_state(self) -> None:
        self.engine.check_replay()
        assert not self.engine.errors and not self.zeebe.server.errors

    def teardown(self) -> None:
        """Determinism: the same commands on a reset engine write the same records."""
        first = self.zeebe.records.to_dicts()
        self.engine.reset()
        for operation in self.operations:
            with contextlib.suppress(grpc.RpcError):
                operation(self.wire, self.zeebe)
        assert self.zeebe.records.to_dicts() == first


def _activate(wire: Wire, worker: str, max_jobs: int, timeout: int) -> list[Any]:
    request = wire.m.ActivateJobsRequest(
        type="work", worker=worker, timeout=timeout, maxJobsToActivate=max_jobs, requestTimeout=-1
    )
    return [job for response in wire.stub.ActivateJobs(request, timeout=10) for job in response.jobs]


def _job_command_status(model: Model, job: Job | None) -> grpc.StatusCode | None:
    """Complete and Fail: accepted on ACTIVATABLE and ACTIVATED jobs (DefaultJobCommandProcessor)."""
    if job is None or job.key not in model.jobs:
        return grpc.StatusCode.NOT_FOUND
    return grpc.StatusCode.FAILED_PRECONDITION if model.jobs[job.key].state == "FAILED" else None


def _run(partitions: int, examples: int, steps: int) -> None:
    with GatewayServer(Engine(EngineConfig(partition_count=partitions))) as server:
        EngineMachine.zeebe = ZeebeHarness(server)
        EngineMachine.wire = Wire(EngineMachine.zeebe)
        run_state_machine_as_test(
            EngineMachine,
            settings=settings(settings.default, max_examples=examples, stateful_step_count=steps),
        )


@pytest.mark.parametrize("partitions", [1, 2])
def test_the_core_keeps_its_promises(partitions: int) -> None:
    """A few seconds by default; HYPOTHESIS_MAX_EXAMPLES and STATEFUL_STEPS run it longer."""
    _run(partitions, max(5, settings.default.max_examples // 5), int(os.environ.get("STATEFUL_STEPS", "25")))
