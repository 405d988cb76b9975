"""Multi-instance service tasks and sub-processes through the gateway (SEMANTICS §1.3, §4).

Follows Zeebe 0.26's MultiInstanceActivityTest (parametrized parallel and sequential),
MultiInstanceInputCollectionTest and MultiInstanceSubProcessTest record by record.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from pytest_zeebe.testing.harness import ZeebeHarness
from tests.support.bpmn import Loop, Process
from tests.support.client import GatewayClient
from tests.support.flows import keys_of, lifecycle, subsequence, variables

ITEMS = [10, 20, 30]
RESULTS = [11, 22, 33]

PARALLEL_INNER = [
    *[("task", "SERVICE_TASK", "ELEMENT_ACTIVATING")] * 3,
    *[("task", "SERVICE_TASK", "ELEMENT_ACTIVATED")] * 3,
    *[("task", "SERVICE_TASK", "ELEMENT_COMPLETING"), ("task", "SERVICE_TASK", "ELEMENT_COMPLETED")] * 3,
]
SEQUENTIAL_INNER = [
    ("task", "SERVICE_TASK", "ELEMENT_ACTIVATING"),
    ("task", "SERVICE_TASK", "ELEMENT_ACTIVATED"),
    ("task", "SERVICE_TASK", "ELEMENT_COMPLETING"),
    ("task", "SERVICE_TASK", "ELEMENT_COMPLETED"),
] * 3


def workflow(
    loop: Loop | None = None,
    *,
    sequential: bool,
    inputs: dict[str, str] | None = None,
    outputs: dict[str, str] | None = None,
) -> bytes:
    loop = loop or Loop("items", "item", "results", "result")
    p = Process("process")
    p.start().task(
        "task",
        "work",
        loop=Loop(loop.input_collection, loop.input_element, loop.output_collection, loop.output_element, sequential),
        inputs=inputs,
        outputs=outputs,
    ).end()
    return p.xml()


def start(client: GatewayClient, **variables: object) -> int:
    return int(client.create_instance("process", json.dumps(variables)).workflowInstanceKey)


def complete_in_turn(
    client: GatewayClient, count: int, result: Callable[[int], object] = RESULTS.__getitem__
) -> list[dict[str, object]]:
    """Activate and complete one job at a time, the i-th with `{"result": result(i)}`; their variables."""
    seen = []
    for i in range(count):
        (job,) = client.activate("work", max_jobs=1)
        seen.append(json.loads(job.variables))
        client.complete(job.key, {"result": result(i)})
    return seen


@pytest.fixture(params=[False, True], ids=["parallel", "sequential"])
def sequential(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


def test_the_body_runs_the_activity_once_per_item(zeebe: ZeebeHarness, client: GatewayClient, sequential: bool) -> None:
    """shouldActivateActivitiesWithLoopCharacteristics, ...ForEachElement, shouldCompleteBody...,
    shouldGoThroughMultiInstanceActivity, shouldCreateOneJobForEachElement."""
    client.deploy_file("p.bpmn", workflow(sequential=sequential))
    key = start(client, items=ITEMS)
    complete_in_turn(client, 3)
    records = lifecycle(zeebe, workflow_instance_key=key, element_id="task")
    body = [r for r in records if r[1] == "MULTI_INSTANCE_BODY"]
    inner = [r for r in records if r[1] == "SERVICE_TASK"]
    assert body == [
        ("task", "MULTI_INSTANCE_BODY", "ELEMENT_ACTIVATING"),
        ("task", "MULTI_INSTANCE_BODY", "ELEMENT_ACTIVATED"),
        ("task", "MULTI_INSTANCE_BODY", "ELEMENT_COMPLETING"),
        ("task", "MULTI_INSTANCE_BODY", "ELEMENT_COMPLETED"),
    ]
    assert inner == (SEQUENTIAL_INNER if sequential else PARALLEL_INNER)
    assert records[:2] == body[:2] and records[-2:] == body[2:]
    (body_key,) = keys_of(
        zeebe, "ELEMENT_ACTIVATING", workflow_instance_key=key, bpmn_element_type="MULTI_INSTANCE_BODY"
    )
    inner_scopes = {r.value.flow_scope_key for r in zeebe.records.workflow_instance(bpmn_element_type="SERVICE_TASK")}
    assert inner_scopes == {body_key}
    assert subsequence(
        lifecycle(zeebe, workflow_instance_key=key),
        [
            ("start", "START_EVENT", "ELEMENT_COMPLETED"),
            ("start-task", "SEQUENCE_FLOW", "SEQUENCE_FLOW_TAKEN"),
            ("task", "MULTI_INSTANCE_BODY", "ELEMENT_ACTIVATING"),
            ("task", "MULTI_INSTANCE_BODY", "ELEMENT_COMPLETED"),
            ("task-end", "SEQUENCE_FLOW", "SEQUENCE_FLOW_TAKEN"),
            ("end", "END_EVENT", "ELEMENT_COMPLETED"),
            ("process", "PROCESS", "ELEMENT_COMPLETED"),
        ],
    )
    assert [r.value.element_id for r in zeebe.records.jobs(intent="CREATED")] == ["task"] * 3
    zeebe.server.engine.check_replay()


def test_each_inner_instance_gets_its_item_a_null_output_and_its_loop_counter(
    zeebe: ZeebeHarness, client: GatewayClient, sequential: bool
) -> None:
    """shouldSetInputElementVariable, shouldSetLoopCounterVariable, shouldSetOutputElementVariable,
    shouldNotPropagateInputElementVariable, shouldNotPropagateOutputElementVariable: locals of the inner
    instance, in Zeebe's order (input element, output element, loopCounter)."""
    client.deploy_file("p.bpmn", workflow(sequential=sequential))
    key = start(client, items=ITEMS)
    seen = complete_in_turn(client, 3)
    assert [job["item"] for job in seen] == ITEMS
    assert [job["loopCounter"] for job in seen] == [1, 2, 3]
    inner = keys_of(zeebe, "ELEMENT_ACTIVATING", workflow_instance_key=key, bpmn_element_type="SERVICE_TASK")
    created = [v for v in variables(zeebe, workflow_instance_key=key) if v[0] == "CREATED" and v[3] in inner]
    assert created == [
        entry
        for scope, (item, counter) in zip(inner, zip(ITEMS, [1, 2, 3], strict=True), strict=True)
        for entry in [
            ("CREATED", "item", str(item), scope),
            ("CREATED", "result", "null", scope),
            ("CREATED", "loopCounter", str(counter), scope),
        ]
    ]
    updated = [v for v in variables(zeebe, name="result") if v[0] == "UPDATED"]
    assert updated == [("UPDATED", "result", str(r), scope) for r, scope in zip(RESULTS, inner, strict=True)]
    at_root = {name for _, name, _, scope in variables(zeebe, workflow_instance_key=key) if scope == key}
    assert at_root == {"items", "results"}
    zeebe.server.engine.check_replay()


