"""Variables through gRPC: scopes, mappings, job variables, VARIABLE records, SetVariables, documents.

The tables are Zeebe 0.26's own (`ET/variable/mapping/{Job,Activity}{Input,Output}MappingTest`),
row by row; SEMANTICS §4 explains the rules behind them.
"""

from __future__ import annotations

import json

import grpc
import pytest

from pytest_zeebe.testing.harness import ZeebeHarness
from tests.support.bpmn import Process
from tests.support.wire import ON_PARTITION_1_UNUSED, Wire, element_key, rejected, rpc_error, variables_in


@pytest.fixture
def wire(zeebe: ZeebeHarness) -> Wire:
    return Wire(zeebe)


def _task_process(inputs: dict[str, str] | None = None, outputs: dict[str, str] | None = None) -> Process:
    p = Process("p")
    p.start("s").task("task", "work", inputs=inputs, outputs=outputs).end("e")
    return p


# (job variables, input mappings, output mappings, task-scope records, root-scope records after `i`)
JOB_OUTPUT_MAPPINGS = [
    ({"x": 1}, None, None, [], [("CREATED", "x", "1")]),
    ({"x": 1}, None, {"x": "x"}, [("CREATED", "x", "1")], [("CREATED", "x", "1")]),
    ({"x": 1}, None, {"y": "x"}, [("CREATED", "x", "1")], [("CREATED", "y", "1")]),
    ({"x": 1, "y": 2}, None, {"z": "y"}, [("CREATED", "x", "1"), ("CREATED", "y", "2")], [("CREATED", "z", "2")]),
    ({"x": {"y": 2}}, None, None, [], [("CREATED", "x", '{"y":2}')]),
    ({"x": {"y": 2}}, None, {"y": "x"}, [("CREATED", "x", '{"y":2}')], [("CREATED", "y", '{"y":2}')]),
    ({"x": {"y": 2}}, None, {"y": "x.y"}, [("CREATED", "x", '{"y":2}')], [("CREATED", "y", "2")]),
    (
        {"x": 1, "y": 2},
        None,
        {"z.x": "x", "z.y": "y"},
        [("CREATED", "x", "1"), ("CREATED", "y", "2")],
        [("CREATED", "z", '{"x":1,"y":2}')],
    ),
    ({"i": 1}, None, None, [], [("UPDATED", "i", "1")]),
    ({"x": 1}, None, {"i": "x"}, [("CREATED", "x", "1")], [("UPDATED", "i", "1")]),
    ({"x": 1}, {"y": "i"}, {"z": "y"}, [("CREATED", "y", "0"), ("CREATED", "x", "1")], [("CREATED", "z", "0")]),
    ({"x": 1}, {"x": "i"}, {"y": "x"}, [("CREATED", "x", "0"), ("UPDATED", "x", "1")], [("CREATED", "y", "1")]),
    (
        {"x": 1, "y": 2},
        {"x": "i", "y": "i"},
        {"z": "y"},
        [("CREATED", "x", "0"), ("CREATED", "y", "0"), ("UPDATED", "x", "1"), ("UPDATED", "y", "2")],
        [("CREATED", "z", "2")],
    ),
    ({"x": 1}, {"y": "i"}, None, [("CREATED", "y", "0")], [("CREATED", "x", "1")]),
    ({"z": 1, "j": 1}, {"z": "i"}, None, [("CREATED", "z", "0"), ("UPDATED", "z", "1")], [("CREATED", "j", "1")]),
]


