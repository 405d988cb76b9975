"""Call activities through the gateway (SEMANTICS §1.2, §1.3; Zeebe 0.26's CallActivityTest).

A call activity starts the latest version of the called process as a child instance whose records
carry the parent's keys, copies every visible variable into it, and completes with the child's
variables (all of them, or only what the output mappings take). Cancelling the root terminates
the child; cancelling the child directly is rejected.
"""

from __future__ import annotations

import json

import grpc
import pytest

from pytest_zeebe.engine.engine import Engine, EngineConfig
from pytest_zeebe.engine.keys import decode_partition_id
from pytest_zeebe.gateway.server import GatewayServer
from pytest_zeebe.testing.harness import ZeebeHarness
from tests.support.bpmn import Process
from tests.support.client import GatewayClient
from tests.support.flows import keys_of, lifecycle, subsequence, variables


def child_process(process_id: str = "child", job_type: str = "child-work") -> bytes:
    p = Process(process_id)
    p.start().task("child-task", job_type).end()
    return p.xml()


def parent_process(called: str = "child", **call: object) -> bytes:
    p = Process("parent")
    p.start().call("call", called, **call).end()  # type: ignore[arg-type]
    return p.xml()


def deploy(client: GatewayClient, *resources: tuple[str, bytes]) -> None:
    for name, xml in resources:
        client.deploy_file(name, xml)


def start(client: GatewayClient, process_id: str = "parent", **variables: object) -> int:
    return int(client.create_instance(process_id, json.dumps(variables)).workflowInstanceKey)


def complete_jobs(client: GatewayClient, job_type: str = "child-work", **variables: object) -> None:
    for job in client.activate(job_type):
        client.complete(job.key, variables)


def child_of(zeebe: ZeebeHarness, parent_key: int) -> int:
    (key,) = keys_of(zeebe, "ELEMENT_ACTIVATING", parent_workflow_instance_key=parent_key, bpmn_element_type="PROCESS")
    return key


def test_the_call_activity_starts_a_child_instance_linked_to_its_parent(
    zeebe: ZeebeHarness, client: GatewayClient
) -> None:
    """shouldActivateCallActivity, shouldCreateInstanceOfCalledElement, shouldHaveReferenceToParentInstance."""
    deploy(client, ("child.bpmn", child_process()), ("parent.bpmn", parent_process()))
    parent = start(client)
    (call_key,) = keys_of(zeebe, "ELEMENT_ACTIVATED", workflow_instance_key=parent, element_id="call")
    child = child_of(zeebe, parent)
    assert lifecycle(zeebe, workflow_instance_key=parent, element_id="call") == [
        ("call", "CALL_ACTIVITY", "ELEMENT_ACTIVATING"),
        ("call", "CALL_ACTIVITY", "ELEMENT_ACTIVATED"),
    ]
    assert lifecycle(zeebe, workflow_instance_key=child)[:4] == [
        ("child", "PROCESS", "ELEMENT_ACTIVATING"),
        ("child", "PROCESS", "ELEMENT_ACTIVATED"),
        ("start", "START_EVENT", "ELEMENT_ACTIVATING"),
        ("start", "START_EVENT", "ELEMENT_ACTIVATED"),
    ]
    complete_jobs(client)
    child_records = [r.value for r in zeebe.records.workflow_instance(parent_workflow_instance_key=parent)]
    assert child_records
    assert {(v.workflow_instance_key, v.parent_element_instance_key) for v in child_records} == {(child, call_key)}
    zeebe.server.engine.check_replay()