def test_the_output_collection_is_a_local_of_the_body_filled_in_loop_order(
    zeebe: ZeebeHarness, client: GatewayClient, sequential: bool
) -> None:
    """shouldCollectOutputInVariable, shouldSetOutputCollectionVariable: created with nulls when the
    body is activated, filled at each inner instance's index, propagated when the body completes."""
    client.deploy_file("p.bpmn", workflow(sequential=sequential))
    key = start(client, items=ITEMS)
    complete_in_turn(client, 3)
    (body,) = keys_of(zeebe, "ELEMENT_ACTIVATING", workflow_instance_key=key, bpmn_element_type="MULTI_INSTANCE_BODY")
    assert variables(zeebe, name="results") == [
        ("CREATED", "results", "[null,null,null]", body),
        ("UPDATED", "results", "[11,null,null]", body),
        ("UPDATED", "results", "[11,22,null]", body),
        ("UPDATED", "results", "[11,22,33]", body),
        ("CREATED", "results", "[11,22,33]", key),
    ]
    zeebe.server.engine.check_replay()


def test_the_outputs_land_at_their_loop_counter_whatever_the_completion_order(
    zeebe: ZeebeHarness, client: GatewayClient
) -> None:
    """Parallel inner instances completed last-first still fill their own index."""
    client.deploy_file("p.bpmn", workflow(sequential=False))
    key = start(client, items=ITEMS)
    jobs = client.activate("work")
    for job in reversed(jobs):
        client.complete(job.key, {"result": json.loads(job.variables)["item"] + 1})
    assert variables(zeebe, name="results", scope_key=key) == [("CREATED", "results", "[11,21,31]", key)]
    zeebe.server.engine.check_replay()


