"""The model the engine executes, read from the valid corpus files."""

from __future__ import annotations

from pytest_zeebe.model import (
    BoundaryEvent,
    BpmnElementType,
    CallActivity,
    Container,
    EndEvent,
    EventKind,
    ExclusiveGateway,
    IntermediateCatchEvent,
    ReceiveTask,
    ResourceKind,
    ServiceTask,
    StartEvent,
    TimerKind,
    Workflow,
    transform_resource,
)
from tests.model.corpus_expectations import CORPUS


def _workflows(name: str) -> dict[str, Workflow]:
    resource = transform_resource((CORPUS / "valid" / name).read_bytes(), ResourceKind.BPMN)
    return {workflow.bpmn_process_id: workflow for workflow in resource.workflows}


def test_service_task_job_headers_and_mappings() -> None:
    workflow = _workflows("order_process.bpmn")["order-process"]
    task = workflow.node("collect-money")
    assert isinstance(task, ServiceTask)
    assert (task.job_type.text, task.job_retries.text) == ("payment-service", "5")  # type: ignore[union-attr]
    assert task.headers == (("method", "VISA"),)  # Zeebe drops headers with an empty key or value
    assert [(m.source.text, m.target) for m in task.input_mappings] == [("order.total", "price")]
    assert [(m.source.text, m.target) for m in task.output_mappings] == [("paid", "payment.done")]
    dynamic = workflow.node("ship-with-insurance")
    assert isinstance(dynamic, ServiceTask) and dynamic.job_type is not None
    assert (dynamic.job_type.is_static, dynamic.job_type.text) == (False, '"ship-" + carrier')
    plain = workflow.node("ship-without-insurance")
    assert isinstance(plain, ServiceTask) and plain.job_retries is not None and plain.job_retries.text == "3"


def test_process_scope_flows_and_default_flow() -> None:
    workflow = _workflows("order_process.bpmn")["order-process"]
    process = workflow.process
    assert process.element_type is BpmnElementType.PROCESS and process.name == "Order process"
    assert process.none_start_event_id == "StartEvent_1"
    assert process.child_ids[0] == "StartEvent_1" and "EndEvent_plain" in process.child_ids
    gateway = workflow.node("Gateway_insured")
    assert isinstance(gateway, ExclusiveGateway)
    assert gateway.outgoing == ("Flow_insured", "Flow_default")
    assert gateway.default_flow_id == "Flow_default"
    condition = workflow.flow("Flow_insured").condition
    assert condition is not None and condition.text.strip() == "order.total > 100"
    assert workflow.flow("Flow_default").condition is None
    assert all(node.flow_scope_id == "order-process" for node in workflow.nodes.values() if node is not process)


def test_message_catch_elements_and_boundary_events() -> None:
    workflow = _workflows("messages.bpmn")["messages"]
    start = workflow.node("created")
    assert isinstance(start, StartEvent) and start.event_kind is EventKind.MESSAGE
    assert start.message is not None and start.message.correlation_key is None
    assert workflow.process.none_start_event_id is None
    task = workflow.node("wait-for-payment")
    assert isinstance(task, ReceiveTask) and task.message is not None
    assert (task.message.name.text, task.message.correlation_key.text) == ("payment-received", "orderId")  # type: ignore[union-attr]
    assert task.boundary_event_ids == ("cancelled",)
    boundary = workflow.node("cancelled")
    assert isinstance(boundary, BoundaryEvent)
    assert (boundary.attached_to_id, boundary.cancel_activity, boundary.event_kind) == (
        "wait-for-payment",
        False,
        EventKind.MESSAGE,
    )


def test_timers_of_start_intermediate_and_boundary_events() -> None:
    nightly = _workflows("timer_start.bpmn")["nightly"]
    cycle = nightly.node("every-hour")
    assert isinstance(cycle, StartEvent) and cycle.timer is not None
    assert (cycle.timer.kind, cycle.timer.expression.text) == (TimerKind.CYCLE, "R3/PT1H")
    assert nightly.process.start_event_ids == ("every-hour", "at-new-year", "computed-cycle", "manual")
    assert nightly.process.none_start_event_id == "manual"
    wait = _workflows("intermediate_timers.bpmn")["wait"]
    date = wait.node("until-date")
    assert isinstance(date, IntermediateCatchEvent) and date.timer is not None
    assert (date.timer.kind, date.timer.expression.text) == (TimerKind.DATE, "2021-06-01T12:00:00Z")
    errors = _workflows("error_boundary.bpmn")["errors"]
    timeout = errors.node("after-a-minute")
    assert isinstance(timeout, BoundaryEvent) and timeout.timer is not None
    assert timeout.timer.kind is TimerKind.DURATION