def test_the_call_activity_completes_after_the_child(zeebe: ZeebeHarness, client: GatewayClient) -> None:
    """shouldCompleteCallActivity: the child's PROCESS COMPLETED moves the call activity on."""
    deploy(client, ("child.bpmn", child_process()), ("parent.bpmn", parent_process()))
    parent = start(client)
    child = child_of(zeebe, parent)
    complete_jobs(client)
    records = [
        (r.value.workflow_instance_key, r.value.bpmn_element_type, r.intent.value)
        for r in zeebe.records
        if r.value_type.value == "WORKFLOW_INSTANCE" and r.record_type.value == "EVENT"
    ]
    assert subsequence(
        records,
        [
            (child, "END_EVENT", "ELEMENT_COMPLETED"),
            (child, "PROCESS", "ELEMENT_COMPLETING"),
            (child, "PROCESS", "ELEMENT_COMPLETED"),
            (parent, "CALL_ACTIVITY", "ELEMENT_COMPLETING"),
            (parent, "CALL_ACTIVITY", "ELEMENT_COMPLETED"),
            (parent, "SEQUENCE_FLOW", "SEQUENCE_FLOW_TAKEN"),
            (parent, "END_EVENT", "ELEMENT_COMPLETED"),
            (parent, "PROCESS", "ELEMENT_COMPLETED"),
        ],
    )
    assert records.index((child, "PROCESS", "ELEMENT_COMPLETED")) + 1 == records.index(
        (parent, "CALL_ACTIVITY", "ELEMENT_COMPLETING")
    )
    zeebe.assert_that(parent).is_completed().has_passed("call")
    zeebe.assert_that(child).is_completed().has_passed("child-task")
    zeebe.server.engine.check_replay()


def test_the_latest_version_is_called_and_a_static_or_expression_id_names_it(
    zeebe: ZeebeHarness, client: GatewayClient
) -> None:
    """shouldCreateInstanceOfLatestVersionOfCalledElement, shouldCreateInstanceOfCalledElementWithExpression."""
    deploy(client, ("child.bpmn", child_process()), ("parent.bpmn", parent_process("=name")))
    v2 = client.deploy_file("child.bpmn", child_process(job_type="other")).workflows[0]
    assert v2.version == 2
    parent = start(client, name="child")
    (record,) = [
        r for r in zeebe.records.workflow_instance(intent="ELEMENT_ACTIVATING") if r.key == child_of(zeebe, parent)
    ]
    assert (record.value.bpmn_process_id, record.value.version, record.value.workflow_key) == (
        "child",
        2,
        v2.workflowKey,
    )
    assert (record.value.element_id, record.value.flow_scope_key) == ("child", -1)
    assert [job.type for job in client.activate("other")] == ["other"]
    zeebe.server.engine.check_replay()


def test_visible_variables_and_input_mappings_are_copied_into_the_child(
    zeebe: ZeebeHarness, client: GatewayClient
) -> None:
    """shouldCopyVariablesToChild, shouldApplyInputMappings: the child's root scope gets every variable
    visible at the call activity, written with the child's workflow and instance keys."""
    deploy(client, ("child.bpmn", child_process()), ("parent.bpmn", parent_process(inputs={"y": "x"})))
    parent = start(client, x=1, z={"a": [1]})
    child = child_of(zeebe, parent)
    child_workflow = client.deploy_file("child.bpmn", child_process()).workflows[0].workflowKey
    copied = [r.value for r in zeebe.records.variables() if r.value.workflow_instance_key == child]
    assert [(v.name, v.value, v.scope_key, v.workflow_key) for v in copied] == [
        ("y", "1", child, child_workflow),  # the call activity's own scope first (innermost wins)
        ("x", "1", child, child_workflow),
        ("z", '{"a":[1]}', child, child_workflow),
    ]
    (job,) = client.activate("child-work")
    assert json.loads(job.variables) == {"x": 1, "y": 1, "z": {"a": [1]}}
    zeebe.server.engine.check_replay()


def test_all_child_variables_propagate_to_the_parent_by_default(zeebe: ZeebeHarness, client: GatewayClient) -> None:
    """shouldPropagateVariablesToParent: the child's root variables merge into the parent like a job's."""
    deploy(client, ("child.bpmn", child_process()), ("parent.bpmn", parent_process()))
    parent = start(client, x=1)
    complete_jobs(client, y=2, x=1)
    assert variables(zeebe, workflow_instance_key=parent) == [
        ("CREATED", "x", "1", parent),
        ("CREATED", "y", "2", parent),
    ]
    zeebe.server.engine.check_replay()


def test_no_child_variable_propagates_when_disabled(zeebe: ZeebeHarness, client: GatewayClient) -> None:
    """shouldNotPropagateVariablesToParentIfDisabled."""
    deploy(client, ("child.bpmn", child_process()), ("parent.bpmn", parent_process(propagate_all=False)))
    parent = start(client)
    child = child_of(zeebe, parent)
    complete_jobs(client, y=2)
    assert variables(zeebe, name="y") == [("CREATED", "y", "2", child)]
    zeebe.server.engine.check_replay()