def test_an_empty_collection_completes_the_body_at_once(
    zeebe: ZeebeHarness, client: GatewayClient, sequential: bool
) -> None:
    """shouldSkipIfCollectionIsEmpty, shouldSetEmptyOutputCollectionIfSkip."""
    client.deploy_file("p.bpmn", workflow(sequential=sequential))
    key = start(client, items=[])
    assert lifecycle(zeebe, workflow_instance_key=key, element_id="task") == [
        ("task", "MULTI_INSTANCE_BODY", "ELEMENT_ACTIVATING"),
        ("task", "MULTI_INSTANCE_BODY", "ELEMENT_ACTIVATED"),
        ("task", "MULTI_INSTANCE_BODY", "ELEMENT_COMPLETING"),
        ("task", "MULTI_INSTANCE_BODY", "ELEMENT_COMPLETED"),
    ]
    assert [v[2] for v in variables(zeebe, name="results")] == ["[]", "[]"]
    zeebe.assert_that(key).is_completed()
    zeebe.server.engine.check_replay()


def test_without_input_element_or_output_collection_nothing_of_theirs_is_written(
    zeebe: ZeebeHarness, client: GatewayClient, sequential: bool
) -> None:
    """shouldIgnoreInputElementVariableIfNotDefined, shouldIgnoreOutputCollectionVariableIfNotDefined."""
    client.deploy_file("p.bpmn", workflow(Loop("items"), sequential=sequential))
    key = start(client, items=ITEMS)
    seen = complete_in_turn(client, 3)
    assert [(job["loopCounter"], "item" in job) for job in seen] == [(1, False), (2, False), (3, False)]
    assert {name for _, name, _, _ in variables(zeebe)} == {"items", "loopCounter", "result"}
    assert variables(zeebe, name="result") == [
        ("CREATED", "result", "11", key),
        ("UPDATED", "result", "22", key),
        ("UPDATED", "result", "33", key),
    ]
    zeebe.server.engine.check_replay()


def test_nested_collections_and_computed_outputs(zeebe: ZeebeHarness, client: GatewayClient, sequential: bool) -> None:
    """shouldIterateOverNestedInputCollection, shouldCollectNestedOutputElements (the path's first
    name is initialised to null), shouldCollectOutputElementsFromExpression (nothing initialised)."""
    nested = Loop("nested.items", "item", "results", "result.nested")
    client.deploy_file("p.bpmn", workflow(nested, sequential=sequential))
    key = start(client, nested={"items": ITEMS})
    seen = complete_in_turn(client, 3, lambda i: {"nested": RESULTS[i]})
    assert [job["item"] for job in seen] == ITEMS
    assert [v for v in variables(zeebe, name="result") if v[0] == "CREATED"] == [
        ("CREATED", "result", "null", scope)
        for scope in keys_of(zeebe, "ELEMENT_ACTIVATING", workflow_instance_key=key, bpmn_element_type="SERVICE_TASK")
    ]
    assert variables(zeebe, name="results", scope_key=key) == [("CREATED", "results", "[11,22,33]", key)]

    computed = Loop("items", "item", "results", "number(string(loopCounter) + string(loopCounter))")
    client.deploy_file("p.bpmn", workflow(computed, sequential=sequential))
    second = start(client, items=ITEMS)
    complete_in_turn(client, 3)
    names = {name for _, name, _, _ in variables(zeebe, workflow_instance_key=second)}
    assert names == {"items", "item", "loopCounter", "result", "results"}
    assert variables(zeebe, name="results", scope_key=second) == [("CREATED", "results", "[11,22,33]", second)]
    zeebe.server.engine.check_replay()


@pytest.mark.parametrize(
    "collection",
    [["a"], [True, False], [10, 20, 30], [{"x": 1}, {"x": 2}, {"x": 3}], ["task", None, True, 40]],
)
def test_any_json_items_become_the_input_element(
    zeebe: ZeebeHarness, client: GatewayClient, collection: list[object]
) -> None:
    """MultiInstanceInputCollectionTest: one inner instance per item, the item as a local variable."""
    p = Process("process")
    p.start().task("task", "work", loop=Loop("items", "item")).end()
    client.deploy_file("p.bpmn", p.xml())
    key = start(client, items=collection)
    inner = keys_of(zeebe, "ELEMENT_ACTIVATED", workflow_instance_key=key, bpmn_element_type="SERVICE_TASK")
    assert len(inner) == len(collection)
    assert variables(zeebe, name="item") == [
        ("CREATED", "item", json.dumps(item, separators=(",", ":")), scope)
        for item, scope in zip(collection, inner, strict=True)
    ]
    zeebe.server.engine.check_replay()


