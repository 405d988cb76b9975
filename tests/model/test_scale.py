"""Validation and reading stay linear: large resources transform in well under the budgets here.

The budgets are CPU seconds of the test's own thread (``time.thread_time``), not wall time: a
quadratic walk over these sizes costs minutes of CPU, while a loaded machine (xdist on two cores)
only stretches the wall clock. So the bounds catch complexity regressions without flaking.
"""

from __future__ import annotations

import time

import pytest

from pytest_zeebe.model import ResourceKind, ResourceRejectedError, transform_resource

TASKS = 2000


def _large_bpmn() -> bytes:
    """A chain of service tasks, each with a message boundary event and its own message."""
    parts = [
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="urn:t">'
        '<bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s"><bpmn:outgoing>f0</bpmn:outgoing>'
        "</bpmn:startEvent>"
    ]
    for i in range(TASKS):
        parts.append(
            f'<bpmn:serviceTask id="t{i}"><bpmn:extensionElements><zeebe:taskDefinition type="t"/>'
            '<zeebe:ioMapping><zeebe:input source="=a.b" target="c"/></zeebe:ioMapping></bpmn:extensionElements>'
            f"<bpmn:incoming>f{i}</bpmn:incoming><bpmn:outgoing>f{i + 1}</bpmn:outgoing></bpmn:serviceTask>"
            f'<bpmn:boundaryEvent id="b{i}" attachedToRef="t{i}"><bpmn:outgoing>g{i}</bpmn:outgoing>'
            f'<bpmn:messageEventDefinition messageRef="m{i}"/></bpmn:boundaryEvent>'
            f'<bpmn:endEvent id="e{i}"><bpmn:incoming>g{i}</bpmn:incoming></bpmn:endEvent>'
            f'<bpmn:sequenceFlow id="g{i}" sourceRef="b{i}" targetRef="e{i}"/>'
            f'<bpmn:sequenceFlow id="f{i}" sourceRef="{"s" if i == 0 else f"t{i - 1}"}" targetRef="t{i}"/>'
        )
    parts.append(
        f'<bpmn:endEvent id="end"><bpmn:incoming>f{TASKS}</bpmn:incoming></bpmn:endEvent>'
        f'<bpmn:sequenceFlow id="f{TASKS}" sourceRef="t{TASKS - 1}" targetRef="end"/></bpmn:process>'
    )
    parts.extend(
        f'<bpmn:message id="m{i}" name="m{i}"><bpmn:extensionElements>'
        '<zeebe:subscription correlationKey="=k"/></bpmn:extensionElements></bpmn:message>'
        for i in range(TASKS)
    )
    parts.append("</bpmn:definitions>")
    return "".join(parts).encode()


def test_a_large_bpmn_file_transforms_quickly() -> None:
    content = _large_bpmn()
    started = time.thread_time()
    (workflow,) = transform_resource(content, ResourceKind.BPMN).workflows
    assert time.thread_time() - started < 3.0
    assert len(workflow.nodes) == 1 + 1 + 3 * TASKS + 1


def test_a_large_yaml_workflow_transforms_quickly() -> None:
    content = ("name: big\ntasks:\n" + "".join(f"  - {{id: t{i}, type: t}}\n" for i in range(TASKS))).encode()
    started = time.thread_time()
    (workflow,) = transform_resource(content, ResourceKind.YAML).workflows
    assert time.thread_time() - started < 3.0
    assert len(workflow.nodes) == 1 + 1 + TASKS + 1


def _process(content: str) -> bytes:
    return (
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:t">'
        f'<bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s"/>{content}</bpmn:process>'
        "</bpmn:definitions>"
    ).encode()


def _rejection_time(content: bytes) -> float:
    started = time.thread_time()
    with pytest.raises(ResourceRejectedError):
        transform_resource(content, ResourceKind.BPMN)
    return time.thread_time() - started


def test_a_wide_exclusive_gateway_is_validated_in_linear_time() -> None:
    """Each of the gateway's flows asks for the gateway's outgoing flows: resolved once, not per flow."""
    fan_out = 5000
    content = _process(
        '<bpmn:exclusiveGateway id="g">'
        + "".join(f"<bpmn:outgoing>f{i}</bpmn:outgoing>" for i in range(fan_out))
        + '</bpmn:exclusiveGateway><bpmn:endEvent id="e"/>'
        + "".join(f'<bpmn:sequenceFlow id="f{i}" sourceRef="g" targetRef="e"/>' for i in range(fan_out))
    )
    assert _rejection_time(content) < 2.0


def test_event_gateways_sharing_a_busy_target_are_validated_in_linear_time() -> None:
    """Every gateway inspects the shared target's definitions and previous nodes: computed once."""
    gateways = 1000
    content = _process(
        '<bpmn:intermediateCatchEvent id="c">'
        + "".join(f"<bpmn:incoming>f{i}</bpmn:incoming>" for i in range(gateways))
        + "<bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition>"
        + "</bpmn:intermediateCatchEvent>"
        + "".join(
            f'<bpmn:eventBasedGateway id="g{i}"><bpmn:outgoing>f{i}</bpmn:outgoing></bpmn:eventBasedGateway>'
            f'<bpmn:sequenceFlow id="f{i}" sourceRef="g{i}" targetRef="c"/>'
            for i in range(gateways)
        )
    )
    assert _rejection_time(content) < 2.0
