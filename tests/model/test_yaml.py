"""YAML workflows become the same model as BPMN, built the way Zeebe 0.26's BpmnYamlParser builds it."""

from __future__ import annotations

import pytest

from pytest_zeebe.model import (
    ExclusiveGateway,
    ResourceKind,
    ResourceRejectedError,
    ServiceTask,
    Workflow,
    transform_resource,
)

ORDER_PROCESS = b"""
name: order-process
tasks:
  - id: collect-money
    type: payment-service
    retries: 5
    headers: {method: express, insured: true}
    inputs:  [{source: totalPrice, target: price}]
    outputs: [{source: success, target: paymentSuccess}]
    switch:
      - case: totalPrice > 100
        goto: ship-parcel-with-insurance
      - default: ship-parcel
  - id: fetch-items
    type: inventory-service
    goto: ship-parcel
  - id: ship-parcel-with-insurance
    type: shipment-service-premium
    end: true
  - id: ship-parcel
    type: shipment-service
"""


def _workflow(content: bytes) -> Workflow:
    (workflow,) = transform_resource(content, ResourceKind.YAML).workflows
    return workflow


def _rejection(content: bytes) -> str:
    with pytest.raises(ResourceRejectedError) as rejected:
        transform_resource(content, ResourceKind.YAML)
    return rejected.value.report


def test_the_documented_example_becomes_tasks_a_gateway_and_end_events() -> None:
    workflow = _workflow(ORDER_PROCESS)
    assert workflow.bpmn_process_id == "order-process"
    assert [(node.id, node.element_type.value) for node in workflow.nodes.values()] == [
        ("order-process", "PROCESS"),
        ("startEvent_1", "START_EVENT"),
        ("collect-money", "SERVICE_TASK"),
        ("split-collect-money", "EXCLUSIVE_GATEWAY"),
        ("ship-parcel-with-insurance", "SERVICE_TASK"),
        ("endEvent_1", "END_EVENT"),
        ("ship-parcel", "SERVICE_TASK"),
        ("endEvent_2", "END_EVENT"),
    ]
    assert [(flow.source_id, flow.target_id) for flow in workflow.flows.values()] == [
        ("startEvent_1", "collect-money"),
        ("collect-money", "split-collect-money"),
        ("split-collect-money", "ship-parcel-with-insurance"),
        ("ship-parcel-with-insurance", "endEvent_1"),
        ("split-collect-money", "ship-parcel"),
        ("ship-parcel", "endEvent_2"),
    ]


def test_task_fields_and_the_switch_become_zeebe_extensions() -> None:
    workflow = _workflow(ORDER_PROCESS)
    task = workflow.node("collect-money")
    assert isinstance(task, ServiceTask)
    assert task.job_type is not None and task.job_type.text == "payment-service"
    assert task.job_retries is not None and task.job_retries.text == "5"
    assert task.headers == (("method", "express"), ("insured", "true"))
    assert [(m.source.text, m.target) for m in task.input_mappings] == [("totalPrice", "price")]
    assert [(m.source.text, m.target) for m in task.output_mappings] == [("success", "paymentSuccess")]
    gateway = workflow.node("split-collect-money")
    assert isinstance(gateway, ExclusiveGateway)
    assert gateway.default_flow_id == "sequenceFlow_5"
    condition = workflow.flow("sequenceFlow_3").condition
    assert condition is not None and not condition.is_static and condition.text == "totalPrice > 100"


def test_the_stored_resource_is_generated_bpmn_that_deploys_the_same_process() -> None:
    resource = transform_resource(ORDER_PROCESS, ResourceKind.YAML)
    assert resource.bpmn_xml.startswith(b"<?xml")
    (again,) = transform_resource(resource.bpmn_xml, ResourceKind.BPMN).workflows
    assert list(again.nodes) == list(resource.workflows[0].nodes)
    assert list(again.flows) == list(resource.workflows[0].flows)