@pytest.mark.parametrize("propagate_all", [False, True])
def test_output_mappings_take_only_what_they_map(
    zeebe: ZeebeHarness, client: GatewayClient, propagate_all: bool
) -> None:
    """shouldApplyOutputMappings, shouldApplyOutputMappingsIgnoringThePropagateAllProperty: the child's
    variables are set locally in the call activity, and only the mapped ones reach the parent."""
    parent_xml = parent_process(propagate_all=propagate_all, outputs={"x": "x"})
    deploy(client, ("child.bpmn", child_process()), ("parent.bpmn", parent_xml))
    parent = start(client)
    complete_jobs(client, x=1, y=2)
    (call,) = keys_of(zeebe, "ELEMENT_ACTIVATED", workflow_instance_key=parent, element_id="call")
    assert variables(zeebe, workflow_instance_key=parent) == [
        ("CREATED", "x", "1", call),
        ("CREATED", "y", "2", call),
        ("CREATED", "x", "1", parent),
    ]
    zeebe.server.engine.check_replay()


def test_cancelling_the_root_terminates_the_child(zeebe: ZeebeHarness, client: GatewayClient) -> None:
    """shouldTerminateChildInstance, shouldNotPropagateVariablesOnTermination."""
    deploy(client, ("child.bpmn", child_process()), ("parent.bpmn", parent_process(inputs={"y": "x"})))
    parent = start(client, x=1)
    child = child_of(zeebe, parent)
    client.cancel(parent)
    terminated = [
        (r.value.workflow_instance_key, r.value.bpmn_element_type, r.intent.value)
        for r in zeebe.records
        if r.value_type.value == "WORKFLOW_INSTANCE" and r.intent.value.startswith("ELEMENT_TERMINAT")
    ]
    assert terminated == [
        (parent, "PROCESS", "ELEMENT_TERMINATING"),
        (parent, "CALL_ACTIVITY", "ELEMENT_TERMINATING"),
        (child, "PROCESS", "ELEMENT_TERMINATING"),
        (child, "SERVICE_TASK", "ELEMENT_TERMINATING"),
        (child, "SERVICE_TASK", "ELEMENT_TERMINATED"),
        (child, "PROCESS", "ELEMENT_TERMINATED"),
        (parent, "CALL_ACTIVITY", "ELEMENT_TERMINATED"),
        (parent, "PROCESS", "ELEMENT_TERMINATED"),
    ]
    assert [r.intent.value for r in zeebe.records.jobs()][-2:] == ["CANCEL", "CANCELED"]
    assert ("CREATED", "y", "1", parent) not in variables(zeebe)
    assert zeebe.server.engine.state.elements.instances == {}
    zeebe.server.engine.check_replay()


def test_a_call_activity_stuck_completing_terminates_without_a_child(
    zeebe: ZeebeHarness, client: GatewayClient
) -> None:
    """shouldTerminateOnCompleting: an output mapping fails after the child completed; cancelling then
    terminates the call activity at once (its child is gone) and resolves its incident."""
    deploy(client, ("child.bpmn", child_process()), ("parent.bpmn", parent_process(outputs={"y": "x"})))
    parent = start(client)
    complete_jobs(client)
    (incident,) = list(zeebe.records.incidents(intent="CREATED"))
    assert (incident.value.error_type, incident.value.error_message) == (
        "IO_MAPPING_ERROR",
        "failed to evaluate expression '{y:x}': no variable found for name 'x'",
    )
    client.cancel(parent)
    assert lifecycle(zeebe, workflow_instance_key=parent)[-5:] == [
        ("call", "CALL_ACTIVITY", "ELEMENT_COMPLETING"),
        ("parent", "PROCESS", "ELEMENT_TERMINATING"),
        ("call", "CALL_ACTIVITY", "ELEMENT_TERMINATING"),
        ("call", "CALL_ACTIVITY", "ELEMENT_TERMINATED"),
        ("parent", "PROCESS", "ELEMENT_TERMINATED"),
    ]
    assert [r.key for r in zeebe.records.incidents(intent="RESOLVED")] == [incident.key]
    zeebe.server.engine.check_replay()