@pytest.mark.parametrize(
    ("job_variables", "inputs", "outputs", "task_records", "root_records"),
    JOB_OUTPUT_MAPPINGS,
    ids=[f"row{n}" for n in range(1, len(JOB_OUTPUT_MAPPINGS) + 1)],
)
def test_job_output_mappings(
    zeebe: ZeebeHarness,
    wire: Wire,
    job_variables: dict[str, object],
    inputs: dict[str, str] | None,
    outputs: dict[str, str] | None,
    task_records: list[tuple[str, str, str]],
    root_records: list[tuple[str, str, str]],
) -> None:
    """JobOutputMappingTest, every row (instance started with {i: 0}). Without output mappings the
    job's variables propagate from the task scope; with them, they are set locally and the
    mappings' result propagates from the flow scope (BpmnVariableMappingBehavior#applyOutputMappings).

    Zeebe's test checks the first records of each scope as a set; this asserts every record, in
    order, which also pins that a job variable shadowed by an input mapping is updated locally.
    """
    wire.deploy(_task_process(inputs, outputs))
    key = wire.create("p", {"i": 0})
    wire.complete(wire.job("work").key, job_variables)
    task = element_key(zeebe, key, "task")
    assert variables_in(zeebe, task) == task_records
    assert variables_in(zeebe, key) == [("CREATED", "i", "0"), *root_records]
    assert zeebe.records.workflow_instance(element_id="p", intent="ELEMENT_COMPLETED")
    zeebe.server.engine.check_replay()


@pytest.mark.parametrize(
    ("variables", "inputs", "job_sees"),
    [
        ({}, None, {}),
        ({"x": 1, "y": 2}, None, {"x": 1, "y": 2}),
        ({"x": {"y": 2}}, None, {"x": {"y": 2}}),
        ({"x": 1}, {"y": "x"}, {"x": 1, "y": 1}),
        ({"x": 1}, {"y": "x", "z": "x"}, {"x": 1, "y": 1, "z": 1}),
        ({"x": {"y": 2}}, {"y": "x.y"}, {"x": {"y": 2}, "y": 2}),
    ],
)
def test_job_input_mappings(
    wire: Wire, variables: dict[str, object], inputs: dict[str, str] | None, job_sees: dict[str, object]
) -> None:
    """JobInputMappingTest, every row: the job carries every variable visible from its task."""
    wire.deploy(_task_process(inputs))
    wire.create("p", variables)
    assert json.loads(wire.job("work").variables) == job_sees


@pytest.mark.parametrize(
    ("variables", "inputs", "sub_records"),
    [
        ({"x": 1}, {"x": "x"}, [("CREATED", "x", "1")]),
        ({"x": 1}, {"y": "x"}, [("CREATED", "y", "1")]),
        ({"x": 1, "y": 2}, {"z": "y"}, [("CREATED", "z", "2")]),
        ({"x": {"y": 2}}, {"x": "x"}, [("CREATED", "x", '{"y":2}')]),
        ({"x": {"y": 2}}, {"y": "x.y"}, [("CREATED", "y", "2")]),
    ],
)
def test_sub_process_input_mappings(
    zeebe: ZeebeHarness,
    wire: Wire,
    variables: dict[str, object],
    inputs: dict[str, str],
    sub_records: list[tuple[str, str, str]],
) -> None:
    """ActivityInputMappingTest, every row: inputs are set locally in the sub-process scope."""
    p = Process("p")
    p.start("s").sub_process("sub", inputs=inputs).end("e")
    p.scope("sub").start("sub-start").end("sub-end")
    wire.deploy(p)
    key = wire.create("p", variables)
    assert variables_in(zeebe, element_key(zeebe, key, "sub")) == sub_records
    assert len(variables_in(zeebe, key)) == len(variables)  # the root scope only got the request's


