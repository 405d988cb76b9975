"""Multi-instance sub-processes and call activities (Zeebe 0.26's MultiInstanceSubProcessTest and
MultiInstanceCallActivityTest): each inner instance is a scope of its own, or a child instance."""

from __future__ import annotations

import json

from pytest_zeebe.testing.harness import ZeebeHarness
from tests.engine.test_call_activity import child_process
from tests.support.bpmn import Loop, Process
from tests.support.client import GatewayClient
from tests.support.flows import keys_of, lifecycle, variables


def sub_process_workflow(with_task: bool) -> bytes:
    p = Process("process")
    p.start().sub_process("sub-process", loop=Loop("items", "item")).end()
    inner = p.scope("sub-process")
    inner.start("inner-start")
    if with_task:
        inner.task("task", "test")
    inner.end("inner-end")
    return p.xml()


def test_each_inner_sub_process_runs_its_own_start_and_end(zeebe: ZeebeHarness, client: GatewayClient) -> None:
    """shouldActivateStartEventForEachElement, shouldActivateAllElementsOfSubProcess."""
    client.deploy_file("p.bpmn", sub_process_workflow(with_task=False))
    key = int(client.create_instance("process", json.dumps({"items": [10, 20, 30]})).workflowInstanceKey)
    inner = keys_of(zeebe, "ELEMENT_ACTIVATED", workflow_instance_key=key, bpmn_element_type="SUB_PROCESS")
    assert len(inner) == 3
    starts = [
        r.value.flow_scope_key
        for r in zeebe.records.workflow_instance(intent="ELEMENT_ACTIVATED", element_id="inner-start")
    ]
    assert starts == inner
    assert [(e, i) for e, _, i in lifecycle(zeebe, flow_scope_key=inner[0])] == [
        ("inner-start", "ELEMENT_ACTIVATING"),
        ("inner-start", "ELEMENT_ACTIVATED"),
        ("inner-start", "ELEMENT_COMPLETING"),
        ("inner-start", "ELEMENT_COMPLETED"),
        ("inner-start-inner-end", "SEQUENCE_FLOW_TAKEN"),
        ("inner-end", "ELEMENT_ACTIVATING"),
        ("inner-end", "ELEMENT_ACTIVATED"),
        ("inner-end", "ELEMENT_COMPLETING"),
        ("inner-end", "ELEMENT_COMPLETED"),
    ]
    zeebe.assert_that(key).is_completed()
    zeebe.server.engine.check_replay()


def test_inner_sub_processes_get_a_job_each_and_terminate_with_the_instance(
    zeebe: ZeebeHarness, client: GatewayClient
) -> None:
    """shouldCreateJobForEachSubProcess, shouldCancelSubProcessOnTermination."""
    client.deploy_file("p.bpmn", sub_process_workflow(with_task=True))
    key = int(client.create_instance("process", json.dumps({"items": [10, 20, 30]})).workflowInstanceKey)
    jobs = client.activate("test")
    assert [json.loads(job.variables)["item"] for job in jobs] == [10, 20, 30]
    client.cancel(key)
    terminated = [r.value.element_id for r in zeebe.records.workflow_instance(intent="ELEMENT_TERMINATED")]
    assert terminated == ["task"] * 3 + ["sub-process"] * 4 + ["process"]

    second = int(client.create_instance("process", json.dumps({"items": [1, 2]})).workflowInstanceKey)
    for job in client.activate("test"):
        client.complete(job.key)
    zeebe.assert_that(second).is_completed()
    zeebe.server.engine.check_replay()


def call_workflow(loop: Loop, **call: object) -> bytes:
    p = Process("parent")
    p.start().call("call", "child", loop=loop, **call).end()  # type: ignore[arg-type]
    return p.xml()