def test_a_child_instance_cannot_be_cancelled_directly(zeebe: ZeebeHarness, client: GatewayClient) -> None:
    """shouldRejectCancelChildInstanceCommand: the rejection names the root of a three-level chain."""
    root = Process("root")
    root.start().call("call", "parent").end()
    deploy(client, ("child.bpmn", child_process()), ("parent.bpmn", parent_process()), ("root.bpmn", root.xml()))
    root_key = start(client, "root")
    middle = child_of(zeebe, root_key)
    leaf = child_of(zeebe, middle)
    for key in (middle, leaf):
        with pytest.raises(grpc.RpcError) as error:
            client.cancel(key)
        assert error.value.code() is grpc.StatusCode.FAILED_PRECONDITION
        assert error.value.details() == (
            f"Command 'CANCEL' rejected with code 'INVALID_STATE': Expected to cancel a workflow instance with key "
            f"'{key}', but it is created by a parent workflow instance. Cancel the root workflow instance "
            f"'{root_key}' instead."
        )
    zeebe.server.engine.check_replay()


def test_a_three_level_chain_runs_down_and_completes_back_up(zeebe: ZeebeHarness, client: GatewayClient) -> None:
    """Each level's child carries its own parent's keys; the leaf's variables climb to the root."""
    root = Process("root")
    root.start().call("call-parent", "parent").end()
    deploy(client, ("child.bpmn", child_process()), ("parent.bpmn", parent_process()), ("root.bpmn", root.xml()))
    root_key = start(client, "root", order=7)
    middle = child_of(zeebe, root_key)
    leaf = child_of(zeebe, middle)
    (job,) = client.activate("child-work")
    assert json.loads(job.variables) == {"order": 7}
    client.complete(job.key, {"paid": True})
    completed = [
        r.value.workflow_instance_key
        for r in zeebe.records.workflow_instance(intent="ELEMENT_COMPLETED", bpmn_element_type="PROCESS")
    ]
    assert completed == [leaf, middle, root_key]
    assert variables(zeebe, workflow_instance_key=root_key) == [
        ("CREATED", "order", "7", root_key),
        ("CREATED", "paid", "true", root_key),
    ]
    zeebe.server.engine.check_replay()


CHILD_WITH_THREE_STARTS = b"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="urn:test">
  <bpmn:message id="start-message" name="start"/>
  <bpmn:process id="child" isExecutable="true">
    <bpmn:startEvent id="none-start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="none-start" targetRef="end-1"/>
    <bpmn:endEvent id="end-1"/>
    <bpmn:startEvent id="message-start"><bpmn:messageEventDefinition messageRef="start-message"/></bpmn:startEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="message-start" targetRef="end-2"/>
    <bpmn:endEvent id="end-2"/>
  </bpmn:process>
</bpmn:definitions>"""


def test_the_child_starts_at_its_none_start_event(zeebe: ZeebeHarness, client: GatewayClient) -> None:
    """shouldCreateInstanceOfCalledElementAtNoneStartEvent: the child's other start events stay idle."""
    deploy(client, ("child.bpmn", CHILD_WITH_THREE_STARTS), ("parent.bpmn", parent_process()))
    parent = start(client)
    started = lifecycle(zeebe, parent_workflow_instance_key=parent, bpmn_element_type="START_EVENT")
    assert {element for element, _, _ in started} == {"none-start"}
    assert lifecycle(zeebe, workflow_instance_key=parent)[-1] == ("parent", "PROCESS", "ELEMENT_COMPLETED")
    zeebe.server.engine.check_replay()


def test_the_child_lives_on_its_parents_partition() -> None:
    """Zeebe's createChildProcessInstance takes the child's key on the partition processing the call."""
    with GatewayServer(Engine(EngineConfig(partition_count=2))) as server:
        harness = ZeebeHarness(server)
        harness.deploy(("child.bpmn", child_process()), ("parent.bpmn", parent_process()))
        parents = [harness.create_instance("parent").key for _ in range(2)]
        assert [decode_partition_id(key) for key in parents] == [1, 2]
        for parent in parents:
            child = child_of(harness, parent)
            assert decode_partition_id(child) == decode_partition_id(parent)
        for job in harness.activate_jobs("child-work"):
            harness.complete_job(job.key)
        for parent in parents:
            harness.assert_that(parent).is_completed()
        server.engine.check_replay()
        assert server.engine.errors == []