def test_goto_an_earlier_task_reconnects_instead_of_creating_it_again() -> None:
    workflow = _workflow(
        b"name: loop\ntasks:\n"
        b"  - {id: a, type: a}\n"
        b"  - id: b\n    type: b\n    switch:\n      - {case: '=again', goto: a}\n      - {default: c}\n"
        b"  - {id: c, type: c}\n"
    )
    assert list(workflow.nodes) == ["loop", "startEvent_1", "a", "b", "split-b", "c", "endEvent_1"]
    assert [(f.source_id, f.target_id) for f in workflow.flows.values()] == [
        ("startEvent_1", "a"),
        ("a", "b"),
        ("b", "split-b"),
        ("split-b", "a"),
        ("split-b", "c"),
        ("c", "endEvent_1"),
    ]
    assert workflow.flow("sequenceFlow_4").condition is not None
    assert workflow.flow("sequenceFlow_4").condition.text == "again"  # type: ignore[union-attr]


def test_an_unknown_goto_target_is_rejected_with_zeebes_text() -> None:
    report = _rejection(b"name: p\ntasks:\n  - {id: a, type: a, goto: nowhere}\n")
    assert report == "Expected to add task with id 'nowhere', but no task definition with that id exists"


def test_a_case_without_goto_names_the_empty_task_id() -> None:
    report = _rejection(b"name: p\ntasks:\n  - id: a\n    type: a\n    switch: [{case: x > 1}]\n")
    assert report == "Expected to add task with id '', but no task definition with that id exists"


def test_the_generated_bpmn_is_validated_like_any_other() -> None:
    report = _rejection(b"name: p\ntasks:\n  - id: a\n    outputs: [{source: x, target: 'not a path'}]\n")
    assert report == (
        "- Element: a > extensionElements > taskDefinition\n"
        "    - ERROR: Task type must be present and not empty\n"
        "- Element: a > extensionElements > taskDefinition\n"
        "    - ERROR: Expected expression but not found.\n"
        "- Element: a > extensionElements > ioMapping > output\n"
        "    - ERROR: Expected path expression 'not a path' but doesn't match the pattern "
        "'[a-zA-Z][a-zA-Z0-9_]*(\\.[a-zA-Z][a-zA-Z0-9_]*)*'.\n"
    )


@pytest.mark.parametrize(
    ("content", "report"),
    [
        (b"tasks: [{id: a, type: a}]\n", "Expected the YAML workflow to have a name, but none given"),
        (b"name: p\n", "Expected the YAML workflow to have at least one task, but none given"),
        (b"name: p\ntasks: []\n", "Expected the YAML workflow to have at least one task, but none given"),
    ],
    ids=["no name", "no tasks", "empty tasks"],
)
def test_cases_zeebe_fails_on_internally_get_clear_texts(content: bytes, report: str) -> None:
    """Zeebe throws an internal exception here (IndexOutOfBounds, ...); docs/deployment.md lists these texts."""
    assert _rejection(content) == report


def test_a_repeated_task_id_names_its_last_definition() -> None:
    """`BpmnYamlParser` keeps tasks in a map by id (the last one wins) and starts at the first task's
    id; the next task is the one after the definition found (`tasks.indexOf`). Zeebe 0.26 deploys it."""
    workflow = _workflow(b"name: p\ntasks: [{id: a, type: first}, {id: b, type: b}, {id: a, type: last}]\n")
    assert workflow.node("a").job_type.text == "last"  # type: ignore[attr-defined]
    assert "b" not in workflow.nodes
    assert [(flow.source_id, flow.target_id) for flow in workflow.flows.values()] == [
        ("startEvent_1", "a"),
        ("a", "endEvent_1"),
    ]


def test_expressions_already_prefixed_are_kept() -> None:
    workflow = _workflow(b"name: p\ntasks:\n  - id: a\n    type: a\n    inputs: [{source: '=x + 1', target: y}]\n")
    task = workflow.node("a")
    assert [(m.source.text, m.target) for m in task.input_mappings] == [("x + 1", "y")]


def test_task_ids_that_look_like_qualified_names_are_connected() -> None:
    """Zeebe's builder links elements directly; the generated XML must resolve `a:b` as the id itself."""
    workflow = _workflow(b"name: p\ntasks:\n  - {id: 'a:b', type: t}\n  - {id: c, type: t}\n")
    assert [(flow.source_id, flow.target_id) for flow in workflow.flows.values()] == [
        ("startEvent_1", "a:b"),
        ("a:b", "c"),
        ("c", "endEvent_1"),
    ]
