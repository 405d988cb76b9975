"""One workflow with every element and event definition deployment accepts, run to completion.

Deployment accepts the flow elements of `pytest_zeebe.model.document.SUPPORTED_FLOW_ELEMENTS` with
the event definitions of `EVENT_DEFINITIONS` where Zeebe 0.26 allows them (docs/deployment.md),
and multi-instance characteristics on activities. The two workflows below hold each such kind
at least once; the scenario drives them through gRPC and checks that every element ran, with its
lifecycle record by record, and that the root instance completed.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from pytest_zeebe.model import (
    BoundaryEvent,
    BpmnElementType,
    Container,
    EndEvent,
    FlowNode,
    IntermediateCatchEvent,
    StartEvent,
    Workflow,
)
from pytest_zeebe.model.document import EVENT_DEFINITIONS, SUPPORTED_FLOW_ELEMENTS
from pytest_zeebe.testing.harness import ZeebeHarness
from tests.support.bpmn import Loop, Process
from tests.support.grpc_driver import Driver

TAGS = {
    BpmnElementType.START_EVENT: "startEvent",
    BpmnElementType.END_EVENT: "endEvent",
    BpmnElementType.INTERMEDIATE_CATCH_EVENT: "intermediateCatchEvent",
    BpmnElementType.BOUNDARY_EVENT: "boundaryEvent",
    BpmnElementType.SERVICE_TASK: "serviceTask",
    BpmnElementType.RECEIVE_TASK: "receiveTask",
    BpmnElementType.EXCLUSIVE_GATEWAY: "exclusiveGateway",
    BpmnElementType.PARALLEL_GATEWAY: "parallelGateway",
    BpmnElementType.EVENT_BASED_GATEWAY: "eventBasedGateway",
    BpmnElementType.SUB_PROCESS: "subProcess",
    BpmnElementType.CALL_ACTIVITY: "callActivity",
}
ACCEPTED_DEFINITIONS = {"messageEventDefinition", "timerEventDefinition", "errorEventDefinition"}
"""The event definitions deployment accepts (model/design_rules.py; the others it knows it rejects)."""
DEFINITIONS = {"MESSAGE": "messageEventDefinition", "TIMER": "timerEventDefinition", "ERROR": "errorEventDefinition"}

EVERY_KIND = {
    ("startEvent", "NONE"),
    ("startEvent", "MESSAGE"),
    ("startEvent", "TIMER"),
    ("startEvent", "event sub-process MESSAGE"),
    ("startEvent", "event sub-process TIMER"),
    ("startEvent", "event sub-process ERROR"),
    ("endEvent", "NONE"),
    ("endEvent", "ERROR"),
    ("intermediateCatchEvent", "MESSAGE"),
    ("intermediateCatchEvent", "TIMER"),
    ("boundaryEvent", "MESSAGE"),
    ("boundaryEvent", "TIMER"),
    ("boundaryEvent", "ERROR"),
    ("serviceTask", ""),
    ("receiveTask", ""),
    ("exclusiveGateway", ""),
    ("parallelGateway", ""),
    ("eventBasedGateway", ""),
    ("subProcess", "embedded"),
    ("subProcess", "event sub-process"),
    ("callActivity", ""),
    ("serviceTask", "multi-instance"),
    ("receiveTask", "multi-instance"),
    ("subProcess", "multi-instance"),
    ("callActivity", "multi-instance"),
}
"""Every kind deployment accepts: each flow element, each event definition where it may stand,
event sub-processes, and multi-instance on each activity that may carry it."""


def kind_of(workflow: Workflow, node: FlowNode) -> set[tuple[str, str]]:
    tag = TAGS[node.element_type]
    if node.multi_instance is not None:
        return {(tag, "multi-instance")}
    if isinstance(node, Container):
        return {(tag, "event sub-process" if node.triggered_by_event else "embedded")}
    if isinstance(node, StartEvent | EndEvent | IntermediateCatchEvent | BoundaryEvent):
        scope = workflow.nodes.get(node.flow_scope_id)
        in_event_sub_process = isinstance(scope, Container) and scope.triggered_by_event
        prefix = "event sub-process " if isinstance(node, StartEvent) and in_event_sub_process else ""
        return {(tag, prefix + node.event_kind.value)}
    return {(tag, "")}


def child() -> Process:
    p = Process("child")
    p.start("c-start").xor("c-xor", default="c-xor-c-end")
    p.after("c-xor").end("c-end")
    p.end("c-fail", then=False, error="child-failed")
    p.flow("c-xor", "c-fail", condition="fail = true")
    p.start("c-msg-start", message=("kick", None)).end("c-msg-end")
    p.start("c-timer-start", timer=("cycle", "R1/PT1H")).end("c-timer-end")
    return p


def every() -> Process:
    p = Process("every")
    p.start().parallel("fork")
    p.task("work", "work", loop=Loop("items", "item", "results", "item * 2", sequential=True)).end("work-end")
    p.boundary("slow", "work", timer=("duration", "PT30M"), interrupting=False).end("slow-end")
    p.after("fork").call("call", "child").end("call-end")
    p.boundary("call-failed", "call", error="child-failed").end("call-failed-end")
    p.after("fork").call("calls", "child", loop=Loop("[false]", "fail")).end("calls-end")
    p.after("fork").sub_process("sub").end("sub-end")
    sub = p.scope("sub")
    sub.start("sub-start").end("sub-fail", error="sub-error")
    sub.event_sub_process("on-sub-error").start("on-sub-error-start", error="sub-error").end("on-sub-error-end")
    p.after("fork").sub_process("subs", loop=Loop("items")).end("subs-end")
    p.scope("subs").start("subs-start").end("subs-inner-end")
    p.after("fork").task("pay", "pay").receive("ack", ("ack", "id")).end("ack-end")
    p.after("fork").event_gateway("gw")
    p.catch("go", message=("go", "id")).end("go-end")
    p.after("gw").catch("wait", timer=("duration", "PT2H")).end("wait-end")
    p.after("fork").receive("confirm", ("confirm", "item"), loop=Loop("items", "item")).end("confirm-end")
    p.boundary("stop", "confirm", message=("stop", "id")).end("stop-end")
    p.event_sub_process("on-note").start("on-note-start", message=("note", "id"), interrupting=False).end("on-note-end")
    p.event_sub_process("on-tick").start("on-tick-start", timer=("duration", "PT10M"), interrupting=False).end(
        "on-tick-end"
    )
    return p


def lockstep(count: int) -> list[str]:
    """Parallel instances of one element moving in lockstep: each step written for all before the next."""
    steps = ["ELEMENT_ACTIVATING", "ELEMENT_ACTIVATED", "ELEMENT_COMPLETING", "ELEMENT_COMPLETED"]
    return [step for step in steps for _ in range(count)]


ONE_STEP_APART = [
    "ELEMENT_ACTIVATING",
    "ELEMENT_ACTIVATED",
    "ELEMENT_ACTIVATING",
    "ELEMENT_COMPLETING",
    "ELEMENT_ACTIVATED",
    "ELEMENT_COMPLETED",
    "ELEMENT_COMPLETING",
    "ELEMENT_COMPLETED",
]
"""Two instances of one element one step apart (the children of the two call activities)."""


@pytest.fixture
def drive(zeebe: ZeebeHarness) -> Driver:
    return Driver(zeebe)


def test_the_two_workflows_hold_every_kind_deployment_accepts(drive: Driver) -> None:
    drive.deploy(child(), every())
    workflows = [drive.engine.state.workflows.latest(p).workflow for p in ("child", "every")]  # type: ignore[union-attr]
    kinds = {
        kind for w in workflows for node in w.nodes.values() if node.element_type in TAGS for kind in kind_of(w, node)
    }
    assert kinds == EVERY_KIND
    assert {tag for tag, _ in kinds} | {"sequenceFlow"} == SUPPORTED_FLOW_ELEMENTS
    definitions = {DEFINITIONS[d.split()[-1]] for _, d in kinds if d.split() and d.split()[-1] in DEFINITIONS}
    assert definitions == ACCEPTED_DEFINITIONS and definitions <= EVENT_DEFINITIONS


def test_every_element_runs_and_the_instance_completes(drive: Driver) -> None:
    drive.deploy(child(), every())
    instance = drive.create("every", {"items": [1, 2], "id": "k", "fail": True})
    drive.publish("note", "k")
    drive.advance(minutes=30)
    for _ in range(2):
        (job,) = drive.activate("work")
        drive.complete(job.key)
    (job,) = drive.activate("pay")
    drive.complete(job.key)
    drive.publish("ack", "k")
    drive.publish("go", "k")
    drive.publish("confirm", "1")
    drive.publish("stop", "k")
    drive.publish("kick", "")
    drive.advance(minutes=30)
    assert drive.completed(instance)
    assert drive.variable("results") == [2, 4]

    lifecycles: dict[tuple[str, str], list[str]] = defaultdict(list)
    for record in drive.of("WORKFLOW_INSTANCE"):
        if record.value.bpmn_process_id == "every" or record.value.parent_workflow_instance_key == instance:
            lifecycles[(record.value.element_id, record.value.bpmn_element_type)].append(record.intent.value)
    passed = ["ELEMENT_ACTIVATING", "ELEMENT_ACTIVATED", "ELEMENT_COMPLETING", "ELEMENT_COMPLETED"]
    terminated = ["ELEMENT_ACTIVATING", "ELEMENT_ACTIVATED", "ELEMENT_TERMINATING", "ELEMENT_TERMINATED"]
    flow = ["SEQUENCE_FLOW_TAKEN"]
    expected = {
        ("every", "PROCESS"): passed,
        ("start", "START_EVENT"): passed,
        ("start-fork", "SEQUENCE_FLOW"): flow,
        ("fork", "PARALLEL_GATEWAY"): passed,
        # the sequential multi-instance task, its non-interrupting timer on the body
        ("fork-work", "SEQUENCE_FLOW"): flow,
        ("work", "MULTI_INSTANCE_BODY"): [*passed[:2], "EVENT_OCCURRED", *passed[2:]],
        ("work", "SERVICE_TASK"): passed * 2,
        ("slow", "BOUNDARY_EVENT"): passed,
        ("slow-slow-end", "SEQUENCE_FLOW"): flow,
        ("slow-end", "END_EVENT"): passed,
        ("work-work-end", "SEQUENCE_FLOW"): flow,
        ("work-end", "END_EVENT"): passed,
        # the call activity whose child throws from its error end event, caught by the boundary
        ("fork-call", "SEQUENCE_FLOW"): flow,
        ("call", "CALL_ACTIVITY"): ["ELEMENT_ACTIVATING", "ELEMENT_ACTIVATED", "EVENT_OCCURRED", *terminated[2:]],
        ("call-failed", "BOUNDARY_EVENT"): passed,
        ("call-failed-call-failed-end", "SEQUENCE_FLOW"): flow,
        ("call-failed-end", "END_EVENT"): passed,
        # a multi-instance call activity whose child takes the default flow
        ("fork-calls", "SEQUENCE_FLOW"): flow,
        ("calls", "MULTI_INSTANCE_BODY"): passed,
        ("calls", "CALL_ACTIVITY"): passed,
        ("calls-calls-end", "SEQUENCE_FLOW"): flow,
        ("calls-end", "END_EVENT"): passed,
        # the called children (the failing one, the one of the multi-instance call activity)
        ("child", "PROCESS"): passed[:2] * 2 + ["ELEMENT_TERMINATING"] + passed[2:] + ["ELEMENT_TERMINATED"],
        ("c-start", "START_EVENT"): ONE_STEP_APART,
        ("c-start-c-xor", "SEQUENCE_FLOW"): flow * 2,
        ("c-xor", "EXCLUSIVE_GATEWAY"): ONE_STEP_APART,
        ("c-xor-c-fail", "SEQUENCE_FLOW"): flow,
        ("c-fail", "END_EVENT"): terminated,
        ("c-xor-c-end", "SEQUENCE_FLOW"): flow,
        ("c-end", "END_EVENT"): passed,
        # the embedded sub-process ended by its error end event and its error event sub-process
        ("fork-sub", "SEQUENCE_FLOW"): flow,
        ("sub", "SUB_PROCESS"): passed,
        ("sub-start", "START_EVENT"): passed,
        ("sub-start-sub-fail", "SEQUENCE_FLOW"): flow,
        ("sub-fail", "END_EVENT"): terminated,
        ("on-sub-error-start", "START_EVENT"): ["EVENT_OCCURRED", *passed],
        ("on-sub-error", "SUB_PROCESS"): passed,
        ("on-sub-error-start-on-sub-error-end", "SEQUENCE_FLOW"): flow,
        ("on-sub-error-end", "END_EVENT"): passed,
        ("sub-sub-end", "SEQUENCE_FLOW"): flow,
        ("sub-end", "END_EVENT"): passed,
        # a parallel multi-instance sub-process
        ("fork-subs", "SEQUENCE_FLOW"): flow,
        ("subs", "MULTI_INSTANCE_BODY"): passed,
        ("subs", "SUB_PROCESS"): lockstep(2),
        ("subs-start", "START_EVENT"): lockstep(2),
        ("subs-start-subs-inner-end", "SEQUENCE_FLOW"): flow * 2,
        ("subs-inner-end", "END_EVENT"): lockstep(2),
        ("subs-subs-end", "SEQUENCE_FLOW"): flow,
        ("subs-end", "END_EVENT"): passed,
        # the event-based gateway: the message wins over the timer
        ("fork-gw", "SEQUENCE_FLOW"): flow,
        ("gw", "EVENT_BASED_GATEWAY"): [*passed[:2], "EVENT_OCCURRED", *passed[2:]],
        ("go", "INTERMEDIATE_CATCH_EVENT"): passed,
        ("go-go-end", "SEQUENCE_FLOW"): flow,
        ("go-end", "END_EVENT"): passed,
        # the parallel multi-instance receive task, interrupted by its message boundary event
        ("fork-confirm", "SEQUENCE_FLOW"): flow,
        ("confirm", "MULTI_INSTANCE_BODY"): [
            "ELEMENT_ACTIVATING",
            "ELEMENT_ACTIVATED",
            "EVENT_OCCURRED",
            *terminated[2:],
        ],
        ("confirm", "RECEIVE_TASK"): [*lockstep(2)[:4], "EVENT_OCCURRED", *passed[2:], *terminated[2:]],
        ("stop", "BOUNDARY_EVENT"): passed,
        # a plain service task and receive task
        ("fork-pay", "SEQUENCE_FLOW"): flow,
        ("pay", "SERVICE_TASK"): passed,
        ("pay-ack", "SEQUENCE_FLOW"): flow,
        ("ack", "RECEIVE_TASK"): [*passed[:2], "EVENT_OCCURRED", *passed[2:]],
        ("ack-ack-end", "SEQUENCE_FLOW"): flow,
        ("ack-end", "END_EVENT"): passed,
        ("stop-stop-end", "SEQUENCE_FLOW"): flow,
        ("stop-end", "END_EVENT"): passed,
        # the non-interrupting message and timer event sub-processes of the root
        ("on-note-start", "START_EVENT"): ["EVENT_OCCURRED", *passed],
        ("on-note", "SUB_PROCESS"): passed,
        ("on-note-start-on-note-end", "SEQUENCE_FLOW"): flow,
        ("on-note-end", "END_EVENT"): passed,
        ("on-tick-start", "START_EVENT"): ["EVENT_OCCURRED", *passed],
        ("on-tick", "SUB_PROCESS"): passed,
        ("on-tick-start-on-tick-end", "SEQUENCE_FLOW"): flow,
        ("on-tick-end", "END_EVENT"): passed,
    }
    assert dict(lifecycles) == expected

    # the child's message and timer start events started instances of their own
    started = {
        r.value.element_id
        for r in drive.of("WORKFLOW_INSTANCE", "ELEMENT_COMPLETED", bpmn_process_id="child")
        if r.value.parent_workflow_instance_key < 0
    }
    assert started == {"child", "c-msg-start", "c-msg-end", "c-timer-start", "c-timer-end"}
    assert drive.lifecycle("wait") == []
    drive.check()