@pytest.mark.parametrize(
    ("variables", "inputs", "outputs", "root_records"),
    [
        ({"x": 1}, None, {"y": "x"}, [("CREATED", "y", "1")]),
        ({"x": 1, "y": 2}, None, {"z": "y"}, [("CREATED", "z", "2")]),
        ({"x": 1}, {"y": "x"}, {"z": "y"}, [("CREATED", "z", "1")]),
        ({"x": 1}, {"y": "x"}, {"z": "x"}, [("CREATED", "z", "1")]),
        ({"x": {"y": 2}}, None, {"z": "x"}, [("CREATED", "z", '{"y":2}')]),
        ({"x": {"y": 2}}, None, {"z": "x.y"}, [("CREATED", "z", "2")]),
        ({"z": {"x": 1}, "y": 2}, None, {"z.y": "y"}, [("UPDATED", "z", '{"x":1,"y":2}')]),
        ({"x": 1, "y": 2}, None, {"z.x": "x", "z.y": "y"}, [("CREATED", "z", '{"x":1,"y":2}')]),
    ],
)
def test_sub_process_output_mappings(
    zeebe: ZeebeHarness,
    wire: Wire,
    variables: dict[str, object],
    inputs: dict[str, str] | None,
    outputs: dict[str, str],
    root_records: list[tuple[str, str, str]],
) -> None:
    """ActivityOutputMappingTest, every row: evaluated in the sub-process scope when it completes,
    propagated from its flow scope; a nested target merges into the existing object (appendTo)."""
    p = Process("p")
    p.start("s").sub_process("sub", inputs=inputs, outputs=outputs).end("e")
    p.scope("sub").start("sub-start").task("task", "work").end("sub-end")
    wire.deploy(p)
    key = wire.create("p", variables)
    wire.complete(wire.job("work").key)
    assert variables_in(zeebe, key)[len(variables) :] == root_records
    zeebe.server.engine.check_replay()


def test_sub_process_locals_are_dropped_and_others_propagate(zeebe: ZeebeHarness, wire: Wire) -> None:
    """D25 embedded-subprocesses.md: input-mapped locals vanish with the sub-process; a job variable
    of a task inside it propagates to the root unless a scope on the way defines it."""
    p = Process("p")
    p.start("s").sub_process("sub", inputs={"local": "1"}).task("after", "after")
    p.scope("sub").start("sub-start").task("task", "work").end("sub-end")
    wire.deploy(p)
    key = wire.create("p")
    wire.complete(wire.job("work").key, {"local": 2, "result": "r"})
    sub = element_key(zeebe, key, "sub")
    assert variables_in(zeebe, sub) == [("CREATED", "local", "1"), ("UPDATED", "local", "2")]
    assert variables_in(zeebe, key) == [("CREATED", "result", '"r"')]
    assert json.loads(wire.job("after").variables) == {"result": "r"}


def test_fetch_variable_limits_the_job_to_the_named_variables(wire: Wire) -> None:
    """JobBatchActivateProcessor#collectVariables: only the requested names, missing ones omitted;
    the innermost definition wins."""
    wire.deploy(_task_process(inputs={"a": "10"}))
    wire.create("p", {"a": 1, "b": 2, "c": 3})
    (job,) = wire.activate("work", fetch=("a", "c", "missing"))
    assert json.loads(job.variables) == {"a": 10, "c": 3}


def test_updates_keep_the_variable_key_and_unchanged_values_write_nothing(zeebe: ZeebeHarness, wire: Wire) -> None:
    """WorkflowInstanceVariableTest#shouldHaveSameKeyOnVariableUpdate and #shouldNotUpdateWithSameValue."""
    p = Process("p")
    p.start("s").task("a", "a").task("b", "b").task("c", "c")
    wire.deploy(p)
    key = wire.create("p", {"x": 1})
    wire.complete(wire.job("a").key, {"x": 1})
    wire.complete(wire.job("b").key, {"x": 2})
    records = list(zeebe.records.variables(name="x"))
    assert [(r.intent.value, r.value.value) for r in records] == [("CREATED", "1"), ("UPDATED", "2")]  # type: ignore[attr-defined]
    assert records[0].key == records[1].key
    value = records[1].value
    assert (value.scope_key, value.workflow_instance_key) == (key, key)  # type: ignore[attr-defined]
    assert (
        value.workflow_key
        == zeebe.records.deployments(intent="CREATED").first().value.deployed_workflows[0].workflow_key
    )  # type: ignore[attr-defined]


# -- SetVariables ---------------------------------------------------------------------------------


def _sub_process_waiting(wire: Wire) -> tuple[int, int]:
    p = Process("p")
    p.start("s").sub_process("sub", inputs={"shadow": "0"}).end("e")
    p.scope("sub").start("sub-start").task("task", "work").end("sub-end")
    wire.deploy(p)
    key = wire.create("p", {"shadow": "root", "x": 1})
    return key, element_key(wire.zeebe, key, "sub")