def test_input_and_output_mappings_apply_per_inner_instance(
    zeebe: ZeebeHarness, client: GatewayClient, sequential: bool
) -> None:
    """shouldApplyInputMapping, shouldApplyOutputMapping: outputs of an inner instance are set in its own
    scope (so `result` is overridden there) and propagate from it (so `global` reaches the root)."""
    xml = workflow(
        sequential=sequential,
        inputs={"x": "item", "y": "loopCounter"},
        outputs={"result": "loopCounter", "global": "loopCounter"},
    )
    client.deploy_file("p.bpmn", xml)
    key = start(client, items=ITEMS)
    complete_in_turn(client, 3)
    inner = keys_of(zeebe, "ELEMENT_ACTIVATED", workflow_instance_key=key, bpmn_element_type="SERVICE_TASK")
    written = variables(zeebe, workflow_instance_key=key)
    for scope, item, counter in zip(inner, ITEMS, [1, 2, 3], strict=True):
        assert ("CREATED", "x", str(item), scope) in written
        assert ("CREATED", "y", str(counter), scope) in written
    assert [(v[2], v[3]) for v in written if v[1] == "global"] == [("1", key), ("2", key), ("3", key)]
    assert variables(zeebe, name="results", scope_key=key) == [("CREATED", "results", "[1,2,3]", key)]
    zeebe.server.engine.check_replay()


def test_cancelling_terminates_the_inner_instances_and_cancels_their_jobs(
    zeebe: ZeebeHarness, client: GatewayClient, sequential: bool
) -> None:
    """shouldCancelJobsOnTermination, shouldTerminateInstancesOnTerminatingBody."""
    client.deploy_file("p.bpmn", workflow(sequential=sequential))
    key = start(client, items=ITEMS)
    complete_in_turn(client, 2)
    open_jobs = [r.key for r in zeebe.records.jobs(intent="CREATED")][2:]
    client.cancel(key)
    assert [r.key for r in zeebe.records.jobs(intent="CANCELED")] == open_jobs
    assert lifecycle(zeebe, workflow_instance_key=key)[-6:] == [
        ("process", "PROCESS", "ELEMENT_TERMINATING"),
        ("task", "MULTI_INSTANCE_BODY", "ELEMENT_TERMINATING"),
        ("task", "SERVICE_TASK", "ELEMENT_TERMINATING"),
        ("task", "SERVICE_TASK", "ELEMENT_TERMINATED"),
        ("task", "MULTI_INSTANCE_BODY", "ELEMENT_TERMINATED"),
        ("process", "PROCESS", "ELEMENT_TERMINATED"),
    ]
    zeebe.server.engine.check_replay()


def test_an_output_element_naming_the_input_element_erases_the_item(zeebe: ZeebeHarness, client: GatewayClient) -> None:
    """camunda/camunda#4687, as Zeebe 0.26 has it: the output element's variable is set to null after
    the input element, in the same scope, so the inner activity sees `item = null` (fixed only in
    1.3.14 / 8.0.x by camunda/camunda#9947)."""
    client.deploy_file("p.bpmn", workflow(Loop("items", "item", "results", "item"), sequential=False))
    key = start(client, items=ITEMS)
    (first, *_) = keys_of(zeebe, "ELEMENT_ACTIVATING", workflow_instance_key=key, bpmn_element_type="SERVICE_TASK")
    assert variables(zeebe, scope_key=first) == [
        ("CREATED", "item", "10", first),
        ("UPDATED", "item", "null", first),
        ("CREATED", "loopCounter", "1", first),
    ]
    assert [json.loads(job.variables)["item"] for job in client.activate("work")] == [None, None, None]
    zeebe.server.engine.check_replay()


def test_a_sequential_output_collection_named_as_the_input_collection_hides_it(
    zeebe: ZeebeHarness, client: GatewayClient
) -> None:
    """camunda/camunda#7330 for a sequential body: the output collection is a local of the body, so
    from the second iteration on the input collection read is the half-filled output collection
    [derived from MultiInstanceBodyProcessor#onChildCompleted, which reads it from the inner scope]."""
    client.deploy_file("p.bpmn", workflow(Loop("items", "item", "items", "result"), sequential=True))
    key = start(client, items=ITEMS)
    seen = complete_in_turn(client, 3)
    assert [job["item"] for job in seen] == [10, None, None]
    assert variables(zeebe, name="items", scope_key=key)[-1] == ("UPDATED", "items", "[11,22,33]", key)
    zeebe.server.engine.check_replay()