def test_embedded_and_event_sub_processes() -> None:
    workflow = _workflows("subprocesses.bpmn")["subprocesses"]
    sub = workflow.node("handle")
    assert isinstance(sub, Container) and sub.element_type is BpmnElementType.SUB_PROCESS
    assert (sub.none_start_event_id, sub.triggered_by_event) == ("sub-start", False)
    assert sub.child_ids == ("sub-start", "work", "sub-end", "on-cancel")
    assert sub.event_sub_process_ids == ("on-cancel",)
    assert workflow.node("work").flow_scope_id == "handle"
    assert [m.target for m in sub.input_mappings] == ["local.items"]
    assert sub.boundary_event_ids == ("reminder",)
    assert workflow.process.event_sub_process_ids == ("on-timeout", "on-error")
    timeout_sub = workflow.node("on-timeout")
    assert isinstance(timeout_sub, Container) and timeout_sub.triggered_by_event
    assert timeout_sub.element_type is BpmnElementType.SUB_PROCESS
    assert timeout_sub.start_event_ids == ("timeout",) and timeout_sub.none_start_event_id is None
    timeout = workflow.node("timeout")
    assert isinstance(timeout, StartEvent) and not timeout.interrupting and timeout.event_kind is EventKind.TIMER
    failed = workflow.node("failed")
    assert isinstance(failed, StartEvent) and (failed.event_kind, failed.error_code) == (EventKind.ERROR, "FAILED")
    assert failed.interrupting


def test_error_end_and_error_boundary_events() -> None:
    workflow = _workflows("error_boundary.bpmn")["errors"]
    end = workflow.node("throw-invalid")
    assert isinstance(end, EndEvent) and (end.event_kind, end.error_code) == (EventKind.ERROR, "INVALID")
    catch = workflow.node("on-invalid")
    assert isinstance(catch, BoundaryEvent) and (catch.event_kind, catch.error_code) == (EventKind.ERROR, "INVALID")
    assert workflow.node("validate").boundary_event_ids == ("on-invalid", "on-timeout", "after-a-minute")


def test_call_activities() -> None:
    workflows = _workflows("call_activity.bpmn")
    call = workflows["parent"].node("call-child")
    assert isinstance(call, CallActivity) and call.called_process_id is not None
    assert (call.called_process_id.text, call.propagate_all_child_variables) == ("child", False)
    dynamic = workflows["parent"].node("call-dynamic")
    assert isinstance(dynamic, CallActivity) and dynamic.propagate_all_child_variables
    assert dynamic.called_process_id is not None and not dynamic.called_process_id.is_static


def test_multi_instance_characteristics() -> None:
    workflow = _workflows("multi_instance.bpmn")["multi-instance"]
    parallel = workflow.node("notify-each").multi_instance
    assert parallel is not None and not parallel.is_sequential
    assert parallel.input_collection.text == "customers"
    assert (parallel.input_element, parallel.output_collection) == ("customer", "results")
    assert parallel.output_element is not None and parallel.output_element.text == "result"
    sequential = workflow.node("review-each").multi_instance
    assert sequential is not None and sequential.is_sequential
    assert (sequential.input_element, sequential.output_collection, sequential.output_element) == (None, None, None)


def test_only_supported_flow_nodes_become_nodes() -> None:
    workflow = _workflows("artifacts_and_lanes.bpmn")["artifacts"]
    assert list(workflow.nodes) == ["artifacts", "start", "task"]


def test_event_based_gateway_targets() -> None:
    workflow = _workflows("event_based_gateway.bpmn")["wait-for-answer"]
    gateway = workflow.node("Gateway_wait")
    assert gateway.element_type is BpmnElementType.EVENT_BASED_GATEWAY
    targets = [workflow.flow(flow).target_id for flow in gateway.outgoing]
    kinds = [workflow.node(target).event_kind for target in targets]  # type: ignore[attr-defined]
    assert kinds == [EventKind.MESSAGE, EventKind.TIMER]


def test_flows_without_references_still_connect_the_nodes() -> None:
    workflow = _workflows("without_flow_references.bpmn")["minimal"]
    assert workflow.node("split").outgoing == ("f2", "f3")
    assert workflow.node("end").incoming == ("f3", "f4")