def test_set_variables_propagating(zeebe: ZeebeHarness, wire: Wire) -> None:
    """UpdateVariableDocumentProcessor, PROPAGATE: each variable where it is defined, else at the root;
    the response key is the VARIABLE_DOCUMENT UPDATED record's."""
    key, sub = _sub_process_waiting(wire)
    response_key = wire.set_variables(sub, {"shadow": 1, "x": 2, "new": 3})
    assert variables_in(zeebe, sub)[-1:] == [("UPDATED", "shadow", "1")]
    assert variables_in(zeebe, key)[-2:] == [("UPDATED", "x", "2"), ("CREATED", "new", "3")]
    (update, updated) = list(zeebe.records.variable_documents())
    assert (update.intent.value, updated.intent.value) == ("UPDATE", "UPDATED")
    assert updated.key == response_key
    assert updated.value.update_semantics == "PROPAGATE"  # type: ignore[attr-defined]
    assert updated.value.scope_key == sub  # type: ignore[attr-defined]
    assert zeebe.records.variables().last().position < updated.position
    zeebe.server.engine.check_replay()


def test_set_variables_local(zeebe: ZeebeHarness, wire: Wire) -> None:
    key, sub = _sub_process_waiting(wire)
    wire.set_variables(sub, {"x": 2, "new": 3}, local=True)
    assert variables_in(zeebe, sub)[-2:] == [("CREATED", "x", "2"), ("CREATED", "new", "3")]
    assert variables_in(zeebe, key) == [("CREATED", "shadow", '"root"'), ("CREATED", "x", "1")]
    assert zeebe.records.variable_documents(intent="UPDATED").first().value.update_semantics == "LOCAL"  # type: ignore[attr-defined]
    assert json.loads(wire.job("work").variables) == {"shadow": 0, "x": 2, "new": 3}


def test_set_variables_with_an_empty_document_writes_no_variable(zeebe: ZeebeHarness, wire: Wire) -> None:
    """G/RequestMapper#ensureJsonSet: an empty text is `{}`."""
    _, sub = _sub_process_waiting(wire)
    before = len(zeebe.records.variables())
    wire.set_variables(sub, "")
    assert len(zeebe.records.variables()) == before
    assert zeebe.records.variable_documents(intent="UPDATED")


def test_set_variables_on_an_element_that_is_gone_or_terminating(zeebe: ZeebeHarness, wire: Wire) -> None:
    """UpdateVariableDocumentProcessor: NOT_FOUND unless the scope is alive and not terminating."""
    key, sub = _sub_process_waiting(wire)
    wire.complete(wire.job("work").key)
    for scope in (sub, key, ON_PARTITION_1_UNUSED):
        code, details = rpc_error(lambda scope=scope: wire.set_variables(scope, {"a": 1}))  # type: ignore[misc]
        assert code is grpc.StatusCode.NOT_FOUND
        assert details == rejected(
            "UPDATE",
            "NOT_FOUND",
            f"Expected to update variables for element with key '{scope}', but no such element was found",
        )
    assert len(zeebe.records.rejections(value_type="VARIABLE_DOCUMENT")) == 3


@pytest.mark.parametrize(("document", "kind"), [("[1]", "ARRAY"), ("1", "INTEGER"), ('"s"', "STRING"), ("null", "NIL")])
def test_documents_must_be_json_objects(wire: Wire, document: str, kind: str) -> None:
    """QA/SetVariablesTest#shouldRejectIfVariablesAreInvalid, QA/CompleteJobTest: the gateway refuses
    a non-object document before the engine sees it (DocumentValue's text)."""
    _, sub = _sub_process_waiting(wire)
    job = wire.job("work")
    expected = (
        grpc.StatusCode.INVALID_ARGUMENT,
        f"Property 'variables' is invalid: Expected document to be a root level object, but was '{kind}'",
    )
    assert rpc_error(lambda: wire.set_variables(sub, document)) == expected
    assert rpc_error(lambda: wire.complete(job.key, document)) == expected