def test_a_parallel_call_activity_over_fifty_items_collects_each_childs_result_in_order(
    zeebe: ZeebeHarness, client: GatewayClient
) -> None:
    """shouldCreateChildInstanceForEachElement, shouldCompleteBodyWhenAllChildInstancesAreCompleted,
    shouldCollectOutputFromChildInstance: the output mapping takes the child's result into the inner
    call activity, where the output element reads it. Jobs complete in reverse; order holds."""
    client.deploy_file("child.bpmn", child_process())
    loop = Loop("items", "item", "results", "result")
    client.deploy_file("parent.bpmn", call_workflow(loop, outputs={"result": "x"}))
    items = list(range(50))
    key = int(client.create_instance("parent", json.dumps({"items": items})).workflowInstanceKey)
    calls = keys_of(zeebe, "ELEMENT_ACTIVATED", workflow_instance_key=key, bpmn_element_type="CALL_ACTIVITY")
    children = [
        r.value.parent_element_instance_key
        for r in zeebe.records.workflow_instance(
            intent="ELEMENT_ACTIVATED", bpmn_element_type="PROCESS", parent_workflow_instance_key=key
        )
    ]
    assert len(calls) == 50 and children == calls
    jobs = client.activate("child-work", max_jobs=50)
    assert len(jobs) == 50
    for job in reversed(jobs):
        client.complete(job.key, {"x": json.loads(job.variables)["item"] * 2})
    assert variables(zeebe, name="results", scope_key=key) == [
        ("CREATED", "results", json.dumps([i * 2 for i in items], separators=(",", ":")), key)
    ]
    completed = [
        r.value.bpmn_element_type
        for r in zeebe.records.workflow_instance(intent="ELEMENT_COMPLETED", workflow_instance_key=key)
    ]
    assert completed[-53:] == ["CALL_ACTIVITY"] * 50 + ["MULTI_INSTANCE_BODY", "END_EVENT", "PROCESS"]
    zeebe.server.engine.check_replay()


def test_propagating_all_child_variables_overwrites_the_output_collection(
    zeebe: ZeebeHarness, client: GatewayClient
) -> None:
    """camunda/camunda#4860, as Zeebe 0.26 has it: each child got a copy of the (null) output
    collection and hands it back when it completes, overwriting what the body collected so far;
    only the last completed child's result survives. Output mappings avoid it (test above)."""
    client.deploy_file("child.bpmn", child_process())
    client.deploy_file("parent.bpmn", call_workflow(Loop("items", "item", "results", "x")))
    key = int(client.create_instance("parent", json.dumps({"items": [1, 2, 3]})).workflowInstanceKey)
    for job in client.activate("child-work"):
        client.complete(job.key, {"x": json.loads(job.variables)["item"] * 10})
    assert variables(zeebe, name="results", scope_key=key) == [("CREATED", "results", "[null,null,30]", key)]
    zeebe.server.engine.check_replay()


def test_cancelling_terminates_every_child_instance(zeebe: ZeebeHarness, client: GatewayClient) -> None:
    """shouldCancelChildInstancesOnTermination."""
    client.deploy_file("child.bpmn", child_process())
    client.deploy_file("parent.bpmn", call_workflow(Loop("items")))
    key = int(client.create_instance("parent", json.dumps({"items": [1, 2, 3]})).workflowInstanceKey)
    client.cancel(key)
    children = [
        r.key
        for r in zeebe.records.workflow_instance(
            intent="ELEMENT_TERMINATED", bpmn_element_type="PROCESS", parent_workflow_instance_key=key
        )
    ]
    assert len(children) == 3
    in_parent = [
        r.value.bpmn_element_type
        for r in zeebe.records.workflow_instance(intent="ELEMENT_TERMINATED", workflow_instance_key=key)
    ]
    assert in_parent == ["CALL_ACTIVITY"] * 3 + ["MULTI_INSTANCE_BODY", "PROCESS"]
    assert zeebe.server.engine.state.elements.instances == {}
    zeebe.server.engine.check_replay()
