"""A processing step that fails (a bug of the fake) is undone and answered as Zeebe answers it.

Zeebe's ProcessingStateMachine#onError rolls the transaction back, writes a rejection for a command
("Expected to process event '...' without errors, but exception occurred with message '...'.")
and an ERROR record.
"""

from __future__ import annotations

import pytest

from pytest_zeebe.engine import commands
from pytest_zeebe.engine.context import ProcessingContext
from pytest_zeebe.engine.engine import Engine
from pytest_zeebe.engine.intents import JobIntent, RecordType, ValueType, VariableIntent, WorkflowInstanceCreationIntent
from pytest_zeebe.engine.processors import PROCESSORS
from pytest_zeebe.engine.records import Record
from pytest_zeebe.engine.results import Accepted, Rejected
from pytest_zeebe.engine.values import VariableRecordValue
from pytest_zeebe.model import ResourceKind
from tests.support.client import RESOURCES

CREATE = (RecordType.COMMAND, ValueType.WORKFLOW_INSTANCE_CREATION, WorkflowInstanceCreationIntent.CREATE)


@pytest.fixture
def engine() -> Engine:
    engine = Engine()
    result = engine.submit(
        commands.deploy([("order.bpmn", (RESOURCES / "order.bpmn").read_bytes(), ResourceKind.BPMN)])
    )
    assert isinstance(result, Accepted)
    return engine


def test_a_failing_command_leaves_no_trace_but_its_rejection_and_an_error(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    def half_done(ctx: ProcessingContext, record: Record) -> None:
        ctx.write_event(
            ValueType.VARIABLE, VariableIntent.CREATED, ctx.next_key(), VariableRecordValue("a", "1", 99, 99, 1)
        )
        raise RuntimeError("boom")

    monkeypatch.setitem(PROCESSORS, CREATE, half_done)
    records_before = len(engine.log)
    result = engine.submit(commands.create_instance(partition_id=1, bpmn_process_id="order-process"))
    assert isinstance(result, Rejected)
    assert result.rejection_type.value == "PROCESSING_ERROR"
    assert result.reason.startswith("Expected to process event '<COMMAND WORKFLOW_INSTANCE_CREATION CREATE")
    assert result.reason.endswith("without errors, but exception occurred with message 'RuntimeError: boom'.")
    added = [(r.record_type.value, r.value_type.value, r.intent.value) for r in list(engine.log)[records_before:]]
    assert added == [
        ("COMMAND", "WORKFLOW_INSTANCE_CREATION", "CREATE"),
        ("COMMAND_REJECTION", "WORKFLOW_INSTANCE_CREATION", "CREATE"),
        ("EVENT", "ERROR", "CREATED"),
    ]
    error = engine.log[len(engine.log) - 1].value.to_dict()
    assert error["exceptionMessage"] == "RuntimeError: boom"
    assert error["errorEventPosition"] == engine.log[records_before].position
    assert engine.state.variables.scopes == {}
    assert [str(e) for e in engine.errors] == ["boom"]

    monkeypatch.undo()
    created = engine.submit(commands.create_instance(partition_id=1, bpmn_process_id="order-process"))
    assert isinstance(created, Accepted)
    assert created.value.workflow_instance_key == (1 << 51) + 3  # type: ignore[attr-defined]  (no key was spent)


def test_a_failing_event_writes_no_rejection(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    key = (RecordType.EVENT, ValueType.JOB, JobIntent.CREATED)

    def explode(ctx: ProcessingContext, record: Record) -> None:
        raise ValueError("bad job")

    monkeypatch.setitem(PROCESSORS, key, explode)
    engine.submit(commands.create_instance(partition_id=1, bpmn_process_id="order-process"))
    kinds = [(r.record_type.value, r.value_type.value, r.intent.value) for r in engine.log]
    assert ("EVENT", "ERROR", "CREATED") in kinds
    assert not any(kind == "COMMAND_REJECTION" for kind, _, _ in kinds)
    assert len(engine.state.jobs.jobs) == 1  # the JOB CREATED event before the failing step stays
